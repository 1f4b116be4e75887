#pragma once
// Human output: aligned columns, emphasis on a terminal only.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "search-cli/context.hpp"

namespace foialens::cli {

// ANSI bold / dim / colour when ctx.color, the plain text otherwise.
std::string bold(const Context& ctx, std::string_view s);
std::string dim(const Context& ctx, std::string_view s);
std::string red(const Context& ctx, std::string_view s);
std::string yellow(const Context& ctx, std::string_view s);
std::string green(const Context& ctx, std::string_view s);

// A table printed with columns aligned to the widest cell (by code points); the last
// column is not padded. Cells may hold colour codes: they do not count toward width.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  std::string render(const Context& ctx) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// "[=========>          ]  120/300 pages  0:14 left", redrawn in place on stderr at most
// ten times a second; nothing when disabled (stderr is not a terminal, --quiet, --json).
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::string unit)
      : enabled_(enabled), unit_(std::move(unit)), start_(Clock::now()) {}
  ~ProgressBar() { clear(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::string unit_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_{};
};

// Visible width of `s` in code points, ignoring ANSI escape sequences.
std::size_t display_width(std::string_view s);

}  // namespace foialens::cli

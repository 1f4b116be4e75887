#include "search-cli/output.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "common/paths.hpp"

namespace foialens::cli {

std::filesystem::path Context::home() const { return paths::resolve_home(home_flag); }

namespace {
std::string wrap(const Context& ctx, std::string_view code, std::string_view s) {
  if (!ctx.color) return std::string(s);
  return std::string("\x1b[") + std::string(code) + "m" + std::string(s) + "\x1b[0m";
}
}  // namespace

std::string bold(const Context& ctx, std::string_view s) { return wrap(ctx, "1", s); }
std::string dim(const Context& ctx, std::string_view s) { return wrap(ctx, "2", s); }
std::string red(const Context& ctx, std::string_view s) { return wrap(ctx, "31", s); }
std::string yellow(const Context& ctx, std::string_view s) { return wrap(ctx, "33", s); }
std::string green(const Context& ctx, std::string_view s) { return wrap(ctx, "32", s); }

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string Table::render(const Context& ctx) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  const auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  std::string out;
  const auto emit = [&](const std::vector<std::string>& row, bool is_header) {
    std::string line;
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      const std::string cell = is_header ? bold(ctx, row[c]) : row[c];
      line += cell;
      if (c + 1 < row.size()) line.append(widths[c] - display_width(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  emit(header_, true);
  for (const auto& row : rows_) emit(row, false);
  return out;
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = Clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / total);
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string eta;
  if (done > 0 && done < total) {
    const auto left = static_cast<long>(elapsed / static_cast<double>(done) *
                                        static_cast<double>(total - done));
    eta = fmt::format("  {}:{:02} left", left / 60, left % 60);
  }
  std::fprintf(stderr, "\r[%s] %zu/%zu %s%s\x1b[K", bar.c_str(), done, total, unit_.c_str(), eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (drawn_) std::fprintf(stderr, "\r\x1b[K");
  drawn_ = false;
}

}  // namespace foialens::cli

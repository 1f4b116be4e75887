#pragma once
// Small helpers for reading the tracker's TOML data files (internal to tracker/).

#include <toml++/toml.h>

#include <optional>
#include <string>

#include "common/date.hpp"
#include "common/error.hpp"

namespace foialens::tracker::detail {

// Parses `text`; the error names `origin` and the line of the syntax error.
inline Result<toml::table> parse_toml(std::string_view text, const std::string& origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return Error::run(origin + ":" + std::to_string(e.source().begin.line) +
                      ": invalid TOML: " + std::string(e.description()));
  }
}

inline std::string str(const toml::node_view<const toml::node>& n, std::string fallback = {}) {
  return n.value_or(std::move(fallback));
}

inline std::optional<Weekday> weekday_from(std::string_view s) {
  static constexpr std::string_view kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (s == kNames[i]) return static_cast<Weekday>(i);
  }
  return std::nullopt;
}

}  // namespace foialens::tracker::detail

#pragma once
// `conflicts`, `agreements`, `references` and `report`: what the analysis found, as JSON.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/agreements.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/references.hpp"
#include "analysis/rules.hpp"
#include "common/date.hpp"
#include "tracker/tracker.hpp"

namespace foialens::api {

// A clause with its evidence between `open` and `close`, cut to `window` bytes around the
// evidence when window > 0, spaces squashed: the "highlighted" of a finding.
std::string highlighted(const std::string& text, const std::vector<analysis::Span>& spans, std::size_t window,
                        std::string_view open = "[", std::string_view close = "]");

// `conflicts --json`: one object per finding, then one per dismissal (with --explain).
std::string conflicts_json(const analysis::ConflictReport& report, const analysis::RuleSet& rules);

// `agreements --json`: one object per agreement.
std::string agreements_json(const std::vector<analysis::Agreement>& agreements);

// `references --json`: one object per reference, with the request it would take.
std::string references_json(const std::vector<const analysis::Reference*>& references);

// Reference keys that records requests name ("reference:KEY" as source or tag), lower-case.
// No tracker.db yet means none; `warning` says why the requests could not be read.
std::set<std::string> requested_reference_keys(const std::filesystem::path& home, std::string& warning);

// `report`: the morning summary.
struct Report {
  Date today;
  // Records requests (when the home has any): those late, due within kSoonDays or appealable.
  bool requests_present = false;
  std::optional<tracker::Tracker> tracker;  // owns the agencies and laws the views point to
  std::vector<tracker::RequestView> attention;
  std::size_t open = 0, late = 0, soon = 0, appealable = 0;
  // The library (when there is an index).
  bool library_present = false;
  index::IndexStats stats;
  std::size_t low_confidence_pages = 0;
  // Conflicts with the rule set (when it could run): counts per document title.
  bool conflicts_present = false;
  std::string policy;
  std::size_t conflicts = 0, reviews = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_document;  // title -> conflict, review
  std::vector<analysis::Reference> unresolved;  // instruments cited that nobody holds
  std::vector<std::string> warnings;            // parts left out, and why: whole messages
};
inline constexpr int kSoonDays = 7;

// Fails (scope run) when there is neither an index nor a records request.
Result<Report> report(const std::filesystem::path& home, Date today, const std::filesystem::path& rules);
// `report --json`.
std::string report_json(const Report& report);

}  // namespace foialens::api

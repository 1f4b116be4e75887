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
#include "analysis/library.hpp"
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

// `report`: the morning summary, built in the order the command prints its warnings:
// the records requests, then the library's counts, its conflicts and the instruments
// nobody holds (those three when there is an analysed library).
struct Report {
  Date today;
  // Records requests (when the home has any): those late, due within kSoonDays or appealable.
  bool requests_present = false;
  std::optional<tracker::Tracker> tracker;  // owns the agencies and laws the views point to
  std::vector<tracker::RequestView> attention;
  std::size_t open = 0, late = 0, soon = 0, appealable = 0;
  // The library.
  bool library_present = false;
  std::size_t documents = 0, pages = 0, ocr_pages = 0, low_confidence_pages = 0;
  // Conflicts with the rule set: counts per document title.
  bool conflicts_present = false;
  std::string policy;
  std::size_t conflicts = 0, reviews = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_document;  // title -> conflict, review
  std::vector<analysis::Reference> unresolved;  // instruments cited that nobody holds
  // Parts left out, and why (whole messages), not yet shown: the caller shows and clears them.
  std::vector<std::string> warnings;
};
inline constexpr int kSoonDays = 7;

Report report_requests(const std::filesystem::path& home, Date today);
void report_library(Report& report, const analysis::Library& library);
// `rules` is the rule set of `rules_path` among those the library was loaded with, or null
// when it could not be loaded.
void report_conflicts(Report& report, const analysis::Library& library, const analysis::RuleSet* rules,
                      const std::filesystem::path& rules_path);
void report_references(Report& report, const analysis::Library& library, const std::set<std::string>& requested_keys);
// Whether there is anything to report; otherwise the error says what to do first.
Status report_ready(const Report& report);
// `report --json`.
std::string report_json(const Report& report);

}  // namespace foialens::api

#pragma once
// Imports requests from a FOIA log (CSV, by default the City of Chicago's columns) or from
// MuckRock's FOIA API JSON. An import is all or nothing: every row is checked first, the
// problems are reported with their line (CSV) or record number (JSON), and only a clean
// input is written, in one transaction.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "tracker/http_fetch.hpp"
#include "tracker/tracker.hpp"

namespace foialens::tracker {

struct ImportProblem {
  std::string where;  // "line 7" or "record 3 (MuckRock 1234)"
  std::string message;
};

struct ImportReport {
  std::vector<long> added;       // ids of the new requests
  int skipped = 0;               // already imported earlier (same source)
  std::vector<ImportProblem> problems;  // when not empty, nothing was written
  bool ok() const { return problems.empty(); }
};

struct CsvImportOptions {
  std::string origin;  // the file name, for the source of each request
  // field -> column header; fields: filed, tracking, requester, organization, subject,
  // agency_due, agency, law, tags. Columns not given use the defaults.
  std::map<std::string, std::string> mapping;
  std::string agency;  // for every row when no agency column
  std::string law;     // overrides the agency's default law
  std::vector<std::string> tags;
};

// The fields a mapping may name.
const std::vector<std::string>& csv_fields();

ImportReport import_csv(Tracker& tracker, std::string_view text, const CsvImportOptions& options);

struct MuckRockImportOptions {
  std::string origin;
  std::string agency;  // for records whose agency is a MuckRock number or missing
  std::string law;
  std::vector<std::string> tags;
  bool notes = true;  // communications as note events
};

ImportReport import_muckrock(Tracker& tracker, const std::vector<std::string>& pages,
                             const MuckRockImportOptions& options);

// Fetches a MuckRock API URL, following "next" links (up to `max_pages`).
Result<std::vector<std::string>> fetch_muckrock(const std::string& url, const FetchOptions& fetch,
                                                int max_pages = 50);

// A date as FOIA logs write it: 2016-05-13, 05/13/2016, 5/13/2016, with an optional time
// after it ("05/13/2016 12:00:00 AM", "2016-05-13T10:22:01Z").
Result<Date> parse_log_date(std::string_view text);

}  // namespace foialens::tracker

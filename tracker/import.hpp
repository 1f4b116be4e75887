#pragma once
// Imports requests from FOIA logs as CSV (the City of Chicago's department logs, the data
// portal's API export, MuckRock's CSV, foialens's own export, or any layout named with
// --map) and from MuckRock's API (v1 before and after 2018, v2).
//
// A request's identity comes from its content: the agency and its tracking number, else
// the agency, the receipt date, the requester and the description (normalised). The same
// row is the same request wherever it sits in whichever file: importing a log again adds
// nothing, a newer download adds only its new rows, and a row that changed updates its
// request and logs a note saying what changed.
//
// An import is all or nothing unless `skip_bad` is set: every row is checked first, the
// problems are reported with their line (CSV) or record number (JSON), and only a clean
// input is written, in one transaction.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "tracker/tracker.hpp"

namespace foialens::tracker {

struct ImportProblem {
  std::string where;  // "line 7" or "record 3 (MuckRock 1234)"
  std::string message;
};

struct ImportReport {
  std::string profile;            // the layout read: "chicago-police", "muckrock-v2"...
  std::string profile_name;       // in words: "City of Chicago, Police Department log"
  std::vector<long> added;        // ids of the new requests
  std::vector<long> updated;      // existing requests this import changed
  int unchanged = 0;              // rows already imported as they are
  int closed = 0;                 // rows imported (or updated) as closed history
  int skipped_bad = 0;            // rows left out with skip_bad (an unknown agency counts its rows)
  std::vector<ImportProblem> problems;  // with skip_bad: the rows left out; else nothing written
  std::vector<ImportProblem> warnings;  // written, but worth knowing
  bool written = false;           // something was (or could have been) written
  bool ok() const { return problems.empty() || written; }
  bool partial() const { return skipped_bad > 0; }
};

// Options shared by every import.
struct ImportCommon {
  std::string origin;   // file name or URL, for notes and sources
  std::string agency;   // fallback for rows that name no agency
  std::string law;      // overrides the agency's default law
  std::vector<std::string> tags;
  Date today = Date::today();          // received dates after this are errors
  std::optional<Date> as_of;           // the date a historic log was taken
  std::optional<Date> closed_before;   // rows received before this are closed history
  bool skip_bad = false;               // import the good rows, report the others
};

struct CsvImportOptions : ImportCommon {
  std::string profile;  // empty: detected from the header
  std::size_t max_rows = 1'000'000;  // a bound on the work one file may ask for
  // field -> column headers, joined when several ("Requestor First Name,Requestor Last
  // Name"). Fields: see csv_fields(). Fields not given come from the profile.
  std::map<std::string, std::string> mapping;
};

// The fields a mapping may name.
const std::vector<std::string>& csv_fields();

struct CsvProfileInfo {
  std::string id;           // "chicago-police"
  std::string description;  // "City of Chicago, Police Department FOIA log"
};
// The CSV layouts foialens knows, in the order they are tried.
std::vector<CsvProfileInfo> csv_profiles();

ImportReport import_csv(Tracker& tracker, std::string_view text, const CsvImportOptions& options);

// Gets the body of a URL. The tracker does not fetch by itself: the caller passes the
// library's fetcher (ingest's libcurl adapter), so one place speaks HTTP.
using UrlFetcher = std::function<Result<std::string>(const std::string& url)>;
// The name of MuckRock agency `id`.
using MuckRockAgencyLookup = std::function<Result<std::string>(long id)>;

struct MuckRockImportOptions : ImportCommon {
  bool notes = true;                      // communications as note events
  std::map<long, std::string> agency_map; // MuckRock agency id -> agency (id, name or alias)
  MuckRockAgencyLookup lookup;            // asks MuckRock; answers are cached in tracker.db
};

ImportReport import_muckrock(Tracker& tracker, const std::vector<std::string>& pages,
                             const MuckRockImportOptions& options);

// Fetches a MuckRock API URL with `fetch`, following "next" links (up to `max_pages`).
Result<std::vector<std::string>> fetch_muckrock(const std::string& url, const UrlFetcher& fetch,
                                                int max_pages = 50);

// The API root of a MuckRock URL ("https://www.muckrock.com/api_v1"), empty when the URL
// is not a MuckRock API URL.
std::string muckrock_api_root(const std::string& url);
// Looks agency ids up at `api_root` (v1: /agency/ID/, v2: /agencies/ID/).
MuckRockAgencyLookup muckrock_agency_lookup(const std::string& api_root, UrlFetcher fetch);

// "248,cpd" or "248 = Chicago Police Department" per line; # starts a comment.
Result<std::map<long, std::string>> parse_agency_map(std::string_view text, const std::string& origin);

// The identity of an imported request (see the top of this file).
std::string import_key(std::string_view agency, std::string_view tracking, Date filed,
                       std::string_view requester, std::string_view subject);

// A date as FOIA logs write it: 2016-05-13, 05/13/2016, 5/13/2016, with an optional time
// after it ("05/13/2016 12:00:00 AM", "2016-05-13T10:22:01Z", "2010-05-03T00:00:00.000").
Result<Date> parse_log_date(std::string_view text);

}  // namespace foialens::tracker

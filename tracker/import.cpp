#include "tracker/import.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "common/text.hpp"
#include "tracker/csv.hpp"

namespace foialens::tracker {
namespace {

using nlohmann::json;

// Header names seen in FOIA logs, the City of Chicago's first.
const std::map<std::string, std::vector<std::string>>& default_columns() {
  static const std::map<std::string, std::vector<std::string>> kColumns = {
      {"filed", {"date received", "received date", "date request received", "received", "date filed", "filed"}},
      {"tracking", {"request number", "foia request number", "request id", "tracking number",
                    "reference number", "request no", "request #", "tracking"}},
      {"requester", {"requestor name", "requester name", "requestor", "requester", "name"}},
      {"organization", {"organization", "organisation", "requestor organization", "company"}},
      {"subject", {"description of request", "description", "request description", "subject", "summary"}},
      {"agency_due", {"due date", "date due", "due"}},
      {"agency", {"agency", "department"}},
      {"law", {"law"}},
      {"tags", {"tags"}},
  };
  return kColumns;
}

std::string norm_header(std::string_view h) {
  return text::lower_ascii(text::squash_spaces(h));
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> split_tags(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view part : text::split(s, ';')) {
    for (std::string_view p : text::split(part, ',')) {
      if (!text::trim(p).empty()) out.emplace_back(text::trim(p));
    }
  }
  return out;
}

// Writes `rows` when none has a problem; all in one transaction.
struct Pending {
  std::string where;
  NewRequest request;
  Date filed;
  std::vector<Event> events;
  std::vector<TrackingNumber> extra_tracking;
};

ImportReport write_all(Tracker& tracker, std::vector<Pending>& rows, ImportReport report) {
  if (!report.problems.empty()) return report;
  auto existing = tracker.store().requests();
  if (!existing) {
    report.problems.push_back({"input", existing.error().message});
    return report;
  }
  std::set<std::string> seen;
  for (const RequestRecord& r : *existing) {
    if (!r.source.empty()) seen.insert(r.source);
  }
  std::vector<long> added;
  int skipped = 0;
  Status st = tracker.store().transaction([&]() -> Status {
    for (Pending& p : rows) {
      if (seen.count(p.request.source)) {
        ++skipped;
        continue;
      }
      seen.insert(p.request.source);
      auto record = tracker.prepare(p.request);
      if (!record) return Error::input(p.where + ": " + record.error().message);
      for (const TrackingNumber& t : p.extra_tracking) record->tracking.push_back(t);
      auto id = tracker.store().add_request(*record, p.filed);
      if (!id) return id.error();
      for (const Event& e : p.events) {
        if (Status s = tracker.log(*id, e); !s) return Error::input(p.where + ": " + s.error().message);
      }
      added.push_back(*id);
    }
    return Ok{};
  });
  if (!st) {
    report.problems.push_back({"input", st.error().message});
    return report;
  }
  report.added = std::move(added);
  report.skipped = skipped;
  return report;
}

}  // namespace

const std::vector<std::string>& csv_fields() {
  static const std::vector<std::string> kFields = {"filed", "tracking", "requester", "organization",
                                                   "subject", "agency_due", "agency", "law", "tags"};
  return kFields;
}

Result<Date> parse_log_date(std::string_view raw) {
  std::string_view s = text::trim(raw);
  if (const auto cut = s.find_first_of(" T"); cut != std::string_view::npos) s = s.substr(0, cut);
  if (s.size() == 10 && s[4] == '-') return Date::parse_iso(s);
  const auto parts = text::split(s, '/');
  if (parts.size() == 3) {
    int m = 0, d = 0, y = 0;
    const auto num = [](std::string_view p, int& out) {
      return !p.empty() && std::from_chars(p.data(), p.data() + p.size(), out).ptr == p.data() + p.size();
    };
    if (num(parts[0], m) && num(parts[1], d) && num(parts[2], y) && parts[2].size() == 4) {
      if (auto date = Date::make(y, m, d)) return *date;
      return Error::input("invalid date '" + std::string(raw) + "': no such day");
    }
  }
  return Error::input("invalid date '" + std::string(raw) + "': expected YYYY-MM-DD or MM/DD/YYYY");
}

ImportReport import_csv(Tracker& tracker, std::string_view content, const CsvImportOptions& opt) {
  ImportReport report;
  const auto problem = [&](std::string where, std::string msg) {
    report.problems.push_back({std::move(where), std::move(msg)});
  };
  if (text::trim(content).empty()) {
    problem("line 1", "the file is empty: expected a header row and at least one request");
    return report;
  }
  if (!text::is_valid_utf8(content)) {
    // Name the first line with a bad byte so that it can be found.
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= content.size(); ++i) {
      if (i == content.size() || content[i] == '\n') {
        if (!text::is_valid_utf8(content.substr(start, i - start))) break;
        ++line;
        start = i + 1;
      }
    }
    problem("line " + std::to_string(line), "not valid UTF-8 (save the file as UTF-8 and import again)");
    return report;
  }
  auto rows = csv::parse(content);
  if (!rows) {
    problem("input", rows.error().message);
    return report;
  }
  if (rows->size() < 2) {
    problem("line 1", "no requests: the file has a header row only");
    return report;
  }
  const csv::Row& header = rows->front();
  std::map<std::string, std::size_t> index;  // normalised header -> column
  for (std::size_t i = 0; i < header.fields.size(); ++i) index.emplace(norm_header(header.fields[i]), i);

  std::map<std::string, std::size_t> column;  // field -> column
  static const std::map<std::string, std::string> kFieldAliases = {
      {"received", "filed"},       {"date", "filed"},          {"description", "subject"},
      {"due", "agency_due"},       {"due_date", "agency_due"}, {"number", "tracking"},
      {"request_number", "tracking"}, {"organisation", "organization"}, {"requestor", "requester"}};
  for (const auto& [given, name] : opt.mapping) {
    const auto alias = kFieldAliases.find(given);
    const std::string field = alias == kFieldAliases.end() ? given : alias->second;
    if (std::find(csv_fields().begin(), csv_fields().end(), field) == csv_fields().end()) {
      problem("--map", "unknown field '" + given + "' (fields: filed, tracking, requester, organization, "
                       "subject, agency_due, agency, law, tags)");
      continue;
    }
    const auto it = index.find(norm_header(name));
    if (it == index.end()) {
      std::string have;
      for (const std::string& h : header.fields) have += (have.empty() ? "" : ", ") + h;
      problem("line " + std::to_string(header.line), "--map " + given + "=" + name +
                                                         ": no such column (the columns are: " + have + ")");
      continue;
    }
    column[field] = it->second;
  }
  for (const auto& [field, names] : default_columns()) {
    if (column.count(field)) continue;
    for (const std::string& n : names) {
      if (auto it = index.find(n); it != index.end()) {
        column[field] = it->second;
        break;
      }
    }
  }
  for (const char* required : {"filed", "subject"}) {
    if (!column.count(required)) {
      problem("line " + std::to_string(header.line),
              std::string("no column for '") + required + "' (name it with --map " + required +
                  "=COLUMN)");
    }
  }
  if (!column.count("agency") && opt.agency.empty()) {
    problem("line " + std::to_string(header.line), "no agency column: give --agency for every row");
  }
  if (!report.problems.empty()) return report;

  std::vector<Pending> pending;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const csv::Row& row = (*rows)[r];
    const std::string where = "line " + std::to_string(row.line);
    const auto get = [&](const std::string& field) -> std::string {
      const auto it = column.find(field);
      if (it == column.end() || it->second >= row.fields.size()) return {};
      return std::string(text::trim(row.fields[it->second]));
    };
    if (row.fields.size() != header.fields.size()) {
      problem(where, "expected " + std::to_string(header.fields.size()) + " columns, found " +
                         std::to_string(row.fields.size()));
      continue;
    }
    Pending p;
    p.where = where;
    auto filed = parse_log_date(get("filed"));
    if (!filed) {
      problem(where, "received date: " + filed.error().message);
      continue;
    }
    p.filed = *filed;
    if (const std::string due = get("agency_due"); !due.empty()) {
      auto d = parse_log_date(due);
      if (!d) {
        problem(where, "due date: " + d.error().message);
        continue;
      }
      p.request.agency_due = *d;
    }
    p.request.agency = column.count("agency") && !get("agency").empty() ? get("agency") : opt.agency;
    p.request.law = !get("law").empty() ? get("law") : opt.law;
    p.request.subject = get("subject");
    p.request.requester = get("requester");
    p.request.organization = get("organization");
    p.request.filed = p.filed;
    p.request.tags = opt.tags;
    for (const std::string& t : split_tags(get("tags"))) p.request.tags.push_back(t);
    const std::string tracking = get("tracking");
    if (!tracking.empty()) p.request.tracking.push_back(tracking);
    auto prepared = tracker.prepare(p.request);
    if (!prepared) {
      problem(where, prepared.error().message);
      continue;
    }
    p.request.source = tracking.empty() ? "csv:" + opt.origin + ":" + std::to_string(row.line)
                                        : "csv:" + prepared->agency + ":" + tracking;
    pending.push_back(std::move(p));
  }
  return write_all(tracker, pending, std::move(report));
}

namespace {

std::string json_string(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

std::optional<EventKind> muckrock_status(std::string_view s) {
  if (s == "ack" || s == "processed") return EventKind::acknowledged;
  if (s == "fix") return EventKind::fix_required;
  if (s == "payment") return EventKind::fee_requested;
  if (s == "rejected") return EventKind::denied;
  if (s == "no_docs") return EventKind::no_records;
  if (s == "done") return EventKind::records_released;
  if (s == "partial") return EventKind::partial_response;
  if (s == "abandoned") return EventKind::withdrawn;
  if (s == "appealing") return EventKind::appealed;
  return std::nullopt;  // submitted, started, lawsuit...: nothing beyond 'filed'
}

// The line of byte `offset` in `text`, from 1.
std::size_t line_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

}  // namespace

ImportReport import_muckrock(Tracker& tracker, const std::vector<std::string>& pages,
                             const MuckRockImportOptions& opt) {
  ImportReport report;
  const auto problem = [&](std::string where, std::string msg) {
    report.problems.push_back({std::move(where), std::move(msg)});
  };
  std::vector<json> records;
  for (std::size_t page = 0; page < pages.size(); ++page) {
    const std::string& body = pages[page];
    const std::string where = pages.size() > 1 ? "page " + std::to_string(page + 1) : "input";
    if (text::trim(body).empty()) {
      problem(where, "empty input: expected MuckRock FOIA JSON");
      continue;
    }
    if (!text::is_valid_utf8(body)) {
      problem(where, "not valid UTF-8");
      continue;
    }
    json doc;
    try {
      doc = json::parse(body);
    } catch (const json::parse_error& e) {
      problem(where + ", line " + std::to_string(line_of(body, e.byte > 0 ? e.byte - 1 : 0)),
              "malformed JSON: " + std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
      continue;
    }
    if (doc.is_object() && doc.contains("results")) {
      if (!doc["results"].is_array()) {
        problem(where, "'results' is not an array");
        continue;
      }
      for (json& r : doc["results"]) records.push_back(std::move(r));
    } else if (doc.is_array()) {
      for (json& r : doc) records.push_back(std::move(r));
    } else if (doc.is_object()) {
      records.push_back(std::move(doc));
    } else {
      problem(where, "expected a FOIA object, an array or {\"results\": [...]}");
    }
  }
  if (!report.problems.empty()) return report;
  if (records.empty()) {
    problem("input", "no FOIA records in the input");
    return report;
  }

  std::vector<Pending> pending;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const json& r = records[i];
    std::string where = "record " + std::to_string(i + 1);
    if (!r.is_object()) {
      problem(where, "not an object");
      continue;
    }
    const std::string mr_id = json_string(r, "id");
    if (!mr_id.empty()) where += " (MuckRock " + mr_id + ")";
    if (mr_id.empty()) {
      problem(where, "no 'id'");
      continue;
    }
    Pending p;
    p.where = where;
    p.request.source = "muckrock:" + mr_id;
    p.request.subject = json_string(r, "title");
    if (p.request.subject.empty()) {
      problem(where, "no 'title'");
      continue;
    }
    const std::string submitted = json_string(r, "datetime_submitted");
    if (submitted.empty()) {
      problem(where, "no 'datetime_submitted' (a draft that was never filed?)");
      continue;
    }
    auto filed = parse_log_date(submitted);
    if (!filed) {
      problem(where, "datetime_submitted: " + filed.error().message);
      continue;
    }
    p.filed = *filed;
    p.request.filed = p.filed;
    if (const std::string due = json_string(r, "date_due"); !due.empty()) {
      auto d = parse_log_date(due);
      if (!d) {
        problem(where, "date_due: " + d.error().message);
        continue;
      }
      p.request.agency_due = *d;
    }
    std::string agency;
    if (const auto it = r.find("agency"); it != r.end()) {
      if (it->is_string()) agency = it->get<std::string>();
      else if (it->is_object()) agency = json_string(*it, "name");
    }
    if (agency.empty() || is_digits(agency)) {
      if (opt.agency.empty()) {
        problem(where, "the agency is a MuckRock number (" + json_string(r, "agency") +
                           "): give --agency NAME");
        continue;
      }
      agency = opt.agency;
    }
    p.request.agency = agency;
    p.request.law = opt.law;
    p.request.tags = opt.tags;
    if (const std::string t = json_string(r, "tracking_id"); !t.empty()) p.request.tracking.push_back(t);
    p.extra_tracking.push_back({"MR" + mr_id, "muckrock"});
    auto prepared = tracker.prepare(p.request);
    if (!prepared) {
      problem(where, prepared.error().message);
      continue;
    }

    Date last = p.filed;
    if (opt.notes) {
      if (const auto it = r.find("communications"); it != r.end() && it->is_array()) {
        for (const json& c : *it) {
          if (!c.is_object()) continue;
          auto when = parse_log_date(json_string(c, "datetime"));
          if (!when) continue;
          std::string body = text::squash_spaces(json_string(c, "communication"));
          const std::string from = json_string(c, "from_user") + json_string(c, "from");
          Event e;
          e.kind = EventKind::note;
          e.date = std::max(*when, p.filed);
          e.note = "MuckRock communication" + (from.empty() ? "" : " from " + from) +
                   (body.empty() ? "" : ": " + text::truncate_utf8(body, 160));
          last = std::max(last, e.date);
          p.events.push_back(std::move(e));
        }
      }
    }
    if (const auto kind = muckrock_status(json_string(r, "status"))) {
      Event e;
      e.kind = *kind;
      std::string done = json_string(r, "datetime_done");
      auto when = done.empty() ? Result<Date>(last) : parse_log_date(done);
      e.date = when ? std::max(*when, p.filed) : last;
      e.note = "status '" + json_string(r, "status") + "' on MuckRock";
      p.events.push_back(std::move(e));
    }
    pending.push_back(std::move(p));
  }
  return write_all(tracker, pending, std::move(report));
}

Result<std::vector<std::string>> fetch_muckrock(const std::string& url, const FetchOptions& fetch,
                                                int max_pages) {
  std::vector<std::string> pages;
  std::string next = url;
  while (!next.empty()) {
    if (static_cast<int>(pages.size()) >= max_pages) {
      return Error::input(url + ": more than " + std::to_string(max_pages) + " pages; narrow the query");
    }
    auto body = fetch_url(next, fetch);
    if (!body) return body.error();
    next.clear();
    try {
      const json doc = json::parse(*body);
      if (doc.is_object() && doc.contains("next") && doc["next"].is_string()) {
        next = doc["next"].get<std::string>();
      }
    } catch (const json::parse_error&) {
      // Reported with its line when the page is imported.
    }
    pages.push_back(std::move(*body));
  }
  return pages;
}

}  // namespace foialens::tracker

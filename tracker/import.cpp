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

// JSON nested deeper than this is refused: MuckRock's records are four levels deep.
constexpr int kMaxJsonDepth = 64;

// ---- shared ---------------------------------------------------------------------------

struct TooDeep {};

// Parses with a depth limit, so that a hostile body cannot exhaust the stack.
json parse_limited(const std::string& body) {
  return json::parse(body, [](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) throw TooDeep{};
    return true;
  });
}


// Lower case, letters and digits only, one space between words: what makes two spellings
// of the same description or name the same.
std::string normalise(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(c + 32);
    } else {
      space = true;
    }
  }
  return out;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view part : text::split(s, ';')) {
    for (std::string_view p : text::split(part, ',')) {
      if (!text::trim(p).empty()) out.emplace_back(text::trim(p));
    }
  }
  return out;
}

bool looks_like_html(std::string_view body) {
  const std::string head = text::lower_ascii(text::trim(body.substr(0, 512)));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
         (head.rfind("<", 0) == 0 && head.find("<body") != std::string::npos);
}

// Problems in input order: "line 7" and "record 3 (...)" by their number.
void sort_problems(std::vector<ImportProblem>& problems) {
  const auto number = [](const std::string& w) {
    for (const char* prefix : {"line ", "record "}) {
      if (w.rfind(prefix, 0) == 0) return std::atol(w.c_str() + std::string_view(prefix).size());
    }
    return 0L;
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const ImportProblem& a, const ImportProblem& b) { return number(a.where) < number(b.where); });
}

// A row or record, checked and ready to be written.
struct Pending {
  std::string where;
  NewRequest request;
  Date filed;
  std::vector<Event> events;               // besides 'filed', in order
  std::vector<TrackingNumber> tracking;    // with their kinds
  std::vector<std::string> documents;
  std::string key;                         // identity
  std::vector<std::string> other_keys;     // older identities of the same request
  bool history = false;                    // no outcome known: may be closed as history
};

// Unknown agencies are reported once each, with the rows that name them.
struct AgencyProblems {
  struct Seen {
    std::string first_where;
    std::string last_where;
    std::string message;
    int rows = 0;
  };
  std::map<std::string, Seen> by_name;
  std::vector<std::string> order;

  void add(const std::string& name, const std::string& where, const std::string& message) {
    auto [it, fresh] = by_name.try_emplace(name);
    if (fresh) {
      order.push_back(name);
      it->second.first_where = where;
      it->second.message = message;
    }
    it->second.last_where = where;
    ++it->second.rows;
  }
  int rows() const {
    int n = 0;
    for (const auto& [name, seen] : by_name) n += seen.rows;
    return n;
  }
  void report(std::vector<ImportProblem>& out) const {
    for (const std::string& name : order) {
      const Seen& s = by_name.at(name);
      std::string msg = s.message;
      if (s.rows > 1) {
        msg += " (" + std::to_string(s.rows) + " rows name it, " + s.first_where + " to " + s.last_where + ")";
      }
      out.push_back({s.first_where, msg});
    }
  }
};

// The agency of a row, by what the row names, cached so that a log of 10,000 rows
// resolves each name once.
class AgencyResolver {
 public:
  explicit AgencyResolver(const Tracker& t) : tracker_(t) {}
  const Agency* find(const std::string& name, std::string& error) {
    const auto it = cache_.find(name);
    if (it != cache_.end()) {
      error = it->second.second;
      return it->second.first;
    }
    auto found = tracker_.catalog().directory.find(name);
    const Agency* a = found ? *found : nullptr;
    std::string msg = found ? "" : found.error().message;
    cache_.emplace(name, std::make_pair(a, msg));
    error = msg;
    return a;
  }

 private:
  const Tracker& tracker_;
  std::map<std::string, std::pair<const Agency*, std::string>> cache_;
};

// Checks the dates of a row: nothing received in the future, no due date before receipt.
std::optional<std::string> date_problem(const Pending& p, Date today) {
  if (p.filed > today) {
    return "received date " + p.filed.iso() + " is in the future (today is " + today.iso() +
           "; --today DATE evaluates as of another day)";
  }
  if (p.request.agency_due && *p.request.agency_due < p.filed) {
    return "due date " + p.request.agency_due->iso() + " is before the received date " + p.filed.iso();
  }
  for (const Event& e : p.events) {
    if (e.date > today) return std::string(event_name(e.kind)) + " on " + e.date.iso() + " is in the future";
  }
  return std::nullopt;
}

bool same_event(const Event& a, const Event& b) {
  return a.kind == b.kind && a.date == b.date && a.note == b.note && a.exemptions == b.exemptions &&
         a.tracking == b.tracking && a.until == b.until;
}

// Whether a row with no known outcome is history: as of `as_of` its response is overdue
// and the window to appeal it (when the law has one for silence) has passed; or it was
// received before `closed_before`.
std::optional<Event> history_close(const Tracker& tracker, const RequestRecord& record, Date filed,
                                   const ImportCommon& opt) {
  if (opt.closed_before && filed < *opt.closed_before) {
    Event e;
    e.kind = EventKind::closed;
    e.date = std::max(filed, std::min(opt.closed_before->add_days(-1), opt.today));
    e.note = "history from " + opt.origin + ": received before " + opt.closed_before->iso() +
             ", no outcome in the log";
    return e;
  }
  if (!opt.as_of) return std::nullopt;
  auto law = tracker.catalog().law_for(record.law, record.agency);
  auto agency = tracker.catalog().directory.find(record.agency);
  if (!law || !agency) return std::nullopt;
  auto cal = tracker.catalog().calendar((*agency)->calendar);
  if (!cal) return std::nullopt;
  Event f;
  f.kind = EventKind::filed;
  f.date = filed;
  const std::vector<Event> log = {f};
  const Assessment a = assess(**law, **cal, log, *opt.as_of);
  if (a.status != RequestStatus::overdue) return std::nullopt;
  const Deadline* appeal = a.find("appeal");
  if (appeal && appeal->date && *appeal->date >= *opt.as_of) return std::nullopt;
  Event e;
  e.kind = EventKind::closed;
  e.date = std::max(filed, std::min(*opt.as_of, opt.today));
  e.note = "history from " + opt.origin + " as of " + opt.as_of->iso() + ": past " +
           (appeal && appeal->date ? "its appeal window (" + appeal->date->iso() + ")"
                                   : "its due date") +
           ", no outcome in the log";
  return e;
}

// The identities of requests stored without one (added before identities were kept): the
// key their content gives, and their MuckRock id.
Result<std::map<std::string, long>> legacy_keys(Store& store) {
  std::map<std::string, long> out;
  auto all = store.requests();
  if (!all) return all.error();
  for (const RequestRecord& r : *all) {
    if (!r.import_key.empty()) continue;
    if (r.source.rfind("muckrock:", 0) == 0) out.emplace("muckrock|" + r.source.substr(9), r.id);
    auto events = store.events(r.id);
    if (!events) return events.error();
    for (const Event& e : *events) {
      if (e.kind != EventKind::filed) continue;
      out.emplace(import_key(r.agency, "", e.date, r.requester, r.subject), r.id);
      for (const TrackingNumber& t : r.tracking) out.emplace(import_key(r.agency, t.number, e.date, "", ""), r.id);
    }
  }
  return out;
}

// Writes the checked rows in one transaction: new requests are added, known ones updated.
void write_all(Tracker& tracker, std::vector<Pending>& rows, const ImportCommon& opt, ImportReport& report) {
  std::vector<long> added, updated;
  int unchanged = 0, closed = 0;
  std::vector<ImportProblem> warnings;
  std::optional<std::map<std::string, long>> legacy;  // built on the first row not found
  Status st = tracker.store().transaction([&]() -> Status {
    Store& store = tracker.store();
    for (Pending& p : rows) {
      auto record = tracker.prepare(p.request);
      if (!record) return Error::input(p.where + ": " + record.error().message);
      record->import_key = p.key;
      for (const TrackingNumber& t : p.tracking) {
        const bool dup = std::any_of(record->tracking.begin(), record->tracking.end(),
                                     [&](const TrackingNumber& x) { return x.number == t.number; });
        if (!dup) record->tracking.push_back(t);
      }
      std::vector<Event> events = p.events;
      if (p.history && std::none_of(events.begin(), events.end(), [](const Event& e) {
            return e.kind != EventKind::note;
          })) {
        if (auto c = history_close(tracker, *record, p.filed, opt)) events.push_back(*c);
      }
      const bool closes = std::any_of(events.begin(), events.end(),
                                      [](const Event& e) { return e.kind == EventKind::closed; });

      // Who is this: the same key, the same tracking number, or an older key.
      std::optional<long> existing;
      auto by_key = store.find_by_import_key(p.key);
      if (!by_key) return by_key.error();
      existing = *by_key;
      for (std::size_t i = 0; !existing && i < record->tracking.size(); ++i) {
        auto by_number = store.find_by_tracking(record->agency, record->tracking[i].number);
        if (!by_number) return by_number.error();
        existing = *by_number;
      }
      for (std::size_t i = 0; !existing && i < p.other_keys.size(); ++i) {
        auto by_old = store.find_by_import_key(p.other_keys[i]);
        if (!by_old) return by_old.error();
        existing = *by_old;
      }
      if (!existing) {
        if (!legacy) {
          auto built = legacy_keys(store);
          if (!built) return built.error();
          legacy = std::move(*built);
        }
        if (auto it = legacy->find(p.key); it != legacy->end()) existing = it->second;
        for (std::size_t i = 0; !existing && i < p.other_keys.size(); ++i) {
          if (auto it = legacy->find(p.other_keys[i]); it != legacy->end()) existing = it->second;
        }
      }

      if (!existing) {
        auto id = store.add_request(*record, p.filed);
        if (!id) return id.error();
        for (const Event& e : events) {
          if (Status s = tracker.log(*id, e); !s) return Error::input(p.where + ": " + s.error().message);
        }
        for (const std::string& d : p.documents) {
          if (Status s = store.link_document(*id, d); !s) return s;
        }
        added.push_back(*id);
        closed += closes ? 1 : 0;
        continue;
      }

      auto old = store.request(*existing);
      if (!old) return old.error();
      auto log = store.events(*existing);
      if (!log) return log.error();
      bool changed = false;
      std::vector<std::string> what;
      const auto differs = [&](const char* name, const std::string& before, const std::string& after) {
        if (before == after || after.empty()) return;
        what.push_back(std::string(name) + " was '" + before + "'");
      };
      differs("subject", old->subject, record->subject);
      differs("requester", old->requester, record->requester);
      differs("organization", old->organization, record->organization);
      differs("due date", old->agency_due ? old->agency_due->iso() : "",
              record->agency_due ? record->agency_due->iso() : "");
      RequestRecord next = *old;
      if (!record->subject.empty()) next.subject = record->subject;
      if (!record->requester.empty()) next.requester = record->requester;
      if (!record->organization.empty()) next.organization = record->organization;
      if (record->agency_due) next.agency_due = record->agency_due;
      next.import_key = p.key;
      if (!what.empty()) {
        std::string note = "updated from " + opt.origin + " " + p.where + ": ";
        for (std::size_t i = 0; i < what.size(); ++i) note += (i ? "; " : "") + what[i];
        Event e;
        e.kind = EventKind::note;
        e.date = std::max(p.filed, opt.today);
        e.note = note;
        events.insert(events.begin(), e);
        changed = true;
      }
      if (next.import_key != old->import_key || !what.empty()) {
        if (Status s = store.update_request(next); !s) return s;
      }
      for (const TrackingNumber& t : record->tracking) {
        const bool have = std::any_of(old->tracking.begin(), old->tracking.end(),
                                      [&](const TrackingNumber& x) { return x.number == t.number; });
        if (!have) {
          if (Status s = store.add_tracking(*existing, t); !s) return s;
          changed = true;
        }
      }
      std::vector<Event> current = in_order(*log);
      bool closed_now = false;
      for (const Event& e : events) {
        const bool have = std::any_of(current.begin(), current.end(),
                                      [&](const Event& x) { return same_event(x, e); });
        if (have) continue;
        // History closes only what is still open.
        if (e.kind == EventKind::closed) {
          auto view = tracker.view(*existing, opt.today);
          if (!view) return view.error();
          if (!view->assessment.open) continue;
        }
        if (Status s = tracker.log(*existing, e); !s) {
          warnings.push_back({p.where, "request " + std::to_string(*existing) + ": not logged: " + s.error().message});
          continue;
        }
        current.push_back(e);
        changed = true;
        closed_now = closed_now || e.kind == EventKind::closed;
      }
      for (const std::string& d : p.documents) {
        if (Status s = store.link_document(*existing, d); !s) return s;
      }
      if (changed) {
        if (std::find(updated.begin(), updated.end(), *existing) == updated.end() &&
            std::find(added.begin(), added.end(), *existing) == added.end()) {
          updated.push_back(*existing);
        }
        closed += closed_now ? 1 : 0;
      } else {
        ++unchanged;
      }
    }
    return Ok{};
  });
  if (!st) {
    report.problems.push_back({"input", st.error().message});
    return;
  }
  report.added = std::move(added);
  report.updated = std::move(updated);
  report.unchanged = unchanged;
  report.closed = closed;
  for (ImportProblem& w : warnings) report.warnings.push_back(std::move(w));
}

// What happens after checking: with problems and no skip_bad, nothing is written.
// `bad_rows` is how many rows the problems stand for.
void finish(Tracker& tracker, std::vector<Pending>& rows, const ImportCommon& opt, ImportReport& report,
            int bad_rows) {
  if (!report.problems.empty()) {
    if (!opt.skip_bad) return;
    report.skipped_bad = bad_rows;
  }
  const std::size_t before = report.problems.size();
  write_all(tracker, rows, opt, report);
  report.written = report.problems.size() == before;
  if (!report.written) report.skipped_bad = 0;
}

// An unknown --agency is one problem, said before any row is read.
bool check_fallback_agency(const Tracker& tracker, const std::string& agency, ImportReport& report) {
  if (agency.empty()) return true;
  auto found = tracker.catalog().directory.find(agency);
  if (found) return true;
  report.problems.push_back({"--agency", found.error().message});
  return false;
}

// MuckRock statuses (API codes and the words its site and CSV export show) as events.
std::optional<EventKind> muckrock_status(std::string_view raw) {
  const std::string s = normalise(raw);
  if (s == "ack" || s == "awaiting acknowledgement" || s == "submitted" || s == "processing" ||
      s == "started" || s == "draft") {
    return std::nullopt;  // sent, not yet acknowledged
  }
  if (s == "processed" || s == "awaiting response") return EventKind::acknowledged;
  if (s == "fix" || s == "fix required") return EventKind::fix_required;
  if (s == "payment" || s == "payment required") return EventKind::fee_requested;
  if (s == "rejected") return EventKind::denied;
  if (s == "no docs" || s == "no responsive documents") return EventKind::no_records;
  if (s == "done" || s == "completed") return EventKind::records_released;
  if (s == "partial" || s == "partially completed") return EventKind::partial_response;
  if (s == "abandoned" || s == "withdrawn") return EventKind::withdrawn;
  if (s == "appealing" || s == "awaiting appeal") return EventKind::appealed;
  return std::nullopt;  // in litigation...: nothing the log can say
}

std::optional<Event> muckrock_status_event(std::string_view status, std::string_view done, Date last, Date filed) {
  const auto kind = muckrock_status(status);
  if (!kind) return std::nullopt;
  Event e;
  e.kind = *kind;
  auto when = done.empty() ? Result<Date>(last) : parse_log_date(done);
  e.date = when ? std::max(*when, filed) : last;
  e.note = "status '" + std::string(status) + "' on MuckRock";
  return e;
}

// ---- CSV profiles --------------------------------------------------------------------

// A field read from columns: the first alternative with any column present wins; the
// columns of that alternative that are present are joined.
struct FieldSpec {
  std::string field;
  std::vector<std::vector<std::string>> alternatives;
};

struct CsvProfile {
  std::string id;
  std::string description;
  std::vector<std::string> signature;  // normalised headers that identify the layout
  std::vector<FieldSpec> fields;
  std::string agency;  // the department the log belongs to, when the layout says
};

const std::vector<CsvProfile>& profiles() {
  // Headers as the City of Chicago's data portal publishes them (normalised: lower case,
  // '_' as space, so the portal's API export with snake_case names matches too).
  static const std::vector<CsvProfile> kProfiles = {
      {"foialens", "foialens's own CSV export", {"foialens record"}, {{"record", {{"foialens record"}}}}, ""},
      {"muckrock-csv",
       "MuckRock's CSV export of requests",
       {"title", "status", "url", "agency", "date submitted"},
       {{"subject", {{"title"}}},
        {"status", {{"status"}}},
        {"url", {{"url"}}},
        {"agency", {{"agency"}}},
        {"muckrock_agency", {{"agency id"}}},
        {"tracking", {{"tracking number"}}},
        {"filed", {{"date submitted"}}},
        {"agency_due", {{"date due"}}},
        {"done", {{"date done"}}},
        {"requester", {{"user"}}},
        {"tags", {{"tags"}}}},
       ""},
      // MuckRock's FOIA log import (foia/importers): an agency's log, one agency per file.
      {"muckrock-log",
       "agency FOIA log in MuckRock's import format",
       {"request id", "subject", "date requested"},
       {{"tracking", {{"request id"}}},
        {"requester", {{"requester"}}},
        {"organization", {{"requester organization"}}},
        {"subject", {{"subject"}}},
        {"filed", {{"date requested"}}},
        {"done", {{"date completed"}}},
        {"status", {{"status"}}},
        {"exemptions", {{"exemptions"}}}},
       ""},
      {"chicago-police",
       "City of Chicago, Police Department FOIA log",
       {"requestor last name", "brief description of records sought"},
       {{"filed", {{"date received"}}},
        {"tracking", {{"request number"}}},
        {"requester", {{"requestor first name", "requestor middle initial", "requestor last name"}}},
        {"organization", {{"institution"}}},
        {"subject", {{"brief description of records sought"}}},
        {"agency_due", {{"initial due date"}, {"date due"}, {"due date"}}}},
       "cpd"},
      {"chicago-oemc",
       "City of Chicago, OEMC FOIA log",
       {"request type", "received date"},
       {{"filed", {{"received date"}}},
        {"requester", {{"requestor name"}}},
        {"subject", {{"request type"}}},
        {"agency_due", {{"initial due date"}, {"due date"}}}},
       "oemc"},
      {"chicago-ethics",
       "City of Chicago, Board of Ethics FOIA log",
       {"description of request statements of financial interests"},
       {{"filed", {{"date received"}}},
        {"requester", {{"requestor name"}}},
        {"organization", {{"organization"}}},
        {"subject",
         {{"description of request statements of financial interests", "description of request lobbyists filings",
           "description of request other"}}},
        {"agency_due", {{"initial due date"}, {"due date"}}}},
       "chi-ethics"},
      {"chicago-pbc",
       "Public Building Commission of Chicago FOIA log",
       {"information requested"},
       {{"subject", {{"information requested"}}}},
       "chi-pbc"},
      {"chicago-fleet-historical",
       "City of Chicago, Fleet Management FOIA log (historical, 2010-2011)",
       {"date requested", "description of request", "requestor name"},
       {{"filed", {{"date requested"}}},
        {"requester", {{"requestor name"}}},
        {"organization", {{"organization"}}},
        {"subject", {{"description of request"}}},
        {"agency_due", {{"initial due date"}, {"due date"}}}},
       "chi-fleet"},
      {"chicago",
       "City of Chicago department FOIA log",
       {"requestor name", "description of request", "date received"},
       {{"filed", {{"date received"}}},
        {"requester", {{"requestor name"}}},
        {"organization", {{"organization"}}},
        {"subject", {{"description of request"}}},
        {"agency_due", {{"initial due date"}, {"due date"}}}},
       ""},
  };
  return kProfiles;
}

// Headers seen in other FOIA logs: what a field is read from when the profile does not say.
const std::vector<FieldSpec>& generic_fields() {
  static const std::vector<FieldSpec> kGeneric = {
      {"filed", {{"date received"}, {"received date"}, {"date request received"}, {"date requested"},
                 {"date submitted"}, {"received"}, {"date filed"}, {"filed"}}},
      {"tracking", {{"request number"}, {"foia request number"}, {"request id"}, {"tracking number"},
                    {"reference number"}, {"request no"}, {"request #"}, {"tracking"}}},
      {"requester", {{"requestor name"}, {"requester name"}, {"requestor"}, {"requester"}, {"name"}}},
      {"organization", {{"organization"}, {"organisation"}, {"requestor organization"},
                        {"requester organization"}, {"institution"}, {"company"}}},
      {"subject", {{"description of request"}, {"information requested"}, {"description"},
                   {"request description"}, {"subject"}, {"summary"}, {"title"}}},
      {"agency_due", {{"initial due date"}, {"due date"}, {"date due"}, {"due"}}},
      {"agency", {{"agency"}, {"department"}}},
      {"law", {{"law"}}},
      {"tags", {{"tags"}}},
      {"status", {{"status"}}},
  };
  return kGeneric;
}

// Lower case, '_' and '-' as spaces, one space between words.
std::string norm_header(std::string_view h) {
  std::string s(h);
  for (char& c : s) {
    if (c == '_' || c == '-') c = ' ';
  }
  return text::lower_ascii(text::squash_spaces(s));
}

// Ethics' "DESCRIPTION OF REQUEST - LOBBYISTS FILINGS" -> "Lobbyists filings".
std::string column_label(std::string_view header) {
  std::string_view h = header;
  if (const auto dash = h.rfind(" - "); dash != std::string_view::npos) h = h.substr(dash + 3);
  std::string out = text::lower_ascii(text::trim(h));
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

struct ColumnRef {
  std::vector<std::size_t> columns;
};

}  // namespace

const std::vector<std::string>& csv_fields() {
  static const std::vector<std::string> kFields = {"filed",  "tracking", "requester", "organization",
                                                   "subject", "agency_due", "agency", "law",
                                                   "tags",   "status",   "done",     "exemptions"};
  return kFields;
}

std::vector<CsvProfileInfo> csv_profiles() {
  std::vector<CsvProfileInfo> out;
  for (const CsvProfile& p : profiles()) out.push_back({p.id, p.description});
  out.push_back({"generic", "any other log: columns found by their usual names, or named with --map"});
  return out;
}

std::string import_key(std::string_view agency, std::string_view tracking, Date filed,
                       std::string_view requester, std::string_view subject) {
  const std::string number = normalise(tracking);
  if (!number.empty()) return std::string(agency) + "|t|" + number;
  return std::string(agency) + "|d|" + filed.iso() + "|" + normalise(requester) + "|" + normalise(subject);
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

namespace {

// One foialens_record JSON object as a pending request.
std::optional<std::string> read_record(const std::string& text, Pending& p) {
  json j;
  try {
    j = parse_limited(text);
  } catch (const json::parse_error&) {
    return std::string("foialens_record is not valid JSON (edited by hand?)");
  } catch (const TooDeep&) {
    return "foialens_record is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  }
  if (!j.is_object()) return std::string("foialens_record is not an object");
  const auto str = [&](const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  p.request.agency = str("agency");
  p.request.law = str("law");
  p.request.subject = str("subject");
  p.request.requester = str("requester");
  p.request.organization = str("organization");
  if (const std::string due = str("agency_due"); !due.empty()) {
    auto d = Date::parse_iso(due);
    if (!d) return "foialens_record agency_due: " + d.error().message;
    p.request.agency_due = *d;
  }
  p.request.source = str("source").empty() ? "csv" : str("source");
  p.key = str("import_key");
  if (const auto it = j.find("tags"); it != j.end() && it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string()) p.request.tags.push_back(t.get<std::string>());
    }
  }
  if (const auto it = j.find("tracking"); it != j.end() && it->is_array()) {
    for (const json& t : *it) {
      if (t.is_object() && t.contains("number") && t["number"].is_string()) {
        p.tracking.push_back({t["number"].get<std::string>(), t.value("kind", std::string("initial"))});
      }
    }
  }
  if (const auto it = j.find("documents"); it != j.end() && it->is_array()) {
    for (const json& d : *it) {
      if (d.is_string()) p.documents.push_back(d.get<std::string>());
    }
  }
  bool filed = false;
  if (const auto it = j.find("events"); it != j.end() && it->is_array()) {
    for (const json& e : *it) {
      if (!e.is_object()) continue;
      const auto kind = event_from_name(e.value("event", std::string()));
      auto date = Date::parse_iso(e.value("date", std::string()));
      if (!kind || !date) return "foialens_record: an event has no known kind or date";
      if (*kind == EventKind::filed) {
        p.filed = *date;
        filed = true;
        continue;
      }
      Event ev;
      ev.kind = *kind;
      ev.date = *date;
      ev.note = e.value("note", std::string());
      ev.exemptions = e.value("exemptions", std::string());
      ev.tracking = e.value("tracking", std::string());
      ev.tracking_kind = e.value("tracking_kind", std::string());
      if (e.contains("until") && e["until"].is_string()) {
        auto u = Date::parse_iso(e["until"].get<std::string>());
        if (u) ev.until = *u;
      }
      p.events.push_back(std::move(ev));
    }
  }
  if (!filed) return std::string("foialens_record has no 'filed' event");
  p.request.filed = p.filed;
  return std::nullopt;
}

// The MuckRock request id at the end of a request URL (".../foi/chicago-169/title-15883/").
std::string muckrock_id_from_url(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  const auto dash = url.rfind('-');
  if (dash == std::string_view::npos) return {};
  const std::string_view id = url.substr(dash + 1);
  if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
  return std::string(id);
}

}  // namespace

ImportReport import_csv(Tracker& tracker, std::string_view content, const CsvImportOptions& opt) {
  ImportReport report;
  const auto problem = [&](std::string where, std::string msg) {
    report.problems.push_back({std::move(where), std::move(msg)});
  };
  if (text::trim(content).empty()) {
    problem("line 1", "the file is empty: expected a header row and at least one request");
    return report;
  }
  if (looks_like_html(content)) {
    problem("line 1", "an HTML page, not a CSV log (download the log as CSV: Export > CSV on the data portal)");
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
  if (rows->size() - 1 > opt.max_rows) {
    problem("line " + std::to_string((*rows)[opt.max_rows + 1].line),
            "more than " + std::to_string(opt.max_rows) + " requests in one file (--max-rows N raises the limit)");
    return report;
  }
  const csv::Row& header = rows->front();
  const std::string header_line = "line " + std::to_string(header.line);
  std::map<std::string, std::size_t> index;  // normalised header -> column
  bool snake = false;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    index.emplace(norm_header(header.fields[i]), i);
    snake = snake || (header.fields[i].find('_') != std::string::npos && header.fields[i].find(' ') == std::string::npos);
  }

  // The layout: named with --profile, else the first whose headers are all there.
  const CsvProfile* profile = nullptr;
  if (!opt.profile.empty() && opt.profile != "generic") {
    for (const CsvProfile& p : profiles()) {
      if (p.id == opt.profile) profile = &p;
    }
    if (!profile) {
      std::string names;
      for (const CsvProfileInfo& p : csv_profiles()) names += (names.empty() ? "" : ", ") + p.id;
      problem("--profile", "unknown profile '" + opt.profile + "' (profiles: " + names + ")");
      return report;
    }
  } else if (opt.profile.empty()) {
    for (const CsvProfile& p : profiles()) {
      if (std::all_of(p.signature.begin(), p.signature.end(), [&](const std::string& h) { return index.count(h) > 0; })) {
        profile = &p;
        break;
      }
    }
  }
  report.profile = profile ? profile->id : "generic";
  report.profile_name = profile ? profile->description : "columns found by their usual names";
  if (snake && profile && profile->id.rfind("chicago", 0) == 0) {
    report.profile += " (portal API export)";
  }

  std::map<std::string, ColumnRef> column;  // field -> columns
  static const std::map<std::string, std::string> kFieldAliases = {
      {"received", "filed"},       {"date", "filed"},          {"description", "subject"},
      {"due", "agency_due"},       {"due_date", "agency_due"}, {"number", "tracking"},
      {"request_number", "tracking"}, {"organisation", "organization"}, {"requestor", "requester"}};
  for (const auto& [given, names] : opt.mapping) {
    const auto alias = kFieldAliases.find(given);
    const std::string field = alias == kFieldAliases.end() ? given : alias->second;
    if (std::find(csv_fields().begin(), csv_fields().end(), field) == csv_fields().end()) {
      std::string list;
      for (const std::string& f : csv_fields()) list += (list.empty() ? "" : ", ") + f;
      problem("--map", "unknown field '" + given + "' (fields: " + list + ")");
      continue;
    }
    ColumnRef ref;
    for (std::string_view name : text::split(names, ',')) {
      const auto it = index.find(norm_header(name));
      if (it == index.end()) {
        std::string have;
        for (const std::string& h : header.fields) have += (have.empty() ? "" : ", ") + h;
        problem(header_line, "--map " + given + "=" + std::string(text::trim(name)) +
                                 ": no such column (the columns are: " + have + ")");
        ref.columns.clear();
        break;
      }
      ref.columns.push_back(it->second);
    }
    if (!ref.columns.empty()) column[field] = ref;
  }
  const auto take = [&](const FieldSpec& spec) {
    if (column.count(spec.field)) return;
    for (const auto& alternative : spec.alternatives) {
      ColumnRef ref;
      for (const std::string& h : alternative) {
        if (auto it = index.find(h); it != index.end()) ref.columns.push_back(it->second);
      }
      if (!ref.columns.empty()) {
        column[spec.field] = ref;
        return;
      }
    }
  };
  if (profile) {
    for (const FieldSpec& spec : profile->fields) take(spec);
  }
  for (const FieldSpec& spec : generic_fields()) take(spec);
  const bool own_export = column.count("record") > 0;
  if (!own_export) {
    for (const char* required : {"filed", "subject"}) {
      if (!column.count(required)) {
        problem(header_line, std::string("no column for '") + required + "' in layout '" + report.profile +
                                 "' (name it with --map " + required + "=COLUMN)");
      }
    }
  }
  if (!check_fallback_agency(tracker, opt.agency, report)) return report;
  // The department a log belongs to comes with its layout; --agency is for logs that do not say.
  std::string fallback_agency = opt.agency;
  if (profile && !profile->agency.empty()) {
    if (!opt.agency.empty()) {
      std::string error;
      AgencyResolver r(tracker);
      const Agency* given = r.find(opt.agency, error);
      if (given && given->id != profile->agency) {
        problem("--agency", "this is the " + profile->description + " (agency " + profile->agency + "); --agency " +
                                opt.agency + " names another (leave --agency out, or give --profile generic)");
      }
    }
    fallback_agency = profile->agency;
  }
  if (!own_export && !column.count("agency") && fallback_agency.empty()) {
    problem(header_line, "no agency column and the layout '" + report.profile +
                             "' does not say whose log it is: give --agency for every row");
  }
  if (!report.problems.empty()) return report;

  AgencyResolver agencies(tracker);
  AgencyProblems unknown;
  std::vector<Pending> pending;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const csv::Row& row = (*rows)[r];
    const std::string where = "line " + std::to_string(row.line);
    if (row.fields.size() != header.fields.size()) {
      problem(where, "expected " + std::to_string(header.fields.size()) + " columns, found " +
                         std::to_string(row.fields.size()));
      continue;
    }
    const auto get = [&](const std::string& field) -> std::string {
      const auto it = column.find(field);
      if (it == column.end()) return {};
      const auto& cols = it->second.columns;
      if (cols.size() == 1) return std::string(text::trim(row.fields[cols[0]]));
      std::vector<std::pair<std::size_t, std::string>> parts;
      for (std::size_t c : cols) {
        const std::string v(text::trim(row.fields[c]));
        if (!v.empty()) parts.emplace_back(c, v);
      }
      std::string out;
      for (const auto& [c, v] : parts) {
        if (field == "subject" && parts.size() > 1) {
          out += (out.empty() ? "" : "; ") + column_label(header.fields[c]) + ": " + v;
        } else {
          out += (out.empty() ? "" : " ") + v;
        }
      }
      return out;
    };
    Pending p;
    p.where = where;
    if (own_export) {
      if (auto bad = read_record(get("record"), p)) {
        problem(where, *bad);
        continue;
      }
    } else {
      auto filed = parse_log_date(get("filed"));
      if (!filed) {
        problem(where, "received date: " + filed.error().message);
        continue;
      }
      p.filed = *filed;
      p.request.filed = p.filed;
      if (const std::string due = get("agency_due"); !due.empty()) {
        auto d = parse_log_date(due);
        if (!d) {
          problem(where, "due date: " + d.error().message);
          continue;
        }
        p.request.agency_due = *d;
      }
      p.request.agency = get("agency");
      p.request.law = get("law");
      p.request.subject = get("subject");
      p.request.requester = get("requester");
      p.request.organization = get("organization");
      for (const std::string& t : split_list(get("tags"))) p.request.tags.push_back(t);
      // Several numbers in one cell ("P1; P2", as older exports wrote them) are several numbers.
      for (std::string_view t : text::split(get("tracking"), ';')) {
        if (!text::trim(t).empty()) p.tracking.push_back({std::string(text::trim(t)), "initial"});
      }
      const std::string status = get("status");
      if (!status.empty()) {
        if (auto e = muckrock_status_event(status, get("done"), p.filed, p.filed)) {
          e->exemptions = get("exemptions");
          p.events.push_back(*e);
        }
      }
      const std::string mr = muckrock_id_from_url(get("url"));
      if (!mr.empty()) p.tracking.push_back({"MR" + mr, "muckrock"});
      p.request.source = "csv:" + opt.origin + ":" + std::to_string(row.line);
      p.history = status.empty();
    }
    if (p.request.agency.empty()) p.request.agency = fallback_agency;
    if (p.request.law.empty()) p.request.law = opt.law;
    for (const std::string& t : opt.tags) p.request.tags.push_back(t);
    std::string error;
    const Agency* agency = agencies.find(p.request.agency, error);
    if (!agency) {
      unknown.add(p.request.agency, where, error);
      continue;
    }
    p.request.agency = agency->id;
    if (p.request.subject.empty()) {
      problem(where, "a request needs a subject (the description column is empty)");
      continue;
    }
    if (auto bad = date_problem(p, opt.today)) {
      problem(where, *bad);
      continue;
    }
    if (p.key.empty()) {
      const std::string first = p.tracking.empty() ? "" : p.tracking.front().number;
      p.key = import_key(agency->id, first, p.filed, p.request.requester, p.request.subject);
      if (!first.empty()) {
        p.other_keys.push_back(import_key(agency->id, "", p.filed, p.request.requester, p.request.subject));
      }
    }
    pending.push_back(std::move(p));
  }
  const int bad_rows = static_cast<int>(report.problems.size()) + unknown.rows();
  unknown.report(report.problems);
  sort_problems(report.problems);
  finish(tracker, pending, opt, report, bad_rows);
  return report;
}

// ---- MuckRock ---------------------------------------------------------------------------

namespace {

std::string json_string(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
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
    if (looks_like_html(body)) {
      problem(where, "an HTML page, not MuckRock API JSON (use the API URL, e.g. "
                     "https://www.muckrock.com/api_v1/foia/?user=NAME)");
      continue;
    }
    json doc;
    try {
      doc = parse_limited(body);
    } catch (const json::parse_error& e) {
      problem(where + ", line " + std::to_string(line_of(body, e.byte > 0 ? e.byte - 1 : 0)),
              "malformed JSON: " + std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
      continue;
    } catch (const TooDeep&) {
      problem(where, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels: not a MuckRock answer");
      continue;
    }
    if (doc.is_object() && doc.contains("detail") && !doc.contains("id") && !doc.contains("results")) {
      const std::string detail = doc["detail"].is_string() ? doc["detail"].get<std::string>() : doc["detail"].dump();
      problem(where, "MuckRock answered with an error, not requests: \"" + detail + "\"");
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
  if (!check_fallback_agency(tracker, opt.agency, report)) return report;
  // The API version, from the fields of the first record: v1 before 2018 had
  // date_submitted; v1 since has datetime_submitted and date_due; v2 has no date_due.
  const json& first = records.front();
  if (first.is_object() && first.contains("date_submitted")) {
    report.profile = "muckrock-v1-2017";
    report.profile_name = "MuckRock API v1, before 2018 (date_submitted)";
  } else if (first.is_object() && (first.contains("date_due") || first.contains("communications"))) {
    report.profile = "muckrock-v1";
    report.profile_name = "MuckRock API v1";
  } else {
    report.profile = "muckrock-v2";
    report.profile_name = "MuckRock API v2";
  }

  // Agencies named by MuckRock id: the mapping file, then the cache, then MuckRock.
  std::map<long, std::optional<std::string>> agency_names;
  std::map<long, std::string> lookup_errors;
  const auto agency_name = [&](long id) -> std::optional<std::string> {
    if (auto it = agency_names.find(id); it != agency_names.end()) return it->second;
    std::optional<std::string> name;
    if (auto m = opt.agency_map.find(id); m != opt.agency_map.end()) {
      name = m->second;
    } else if (auto cached = tracker.store().muckrock_agency(id)) {
      name = *cached;
    } else if (opt.lookup) {
      auto got = opt.lookup(id);
      if (got) {
        name = *got;
        if (Status s = tracker.store().cache_muckrock_agency(id, *got); !s) {
          report.warnings.push_back({"agency " + std::to_string(id), s.error().message});
        }
      } else {
        lookup_errors[id] = got.error().message;
      }
    }
    agency_names[id] = name;
    return name;
  };

  AgencyResolver agencies(tracker);
  AgencyProblems unknown;
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
      problem(where, "no 'id': not a MuckRock FOIA request");
      continue;
    }
    Pending p;
    p.where = where;
    p.request.source = "muckrock:" + mr_id;
    p.key = "muckrock|" + mr_id;
    p.request.subject = json_string(r, "title");
    if (p.request.subject.empty()) {
      problem(where, "no 'title'");
      continue;
    }
    const char* submitted_field = r.contains("datetime_submitted") ? "datetime_submitted" : "date_submitted";
    const std::string submitted = json_string(r, submitted_field);
    if (submitted.empty()) {
      problem(where, std::string("no '") + submitted_field + "' (a draft that was never filed?)");
      continue;
    }
    auto filed = parse_log_date(submitted);
    if (!filed) {
      problem(where, std::string(submitted_field) + ": " + filed.error().message);
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
    // The agency: a name, an object with a name, or MuckRock's number for it.
    std::string agency;
    std::string agency_label;
    if (const auto it = r.find("agency"); it != r.end()) {
      if (it->is_string()) {
        agency = it->get<std::string>();
      } else if (it->is_object()) {
        agency = json_string(*it, "name");
      } else if (it->is_number_integer()) {
        const long id = it->get<long>();
        agency_label = "MuckRock agency " + std::to_string(id);
        if (auto name = agency_name(id)) {
          agency = *name;
        } else if (!opt.agency.empty()) {
          // Not silent: the record names an agency, just not one that could be looked up.
          agency = opt.agency;
          const auto err = lookup_errors.find(id);
          report.warnings.push_back({where, agency_label + " could not be resolved" +
                                                (err != lookup_errors.end() ? " (" + err->second + ")" : "") +
                                                "; filed under --agency " + opt.agency});
        } else {
          const auto err = lookup_errors.find(id);
          unknown.add(agency_label, where,
                      agency_label + ": not in --agency-map" +
                          (err != lookup_errors.end() ? " and the lookup failed: " + err->second
                                                      : " and not looked up (import from the API URL, or give "
                                                        "--agency-map FILE or --agency NAME)"));
          continue;
        }
      }
    }
    if (agency.empty()) agency = opt.agency;
    if (agency.empty()) {
      problem(where, "no agency in the record: give --agency NAME");
      continue;
    }
    std::string error;
    const Agency* found = agencies.find(agency, error);
    if (!found) {
      unknown.add(agency, where, (agency_label.empty() ? "" : agency_label + " '" + agency + "': ") + error);
      continue;
    }
    p.request.agency = found->id;
    p.request.law = opt.law;
    p.request.tags = opt.tags;
    if (const std::string t = json_string(r, "tracking_id"); !t.empty()) p.tracking.push_back({t, "initial"});
    p.tracking.push_back({"MR" + mr_id, "muckrock"});

    Date last = p.filed;
    if (opt.notes) {
      if (const auto it = r.find("communications"); it != r.end() && it->is_array()) {
        for (const json& c : *it) {
          if (!c.is_object()) continue;
          // Before 2018 a communication had a 'date', since then a 'datetime'.
          auto when = parse_log_date(json_string(c, c.contains("datetime") ? "datetime" : "date"));
          if (!when) continue;
          std::string body = text::squash_spaces(json_string(c, "communication"));
          // Only names: MuckRock gives user ids as numbers, which say nothing to a reader.
          std::string from;
          for (const char* k : {"from_who", "from_user", "from"}) {
            if (const auto f = c.find(k); f != c.end() && f->is_string() && from.empty()) from = f->get<std::string>();
          }
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
    const std::string done = json_string(r, r.contains("datetime_done") ? "datetime_done" : "date_done");
    if (auto e = muckrock_status_event(json_string(r, "status"), done, last, p.filed)) p.events.push_back(*e);
    p.history = !muckrock_status(json_string(r, "status"));
    if (auto bad = date_problem(p, opt.today)) {
      problem(where, *bad);
      continue;
    }
    pending.push_back(std::move(p));
  }
  const int bad_rows = static_cast<int>(report.problems.size()) + unknown.rows();
  unknown.report(report.problems);
  sort_problems(report.problems);
  finish(tracker, pending, opt, report, bad_rows);
  return report;
}

Result<std::vector<std::string>> fetch_muckrock(const std::string& url, const UrlFetcher& fetch,
                                                int max_pages) {
  std::vector<std::string> pages;
  std::string next = url;
  while (!next.empty()) {
    if (static_cast<int>(pages.size()) >= max_pages) {
      return Error::input(url + ": more than " + std::to_string(max_pages) + " pages; narrow the query");
    }
    auto body = fetch(next);
    if (!body) return body.error();
    next.clear();
    try {
      const json doc = parse_limited(*body);
      if (doc.is_object() && doc.contains("next") && doc["next"].is_string()) {
        next = doc["next"].get<std::string>();
      }
    } catch (const json::parse_error&) {
      // Reported with its line when the page is imported.
    } catch (const TooDeep&) {
      // Reported when the page is imported.
    }
    pages.push_back(std::move(*body));
  }
  return pages;
}

std::string muckrock_api_root(const std::string& url) {
  for (const char* marker : {"/api_v1", "/api_v2"}) {
    if (const auto at = url.find(marker); at != std::string::npos) return url.substr(0, at + 7);
  }
  return {};
}

MuckRockAgencyLookup muckrock_agency_lookup(const std::string& api_root, UrlFetcher fetch) {
  return [api_root, fetch = std::move(fetch)](long id) -> Result<std::string> {
    const bool v2 = api_root.size() >= 2 && api_root.compare(api_root.size() - 2, 2, "v2") == 0;
    const std::string url = api_root + (v2 ? "/agencies/" : "/agency/") + std::to_string(id) + "/";
    auto body = fetch(url);
    if (!body) return Error::input(url + ": " + body.error().message);
    try {
      const json doc = parse_limited(*body);
      if (doc.is_object() && doc.contains("name") && doc["name"].is_string()) return doc["name"].get<std::string>();
      if (doc.is_object() && doc.contains("detail")) {
        return Error::input(url + ": MuckRock answered \"" +
                            (doc["detail"].is_string() ? doc["detail"].get<std::string>() : doc["detail"].dump()) + "\"");
      }
    } catch (const json::parse_error&) {
    } catch (const TooDeep&) {
    }
    return Error::input(url + ": not a MuckRock agency (no 'name')");
  };
}

Result<std::map<long, std::string>> parse_agency_map(std::string_view text, const std::string& origin) {
  std::map<long, std::string> out;
  int line = 0;
  for (std::string_view raw : text::split(text, '\n')) {
    ++line;
    std::string_view s = text::trim(raw);
    if (s.empty() || s[0] == '#') continue;
    const auto cut = s.find_first_of(",=");
    long id = 0;
    const std::string_view number = cut == std::string_view::npos ? s : text::trim(s.substr(0, cut));
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), id);
    if (cut == std::string_view::npos || ec != std::errc() || ptr != number.data() + number.size() ||
        text::trim(s.substr(cut + 1)).empty()) {
      return Error::input(origin + ":" + std::to_string(line) +
                          ": expected 'MUCKROCK_ID,AGENCY' (e.g. '248,cpd')");
    }
    out[id] = std::string(text::trim(s.substr(cut + 1)));
  }
  return out;
}

}  // namespace foialens::tracker

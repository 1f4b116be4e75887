// foialens requests {add,list,show,log,link,export,import,agencies,holidays}: the
// records-request tracker. Thin over tracker::Tracker; everything it prints about a
// deadline comes from the tracker's derived view.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <tuple>
#include <nlohmann/json.hpp>

#include "api/requests.hpp"
#include "common/date.hpp"
#include "common/log.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "analysis/corpus.hpp"
#include "analysis/references.hpp"
#include "index/searcher.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/library.hpp"
#include "search-cli/fetch_text.hpp"
#include "search-cli/output.hpp"
#include "tracker/export.hpp"
#include "tracker/import.hpp"
#include "tracker/tracker.hpp"

namespace foialens::cli {
namespace {

namespace tr = foialens::tracker;
using nlohmann::json;

// Options shared by the subcommands, one struct each (filled by CLI11).
struct AddOptions {
  std::string agency, law, subject, filed, requester, today, from_reference;
  std::vector<std::string> tracking, tags;
  bool json = false;
};
struct ListOptions {
  bool overdue = false, all = false, json = false;
  int due_within = -1;
  std::string agency, status, tag, today;
};
struct ShowOptions {
  long id = 0;
  bool json = false, days = false;
  std::string today;
};
struct LogOptions {
  long id = 0;
  std::string event, date, note, tracking, tracking_kind, exemptions, until;
  bool json = false;
};
struct LinkOptions {
  long id = 0;
  std::string doc;
};
struct ExportOptions {
  std::string format = "csv", output, today;
  bool open_only = false, bom = false;
};
struct ImportOptions {
  std::string file, agency, law, profile, today, as_of, closed_before, agency_map, muckrock_api;
  std::vector<std::string> map, tags;
  double timeout = 60, connect_timeout = 10;
  std::size_t max_size = 32 * 1024 * 1024;
  std::size_t max_rows = 1'000'000;
  bool json = false, skip_bad = false;
};
struct AgencyOptions {
  bool json = false;
  std::string id, name, jurisdiction, calendar, law, contact, portal;
  std::vector<std::string> aliases;
};
struct HolidayOptions {
  std::string calendar = "us-federal";
  int year = 0;
  bool json = false;
};

// Reports a failure as `foialens: requests CMD: message` and sets the exit code.
void fail(Context& ctx, const std::string& cmd, const std::string& message, int code) {
  log::error("requests " + cmd + ": " + message);
  ctx.exit_code = code;
}

std::optional<tr::Tracker> open_tracker(Context& ctx, const std::string& cmd) {
  auto t = tr::Tracker::open(ctx.home(), paths::data_dir());
  if (!t) {
    fail(ctx, cmd, t.error().message, kNothing);
    return std::nullopt;
  }
  return std::move(*t);
}

// --today, else the local date.
std::optional<Date> today_or(Context& ctx, const std::string& cmd, const std::string& flag) {
  if (flag.empty()) return Date::today();
  auto d = Date::parse_iso(flag);
  if (!d) {
    fail(ctx, cmd, "--today: " + d.error().message, kUsage);
    return std::nullopt;
  }
  return *d;
}

using api::counted_days;
using api::short_date;

std::string left_words(const Context& ctx, const tr::Assessment& a) {
  if (!a.next_due) return "";
  const long n = a.days_left;
  if (n < 0) return red(ctx, std::to_string(-n) + (n == -1 ? " day late" : " days late"));
  if (n == 0) return yellow(ctx, "due today");
  const std::string s = std::to_string(n) + (n == 1 ? " day left" : " days left");
  return n <= 2 ? yellow(ctx, s) : s;
}

std::string status_words(const Context& ctx, const tr::Assessment& a) {
  std::string s(tr::status_name(a.status));
  if (a.status == tr::RequestStatus::overdue) return red(ctx, s);
  if (a.next_kind == "appeal") s += " (appealable)";
  if (a.next_kind == "extended" && a.status != tr::RequestStatus::extended) s += " (extended)";
  return s;
}

// ---- add --------------------------------------------------------------------------

// A draft for a records request from an unresolved reference: who to ask and for what,
// and the reference key stored as the request's source so that `references` shows it as
// requested (and, once a matching document is ingested, received).
struct ReferenceDraft {
  std::string key, agency, subject;
};

std::optional<ReferenceDraft> draft_from_reference(Context& ctx, const std::string& key) {
  const std::string cmd = "add --from-reference " + key;
  std::error_code ec;
  if (!std::filesystem::exists(ctx.home() / "index", ec)) {
    fail(ctx, "add", "no index at " + (ctx.home() / "index").string() +
                         " yet: ingest documents first (foialens ingest PATH)", kNothing);
    return std::nullopt;
  }
  auto lib = open_library(ctx);
  if (!lib) return std::nullopt;
  const auto refs = lib->library.references({});
  const analysis::Reference* ref = analysis::find_reference(refs, key);
  if (!ref) {
    fail(ctx, cmd, "no reference with that key (see 'foialens references --unresolved')", kUsage);
    return std::nullopt;
  }
  const analysis::RequestDraft draft = analysis::draft_request(*ref);
  return ReferenceDraft{ref->key, draft.agency, draft.subject};
}

void run_add(Context& ctx, const AddOptions& o) {
  const auto today = today_or(ctx, "add", o.today);
  if (!today) return;
  tr::NewRequest req;
  req.agency = o.agency;
  req.law = o.law;
  req.subject = o.subject;
  if (!o.from_reference.empty()) {
    const auto draft = draft_from_reference(ctx, o.from_reference);
    if (!draft) return;
    if (req.agency.empty()) req.agency = draft->agency;
    if (req.subject.empty()) req.subject = draft->subject;
    req.source = "reference:" + draft->key;
    if (req.agency.empty()) {
      return fail(ctx, "add --from-reference " + o.from_reference,
                  "no agency can be guessed from the reference: give --agency", kUsage);
    }
  }
  if (req.agency.empty() || req.subject.empty()) {
    return fail(ctx, "add", "--agency and --subject are required (or --from-reference KEY)", kUsage);
  }
  req.tracking = o.tracking;
  req.tags = o.tags;
  req.requester = o.requester;
  if (!o.filed.empty()) {
    auto d = Date::parse_iso(o.filed);
    if (!d) return fail(ctx, "add", "--filed: " + d.error().message, kUsage);
    req.filed = *d;
  }
  auto tracker = open_tracker(ctx, "add");
  if (!tracker) return;
  if (auto prepared = tracker->prepare(req); !prepared) {
    return fail(ctx, "add", prepared.error().message, kUsage);
  }
  auto id = tracker->add(req, *today);
  if (!id) return fail(ctx, "add", id.error().message, kNothing);
  auto view = tracker->view(*id, *today);
  if (!view) return fail(ctx, "add", view.error().message, kNothing);
  if (o.json) {
    std::cout << api::request_summary_json(*view, *today);
    return;
  }
  const tr::Deadline* response = view->assessment.find("response");
  std::cout << "Added request " << bold(ctx, std::to_string(*id)) << " to "
            << view->agency->name << " under " << view->law->name << ".\n";
  if (!o.from_reference.empty()) std::cout << "Subject: " << req.subject << "\n";
  if (response && response->date) {
    std::cout << "Response due " << bold(ctx, response->date->weekday_name() + ", " +
                                                  response->date->long_form())
              << " (" << response->date->iso() << "): " << response->basis << " ("
              << response->citation << ").\n";
  }
}

// ---- list -------------------------------------------------------------------------

void run_list(Context& ctx, const ListOptions& o) {
  const auto today = today_or(ctx, "list", o.today);
  if (!today) return;
  tr::ListFilter f;
  f.all = o.all;
  f.overdue = o.overdue;
  if (o.due_within >= 0) f.due_within = o.due_within;
  f.tag = o.tag;
  if (!o.status.empty()) {
    f.status = tr::status_from_name(o.status);
    if (!f.status) {
      return fail(ctx, "list", "--status '" + o.status +
                                   "': expected awaiting, acknowledged, extended, on-hold, partial, "
                                   "overdue, released, denied, no-records, appealed, "
                                   "appeal-decided, withdrawn or closed",
                  kUsage);
    }
  }
  auto tracker = open_tracker(ctx, "list");
  if (!tracker) return;
  if (!o.agency.empty()) {
    auto agency = tracker->catalog().directory.find(o.agency);
    if (!agency) return fail(ctx, "list", agency.error().message, kUsage);
    f.agency = (*agency)->id;
  }
  auto views = tracker->list(f, *today);
  if (!views) return fail(ctx, "list", views.error().message, kNothing);
  if (o.json) {
    std::cout << api::requests_json(*views, *today);
    return;
  }
  if (views->empty()) {
    if (!ctx.quiet) std::cout << "No requests match (as of " << today->iso() << ").\n";
    return;
  }
  Table table({"ID", "AGENCY", "SUBJECT", "STATUS", "DUE", "LEFT", "APPEAL BY"});
  for (const tr::RequestView& v : *views) {
    const tr::Assessment& a = v.assessment;
    table.add({std::to_string(v.record.id), v.record.agency, text::truncate_utf8(v.record.subject, 40),
               status_words(ctx, a), a.next_due ? a.next_due->iso() : "-", left_words(ctx, a),
               a.appeal_by && a.next_kind != "appeal" ? a.appeal_by->iso() : ""});
  }
  std::cout << table.render(ctx);
  if (!ctx.quiet) {
    int overdue = 0, appealable = 0, soon = 0;
    for (const tr::RequestView& v : *views) {
      const tr::Assessment& a = v.assessment;
      overdue += a.next_due && a.days_left < 0 ? 1 : 0;
      appealable += a.appeal_by ? 1 : 0;
      soon += a.next_due && a.days_left >= 0 && a.days_left <= 7 ? 1 : 0;
    }
    std::cout << dim(ctx, std::to_string(views->size()) + " request(s) as of " + today->iso() + ": " +
                              std::to_string(overdue) + " late, " + std::to_string(soon) +
                              " due within 7 days, " + std::to_string(appealable) + " may be appealed")
              << "\n";
  }
}

// ---- show -------------------------------------------------------------------------


void print_deadline(const Context& ctx, const tr::Deadline& d, bool all_days) {
  std::string when = d.date ? bold(ctx, d.date->weekday_name() + ", " + d.date->long_form()) +
                                  " (" + d.date->iso() + ")"
                            : yellow(ctx, "paused: " + std::to_string(d.remaining) + " day(s) remain");
  std::cout << "  " << bold(ctx, d.label) << ": " << when;
  if (d.met && d.met_on) std::cout << "  " << green(ctx, "met on " + d.met_on->iso());
  std::cout << "\n";
  std::cout << "    " << d.basis << "\n";
  if (!d.citation.empty()) std::cout << "    law: " << d.citation << "\n";
  const int counted = static_cast<int>(std::count_if(d.days.begin(), d.days.end(),
                                                     [](const tr::DayMark& m) { return m.count > 0; }));
  if (counted > 0) {
    std::cout << "    counted " << counted << ": " << counted_days(d.days) << "\n";
  }
  std::vector<std::string> weekend;
  for (const tr::DayMark& m : d.days) {
    if (m.count == 0 && m.date.is_weekend()) weekend.push_back(short_date(m.date));
  }
  std::cout << "    weekend days skipped: " << weekend.size();
  if (!weekend.empty() && (all_days || weekend.size() <= 8)) {
    std::string list;
    for (const std::string& w : weekend) list += (list.empty() ? "" : ", ") + w;
    std::cout << " (" << list << ")";
  }
  std::cout << "\n";
  const auto holidays = d.holidays();
  std::cout << "    holidays skipped: ";
  if (holidays.empty()) std::cout << "none\n";
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    std::cout << (i ? "                      " : "") << holidays[i] << "\n";
  }
  if (d.rolled_from) {
    std::cout << "    the last day, " << short_date(*d.rolled_from)
              << ", is a closed day: the period ends on the next business day\n";
  }
  for (const std::string& p : d.pauses) std::cout << "    paused: " << p << "\n";
  if (!d.review.empty()) std::cout << "    " << yellow(ctx, "review: ") << d.review << "\n";
  if (all_days) {
    for (const tr::DayMark& m : d.days) {
      std::cout << "      " << short_date(m.date) << "  "
                << (m.count > 0 ? "day " + std::to_string(m.count) : "skipped: " + m.reason) << "\n";
    }
  }
}

void run_show(Context& ctx, const ShowOptions& o) {
  const std::string cmd = "show " + std::to_string(o.id);
  const auto today = today_or(ctx, cmd, o.today);
  if (!today) return;
  auto tracker = open_tracker(ctx, cmd);
  if (!tracker) return;
  auto view = tracker->view(o.id, *today);
  if (!view) return fail(ctx, cmd, view.error().message, kNothing);
  if (o.json) {
    std::cout << api::request_json(*view, *today);
    return;
  }
  const tr::RequestView& v = *view;
  const tr::Assessment& a = v.assessment;
  std::cout << bold(ctx, "Request " + std::to_string(v.record.id)) << ": " << v.record.subject << "\n";
  std::cout << "  Agency:   " << (v.agency ? v.agency->name + " (" + v.agency->id + ")" : v.record.agency)
            << "\n";
  std::cout << "  Law:      " << (v.law ? v.law->name + ", " + v.law->citation : v.record.law) << "\n";
  if (v.law && !v.law->regulation.empty()) std::cout << "  Rule:     " << v.law->regulation << "\n";
  if (v.law && !v.law->review.empty()) std::cout << "            " << yellow(ctx, "review: ") << v.law->review << "\n";
  std::cout << "  Calendar: " << (v.calendar ? v.calendar->name() : "-") << "\n";
  if (v.calendar && !v.calendar->review().empty()) {
    std::cout << "            " << yellow(ctx, "review: ") << v.calendar->review() << "\n";
  }
  if (v.agency && !v.agency->note.empty()) std::cout << "  Note:     " << v.agency->note << "\n";
  std::cout << "  Status:   " << status_words(ctx, a);
  if (a.next_due) {
    std::cout << ", next: " << a.next_kind << " " << a.next_due->iso() << " (" << left_words(ctx, a) << ")";
  }
  std::cout << "  [as of " << today->iso() << "]\n";
  if (!v.record.tracking.empty()) {
    std::cout << "  Tracking: ";
    for (std::size_t i = 0; i < v.record.tracking.size(); ++i) {
      std::cout << (i ? ", " : "") << v.record.tracking[i].number << " (" << v.record.tracking[i].kind << ")";
    }
    std::cout << "\n";
  }
  if (!v.record.tags.empty()) {
    std::cout << "  Tags:     ";
    for (std::size_t i = 0; i < v.record.tags.size(); ++i) std::cout << (i ? ", " : "") << v.record.tags[i];
    std::cout << "\n";
  }
  if (!v.record.requester.empty() || !v.record.organization.empty()) {
    std::cout << "  Requester: " << v.record.requester
              << (v.record.organization.empty() ? "" : " (" + v.record.organization + ")") << "\n";
  }
  std::cout << "\n" << bold(ctx, "Timeline") << "\n";
  for (const tr::Event& e : v.events) {
    std::cout << "  " << short_date(e.date) << "  " << tr::event_name(e.kind);
    if (e.until) std::cout << " until " << e.until->iso();
    if (!e.exemptions.empty()) std::cout << " [exemptions: " << e.exemptions << "]";
    if (!e.tracking.empty()) std::cout << " [tracking " << e.tracking << "]";
    if (!e.note.empty()) std::cout << ": " << e.note;
    std::cout << "\n";
  }
  std::cout << "\n" << bold(ctx, "Deadlines") << "\n";
  for (const tr::Deadline& d : a.deadlines) print_deadline(ctx, d, o.days);
  if (v.record.agency_due) {
    const tr::Deadline* due = a.find("extended") ? a.find("extended") : a.find("response");
    std::cout << "  The agency's own log gives the due date " << v.record.agency_due->iso();
    if (due && due->date && *due->date != *v.record.agency_due) {
      std::cout << " " << yellow(ctx, "(differs from the computed " + due->date->iso() + ")");
    }
    std::cout << "\n";
  }
  if (!a.notes.empty()) {
    std::cout << "\n" << bold(ctx, "Notes") << "\n";
    for (const std::string& n : a.notes) std::cout << "  " << n << "\n";
  }
  std::cout << "\n" << bold(ctx, "Documents") << "\n";
  if (v.documents.empty()) std::cout << "  none linked ('foialens requests link " << v.record.id << " DOC')\n";
  auto searcher = index::Searcher::open(ctx.home() / "index");
  for (const std::string& d : v.documents) {
    std::string title;
    if (searcher) {
      if (auto info = searcher->document(d)) title = info->title;
    }
    std::cout << "  " << short_id(d) << (title.empty() ? "" : "  " + title) << "\n";
  }
}

// ---- log, link --------------------------------------------------------------------

void run_log(Context& ctx, const LogOptions& o) {
  const std::string cmd = "log " + std::to_string(o.id);
  const auto kind = tr::event_from_name(o.event);
  if (!kind || *kind == tr::EventKind::filed) {
    std::string names;
    for (tr::EventKind k : tr::all_events()) {
      if (k != tr::EventKind::filed) names += (names.empty() ? "" : ", ") + std::string(tr::event_name(k));
    }
    return fail(ctx, cmd, "unknown event '" + o.event + "' (one of: " + names + ")", kUsage);
  }
  tr::Event e;
  e.kind = *kind;
  e.date = Date::today();
  if (!o.date.empty()) {
    auto d = Date::parse_iso(o.date);
    if (!d) return fail(ctx, cmd, "--date: " + d.error().message, kUsage);
    e.date = *d;
  }
  if (!o.until.empty()) {
    if (*kind != tr::EventKind::extended) return fail(ctx, cmd, "--until applies to 'extended' only", kUsage);
    auto d = Date::parse_iso(o.until);
    if (!d) return fail(ctx, cmd, "--until: " + d.error().message, kUsage);
    e.until = *d;
  }
  e.note = o.note;
  e.tracking = std::string(text::trim(o.tracking));
  e.tracking_kind = o.tracking_kind;
  if (!e.tracking_kind.empty() && e.tracking.empty()) {
    return fail(ctx, cmd, "--tracking-kind needs --tracking NUMBER", kUsage);
  }
  e.exemptions = o.exemptions;
  auto tracker = open_tracker(ctx, cmd);
  if (!tracker) return;
  if (Status st = tracker->log(o.id, e); !st) return fail(ctx, cmd, st.error().message, kNothing);
  auto view = tracker->view(o.id, Date::today());
  if (!view) return fail(ctx, cmd, view.error().message, kNothing);
  if (o.json) {
    std::cout << api::request_summary_json(*view, Date::today());
    return;
  }
  if (!ctx.quiet) {
    std::cout << "Logged " << tr::event_name(e.kind) << " on " << e.date.iso() << " for request "
              << o.id << "; status now " << tr::status_name(view->assessment.status);
    if (view->assessment.next_due) {
      std::cout << ", next: " << view->assessment.next_kind << " " << view->assessment.next_due->iso();
    }
    std::cout << ".\n";
  }
}

void run_link(Context& ctx, const LinkOptions& o) {
  const std::string cmd = "link " + std::to_string(o.id);
  auto doc = tr::normalize_doc_id(o.doc);
  if (!doc) return fail(ctx, cmd, doc.error().message, kUsage);
  // The document must be in the library: link its full id.
  auto searcher = index::Searcher::open(ctx.home() / "index");
  if (!searcher) return fail(ctx, cmd, searcher.error().message, kNothing);
  auto info = searcher->document(*doc);
  if (!info) return fail(ctx, cmd, info.error().message, kUsage);
  auto tracker = open_tracker(ctx, cmd);
  if (!tracker) return;
  if (Status st = tracker->link(o.id, info->id); !st) return fail(ctx, cmd, st.error().message, kNothing);
  if (!ctx.quiet) {
    std::cout << "Linked document " << short_id(info->id) << " (" << info->title << ") to request "
              << o.id << ".\n";
  }
}

// ---- export -----------------------------------------------------------------------

void run_export(Context& ctx, const ExportOptions& o) {
  const auto today = today_or(ctx, "export", o.today);
  if (!today) return;
  auto tracker = open_tracker(ctx, "export");
  if (!tracker) return;
  tr::ListFilter f;
  f.all = !o.open_only;
  auto views = tracker->list(f, *today);
  if (!views) return fail(ctx, "export", views.error().message, kNothing);
  std::sort(views->begin(), views->end(),
            [](const tr::RequestView& a, const tr::RequestView& b) { return a.record.id < b.record.id; });
  std::string out;
  if (o.format == "csv") {
    out = tr::to_csv(*views, *today, o.bom);
  } else if (o.format == "json") {
    out = tr::to_json(*views, true, *today, 2) + "\n";
  } else {
    auto home_id = tracker->store().home_id();
    if (!home_id) return fail(ctx, "export", home_id.error().message, kNothing);
    out = tr::to_ics(*views, tr::utc_stamp_now(), *home_id);
  }
  if (o.output.empty() || o.output == "-") {
    std::cout << out;
    return;
  }
  if (Status st = paths::write_file_atomic(o.output, out); !st) {
    return fail(ctx, "export", o.output + ": " + st.error().message, kNothing);
  }
  if (!ctx.quiet) std::cerr << "Wrote " << views->size() << " request(s) to " << o.output << "\n";
}

// ---- import -----------------------------------------------------------------------

void report_import(Context& ctx, const std::string& kind, const std::string& source,
                   const tr::ImportReport& r, bool as_json) {
  const auto where = [&](const tr::ImportProblem& p) {
    // file:line: why for rows, file: record N: why for the rest.
    const bool line = p.where.rfind("line ", 0) == 0;
    return source + (line ? ":" + p.where.substr(5) : ": " + p.where);
  };
  for (const tr::ImportProblem& p : r.problems) {
    log::error("requests import " + kind + ": " + where(p) + ": " + p.message);
  }
  for (const tr::ImportProblem& w : r.warnings) {
    log::warn("requests import " + kind + ": " + where(w) + ": " + w.message);
  }
  if (!r.ok()) {
    // --skip-bad helps only when the problems are in rows.
    const bool rows = std::all_of(r.problems.begin(), r.problems.end(), [](const tr::ImportProblem& p) {
      return p.where.rfind("record ", 0) == 0 || (p.where.rfind("line ", 0) == 0 && p.where != "line 1");
    });
    log::error("requests import " + kind + ": " + source + ": nothing imported (" +
               std::to_string(r.problems.size()) + " problem(s)); fix them and import again" +
               (rows ? ", or give --skip-bad to import the other rows" : ""));
    ctx.exit_code = kNothing;
    return;
  }
  if (r.partial()) ctx.exit_code = kPartial;
  if (as_json) {
    std::cout << json{{"profile", r.profile}, {"added", r.added}, {"updated", r.updated},
                      {"unchanged", r.unchanged}, {"closed", r.closed}, {"skipped", r.skipped_bad}}
                     .dump(2)
              << "\n";
    return;
  }
  if (!ctx.quiet) {
    std::cout << "Read " << source << " as " << r.profile << " (" << r.profile_name << ").\n";
    std::cout << "Imported " << r.added.size() << " new request(s)";
    if (!r.added.empty()) std::cout << " (ids " << r.added.front() << "-" << r.added.back() << ")";
    std::cout << ", updated " << r.updated.size() << ", unchanged " << r.unchanged << ".";
    if (r.closed) std::cout << " " << r.closed << " closed as history.";
    if (r.skipped_bad) std::cout << " Left out " << r.skipped_bad << " row(s) with problems (above).";
    std::cout << "\n";
  }
}

// --today, --as-of and --closed-before, shared by both imports.
bool import_dates(Context& ctx, const std::string& cmd, const ImportOptions& o, tr::ImportCommon& c) {
  const auto today = today_or(ctx, cmd, o.today);
  if (!today) return false;
  c.today = *today;
  for (auto [flag, value, out] : {std::tuple{"--as-of", &o.as_of, &c.as_of},
                                  std::tuple{"--closed-before", &o.closed_before, &c.closed_before}}) {
    if (value->empty()) continue;
    auto d = Date::parse_iso(*value);
    if (!d) {
      fail(ctx, cmd, std::string(flag) + ": " + d.error().message, kUsage);
      return false;
    }
    *out = *d;
  }
  c.origin = std::filesystem::path(o.file).filename().string();
  c.agency = o.agency;
  c.law = o.law;
  c.tags = o.tags;
  c.skip_bad = o.skip_bad;
  return true;
}

void run_import_csv(Context& ctx, const ImportOptions& o) {
  const std::string cmd = "import csv " + o.file;
  tr::CsvImportOptions opt;
  if (!import_dates(ctx, cmd, o, opt)) return;
  opt.profile = o.profile;
  opt.max_rows = o.max_rows;
  for (const std::string& m : o.map) {
    const auto eq = m.find('=');
    if (eq == std::string::npos || eq == 0) {
      return fail(ctx, cmd, "--map '" + m + "': expected FIELD=Column", kUsage);
    }
    opt.mapping[text::lower_ascii(m.substr(0, eq))] = m.substr(eq + 1);
  }
  auto content = paths::read_file(o.file);
  if (!content) return fail(ctx, cmd, content.error().message, kNothing);
  auto tracker = open_tracker(ctx, cmd);
  if (!tracker) return;
  report_import(ctx, "csv", o.file, tr::import_csv(*tracker, *content, opt), o.json);
}

void run_import_muckrock(Context& ctx, const ImportOptions& o) {
  const std::string cmd = "import muckrock " + o.file;
  tr::MuckRockImportOptions opt;
  if (!import_dates(ctx, cmd, o, opt)) return;
  opt.origin = o.file;
  if (!o.agency_map.empty()) {
    auto text = paths::read_file(o.agency_map);
    if (!text) return fail(ctx, cmd, "--agency-map: " + text.error().message, kUsage);
    auto map = tr::parse_agency_map(*text, o.agency_map);
    if (!map) return fail(ctx, cmd, map.error().message, kUsage);
    opt.agency_map = std::move(*map);
  }
  ingest::FetchOptions fetch;
  fetch.temp_dir = ctx.home() / "tmp";
  fetch.total_timeout = std::chrono::milliseconds(static_cast<long>(o.timeout * 1000));
  fetch.idle_timeout = std::min(fetch.idle_timeout, fetch.total_timeout);
  fetch.connect_timeout = std::chrono::milliseconds(static_cast<long>(o.connect_timeout * 1000));
  fetch.max_bytes = o.max_size;
  const tr::UrlFetcher fetcher = [fetch](const std::string& url) { return fetch_text(url, fetch); };
  // Agency ids are looked up where the requests came from, or at --muckrock-api.
  const std::string api = !o.muckrock_api.empty() ? o.muckrock_api : tr::muckrock_api_root(o.file);
  if (!api.empty()) opt.lookup = tr::muckrock_agency_lookup(api, fetcher);
  std::vector<std::string> pages;
  if (o.file.rfind("http://", 0) == 0 || o.file.rfind("https://", 0) == 0 || o.file.find("://") != std::string::npos) {
    auto got = tr::fetch_muckrock(o.file, fetcher);
    if (!got) {
      log::error("requests import muckrock: " + got.error().message);
      ctx.exit_code = kNothing;
      return;
    }
    pages = std::move(*got);
  } else {
    auto content = paths::read_file(o.file);
    if (!content) return fail(ctx, cmd, content.error().message, kNothing);
    pages.push_back(std::move(*content));
  }
  auto tracker = open_tracker(ctx, cmd);
  if (!tracker) return;
  report_import(ctx, "muckrock", o.file, tr::import_muckrock(*tracker, pages, opt), o.json);
}

// ---- agencies, holidays -------------------------------------------------------------

void run_agencies(Context& ctx, const AgencyOptions& o) {
  auto tracker = open_tracker(ctx, "agencies");
  if (!tracker) return;
  const auto& all = tracker->catalog().directory.all();
  if (o.json) {
    json arr = json::array();
    for (const tr::Agency& a : all) {
      arr.push_back({{"id", a.id}, {"name", a.name}, {"aliases", a.aliases},
                     {"jurisdiction", a.jurisdiction}, {"calendar", a.calendar}, {"law", a.law},
                     {"contact", a.contact}, {"portal", a.portal}, {"user_added", a.user_added}});
    }
    std::cout << arr.dump(2) << "\n";
    return;
  }
  Table table({"ID", "NAME", "JURISDICTION", "LAW", "CALENDAR", "ALIASES"});
  for (const tr::Agency& a : all) {
    std::string aliases;
    for (const std::string& al : a.aliases) aliases += (aliases.empty() ? "" : ", ") + al;
    table.add({a.id, a.name, a.jurisdiction, a.law, a.calendar, aliases});
  }
  std::cout << table.render(ctx);
}

void run_agencies_add(Context& ctx, const AgencyOptions& o) {
  auto tracker = open_tracker(ctx, "agencies add");
  if (!tracker) return;
  tr::Agency a;
  a.id = o.id;
  a.name = o.name;
  a.jurisdiction = o.jurisdiction;
  a.calendar = o.calendar;
  a.law = o.law;
  a.contact = o.contact;
  a.portal = o.portal;
  a.aliases = o.aliases;
  if (Status st = tracker->add_agency(a); !st) {
    return fail(ctx, "agencies add", st.error().message,
                st.error().scope == ErrorScope::input ? kUsage : kNothing);
  }
  if (!ctx.quiet) std::cout << "Added agency " << text::lower_ascii(o.id) << " (" << o.name << ").\n";
}

void run_holidays(Context& ctx, const HolidayOptions& o) {
  auto tracker = open_tracker(ctx, "holidays");
  if (!tracker) return;
  auto cal = tracker->catalog().calendar(o.calendar);
  if (!cal) return fail(ctx, "holidays", cal.error().message, kUsage);
  const int year = o.year ? o.year : Date::today().year();
  if (year < 1900 || year > 2200) return fail(ctx, "holidays", "--year must be 1900..2200", kUsage);
  const auto list = (*cal)->holidays_in(year);
  if (o.json) {
    json arr = json::array();
    for (const tr::Holiday& h : list) {
      json entry = {{"date", h.date.iso()}, {"actual", h.actual.iso()}, {"name", h.name}, {"source", h.source}};
      if (!h.review.empty()) entry["review"] = h.review;
      arr.push_back(std::move(entry));
    }
    std::cout << arr.dump(2) << "\n";
    return;
  }
  Table table({"DATE", "DAY", "HOLIDAY", "SOURCE"});
  std::vector<std::string> reviews;
  for (const tr::Holiday& h : list) {
    std::string name = h.name;
    if (!h.review.empty()) {
      reviews.push_back(h.name + ": " + h.review);
      name += " *";
    }
    table.add({h.date.iso(), h.date.weekday_name(), name, h.source});
  }
  std::cout << (*cal)->name() << ", " << year << "\n" << table.render(ctx);
  if (!(*cal)->review().empty()) std::cout << yellow(ctx, "review: ") << (*cal)->review() << "\n";
  for (const std::string& r : reviews) std::cout << yellow(ctx, "* review: ") << r << "\n";
}

}  // namespace

void add_requests_command(CLI::App& app, Context& ctx) {
  CLI::App* req = app.add_subcommand("requests", "track records requests: deadlines, appeals, documents");
  req->require_subcommand(1);

  auto add = std::make_shared<AddOptions>();
  CLI::App* c = req->add_subcommand("add", "add a request; prints its id and due date");
  c->add_option("--agency", add->agency, "agency id, name or alias (see 'requests agencies')");
  c->add_option("--law", add->law, "il-foia, il-foia-commercial, il-foia-recurrent, us-foia... (default: the agency's)");
  c->add_option("--subject", add->subject, "what was asked for");
  c->add_option("--from-reference", add->from_reference,
                "draft the request from a reference to an instrument nobody holds yet (see 'foialens references --unresolved')")
      ->type_name("KEY");
  c->add_option("--filed", add->filed, "the date the agency received it, YYYY-MM-DD (default: today)");
  c->add_option("--tracking", add->tracking, "the agency's tracking number (repeatable)");
  c->add_option("--tag", add->tags, "a tag (repeatable)");
  c->add_option("--requester", add->requester, "who filed it");
  c->add_option("--today", add->today, "evaluate as of this date")->type_name("DATE");
  c->add_flag("--json", add->json, "print a JSON object");
  c->callback([&ctx, add] { run_add(ctx, *add); });

  auto list = std::make_shared<ListOptions>();
  c = req->add_subcommand("list", "requests needing attention, by next deadline");
  c->add_flag("--overdue", list->overdue, "only those past their deadline");
  c->add_option("--due-within", list->due_within, "only those due within DAYS calendar days (late ones too)")->type_name("DAYS");
  c->add_option("--agency", list->agency, "only this agency");
  c->add_option("--status", list->status, "only this status");
  c->add_option("--tag", list->tag, "only requests with this tag");
  c->add_flag("--all", list->all, "closed requests too");
  c->add_option("--today", list->today, "evaluate as of this date")->type_name("DATE");
  c->add_flag("--json", list->json, "print a JSON array");
  c->callback([&ctx, list] { run_list(ctx, *list); });

  auto show = std::make_shared<ShowOptions>();
  c = req->add_subcommand("show", "timeline, deadlines and the calculation behind each");
  c->add_option("id", show->id, "request id")->required();
  c->add_flag("--days", show->days, "list every day counted or skipped");
  c->add_option("--today", show->today, "evaluate as of this date")->type_name("DATE");
  c->add_flag("--json", show->json, "print a JSON object");
  c->callback([&ctx, show] { run_show(ctx, *show); });

  auto logo = std::make_shared<LogOptions>();
  c = req->add_subcommand("log", "append an event to a request's log");
  c->add_option("id", logo->id, "request id")->required();
  c->add_option("event", logo->event,
                "acknowledged, extended, fix-required, clarified, fee-requested, fee-paid, "
                "partial-response, records-released, denied, no-records, appealed, "
                "appeal-decided, withdrawn, closed, note")
      ->required();
  c->add_option("--date", logo->date, "when it happened, YYYY-MM-DD (default: today)");
  c->add_option("--note", logo->note, "free text (the reason for an extension...)");
  c->add_option("--tracking", logo->tracking, "a tracking number it brought (appeal number...)");
  c->add_option("--tracking-kind", logo->tracking_kind, "what the number is (default: appeal for 'appealed', else agency)")
      ->check(CLI::IsMember({"initial", "appeal", "refiled", "agency"}));
  c->add_option("--exemptions", logo->exemptions, "exemptions cited (denied, partial, released)");
  c->add_option("--until", logo->until, "extended: the date agreed with the requester");
  c->add_flag("--json", logo->json, "print the request as JSON");
  c->callback([&ctx, logo] { run_log(ctx, *logo); });

  auto link = std::make_shared<LinkOptions>();
  c = req->add_subcommand("link", "link a document (by id) to the request that returned it");
  c->add_option("id", link->id, "request id")->required();
  c->add_option("doc", link->doc, "document id: 12 or more hex digits")->required();
  c->callback([&ctx, link] { run_link(ctx, *link); });

  auto exp = std::make_shared<ExportOptions>();
  c = req->add_subcommand("export", "write every request as CSV, JSON or iCalendar");
  c->add_option("--format", exp->format, "csv, json or ics")
      ->check(CLI::IsMember({"csv", "json", "ics"}));
  c->add_option("-o,--output", exp->output, "file to write (default: standard output)");
  c->add_flag("--open", exp->open_only, "only requests that need attention");
  c->add_flag("--bom", exp->bom, "csv: start with a UTF-8 byte order mark (for Excel)");
  c->add_option("--today", exp->today, "evaluate as of this date")->type_name("DATE");
  c->callback([&ctx, exp] { run_export(ctx, *exp); });

  CLI::App* imp = req->add_subcommand("import", "import requests from a FOIA log or MuckRock");
  imp->require_subcommand(1);
  auto icsv = std::make_shared<ImportOptions>();
  c = imp->add_subcommand("csv", "a FOIA log as CSV: City of Chicago logs, MuckRock's or foialens's export, or --map");
  c->add_option("file", icsv->file, "CSV file")->required();
  c->add_option("--profile", icsv->profile,
                "the layout, when not detected: chicago, chicago-police, chicago-oemc, chicago-ethics, "
                "chicago-pbc, chicago-fleet-historical, muckrock-csv, muckrock-log, foialens, generic");
  c->add_option("--map", icsv->map,
                "FIELD=Column[,Column...] (joined; fields: filed, tracking, requester, organization, subject, "
                "agency_due, agency, law, tags, status, done)");
  c->add_option("--agency", icsv->agency, "the agency of rows that name none (the log's own department)");
  c->add_option("--as-of", icsv->as_of, "a historic log taken on DATE: rows past their appeal window are closed history")
      ->type_name("DATE");
  c->add_option("--closed-before", icsv->closed_before, "rows received before DATE are closed history")
      ->type_name("DATE");
  c->add_option("--today", icsv->today, "check dates as of this day")->type_name("DATE");
  c->add_flag("--skip-bad", icsv->skip_bad, "import the good rows and list the others (exit code 1)");
  c->add_option("--max-rows", icsv->max_rows, "largest number of requests in one file (default 1000000)");
  c->add_option("--law", icsv->law, "the law of every row (default: the agency's)");
  c->add_option("--tag", icsv->tags, "tag every imported request");
  c->add_flag("--json", icsv->json, "print the ids as JSON");
  c->callback([&ctx, icsv] { run_import_csv(ctx, *icsv); });
  auto imr = std::make_shared<ImportOptions>();
  c = imp->add_subcommand("muckrock", "MuckRock FOIA API JSON, from a file or an http(s) URL");
  c->add_option("source", imr->file, "JSON file or URL")->required();
  c->add_option("--agency", imr->agency, "agency for records whose agency cannot be resolved");
  c->add_option("--agency-map", imr->agency_map, "file of MUCKROCK_ID,AGENCY lines")->type_name("FILE");
  c->add_option("--muckrock-api", imr->muckrock_api,
                "API root to look agency ids up (default: that of the source URL, e.g. https://www.muckrock.com/api_v1)")
      ->type_name("URL");
  c->add_option("--as-of", imr->as_of, "rows past their appeal window as of DATE are closed history")->type_name("DATE");
  c->add_option("--closed-before", imr->closed_before, "rows received before DATE are closed history")->type_name("DATE");
  c->add_option("--today", imr->today, "check dates as of this day")->type_name("DATE");
  c->add_flag("--skip-bad", imr->skip_bad, "import the good records and list the others (exit code 1)");
  c->add_option("--law", imr->law, "the law of every record (default: the agency's)");
  c->add_option("--tag", imr->tags, "tag every imported request");
  c->add_option("--timeout", imr->timeout, "seconds for the whole download (default 60)");
  c->add_option("--connect-timeout", imr->connect_timeout, "seconds to connect (default 10)");
  c->add_option("--max-size", imr->max_size, "largest body accepted, in bytes (default 32 MiB)");
  c->add_flag("--json", imr->json, "print the ids as JSON");
  c->callback([&ctx, imr] { run_import_muckrock(ctx, *imr); });

  auto ag = std::make_shared<AgencyOptions>();
  CLI::App* agencies = req->add_subcommand("agencies", "list the agency directory, or add an agency");
  agencies->add_flag("--json", ag->json, "print a JSON array");
  auto ag_add = std::make_shared<AgencyOptions>();
  c = agencies->add_subcommand("add", "add an agency to this library's directory");
  c->add_option("--id", ag_add->id, "short id, e.g. evanston-pd")->required();
  c->add_option("--name", ag_add->name, "full name")->required();
  c->add_option("--jurisdiction", ag_add->jurisdiction, "e.g. City of Evanston");
  c->add_option("--calendar", ag_add->calendar, "holiday calendar: us-federal, illinois, chicago")->required();
  c->add_option("--law", ag_add->law, "default law: il-foia, us-foia, generic-30-calendar...")->required();
  c->add_option("--alias", ag_add->aliases, "another name or acronym (repeatable)");
  c->add_option("--contact", ag_add->contact, "FOIA officer, e-mail or address");
  c->add_option("--portal", ag_add->portal, "the agency's FOIA portal URL");
  c->callback([&ctx, ag_add] { run_agencies_add(ctx, *ag_add); });
  agencies->callback([&ctx, ag, agencies] {
    if (agencies->get_subcommands().empty()) run_agencies(ctx, *ag);
  });

  auto hol = std::make_shared<HolidayOptions>();
  c = req->add_subcommand("holidays", "the closed days of a holiday calendar in a year");
  c->add_option("--calendar", hol->calendar, "us-federal, illinois, chicago");
  c->add_option("--year", hol->year, "year (default: this year)");
  c->add_flag("--json", hol->json, "print a JSON array");
  c->callback([&ctx, hol] { run_holidays(ctx, *hol); });
}

}  // namespace foialens::cli

// Records requests: the morning view (late, due soon, appealable) and each request's
// timeline with its deadlines, the working behind each, its documents, and a form that
// appends an event.

#include <algorithm>

#include <fmt/format.h>

#include "common/paths.hpp"
#include "common/text.hpp"
#include "api/requests.hpp"
#include "index/searcher.hpp"
#include "tracker/tracker.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"
#include "web/params.hpp"

namespace foialens::web::pages {
namespace {
namespace tr = foialens::tracker;
using html::escape;

constexpr long kSoonDays = 7;

using api::counted_days;
using api::short_date;

std::string left_words(const tr::Assessment& a) {
  if (!a.next_due) return "";
  const long n = a.days_left;
  if (n < 0) return "<span class=\"late\">" + std::to_string(-n) + (n == -1 ? " day late" : " days late") + "</span>";
  if (n == 0) return "<span class=\"soon\">due today</span>";
  const std::string s = std::to_string(n) + (n == 1 ? " day left" : " days left");
  return n <= 2 ? "<span class=\"soon\">" + s + "</span>" : s;
}

std::string status_words(const tr::Assessment& a) {
  std::string s(tr::status_name(a.status));
  if (a.next_kind == "appeal") s += " (appealable)";
  if (a.next_kind == "extended" && a.status != tr::RequestStatus::extended) s += " (extended)";
  return escape(s);
}

std::string table(const std::vector<const tr::RequestView*>& views, const std::string& id) {
  std::string out = "<table id=\"" + id + "\">\n<thead><tr><th>ID</th><th>Agency</th><th>Subject</th><th>Status</th>"
                    "<th>Due</th><th>Left</th></tr></thead>\n<tbody>\n";
  for (const auto* v : views) {
    const auto& a = v->assessment;
    out += "<tr><td><a href=\"/requests/" + std::to_string(v->record.id) + "\">" + std::to_string(v->record.id) +
           "</a></td><td>" + escape(v->agency ? v->agency->name : v->record.agency) + "</td><td><a href=\"/requests/" +
           std::to_string(v->record.id) + "\">" + escape(v->record.subject) + "</a></td><td>" + status_words(a) +
           "</td><td>" + (a.next_due ? escape(a.next_kind + " " + a.next_due->iso()) : "-") + "</td><td>" +
           left_words(a) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}


std::string deadline(const tr::Deadline& d) {
  std::string out = "<section class=\"deadline\" id=\"deadline-" + escape(d.kind) + "\">\n<h3>" + escape(d.label) + ": ";
  out += d.date ? escape(d.date->weekday_name() + ", " + d.date->long_form() + " (" + d.date->iso() + ")")
                : escape("paused: " + std::to_string(d.remaining) + " day(s) remain");
  if (d.met && d.met_on) out += " <span class=\"muted\">met on " + escape(d.met_on->iso()) + "</span>";
  out += "</h3>\n<ul>\n<li>" + escape(d.basis) + "</li>\n";
  if (!d.citation.empty()) out += "<li>law: " + escape(d.citation) + "</li>\n";
  const auto counted = std::count_if(d.days.begin(), d.days.end(), [](const tr::DayMark& m) { return m.count > 0; });
  if (counted > 0) out += "<li>counted " + std::to_string(counted) + ": " + escape(counted_days(d.days)) + "</li>\n";
  std::string weekend;
  std::size_t weekends = 0;
  for (const tr::DayMark& m : d.days) {
    if (m.count == 0 && m.date.is_weekend()) weekend += (weekends++ ? ", " : "") + short_date(m.date);
  }
  out += "<li>weekend days skipped: " + std::to_string(weekends) + (weekends && weekends <= 8 ? " (" + escape(weekend) + ")" : "") + "</li>\n";
  const auto holidays = d.holidays();
  out += "<li>holidays skipped: ";
  if (holidays.empty()) out += "none";
  for (std::size_t i = 0; i < holidays.size(); ++i) out += (i ? "; " : "") + escape(holidays[i]);
  out += "</li>\n";
  if (d.rolled_from) {
    out += "<li>the last day, " + escape(short_date(*d.rolled_from)) +
           ", is a closed day: the period ends on the next business day</li>\n";
  }
  for (const std::string& p : d.pauses) out += "<li>paused: " + escape(p) + "</li>\n";
  if (!d.review.empty()) out += "<li><strong>review:</strong> " + escape(d.review) + "</li>\n";
  out += "</ul>\n";
  if (!d.days.empty()) {
    out += "<details><summary>every day</summary>\n<ol class=\"days\">\n";
    for (const tr::DayMark& m : d.days) {
      out += "<li>" + escape(short_date(m.date) + "  " + (m.count > 0 ? "day " + std::to_string(m.count) : "skipped: " + m.reason)) + "</li>\n";
    }
    out += "</ol>\n</details>\n";
  }
  return out + "</section>\n";
}

std::string event_form(const tr::RequestView& v, Date today) {
  std::string out = "<h2>Add an event</h2>\n<form method=\"post\" action=\"/requests/" + std::to_string(v.record.id) +
                    "/events\" id=\"add-event\">\n<p><label for=\"event\">Event</label> <select id=\"event\" name=\"event\">\n";
  for (tr::EventKind k : tr::all_events()) {
    if (k == tr::EventKind::filed) continue;
    const std::string name(tr::event_name(k));
    out += "<option value=\"" + escape(name) + "\">" + escape(name) + "</option>\n";
  }
  out += "</select></p>\n<p><label for=\"date\">Date</label> <input id=\"date\" name=\"date\" type=\"date\" value=\"" +
         today.iso() +
         "\" required></p>\n<p><label for=\"note\">Note</label> <input id=\"note\" name=\"note\" size=\"40\" maxlength=\"2000\"></p>\n"
         "<p><label for=\"until\">Extended until (optional)</label> <input id=\"until\" name=\"until\" type=\"date\"></p>\n"
         "<p><label for=\"tracking\">Tracking number (optional)</label> <input id=\"tracking\" name=\"tracking\" maxlength=\"200\"></p>\n"
         "<p><label for=\"exemptions\">Exemptions cited (optional)</label> <input id=\"exemptions\" name=\"exemptions\" maxlength=\"500\"></p>\n"
         "<p><button type=\"submit\">Add to the log</button></p>\n</form>\n";
  return out;
}

}  // namespace

Response requests(Site& site, const Request& req) {
  auto today = today_param(req);
  if (!today) return error(400, today.error().message, false);
  auto t = tr::Tracker::open(site.home, paths::data_dir());
  if (!t) return error(503, "requests: " + t.error().message, false);
  tr::ListFilter filter;
  filter.all = flag(req, "all");
  auto views = t->list(filter, *today);
  if (!views) return error(503, "requests: " + views.error().message, false);
  std::vector<const tr::RequestView*> late, soon, appealable, rest;
  for (const auto& v : *views) {
    const auto& a = v.assessment;
    if (a.open && a.next_due && a.days_left < 0) late.push_back(&v);
    else if (a.open && a.next_due && a.days_left <= kSoonDays) soon.push_back(&v);
    else if (a.appeal_by && *a.appeal_by >= *today) appealable.push_back(&v);
    else rest.push_back(&v);
  }
  std::string body = "<h1>Records requests</h1>\n<p class=\"muted\" id=\"summary\">" +
                     escape(fmt::format("{} request(s) as of {}: {} late, {} due within {} days, {} may be appealed",
                                        views->size(), today->iso(), late.size(), soon.size(), kSoonDays,
                                        appealable.size())) +
                     " \u00b7 <a href=\"/requests" + std::string(filter.all ? "\">open only" : "?all=1\">closed ones too") +
                     "</a></p>\n";
  const auto part = [&](const char* title, const char* id, const std::vector<const tr::RequestView*>& list) {
    if (list.empty()) return;
    body += "<h2>" + std::string(title) + "</h2>\n" + table(list, id);
  };
  part("Late", "late", late);
  part("Due within 7 days", "soon", soon);
  part("May be appealed", "appealable", appealable);
  part(filter.all ? "The others" : "Other open requests", "others", rest);
  if (views->empty()) body += "<p>No requests. Add one with <code>foialens requests add</code>.</p>\n";
  return Response::html(html::page("Records requests", body));
}

Response request(Site& site, const Request& req, const std::string& id) {
  auto today = today_param(req);
  if (!today) return error(400, today.error().message, false);
  auto t = tr::Tracker::open(site.home, paths::data_dir());
  if (!t) return error(503, "requests: " + t.error().message, false);
  auto view = t->view(std::stol(id), *today);
  if (!view) return error(404, "request " + id + ": " + view.error().message, false);
  const tr::RequestView& v = *view;
  const tr::Assessment& a = v.assessment;
  std::string body = "<h1 id=\"title\">Request " + std::to_string(v.record.id) + ": " + escape(v.record.subject) +
                     "</h1>\n<table id=\"request\">\n";
  const auto row = [&](const std::string& key, const std::string& value_html) {
    body += "<tr><th>" + escape(key) + "</th><td>" + value_html + "</td></tr>\n";
  };
  row("Agency", escape(v.agency ? v.agency->name + " (" + v.agency->id + ")" : v.record.agency));
  row("Law", escape(v.law ? v.law->name + ", " + v.law->citation : v.record.law) +
                 (v.law && !v.law->review.empty() ? "<br><strong>review:</strong> " + escape(v.law->review) : ""));
  row("Calendar", escape(v.calendar ? v.calendar->name() : "-"));
  std::string status = status_words(a);
  if (a.next_due) status += ", next: " + escape(a.next_kind + " " + a.next_due->iso()) + " (" + left_words(a) + ")";
  row("Status", status + " <span class=\"muted\">as of " + escape(today->iso()) + "</span>");
  if (!v.record.tracking.empty()) {
    std::string tracking;
    for (const auto& tn : v.record.tracking) tracking += (tracking.empty() ? "" : ", ") + tn.number + " (" + tn.kind + ")";
    row("Tracking", escape(tracking));
  }
  if (!v.record.tags.empty()) {
    std::string tags;
    for (const auto& tag : v.record.tags) tags += (tags.empty() ? "" : ", ") + tag;
    row("Tags", escape(tags));
  }
  if (!v.record.requester.empty()) row("Requester", escape(v.record.requester));
  body += "</table>\n<h2>Timeline</h2>\n<ol id=\"timeline\">\n";
  for (const tr::Event& e : v.events) {
    std::string line = short_date(e.date) + "  " + std::string(tr::event_name(e.kind));
    if (e.until) line += " until " + e.until->iso();
    if (!e.exemptions.empty()) line += " [exemptions: " + e.exemptions + "]";
    if (!e.tracking.empty()) line += " [tracking " + e.tracking + "]";
    if (!e.note.empty()) line += ": " + e.note;
    body += "<li>" + escape(line) + "</li>\n";
  }
  body += "</ol>\n<h2>Deadlines</h2>\n<div id=\"deadlines\">\n";
  for (const tr::Deadline& d : a.deadlines) body += deadline(d);
  body += "</div>\n";
  if (!a.notes.empty()) {
    body += "<h2>Notes</h2>\n<ul id=\"notes\">\n";
    for (const std::string& n : a.notes) body += "<li>" + escape(n) + "</li>\n";
    body += "</ul>\n";
  }
  body += "<h2>Documents</h2>\n";
  if (!v.documents.empty()) {
    body += "<form action=\"/search\" method=\"get\" id=\"search-request\"><input type=\"hidden\" name=\"request\" value=\"" +
            std::to_string(v.record.id) + "\"><label for=\"qr\">Search what this request returned</label> "
            "<input id=\"qr\" name=\"q\" type=\"search\"> <button type=\"submit\">Search</button></form>\n";
  }
  body += "<ul id=\"documents\">\n";
  if (v.documents.empty()) body += "<li>none linked yet</li>\n";
  auto searcher = index::Searcher::open(site.home / "index");
  for (const std::string& d : v.documents) {
    std::string title;
    if (searcher) {
      if (auto info = searcher->document(d)) title = info->title;
    }
    body += "<li><a href=\"/doc/" + escape(short_id(d)) + "\">" + escape(title.empty() ? short_id(d) : title) + "</a></li>\n";
  }
  body += "</ul>\n" + event_form(v, Date::today());
  return Response::html(html::page("Request " + id, body));
}

Response add_event(Site& site, const Request& req, const std::string& id) {
  const std::string what = "request " + id + ": add event";
  const auto kind = tr::event_from_name(req.param("event"));
  if (!kind || *kind == tr::EventKind::filed) {
    return error(400, what + ": unknown event '" + req.param("event") + "'", false);
  }
  tr::Event e;
  e.kind = *kind;
  e.date = Date::today();
  if (!req.param("date").empty()) {
    auto d = Date::parse_iso(req.param("date"));
    if (!d) return error(400, what + ": date: " + d.error().message, false);
    e.date = *d;
  }
  if (!req.param("until").empty()) {
    if (*kind != tr::EventKind::extended) return error(400, what + ": 'until' applies to 'extended' only", false);
    auto d = Date::parse_iso(req.param("until"));
    if (!d) return error(400, what + ": until: " + d.error().message, false);
    e.until = *d;
  }
  e.note = req.param("note");
  e.tracking = std::string(text::trim(req.param("tracking")));
  e.exemptions = req.param("exemptions");
  auto t = tr::Tracker::open(site.home, paths::data_dir());
  if (!t) return error(503, "requests: " + t.error().message, false);
  if (Status st = t->log(std::stol(id), e); !st) {
    return error(st.error().scope == ErrorScope::input ? 400 : 503, what + ": " + st.error().message, false);
  }
  return Response::redirect("/requests/" + id);
}

}  // namespace foialens::web::pages

#include "tracker/export.hpp"

#include <nlohmann/json.hpp>

#include "tracker/clock.hpp"
#include "tracker/csv.hpp"

namespace foialens::tracker {
namespace {

using nlohmann::json;

json date_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

json deadline_json(const Deadline& d, bool detail) {
  json j = {{"kind", d.kind},       {"label", d.label},       {"date", date_or_null(d.date)},
            {"basis", d.basis},     {"citation", d.citation}, {"met", d.met},
            {"met_on", date_or_null(d.met_on)}};
  if (!d.review.empty()) j["review"] = d.review;
  if (!d.date && d.remaining > 0) j["remaining_days"] = d.remaining;
  if (d.rolled_from) j["rolled_from"] = d.rolled_from->iso();
  if (detail) {
    json days = json::array();
    for (const DayMark& m : d.days) {
      json day = {{"date", m.date.iso()}, {"weekday", m.date.weekday_name()}};
      if (m.count > 0) day["count"] = m.count;
      else day["skipped"] = m.reason;
      days.push_back(std::move(day));
    }
    j["days"] = std::move(days);
    j["weekend_days_skipped"] = d.weekend_days();
    j["holidays_skipped"] = d.holidays();
    j["pauses"] = d.pauses;
  }
  return j;
}

json view_json(const RequestView& v, bool detail, Date today) {
  const Assessment& a = v.assessment;
  json tracking = json::array();
  for (const TrackingNumber& t : v.record.tracking) {
    tracking.push_back({{"number", t.number}, {"kind", t.kind}});
  }
  const Deadline* response = a.find("response");
  const Deadline* extended = a.find("extended");
  const Deadline* appeal = a.find("appeal");
  json j = {
      {"id", v.record.id},
      {"agency", v.record.agency},
      {"agency_name", v.agency ? v.agency->name : v.record.agency},
      {"law", v.record.law},
      {"subject", v.record.subject},
      {"status", std::string(status_name(a.status))},
      {"open", a.open},
      {"filed", v.filed.iso()},
      {"due", date_or_null(extended && extended->date ? extended->date
                                                      : (response ? response->date : std::nullopt))},
      {"response_due", date_or_null(response ? response->date : std::nullopt)},
      {"extended_due", date_or_null(extended ? extended->date : std::nullopt)},
      {"appeal_by", date_or_null(appeal ? appeal->date : std::nullopt)},
      {"next_due", date_or_null(a.next_due)},
      {"next_kind", a.next_kind.empty() ? json(nullptr) : json(a.next_kind)},
      {"days_left", a.next_due ? json(a.days_left) : json(nullptr)},
      {"tracking", tracking},
      {"tags", v.record.tags},
      {"documents", v.documents},
  };
  if (!v.record.requester.empty()) j["requester"] = v.record.requester;
  if (!v.record.organization.empty()) j["organization"] = v.record.organization;
  if (v.record.agency_due) j["agency_stated_due"] = v.record.agency_due->iso();
  if (detail) {
    j["as_of"] = today.iso();
    j["calendar"] = v.calendar ? v.calendar->id() : "";
    j["law_name"] = v.law ? v.law->name : "";
    if (v.law && !v.law->regulation.empty()) j["regulation"] = v.law->regulation;
    j["source"] = v.record.source;
    json events = json::array();
    for (const Event& e : v.events) {
      json ej = {{"event", std::string(event_name(e.kind))}, {"date", e.date.iso()}};
      if (!e.note.empty()) ej["note"] = e.note;
      if (!e.exemptions.empty()) ej["exemptions"] = e.exemptions;
      if (!e.tracking.empty()) ej["tracking"] = e.tracking;
      if (e.until) ej["until"] = e.until->iso();
      ej["recorded_at"] = e.recorded_at;
      events.push_back(std::move(ej));
    }
    j["events"] = std::move(events);
    json deadlines = json::array();
    for (const Deadline& d : a.deadlines) deadlines.push_back(deadline_json(d, true));
    j["deadlines"] = std::move(deadlines);
    j["notes"] = a.notes;
  }
  return j;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

}  // namespace

std::string to_json(const RequestView& view, bool detail, Date today, int indent) {
  return view_json(view, detail, today).dump(indent);
}

std::string to_json(const std::vector<RequestView>& views, bool detail, Date today, int indent) {
  json arr = json::array();
  for (const RequestView& v : views) arr.push_back(view_json(v, detail, today));
  return arr.dump(indent);
}

std::string record_json(const RequestView& v) {
  const RequestRecord& r = v.record;
  json tracking = json::array();
  for (const TrackingNumber& t : r.tracking) tracking.push_back({{"number", t.number}, {"kind", t.kind}});
  json events = json::array();
  for (const Event& e : v.events) {
    json ej = {{"event", std::string(event_name(e.kind))}, {"date", e.date.iso()}};
    if (!e.note.empty()) ej["note"] = e.note;
    if (!e.exemptions.empty()) ej["exemptions"] = e.exemptions;
    if (!e.tracking.empty()) ej["tracking"] = e.tracking;
    if (!e.tracking_kind.empty()) ej["tracking_kind"] = e.tracking_kind;
    if (e.until) ej["until"] = e.until->iso();
    events.push_back(std::move(ej));
  }
  json j = {{"agency", r.agency},   {"law", r.law},           {"subject", r.subject},
            {"requester", r.requester}, {"organization", r.organization},
            {"agency_due", date_or_null(r.agency_due)}, {"source", r.source},
            {"import_key", r.import_key}, {"tracking", tracking}, {"tags", r.tags},
            {"events", events},     {"documents", v.documents}};
  return j.dump();
}

std::string to_csv(const std::vector<RequestView>& views, Date today, bool bom) {
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  out += csv::record({"id", "agency", "agency_name", "law", "subject", "status", "filed",
                      "response_due", "extended_due", "appeal_by", "next_due", "days_left",
                      "tracking", "tags", "documents", "as_of", "requester", "organization",
                      "agency_stated_due", "foialens_record"});
  for (const RequestView& v : views) {
    const Assessment& a = v.assessment;
    const auto date_of = [&](std::string_view kind) {
      const Deadline* d = a.find(kind);
      return d && d->date ? d->date->iso() : std::string();
    };
    std::vector<std::string> numbers;
    for (const TrackingNumber& t : v.record.tracking) numbers.push_back(t.number);
    out += csv::record({std::to_string(v.record.id), v.record.agency,
                        v.agency ? v.agency->name : "", v.record.law, v.record.subject,
                        std::string(status_name(a.status)), v.filed.iso(), date_of("response"),
                        date_of("extended"), date_of("appeal"),
                        a.next_due ? a.next_due->iso() : "",
                        a.next_due ? std::to_string(a.days_left) : "", join(numbers, "; "),
                        join(v.record.tags, "; "), join(v.documents, "; "), today.iso(),
                        v.record.requester, v.record.organization,
                        v.record.agency_due ? v.record.agency_due->iso() : "", record_json(v)});
  }
  return out;
}

namespace ics {

std::string escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fold(std::string_view line) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t len = 1;
    const auto lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0) len = 4;
    else if (lead >= 0xE0) len = 3;
    else if (lead >= 0xC0) len = 2;
    len = std::min(len, line.size() - i);
    if (width + len > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, len));
    width += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

}  // namespace ics

std::string to_ics(const std::vector<RequestView>& views, const std::string& stamp,
                   const std::string& home_id) {
  std::string out;
  out += ics::fold("BEGIN:VCALENDAR");
  out += ics::fold("VERSION:2.0");
  out += ics::fold("PRODID:-//foialens//records requests//EN");
  out += ics::fold("CALSCALE:GREGORIAN");
  out += ics::fold("METHOD:PUBLISH");
  for (const RequestView& v : views) {
    for (const Deadline& d : v.assessment.deadlines) {
      if (!d.date) continue;
      const std::string agency = v.agency ? v.agency->name : v.record.agency;
      const std::string summary = d.label + ": request " + std::to_string(v.record.id) + " (" +
                                  agency + ") " + v.record.subject;
      std::string description = d.basis;
      if (!d.citation.empty()) description += "\n" + d.citation;
      if (d.met && d.met_on) description += "\nMet on " + d.met_on->iso() + ".";
      description += "\nStatus: " + std::string(status_name(v.assessment.status));
      out += ics::fold("BEGIN:VEVENT");
      out += ics::fold("UID:request-" + std::to_string(v.record.id) + "-" + d.kind + "-" + home_id +
                       "@foialens");
      out += ics::fold("DTSTAMP:" + stamp);
      out += ics::fold("DTSTART;VALUE=DATE:" + d.date->compact());
      out += ics::fold("DTEND;VALUE=DATE:" + d.date->add_days(1).compact());
      out += ics::fold("SUMMARY:" + ics::escape(summary));
      out += ics::fold("DESCRIPTION:" + ics::escape(description));
      out += ics::fold("CATEGORIES:" + ics::escape(d.kind));
      out += ics::fold("TRANSP:TRANSPARENT");
      out += ics::fold("END:VEVENT");
    }
  }
  out += ics::fold("END:VCALENDAR");
  return out;
}

std::string utc_stamp_now() { return detail::utc_now("%Y%m%dT%H%M%SZ"); }

}  // namespace foialens::tracker

#include "tracker/law.hpp"

#include "common/paths.hpp"
#include "tracker/toml_util.hpp"

namespace foialens::tracker {
namespace {

Result<Period> read_period(const toml::table& t, std::string_view key, const std::string& origin,
                           bool required) {
  Period p;
  const toml::table* s = t[key].as_table();
  if (!s) {
    if (required) return Error::run(origin + ": missing [" + std::string(key) + "]");
    return p;
  }
  p.days = (*s)["days"].value_or(0);
  const std::string unit = detail::str((*s)["unit"], "business");
  if (unit == "business") {
    p.unit = DayUnit::business;
  } else if (unit == "calendar") {
    p.unit = DayUnit::calendar;
  } else {
    return Error::run(origin + ": [" + std::string(key) + "] unit must be business or calendar");
  }
  if (p.days < 0 || p.days > 3650 || (required && p.days == 0)) {
    return Error::run(origin + ": [" + std::string(key) + "] days must be 1..3650");
  }
  p.roll_forward = (*s)["roll_forward"].value_or(false);
  p.from = detail::str((*s)["from"]);
  p.citation = detail::str((*s)["citation"]);
  p.review = detail::str((*s)["review"]);
  return p;
}

std::vector<std::string> strings(const toml::node_view<const toml::node>& n) {
  std::vector<std::string> out;
  if (const toml::array* a = n.as_array()) {
    for (const toml::node& e : *a) {
      if (auto s = e.value<std::string>()) out.push_back(*s);
    }
  }
  return out;
}

}  // namespace

std::string_view unit_word(DayUnit unit) { return unit == DayUnit::business ? "business" : "calendar"; }

Result<Law> Law::load(const std::filesystem::path& file) {
  auto text = paths::read_file(file);
  if (!text) return Error::run(file.string() + ": " + text.error().message);
  return parse(*text, file.string());
}

Result<Law> Law::parse(std::string_view toml_text, const std::string& origin) {
  auto parsed = detail::parse_toml(toml_text, origin);
  if (!parsed) return parsed.error();
  const toml::table& t = *parsed;
  Law law;
  law.id = detail::str(t["id"]);
  if (law.id.empty()) return Error::run(origin + ": law has no 'id'");
  law.name = detail::str(t["name"], law.id);
  law.citation = detail::str(t["citation"]);
  law.review = detail::str(t["review"]);

  auto response = read_period(t, "response", origin, true);
  if (!response) return response.error();
  law.response = *response;
  if (const toml::table* r = t["receipt"].as_table()) {
    law.closed_day_receipt_next_business_day =
        detail::str((*r)["closed_day"], "as-is") == "next-business-day";
    law.receipt_citation = detail::str((*r)["citation"]);
  }
  auto extension = read_period(t, "extension", origin, false);
  if (!extension) return extension.error();
  law.extension = *extension;
  if (const toml::table* e = t["extension"].as_table()) law.max_extensions = (*e)["max"].value_or(1);
  if (const toml::table* s = t["silence"].as_table()) {
    law.silence_is_denial = (*s)["is_denial"].value_or(false);
    law.silence_citation = detail::str((*s)["citation"]);
    law.silence_note = detail::str((*s)["note"]);
  }
  auto appeal = read_period(t, "appeal", origin, false);
  if (!appeal) return appeal.error();
  law.appeal = *appeal;
  if (const toml::table* a = t["appeal"].as_table()) law.appeal_body = detail::str((*a)["body"]);
  auto decision = read_period(t, "appeal_decision", origin, false);
  if (!decision) return decision.error();
  law.appeal_decision = *decision;
  if (const toml::table* p = t["pause"].as_table()) {
    law.pause_on = strings((*p)["on"]);
    law.resume_on = strings((*p)["resume_on"]);
    law.pause_citation = detail::str((*p)["citation"]);
  }
  return law;
}

Result<Regulation> Regulation::load(const std::filesystem::path& file) {
  auto text = paths::read_file(file);
  if (!text) return Error::run(file.string() + ": " + text.error().message);
  return parse(*text, file.string());
}

Result<Regulation> Regulation::parse(std::string_view toml_text, const std::string& origin) {
  auto parsed = detail::parse_toml(toml_text, origin);
  if (!parsed) return parsed.error();
  const toml::table& t = *parsed;
  Regulation r;
  r.id = detail::str(t["id"]);
  r.name = detail::str(t["name"], r.id);
  r.citation = detail::str(t["citation"]);
  r.law = detail::str(t["law"]);
  r.source = detail::str(t["source"]);
  r.review = detail::str(t["review"]);
  r.agencies = strings(t["agencies"]);
  if (r.id.empty() || r.law.empty() || r.agencies.empty()) {
    return Error::run(origin + ": a regulation needs 'id', 'law' and 'agencies'");
  }
  auto appeal = read_period(t, "appeal", origin, false);
  if (!appeal) return appeal.error();
  r.appeal = *appeal;
  if (const toml::table* a = t["appeal"].as_table()) r.appeal_body = detail::str((*a)["body"]);
  return r;
}

Law Regulation::refine(const Law& base) const {
  Law out = base;
  out.regulation = name + (citation.empty() ? "" : ", " + citation);
  if (appeal.defined()) {
    out.appeal = appeal;
    if (!appeal_body.empty()) out.appeal_body = appeal_body;
  }
  return out;
}

}  // namespace foialens::tracker

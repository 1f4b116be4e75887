#include "analysis/stored.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace foialens::analysis {
namespace {
using json = nlohmann::json;

constexpr std::string_view kMagic = "foialens-analysis\n";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// "name length\n" then the body.
void section(std::string& out, std::string_view name, std::string_view body) {
  out += name;
  out += ' ';
  out += std::to_string(body.size());
  out += '\n';
  out += body;
}

json date_json(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

std::optional<Date> date_from(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  auto d = Date::parse_iso(it->get<std::string>());
  return d ? std::optional<Date>(*d) : std::nullopt;
}

std::string str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int num(const json& j, const char* key, int otherwise = 0) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : otherwise;
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

const json& array(const json& j, const char* key) {
  static const json empty = json::array();
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

// Documents.
json meta_json(const Document& d) {
  json dates = json::array();
  for (const Date& x : d.dates) dates.push_back(x.iso());
  return {{"id", d.id},           {"title", d.title},         {"source", d.source},
          {"url", d.source_url},  {"fetched", d.fetched_at},  {"media", d.media_type},
          {"size", d.size},       {"type", d.doc_type},       {"date", date_json(d.date)},
          {"dates", dates},       {"agencies", d.agencies},   {"ingested", d.ingested_at}};
}

Document meta_from(const json& j) {
  Document d;
  d.id = str(j, "id");
  d.title = str(j, "title");
  d.source = str(j, "source");
  d.source_url = str(j, "url");
  d.fetched_at = str(j, "fetched");
  d.media_type = str(j, "media");
  if (const auto it = j.find("size"); it != j.end() && it->is_number_integer()) d.size = it->get<std::int64_t>();
  d.doc_type = str(j, "type");
  d.date = date_from(j, "date");
  for (const std::string& s : strings(j, "dates")) {
    if (auto x = Date::parse_iso(s)) d.dates.push_back(*x);
  }
  d.agencies = strings(j, "agencies");
  d.ingested_at = str(j, "ingested");
  return d;
}

// Agreements.
json agreement_json(const Agreement& a) {
  json signatories = json::array();
  for (const Signatory& s : a.signatories) {
    signatories.push_back({{"name", s.name}, {"title", s.title}, {"agency", s.agency},
                           {"date", date_json(s.date)}, {"page", s.page}});
  }
  return {{"page", a.page},
          {"page_end", a.page_end},
          {"embedded", a.embedded},
          {"kind", std::string(kind_slug(a.kind))},
          {"title", a.title},
          {"parties", a.parties},
          {"effective", date_json(a.effective_date)},
          {"signed", date_json(a.signature_date)},
          {"term", a.term},
          {"signatories", std::move(signatories)},
          {"authorities", a.authorities}};
}

Agreement agreement_from(const json& j, const Document& doc) {
  Agreement a;
  a.doc_id = doc.id;
  a.doc_title = doc.title;
  a.source = doc.source;
  a.page = num(j, "page", 1);
  a.page_end = num(j, "page_end", a.page);
  a.embedded = j.value("embedded", false);
  a.kind = parse_kind(str(j, "kind")).value_or(Kind::agreement);
  a.title = str(j, "title");
  a.parties = strings(j, "parties");
  a.effective_date = date_from(j, "effective");
  a.signature_date = date_from(j, "signed");
  a.term = str(j, "term");
  for (const json& s : array(j, "signatories")) {
    a.signatories.push_back({str(s, "name"), str(s, "title"), str(s, "agency"), date_from(s, "date"),
                             num(s, "page", 1)});
  }
  a.authorities = strings(j, "authorities");
  return a;
}

// References.
json instrument_json(const Instrument& in) {
  return {{"category", in.category == ReferenceCategory::order ? "order" : "agreement"},
          {"kind", std::string(kind_slug(in.kind))},
          {"order_type", in.order_type},
          {"identifier", in.identifier},
          {"date", date_json(in.date)},
          {"year", in.year},
          {"topic", in.topic},
          {"display_topic", in.display_topic},
          {"name", in.name},
          {"parties", in.parties}};
}

Instrument instrument_from(const json& j) {
  Instrument in;
  in.category = str(j, "category") == "order" ? ReferenceCategory::order : ReferenceCategory::agreement;
  in.kind = parse_kind(str(j, "kind")).value_or(Kind::agreement);
  in.order_type = str(j, "order_type");
  in.identifier = str(j, "identifier");
  in.date = date_from(j, "date");
  in.year = num(j, "year");
  in.topic = str(j, "topic");
  in.display_topic = str(j, "display_topic");
  in.name = str(j, "name");
  in.parties = strings(j, "parties");
  return in;
}

// Findings.
json spans_json(const std::vector<Span>& spans) {
  json out = json::array();
  for (const Span& s : spans) out.push_back(json::array({s.offset, s.length, s.text}));
  return out;
}

std::vector<Span> spans_from(const json& j) {
  std::vector<Span> out;
  if (!j.is_array()) return out;
  for (const json& s : j) {
    if (!s.is_array() || s.size() != 3 || !s[0].is_number_unsigned() || !s[1].is_number_unsigned() ||
        !s[2].is_string()) {
      continue;
    }
    out.push_back({s[0].get<std::size_t>(), s[1].get<std::size_t>(), s[2].get<std::string>()});
  }
  return out;
}

json location_json(const ClauseLocation& c) {
  json j = {{"page", c.page}, {"page_end", c.page_end}, {"ordinal", c.ordinal}, {"text", c.text}};
  if (!c.clause.empty()) j["clause"] = c.clause;
  if (!c.heading_path.empty()) j["path"] = c.heading_path;
  if (!c.lead_in.empty()) j["lead_in"] = c.lead_in;
  return j;
}

void location_from(const json& j, const Document& doc, ClauseLocation& c) {
  c.doc = doc.id;
  c.title = doc.title;
  c.source = doc.source;
  c.doc_type = doc.doc_type;
  c.page = num(j, "page", 1);
  c.page_end = num(j, "page_end", c.page);
  c.ordinal = num(j, "ordinal");
  c.text = str(j, "text");
  c.clause = str(j, "clause");
  c.heading_path = str(j, "path");
  c.lead_in = str(j, "lead_in");
}

const Mitigator* mitigator(const RuleSet& rules, std::string_view id) {
  for (const Mitigator& m : rules.mitigators) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

Dismissal::Why why_from(std::string_view s) {
  for (auto why : {Dismissal::Why::forbids, Dismissal::Why::neutral, Dismissal::Why::no_actor,
                   Dismissal::Why::cleared}) {
    if (to_string(why) == s) return why;
  }
  return Dismissal::Why::forbids;
}

}  // namespace

StoredCheck encode_check(const DocumentCheck& check) {
  json findings = json::array();
  for (const LocatedFinding& lf : check.findings) {
    const Finding& f = lf.finding;
    json mitigation = json::array();
    for (const MitigationHit& m : f.mitigation) {
      mitigation.push_back({{"id", m.mitigator ? m.mitigator->id : ""},
                            {"spans", spans_json(m.spans)},
                            {"in_document", m.in_document},
                            {"sentence", m.sentence}});
    }
    json j = location_json(lf);
    j["rule"] = f.rule ? f.rule->id : "";
    j["severity"] = std::string(to_string(f.severity));
    j["evidence"] = spans_json(f.evidence);
    j["mitigation"] = std::move(mitigation);
    j["actor"] = f.actor;
    j["review_only"] = f.review_only_document;
    findings.push_back(std::move(j));
  }
  json dismissals = json::array();
  for (const LocatedDismissal& ld : check.dismissals) {
    const Dismissal& d = ld.dismissal;
    json j = location_json(ld);
    j["rule"] = d.rule ? d.rule->id : "";
    j["why"] = std::string(to_string(d.why));
    j["detail"] = d.detail;
    j["evidence"] = spans_json(d.evidence);
    dismissals.push_back(std::move(j));
  }
  const json f = {{"candidates", check.candidates}, {"findings", std::move(findings)}};
  return {dump(f), dump(dismissals)};
}

DocumentCheck decode_check(const StoredCheck& stored, const RuleSet& rules, const Document& doc,
                           bool with_dismissals) {
  DocumentCheck out;
  const json j = json::parse(stored.findings, nullptr, false);
  if (!j.is_object()) return out;
  if (const auto it = j.find("candidates"); it != j.end() && it->is_number_unsigned()) {
    out.candidates = it->get<std::size_t>();
  }
  for (const json& f : array(j, "findings")) {
    const Rule* rule = rules.rule(str(f, "rule"));
    if (!rule) continue;
    LocatedFinding lf;
    location_from(f, doc, lf);
    lf.finding.rule = rule;
    lf.finding.provision = rules.provision(rule->provision);
    lf.finding.severity = str(f, "severity") == "conflict" ? Severity::conflict : Severity::review;
    lf.finding.evidence = spans_from(f.value("evidence", json::array()));
    for (const json& m : array(f, "mitigation")) {
      MitigationHit hit;
      hit.mitigator = mitigator(rules, str(m, "id"));
      if (!hit.mitigator) continue;
      hit.spans = spans_from(m.value("spans", json::array()));
      hit.in_document = m.value("in_document", false);
      hit.sentence = str(m, "sentence");
      lf.finding.mitigation.push_back(std::move(hit));
    }
    lf.finding.actor = str(f, "actor");
    lf.finding.review_only_document = f.value("review_only", false);
    out.findings.push_back(std::move(lf));
  }
  if (!with_dismissals) return out;
  const json dismissals = json::parse(stored.dismissals, nullptr, false);
  if (!dismissals.is_array()) return out;
  for (const json& d : dismissals) {
    const Rule* rule = rules.rule(str(d, "rule"));
    if (!rule) continue;
    LocatedDismissal ld;
    location_from(d, doc, ld);
    ld.dismissal.rule = rule;
    ld.dismissal.why = why_from(str(d, "why"));
    ld.dismissal.detail = str(d, "detail");
    ld.dismissal.evidence = spans_from(d.value("evidence", json::array()));
    out.dismissals.push_back(std::move(ld));
  }
  return out;
}

std::string encode(const StoredAnalysis& stored) {
  json agreements = json::array();
  for (const Agreement& a : stored.agreements) agreements.push_back(agreement_json(a));
  json cited = json::array();
  for (const CitedInstrument& c : stored.references.cited) {
    cited.push_back({{"instrument", instrument_json(c.instrument)},
                     {"page", c.citation.page},
                     {"printed", c.citation.printed},
                     {"context", c.citation.context}});
  }
  const json core = {{"v", stored.version},
                     {"doc", meta_json(stored.doc)},
                     {"pages", stored.pages},
                     {"ocr", stored.ocr_confidences},
                     {"agreements", std::move(agreements)},
                     {"header", stored.references.header},
                     {"cited", std::move(cited)}};
  std::string out(kMagic);
  section(out, "core", dump(core));
  for (const auto& [hash, check] : stored.checks) {
    section(out, "findings " + hash, check.findings);
    section(out, "dismissals " + hash, check.dismissals);
  }
  return out;
}

std::optional<StoredAnalysis> decode(std::string_view data) {
  if (!data.starts_with(kMagic)) return std::nullopt;
  data.remove_prefix(kMagic.size());
  StoredAnalysis out;
  bool have_core = false;
  while (!data.empty()) {
    const auto eol = data.find('\n');
    if (eol == std::string_view::npos) return std::nullopt;
    const std::string_view header = data.substr(0, eol);
    const auto space = header.rfind(' ');
    if (space == std::string_view::npos) return std::nullopt;
    std::size_t length = 0;
    const std::string_view digits = header.substr(space + 1);
    if (std::from_chars(digits.data(), digits.data() + digits.size(), length).ec != std::errc() ||
        length > data.size() - eol - 1) {
      return std::nullopt;
    }
    const std::string_view name = header.substr(0, space);
    const std::string_view body = data.substr(eol + 1, length);
    data.remove_prefix(eol + 1 + length);
    if (name == "core") {
      const json j = json::parse(body, nullptr, false);
      if (j.is_discarded() || !j.is_object() || num(j, "v") != kAnalysisVersion) return std::nullopt;
      const auto doc = j.find("doc");
      if (doc == j.end() || !doc->is_object()) return std::nullopt;
      out.version = kAnalysisVersion;
      out.doc = meta_from(*doc);
      if (out.doc.id.empty()) return std::nullopt;
      out.pages = num(j, "pages");
      for (const json& c : array(j, "ocr")) {
        if (c.is_number()) out.ocr_confidences.push_back(c.get<double>());
      }
      for (const json& a : array(j, "agreements")) out.agreements.push_back(agreement_from(a, out.doc));
      out.references.header = str(j, "header");
      for (const json& c : array(j, "cited")) {
        CitedInstrument ci;
        ci.instrument = instrument_from(c.value("instrument", json::object()));
        ci.citation = Citation{out.doc.id, out.doc.title, out.doc.source, num(c, "page", 1),
                               str(c, "printed"), str(c, "context")};
        out.references.cited.push_back(std::move(ci));
      }
      have_core = true;
    } else if (name.starts_with("findings ")) {
      out.checks[std::string(name.substr(9))].findings = std::string(body);
    } else if (name.starts_with("dismissals ")) {
      out.checks[std::string(name.substr(11))].dismissals = std::string(body);
    }
  }
  if (!have_core) return std::nullopt;
  return out;
}

}  // namespace foialens::analysis

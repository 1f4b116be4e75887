#include "api/analysis.hpp"

#include <nlohmann/json.hpp>

#include "common/paths.hpp"
#include "common/text.hpp"
#include "tracker/store.hpp"

namespace foialens::api {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr double kLowConfidence = 70.0;

std::string line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

json date_json(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

json finding_json(const analysis::LocatedFinding& lf, const analysis::RuleSet& rules) {
  const analysis::Finding& f = lf.finding;
  json evidence = json::array();
  for (const auto& s : f.evidence) {
    evidence.push_back({{"offset", s.offset}, {"length", s.length}, {"text", s.text}});
  }
  json mitigating = json::array();
  for (const auto& m : f.mitigation) {
    json words = json::array();
    for (const auto& s : m.spans) words.push_back(s.text);
    mitigating.push_back({{"mitigator", m.mitigator->id},
                          {"effect", std::string(analysis::to_string(m.mitigator->effect))},
                          {"where", m.in_document ? "document" : "clause"},
                          {"text", m.sentence},
                          {"words", std::move(words)},
                          {"explanation", m.mitigator->explanation}});
  }
  json j = {{"doc", short_id(lf.doc)},
            {"doc_id", lf.doc},
            {"title", lf.title},
            {"source", lf.source},
            {"type", lf.doc_type},
            {"page", lf.page},
            {"page_end", lf.page_end},
            {"clause", lf.clause},
            {"path", lf.heading_path},
            {"rule_set", rules.id},
            {"provision", f.provision ? f.provision->id : f.rule->provision},
            {"citation", f.provision ? f.provision->citation : ""},
            {"provision_title", f.provision ? f.provision->title : ""},
            {"provision_summary", f.provision ? f.provision->summary : ""},
            {"rule", f.rule->id},
            {"severity", std::string(analysis::to_string(f.severity))},
            {"stance", "permits"},
            {"summary", f.rule->summary},
            {"explanation", f.rule->explanation},
            {"actor", f.actor},
            {"text", lf.text},
            {"highlighted", highlighted(lf.text, f.evidence, 0)},
            {"evidence", std::move(evidence)},
            {"mitigating", std::move(mitigating)}};
  if (!lf.lead_in.empty()) j["lead_in"] = lf.lead_in;
  if (f.review_only_document) j["note"] = "the document describes conduct; it binds no one";
  return j;
}

json dismissal_json(const analysis::LocatedDismissal& ld, const analysis::RuleSet& rules) {
  const analysis::Dismissal& d = ld.dismissal;
  json evidence = json::array();
  for (const auto& s : d.evidence) {
    evidence.push_back({{"offset", s.offset}, {"length", s.length}, {"text", s.text}});
  }
  const analysis::Provision* p = rules.provision(d.rule->provision);
  json j = {{"doc", short_id(ld.doc)}, {"doc_id", ld.doc}, {"title", ld.title},
            {"source", ld.source}, {"type", ld.doc_type}, {"page", ld.page},
            {"page_end", ld.page_end}, {"clause", ld.clause}, {"path", ld.heading_path},
            {"rule_set", rules.id}, {"provision", d.rule->provision},
            {"citation", p ? p->citation : ""}, {"rule", d.rule->id}, {"severity", "none"},
            {"stance", std::string(analysis::to_string(d.why))}, {"reason", d.detail},
            {"text", ld.text}, {"highlighted", highlighted(ld.text, d.evidence, 0)},
            {"evidence", std::move(evidence)}};
  if (!ld.lead_in.empty()) j["lead_in"] = ld.lead_in;
  return j;
}

json agreement_json(const analysis::Agreement& a) {
  json signatories = json::array();
  for (const auto& s : a.signatories) {
    signatories.push_back({{"name", s.name}, {"title", s.title}, {"agency", s.agency},
                           {"date", date_json(s.date)}, {"page", s.page}});
  }
  return {{"doc", short_id(a.doc_id)},
          {"doc_id", a.doc_id},
          {"doc_title", a.doc_title},
          {"source", a.source},
          {"page", a.page},
          {"page_end", a.page_end},
          {"embedded", a.embedded},
          {"kind", std::string(analysis::kind_slug(a.kind))},
          {"kind_label", std::string(analysis::kind_label(a.kind))},
          {"title", a.title},
          {"parties", a.parties},
          {"effective", date_json(a.effective_date)},
          {"signed", date_json(a.signature_date)},
          {"term", a.term},
          {"signatories", std::move(signatories)},
          {"authorities", a.authorities}};
}

json reference_json(const analysis::Reference& r) {
  json citations = json::array();
  for (const auto& c : r.citations) {
    citations.push_back({{"doc", short_id(c.doc_id)}, {"doc_id", c.doc_id},
                         {"doc_title", c.doc_title}, {"source", c.source}, {"page", c.page},
                         {"printed", c.printed}, {"context", c.context}});
  }
  const auto& in = r.instrument;
  json j = {{"key", r.key},
            {"aliases", r.aliases},
            {"status", std::string(analysis::to_string(r.status))},
            {"label", r.label},
            {"category", in.category == analysis::ReferenceCategory::order ? "order" : "agreement"},
            {"cited", r.citations.size()},
            {"citing_documents", r.citing_documents()},
            {"citations", std::move(citations)},
            {"resolved", json::array()}};
  if (in.category == analysis::ReferenceCategory::order) {
    j["order_type"] = in.order_type;
    j["identifier"] = in.identifier;
  } else {
    j["kind"] = std::string(analysis::kind_slug(in.kind));
    j["date"] = date_json(in.date);
    j["year"] = in.year ? json(in.year) : json(nullptr);
    j["topic"] = in.topic;
    j["parties"] = in.parties;
  }
  for (std::size_t i = 0; i < r.resolved.size(); ++i) {
    j["resolved"].push_back({{"doc", short_id(r.resolved[i])}, {"doc_id", r.resolved[i]},
                             {"title", r.resolved_titles[i]}});
  }
  const auto draft = analysis::draft_request(r);
  j["request"] = {{"agency", draft.agency}, {"subject", draft.subject}};
  return j;
}

}  // namespace

std::string highlighted(const std::string& text, const std::vector<analysis::Span>& spans, std::size_t window,
                        std::string_view open, std::string_view close) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  if (window > 0 && !spans.empty()) {
    const std::size_t first = spans.front().offset;
    const std::size_t last = spans.back().offset + spans.back().length;
    begin = first > window ? first - window : 0;
    end = std::min(text.size(), last + window);
    while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  std::string out = begin > 0 ? "\u2026" : "";
  std::size_t at = begin;
  for (const auto& s : spans) {
    if (s.offset < at || s.offset + s.length > end) continue;
    out += text.substr(at, s.offset - at);
    out += open;
    out += text.substr(s.offset, s.length);
    out += close;
    at = s.offset + s.length;
  }
  out += text.substr(at, end - at);
  if (end < text.size()) out += "\u2026";
  return text::squash_spaces(out);
}

std::string conflicts_json(const analysis::ConflictReport& report, const analysis::RuleSet& rules) {
  std::string out;
  for (const auto& lf : report.findings) out += line(finding_json(lf, rules));
  for (const auto& ld : report.dismissals) out += line(dismissal_json(ld, rules));
  return out;
}

std::string agreements_json(const std::vector<analysis::Agreement>& agreements) {
  std::string out;
  for (const auto& a : agreements) out += line(agreement_json(a));
  return out;
}

std::string references_json(const std::vector<const analysis::Reference*>& references) {
  std::string out;
  for (const auto* r : references) out += line(reference_json(*r));
  return out;
}

std::set<std::string> requested_reference_keys(const fs::path& home, std::string& warning) {
  std::set<std::string> keys;
  std::error_code ec;
  if (!fs::exists(home / "tracker.db", ec)) return keys;
  auto store = tracker::Store::open(home);
  if (!store) {
    warning = store.error().message;
    return keys;
  }
  auto requests = store->requests();
  if (!requests) return keys;
  constexpr std::string_view kPrefix = "reference:";
  const auto take = [&](const std::string& s) {
    if (s.rfind(kPrefix, 0) == 0) keys.insert(text::lower_ascii(s.substr(kPrefix.size())));
  };
  for (const auto& r : *requests) {
    take(r.source);
    for (const auto& tag : r.tags) take(tag);
  }
  return keys;
}

Report report_requests(const fs::path& home, Date today) {
  Report r;
  r.today = today;
  std::error_code ec;
  if (!fs::exists(home / "tracker.db", ec)) return r;
  auto t = tracker::Tracker::open(home, paths::data_dir());
  if (!t) {
    r.warnings.push_back("report: records requests left out: " + t.error().message);
    return r;
  }
  r.tracker.emplace(std::move(*t));
  auto views = r.tracker->list(tracker::ListFilter{}, today);
  if (!views) {
    r.warnings.push_back("report: records requests left out: " + views.error().message);
    return r;
  }
  r.requests_present = true;
  for (auto& v : *views) {
    const auto& a = v.assessment;
    if (a.open) ++r.open;
    const bool late = a.open && a.next_due && a.days_left < 0;
    const bool soon = a.open && a.next_due && a.days_left >= 0 && a.days_left <= kSoonDays;
    const bool appealable = a.appeal_by.has_value() && *a.appeal_by >= today;
    r.late += late;
    r.soon += soon;
    r.appealable += appealable;
    if (late || soon || appealable) r.attention.push_back(std::move(v));
  }
  return r;
}

void report_library(Report& r, const analysis::Library& library) {
  r.library_present = true;
  for (const auto& d : library.documents()) {
    ++r.documents;
    r.pages += static_cast<std::size_t>(d.pages);
    r.ocr_pages += d.ocr_confidences.size();
    for (double c : d.ocr_confidences) r.low_confidence_pages += c >= 0 && c < kLowConfidence;
  }
}

void report_conflicts(Report& r, const analysis::Library& library, const analysis::RuleSet* rules,
                      const fs::path& rules_path) {
  if (!rules) {
    auto loaded = analysis::load_rules(rules_path);
    r.warnings.push_back("report: conflicts left out: " +
                         (loaded ? "rule set " + rules_path.string() + " was not loaded" : loaded.error().message));
    return;
  }
  auto found = library.conflicts(*rules, {});
  if (!found) {
    r.warnings.push_back("report: conflicts left out: " + found.error().message);
    return;
  }
  r.conflicts_present = true;
  r.policy = rules->title;
  for (const auto& f : found->findings) {
    auto& counts = r.by_document[f.title.empty() ? f.source : f.title];
    if (f.finding.severity == analysis::Severity::conflict) {
      ++r.conflicts;
      ++counts.first;
    } else {
      ++r.reviews;
      ++counts.second;
    }
  }
}

void report_references(Report& r, const analysis::Library& library, const std::set<std::string>& requested_keys) {
  analysis::ReferenceOptions options;
  options.requested_keys = requested_keys;
  options.unresolved_only = true;
  r.unresolved = library.references(options);
}

Status report_ready(const Report& r) {
  if (r.library_present || r.requests_present) return Ok{};
  return Error::run("report: nothing to report yet: ingest documents (foialens ingest PATH) or add a records "
                    "request (foialens requests add)");
}

std::string report_json(const Report& r) {
  json j = {{"today", r.today.iso()}};
  if (r.requests_present) {
    json list = json::array();
    for (const auto& v : r.attention) {
      const auto& a = v.assessment;
      list.push_back({{"id", v.record.id},
                      {"agency", v.agency ? v.agency->name : v.record.agency},
                      {"subject", v.record.subject},
                      {"status", std::string(tracker::status_name(a.status))},
                      {"next", a.next_kind},
                      {"due", a.next_due ? a.next_due->iso() : ""},
                      {"days_left", a.days_left},
                      {"appeal_by", a.appeal_by ? a.appeal_by->iso() : ""}});
    }
    j["requests"] = {{"open", r.open}, {"late", r.late}, {"due_soon", r.soon},
                     {"appealable", r.appealable}, {"attention", std::move(list)}};
  }
  if (r.library_present) {
    j["library"] = {{"documents", r.documents}, {"pages", r.pages},
                    {"ocr_pages", r.ocr_pages}, {"low_confidence_pages", r.low_confidence_pages}};
  }
  if (r.conflicts_present) {
    json docs = json::array();
    for (const auto& [title, counts] : r.by_document) {
      docs.push_back({{"title", title}, {"conflict", counts.first}, {"review", counts.second}});
    }
    j["conflicts"] = {{"policy", r.policy}, {"conflict", r.conflicts},
                      {"review", r.reviews}, {"documents", std::move(docs)}};
  }
  if (r.library_present) {
    json refs = json::array();
    for (const auto& ref : r.unresolved) {
      refs.push_back({{"key", ref.key}, {"label", ref.label}, {"status", std::string(analysis::to_string(ref.status))},
                      {"cited", ref.citations.size()}});
    }
    j["unresolved_references"] = std::move(refs);
  }
  return line(j);
}

}  // namespace foialens::api

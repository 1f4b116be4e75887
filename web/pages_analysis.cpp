// What the analysis found: conflicts with a policy, agreements, the instruments the
// documents cite (with a button that drafts the records request for one nobody holds),
// and the morning report; with their JSON routes.

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "analysis/library.hpp"
#include "api/analysis.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "index/searcher.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"
#include "web/params.hpp"

namespace foialens::web::pages {
namespace {
namespace fs = std::filesystem;
using html::escape;

std::string doc_link(const std::string& id, int page = 0) {
  return "/doc/" + short_id(id) + (page > 0 ? "/page/" + std::to_string(page) : "");
}

std::string pages_text(int from, int to) {
  return from == to ? fmt::format("p. {}", from) : fmt::format("pp. {}-{}", from, to);
}

// A rule set is chosen in a URL by its file name without .toml, matched against the
// installed ones: no path from a URL is opened.
Result<fs::path> chosen_rules(const Request& req) {
  const std::string name = req.param("rules");
  if (name.empty()) return analysis::default_rules_path();
  const auto installed = analysis::installed_rules_paths();
  for (const auto& p : installed) {
    if (p.stem().string() == name) return p;
  }
  std::string names;
  for (const auto& p : installed) names += (names.empty() ? "" : ", ") + p.stem().string();
  return Error::input("rules=" + name + ": no such rule set (installed: " + names + ")");
}

// The analysis stored at ingest, brought up to date against every installed rule set.
using Analysed = analysis::AnalysedLibrary;

Result<Analysed> open_library(Site& site) { return analysis::open_analysed(site.home / "index"); }

struct Conflicts {
  Analysed analysed;
  const analysis::RuleSet* rules = nullptr;
  analysis::ConflictReport report;
};

// What `conflicts` finds for the options in the query string; `status` is the HTTP status
// of a failure.
Result<Conflicts> run_conflicts(Site& site, const Request& req, int& status) {
  status = 400;
  auto path = chosen_rules(req);
  if (!path) return path.error();
  analysis::ConflictOptions options;
  const std::string severity = req.param("severity");
  if (severity == "conflict") options.severity = analysis::Severity::conflict;
  else if (severity == "review") options.severity = analysis::Severity::review;
  else if (!severity.empty()) return Error::input("severity=" + severity + ": expected conflict or review");
  const auto [from, to] = req.params.equal_range("doc");
  for (auto it = from; it != to; ++it) options.documents.push_back(it->second);
  options.explain = flag(req, "explain");
  status = 503;
  auto analysed = open_library(site);
  if (!analysed) return analysed.error();
  const analysis::RuleSet* rules = analysed->rules_of(*path);
  if (!rules) {
    auto loaded = analysis::load_rules(*path);
    return Error::run("rule set " + path->string() + ": " + (loaded ? "not loaded" : loaded.error().message));
  }
  auto report = analysed->library.conflicts(*rules, options);
  if (!report) {
    status = status_for(report.error());
    return Error{"conflicts: " + report.error().message, report.error().scope};
  }
  Conflicts out{std::move(*analysed), nullptr, std::move(*report)};
  out.rules = out.analysed.rules_of(*path);
  return out;
}

std::string finding_html(const analysis::LocatedFinding& lf, bool with_document) {
  const analysis::Finding& f = lf.finding;
  const bool conflict = f.severity == analysis::Severity::conflict;
  std::string out = "<li class=\"finding\"><strong class=\"" + std::string(conflict ? "conflict" : "review") + "\">" +
                    (conflict ? "CONFLICT" : "REVIEW") + "</strong> ";
  if (with_document) out += "<a href=\"" + escape(doc_link(lf.doc)) + "\">" + escape(lf.title.empty() ? lf.source : lf.title) + "</a>, ";
  out += "<a href=\"" + escape(doc_link(lf.doc, lf.page)) + "\">" +
         escape(pages_text(lf.page, lf.page_end) + (lf.heading_path.empty() ? "" : " \u00b7 " + lf.heading_path)) +
         "</a> \u00b7 <strong>" + escape(f.provision ? f.provision->citation : f.rule->provision) + "</strong>" +
         (f.provision && !f.provision->title.empty() ? " \u2014 " + escape(f.provision->title) : "") + "<br>\n" +
         escape(f.rule->summary) + " <span class=\"muted\">(" + escape(f.rule->id) + ")</span><br>\n";
  if (!lf.lead_in.empty()) {
    out += "<span class=\"muted\">under: " + escape(text::truncate_utf8(text::squash_spaces(lf.lead_in), 160)) + "</span><br>\n";
  }
  out += "<q class=\"evidence\">" +
         html::marked(api::highlighted(lf.text, f.evidence, 240, html::kMarkOpen, html::kMarkClose)) + "</q><br>\n";
  if (!f.actor.empty()) out += "<span class=\"muted\">actor: " + escape(f.actor) + "</span><br>\n";
  if (f.review_only_document) out += "<span class=\"muted\">review only: the document describes conduct; it binds no one</span><br>\n";
  for (const auto& m : f.mitigation) {
    out += "mitigating" + std::string(m.in_document ? " (elsewhere in the document)" : "") + ": <q>" +
           escape(text::truncate_utf8(text::squash_spaces(m.sentence), 240)) + "</q> <span class=\"muted\">" +
           escape(m.mitigator->explanation) + "</span><br>\n";
  }
  out += "<span class=\"explanation\">" + escape(f.rule->explanation) + "</span></li>\n";
  return out;
}

std::string selected(bool yes) { return yes ? " selected" : ""; }

}  // namespace

// The findings of the shipped rule set for one document (the document and page views).
std::string document_analysis(Site& site, const std::string& doc_id, int page, std::vector<std::string>* evidence) {
  Request req;
  req.params.emplace("doc", doc_id);
  int status = 0;
  auto found = run_conflicts(site, req, status);
  const std::string findings_heading = page > 0 ? "<h2>Findings on this page</h2>\n" : "<h2>Findings</h2>\n";
  if (!found) {
    return findings_heading + "<p class=\"muted\">Findings could not be read: " + escape(found.error().message) +
           "</p>\n";
  }
  std::string out;
  if (page == 0) {
    std::string agreements;
    for (const auto& d : found->analysed.library.documents()) {
      if (d.doc.id != doc_id) continue;
      for (const auto& a : d.agreements) {
        std::string parties;
        for (const auto& p : a.parties) parties += (parties.empty() ? "" : "; ") + p;
        agreements += "<li><a href=\"" + escape(doc_link(a.doc_id, a.page)) + "\">" + escape(a.title) +
                      "</a> <span class=\"muted\">" +
                      escape(std::string(analysis::kind_label(a.kind)) + ", " + pages_text(a.page, a.page_end) +
                             (parties.empty() ? "" : "; parties: " + parties) +
                             (a.effective_date ? "; effective " + a.effective_date->iso() : "") +
                             (a.signature_date ? "; signed " + a.signature_date->iso() : "")) +
                      "</span></li>\n";
      }
    }
    out += "<h2>Agreements</h2>\n" + (agreements.empty() ? "<p id=\"agreements\">None recognised.</p>\n"
                                                          : "<ul id=\"agreements\">\n" + agreements + "</ul>\n");
  }
  std::string findings;
  for (const auto& lf : found->report.findings) {
    if (page > 0 && (lf.page > page || lf.page_end < page)) continue;
    findings += finding_html(lf, false);
    if (evidence) {
      for (const auto& span : lf.finding.evidence) evidence->push_back(span.text);
    }
  }
  out += findings_heading;
  if (findings.empty()) return out + "<p id=\"findings\">No findings of " + escape(found->rules->title) + ".</p>\n";
  return out + "<p class=\"muted\">" + escape(found->rules->title) + "</p>\n<ul id=\"findings\">\n" + findings +
         "</ul>\n";
}

Response conflicts(Site& site, const Request& req) {
  int status = 0;
  auto found = run_conflicts(site, req, status);
  if (!found) return error(status, found.error().message, false);
  const auto& rules = *found->rules;
  const auto& report = found->report;
  const std::string severity = req.param("severity");
  std::string body = "<h1>Conflicts with " + escape(rules.title) + "</h1>\n<p class=\"muted\">" +
                     escape(rules.citation + (rules.version.empty() ? "" : ", " + rules.version)) + "</p>\n";
  body += "<form method=\"get\" action=\"/conflicts\" id=\"filter\"><label for=\"rules\">Rule set</label> <select id=\"rules\" name=\"rules\">\n";
  for (const auto& file : found->analysed.rule_sets->files()) {
    const analysis::RuleSet* r = found->analysed.rules_of(file);
    if (!r) continue;
    body += "<option value=\"" + escape(file.stem().string()) + "\"" + selected(r == found->rules) + ">" +
            escape(r->title) + "</option>\n";
  }
  body += "</select> <label for=\"severity\">Severity</label> <select id=\"severity\" name=\"severity\">\n"
          "<option value=\"\">all</option>\n<option value=\"conflict\"" + selected(severity == "conflict") +
          ">conflict</option>\n<option value=\"review\"" + selected(severity == "review") +
          ">review</option>\n</select> <button type=\"submit\">Show</button></form>\n";
  std::size_t conflicts = 0;
  std::set<std::string> docs;
  for (const auto& lf : report.findings) {
    conflicts += lf.finding.severity == analysis::Severity::conflict;
    docs.insert(lf.doc);
  }
  body += "<p id=\"summary\">" +
          escape(fmt::format("{} passages checked in {} documents; {} findings ({} conflict, {} review) in {} documents",
                             report.candidates, report.documents, report.findings.size(), conflicts,
                             report.findings.size() - conflicts, docs.size())) +
          "</p>\n";
  std::string current;
  for (const auto& lf : report.findings) {
    if (lf.doc != current) {
      if (!current.empty()) body += "</ul>\n</section>\n";
      current = lf.doc;
      body += "<section class=\"document\">\n<h2><a href=\"" + escape(doc_link(lf.doc)) + "\">" +
              escape(lf.title.empty() ? lf.source : lf.title) + "</a></h2>\n<ul>\n";
    }
    body += finding_html(lf, false);
  }
  if (!current.empty()) body += "</ul>\n</section>\n";
  if (report.findings.empty()) body += "<p>No findings.</p>\n";
  return Response::html(html::page("Conflicts", body));
}

Response api_conflicts(Site& site, const Request& req) {
  int status = 0;
  auto found = run_conflicts(site, req, status);
  if (!found) return error(status, found.error().message, true);
  return Response::json_lines(api::conflicts_json(found->report, *found->rules));
}

namespace {

Result<std::vector<analysis::Agreement>> run_agreements(Site& site, const Request& req, int& status) {
  analysis::AgreementFilter filter;
  filter.party = req.param("party");
  status = 400;
  if (!req.param("kind").empty()) {
    filter.kind = analysis::parse_kind(req.param("kind"));
    if (!filter.kind) {
      std::string kinds;
      for (auto k : analysis::kind_slugs()) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
      return Error::input("agreements: unknown kind '" + req.param("kind") + "': use one of " + kinds);
    }
  }
  status = 503;
  auto analysed = open_library(site);
  if (!analysed) return analysed.error();
  return analysed->library.agreements(filter);
}

Result<std::vector<analysis::Reference>> run_references(Site& site, const Request& req, bool unresolved_only,
                                                        bool with_requests = true) {
  auto analysed = open_library(site);
  if (!analysed) return analysed.error();
  analysis::ReferenceOptions options;
  std::string warning;
  if (with_requests) options.requested_keys = api::requested_reference_keys(site.home, warning);
  options.unresolved_only = unresolved_only && req.param("key").empty();
  return analysed->library.references(options);
}

}  // namespace

Response agreements(Site& site, const Request& req) {
  int status = 0;
  auto found = run_agreements(site, req, status);
  if (!found) return error(status, found.error().message, false);
  std::string body = "<h1>Agreements</h1>\n<form method=\"get\" action=\"/agreements\" id=\"filter\"><label for=\"party\">Party</label> "
                     "<input id=\"party\" name=\"party\" value=\"" + escape(req.param("party")) +
                     "\" placeholder=\"ICE\"> <button type=\"submit\">Show</button></form>\n";
  body += "<p id=\"summary\">" + std::to_string(found->size()) + (found->size() == 1 ? " agreement" : " agreements") + "</p>\n";
  for (const auto& a : *found) {
    body += "<section class=\"agreement\">\n<h2>" + escape(a.title) + "</h2>\n<table>\n";
    const auto row = [&](const std::string& k, const std::string& v_html) {
      if (!v_html.empty()) body += "<tr><th>" + escape(k) + "</th><td>" + v_html + "</td></tr>\n";
    };
    row("document", "<a href=\"" + escape(doc_link(a.doc_id, a.page)) + "\">" +
                        escape(a.doc_title.empty() ? a.source : a.doc_title) + "</a> " + escape(pages_text(a.page, a.page_end)) +
                        (a.embedded ? " <span class=\"muted\">(a section of the document)</span>" : ""));
    row("kind", escape(std::string(analysis::kind_label(a.kind))));
    std::string parties;
    for (const auto& p : a.parties) parties += (parties.empty() ? "" : "; ") + p;
    row("parties", escape(parties.empty() ? "not found" : parties));
    if (a.effective_date) row("effective", escape(a.effective_date->iso()));
    if (a.signature_date) row("signed", escape(a.signature_date->iso()));
    row("term", escape(a.term));
    std::string signatories;
    for (const auto& s : a.signatories) {
      std::string one = s.name;
      if (!s.title.empty()) one += ", " + s.title;
      if (!s.agency.empty()) one += " (" + s.agency + ")";
      if (s.date) one += ", " + s.date->iso();
      signatories += "<li>" + escape(one) + "</li>";
    }
    if (!signatories.empty()) row("signatories", "<ul>" + signatories + "</ul>");
    std::string authorities;
    for (const auto& x : a.authorities) authorities += (authorities.empty() ? "" : "; ") + x;
    row("authorities", escape(authorities));
    body += "</table>\n</section>\n";
  }
  if (found->empty()) body += "<p>No agreements" + std::string(req.param("party").empty() ? " in the library." : " match.") + "</p>\n";
  return Response::html(html::page("Agreements", body));
}

Response api_agreements(Site& site, const Request& req) {
  int status = 0;
  auto found = run_agreements(site, req, status);
  if (!found) return error(status, found.error().message, true);
  return Response::json_lines(api::agreements_json(*found));
}

Response references(Site& site, const Request& req) {
  const bool unresolved = flag(req, "unresolved");
  auto refs = run_references(site, req, unresolved);
  if (!refs) return error(503, refs.error().message, false);
  std::string body = "<h1>References</h1>\n<p>The agreements and orders the documents cite, and whether the library "
                     "holds them. <a href=\"/references" +
                     std::string(unresolved ? "\">Show all" : "?unresolved=1\">Only those nobody holds") + "</a>.</p>\n";
  body += "<p id=\"summary\">" + std::to_string(refs->size()) + (refs->size() == 1 ? " reference" : " references") +
          (unresolved ? " to instruments nobody has yet" : "") + "</p>\n";
  for (const auto& r : *refs) {
    const std::string status(analysis::to_string(r.status));
    body += "<section class=\"reference\" id=\"ref-" + escape(r.key) + "\">\n<h2>" + escape(r.label) +
            "</h2>\n<p><code>" + escape(r.key) + "</code> \u00b7 <strong class=\"" +
            (r.status == analysis::ReferenceStatus::unresolved ? "late" : "") + "\">" + escape(status) +
            "</strong> \u00b7 cited " + std::to_string(r.citations.size()) + "\u00d7</p>\n<ul>\n";
    for (std::size_t i = 0; i < r.resolved.size(); ++i) {
      body += "<li>held in <a href=\"" + escape(doc_link(r.resolved[i])) + "\">" + escape(r.resolved_titles[i]) + "</a></li>\n";
    }
    for (const auto& c : r.citations) {
      body += "<li><a href=\"" + escape(doc_link(c.doc_id, c.page)) + "\">" +
              escape(text::truncate_utf8(c.doc_title.empty() ? c.source : c.doc_title, 80) + ", p. " + std::to_string(c.page)) +
              "</a>: <q>" + escape(c.printed) + "</q></li>\n";
    }
    body += "</ul>\n";
    if (r.status == analysis::ReferenceStatus::unresolved) {
      const auto draft = analysis::draft_request(r);
      body += "<form method=\"post\" action=\"/references/" + escape(r.key) + "/request\" class=\"draft\">\n<p>" +
              escape("Request from " + (draft.agency.empty() ? std::string("(agency unknown)") : draft.agency) + ": " +
                     draft.subject) +
              "</p>\n<button type=\"submit\" data-confirm=\"Add this records request, filed today?\">Draft the request</button></form>\n";
    }
    body += "</section>\n";
  }
  return Response::html(html::page("References", body));
}

Response api_references(Site& site, const Request& req) {
  auto refs = run_references(site, req, flag(req, "unresolved"));
  if (!refs) return error(503, refs.error().message, true);
  std::vector<const analysis::Reference*> shown;
  const std::string key = req.param("key");
  if (!key.empty()) {
    const auto* r = analysis::find_reference(*refs, key);
    if (!r) {
      return error(404, "references: no reference with key '" + key + "': run 'foialens references' to list the keys", true);
    }
    shown.push_back(r);
  } else {
    for (const auto& r : *refs) shown.push_back(&r);
  }
  return Response::json_lines(api::references_json(shown));
}

Response draft_request(Site& site, const Request&, const std::string& key) {
  // As `requests add --from-reference` finds it.
  auto refs = run_references(site, Request{}, false, /*with_requests=*/false);
  if (!refs) return error(503, refs.error().message, false);
  const analysis::Reference* ref = analysis::find_reference(*refs, key);
  if (!ref) return error(404, "references: no reference with key '" + key + "'", false);
  const auto draft = analysis::draft_request(*ref);
  if (draft.agency.empty()) {
    return error(400, "reference " + ref->key + ": no agency can be guessed from the reference", false,
                 "Add it from a terminal: foialens requests add --from-reference " + ref->key + " --agency AGENCY");
  }
  auto t = tracker::Tracker::open(site.home, paths::data_dir());
  if (!t) return error(503, "requests: " + t.error().message, false);
  tracker::NewRequest nr;
  nr.agency = draft.agency;
  nr.subject = draft.subject;
  nr.source = "reference:" + ref->key;
  if (auto prepared = t->prepare(nr); !prepared) {
    return error(400, "reference " + ref->key + ": " + prepared.error().message, false);
  }
  auto id = t->add(nr, Date::today());
  if (!id) return error(503, "reference " + ref->key + ": " + id.error().message, false);
  return Response::redirect("/requests/" + std::to_string(*id));
}

namespace {

Result<api::Report> run_report(Site& site, const Request& req, int& status) {
  status = 400;
  auto today = today_param(req);
  if (!today) return today.error();
  auto rules = chosen_rules(req);
  if (!rules) return rules.error();
  status = 503;
  api::Report report = api::report_requests(site.home, *today);
  std::error_code ec;
  if (fs::exists(site.home / "index", ec)) {
    auto analysed = open_library(site);
    if (!analysed) {
      report.warnings.push_back(analysed.error().message);
    } else {
      api::report_library(report, analysed->library);
      api::report_conflicts(report, analysed->library, analysed->rules_of(*rules), *rules);
      std::string warning;
      const auto requested = api::requested_reference_keys(site.home, warning);
      if (!warning.empty()) report.warnings.push_back("references: cannot read the requests, statuses may be out of date: " + warning);
      api::report_references(report, analysed->library, requested);
    }
  }
  if (Status ready = api::report_ready(report); !ready) return ready.error();
  return report;
}

}  // namespace

Response report(Site& site, const Request& req) {
  int status = 0;
  auto r = run_report(site, req, status);
  if (!r) {
    return Response::html(
        html::page("Report", "<h1>foialens</h1>\n<p id=\"error\">" + escape(r.error().message) + "</p>\n"), status);
  }
  std::string body = "<h1>Report \u00b7 " + escape(r->today.weekday_name() + ", " + r->today.long_form()) + "</h1>\n";
  for (const auto& w : r->warnings) body += "<p class=\"error\">" + escape(w) + "</p>\n";
  if (r->requests_present) {
    body += "<h2><a href=\"/requests\">Records requests</a></h2>\n<p id=\"requests-summary\">" +
            escape(fmt::format("{} open: {} late, {} due within {} days, {} may be appealed", r->open, r->late, r->soon,
                               api::kSoonDays, r->appealable)) +
            "</p>\n<ul id=\"attention\">\n";
    for (const auto& v : r->attention) {
      const auto& a = v.assessment;
      std::string when = "-";
      if (a.open && a.next_due) {
        when = a.days_left < 0 ? fmt::format("{} days late", -a.days_left) : fmt::format("{} days left", a.days_left);
      } else if (a.appeal_by) {
        when = "appeal by " + a.appeal_by->iso();
      }
      body += "<li><a href=\"/requests/" + std::to_string(v.record.id) + "\">" + std::to_string(v.record.id) + ". " +
              escape(v.record.subject) + "</a> <span class=\"muted\">" +
              escape((v.agency ? v.agency->name : v.record.agency) + " \u00b7 " + std::string(tracker::status_name(a.status)) +
                     (a.next_due ? " \u00b7 " + a.next_kind + " " + a.next_due->iso() : "")) +
              "</span> <strong class=\"" + (a.open && a.next_due && a.days_left < 0 ? "late" : "soon") + "\">" + escape(when) +
              "</strong></li>\n";
    }
    body += "</ul>\n";
  }
  if (r->library_present) {
    body += "<h2><a href=\"/docs\">Library</a></h2>\n<p id=\"library\">" +
            escape(fmt::format("{} documents, {} pages ({} OCR'd{})", r->documents, r->pages, r->ocr_pages,
                               r->low_confidence_pages ? fmt::format(", {} of low confidence", r->low_confidence_pages) : "")) +
            "</p>\n";
  }
  if (r->conflicts_present) {
    body += "<h2><a href=\"/conflicts\">Conflicts with " + escape(r->policy) + "</a></h2>\n<p id=\"conflicts-summary\">" +
            escape(fmt::format("{} conflict and {} review findings in {} documents", r->conflicts, r->reviews,
                               r->by_document.size())) +
            "</p>\n<ul>\n";
    for (const auto& [title, counts] : r->by_document) {
      body += "<li>" + escape(title) + ": " +
              (counts.first ? "<span class=\"conflict\">" + std::to_string(counts.first) + " conflict</span>" : "") +
              (counts.first && counts.second ? ", " : "") +
              (counts.second ? "<span class=\"review\">" + std::to_string(counts.second) + " review</span>" : "") + "</li>\n";
    }
    body += "</ul>\n";
  }
  if (r->library_present) {
    body += "<h2><a href=\"/references?unresolved=1\">Instruments cited that the library does not hold</a></h2>\n<ul id=\"unresolved\">\n";
    if (r->unresolved.empty()) body += "<li>none</li>\n";
    for (const auto& ref : r->unresolved) {
      body += "<li><a href=\"/references?unresolved=1#ref-" + escape(ref.key) + "\">" + escape(ref.label) + "</a> <span class=\"muted\">" +
              escape(std::string(analysis::to_string(ref.status)) + ", cited " + std::to_string(ref.citations.size()) + "\u00d7") +
              "</span></li>\n";
    }
    body += "</ul>\n";
  }
  return Response::html(html::page("Report", body));
}

Response api_report(Site& site, const Request& req) {
  int status = 0;
  auto r = run_report(site, req, status);
  if (!r) return error(status, r.error().message, true);
  return Response::json(api::report_json(*r));
}

}  // namespace foialens::web::pages

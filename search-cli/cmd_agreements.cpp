// foialens agreements [--party NAME] [--kind K] [--json]: the agreements in the library.
// foialens references [KEY] [--unresolved] [--json]: what the documents refer to, and
// which of it nobody holds yet.

#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "analysis/agreements.hpp"
#include "analysis/references.hpp"
#include "api/analysis.hpp"
#include "common/agencies.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/library.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace {
std::string short_name(const std::string& name) {
  const auto* a = agencies::lookup(name);
  return a && !a->acronym.empty() ? std::string(a->acronym) : name;
}

std::string pages(int from, int to) {
  return from == to ? fmt::format("p. {}", from) : fmt::format("pp. {}-{}", from, to);
}

// ---- agreements -----------------------------------------------------------------------

struct AgreementsArgs {
  std::string party;
  std::string kind;
  bool json = false;
};

void print_agreement(const analysis::Agreement& a, const Context& ctx) {
  std::cout << bold(ctx, a.title) << "\n";
  Table t({"", ""});
  std::string where = short_id(a.doc_id) + "  " + pages(a.page, a.page_end);
  if (a.embedded) where += " (section of \"" + (a.doc_title.empty() ? a.source : a.doc_title) + "\")";
  t.add({"  document", where});
  t.add({"  source", a.source});
  t.add({"  kind", std::string(analysis::kind_label(a.kind))});
  std::string parties;
  for (const auto& p : a.parties) parties += (parties.empty() ? "" : "; ") + p;
  t.add({"  parties", parties.empty() ? dim(ctx, "not found") : parties});
  if (a.effective_date) t.add({"  effective", a.effective_date->iso()});
  if (a.signature_date) t.add({"  signed", a.signature_date->iso()});
  if (!a.term.empty()) t.add({"  term", a.term});
  for (std::size_t i = 0; i < a.signatories.size(); ++i) {
    const auto& s = a.signatories[i];
    std::string line = s.name;
    if (!s.title.empty()) line += ", " + s.title;
    if (!s.agency.empty() && !analysis::icontains(s.title, short_name(s.agency))) {
      line += " (" + short_name(s.agency) + ")";
    }
    if (s.date) line += "  " + s.date->iso();
    t.add({i == 0 ? "  signatories" : "", line});
  }
  std::string authorities;
  for (const auto& x : a.authorities) authorities += (authorities.empty() ? "" : "; ") + x;
  if (!authorities.empty()) t.add({"  authorities", authorities});
  // The table's header row is empty: print the rows only.
  const std::string rendered = t.render(ctx);
  std::cout << rendered.substr(rendered.find('\n') + 1) << "\n";
}

int run_agreements(const AgreementsArgs& args, Context& ctx) {
  analysis::AgreementFilter filter;
  filter.party = args.party;
  if (!args.kind.empty()) {
    filter.kind = analysis::parse_kind(args.kind);
    if (!filter.kind) {
      std::string kinds;
      for (auto k : analysis::kind_slugs()) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
      log::error("agreements: unknown kind '" + args.kind + "': use one of " + kinds);
      return kUsage;
    }
  }
  auto lib = open_library(ctx);
  if (!lib) return ctx.exit_code;
  const auto found = lib->library.agreements(filter);
  if (args.json) {
    std::cout << api::agreements_json(found);
    return kOk;
  }
  for (const auto& a : found) print_agreement(a, ctx);
  if (found.empty()) {
    std::cerr << (args.party.empty() && args.kind.empty()
                      ? "No agreements in the library.\n"
                      : "No agreements match.\n");
  } else if (!ctx.quiet) {
    std::cerr << found.size() << (found.size() == 1 ? " agreement" : " agreements") << "\n";
  }
  return kOk;
}

// ---- references -----------------------------------------------------------------------

struct ReferencesArgs {
  std::string key;
  bool unresolved = false;
  bool json = false;
};

std::string status_text(const analysis::Reference& r, const Context& ctx) {
  const std::string s(analysis::to_string(r.status));
  switch (r.status) {
    case analysis::ReferenceStatus::unresolved: return red(ctx, s);
    case analysis::ReferenceStatus::requested: return yellow(ctx, s);
    case analysis::ReferenceStatus::received: return green(ctx, s);
    case analysis::ReferenceStatus::held: return green(ctx, s);
  }
  return s;
}

void print_reference(const analysis::Reference& r, const Context& ctx, bool details) {
  std::cout << bold(ctx, r.key) << "  " << status_text(r, ctx) << "  " << bold(ctx, r.label)
            << "  " << dim(ctx, fmt::format("cited {}x", r.citations.size())) << "\n";
  for (std::size_t i = 0; i < r.resolved.size(); ++i) {
    std::cout << "    held in " << short_id(r.resolved[i]) << "  " << r.resolved_titles[i] << "\n";
  }
  for (const auto& c : r.citations) {
    const std::string title = c.doc_title.empty() ? c.source : c.doc_title;
    std::cout << "    " << short_id(c.doc_id) << " p. " << c.page << "  "
              << text::truncate_utf8(title, 60) << dim(ctx, ": \"" + c.printed + "\"") << "\n";
    if (details) std::cout << "        " << c.context << "\n";
  }
  if (details && r.resolved.empty()) {
    const auto draft = analysis::draft_request(r);
    std::cout << "    request: " << (draft.agency.empty() ? "(agency unknown)" : draft.agency) << "\n"
              << "             " << draft.subject << "\n";
  }
}

int run_references(const ReferencesArgs& args, Context& ctx) {
  auto lib = open_library(ctx);
  if (!lib) return ctx.exit_code;
  analysis::ReferenceOptions options;
  options.requested_keys = requested_reference_keys(ctx);
  options.unresolved_only = args.unresolved && args.key.empty();
  const auto refs = lib->library.references(options);

  std::vector<const analysis::Reference*> shown;
  if (!args.key.empty()) {
    const auto* r = analysis::find_reference(refs, args.key);
    if (!r) {
      log::error("references: no reference with key '" + args.key +
                 "': run 'foialens references' to list the keys");
      return kNothing;
    }
    shown.push_back(r);
  } else {
    for (const auto& r : refs) shown.push_back(&r);
  }
  if (args.json) {
    std::cout << api::references_json(shown);
    return kOk;
  }
  for (const auto* r : shown) print_reference(*r, ctx, !args.key.empty());
  if (shown.empty()) {
    std::cerr << (args.unresolved ? "No unresolved references: every instrument the documents "
                                    "cite is in the library.\n"
                                  : "No references in the library.\n");
  } else if (!ctx.quiet && args.key.empty()) {
    std::cerr << shown.size() << (shown.size() == 1 ? " reference" : " references")
              << (args.unresolved ? " to instruments nobody has yet" : "") << "\n";
  }
  return kOk;
}

}  // namespace

// Reference keys that records requests name: a request drafted from a reference carries
// "reference:KEY" as its source or as a tag. No tracker.db yet means no requests.
std::set<std::string> requested_reference_keys(const Context& ctx) {
  std::string warning;
  auto keys = api::requested_reference_keys(ctx.home(), warning);
  if (!warning.empty()) log::warn("references: cannot read the requests, statuses may be out of date: " + warning);
  return keys;
}

void add_agreement_commands(CLI::App& app, Context& ctx) {
  auto agreements_args = std::make_shared<AgreementsArgs>();
  auto* agreements = app.add_subcommand(
      "agreements", "list the agreements in the library: kind, parties, dates, signatories");
  agreements->add_option("--party", agreements_args->party,
                         "only agreements with this party (name or acronym, e.g. ICE)")
      ->type_name("NAME");
  std::string kinds;
  for (auto k : analysis::kind_slugs()) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
  agreements->add_option("--kind", agreements_args->kind, "only this kind: " + kinds)
      ->type_name("K");
  agreements->add_flag("--json", agreements_args->json, "one JSON object per line");
  agreements->callback([agreements_args, &ctx] { ctx.exit_code = run_agreements(*agreements_args, ctx); });

  auto references_args = std::make_shared<ReferencesArgs>();
  auto* references = app.add_subcommand(
      "references",
      "list the agreements and orders the documents cite, and whether the library holds them");
  references->add_option("key", references_args->key, "show one reference, with its context")
      ->type_name("KEY");
  references->add_flag("--unresolved", references_args->unresolved,
                       "only references that match no document: records to request");
  references->add_flag("--json", references_args->json, "one JSON object per line");
  references->callback([references_args, &ctx] { ctx.exit_code = run_references(*references_args, ctx); });
}

}  // namespace foialens::cli

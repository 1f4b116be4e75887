// foialens conflicts: clauses that conflict with a policy rule set (by default Chicago's
// Welcoming City Ordinance); foialens rules {check,list}: validate and show rule sets.

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "analysis/conflicts.hpp"
#include "analysis/rules.hpp"
#include "api/analysis.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/library.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

struct ConflictArgs {
  std::string rules;
  std::vector<std::string> docs;
  std::string severity;
  bool explain = false;
  bool json = false;
};

struct RulesArgs {
  std::vector<std::string> files;
  bool json = false;
};

fs::path rules_path(const std::string& flag) {
  return flag.empty() ? analysis::default_rules_path() : fs::path(flag);
}

// Loads the rule set, printing every problem. Null when it cannot be used.
std::optional<analysis::RuleSet> load(const fs::path& path) {
  analysis::RuleCheck check = analysis::check_rules(path);
  if (check.rules) return std::move(check.rules);
  for (const auto& issue : check.issues) log::error(issue.to_string());
  log::error("rule set " + path.string() + " cannot be used: fix the " +
             std::to_string(check.issues.size()) + " problem(s) above (foialens rules check " +
             path.string() + ")");
  return std::nullopt;
}

// The clause with its evidence marked: [..] without colour, bold red with it; cut to a window
// around the evidence when the clause is long.
std::string highlighted(const Context& ctx, const std::string& text,
                        const std::vector<analysis::Span>& spans, std::size_t window = 0) {
  return ctx.color ? api::highlighted(text, spans, window, "\x1b[31m\x1b[1m", "\x1b[0m\x1b[0m")
                   : api::highlighted(text, spans, window);
}

int run_conflicts(const ConflictArgs& args, Context& ctx) {
  const fs::path path = rules_path(args.rules);
  analysis::ConflictOptions options;
  options.documents = args.docs;
  options.explain = args.explain;
  if (args.severity == "conflict") options.severity = analysis::Severity::conflict;
  if (args.severity == "review") options.severity = analysis::Severity::review;

  auto lib = open_library(ctx, args.rules.empty() ? fs::path() : path);
  if (!lib) return ctx.exit_code;
  const analysis::RuleSet* rules = lib->rules_of(path);
  if (!rules) {
    load(path);  // says what is wrong with it
    return kNothing;
  }
  auto report = lib->library.conflicts(*rules, options);
  if (!report) {
    log::error("conflicts: " + report.error().message);
    return report.error().scope == ErrorScope::input ? kUsage : kNothing;
  }

  if (args.json) {
    std::cout << api::conflicts_json(*report, *rules);
    return kOk;
  }

  std::size_t conflicts = 0;
  std::set<std::string> docs_with_findings;
  for (const auto& lf : report->findings) {
    if (lf.finding.severity == analysis::Severity::conflict) ++conflicts;
    docs_with_findings.insert(lf.doc);
  }
  std::cout << bold(ctx, rules->title) << dim(ctx, " \u00b7 " + rules->citation +
                                                       (rules->version.empty() ? "" : ", " + rules->version))
            << "\n"
            << dim(ctx, fmt::format("{} passages checked in {} documents; {} findings ({} conflict, "
                                    "{} review) in {} documents",
                                    report->candidates, report->documents, report->findings.size(),
                                    conflicts, report->findings.size() - conflicts,
                                    docs_with_findings.size()))
            << "\n";
  std::string current;
  for (const auto& lf : report->findings) {
    const analysis::Finding& f = lf.finding;
    if (lf.doc != current) {
      current = lf.doc;
      std::cout << "\n"
                << bold(ctx, lf.title.empty() ? lf.source : lf.title) << "\n"
                << dim(ctx, fmt::format("{} \u00b7 {} \u00b7 {}", short_id(lf.doc),
                                        lf.doc_type.empty() ? "other" : lf.doc_type, lf.source))
                << "\n";
    }
    std::string where = lf.page == lf.page_end ? fmt::format("p. {}", lf.page)
                                               : fmt::format("pp. {}-{}", lf.page, lf.page_end);
    if (!lf.heading_path.empty()) where += " \u00b7 " + lf.heading_path;
    const bool conflict = f.severity == analysis::Severity::conflict;
    const std::string severity = conflict ? red(ctx, bold(ctx, "CONFLICT")) : yellow(ctx, "REVIEW");
    std::cout << "\n  " << severity << "  " << where << "  "
              << bold(ctx, f.provision ? f.provision->citation : f.rule->provision)
              << (f.provision && !f.provision->title.empty() ? dim(ctx, " \u2014 " + f.provision->title) : "")
              << "\n"
              << "    " << f.rule->summary << dim(ctx, " (" + f.rule->id + ")") << "\n";
    if (!lf.lead_in.empty()) {
      std::cout << "    " << dim(ctx, "under: " + text::truncate_utf8(text::squash_spaces(lf.lead_in), 160))
                << "\n";
    }
    std::cout << "    \u201c" << highlighted(ctx, lf.text, f.evidence, 160) << "\u201d\n";
    if (!f.actor.empty()) std::cout << "    " << dim(ctx, "actor: " + f.actor) << "\n";
    if (f.review_only_document) {
      std::cout << "    " << dim(ctx, "review only: the document describes conduct; it binds no one")
                << "\n";
    }
    for (const auto& m : f.mitigation) {
      std::cout << "    " << green(ctx, "mitigating") << dim(ctx, m.in_document ? " (elsewhere in the document)" : "")
                << ": \u201c" << text::truncate_utf8(text::squash_spaces(m.sentence), 240) << "\u201d\n"
                << "      " << dim(ctx, m.mitigator->explanation) << "\n";
    }
    std::cout << "    " << dim(ctx, f.rule->explanation) << "\n";
  }
  if (report->findings.empty()) std::cout << "\nno findings\n";
  if (args.explain) {
    std::cout << "\n" << bold(ctx, fmt::format("Matched a rule's words but made no finding ({})",
                                               report->dismissals.size()))
              << "\n";
    current.clear();
    for (const auto& ld : report->dismissals) {
      if (ld.doc != current) {
        current = ld.doc;
        std::cout << "\n" << bold(ctx, ld.title.empty() ? ld.source : ld.title) << "\n";
      }
      std::string where = fmt::format("p. {}", ld.page);
      if (!ld.heading_path.empty()) where += " \u00b7 " + ld.heading_path;
      const auto& d = ld.dismissal;
      std::cout << "  " << green(ctx, std::string(analysis::to_string(d.why))) << "  " << where
                << "  " << d.rule->id << dim(ctx, " \u00b7 " + d.detail) << "\n"
                << "    \u201c" << highlighted(ctx, ld.text, d.evidence, 120) << "\u201d\n";
    }
  }
  return kOk;
}

int run_reanalyze(const std::string& rules_flag, Context& ctx) {
  auto lib = open_library(ctx, rules_flag.empty() ? fs::path() : fs::path(rules_flag), /*force=*/true);
  if (!lib) return ctx.exit_code;
  if (!ctx.quiet) {
    std::cout << fmt::format("{} documents analysed against {} rule sets", lib->library.reanalysed(),
                             lib->rule_sets->files().size())
              << "\n";
  }
  return lib->library.store_warning().empty() ? kOk : kPartial;
}

int run_rules_check(const RulesArgs& args, Context& ctx) {
  std::vector<fs::path> files;
  for (const auto& f : args.files) files.emplace_back(f);
  if (files.empty()) files.push_back(analysis::default_rules_path());
  std::size_t bad = 0;
  for (const auto& file : files) {
    const analysis::RuleCheck check = analysis::check_rules(file);
    if (args.json) {
      json issues = json::array();
      for (const auto& i : check.issues) {
        issues.push_back({{"file", i.file.string()}, {"line", i.line}, {"column", i.column},
                          {"message", i.message}});
      }
      json j = {{"file", file.string()}, {"ok", check.issues.empty()}, {"issues", std::move(issues)}};
      if (check.rules) {
        j["provisions"] = check.rules->provisions.size();
        j["rules"] = check.rules->rules.size();
        j["mitigators"] = check.rules->mitigators.size();
      }
      std::cout << j.dump() << "\n";
    } else if (check.rules) {
      std::cout << file.string() << ": " << green(ctx, "ok") << " ("
                << fmt::format("{}: {} provisions, {} rules, {} mitigators", check.rules->id,
                               check.rules->provisions.size(), check.rules->rules.size(),
                               check.rules->mitigators.size())
                << ")\n";
    } else {
      for (const auto& issue : check.issues) std::cerr << issue.to_string() << "\n";
      std::cerr << file.string() << ": " << check.issues.size() << " problem(s)\n";
    }
    if (!check.issues.empty()) ++bad;
  }
  if (bad == 0) return kOk;
  return bad == files.size() ? kNothing : kPartial;
}

int run_rules_list(const std::string& rules_flag, bool as_json, Context& ctx) {
  const auto rules = load(rules_path(rules_flag));
  if (!rules) return kNothing;
  if (as_json) {
    for (const auto& p : rules->provisions) {
      json list = json::array();
      for (const auto& r : rules->rules) {
        if (r.provision != p.id) continue;
        json triggers = json::array();
        for (const auto& t : r.triggers) triggers.push_back(t.to_index_query());
        list.push_back({{"id", r.id}, {"severity", std::string(analysis::to_string(r.severity))},
                        {"summary", r.summary}, {"index_queries", std::move(triggers)}});
      }
      std::cout << json{{"rule_set", rules->id}, {"provision", p.id}, {"citation", p.citation},
                        {"title", p.title}, {"summary", p.summary}, {"rules", std::move(list)}}
                       .dump()
                << "\n";
    }
    return kOk;
  }
  std::cout << bold(ctx, rules->title) << " \u00b7 " << rules->citation
            << (rules->version.empty() ? "" : ", " + rules->version) << "\n"
            << dim(ctx, rules->file.string()) << "\n";
  for (const auto& p : rules->provisions) {
    std::cout << "\n" << bold(ctx, p.citation) << (p.title.empty() ? "" : " \u2014 " + p.title) << "\n  "
              << p.summary << "\n";
    Table table({"rule", "severity", "what it finds"});
    for (const auto& r : rules->rules) {
      if (r.provision != p.id) continue;
      table.add({r.id,
                 r.severity == analysis::Severity::conflict ? red(ctx, "conflict") : yellow(ctx, "review"),
                 r.summary});
    }
    if (!table.empty()) {
      std::string rendered = table.render(ctx);
      std::string indented;
      for (const auto line : text::split(rendered, '\n')) {
        if (!line.empty()) indented += "  " + std::string(line) + "\n";
      }
      std::cout << indented;
    }
  }
  return kOk;
}

}  // namespace

void add_conflicts_commands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ConflictArgs>();
  CLI::App* cmd = app.add_subcommand(
      "conflicts", "clauses that conflict with a policy (default: Chicago's Welcoming City Ordinance)");
  cmd->add_option("--rules", args->rules, "rule set file (default: rules/chicago-welcoming-city.toml)")
      ->type_name("FILE");
  cmd->add_option("--doc", args->docs, "check only this document (repeatable)")->type_name("DOC");
  cmd->add_option("--severity", args->severity, "only findings of this severity")
      ->check(CLI::IsMember({"conflict", "review"}))
      ->type_name("conflict|review");
  cmd->add_flag("--explain", args->explain,
                "also show clauses that matched a rule's words but made no finding, and why "
                "(forbids the conduct, cleared by a mitigator, no immigration actor)");
  cmd->add_flag("--json", args->json, "one JSON object per finding");
  cmd->callback([args, &ctx] { ctx.exit_code = run_conflicts(*args, ctx); });

  auto reanalyze_rules = std::make_shared<std::string>();
  CLI::App* reanalyze = app.add_subcommand(
      "reanalyze", "analyse every document again (agreements, references, findings of each rule set)");
  reanalyze->add_option("--rules", *reanalyze_rules, "also check against this rule set file")
      ->type_name("FILE");
  reanalyze->callback([reanalyze_rules, &ctx] { ctx.exit_code = run_reanalyze(*reanalyze_rules, ctx); });

  CLI::App* rules = app.add_subcommand("rules", "check and list policy rule sets");
  rules->require_subcommand(1);
  auto check_args = std::make_shared<RulesArgs>();
  CLI::App* check = rules->add_subcommand("check", "validate rule set files: every problem with file and line");
  check->add_option("files", check_args->files, "rule set files (default: the active rule set)")
      ->type_name("FILE");
  check->add_flag("--json", check_args->json, "one JSON object per file");
  check->callback([check_args, &ctx] { ctx.exit_code = run_rules_check(*check_args, ctx); });

  auto list_rules = std::make_shared<std::string>();
  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = rules->add_subcommand("list", "the provisions and rules of a rule set");
  list->add_option("--rules", *list_rules, "rule set file (default: the Welcoming City Ordinance)")
      ->type_name("FILE");
  list->add_flag("--json", *list_json, "one JSON object per provision");
  list->callback([list_rules, list_json, &ctx] {
    ctx.exit_code = run_rules_list(*list_rules, *list_json, ctx);
  });
}

}  // namespace foialens::cli

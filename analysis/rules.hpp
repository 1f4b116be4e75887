#pragma once
// A policy as data: a rule set read from a TOML file (see rules/chicago-welcoming-city.toml
// for the format, documented in its header). Loading validates the whole file and reports
// every problem with its file, line and column, so `foialens rules check` can list them
// all at once.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/pattern.hpp"
#include "common/error.hpp"

namespace foialens::analysis {

enum class Severity { review, conflict };
std::string_view to_string(Severity s);

// Where a rule looks for the federal immigration actor it needs.
enum class ActorScope {
  none,               // the rule needs no actor ("ask about immigration status")
  clause,             // the actor must be named in the clause (or the lead-in it continues)
  clause_or_document  // in the clause, or among the document's agencies or in its title
};

// What a mitigating text does to a finding.
enum class Effect {
  clear,   // the clause is compliant: no finding ("only with a judicial warrant")
  review,  // at most a review finding ("for criminal investigations only")
  note     // the finding stands; the text is shown beside it
};
std::string_view to_string(Effect e);

// Where mitigating text is looked for, relative to the evidence.
enum class Scope { sentence, clause, document };

struct Provision {
  std::string id;        // "2-173-020"
  std::string citation;  // "Municipal Code of Chicago § 2-173-020"
  std::string title;
  std::string summary;   // plain language
  int line = 0;
};

struct Mitigator {
  std::string id;
  std::vector<Pattern> patterns;
  Effect effect = Effect::clear;
  Scope scope = Scope::sentence;
  // The mitigating words count only when they are themselves negated ("are NOT authorized
  // to enforce administrative immigration violations"); otherwise only when they are not.
  bool negated = false;
  std::vector<std::string> rules;  // rule ids it applies to; empty: every rule
  std::string explanation;
  int line = 0;
};

struct Rule {
  std::string id;
  std::string provision;  // Provision::id
  Severity severity = Severity::conflict;
  ActorScope actor = ActorScope::clause_or_document;
  std::string summary;
  std::string explanation;
  std::vector<Pattern> triggers;
  // When set, only the words this pattern matches decide whether the evidence is negated or
  // an exception: "shall not honor detainers unless the person has a felony conviction"
  // is about the felony, not the detainer.
  std::optional<Pattern> focus;
  int line = 0;
};

struct RuleSet {
  std::filesystem::path file;
  std::string id;
  std::string title;
  std::string jurisdiction;
  std::string citation;
  std::string version;   // "as amended 27 January 2021 (O2021-117)"
  std::string effective; // ISO date
  std::string hash;      // SHA-256 of the file's text: what stored findings are stamped with
  TermLists lists;
  std::optional<Pattern> actor;  // words that name a federal immigration actor
  std::vector<std::string> review_only_types;  // document types that describe, not bind
  std::vector<Provision> provisions;
  std::vector<Rule> rules;
  std::vector<Mitigator> mitigators;

  const Provision* provision(std::string_view id) const;
  const Rule* rule(std::string_view id) const;
};

// One problem in a rule file.
struct RuleIssue {
  std::filesystem::path file;
  int line = 0;    // 1-based; 0 when the problem concerns the whole file
  int column = 0;  // 1-based; 0 when unknown
  std::string message;
  std::string to_string() const;  // "file:line:column: message"
};

struct RuleCheck {
  std::optional<RuleSet> rules;  // set when there are no issues
  std::vector<RuleIssue> issues;
};

// Reads and validates `file`, collecting every issue.
RuleCheck check_rules(const std::filesystem::path& file);
// The same from text already in memory (`file` names it in messages).
RuleCheck check_rules_text(std::string_view toml_text, const std::filesystem::path& file);

// Reads and validates `file`; fails (scope run) with every issue, one per line.
Result<RuleSet> load_rules(const std::filesystem::path& file);

// The rule set used when none is named: <data dir>/rules/chicago-welcoming-city.toml.
std::filesystem::path default_rules_path();

// The rule sets that ingest checks every document against: each *.toml in <data dir>/rules,
// sorted by name, the default first.
std::vector<std::filesystem::path> installed_rules_paths();

}  // namespace foialens::analysis

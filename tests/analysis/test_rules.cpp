// Covers analysis/rules.cpp: loading a rule set and reporting every problem with its file,
// line and column.
#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/rules.hpp"

namespace foialens::analysis {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMinimal = R"([policy]
id = "t"
title = "Test policy"
citation = "Test code ch. 1"

[context]
actor = 'ICE OR "immigration authority"'

[[provision]]
id = "1-1"
citation = "Test code 1-1"
summary = "No detainers."

[[rule]]
id = "detainer"
provision = "1-1"
severity = "conflict"
summary = "Honours detainers"
explanation = "Detainers are not honoured."
triggers = ["honor NEAR/5 detainer"]
)";

std::vector<std::string> messages(const RuleCheck& check) {
  std::vector<std::string> out;
  for (const auto& issue : check.issues) out.push_back(issue.to_string());
  return out;
}

TEST(Rules, ShippedRuleSetsLoad) {
  const fs::path src = FOIALENS_SOURCE_DIR;
  for (const char* name : {"chicago-welcoming-city.toml", "illinois-trust-act.toml"}) {
    const RuleCheck check = check_rules(src / "rules" / name);
    EXPECT_TRUE(check.issues.empty()) << name << ": "
                                      << (check.issues.empty() ? "" : check.issues[0].to_string());
    ASSERT_TRUE(check.rules.has_value()) << name;
    EXPECT_FALSE(check.rules->rules.empty());
    for (const auto& rule : check.rules->rules) {
      EXPECT_NE(check.rules->provision(rule.provision), nullptr) << rule.id;
    }
  }
}

TEST(Rules, MinimalRuleSetLoads) {
  const RuleCheck check = check_rules_text(kMinimal, "min.toml");
  ASSERT_TRUE(check.issues.empty()) << messages(check)[0];
  const RuleSet& rs = *check.rules;
  EXPECT_EQ(rs.id, "t");
  ASSERT_EQ(rs.rules.size(), 1u);
  EXPECT_EQ(rs.rules[0].severity, Severity::conflict);
  EXPECT_EQ(rs.rules[0].actor, ActorScope::clause_or_document);
  EXPECT_EQ(rs.rules[0].triggers[0].to_index_query(), "(honor AND detainer)");
}

TEST(Rules, TomlSyntaxErrorHasLineAndColumn) {
  const RuleCheck check = check_rules_text("[policy]\nid = \"t\nx = 1\n", "bad.toml");
  ASSERT_EQ(check.issues.size(), 1u);
  EXPECT_EQ(check.issues[0].line, 2);
  EXPECT_GT(check.issues[0].column, 0);
  EXPECT_NE(check.issues[0].message.find("not valid TOML"), std::string::npos);
  EXPECT_EQ(check.issues[0].file, fs::path("bad.toml"));
}

TEST(Rules, EveryProblemIsReportedWithItsLine) {
  std::string text(kMinimal);
  text += R"(
[[rule]]
id = "broken"
provision = "9-9"
severity = "fatal"
summary = "x"
explanation = "y"
triggers = ["(honor OR comply"]
trigers = ["x"]

[[mitigator]]
id = "m"
effect = "clear"
rules = ["nope"]
patterns = ["judicial warrant"]
explanation = "z"
)";
  const RuleCheck check = check_rules_text(text, "rules.toml");
  EXPECT_FALSE(check.rules.has_value());
  const auto got = messages(check);
  const std::vector<std::string> want = {
      "rules.toml:29:1: unknown key 'trigers' in [[rule]]; did you mean 'triggers'?",
      "rules.toml:24:13: rule 'broken' cites provision '9-9', which no [[provision]] defines "
      "(known: 1-1)",
      "rules.toml:25:12: severity 'fatal' in [[rule]] broken must be \"conflict\" or \"review\"",
      "rules.toml:28:14: bad pattern in 'triggers' of [[rule]] broken: unbalanced '(': no ')' "
      "after it",
      "rules.toml:34:10: mitigator 'm' names rule 'nope', which no [[rule]] defines",
  };
  EXPECT_EQ(got, want);
}

TEST(Rules, MissingPartsAreNamed) {
  const RuleCheck check = check_rules_text("[policy]\nid = \"x\"\n", "empty.toml");
  const auto got = messages(check);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], "empty.toml:1:1: missing key 'title' in [policy]");
  EXPECT_EQ(got[1], "empty.toml:1:1: missing key 'citation' in [policy]");
  EXPECT_EQ(got[2], "empty.toml:1: no [[provision]]: a rule set needs at least one");
  EXPECT_EQ(got[3], "empty.toml:1: no [[rule]]: a rule set needs at least one");
}

TEST(Rules, UnknownTermListIsAnError) {
  std::string text(kMinimal);
  text.replace(text.find("honor NEAR/5 detainer"), 21, "$actions NEAR/5 detainer");
  const RuleCheck check = check_rules_text(text, "r.toml");
  ASSERT_EQ(check.issues.size(), 1u);
  EXPECT_EQ(check.issues[0].message,
            "bad pattern in 'triggers' of [[rule]] detainer: unknown term list '$actions'");
}

TEST(Rules, LoadRulesFailsWithEveryIssue) {
  const fs::path dir = fs::path(::testing::TempDir()) / "rules-load";
  fs::create_directories(dir);
  auto missing = load_rules(dir / "missing.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("missing.toml: cannot open"), std::string::npos);
  EXPECT_EQ(missing.error().scope, ErrorScope::run);
}

}  // namespace
}  // namespace foialens::analysis

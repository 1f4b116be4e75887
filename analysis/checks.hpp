#pragma once
// The clause-level classifier: given one clause's text and what is known about its
// document, which rules of a rule set does it break, on which words, and what mitigates
// it. Needs no index: ingest runs it on every clause of a document (analysis/analyze.hpp),
// and the eval test runs it on labelled clauses.
//
// For each rule whose trigger matches:
//  1. evidence in a recital (WHEREAS) or a definition ("X" means ...) binds no one: skipped;
//  2. evidence inside a negated statement ("shall not honor", "will decline", "is
//     prohibited from") forbids the conduct: skipped. When a clause both forbids and
//     permits the same conduct, only evidence in an exception ("unless ...", "except ...")
//     counts as permission;
//  3. the rule's actor must be present (a federal immigration authority in the clause, or in
//     its document);
//  4. mitigators: text that clears the clause ("only with a judicial warrant signed by a
//     judge"), lowers it to review ("for criminal investigations only"), or is shown beside it;
//  5. documents of a review-only type (reports, letters) describe conduct; they bind no one,
//     so their findings are at most `review`.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/rules.hpp"
#include "analysis/text.hpp"

namespace foialens::analysis {

// What is known about the document a clause is in.
struct DocContext {
  std::string title;
  std::string doc_type;                // agreement, ordinance, directive, report, letter, other
  std::vector<std::string> agencies;   // canonical names (common/agencies.hpp)
  std::string text;                    // the document's text, for document-scope mitigators
};

struct ClauseInput {
  std::string_view text;
  // The words this clause continues, when it is an item of a list: "designated officers are
  // authorised to perform the following functions:" for "(e) issue immigration detainers".
  std::string_view lead_in;
  const DocContext* doc = nullptr;
};

// A stretch of the clause's text, by byte offset.
struct Span {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string text;
};

struct MitigationHit {
  const Mitigator* mitigator = nullptr;
  std::vector<Span> spans;   // in the clause text, or in the document text (scope document)
  bool in_document = false;  // the spans are in DocContext::text
  std::string sentence;      // the sentence that holds the mitigating words
};

struct Finding {
  const Rule* rule = nullptr;
  const Provision* provision = nullptr;
  Severity severity = Severity::conflict;
  std::vector<Span> evidence;            // in the clause text
  std::vector<MitigationHit> mitigation;  // review and note mitigators that applied
  std::string actor;                     // the immigration actor that was found, and where
  bool review_only_document = false;     // lowered to review by the document's type
};

// A clause whose words matched a rule but that is not a finding, and why: it forbids the
// conduct, it is a recital or definition, no immigration actor is in sight, or a mitigator
// clears it. Shown with `foialens conflicts --explain`.
struct Dismissal {
  enum class Why { forbids, neutral, no_actor, cleared };
  const Rule* rule = nullptr;
  Why why = Why::forbids;
  std::string detail;          // "negated by \"shall not\"", the mitigator's sentence, ...
  std::vector<Span> evidence;  // the words that matched, in the clause text
};
std::string_view to_string(Dismissal::Why why);

class Checker {
 public:
  explicit Checker(const RuleSet& rules);
  ~Checker();
  Checker(Checker&&) noexcept;

  // Every finding for the clause, conflicts first. `only` restricts to those rules (the
  // caller knows the others cannot fire); empty: every rule.
  // With `dismissed`, also says why each rule whose words matched made no finding.
  std::vector<Finding> check(const ClauseInput& clause,
                             const std::vector<const Rule*>& only = {},
                             std::vector<Dismissal>* dismissed = nullptr) const;

  const RuleSet& rules() const { return rules_; }

 private:
  struct Cache;
  const RuleSet& rules_;
  std::unique_ptr<Cache> cache_;
};

// The label an eval or a report gives a clause from its findings: "conflict", "review" or
// "none".
std::string_view clause_label(const std::vector<Finding>& findings);

}  // namespace foialens::analysis

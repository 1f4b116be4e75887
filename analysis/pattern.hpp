#pragma once
// Rule patterns: the search query language (Xapian QueryParser syntax) as rules use it,
// parsed once and used two ways:
//  - compiled to an index query that finds candidate passages (to_index_query), and
//  - matched against a clause's text to find the evidence spans (match).
//
// Supported: words, "phrases", prefix wildcards (detain*), AND, OR, NOT, AND NOT, NEAR and
// NEAR/n, ADJ and ADJ/n, parentheses, and $name for a named term list of the rule set (XOR
// and field prefixes are not). Juxtaposed terms are OR'd. NEAR between groups is allowed in rules. The index
// query is a relaxation that the text match refines: NEAR/ADJ and phrases become AND of
// their words (the index matches positions on exact word forms; the text match forgives
// plural and verb endings and OCR errors), so every clause the text match accepts is among
// the index results.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text.hpp"
#include "common/error.hpp"

namespace foialens::analysis {

struct PatternNode {
  enum class Kind { term, wildcard, phrase, any, all, but_not, near, adj };
  Kind kind = Kind::term;
  std::vector<std::string> words;  // term: one word; phrase: its words; wildcard: the prefix
  std::vector<std::string> keys;   // comparison keys of `words`
  bool acronym = false;            // term written in capitals: matches capitals only
  std::vector<PatternNode> children;
  int distance = 10;               // near/adj
};

// One place where a pattern matched: the token ranges that make it up.
struct Match {
  int first = 0;  // first token of the whole match
  int last = 0;   // last token (inclusive)
  std::vector<std::pair<int, int>> parts;  // token ranges of the words that matched
};

// Named term lists, already parsed: `$actor` in a pattern refers to lists.at("actor").
using TermLists = std::map<std::string, PatternNode, std::less<>>;

struct PatternError {
  std::size_t column = 0;  // 1-based column in the pattern source
  std::string message;
};

class Pattern {
 public:
  Pattern() = default;

  // Parses `source`. Fails with the column and what is wrong: an unbalanced parenthesis or
  // quote, an operator without an operand, an unknown $list, an empty pattern.
  static Result<Pattern> parse(std::string_view source, const TermLists& lists,
                               PatternError* error = nullptr);

  // The index query: QueryParser syntax with lists expanded, operators explicit, NEAR, ADJ
  // and phrases relaxed to AND.
  std::string to_index_query() const;

  // Every match in `text`, in order of first token. At most `limit` per node.
  std::vector<Match> match(const AnalyzedText& text) const;
  bool matches(const AnalyzedText& text) const { return !match(text).empty(); }

  const std::string& source() const { return source_; }
  const PatternNode& root() const { return root_; }

 private:
  std::string source_;
  PatternNode root_;
};

}  // namespace foialens::analysis

#pragma once
// The view of a clause that the checks work on: tokens with their byte offsets, sentences,
// and the segments inside a sentence that a negation can reach.
//
// Tokens are compared by a key that forgives what extraction and OCR do to words: case,
// plural and verb endings (a light stemmer: "detainers", "honored", "honoring" meet
// "detainer", "honor"), and the characters OCR confuses ("1"/"l"/"i", "0"/"o", "rn"/"m",
// "vv"/"w"). Long words also match at one edit ("enforcemcnt").

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace foialens::text {

struct Token {
  std::string lower;     // lower-cased text of the token
  std::string key;       // stemmed and OCR-folded: what terms are compared with
  std::string folded;    // OCR-folded, not stemmed: what wildcards are compared with
  std::size_t offset = 0;  // byte offset in the text
  std::size_t length = 0;
  bool upper = false;    // written in capitals (acronyms)
  int sentence = 0;
  int segment = 0;       // index into AnalyzedText::segments
};

// A stretch of a sentence between scope boundaries (";", "but", "however", "unless",
// "except", "provided that", ...). A negation reaches the whole segment it is in, which
// covers passive forms ("detainers will not be honored") as well as active ones.
struct Segment {
  int first = 0;  // first token
  int last = -1;  // last token (inclusive); empty when last < first
  int sentence = 0;
  bool negator = false;          // "not", "no", "never", "nothing", "cannot", "won't", ...
  int negative_verbs = 0;        // "prohibit", "decline", "refrain", "refuse", "forbid", ...
  bool exception = false;        // starts with "unless", "except", "other than", "provided"
  bool recital = false;          // part of a sentence that begins with WHEREAS
  bool definition = false;       // part of a sentence that defines a term ("X" means ...)
  bool own_cue = false;          // a negation cue stands in this segment itself
  int cue = -1;                  // the token of its first negation cue, or -1
  bool question = false;         // part of a sentence that ends with a question mark
  // The statement is negated when its negations are odd in number: plain negators count
  // once however many ("shall not and will not"), each negative verb once ("shall decline
  // to honor"), so that "nothing prohibits" and "the prohibitions did not apply" cancel out.
  bool negated() const { return ((negator ? 1 : 0) + negative_verbs) % 2 == 1; }
};

struct AnalyzedText {
  std::string text;
  std::vector<Token> tokens;
  std::vector<Segment> segments;
  int sentences = 0;
  // Every sentence is short and has no verb that commits anyone (shall, will, may, must, is,
  // are, has, ...): a heading or a title ("2-173-030 Requesting or disclosing status").
  bool heading_like = false;
  // Rows of a table: many bare numbers and no verb that commits anyone ("Persons transferred
  // to ICE custody 0 Total requests 14"). Counts report; they do not bind.
  bool tabular = false;

  // The text of tokens [first, last].
  std::string_view slice(int first, int last) const;
  // Byte range [begin, end) of the sentence that holds token `t`.
  std::pair<std::size_t, std::size_t> sentence_bytes(int t) const;
};

// `item_start`, when given, is the byte offset where a list item begins after its lead-in
// ("Members will not detain a person on the basis of:" + "(b) an immigration detainer").
// The item starts a segment of its own; it takes the lead-in's negation only when it has no
// negation of its own ("(b) decline any request ..." stays negated under any lead-in).
AnalyzedText analyze(std::string_view text, std::size_t item_start = std::string_view::npos);

// The comparison key of a single word, as terms in patterns use it.
std::string word_key(std::string_view word);
// The OCR-folded form of a word, without stemming (for wildcard prefixes).
std::string word_folded(std::string_view word);

// True when a token key matches a term key: equal, or one edit apart for long words.
bool keys_match(std::string_view token_key, std::string_view term_key);

}  // namespace foialens::text

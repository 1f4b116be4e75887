// Covers analysis/pattern.cpp and analysis/text_model.cpp: the rule query language on text.
#include <gtest/gtest.h>

#include "analysis/pattern.hpp"

namespace foialens::analysis {
namespace {

Pattern parse(std::string_view s, const TermLists& lists = {}) {
  auto p = Pattern::parse(s, lists);
  EXPECT_TRUE(p.ok()) << s << ": " << (p.ok() ? "" : p.error().message);
  return p.ok() ? std::move(p).value() : Pattern{};
}

bool hits(std::string_view pattern, std::string_view text) {
  return parse(pattern).matches(analyze(text));
}

TEST(Pattern, TermsMeetPluralAndVerbForms) {
  EXPECT_TRUE(hits("detainer", "ICE detainers will be honored."));
  EXPECT_TRUE(hits("honor", "The jail honoured every request."));
  EXPECT_TRUE(hits("notify", "The LEA notifies ERO."));
  EXPECT_FALSE(hits("detainer", "The person was detained."));
}

TEST(Pattern, AcronymsMatchCapitalsOnly) {
  EXPECT_TRUE(hits("ICE", "notify ICE of release"));
  EXPECT_FALSE(hits("ICE", "remove ice from the sidewalk"));
  EXPECT_FALSE(hits("ICE", "a NOTICE to appear"));
}

TEST(Pattern, PhrasesAndWordsWithBrackets) {
  EXPECT_TRUE(hits("\"hold request\"", "ICE hold requests are honored"));
  EXPECT_TRUE(hits("287(g)", "an agreement under section 287(g) of the INA"));
  EXPECT_TRUE(hits("\"Form I-247A\"", "on Form I-247A, Immigration Detainer"));
  EXPECT_FALSE(hits("\"hold request\"", "requests to hold"));
}

TEST(Pattern, BooleanOperators) {
  EXPECT_TRUE(hits("detainer AND ICE", "ICE lodges a detainer"));
  EXPECT_FALSE(hits("detainer AND ICE", "a detainer from the county"));
  EXPECT_TRUE(hits("detainer NOT judicial", "ICE lodges a detainer"));
  EXPECT_FALSE(hits("detainer AND NOT judicial", "a detainer and a judicial warrant"));
  EXPECT_TRUE(hits("foo OR detainer", "a detainer"));
  EXPECT_TRUE(hits("foo detainer", "a detainer"));  // juxtaposition is OR
}

TEST(Pattern, NearAndAdjKeepDistanceAndOrder) {
  EXPECT_TRUE(hits("access NEAR/4 inmates", "ICE shall have access to all inmates"));
  EXPECT_FALSE(hits("access NEAR/1 inmates", "ICE shall have access to all the inmates"));
  EXPECT_TRUE(hits("inmates NEAR/4 access", "ICE shall have access to all inmates"));
  EXPECT_FALSE(hits("inmates ADJ/4 access", "ICE shall have access to all inmates"));
  EXPECT_TRUE(hits("(honor OR comply) NEAR/5 (detainer OR \"hold request\")",
                   "the Sheriff will comply with any hold request"));
  // Not across sentences.
  EXPECT_FALSE(hits("honor NEAR/5 detainer", "We honor them. Detainers are rare."));
}

TEST(Pattern, WildcardsMatchPrefixes) {
  EXPECT_TRUE(hits("deputi*", "officers shall be deputized"));
  EXPECT_TRUE(hits("deputi*", "officers shall be deputised"));
  EXPECT_FALSE(hits("deputi*", "the deputy chief"));
}

TEST(Pattern, ToleratesOcrNoise) {
  EXPECT_TRUE(hits("detainer", "honor all detalners"));
  EXPECT_TRUE(hits("immigration", "federal irnmigration authorities"));
  EXPECT_TRUE(hits("immigration", "federal immi gration authorities"));
  EXPECT_TRUE(hits("enforcement", "civil immigration enforcemcnt"));
  EXPECT_TRUE(hits("\"release date\"", "the re1ease date"));
  EXPECT_TRUE(hits("ICE NEAR/3 detainer", "honor all lCE detainers"));
}

TEST(Pattern, TermListsExpand) {
  TermLists lists;
  lists.emplace("actor", parse("ICE OR ERO OR \"immigration authorities\"").root());
  const Pattern p = parse("$actor NEAR/5 access", lists);
  EXPECT_TRUE(p.matches(analyze("ERO shall have access")));
  EXPECT_FALSE(p.matches(analyze("the FBI shall have access")));
}

TEST(Pattern, IndexQueryRelaxesNearAndPhrasesToAnd) {
  EXPECT_EQ(parse("honor NEAR/5 detainer").to_index_query(), "(honor AND detainer)");
  EXPECT_EQ(parse("(honor OR comply) NEAR/5 detainer").to_index_query(),
            "((honor OR comply) AND detainer)");
  EXPECT_EQ(parse("\"hold request\" OR 287(g) OR deputi*").to_index_query(),
            "((hold AND request) OR (287 AND g) OR deputi*)");
  EXPECT_EQ(parse("a AND NOT b").to_index_query(), "(a AND NOT b)");
  EXPECT_EQ(parse("ICE detainer").to_index_query(), "(ICE OR detainer)");
}

TEST(Pattern, ParseErrorsSayWhereAndWhat) {
  PatternError err;
  EXPECT_FALSE(Pattern::parse("(detainer OR hold", {}, &err).ok());
  EXPECT_EQ(err.column, 1u);
  EXPECT_EQ(err.message, "unbalanced '(': no ')' after it");
  EXPECT_FALSE(Pattern::parse("detainer AND", {}, &err).ok());
  EXPECT_EQ(err.message, "AND without a right operand");
  EXPECT_EQ(err.column, 10u);
  EXPECT_FALSE(Pattern::parse("\"hold request", {}, &err).ok());
  EXPECT_EQ(err.message, "unterminated phrase: no closing '\"'");
  EXPECT_FALSE(Pattern::parse("$nope NEAR access", {}, &err).ok());
  EXPECT_EQ(err.message, "unknown term list '$nope'");
  EXPECT_FALSE(Pattern::parse("a NEAR/x b", {}, &err).ok());
  EXPECT_EQ(err.column, 3u);
  EXPECT_FALSE(Pattern::parse("", {}, &err).ok());
  EXPECT_EQ(err.message, "empty pattern");
  EXPECT_FALSE(Pattern::parse("de*tain", {}, &err).ok());
  EXPECT_EQ(err.message, "'*' is allowed only at the end of a word");
  EXPECT_FALSE(Pattern::parse("a )", {}, &err).ok());
  EXPECT_EQ(err.message, "unbalanced ')': no '(' before it");
}

TEST(TextModel, NegationReachesItsSegmentOnly) {
  const auto at = analyze("The Sheriff shall not honor detainers, but will notify ICE of release dates.");
  ASSERT_GE(at.segments.size(), 2u);
  EXPECT_TRUE(at.segments[0].negated());
  EXPECT_FALSE(at.segments[1].negated());
}

TEST(TextModel, NegationIdiomsAndDoubleNegatives) {
  EXPECT_FALSE(analyze("hold for a period not to exceed 48 hours").segments[0].negated());
  EXPECT_FALSE(analyze("notify ICE no later than 48 hours before release").segments[0].negated());
  EXPECT_TRUE(analyze("Detainers will not be honored").segments[0].negated());
  EXPECT_TRUE(analyze("Members are prohibited from honoring detainers").segments[0].negated());
  EXPECT_TRUE(analyze("the supervisor will decline the request").segments[0].negated());
  EXPECT_TRUE(analyze("The Sheriff won't hold anyone").segments[0].negated());
  EXPECT_FALSE(analyze("Nothing in this policy prohibits sharing with ICE").segments[0].negated());
  EXPECT_TRUE(analyze("It shall be unlawful to honor a detainer").segments[0].negated());
  EXPECT_FALSE(analyze("persons unlawfully present may be stopped").segments[0].negated());
}

TEST(TextModel, ListItemsAfterSemicolonsInheritNegation) {
  const auto at = analyze("Members will not detain a person on the basis of: a. status; b. an "
                          "immigration detainer; or c. an administrative warrant.");
  for (const auto& s : at.segments) EXPECT_TRUE(s.negated());
}

TEST(TextModel, SentencesSkipAbbreviations) {
  const auto at = analyze("Under 8 U.S.C. 1357(g) the LEA may act. ICE supervises.");
  EXPECT_EQ(at.sentences, 2);
}

TEST(TextModel, RecitalsAndDefinitions) {
  EXPECT_TRUE(analyze("WHEREAS, ICE asks for detainers; and").segments[0].recital);
  EXPECT_TRUE(analyze("\"Immigration detainer\" means a request by ICE").segments[0].definition);
}

}  // namespace
}  // namespace foialens::analysis

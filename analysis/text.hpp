#pragma once
// The words of the text layer that analysis speaks in, so that analysis code names them as
// its own (analysis reads text only through the text layer; it never tokenises again).

#include "text/instruments.hpp"
#include "text/tokens.hpp"

namespace foialens::analysis {

using text::AnalyzedText;
using text::Segment;
using text::Token;
using text::analyze;
using text::keys_match;
using text::word_folded;
using text::word_key;

using text::DateMention;
using text::Kind;
using text::KindMention;
using text::canonical_party;
using text::find_authorities;
using text::find_dates;
using text::find_kinds;
using text::icontains;
using text::iequals;
using text::kind_label;
using text::kind_slug;
using text::kind_slugs;
using text::kinds_compatible;
using text::looks_like_organisation;
using text::match_words;
using text::parse_kind;
using text::parties_in;
using text::party_within;
using text::search_near;

}  // namespace foialens::analysis

#pragma once
// Agencies named in public-records documents, with their full names, acronyms and the
// other ways documents spell them, mapped to one canonical name. Used to tag documents
// (metadata), to canonicalise agreement parties, and to recognise a federal immigration
// actor in a clause.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace foialens::agencies {

enum class Level { city, county, state, federal };

struct Agency {
  std::string_view canonical;  // "U.S. Immigration and Customs Enforcement"
  std::string_view acronym;    // "ICE"; empty when none is in use
  Level level;
  bool immigration;            // a federal immigration authority (ICE, ERO, HSI, CBP, DHS, USCIS)
  std::span<const std::string_view> aliases;  // other full spellings, matched ignoring case
};

// Every agency foialens knows, in a stable order.
std::span<const Agency> all();

struct Mention {
  const Agency* agency;
  std::size_t offset;  // byte offset in the text
  std::size_t length;
};

// Every mention in `text`, in order of offset. Full names match ignoring case; acronyms
// match only in capitals and as whole words ("ICE" but not "ice" or "NOTICE").
std::vector<Mention> find_mentions(std::string_view text);

// Canonical names of the agencies mentioned in `text`, each once, most mentioned first.
std::vector<std::string> agencies_in(std::string_view text);

// The agency called `name` (canonical name, acronym or alias; case-insensitive), or null.
const Agency* lookup(std::string_view name);

// The agencies whose canonical name, acronym or alias is closest to `name`, best first:
// for "did you mean" suggestions.
std::vector<const Agency*> closest(std::string_view name, std::size_t max = 3);

// Levenshtein distance over bytes, case-insensitive for ASCII.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace foialens::agencies

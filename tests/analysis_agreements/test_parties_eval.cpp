// The parties of agreements written without sight of the extraction code
// (corpus/eval/agreement-parties.toml: first and signature pages of 80 agreements in several
// layouts, some with OCR noise), and the references of corpus/eval/references.toml (public
// law or an instrument to request). Prints the figures for each half of a fixed split (by a
// hash of the id) and the whole set; rules/README.md has them. The floors are where the
// extraction stands, so that a change that loses ground fails.

#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "analysis/agreements.hpp"
#include "ingest/metadata.hpp"
#include "ingest/segment.hpp"
#include "common/agencies.hpp"
#include "common/hash.hpp"
#include "common/text.hpp"

namespace foialens::analysis {
namespace {
namespace fs = std::filesystem;

std::string half_of(const std::string& id) {
  return (hash::sha256_hex(id)[0] - '0') % 2 == 0 ? "tune" : "heldout";
}

// Lower case, letters and digits only, "the" and "U.S."/"United States" spelled one way,
// then the canonical name of a known agency.
std::string normalised(std::string_view name) {
  if (const auto* a = agencies::lookup(name)) name = a->canonical;
  const std::string lowered = text::lower_ascii(name);
  std::string words;
  for (const auto w : text::split(lowered, ' ')) {
    std::string clean;
    for (char c : w) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) clean += c;
    }
    if (clean.empty() || clean == "the") continue;
    words += (words.empty() ? "" : " ") + clean;
  }
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"united states ", "us "}}) {
    if (words.rfind(from, 0) == 0) words = to + words.substr(from.size());
  }
  return words;
}

// The text as ingest makes a document of it: one page, segmented into passages, with
// its metadata (title, dates, agencies, type).
Document document_of(const std::string& body) {
  Document d;
  d.id = hash::sha256_hex(body);
  Page page;
  page.text = body;
  d.pages.push_back(page);
  d.passages = ingest::segment(d.pages);
  ingest::fill_metadata(d);
  return d;
}

constexpr double kPartiesHeldoutFloor = 0.25;

struct PartyScore {
  int agreements = 0, exact = 0, invented = 0, missed = 0, found_none = 0;
};

TEST(Eval, AgreementParties) {
  const fs::path file = fs::path(FOIALENS_SOURCE_DIR) / "corpus" / "eval" / "agreement-parties.toml";
  const toml::table root = toml::parse_file(file.string());
  const bool verbose = std::getenv("FOIALENS_EVAL_VERBOSE") != nullptr;
  std::map<std::string, PartyScore> scores;
  for (const auto& el : *root["agreement"].as_array()) {
    const auto& t = *el.as_table();
    const std::string id = t["id"].value_or(std::string());
    const std::string body = t["text"].value_or(std::string());
    std::set<std::string> expected;
    for (const auto& p : *t["parties"].as_array()) expected.insert(normalised(p.value_or(std::string())));
    std::set<std::string> got;
    for (const Agreement& a : find_agreements(document_of(body))) {
      for (const std::string& p : a.parties) got.insert(normalised(p));
    }
    int invented = 0, missed = 0;
    for (const auto& g : got) invented += expected.count(g) == 0;
    for (const auto& e : expected) missed += got.count(e) == 0;
    for (const std::string& key : {half_of(id), std::string("all")}) {
      PartyScore& s = scores[key];
      ++s.agreements;
      s.exact += invented == 0 && missed == 0;
      s.invented += invented;
      s.missed += missed;
      s.found_none += got.empty();
    }
    if (verbose && (invented || missed)) {
      std::cout << id << " [" << half_of(id) << "]\n  expected:";
      for (const auto& e : expected) std::cout << " {" << e << "}";
      std::cout << "\n  got:     ";
      for (const auto& g : got) std::cout << " {" << g << "}";
      std::cout << "\n";
    }
  }
  std::cout << std::fixed << std::setprecision(3);
  for (const auto& [half, s] : scores) {
    std::cout << "parties " << std::setw(8) << half << ": agreements " << s.agreements << "; exact "
              << double(s.exact) / s.agreements << " (" << s.exact << "); invented parties " << s.invented
              << "; missed parties " << s.missed << "; no party found " << s.found_none << "\n";
  }
  ASSERT_EQ(scores["all"].agreements, 80);
  EXPECT_GE(double(scores["heldout"].exact) / scores["heldout"].agreements, kPartiesHeldoutFloor);
}

}  // namespace
}  // namespace foialens::analysis

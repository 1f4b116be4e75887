// The references of corpus/eval/references.toml, written without sight of the extraction
// code: each passage's citations labelled `instrument` (an agreement, order or policy a
// records request could obtain) or `public` (statutes, regulations, executive orders,
// ordinances: nothing to request). A reference found overlaps the labelled citation's
// text. Prints instrument recall and how many public citations are listed as instruments
// to request; rules/README.md has the figures. The floors are where extraction stands.

#include <gtest/gtest.h>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <toml++/toml.h>

#include "analysis/references.hpp"

namespace foialens::analysis {
namespace {
namespace fs = std::filesystem;

constexpr double kInstrumentRecallFloor = 0.4;

TEST(Eval, References) {
  const fs::path file = fs::path(FOIALENS_SOURCE_DIR) / "corpus" / "eval" / "references.toml";
  const toml::table root = toml::parse_file(file.string());
  const bool verbose = std::getenv("FOIALENS_EVAL_VERBOSE") != nullptr;
  int instruments = 0, instruments_found = 0, publics = 0, publics_listed = 0, passages = 0;
  for (const auto& el : *root["passage"].as_array()) {
    const auto& t = *el.as_table();
    const std::string text = t["text"].value_or(std::string());
    ++passages;
    const std::vector<Mention> found = extract_references(text);
    for (const auto& r : *t["references"].as_array()) {
      const auto& ref = *r.as_table();
      const std::string cited = ref["text"].value_or(std::string());
      const std::string kind = ref["kind"].value_or(std::string());
      const std::size_t at = text.find(cited);
      bool hit = false;
      if (at != std::string::npos) {
        for (const Mention& m : found) {
          hit = hit || (m.offset < at + cited.size() && at < m.offset + m.length);
        }
      }
      if (kind == "instrument") {
        ++instruments;
        instruments_found += hit;
      } else {
        ++publics;
        publics_listed += hit;
      }
      if (verbose && hit != (kind == "instrument")) {
        std::cout << t["id"].value_or(std::string()) << " " << kind << (hit ? " listed: " : " missed: ") << cited
                  << "\n";
      }
    }
  }
  const double recall = double(instruments_found) / instruments;
  std::cout << std::fixed << std::setprecision(3) << "references: passages " << passages
            << "; instruments found " << instruments_found << "/" << instruments << " (" << recall
            << "); public citations listed as instruments " << publics_listed << "/" << publics << "\n";
  EXPECT_EQ(passages, 60);
  EXPECT_GE(recall, kInstrumentRecallFloor);
}

}  // namespace
}  // namespace foialens::analysis

// End-to-end: the real foialens binary, a fresh library home per test.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/run.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

class Cli : public ::testing::Test {
 protected:
  testing::RunResult foialens(std::vector<std::string> args) {
    args.insert(args.begin(), {"--home", (dir_ / "home").string()});
    return testing::run(FOIALENS_BIN, args, dir_.path());
  }
  std::vector<json> json_lines(const std::string& out) {
    std::vector<json> parsed;
    for (const auto& line : testing::lines(out)) parsed.push_back(json::parse(line));
    return parsed;
  }
  testing::TempDir dir_;
};

TEST_F(Cli, CorpusSearchFindsTheCustomsOfficerPage) {
  const auto ingest = foialens({"ingest", FOIALENS_CORPUS_DIR});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_NE(ingest.out.find(" 0 failed"), std::string::npos) << ingest.out;

  const auto hits = foialens({"search", "--json", "\"customs officer\" designate"});
  ASSERT_EQ(hits.exit_code, 0) << hits.err;
  const auto parsed = json_lines(hits.out);
  ASSERT_FALSE(parsed.empty());
  bool found = false;
  for (const auto& h : parsed) {
    for (const char* key : {"doc", "title", "page", "clause", "score", "snippet"}) {
      EXPECT_TRUE(h.contains(key)) << key;
    }
    if (h["source"].get<std::string>().find("customs-officer-designation-moa-2019.pdf") != std::string::npos &&
        h["page"] == 1 && h["clause"] == "(a)") {
      found = true;
      EXPECT_NE(h["snippet"].get<std::string>().find("["), std::string::npos);
    }
  }
  EXPECT_TRUE(found) << hits.out;

  // Human output: highlights as [..] when not a terminal, and a page number.
  const auto human = foialens({"search", "customs officers", "--limit", "2"});
  EXPECT_NE(human.out.find("[customs]"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("p. "), std::string::npos);
  EXPECT_EQ(human.out.find("\x1b["), std::string::npos);

  // Re-ingesting changes nothing.
  const auto again = foialens({"ingest", FOIALENS_CORPUS_DIR});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 ingested, 10 unchanged"), std::string::npos) << again.out;
}

TEST_F(Cli, DocsShowAndStats) {
  ASSERT_EQ(foialens({"ingest", FOIALENS_CORPUS_DIR}).exit_code, 0);
  const auto docs = foialens({"docs", "--json"});
  ASSERT_EQ(docs.exit_code, 0);
  std::string moa;
  for (const auto& d : json_lines(docs.out)) {
    for (const char* key : {"doc", "title", "source", "type", "pages"}) EXPECT_TRUE(d.contains(key));
    if (d["source"].get<std::string>().find("county-287g") != std::string::npos) {
      moa = d["doc"];
      EXPECT_EQ(d["type"], "agreement");
      EXPECT_EQ(d["pages"], 4);
    }
  }
  ASSERT_FALSE(moa.empty());
  const auto show = foialens({"show", moa});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("Outline"), std::string::npos);
  EXPECT_NE(show.out.find("U.S. Immigration and Customs Enforcement"), std::string::npos);
  const auto page = foialens({"show", moa + ":2"});
  EXPECT_EQ(page.exit_code, 0);
  EXPECT_NE(page.out.find("page 2 of 4"), std::string::npos);
  const auto no_page = foialens({"show", moa + ":40"});
  EXPECT_EQ(no_page.exit_code, 2);
  EXPECT_NE(no_page.err.find("there is no page 40"), std::string::npos);
  const auto stats = foialens({"stats", "--json"});
  EXPECT_EQ(json::parse(stats.out)["documents"], 10);
}

TEST_F(Cli, BadInputIsReportedAndTheRestIsIngested) {
  dir_.write("in/empty.txt", "");
  dir_.write("in/random.pdf", std::string(2048, '\x07'));
  dir_.write("in/good.txt", "A memorandum of understanding with DHS dated May 1, 2017.\n");
  fs::copy_file(fs::path(FOIALENS_CORPUS_DIR) / "welcoming-city-amendments-2021.pdf", dir_ / "in" / "whole.pdf");
  {
    std::ifstream in(fs::path(FOIALENS_CORPUS_DIR) / "welcoming-city-amendments-2021.pdf", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    dir_.write("in/truncated.pdf", bytes.substr(0, bytes.size() / 3));
  }
  fs::copy_file(fs::path(FOIALENS_FIXTURES_DIR) / "latin1.txt", dir_ / "in" / "latin1.txt");
  const auto r = foialens({"ingest", (dir_ / "in").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("empty.txt: empty file: nothing to ingest"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("random.pdf: not a PDF"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("3 ingested"), std::string::npos) << r.out << r.err;
  // Whatever poppler recovers from the truncated file, the good files are searchable.
  const auto hits = foialens({"search", "--json", "memorandum understanding DHS"});
  EXPECT_EQ(json_lines(hits.out).size(), 1u);
  const auto latin = foialens({"search", "--json", "detenci\xC3\xB3n"});
  EXPECT_EQ(json_lines(latin.out).size(), 1u);
}

TEST_F(Cli, ExitCodesAndMessages) {
  const auto no_index = foialens({"search", "detainer"});
  EXPECT_EQ(no_index.exit_code, 3);
  EXPECT_NE(no_index.err.find("ingest documents first"), std::string::npos);
  EXPECT_EQ(foialens({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(foialens({"--help"}).exit_code, 0);
  dir_.write("a.txt", "Detainer requests are declined.\n");
  ASSERT_EQ(foialens({"ingest", (dir_ / "a.txt").string()}).exit_code, 0);
  const auto bad = foialens({"search", "date:2019..20x1"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("is not a date"), std::string::npos);
  const auto missing = foialens({"ingest", (dir_ / "nope.pdf").string()});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("nope.pdf: cannot read: no such file or folder"), std::string::npos);
}

}  // namespace
}  // namespace foialens

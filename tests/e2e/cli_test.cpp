// End-to-end: the real foialens binary, a fresh library home per test.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/cli_test.hpp"

namespace foialens {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

using Cli = testing::CliTest;

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

TEST_F(Cli, AKilledIngestDamagesNothingStoredBefore) {
  dir_.write("first/memo.txt", "Section 1. The department declines every detainer request.\n");
  ASSERT_EQ(foialens({"ingest", (dir_ / "first").string()}).exit_code, 0);
  // A larger batch, killed part-way through (or, on a fast machine, after it ended).
  for (int i = 0; i < 400; ++i) {
    std::string body;
    for (int k = 0; k < 40; ++k) {
      body += "Section " + std::to_string(k + 1) + ". Clause " + std::to_string(i * 100 + k) +
              " on task force operations and records retention.\n";
    }
    dir_.write("batch/doc" + std::to_string(i) + ".txt", body);
  }
  const std::string cmd = "timeout -s KILL 0.4 " + testing::shell_quote(FOIALENS_BIN) + " --home " +
                          testing::shell_quote((dir_ / "home").string()) + " ingest -q " +
                          testing::shell_quote((dir_ / "batch").string()) + " >/dev/null 2>&1";
  (void)std::system(cmd.c_str());
  const auto hits = foialens({"search", "--json", "detainer"});
  EXPECT_EQ(hits.exit_code, 0) << hits.err;
  EXPECT_EQ(json_lines(hits.out).size(), 1u);
  // The batch can be ingested again to completion.
  const auto again = foialens({"ingest", (dir_ / "batch").string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  const auto stats = json::parse(foialens({"stats", "--json"}).out);
  EXPECT_EQ(stats["documents"], 401);
}

TEST_F(Cli, DocumentsLinkedToARequestAreSearchedAlone) {
  const auto add = foialens({"requests", "add", "--json", "--agency", "cpd", "--law", "il-foia", "--subject",
                             "Agreements with ICE", "--filed", "2021-03-03"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string id = std::to_string(json::parse(add.out)["id"].get<long>());
  dir_.write("returned/moa.txt", "Memorandum of agreement on customs officers and detainers.\n");
  dir_.write("other/memo.txt", "An unrelated memo that also mentions detainers.\n");
  const auto linked = foialens({"ingest", "--request", id, (dir_ / "returned").string()});
  ASSERT_EQ(linked.exit_code, 0) << linked.err;
  EXPECT_NE(linked.out.find("1 linked to request " + id), std::string::npos) << linked.out;
  ASSERT_EQ(foialens({"ingest", (dir_ / "other").string()}).exit_code, 0);

  EXPECT_EQ(json_lines(foialens({"search", "--json", "detainers"}).out).size(), 2u);
  const auto only = json_lines(foialens({"search", "--json", "--request", id, "detainers"}).out);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_NE(only[0]["source"].get<std::string>().find("moa.txt"), std::string::npos);

  // Linking by hand checks that the document is in the library.
  const std::string other = json_lines(foialens({"search", "--json", "unrelated"}).out).at(0)["doc"];
  EXPECT_EQ(foialens({"requests", "link", id, other}).exit_code, 0);
  const auto bogus = foialens({"requests", "link", id, "abcdefabcdef"});
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_NE(bogus.err.find("no document with id abcdefabcdef"), std::string::npos) << bogus.err;
  const auto show = foialens({"requests", "show", id});
  EXPECT_NE(show.out.find(other), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("An unrelated memo"), std::string::npos) << show.out;

  const auto missing = foialens({"ingest", "--request", "999", (dir_ / "other").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such request"), std::string::npos);
}

TEST_F(Cli, ARequestDraftedFromAReferenceMarksItRequested) {
  ASSERT_EQ(foialens({"ingest", FOIALENS_CORPUS_DIR}).exit_code, 0);
  std::string key;
  for (const auto& ref : json_lines(foialens({"references", "--unresolved", "--json"}).out)) {
    if (ref["label"].get<std::string>().find("LEADS") != std::string::npos) key = ref["key"];
  }
  ASSERT_FALSE(key.empty());
  const auto add = foialens({"requests", "add", "--json", "--from-reference", key, "--filed", "2026-11-02"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const auto request = json::parse(add.out);
  EXPECT_NE(request["subject"].get<std::string>().find("LEADS"), std::string::npos) << add.out;
  for (const auto& ref : json_lines(foialens({"references", "--json"}).out)) {
    if (ref["key"] == key) EXPECT_EQ(ref["status"], "requested");
  }
  const auto unknown = foialens({"requests", "add", "--from-reference", "ffffffff"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no reference with that key"), std::string::npos);
  EXPECT_EQ(foialens({"requests", "add", "--agency", "cpd"}).exit_code, 2);
}

TEST_F(Cli, TheMorningReportGathersRequestsConflictsAndReferences) {
  EXPECT_EQ(foialens({"report"}).exit_code, 3);  // nothing yet
  ASSERT_EQ(foialens({"ingest", FOIALENS_CORPUS_DIR}).exit_code, 0);
  ASSERT_EQ(foialens({"requests", "add", "--agency", "cpd", "--subject", "late one", "--filed", "2026-10-01"}).exit_code, 0);
  ASSERT_EQ(foialens({"requests", "add", "--agency", "cpd", "--subject", "soon", "--filed", "2026-11-19"}).exit_code, 0);
  const auto r = foialens({"report", "--json", "--today", "2026-11-21"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["requests"]["late"], 1);
  EXPECT_EQ(j["requests"]["due_soon"], 1);
  EXPECT_EQ(j["requests"]["appealable"], 1);  // Illinois: no answer by the due date is a denial
  EXPECT_GT(j["conflicts"]["conflict"].get<int>(), 0);
  EXPECT_EQ(j["library"]["documents"], 10);
  bool leads = false;
  for (const auto& ref : j["unresolved_references"]) leads |= ref["label"].get<std::string>().find("LEADS") != std::string::npos;
  EXPECT_TRUE(leads);
  const auto human = foialens({"report", "--today", "2026-11-21"});
  EXPECT_NE(human.out.find("2 open: 1 late, 1 due within 7 days, 1 may be appealed"), std::string::npos) << human.out;
  EXPECT_EQ(foialens({"report", "--today", "2026-13-01"}).exit_code, 2);
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

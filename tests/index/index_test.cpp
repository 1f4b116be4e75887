#include <gtest/gtest.h>

#include "index/searcher.hpp"
#include "index/writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::index {
namespace {

Document make_doc(const std::string& id, const std::string& source, const std::string& title,
                  const std::string& type, Date date, std::vector<std::string> agencies,
                  std::vector<std::pair<int, std::string>> passages) {
  Document doc;
  doc.id = id;
  doc.source = source;
  doc.title = title;
  doc.doc_type = type;
  doc.date = date;
  doc.agencies = std::move(agencies);
  doc.media_type = "text/plain";
  int max_page = 1;
  for (const auto& [page, text] : passages) max_page = std::max(max_page, page);
  for (int n = 1; n <= max_page; ++n) {
    Page p;
    p.number = n;
    for (const auto& [page, text] : passages) {
      if (page == n) p.text += text + "\n";
    }
    doc.pages.push_back(p);
  }
  int ordinal = 0;
  for (const auto& [page, text] : passages) {
    Passage p;
    p.ordinal = ordinal++;
    p.page = p.page_end = page;
    p.clause = "(" + std::string(1, static_cast<char>('a' + p.ordinal)) + ")";
    p.heading_path = "Section 5 > " + p.clause;
    p.text = text;
    doc.passages.push_back(p);
  }
  return doc;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = Writer::open(dir_ / "index");
    ASSERT_TRUE(writer.ok());
    const Document moa = make_doc(
        std::string(64, 'a'), "/docs/moa.pdf", "Customs Officer Designation Agreement", "agreement",
        Date(2019, 4, 12), {"U.S. Immigration and Customs Enforcement", "Chicago Police Department"},
        {{1, "HSI may designate CPD members as customs officers for federal offenses."},
         {2, "Designees are not authorized to enforce administrative immigration violations."},
         {3, "U.S. Immigration and Customs Enforcement will train each designated member."}});
    const Document ordinance = make_doc(
        std::string(64, 'b'), "/docs/ordinance.pdf", "Welcoming City Ordinance", "ordinance",
        Date(2021, 1, 27), {"Chicago City Council"},
        {{1, "No agent shall detain a person on the basis of an immigration detainer."},
         {1, "The officers shall not honor detainers or administrative warrants."}});
    for (const Document* d : {&moa, &ordinance}) {
      auto outcome = (*writer)->put(*d, (*writer)->prepare(*d));
      ASSERT_TRUE(outcome.ok());
      EXPECT_EQ(*outcome, PutOutcome::added);
    }
    ASSERT_TRUE((*writer)->flush().ok());
  }

  SearchResults search(const std::string& query, bool docs = false) {
    auto searcher = Searcher::open(dir_ / "index");
    EXPECT_TRUE(searcher.ok());
    SearchOptions o;
    o.query = query;
    o.collapse_documents = docs;
    o.facets = true;
    auto r = searcher->search(o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : SearchResults{};
  }

  testing::TempDir dir_;
};

TEST_F(IndexTest, PhraseHitsCarryPageClauseAndHighlight) {
  const auto r = search("\"customs officers\"");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].page, 1);
  EXPECT_EQ(r.hits[0].clause, "(a)");
  EXPECT_EQ(r.hits[0].heading_path, "Section 5 > (a)");
  EXPECT_EQ(r.hits[0].title, "Customs Officer Designation Agreement");
  EXPECT_NE(r.hits[0].snippet.find("[customs officers]"), std::string::npos) << r.hits[0].snippet;
}

TEST_F(IndexTest, StemmingButExactPhrases) {
  EXPECT_EQ(search("detainer").hits.size(), 2u);      // detainer, detainers
  EXPECT_EQ(search("\"honor detainers\"").hits.size(), 1u);
  EXPECT_EQ(search("\"honor detainer\"").hits.size(), 0u);
}

TEST_F(IndexTest, BooleanNearAndWildcards) {
  EXPECT_EQ(search("detainer AND NOT honor").hits.size(), 1u);
  EXPECT_EQ(search("designate NEAR/6 officers").hits.size(), 1u);
  EXPECT_EQ(search("designate NEAR/3 officers").hits.size(), 0u);
  EXPECT_EQ(search("administ*").hits.size(), 2u);
  // "designated" and "detainer" share stems with "designate" and "detain".
  EXPECT_EQ(search("designate OR detain").hits.size(), 4u);
}

TEST_F(IndexTest, FieldsDatesAndAcronyms) {
  EXPECT_EQ(search("type:ordinance detainer").hits.size(), 2u);
  EXPECT_EQ(search("agency:ICE").hits.size(), 3u);
  EXPECT_EQ(search("agency:\"Chicago Police Department\" detainer").hits.size(), 0u);
  EXPECT_EQ(search("date:2021..2022 detainer").hits.size(), 2u);
  EXPECT_EQ(search("date:..2019-12 detainer").hits.size(), 0u);
  EXPECT_EQ(search("year:2019").hits.size(), 3u);
  EXPECT_EQ(search("doc:aaaaaaaaaaaa train").hits.size(), 1u);
  EXPECT_EQ(search("clause:b").hits.size(), 2u);
  // ICE finds the spelled-out name.
  const auto ice = search("ICE train");
  ASSERT_EQ(ice.hits.size(), 1u);
  EXPECT_EQ(ice.hits[0].page, 3);
}

TEST_F(IndexTest, CitationsAndSpellingVariants) {
  auto writer = Writer::open(dir_ / "index");
  ASSERT_TRUE(writer.ok());
  const Document moa = make_doc(std::string(64, 'd'), "/docs/287g.pdf", "Jail agreement", "agreement",
                                Date(2020, 6, 4), {},
                                {{1, "Officers are deputised under 8 U.S.C. 1357(g) to honour detainers."},
                                 {2, "Records are withheld under 5 ILCS 140/7(1)(c)."}});
  ASSERT_TRUE((*writer)->put(moa, (*writer)->prepare(moa)).ok());
  ASSERT_TRUE((*writer)->flush().ok());
  writer = Error::run("closed");
  EXPECT_EQ(search("287(g)").hits.size(), 1u);
  EXPECT_EQ(search("\"1357(g)\"").hits.size(), 1u);
  EXPECT_EQ(search("7(1)(c)").hits.size(), 1u);
  EXPECT_EQ(search("7(1)(d)").hits.size(), 0u);
  EXPECT_EQ(search("deputized").hits.size(), 1u);
  EXPECT_EQ(search("honor detainers").hits.size(), 2u);  // "honour" here, "honor" in the ordinance
}

TEST_F(IndexTest, CollapsedAndFaceted) {
  const auto r = search("detainer OR designate", true);
  EXPECT_EQ(r.hits.size(), 2u);
  ASSERT_FALSE(r.types.empty());
  std::size_t total = 0;
  for (const auto& t : r.types) total += t.count;
  EXPECT_EQ(total, 2u);
  bool saw_ice = false;
  for (const auto& a : r.agencies) saw_ice |= a.value == "U.S. Immigration and Customs Enforcement";
  EXPECT_TRUE(saw_ice);
}

TEST_F(IndexTest, BadQueriesSayWhatIsWrong) {
  auto searcher = Searcher::open(dir_ / "index");
  SearchOptions o;
  o.query = "agency:ICEE";
  auto r = searcher->search(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "query 'agency:ICEE': unknown agency 'ICEE' (did you mean: ICE, CBP)");
  o.query = "date:20x9..2020 detainer";
  r = searcher->search(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("is not a date"), std::string::npos);
  o.query = "   ";
  EXPECT_FALSE(searcher->search(o).ok());
  EXPECT_TRUE(check_query("detainer NEAR hold").ok());
  EXPECT_FALSE(check_query("agency:nobody").ok());
}

TEST_F(IndexTest, DocumentsPassagesPagesAndStats) {
  auto searcher = Searcher::open(dir_ / "index");
  const auto docs = searcher->documents();
  ASSERT_EQ(docs.size(), 2u);
  auto moa = searcher->document("aaaa");
  ASSERT_TRUE(moa.ok());
  EXPECT_EQ(moa->page_count, 3);
  EXPECT_EQ(moa->date, "2019-04-12");
  EXPECT_EQ(searcher->passages(moa->id)->size(), 3u);
  EXPECT_NE(searcher->page_text(moa->id, 2)->find("administrative immigration"), std::string::npos);
  EXPECT_EQ(searcher->page_text(moa->id, 9).error().message,
            "document aaaaaaaaaaaa has 3 pages; there is no page 9");
  EXPECT_EQ(searcher->document("cccc").error().message, "no document with id cccc (see 'foialens docs')");
  const auto stats = searcher->stats();
  EXPECT_EQ(stats.documents, 2u);
  EXPECT_EQ(stats.passages, 5u);
  EXPECT_EQ(stats.pages, 4u);
  EXPECT_GT(stats.index_bytes, 0u);
}

TEST_F(IndexTest, RemoveDeletesEveryRecordOfADocument) {
  auto writer = Writer::open(dir_ / "index");
  ASSERT_TRUE(writer.ok());
  EXPECT_TRUE(*(*writer)->remove(std::string(64, 'a')));
  EXPECT_FALSE(*(*writer)->remove(std::string(64, 'a')));
  ASSERT_TRUE((*writer)->flush().ok());
  writer = Error::run("closed");  // release the lock
  EXPECT_EQ(search("customs").hits.size(), 0u);
  EXPECT_EQ(search("detainer").hits.size(), 2u);
}

TEST_F(IndexTest, AStubFileListingShardsIsAnIndexToo) {
  // A second shard, written separately, with one more document.
  {
    auto writer = Writer::open(dir_ / "shard2");
    ASSERT_TRUE(writer.ok());
    const Document letter = make_doc(std::string(64, 'c'), "/docs/letter.txt", "Response letter", "letter",
                                     Date(2021, 3, 17), {}, {{1, "Your request for detainer records is granted."}});
    ASSERT_TRUE((*writer)->put(letter, (*writer)->prepare(letter)).ok());
    ASSERT_TRUE((*writer)->flush().ok());
  }
  dir_.write("stub", "glass " + (dir_ / "index").string() + "\nglass " + (dir_ / "shard2").string() + "\n");
  auto searcher = Searcher::open(dir_ / "stub");
  ASSERT_TRUE(searcher.ok()) << searcher.error().message;
  SearchOptions o;
  o.query = "detainer";
  o.collapse_documents = true;
  auto r = searcher->search(o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hits.size(), 2u);
  EXPECT_EQ(searcher->documents().size(), 3u);
  EXPECT_EQ(searcher->document("cccc")->title, "Response letter");
}

TEST_F(IndexTest, SecondWriterIsToldTheIndexIsLocked) {
  auto first = Writer::open(dir_ / "index");
  ASSERT_TRUE(first.ok());
  auto second = Writer::open(dir_ / "index");
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("locked by another foialens process"), std::string::npos);
}

}  // namespace
}  // namespace foialens::index

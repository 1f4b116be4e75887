#include "ingest/pipeline.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "index/searcher.hpp"
#include "index/writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;

class PipelineTest : public ::testing::Test {
 protected:
  Summary ingest(const std::vector<std::string>& inputs) {
    auto writer = index::Writer::open(home() / "index");
    EXPECT_TRUE(writer.ok());
    Options options;
    options.home = home();
    options.jobs = 2;
    return run(inputs, options, **writer);
  }
  fs::path home() const { return dir_ / "home"; }
  testing::TempDir dir_;
};

const FileResult* result_for(const Summary& s, std::string_view suffix) {
  for (const auto& f : s.files) {
    if (f.input.size() >= suffix.size() && f.input.compare(f.input.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return &f;
    }
  }
  return nullptr;
}

TEST_F(PipelineTest, BadInputFailsAloneAndTheBatchGoesOn) {
  const auto docs = dir_ / "docs";
  dir_.write("docs/good.txt", "Section 1. Scope\nThe officers shall not honor detainers.\n");
  dir_.write("docs/empty.txt", "");
  dir_.write("docs/random.pdf", std::string("\x01\x02\x03\x00\xff\xfe garbage", 14));
  dir_.write("docs/notes.bin", std::string("\x00\x01\x02\x03", 4));
  fs::copy_file(fs::path(FOIALENS_CORPUS_DIR) / "../tests/fixtures/encrypted.pdf", docs / "locked.pdf");
  const Summary s = ingest({docs.string(), (dir_ / "missing.pdf").string()});
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(s.failed, 4u);
  EXPECT_EQ(s.skipped, 1u);
  EXPECT_EQ(result_for(s, "empty.txt")->message, "empty file: nothing to ingest");
  EXPECT_EQ(result_for(s, "random.pdf")->message, "not a PDF: the content is binary data");
  EXPECT_EQ(result_for(s, "locked.pdf")->message, "encrypted PDF: it needs a password to open");
  EXPECT_EQ(result_for(s, "missing.pdf")->message, "cannot read: no such file or folder");
  EXPECT_EQ(result_for(s, "notes.bin")->message, "unsupported type: binary data");
}

TEST_F(PipelineTest, SameBytesAreUnchangedAndNewBytesReplace) {
  const auto file = dir_.write("memo.txt", "First version about detainers.\n");
  Summary s = ingest({file.string()});
  ASSERT_EQ(s.added, 1u);
  const std::string first_id = s.files[0].doc_id;
  EXPECT_TRUE(fs::exists(home() / "store" / first_id.substr(0, 2) / first_id.substr(2, 2) / first_id));

  s = ingest({file.string()});
  EXPECT_EQ(s.unchanged, 1u);
  EXPECT_EQ(s.added, 0u);

  dir_.write("memo.txt", "Second version about administrative warrants.\n");
  s = ingest({file.string()});
  EXPECT_EQ(s.replaced, 1u);

  auto searcher = index::Searcher::open(home() / "index");
  ASSERT_TRUE(searcher.ok());
  const auto docs = searcher->documents();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_NE(docs[0].id, first_id);
  index::SearchOptions q;
  q.query = "detainers";
  EXPECT_TRUE(searcher->search(q)->hits.empty());
  // The first version's original stays in the store: nothing ingested is lost.
  EXPECT_TRUE(fs::exists(home() / "store" / first_id.substr(0, 2) / first_id.substr(2, 2) / first_id));
}

TEST_F(PipelineTest, NonUtf8TextIsRepaired) {
  const auto latin1 = fs::path(FOIALENS_CORPUS_DIR) / "../tests/fixtures/latin1.txt";
  const auto utf16 = fs::path(FOIALENS_CORPUS_DIR) / "../tests/fixtures/utf16.txt";
  const Summary s = ingest({latin1.string(), utf16.string()});
  EXPECT_EQ(s.added, 2u);
  auto searcher = index::Searcher::open(home() / "index");
  index::SearchOptions q;
  q.query = "detenci\xC3\xB3n";
  EXPECT_EQ(searcher->search(q)->hits.size(), 1u);
  q.query = "notice intent";
  EXPECT_EQ(searcher->search(q)->hits.size(), 1u);
}

TEST_F(PipelineTest, WholeCorpusIngestsWithoutFailures) {
  const Summary s = ingest({FOIALENS_CORPUS_DIR});
  EXPECT_EQ(s.failed, 0u);
  EXPECT_GE(s.added, 8u);
  EXPECT_GT(s.passages, 100u);
}

}  // namespace
}  // namespace foialens::ingest

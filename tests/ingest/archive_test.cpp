// Archives through the whole ingest path: members stored and indexed as documents of
// their own, bombs and damage reported per member, the rest of the archive kept.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <atomic>
#include <thread>

#include "common/paths.hpp"
#include "index/searcher.hpp"
#include "index/writer.hpp"
#include "ingest/detect.hpp"
#include "ingest/pipeline.hpp"
#include "ingest/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;

const fs::path kFormats = fs::path(FOIALENS_FIXTURES_DIR) / "formats";

class ArchiveTest : public ::testing::Test {
 protected:
  Summary ingest(const std::vector<std::string>& inputs, const Limits& limits = {}) {
    auto writer = index::Writer::open(home() / "index");
    EXPECT_TRUE(writer.ok());
    Options options;
    options.home = home();
    options.jobs = 2;
    options.limits = limits;
    return run(inputs, options, **writer);
  }
  fs::path home() const { return dir_ / "home"; }
  std::vector<index::Hit> search(const std::string& query) {
    auto searcher = index::Searcher::open(home() / "index");
    EXPECT_TRUE(searcher.ok());
    index::SearchOptions q;
    q.query = query;
    auto r = searcher->search(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->hits : std::vector<index::Hit>{};
  }
  testing::TempDir dir_;
};

const FileResult* result_for(const Summary& s, std::string_view suffix) {
  for (const auto& f : s.files) {
    if (f.input.ends_with(suffix)) return &f;
  }
  return nullptr;
}

std::set<std::string> members(const Summary& s, const std::string& archive) {
  std::set<std::string> names;
  for (const auto& f : s.files) {
    if (f.input.starts_with(archive + "!")) names.insert(f.input.substr(archive.size() + 1));
  }
  return names;
}

TEST_F(ArchiveTest, StoredZipWithAPdfFirstIsAnArchiveNotAPdf) {
  const auto zip = paths::read_file(kFormats / "response-stored.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ(detect(*zip).kind, Kind::archive);
  EXPECT_EQ(detect(*zip).media_type, "application/zip");

  const std::string input = (kFormats / "response-stored.zip").string();
  const Summary s = ingest({input});
  EXPECT_EQ(s.added, 4u);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_EQ(members(s, input), (std::set<std::string>{"records/01-letter.pdf", "records/02-order.pdf",
                                                       "index.txt", "records/03-nested.zip!memo.txt"}));
  EXPECT_EQ(result_for(s, "02-order.pdf")->pages, 3);

  // Each member is searchable on its own page, under its "archive!member" source.
  const auto hits = search("\"Detention and arrest\"");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].page, 2);
  EXPECT_EQ(hits[0].source, fs::absolute(input).lexically_normal().string() + "!records/02-order.pdf");
  const auto nested = search("\"immigration task force\"");
  ASSERT_EQ(nested.size(), 1u);
  EXPECT_TRUE(nested[0].source.ends_with("response-stored.zip!records/03-nested.zip!memo.txt")) << nested[0].source;
}

TEST_F(ArchiveTest, SevenZipAndTarGzipHoldTheSameDocuments) {
  const std::string sz = (kFormats / "response.7z").string(), tgz = (kFormats / "response.tar.gz").string();
  const Summary s = ingest({sz, tgz});
  EXPECT_EQ(s.failed, 0u);
  const std::set<std::string> expected{"records/01-letter.pdf", "records/02-order.pdf", "index.txt",
                                       "records/03-nested.zip!memo.txt"};
  EXPECT_EQ(members(s, sz), expected);
  EXPECT_EQ(members(s, tgz), expected);
  // Same bytes inside both: stored once, the second time unchanged.
  EXPECT_EQ(s.added, 4u);
  EXPECT_EQ(s.unchanged, 4u);

  const Summary again = ingest({sz});
  EXPECT_EQ(again.unchanged, 4u);
  EXPECT_EQ(again.added, 0u);
}

TEST_F(ArchiveTest, BombFailsAloneAndTheRestOfTheArchiveGoesOn) {
  const std::string input = (kFormats / "bomb.zip").string();
  const Summary s = ingest({input});
  EXPECT_EQ(s.added, 2u);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(result_for(s, "!a-before.txt")->status, FileStatus::added);
  EXPECT_EQ(result_for(s, "!c-after.txt")->status, FileStatus::added);
  EXPECT_EQ(result_for(s, "!b-zeros.bin")->message,
            "compression bomb: unpacks to more than 200 times the archive's size; not read (--max-ratio raises the limit)");
  EXPECT_EQ(search("\"after the bomb\"").size(), 1u);

  // A ratio high enough lets the member through; it is then judged as a file (binary).
  Limits generous;
  generous.max_ratio = 5000;
  const Summary raised = ingest({input}, generous);
  EXPECT_EQ(result_for(raised, "!b-zeros.bin")->message, "unsupported type: binary data");
}

// The same PDF inside two archives read at once is stored by two workers at once.
TEST_F(ArchiveTest, SameContentStoredByManyThreadsAtOnce) {
  const ContentStore store(home() / "store");
  const auto id = [](int i) { return std::string(60, 'a') + std::to_string(1000 + i); };
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!store.put(id(i), "same bytes " + std::to_string(i))) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(*paths::read_file(store.path_for(id(i))), "same bytes " + std::to_string(i));
  }
}

TEST_F(ArchiveTest, PasswordProtectedMemberFailsAlone) {
  const Summary s = ingest({(kFormats / "locked.zip").string()});
  EXPECT_EQ(s.added, 2u);
  EXPECT_EQ(result_for(s, "!b-locked.txt")->message, "encrypted: it needs a password to unpack");
  EXPECT_EQ(result_for(s, "!c-open.txt")->status, FileStatus::added);
}

TEST_F(ArchiveTest, CompressedFileThatIsNoArchiveIsItsContent) {
  const auto gz = paths::read_file(kFormats / "letter.pdf.gz");
  ASSERT_TRUE(gz.ok());
  EXPECT_EQ(detect(*gz).media_type, "application/gzip");
  const Summary s = ingest({(kFormats / "letter.pdf.gz").string()});
  ASSERT_EQ(s.added, 1u);
  EXPECT_EQ(result_for(s, "letter.pdf.gz!data")->pages, 2);
}

TEST_F(ArchiveTest, DamagedArchiveKeepsWhatWasReadBeforeTheDamage) {
  ASSERT_EQ(ingest({(kFormats / "agreement.docx").string()}).added, 1u);
  auto zip = paths::read_file(kFormats / "response-stored.zip");
  ASSERT_TRUE(zip.ok());
  // Cut inside the second member: the first is whole, the central directory is gone.
  const auto cut = dir_.write("cut.zip", zip->substr(0, 30000));
  const Summary s = ingest({cut.string()});
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(result_for(s, "cut.zip!records/01-letter.pdf")->status, FileStatus::added);
  EXPECT_EQ(result_for(s, "cut.zip!records/02-order.pdf")->message, "damaged archive: Truncated ZIP file data");
  EXPECT_EQ(result_for(s, "cut.zip")->message, "damaged archive: Truncated ZIP file data (after 2 files)");
  EXPECT_FALSE(search("\"Chicago Police Department\" FOIA").empty());
  // What was stored before is intact.
  EXPECT_EQ(search("\"Records Division Commander\"").size(), 1u);
}

// Every format cut short: each input gets its own line (a reason when it failed), the
// batch goes on, and what was stored before stays searchable.
TEST_F(ArchiveTest, TruncatedFilesOfEveryFormatFailCleanly) {
  ASSERT_EQ(ingest({(kFormats / "agreement.docx").string()}).added, 1u);
  std::vector<std::string> inputs;
  for (const auto& entry : fs::directory_iterator(kFormats)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".doc" || ext == ".xls") continue;  // LibreOffice: slow, and tested elsewhere
    auto bytes = paths::read_file(entry.path());
    ASSERT_TRUE(bytes.ok());
    inputs.push_back(dir_.write("cut/" + entry.path().filename().string(), bytes->substr(0, bytes->size() / 2)).string());
  }
  const Summary s = ingest(inputs);
  for (const auto& input : inputs) {
    bool reported = false;
    for (const auto& f : s.files) {
      if (f.input == input || f.input.starts_with(input + "!")) {
        reported = true;
        if (f.status == FileStatus::failed || f.status == FileStatus::skipped) EXPECT_FALSE(f.message.empty()) << f.input;
      }
    }
    EXPECT_TRUE(reported) << input;
  }
  EXPECT_GT(s.failed, 5u);
  EXPECT_EQ(search("\"Records Division Commander\"").size(), 1u);
}

TEST_F(ArchiveTest, MemberCountLimit) {
  Limits limits;
  limits.max_members = 2;
  const std::string input = (kFormats / "response-stored.zip").string();
  const Summary s = ingest({input}, limits);
  EXPECT_EQ(s.added, 2u);
  EXPECT_EQ(result_for(s, "response-stored.zip")->message,
            "too many files: more than 2 in one input; the rest is not read (--max-members raises the limit)");
}

TEST_F(ArchiveTest, UnpackedSizeLimit) {
  Limits limits;
  limits.max_unpacked = 30 * 1024;  // the first PDF (20 KiB) fits, the second does not
  const Summary s = ingest({(kFormats / "response-stored.zip").string()}, limits);
  EXPECT_EQ(s.added, 1u);
  EXPECT_EQ(result_for(s, "response-stored.zip")->message,
            "too much data: more than 30 KiB unpacked from one input; the rest is not read "
            "(--max-unpacked raises the limit)");
}

TEST_F(ArchiveTest, NestingDepthLimit) {
  Limits limits;
  limits.max_depth = 1;
  const Summary s = ingest({(kFormats / "response-stored.zip").string()}, limits);
  EXPECT_EQ(s.added, 3u);
  EXPECT_EQ(result_for(s, "03-nested.zip!memo.txt")->message,
            "nested too deep: more than 1 archives or messages inside one another (--max-depth raises the limit)");
}

TEST_F(ArchiveTest, EmptyArchiveIsReported) {
  // An empty ZIP is its end-of-central-directory record alone (APPNOTE 4.3.16).
  const auto empty = dir_.write("empty.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));
  const Summary s = ingest({empty.string()});
  EXPECT_EQ(result_for(s, "empty.zip")->message, "empty archive: no files in it");
}

}  // namespace
}  // namespace foialens::ingest

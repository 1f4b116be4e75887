// End-to-end: archives, e-mail, Outlook and Office files through the real binary.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/cli_test.hpp"

namespace foialens {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

using FormatsCli = testing::CliTest;

const fs::path kFormats = fs::path(FOIALENS_FIXTURES_DIR) / "formats";

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST_F(FormatsCli, EveryMemberAndAttachmentIsSearchableAndTheBombFailsAlone) {
  fs::create_directories(dir_ / "in");
  for (const char* f : {"response-stored.zip", "bomb.zip", "thread.mbox", "designation.msg", "agreement.docx",
                        "request-log.xlsx"}) {
    fs::copy_file(kFormats / f, dir_ / "in" / f);
  }
  const auto ingest = foialens({"ingest", (dir_ / "in").string()});
  EXPECT_EQ(ingest.exit_code, 1) << ingest.err;  // partial: the bomb member failed
  EXPECT_NE(ingest.err.find("bomb.zip!b-zeros.bin: compression bomb: unpacks to more than 200 times the "
                            "archive's size; not read (--max-ratio raises the limit)\n"),
            std::string::npos)
      << ingest.err;
  EXPECT_NE(ingest.out.find(", 1 failed;"), std::string::npos) << ingest.out;

  // A page of a PDF inside the ZIP, shown under its "archive!member" source.
  const auto order = foialens({"search", "--json", "\"Detention and arrest\""});
  ASSERT_EQ(order.exit_code, 0) << order.err;
  const auto hits = json_lines(order.out);
  ASSERT_EQ(hits.size(), 1u) << order.out;
  EXPECT_EQ(hits[0]["page"], 2);
  EXPECT_TRUE(ends_with(hits[0]["source"].get<std::string>(), "in/response-stored.zip!records/02-order.pdf"));

  const auto human = foialens({"search", "\"Detention and arrest\""});
  EXPECT_NE(human.out.find(" \u00b7 p. 2 \u00b7 III. > A. \u00b7 response-stored.zip!records/02-order.pdf \u00b7 "),
            std::string::npos)
      << human.out;

  // A spreadsheet row, with its sheet and row.
  const auto row = foialens({"search", "--json", "\"Gang database audit\""});
  const auto rows = json_lines(row.out);
  ASSERT_FALSE(rows.empty()) << row.out;
  EXPECT_EQ(rows[0]["path"], "Requests > row 3");

  // Header fields.
  const auto from = foialens({"search", "--json", "--docs", "from:mgarcia"});
  const auto senders = json_lines(from.out);
  ASSERT_EQ(senders.size(), 1u) << from.out;
  EXPECT_EQ(senders[0]["title"], "Designation agreement for customs officers");

  // docs shows each document's format, detected from its content.
  std::map<std::string, std::string> formats;
  for (const auto& d : json_lines(foialens({"docs", "--json"}).out)) {
    const std::string source = d["source"];
    formats[source.substr(source.rfind("/in/") + 4)] = d["format"];
  }
  // The same letter is in several archives: identical content is stored once, under
  // whichever archive a worker read first.
  std::string letter_format;
  for (const auto& [source, format] : formats) {
    if (ends_with(source, "!records/01-letter.pdf")) letter_format = format;
  }
  EXPECT_EQ(letter_format, "pdf");
  EXPECT_EQ(formats["agreement.docx"], "docx");
  EXPECT_EQ(formats["request-log.xlsx"], "xlsx");
  EXPECT_EQ(formats["designation.msg"], "msg");
  EXPECT_EQ(formats["thread.mbox!message-3.eml"], "eml");
  const auto table = foialens({"docs"});
  EXPECT_NE(table.out.find("FORMAT"), std::string::npos);
}

TEST_F(FormatsCli, ShowListsAttachmentsAndTheThread) {
  ASSERT_EQ(foialens({"ingest", (kFormats / "thread.mbox").string()}).exit_code, 0);
  std::string second, third;
  for (const auto& d : json_lines(foialens({"docs", "--json"}).out)) {
    const std::string source = d["source"];
    if (ends_with(source, "!message-2.eml")) second = d["doc"];
    if (ends_with(source, "!message-3.eml")) third = d["doc"];
  }
  ASSERT_FALSE(second.empty());
  const auto shown = foialens({"show", "--json", second});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const json j = json::parse(shown.out);
  EXPECT_EQ(j["fields"]["from"], "Jane Roe <jroe@example.org>");
  ASSERT_EQ(j["attachments"].size(), 1u);
  EXPECT_EQ(j["attachments"][0]["format"], "xlsx");
  ASSERT_EQ(j["thread"].size(), 3u);
  EXPECT_EQ(j["thread"][0]["date"], "2021-03-16T10:30:00-05:00");
  EXPECT_EQ(j["thread"][2]["doc"], third);

  const auto human = foialens({"show", third});
  EXPECT_NE(human.out.find("Thread (3 messages)"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("  from       FOIA Office <foia@chicagopolice.example>\n"), std::string::npos) << human.out;
}

}  // namespace
}  // namespace foialens

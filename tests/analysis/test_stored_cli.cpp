// End-to-end: analysis runs at ingest and is stored; commands read it, re-analyse only
// what is stale, and keep answering while another process writes the index.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/cli_test.hpp"

namespace foialens {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kAgreement = R"(MEMORANDUM OF AGREEMENT BETWEEN U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT AND THE ASH COUNTY SHERIFF'S OFFICE

1. Detainers. The Sheriff will honor ICE detainers and will hold each subject for up to 48 hours beyond the time of release so that ICE can assume custody.

2. Access. The Sheriff will give ICE officers access to all inmates for interviews, as provided in the Memorandum of Understanding dated March 3, 2017 between the Sheriff and ICE.

3. Costs. Each party pays its own costs under this agreement.
)";

class StoredAnalysisCli : public testing::CliTest {
 protected:
  int count_conflicts(const std::string& out) {
    int n = 0;
    for (const auto& f : json_lines(out)) n += f["severity"] == "conflict";
    return n;
  }
};

TEST_F(StoredAnalysisCli, CommandsReadWhatIngestStoredAndReanalyseOnlyWhatIsStale) {
  dir_.write("docs/ash-287g.txt", kAgreement);
  ASSERT_EQ(foialens({"ingest", (dir_ / "docs").string()}).exit_code, 0);

  // Analysed at ingest: the first command has nothing to re-analyse.
  auto first = foialens({"-v", "conflicts", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.err.find("analysed"), std::string::npos) << first.err;
  EXPECT_EQ(count_conflicts(first.out), 3) << first.out;

  // A document stored without analysis is the only one analysed by the next command.
  dir_.write("more/elm-287g.txt", std::string(kAgreement).replace(std::string(kAgreement).find("ASH"), 3, "ELM"));
  ASSERT_EQ(foialens({"ingest", "--no-analysis", (dir_ / "more").string()}).exit_code, 0);
  auto second = foialens({"-v", "conflicts", "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("analysed 1 documents whose stored analysis was stale"), std::string::npos)
      << second.err;
  EXPECT_EQ(count_conflicts(second.out), 6) << second.out;
  // ... and stored: the third has nothing to do.
  auto third = foialens({"-v", "conflicts", "--json"});
  EXPECT_EQ(third.err.find("analysed"), std::string::npos) << third.err;
  EXPECT_EQ(third.out, second.out);

  // A changed rule file is a new rule set: every document is checked against it, once.
  std::ifstream in(fs::path(FOIALENS_SOURCE_DIR) / "rules" / "chicago-welcoming-city.toml");
  std::string rules((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  dir_.write("edited.toml", rules + "\n# edited\n");
  const std::string edited = (dir_ / "edited.toml").string();
  auto changed = foialens({"-v", "conflicts", "--rules", edited, "--json"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.err.find("analysed 2 documents"), std::string::npos) << changed.err;
  EXPECT_EQ(count_conflicts(changed.out), 6);
  auto again = foialens({"-v", "conflicts", "--rules", edited, "--json"});
  EXPECT_EQ(again.err.find("analysed"), std::string::npos) << again.err;

  // reanalyze does everything again and changes nothing.
  auto re = foialens({"reanalyze"});
  ASSERT_EQ(re.exit_code, 0) << re.err;
  EXPECT_NE(re.out.find("2 documents analysed"), std::string::npos) << re.out;
  EXPECT_EQ(foialens({"conflicts", "--json"}).out, second.out);

  // References come from the same stored records.
  auto refs = foialens({"references", "--unresolved", "--json"});
  ASSERT_EQ(refs.exit_code, 0) << refs.err;
  EXPECT_NE(refs.out.find("2017"), std::string::npos) << refs.out;
  EXPECT_EQ(foialens({"agreements", "--json"}).exit_code, 0);
}

// `conflicts` and `search` run again and again while another process ingests and commits
// after every document: they never fail, never crash, and once the ingest is done
// `conflicts` gives every finding.
TEST_F(StoredAnalysisCli, ConflictsWhileAnotherProcessIngests) {
  constexpr int kDocs = 400;
  for (int i = 0; i < kDocs; ++i) {
    std::string text(kAgreement);
    text.replace(text.find("ASH"), 3, "COUNTY" + std::to_string(i));
    dir_.write("batch/doc-" + std::to_string(i) + ".txt", text);
  }
  // A library to read from the start.
  dir_.write("first/ash-287g.txt", kAgreement);
  ASSERT_EQ(foialens({"ingest", (dir_ / "first").string()}).exit_code, 0);

  const std::string home = (dir_ / "home").string();
  const std::string batch = (dir_ / "batch").string();
  const pid_t writer = fork();
  ASSERT_GE(writer, 0);
  if (writer == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(FOIALENS_BIN, FOIALENS_BIN, "--home", home.c_str(), "ingest", "-j", "1", "--commit-seconds", "0.05",
          batch.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int reads = 0;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (waitpid(writer, &status, WNOHANG) == 0 && std::chrono::steady_clock::now() < deadline) {
    auto r = foialens({"conflicts", "--json"});
    ASSERT_EQ(r.exit_code, 0) << "read " << reads << " during the ingest: " << r.err;
    EXPECT_GE(count_conflicts(r.out), 3);
    auto s = foialens({"search", "detainers", "--json"});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    ++reads;
  }
  if (std::chrono::steady_clock::now() >= deadline) {
    kill(writer, SIGKILL);
    waitpid(writer, &status, 0);
    FAIL() << "the ingest did not finish in 5 minutes";
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_GT(reads, 0);
  auto done = foialens({"conflicts", "--json"});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(count_conflicts(done.out), 3 * (kDocs + 1));
}

}  // namespace
}  // namespace foialens

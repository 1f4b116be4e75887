// E-mail (.eml, mbox) and Outlook .msg: headers decoded from their encodings, bodies,
// attachments as documents of their own linked to their message.

#include <gtest/gtest.h>

#include <filesystem>

#include "common/paths.hpp"
#include "index/searcher.hpp"
#include "index/writer.hpp"
#include "ingest/detect.hpp"
#include "ingest/email.hpp"
#include "ingest/msg.hpp"
#include "ingest/pipeline.hpp"
#include "tests/support/temp_dir.hpp"

namespace foialens::ingest {
namespace {
namespace fs = std::filesystem;

const fs::path kFormats = fs::path(FOIALENS_FIXTURES_DIR) / "formats";
const fs::path kCorpus = FOIALENS_CORPUS_DIR;

std::string read(const fs::path& p) {
  auto bytes = paths::read_file(p);
  EXPECT_TRUE(bytes.ok()) << p;
  return bytes.ok() ? *bytes : std::string();
}

// base64 body, quoted-printable UTF-8 text, an ISO-8859-1 encoded-word sender and a
// UTF-8 encoded-word subject.
TEST(Email, HeadersBodyAndBase64Attachment) {
  const std::string bytes = read(kFormats / "response.eml");
  EXPECT_EQ(detect(bytes).kind, Kind::email);
  const auto m = read_email(bytes, {});
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->subject, "FOIA response \xE2\x80\x93 request R-2021-017 (d\xC3\xA9tainers)");
  EXPECT_EQ(m->from, "Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez <jnunez@chicagopolice.example>");
  EXPECT_EQ(m->to, "Jane Roe <jroe@example.org>");
  EXPECT_EQ(m->cc, "FOIA Office <foia@chicagopolice.example>");
  EXPECT_EQ(m->date, "2021-03-16T10:30:00-05:00");
  EXPECT_EQ(m->message_id, "r2021017.response@chicagopolice.example");
  EXPECT_NE(m->body.find("the Department\xE2\x80\x99s response"), std::string::npos) << m->body;
  ASSERT_EQ(m->attachments.size(), 1u);
  EXPECT_EQ(m->attachments[0].name, "response-letter.pdf");
  EXPECT_TRUE(m->attachments[0].attachment);
  EXPECT_EQ(m->attachments[0].bytes, read(kCorpus / "cpd-foia-response-letter-2021.pdf"));
}

// An HTML-only body in ISO-8859-1, quoted-printable; an ISO-8859-1 subject; a reply.
TEST(Email, HtmlOnlyLatin1BodyAndReplyHeaders) {
  const auto m = read_email(read(kFormats / "reply.eml"), {});
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->subject, "Re: FOIA response - request R-2021-017 (d\xC3\xA9tainers)");
  EXPECT_EQ(m->to, "Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez <jnunez@chicagopolice.example>");
  EXPECT_NE(m->body.find("Is the caf\xC3\xA9 log of agreements"), std::string::npos) << m->body;
  EXPECT_EQ(m->body.find("<b>"), std::string::npos);
  EXPECT_EQ(m->in_reply_to, "r2021017.response@chicagopolice.example");
  EXPECT_EQ(m->references, std::vector<std::string>{"r2021017.response@chicagopolice.example"});
  ASSERT_EQ(m->attachments.size(), 1u);
  EXPECT_EQ(m->attachments[0].bytes, read(kFormats / "request-log.xlsx"));
}

const std::string kTwoAttachments =
    "From: a@example.org\r\nTo: b@example.org\r\nSubject: two files\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
    "--XX\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
    "--XX\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"one.txt\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nRmlyc3QgZmlsZS4K\r\n"
    "--XX\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"two.txt\"\r\n\r\n"
    "Second file.\r\n--XX--\r\n";

TEST(Email, AttachmentCountAndSizeLimits) {
  const auto ok = read_email(kTwoAttachments, {});
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->attachments.size(), 2u);
  EXPECT_EQ(ok->attachments[0].bytes, "First file.\n");
  EXPECT_EQ(ok->body, "See attached.");

  Limits one;
  one.max_attachments = 1;
  const auto many = read_email(kTwoAttachments, one);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().message, "too many attachments: more than 1 (--max-attachments raises the limit)");

  Limits small;
  small.max_email_bytes = 256;
  const auto big = read_email(kTwoAttachments, small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message, "message too large: more than 256 bytes (--max-email-size raises the limit)");
}

TEST(Email, DetectionNeedsRealHeaders) {
  EXPECT_EQ(detect("Subject: budget\nDate: today\n\nNotes from the meeting.\n").kind, Kind::text);
  EXPECT_EQ(detect("From: Press Office\nDate: 2021-01-27\n\nFor immediate release.\n").kind, Kind::email);
  EXPECT_EQ(detect(read(kFormats / "thread.mbox")).kind, Kind::mbox);
}

// Each message of an mbox is handed on with its own bytes, without the "From " line.
TEST(Email, MboxMessagesKeepTheirBytes) {
  Limits limits;
  Budget budget;
  std::vector<Child> children;
  Nesting nesting;
  nesting.limits = &limits;
  nesting.budget = &budget;
  nesting.on_child = [&](Child c) { children.push_back(std::move(c)); };
  const std::string box = read(kFormats / "thread.mbox");
  ASSERT_TRUE(read_mbox(box, nesting).ok());
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[2].name, "message-3.eml");
  EXPECT_TRUE(children[2].bytes.starts_with("From: FOIA Office <foia@chicagopolice.example>")) << children[2].bytes;
  EXPECT_TRUE(box.ends_with(children[2].bytes + "\n"));  // the mbox's blank separator line
  EXPECT_NE(box.find(children[0].bytes), std::string::npos);
  EXPECT_FALSE(children[0].bytes.ends_with("\n\n"));
  EXPECT_EQ(budget.members, 3u);

  limits.max_members = 2;
  Budget small;
  nesting.budget = &small;
  const auto st = read_mbox(box, nesting);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message,
            "too many files: more than 2 in one input; the rest is not read (--max-members raises the limit)");
}

TEST(OutlookMsg, PropertiesRecipientsAndAttachment) {
  const std::string bytes = read(kFormats / "designation.msg");
  EXPECT_EQ(detect(bytes).kind, Kind::outlook);
  const auto m = read_msg(bytes, {});
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->subject, "Designation agreement for customs officers");
  EXPECT_EQ(m->from, "Maria Garcia <mgarcia@cookcountysheriff.example>");
  EXPECT_EQ(m->to, "Jane Roe <jroe@example.org>");
  EXPECT_EQ(m->cc, "Records Unit <records@cookcountysheriff.example>");
  EXPECT_EQ(m->date, "2021-03-19T15:45:00+00:00");
  EXPECT_EQ(m->message_id, "moa2019@cookcountysheriff.example");
  EXPECT_NE(m->body.find("designation agreement with U.S. Customs and Border Protection"), std::string::npos);
  ASSERT_EQ(m->attachments.size(), 1u);
  EXPECT_EQ(m->attachments[0].name, "designation-moa-2019.pdf");
  EXPECT_EQ(m->attachments[0].bytes, read(kCorpus / "customs-officer-designation-moa-2019.pdf"));
}

// A message attached as a message becomes a .msg of its own, read like any other.
TEST(OutlookMsg, EmbeddedMessageIsAnAttachmentOfItsOwn) {
  const auto fwd = read_msg(read(kFormats / "forwarded.msg"), {});
  ASSERT_TRUE(fwd.ok()) << fwd.error().message;
  EXPECT_EQ(fwd->subject, "Fwd: records request about detainer agreements");
  ASSERT_EQ(fwd->attachments.size(), 1u);
  EXPECT_EQ(fwd->attachments[0].name, "Original request.msg");
  EXPECT_EQ(detect(fwd->attachments[0].bytes).kind, Kind::outlook);
  const auto original = read_msg(fwd->attachments[0].bytes, {});
  ASSERT_TRUE(original.ok()) << original.error().message;
  EXPECT_EQ(original->subject, "Records request: detainer agreements");
  EXPECT_EQ(original->from, "Jane Roe <jroe@example.org>");
  EXPECT_EQ(original->date, "2021-03-01T09:00:00+00:00");
  EXPECT_NE(original->body.find("every agreement with Immigration and Customs Enforcement"), std::string::npos);
}

TEST(OutlookMsg, OleFilesAreToldApartByTheirStreams) {
  EXPECT_EQ(ole_kind(read(kFormats / "designation.msg")), OleKind::outlook_message);
  EXPECT_EQ(ole_kind(read(kFormats / "agreement.doc")), OleKind::word);
  EXPECT_EQ(ole_kind(read(kFormats / "request-log.xls")), OleKind::excel);
  const std::string msg = read(kFormats / "designation.msg");
  const auto cut = read_msg(msg.substr(0, 700), {});
  ASSERT_FALSE(cut.ok());
  EXPECT_TRUE(cut.error().message.starts_with("damaged OLE compound file: ")) << cut.error().message;
}

class EmailIngest : public ::testing::Test {
 protected:
  Summary ingest(const std::vector<std::string>& inputs) {
    auto writer = index::Writer::open(dir_ / "home" / "index");
    EXPECT_TRUE(writer.ok());
    Options options;
    options.home = dir_ / "home";
    options.jobs = 2;
    return run(inputs, options, **writer);
  }
  std::vector<index::Hit> search(const std::string& query) {
    auto searcher = index::Searcher::open(dir_ / "home" / "index");
    index::SearchOptions q;
    q.query = query;
    auto r = searcher->search(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->hits : std::vector<index::Hit>{};
  }
  testing::TempDir dir_;
};

TEST_F(EmailIngest, AttachmentsAreDocumentsLinkedToTheirMessage) {
  const Summary s = ingest({(kFormats / "response.eml").string(), (kFormats / "designation.msg").string()});
  EXPECT_EQ(s.failed, 0u);
  EXPECT_EQ(s.added, 4u);
  auto searcher = index::Searcher::open(dir_ / "home" / "index");
  ASSERT_TRUE(searcher.ok());
  std::string message_id, attachment_parent;
  for (const auto& d : searcher->documents()) {
    if (d.source.ends_with("response.eml")) {
      message_id = d.id;
      EXPECT_EQ(d.doc_type, "email");
      EXPECT_EQ(d.date, "2021-03-16");
      EXPECT_EQ(d.media_type, "message/rfc822");
    }
    if (d.source.ends_with("response.eml!response-letter.pdf")) {
      attachment_parent = d.parent_id;
      EXPECT_EQ(d.page_count, 2);
    }
  }
  EXPECT_FALSE(message_id.empty());
  EXPECT_EQ(attachment_parent, message_id);

  // Header fields, and the attachment's own text, with its page.
  EXPECT_EQ(search("from:jnunez").size(), 3u);  // the message's passages
  EXPECT_FALSE(search("subject:d\xC3\xA9tainers").empty());
  EXPECT_FALSE(search("to:\"Jane Roe\" customs").empty());
  EXPECT_TRUE(search("from:jroe").empty());
  const auto moa = search("\"customs officer\" designate");
  ASSERT_FALSE(moa.empty());
  EXPECT_TRUE(moa[0].source.ends_with("designation.msg!designation-moa-2019.pdf")) << moa[0].source;
  EXPECT_EQ(moa[0].page, 1);
}

TEST_F(EmailIngest, MboxMessagesAreDocumentsOfTheirOwn) {
  const std::string input = (kFormats / "thread.mbox").string();
  const Summary s = ingest({input});
  EXPECT_EQ(s.failed, 0u);
  std::vector<std::string> names;
  for (const auto& f : s.files) names.push_back(f.input.substr(input.size()));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"!message-1.eml", "!message-1.eml!response-letter.pdf",
                                             "!message-2.eml", "!message-2.eml!my-log.xlsx", "!message-3.eml"}));
  EXPECT_EQ(search("withheld 7(1)(d)").size(), 1u);
}

}  // namespace
}  // namespace foialens::ingest

#include "ingest/email.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "common/text.hpp"
#include "ingest/html.hpp"

namespace foialens::ingest {
namespace {

void init() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct Unref {
  void operator()(gpointer p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <class T>
using GPtr = std::unique_ptr<T, Unref>;

struct OptionsFree {
  void operator()(GMimeParserOptions* o) const { g_mime_parser_options_free(o); }
};

// Headers in raw 8-bit bytes that are not UTF-8 are, in practice, Windows-1252 (a
// superset of ISO-8859-1).
std::unique_ptr<GMimeParserOptions, OptionsFree> parser_options() {
  std::unique_ptr<GMimeParserOptions, OptionsFree> o(g_mime_parser_options_new());
  static const char* kFallback[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(o.get(), kFallback);
  return o;
}

std::string take(char* s) {
  if (s == nullptr) return {};
  std::string out = text::to_valid_utf8(s);
  g_free(s);
  return out;
}

// Serialised messages keep their bytes as they are: 8-bit parts need not be UTF-8.
std::string take_raw(char* s) {
  if (s == nullptr) return {};
  std::string out(s);
  g_free(s);
  return out;
}

std::string str(const char* s) { return s ? text::to_valid_utf8(s) : std::string(); }

std::string addresses(InternetAddressList* list) {
  if (list == nullptr || internet_address_list_length(list) == 0) return {};
  return take(internet_address_list_to_string(list, nullptr, FALSE));
}

std::string bare_id(std::string_view id) {
  std::string_view s = text::trim(id);
  if (!s.empty() && s.front() == '<') s.remove_prefix(1);
  if (!s.empty() && s.back() == '>') s.remove_suffix(1);
  return std::string(s);
}

GPtr<GMimeParser> parser_for(std::string_view bytes, GMimeFormat format) {
  GPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), format);
  return parser;
}

class Walker {
 public:
  Walker(const Limits& limits, Message& msg) : limits_(limits), msg_(msg) {}

  Status walk(GMimeObject* obj) {
    if (GMIME_IS_MESSAGE_PART(obj)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
      if (inner == nullptr) return Ok{};
      std::string name = str(g_mime_message_get_subject(inner));
      if (name.empty()) name = "message";
      return add(name + ".eml", take_raw(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr)));
    }
    if (GMIME_IS_MULTIPART(obj)) {
      GMimeMultipart* mp = GMIME_MULTIPART(obj);
      const int n = g_mime_multipart_get_count(mp);
      for (int i = 0; i < n; ++i) {
        if (auto st = walk(g_mime_multipart_get_part(mp, i)); !st) return st;
      }
      return Ok{};
    }
    if (!GMIME_IS_PART(obj)) return Ok{};
    GMimePart* part = GMIME_PART(obj);
    GMimeContentType* type = g_mime_object_get_content_type(obj);
    // Signatures say who sent a message; they hold nothing to read.
    if (g_mime_content_type_is_type(type, "application", "pkcs7-signature") ||
        g_mime_content_type_is_type(type, "application", "x-pkcs7-signature") ||
        g_mime_content_type_is_type(type, "application", "pgp-signature")) {
      return Ok{};
    }
    const char* filename = g_mime_part_get_filename(part);
    const bool attachment = g_mime_part_is_attachment(part) || filename != nullptr;
    if (!attachment && GMIME_IS_TEXT_PART(obj) && g_mime_content_type_is_type(type, "text", "plain")) {
      if (!plain_.empty()) plain_ += "\n\n";
      plain_ += take(g_mime_text_part_get_text(GMIME_TEXT_PART(obj)));
      return Ok{};
    }
    if (!attachment && GMIME_IS_TEXT_PART(obj) && g_mime_content_type_is_type(type, "text", "html")) {
      if (html_.empty()) html_ = take(g_mime_text_part_get_text(GMIME_TEXT_PART(obj)));
      return Ok{};
    }
    ++unnamed_;
    std::string name = filename ? str(filename) : "part-" + std::to_string(unnamed_);
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr) return Ok{};
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, mem.get()) < 0) {
      Child child;
      child.name = name;
      child.error = "attachment cannot be decoded";
      child.attachment = true;
      return add_child(std::move(child));
    }
    GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    return add(name, std::string(reinterpret_cast<const char*>(array->data), array->len));
  }

  // The body: the plain-text part, else the HTML part as text.
  Status finish() {
    if (!text::trim(plain_).empty()) {
      msg_.body = std::move(plain_);
    } else if (!html_.empty()) {
      auto html = html_to_text(html_, limits_);
      if (!html) return html.error();
      msg_.body = std::move(html->text);
    }
    return Ok{};
  }

 private:
  Status add(std::string name, std::string bytes) {
    Child child;
    child.name = std::move(name);
    child.bytes = std::move(bytes);
    child.attachment = true;
    return add_child(std::move(child));
  }
  Status add_child(Child child) {
    if (msg_.attachments.size() >= limits_.max_attachments) {
      return Error::input("too many attachments: more than " + std::to_string(limits_.max_attachments) +
                          " (--max-attachments raises the limit)");
    }
    msg_.attachments.push_back(std::move(child));
    return Ok{};
  }

  const Limits& limits_;
  Message& msg_;
  std::string plain_, html_;
  int unnamed_ = 0;
};

bool header_line(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 76) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = line[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return true;
}

}  // namespace

bool looks_like_message(std::string_view head) {
  static constexpr std::string_view kKnown[] = {"from",        "to",         "subject",    "date",
                                                "message-id",  "mime-version", "received", "return-path",
                                                "cc",          "reply-to",   "in-reply-to", "references",
                                                "content-type", "sender",    "delivered-to"};
  int known = 0;
  bool strong = false;  // a header only messages have
  std::size_t lines = 0;
  for (const auto raw : text::split(head.substr(0, 16384), '\n')) {
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    ++lines;
    if (line[0] == ' ' || line[0] == '\t') {
      if (lines == 1) return false;
      continue;
    }
    if (!header_line(line)) return false;
    const std::string name = text::lower_ascii(line.substr(0, line.find(':')));
    for (const auto k : kKnown) {
      if (name == k) {
        ++known;
        strong = strong || name == "message-id" || name == "received" || name == "mime-version" ||
                 name == "return-path" || name == "from";
      }
    }
  }
  return strong && known >= 2;
}

bool looks_like_mbox(std::string_view head) {
  if (head.substr(0, 5) != "From ") return false;
  const std::size_t eol = head.find('\n');
  return eol != std::string_view::npos && looks_like_message(head.substr(eol + 1));
}

Result<Message> read_email(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_email_bytes) {
    return Error::input("message too large: more than " + size_text(limits.max_email_bytes) +
                        " (--max-email-size raises the limit)");
  }
  init();
  auto options = parser_options();
  auto parser = parser_for(bytes, GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) return Error::input("unreadable e-mail: its headers cannot be parsed");
  Message out;
  GMimeMessage* m = message.get();
  out.subject = text::squash_spaces(str(g_mime_message_get_subject(m)));
  out.from = addresses(g_mime_message_get_from(m));
  out.to = addresses(g_mime_message_get_to(m));
  out.cc = addresses(g_mime_message_get_cc(m));
  if (GDateTime* when = g_mime_message_get_date(m)) {
    out.date = take(g_date_time_format(when, "%Y-%m-%dT%H:%M:%S%:z"));
    out.day = Date::make(g_date_time_get_year(when), g_date_time_get_month(when),
                         g_date_time_get_day_of_month(when));
  }
  out.message_id = bare_id(str(g_mime_message_get_message_id(m)));
  out.in_reply_to = bare_id(str(g_mime_object_get_header(GMIME_OBJECT(m), "In-Reply-To")));
  if (const char* refs = g_mime_object_get_header(GMIME_OBJECT(m), "References")) {
    if (GMimeReferences* list = g_mime_references_parse(options.get(), refs)) {
      for (int i = 0; i < g_mime_references_length(list); ++i) {
        out.references.push_back(str(g_mime_references_get_message_id(list, i)));
      }
      g_mime_references_free(list);
    }
  }
  Walker walker(limits, out);
  if (GMimeObject* body = g_mime_message_get_mime_part(m)) {
    if (auto st = walker.walk(body); !st) return st.error();
  }
  if (auto st = walker.finish(); !st) return st.error();
  return out;
}

Status read_mbox(std::string_view bytes, Nesting& nesting) {
  init();
  auto options = parser_options();
  auto parser = parser_for(bytes, GMIME_FORMAT_MBOX);
  std::size_t n = 0;
  while (!g_mime_parser_eos(parser.get()) && !nesting.budget->stopped) {
    GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
    if (!message) break;
    ++n;
    if (nesting.budget->members >= nesting.limits->max_members) {
      return Error::input("too many files: more than " + std::to_string(nesting.limits->max_members) +
                          " in one input; the rest is not read (--max-members raises the limit)");
    }
    ++nesting.budget->members;
    Child child;
    child.name = "message-" + std::to_string(n) + ".eml";
    // The message's own bytes, from after its "From " line to the next one: what is
    // stored is what the mbox holds, not a re-serialisation.
    const gint64 marker = g_mime_parser_get_mbox_marker_offset(parser.get());
    const char* marker_line = g_mime_parser_get_mbox_marker(parser.get());
    const gint64 end = g_mime_parser_tell(parser.get());
    std::size_t begin = marker < 0 ? std::string_view::npos : static_cast<std::size_t>(marker);
    if (begin != std::string_view::npos && marker_line != nullptr) begin = bytes.find('\n', begin);
    if (begin != std::string_view::npos && end > 0 && static_cast<std::size_t>(end) <= bytes.size() &&
        begin + 1 < static_cast<std::size_t>(end)) {
      std::string_view raw = bytes.substr(begin + 1, static_cast<std::size_t>(end) - begin - 1);
      // The blank line before the next "From " line belongs to the mbox, not the message.
      if (raw.ends_with("\n\n")) raw.remove_suffix(1);
      child.bytes = std::string(raw);
    } else {
      child.bytes = take_raw(g_mime_object_to_string(GMIME_OBJECT(message.get()), nullptr));
    }
    nesting.budget->bytes += child.bytes.size();
    nesting.on_child(std::move(child));
  }
  if (n == 0) return Error::input("mbox without messages");
  return Ok{};
}

}  // namespace foialens::ingest

#include "ingest/msg.hpp"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>

#include "common/text.hpp"
#include "ingest/html.hpp"

namespace foialens::ingest {
namespace {

struct Unref {
  void operator()(gpointer p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
using InputPtr = std::unique_ptr<GsfInput, Unref>;
using InfilePtr = std::unique_ptr<GsfInfile, Unref>;

// MS-OXPROPS property ids and MS-OXMSG stream types.
constexpr unsigned kSubject = 0x0037, kSenderName = 0x0C1A, kSenderEmail = 0x0C1F,
                   kSenderSmtp = 0x5D01, kDisplayTo = 0x0E04, kDisplayCc = 0x0E03, kBody = 0x1000,
                   kHtml = 0x1013, kMessageId = 0x1035, kInReplyTo = 0x1042, kReferences = 0x1039,
                   kSubmitTime = 0x0039, kDeliveryTime = 0x0E06, kRecipName = 0x3001,
                   kRecipSmtp = 0x39FE, kRecipEmail = 0x3003, kRecipType = 0x0C15,
                   kAttachLongName = 0x3707, kAttachName = 0x3704, kAttachData = 0x3701;
constexpr unsigned kUnicode = 0x001F, kString8 = 0x001E, kBinary = 0x0102, kObject = 0x000D,
                   kLong = 0x0003, kTime = 0x0040;

// libgsf reports damaged files on stderr as GLib "critical" messages besides failing;
// the failure is reported once, per input, by the caller.
void quiet_libgsf() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto levels = static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION);
    for (const char* domain : {"libgsf", "libgsf:msole"}) {
      g_log_set_handler(domain, levels, [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    }
  });
}

Result<InfilePtr> open_ole(std::string_view bytes) {
  quiet_libgsf();
  InputPtr input(gsf_input_memory_new(reinterpret_cast<const guint8*>(bytes.data()),
                                      static_cast<gsf_off_t>(bytes.size()), FALSE));
  if (!input) return Error::run("libgsf: out of memory");
  GError* err = nullptr;
  InfilePtr ole(gsf_infile_msole_new(input.get(), &err));
  if (!ole) {
    std::string why = err && err->message ? err->message : "not a compound file";
    if (err) g_error_free(err);
    return Error::input("damaged OLE compound file: " + why);
  }
  return ole;
}

std::string stream_name(unsigned id, unsigned type) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "__substg1.0_%04X%04X", id, type);
  return buf;
}

std::optional<std::string> read_stream(GsfInfile* dir, const std::string& name, std::uint64_t max) {
  InputPtr s(gsf_infile_child_by_name(dir, name.c_str()));
  if (!s) return std::nullopt;
  const gsf_off_t size = gsf_input_size(s.get());
  if (size < 0 || static_cast<std::uint64_t>(size) > max) return std::nullopt;
  std::string out(static_cast<std::size_t>(size), '\0');
  if (size > 0 && gsf_input_read(s.get(), static_cast<size_t>(size), reinterpret_cast<guint8*>(out.data())) == nullptr) {
    return std::nullopt;
  }
  return out;
}

std::string from_utf16(std::string_view bytes) {
  glong written = 0;
  gchar* s = g_utf16_to_utf8(reinterpret_cast<const gunichar2*>(bytes.data()),
                             static_cast<glong>(bytes.size() / 2), nullptr, &written, nullptr);
  std::string out = s ? std::string(s, static_cast<std::size_t>(written)) : std::string();
  g_free(s);
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

// A string property: Unicode, else 8-bit (Windows code page, read as Windows-1252).
std::string string_prop(GsfInfile* dir, unsigned id, std::uint64_t max = 64ull << 20) {
  if (auto s = read_stream(dir, stream_name(id, kUnicode), max)) return from_utf16(*s);
  if (auto s = read_stream(dir, stream_name(id, kString8), max)) {
    while (!s->empty() && s->back() == '\0') s->pop_back();
    return text::to_valid_utf8(*s);
  }
  return {};
}

std::uint64_t le(std::string_view b, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}

// The fixed-size value of a property in a storage's property stream, whose entries (16
// bytes: tag, flags, value) follow a header of `header` bytes.
std::optional<std::uint64_t> fixed_prop(GsfInfile* dir, std::size_t header, unsigned id, unsigned type) {
  const auto props = read_stream(dir, "__properties_version1.0", 16ull << 20);
  if (!props) return std::nullopt;
  const std::uint64_t tag = (static_cast<std::uint64_t>(id) << 16) | type;
  for (std::size_t at = header; at + 16 <= props->size(); at += 16) {
    if (le(*props, at, 4) == tag) return le(*props, at + 8, 8);
  }
  return std::nullopt;
}

std::string mailbox(const std::string& name, const std::string& address) {
  if (address.empty() || address.find('@') == std::string::npos) return name.empty() ? address : name;
  if (name.empty() || name == address) return address;
  return name + " <" + address + ">";
}

std::vector<std::string> children_with_prefix(GsfInfile* dir, std::string_view prefix) {
  std::vector<std::string> names;
  const int n = gsf_infile_num_children(dir);
  for (int i = 0; i < n; ++i) {
    const char* name = gsf_infile_name_by_index(dir, i);
    if (name && std::string_view(name).substr(0, prefix.size()) == prefix) names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string bare_id(std::string s) {
  s = std::string(text::trim(s));
  if (!s.empty() && s.front() == '<') s.erase(0, 1);
  if (!s.empty() && s.back() == '>') s.pop_back();
  return s;
}

using OutputPtr = std::unique_ptr<GsfOutput, Unref>;

// Copies a storage into `out`. The property stream of an embedded message has a 24-byte
// header where a message file's has 32 (MS-OXMSG 2.4.1): 8 reserved bytes are added.
bool copy_storage(GsfInfile* in, GsfOutfile* out, bool message_root, std::uint64_t& budget) {
  const int n = gsf_infile_num_children(in);
  for (int i = 0; i < n; ++i) {
    const char* name = gsf_infile_name_by_index(in, i);
    InputPtr child(gsf_infile_child_by_index(in, i));
    if (!child || name == nullptr) return false;
    const bool storage = GSF_IS_INFILE(child.get()) && gsf_infile_num_children(GSF_INFILE(child.get())) >= 0;
    OutputPtr sub(gsf_outfile_new_child(out, name, storage ? TRUE : FALSE));
    if (!sub) return false;
    if (storage) {
      if (!copy_storage(GSF_INFILE(child.get()), GSF_OUTFILE(sub.get()), false, budget)) return false;
    } else {
      const gsf_off_t size = gsf_input_size(child.get());
      if (size < 0 || static_cast<std::uint64_t>(size) > budget) return false;
      budget -= static_cast<std::uint64_t>(size);
      std::string data(static_cast<std::size_t>(size), '\0');
      if (size > 0 && gsf_input_read(child.get(), static_cast<size_t>(size), reinterpret_cast<guint8*>(data.data())) == nullptr) {
        return false;
      }
      if (message_root && std::string_view(name) == "__properties_version1.0" && data.size() >= 24) {
        data.insert(24, 8, '\0');
      }
      if (!gsf_output_write(sub.get(), data.size(), reinterpret_cast<const guint8*>(data.data()))) return false;
    }
    gsf_output_close(sub.get());
  }
  return true;
}

// An attached Outlook message (attach method 5) as a .msg file of its own.
std::optional<std::string> embedded_message(GsfInfile* storage, std::uint64_t max_bytes) {
  OutputPtr memory(gsf_output_memory_new());
  OutputPtr ole(GSF_OUTPUT(gsf_outfile_msole_new(memory.get())));
  if (!memory || !ole) return std::nullopt;
  std::uint64_t budget = max_bytes;
  if (!copy_storage(storage, GSF_OUTFILE(ole.get()), true, budget)) return std::nullopt;
  if (!gsf_output_close(ole.get())) return std::nullopt;
  const guint8* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(memory.get()));
  const gsf_off_t size = gsf_output_size(memory.get());
  if (bytes == nullptr || size <= 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

}  // namespace

OleKind ole_kind(std::string_view bytes) {
  auto ole = open_ole(bytes);
  if (!ole) return OleKind::unreadable;
  const int n = gsf_infile_num_children(ole->get());
  OleKind kind = OleKind::other;
  for (int i = 0; i < n; ++i) {
    const std::string_view name = gsf_infile_name_by_index(ole->get(), i);
    if (name == "__properties_version1.0" || name.substr(0, 12) == "__substg1.0_") return OleKind::outlook_message;
    if (name == "WordDocument") kind = OleKind::word;
    if (name == "Workbook" || name == "Book") kind = OleKind::excel;
    if (name == "PowerPoint Document") kind = OleKind::powerpoint;
  }
  return kind;
}

Result<Message> read_msg(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_email_bytes) {
    return Error::input("message too large: more than " + size_text(limits.max_email_bytes) +
                        " (--max-email-size raises the limit)");
  }
  auto opened = open_ole(bytes);
  if (!opened) return opened.error();
  GsfInfile* root = opened->get();
  Message m;
  m.subject = text::squash_spaces(string_prop(root, kSubject));
  std::string sender = string_prop(root, kSenderSmtp);
  if (sender.empty()) sender = string_prop(root, kSenderEmail);
  m.from = mailbox(string_prop(root, kSenderName), sender);
  m.message_id = bare_id(string_prop(root, kMessageId));
  m.in_reply_to = bare_id(string_prop(root, kInReplyTo));
  for (const auto part : text::split(string_prop(root, kReferences), ' ')) {
    const std::string id = bare_id(std::string(part));
    if (!id.empty()) m.references.push_back(id);
  }
  auto when = fixed_prop(root, 32, kSubmitTime, kTime);
  if (!when) when = fixed_prop(root, 32, kDeliveryTime, kTime);
  // FILETIME: 100-nanosecond intervals since 1601-01-01 UTC.
  if (when && *when >= 116444736000000000ull) {
    const auto unix_seconds = static_cast<gint64>((*when - 116444736000000000ull) / 10000000ull);
    if (GDateTime* dt = g_date_time_new_from_unix_utc(unix_seconds)) {
      gchar* s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S+00:00");
      m.date = s ? s : "";
      g_free(s);
      m.day = Date::make(g_date_time_get_year(dt), g_date_time_get_month(dt), g_date_time_get_day_of_month(dt));
      g_date_time_unref(dt);
    }
  }
  std::string to, cc;
  for (const auto& name : children_with_prefix(root, "__recip_version1.0_#")) {
    InfilePtr recip(GSF_INFILE(gsf_infile_child_by_name(root, name.c_str())));
    if (!recip) continue;
    std::string address = string_prop(recip.get(), kRecipSmtp);
    if (address.empty()) address = string_prop(recip.get(), kRecipEmail);
    const std::string who = mailbox(string_prop(recip.get(), kRecipName), address);
    const auto type = fixed_prop(recip.get(), 8, kRecipType, kLong).value_or(1) & 0xFFFFFFFFu;
    std::string& list = type == 2 ? cc : to;
    if (type == 3 || who.empty()) continue;  // blind copies are not shown to readers
    list += (list.empty() ? "" : ", ") + who;
  }
  m.to = to.empty() ? string_prop(root, kDisplayTo) : to;
  m.cc = cc.empty() ? string_prop(root, kDisplayCc) : cc;
  m.body = string_prop(root, kBody);
  if (text::trim(m.body).empty()) {
    std::string html = string_prop(root, kHtml);
    if (html.empty()) {
      if (auto raw = read_stream(root, stream_name(kHtml, kBinary), limits.max_xml_bytes)) {
        html = text::to_valid_utf8(*raw);
      }
    }
    if (!html.empty()) {
      auto text = html_to_text(html, limits);
      if (!text) return text.error();
      m.body = std::move(text->text);
    }
  }
  for (const auto& name : children_with_prefix(root, "__attach_version1.0_#")) {
    InfilePtr attach(GSF_INFILE(gsf_infile_child_by_name(root, name.c_str())));
    if (!attach) continue;
    if (m.attachments.size() >= limits.max_attachments) {
      return Error::input("too many attachments: more than " + std::to_string(limits.max_attachments) +
                          " (--max-attachments raises the limit)");
    }
    Child child;
    child.attachment = true;
    child.name = string_prop(attach.get(), kAttachLongName);
    if (child.name.empty()) child.name = string_prop(attach.get(), kAttachName);
    if (child.name.empty()) child.name = string_prop(attach.get(), kRecipName);
    if (child.name.empty()) child.name = "attachment-" + std::to_string(m.attachments.size() + 1);
    if (auto data = read_stream(attach.get(), stream_name(kAttachData, kBinary), limits.max_member_bytes)) {
      child.bytes = std::move(*data);
    } else if (InputPtr embedded(gsf_infile_child_by_name(attach.get(), stream_name(kAttachData, kObject).c_str()));
               embedded && GSF_IS_INFILE(embedded.get())) {
      if (auto msg = embedded_message(GSF_INFILE(embedded.get()), limits.max_email_bytes)) {
        child.bytes = std::move(*msg);
        if (!child.name.ends_with(".msg")) child.name += ".msg";
      } else {
        child.error = "embedded Outlook message: unreadable, or larger than " + size_text(limits.max_email_bytes) +
                      " (--max-email-size raises the limit)";
      }
    } else {
      child.error = "attachment without data (a link, or larger than " + size_text(limits.max_member_bytes) + ")";
    }
    m.attachments.push_back(std::move(child));
  }
  return m;
}

}  // namespace foialens::ingest

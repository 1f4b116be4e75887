#include "ingest/archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>

namespace foialens::ingest {
namespace {

constexpr std::size_t kBlock = 64 * 1024;
// Small archives of repetitive text legitimately unpack to many times their size; the
// ratio is judged only once a member has unpacked more than this.
constexpr std::uint64_t kRatioFloor = 1ull << 20;

struct Closer {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using Handle = std::unique_ptr<struct archive, Closer>;

std::string why(struct archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unreadable data";
}

enum class Formats { archives, zip, raw };

Result<Handle> open(std::string_view bytes, Formats formats) {
  Handle a(archive_read_new());
  if (!a) return Error::run("libarchive: out of memory");
  if (formats == Formats::raw) {
    archive_read_support_filter_all(a.get());
    archive_read_support_format_raw(a.get());
  } else if (formats == Formats::zip) {
    archive_read_support_format_zip(a.get());
  } else {
    archive_read_support_filter_all(a.get());
    archive_read_support_format_zip(a.get());
    archive_read_support_format_7zip(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_gnutar(a.get());
    archive_read_support_format_rar(a.get());
    archive_read_support_format_rar5(a.get());
    archive_read_support_format_iso9660(a.get());
    archive_read_support_format_cpio(a.get());
  }
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return Error::input("damaged archive: " + why(a.get()));
  }
  return a;
}

std::string after(std::size_t files) {
  return " (after " + std::to_string(files) + (files == 1 ? " file)" : " files)");
}

std::string entry_name(struct archive_entry* e) {
  if (const char* utf8 = archive_entry_pathname_utf8(e)) return utf8;
  if (const char* raw = archive_entry_pathname(e)) return raw;
  return "(unnamed)";
}

}  // namespace

Status read_archive(std::string_view bytes, Nesting& nesting) {
  const Limits& limits = *nesting.limits;
  Budget& budget = *nesting.budget;
  auto opened = open(bytes, Formats::archives);
  if (!opened) {
    // A compressed file that holds no archive (report.pdf.gz) is one member: its content.
    // Only through a decompression filter: raw bytes as a member would be read again.
    auto raw = open(bytes, Formats::raw);
    if (!raw || archive_filter_count(raw->get()) < 2) return opened.error();
    opened = std::move(raw);
  }
  struct archive* a = opened->get();
  const std::uint64_t packed = std::max<std::uint64_t>(bytes.size(), 1);
  std::uint64_t unpacked = 0;  // by the members kept so far: what the ratio is judged on
  std::string buffer(kBlock, '\0');
  std::size_t found = 0;
  while (!budget.stopped) {
    struct archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) {
      return Error::input("damaged archive: " + why(a) + (found ? after(found) : ""));
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    ++found;
    Child child;
    child.name = entry_name(entry);
    if (budget.members >= limits.max_members) {
      return Error::input("too many files: more than " + std::to_string(limits.max_members) +
                          " in one input; the rest is not read (--max-members raises the limit)");
    }
    ++budget.members;
    if (archive_entry_is_encrypted(entry)) {
      child.error = "encrypted: it needs a password to unpack";
      nesting.on_child(std::move(child));
      continue;
    }
    std::uint64_t size = 0;
    bool fatal = false;
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) {
        child.error = "damaged archive: " + why(a);
        fatal = n == ARCHIVE_FATAL;
        break;
      }
      size += static_cast<std::uint64_t>(n);
      if (size > limits.max_member_bytes) {
        child.error = "file too large: more than " + size_text(limits.max_member_bytes) + " unpacked (the limit is " +
                      size_text(limits.max_member_bytes) + ")";
        break;
      }
      if (size > kRatioFloor && unpacked + size > limits.max_ratio * packed) {
        child.error = "compression bomb: unpacks to more than " + std::to_string(limits.max_ratio) +
                      " times the archive's size; not read (--max-ratio raises the limit)";
        break;
      }
      if (budget.bytes + size > limits.max_unpacked) {
        return Error::input("too much data: more than " + size_text(limits.max_unpacked) +
                            " unpacked from one input; the rest is not read (--max-unpacked raises the limit)");
      }
      child.bytes.append(buffer.data(), static_cast<std::size_t>(n));
    }
    if (!child.error.empty()) {
      child.bytes.clear();
      child.bytes.shrink_to_fit();
      nesting.on_child(std::move(child));
      if (fatal) return Error::input("damaged archive: " + why(a) + after(found));
      continue;
    }
    unpacked += size;
    budget.bytes += size;
    nesting.on_child(std::move(child));
  }
  if (found == 0 && !budget.stopped) return Error::input("empty archive: no files in it");
  return Ok{};
}

std::vector<std::string> zip_names(std::string_view bytes, std::size_t max) {
  std::vector<std::string> names;
  auto opened = open(bytes, Formats::zip);
  if (!opened) return names;
  struct archive_entry* entry = nullptr;
  while (names.size() < max && archive_read_next_header(opened->get(), &entry) == ARCHIVE_OK) {
    names.push_back(entry_name(entry));
  }
  return names;
}

Result<std::map<std::string, std::string>> zip_parts(std::string_view bytes,
                                                     const std::function<bool(std::string_view)>& wanted,
                                                     std::uint64_t max_bytes, std::string_view limit_hint) {
  auto opened = open(bytes, Formats::zip);
  if (!opened) return opened.error();
  struct archive* a = opened->get();
  std::map<std::string, std::string> parts;
  std::string buffer(kBlock, '\0');
  for (;;) {
    struct archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) return Error::input("damaged ZIP container: " + why(a));
    const std::string name = entry_name(entry);
    if (!wanted(name)) continue;
    if (archive_entry_is_encrypted(entry)) return Error::input("encrypted: it needs a password to open");
    std::string data;
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) return Error::input("damaged ZIP container: " + name + ": " + why(a));
      if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
        return Error::input("part too large: " + name + " unpacks to more than " + size_text(max_bytes) + " (" +
                            std::string(limit_hint) + " raises the limit)");
      }
      data.append(buffer.data(), static_cast<std::size_t>(n));
    }
    parts.emplace(name, std::move(data));
  }
  return parts;
}

}  // namespace foialens::ingest

#include "ingest/page_store.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include "common/paths.hpp"
#include "common/text.hpp"

namespace foialens::ingest {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "foialens-pages 1";

void escape_into(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::string_view source_name(TextSource s) {
  return s == TextSource::ocr ? "ocr" : s == TextSource::none ? "none" : "text";
}

std::string serialise(const Document& doc) {
  std::string out(kMagic);
  out += '\n';
  char numbers[160];
  for (const Page& p : doc.pages) {
    std::snprintf(numbers, sizeof numbers, "page\t%d\t%s\t%.2f\t%.2f\t", p.number,
                  std::string(source_name(p.source)).c_str(), p.width_pt, p.height_pt);
    out += numbers;
    escape_into(out, p.layout.empty() ? "-" : p.layout);
    std::snprintf(numbers, sizeof numbers, "\t%.2f\n", p.ocr_confidence);
    out += numbers;
    if (!p.ocr_reason.empty()) {
      out += "reason\t";
      escape_into(out, p.ocr_reason);
      out += '\n';
    }
    if (!p.error.empty()) {
      out += "error\t";
      escape_into(out, p.error);
      out += '\n';
    }
    out += "text\t";
    escape_into(out, p.text);
    out += '\n';
    for (const Word& w : p.words) {
      std::snprintf(numbers, sizeof numbers, "w\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%d\t",
                    static_cast<double>(w.x0), static_cast<double>(w.y0),
                    static_cast<double>(w.x1), static_cast<double>(w.y1),
                    static_cast<double>(w.confidence), w.line_end ? 1 : 0);
      out += numbers;
      escape_into(out, w.text);
      out += '\n';
    }
  }
  return out;
}

Result<std::string> gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Error::run("cannot start zlib to write page records");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Error::run("cannot compress the page record");
  return out;
}

Result<std::string> gunzip(std::string_view data, std::size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return Error::run("cannot start zlib to read page records");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    if ((rc == Z_BUF_ERROR && z.avail_in == 0) || (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0)) {
      inflateEnd(&z);
      return Error::input("damaged page record (truncated)");
    }
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return Error::input("damaged page record (not a complete gzip stream)");
    }
    const std::size_t got = sizeof buffer - z.avail_out;
    if (out.size() + got > max_bytes) {
      inflateEnd(&z);
      return Error::input("page record larger than " + std::to_string(max_bytes >> 20) +
                          " MiB uncompressed: not read");
    }
    out.append(buffer, got);
  }
  inflateEnd(&z);
  return out;
}

bool to_double(std::string_view s, double& out) {
  const std::string copy(s);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end != copy.c_str() && *end == '\0';
}

Result<std::vector<Page>> parse(std::string_view s) {
  const auto damaged = [](std::size_t line, const std::string& why) {
    return Error::input("damaged page record, line " + std::to_string(line) + ": " + why);
  };
  std::vector<Page> pages;
  std::size_t pos = 0, line_no = 0;
  while (pos < s.size()) {
    std::size_t end = s.find('\n', pos);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view line = s.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line_no == 1) {
      if (line != kMagic) return damaged(1, "not a foialens page record");
      continue;
    }
    const auto fields = text::split(line, '\t');
    if (fields.empty() || line.empty()) continue;
    const std::string_view kind = fields[0];
    if (kind == "page") {
      if (fields.size() != 7) return damaged(line_no, "a page line has 7 fields");
      Page p;
      double number = 0;
      if (!to_double(fields[1], number) || !to_double(fields[3], p.width_pt) ||
          !to_double(fields[4], p.height_pt) || !to_double(fields[6], p.ocr_confidence)) {
        return damaged(line_no, "a number cannot be read");
      }
      p.number = static_cast<int>(number);
      p.source = fields[2] == "ocr" ? TextSource::ocr : fields[2] == "none" ? TextSource::none
                                                                             : TextSource::text_layer;
      p.layout = fields[5] == "-" ? "" : unescape(fields[5]);
      pages.push_back(std::move(p));
      continue;
    }
    if (pages.empty()) return damaged(line_no, "a page's data before its page line");
    Page& p = pages.back();
    if (kind == "text" && fields.size() == 2) {
      p.text = unescape(fields[1]);
    } else if (kind == "reason" && fields.size() == 2) {
      p.ocr_reason = unescape(fields[1]);
    } else if (kind == "error" && fields.size() == 2) {
      p.error = unescape(fields[1]);
    } else if (kind == "w" && fields.size() == 8) {
      double v[5];
      for (int k = 0; k < 5; ++k) {
        if (!to_double(fields[static_cast<std::size_t>(k) + 1], v[k])) {
          return damaged(line_no, "a number cannot be read");
        }
      }
      p.words.push_back({unescape(fields[7]), static_cast<float>(v[0]), static_cast<float>(v[1]),
                         static_cast<float>(v[2]), static_cast<float>(v[3]),
                         static_cast<float>(v[4]), fields[6] == "1"});
    } else {
      return damaged(line_no, "unknown line '" + std::string(kind) + "'");
    }
  }
  if (line_no == 0) return damaged(1, "empty");
  return pages;
}

}  // namespace

PageStore::PageStore(const fs::path& home) : dir_(home / "pages") {}

fs::path PageStore::path_for(const std::string& doc_id) const {
  return dir_ / doc_id.substr(0, 2) / (doc_id + ".pages.gz");
}

bool PageStore::contains(const std::string& doc_id) const {
  std::error_code ec;
  return fs::exists(path_for(doc_id), ec);
}

Result<std::string> PageStore::resolve(const std::string& prefix) const {
  const bool hex = !prefix.empty() && std::all_of(prefix.begin(), prefix.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!hex || prefix.size() < 4 || prefix.size() > 64) {
    return Error::input("'" + prefix + "' is not a document id: give 4 to 64 of its hex digits, as 'foialens docs' prints them");
  }
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir_ / prefix.substr(0, 2), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() == 64 + 9 && name.ends_with(".pages.gz") && name.starts_with(prefix)) {
      found.push_back(name.substr(0, 64));
    }
  }
  if (found.empty()) return Error::input("no document " + prefix + " with a page record in this library (a document ingested before pages were kept needs ingesting again)");
  if (found.size() > 1) {
    return Error::input(prefix + " matches " + std::to_string(found.size()) + " documents: give more of its id");
  }
  return found.front();
}

Status PageStore::put(const Document& doc) const {
  if (doc.id.size() < 3) return Error::input("page record: the document has no id");
  auto packed = gzip(serialise(doc));
  if (!packed) return packed.error();
  std::error_code ec;
  fs::create_directories(path_for(doc.id).parent_path(), ec);
  if (ec) {
    return Error::run("cannot create " + path_for(doc.id).parent_path().string() + ": " + ec.message());
  }
  return paths::write_file_atomic(path_for(doc.id), *packed);
}

Result<std::vector<Page>> PageStore::get(const std::string& doc_id, std::size_t max_bytes) const {
  const fs::path path = path_for(doc_id);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return Error::input("no page record for " + short_id(doc_id) +
                        ": it was ingested before foialens kept pages with their words; "
                        "ingest the original again (foialens docs shows its source)");
  }
  // The compressed file is read whole: at most max_bytes, as gzip does not make text bigger.
  if (fs::file_size(path, ec) > max_bytes) {
    return Error::input(path.string() + ": page record larger than " +
                        std::to_string(max_bytes >> 20) + " MiB: not read");
  }
  auto bytes = paths::read_file(path);
  if (!bytes) return bytes.error();
  auto plain = gunzip(*bytes, max_bytes);
  if (!plain) return Error::input(path.string() + ": " + plain.error().message);
  auto pages = parse(*plain);
  if (!pages) return Error::input(path.string() + ": " + pages.error().message);
  return pages;
}

}  // namespace foialens::ingest

#include "ocr/cache.hpp"

#include <charconv>
#include <cstdio>

#include "common/hash.hpp"
#include "common/paths.hpp"

namespace foialens::ocr {
namespace fs = std::filesystem;
namespace {

// Entry format: a header of `name value` lines, a blank line, the text (`length` bytes),
// then one line per word: "left top right bottom confidence line_end text".
constexpr std::string_view kMagic = "foialens-ocr-cache 2\n";

std::string word_lines(const std::vector<Word>& words) {
  std::string out;
  char numbers[96];
  for (const Word& w : words) {
    std::snprintf(numbers, sizeof numbers, "%d %d %d %d %.1f %d ", w.left, w.top, w.right,
                  w.bottom, static_cast<double>(w.confidence), w.line_end ? 1 : 0);
    out += numbers;
    // Tesseract's words hold no line breaks; a stray one would cut the entry.
    for (const char c : w.text) out += (c == '\n' || c == '\r') ? ' ' : c;
    out += '\n';
  }
  return out;
}

bool parse_words(std::string_view s, std::vector<Word>& out) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t end = s.find('\n', pos);
    if (end == std::string_view::npos) return false;  // truncated
    const std::string line(s.substr(pos, end - pos));
    Word w;
    int line_end = 0, used = 0;
    double confidence = 0;
    if (std::sscanf(line.c_str(), "%d %d %d %d %lf %d %n", &w.left, &w.top, &w.right, &w.bottom,
                    &confidence, &line_end, &used) != 6 || used <= 0) {
      return false;
    }
    w.confidence = static_cast<float>(confidence);
    w.line_end = line_end != 0;
    w.text = line.substr(static_cast<std::size_t>(used));
    out.push_back(std::move(w));
    pos = end + 1;
  }
  return true;
}

std::string header_value(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    const std::size_t end = std::min(header.find('\n', pos), header.size());
    const std::string_view line = header.substr(pos, end - pos);
    if (line.size() > name.size() && line.substr(0, name.size()) == name &&
        line[name.size()] == ' ') {
      return std::string(line.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return {};
}

}  // namespace

Cache::Cache(fs::path dir) : dir_(std::move(dir)) {}

std::string Cache::key(const Image& image, const EngineOptions& options) {
  hash::Sha256 sha;
  sha.update("image ");
  sha.update(image.digest());
  sha.update("\nlanguages ");
  sha.update(options.languages);
  sha.update("\nengine ");
  sha.update(Engine::version());
  sha.update("\npreprocess ");
  sha.update(options.preprocess.id());
  sha.update("\nlayout ");
  sha.update(to_string(options.layout));
  sha.update("\ndpi ");
  sha.update(std::to_string(image.dpi()));
  return sha.hex_digest();
}

fs::path Cache::path_of(const std::string& key) const { return dir_ / key.substr(0, 2) / key; }

std::optional<Recognition> Cache::get(const std::string& key) const {
  if (key.size() < 3) return std::nullopt;
  auto bytes = paths::read_file(path_of(key));
  if (!bytes) return std::nullopt;
  const std::string& s = bytes.value();
  if (s.compare(0, kMagic.size(), kMagic) != 0) return std::nullopt;
  const std::size_t blank = s.find("\n\n", kMagic.size() - 1);
  if (blank == std::string::npos) return std::nullopt;
  const std::string_view header(s.data() + kMagic.size(), blank + 1 - kMagic.size());
  Recognition out;
  const std::string confidence = header_value(header, "confidence");
  const std::string words = header_value(header, "words");
  const std::string seconds = header_value(header, "seconds");
  const std::string length = header_value(header, "length");
  const std::string layout = header_value(header, "layout");
  try {
    out.mean_confidence = std::stod(confidence);
    out.word_count = std::stoi(words);
    out.seconds = std::stod(seconds);
    const std::size_t text_length = std::stoul(length);
    if (s.size() - (blank + 2) < text_length) return std::nullopt;  // truncated entry
    out.text = s.substr(blank + 2, text_length);
    if (!parse_words(std::string_view(s).substr(blank + 2 + text_length), out.words)) {
      return std::nullopt;
    }
    out.layout = layout == "psm3" ? Layout::automatic : Layout::single_column;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return out;
}

Status Cache::put(const std::string& key, const Recognition& r) const {
  if (key.size() < 3) return Error::input("invalid OCR cache key");
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, "confidence %.3f\nwords %d\nseconds %.3f\nlength %zu\n",
                r.mean_confidence, r.word_count, r.seconds, r.text.size());
  std::string entry(kMagic);
  entry += "engine " + Engine::version() + "\n";
  entry += "layout " + to_string(r.layout) + "\n";
  entry += numbers;
  entry += "\n";
  entry += r.text;
  entry += word_lines(r.words);
  return paths::write_file_atomic(path_of(key), entry);
}

}  // namespace foialens::ocr

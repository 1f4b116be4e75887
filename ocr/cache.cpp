#include "ocr/cache.hpp"

#include <charconv>
#include <cstdio>

#include "common/hash.hpp"
#include "common/paths.hpp"

namespace foialens::ocr {
namespace fs = std::filesystem;
namespace {

// Entry format: a header of `name value` lines, a blank line, then the text.
constexpr std::string_view kMagic = "foialens-ocr-cache 1\n";

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
  try {
    out.mean_confidence = std::stod(confidence);
    out.word_count = std::stoi(words);
    out.seconds = std::stod(seconds);
    out.text = s.substr(blank + 2);
    if (out.text.size() != std::stoul(length)) return std::nullopt;  // truncated entry
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
  entry += numbers;
  entry += "\n";
  entry += r.text;
  return paths::write_file_atomic(path_of(key), entry);
}

}  // namespace foialens::ocr

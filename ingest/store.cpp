#include "ingest/store.hpp"

#include "common/paths.hpp"

namespace foialens::ingest {
namespace fs = std::filesystem;

fs::path ContentStore::path_for(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

bool ContentStore::contains(const std::string& sha256) const {
  std::error_code ec;
  return fs::exists(path_for(sha256), ec);
}

Status ContentStore::put(const std::string& sha256, std::string_view bytes) const {
  if (contains(sha256)) return Ok{};
  auto written = paths::write_file_atomic(path_for(sha256), bytes);
  if (!written) return Error::run("content store: " + written.error().message);
  return Ok{};
}

}  // namespace foialens::ingest

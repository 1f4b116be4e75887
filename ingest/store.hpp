#pragma once
// The content-addressed store of originals: <home>/store/aa/bb/<sha256>. What was
// ingested is never lost, even when the original moves or changes.

#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace foialens::ingest {

class ContentStore {
 public:
  explicit ContentStore(std::filesystem::path root) : root_(std::move(root)) {}

  std::filesystem::path path_for(const std::string& sha256) const;
  bool contains(const std::string& sha256) const;
  // Stores `bytes` under their hash unless already there (atomic: temp file + rename).
  Status put(const std::string& sha256, std::string_view bytes) const;

 private:
  std::filesystem::path root_;
};

}  // namespace foialens::ingest

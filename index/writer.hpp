#pragma once
// The one writer of an index: stores documents as one Xapian record per document plus one
// per passage, upserting by content hash. Each document is stored in its own transaction,
// so a failed or interrupted ingest leaves what was stored before intact.

#include <filesystem>
#include <memory>
#include <string>

#include "common/document.hpp"
#include "common/error.hpp"

namespace foialens::index {

class Writer final : public DocumentSink {
 public:
  // Creates the index when missing. Fails (scope run) when it is locked by another writer
  // or cannot be opened.
  static Result<std::unique_ptr<Writer>> open(const std::filesystem::path& index_dir);
  ~Writer() override;

  std::vector<std::pair<std::string, std::string>> known_documents() override;
  std::unique_ptr<Prepared> prepare(const Document& doc) const override;
  Result<PutOutcome> put(const Document& doc, std::unique_ptr<Prepared> prepared) override;
  Status flush() override;

  // Removes a document and its passages; false when it was not there.
  Result<bool> remove(const std::string& doc_id);

 private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace foialens::index

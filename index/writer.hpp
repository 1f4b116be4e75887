#pragma once
// The one writer of an index: stores documents as one Xapian record per document plus one
// per passage, upserting by content hash. Each document is stored in its own transaction,
// so a failed or interrupted ingest leaves what was stored before intact.

#include <chrono>
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

  // Puts are committed (made durable and visible to readers) at least this often; zero
  // commits after every document.
  static constexpr std::chrono::milliseconds kDefaultCommitInterval{2000};
  void set_commit_interval(std::chrono::milliseconds interval);

  // Replaces what analysis stored with a document (Document::analysis), by full id or doc
  // key; false when the document is not there. Committed with the next flush().
  Result<bool> store_analysis(const std::string& doc_id, const std::string& data);

  // Removes a document and its passages; false when it was not there.
  Result<bool> remove(const std::string& doc_id);

 private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace foialens::index

#pragma once
// Whole documents read back from the index (metadata, page information and passages):
// what analysis works on when a stored analysis is stale.

#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"
#include "index/searcher.hpp"

namespace foialens::analysis {

// One document with its passages (pages carry no text: the passages do).
Result<Document> load_document(index::Searcher& searcher, const index::DocumentInfo& info);

// Every document in the index, ordered by title then id.
Result<std::vector<Document>> load_documents(index::Searcher& searcher);

}  // namespace foialens::analysis

#pragma once
// The library's documents as the analysis reads them: metadata and passages from the
// index, read once per command.

#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"
#include "index/searcher.hpp"

namespace foialens::analysis {

// Every document in the index with its passages (pages carry no text: the passages do).
Result<std::vector<Document>> load_documents(index::Searcher& searcher);

}  // namespace foialens::analysis

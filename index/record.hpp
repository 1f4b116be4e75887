#pragma once
// The data stored with each record: a small JSON object, enough to print a hit or list a
// document without opening the original (private to index/).

#include <string>

#include <nlohmann/json.hpp>

#include "common/document.hpp"
#include "index/searcher.hpp"

namespace foialens::index::record {

std::string document_data(const Document& doc);
std::string passage_data(const Document& doc, const Passage& passage);

// Parses what document_data stored; pages' texts are left in `json` for page_text().
DocumentInfo parse_document(const nlohmann::json& data);
Hit parse_passage(const nlohmann::json& data);
Passage passage_from(const nlohmann::json& data);

}  // namespace foialens::index::record

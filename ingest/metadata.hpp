#pragma once
// Metadata from a document's text: title, dates, agencies, document type.

#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/document.hpp"

namespace foialens::ingest {

// A title from the first page when the file has none: the first heading-like line near the top.
std::string guess_title(std::string_view first_page);

// agreement, ordinance, directive, report, letter, or other.
std::string guess_doc_type(std::string_view title, std::string_view first_pages);

// Fills title (when empty), dates, date, agencies and doc_type from the pages.
void fill_metadata(Document& doc);

}  // namespace foialens::ingest

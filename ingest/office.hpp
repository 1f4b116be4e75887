#pragma once
// Word processing and spreadsheet files read from their XML: Office Open XML (.docx,
// .xlsx; ECMA-376) and OpenDocument (.odt, .ods; OASIS ODF 1.2). The ZIP container is read
// by archive.cpp and the XML by xml.cpp: no third-party header here.

#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "common/error.hpp"
#include "ingest/container.hpp"

namespace foialens::ingest {

struct OfficeText {
  std::string title;            // the document's own title property, when set
  std::vector<Page> pages;      // text documents: split at hard page breaks; sheets: one per sheet
  std::vector<Passage> rows;    // sheets only: one passage per non-empty row
};

// Paragraphs keep their list numbering ("4.", "(a)") as text, so that clauses are found
// as in a PDF; table cells are separated by tabs. Spreadsheet rows are "header: value"
// pairs when the sheet's first row names its columns.
Result<OfficeText> read_office(std::string_view bytes, std::string_view media_type, const Limits& limits);

}  // namespace foialens::ingest

#pragma once
// Reading order of a page set in columns. Tesseract's full layout analysis finds the
// columns, but it may read a table or a heading that spans them out of place (a table
// under the title comes out after the second column). This puts the blocks it found in
// the order a reader takes: top to bottom through parts that span the page, column after
// column where the page is divided, and a table (short blocks side by side) row by row.
// Pure geometry: no Tesseract header, so it is tested on its own.

#include <vector>

namespace foialens::ocr {

struct LineBox {
  int block = 0;  // Tesseract's block, numbered in its order
  int para = 0;   // paragraph, numbered across the page
  int left = 0, top = 0, right = 0, bottom = 0;
  int words = 0;
};

// One line of output: the source lines printed on it (several for a table row whose
// cells Tesseract put in blocks of their own), left to right.
struct OutputLine {
  std::vector<int> lines;       // indices into the input
  bool paragraph_start = false;  // a new block or paragraph begins here
};

// `lines` in Tesseract's order. With `columns` false the order is kept (a single-column
// page); only the paragraph starts are marked.
std::vector<OutputLine> reading_order(const std::vector<LineBox>& lines, bool columns);

}  // namespace foialens::ocr

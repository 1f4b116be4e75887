#pragma once
// What is printed on a page image that a text layer does not account for: the test
// behind "OCR only where ink has no text". A born-digital page whose text layer covers
// all its marks keeps that layer however short it is; a scanned page, or a page with a
// scanned part, has marks outside every word box.

#include <vector>

#include "common/error.hpp"
#include "ocr/image.hpp"

namespace foialens::ocr {

struct PixelBox {
  int left = 0, top = 0, right = 0, bottom = 0;  // right and bottom exclusive
};

struct Ink {
  int marks = 0;          // dark connected areas of the size of a word or a letter
  int uncovered = 0;      // of those, the ones no box touches
};

// Counts the marks on `image` (grey or colour, any resolution; about 36 dpi is enough:
// at that size a word is one or two marks) and the ones outside `boxes` (pixels of the
// same image). Rules, frames, photographs and specks are not marks: a mark is at least 2
// pixels high, at most a third of an inch high and three inches wide.
Result<Ink> find_ink(const Image& image, const std::vector<PixelBox>& boxes);

}  // namespace foialens::ocr

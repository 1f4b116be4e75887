#include "ocr/ink.hpp"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <memory>

namespace foialens::ocr {
namespace {

struct PixDeleter {
  void operator()(PIX* p) const noexcept { pixDestroy(&p); }
};
struct BoxaDeleter {
  void operator()(BOXA* b) const noexcept { boxaDestroy(&b); }
};

}  // namespace

Result<Ink> find_ink(const Image& image, const std::vector<PixelBox>& boxes) {
  PIX* source = detail::PixAccess::get(image);
  std::unique_ptr<PIX, PixDeleter> grey(pixGetDepth(source) == 8 ? pixClone(source)
                                                                 : pixConvertTo8(source, 0));
  if (!grey) return Error::input("cannot read the page image to look for ink");
  std::unique_ptr<PIX, PixDeleter> binary(pixThresholdToBinary(grey.get(), 140));
  if (!binary) return Error::input("cannot read the page image to look for ink");
  BOXA* found = pixConnComp(binary.get(), nullptr, 8);
  if (found == nullptr) {
    return Error::input("cannot read the page image to look for ink");
  }
  std::unique_ptr<BOXA, BoxaDeleter> components(found);

  const int dpi = image.dpi() > 0 ? image.dpi() : 36;
  const int max_height = std::max(3, dpi / 3);
  const int max_width = 3 * dpi;
  Ink ink;
  const int n = boxaGetCount(components.get());
  for (int i = 0; i < n; ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    if (boxaGetBoxGeometry(components.get(), i, &x, &y, &w, &h) != 0) continue;
    if (h < 2 || h > max_height || w > max_width) continue;
    ++ink.marks;
    const bool covered = std::any_of(boxes.begin(), boxes.end(), [&](const PixelBox& b) {
      return x < b.right && x + w > b.left && y < b.bottom && y + h > b.top;
    });
    if (!covered) ++ink.uncovered;
  }
  return ink;
}

}  // namespace foialens::ocr

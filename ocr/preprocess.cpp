#include "ocr/preprocess.hpp"

#include <leptonica/allheaders.h>

#include <memory>

namespace foialens::ocr {
namespace {

struct PixDeleter {
  void operator()(PIX* p) const noexcept { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Replaces `pix` by `next` when the step produced an image; keeps it otherwise.
void step(PixPtr& pix, PIX* next) {
  if (next != nullptr) pix.reset(next);
}

}  // namespace

std::string Preprocess::id() const {
  std::string s = grey ? "grey" : "asis";
  if (deskew) s += "+deskew";
  switch (binarize) {
    case Binarize::none: break;
    case Binarize::otsu_background: s += "+otsubg"; break;
    case Binarize::sauvola: s += "+sauvola"; break;
  }
  if (remove_border && binarize != Binarize::none) s += "+border";
  return s;
}

Result<Image> preprocess(const Image& image, const Preprocess& steps, double* rotated_degrees) {
  if (rotated_degrees != nullptr) *rotated_degrees = 0;
  PIX* source = detail::PixAccess::get(image);
  PixPtr pix(pixClone(source));
  l_int32 xres = 0, yres = 0;
  pixGetResolution(source, &xres, &yres);

  if (steps.grey && pixGetDepth(pix.get()) == 32) step(pix, pixConvertRGBToLuminance(pix.get()));

  if (steps.deskew && pixGetDepth(pix.get()) != 32) {
    // Leptonica's skew search binarises a reduced copy and tries angles up to about
    // 7 degrees; a rotation of under 0.1 degree is not worth the interpolation blur.
    l_float32 angle = 0, confidence = 0;
    PixPtr binary(pixGetDepth(pix.get()) == 1 ? pixClone(pix.get())
                                              : pixConvertTo1(pix.get(), 160));
    if (binary && pixFindSkew(binary.get(), &angle, &confidence) == 0 && confidence > 2.5 &&
        (angle >= 0.1f || angle <= -0.1f)) {
      constexpr l_float32 kDegToRad = 3.14159265f / 180.0f;
      PIX* rotated = pixRotate(pix.get(), angle * kDegToRad, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                               0, 0);
      if (rotated != nullptr && rotated_degrees != nullptr) *rotated_degrees = angle;
      step(pix, rotated);
    }
  }

  if (steps.binarize != Binarize::none && pixGetDepth(pix.get()) == 8) {
    if (steps.binarize == Binarize::otsu_background) {
      step(pix, pixOtsuThreshOnBackgroundNorm(pix.get(), nullptr, 10, 15, 100, 50, 255, 2, 2,
                                              0.1f, nullptr));
    } else {
      PIX* out = nullptr;
      if (pixSauvolaBinarize(pix.get(), 16, 0.34f, 1, nullptr, nullptr, nullptr, &out) == 0) {
        step(pix, out);
      }
    }
    if (steps.remove_border && pixGetDepth(pix.get()) == 1) {
      step(pix, pixRemoveBorderConnComps(pix.get(), 8));
    }
  }

  if (pix.get() == source) {
    // Nothing changed: still hand back an image of its own.
    pix.reset(pixCopy(nullptr, source));
    if (!pix) return Error::input("out of memory while preparing the page image");
  }
  if (xres > 0) pixSetResolution(pix.get(), xres, yres);
  return detail::PixAccess::adopt(pix.release());
}

}  // namespace foialens::ocr

#pragma once
// An image of one page, ready for OCR. Owns its pixels (a Leptonica Pix inside; no
// Leptonica header is needed to use it). Move-only: a page image can be large.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

struct Pix;  // Leptonica's image; opaque outside the ocr part's sources

namespace foialens::ocr {

class Image;

namespace detail {
// How the ocr part's own sources reach the Pix inside an Image. Not for other parts.
struct PixAccess {
  static ::Pix* get(const Image& image);           // borrowed
  static Result<Image> adopt(::Pix* pix);          // takes ownership, also on failure
};
}  // namespace detail

class Image {
 public:
  // Reads a PNG, JPEG, TIFF, PNM, BMP, GIF or WebP file. A multi-page TIFF gives its first
  // page here; use pages_from_file() to get them all.
  static Result<Image> from_file(const std::filesystem::path& path);

  // The same from the bytes of an encoded image file.
  static Result<Image> from_memory(std::string_view bytes);

  // Every page of an image file: one for most formats, each page of a multi-page TIFF.
  static Result<std::vector<Image>> pages_from_file(const std::filesystem::path& path);
  static Result<std::vector<Image>> pages_from_memory(std::string_view bytes);

  // Copies a raw 8-bit grey raster: `height` rows of `width` bytes, each row starting
  // `stride` bytes after the previous one (stride >= width). `dpi` is the resolution the
  // page was rendered at (0 when unknown); Tesseract uses it to size the text.
  static Result<Image> from_grey(const std::uint8_t* data, int width, int height, int stride,
                                 int dpi);

  Image(Image&&) noexcept;
  Image& operator=(Image&&) noexcept;
  ~Image();
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;

  // A copy with its own pixels.
  Result<Image> clone() const;

  int width() const;
  int height() const;
  int depth() const;  // bits per pixel: 1, 8 or 32 (colour)
  int dpi() const;    // 0 when unknown
  std::uint64_t pixels() const { return static_cast<std::uint64_t>(width()) * height(); }

  // SHA-256 (hex) of the pixel raster and its size: equal for the same rendered page,
  // whatever file or container it came from. Computed once.
  const std::string& digest() const;

  // The pixels as a PDF image stores them, rows top to bottom without padding: 1 bit per
  // pixel (0 black, as PDF's DeviceGray reads it), 8 (grey) or 3 x 8 (RGB). Lossless.
  struct Raster {
    int width = 0, height = 0;
    int components = 1;      // 1 grey, 3 RGB
    int bits = 8;            // 1 or 8 per component
    std::string bytes;
  };
  Result<Raster> raster() const;

  // Writes a PNG (for debugging and tests).
  Status write_png(const std::filesystem::path& path) const;

 private:
  struct Impl;
  explicit Image(std::unique_ptr<Impl> impl);
  friend struct detail::PixAccess;

  std::unique_ptr<Impl> impl_;
};

}  // namespace foialens::ocr

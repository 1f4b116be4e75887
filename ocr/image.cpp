#include "ocr/image.hpp"

#include <leptonica/allheaders.h>

#include <cstring>
#include <mutex>

#include "common/hash.hpp"

namespace foialens::ocr {
namespace {

struct PixDeleter {
  void operator()(PIX* p) const noexcept { pixDestroy(&p); }
};
struct PixaDeleter {
  void operator()(PIXA* p) const noexcept { pixaDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

// Leptonica prints its failures on stderr; here they become Errors instead.
void quiet_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

const l_uint8* bytes_of(std::string_view s) {
  return reinterpret_cast<const l_uint8*>(s.data());
}

std::string format_name(l_int32 format) {
  switch (format) {
    case IFF_BMP: return "BMP";
    case IFF_JFIF_JPEG: return "JPEG";
    case IFF_PNG: return "PNG";
    case IFF_TIFF: case IFF_TIFF_PACKBITS: case IFF_TIFF_RLE: case IFF_TIFF_G3:
    case IFF_TIFF_G4: case IFF_TIFF_LZW: case IFF_TIFF_ZIP: case IFF_TIFF_JPEG:
      return "TIFF";
    case IFF_PNM: return "PNM";
    case IFF_GIF: return "GIF";
    case IFF_WEBP: return "WebP";
    case IFF_JP2: return "JPEG 2000";
    default: return "";
  }
}

bool is_tiff(l_int32 format) { return format_name(format) == "TIFF"; }

// Brings a decoded image to what OCR and hashing expect: no colour map, and 1, 8 or 32
// bits per pixel.
Result<PixPtr> normalise_depth(PixPtr pix) {
  if (pixGetColormap(pix.get()) != nullptr) {
    pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
  } else {
    const l_int32 d = pixGetDepth(pix.get());
    if (d == 2 || d == 4 || d == 16) pix.reset(pixConvertTo8(pix.get(), 0));
    else if (d == 24) pix.reset(pixConvertTo32(pix.get()));
  }
  if (!pix) return Error::input("cannot convert the image's pixel format");
  return pix;
}

}  // namespace

struct Image::Impl {
  PixPtr pix;
  mutable std::once_flag digest_once;
  mutable std::string digest;
};

Image::Image(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Image::Image(Image&&) noexcept = default;
Image& Image::operator=(Image&&) noexcept = default;
Image::~Image() = default;

Result<Image> Image::clone() const {
  PIX* copy = pixCopy(nullptr, impl_->pix.get());
  if (copy == nullptr) return Error::input("out of memory while copying a page image");
  return detail::PixAccess::adopt(copy);
}

int Image::width() const { return pixGetWidth(impl_->pix.get()); }
int Image::height() const { return pixGetHeight(impl_->pix.get()); }
int Image::depth() const { return pixGetDepth(impl_->pix.get()); }
int Image::dpi() const { return pixGetXRes(impl_->pix.get()); }

const std::string& Image::digest() const {
  std::call_once(impl_->digest_once, [this] {
    PIX* pix = impl_->pix.get();
    // Pad bits at the end of each row are not part of the picture: clear them so that
    // the digest depends on the pixels only.
    pixSetPadBits(pix, 0);
    hash::Sha256 sha;
    const std::string header = std::to_string(width()) + "x" + std::to_string(height()) +
                               "x" + std::to_string(depth()) + "\n";
    sha.update(header);
    const auto* data = reinterpret_cast<const char*>(pixGetData(pix));
    const std::size_t row_bytes = static_cast<std::size_t>(pixGetWpl(pix)) * 4;
    sha.update(std::string_view(data, row_bytes * static_cast<std::size_t>(height())));
    impl_->digest = sha.hex_digest();
  });
  return impl_->digest;
}

Result<Image::Raster> Image::raster() const {
  PIX* pix = impl_->pix.get();
  Raster out;
  out.width = pixGetWidth(pix);
  out.height = pixGetHeight(pix);
  const l_int32 depth = pixGetDepth(pix);
  const l_uint32* data = pixGetData(pix);
  const l_int32 wpl = pixGetWpl(pix);
  if (depth == 1) {
    out.bits = 1;
    const std::size_t row = (static_cast<std::size_t>(out.width) + 7) / 8;
    out.bytes.resize(row * static_cast<std::size_t>(out.height));
    for (int y = 0; y < out.height; ++y) {
      const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
      for (std::size_t b = 0; b < row; ++b) {
        // Leptonica: 1 is black, bits from the high end of 32-bit words.
        const l_uint32 word = line[b / 4];
        const auto byte = static_cast<unsigned char>((word >> (24 - 8 * (b % 4))) & 0xff);
        out.bytes[static_cast<std::size_t>(y) * row + b] = static_cast<char>(~byte);
      }
    }
    return out;
  }
  if (depth == 8) {
    out.bytes.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    for (int y = 0; y < out.height; ++y) {
      const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
      for (int x = 0; x < out.width; ++x) {
        out.bytes[static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(x)] =
            static_cast<char>(GET_DATA_BYTE(line, x));
      }
    }
    return out;
  }
  if (depth == 32) {
    out.components = 3;
    out.bytes.resize(3 * static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    std::size_t i = 0;
    for (int y = 0; y < out.height; ++y) {
      const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
      for (int x = 0; x < out.width; ++x) {
        l_int32 r = 0, g = 0, b = 0;
        extractRGBValues(line[x], &r, &g, &b);
        out.bytes[i++] = static_cast<char>(r);
        out.bytes[i++] = static_cast<char>(g);
        out.bytes[i++] = static_cast<char>(b);
      }
    }
    return out;
  }
  return Error::input("unsupported pixel depth " + std::to_string(depth) + " for a PDF image");
}

Status Image::write_png(const std::filesystem::path& path) const {
  quiet_leptonica();
  if (pixWritePng(path.c_str(), impl_->pix.get(), 0.0f) != 0) {
    return Error::input("cannot write " + path.string());
  }
  return Ok{};
}

::Pix* detail::PixAccess::get(const Image& image) { return image.impl_->pix.get(); }

Result<Image> detail::PixAccess::adopt(::Pix* raw) {
  PixPtr pix(raw);
  if (!pix) return Error::input("no image");
  auto normalised = normalise_depth(std::move(pix));
  if (!normalised) return normalised.error();
  auto impl = std::make_unique<Image::Impl>();
  impl->pix = std::move(normalised.value());
  return Image(std::move(impl));
}

Result<Image> Image::from_memory(std::string_view bytes) {
  quiet_leptonica();
  if (bytes.empty()) return Error::input("cannot read image: the file is empty");
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(bytes_of(bytes), &format);
  if (format_name(format).empty()) {
    return Error::input("cannot read image: not a PNG, JPEG, TIFF, PNM, BMP, GIF or WebP file");
  }
  PIX* pix = is_tiff(format) ? pixReadMemTiff(bytes_of(bytes), bytes.size(), 0)
                             : pixReadMem(bytes_of(bytes), bytes.size());
  if (pix == nullptr) {
    return Error::input("cannot read image: the " + format_name(format) +
                        " data is damaged or uses an unsupported variant");
  }
  return detail::PixAccess::adopt(pix);
}

Result<Image> Image::from_file(const std::filesystem::path& path) {
  auto pages = pages_from_file(path);
  if (!pages) return pages.error();
  return std::move(pages->front());
}

Result<std::vector<Image>> Image::pages_from_memory(std::string_view bytes) {
  quiet_leptonica();
  l_int32 format = IFF_UNKNOWN;
  if (!bytes.empty()) findFileFormatBuffer(bytes_of(bytes), &format);
  std::vector<Image> pages;
  if (!is_tiff(format)) {
    auto one = from_memory(bytes);
    if (!one) return one.error();
    pages.push_back(std::move(one.value()));
    return pages;
  }
  PixaPtr pixa(pixaReadMemMultipageTiff(bytes_of(bytes), bytes.size()));
  const l_int32 n = pixa ? pixaGetCount(pixa.get()) : 0;
  if (n == 0) return Error::input("cannot read image: the TIFF data is damaged");
  pages.reserve(static_cast<std::size_t>(n));
  for (l_int32 i = 0; i < n; ++i) {
    auto page = detail::PixAccess::adopt(pixaGetPix(pixa.get(), i, L_COPY));
    if (!page) {
      return Error::input("cannot read image: TIFF page " + std::to_string(i + 1) + ": " +
                          page.error().message);
    }
    pages.push_back(std::move(page.value()));
  }
  return pages;
}

Result<std::vector<Image>> Image::pages_from_file(const std::filesystem::path& path) {
  std::string bytes;
  {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      return Error::input("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return Error::input("cannot read " + path.string());
  }
  return pages_from_memory(bytes);
}

Result<Image> Image::from_grey(const std::uint8_t* data, int width, int height, int stride,
                               int dpi) {
  if (data == nullptr || width <= 0 || height <= 0 || stride < width) {
    return Error::input("invalid grey raster: " + std::to_string(width) + " x " +
                        std::to_string(height) + " pixels, stride " + std::to_string(stride));
  }
  quiet_leptonica();
  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) return Error::input("out of memory for a " + std::to_string(width) + " x " +
                                std::to_string(height) + " page image");
  if (dpi > 0) pixSetResolution(pix.get(), dpi, dpi);
  l_uint32* out = pixGetData(pix.get());
  const l_int32 wpl = pixGetWpl(pix.get());
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = data + static_cast<std::ptrdiff_t>(y) * stride;
    l_uint32* line = out + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return detail::PixAccess::adopt(pix.release());
}

}  // namespace foialens::ocr

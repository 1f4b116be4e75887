#include "ingest/searchable_pdf.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>
#include <system_error>

#include "common/paths.hpp"
#include "ocr/engine.hpp"
#include "ocr/image.hpp"

namespace foialens::ingest {
namespace fs = std::filesystem;
namespace {

using Handle = QPDFObjectHandle;

constexpr const char* kFontName = "/FoialensOCR";

// UTF-8 to the UTF-16BE code units the Identity-H font takes, as hex.
std::string utf16_hex(std::string_view s, int& units) {
  std::string out;
  units = 0;
  char buf[8];
  const auto unit = [&](unsigned u) {
    std::snprintf(buf, sizeof buf, "%04X", u & 0xFFFFu);
    out += buf;
    ++units;
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
    }
    i += static_cast<std::size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  if (std::abs(v) >= 1000) std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// A new stream, Flate-compressed here: the writer keeps the original's streams as they
// are and would write new ones uncompressed.
Handle flate_stream(QPDF& pdf, const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string packed(size, '\0');
  Handle stream = Handle::newStream(&pdf);
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()), 9) != Z_OK) {
    stream.replaceStreamData(data, Handle::newNull(), Handle::newNull());
    return stream;
  }
  packed.resize(size);
  stream.replaceStreamData(packed, Handle::newName("/FlateDecode"), Handle::newNull());
  return stream;
}

// A font of one invisible glyph for every code, each code mapped to the Unicode value it
// has: the approach of Tesseract's PDF renderer (whose pdf.ttf, when installed, is
// embedded so that the file is complete).
Handle make_font(QPDF& pdf) {
  std::string map(2 * 65536, '\0');
  for (std::size_t i = 1; i < map.size(); i += 2) map[i] = 1;  // every CID to glyph 1
  Handle cid_to_gid = flate_stream(pdf, map);

  const std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
      "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  Handle to_unicode = flate_stream(pdf, cmap);

  Handle descriptor = pdf.makeIndirectObject(Handle::parse(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] "
      "/ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"));
  auto ttf = paths::read_file(ocr::tessdata_dir() / "pdf.ttf");
  if (ttf && !ttf->empty()) {
    Handle file = flate_stream(pdf, *ttf);
    file.getDict().replaceKey("/Length1", Handle::newInteger(static_cast<long long>(ttf->size())));
    descriptor.replaceKey("/FontFile2", file);
  }
  Handle cid_font = pdf.makeIndirectObject(Handle::parse(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"));
  cid_font.replaceKey("/FontDescriptor", descriptor);
  cid_font.replaceKey("/CIDToGIDMap", cid_to_gid);
  Handle font = pdf.makeIndirectObject(Handle::parse(
      "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>"));
  Handle descendants = Handle::newArray();
  descendants.appendItem(cid_font);
  font.replaceKey("/DescendantFonts", descendants);
  font.replaceKey("/ToUnicode", to_unicode);
  return font;
}

// The content that puts `page`'s words, invisible, where they are on the page as shown.
// `box` is the page's crop box in user space, `rotate` its /Rotate: word boxes are in the
// displayed page's points from its top-left corner.
std::string text_layer(const Page& page, const double box[4], int rotate, int& words) {
  const double w = box[2] - box[0], h = box[3] - box[1];
  const bool turned = rotate == 90 || rotate == 270;
  const double shown_h = turned ? w : h;
  // From the displayed page (origin bottom left, y up) to user space.
  double m[6] = {1, 0, 0, 1, box[0], box[1]};
  if (rotate == 90) m[0] = 0, m[1] = 1, m[2] = -1, m[3] = 0, m[4] = box[0] + w, m[5] = box[1];
  if (rotate == 180) m[0] = -1, m[1] = 0, m[2] = 0, m[3] = -1, m[4] = box[0] + w, m[5] = box[1] + h;
  if (rotate == 270) m[0] = 0, m[1] = -1, m[2] = 1, m[3] = 0, m[4] = box[0], m[5] = box[1] + h;
  std::string out = "q ";
  for (const double v : m) out += num(v) + " ";
  out += "cm\nBT\n3 Tr\n";
  // Each line is written as a line of print: one size for its words, set on one baseline
  // that follows the scan's skew, each word with the space after it filling the line up
  // to the next word. Text extraction then reads a line whole, and never sees a gutter
  // in the wide spaces of a justified line. (A word's own box rises and falls with its
  // ascenders and descenders, and the lines of a skewed scan drift sideways: written
  // word by word, pdftotext reads three columns into each other.)
  struct Line {
    std::size_t first = 0, last = 0;
    double height = 0;
  };
  std::vector<Line> lines;
  for (std::size_t first = 0; first < page.words.size();) {
    Line line{first, first, 0};
    double top = page.words[first].y0, bottom = page.words[first].y1;
    while (line.last + 1 < page.words.size() && !page.words[line.last].line_end) {
      ++line.last;
      top = std::min<double>(top, page.words[line.last].y0);
      bottom = std::max<double>(bottom, page.words[line.last].y1);
    }
    line.height = bottom - top;
    lines.push_back(line);
    first = line.last + 1;
  }
  const auto median = [](std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
  };
  // Body size: the median height of lines of three words or more, used for every line
  // within a third of it. Skew: the median slope of the word centres of lines of five
  // words or more (y downwards).
  std::vector<double> heights, slopes;
  for (const Line& l : lines) {
    const std::size_t n = l.last - l.first + 1;
    if (n >= 3) heights.push_back(l.height);
    if (n < 5) continue;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t k = l.first; k <= l.last; ++k) {
      const double x = (page.words[k].x0 + page.words[k].x1) / 2, y = (page.words[k].y0 + page.words[k].y1) / 2;
      sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double d = static_cast<double>(n) * sxx - sx * sx;
    if (d > 0) slopes.push_back((static_cast<double>(n) * sxy - sx * sy) / d);
  }
  const double body = median(heights);
  double slope = median(slopes);
  if (std::abs(slope) > 0.1) slope = 0;  // not a skew of a few degrees: a page of odd lines
  const double angle = std::atan(-slope);  // y upwards
  const std::string rotation = num(std::cos(angle)) + " " + num(std::sin(angle)) + " " +
                               num(-std::sin(angle)) + " " + num(std::cos(angle)) + " ";
  for (const Line& l : lines) {
    const double height = body > 0 && std::abs(l.height - body) * 3 < body ? body : l.height;
    if (height <= 0) continue;
    const double size = std::max(1.0, std::round(0.8 * height));
    // The baseline, where most words sit (a few descend below it), along the skew.
    std::vector<double> offsets;
    for (std::size_t k = l.first; k <= l.last; ++k) offsets.push_back(page.words[k].y1 - slope * page.words[k].x0);
    const double intercept = median(offsets);
    for (std::size_t k = l.first; k <= l.last; ++k) {
      const Word& word = page.words[k];
      const bool spaced = k < l.last && page.words[k + 1].x0 > word.x1;
      int units = 0;
      const std::string hex = utf16_hex(spaced ? word.text + " " : word.text, units);
      const double width = ((spaced ? page.words[k + 1].x0 : word.x1) - word.x0) / std::cos(angle);
      if (units == 0 || width <= 0) continue;
      // Glyphs are 500/1000 em wide: stretch the word to its box.
      const double scale = 100.0 * width / (units * 0.5 * size);
      const double baseline = shown_h - (intercept + slope * word.x0);
      out += std::string(kFontName) + " " + num(size) + " Tf " + num(scale) + " Tz " + rotation +
             num(word.x0) + " " + num(baseline) + " Tm <" + hex + "> Tj\n";
      ++words;
    }
  }
  out += "ET\nQ\n";
  return out;
}

void add_font(QPDFPageObjectHelper& page, const Handle& font) {
  Handle resources = page.getAttribute("/Resources", true);
  if (!resources.isDictionary()) {
    resources = Handle::newDictionary();
    page.getObjectHandle().replaceKey("/Resources", resources);
  }
  Handle fonts = resources.getKey("/Font");
  if (!fonts.isDictionary()) {
    fonts = Handle::newDictionary();
    resources.replaceKey("/Font", fonts);
  } else if (fonts.isIndirect()) {
    // Shared with other pages: this page gets its own copy.
    fonts = fonts.shallowCopy();
    resources.replaceKey("/Font", fonts);
  }
  fonts.replaceKey(kFontName, font);
}

// `compress`: Flate for streams written without a filter (new page images); otherwise
// every stream is written as it was read.
Status write_pdf(QPDF& pdf, const fs::path& out, bool compress) {
  const fs::path tmp = out.string() + ".part";
  try {
    QPDFWriter writer(pdf, tmp.string().c_str());
    writer.setObjectStreamMode(qpdf_o_preserve);
    writer.setStreamDataMode(compress ? qpdf_s_compress : qpdf_s_preserve);
    writer.write();
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return Error::input("cannot write " + out.string() + ": " + e.what());
  }
  std::error_code ec;
  fs::rename(tmp, out, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::input("cannot write " + out.string() + ": " + ec.message());
  }
  return Ok{};
}

Result<ExportStats> from_pdf(std::string_view original, const std::vector<Page>& pages,
                             const fs::path& out) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  ExportStats stats;
  try {
    pdf.processMemoryFile("original", original.data(), original.size());
    QPDFPageDocumentHelper doc(pdf);
    doc.pushInheritedAttributesToPage();
    auto objects = doc.getAllPages();
    if (objects.size() != pages.size()) {
      return Error::input("the original has " + std::to_string(objects.size()) +
                          " pages but its page record " + std::to_string(pages.size()));
    }
    Handle font;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      stats.pages++;
      const Page& page = pages[i];
      if (page.source != TextSource::ocr || page.words.empty()) continue;
      if (!font.isInitialized()) font = make_font(pdf);
      QPDFPageObjectHelper& object = objects[i];
      add_font(object, font);
      double box[4] = {0, 0, 612, 792};
      Handle crop = object.getCropBox(true);
      if (crop.isRectangle()) {
        const auto r = crop.getArrayAsRectangle();
        box[0] = std::min(r.llx, r.urx), box[1] = std::min(r.lly, r.ury);
        box[2] = std::max(r.llx, r.urx), box[3] = std::max(r.lly, r.ury);
      }
      int rotate = 0;
      Handle r = object.getAttribute("/Rotate", false);
      if (r.isInteger()) rotate = ((r.getIntValueAsInt() % 360) + 360) % 360;
      // The page's own content is wrapped in q/Q so that a state it leaves behind does not
      // move the text layer.
      object.addPageContents(Handle::newStream(&pdf, "q\n"), true);
      object.addPageContents(flate_stream(pdf, "\nQ\n" + text_layer(page, box, rotate, stats.words)), false);
      stats.text_layers++;
    }
  } catch (const std::exception& e) {
    return Error::input(std::string("cannot read the original PDF: ") + e.what());
  }
  if (auto st = write_pdf(pdf, out, false); !st) return st.error();
  return stats;
}

Result<ExportStats> from_images(std::string_view original, const std::vector<Page>& pages,
                                const fs::path& out) {
  auto images = ocr::Image::pages_from_memory(original);
  if (!images) return Error::input("cannot read the original image: " + images.error().message);
  if (images->size() != pages.size()) {
    return Error::input("the original has " + std::to_string(images->size()) +
                        " pages but its page record " + std::to_string(pages.size()));
  }
  const bool jpeg = original.size() > 3 && static_cast<unsigned char>(original[0]) == 0xFF &&
                    static_cast<unsigned char>(original[1]) == 0xD8;
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  ExportStats stats;
  try {
    pdf.emptyPDF();
    QPDFPageDocumentHelper doc(pdf);
    Handle font;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const ocr::Image& image = (*images)[i];
      const Page& page = pages[i];
      Handle xobject;
      if (jpeg) {
        // Embedded as it is: no decoding, no second lossy compression.
        xobject = Handle::newStream(&pdf);
        xobject.replaceStreamData(std::string(original), Handle::newName("/DCTDecode"), Handle::newNull());
        Handle dict = xobject.getDict();
        dict.replaceKey("/ColorSpace", Handle::newName(image.depth() == 32 ? "/DeviceRGB" : "/DeviceGray"));
        dict.replaceKey("/BitsPerComponent", Handle::newInteger(8));
      } else {
        auto raster = image.raster();
        if (!raster) return Error::input("page " + std::to_string(i + 1) + ": " + raster.error().message);
        xobject = Handle::newStream(&pdf, raster->bytes);  // compressed (Flate) when written
        Handle dict = xobject.getDict();
        dict.replaceKey("/ColorSpace", Handle::newName(raster->components == 3 ? "/DeviceRGB" : "/DeviceGray"));
        dict.replaceKey("/BitsPerComponent", Handle::newInteger(raster->bits));
      }
      Handle dict = xobject.getDict();
      dict.replaceKey("/Type", Handle::newName("/XObject"));
      dict.replaceKey("/Subtype", Handle::newName("/Image"));
      dict.replaceKey("/Width", Handle::newInteger(image.width()));
      dict.replaceKey("/Height", Handle::newInteger(image.height()));
      const double w = page.width_pt > 0 ? page.width_pt : image.width() * 72.0 / 300;
      const double h = page.height_pt > 0 ? page.height_pt : image.height() * 72.0 / 300;
      std::string content = "q " + num(w) + " 0 0 " + num(h) + " 0 0 cm /Im0 Do Q\n";
      Handle resources = Handle::parse("<< /XObject << >> >>");
      resources.getKey("/XObject").replaceKey("/Im0", pdf.makeIndirectObject(xobject));
      const double box[4] = {0, 0, w, h};
      if (page.source == TextSource::ocr && !page.words.empty()) {
        if (!font.isInitialized()) font = make_font(pdf);
        Handle fonts = Handle::newDictionary();
        fonts.replaceKey(kFontName, font);
        resources.replaceKey("/Font", fonts);
        content += text_layer(page, box, 0, stats.words);
        stats.text_layers++;
      }
      Handle object = pdf.makeIndirectObject(Handle::parse("<< /Type /Page >>"));
      Handle media = Handle::newArray();
      for (const double v : box) media.appendItem(Handle::newReal(v, 2));
      object.replaceKey("/MediaBox", media);
      object.replaceKey("/Resources", resources);
      object.replaceKey("/Contents", Handle::newStream(&pdf, content));
      doc.addPage(QPDFPageObjectHelper(object), false);
      stats.pages++;
    }
  } catch (const std::exception& e) {
    return Error::input(std::string("cannot build the PDF: ") + e.what());
  }
  if (auto st = write_pdf(pdf, out, true); !st) return st.error();
  return stats;
}

}  // namespace

Result<ExportStats> write_searchable_pdf(std::string_view original, const std::vector<Page>& pages,
                                         const fs::path& out) {
  if (original.substr(0, std::min<std::size_t>(original.size(), 1024)).find("%PDF-") != std::string_view::npos) {
    return from_pdf(original, pages, out);
  }
  return from_images(original, pages, out);
}

}  // namespace foialens::ingest

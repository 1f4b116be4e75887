#include "common/document.hpp"

namespace foialens {

std::string_view to_string(TextSource s) {
  switch (s) {
    case TextSource::text_layer: return "text";
    case TextSource::ocr: return "ocr";
    case TextSource::none: return "none";
  }
  return "none";
}

}  // namespace foialens

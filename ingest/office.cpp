#include "ingest/office.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <tuple>
#include <map>
#include <set>

#include "common/date.hpp"
#include "common/text.hpp"
#include "ingest/archive.hpp"
#include "ingest/xml.hpp"

namespace foialens::ingest {
namespace {

using xml::Node;
constexpr std::string_view kXmlHint = "--max-xml-size";

int to_int(std::string_view s, int fallback) {
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() ? v : fallback;
}

std::string roman(int n, bool upper) {
  static constexpr std::pair<int, std::string_view> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [value, digits] : kParts) {
    while (n >= value && out.size() < 40) {
      out += digits;
      n -= value;
    }
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// a..z, aa..zz, as word processors letter their lists.
std::string letters(int n, bool upper) {
  if (n < 1) return std::to_string(n);
  const char base = upper ? 'A' : 'a';
  const int repeat = (n - 1) / 26 + 1;
  return std::string(static_cast<std::size_t>(std::min(repeat, 8)), static_cast<char>(base + (n - 1) % 26));
}

// `format` in the vocabularies of both standards: OOXML's w:numFmt values and ODF's
// style:num-format ("1", "a", "A", "i", "I").
std::string format_number(int n, std::string_view format) {
  if (format == "lowerLetter" || format == "a") return letters(n, false);
  if (format == "upperLetter" || format == "A") return letters(n, true);
  if (format == "lowerRoman" || format == "i") return roman(n, false);
  if (format == "upperRoman" || format == "I") return roman(n, true);
  if (format == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
  return std::to_string(n);
}

std::vector<Page> split_pages(const std::string& all) {
  std::vector<Page> pages;
  int number = 1;
  for (const auto part : text::split(all, '\f')) {
    Page page;
    page.number = number++;
    page.text = std::string(part);
    pages.push_back(std::move(page));
  }
  while (pages.size() > 1 && text::trim(pages.back().text).empty()) pages.pop_back();
  return pages;
}

// ---- Spreadsheets, both formats ------------------------------------------------------

struct Sheet {
  std::string name;
  struct Row {
    int number = 0;
    std::vector<std::pair<int, std::string>> cells;  // column (0-based), value
  };
  std::vector<Row> rows;
};

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Each non-empty row becomes a passage on the sheet's page. When the first row names the
// columns (text only), later rows say "Column: value" so that a hit reads on its own.
void render_sheets(const std::vector<Sheet>& sheets, OfficeText& out) {
  int ordinal = 0;
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    const Sheet& sheet = sheets[s];
    Page page;
    page.number = static_cast<int>(s) + 1;
    std::map<int, std::string> headers;
    bool first = true;
    for (const auto& row : sheet.rows) {
      if (row.cells.empty()) continue;
      std::string line;
      if (first) {
        bool all_text = true;
        for (const auto& [col, value] : row.cells) all_text = all_text && !is_number(value);
        if (all_text && row.cells.size() > 1) {
          for (const auto& [col, value] : row.cells) headers[col] = value;
        }
      }
      for (const auto& [col, value] : row.cells) {
        if (!line.empty()) line += first || headers.empty() ? " | " : "; ";
        const auto h = headers.find(col);
        if (!first && h != headers.end()) line += h->second + ": ";
        line += value;
      }
      first = false;
      page.text += line + "\n";
      Passage p;
      p.ordinal = ordinal++;
      p.page = p.page_end = page.number;
      p.heading = sheet.name;
      p.heading_path = sheet.name + " > row " + std::to_string(row.number);
      p.text = text::normalize(line);
      out.rows.push_back(std::move(p));
    }
    out.pages.push_back(std::move(page));
  }
}

// ---- Office Open XML ------------------------------------------------------------------

Result<std::map<std::string, std::string>> parts_of(std::string_view bytes, const Limits& limits,
                                                    const std::function<bool(std::string_view)>& wanted) {
  return zip_parts(bytes, wanted, limits.max_xml_bytes, kXmlHint);
}

Result<Node> parse_part(const std::map<std::string, std::string>& parts, const std::string& name,
                        const Limits& limits, bool required) {
  const auto it = parts.find(name);
  if (it == parts.end()) {
    if (required) return Error::input("damaged document: " + name + " is missing");
    return Node{};
  }
  return xml::parse_xml(it->second, name, limits);
}

std::string core_title(const std::map<std::string, std::string>& parts, const std::string& name,
                       const Limits& limits) {
  auto core = parse_part(parts, name, limits, false);
  if (!core) return {};
  std::function<std::string(const Node&)> find = [&](const Node& n) -> std::string {
    for (const Node& c : n.children) {
      if (c.name == "title") return text::squash_spaces(c.all_text());
      if (!c.is_text()) {
        if (auto t = find(c); !t.empty()) return t;
      }
    }
    return {};
  };
  return find(*core);
}

class WordNumbering {
 public:
  void load(const Node& numbering, const Node& styles) {
    for (const Node& n : numbering.children) {
      if (n.name == "abstractNum") {
        auto& levels = abstract_[std::string(n.attr("abstractNumId"))];
        for (const Node& lvl : n.children) {
          if (lvl.name != "lvl") continue;
          Level L;
          if (const Node* s = lvl.child("start")) L.start = to_int(s->attr("val"), 1);
          if (const Node* f = lvl.child("numFmt")) L.format = f->attr("val");
          if (const Node* t = lvl.child("lvlText")) L.text = t->attr("val");
          const int i = to_int(lvl.attr("ilvl"), 0);
          if (i >= 0 && i < 9) levels[static_cast<std::size_t>(i)] = L;
        }
      } else if (n.name == "num") {
        const std::string id(n.attr("numId"));
        if (const Node* a = n.child("abstractNumId")) num_[id] = a->attr("val");
        for (const Node& o : n.children) {
          if (o.name != "lvlOverride") continue;
          if (const Node* s = o.child("startOverride")) {
            overrides_[id][to_int(o.attr("ilvl"), 0)] = to_int(s->attr("val"), 1);
          }
        }
      }
    }
    for (const Node& s : styles.children) {
      if (s.name != "style") continue;
      const Node* ppr = s.child("pPr");
      const Node* numpr = ppr ? ppr->child("numPr") : nullptr;
      if (!numpr) continue;
      const Node* id = numpr->child("numId");
      const Node* lvl = numpr->child("ilvl");
      style_[std::string(s.attr("styleId"))] = {id ? std::string(id->attr("val")) : "",
                                                lvl ? to_int(lvl->attr("val"), 0) : 0};
    }
  }

  // The label of the next paragraph of list `num_id` at `level`: "4.", "(a)", "2.1".
  std::string next(const std::string& num_id, int level) {
    const auto abs = num_.find(num_id);
    if (abs == num_.end() || level < 0 || level > 8) return {};
    auto& levels = abstract_[abs->second];
    auto& count = counters_[abs->second];
    if (!started_[num_id]) {
      started_[num_id] = true;
      for (const auto& [l, start] : overrides_[num_id]) {
        if (l >= 0 && l < 9) count[static_cast<std::size_t>(l)] = start - 1;
      }
    }
    const auto lv = static_cast<std::size_t>(level);
    count[lv] = count[lv] == 0 && levels[lv].start != 1 ? levels[lv].start : count[lv] + 1;
    for (std::size_t d = lv + 1; d < 9; ++d) count[d] = 0;
    const Level& L = levels[lv];
    if (L.format == "bullet") return "\u2022";
    if (L.format == "none") return {};
    std::string label;
    for (std::size_t i = 0; i < L.text.size(); ++i) {
      if (L.text[i] == '%' && i + 1 < L.text.size() && L.text[i + 1] >= '1' && L.text[i + 1] <= '9') {
        const auto d = static_cast<std::size_t>(L.text[i + 1] - '1');
        const int value = count[d] == 0 ? levels[d].start : count[d];
        label += format_number(value, levels[d].format);
        ++i;
      } else {
        label += L.text[i];
      }
    }
    return label;
  }

  std::pair<std::string, int> for_style(const std::string& style) const {
    const auto it = style_.find(style);
    return it == style_.end() ? std::pair<std::string, int>{"", 0} : it->second;
  }

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";
    std::string text = "%1.";
  };
  std::map<std::string, std::array<Level, 9>> abstract_;
  std::map<std::string, std::string> num_;
  std::map<std::string, std::map<int, int>> overrides_;
  std::map<std::string, std::array<int, 9>> counters_;
  std::map<std::string, bool> started_;
  std::map<std::string, std::pair<std::string, int>> style_;
};

class WordReader {
 public:
  explicit WordReader(WordNumbering& numbering) : numbering_(numbering) {}

  void block(const Node& parent, std::string& out) {
    for (const Node& c : parent.children) {
      if (c.name == "p") {
        paragraph(c, out);
        out += "\n\n";
      } else if (c.name == "tbl") {
        table(c, out);
      } else if (c.name == "sdt") {
        if (const Node* content = c.child("sdtContent")) block(*content, out);
      } else if (c.name == "customXml" || c.name == "ins" || c.name == "smartTag") {
        block(c, out);
      }
    }
  }

 private:
  void paragraph(const Node& p, std::string& out) {
    std::string num_id;
    int level = 0;
    if (const Node* ppr = p.child("pPr")) {
      if (ppr->child("pageBreakBefore")) out += '\f';
      if (const Node* style = ppr->child("pStyle")) std::tie(num_id, level) = numbering_.for_style(std::string(style->attr("val")));
      if (const Node* numpr = ppr->child("numPr")) {
        if (const Node* id = numpr->child("numId")) num_id = id->attr("val");
        if (const Node* lvl = numpr->child("ilvl")) level = to_int(lvl->attr("val"), 0);
      }
    }
    std::string text;
    runs(p, text);
    if (!num_id.empty() && num_id != "0" && !text::trim(text).empty()) {
      const std::string label = numbering_.next(num_id, level);
      if (!label.empty()) text = label + " " + text;
    }
    out += text;
  }

  void runs(const Node& n, std::string& out) {
    for (const Node& c : n.children) {
      if (c.is_text()) continue;  // whitespace between elements; text is in <w:t>
      const std::string& name = c.name;
      if (name == "t") {
        out += c.all_text();
      } else if (name == "tab" || name == "ptab") {
        out += '\t';
      } else if (name == "br") {
        out += c.attr("type") == "page" ? '\f' : '\n';
      } else if (name == "cr") {
        out += '\n';
      } else if (name == "noBreakHyphen") {
        out += '-';
      } else if (name == "p") {  // a text box's paragraphs
        paragraph(c, out);
        out += '\n';
      } else if (name == "pPr" || name == "rPr" || name == "delText" || name == "instrText" ||
                 name == "Fallback" || name == "del" || name == "fldChar") {
        continue;  // formatting, deleted text, field codes, a drawing's duplicate fallback
      } else {
        runs(c, out);
      }
    }
  }

  void table(const Node& tbl, std::string& out) {
    for (const Node& tr : tbl.children) {
      if (tr.name != "tr") continue;
      std::string row;
      for (const Node& tc : tr.children) {
        if (tc.name != "tc") continue;
        std::string cell;
        for (const Node& p : tc.children) {
          if (p.name == "p") {
            std::string para;
            paragraph(p, para);
            if (!para.empty()) cell += (cell.empty() ? "" : " ") + para;
          } else if (p.name == "tbl") {
            table(p, cell);
          }
        }
        row += (row.empty() ? "" : "\t") + cell;
      }
      out += row + "\n";
    }
    out += "\n";
  }

  WordNumbering& numbering_;
};

Result<OfficeText> read_docx(std::string_view bytes, const Limits& limits) {
  auto parts = parts_of(bytes, limits, [](std::string_view n) {
    return n == "word/document.xml" || n == "word/numbering.xml" || n == "word/styles.xml" ||
           n == "docProps/core.xml";
  });
  if (!parts) return parts.error();
  auto document = parse_part(*parts, "word/document.xml", limits, true);
  if (!document) return document.error();
  auto numbering = parse_part(*parts, "word/numbering.xml", limits, false);
  if (!numbering) return numbering.error();
  auto styles = parse_part(*parts, "word/styles.xml", limits, false);
  if (!styles) return styles.error();
  WordNumbering numbers;
  numbers.load(*numbering, *styles);
  WordReader reader(numbers);
  std::string all;
  if (const Node* body = document->child("body")) reader.block(*body, all);
  OfficeText out;
  out.title = core_title(*parts, "docProps/core.xml", limits);
  out.pages = split_pages(all);
  return out;
}

// Built-in number formats that show dates (ECMA-376 Part 1, 18.8.30), and custom format
// codes with a day or year in them outside quoted text and [colour]/[locale] sections.
bool date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
    return true;
  }
  bool quoted = false, bracket = false;
  for (const char c : code) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '[') bracket = true;
    else if (!quoted && c == ']') bracket = false;
    else if (!quoted && !bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y')) return true;
  }
  return false;
}

std::string serial_date(std::string_view value, bool date1904) {
  double serial = 0;
  const auto r = std::from_chars(value.data(), value.data() + value.size(), serial);
  if (r.ec != std::errc() || serial < 1 || serial > 2958465) return std::string(value);
  auto days = static_cast<long>(std::floor(serial));
  // Serial 60 is the 29 February 1900 that never was (kept for Lotus 1-2-3 compatibility).
  const long epoch = date1904 ? -24107 : (days < 60 ? -25568 : -25569);
  std::string out = Date::from_days(days + epoch).iso();
  const double fraction = serial - std::floor(serial);
  if (fraction > 1e-9) {
    const auto minutes = static_cast<long>(std::lround(fraction * 24 * 60));
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02ld:%02ld", (minutes / 60) % 24, minutes % 60);
    out += buf;
  }
  return out;
}

int column_of(std::string_view ref) {
  int col = 0;
  for (const char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  return col - 1;
}

Result<OfficeText> read_xlsx(std::string_view bytes, const Limits& limits) {
  auto parts = parts_of(bytes, limits, [](std::string_view n) {
    return n == "xl/workbook.xml" || n == "xl/_rels/workbook.xml.rels" || n == "xl/sharedStrings.xml" ||
           n == "xl/styles.xml" || n == "docProps/core.xml" || n.substr(0, 14) == "xl/worksheets/";
  });
  if (!parts) return parts.error();
  auto workbook = parse_part(*parts, "xl/workbook.xml", limits, true);
  if (!workbook) return workbook.error();
  auto rels = parse_part(*parts, "xl/_rels/workbook.xml.rels", limits, true);
  if (!rels) return rels.error();
  auto shared = parse_part(*parts, "xl/sharedStrings.xml", limits, false);
  if (!shared) return shared.error();
  auto styles = parse_part(*parts, "xl/styles.xml", limits, false);
  if (!styles) return styles.error();

  std::vector<std::string> strings;
  for (const Node& si : shared->children) {
    if (si.name != "si") continue;
    std::string s;
    for (const Node& c : si.children) {
      if (c.name == "t") s += c.all_text();
      if (c.name == "r") {
        if (const Node* t = c.child("t")) s += t->all_text();
      }
    }
    strings.push_back(std::move(s));
  }
  std::map<int, std::string> custom_formats;
  std::vector<bool> style_is_date;
  if (const Node* fmts = styles->child("numFmts")) {
    for (const Node& f : fmts->children) {
      if (f.name == "numFmt") custom_formats[to_int(f.attr("numFmtId"), -1)] = f.attr("formatCode");
    }
  }
  if (const Node* xfs = styles->child("cellXfs")) {
    for (const Node& xf : xfs->children) {
      if (xf.name != "xf") continue;
      const int id = to_int(xf.attr("numFmtId"), 0);
      const auto code = custom_formats.find(id);
      style_is_date.push_back(date_format(id, code == custom_formats.end() ? "" : code->second));
    }
  }
  bool date1904 = false;
  if (const Node* pr = workbook->child("workbookPr")) date1904 = pr->attr("date1904") == "1" || pr->attr("date1904") == "true";
  std::map<std::string, std::string> targets;
  for (const Node& r : rels->children) {
    if (r.name == "Relationship") targets[std::string(r.attr("Id"))] = r.attr("Target");
  }

  std::vector<Sheet> sheets;
  if (const Node* list = workbook->child("sheets")) {
    for (const Node& s : list->children) {
      if (s.name != "sheet") continue;
      Sheet sheet;
      sheet.name = s.attr("name");
      const auto target = targets.find(std::string(s.attr("id")));
      if (target == targets.end()) continue;
      std::string path = target->second;
      path = path.starts_with("/") ? path.substr(1) : "xl/" + path;
      auto ws = parse_part(*parts, path, limits, true);
      if (!ws) return ws.error();
      const Node* data = ws->child("sheetData");
      int next_row = 1;
      static const Node kNoRows;
      for (const Node& row : (data ? *data : kNoRows).children) {
        if (row.name != "row") continue;
        Sheet::Row r;
        r.number = to_int(row.attr("r"), next_row);
        next_row = r.number + 1;
        int next_col = 0;
        for (const Node& c : row.children) {
          if (c.name != "c") continue;
          const std::string_view ref = c.attr("r");
          const int col = ref.empty() ? next_col : column_of(ref);
          next_col = col + 1;
          const std::string_view type = c.attr("t");
          std::string value;
          if (type == "inlineStr") {
            if (const Node* is = c.child("is")) value = is->all_text();
          } else if (const Node* v = c.child("v")) {
            const std::string raw = v->all_text();
            if (type == "s") {
              const int i = to_int(raw, -1);
              if (i >= 0 && static_cast<std::size_t>(i) < strings.size()) value = strings[static_cast<std::size_t>(i)];
            } else if (type == "b") {
              value = raw == "1" ? "TRUE" : "FALSE";
            } else if (type.empty() || type == "n") {
              const int style = to_int(c.attr("s"), 0);
              const bool is_date = style >= 0 && static_cast<std::size_t>(style) < style_is_date.size() &&
                                   style_is_date[static_cast<std::size_t>(style)];
              value = is_date ? serial_date(raw, date1904) : raw;
            } else {
              value = raw;
            }
          }
          value = text::squash_spaces(value);
          if (!value.empty()) r.cells.emplace_back(col, std::move(value));
        }
        sheet.rows.push_back(std::move(r));
      }
      sheets.push_back(std::move(sheet));
    }
  }
  OfficeText out;
  out.title = core_title(*parts, "docProps/core.xml", limits);
  render_sheets(sheets, out);
  return out;
}

// ---- OpenDocument ---------------------------------------------------------------------

struct OdfLevel {
  std::string format;  // "" for bullets and unnumbered levels
  std::string prefix, suffix;
  int display = 1;
  int start = 1;
};
using OdfListStyle = std::array<OdfLevel, 10>;

// Paragraph styles that start or end a page (fo:break-before / fo:break-after).
struct PageBreaks {
  std::set<std::string> before, after;
};

void load_list_styles(const Node& root, std::map<std::string, OdfListStyle>& lists, OdfListStyle& outline,
                      PageBreaks& breaks) {
  std::function<void(const Node&)> visit = [&](const Node& n) {
    for (const Node& c : n.children) {
      if (c.name == "style") {
        if (const Node* props = c.child("paragraph-properties")) {
          if (props->attr("break-before") == "page") breaks.before.insert(std::string(c.attr("name")));
          if (props->attr("break-after") == "page") breaks.after.insert(std::string(c.attr("name")));
        }
      } else if (c.name == "list-style" || c.name == "outline-style") {
        OdfListStyle style;
        for (const Node& lvl : c.children) {
          if (lvl.name != "list-level-style-number" && lvl.name != "outline-level-style") continue;
          const int level = to_int(lvl.attr("level"), 1);
          if (level < 1 || level > 10) continue;
          OdfLevel& L = style[static_cast<std::size_t>(level - 1)];
          L.format = lvl.attr("num-format");
          L.prefix = lvl.attr("num-prefix");
          L.suffix = lvl.attr("num-suffix");
          L.display = to_int(lvl.attr("display-levels"), 1);
          L.start = to_int(lvl.attr("start-value"), 1);
        }
        if (c.name == "outline-style") outline = style;
        else lists[std::string(c.attr("name"))] = style;
      } else if (c.name == "automatic-styles" || c.name == "styles") {
        visit(c);
      }
    }
  };
  visit(root);
}

std::string odf_label(const OdfListStyle& style, const std::array<int, 10>& count, int level) {
  const OdfLevel& L = style[static_cast<std::size_t>(level)];
  if (L.format.empty()) return {};
  std::string number;
  const int from = std::max(0, level - L.display + 1);
  for (int d = from; d <= level; ++d) {
    const OdfLevel& D = style[static_cast<std::size_t>(d)];
    const int value = count[static_cast<std::size_t>(d)] == 0 ? D.start : count[static_cast<std::size_t>(d)];
    number += (d == from ? "" : ".") + format_number(value, D.format.empty() ? "1" : D.format);
  }
  return L.prefix + number + L.suffix;
}

class OdtReader {
 public:
  OdtReader(std::map<std::string, OdfListStyle> lists, OdfListStyle outline, PageBreaks breaks)
      : lists_(std::move(lists)), outline_(outline), breaks_(std::move(breaks)) {}

  void block(const Node& parent, std::string& out) {
    for (const Node& c : parent.children) {
      const std::string style(c.attr("style-name"));
      if ((c.name == "p" || c.name == "h") && breaks_.before.count(style) != 0) out += '\f';
      if (c.name == "p") {
        inline_text(c, out);
        out += "\n\n";
      } else if (c.name == "h") {
        heading(c, out);
      } else if (c.name == "list") {
        list(c, out, 0, "");
      } else if (c.name == "table") {
        table(c, out);
      } else if (c.name == "soft-page-break") {
        out += '\f';
      } else if (c.name == "section" || c.name == "index-body" || c.name == "table-of-content" ||
                 c.name == "alphabetical-index" || c.name == "illustration-index") {
        block(c, out);
      }
      if ((c.name == "p" || c.name == "h") && breaks_.after.count(style) != 0) out += '\f';
    }
  }

 private:
  void heading(const Node& h, std::string& out) {
    const int level = std::clamp(to_int(h.attr("outline-level"), 1), 1, 10) - 1;
    std::string text;
    inline_text(h, text);
    if (!outline_[static_cast<std::size_t>(level)].format.empty() && !text::trim(text).empty()) {
      auto& c = headings_;
      c[static_cast<std::size_t>(level)] = c[static_cast<std::size_t>(level)] == 0
                                               ? outline_[static_cast<std::size_t>(level)].start
                                               : c[static_cast<std::size_t>(level)] + 1;
      for (std::size_t d = static_cast<std::size_t>(level) + 1; d < 10; ++d) c[d] = 0;
      const std::string label = odf_label(outline_, c, level);
      if (!label.empty()) text = label + " " + text;
    }
    out += text + "\n\n";
  }

  void list(const Node& l, std::string& out, int level, std::string style) {
    if (const auto s = l.attr("style-name"); !s.empty()) style = s;
    auto& count = counters_[style];
    if (level == 0 && l.attr("continue-numbering") != "true" && l.attr("continue-list").empty()) count = {};
    const auto found = lists_.find(style);
    for (const Node& item : l.children) {
      if (item.name != "list-item" && item.name != "list-header") continue;
      bool labelled = item.name == "list-header";
      if (!labelled && level < 10) {
        const auto lv = static_cast<std::size_t>(level);
        const int start = to_int(item.attr("start-value"), 0);
        const int base = found != lists_.end() ? found->second[lv].start : 1;
        count[lv] = start > 0 ? start : (count[lv] == 0 ? base : count[lv] + 1);
        for (std::size_t d = lv + 1; d < 10; ++d) count[d] = 0;
      }
      for (const Node& c : item.children) {
        if (c.name == "list") {
          list(c, out, level + 1, style);
        } else if (c.name == "p" || c.name == "h") {
          std::string text;
          inline_text(c, text);
          if (!labelled && level < 10 && !text::trim(text).empty()) {
            const std::string label = found != lists_.end() ? odf_label(found->second, count, level) : "";
            text = (label.empty() ? "\u2022" : label) + " " + text;
            labelled = true;
          }
          out += text + "\n\n";
        } else if (c.name == "soft-page-break") {
          out += '\f';
        }
      }
    }
  }

  void table(const Node& t, std::string& out) {
    for (const Node& r : t.children) {
      if (r.name == "table-header-rows" || r.name == "table-rows" || r.name == "table-row-group") {
        table(r, out);
        continue;
      }
      if (r.name == "soft-page-break") out += '\f';
      if (r.name != "table-row") continue;
      std::string row;
      for (const Node& cell : r.children) {
        if (cell.name != "table-cell") continue;
        std::string text;
        for (const Node& p : cell.children) {
          if (p.name == "p" || p.name == "h") {
            std::string para;
            inline_text(p, para);
            if (!para.empty()) text += (text.empty() ? "" : " ") + para;
          }
        }
        row += (row.empty() ? "" : "\t") + text;
      }
      out += row + "\n";
    }
    out += "\n";
  }

 public:
  static void inline_text(const Node& n, std::string& out) {
    for (const Node& c : n.children) {
      if (c.is_text()) {
        out += c.text;
      } else if (c.name == "s") {
        out.append(static_cast<std::size_t>(std::clamp(to_int(c.attr("c"), 1), 1, 1000)), ' ');
      } else if (c.name == "tab") {
        out += '\t';
      } else if (c.name == "line-break") {
        out += '\n';
      } else if (c.name == "note" || c.name == "annotation" || c.name == "tracked-changes" ||
                 c.name == "number") {
        continue;
      } else {
        inline_text(c, out);
      }
    }
  }

 private:
  std::map<std::string, OdfListStyle> lists_;
  OdfListStyle outline_;
  PageBreaks breaks_;
  std::map<std::string, std::array<int, 10>> counters_;
  std::array<int, 10> headings_{};
};

const Node* office_body(const Node& content, std::string_view kind) {
  const Node* body = content.child("body");
  return body ? body->child(kind) : nullptr;
}

// Repeated rows and cells are how ODF spells empty space (a sheet ends with a million
// repeated empty rows); repeated content is rare and expanded a bounded number of times.
constexpr int kMaxRepeat = 100;

void ods_rows(const Node& parent, Sheet& sheet, int& row_number) {
  for (const Node& r : parent.children) {
    if (r.name == "table-header-rows" || r.name == "table-rows" || r.name == "table-row-group") {
      ods_rows(r, sheet, row_number);
      continue;
    }
    if (r.name != "table-row") continue;
    const int repeat = std::max(1, to_int(r.attr("number-rows-repeated"), 1));
    Sheet::Row row;
    int col = 0;
    for (const Node& cell : r.children) {
      if (cell.name != "table-cell" && cell.name != "covered-table-cell") continue;
      const int span = std::max(1, to_int(cell.attr("number-columns-repeated"), 1));
      std::string value;
      if (cell.attr("value-type") == "date") {
        value = cell.attr("date-value");
        if (value.size() > 10 && value.substr(10) == "T00:00:00") value.resize(10);
      } else {
        for (const Node& p : cell.children) {
          if (p.name != "p") continue;
          std::string para;
          OdtReader::inline_text(p, para);
          value += (value.empty() ? "" : " ") + para;
        }
      }
      value = text::squash_spaces(value);
      if (!value.empty()) {
        for (int i = 0; i < std::min(span, kMaxRepeat); ++i) row.cells.emplace_back(col + i, value);
      }
      col += span;
    }
    const int copies = row.cells.empty() ? 0 : std::min(repeat, kMaxRepeat);
    for (int i = 0; i < copies; ++i) {
      Sheet::Row copy = row;
      copy.number = row_number + i;
      sheet.rows.push_back(std::move(copy));
    }
    row_number += repeat;
  }
}

Result<OfficeText> read_odf(std::string_view bytes, bool spreadsheet, const Limits& limits) {
  auto parts = parts_of(bytes, limits, [](std::string_view n) {
    return n == "content.xml" || n == "styles.xml" || n == "meta.xml";
  });
  if (!parts) return parts.error();
  auto content = parse_part(*parts, "content.xml", limits, true);
  if (!content) return content.error();
  OfficeText out;
  out.title = core_title(*parts, "meta.xml", limits);
  if (spreadsheet) {
    std::vector<Sheet> sheets;
    if (const Node* body = office_body(*content, "spreadsheet")) {
      for (const Node& t : body->children) {
        if (t.name != "table") continue;
        Sheet sheet;
        sheet.name = t.attr("name");
        int row_number = 1;
        ods_rows(t, sheet, row_number);
        sheets.push_back(std::move(sheet));
      }
    }
    render_sheets(sheets, out);
    return out;
  }
  auto styles = parse_part(*parts, "styles.xml", limits, false);
  if (!styles) return styles.error();
  std::map<std::string, OdfListStyle> lists;
  OdfListStyle outline{};
  PageBreaks breaks;
  load_list_styles(*styles, lists, outline, breaks);
  load_list_styles(*content, lists, outline, breaks);
  OdtReader reader(std::move(lists), outline, std::move(breaks));
  std::string all;
  if (const Node* body = office_body(*content, "text")) reader.block(*body, all);
  out.pages = split_pages(all);
  return out;
}

}  // namespace

Result<OfficeText> read_office(std::string_view bytes, std::string_view media_type, const Limits& limits) {
  if (media_type.ends_with("wordprocessingml.document")) return read_docx(bytes, limits);
  if (media_type.ends_with("spreadsheetml.sheet")) return read_xlsx(bytes, limits);
  if (media_type.ends_with("opendocument.text")) return read_odf(bytes, false, limits);
  if (media_type.ends_with("opendocument.spreadsheet")) return read_odf(bytes, true, limits);
  return Error::input("not an Office document: " + std::string(media_type));
}

}  // namespace foialens::ingest

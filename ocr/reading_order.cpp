#include "ocr/reading_order.hpp"

#include <algorithm>
#include <map>

namespace foialens::ocr {
namespace {

struct Range {
  int from = 0, to = 0;
  int overlap(int a, int b) const { return std::max(0, std::min(to, b) - std::max(from, a)); }
};

struct Block {
  int id = 0;
  int left = 0, top = 0, right = 0, bottom = 0;
  std::vector<int> members;  // line indices, in Tesseract's order
};

// The page's columns: the x ranges covered by narrow lines (under 55% of the widest
// line: a column's lines, not a heading, an introduction or a table row that spans
// them), cut where hardly any of them reaches.
std::vector<Range> find_columns(const std::vector<LineBox>& lines) {
  int widest = 0, right_edge = 0;
  for (const auto& l : lines) {
    widest = std::max(widest, l.right - l.left);
    right_edge = std::max(right_edge, l.right);
  }
  if (widest <= 0 || right_edge <= 0 || right_edge > 1'000'000) return {};
  std::vector<int> coverage(static_cast<std::size_t>(right_edge) + 1, 0);
  for (const auto& l : lines) {
    if ((l.right - l.left) * 100 > widest * 55 || l.left < 0) continue;
    for (int x = l.left; x < l.right; ++x) ++coverage[static_cast<std::size_t>(x)];
  }
  const int most = *std::max_element(coverage.begin(), coverage.end());
  const int floor = std::max(1, most / 20);
  std::vector<Range> out;
  bool in = false;
  for (int x = 0; x <= right_edge; ++x) {
    const bool covered = coverage[static_cast<std::size_t>(x)] > floor;
    if (covered && !in) out.push_back({x, x});
    if (covered) out.back().to = x + 1;
    in = covered;
  }
  // Slivers are not columns.
  std::erase_if(out, [&](const Range& r) { return (r.to - r.from) * 12 < right_edge; });
  return out;
}

}  // namespace

std::vector<OutputLine> reading_order(const std::vector<LineBox>& lines, bool columns) {
  std::vector<OutputLine> out;
  if (!columns) {
    int block = -1, para = -1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      OutputLine line;
      line.lines.push_back(static_cast<int>(i));
      line.paragraph_start = lines[i].block != block || lines[i].para != para;
      block = lines[i].block;
      para = lines[i].para;
      out.push_back(std::move(line));
    }
    return out;
  }
  const std::vector<Range> columns_found = find_columns(lines);
  if (columns_found.size() < 2) return reading_order(lines, false);

  // A block is cut where its lines leave a gap of two line heights: analysis sometimes
  // joins the top line of a column to a table above it.
  std::map<int, Block> blocks;
  std::map<int, std::pair<int, int>> piece_of;  // Tesseract block -> (piece key, last bottom)
  int pieces = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineBox& l = lines[i];
    auto [at, first_line] = piece_of.try_emplace(l.block, pieces, l.bottom);
    if (first_line) {
      ++pieces;
    } else if (l.top - at->second.second > 2 * std::max(1, l.bottom - l.top)) {
      at->second.first = pieces++;
    }
    at->second.second = l.bottom;
    auto [it, fresh] = blocks.try_emplace(at->second.first);
    Block& b = it->second;
    if (fresh) {
      b.id = it->first;
      b.left = l.left;
      b.top = l.top;
      b.right = l.right;
      b.bottom = l.bottom;
    }
    b.left = std::min(b.left, l.left);
    b.top = std::min(b.top, l.top);
    b.right = std::max(b.right, l.right);
    b.bottom = std::max(b.bottom, l.bottom);
    b.members.push_back(static_cast<int>(i));
  }

  // A block across two columns or more (title, introduction, wide table) divides the page
  // into sections; the other blocks belong to the column they overlap most.
  std::vector<const Block*> spanning;
  std::vector<std::pair<const Block*, std::size_t>> placed;  // block, column
  for (const auto& [id, b] : blocks) {
    int touched = 0;
    std::size_t best = 0;
    int best_overlap = -1;
    for (std::size_t c = 0; c < columns_found.size(); ++c) {
      const Range& col = columns_found[c];
      const int o = col.overlap(b.left, b.right);
      if (o * 4 >= col.to - col.from) ++touched;
      if (o > best_overlap) {
        best_overlap = o;
        best = c;
      }
    }
    if (touched >= 2) spanning.push_back(&b);
    else placed.emplace_back(&b, best);
  }
  std::sort(spanning.begin(), spanning.end(),
            [](const Block* a, const Block* b) { return a->top < b->top; });
  const auto section_of = [&](const Block* b) {
    std::size_t s = 0;
    while (s < spanning.size() && spanning[s]->top <= b->top) ++s;
    return s;
  };

  // Within a section and column, lines top to bottom; pieces of one printed line that
  // analysis put in different blocks (wide justified spaces) are joined left to right.
  const auto emit_lines = [&](std::vector<int> members) {
    std::sort(members.begin(), members.end(), [&](int a, int b) {
      const auto& la = lines[static_cast<std::size_t>(a)];
      const auto& lb = lines[static_cast<std::size_t>(b)];
      return la.top + la.bottom < lb.top + lb.bottom;
    });
    const std::size_t start = out.size();
    int row_bottom = -1, para = -1;
    for (const int i : members) {
      const LineBox& l = lines[static_cast<std::size_t>(i)];
      if (out.size() == start || (l.top + l.bottom) / 2 > row_bottom) {
        out.emplace_back();
        out.back().paragraph_start = out.size() - 1 == start || l.para != para;
        row_bottom = l.bottom;
      }
      out.back().lines.push_back(i);
      para = l.para;
    }
    for (auto it = out.begin() + static_cast<std::ptrdiff_t>(start); it != out.end(); ++it) {
      std::sort(it->lines.begin(), it->lines.end(), [&](int a, int b) {
        return lines[static_cast<std::size_t>(a)].left < lines[static_cast<std::size_t>(b)].left;
      });
    }
  };
  for (std::size_t s = 0; s <= spanning.size(); ++s) {
    if (s > 0) {
      int para = -1;
      for (const int i : spanning[s - 1]->members) {
        OutputLine line;
        line.lines.push_back(i);
        line.paragraph_start = para == -1 || lines[static_cast<std::size_t>(i)].para != para;
        para = lines[static_cast<std::size_t>(i)].para;
        out.push_back(std::move(line));
      }
    }
    for (std::size_t c = 0; c < columns_found.size(); ++c) {
      std::vector<int> members;
      for (const auto& [b, column] : placed) {
        if (column == c && section_of(b) == s) members.insert(members.end(), b->members.begin(), b->members.end());
      }
      if (!members.empty()) emit_lines(std::move(members));
    }
  }
  return out;
}

}  // namespace foialens::ocr

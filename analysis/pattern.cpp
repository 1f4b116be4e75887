#include "analysis/pattern.hpp"

#include <algorithm>
#include <cctype>

namespace foialens::analysis {
namespace {

constexpr std::size_t kMaxMatches = 200;

struct Lexeme {
  enum class Type { word, phrase, list, lparen, rparen, op_and, op_or, op_not, op_near, op_adj,
                    end };
  Type type = Type::end;
  std::string text;
  int distance = 10;
  std::size_t column = 1;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
}

// Splits a word as the index tokenizer would: "287(g)" -> 287, g; "I-247A" -> I, 247A.
std::vector<std::string> alnum_parts(std::string_view s) {
  std::vector<std::string> parts;
  std::string cur;
  for (const char c : s) {
    if (is_alnum(c)) {
      cur += c;
    } else if (!cur.empty()) {
      parts.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) parts.push_back(std::move(cur));
  return parts;
}

class Parser {
 public:
  Parser(std::string_view src, const TermLists& lists) : src_(src), lists_(lists) {}

  bool run(PatternNode& out, PatternError& error) {
    if (!lex(error)) return false;
    pos_ = 0;
    if (peek().type == Lexeme::Type::end) {
      error = {1, "empty pattern"};
      return false;
    }
    if (!sequence(out, error)) return false;
    if (peek().type == Lexeme::Type::rparen) {
      error = {peek().column, "unbalanced ')': no '(' before it"};
      return false;
    }
    return true;
  }

 private:
  bool lex(PatternError& error) {
    std::size_t i = 0;
    while (i < src_.size()) {
      const char c = src_[i];
      if (is_space(c)) {
        ++i;
        continue;
      }
      Lexeme lx;
      lx.column = i + 1;
      if (c == '(') {
        lx.type = Lexeme::Type::lparen;
        ++i;
      } else if (c == ')') {
        lx.type = Lexeme::Type::rparen;
        ++i;
      } else if (c == '"') {
        const std::size_t close = src_.find('"', i + 1);
        if (close == std::string_view::npos) {
          error = {i + 1, "unterminated phrase: no closing '\"'"};
          return false;
        }
        lx.type = Lexeme::Type::phrase;
        lx.text = std::string(src_.substr(i + 1, close - i - 1));
        if (alnum_parts(lx.text).empty()) {
          error = {i + 1, "empty phrase"};
          return false;
        }
        i = close + 1;
      } else if (c == '$') {
        std::size_t j = i + 1;
        while (j < src_.size() && (is_alnum(src_[j]) || src_[j] == '_' || src_[j] == '-')) ++j;
        lx.type = Lexeme::Type::list;
        lx.text = std::string(src_.substr(i + 1, j - i - 1));
        if (lx.text.empty()) {
          error = {i + 1, "'$' must be followed by the name of a term list"};
          return false;
        }
        i = j;
      } else {
        // A word: up to a space, a quote or a bracket; "287(g)" keeps its brackets when
        // they follow a letter or digit directly.
        std::size_t j = i;
        while (j < src_.size() && !is_space(src_[j]) && src_[j] != '"' && src_[j] != ')') {
          if (src_[j] == '(') {
            if (j == i || !is_alnum(src_[j - 1])) break;
            const std::size_t close = src_.find(')', j);
            if (close == std::string_view::npos) break;
            j = close + 1;
            continue;
          }
          ++j;
        }
        const std::string_view w = src_.substr(i, j - i);
        i = j;
        if (w == "AND") {
          lx.type = Lexeme::Type::op_and;
        } else if (w == "OR") {
          lx.type = Lexeme::Type::op_or;
        } else if (w == "NOT") {
          lx.type = Lexeme::Type::op_not;
        } else if (w == "XOR") {
          error = {lx.column, "XOR is not supported in rule patterns"};
          return false;
        } else if (w.substr(0, 4) == "NEAR" || w.substr(0, 3) == "ADJ") {
          const bool near = w[0] == 'N';
          const std::string_view rest = w.substr(near ? 4 : 3);
          lx.type = near ? Lexeme::Type::op_near : Lexeme::Type::op_adj;
          if (!rest.empty()) {
            if (rest[0] != '/' || rest.size() < 2 ||
                !std::all_of(rest.begin() + 1, rest.end(),
                             [](char d) { return d >= '0' && d <= '9'; }) ||
                rest.size() > 4) {
              error = {lx.column, "bad distance in '" + std::string(w) +
                                      "': expected NEAR/n or ADJ/n with n from 1 to 999"};
              return false;
            }
            lx.distance = std::stoi(std::string(rest.substr(1)));
            if (lx.distance < 1) {
              error = {lx.column, "bad distance in '" + std::string(w) + "': must be at least 1"};
              return false;
            }
          }
        } else {
          lx.type = Lexeme::Type::word;
          lx.text = std::string(w);
          const std::size_t star = lx.text.find('*');
          if (star != std::string::npos && star + 1 != lx.text.size()) {
            error = {lx.column + star, "'*' is allowed only at the end of a word"};
            return false;
          }
          if (alnum_parts(lx.text).empty()) {
            error = {lx.column, "'" + lx.text + "' has no letters or digits"};
            return false;
          }
        }
      }
      lexemes_.push_back(std::move(lx));
    }
    Lexeme end;
    end.column = src_.size() + 1;
    lexemes_.push_back(end);
    return true;
  }

  const Lexeme& peek() const { return lexemes_[pos_]; }
  const Lexeme& take() { return lexemes_[pos_++]; }

  static bool starts_operand(Lexeme::Type t) {
    return t == Lexeme::Type::word || t == Lexeme::Type::phrase || t == Lexeme::Type::list ||
           t == Lexeme::Type::lparen;
  }

  // sequence := or_expr+ (juxtaposition is OR)
  bool sequence(PatternNode& out, PatternError& error) {
    PatternNode any;
    any.kind = PatternNode::Kind::any;
    while (starts_operand(peek().type)) {
      PatternNode child;
      if (!or_expr(child, error)) return false;
      any.children.push_back(std::move(child));
    }
    if (any.children.empty()) {
      const Lexeme& lx = peek();
      if (lx.type == Lexeme::Type::end) {
        error = {lx.column, "expected a word, phrase or '(' at the end of the pattern"};
      } else if (lx.type == Lexeme::Type::rparen) {
        error = {lx.column, "empty parentheses"};
      } else {
        error = {lx.column, "operator without a left operand"};
      }
      return false;
    }
    if (!starts_operand(peek().type) && peek().type != Lexeme::Type::end &&
        peek().type != Lexeme::Type::rparen) {
      error = {peek().column, "operator without a left operand"};
      return false;
    }
    out = any.children.size() == 1 ? std::move(any.children.front()) : std::move(any);
    return true;
  }

  bool or_expr(PatternNode& out, PatternError& error) {
    if (!and_expr(out, error)) return false;
    while (peek().type == Lexeme::Type::op_or) {
      const Lexeme& op = take();
      PatternNode rhs;
      if (!operand_after(op, error) || !and_expr(rhs, error)) return false;
      if (out.kind != PatternNode::Kind::any) {
        PatternNode any;
        any.kind = PatternNode::Kind::any;
        any.children.push_back(std::move(out));
        out = std::move(any);
      }
      out.children.push_back(std::move(rhs));
    }
    return true;
  }

  bool and_expr(PatternNode& out, PatternError& error) {
    if (!near_expr(out, error)) return false;
    while (peek().type == Lexeme::Type::op_and || peek().type == Lexeme::Type::op_not) {
      const Lexeme& op = take();
      bool negate = op.type == Lexeme::Type::op_not;
      if (!negate && peek().type == Lexeme::Type::op_not) {
        take();
        negate = true;
      }
      PatternNode rhs;
      if (!operand_after(op, error) || !near_expr(rhs, error)) return false;
      PatternNode node;
      node.kind = negate ? PatternNode::Kind::but_not : PatternNode::Kind::all;
      node.children.push_back(std::move(out));
      node.children.push_back(std::move(rhs));
      out = std::move(node);
    }
    return true;
  }

  bool near_expr(PatternNode& out, PatternError& error) {
    if (!primary(out, error)) return false;
    while (peek().type == Lexeme::Type::op_near || peek().type == Lexeme::Type::op_adj) {
      const Lexeme& op = take();
      PatternNode rhs;
      if (!operand_after(op, error) || !primary(rhs, error)) return false;
      PatternNode node;
      node.kind = op.type == Lexeme::Type::op_near ? PatternNode::Kind::near
                                                   : PatternNode::Kind::adj;
      node.distance = op.distance;
      node.children.push_back(std::move(out));
      node.children.push_back(std::move(rhs));
      out = std::move(node);
    }
    return true;
  }

  bool operand_after(const Lexeme& op, PatternError& error) {
    if (starts_operand(peek().type)) return true;
    const std::string name = op.type == Lexeme::Type::op_and   ? "AND"
                             : op.type == Lexeme::Type::op_or  ? "OR"
                             : op.type == Lexeme::Type::op_not ? "NOT"
                             : op.type == Lexeme::Type::op_near ? "NEAR"
                                                                : "ADJ";
    error = {op.column, name + " without a right operand"};
    return false;
  }

  bool primary(PatternNode& out, PatternError& error) {
    const Lexeme& lx = peek();
    switch (lx.type) {
      case Lexeme::Type::lparen: {
        take();
        if (peek().type == Lexeme::Type::rparen) {
          error = {lx.column, "empty parentheses"};
          return false;
        }
        if (!sequence(out, error)) return false;
        if (peek().type != Lexeme::Type::rparen) {
          error = {lx.column, "unbalanced '(': no ')' after it"};
          return false;
        }
        take();
        return true;
      }
      case Lexeme::Type::word: {
        take();
        std::string w = lx.text;
        if (!w.empty() && w.back() == '*') {
          w.pop_back();
          const auto parts = alnum_parts(w);
          if (parts.size() != 1) {
            error = {lx.column, "a wildcard must be a single word: '" + lx.text + "'"};
            return false;
          }
          out.kind = PatternNode::Kind::wildcard;
          out.words = {parts.front()};
          out.keys = {word_folded(parts.front())};
          return true;
        }
        const auto parts = alnum_parts(w);
        if (parts.size() == 1) {
          out.kind = PatternNode::Kind::term;
          out.words = parts;
          out.keys = {word_key(parts.front())};
          const std::string& p = parts.front();
          out.acronym = p.size() >= 2 && std::all_of(p.begin(), p.end(), [](char c) {
                          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                        }) && std::any_of(p.begin(), p.end(), [](char c) {
                          return c >= 'A' && c <= 'Z';
                        });
        } else {
          make_phrase(out, parts);  // "287(g)", "I-247A": a phrase, as the index sees it
        }
        return true;
      }
      case Lexeme::Type::phrase: {
        take();
        const auto parts = alnum_parts(lx.text);
        if (parts.size() == 1) {
          out.kind = PatternNode::Kind::term;
          out.words = parts;
          out.keys = {word_key(parts.front())};
        } else {
          make_phrase(out, parts);
        }
        return true;
      }
      case Lexeme::Type::list: {
        take();
        const auto it = lists_.find(lx.text);
        if (it == lists_.end()) {
          error = {lx.column, "unknown term list '$" + lx.text + "'"};
          return false;
        }
        out = it->second;
        return true;
      }
      default:
        if (lx.type == Lexeme::Type::end) {
          error = {lx.column, "expected a word, phrase or '(' at the end of the pattern"};
        } else if (lx.type == Lexeme::Type::rparen) {
          error = {lx.column, "unexpected ')'"};
        } else {
          error = {lx.column, "two operators in a row"};
        }
        return false;
    }
  }

  static void make_phrase(PatternNode& out, const std::vector<std::string>& parts) {
    out.kind = PatternNode::Kind::phrase;
    out.words = parts;
    out.keys.clear();
    for (const auto& p : parts) out.keys.push_back(word_key(p));
  }

  std::string_view src_;
  const TermLists& lists_;
  std::vector<Lexeme> lexemes_;
  std::size_t pos_ = 0;
};

// --- index query ------------------------------------------------------------------------

void emit(const PatternNode& n, std::string& out) {
  switch (n.kind) {
    case PatternNode::Kind::term:
      out += n.words.front();
      return;
    case PatternNode::Kind::wildcard:
      out += n.words.front();
      out += '*';
      return;
    case PatternNode::Kind::phrase: {
      // The index matches phrases on exact word forms ("hold request" misses "hold
      // requests"); the text match stems them. AND of the words keeps every clause the text
      // match accepts among the candidates.
      out += '(';
      for (std::size_t i = 0; i < n.words.size(); ++i) {
        if (i) out += " AND ";
        out += n.words[i];
      }
      out += ')';
      return;
    }
    case PatternNode::Kind::any:
    case PatternNode::Kind::all:
    case PatternNode::Kind::but_not:
    case PatternNode::Kind::near:
    case PatternNode::Kind::adj: {
      std::string op = n.kind == PatternNode::Kind::any       ? " OR "
                       : n.kind == PatternNode::Kind::but_not ? " AND NOT "
                                                              : " AND ";
      // NEAR and ADJ become AND: the index matches positional queries on exact word forms
      // and between single terms only; the text match applies the distance.
      if (n.children.size() == 1) {
        emit(n.children.front(), out);
        return;
      }
      out += '(';
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i) out += op;
        emit(n.children[i], out);
      }
      out += ')';
      return;
    }
  }
}

// --- text match -------------------------------------------------------------------------

int gap(const Match& a, const Match& b) {
  if (a.last < b.first) return b.first - a.last - 1;
  if (b.last < a.first) return a.first - b.last - 1;
  return 0;
}

Match merge(const Match& a, const Match& b) {
  Match m;
  m.first = std::min(a.first, b.first);
  m.last = std::max(a.last, b.last);
  m.parts = a.parts;
  m.parts.insert(m.parts.end(), b.parts.begin(), b.parts.end());
  std::sort(m.parts.begin(), m.parts.end());
  m.parts.erase(std::unique(m.parts.begin(), m.parts.end()), m.parts.end());
  return m;
}

bool token_matches_term(const PatternNode& n, const Token& t, std::size_t k) {
  if (n.acronym && !t.upper) return false;
  return keys_match(t.key, n.keys[k]);
}

std::vector<Match> eval(const PatternNode& n, const AnalyzedText& at) {
  std::vector<Match> out;
  const auto& toks = at.tokens;
  const int count = static_cast<int>(toks.size());
  switch (n.kind) {
    case PatternNode::Kind::term: {
      for (int i = 0; i < count && out.size() < kMaxMatches; ++i) {
        const Token& t = toks[static_cast<std::size_t>(i)];
        if (token_matches_term(n, t, 0)) {
          out.push_back({i, i, {{i, i}}});
        } else if (!n.acronym && n.keys[0].size() >= 8 && i + 1 < count &&
                   t.sentence == toks[static_cast<std::size_t>(i + 1)].sentence) {
          // OCR split a long word in two: "immi gration".
          const Token& u = toks[static_cast<std::size_t>(i + 1)];
          if (t.offset + t.length + 1 == u.offset && t.lower.size() >= 2 && u.lower.size() >= 2 &&
              word_key(t.lower + u.lower) == n.keys[0]) {
            out.push_back({i, i + 1, {{i, i + 1}}});
          }
        }
      }
      return out;
    }
    case PatternNode::Kind::wildcard: {
      const std::string& prefix = n.keys[0];
      for (int i = 0; i < count && out.size() < kMaxMatches; ++i) {
        const Token& t = toks[static_cast<std::size_t>(i)];
        if (t.folded.compare(0, prefix.size(), prefix) == 0) out.push_back({i, i, {{i, i}}});
      }
      return out;
    }
    case PatternNode::Kind::phrase: {
      const int len = static_cast<int>(n.keys.size());
      for (int i = 0; i + len <= count && out.size() < kMaxMatches; ++i) {
        bool ok = true;
        for (int k = 0; k < len && ok; ++k) {
          ok = token_matches_term(n, toks[static_cast<std::size_t>(i + k)],
                                  static_cast<std::size_t>(k));
        }
        if (ok) out.push_back({i, i + len - 1, {{i, i + len - 1}}});
      }
      return out;
    }
    case PatternNode::Kind::any: {
      for (const auto& c : n.children) {
        auto m = eval(c, at);
        out.insert(out.end(), m.begin(), m.end());
      }
      std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
        return a.first != b.first ? a.first < b.first : a.last < b.last;
      });
      if (out.size() > kMaxMatches) out.resize(kMaxMatches);
      return out;
    }
    case PatternNode::Kind::all: {
      std::vector<std::vector<Match>> each;
      for (const auto& c : n.children) {
        each.push_back(eval(c, at));
        if (each.back().empty()) return {};
      }
      // Each match of the first operand, joined with the nearest match of the others.
      for (const Match& m : each.front()) {
        Match joined = m;
        for (std::size_t k = 1; k < each.size(); ++k) {
          const Match* best = &each[k].front();
          for (const Match& o : each[k]) {
            if (gap(m, o) < gap(m, *best)) best = &o;
          }
          joined = merge(joined, *best);
        }
        out.push_back(std::move(joined));
      }
      return out;
    }
    case PatternNode::Kind::but_not: {
      if (!eval(n.children[1], at).empty()) return {};
      return eval(n.children[0], at);
    }
    case PatternNode::Kind::near:
    case PatternNode::Kind::adj: {
      const auto left = eval(n.children[0], at);
      if (left.empty()) return {};
      const auto right = eval(n.children[1], at);
      for (const Match& a : left) {
        for (const Match& b : right) {
          if (out.size() >= kMaxMatches) return out;
          if (toks[static_cast<std::size_t>(a.first)].sentence !=
              toks[static_cast<std::size_t>(b.first)].sentence) {
            continue;
          }
          if (n.kind == PatternNode::Kind::adj && b.first <= a.last) continue;
          if (a.first <= b.last && b.first <= a.last) continue;  // the same words
          if (gap(a, b) <= n.distance) out.push_back(merge(a, b));
        }
      }
      std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
        return a.first != b.first ? a.first < b.first : a.last < b.last;
      });
      return out;
    }
  }
  return out;
}

}  // namespace

Result<Pattern> Pattern::parse(std::string_view source, const TermLists& lists,
                               PatternError* error) {
  PatternError local;
  PatternError& err = error ? *error : local;
  Parser parser(source, lists);
  Pattern p;
  p.source_ = std::string(source);
  if (!parser.run(p.root_, err)) {
    return Error::run("column " + std::to_string(err.column) + ": " + err.message);
  }
  return p;
}

std::string Pattern::to_index_query() const {
  std::string out;
  emit(root_, out);
  return out;
}

std::vector<Match> Pattern::match(const AnalyzedText& text) const { return eval(root_, text); }

}  // namespace foialens::analysis

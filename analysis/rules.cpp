#include "analysis/rules.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "common/agencies.hpp"
#include "common/hash.hpp"
#include "common/paths.hpp"

namespace foialens::analysis {
namespace fs = std::filesystem;

std::string_view to_string(Severity s) { return s == Severity::conflict ? "conflict" : "review"; }

std::string_view to_string(Effect e) {
  switch (e) {
    case Effect::clear: return "clear";
    case Effect::review: return "review";
    case Effect::note: return "note";
  }
  return "clear";
}

const Provision* RuleSet::provision(std::string_view id_) const {
  for (const auto& p : provisions) {
    if (p.id == id_) return &p;
  }
  return nullptr;
}

const Rule* RuleSet::rule(std::string_view id_) const {
  for (const auto& r : rules) {
    if (r.id == id_) return &r;
  }
  return nullptr;
}

std::string RuleIssue::to_string() const {
  std::string out = file.string();
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out + ": " + message;
}

fs::path default_rules_path() { return paths::data_dir() / "rules" / "chicago-welcoming-city.toml"; }

std::vector<fs::path> installed_rules_paths() {
  std::vector<fs::path> found;
  const fs::path dir = paths::data_dir() / "rules";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) found.push_back(it->path());
  }
  const fs::path first = default_rules_path();
  std::sort(found.begin(), found.end(), [&](const fs::path& a, const fs::path& b) {
    if ((a == first) != (b == first)) return a == first;
    return a < b;
  });
  return found;
}

namespace {

class Loader {
 public:
  Loader(fs::path file, RuleCheck& out) : file_(std::move(file)), out_(out) {}

  void run(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_.string());
    } catch (const toml::parse_error& e) {
      issue(static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
            "not valid TOML: " + std::string(e.description()));
      return;
    }
    RuleSet rs;
    rs.file = file_;
    known_keys(root, "the top level", {"policy", "context", "terms", "provision", "rule",
                                       "mitigator"});
    read_policy(root, rs);
    read_terms(root, rs);
    read_context(root, rs);
    read_provisions(root, rs);
    read_rules(root, rs);
    read_mitigators(root, rs);
    if (out_.issues.empty()) out_.rules = std::move(rs);
  }

 private:
  void issue(int line, int column, std::string message) {
    out_.issues.push_back({file_, line, column, std::move(message)});
  }
  void issue_at(const toml::node& node, std::string message) {
    issue(static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column),
          std::move(message));
  }

  void known_keys(const toml::table& t, std::string_view where,
                  std::initializer_list<std::string_view> keys) {
    for (const auto& [key, node] : t) {
      const std::string_view k = key.str();
      if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
      std::string msg = "unknown key '" + std::string(k) + "' in " + std::string(where);
      std::string_view best;
      std::size_t best_d = 3;
      for (const auto& candidate : keys) {
        const std::size_t d = agencies::edit_distance(k, candidate);
        if (d < best_d) {
          best_d = d;
          best = candidate;
        }
      }
      if (!best.empty()) msg += "; did you mean '" + std::string(best) + "'?";
      issue(static_cast<int>(key.source().begin.line), static_cast<int>(key.source().begin.column),
            msg);
      (void)node;
    }
  }

  // A string value at `key`; `required` reports a missing key at the table's line.
  std::string str(const toml::table& t, std::string_view key, std::string_view where,
                  bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) issue_at(t, "missing key '" + std::string(key) + "' in " + std::string(where));
      return {};
    }
    if (const auto* s = n->as_string()) {
      if (required && text_empty(s->get())) {
        issue_at(*n, "'" + std::string(key) + "' in " + std::string(where) + " is empty");
      }
      return s->get();
    }
    issue_at(*n, "'" + std::string(key) + "' in " + std::string(where) + " must be a string");
    return {};
  }

  static bool text_empty(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
  }

  // Column of a pattern error inside a string value: exact for one-line strings.
  int pattern_column(const toml::node& n, std::size_t pattern_column) {
    const auto& src = n.source();
    if (src.begin.line != src.end.line) return 0;
    return static_cast<int>(src.begin.column + pattern_column);
  }

  std::optional<Pattern> pattern(const toml::node& n, const TermLists& lists,
                                 std::string_view what) {
    const auto* s = n.as_string();
    if (!s) {
      issue_at(n, std::string(what) + " must be a string");
      return std::nullopt;
    }
    PatternError err;
    auto p = Pattern::parse(s->get(), lists, &err);
    if (!p) {
      issue(static_cast<int>(n.source().begin.line), pattern_column(n, err.column),
            "bad pattern in " + std::string(what) + ": " + err.message);
      return std::nullopt;
    }
    return std::move(p).value();
  }

  // One pattern or an array of them, OR'd by the caller.
  std::vector<Pattern> patterns(const toml::table& t, std::string_view key, const TermLists& lists,
                                std::string_view where) {
    std::vector<Pattern> out;
    const toml::node* n = t.get(key);
    if (!n) {
      issue_at(t, "missing key '" + std::string(key) + "' in " + std::string(where));
      return out;
    }
    const std::string what = "'" + std::string(key) + "' of " + std::string(where);
    if (const auto* arr = n->as_array()) {
      if (arr->empty()) issue_at(*n, what + " is empty");
      for (const auto& el : *arr) {
        if (auto p = pattern(el, lists, what)) out.push_back(std::move(*p));
      }
    } else if (auto p = pattern(*n, lists, what)) {
      out.push_back(std::move(*p));
    }
    return out;
  }

  void read_policy(const toml::table& root, RuleSet& rs) {
    const auto* policy = root.get_as<toml::table>("policy");
    if (!policy) {
      issue(1, 0, "missing table [policy] (id, title, jurisdiction, citation, version)");
      return;
    }
    known_keys(*policy, "[policy]", {"id", "title", "jurisdiction", "citation", "version",
                                     "effective"});
    rs.id = str(*policy, "id", "[policy]", true);
    rs.title = str(*policy, "title", "[policy]", true);
    rs.jurisdiction = str(*policy, "jurisdiction", "[policy]", false);
    rs.citation = str(*policy, "citation", "[policy]", true);
    rs.version = str(*policy, "version", "[policy]", false);
    if (const toml::node* eff = policy->get("effective")) {
      if (const auto* d = eff->as_date()) {
        std::ostringstream os;
        os << d->get();
        rs.effective = os.str();
      } else {
        issue_at(*eff, "'effective' in [policy] must be a date (YYYY-MM-DD, unquoted)");
      }
    }
  }

  void read_terms(const toml::table& root, RuleSet& rs) {
    const toml::node* node = root.get("terms");
    if (!node) return;
    const auto* terms = node->as_table();
    if (!terms) {
      issue_at(*node, "[terms] must be a table of named patterns");
      return;
    }
    // Lists may use lists defined before or after them: resolve in rounds.
    std::vector<std::pair<std::string, const toml::node*>> pending;
    for (const auto& [key, value] : *terms) pending.emplace_back(std::string(key.str()), &value);
    bool progress = true;
    while (!pending.empty() && progress) {
      progress = false;
      for (auto it = pending.begin(); it != pending.end();) {
        std::string source;
        if (const auto* s = it->second->as_string()) {
          source = s->get();
        } else if (const auto* arr = it->second->as_array()) {
          for (const auto& el : *arr) {
            if (const auto* s2 = el.as_string()) source += "(" + s2->get() + ") ";
          }
        }
        bool ready = true;
        for (std::size_t at = source.find('$'); at != std::string::npos;
             at = source.find('$', at + 1)) {
          std::size_t end = at + 1;
          while (end < source.size() && (std::isalnum(static_cast<unsigned char>(source[end])) ||
                                         source[end] == '_' || source[end] == '-')) {
            ++end;
          }
          const std::string name = source.substr(at + 1, end - at - 1);
          const bool known_pending = std::any_of(pending.begin(), pending.end(),
                                                 [&](const auto& p) { return p.first == name; });
          if (!rs.lists.contains(name) && known_pending && name != it->first) ready = false;
        }
        if (!ready) {
          ++it;
          continue;
        }
        const std::string where = "[terms] " + it->first;
        std::vector<Pattern> ps;
        if (it->second->is_array()) {
          for (const auto& el : *it->second->as_array()) {
            if (auto p = pattern(el, rs.lists, "'" + where + "'")) ps.push_back(std::move(*p));
          }
        } else if (auto p = pattern(*it->second, rs.lists, "'" + where + "'")) {
          ps.push_back(std::move(*p));
        }
        if (!ps.empty()) {
          PatternNode any;
          any.kind = PatternNode::Kind::any;
          for (auto& p : ps) any.children.push_back(p.root());
          rs.lists.emplace(it->first, any.children.size() == 1 ? any.children.front() : any);
        }
        it = pending.erase(it);
        progress = true;
      }
    }
    for (const auto& [name, node2] : pending) {
      issue_at(*node2, "term list '" + name + "' refers to itself through other lists");
    }
  }

  void read_context(const toml::table& root, RuleSet& rs) {
    const toml::node* node = root.get("context");
    if (!node) return;
    const auto* ctx = node->as_table();
    if (!ctx) {
      issue_at(*node, "[context] must be a table");
      return;
    }
    known_keys(*ctx, "[context]", {"actor", "review_only_types"});
    if (const toml::node* actor = ctx->get("actor")) {
      if (auto p = pattern(*actor, rs.lists, "'actor' of [context]")) rs.actor = std::move(*p);
    }
    if (const toml::node* types = ctx->get("review_only_types")) {
      if (const auto* arr = types->as_array()) {
        for (const auto& el : *arr) {
          if (const auto* s = el.as_string()) {
            rs.review_only_types.push_back(s->get());
          } else {
            issue_at(el, "'review_only_types' of [context] must list strings");
          }
        }
      } else {
        issue_at(*types, "'review_only_types' of [context] must be an array of strings");
      }
    }
  }

  const toml::array* array_of_tables(const toml::table& root, std::string_view key) {
    const toml::node* node = root.get(key);
    if (!node) return nullptr;
    const auto* arr = node->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      issue_at(*node, "'" + std::string(key) + "' must be written as [[" + std::string(key) +
                          "]] tables");
      return nullptr;
    }
    return arr;
  }

  void read_provisions(const toml::table& root, RuleSet& rs) {
    const auto* arr = array_of_tables(root, "provision");
    if (!arr) {
      if (!root.get("provision")) issue(1, 0, "no [[provision]]: a rule set needs at least one");
      return;
    }
    std::set<std::string> seen;
    for (const auto& el : *arr) {
      const auto& t = *el.as_table();
      Provision p;
      p.line = static_cast<int>(t.source().begin.line);
      known_keys(t, "[[provision]]", {"id", "citation", "title", "summary"});
      p.id = str(t, "id", "[[provision]]", true);
      p.citation = str(t, "citation", "[[provision]] " + p.id, true);
      p.title = str(t, "title", "[[provision]] " + p.id, false);
      p.summary = str(t, "summary", "[[provision]] " + p.id, true);
      if (!p.id.empty() && !seen.insert(p.id).second) {
        issue_at(*t.get("id"), "duplicate provision id '" + p.id + "'");
      }
      rs.provisions.push_back(std::move(p));
    }
  }

  void read_rules(const toml::table& root, RuleSet& rs) {
    const auto* arr = array_of_tables(root, "rule");
    if (!arr) {
      if (!root.get("rule")) issue(1, 0, "no [[rule]]: a rule set needs at least one");
      return;
    }
    std::set<std::string> seen;
    for (const auto& el : *arr) {
      const auto& t = *el.as_table();
      Rule r;
      r.line = static_cast<int>(t.source().begin.line);
      known_keys(t, "[[rule]]", {"id", "provision", "severity", "actor", "summary", "explanation",
                                 "triggers", "focus"});
      r.id = str(t, "id", "[[rule]]", true);
      const std::string where = "[[rule]] " + (r.id.empty() ? std::string("?") : r.id);
      if (!r.id.empty() && !seen.insert(r.id).second) {
        issue_at(*t.get("id"), "duplicate rule id '" + r.id + "'");
      }
      r.provision = str(t, "provision", where, true);
      if (!r.provision.empty() && !rs.provision(r.provision)) {
        std::string known;
        for (const auto& p : rs.provisions) known += (known.empty() ? "" : ", ") + p.id;
        issue_at(*t.get("provision"), "rule '" + r.id + "' cites provision '" + r.provision +
                                          "', which no [[provision]] defines (known: " + known + ")");
      }
      const std::string severity = str(t, "severity", where, true);
      if (severity == "conflict") {
        r.severity = Severity::conflict;
      } else if (severity == "review") {
        r.severity = Severity::review;
      } else if (!severity.empty()) {
        issue_at(*t.get("severity"), "severity '" + severity + "' in " + where +
                                         " must be \"conflict\" or \"review\"");
      }
      if (t.get("actor")) {
        const std::string actor = str(t, "actor", where, false);
        if (actor == "none") {
          r.actor = ActorScope::none;
        } else if (actor == "clause") {
          r.actor = ActorScope::clause;
        } else if (actor == "clause-or-document") {
          r.actor = ActorScope::clause_or_document;
        } else if (!actor.empty()) {
          issue_at(*t.get("actor"), "actor '" + actor + "' in " + where +
                                        " must be \"none\", \"clause\" or \"clause-or-document\"");
        }
      }
      if (r.actor != ActorScope::none && !rs.actor) {
        issue_at(t, "rule '" + r.id + "' needs an actor but [context] defines no 'actor' pattern");
      }
      r.summary = str(t, "summary", where, true);
      r.explanation = str(t, "explanation", where, true);
      r.triggers = patterns(t, "triggers", rs.lists, where);
      if (const toml::node* focus = t.get("focus")) {
        if (auto p = pattern(*focus, rs.lists, "'focus' of " + where)) r.focus = std::move(*p);
      }
      rs.rules.push_back(std::move(r));
    }
  }

  void read_mitigators(const toml::table& root, RuleSet& rs) {
    const auto* arr = array_of_tables(root, "mitigator");
    if (!arr) return;
    std::set<std::string> seen;
    for (const auto& el : *arr) {
      const auto& t = *el.as_table();
      Mitigator m;
      m.line = static_cast<int>(t.source().begin.line);
      known_keys(t, "[[mitigator]]", {"id", "patterns", "effect", "scope", "negated", "rules",
                                      "explanation"});
      m.id = str(t, "id", "[[mitigator]]", true);
      const std::string where = "[[mitigator]] " + (m.id.empty() ? std::string("?") : m.id);
      if (!m.id.empty() && !seen.insert(m.id).second) {
        issue_at(*t.get("id"), "duplicate mitigator id '" + m.id + "'");
      }
      m.patterns = patterns(t, "patterns", rs.lists, where);
      const std::string effect = str(t, "effect", where, true);
      if (effect == "clear") {
        m.effect = Effect::clear;
      } else if (effect == "review") {
        m.effect = Effect::review;
      } else if (effect == "note") {
        m.effect = Effect::note;
      } else if (!effect.empty()) {
        issue_at(*t.get("effect"), "effect '" + effect + "' in " + where +
                                       " must be \"clear\", \"review\" or \"note\"");
      }
      const std::string scope = t.get("scope") ? str(t, "scope", where, false) : "sentence";
      if (scope == "sentence") {
        m.scope = Scope::sentence;
      } else if (scope == "clause") {
        m.scope = Scope::clause;
      } else if (scope == "document") {
        m.scope = Scope::document;
      } else {
        issue_at(*t.get("scope"), "scope '" + scope + "' in " + where +
                                      " must be \"sentence\", \"clause\" or \"document\"");
      }
      if (const toml::node* neg = t.get("negated")) {
        if (const auto* b = neg->as_boolean()) {
          m.negated = b->get();
        } else {
          issue_at(*neg, "'negated' in " + where + " must be true or false");
        }
      }
      if (const toml::node* rules = t.get("rules")) {
        const auto* list = rules->as_array();
        if (!list) issue_at(*rules, "'rules' in " + where + " must be an array of rule ids");
        static const toml::array kNone;
        for (const auto& r : list ? *list : kNone) {
          const auto* s = r.as_string();
          if (!s) {
            issue_at(r, "'rules' in " + where + " must list rule ids as strings");
          } else if (!rs.rule(s->get())) {
            issue_at(r, "mitigator '" + m.id + "' names rule '" + s->get() +
                            "', which no [[rule]] defines");
          } else {
            m.rules.push_back(s->get());
          }
        }
      }
      m.explanation = str(t, "explanation", where, true);
      rs.mitigators.push_back(std::move(m));
    }
  }

  fs::path file_;
  RuleCheck& out_;
};

}  // namespace

RuleCheck check_rules_text(std::string_view toml_text, const fs::path& file) {
  RuleCheck out;
  Loader(file, out).run(toml_text);
  if (out.rules) out.rules->hash = hash::sha256_hex(toml_text);
  return out;
}

RuleCheck check_rules(const fs::path& file) {
  auto text = paths::read_file(file);
  if (!text) {
    RuleCheck out;
    out.issues.push_back({file, 0, 0, text.error().message});
    return out;
  }
  return check_rules_text(*text, file);
}

Result<RuleSet> load_rules(const fs::path& file) {
  RuleCheck check = check_rules(file);
  if (check.rules) return std::move(*check.rules);
  std::string message;
  for (const auto& issue : check.issues) {
    if (!message.empty()) message += '\n';
    message += issue.to_string();
  }
  return Error::run(message);
}

}  // namespace foialens::analysis

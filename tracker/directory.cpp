#include "tracker/directory.hpp"

#include <algorithm>

#include "common/agencies.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "tracker/toml_util.hpp"

namespace foialens::tracker {

Result<Directory> Directory::load(const std::filesystem::path& file) {
  auto text = paths::read_file(file);
  if (!text) return Error::run(file.string() + ": " + text.error().message);
  return parse(*text, file.string());
}

Result<Directory> Directory::parse(std::string_view toml_text, const std::string& origin) {
  auto parsed = detail::parse_toml(toml_text, origin);
  if (!parsed) return parsed.error();
  Directory dir;
  const toml::array* list = (*parsed)["agency"].as_array();
  if (!list) return Error::run(origin + ": no [[agency]] entries");
  int index = 0;
  for (const toml::node& node : *list) {
    ++index;
    const toml::table* t = node.as_table();
    if (!t) return Error::run(origin + ": agency " + std::to_string(index) + ": not a table");
    Agency a;
    a.id = detail::str((*t)["id"]);
    a.name = detail::str((*t)["name"]);
    a.jurisdiction = detail::str((*t)["jurisdiction"]);
    a.calendar = detail::str((*t)["calendar"]);
    a.law = detail::str((*t)["law"]);
    a.contact = detail::str((*t)["contact"]);
    a.portal = detail::str((*t)["portal"]);
    a.note = detail::str((*t)["note"]);
    if (const toml::array* al = (*t)["aliases"].as_array()) {
      for (const toml::node& n : *al) {
        if (auto s = n.value<std::string>()) a.aliases.push_back(*s);
      }
    }
    if (a.id.empty() || a.name.empty() || a.calendar.empty() || a.law.empty()) {
      return Error::run(origin + ": agency " + std::to_string(index) +
                        ": id, name, calendar and law are required");
    }
    dir.agencies_.push_back(std::move(a));
  }
  return dir;
}

std::vector<const Agency*> Directory::closest(std::string_view name, std::size_t max) const {
  std::vector<std::pair<std::size_t, const Agency*>> scored;
  for (const Agency& a : agencies_) {
    std::size_t best = std::min(agencies::edit_distance(name, a.id), agencies::edit_distance(name, a.name));
    for (const std::string& alias : a.aliases) best = std::min(best, agencies::edit_distance(name, alias));
    // A name that contains what was typed ("police") is a good suggestion too.
    if (name.size() >= 3 &&
        text::lower_ascii(a.name).find(text::lower_ascii(name)) != std::string::npos) {
      best = std::min<std::size_t>(best, 1);
    }
    scored.emplace_back(best, &a);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<const Agency*> out;
  for (std::size_t i = 0; i < scored.size() && i < max; ++i) out.push_back(scored[i].second);
  return out;
}

Result<const Agency*> Directory::find(std::string_view name) const {
  const std::string wanted = text::lower_ascii(text::squash_spaces(name));
  if (wanted.empty()) return Error::input("no agency given");
  for (const Agency& a : agencies_) {
    if (text::lower_ascii(a.id) == wanted || text::lower_ascii(a.name) == wanted) return &a;
  }
  for (const Agency& a : agencies_) {
    for (const std::string& alias : a.aliases) {
      if (text::lower_ascii(alias) == wanted) return &a;
    }
  }
  if (const agencies::Agency* known = agencies::lookup(name)) {
    for (const Agency& a : agencies_) {
      if (a.name == known->canonical) return &a;
    }
  }
  std::string msg = "unknown agency '" + std::string(name) + "'";
  const auto near = closest(name);
  if (!near.empty()) {
    msg += " (did you mean: ";
    for (std::size_t i = 0; i < near.size(); ++i) {
      msg += (i ? ", " : "") + near[i]->id + " (" + near[i]->name + ")";
    }
    msg += "?)";
  }
  msg += "; 'foialens requests agencies' lists them, 'requests agencies add' adds one";
  return Error::input(msg);
}

}  // namespace foialens::tracker

#pragma once
// The agencies requests are sent to: the directory foialens ships (data/agencies.toml)
// plus the ones a user adds (kept in tracker.db). Each names its jurisdiction, holiday
// calendar and default law.

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace foialens::tracker {

struct Agency {
  std::string id;            // "cpd"
  std::string name;          // "Chicago Police Department"
  std::string jurisdiction;  // "City of Chicago"
  std::string calendar;      // calendar id: "chicago"
  std::string law;           // default law id: "il-foia"
  std::string contact;
  std::string portal;
  std::vector<std::string> aliases;  // "CPD", "Chicago Police"
  std::string note;
  bool user_added = false;
};

class Directory {
 public:
  static Result<Directory> load(const std::filesystem::path& file);
  static Result<Directory> parse(std::string_view toml, const std::string& origin);

  void add(Agency agency) { agencies_.push_back(std::move(agency)); }
  const std::vector<Agency>& all() const { return agencies_; }

  // By id, name or alias ignoring case, or by any spelling common/agencies knows for a
  // canonical name in the directory ("Immigration & Customs Enforcement"). The error lists
  // the closest names: "unknown agency 'cdp' (did you mean: cpd (Chicago Police
  // Department), ...?)".
  Result<const Agency*> find(std::string_view name) const;
  std::vector<const Agency*> closest(std::string_view name, std::size_t max = 3) const;

 private:
  std::vector<Agency> agencies_;
};

}  // namespace foialens::tracker

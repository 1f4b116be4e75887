#include "index/schema.hpp"

#include "common/hash.hpp"
#include "common/text.hpp"

namespace foialens::index::schema {

std::string agency_key(std::string_view canonical) {
  std::string key;
  for (const char c : text::lower_ascii(canonical)) {
    if (c == ' ') key += '_';
    else if (c != '.' && c != ',' && c != '\'') key += c;
  }
  return key;
}

std::string source_term(std::string_view source) {
  return std::string(kSource) + hash::sha256_hex(source).substr(0, 32);
}

std::string clause_term(std::string_view clause) {
  std::string key;
  for (const char c : text::lower_ascii(clause)) {
    if (c == '(' || c == ')' || c == ' ' || c == '\t') continue;
    key += c;
  }
  while (!key.empty() && key.back() == '.') key.pop_back();
  return std::string(kClause) + key;
}

std::string_view field_prefix(std::string_view field) {
  if (field == "from") return kFrom;
  if (field == "to") return kTo;
  if (field == "cc") return kCc;
  if (field == "subject") return kSubject;
  return {};
}

}  // namespace foialens::index::schema

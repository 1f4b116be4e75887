#include "tracker/csv.hpp"

namespace foialens::tracker::csv {

Result<std::vector<Row>> parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string cur;
  int line = 1;
  row.line = 1;
  bool quoted = false;
  bool field_started = false;  // the current record has any content
  int quote_line = 0;
  const auto end_record = [&] {
    row.fields.push_back(std::move(cur));
    cur.clear();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = Row{};
    field_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cur += c;
      }
      continue;
    }
    if (!field_started) {
      row.line = line;
      field_started = true;
    }
    switch (c) {
      case '"':
        if (!cur.empty()) {
          return Error::input("line " + std::to_string(line) +
                              ": a quote inside an unquoted field (quote the whole field)");
        }
        quoted = true;
        quote_line = line;
        break;
      case ',':
        row.fields.push_back(std::move(cur));
        cur.clear();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n':
        end_record();
        ++line;
        break;
      default:
        cur += c;
    }
  }
  if (quoted) {
    return Error::input("line " + std::to_string(quote_line) + ": a quoted field is not closed");
  }
  if (field_started || !cur.empty()) end_record();
  return rows;
}

std::string field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace foialens::tracker::csv

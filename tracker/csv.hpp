#pragma once
// CSV as RFC 4180 writes it: quoted fields with "" for a quote, CRLF or LF line ends,
// newlines inside quotes.

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace foialens::tracker::csv {

struct Row {
  int line = 0;  // the line the row starts on, from 1
  std::vector<std::string> fields;
};

// Every row of `text` (a UTF-8 byte order mark is skipped). Blank lines are dropped. The
// error names the line: "line 7: a quoted field is not closed".
Result<std::vector<Row>> parse(std::string_view text);

// One field, quoted when it holds a comma, quote, CR or LF.
std::string field(std::string_view value);
// A whole record ending with CRLF.
std::string record(const std::vector<std::string>& fields);

}  // namespace foialens::tracker::csv

#pragma once
// The query language (private to index/): Xapian's QueryParser with foialens's fields,
// date ranges and defaults. See README "Query syntax".

#include <string>

#include <xapian.h>

#include "common/error.hpp"

namespace foialens::index {

// Parses `query` for searching `db` (the database gives wildcards their terms). A query
// that does not parse fails with a message that names the problem.
Result<Xapian::Query> parse_query(const Xapian::Database& db, const std::string& query);

}  // namespace foialens::index

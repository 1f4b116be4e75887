#pragma once
// Query-string and form values read once, with the bounds the CLI's options have; the
// error names the parameter. Internal to web/.

#include <string>

#include "api/search.hpp"
#include "common/date.hpp"
#include "common/error.hpp"
#include "web/http.hpp"

namespace foialens::web {

// "1", "true", "on" or "yes".
bool flag(const Request& req, const std::string& name);

// A whole number in [min, max].
Result<long> number_param(const Request& req, const std::string& name, long min, long max);

// `today=YYYY-MM-DD`, else the local date.
Result<Date> today_param(const Request& req);

// q, limit, offset, docs, facets, doc (repeatable), request. With `api`, highlights are
// [..] as in the CLI's output; otherwise the markers html::marked() turns into <mark>.
Result<api::SearchQuery> search_query(const Request& req, bool api);

// The HTTP status for an error of the libraries: 400 for the caller's input, 503 when the
// library cannot answer (no index yet, database unreadable).
int status_for(const Error& error);

}  // namespace foialens::web

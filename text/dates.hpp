#pragma once
// The one date finder: every date as documents print it, with its byte span.
//   "April 12, 2019", "Apr. 12 2019", "Sept. 9 2018"      month day year
//   "12 April 2019", "3rd day of May, 2020"                day month year
//   "4/12/2019", "4/1/19", "04-12-2019", "04.12.2019"      month day year, US order
//   "2019-04-12"                                           ISO
//   "April 2019" (the 1st of the month)                    only with DateOptions::month_year
// Impossible dates ("February 30, 2019") and years outside 1900-2100 are passed over.

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace foialens::text {

struct DateMention {
  Date date;
  std::size_t offset = 0;  // byte span in the text
  std::size_t length = 0;
};

struct DateOptions {
  // "April 2019" as 2019-04-01: right for dating a document ("covering June 2020"), wrong
  // for matching an instrument's date.
  bool month_year = false;
};

// In order of appearance; spans do not overlap.
std::vector<DateMention> find_dates(std::string_view text, const DateOptions& options = {});

}  // namespace foialens::text

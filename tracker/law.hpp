#pragma once
// A public-records law as data: how long the agency has to answer, how an extension and
// an appeal are counted, and which events pause the clock. Every rule carries its
// citation; what is unsure carries a "review" note.

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace foialens::tracker {

enum class DayUnit { business, calendar };

// A period of `days` in `unit`s; with roll_forward a calendar-day period that ends on a
// weekend or holiday ends on the next business day instead.
struct Period {
  int days = 0;
  DayUnit unit = DayUnit::business;
  bool roll_forward = false;
  std::string from;  // what the count starts from, in words ("receipt", "original due date")
  std::string citation;
  std::string review;
  bool defined() const { return days > 0; }
};

struct Law {
  std::string id;        // "il-foia"
  std::string name;      // "Illinois Freedom of Information Act"
  std::string citation;  // "5 ILCS 140"
  std::string review;

  Period response;
  // A request received on a day the agency is closed counts from the next business day.
  bool closed_day_receipt_next_business_day = false;
  std::string receipt_citation;

  Period extension;          // counted on from the original due date, in response.unit
  int max_extensions = 1;
  bool silence_is_denial = false;  // no answer by the due date is a denial
  std::string silence_citation;
  std::string silence_note;        // what a requester may do instead, when not a denial

  Period appeal;            // from the adverse determination (or the missed due date)
  std::string appeal_body;  // "Public Access Counselor, Office of the Illinois Attorney General"
  Period appeal_decision;   // how long the appeal body has, from the appeal

  std::string regulation;   // set on a law refined by a regulation: its name and citation

  std::vector<std::string> pause_on;   // event kinds that stop the clock
  std::vector<std::string> resume_on;  // event kinds that restart it
  std::string pause_citation;

  static Result<Law> load(const std::filesystem::path& file);
  static Result<Law> parse(std::string_view toml, const std::string& origin);
};

// An agency family's own FOIA regulation where it gives more than the law's floor: DHS
// and its components allow 90 working days to appeal where the statute promises at least
// 90 days. A regulation names the law it refines and the agencies it covers.
struct Regulation {
  std::string id;        // "dhs-foia"
  std::string name;      // "DHS FOIA regulations"
  std::string citation;  // "6 CFR part 5, subpart A"
  std::string law;       // the law it refines: "us-foia"
  std::vector<std::string> agencies;  // agency ids it covers
  Period appeal;                      // replaces the law's appeal window when defined
  std::string appeal_body;
  std::string source;  // where the text was read
  std::string review;

  static Result<Regulation> load(const std::filesystem::path& file);
  static Result<Regulation> parse(std::string_view toml, const std::string& origin);
  // `law` with this regulation's rules in place of the law's.
  Law refine(const Law& base) const;
};

std::string_view unit_word(DayUnit unit);  // "business" or "calendar"

}  // namespace foialens::tracker

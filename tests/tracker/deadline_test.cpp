// Deadlines derived from events under each shipped law and calendar, checked against
// dates worked out by hand (and the City of Chicago's own FOIA log).

#include "tracker/deadline.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "tracker/tracker.hpp"

namespace foialens::tracker {
namespace {

const Catalog& catalog() {
  static const Catalog c = [] {
    auto loaded = Catalog::load(testing::data_root());
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return std::move(*loaded);
  }();
  return c;
}

struct Case {
  std::string law;
  std::string calendar;
  std::vector<Event> events;

  Case(std::string l, std::string c, Date filed) : law(std::move(l)), calendar(std::move(c)) {
    add(EventKind::filed, filed);
  }
  Case& add(EventKind k, Date d, std::string exemptions = {}) {
    Event e;
    e.id = static_cast<long>(events.size()) + 1;
    e.kind = k;
    e.date = d;
    e.exemptions = std::move(exemptions);
    events.push_back(e);
    return *this;
  }
  Assessment at(Date today) const {
    return assess(**catalog().law(law), **catalog().calendar(calendar), events, today);
  }
};

std::optional<Date> date_of(const Assessment& a, const char* kind) {
  const Deadline* d = a.find(kind);
  return d ? d->date : std::nullopt;
}

TEST(Deadline, ChicagoLogReceivedFridayDueNextFriday) {
  // City of Chicago FOIA log: received Friday 2016-05-13, due Friday 2016-05-20.
  const Assessment a = Case("il-foia", "chicago", Date(2016, 5, 13)).at(Date(2016, 5, 16));
  EXPECT_EQ(date_of(a, "response"), Date(2016, 5, 20));
  EXPECT_EQ(a.status, RequestStatus::awaiting);
  EXPECT_EQ(a.days_left, 4);
  const Deadline& d = a.deadlines.front();
  EXPECT_EQ(d.weekend_days(), 2);
  EXPECT_TRUE(d.holidays().empty());
  EXPECT_EQ(d.basis,
            "5 business days after receipt on Friday, May 13, 2016; day 1 is the next business day");
}

TEST(Deadline, ReceivedOnAHolidayCountsFromTheNextBusinessDay) {
  // Memorial Day 2024: day 1 is Tuesday May 28.
  const Assessment a = Case("il-foia", "chicago", Date(2024, 5, 27)).at(Date(2024, 5, 27));
  EXPECT_EQ(date_of(a, "response"), Date(2024, 6, 3));
}

TEST(Deadline, BeforeAThreeDayWeekend) {
  // Friday before Labor Day 2024.
  const Assessment a = Case("il-foia", "illinois", Date(2024, 8, 30)).at(Date(2024, 8, 30));
  EXPECT_EQ(date_of(a, "response"), Date(2024, 9, 9));
  const auto holidays = a.deadlines.front().holidays();
  ASSERT_EQ(holidays.size(), 1u);
  EXPECT_EQ(holidays[0], "Monday, September 2, 2024: Labor Day");
}

TEST(Deadline, FederalTwentyWorkingDaysSkipJuneteenthObservedOnMonday) {
  // Juneteenth 2022 was a Sunday, observed Monday June 20; Independence Day on Monday.
  const Assessment a = Case("us-foia", "us-federal", Date(2022, 6, 17)).at(Date(2022, 6, 17));
  EXPECT_EQ(date_of(a, "response"), Date(2022, 7, 19));
  const auto holidays = a.deadlines.front().holidays();
  ASSERT_EQ(holidays.size(), 2u);
  EXPECT_EQ(holidays[0], "Monday, June 20, 2022: Juneteenth National Independence Day (observed)");
  EXPECT_EQ(holidays[1], "Monday, July 4, 2022: Independence Day");
}

TEST(Deadline, FederalReceiptOnASaturdayIsReceivedMonday) {
  const Assessment a = Case("us-foia", "us-federal", Date(2024, 6, 15)).at(Date(2024, 6, 15));
  EXPECT_EQ(date_of(a, "response"), Date(2024, 7, 17));
  const Assessment weekday = Case("us-foia", "us-federal", Date(2024, 6, 14)).at(Date(2024, 6, 14));
  EXPECT_EQ(date_of(weekday, "response"), Date(2024, 7, 16));
}

TEST(Deadline, NewYearsDayObservedOnTheLastDayOfTheYearBefore) {
  // January 1, 2022 was a Saturday: offices closed Friday December 31, 2021.
  const Assessment a = Case("il-foia", "illinois", Date(2021, 12, 30)).at(Date(2021, 12, 30));
  EXPECT_EQ(date_of(a, "response"), Date(2022, 1, 7));
  const auto holidays = a.deadlines.front().holidays();
  ASSERT_EQ(holidays.size(), 1u);
  EXPECT_EQ(holidays[0], "Friday, December 31, 2021: New Year's Day (observed)");
}

TEST(Deadline, JuneteenthOnAWeekendEveryYear) {
  // Whenever June 19 is a weekend day, federal offices close on the Friday before (a
  // Saturday) or the Monday after (a Sunday), and only that day.
  const Calendar& federal = **catalog().calendar("us-federal");
  for (int year = 2021; year <= 2100; ++year) {
    const Date june19(year, 6, 19);
    if (!june19.is_weekend()) continue;
    const Date observed = june19.weekday() == Weekday::saturday ? Date(year, 6, 18) : Date(year, 6, 20);
    EXPECT_FALSE(federal.is_business_day(observed)) << year;
    EXPECT_TRUE(federal.is_business_day(june19.weekday() == Weekday::saturday ? Date(year, 6, 21)
                                                                               : Date(year, 6, 17)))
        << year;
  }
}

TEST(Deadline, DayAfterThanksgivingClosesTheStateNotTheCity) {
  EXPECT_EQ(date_of(Case("il-foia", "illinois", Date(2024, 11, 27)).at(Date(2024, 11, 27)), "response"),
            Date(2024, 12, 6));
  EXPECT_EQ(date_of(Case("il-foia", "chicago", Date(2024, 11, 27)).at(Date(2024, 11, 27)), "response"),
            Date(2024, 12, 5));
}

TEST(Deadline, EvenYearElectionDayAndVeteransDay) {
  // Illinois State Police, received Monday 2024-11-04: election day Tuesday, Veterans
  // Day Monday the 11th.
  EXPECT_EQ(date_of(Case("il-foia", "illinois", Date(2024, 11, 4)).at(Date(2024, 11, 4)), "response"),
            Date(2024, 11, 13));
  // 2023 is odd: no election-day holiday (Veterans Day was a Saturday, observed Friday 10th).
  EXPECT_EQ(date_of(Case("il-foia", "illinois", Date(2023, 11, 6)).at(Date(2023, 11, 6)), "response"),
            Date(2023, 11, 14));
}

TEST(Deadline, IllinoisExtensionCountsFromTheOriginalDueDate) {
  const Assessment a = Case("il-foia", "chicago", Date(2016, 5, 13))
                           .add(EventKind::extended, Date(2016, 5, 19))
                           .at(Date(2016, 5, 23));
  EXPECT_EQ(date_of(a, "response"), Date(2016, 5, 20));
  EXPECT_EQ(date_of(a, "extended"), Date(2016, 5, 27));
  EXPECT_EQ(a.status, RequestStatus::extended);
  EXPECT_TRUE(a.notes.empty());
  EXPECT_EQ(a.next_kind, "extended");
  EXPECT_EQ(a.next_due, Date(2016, 5, 27));
}

TEST(Deadline, LateExtensionIsFlagged) {
  const Assessment a = Case("il-foia", "chicago", Date(2016, 5, 13))
                           .add(EventKind::extended, Date(2016, 5, 24))
                           .at(Date(2016, 5, 24));
  EXPECT_EQ(date_of(a, "extended"), Date(2016, 5, 27));
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_EQ(a.notes[0],
            "the extension was claimed on 2016-05-24, after the original due date 2016-05-20; "
            "5 ILCS 140/3(e), 3(f) expects it within the original period");
}

TEST(Deadline, FederalUnusualCircumstancesAddTenWorkingDays) {
  const Assessment a = Case("us-foia", "us-federal", Date(2024, 6, 14))
                           .add(EventKind::extended, Date(2024, 7, 1))
                           .at(Date(2024, 7, 2));
  EXPECT_EQ(date_of(a, "extended"), Date(2024, 7, 30));
}

TEST(Deadline, PauseKeepsTheRemainingDaysAndResumes) {
  // Filed Monday 2024-03-11; two days counted (12th, 13th) before the agency asked to
  // narrow it; clarified on the 20th; three days remain: 21, 22, 25.
  Case c("il-foia", "chicago", Date(2024, 3, 11));
  c.add(EventKind::fix_required, Date(2024, 3, 13));
  const Assessment waiting = c.at(Date(2024, 3, 18));
  EXPECT_EQ(waiting.status, RequestStatus::on_hold);
  EXPECT_FALSE(date_of(waiting, "response"));
  EXPECT_EQ(waiting.deadlines.front().remaining, 3);
  EXPECT_FALSE(waiting.next_due);
  c.add(EventKind::clarified, Date(2024, 3, 20));
  const Assessment resumed = c.at(Date(2024, 3, 21));
  EXPECT_EQ(resumed.status, RequestStatus::awaiting);
  EXPECT_EQ(date_of(resumed, "response"), Date(2024, 3, 25));
  ASSERT_EQ(resumed.deadlines.front().pauses.size(), 1u);
  EXPECT_EQ(resumed.deadlines.front().pauses[0],
            "2024-03-13 to 2024-03-20: fix-required until clarified on 2024-03-20");
}

TEST(Deadline, FeePauseDuringTheExtension) {
  Case c("il-foia", "chicago", Date(2024, 6, 12));
  c.add(EventKind::extended, Date(2024, 6, 18)).add(EventKind::fee_requested, Date(2024, 6, 20));
  c.add(EventKind::fee_paid, Date(2024, 6, 28));
  const Assessment a = c.at(Date(2024, 7, 1));
  EXPECT_EQ(date_of(a, "response"), Date(2024, 6, 20));
  EXPECT_EQ(date_of(a, "extended"), Date(2024, 7, 8));  // July 4 skipped
}

TEST(Deadline, SilentIllinoisAgencyIsADenialWithAnAppealWindow) {
  // Due Tuesday 2024-01-09; 60 days later is Saturday 2024-03-09: the last day moves to
  // Monday 2024-03-11 (5 ILCS 70/1.11).
  const Assessment a = Case("il-foia", "chicago", Date(2024, 1, 2)).at(Date(2024, 1, 20));
  EXPECT_EQ(date_of(a, "response"), Date(2024, 1, 9));
  EXPECT_EQ(a.status, RequestStatus::overdue);
  EXPECT_EQ(a.days_left, -11);
  EXPECT_EQ(date_of(a, "appeal"), Date(2024, 3, 11));
  EXPECT_EQ(a.find("appeal")->rolled_from, Date(2024, 3, 9));
  EXPECT_EQ(a.appeal_by, Date(2024, 3, 11));
  ASSERT_FALSE(a.notes.empty());
  EXPECT_EQ(a.notes.back(), "no answer by the due date is a denial (5 ILCS 140/3(d))");
  // Not yet late on the due date itself: no appeal window yet.
  const Assessment on_time = Case("il-foia", "chicago", Date(2024, 1, 2)).at(Date(2024, 1, 9));
  EXPECT_EQ(on_time.status, RequestStatus::awaiting);
  EXPECT_FALSE(on_time.find("appeal"));
}

TEST(Deadline, SilentFederalAgencyMeansConstructiveExhaustionNotAppeal) {
  const Assessment a = Case("us-foia", "us-federal", Date(2024, 6, 14)).at(Date(2024, 8, 1));
  EXPECT_EQ(a.status, RequestStatus::overdue);
  EXPECT_FALSE(a.find("appeal"));
  ASSERT_FALSE(a.notes.empty());
  EXPECT_NE(a.notes.back().find("552(a)(6)(C)(i)"), std::string::npos);
}

TEST(Deadline, DenialOpensTheAppealWindowAndAppealClosesIt) {
  Case c("us-foia", "us-federal", Date(2024, 6, 14));
  c.add(EventKind::denied, Date(2024, 8, 1), "(b)(7)(E)");
  const Assessment denied = c.at(Date(2024, 8, 2));
  EXPECT_EQ(denied.status, RequestStatus::denied);
  EXPECT_FALSE(denied.open);
  EXPECT_EQ(date_of(denied, "appeal"), Date(2024, 10, 30));
  EXPECT_EQ(denied.next_kind, "appeal");
  c.add(EventKind::appealed, Date(2024, 8, 20));
  const Assessment appealed = c.at(Date(2024, 8, 21));
  EXPECT_EQ(appealed.status, RequestStatus::appealed);
  EXPECT_TRUE(appealed.find("appeal")->met);
  // 20 working days from Tuesday 2024-08-20, Labor Day skipped.
  EXPECT_EQ(date_of(appealed, "appeal-decision"), Date(2024, 9, 18));
  c.add(EventKind::appeal_decided, Date(2024, 9, 30));
  EXPECT_EQ(c.at(Date(2024, 10, 1)).status, RequestStatus::appeal_decided);
}

TEST(Deadline, RedactedReleaseIsAppealableCleanReleaseIsNot) {
  Case clean("il-foia", "chicago", Date(2024, 1, 2));
  clean.add(EventKind::records_released, Date(2024, 1, 8));
  const Assessment a = clean.at(Date(2024, 1, 10));
  EXPECT_EQ(a.status, RequestStatus::released);
  EXPECT_FALSE(a.find("appeal"));
  EXPECT_TRUE(a.find("response")->met);
  Case redacted("il-foia", "chicago", Date(2024, 1, 2));
  redacted.add(EventKind::records_released, Date(2024, 1, 8), "7(1)(c)");
  EXPECT_EQ(date_of(redacted.at(Date(2024, 1, 10)), "appeal"), Date(2024, 3, 8));
}

TEST(Deadline, CommercialAndRecurrentTwentyOneBusinessDays) {
  // Filed Monday 2024-07-01: July 4 skipped.
  EXPECT_EQ(date_of(Case("il-foia-commercial", "illinois", Date(2024, 7, 1)).at(Date(2024, 7, 1)), "response"),
            Date(2024, 7, 31));
  EXPECT_EQ(date_of(Case("il-foia-recurrent", "illinois", Date(2024, 7, 1)).at(Date(2024, 7, 1)), "response"),
            Date(2024, 7, 31));
}

TEST(Deadline, GenericCalendarDaysRollForwardToABusinessDay) {
  // 30 calendar days from 2024-06-01 is Monday 2024-07-01.
  EXPECT_EQ(date_of(Case("generic-30-calendar", "us-federal", Date(2024, 6, 1)).at(Date(2024, 6, 1)), "response"),
            Date(2024, 7, 1));
  // 30 days from 2024-06-04 is Thursday July 4: the next business day is July 5.
  EXPECT_EQ(date_of(Case("generic-30-calendar", "us-federal", Date(2024, 6, 4)).at(Date(2024, 6, 4)), "response"),
            Date(2024, 7, 5));
}

TEST(Deadline, EveryYearTheDueDateIsTheFifthBusinessDay) {
  const Calendar& chicago = **catalog().calendar("chicago");
  const Calendar& federal = **catalog().calendar("us-federal");
  for (int year = 2000; year <= 2100; ++year) {
    for (const Date filed : {Date(year, 1, 1), Date(year, 5, 24), Date(year, 7, 3), Date(year, 11, 22),
                             Date(year, 12, 23)}) {
      const Assessment a = Case("il-foia", "chicago", filed).at(filed);
      const Date due = *date_of(a, "response");
      EXPECT_TRUE(chicago.is_business_day(due)) << filed.iso();
      int count = 0;
      for (Date d = filed.add_days(1); d <= due; d = d.add_days(1)) count += chicago.is_business_day(d);
      EXPECT_EQ(count, 5) << filed.iso();
      const Date fed_due = *date_of(Case("us-foia", "us-federal", filed).at(filed), "response");
      EXPECT_TRUE(federal.is_business_day(fed_due)) << filed.iso();
      EXPECT_GE(fed_due.days() - filed.days(), 26) << filed.iso();  // 20 working days >= 4 weeks
    }
  }
}

Status check(const Case& c, EventKind k, Date d) {
  Event e;
  e.kind = k;
  e.date = d;
  return check_event(**catalog().law(c.law), in_order(c.events), e);
}

TEST(Events, ImpossibleEventsAreRefusedWithTheReason) {
  Case c("il-foia", "chicago", Date(2024, 3, 11));
  auto before = check(c, EventKind::acknowledged, Date(2024, 3, 10));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().message,
            "acknowledged on 2024-03-10: the request was filed on 2024-03-11, after this date");
  auto decided = check(c, EventKind::appeal_decided, Date(2024, 4, 1));
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.error().message,
            "appeal-decided on 2024-04-01: the request was not appealed (log 'appealed' first)");
  c.add(EventKind::denied, Date(2024, 3, 15)).add(EventKind::appealed, Date(2024, 4, 10));
  auto early = check(c, EventKind::appeal_decided, Date(2024, 4, 5));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, "appeal-decided on 2024-04-05: the appeal was filed on 2024-04-10, after this date");
  EXPECT_TRUE(check(c, EventKind::appeal_decided, Date(2024, 5, 1)).ok());
  auto paid = check(c, EventKind::fee_paid, Date(2024, 4, 1));
  ASSERT_FALSE(paid.ok());
  EXPECT_EQ(paid.error().message, "fee-paid on 2024-04-01: the agency never asked for it (no 'fee-requested' event)");
}

TEST(Events, OneStatutoryExtensionThenOnlyAnAgreedDate) {
  Case c("il-foia", "chicago", Date(2024, 3, 11));
  c.add(EventKind::extended, Date(2024, 3, 15));
  auto again = check(c, EventKind::extended, Date(2024, 3, 20));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message,
            "extended on 2024-03-20: Illinois Freedom of Information Act allows 1 extension(s) "
            "(5 ILCS 140/3(e), 3(f)); for a date agreed with the requester use --until DATE");
  Event agreed;
  agreed.kind = EventKind::extended;
  agreed.date = Date(2024, 3, 20);
  agreed.until = Date(2024, 4, 30);
  EXPECT_TRUE(check_event(**catalog().law("il-foia"), in_order(c.events), agreed).ok());
}

TEST(Events, NamesRoundTrip) {
  for (EventKind k : all_events()) EXPECT_EQ(event_from_name(event_name(k)), k);
  EXPECT_EQ(event_from_name("Fee_Requested"), EventKind::fee_requested);
  EXPECT_FALSE(event_from_name("granted"));
}

// An agency family's regulation over the statute's floor.
Assessment under(const char* agency, const std::vector<Event>& events, Date today) {
  const Law* law = *catalog().law_for("us-foia", agency);
  return assess(*law, **catalog().calendar("us-federal"), events, today);
}

std::vector<Event> denied_on(Date filed, Date denied) {
  Event f;
  f.id = 1;
  f.kind = EventKind::filed;
  f.date = filed;
  Event d;
  d.id = 2;
  d.kind = EventKind::denied;
  d.date = denied;
  return {f, d};
}

TEST(Regulation, DhsComponentAppealIs90WorkingDays) {
  // ICE (a DHS component) denies on Wednesday 2024-01-10. 6 CFR 5.8(a)(1): 90 working days
  // after the response, skipping weekends and Martin Luther King Jr. Day (Jan 15) and
  // Washington's Birthday (Feb 19): Friday 2024-05-17, not the statute's 2024-04-09.
  const Assessment a = under("ice", denied_on(Date(2023, 12, 1), Date(2024, 1, 10)), Date(2024, 4, 20));
  const Deadline* appeal = a.find("appeal");
  ASSERT_NE(appeal, nullptr);
  EXPECT_EQ(appeal->date, Date(2024, 5, 17));
  EXPECT_EQ(a.appeal_by, Date(2024, 5, 17));  // still open on April 20
  EXPECT_EQ(appeal->citation.rfind("6 CFR 5.8(a)(1)", 0), 0u) << appeal->citation;
  EXPECT_EQ(appeal->basis.rfind("90 business days after denied on Wednesday, January 10, 2024", 0), 0u)
      << appeal->basis;
  const auto holidays = appeal->holidays();
  ASSERT_EQ(holidays.size(), 2u);
  EXPECT_EQ(holidays[0], "Monday, January 15, 2024: Birthday of Martin Luther King, Jr.");
  EXPECT_EQ(holidays[1], "Monday, February 19, 2024: Washington's Birthday");
  EXPECT_EQ(appeal->weekend_days(), 36);
  EXPECT_EQ((*catalog().law_for("us-foia", "cbp"))->regulation, "DHS FOIA regulations, 6 CFR part 5, subpart A");
  // The statute alone, for an agency with no regulation on file: 90 calendar days and a
  // review note beside it.
  const Assessment floor = under("no-such-agency", denied_on(Date(2023, 12, 1), Date(2024, 1, 10)), Date(2024, 4, 1));
  EXPECT_EQ(floor.find("appeal")->date, Date(2024, 4, 9));
  EXPECT_NE(floor.find("appeal")->review.find("no regulation of this agency is on file"), std::string::npos);
  EXPECT_TRUE((*catalog().law_for("us-foia", "no-such-agency"))->regulation.empty());
}

TEST(Regulation, DojComponentAppealIs90CalendarDaysFromTheResponse) {
  // The FBI (a DOJ component) denies on Friday 2024-03-01: 28 CFR 16.8(a), 90 calendar
  // days from the response: Thursday 2024-05-30.
  const Assessment a = under("fbi", denied_on(Date(2024, 1, 5), Date(2024, 3, 1)), Date(2024, 3, 2));
  const Deadline* appeal = a.find("appeal");
  ASSERT_NE(appeal, nullptr);
  EXPECT_EQ(appeal->date, Date(2024, 5, 30));
  EXPECT_EQ(appeal->citation.rfind("28 CFR 16.8(a)", 0), 0u);
  EXPECT_EQ(appeal->basis, "90 calendar days after denied on Friday, March 1, 2024; to the Office of "
                           "Information Policy, U.S. Department of Justice");
  EXPECT_NE(appeal->review.find("60 days"), std::string::npos);
  EXPECT_EQ((*catalog().law_for("us-foia", "dea"))->regulation, "DOJ FOIA regulations, 28 CFR part 16, subpart A");
  // Denied Monday 2024-02-05: day 90 is Sunday 2024-05-05, and the regulation does not move it.
  const Assessment sunday = under("atf", denied_on(Date(2024, 1, 5), Date(2024, 2, 5)), Date(2024, 2, 6));
  EXPECT_EQ(sunday.find("appeal")->date, Date(2024, 5, 5));
  EXPECT_FALSE(sunday.find("appeal")->rolled_from.has_value());
}

}  // namespace
}  // namespace foialens::tracker

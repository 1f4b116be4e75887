// tracker.db: schema, transactions, links to documents, several processes at once.

#include "tracker/store.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "test_support.hpp"
#include "tracker/tracker.hpp"

namespace foialens::tracker {
namespace {

RequestRecord sample(const std::string& subject) {
  RequestRecord r;
  r.agency = "cpd";
  r.law = "il-foia";
  r.subject = subject;
  r.tracking = {{"P1", "initial"}};
  r.tags = {"police"};
  return r;
}

TEST(Store, CreatesTheSchemaAndReopens) {
  testing::TempDir home;
  {
    auto store = Store::open(home.path());
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
    auto id = store->add_request(sample("a"), Date(2024, 1, 2));
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(*id, 1);
  }
  EXPECT_TRUE(std::filesystem::exists(home.path() / "tracker.db"));
  auto again = Store::open(home.path());
  ASSERT_TRUE(again.ok());
  auto r = again->request(1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->subject, "a");
  ASSERT_EQ(r->tracking.size(), 1u);
  EXPECT_EQ(r->tracking[0].number, "P1");
  EXPECT_EQ(r->tags, std::vector<std::string>{"police"});
  auto events = again->events(1);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().kind, EventKind::filed);
  EXPECT_EQ(events->front().date, Date(2024, 1, 2));
}

TEST(Store, AFailedTransactionWritesNothing) {
  testing::TempDir home;
  auto store = Store::open(home.path());
  ASSERT_TRUE(store.ok());
  Status st = store->transaction([&]() -> Status {
    auto id = store->add_request(sample("x"), Date(2024, 1, 2));
    EXPECT_TRUE(id.ok());
    return Error::input("row 2 is bad");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "row 2 is bad");
  EXPECT_TRUE(store->requests()->empty());
  EXPECT_FALSE(store->request_exists(1));
}

TEST(Store, LinksDocumentsToRequests) {
  testing::TempDir home;
  auto store = Store::open(home.path());
  ASSERT_TRUE(store.ok());
  const long id = *store->add_request(sample("x"), Date(2024, 1, 2));
  EXPECT_TRUE(store->request_exists(id));
  EXPECT_FALSE(store->request_exists(id + 1));
  ASSERT_TRUE(store->link_document(id, "0123456789abcdef").ok());
  ASSERT_TRUE(store->link_document(id, "0123456789abcdef").ok());  // twice: once
  ASSERT_TRUE(store->link_document(id, "fedcba9876543210aa").ok());
  EXPECT_EQ(store->documents_for(id).size(), 2u);
  EXPECT_TRUE(store->documents_for(id + 1).empty());
  // A link to a request that does not exist is refused by the foreign key.
  EXPECT_FALSE(store->link_document(id + 5, "0123456789abcdef").ok());
}

TEST(Store, ConcurrentWritersFromSeveralConnections) {
  testing::TempDir home;
  ASSERT_TRUE(Store::open(home.path()).ok());
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto store = Store::open(home.path());
      if (!store) {
        ++failures;
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        // (Built with append: GCC 12 warns falsely on a chain of + here at -O3.)
        std::string subject = "thread ";
        subject.append(std::to_string(t)).append(" request ").append(std::to_string(i));
        auto id = store->add_request(sample(subject), Date(2024, 1, 2));
        if (!id) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto store = Store::open(home.path());
  EXPECT_EQ(store->requests()->size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST(Tracker, AddsWithTheAgencysDefaultLawAndAliases) {
  testing::TempDir home;
  auto tracker = Tracker::open(home.path(), testing::data_root());
  ASSERT_TRUE(tracker.ok()) << tracker.error().message;
  NewRequest req;
  req.agency = "Immigration & Customs Enforcement";  // a spelling common/agencies knows
  req.subject = "  detainers   2021 ";
  req.filed = Date(2024, 6, 14);
  auto id = tracker->add(req, Date(2024, 6, 14));
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto view = tracker->view(*id, Date(2024, 6, 20));
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->record.agency, "ice");
  EXPECT_EQ(view->record.law, "us-foia");
  EXPECT_EQ(view->record.subject, "detainers 2021");
  EXPECT_EQ(view->assessment.find("response")->date, Date(2024, 7, 16));
}

TEST(Tracker, UnknownAgencySuggestsTheClosest) {
  testing::TempDir home;
  auto tracker = Tracker::open(home.path(), testing::data_root());
  ASSERT_TRUE(tracker.ok());
  auto found = tracker->catalog().directory.find("Chicago Police Dept");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().message.rfind("unknown agency 'Chicago Police Dept' (did you mean: cpd (Chicago Police Department)", 0), 0u)
      << found.error().message;
  EXPECT_EQ((*tracker->catalog().directory.find("ICE"))->id, "ice");
  EXPECT_EQ((*tracker->catalog().directory.find("oemc"))->id, "oemc");
}

TEST(Tracker, UserAgenciesPersistInTheHome) {
  testing::TempDir home;
  {
    auto tracker = Tracker::open(home.path(), testing::data_root());
    ASSERT_TRUE(tracker.ok());
    Agency a;
    a.id = "Evanston-PD";
    a.name = "Evanston Police Department";
    a.calendar = "illinois";
    a.law = "il-foia";
    a.aliases = {"EPD"};
    ASSERT_TRUE(tracker->add_agency(a).ok());
    auto dup = tracker->add_agency(a);
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().message, "agency 'evanston-pd' already exists: Evanston Police Department");
    a.id = "x";
    a.law = "ny-foil";
    EXPECT_FALSE(tracker->add_agency(a).ok());
  }
  auto tracker = Tracker::open(home.path(), testing::data_root());
  ASSERT_TRUE(tracker.ok());
  auto epd = tracker->catalog().directory.find("epd");
  ASSERT_TRUE(epd.ok());
  EXPECT_EQ((*epd)->id, "evanston-pd");
}

TEST(Tracker, LogChecksAgainstTheStoredEventsAndWritesNothingOnError) {
  testing::TempDir home;
  auto tracker = Tracker::open(home.path(), testing::data_root());
  ASSERT_TRUE(tracker.ok());
  NewRequest req;
  req.agency = "cpd";
  req.subject = "x";
  req.filed = Date(2024, 3, 11);
  const long id = *tracker->add(req, Date(2024, 3, 11));
  Event e;
  e.kind = EventKind::appeal_decided;
  e.date = Date(2024, 3, 12);
  EXPECT_FALSE(tracker->log(id, e).ok());
  EXPECT_EQ(tracker->store().events(id)->size(), 1u);
  auto missing = tracker->log(id + 1, e);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "no request with id 2 ('foialens requests list --all' shows them)");
  EXPECT_FALSE(tracker->link(id, "xyz").ok());
  EXPECT_TRUE(tracker->link(id, "ABCDEF0123456789").ok());
  EXPECT_EQ(tracker->store().documents_for(id), std::vector<std::string>{"abcdef0123456789"});
}

}  // namespace
}  // namespace foialens::tracker

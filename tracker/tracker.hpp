#pragma once
// The records-request tracker as one service: the shipped laws, calendars and agency
// directory, the store, and the derived view of each request. The CLI is thin over this.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "tracker/calendar.hpp"
#include "tracker/deadline.hpp"
#include "tracker/directory.hpp"
#include "tracker/events.hpp"
#include "tracker/law.hpp"
#include "tracker/store.hpp"

namespace foialens::tracker {

// Laws, calendars and the agency directory, as shipped under <data>/data/.
struct Catalog {
  std::map<std::string, Law> laws;
  std::map<std::string, Calendar> calendars;
  std::vector<Regulation> regulations;  // data/regulations/*.toml
  Directory directory;

  static Result<Catalog> load(const std::filesystem::path& data_root);
  Result<const Law*> law(std::string_view id) const;
  // The law `id` as it applies to `agency`: refined by the agency's regulation when one
  // is on file, else the law itself.
  Result<const Law*> law_for(std::string_view id, std::string_view agency) const;
  Result<const Calendar*> calendar(std::string_view id) const;

 private:
  std::map<std::string, Law> refined_;  // "law|agency" -> refined law
};

struct RequestView {
  RequestRecord record;
  const Agency* agency = nullptr;
  const Law* law = nullptr;
  const Calendar* calendar = nullptr;
  std::vector<Event> events;  // in the order they happened
  Assessment assessment;
  std::vector<std::string> documents;
  Date filed;
};

struct NewRequest {
  std::string agency;  // id, name or alias
  std::string law;     // empty: the agency's default law
  std::string subject;
  std::optional<Date> filed;  // empty: today
  std::vector<std::string> tracking;
  std::vector<std::string> tags;
  std::string requester;
  std::string organization;
  std::optional<Date> agency_due;
  std::string source = "cli";
};

struct ListFilter {
  bool all = false;      // closed requests too
  bool overdue = false;  // only those past their next deadline
  std::optional<int> due_within;  // next deadline within this many days
  std::string agency;             // agency id
  std::optional<RequestStatus> status;
  std::string tag;
};

class Tracker {
 public:
  // Opens home/tracker.db and loads the data shipped under `data_root` (paths::data_dir()).
  static Result<Tracker> open(const std::filesystem::path& home,
                              const std::filesystem::path& data_root);

  const Catalog& catalog() const { return catalog_; }
  Store& store() { return store_; }

  // Checks a new request: agency, law, subject; the resolved record (not yet stored).
  Result<RequestRecord> prepare(const NewRequest& request) const;
  Result<long> add(const NewRequest& request, Date today);

  Result<RequestView> view(long id, Date today);
  Result<std::vector<RequestView>> list(const ListFilter& filter, Date today);

  // Appends `event` after checking it against the log (in one transaction).
  Status log(long id, Event event);
  Status link(long id, const std::string& doc_id);
  Status add_agency(Agency agency);

 private:
  Tracker(Catalog catalog, Store store) : catalog_(std::move(catalog)), store_(std::move(store)) {}
  RequestView make_view(RequestRecord record, std::vector<Event> events, Date today);
  Status collect(const ListFilter& filter, Date today, std::vector<RequestView>& out);

  Catalog catalog_;
  Store store_;
};

// A document id: 12 to 64 hex digits (a prefix of the content hash). Lower-cases it.
Result<std::string> normalize_doc_id(std::string_view id);

}  // namespace foialens::tracker

#pragma once
// tracker.db in the library home: requests, their tracking numbers and tags, the
// append-only event log, links to documents, and agencies a user added. SQLite in WAL
// mode with foreign keys; the schema is versioned (PRAGMA user_version) and migrated on
// open; every change runs in a BEGIN IMMEDIATE transaction, so several foialens
// processes may use one home at once.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "tracker/directory.hpp"
#include "tracker/events.hpp"

struct sqlite3;

namespace foialens::tracker {

struct TrackingNumber {
  std::string number;
  std::string kind;  // initial | appeal | refiled | agency
};

struct RequestRecord {
  long id = 0;
  std::string agency;  // agency id
  std::string law;     // law id
  std::string subject;
  std::string requester;
  std::string organization;
  std::optional<Date> agency_due;  // the due date the agency itself stated, when known
  std::string source;              // "cli", "csv:file.csv:12", "muckrock:1234"
  // What makes an imported request the same request in any file: the agency and its
  // tracking number, else the agency, receipt date, requester and description. Empty for
  // requests added by hand.
  std::string import_key;
  std::string created_at;
  std::vector<TrackingNumber> tracking;
  std::vector<std::string> tags;
};

class Store {
 public:
  // Opens (creating when missing) home/tracker.db and migrates it to the current schema.
  static Result<Store> open(const std::filesystem::path& home);
  static constexpr int kSchemaVersion = 2;

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Runs `fn` in one BEGIN IMMEDIATE transaction: all of it is written or none. Calls
  // nest: inner calls join the outer transaction.
  Status transaction(const std::function<Status()>& fn);
  // Runs `fn` in one read transaction: every query in it sees the same snapshot, even
  // while another process writes.
  Status snapshot(const std::function<Status()>& fn);

  // Adds the request with its 'filed' event on `filed`; returns its id.
  Result<long> add_request(const RequestRecord& request, Date filed);
  Status add_event(long request_id, const Event& event);
  Status add_tracking(long request_id, const TrackingNumber& number);

  // Changes what a request is (subject, requester, organization, the agency's stated due
  // date, the import key); the event log is not touched.
  Status update_request(const RequestRecord& request);
  // The request imported under `key`, if any.
  Result<std::optional<long>> find_by_import_key(const std::string& key);
  // The request of `agency` that carries tracking number `number`, if any.
  Result<std::optional<long>> find_by_tracking(const std::string& agency, const std::string& number);

  // A random id made once per library home, so that calendar entries exported from two
  // homes never share a UID.
  Result<std::string> home_id();

  // MuckRock agency names already looked up, by MuckRock agency id.
  std::optional<std::string> muckrock_agency(long id);
  Status cache_muckrock_agency(long id, const std::string& name);

  bool request_exists(long id);
  Result<RequestRecord> request(long id);
  Result<std::vector<RequestRecord>> requests();
  Result<std::vector<Event>> events(long request_id);

  // Documents returned by a request, by document id (a content hash, 12+ hex digits).
  Status link_document(long request_id, const std::string& doc_id);
  std::vector<std::string> documents_for(long request_id);

  Status add_agency(const Agency& agency);
  Result<std::vector<Agency>> agencies();

  int schema_version();
  const std::filesystem::path& path() const { return path_; }

 private:
  Store() = default;
  struct Db;
  std::unique_ptr<Db> db_;
  std::filesystem::path path_;
  int depth_ = 0;
};

}  // namespace foialens::tracker

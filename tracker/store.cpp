#include "tracker/store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <random>
#include <system_error>
#include <thread>

#include "common/text.hpp"
#include "tracker/clock.hpp"

namespace foialens::tracker {
namespace {

// How long a process waits for another one's write to finish.
constexpr int kBusyTimeoutMs = 10'000;

// Schema migrations: entry i moves the database from user_version i to i + 1.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  jurisdiction TEXT NOT NULL DEFAULT '',
  calendar TEXT NOT NULL,
  law TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  portal TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  agency TEXT NOT NULL,
  law TEXT NOT NULL,
  subject TEXT NOT NULL,
  requester TEXT NOT NULL DEFAULT '',
  organization TEXT NOT NULL DEFAULT '',
  agency_due TEXT,
  source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE tracking (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  number TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'initial',
  PRIMARY KEY (request_id, number)
);
CREATE TABLE tags (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (request_id, tag)
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  exemptions TEXT NOT NULL DEFAULT '',
  tracking TEXT NOT NULL DEFAULT '',
  until TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX events_by_request ON events(request_id, date);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TABLE documents (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (request_id, doc_id)
);
)sql",
    R"sql(
ALTER TABLE requests ADD COLUMN import_key TEXT NOT NULL DEFAULT '';
CREATE INDEX requests_by_import_key ON requests(import_key);
CREATE INDEX tracking_by_number ON tracking(number COLLATE NOCASE);
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE muckrock_agencies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
)sql",
};

std::string now_utc() { return detail::utc_now("%Y-%m-%dT%H:%M:%SZ"); }

// One prepared statement, finalised on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, long v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return rc_ = sqlite3_step(stmt_); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  long integer(int col) const { return static_cast<long>(sqlite3_column_int64(stmt_, col)); }
  std::string error() const { return sqlite3_errmsg(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

Error db_error(sqlite3* db, const std::string& what) {
  return Error::run("tracker.db: " + what + ": " + sqlite3_errmsg(db));
}

std::optional<Date> date_or_null(const Stmt& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  auto d = Date::parse_iso(s.text(col));
  if (!d) return std::nullopt;
  return *d;
}

}  // namespace

struct Store::Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close_v2(handle); }
};

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::filesystem::path& home) {
  std::error_code ec;
  std::filesystem::create_directories(home, ec);
  if (ec) return Error::run(home.string() + ": cannot create the library home: " + ec.message());
  Store store;
  store.path_ = home / "tracker.db";
  store.db_ = std::make_unique<Db>();
  if (sqlite3_open_v2(store.path_.c_str(), &store.db_->handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    return Error::run(store.path_.string() + ": cannot open: " +
                      (store.db_->handle ? sqlite3_errmsg(store.db_->handle) : "out of memory"));
  }
  sqlite3* db = store.db_->handle;
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Switching a new database to WAL needs an exclusive lock, and SQLite does not always
  // wait for it through the busy handler: when several processes open a new home at once,
  // retry for as long as the busy timeout.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
                                nullptr, nullptr, &err);
    if (rc == SQLITE_OK) break;
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    const int primary = rc & 0xff;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || std::chrono::steady_clock::now() > deadline) {
      return Error::run(store.path_.string() + ": cannot configure: " + msg);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Migrate under a write lock so two processes opening a new home do not both migrate.
  auto migrated = store.transaction([&]() -> Status {
    const int version = store.schema_version();
    constexpr int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest) {
      return Error::run(store.path_.string() + ": schema version " + std::to_string(version) +
                        " is newer than this foialens understands (" + std::to_string(latest) +
                        "): upgrade foialens");
    }
    for (int v = version; v < latest; ++v) {
      char* e = nullptr;
      if (sqlite3_exec(db, kMigrations[v], nullptr, nullptr, &e) != SQLITE_OK) {
        std::string msg = e ? e : "unknown error";
        sqlite3_free(e);
        return Error::run(store.path_.string() + ": migration to version " + std::to_string(v + 1) +
                          " failed: " + msg);
      }
      const std::string set = "PRAGMA user_version=" + std::to_string(v + 1);
      if (sqlite3_exec(db, set.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return db_error(db, "cannot record the schema version");
      }
    }
    return Ok{};
  });
  if (!migrated) return migrated.error();
  return store;
}

int Store::schema_version() {
  Stmt s(db_->handle, "PRAGMA user_version");
  return s.ok() && s.step() == SQLITE_ROW ? static_cast<int>(s.integer(0)) : 0;
}

Status Store::transaction(const std::function<Status()>& fn) {
  sqlite3* db = db_->handle;
  if (depth_ > 0) {
    ++depth_;
    Status st = fn();
    --depth_;
    return st;
  }
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return db_error(db, "cannot begin a transaction");
  }
  ++depth_;
  Status st = [&]() -> Status {
    try {
      return fn();
    } catch (const std::exception& e) {
      return Error::run(std::string("internal error: ") + e.what());
    }
  }();
  --depth_;
  if (!st) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error e = db_error(db, "cannot commit");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  }
  return Ok{};
}

Status Store::snapshot(const std::function<Status()>& fn) {
  sqlite3* db = db_->handle;
  if (depth_ > 0) return fn();
  if (sqlite3_exec(db, "BEGIN DEFERRED", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return db_error(db, "cannot begin a read transaction");
  }
  ++depth_;
  Status st = fn();
  --depth_;
  sqlite3_exec(db, st ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
  return st;
}

Result<long> Store::add_request(const RequestRecord& r, Date filed) {
  long id = 0;
  Status st = transaction([&]() -> Status {
    sqlite3* db = db_->handle;
    Stmt ins(db,
             "INSERT INTO requests(agency, law, subject, requester, organization, agency_due, "
             "source, created_at, import_key) VALUES(?,?,?,?,?,?,?,?,?)");
    ins.bind(1, r.agency).bind(2, r.law).bind(3, r.subject).bind(4, r.requester);
    ins.bind(5, r.organization);
    if (r.agency_due) ins.bind(6, r.agency_due->iso());
    else ins.bind_null(6);
    ins.bind(7, r.source).bind(8, now_utc()).bind(9, r.import_key);
    if (ins.step() != SQLITE_DONE) return db_error(db, "cannot add the request");
    id = static_cast<long>(sqlite3_last_insert_rowid(db));
    for (const TrackingNumber& t : r.tracking) {
      if (Status s = add_tracking(id, t); !s) return s;
    }
    for (const std::string& tag : r.tags) {
      Stmt t(db, "INSERT OR IGNORE INTO tags(request_id, tag) VALUES(?,?)");
      t.bind(1, id).bind(2, tag);
      if (t.step() != SQLITE_DONE) return db_error(db, "cannot add tag '" + tag + "'");
    }
    Event filed_event;
    filed_event.kind = EventKind::filed;
    filed_event.date = filed;
    return add_event(id, filed_event);
  });
  if (!st) return st.error();
  return id;
}

Status Store::add_event(long request_id, const Event& e) {
  return transaction([&]() -> Status {
    sqlite3* db = db_->handle;
    Stmt s(db,
           "INSERT INTO events(request_id, kind, date, note, exemptions, tracking, until, "
           "recorded_at) VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, request_id).bind(2, std::string(event_name(e.kind))).bind(3, e.date.iso());
    s.bind(4, e.note).bind(5, e.exemptions).bind(6, e.tracking);
    if (e.until) s.bind(7, e.until->iso());
    else s.bind_null(7);
    s.bind(8, e.recorded_at.empty() ? now_utc() : e.recorded_at);
    if (s.step() != SQLITE_DONE) return db_error(db, "cannot record the event");
    if (!e.tracking.empty()) {
      const std::string kind = !e.tracking_kind.empty()           ? e.tracking_kind
                               : e.kind == EventKind::appealed ? "appeal"
                                                               : "agency";
      return add_tracking(request_id, {e.tracking, kind});
    }
    return Ok{};
  });
}

Status Store::add_tracking(long request_id, const TrackingNumber& t) {
  Stmt s(db_->handle, "INSERT OR IGNORE INTO tracking(request_id, number, kind) VALUES(?,?,?)");
  s.bind(1, request_id).bind(2, t.number).bind(3, t.kind.empty() ? "initial" : t.kind);
  if (s.step() != SQLITE_DONE) return db_error(db_->handle, "cannot add tracking number '" + t.number + "'");
  return Ok{};
}

Status Store::update_request(const RequestRecord& r) {
  return transaction([&]() -> Status {
    Stmt s(db_->handle,
           "UPDATE requests SET subject = ?, requester = ?, organization = ?, agency_due = ?, "
           "import_key = ? WHERE id = ?");
    s.bind(1, r.subject).bind(2, r.requester).bind(3, r.organization);
    if (r.agency_due) s.bind(4, r.agency_due->iso());
    else s.bind_null(4);
    s.bind(5, r.import_key).bind(6, r.id);
    if (s.step() != SQLITE_DONE) return db_error(db_->handle, "cannot update request " + std::to_string(r.id));
    return Ok{};
  });
}

Result<std::optional<long>> Store::find_by_import_key(const std::string& key) {
  if (key.empty()) return std::optional<long>();
  Stmt s(db_->handle, "SELECT id FROM requests WHERE import_key = ? ORDER BY id LIMIT 1");
  s.bind(1, key);
  const int rc = s.step();
  if (rc == SQLITE_ROW) return std::optional<long>(s.integer(0));
  if (rc != SQLITE_DONE) return db_error(db_->handle, "cannot look up an imported request");
  return std::optional<long>();
}

Result<std::optional<long>> Store::find_by_tracking(const std::string& agency, const std::string& number) {
  Stmt s(db_->handle,
         "SELECT r.id FROM requests r JOIN tracking t ON t.request_id = r.id "
         "WHERE r.agency = ? AND t.number = ? COLLATE NOCASE ORDER BY r.id LIMIT 1");
  s.bind(1, agency).bind(2, number);
  const int rc = s.step();
  if (rc == SQLITE_ROW) return std::optional<long>(s.integer(0));
  if (rc != SQLITE_DONE) return db_error(db_->handle, "cannot look up a tracking number");
  return std::optional<long>();
}

Result<std::string> Store::home_id() {
  std::string id;
  Status st = transaction([&]() -> Status {
    Stmt get(db_->handle, "SELECT value FROM meta WHERE key = 'home_id'");
    if (get.step() == SQLITE_ROW) {
      id = get.text(0);
      return Ok{};
    }
    std::random_device rd;
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) id += kHex[rd() % 16];
    Stmt put(db_->handle, "INSERT INTO meta(key, value) VALUES('home_id', ?)");
    put.bind(1, id);
    if (put.step() != SQLITE_DONE) return db_error(db_->handle, "cannot record the home id");
    return Ok{};
  });
  if (!st) return st.error();
  return id;
}

std::optional<std::string> Store::muckrock_agency(long id) {
  Stmt s(db_->handle, "SELECT name FROM muckrock_agencies WHERE id = ?");
  s.bind(1, id);
  if (s.step() == SQLITE_ROW) return s.text(0);
  return std::nullopt;
}

Status Store::cache_muckrock_agency(long id, const std::string& name) {
  return transaction([&]() -> Status {
    Stmt s(db_->handle, "INSERT OR REPLACE INTO muckrock_agencies(id, name, fetched_at) VALUES(?,?,?)");
    s.bind(1, id).bind(2, name).bind(3, now_utc());
    if (s.step() != SQLITE_DONE) return db_error(db_->handle, "cannot cache MuckRock agency " + std::to_string(id));
    return Ok{};
  });
}

bool Store::request_exists(long id) {
  Stmt s(db_->handle, "SELECT 1 FROM requests WHERE id = ?");
  s.bind(1, id);
  return s.step() == SQLITE_ROW;
}

namespace {

// Requests matching `where` (with `id` bound to its one parameter when not 0), with
// their tracking numbers and tags.
Result<std::vector<RequestRecord>> load_requests(sqlite3* db, const std::string& where, long id) {
  std::vector<RequestRecord> out;
  {
    const std::string sql =
        "SELECT id, agency, law, subject, requester, organization, agency_due, source, "
        "created_at, import_key FROM requests " + where + " ORDER BY id";
    Stmt s(db, sql.c_str());
    if (!s.ok()) return db_error(db, "cannot read requests");
    if (id != 0) s.bind(1, id);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      RequestRecord r;
      r.id = s.integer(0);
      r.agency = s.text(1);
      r.law = s.text(2);
      r.subject = s.text(3);
      r.requester = s.text(4);
      r.organization = s.text(5);
      r.agency_due = date_or_null(s, 6);
      r.source = s.text(7);
      r.created_at = s.text(8);
      r.import_key = s.text(9);
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return db_error(db, "cannot read requests");
  }
  for (RequestRecord& r : out) {
    Stmt t(db, "SELECT number, kind FROM tracking WHERE request_id = ? ORDER BY rowid");
    t.bind(1, r.id);
    while (t.step() == SQLITE_ROW) r.tracking.push_back({t.text(0), t.text(1)});
    Stmt g(db, "SELECT tag FROM tags WHERE request_id = ? ORDER BY tag");
    g.bind(1, r.id);
    while (g.step() == SQLITE_ROW) r.tags.push_back(g.text(0));
  }
  return out;
}

}  // namespace

Result<std::vector<RequestRecord>> Store::requests() { return load_requests(db_->handle, "", 0); }

Result<RequestRecord> Store::request(long id) {
  auto found = load_requests(db_->handle, "WHERE id = ?", id);
  if (!found) return found.error();
  if (found->empty()) {
    return Error::input("no request with id " + std::to_string(id) +
                        " ('foialens requests list --all' shows them)");
  }
  return std::move(found->front());
}

Result<std::vector<Event>> Store::events(long request_id) {
  sqlite3* db = db_->handle;
  Stmt s(db,
         "SELECT id, kind, date, note, exemptions, tracking, until, recorded_at FROM events "
         "WHERE request_id = ? ORDER BY id");
  s.bind(1, request_id);
  std::vector<Event> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    Event e;
    e.id = s.integer(0);
    const auto kind = event_from_name(s.text(1));
    auto date = Date::parse_iso(s.text(2));
    if (!kind || !date) {
      return Error::run("tracker.db: event " + std::to_string(e.id) + " is corrupt");
    }
    e.kind = *kind;
    e.date = *date;
    e.note = s.text(3);
    e.exemptions = s.text(4);
    e.tracking = s.text(5);
    e.until = date_or_null(s, 6);
    e.recorded_at = s.text(7);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return db_error(db, "cannot read events");
  return out;
}

Status Store::link_document(long request_id, const std::string& doc_id) {
  return transaction([&]() -> Status {
    Stmt s(db_->handle, "INSERT OR IGNORE INTO documents(request_id, doc_id, linked_at) VALUES(?,?,?)");
    s.bind(1, request_id).bind(2, doc_id).bind(3, now_utc());
    if (s.step() != SQLITE_DONE) return db_error(db_->handle, "cannot link document " + doc_id);
    return Ok{};
  });
}

std::vector<std::string> Store::documents_for(long request_id) {
  Stmt s(db_->handle, "SELECT doc_id FROM documents WHERE request_id = ? ORDER BY linked_at, doc_id");
  s.bind(1, request_id);
  std::vector<std::string> out;
  while (s.step() == SQLITE_ROW) out.push_back(s.text(0));
  return out;
}

Status Store::add_agency(const Agency& a) {
  return transaction([&]() -> Status {
    std::string aliases;
    for (const std::string& al : a.aliases) aliases += (aliases.empty() ? "" : "\n") + al;
    Stmt s(db_->handle,
           "INSERT INTO agencies(id, name, jurisdiction, calendar, law, contact, portal, aliases, "
           "note) VALUES(?,?,?,?,?,?,?,?,?)");
    s.bind(1, a.id).bind(2, a.name).bind(3, a.jurisdiction).bind(4, a.calendar).bind(5, a.law);
    s.bind(6, a.contact).bind(7, a.portal).bind(8, aliases).bind(9, a.note);
    if (s.step() != SQLITE_DONE) {
      if (sqlite3_extended_errcode(db_->handle) == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error::input("an agency with id '" + a.id + "' already exists");
      }
      return db_error(db_->handle, "cannot add agency " + a.id);
    }
    return Ok{};
  });
}

Result<std::vector<Agency>> Store::agencies() {
  Stmt s(db_->handle,
         "SELECT id, name, jurisdiction, calendar, law, contact, portal, aliases, note FROM "
         "agencies ORDER BY id");
  std::vector<Agency> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    Agency a;
    a.id = s.text(0);
    a.name = s.text(1);
    a.jurisdiction = s.text(2);
    a.calendar = s.text(3);
    a.law = s.text(4);
    a.contact = s.text(5);
    a.portal = s.text(6);
    const std::string aliases = s.text(7);
    for (std::string_view al : text::split(aliases, '\n')) {
      if (!al.empty()) a.aliases.emplace_back(al);
    }
    a.note = s.text(8);
    a.user_added = true;
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return db_error(db_->handle, "cannot read agencies");
  return out;
}

}  // namespace foialens::tracker

#include "index/writer.hpp"

#include <xapian.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "common/agencies.hpp"
#include "common/text.hpp"
#include "index/record.hpp"
#include "index/schema.hpp"

namespace foialens::index {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Puts are grouped into one commit per this many records (a document and its passages),
// or per this much time, whichever comes first: a killed ingest loses at most the last
// seconds of work. Each put is its own transaction, so nothing is ever half-stored.
constexpr int kRecordsPerCommit = 20000;

struct PreparedDocument final : DocumentSink::Prepared {
  Xapian::Document record;
  std::vector<Xapian::Document> passages;
};

void add_boolean(Xapian::Document& d, std::string term) {
  if (term.size() <= schema::kMaxTermBytes) d.add_boolean_term(term);
}

// Terms, values and filters that every record of a document carries: what passages are
// filtered, collapsed and deleted by.
void add_common(Xapian::Document& d, const Document& doc, const std::vector<std::string>& agency_terms) {
  const std::string key = schema::doc_key(doc.id);
  add_boolean(d, std::string(schema::kDocKey) + key);
  add_boolean(d, std::string(schema::kType) + doc.doc_type);
  for (const auto& term : agency_terms) add_boolean(d, term);
  if (doc.date) {
    add_boolean(d, std::string(schema::kYear) + std::to_string(doc.date->year()));
    d.add_value(schema::kSlotDate, doc.date->compact());
  }
  d.add_value(schema::kSlotDocKey, key);
}

// Header words (`from:`, `to:`...) on every record of a message, so that they filter its
// passages; after a gap, so that no phrase spans the text and a header.
void add_fields(Xapian::TermGenerator& tg, const Document& doc) {
  for (const auto& [name, value] : doc.fields) {
    const std::string_view prefix = schema::field_prefix(name);
    if (prefix.empty()) continue;
    tg.increase_termpos(100);
    tg.index_text(value, 1, std::string(prefix));
  }
}

// Indexes agency acronyms at the place their full names appear, so that `ICE` finds
// "Immigration and Customs Enforcement" and `CPD` finds "Chicago Police Department".
void add_agency_aliases(Xapian::Document& d, std::string_view text) {
  for (const auto& m : agencies::find_mentions(text)) {
    if (m.agency->acronym.empty()) continue;
    const std::string term = text::lower_ascii(m.agency->acronym);
    d.add_term(term);
    d.add_term("Z" + term);
  }
}

// Spellings that differ between British and American usage, both common in these
// documents ("deputise", "deputize"): each is a synonym of the other, for the word as
// typed and for its stem.
constexpr std::pair<std::string_view, std::string_view> kSpellings[] = {
    {"deputise", "deputize"},         {"deputised", "deputized"},
    {"deputisation", "deputization"}, {"honour", "honor"},
    {"honoured", "honored"},          {"authorise", "authorize"},
    {"authorised", "authorized"},     {"authorisation", "authorization"},
    {"organisation", "organization"}, {"recognise", "recognize"},
    {"recognised", "recognized"},
    {"favour", "favor"},              {"behaviour", "behavior"},
    {"programme", "program"},         {"licence", "license"},
    {"defence", "defense"},           {"offence", "offense"},
    {"offences", "offenses"},         {"judgement", "judgment"},
};
constexpr std::string_view kSynonymsVersion = "1";

void install_synonyms(Xapian::WritableDatabase& db) {
  if (db.get_metadata("foialens:synonyms") == kSynonymsVersion) return;
  const Xapian::Stem stem("english");
  for (const auto& [a, b] : kSpellings) {
    if (a == b) continue;
    const std::string sa(a), sb(b);
    db.add_synonym(sa, sb);
    db.add_synonym(sb, sa);
    const std::string za = "Z" + stem(sa), zb = "Z" + stem(sb);
    if (za != zb) {
      db.add_synonym(za, zb);
      db.add_synonym(zb, za);
    }
  }
  db.set_metadata("foialens:synonyms", std::string(kSynonymsVersion));
  db.commit();
}

}  // namespace

struct Writer::Impl {
  Xapian::WritableDatabase db;
  fs::path dir;
  int uncommitted = 0;
  std::chrono::milliseconds commit_interval = Writer::kDefaultCommitInterval;
  std::chrono::steady_clock::time_point last_commit = std::chrono::steady_clock::now();
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Writer::~Writer() {
  if (impl_ && impl_->uncommitted > 0) {
    try {
      impl_->db.commit();
    } catch (const Xapian::Error&) {
      // Nothing to report to: the next run sees the last good commit.
    }
  }
}

Result<std::unique_ptr<Writer>> Writer::open(const fs::path& index_dir) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->dir = index_dir;
    std::error_code ec;
    fs::create_directories(index_dir.parent_path(), ec);
    impl->db = Xapian::WritableDatabase(index_dir.string(), Xapian::DB_CREATE_OR_OPEN);
    install_synonyms(impl->db);
    return std::unique_ptr<Writer>(new Writer(std::move(impl)));
  } catch (const Xapian::DatabaseLockError&) {
    return Error::run("index " + index_dir.string() +
                      ": locked by another foialens process; wait for it to finish");
  } catch (const Xapian::Error& e) {
    return Error::run("index " + index_dir.string() + ": cannot open: " + e.get_description());
  }
}

std::vector<std::pair<std::string, std::string>> Writer::known_documents() {
  std::vector<std::pair<std::string, std::string>> known;
  const std::string kind(schema::kKindDocument);
  for (auto it = impl_->db.postlist_begin(kind); it != impl_->db.postlist_end(kind); ++it) {
    const auto data = json::parse(impl_->db.get_document(*it).get_data(), nullptr, false);
    if (data.is_discarded()) continue;
    known.emplace_back(data.value("doc", ""), data.value("source", ""));
  }
  return known;
}

std::unique_ptr<DocumentSink::Prepared> Writer::prepare(const Document& doc) const {
  auto prepared = std::make_unique<PreparedDocument>();
  std::vector<std::string> agency_terms;
  for (const auto& name : doc.agencies) {
    agency_terms.push_back(std::string(schema::kAgency) + schema::agency_key(name));
  }
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  tg.set_max_word_length(64);

  // The document record: metadata, titles, and every page's text in its data.
  {
    Xapian::Document& d = prepared->record;
    tg.set_document(d);
    tg.index_text(doc.title, 1, std::string(schema::kTitle));
    tg.index_text(doc.title);
    add_common(d, doc, agency_terms);
    add_boolean(d, std::string(schema::kUnique) + "d" + doc.id);
    add_boolean(d, std::string(schema::kKindDocument));
    add_boolean(d, schema::source_term(doc.source));
    add_boolean(d, std::string(schema::kMedia) + doc.media_type);
    add_fields(tg, doc);
    d.set_data(record::document_data(doc));
    if (!doc.analysis.empty()) d.add_value(schema::kSlotAnalysis, doc.analysis);
  }

  // Passages carry only what search needs: their words with positions, and the
  // document's filter terms. No unique term: a document's passages are replaced together
  // through its key.
  for (const Passage& p : doc.passages) {
    Xapian::Document d;
    tg.set_document(d);
    tg.index_text(p.text);
    add_agency_aliases(d, p.text);
    if (!p.heading.empty()) {
      tg.increase_termpos(10);
      tg.index_text(p.heading);
    }
    add_common(d, doc, agency_terms);
    add_fields(tg, doc);
    if (!p.clause.empty()) add_boolean(d, schema::clause_term(p.clause));
    d.set_data(record::passage_data(doc, p));
    prepared->passages.push_back(std::move(d));
  }
  return prepared;
}

Result<PutOutcome> Writer::put(const Document& doc, std::unique_ptr<Prepared> prepared) {
  auto* ready = dynamic_cast<PreparedDocument*>(prepared.get());
  std::unique_ptr<Prepared> owned;
  if (!ready) {
    owned = this->prepare(doc);
    ready = static_cast<PreparedDocument*>(owned.get());
  }
  Xapian::WritableDatabase& db = impl_->db;
  try {
    const std::string unique = std::string(schema::kUnique) + "d" + doc.id;
    if (db.term_exists(unique)) return PutOutcome::unchanged;

    // Earlier versions of the same source (same path or URL, other bytes) are replaced.
    std::set<std::string> old_ids;
    const std::string source = schema::source_term(doc.source);
    for (auto it = db.postlist_begin(source); it != db.postlist_end(source); ++it) {
      const std::string key = db.get_document(*it).get_value(schema::kSlotDocKey);
      if (!key.empty() && key != schema::doc_key(doc.id)) old_ids.insert(key);
    }

    db.begin_transaction(false);
    try {
      for (const auto& old : old_ids) db.delete_document(std::string(schema::kDocKey) + old);
      // Identical content was caught above; other passages of this key are an earlier,
      // interrupted store of the same document.
      db.delete_document(std::string(schema::kDocKey) + schema::doc_key(doc.id));
      db.replace_document(unique, ready->record);
      for (auto& passage : ready->passages) db.add_document(passage);
      db.commit_transaction();
    } catch (...) {
      db.cancel_transaction();
      throw;
    }
    impl_->uncommitted += 1 + static_cast<int>(ready->passages.size());
    const auto now = std::chrono::steady_clock::now();
    if (impl_->uncommitted >= kRecordsPerCommit || now - impl_->last_commit >= impl_->commit_interval) {
      db.commit();
      impl_->uncommitted = 0;
      impl_->last_commit = now;
    }
    return old_ids.empty() ? PutOutcome::added : PutOutcome::replaced;
  } catch (const Xapian::Error& e) {
    return Error::run("index: storing failed: " + e.get_description());
  }
}

void Writer::set_commit_interval(std::chrono::milliseconds interval) { impl_->commit_interval = interval; }

Status Writer::flush() {
  try {
    impl_->db.commit();
    impl_->uncommitted = 0;
    return Ok{};
  } catch (const Xapian::Error& e) {
    return Error::run("index: commit failed: " + e.get_description());
  }
}

Result<bool> Writer::store_analysis(const std::string& doc_id, const std::string& data) {
  try {
    Xapian::WritableDatabase& db = impl_->db;
    const std::string key = std::string(schema::kDocKey) + schema::doc_key(doc_id);
    const std::string kind(schema::kKindDocument);
    Xapian::Query q(Xapian::Query::OP_FILTER, Xapian::Query(key), Xapian::Query(kind));
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    const Xapian::MSet found = enquire.get_mset(0, 2);
    if (found.empty()) return false;
    Xapian::Document d = found.begin().get_document();
    d.add_value(schema::kSlotAnalysis, data);
    db.replace_document(*found.begin(), d);
    ++impl_->uncommitted;
    return true;
  } catch (const Xapian::Error& e) {
    return Error::run("index: storing the analysis of " + short_id(doc_id) + " failed: " +
                      e.get_description());
  }
}

Result<bool> Writer::remove(const std::string& doc_id) {
  try {
    const std::string key = std::string(schema::kDocKey) + schema::doc_key(doc_id);
    if (!impl_->db.term_exists(std::string(schema::kUnique) + "d" + doc_id)) return false;
    impl_->db.begin_transaction(true);
    impl_->db.delete_document(key);
    impl_->db.commit_transaction();
    return true;
  } catch (const Xapian::Error& e) {
    return Error::run("index: removing " + doc_id + " failed: " + e.get_description());
  }
}

}  // namespace foialens::index

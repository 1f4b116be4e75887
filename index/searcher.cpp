#include "index/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "common/agencies.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "index/query.hpp"
#include "index/record.hpp"
#include "index/schema.hpp"

namespace foialens::index {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::uintmax_t directory_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// MSet::snippet escapes HTML; our output is plain text.
std::string unescape_html(std::string s) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities) {
    for (std::size_t at = s.find(entity); at != std::string::npos;
         at = s.find(entity, at + plain.size())) {
      s.replace(at, entity.size(), plain);
    }
  }
  return s;
}

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
  fs::path dir;

  // What passages print of their document, by doc key; read once per opened revision.
  struct DocSummary {
    std::string id, title, source, type, date;
    std::vector<std::string> agencies;
  };
  std::map<std::string, DocSummary> summaries;
  bool summaries_loaded = false;

  const std::map<std::string, DocSummary>& doc_summaries() {
    if (summaries_loaded) return summaries;
    summaries.clear();
    const std::string kind(schema::kKindDocument);
    for (auto it = db.postlist_begin(kind); it != db.postlist_end(kind); ++it) {
      const auto data = json::parse(db.get_document(*it).get_data(), nullptr, false);
      if (data.is_discarded()) continue;
      DocSummary d{data.value("doc", ""),  data.value("title", ""), data.value("source", ""),
                   data.value("type", ""), data.value("date", ""),
                   data.value("agencies", std::vector<std::string>{})};
      summaries.emplace(schema::doc_key(d.id), std::move(d));
    }
    summaries_loaded = true;
    return summaries;
  }

  // Fills in what a passage record leaves to its document record.
  void complete(Hit& hit) {
    const auto& all = doc_summaries();
    const auto it = all.find(hit.doc);
    if (it == all.end()) return;
    hit.doc = it->second.id;
    hit.title = it->second.title;
    hit.source = it->second.source;
    hit.doc_type = it->second.type;
    hit.date = it->second.date;
  }

  void reopen() {
    db.reopen();
    summaries_loaded = false;
  }

  // Runs `fn`, reopening the database and trying again when a writer has committed twice
  // since the revision being read was opened. A writer that commits after every small
  // document can do that during a long read several times in a row; each attempt reads
  // the newest revision, so one finishes as soon as a read is quicker than two commits.
  template <class Fn>
  auto retrying(Fn&& fn) -> decltype(fn()) {
    constexpr int kAttempts = 100;
    for (int attempt = 1;; ++attempt) {
      try {
        return fn();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kAttempts) throw;
        reopen();
      }
    }
  }

  std::vector<std::string> resolve_documents(const std::vector<std::string>& ids);
  Result<Xapian::Query> build(const std::string& query, const std::vector<std::string>& docs);
  std::optional<json> document_data(const std::string& full_id);
};

std::optional<json> Searcher::Impl::document_data(const std::string& full_id) {
  const std::string unique = std::string(schema::kUnique) + "d" + full_id;
  auto it = db.postlist_begin(unique);
  if (it == db.postlist_end(unique)) return std::nullopt;
  auto data = json::parse(db.get_document(*it).get_data(), nullptr, false);
  if (data.is_discarded()) return std::nullopt;
  return data;
}

std::vector<std::string> Searcher::Impl::resolve_documents(const std::vector<std::string>& ids) {
  std::vector<std::string> full;
  for (const auto& id : ids) {
    for (const auto& [key, summary] : doc_summaries()) {
      if (summary.id.compare(0, id.size(), id) == 0) full.push_back(summary.id);
    }
  }
  return full;
}

Result<Xapian::Query> Searcher::Impl::build(const std::string& query,
                                            const std::vector<std::string>& docs) {
  auto parsed = parse_query(db, query);
  if (!parsed) return parsed.error();
  Xapian::Query q = Xapian::Query(Xapian::Query::OP_AND_NOT, *parsed,
                                  Xapian::Query(std::string(schema::kKindDocument)));
  if (!docs.empty()) {
    std::vector<Xapian::Query> keys;
    for (const auto& id : resolve_documents(docs)) {
      keys.emplace_back(std::string(schema::kDocKey) + schema::doc_key(id));
    }
    if (keys.empty()) keys.emplace_back(std::string(schema::kDocKey) + "-none-");
    q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end()));
  }
  return q;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const fs::path& index_dir) {
  std::error_code ec;
  if (!fs::exists(index_dir, ec)) {
    return Error::run("no index at " + index_dir.string() +
                      " yet: ingest documents first (foialens ingest PATH)");
  }
  try {
    auto impl = std::make_unique<Impl>();
    impl->dir = index_dir;
    // Opening reads the newest revision's root blocks, which a writer committing twice
    // meanwhile can discard too.
    for (int attempt = 1;; ++attempt) {
      try {
        impl->db = Xapian::Database(index_dir.string());
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == 100) throw;
      }
    }
    return Searcher(std::move(impl));
  } catch (const Xapian::Error& e) {
    return Error::run("index " + index_dir.string() + ": cannot open: " + e.get_description());
  }
}

void Searcher::reopen() { impl_->reopen(); }

Result<SearchResults> Searcher::search(const SearchOptions& options) {
  try {
    return impl_->retrying([&]() -> Result<SearchResults> {
      auto query = impl_->build(options.query, options.documents);
      if (!query) return query.error();
      Xapian::Enquire enquire(impl_->db);
      enquire.set_query(*query);
      if (options.collapse_documents) enquire.set_collapse_key(schema::kSlotDocKey);
      const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                                 static_cast<Xapian::doccount>(options.limit));
      SearchResults results;
      results.estimated_total = mset.get_matches_estimated();
      const Xapian::Stem stem("english");
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto data = json::parse(it.get_document().get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        Hit hit = record::parse_passage(data);
        impl_->complete(hit);
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hit.snippet = text::squash_spaces(unescape_html(mset.snippet(
            hit.text, options.snippet_chars, stem,
            Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
            options.highlight_open, options.highlight_close, "\u2026")));
        results.hits.push_back(std::move(hit));
      }
      if (options.facets || options.collapse_documents) {
        // Every matching document, once: exact counts for --docs and the facets.
        Xapian::Enquire all(impl_->db);
        all.set_query(*query);
        all.set_collapse_key(schema::kSlotDocKey);
        all.set_weighting_scheme(Xapian::BoolWeight());
        const Xapian::MSet docs = all.get_mset(0, impl_->db.get_doccount());
        if (options.collapse_documents) results.estimated_total = docs.size();
        if (!options.facets) return results;
        std::map<std::string, std::size_t> by_agency, by_type;
        for (auto it = docs.begin(); it != docs.end(); ++it) {
          const Xapian::Document d = it.get_document();
          const auto& summaries = impl_->doc_summaries();
          if (const auto found = summaries.find(d.get_value(schema::kSlotDocKey)); found != summaries.end()) {
            ++by_type[found->second.type];
            for (const auto& name : found->second.agencies) ++by_agency[name];
          }
        }
        const auto sorted = [](const std::map<std::string, std::size_t>& counts) {
          std::vector<FacetCount> out;
          for (const auto& [value, count] : counts) out.push_back({value, count});
          std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return a.count > b.count;
          });
          return out;
        };
        results.agencies = sorted(by_agency);
        results.types = sorted(by_type);
      }
      return results;
    });
  } catch (const Xapian::Error& e) {
    return Error::run("search failed: " + e.get_description());
  }
}

Result<std::vector<Hit>> Searcher::match_passages(const std::string& query,
                                                  const std::vector<std::string>& documents) {
  try {
    return impl_->retrying([&]() -> Result<std::vector<Hit>> {
      auto q = impl_->build(query, documents);
      if (!q) return q.error();
      Xapian::Enquire enquire(impl_->db);
      enquire.set_query(*q);
      const Xapian::MSet mset = enquire.get_mset(0, impl_->db.get_doccount());
      std::vector<Hit> hits;
      hits.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto data = json::parse(it.get_document().get_data(), nullptr, false);
        if (data.is_discarded()) continue;
        Hit hit = record::parse_passage(data);
        impl_->complete(hit);
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hits.push_back(std::move(hit));
      }
      return hits;
    });
  } catch (const Xapian::Error& e) {
    return Error::run("search failed: " + e.get_description());
  }
}

std::vector<DocumentInfo> Searcher::documents() {
  return impl_->retrying([&] {
    std::vector<DocumentInfo> docs;
    const std::string kind(schema::kKindDocument);
    for (auto it = impl_->db.postlist_begin(kind); it != impl_->db.postlist_end(kind); ++it) {
      const auto data = json::parse(impl_->db.get_document(*it).get_data(), nullptr, false);
      if (!data.is_discarded()) docs.push_back(record::parse_document(data));
    }
    std::sort(docs.begin(), docs.end(), [](const DocumentInfo& a, const DocumentInfo& b) {
      return a.title != b.title ? a.title < b.title : a.id < b.id;
    });
    return docs;
  });
}

Result<DocumentInfo> Searcher::document(const std::string& id_or_prefix) {
  const std::string wanted = text::lower_ascii(id_or_prefix);
  if (wanted.size() < 4 || wanted.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Error::input("document id '" + id_or_prefix +
                        "': expected at least 4 hex digits (see 'foialens docs')");
  }
  std::vector<std::string> found;
  try {
    found = impl_->retrying([&] { return impl_->resolve_documents({wanted}); });
  } catch (const Xapian::Error& e) {
    return Error::run("index: " + e.get_description());
  }
  if (found.empty()) {
    return Error::input("no document with id " + id_or_prefix + " (see 'foialens docs')");
  }
  if (found.size() > 1) {
    std::string list;
    for (const auto& id : found) list += " " + short_id(id);
    return Error::input("document id " + id_or_prefix + " is ambiguous:" + list);
  }
  std::optional<json> data;
  try {
    data = impl_->retrying([&] { return impl_->document_data(found.front()); });
  } catch (const Xapian::Error& e) {
    return Error::run("index: " + e.get_description());
  }
  if (!data) return Error::input("no document with id " + id_or_prefix);
  return record::parse_document(*data);
}

Result<std::vector<Passage>> Searcher::passages(const std::string& doc_id) {
  auto info = document(doc_id);
  if (!info) return info.error();
  const std::string key = std::string(schema::kDocKey) + schema::doc_key(info->id);
  try {
    return impl_->retrying([&] {
      std::vector<Passage> out;
      for (auto it = impl_->db.postlist_begin(key); it != impl_->db.postlist_end(key); ++it) {
        const auto data = json::parse(impl_->db.get_document(*it).get_data(), nullptr, false);
        if (data.is_discarded() || data.value("k", "") != "p") continue;
        out.push_back(record::passage_from(data));
      }
      std::sort(out.begin(), out.end(),
                [](const Passage& a, const Passage& b) { return a.ordinal < b.ordinal; });
      return out;
    });
  } catch (const Xapian::Error& e) {
    return Error::run("index: reading the passages of " + short_id(info->id) + ": " +
                      e.get_description());
  }
}

Result<std::string> Searcher::page_text(const std::string& doc_id, int page) {
  auto info = document(doc_id);
  if (!info) return info.error();
  std::optional<json> data;
  try {
    data = impl_->retrying([&] { return impl_->document_data(info->id); });
  } catch (const Xapian::Error& e) {
    return Error::run("index: " + e.get_description());
  }
  if (!data) return Error::input("no document with id " + doc_id);
  const auto& pages = (*data)["pages"];
  if (page < 1 || static_cast<std::size_t>(page) > pages.size()) {
    return Error::input("document " + short_id(info->id) + " has " +
                        std::to_string(pages.size()) + " pages; there is no page " +
                        std::to_string(page));
  }
  return pages[static_cast<std::size_t>(page - 1)].value("text", "");
}

std::vector<Searcher::StoredAnalysis> Searcher::analyses() {
  return impl_->retrying([&] {
    std::vector<StoredAnalysis> out;
    const std::string kind(schema::kKindDocument);
    for (auto it = impl_->db.postlist_begin(kind); it != impl_->db.postlist_end(kind); ++it) {
      const Xapian::Document d = impl_->db.get_document(*it, Xapian::DOC_ASSUME_VALID);
      out.push_back({d.get_value(schema::kSlotDocKey), d.get_value(schema::kSlotAnalysis)});
    }
    return out;
  });
}

IndexStats Searcher::stats() {
  IndexStats s;
  impl_->retrying([&] {
    s.documents = impl_->db.get_termfreq(std::string(schema::kKindDocument));
    s.passages = impl_->db.get_doccount() - s.documents;
    s.terms = 0;
    for (auto it = impl_->db.allterms_begin(); it != impl_->db.allterms_end(); ++it) ++s.terms;
    return 0;
  });
  for (const auto& doc : documents()) {
    s.pages += static_cast<std::size_t>(doc.page_count);
    for (const auto& p : doc.pages) {
      if (p.source == TextSource::ocr) ++s.ocr_pages;
    }
  }
  s.index_bytes = directory_bytes(impl_->dir);
  return s;
}

}  // namespace foialens::index

#include "analysis/library.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "analysis/analyze.hpp"
#include "analysis/corpus.hpp"
#include "common/hash.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "index/searcher.hpp"
#include "index/writer.hpp"

namespace foialens::analysis {
namespace fs = std::filesystem;

namespace {

struct Stale {
  std::string key;                       // doc key
  std::optional<StoredAnalysis> before;  // the record it had, when it was of this version
};

// Analyses the stale documents on every core, each worker reading through its own
// Searcher (a Xapian database handle is not shared between threads).
Result<std::vector<StoredAnalysis>> reanalyse(const fs::path& index_dir, std::vector<Stale>& stale,
                                              const std::vector<const RuleSet*>& rule_sets,
                                              const LibraryOptions& options) {
  std::vector<std::optional<StoredAnalysis>> done(stale.size());
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex error_mutex;
  std::optional<Error> failure;
  const auto work = [&] {
    auto searcher = index::Searcher::open(index_dir);
    if (!searcher) {
      const std::lock_guard lock(error_mutex);
      failure = searcher.error();
      return;
    }
    for (std::size_t i = next++; i < stale.size(); i = next++) {
      auto info = searcher->document(stale[i].key);
      if (!info) continue;  // removed meanwhile
      auto doc = load_document(*searcher, *info);
      if (!doc) {
        const std::lock_guard lock(error_mutex);
        failure = doc.error();
        return;
      }
      StoredAnalysis fresh = analyze_document(*doc, rule_sets);
      // Findings of other rule sets, still valid, are kept.
      if (stale[i].before && !options.force) {
        for (auto& [hash, check] : stale[i].before->checks) fresh.checks.emplace(hash, std::move(check));
      }
      done[i] = std::move(fresh);
      ++finished;
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(cores, stale.size()));
  std::atomic<unsigned> running{threads};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      work();
      --running;
    });
  }
  while (options.on_progress && running > 0) {
    options.on_progress(finished, stale.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& t : pool) t.join();
  if (failure) return *failure;
  if (options.on_progress) options.on_progress(finished, stale.size());
  std::vector<StoredAnalysis> out;
  for (auto& d : done) {
    if (d) out.push_back(std::move(*d));
  }
  return out;
}

// 4 to 64 hex digits.
Status check_prefix(const std::string& id) {
  if (id.size() < 4 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Error::input("document id '" + id + "': expected at least 4 hex digits (see 'foialens docs')");
  }
  return Ok{};
}

}  // namespace

Result<Library> Library::load(const fs::path& index_dir, const LibraryOptions& options) {
  auto searcher = index::Searcher::open(index_dir);
  if (!searcher) return searcher.error();
  std::vector<index::Searcher::StoredAnalysis> records;
  try {
    records = searcher->analyses();
  } catch (const std::exception& e) {
    return Error::run("index " + index_dir.string() + ": cannot read: " + e.what());
  }

  Library lib;
  std::vector<Stale> stale;
  const std::vector<std::string> hashes =
      options.rule_sets ? options.rule_sets->hashes() : std::vector<std::string>{};
  for (auto& r : records) {
    std::optional<StoredAnalysis> stored = decode(r.data);
    const bool current = stored && !options.force &&
                         std::all_of(hashes.begin(), hashes.end(),
                                     [&](const std::string& hash) { return stored->has_rules(hash); });
    if (current) {
      lib.docs_.push_back(std::move(*stored));
    } else {
      stale.push_back({r.key, std::move(stored)});
    }
  }

  if (!stale.empty()) {
    const std::vector<const RuleSet*> rule_sets =
        options.rule_sets ? options.rule_sets->all() : std::vector<const RuleSet*>{};
    auto fresh = reanalyse(index_dir, stale, rule_sets, options);
    if (!fresh) return fresh.error();
    lib.reanalysed_ = fresh->size();
    // Stored for the next command; when an ingest holds the index, the next command that
    // finds them stale tries again.
    if (auto writer = index::Writer::open(index_dir)) {
      for (const StoredAnalysis& s : *fresh) {
        if (auto stored = (*writer)->store_analysis(s.doc.id, encode(s)); !stored) {
          lib.store_warning_ = stored.error().message;
          break;
        }
      }
      if (auto flushed = (*writer)->flush(); !flushed) lib.store_warning_ = flushed.error().message;
    } else {
      lib.store_warning_ = writer.error().message;
    }
    for (StoredAnalysis& s : *fresh) lib.docs_.push_back(std::move(s));
  }
  std::sort(lib.docs_.begin(), lib.docs_.end(), [](const StoredAnalysis& a, const StoredAnalysis& b) {
    return a.doc.title != b.doc.title ? a.doc.title < b.doc.title : a.doc.id < b.doc.id;
  });
  return lib;
}

Result<ConflictReport> Library::conflicts(const RuleSet& rules, const ConflictOptions& options) const {
  std::vector<const StoredAnalysis*> scope;
  if (options.documents.empty()) {
    for (const StoredAnalysis& s : docs_) scope.push_back(&s);
  } else {
    for (const std::string& wanted_in : options.documents) {
      const std::string wanted = text::lower_ascii(wanted_in);
      if (auto ok = check_prefix(wanted); !ok) {
        return Error::input("--doc " + wanted_in + ": " + ok.error().message);
      }
      std::vector<const StoredAnalysis*> found;
      for (const StoredAnalysis& s : docs_) {
        if (s.doc.id.compare(0, wanted.size(), wanted) == 0) found.push_back(&s);
      }
      if (found.empty()) {
        return Error::input("--doc " + wanted_in + ": no document with id " + wanted_in +
                            " (see 'foialens docs')");
      }
      if (found.size() > 1) {
        std::string list;
        for (const auto* s : found) list += " " + short_id(s->doc.id);
        return Error::input("--doc " + wanted_in + ": document id " + wanted_in + " is ambiguous:" + list);
      }
      if (std::find(scope.begin(), scope.end(), found.front()) == scope.end()) scope.push_back(found.front());
    }
    std::sort(scope.begin(), scope.end(), [](const StoredAnalysis* a, const StoredAnalysis* b) {
      return a->doc.title != b->doc.title ? a->doc.title < b->doc.title : a->doc.id < b->doc.id;
    });
  }

  ConflictReport report;
  for (const StoredAnalysis* s : scope) {
    const auto it = s->checks.find(rules.hash);
    if (it == s->checks.end()) continue;
    DocumentCheck check = decode_check(it->second, rules, s->doc, options.explain);
    if (check.candidates == 0) continue;
    report.candidates += check.candidates;
    ++report.documents;
    for (LocatedFinding& f : check.findings) {
      if (options.severity && f.finding.severity != *options.severity) continue;
      report.findings.push_back(std::move(f));
    }
    if (!options.explain) continue;
    for (LocatedDismissal& d : check.dismissals) report.dismissals.push_back(std::move(d));
  }
  return report;
}

std::vector<Agreement> Library::agreements(const AgreementFilter& filter) const {
  std::vector<Agreement> all;
  for (const StoredAnalysis& s : docs_) all.insert(all.end(), s.agreements.begin(), s.agreements.end());
  return filter_agreements(std::move(all), filter);
}

std::vector<Reference> Library::references(const ReferenceOptions& options) const {
  std::vector<HeldDocument> held;
  held.reserve(docs_.size());
  for (const StoredAnalysis& s : docs_) held.push_back({s.doc, s.agreements, s.references});
  return find_references(held, options);
}

RuleSets::RuleSets(const std::vector<fs::path>& files) : files_(files) {
  for (const fs::path& f : files) {
    Entry& e = entries_.emplace_back();
    e.file = f;
    if (auto text = paths::read_file(f)) {
      e.text = std::move(*text);
      e.hash = hash::sha256_hex(e.text);
      e.read = true;
    } else {
      e.parsed = true;
      e.issues.push_back({f, 0, 0, text.error().message});
    }
  }
}

RuleSets RuleSets::installed(const fs::path& extra) {
  std::vector<fs::path> files = installed_rules_paths();
  if (!extra.empty()) files.push_back(extra);
  return RuleSets(files);
}

std::vector<std::string> RuleSets::hashes() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) {
    if (e.read && std::find(out.begin(), out.end(), e.hash) == out.end()) out.push_back(e.hash);
  }
  return out;
}

RuleSets::Entry* RuleSets::find(const fs::path& file) {
  std::error_code ec;
  const fs::path wanted = fs::weakly_canonical(file, ec);
  for (Entry& e : entries_) {
    if (e.file == file || fs::weakly_canonical(e.file, ec) == wanted) return &e;
  }
  return nullptr;
}

const RuleSet* RuleSets::get(const fs::path& file, std::vector<RuleIssue>* issues) {
  Entry* e = find(file);
  if (!e) {
    e = &entries_.emplace_back();
    e->file = file;
    e->parsed = true;
    e->issues.push_back({file, 0, 0, "not one of the rule sets loaded"});
  }
  if (!e->parsed) {
    RuleCheck check = check_rules_text(e->text, e->file);
    e->rules = std::move(check.rules);
    e->issues = std::move(check.issues);
    e->parsed = true;
  }
  if (issues) *issues = e->issues;
  return e->rules ? &*e->rules : nullptr;
}

std::vector<const RuleSet*> RuleSets::all() {
  std::vector<const RuleSet*> out;
  for (const fs::path& f : files_) {
    const RuleSet* r = get(f);
    if (r && std::none_of(out.begin(), out.end(), [&](const RuleSet* o) { return o->hash == r->hash; })) {
      out.push_back(r);
    }
  }
  return out;
}

Result<AnalysedLibrary> open_analysed(const fs::path& index_dir, const fs::path& extra_rules, bool force,
                                      std::function<void(std::size_t, std::size_t)> on_progress) {
  auto rule_sets = std::make_unique<RuleSets>(RuleSets::installed(extra_rules));
  if (!extra_rules.empty()) {
    std::vector<RuleIssue> issues;
    if (!rule_sets->get(extra_rules, &issues)) {
      std::string message;
      for (const auto& issue : issues) message += issue.to_string() + "\n";
      return Error::input(message + "rule set " + extra_rules.string() + " cannot be used: fix the " +
                          std::to_string(issues.size()) + " problem(s) above (foialens rules check " +
                          extra_rules.string() + ")");
    }
  }
  LibraryOptions options;
  options.rule_sets = rule_sets.get();
  options.force = force;
  options.on_progress = std::move(on_progress);
  auto library = Library::load(index_dir, options);
  if (!library) return library.error();
  return AnalysedLibrary{std::move(rule_sets), std::move(*library)};
}

}  // namespace foialens::analysis

#pragma once
// The library as analysis commands see it: the analysis that ingest stored with every
// document, read back from the index, with stale records brought up to date first. A
// record is stale when an older analysis version wrote it, or when it was never checked
// against a rule set the command needs (a changed rule file has another content hash).
// Only those documents are read and analysed again; the new records are stored for the
// next command unless another process is writing the index at that moment.
//
// Conflicts, agreements and references are then queries over what is in memory: no
// passage is read and no text is analysed for an up-to-date library.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "analysis/agreements.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/references.hpp"
#include "analysis/rules.hpp"
#include "analysis/stored.hpp"
#include "common/error.hpp"

namespace foialens::analysis {

// The rule sets a command may need: the installed ones and, when given, one more file
// (--rules). Every file is read and hashed at once, which is all that deciding staleness
// needs; a file is parsed only when its rules are needed (to show its findings, or to
// analyse documents again).
class RuleSets {
 public:
  explicit RuleSets(const std::vector<std::filesystem::path>& files);
  // installed_rules_paths(), then `extra` when not empty.
  static RuleSets installed(const std::filesystem::path& extra = {});

  const std::vector<std::filesystem::path>& files() const { return files_; }
  // Content hashes of the files that could be read.
  std::vector<std::string> hashes() const;
  // The rule set of `file` (one of files()), parsed on first use; null when it cannot be
  // read or has problems (listed in `issues` when given).
  const RuleSet* get(const std::filesystem::path& file, std::vector<RuleIssue>* issues = nullptr);
  // Every file that parses, in order.
  std::vector<const RuleSet*> all();

 private:
  struct Entry {
    std::filesystem::path file;
    std::string text, hash;
    bool read = false, parsed = false;
    std::optional<RuleSet> rules;
    std::vector<RuleIssue> issues;
  };
  Entry* find(const std::filesystem::path& file);
  std::vector<std::filesystem::path> files_;
  std::deque<Entry> entries_;  // stable addresses: RuleSet pointers are handed out
};

struct LibraryOptions {
  RuleSets* rule_sets = nullptr;  // a record not checked against each of them is stale
  bool force = false;             // analyse every document again (`reanalyze`)
  // Called with documents re-analysed and documents to re-analyse, as work proceeds.
  std::function<void(std::size_t done, std::size_t total)> on_progress;
};

class Library {
 public:
  // Fails (scope run) when there is no index yet or it cannot be read.
  static Result<Library> load(const std::filesystem::path& index_dir, const LibraryOptions& options);

  // Every document, ordered by title then id.
  const std::vector<StoredAnalysis>& documents() const { return docs_; }
  std::size_t reanalysed() const { return reanalysed_; }
  // The re-analysed records could not be stored (the index was busy): said once, here.
  const std::string& store_warning() const { return store_warning_; }

  // The findings of `rules` (one of LibraryOptions::rule_sets), in document order; the
  // dismissals too with ConflictOptions::explain. Fails (scope input) when a --doc names no
  // document.
  Result<ConflictReport> conflicts(const RuleSet& rules, const ConflictOptions& options) const;
  std::vector<Agreement> agreements(const AgreementFilter& filter) const;
  std::vector<Reference> references(const ReferenceOptions& options) const;

 private:
  std::vector<StoredAnalysis> docs_;
  std::size_t reanalysed_ = 0;
  std::string store_warning_;
};

// A library with the rule sets it was brought up to date against: what a command (CLI or
// web) opens.
struct AnalysedLibrary {
  std::unique_ptr<RuleSets> rule_sets;  // the installed ones, then the extra file
  Library library;

  // The rule set of `file` (an installed one or the extra file), parsed on first use; null
  // when it is broken.
  const RuleSet* rules_of(const std::filesystem::path& file) const { return rule_sets->get(file); }
};

// The installed rule sets and `extra_rules` (when not empty; a broken one fails with its
// problems, one per line), and the library brought up to date against them.
Result<AnalysedLibrary> open_analysed(const std::filesystem::path& index_dir,
                                      const std::filesystem::path& extra_rules = {}, bool force = false,
                                      std::function<void(std::size_t, std::size_t)> on_progress = {});

}  // namespace foialens::analysis

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
#include <filesystem>
#include <functional>
#include <vector>

#include "analysis/agreements.hpp"
#include "analysis/conflicts.hpp"
#include "analysis/references.hpp"
#include "analysis/rules.hpp"
#include "analysis/stored.hpp"
#include "common/error.hpp"

namespace foialens::analysis {

struct LibraryOptions {
  std::vector<const RuleSet*> rule_sets;  // the rule sets the command needs checked
  bool force = false;                     // analyse every document again (`reanalyze`)
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

  // The findings of `rules` (which must be one of LibraryOptions::rule_sets), in document
  // order. Fails (scope input) when a --doc names no document.
  Result<ConflictReport> conflicts(const RuleSet& rules, const ConflictOptions& options) const;
  std::vector<Agreement> agreements(const AgreementFilter& filter) const;
  std::vector<Reference> references(const ReferenceOptions& options) const;

 private:
  std::vector<StoredAnalysis> docs_;
  std::size_t reanalysed_ = 0;
  std::string store_warning_;
};

// Rule sets loaded from files, for a command and for ingest: the installed ones, plus the
// file named by --rules when given. Fails (scope run) with every problem of a bad file.
Result<std::vector<RuleSet>> load_rule_sets(const std::vector<std::filesystem::path>& files);

}  // namespace foialens::analysis

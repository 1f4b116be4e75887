// foialens search QUERY: passages (or documents) that match, with highlighted snippets.

#include <iostream>

#include <fmt/format.h>

#include "api/search.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "index/searcher.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/output.hpp"

namespace foialens::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool docs = false;
  bool facets = false;
  bool json = false;
  std::vector<std::string> restrict_docs;
  long request = 0;
};

std::string location(const index::Hit& hit) {
  std::string where = hit.page == hit.page_end ? fmt::format("p. {}", hit.page)
                                               : fmt::format("pp. {}-{}", hit.page, hit.page_end);
  if (!hit.heading_path.empty()) where += " \u00b7 " + hit.heading_path;
  // A file from inside an archive or a message says where it came from:
  // "response.zip!records/letter.pdf".
  if (const auto bang = hit.source.find('!'); bang != std::string::npos) {
    const auto slash = hit.source.rfind('/', bang);
    where += " \u00b7 " + hit.source.substr(slash == std::string::npos ? 0 : slash + 1);
  }
  return where;
}

int run_search(const SearchArgs& args, Context& ctx) {
  api::SearchQuery query;
  for (const auto& w : args.words) query.query += (query.query.empty() ? "" : " ") + w;
  query.limit = args.limit;
  query.offset = args.offset;
  query.docs = args.docs;
  query.facets = args.facets;
  query.documents = args.restrict_docs;
  query.request = args.request;
  if (ctx.color) {
    query.highlight_open = "\x1b[1m";
    query.highlight_close = "\x1b[0m";
  }
  auto results = api::search(ctx.home(), query);
  if (!results) {
    log::error(results.error().message);
    return results.error().scope == ErrorScope::input ? kUsage : kNothing;
  }

  if (args.json) {
    std::cout << api::search_json(*results, args.facets);
    return kOk;
  }

  if (results->hits.empty()) {
    std::cout << "no matches for " << query.query << "\n";
  } else {
    const std::string count = args.docs ? fmt::format("{} matching documents", results->estimated_total)
                                        : fmt::format("about {} matching passages", results->estimated_total);
    std::cout << dim(ctx, fmt::format("{}, showing {}-{}", count, args.offset + 1,
                                      args.offset + results->hits.size()))
              << "\n\n";
  }
  std::size_t n = args.offset;
  for (const auto& hit : results->hits) {
    ++n;
    std::cout << fmt::format("{:>3}. ", n) << bold(ctx, hit.title.empty() ? hit.source : hit.title)
              << "\n     " << dim(ctx, fmt::format("{} \u00b7 {} \u00b7 score {:.2f}", short_id(hit.doc),
                                                   location(hit), hit.score))
              << "\n     " << hit.snippet << "\n\n";
  }
  if (args.facets) {
    const auto print = [&](std::string_view name, const std::vector<index::FacetCount>& counts) {
      std::string line;
      for (const auto& c : counts) {
        line += (line.empty() ? "" : ", ") + fmt::format("{} ({})", c.value, c.count);
      }
      std::cout << bold(ctx, name) << ": " << (line.empty() ? "-" : line) << "\n";
    };
    print("Agencies", results->agencies);
    print("Types", results->types);
  }
  return kOk;
}

}  // namespace

void add_search_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand("search", "search passages: phrases, AND/OR/NOT, NEAR, fields, dates");
  cmd->add_option("query", args->words, "the query (see README: Query syntax)")->required();
  cmd->add_option("-n,--limit", args->limit, "hits to show")->check(CLI::Range(1, 100000));
  cmd->add_option("--offset", args->offset, "hits to skip first");
  cmd->add_flag("--docs", args->docs, "one hit per document");
  cmd->add_flag("--facets", args->facets, "count matching documents by agency and type");
  cmd->add_option("--doc", args->restrict_docs, "search only this document (repeatable)")->type_name("DOC");
  cmd->add_option("--request", args->request, "search only the documents a records request returned")
      ->type_name("ID")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", args->json, "one JSON object per hit");
  cmd->callback([args, &ctx] { ctx.exit_code = run_search(*args, ctx); });
}

}  // namespace foialens::cli

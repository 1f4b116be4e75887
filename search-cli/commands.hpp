#pragma once
// One function per subcommand family: each adds its subcommand(s) to the app and sets
// ctx.exit_code when it runs. Each lives in its own cmd_*.cpp file.

#include <CLI/CLI.hpp>
#include <set>
#include <string>

#include "search-cli/context.hpp"

namespace foialens::cli {

void add_ingest_command(CLI::App& app, Context& ctx);
void add_search_command(CLI::App& app, Context& ctx);
void add_inspect_commands(CLI::App& app, Context& ctx);  // docs, show, stats
void add_conflicts_commands(CLI::App& app, Context& ctx);  // conflicts, rules {check,list}
void add_requests_command(CLI::App& app, Context& ctx);  // requests {add,list,show,log,...}
void add_agreement_commands(CLI::App& app, Context& ctx);  // agreements, references
void add_report_command(CLI::App& app, Context& ctx);  // report: the morning summary
void add_export_command(CLI::App& app, Context& ctx);  // export: a searchable PDF
void add_serve_command(CLI::App& app, Context& ctx);  // serve: the library in a browser

// show DOC[:PAGE] --text [--json]: a document's text from its page record (cmd_export.cpp).
void show_text(const std::string& target, bool as_json, Context& ctx);

// Reference keys that records requests name ("reference:KEY" as source or tag).
std::set<std::string> requested_reference_keys(const Context& ctx);

}  // namespace foialens::cli

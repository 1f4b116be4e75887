// foialens: search, analyse and track public-records documents.
// This file parses the command line and dispatches; every command is a small function
// over the libraries (see commands.hpp).

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "common/log.hpp"
#include "ocr/engine.hpp"
#include "search-cli/commands.hpp"
#include "search-cli/context.hpp"

int main(int argc, char** argv) {
  using namespace foialens;
  ocr::limit_tesseract_threads(argv);  // first: may run the program again (see engine.hpp)
  cli::Context ctx;
  ctx.stdout_tty = ::isatty(STDOUT_FILENO) != 0;
  ctx.stderr_tty = ::isatty(STDERR_FILENO) != 0;
  const char* no_color = std::getenv("NO_COLOR");
  ctx.color = ctx.stdout_tty && !(no_color && *no_color);

  CLI::App app{"foialens: search, analyse and track public-records documents"};
  app.name("foialens");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "foialens 0.1.0");
  std::string home;
  app.add_option("--home", home,
                 "library home (default: $FOIALENS_HOME, else $XDG_DATA_HOME/foialens)")
      ->type_name("DIR");
  app.add_flag("-v,--verbose", ctx.verbose, "say more about what is done");
  app.add_flag("-q,--quiet", ctx.quiet, "print only errors and results");
  app.parse_complete_callback([&] {
    if (!home.empty()) ctx.home_flag = home;
    log::set_level(ctx.quiet ? log::Level::quiet
                             : ctx.verbose ? log::Level::verbose : log::Level::normal);
  });

  cli::add_ingest_command(app, ctx);
  cli::add_search_command(app, ctx);
  cli::add_inspect_commands(app, ctx);
  cli::add_conflicts_commands(app, ctx);
  cli::add_requests_command(app, ctx);
  cli::add_report_command(app, ctx);
  cli::add_agreement_commands(app, ctx);
  cli::add_export_command(app, ctx);
  cli::add_serve_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "foialens: " << e.what() << "\n"
              << "Run 'foialens --help' (or 'foialens COMMAND --help') for usage.\n";
    return cli::kUsage;
  } catch (const std::exception& e) {
    log::error(std::string("internal error: ") + e.what());
    return cli::kNothing;
  }
  std::cout.flush();
  return ctx.exit_code;
}

// foialens serve: the library in a browser. HTML pages and a JSON API (the same answers
// as --json) over the library home, served by this binary.

#include <spawn.h>
#include <sys/wait.h>

#include <iostream>

#include "common/log.hpp"
#include "common/paths.hpp"
#include "common/text.hpp"
#include "search-cli/commands.hpp"
#include "web/server.hpp"

extern char** environ;

namespace foialens::cli {
namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token;
  std::string token_file;
  bool open = false;
  int timeout = 10;
  std::size_t max_body = 64 * 1024;
};

// A token travels in a URL and a cookie: letters, digits and - . _ ~ only.
bool token_ok(std::string_view token) {
  return !token.empty() && token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                   "0123456789-._~") == std::string_view::npos;
}

// Starts the desktop's browser on `url`, without waiting for it.
void open_browser(const std::string& url) {
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0) {
    log::warn("serve --open: cannot start xdg-open; open " + url + " yourself");
  }
}

int run_serve(const ServeArgs& args, Context& ctx) {
  web::ServeOptions options;
  options.home = ctx.home();
  options.host = args.host;
  options.port = args.port;
  options.timeout = std::chrono::seconds(args.timeout);
  options.max_body = args.max_body;
  options.token = args.token;
  if (!args.token_file.empty()) {
    auto content = paths::read_file(args.token_file);
    if (!content) {
      log::error("serve --token-file " + args.token_file + ": " + content.error().message);
      return kUsage;
    }
    options.token = std::string(text::trim(*content));
  }
  if ((!args.token.empty() || !args.token_file.empty()) && !token_ok(options.token)) {
    log::error(std::string("serve ") + (args.token_file.empty() ? "--token" : "--token-file " + args.token_file) +
               ": the token must be letters, digits, '-', '.', '_' or '~' (and not empty)");
    return kUsage;
  }
  if (Status st = web::check(options); !st) {
    log::error("serve " + st.error().message);
    return kUsage;
  }
  Status st = web::serve(options, [&](const std::string& url) {
    std::cout << "Serving " << options.home.string() << " at " << url << "\n"
              << "Open " << url << " in a browser; Ctrl-C stops." << std::endl;
    if (args.open) open_browser(url);
  });
  if (!st) {
    log::error("serve: " + st.error().message);
    return kNothing;
  }
  return kOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "the library in a browser: search, documents, requests, conflicts");
  cmd->add_option("--port", args->port, "TCP port (default 8080; 0: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--host", args->host, "address to listen on (default 127.0.0.1; any other needs a token)");
  cmd->add_option("--token", args->token, "secret required on every request");
  cmd->add_option("--token-file", args->token_file, "read the token from this file")->type_name("FILE");
  cmd->add_flag("--open", args->open, "open the page in the desktop's browser");
  cmd->add_option("--timeout", args->timeout, "seconds to read a request or write an answer (default 10)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--max-body", args->max_body, "largest request body accepted, in bytes (default 65536)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
  cmd->callback([args, &ctx] { ctx.exit_code = run_serve(*args, ctx); });
}

}  // namespace foialens::cli

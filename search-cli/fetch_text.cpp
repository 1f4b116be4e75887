#include "search-cli/fetch_text.hpp"

#include <filesystem>
#include <system_error>

#include "common/paths.hpp"

namespace foialens::cli {

Result<std::string> fetch_text(const std::string& url, const ingest::FetchOptions& options) {
  std::error_code ec;
  if (!options.temp_dir.empty()) std::filesystem::create_directories(options.temp_dir, ec);
  auto fetched = ingest::fetch(url, options);
  if (!fetched) return Error{url + ": " + fetched.error().message, fetched.error().scope};
  auto body = paths::read_file(fetched->body);
  std::filesystem::remove(fetched->body, ec);
  if (!body) return Error::input(url + ": reading the fetched body failed: " + body.error().message);
  return std::move(*body);
}

}  // namespace foialens::cli

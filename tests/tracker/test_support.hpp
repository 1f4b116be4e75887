#pragma once
// What every tracker test shares: a fresh scratch folder per test, the shipped data, the
// fixtures.

#include <filesystem>
#include <string>

namespace foialens::tracker::testing {

// A new empty folder under the system temporary folder, removed with everything in it
// when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::filesystem::path data_root();  // the folder that holds data/
std::filesystem::path fixture(const std::string& name);
std::string read(const std::filesystem::path& file);
void write(const std::filesystem::path& file, const std::string& bytes);

}  // namespace foialens::tracker::testing

#include "common/hash.hpp"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

namespace foialens::hash {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FileMatchesMemoryAndReportsMissingFile) {
  testing::TempDir dir;
  std::string big(300000, 'x');
  const auto p = dir.write("big.bin", big);
  const auto h = sha256_file(p);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, sha256_hex(big));
  const auto missing = sha256_file(dir / "nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "cannot open: No such file or directory");
}

}  // namespace
}  // namespace foialens::hash

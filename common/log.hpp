#pragma once
// Messages to the user on stderr. Every message about an input reads
// `input: what failed: why`, so that a batch's failures can be read and grepped.

#include <string_view>

namespace foialens::log {

enum class Level { quiet, normal, verbose };

void set_level(Level level);
Level level();

// `foialens: message` on stderr.
void error(std::string_view message);
void warn(std::string_view message);
// Printed with --verbose only.
void info(std::string_view message);

}  // namespace foialens::log

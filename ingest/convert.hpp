#pragma once
// Legacy binary Office files (.doc, .xls) converted to their XML successors by LibreOffice,
// when it is installed; foialens then reads the result like any .docx or .xlsx.

#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace foialens::ingest {

// The `soffice` program on PATH (or $FOIALENS_SOFFICE), or empty when LibreOffice is not
// installed.
std::filesystem::path find_soffice();

// Converts `bytes` (media type application/msword or application/vnd.ms-excel) to .docx or
// .xlsx in a private folder under `temp_dir`, removed afterwards. LibreOffice gets
// `timeout_seconds`, then it is stopped.
Result<std::string> convert_legacy_office(std::string_view bytes, std::string_view media_type,
                                          const std::filesystem::path& temp_dir, int timeout_seconds = 120);

}  // namespace foialens::ingest

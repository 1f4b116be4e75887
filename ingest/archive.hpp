#pragma once
// Archives through libarchive: ZIP, 7z, tar (plain, gzip, bzip2, xz, zstd), RAR, ISO 9660,
// cpio. The only file that includes libarchive.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "ingest/container.hpp"

namespace foialens::ingest {

// Hands every regular file of the archive to `nesting.on_child`, in archive order. A
// member that cannot be taken out (encrypted, damaged, too large, a compression bomb) is
// handed on as a Child with its error, and the next member is read. The error returned
// stops the archive: it is damaged past that point, or the input's budget is spent; what
// was handed on before stays handed on. A compressed file that is not an archive
// (letter.pdf.gz) has one member, named "data": its uncompressed content.
Status read_archive(std::string_view bytes, Nesting& nesting);

// The names of a ZIP's members (at most `max`), from its central directory; empty when
// the bytes are not a readable ZIP.
std::vector<std::string> zip_names(std::string_view bytes, std::size_t max);

// The members of a ZIP for which `wanted(name)` is true, by name. A member larger than
// `max_bytes` is an error naming `limit_hint` (the option that raises the limit).
Result<std::map<std::string, std::string>> zip_parts(std::string_view bytes,
                                                     const std::function<bool(std::string_view)>& wanted,
                                                     std::uint64_t max_bytes, std::string_view limit_hint);

}  // namespace foialens::ingest

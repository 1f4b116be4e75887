#pragma once
// OLE compound files (MS-CFB) through libgsf: Outlook .msg messages (MS-OXMSG), and what
// kind of legacy Office file an OLE file is. The only file that includes libgsf.

#include <string_view>

#include "common/error.hpp"
#include "ingest/container.hpp"
#include "ingest/email.hpp"

namespace foialens::ingest {

enum class OleKind { outlook_message, word, excel, powerpoint, other, unreadable };

// By the streams at the root of the compound file.
OleKind ole_kind(std::string_view bytes);

// An Outlook message: headers, body (plain text, else HTML as text) and attachments.
Result<Message> read_msg(std::string_view bytes, const Limits& limits);

}  // namespace foialens::ingest

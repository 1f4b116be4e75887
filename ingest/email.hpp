#pragma once
// E-mail: RFC 5322 messages (.eml) and mbox files through GMime. The only file that
// includes GMime. Outlook .msg files are read by msg.cpp into the same Message.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "ingest/container.hpp"

namespace foialens::ingest {

struct Message {
  std::string subject;
  std::string from, to, cc;  // decoded display form: "Jane Roe <jroe@example.org>, ..."
  std::string date;          // as an ISO date-time with its offset, or ""
  std::optional<Date> day;   // the date part of `date`
  std::string message_id, in_reply_to;  // without angle brackets
  std::vector<std::string> references;  // oldest first, without angle brackets
  std::string body;          // text; an HTML-only body is already turned into text
  std::vector<Child> attachments;  // decoded, with their file names
};

// One message. Larger than limits.max_email_bytes, or with more than
// limits.max_attachments attachments, is an error naming the option that raises it.
Result<Message> read_email(std::string_view bytes, const Limits& limits);

// Hands every message of an mbox file to `nesting.on_child` as a message of its own, named
// "message-N.eml" (N from 1, in file order).
Status read_mbox(std::string_view bytes, Nesting& nesting);

// True when the bytes start with an mbox "From " separator line followed by headers.
bool looks_like_mbox(std::string_view head);
// True when the bytes start with a block of RFC 5322 headers that a message has.
bool looks_like_message(std::string_view head);

}  // namespace foialens::ingest

#pragma once
// The index schema, shared by the writer and the searcher (private to index/).
//
// One Xapian document per passage and one per source document. Every record carries the
// document key terms, so a document and all its passages can be filtered, collapsed and
// deleted together.

#include <string>
#include <string_view>

#include <xapian.h>

namespace foialens::index::schema {

// Term prefixes.
inline constexpr std::string_view kUnique = "Q";      // Qd<id> document, Qp<id>:<ordinal> passage
inline constexpr std::string_view kDocKey = "K";      // K<doc key>, on every record: the `doc:` field
inline constexpr std::string_view kKind = "XT";       // XTdoc | XTpassage
inline constexpr std::string_view kType = "T";        // T<doc type>: the `type:` field
inline constexpr std::string_view kAgency = "A";      // A<agency key>: the `agency:` field
inline constexpr std::string_view kYear = "Y";        // Y<yyyy>: the `year:` field
inline constexpr std::string_view kTitle = "S";       // title words, on document records: `title:`
inline constexpr std::string_view kClause = "XC";     // XC<clause number>: the `clause:` field
inline constexpr std::string_view kSource = "XO";     // XO<hash of source path>
inline constexpr std::string_view kMedia = "XM";      // XM<media type>
// E-mail headers, as words, on a message's records: the `from:`, `to:`, `cc:`, `subject:` fields.
inline constexpr std::string_view kFrom = "XFROM";
inline constexpr std::string_view kTo = "XTO";
inline constexpr std::string_view kCc = "XCC";
inline constexpr std::string_view kSubject = "XSUBJ";

inline constexpr std::string_view kKindDocument = "XTdoc";

// Value slots.
enum Slot : Xapian::valueno {
  kSlotDate = 0,      // YYYYMMDD
  kSlotDocKey = 2,    // doc key: collapse key
  kSlotAnalysis = 3,  // on document records: what analysis stored at ingest (opaque here)
};

// A document's key in passage records: the first 16 hex digits of its SHA-256 (64 bits;
// the full id is on the document record). Short keys keep every passage's terms small.
inline constexpr std::size_t kDocKeyLength = 16;
inline std::string doc_key(std::string_view id) { return std::string(id.substr(0, kDocKeyLength)); }

// The term key of an agency: its canonical name lower-cased with spaces as '_'.
std::string agency_key(std::string_view canonical);

// The term for a source path or URL (hashed: terms are limited to 245 bytes).
std::string source_term(std::string_view source);

// The term for a clause number as printed ("(a)", "2-173-020", "4.") in canonical form.
std::string clause_term(std::string_view clause);

// The term prefix of a Document field searched with `name:`, or "" for other fields.
std::string_view field_prefix(std::string_view field);

// Terms longer than Xapian's limit are dropped by the writer; this tells which fit.
inline constexpr std::size_t kMaxTermBytes = 240;

}  // namespace foialens::index::schema

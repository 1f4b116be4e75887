#pragma once
// Files that hold other files: archives (ZIP, 7z, tar), e-mail (an attachment, a message
// of an mbox) and Outlook messages. A container yields child inputs; the pipeline runs
// each child through the same per-file path as a file it found on disk, so a PDF inside a
// ZIP is read, stored and indexed exactly like the same PDF on its own.

#include <cstdint>
#include <functional>
#include <string>

namespace foialens::ingest {

// Bounds on what one input may unpack to. Every limit names the `foialens ingest` option
// that raises it, in the message of the input that hits it.
struct Limits {
  int max_depth = 5;                               // --max-depth: containers inside containers
  std::uint64_t max_members = 20000;               // --max-members: files unpacked from one input
  std::uint64_t max_unpacked = 8ull << 30;         // --max-unpacked (MiB): bytes unpacked from one input
  std::uint64_t max_member_bytes = 512ull << 20;   // one member: the same bound as one file on disk
  std::uint64_t max_ratio = 200;                   // --max-ratio: unpacked bytes per packed byte
  std::uint64_t max_email_bytes = 128ull << 20;    // --max-email-size (MiB): one message
  std::uint64_t max_attachments = 1000;            // --max-attachments: per message
  std::uint64_t max_xml_bytes = 256ull << 20;      // --max-xml-size (MiB): one XML or HTML part
  int max_xml_depth = 200;                         // --max-xml-depth: element nesting
};

// A file taken out of a container.
struct Child {
  std::string name;         // its path inside the container: "letters/2021-03.pdf", "2: Re: audit"
  std::string bytes;
  std::string error;        // when set, this child could not be taken out: "what failed: why"
  bool attachment = false;  // an e-mail attachment: linked to its message as its parent
};

// What one input and everything nested in it have unpacked so far.
struct Budget {
  std::uint64_t members = 0;
  std::uint64_t bytes = 0;
  bool stopped = false;  // the run is stopping: containers stop unpacking
};

// A limit as users set it: "512 MiB", "64 KiB", "100 bytes".
inline std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// How a container hands its children on. Without one, containers are not opened.
struct Nesting {
  int depth = 0;  // 0 for a file given on the command line or found in a folder
  const Limits* limits = nullptr;
  Budget* budget = nullptr;
  std::function<void(Child)> on_child;
};

}  // namespace foialens::ingest

// ocr-cer: character error rate of recognised text against ground truth, for scripts.
//
//   ocr-cer [--each] HYP REF [HYP REF...]
//
// Prints the CER over all pairs (edit distance summed over reference length summed), in
// percent, and the number of reference characters; --each first prints one line per pair.

#include <cstdio>
#include <cstring>
#include <string>

#include "common/paths.hpp"
#include "common/text.hpp"
#include "ocr/cer.hpp"

int main(int argc, char** argv) {
  namespace ocr = foialens::ocr;
  int first = 1;
  const bool each = argc > 1 && std::strcmp(argv[1], "--each") == 0;
  if (each) ++first;
  if (argc - first < 2 || (argc - first) % 2 != 0) {
    std::fprintf(stderr, "usage: ocr-cer [--each] HYP REF [HYP REF...]\n");
    return 2;
  }
  double errors = 0, chars = 0;
  for (int i = first; i + 1 < argc; i += 2) {
    auto hyp = foialens::paths::read_file(argv[i]);
    auto ref = foialens::paths::read_file(argv[i + 1]);
    if (!hyp || !ref) {
      std::fprintf(stderr, "ocr-cer: cannot read %s\n", !hyp ? argv[i] : argv[i + 1]);
      return 3;
    }
    const double n = static_cast<double>(foialens::text::length_utf8(ocr::cer_normalize(*ref)));
    const double cer = ocr::character_error_rate(*hyp, *ref);
    errors += cer * n;
    chars += n;
    if (each) std::printf("%-40s %6.2f%%\n", argv[i + 1], 100 * cer);
  }
  std::printf("%.2f %.0f\n", chars > 0 ? 100 * errors / chars : 0.0, chars);
  return 0;
}

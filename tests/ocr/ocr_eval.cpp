// ocr-eval: recognises the scanned corpus with each preprocessing variant and prints the
// character error rate and time per page, then the totals per variant. This is how the
// default preprocessing was chosen.
//
//   ocr-eval [--lang eng] [--threads N] [--variants a,b,...] FILE...

#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <algorithm>
#include <filesystem>

#include "common/paths.hpp"
#include "common/text.hpp"
#include "ocr/cer.hpp"
#include "ocr/pool.hpp"
#include "scan_corpus.hpp"

namespace ocr = foialens::ocr;

namespace {

struct Variant {
  std::string name;
  ocr::Preprocess steps;
};

std::vector<Variant> all_variants() {
  std::vector<Variant> v;
  auto add = [&](std::string name, bool deskew, ocr::Binarize b, bool border) {
    ocr::Preprocess p;
    p.grey = true;
    p.deskew = deskew;
    p.binarize = b;
    p.remove_border = border;
    v.push_back({std::move(name), p});
  };
  add("grey", false, ocr::Binarize::none, false);
  add("grey+deskew", true, ocr::Binarize::none, false);
  add("otsubg", false, ocr::Binarize::otsu_background, false);
  add("deskew+otsubg", true, ocr::Binarize::otsu_background, false);
  add("deskew+sauvola", true, ocr::Binarize::sauvola, false);
  add("deskew+otsubg+border", true, ocr::Binarize::otsu_background, true);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  ocr::limit_tesseract_threads(argv);
  std::string lang = "eng";
  unsigned threads = 0;
  std::string only;
  ocr::Layout layout = ocr::Layout::automatic;
  std::vector<std::string> files;
  std::string dump;  // a folder: each page's text is written there
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--lang" && i + 1 < argc) lang = argv[++i];
    else if (a == "--threads" && i + 1 < argc) threads = static_cast<unsigned>(std::stoi(argv[++i]));
    else if (a == "--variants" && i + 1 < argc) only = "," + std::string(argv[++i]) + ",";
    else if (a == "--single-column") layout = ocr::Layout::single_column;
    else if (a == "--per-page") layout = ocr::Layout::per_page;
    else if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else files.push_back(a);
  }
  std::vector<ocr::testing::ScanPage> pages;
  for (const auto& f : files) {
    auto scan = ocr::testing::load_scan(f);
    if (!scan) {
      std::fprintf(stderr, "ocr-eval: %s\n", scan.error().message.c_str());
      return 1;
    }
    for (auto& p : scan.value()) pages.push_back(std::move(p));
  }
  std::printf("%-24s %-34s %7s %7s %6s\n", "variant", "page", "CER%", "conf", "sec");
  for (const auto& variant : all_variants()) {
    if (!only.empty() && only.find("," + variant.name + ",") == std::string::npos) continue;
    ocr::PoolOptions options;
    options.engine.languages = lang;
    options.engine.preprocess = variant.steps;
    options.engine.layout = layout;
    options.threads = threads;
    auto pool = ocr::Pool::create(options);
    if (!pool) {
      std::fprintf(stderr, "ocr-eval: %s\n", pool.error().message.c_str());
      return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::future<foialens::Result<ocr::Recognition>>> futures;
    for (const auto& p : pages) {
      futures.push_back(pool.value()->submit(p.image.clone().value()));
    }
    double errors = 0, chars = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      auto r = futures[i].get();
      if (!r) {
        std::printf("%-24s %-34s failed: %s\n", variant.name.c_str(), pages[i].name.c_str(),
                    r.error().message.c_str());
        continue;
      }
      if (!dump.empty()) {
        std::string name = variant.name + "-" + pages[i].name + ".txt";
        std::replace(name.begin(), name.end(), ' ', '-');
        (void)foialens::paths::write_file_atomic(std::filesystem::path(dump) / name, r->text);
      }
      const double cer = ocr::character_error_rate(r->text, pages[i].ground_truth);
      const double n = static_cast<double>(foialens::text::length_utf8(ocr::cer_normalize(pages[i].ground_truth)));
      errors += cer * n;
      chars += n;
      std::printf("%-24s %-34s %7.2f %7.1f %6.2f %s\n", variant.name.c_str(), pages[i].name.c_str(),
                  100 * cer, r->mean_confidence, r->seconds, ocr::to_string(r->layout).c_str());
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-24s %-34s %7.2f %7s %6.2f  (%.2f pages/s)\n", variant.name.c_str(), "TOTAL",
                chars > 0 ? 100 * errors / chars : 0.0, "", wall,
                static_cast<double>(pages.size()) / wall);
    std::fflush(stdout);
  }
  return 0;
}

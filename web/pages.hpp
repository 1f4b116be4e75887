#pragma once
// The routes' answers, one function per route, shared by app.cpp (which routes) and the
// files that build each family of pages. Internal to web/.

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "web/http.hpp"

namespace foialens::web::pages {

struct Site {
  std::filesystem::path home;
  std::mutex render;  // one page rendered at a time: bounds the memory of big pages
};

// An error page (HTML) or, for /api/, a JSON object {"error": message}.
Response error(int status, const std::string& message, bool api, const std::string& hint = "");

// Documents and search (pages_library.cpp).
Response search(Site& site, const Request& req);
Response docs(Site& site, const Request& req);
Response document(Site& site, const Request& req, const std::string& doc);
Response page(Site& site, const Request& req, const std::string& doc, const std::string& page);
Response page_image(Site& site, const Request& req, const std::string& doc, const std::string& page);
Response original(Site& site, const Request& req, const std::string& doc);

// Records requests (pages_requests.cpp).
Response requests(Site& site, const Request& req);
Response request(Site& site, const Request& req, const std::string& id);
Response add_event(Site& site, const Request& req, const std::string& id);

// What the analysis found (pages_analysis.cpp).
Response conflicts(Site& site, const Request& req);
Response agreements(Site& site, const Request& req);
Response references(Site& site, const Request& req);
Response draft_request(Site& site, const Request& req, const std::string& key);
Response report(Site& site, const Request& req);
Response api_conflicts(Site& site, const Request& req);
Response api_agreements(Site& site, const Request& req);
Response api_references(Site& site, const Request& req);
Response api_report(Site& site, const Request& req);
// Part of the document view (page 0: its agreements and findings) and of a page's view
// (the findings on that page), with their headings. `evidence`, when given, receives the
// words that fired each finding shown.
std::string document_analysis(Site& site, const std::string& doc_id, int page,
                              std::vector<std::string>* evidence = nullptr);

// The API: what the CLI's --json prints for the same command (api.cpp).
Response api_search(Site& site, const Request& req);
Response api_docs(Site& site, const Request& req);
Response api_show(Site& site, const Request& req, const std::string& doc, const std::string& page);
Response api_stats(Site& site, const Request& req);
Response api_requests(Site& site, const Request& req);
Response api_request(Site& site, const Request& req, const std::string& id);

}  // namespace foialens::web::pages

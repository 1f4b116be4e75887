#pragma once
// Hand-written documents for the analysis tests: one passage per paragraph (blank-line
// separated), pages separated by form feeds, as ingest produces them.

#include <string>
#include <string_view>

#include "common/document.hpp"

namespace foialens::testing {

inline Document make_document(std::string id, std::string title, std::string_view text) {
  Document doc;
  doc.id = std::move(id);
  doc.title = std::move(title);
  doc.source = "/docs/" + doc.id + ".txt";
  int page = 1;
  std::size_t start = 0;
  std::string page_text;
  const auto flush_page = [&] {
    Page p;
    p.number = page;
    p.text = page_text;
    doc.pages.push_back(p);
    std::size_t b = 0;
    while (b < page_text.size()) {
      std::size_t e = page_text.find("\n\n", b);
      if (e == std::string::npos) e = page_text.size();
      const std::string para = page_text.substr(b, e - b);
      if (para.find_first_not_of(" \n") != std::string::npos) {
        Passage passage;
        passage.ordinal = static_cast<int>(doc.passages.size());
        passage.page = passage.page_end = page;
        passage.text = para;
        doc.passages.push_back(passage);
      }
      b = e + 2;
    }
    page_text.clear();
  };
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\f') {
      page_text = std::string(text.substr(start, i - start));
      flush_page();
      ++page;
      start = i + 1;
    }
  }
  return doc;
}

// A customs-officer designation agreement in the shape such agreements take.
inline constexpr std::string_view kCustomsMoa = R"(MEMORANDUM OF AGREEMENT
BETWEEN
U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT
AND
THE CHICAGO POLICE DEPARTMENT

This Memorandum of Agreement (MOA) is entered into by and between U.S. Immigration and
Customs Enforcement (ICE), a component of the Department of Homeland Security, and the
Chicago Police Department (CPD) (collectively, the "Parties").

I. PURPOSE

The purpose of this MOA is to designate certain CPD officers as customs officers under
19 U.S.C. § 1401(i), to assist ICE Homeland Security Investigations at O'Hare.

II. AUTHORITY

19 U.S.C. 1401(i); 19 U.S.C. § 1589a; the Illinois Freedom of Information Act, 5 ILCS 140.)"
                                              "\f"
                                              R"(VII. EFFECTIVE DATE AND TERM

This MOA shall become effective on April 12, 2019 and shall remain in effect for a period
of three (3) years from the effective date, unless terminated earlier by either Party upon
thirty (30) days written notice.

FOR U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT:
By: ______________________
John R. Smith
Special Agent in Charge, HSI Chicago
Date: April 10, 2019

FOR THE CHICAGO POLICE DEPARTMENT:
By: ______________________
Jane Q. Doe
Superintendent of Police
Date: April 12, 2019)";

// A scanned county 287(g) agreement with OCR noise, the parties in a table.
inline constexpr std::string_view kCounty287g = R"(MEMORANDUM 0F AGREEMENT

287(g) Jail Enforcement Model

Party 1: United States Immigration and Customs Enforcement
Party 2: Fictional County Sheriff's Office

This Memorandum of Agreernent (MOA) constitutes an agreement between United States
Immigration and Customs Enforcement (ICE) and the Fictional County Sheriff's Office
(FCSO), pursuant to which ICE delegates nominated, trained and certified FCSO personnel
to perform certain immigration officer functions under Section 287(g) of the Immigration
and Nationality Act, 8 U.S.C. 1357(g). The parties agree as follows.

This MOA becomes effective upon the date of the last signature and remains in effect
until terminated by either party.

Signature: ____________________
Name: Robert E. Lee-Watson
Title: Sheriff
Date: 3/15/2020

Signature: ____________________
Name: Maria Gonzalez
Title: Field Office Director, Enforcement and Removal Operations
Date: 3/20/2020)";

// An inspector general's review that cites agreements and orders it does not contain,
// with a data-sharing agreement in an appendix.
inline constexpr std::string_view kOigReview = R"(OFFICE OF INSPECTOR GENERAL
REVIEW OF THE CHICAGO POLICE DEPARTMENT'S GANG DATABASE

I. BACKGROUND

CPD shares gang designations with outside agencies under the 2017 information-sharing MOU
with DHS. The OIG asked CPD for the MOU; CPD did not produce it.

Arrests at O'Hare were made pursuant to the Memorandum of Agreement dated April 12, 2019.
Officers follow Special Order S06-14-03 and General Order G09-01 when entering data.)"
                                             "\f"
                                             R"(II. FINDINGS

CPD could not say which outside agencies have access, and the information-sharing MOU
with DHS was never reviewed by the Department of Law. As set forth in the Task Force
Charter, task force officers may query the database. Special Order S06-14-03 does not
address outside access.)"
                                             "\f"
                                             R"(APPENDIX B
DATA SHARING AGREEMENT

This Data Sharing Agreement is entered into by and between the Chicago Police Department
and the Fictional Regional Fusion Center (the "Center").

WHEREAS the Parties wish to exchange gang designation records;

NOW, THEREFORE, the parties agree as follows: the Center may query the database for a term
of two (2) years.

By: /s/ Thomas Ward
Thomas Ward
Director, Fictional Regional Fusion Center
Date: June 1, 2018)";

}  // namespace foialens::testing

# Every third-party dependency as an imported target. Debian 12 packages: see
# scripts/install-deps.sh.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp>=22)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract>=5)
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
# Archives, e-mail, Outlook .msg (OLE compound files), Office XML and HTML.
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive>=3.4)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0>=3.2)
pkg_check_modules(LIBGSF REQUIRED IMPORTED_TARGET libgsf-1>=1.14)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0>=2.9)
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf>=11)
pkg_check_modules(CPP_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)  # web/ only

find_package(Threads REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)

if(FOIALENS_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()

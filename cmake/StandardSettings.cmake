# Language standard and warnings as INTERFACE targets, linked PRIVATE by every part.
add_library(foialens_standard INTERFACE)
add_library(foialens::standard ALIAS foialens_standard)
target_compile_features(foialens_standard INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

add_library(foialens_warnings INTERFACE)
add_library(foialens::warnings ALIAS foialens_warnings)
target_compile_options(foialens_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${FOIALENS_WARNINGS_AS_ERRORS}>:-Werror>)

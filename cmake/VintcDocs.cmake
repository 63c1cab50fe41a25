# Optional `docs` target: the API reference from the public headers, built
# with Doxygen and failing on any warning (an undocumented function,
# parameter, struct member or macro). Skipped with a message without Doxygen.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  message(STATUS "Doxygen not found: no `docs` target (install doxygen for the API reference)")
  return()
endif()

set(DOXYGEN_PROJECT_NAME vintc)
set(DOXYGEN_PROJECT_NUMBER ${PROJECT_VERSION})
set(DOXYGEN_PROJECT_BRIEF "${PROJECT_DESCRIPTION}")
set(DOXYGEN_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/docs)
set(DOXYGEN_GENERATE_HTML YES)
set(DOXYGEN_GENERATE_LATEX NO)
set(DOXYGEN_OPTIMIZE_OUTPUT_FOR_C YES)
set(DOXYGEN_EXTRACT_ALL NO)
set(DOXYGEN_EXTRACT_STATIC YES)
set(DOXYGEN_WARNINGS YES)
set(DOXYGEN_WARN_IF_UNDOCUMENTED YES)
set(DOXYGEN_WARN_IF_DOC_ERROR YES)
set(DOXYGEN_WARN_IF_INCOMPLETE_DOC YES)
set(DOXYGEN_WARN_NO_PARAMDOC YES)
set(DOXYGEN_WARN_AS_ERROR FAIL_ON_WARNINGS)
set(DOXYGEN_QUIET YES)
set(DOXYGEN_ENABLE_PREPROCESSING YES)
set(DOXYGEN_MACRO_EXPANSION YES)
set(DOXYGEN_EXPAND_ONLY_PREDEF YES)
# VINTC_API is an attribute, not part of the documented declaration.
set(DOXYGEN_PREDEFINED "VINTC_API=")
set(DOXYGEN_STRIP_FROM_PATH ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include)
set(DOXYGEN_FILE_PATTERNS "*.h")
file(GLOB _vintc_doc_headers ${PROJECT_SOURCE_DIR}/include/vintc/*.h)
# `docs` at top level; a parent project may have its own target of that name.
if(VINTC_TOP_LEVEL)
  set(VINTC_DOCS_TARGET docs)
else()
  set(VINTC_DOCS_TARGET vintc_docs)
endif()
doxygen_add_docs(${VINTC_DOCS_TARGET}
  ${_vintc_doc_headers} ${PROJECT_BINARY_DIR}/include/vintc/version.h
  COMMENT "API reference with Doxygen (warnings are errors)")
# The Doxyfile doxygen_add_docs wrote, for the ctest check.
set(VINTC_DOXYFILE ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile.${VINTC_DOCS_TARGET})

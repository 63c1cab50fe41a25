# cmake -DDOXYGEN=<doxygen> -DDOXYFILE=<Doxyfile> -P run_doxygen.cmake
# Runs Doxygen and fails on any warning, printing them.
execute_process(COMMAND ${DOXYGEN} ${DOXYFILE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR err MATCHES "warning|error")
  message(FATAL_ERROR "Doxygen failed (exit ${rc}):\n${err}${out}")
endif()
message(STATUS "Doxygen: API reference built with no warnings")

# Turn a flat guest image into the C array committed beside its source, or
# check that the committed array still matches the source.
#   cmake -DBIN=<image> -DHEADER=<committed .h> -DNAME=<array name>
#         -DSOURCES=<sources listed in the header> -DMODE=update|check -P bytes.cmake
file(READ "${BIN}" hex HEX)
string(LENGTH "${hex}" nhex)
math(EXPR nbytes "${nhex} / 2")
set(body "")
set(line "")
set(i 0)
while(i LESS nhex)
  string(SUBSTRING "${hex}" ${i} 2 byte)
  string(APPEND line "0x${byte},")
  math(EXPR i "${i} + 2")
  math(EXPR col "(${i} / 2) % 12")
  if(col EQUAL 0 OR i EQUAL nhex)
    string(APPEND body "    ${line}\n")
    set(line "")
  endif()
endwhile()
set(text "/* Generated from ${SOURCES} by tests/guest/bytes.cmake: do not edit.
 * The build checks it against the sources when the cross compiler is
 * installed; the target guest_bytes_update rewrites it. */
static const unsigned char ${NAME}[${nbytes}] = {
${body}};
")
if(MODE STREQUAL "update")
  file(WRITE "${HEADER}" "${text}")
else()
  file(READ "${HEADER}" old)
  if(NOT old STREQUAL text)
    message(FATAL_ERROR "${HEADER} does not match ${SOURCES}: "
            "build the target guest_bytes_update and commit the result")
  endif()
endif()

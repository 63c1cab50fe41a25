#!/usr/bin/env bash
# Usage: check_error_codes.sh SOURCE_DIR
# The error codes the library's sources return, the list in <vintc/vintc.h>
# and the list tests/test_common.c checks vintc_strerror/vintc_err_name
# against must be the same set.
set -euo pipefail
src=$1
codes_in() { grep -oE -- '-E[A-Z0-9]+' | sort -u; }
returned=$(find "$src/src" -name '*.[ch]' ! -name errors.c -exec cat {} + | codes_in)
listed=$(grep -E '^ \* - -E[A-Z0-9]+:' "$src/include/vintc/vintc.h" | codes_in)
tested=$(sed -n '/listed_codes\[\] = {/,/};/p' "$src/tests/test_common.c" | codes_in)
status=0
compare() {
  local what=$1 a=$2 b=$3
  if [ "$a" != "$b" ]; then
    echo "$what differ:"
    diff <(echo "$a") <(echo "$b") | sed -n 's/^[<>]/  &/p'
    status=1
  fi
}
compare "codes returned in src/ (<) and listed in vintc.h (>)" "$returned" "$listed"
compare "codes listed in vintc.h (<) and tested in test_common.c (>)" "$listed" "$tested"
[ $status -eq 0 ] && echo "error codes agree: $(echo $listed)"
exit $status

#!/usr/bin/env bash
# Usage: check_exports.sh LIBRARY HEADER_DIR
# Every function declared with VINTC_API in the public headers must be a
# defined dynamic symbol of LIBRARY, and LIBRARY must export nothing else.
set -euo pipefail
lib=$1 hdrdir=$2
# Declarations start a line with VINTC_API (export.h only defines the macro).
headers=$(ls "$hdrdir"/*.h | grep -v "/export\.h$")
# shellcheck disable=SC2086
declared=$(grep -hE '^VINTC_API[[:space:]]' $headers |
           sed -E 's/^([^(]*[^A-Za-z0-9_(])([A-Za-z0-9_]+)[[:space:]]*\(.*/\2/' | sort -u)
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TtWDdBbRr]$/ {print $3}' |
           grep -vE '^(_init|_fini|_edata|_end|__bss_start)$' | sort -u)
status=0
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
extra=$(comm -13 <(echo "$declared") <(echo "$exported"))
if [ -n "$missing" ]; then echo "declared but not exported:"; echo "$missing"; status=1; fi
if [ -n "$extra" ]; then echo "exported but not declared:"; echo "$extra"; status=1; fi
bad=$(echo "$exported" | grep -vE '^(gic_|s390_|vintc_)' || true)
if [ -n "$bad" ]; then echo "exported without a vintc prefix:"; echo "$bad"; status=1; fi
n=$(echo "$declared" | wc -l)
[ $status -eq 0 ] && echo "all $n public functions exported, nothing else"
exit $status

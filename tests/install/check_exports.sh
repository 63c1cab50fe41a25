#!/usr/bin/env bash
# Usage: check_exports.sh LIBRARY HEADER_DIR VERSION_SCRIPT
# The linker version script lists exactly the functions the public headers
# declare with VINTC_API, and LIBRARY's defined dynamic symbols are exactly
# the script's, each under a version node of the script.
set -euo pipefail
lib=$1 hdrdir=$2 map=$3
# Declarations start a line with VINTC_API (export.h only defines the macro).
headers=$(ls "$hdrdir"/*.h | grep -v "/export\.h$")
# shellcheck disable=SC2086
declared=$(grep -hE '^VINTC_API[[:space:]]' $headers |
           sed -E 's/^([^(]*[^A-Za-z0-9_(])([A-Za-z0-9_]+)[[:space:]]*\(.*/\2/' | sort -u)
# The script's symbols: "name;" lines; its nodes: "NAME {" lines.
scripted=$(sed -E 's@/\*.*\*/@@' "$map" | grep -E '^[[:space:]]+[A-Za-z_][A-Za-z0-9_]*;' |
           tr -d ' ;\t' | sort -u)
nodes=$(grep -oE '^[A-Z][A-Z0-9_.]*[[:space:]]*\{' "$map" | tr -d ' {' | sort -u)
# objdump -T: "... DF .text <size> <version> <name>"; defined symbols only.
# A version node itself appears as an absolute symbol named after it.
dynsyms=$(objdump -T "$lib" |
          awk '$0 ~ /^[0-9a-f]+ / && $0 !~ /\*UND\*/ && NF >= 6 && $(NF-1) != $NF {print $(NF-1), $NF}')
exported=$(echo "$dynsyms" | awk '{print $2}' | grep -vE '^(_init|_fini|_edata|_end|__bss_start)$' | sort -u)
status=0
report() { # title, list
  if [ -n "$2" ]; then echo "$1:"; echo "$2" | sed 's/^/  /'; status=1; fi
}
report "declared in the headers but not in $(basename "$map")" "$(comm -23 <(echo "$declared") <(echo "$scripted"))"
report "in $(basename "$map") but not declared in the headers" "$(comm -13 <(echo "$declared") <(echo "$scripted"))"
report "in $(basename "$map") but not exported" "$(comm -23 <(echo "$scripted") <(echo "$exported"))"
report "exported but not in $(basename "$map")" "$(comm -13 <(echo "$scripted") <(echo "$exported"))"
unversioned=$(echo "$dynsyms" | awk '$2 !~ /^(_init|_fini)$/' | while read -r ver sym; do
  ver=${ver#(}; ver=${ver%)}
  echo "$nodes" | grep -qxF "$ver" || echo "$sym ($ver)"
done)
report "exported without a version node of $(basename "$map")" "$unversioned"
report "exported without a vintc prefix" "$(echo "$exported" | grep -vE '^(gic_|s390_|vintc_)' || true)"
[ $status -eq 0 ] &&
  echo "$(echo "$declared" | wc -l) public functions: declared = version script = exported, all in $(echo $nodes)"
exit $status

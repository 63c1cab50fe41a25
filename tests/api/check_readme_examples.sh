#!/usr/bin/env bash
# Usage: check_readme_examples.sh SOURCE_DIR
# Each examples/hello_*.c must appear verbatim as a ```c block of README.md,
# so the README shows exactly the programs ctest builds and runs.
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" '
  /^```c[[:space:]]*$/ { n++; out = dir "/block" n ".c"; printf "" > out; inblock = 1; next }
  /^```[[:space:]]*$/ && inblock { inblock = 0; close(out); next }
  inblock { print > out }
' "$src/README.md"
status=0 found=0
for ex in "$src"/examples/hello_*.c; do
  found=$((found + 1))
  match=
  for b in "$tmp"/block*.c; do
    [ -e "$b" ] && cmp -s "$ex" "$b" && match=$b
  done
  if [ -n "$match" ]; then
    echo "README.md shows examples/$(basename "$ex") verbatim"
  else
    echo "README.md has no \`\`\`c block equal to examples/$(basename "$ex")"
    status=1
  fi
done
[ $found -gt 0 ] || { echo "no examples/hello_*.c"; status=1; }
exit $status

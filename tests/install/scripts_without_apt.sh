#!/usr/bin/env bash
# Usage: scripts_without_apt.sh SOURCE_DIR
# scripts/demo and a cheap run of scripts/test (the gcc stage, one unit
# test) with a PATH that holds every tool of this machine but no package
# manager (apt, apt-get, dpkg, ...), as on Fedora, macOS or a container with
# the tools preinstalled. Then, with valgrind hidden too, scripts/test
# memcheck must stop at once and say what to install.
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A bin directory of symlinks to every command on PATH except the package
# managers.
mkbin() { # dir, extra names to leave out...
  local bin=$1 d f name
  shift
  mkdir -p "$bin"
  IFS=: read -ra dirs <<< "$PATH"
  for d in "${dirs[@]}"; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
      name=${f##*/}
      [ -x "$f" ] && [ ! -d "$f" ] || continue
      case $name in apt|apt-*|aptitude|dpkg|dpkg-*) continue ;; esac
      for x in "$@"; do [ "$name" = "$x" ] && continue 2; done
      [ -e "$bin/$name" ] || ln -s "$f" "$bin/$name"
    done
  done
}
mkbin "$tmp/bin"
mkbin "$tmp/bin-novalgrind" valgrind
for pm in apt-get dpkg-query dpkg; do
  if PATH=$tmp/bin command -v $pm >/dev/null; then echo "$pm still on PATH"; exit 1; fi
done

echo "== scripts/demo without apt"
PATH=$tmp/bin VINTC_BUILD_ROOT=$tmp/build "$src/scripts/demo" > "$tmp/demo.out" 2>&1 ||
  { cat "$tmp/demo.out"; echo "scripts/demo failed without apt"; exit 1; }
grep -q '^================ examples/hello_gic.c' "$tmp/demo.out" ||
  { cat "$tmp/demo.out"; echo "scripts/demo ran no example"; exit 1; }
grep '^================' "$tmp/demo.out"

echo "== scripts/test gcc (one unit test) without apt"
PATH=$tmp/bin VINTC_BUILD_ROOT=$tmp/build VINTC_CTEST_ARGS='-R ^test_common$' \
  VINTC_CMAKE_ARGS='-DVINTC_BUILD_BENCH=OFF -DVINTC_BUILD_EXAMPLES=OFF -DVINTC_BUILD_STATIC=OFF' \
  "$src/scripts/test" gcc > "$tmp/test.out" 2>&1 ||
  { cat "$tmp/test.out"; echo "scripts/test gcc failed without apt"; exit 1; }
cat "$tmp/test.out"
grep -q '100% tests passed, 0 tests failed out of 1$' "$tmp/test.out"

echo "== scripts/test memcheck without apt and without valgrind"
if PATH=$tmp/bin-novalgrind VINTC_BUILD_ROOT=$tmp/build "$src/scripts/test" memcheck \
     > "$tmp/missing.out" 2>&1; then
  cat "$tmp/missing.out"; echo "scripts/test memcheck ran without valgrind"; exit 1
fi
cat "$tmp/missing.out"
grep -q 'apt-get is not available' "$tmp/missing.out" && grep -q -- '- valgrind' "$tmp/missing.out" ||
  { echo "no clear message about the missing valgrind"; exit 1; }
[ ! -d "$tmp/build/memcheck" ] || { echo "scripts/test built before checking its tools"; exit 1; }
echo "scripts run without apt, and name what is missing"

#!/usr/bin/env bash
# Usage: subproject.sh CMAKE VINTC_SOURCE_DIR PARENT_SRC CC
# Builds tests/install/parent, which embeds vintc with add_subdirectory and
# then with FetchContent (a local SOURCE_DIR), each with BUILD_TESTING=OFF,
# its own build type and its own install. vintc must keep the parent's build
# type, build no tests, and install nothing of its own unless VINTC_INSTALL
# is on. Then a top-level configure without Check must succeed, saying how to
# get the tests.
set -euo pipefail
cmake=$1 vsrc=$2 parent=$3 cc=$4
ctest=$(dirname "$cmake")/ctest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL ($how): $*"; exit 1; }

for how in add_subdirectory FetchContent; do
  b=$tmp/$how
  extra=()
  [ $how = FetchContent ] && extra=(-DVINTC_INSTALL=ON)
  "$cmake" -S "$parent" -B "$b" -DVINTC_SOURCE_DIR="$vsrc" -DHOW=$how \
           -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=MinSizeRel -DBUILD_TESTING=OFF \
           "${extra[@]}" > "$b.log" 2>&1 || { cat "$b.log"; fail "configure"; }
  grep -qx 'build_type=MinSizeRel' "$b/parent_view.txt" || fail "build type changed: $(cat "$b/parent_view.txt")"
  grep -qx 'tests=OFF' "$b/parent_view.txt" || fail "vintc tests are on"
  "$cmake" --build "$b" -j 2 >> "$b.log" 2>&1 || { cat "$b.log"; fail "build"; }
  "$b/parent_app" || fail "parent_app"
  (cd "$b" && "$ctest" -N) | grep -q 'Total Tests: 0' || fail "vintc registered tests"
  [ -z "$(find "$b" -name 'test_*' -type f -perm -u+x)" ] || fail "test programs were built"
  "$cmake" --install "$b" --prefix "$tmp/inst-$how" > /dev/null
  [ -x "$tmp/inst-$how/bin/parent_app" ] || fail "the parent's install is missing parent_app"
  if [ $how = FetchContent ]; then
    [ -f "$tmp/inst-$how/include/vintc/vintc.h" ] || fail "VINTC_INSTALL=ON installed no headers"
  else
    left=$(cd "$tmp/inst-$how" && find . -type f ! -path ./bin/parent_app)
    [ -z "$left" ] || fail "vintc installed into the parent's prefix: $left"
  fi
  echo "$how: parent build type kept, no vintc tests, install $( [ $how = FetchContent ] && echo 'with vintc (VINTC_INSTALL=ON)' || echo 'without vintc')"
done

# A parent without a build type keeps none.
how=no-build-type b=$tmp/nobt
"$cmake" -S "$parent" -B "$b" -DVINTC_SOURCE_DIR="$vsrc" -DHOW=add_subdirectory \
         -DCMAKE_C_COMPILER="$cc" -DBUILD_TESTING=OFF > "$b.log" 2>&1 || { cat "$b.log"; fail "configure"; }
grep -qx 'build_type=' "$b/parent_view.txt" || fail "vintc set a build type: $(cat "$b/parent_view.txt")"
echo "parent without a build type: vintc set none"

# Top level without Check: configure succeeds and says how to get the tests.
b=$tmp/nocheck
"$cmake" -S "$vsrc" -B "$b" -DCMAKE_C_COMPILER="$cc" -DCMAKE_DISABLE_FIND_PACKAGE_Check=ON \
         -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON > "$b.log" 2>&1 ||
  { cat "$b.log"; how=no-check; fail "configure without Check failed"; }
grep -q 'apt-get install check' "$b.log" || { cat "$b.log"; how=no-check; fail "no message about Check"; }
echo "top level without Check: configured, with the message on how to get the unit tests"

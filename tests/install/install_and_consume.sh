#!/usr/bin/env bash
# Usage: install_and_consume.sh CMAKE BUILD_DIR CONSUMER_SRC CC VERSION SHARED STATIC
# Installs the built library to a temporary prefix, moves the prefix (the
# install must be relocatable), then builds and runs the consumer against
# each library kind the build made: with find_package (vintc::vintc,
# vintc::vintc_static) and with pkg-config (vintc, vintc-static).
set -euo pipefail
cmake=$1 build=$2 consumer=$3 cc=$4 version=$5 shared=$6 static=$7
on() { case $1 in ON|on|1|TRUE|true|YES|yes) return 0 ;; *) return 1 ;; esac; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cmake" --install "$build" --prefix "$tmp/stage" >/dev/null
mv "$tmp/stage" "$tmp/prefix"
prefix=$tmp/prefix
libdir=$(dirname "$(find "$prefix" -name vintc.pc)")/..
for f in LICENSE README.md; do
  [ -n "$(find "$prefix/share/doc" -name "$f")" ] || { echo "$f not installed"; exit 1; }
done

# Does `prog` load libvintc.so? (ldd prints the libraries it would load.)
# (The output is taken whole: grep -q could close the pipe early, and
# pipefail would turn ldd's SIGPIPE into a false "no".)
uses_shared() {
  local libs
  libs=$(LD_LIBRARY_PATH=$libdir ldd "$1")
  [[ $libs == *libvintc.so* ]]
}
check_kind() { # program, expected kind
  if [ "$2" = shared ]; then uses_shared "$1" || { echo "$1: not linked to libvintc.so"; exit 1; }
  else ! uses_shared "$1" || { echo "$1: linked to libvintc.so, wanted the archive"; exit 1; }
  fi
  LD_LIBRARY_PATH=$libdir "$1"
}

kinds=()
on "$shared" && kinds+=(shared)
on "$static" && kinds+=(static)
for kind in "${kinds[@]}"; do
  target=vintc::vintc pc=vintc
  [ "$kind" = static ] && target=vintc::vintc_static pc=vintc-static
  "$cmake" -S "$consumer" -B "$tmp/cm-$kind" -DCMAKE_PREFIX_PATH="$prefix" \
           -DCMAKE_C_COMPILER="$cc" -DVINTC_VERSION="$version" -DVINTC_TARGET=$target >/dev/null
  "$cmake" --build "$tmp/cm-$kind" >/dev/null
  check_kind "$tmp/cm-$kind/consumer" $kind

  export PKG_CONFIG_PATH=$libdir/pkgconfig
  pkg-config --exists --print-errors "$pc"
  # shellcheck disable=SC2046
  "$cc" -std=c11 -o "$tmp/pc-$kind" "$consumer/consumer.c" $(pkg-config --cflags --libs "$pc")
  check_kind "$tmp/pc-$kind" $kind
  echo "$kind: find_package($target) and pkg-config $pc consumers built and ran"
done
# Without a shared library, vintc::vintc is the static one.
if ! on "$shared"; then
  "$cmake" -S "$consumer" -B "$tmp/cm-default" -DCMAKE_PREFIX_PATH="$prefix" \
           -DCMAKE_C_COMPILER="$cc" -DVINTC_VERSION="$version" -DVINTC_TARGET=vintc::vintc >/dev/null
  "$cmake" --build "$tmp/cm-default" >/dev/null
  check_kind "$tmp/cm-default/consumer" static
fi
grep -q '^URL: ' "$libdir/pkgconfig/vintc.pc" || { echo "vintc.pc has no URL"; exit 1; }

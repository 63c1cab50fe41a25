#!/usr/bin/env bash
# Usage: install_and_consume.sh CMAKE BUILD_DIR CONSUMER_SRC CC
# Installs the built library to a temporary prefix, moves the prefix (the
# install must be relocatable), then builds and runs one consumer with
# find_package(vintc) and one with pkg-config.
set -euo pipefail
cmake=$1 build=$2 consumer=$3 cc=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cmake" --install "$build" --prefix "$tmp/stage" >/dev/null
mv "$tmp/stage" "$tmp/prefix"
prefix=$tmp/prefix

"$cmake" -S "$consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" \
         -DCMAKE_C_COMPILER="$cc" >/dev/null
"$cmake" --build "$tmp/cm" >/dev/null
LD_LIBRARY_PATH="$(dirname "$(find "$prefix" -name 'libvintc.*' | head -1)")" \
  "$tmp/cm/consumer"

pcdir=$(dirname "$(find "$prefix" -name vintc.pc)")
export PKG_CONFIG_PATH=$pcdir
flags=$(pkg-config --cflags --libs vintc)
libs_static=$(pkg-config --static --libs vintc)
libdir=$(pkg-config --variable=libdir vintc)
# shellcheck disable=SC2086
"$cc" -std=c11 -o "$tmp/pc_consumer" "$consumer/consumer.c" $flags $libs_static
LD_LIBRARY_PATH=$libdir "$tmp/pc_consumer"
echo "find_package and pkg-config consumers built and ran"

# shellcheck shell=bash
# Sourced by scripts/*: makes sure the tools a script uses are present.
#
# A requirement is checked by looking for the tool itself (a command, a
# library through pkg-config, a compiler that links), never by asking a
# package manager, so the scripts run wherever the tools are installed.
# What is missing is installed only on Debian/Ubuntu (apt-get), as root, or
# through sudo after saying so; elsewhere the script names what to install
# and stops. VINTC_NO_DEPS=1 installs nothing: missing tools are reported and
# the script carries on.
#
#   vintc_require REQUIRED... [-- OPTIONAL...]
#
# Requirements: cmake make cc gcc clang asan tsan pkg-config check valgrind
# clang-format doxygen qemu-system-arm unicorn. Optional ones are installed
# when apt-get is there and only reported otherwise.

vintc_jobs() { nproc 2>/dev/null || echo 2; }

# Does `compiler` link a C program with `flags`?
_vintc_links() {
  local compiler=$1 tmp rc
  shift
  command -v "$compiler" >/dev/null 2>&1 || return 1
  tmp=$(mktemp -d) || return 1
  printf 'int main(void) { return 0; }\n' > "$tmp/t.c"
  "$compiler" "$@" "$tmp/t.c" -o "$tmp/t" >/dev/null 2>&1
  rc=$?
  rm -rf "$tmp"
  return $rc
}

_vintc_present() {
  case $1 in
    cc)         _vintc_links "${CC:-cc}" || _vintc_links gcc || _vintc_links clang ;;
    gcc)        _vintc_links gcc ;;
    clang)      command -v clang >/dev/null 2>&1 ;;
    asan)       _vintc_links clang -fsanitize=address,undefined ;;
    tsan)       _vintc_links clang -fsanitize=thread ;;
    check)      command -v pkg-config >/dev/null 2>&1 && pkg-config --exists check ;;
    unicorn)    command -v pkg-config >/dev/null 2>&1 && pkg-config --exists unicorn ;;
    *)          command -v "$1" >/dev/null 2>&1 ;;
  esac
}

# What a requirement is, for people without apt: "name (Fedora: ...; macOS: ...)".
_vintc_describe() {
  case $1 in
    cmake)      echo "cmake >= 3.21 (Fedora: cmake; macOS: brew install cmake)" ;;
    make)       echo "make (Fedora: make; macOS: xcode-select --install)" ;;
    cc)         echo "a C compiler with its C library headers (Fedora: gcc; macOS: xcode-select --install)" ;;
    gcc)        echo "gcc (Fedora: gcc)" ;;
    clang)      echo "clang (Fedora: clang; macOS: xcode-select --install)" ;;
    asan)       echo "clang's AddressSanitizer/UBSan runtime (Fedora: compiler-rt libasan libubsan)" ;;
    tsan)       echo "clang's ThreadSanitizer runtime (Fedora: compiler-rt libtsan)" ;;
    pkg-config) echo "pkg-config (Fedora: pkgconf; macOS: brew install pkg-config)" ;;
    check)      echo "Check, the C unit-test library, found through pkg-config (Fedora: check-devel; macOS: brew install check)" ;;
    valgrind)   echo "valgrind (Fedora: valgrind)" ;;
    clang-format) echo "clang-format (Fedora: clang-tools-extra; macOS: brew install clang-format)" ;;
    doxygen)    echo "doxygen, for the API-reference check (Fedora: doxygen; macOS: brew install doxygen)" ;;
    qemu-system-arm) echo "qemu-system-arm, for the QEMU oracle tests (Fedora: qemu-system-arm; macOS: brew install qemu)" ;;
    unicorn)    echo "the Unicorn engine library, for the guest tests (Fedora: unicorn-devel; macOS: brew install unicorn)" ;;
    *)          echo "$1" ;;
  esac
}

# The Debian/Ubuntu packages that provide a requirement.
_vintc_debian_packages() {
  local major cand
  case $1 in
    cc|gcc)     echo "gcc libc6-dev" ;;
    asan|tsan)
      # The sanitizer runtimes are only a Recommends of clang, and their
      # package name changed between releases.
      major=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
      for cand in ${major:+libclang-rt-$major-dev} libclang-rt-dev ${major:+libclang-common-$major-dev}; do
        if apt-cache show "$cand" >/dev/null 2>&1; then echo "$cand"; return; fi
      done
      echo libclang-rt-dev ;;
    unicorn)    echo libunicorn-dev ;;
    *)          echo "$1" ;;
  esac
}

_vintc_apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "deps: not root and no sudo: install them as root: apt-get install $*" >&2
      return 1
    fi
    echo "deps: running 'sudo apt-get' to install: $* (sudo may ask for your password)"
    sudo=(sudo)
  else
    echo "deps: installing with apt-get: $*"
  fi
  if [ -z "${_vintc_apt_updated:-}" ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    _vintc_apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "$@"
}

# Install the packages of the requirements given (none: nothing to do).
# clang goes first: the sanitizer runtime's package depends on its version.
_vintc_apt_batch() {
  local r pkgs=() p
  for r in "$@"; do
    case $r in asan|tsan) ;; *) read -ra p <<< "$(_vintc_debian_packages "$r")"; pkgs+=("${p[@]}") ;; esac
  done
  if [ ${#pkgs[@]} -gt 0 ]; then
    # shellcheck disable=SC2046
    _vintc_apt_install $(printf '%s\n' "${pkgs[@]}" | sort -u) || return 1
  fi
  pkgs=()
  for r in "$@"; do
    case $r in asan|tsan) _vintc_present "$r" || pkgs+=("$(_vintc_debian_packages "$r")") ;; esac
  done
  if [ ${#pkgs[@]} -gt 0 ]; then
    # shellcheck disable=SC2046
    _vintc_apt_install $(printf '%s\n' "${pkgs[@]}" | sort -u) || return 1
  fi
  return 0
}

vintc_require() {
  local script=scripts/${0##*/} req optional=0 missing=() missing_opt=() r
  for req in "$@"; do
    if [ "$req" = -- ]; then optional=1; continue; fi
    _vintc_present "$req" && continue
    if [ $optional -eq 1 ]; then missing_opt+=("$req"); else missing+=("$req"); fi
  done
  [ ${#missing[@]} -eq 0 ] && [ ${#missing_opt[@]} -eq 0 ] && return 0

  if [ "${VINTC_NO_DEPS:-0}" = 1 ]; then
    for r in "${missing[@]}" "${missing_opt[@]}"; do
      echo "$script: VINTC_NO_DEPS=1: not installing missing $(_vintc_describe "$r")" >&2
    done
    return 0
  fi

  if command -v apt-get >/dev/null 2>&1; then
    _vintc_apt_batch "${missing[@]}" || return 1
    # Optional extras: tried, but their absence stops nothing.
    if [ ${#missing_opt[@]} -gt 0 ] && ! _vintc_apt_batch "${missing_opt[@]}"; then
      echo "$script: could not install optional ${missing_opt[*]}; those checks are skipped" >&2
    fi
    for r in "${missing[@]}"; do
      _vintc_present "$r" || { echo "$script: still missing after apt-get: $(_vintc_describe "$r")" >&2; return 1; }
    done
    return 0
  fi

  # No package manager this script knows: say what to install.
  for r in "${missing_opt[@]}"; do
    echo "$script: optional, skipped without it: $(_vintc_describe "$r")" >&2
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  {
    echo "$script: these are missing, and apt-get is not available to install them:"
    for r in "${missing[@]}"; do echo "  - $(_vintc_describe "$r")"; done
    echo "Install them with your system's package manager and run $script again,"
    echo "or set VINTC_NO_DEPS=1 to try without them."
  } >&2
  return 1
}

# Unicorn (the CPU emulator) is an optional dependency of the guest tests,
# the Unicorn example and the guest benchmark: found through pkg-config
# (`unicorn >= 2.0`). Sets VINTC_HAVE_UNICORN and, when found, the imported
# target PkgConfig::UNICORN. Included from several directories; searches and
# reports once.
get_property(_vintc_unicorn_searched GLOBAL PROPERTY VINTC_UNICORN_SEARCHED)
if(_vintc_unicorn_searched)
  get_property(VINTC_HAVE_UNICORN GLOBAL PROPERTY VINTC_HAVE_UNICORN)
  return()
endif()
set_property(GLOBAL PROPERTY VINTC_UNICORN_SEARCHED ON)
set(VINTC_HAVE_UNICORN OFF)
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(UNICORN QUIET IMPORTED_TARGET GLOBAL unicorn>=2.0)
endif()
if(UNICORN_FOUND)
  set(VINTC_HAVE_UNICORN ON)
  message(STATUS "vintc: Unicorn ${UNICORN_VERSION} found: guest tests, "
                 "examples/unicorn_aarch64.c and bench_guest enabled")
else()
  message(STATUS "vintc: Unicorn >= 2.0 not found (pkg-config unicorn): guest tests, "
                 "examples/unicorn_aarch64.c and bench_guest are skipped")
endif()
set_property(GLOBAL PROPERTY VINTC_HAVE_UNICORN ${VINTC_HAVE_UNICORN})

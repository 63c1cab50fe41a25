/* SPDX-License-Identifier: MIT */
#ifndef VINTC_TEST_UTIL_H
#define VINTC_TEST_UTIL_H

#include <check.h>

/* Every tests/test_<area>.c defines this. */
Suite *vintc_test_suite(void);

#endif

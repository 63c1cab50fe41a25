/* SPDX-License-Identifier: MIT */
/* Runs the one Suite a test_<area>.c file defines. */
#include <stdlib.h>

#include <check.h>

#include "test_util.h"

int main(void)
{
    SRunner *sr = srunner_create(vintc_test_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

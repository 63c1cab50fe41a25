/* SPDX-License-Identifier: MIT */
/* Version and error-name helpers. */
#include <errno.h>
#include <string.h>

#include <vintc/vintc.h>

#include "test_util.h"

START_TEST(version_matches_header)
{
    ck_assert_str_eq(vintc_version_string(), VINTC_VERSION_STRING);
    ck_assert_uint_eq(vintc_version_number(), VINTC_VERSION_NUMBER);
    ck_assert_uint_eq(VINTC_VERSION_NUMBER, VINTC_VERSION_MAJOR * 10000 +
                      VINTC_VERSION_MINOR * 100 + VINTC_VERSION_PATCH);
}
END_TEST

START_TEST(strerror_names_every_library_error)
{
    const int errs[] = { -EINVAL, -ENOMEM, -EFAULT, -EBUSY, -ENOSPC,
                         -EOPNOTSUPP, -ETIMEDOUT, -EIO };
    const char *unknown = vintc_strerror(-99999);
    ck_assert_ptr_nonnull(unknown);
    ck_assert_str_eq(vintc_strerror(0), "success");
    for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
        const char *s = vintc_strerror(errs[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_ne(s, unknown);
    }
    ck_assert_str_eq(vintc_strerror(12345), unknown);
    ck_assert_str_eq(vintc_strerror(-2147483647 - 1), unknown);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, version_matches_header);
    tcase_add_test(tc, strerror_names_every_library_error);
    suite_add_tcase(s, tc);
    return s;
}

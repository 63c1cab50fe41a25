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
                                                VINTC_VERSION_MINOR * 100 +
                                                VINTC_VERSION_PATCH);
}
END_TEST

/* Every code <vintc/vintc.h> lists; tests/api/check_error_codes.sh checks
 * that this list, the header's and the codes the sources return agree. */
static const int listed_codes[] = { -EINVAL,    -ENOMEM, -EBUSY,
                                    -EFAULT,    -ENOSPC, -EOPNOTSUPP,
                                    -ETIMEDOUT, -EIO,    -EOVERFLOW };
static const char *const listed_names[] = {
    "EINVAL",     "ENOMEM",    "EBUSY", "EFAULT",   "ENOSPC",
    "EOPNOTSUPP", "ETIMEDOUT", "EIO",   "EOVERFLOW"
};
#define N_LISTED (sizeof(listed_codes) / sizeof(listed_codes[0]))

START_TEST(strerror_describes_every_listed_code)
{
    const char *unknown = vintc_strerror(-99999);
    ck_assert_ptr_nonnull(unknown);
    ck_assert_str_eq(vintc_strerror(0), "success");
    for (size_t i = 0; i < N_LISTED; i++) {
        const char *s = vintc_strerror(listed_codes[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_ne(s, unknown);
        /* Distinct codes get distinct descriptions. */
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(s, vintc_strerror(listed_codes[j]));
    }
    ck_assert_str_eq(vintc_strerror(12345), unknown);
    ck_assert_str_eq(vintc_strerror(-2147483647 - 1), unknown);
}
END_TEST

START_TEST(strerror_says_what_eopnotsupp_means)
{
    /* The one code shared by unrelated situations names both. */
    ck_assert_ptr_nonnull(strstr(vintc_strerror(-EOPNOTSUPP), "backend"));
}
END_TEST

START_TEST(err_name_names_every_listed_code)
{
    ck_assert_uint_eq(N_LISTED, sizeof(listed_names) / sizeof(listed_names[0]));
    for (size_t i = 0; i < N_LISTED; i++)
        ck_assert_str_eq(vintc_err_name(listed_codes[i]), listed_names[i]);
    ck_assert_str_eq(vintc_err_name(0), "OK");
    ck_assert_str_eq(vintc_err_name(-ENOSPC), "ENOSPC");
    ck_assert_str_eq(vintc_err_name(-EAGAIN), "EAGAIN");
    /* Positive values are not vintc return codes. */
    ck_assert_str_eq(vintc_err_name(EINVAL), "UNKNOWN");
    ck_assert_str_eq(vintc_err_name(-99999), "UNKNOWN");
    ck_assert_str_eq(vintc_err_name(-2147483647 - 1), "UNKNOWN");
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, version_matches_header);
    tcase_add_test(tc, strerror_describes_every_listed_code);
    tcase_add_test(tc, strerror_says_what_eopnotsupp_means);
    tcase_add_test(tc, err_name_names_every_listed_code);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
#include <vintc/vintc.h>

const char *vintc_version_string(void)
{
    return VINTC_VERSION_STRING;
}

unsigned vintc_version_number(void)
{
    return VINTC_VERSION_NUMBER;
}

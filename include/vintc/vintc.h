/* SPDX-License-Identifier: MIT */
/** @file
 * vintc: userspace interrupt-controller emulation (ARM GICv2, s390).
 *
 * Umbrella header: includes the version, the host callback interface and
 * every controller's API.
 *
 * Error convention: functions that can fail return an int that is 0 (or a
 * count) on success and a negative errno value on failure (-EINVAL, -ENOMEM,
 * -EBUSY, -ENOSPC, -EFAULT, -EOPNOTSUPP, -ETIMEDOUT). vintc_strerror() names
 * them without touching the C library's errno state.
 */
#ifndef VINTC_VINTC_H
#define VINTC_VINTC_H

#include <vintc/export.h>
#include <vintc/version.h>
#include <vintc/host.h>
#include <vintc/gicv2.h>
#include <vintc/s390.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of the library actually linked, e.g. "0.1.0". Compare with
 * VINTC_VERSION_STRING to detect a header/library mismatch.
 * Thread-safe; the string is static. */
VINTC_API const char *vintc_version_string(void);

/** The linked library's version as VINTC_VERSION_NUMBER encodes it
 * (major * 10000 + minor * 100 + patch). Thread-safe. */
VINTC_API unsigned vintc_version_number(void);

/** A short English description of a vintc return value. Accepts negative
 * errno values as the library returns them, 0, and anything else ("unknown
 * error"). Never returns NULL; the string is static. Thread-safe. */
VINTC_API const char *vintc_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif

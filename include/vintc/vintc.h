/* SPDX-License-Identifier: MIT */
/** @file
 * vintc: userspace interrupt-controller emulation (ARM GICv2, s390).
 *
 * Umbrella header: includes the version, the host callback interface and
 * every controller's API.
 *
 * Error convention: functions that can fail return an int that is 0 (or a
 * count) on success and a negative errno value on failure. Each function's
 * comment says which condition returns which code; across the API they are:
 *
 * - -EINVAL: a host argument is out of range or NULL, or an MMIO access is
 *   malformed;
 * - -ENOMEM: an allocation failed;
 * - -EBUSY: not now: the interrupt is already pending or its queue is full,
 *   the vCPU is not in the state the request needs (e.g. not stopped), or
 *   the vCPU is in another call (an s390 delivery running, its GIC list
 *   registers handed out by a flush not yet synced);
 * - -EFAULT: a guest_read/guest_write callback failed;
 * - -ENOSPC: the buffer passed to gic_save()/s390_save() is too small for
 *   the snapshot (a call with buf == NULL returns the size needed);
 * - -EOVERFLOW: a snapshot would be larger than INT_MAX bytes;
 * - -EOPNOTSUPP: the call needs the other GICv2 backend: a list-register
 *   call (gic_lr_*, gic_map_hw_irq) on a CPU-interface GIC, or a GICC access
 *   (gic_cpuif_mmio_*) on an LR-backend GIC;
 * - -ETIMEDOUT: a wait reached its timeout;
 * - -EIO: writing a dump to the output stream failed.
 *
 * vintc_strerror() describes a code and vintc_err_name() names it ("EINVAL"),
 * both without touching the C library's errno state.
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

/** The version of the library actually linked. Compare with
 * VINTC_VERSION_STRING to detect a header/library mismatch. Thread-safe.
 * @return a static string, e.g. "0.2.0". */
VINTC_API const char *vintc_version_string(void);

/** The linked library's version as a number. Thread-safe.
 * @return major * 10000 + minor * 100 + patch, as VINTC_VERSION_NUMBER
 *         encodes it. */
VINTC_API unsigned vintc_version_number(void);

/** A short English description of a vintc return value.
 * @param err a value returned by a vintc function: a negative errno value, 0,
 *        or anything else ("unknown error").
 * @return a static string, never NULL. Thread-safe. */
VINTC_API const char *vintc_strerror(int err);

/** The errno name of a vintc return value: "EINVAL" for -EINVAL, and so on
 * for every code listed above and a few more errno values; "OK" for 0;
 * "UNKNOWN" for anything else, including positive values. Useful in logs
 * where several conditions share one code.
 * @param err a value returned by a vintc function.
 * @return a static string, never NULL. Thread-safe. */
VINTC_API const char *vintc_err_name(int err);

#ifdef __cplusplus
}
#endif

#endif

/* SPDX-License-Identifier: MIT */
/* s390 snapshot layout shared by s390_save and s390_restore (byte-level
 * description in docs/snapshot-format.md). */
#ifndef VINTC_S390_SNAPSHOT_H
#define VINTC_S390_SNAPSHOT_H

#include "common/snapshot.h"
#include "s390/core/vm.h"

#define S390_SNAP_VERSION 1u

/* vCPU flag bits. */
#define S390_SNAP_STOPPED           0x001u
#define S390_SNAP_STOP_PENDING      0x002u
#define S390_SNAP_STOP_STORE_STATUS 0x004u
#define S390_SNAP_STORE_STATUS_OWED 0x008u
#define S390_SNAP_PREFIX_PENDING    0x010u
#define S390_SNAP_RESTART           0x020u
#define S390_SNAP_EXTCALL           0x040u
#define S390_SNAP_SVC               0x080u
#define S390_SNAP_PROGRAM           0x100u
#define S390_SNAP_OWED_PREFIX       0x200u /* owed status saves a set prefix */
#define S390_SNAP_FLAGS_ALL         0x3FFu

/* Sizes of one queued entry. */
#define S390_SNAP_EXT_ENTRY 12u /* param, param64 */
#define S390_SNAP_IO_ENTRY  12u /* subchannel id, nr, parm, word */

/* Every counter of struct s390_stats, in blob order. */
#define S390_SNAP_STATS_WORDS (2u * VINTC_S390_IRQ_NR_TYPES + 12u)
_Static_assert(sizeof(struct s390_stats) ==
                   S390_SNAP_STATS_WORDS * sizeof(uint64_t),
               "struct s390_stats changed: extend the snapshot format");

void s390i_snap_put_stats(struct snap_writer *w, const struct s390_stats *s);
void s390i_snap_get_stats(struct snap_reader *r, struct s390_stats *s);

#endif

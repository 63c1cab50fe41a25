/* SPDX-License-Identifier: MIT */
/* The assembled guest program (guest/mailbox.S), kept in the repository as
 * bytes so that building the test needs no cross compiler. */
#ifndef ORACLE_GUEST_MAILBOX_BLOB_H
#define ORACLE_GUEST_MAILBOX_BLOB_H

#include <stddef.h>

extern const unsigned char oracle_guest_bin[];
extern const size_t oracle_guest_bin_len;

#endif

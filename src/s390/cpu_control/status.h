/* SPDX-License-Identifier: MIT */
#ifndef VINTC_S390_STATUS_H
#define VINTC_S390_STATUS_H

#include "s390/delivery/lcstore.h"
#include "s390/core/vm.h"

/* Write every segment of `s` at absolute base + offset (base is the prefix
 * for lowcore stores); 0 or -EFAULT (stops at the first failing write). No
 * lock held. */
int s390i_flush(struct s390_vm *vm, uint64_t base, const struct lc_store *s);
/* Add the register save areas (PSW at 0x1300 only when with_psw). */
void s390i_put_save_areas(struct lc_store *s, const struct s390_cpu_state *st,
                          uint32_t prefix, bool with_psw);

#endif

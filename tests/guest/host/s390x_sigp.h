/* SPDX-License-Identifier: MIT */
/* A VMM's SIGNAL PROCESSOR handler for the s390x guests, built on vintc's
 * s390 calls as <vintc/s390.h> describes at s390_cpu_sense(). Orders:
 * SENSE, EXTERNAL CALL, EMERGENCY SIGNAL, STOP, STOP AND STORE STATUS,
 * RESTART, SET PREFIX; any other is answered "invalid order". */
#ifndef GUEST_HOST_S390X_SIGP_H
#define GUEST_HOST_S390X_SIGP_H

#include <pthread.h>
#include <stdint.h>

#include "s390x_cpu.h"

#define S390X_SMP_MAX_CPUS 4

struct s390x_smp {
    struct s390_vm *vm;
    struct s390x_cpu *cpu; /* nr of them, index = CPU address */
    unsigned nr;
    uint64_t ram_size;
    pthread_mutex_t lock; /* one order at a time; guards stopped_st */
    /* The registers each stopped CPU stopped with: STOP AND STORE STATUS
     * to a CPU that is already stopped stores these. */
    struct s390_cpu_state stopped_st[S390X_SMP_MAX_CPUS];
};

void s390x_smp_init(struct s390x_smp *smp, struct s390_vm *vm,
                    struct s390x_cpu *cpu, unsigned nr, uint64_t ram_size);
void s390x_smp_destroy(struct s390x_smp *smp);

/* Carry out `order` from CPU `src`; the s390x_sigp_fn contract. */
unsigned s390x_smp_sigp(struct s390x_smp *smp, unsigned src, unsigned order,
                        uint64_t cpu_addr, uint64_t param, uint32_t *status);

/* CPU `c`'s own thread, just before it enters the stopped state (the
 * s390x_cpu before_stop callback): publish its registers for later status
 * stores. */
void s390x_smp_stopped(struct s390x_smp *smp, const struct s390x_cpu *c);

#endif

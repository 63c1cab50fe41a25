/* SPDX-License-Identifier: MIT */
/* A VMM's SIGNAL PROCESSOR handler for the s390x guests, built on vintc's
 * s390 calls as <vintc/s390.h> describes at s390_cpu_sense(). Orders:
 * SENSE, EXTERNAL CALL, EMERGENCY SIGNAL, CONDITIONAL EMERGENCY SIGNAL,
 * START, STOP, STOP AND STORE STATUS, RESTART, INITIAL CPU RESET, CPU
 * RESET, SET PREFIX, STORE STATUS AT ADDRESS, SENSE RUNNING STATUS; any
 * other is answered "invalid order". */
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
    pthread_mutex_t lock; /* one order at a time; guards the rest */
    /* The registers each stopped CPU stopped with: STOP AND STORE STATUS
     * to a CPU that is already stopped and STORE STATUS AT ADDRESS store
     * these; CONDITIONAL EMERGENCY SIGNAL tests them. */
    struct s390_cpu_state stopped_st[S390X_SMP_MAX_CPUS];
    /* A reset order the target's own thread has yet to carry out
     * (s390x_smp_service()), 0 for none; `reset_done` is signalled when it
     * did. */
    unsigned reset_order[S390X_SMP_MAX_CPUS];
    pthread_cond_t reset_done;
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

/* CPU `c`'s own thread, between slices and before s390x_cpu_enter(): carry
 * out a reset order addressed to it (s390x_cpu_reset()), which the issuing
 * CPU waits for. @return 0, or -1 when the reset failed. */
int s390x_smp_service(struct s390x_smp *smp, struct s390x_cpu *c);

#endif

/* SPDX-License-Identifier: MIT */
/* One s390x CPU in a Unicorn engine, its architected state kept in a
 * struct s390_cpu_state for vintc. Unicorn 2.0.1 exposes neither control
 * registers nor the prefix, so they are read by running a two-instruction
 * stub (STCTG, STPX) between slices; it delivers no interruptions, so the
 * host delivers them with s390_deliver_pending() between slices; SVC and
 * program exceptions arrive in a UC_HOOK_INTR hook (their codes decoded
 * from the instruction) and a wait PSW does not stop the CPU, so the host
 * checks the wait bit after each slice and calls s390_cpu_wait(). */
#ifndef GUEST_HOST_S390X_CPU_H
#define GUEST_HOST_S390X_CPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>
#include <vintc/vintc.h>

struct s390x_cpu;
/* DIAGNOSE 0x500 from the guest: function code and argument registers'
 * values. The return value goes to the function-code register. */
typedef uint64_t (*s390x_diag_fn)(struct s390x_cpu *c, uint64_t fn,
                                  uint64_t arg);

/* SIGNAL PROCESSOR from the guest: order code, target CPU address and
 * parameter. Returns the condition code; for 1, *status is stored in the
 * status register's bits 32-63. */
typedef unsigned (*s390x_sigp_fn)(struct s390x_cpu *c, unsigned order,
                                  uint64_t cpu_addr, uint64_t param,
                                  uint32_t *status);

struct s390x_cpu {
    uc_engine *uc;
    unsigned id;
    struct s390_vm *vm;
    unsigned char *ram; /* absolute storage 0..ram_size */
    uint64_t ram_size;
    struct s390_cpu_state st;
    s390x_diag_fn diag;
    s390x_sigp_fn sigp; /* NULL: every CPU address is not operational */
    /* Called with st up to date just before this CPU enters the stopped
     * state (may be NULL). */
    void (*before_stop)(struct s390x_cpu *c);
    void *opaque;
    bool parked;                /* the PC sits on the park loop ... */
    struct s390_psw parked_psw; /* ... and this is the real PSW */
    int64_t cpt_value;          /* CPU timer as last set (SPT) ... */
    uint64_t cpt_tod;           /* ... at this host TOD */
    unsigned bad;               /* unexpected exceptions, failed calls */
    atomic_bool waiting; /* set just before s390_cpu_wait(), cleared after */
    bool stopped;        /* in the stopped state after the last enter */
    uint64_t stops;      /* STOPs this CPU carried out */
    uint64_t waits;      /* s390_cpu_wait() calls that returned 1 */
    uint64_t delivered;
    uint64_t executed, limit; /* the slice's instruction count (code hook) */
    bool stop_requested;
    uint64_t resume; /* where the slice stopped */
};

/* Host TOD clock (bit 51 = 1 us) from CLOCK_MONOTONIC: the guest's STCK and
 * vintc's tod_clock callback both read it. */
uint64_t s390x_host_tod(void);

/* Create the engine over `ram` (absolute address 0), a code hook over all
 * of it, the PSW at `entry` (64-bit, disabled).
 * @return 0 or -1 after printing the Unicorn error. */
int s390x_cpu_init(struct s390x_cpu *c, unsigned id, struct s390_vm *vm,
                   unsigned char *ram, uint64_t ram_size, uint64_t entry,
                   s390x_diag_fn diag, void *opaque);
void s390x_cpu_destroy(struct s390x_cpu *c);

/* Between slices: refresh st (PSW, CRs, prefix, GPRs, CPU timer) from the
 * engine; carry out a pending STOP (s390_cpu_set_stopped, and the status
 * store it owes); deliver what is deliverable; in a wait PSW or the stopped
 * state block in s390_cpu_wait() for at most timeout_ns. Writes the
 * resulting PSW back, and a prefix vintc changed (SET_PREFIX). A call that
 * carries out a stop returns right after it. While c->stopped is set the
 * caller must not run a slice.
 * @return 1 when something was delivered, 0 when not, -1 on an error
 * (printed): a disabled wait, a wait that timed out, a failed delivery. */
int s390x_cpu_enter(struct s390x_cpu *c, int64_t timeout_ns);
/* CPU reset (initial: initial CPU reset) of this CPU, on its own thread
 * (between slices): s390_cpu_reset() or s390_cpu_initial_reset() on st
 * refreshed from the engine, and the resulting registers written back.
 * The CPU is stopped afterwards. @return 0 or -1 (printed). */
int s390x_cpu_reset(struct s390x_cpu *c, bool initial);
/* Run at most `count` instructions (counted by the code hook, not by
 * uc_emu_start: see s390x_cpu.c). @return 0 or -1. */
int s390x_cpu_slice(struct s390x_cpu *c, uint64_t count);

#endif

/* SPDX-License-Identifier: MIT */
/* The s390 VM object and its vCPUs (library-internal).
 *
 * Locking: one mutex per VM (vm->lock) protects the floating state, every
 * vCPU's local state, wait bookkeeping and statistics. Each vCPU has a
 * condition variable (CLOCK_MONOTONIC) used with that mutex by
 * s390_cpu_wait, so an injector that changes pending state and signals under
 * the lock can never be missed by a waiter that checked under it. Host
 * callbacks are always called with the lock released. The pending words are
 * also atomics so s390_cpu_has_interrupt can answer "nothing" without the
 * lock. */
#ifndef VINTC_S390_VM_H
#define VINTC_S390_VM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <vintc/s390.h>

#include "common/lock.h"
#include <vintc/s390_arch.h>
#include "s390/queues/pending.h"

#define S390_DEFAULT_MAX_FLOAT 266250u

struct s390_vcpu {
    struct s390_local local;
    _Atomic bool stopped;
    bool stop_pending;
    bool stop_store_status;
    bool store_status_owed;   /* stopped with store status, not yet stored */
    bool owed_prefix_pending; /* ... and a SET_PREFIX was pending then: */
    uint32_t owed_prefix;     /* ... the prefix that status saves */
    bool prefix_pending;      /* SET_PREFIX accepted, st->prefix not yet set */
    uint32_t new_prefix;
    bool delivering;       /* a s390_deliver_pending call is running */
    bool waiting;          /* blocked in s390_cpu_wait */
    bool disabled_wait;    /* ... with a disabled-wait PSW */
    uint32_t resets;       /* s390_cpu_reset generation (ends waits) */
    uint32_t wait_enabled; /* PB_* bits it is enabled for while waiting */
    uint64_t wait_cr14;
    bool kick_pending;
    pthread_cond_t cond;
    struct s390_stats stats;
};

struct s390_vm {
    struct vintc_host_ops ops;
    void *opaque;
    unsigned nr_cpus;
    uint32_t max_float;
    struct vintc_lock lock;
    struct s390_float flt;
    unsigned rr_next;         /* round robin for floating targets */
    uint64_t waiting_mask[4]; /* vCPUs blocked in s390_cpu_wait */
    struct s390_stats stats;  /* floating injections */
    struct s390_vcpu cpus[];
};

/* Under vm->lock: is some vCPU inside s390_deliver_pending()? An
 * interrupt it took out for delivery is then neither pending nor
 * delivered, so a snapshot can be neither taken nor installed. */
static inline bool s390i_any_delivering(const struct s390_vm *vm)
{
    for (unsigned i = 0; i < vm->nr_cpus; i++)
        if (vm->cpus[i].delivering)
            return true;
    return false;
}

static inline bool s390i_stopped(const struct s390_vcpu *v)
{
    return atomic_load_explicit(&v->stopped, memory_order_acquire);
}

/* How the chosen vCPU hears about new work, done after unlocking. */
enum s390_notify { NOTIFY_NONE, NOTIFY_WAKE, NOTIFY_KICK };

/* Choose a vCPU for a floating interrupt whose priority bit is `bit`, with
 * the lock held: a waiting vCPU enabled for it (NOTIFY_WAKE); otherwise a
 * running, non-stopped vCPU round robin (NOTIFY_KICK); -1 when nobody can
 * take it now (it stays queued). */
int s390i_float_target(struct s390_vm *vm, unsigned bit, enum s390_notify *how);

/* With the lock held: how vCPU `cpu` should hear about a local interrupt
 * of priority bit `bit` (wake it if it waits enabled for it, kick it if it
 * does not wait). */
enum s390_notify s390i_local_notify(struct s390_vm *vm, unsigned cpu,
                                    unsigned bit);

/* Without the lock: signal the waiter or call ops->kick. Signalling after
 * the unlock is safe: the waiter checked the state under the lock and is
 * registered on the condition variable before it released it. */
void s390i_notify(struct s390_vm *vm, unsigned cpu, enum s390_notify how);

/* Host TOD clock (tod_clock or CLOCK_MONOTONIC scaled). No lock held. */
uint64_t s390i_host_tod(const struct s390_vm *vm);
/* Monotonic nanoseconds. */
uint64_t s390i_mono_ns(void);
/* TOD units -> nanoseconds, rounded up, without overflow. */
uint64_t s390i_tod_to_ns(uint64_t tod);
/* Clock-comparator condition: guest TOD > CKC (signed with CR0 bit 10). */
bool s390i_ckc_pending(uint64_t guest_tod, uint64_t ckc, uint64_t cr0);
/* Can the condition ever become true? Not for all ones compared unsigned. */
static inline bool s390i_ckc_armed(uint64_t ckc, uint64_t cr0)
{
    return ckc != UINT64_MAX || (cr0 & VINTC_S390_CR0_CKC_SIGNED);
}
/* PB_CKC / PB_CPU_TIMER bits true now for this state (reads the TOD only
 * when the clock comparator is enabled). No lock held. */
uint32_t s390i_timer_bits(const struct s390_vm *vm,
                          const struct s390_cpu_state *st);

/* A stop with store status completed: the status is owed. It saves the
 * prefix register of this moment: a SET_PREFIX accepted but not yet
 * applied to st->prefix is already the prefix. Lock held. */
static inline void s390i_owe_status(struct s390_vcpu *v)
{
    v->store_status_owed = true;
    v->owed_prefix_pending = v->prefix_pending;
    v->owed_prefix = v->new_prefix;
}

/* Store status of `st` with the FPR save area at absolute `base` + 0x1200
 * (the layout of real 0x1200..0x13FF; base 0 is the default save area of
 * SIGP STOP AND STORE STATUS, base = prefix the prefix area); `mode_id`
 * also stores the architectural-mode id at base + 163; `prefix` is the
 * prefix register value saved. 0 or -EFAULT. No lock held. */
int s390i_store_status(struct s390_vm *vm, uint64_t base, bool mode_id,
                       const struct s390_cpu_state *st, uint32_t prefix);
/* Store status owed by a stop with store status at the default save area
 * (absolute 0x1200) and clear the debt. 0 or -EFAULT (still owed). */
int s390i_store_owed_status(struct s390_vm *vm, unsigned cpu,
                            const struct s390_cpu_state *st);


#endif

/* SPDX-License-Identifier: MIT */
/* Pending-interrupt state. Every deliverable thing has one bit in a 32-bit
 * word, numbered in delivery priority order (bit 0 first), so the highest
 * priority deliverable interrupt is ctz(local | floating | conditions) &
 * enabled) - no queue is scanned. The payloads sit beside the bits. */
#ifndef VINTC_S390_PENDING_H
#define VINTC_S390_PENDING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <vintc/s390.h>

#include "s390/queues/fifo.h"

/* Priority order (Principles of Operation chapter 6; docs/design.md 4.2):
 * exigent machine check > SVC > program > repressible machine check >
 * external > I/O > restart. */
enum s390_pbit {
    PB_MCHK_EXIGENT = 0, /* local */
    PB_SVC,              /* local */
    PB_PROGRAM,          /* local */
    PB_MCHK_REP,         /* local repressible */
    PB_MCHK_FLOAT,       /* floating repressible */
    PB_MALFUNC,          /* local, per source */
    PB_EMERGENCY,        /* local, per source */
    PB_EXTCALL,          /* local, one */
    PB_CKC,              /* condition */
    PB_CPU_TIMER,        /* condition */
    PB_SERVICE,          /* floating, coalesced */
    PB_PFAULT_INIT,      /* local FIFO */
    PB_PFAULT_DONE,      /* floating FIFO */
    PB_VIRTIO,           /* floating FIFO */
    PB_IO0,              /* floating FIFO per ISC, ISC 0 first */
    PB_IO7 = PB_IO0 + 7,
    PB_RESTART, /* local */
    PB_COUNT
};

#define PBM(b)           (UINT32_C(1) << (b))
#define PB_MCHK_REP_MASK (PBM(PB_MCHK_REP) | PBM(PB_MCHK_FLOAT))
#define PB_TIMER_MASK    (PBM(PB_CKC) | PBM(PB_CPU_TIMER))


struct s390_mchk_slot {
    uint64_t mcic;
    uint32_t ext_damage;
    uint64_t failing_addr;
    uint64_t cr14_bits; /* subclasses the merged mcic needs (any one) */
};

/* Per-vCPU pending state. */
struct s390_local {
    _Atomic uint32_t pending; /* deliverable-priority bits (PB_*) */
    uint32_t busy;            /* EXTCALL/SVC/PROGRAM pending or in delivery */
    uint64_t emerg[4];        /* emergency signal sources */
    uint64_t malf[4];         /* malfunction alert sources */
    uint16_t extcall_src;
    struct s390_irq svc;
    struct s390_irq pgm;
    struct s390_mchk_slot mchk;
    struct s390_fifo pfault_init;
};

/* Per-VM floating state. */
struct s390_float {
    _Atomic uint32_t pending;
    uint32_t count; /* queued + in delivery, for max_float_irqs */
    bool service_pending;
    bool service_inflight; /* hides a newer service signal meanwhile */
    uint32_t service_param;
    uint32_t service_inflight_param;
    struct s390_mchk_slot mchk;
    struct s390_fifo io[8];
    struct s390_fifo virtio;
    struct s390_fifo pfault_done;
};

/* One interrupt taken out of the pending state for delivery. */
struct s390_item {
    unsigned bit;        /* PB_* */
    struct s390_irq irq; /* type and payload as delivered */
};

static inline uint32_t s390i_rev8(uint32_t b)
{
    b = (b & 0xF0u) >> 4 | (b & 0x0Fu) << 4;
    b = (b & 0xCCu) >> 2 | (b & 0x33u) << 2;
    b = (b & 0xAAu) >> 1 | (b & 0x55u) << 1;
    return b;
}

/* The PB_* bits a vCPU with this PSW and these CRs may take, before the
 * CR14 check of repressible machine checks (which needs the payload).
 * A stopped vCPU takes nothing but RESTART. */
static inline uint32_t s390i_enabled_bits(uint64_t psw, uint64_t cr0,
                                          uint64_t cr6, bool stopped)
{
    if (stopped)
        return PBM(PB_RESTART);
    uint32_t en = PBM(PB_SVC) | PBM(PB_PROGRAM) | PBM(PB_RESTART);
    if (psw & VINTC_S390_PSW_MCHK)
        en |= PBM(PB_MCHK_EXIGENT) | PB_MCHK_REP_MASK;
    if (psw & VINTC_S390_PSW_EXT) {
        if (cr0 & VINTC_S390_CR0_MALFUNC)
            en |= PBM(PB_MALFUNC);
        if (cr0 & VINTC_S390_CR0_EMERGENCY)
            en |= PBM(PB_EMERGENCY);
        if (cr0 & VINTC_S390_CR0_EXTCALL)
            en |= PBM(PB_EXTCALL);
        if (cr0 & VINTC_S390_CR0_CKC)
            en |= PBM(PB_CKC);
        if (cr0 & VINTC_S390_CR0_CPU_TIMER)
            en |= PBM(PB_CPU_TIMER);
        if (cr0 & VINTC_S390_CR0_SERVICE)
            en |= PBM(PB_SERVICE) | PBM(PB_PFAULT_INIT) | PBM(PB_PFAULT_DONE) |
                  PBM(PB_VIRTIO);
    }
    /* ISC n is enabled by CR6 bit (0x80 >> n) << 24. */
    if (psw & VINTC_S390_PSW_IO)
        en |= s390i_rev8((uint32_t)(cr6 >> 24) & 0xFFu) << PB_IO0;
    return en;
}

/* Machine-check helpers (mcic -> CR14 subclass mapping, see s390.h). */
bool s390i_mcic_exigent(uint64_t mcic);
uint64_t s390i_mcic_cr14_bits(uint64_t mcic);

/* Pending local and floating bits a vCPU with this CR14 could take if
 * enabled: repressible machine checks whose subclass CR14 masks are dropped.
 * Call with the VM lock held. */
uint32_t s390i_pending_bits(const struct s390_local *l,
                            const struct s390_float *f, uint64_t cr14);

/* Take the interrupt of priority bit `bit` out of the pending state into
 * `it` (lock held). Floating entries stay counted until commit. */
void s390i_take(struct s390_local *l, struct s390_float *f, unsigned bit,
                struct s390_item *it);
/* The taken interrupt was delivered. Returns true when a floating interrupt
 * became visible again (the caller then looks for a vCPU to take it). */
bool s390i_commit(struct s390_local *l, struct s390_float *f,
                  const struct s390_item *it);
/* Delivery failed: put it back where it was. Returns true for a floating
 * interrupt (visible again). */
bool s390i_putback(struct s390_local *l, struct s390_float *f,
                   const struct s390_item *it);

/* Clear every local interrupt (s390_cpu_reset). */
void s390i_local_clear(struct s390_local *l);

static inline uint32_t s390i_load(const _Atomic uint32_t *p)
{
    return atomic_load_explicit(p, memory_order_acquire);
}
static inline void s390i_set_bits(_Atomic uint32_t *p, uint32_t m)
{
    atomic_store_explicit(p, atomic_load_explicit(p, memory_order_relaxed) | m,
                          memory_order_release);
}
static inline void s390i_clear_bits(_Atomic uint32_t *p, uint32_t m)
{
    atomic_store_explicit(p, atomic_load_explicit(p, memory_order_relaxed) & ~m,
                          memory_order_release);
}

#endif

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

#include "fifo.h"

/* Priority order (DESIGN 5.3): exigent machine check > SVC > program >
 * repressible machine check > external > I/O > restart. */
enum s390_pbit {
    PB_MCHK_EXIGENT = 0,  /* local */
    PB_SVC,               /* local */
    PB_PROGRAM,           /* local */
    PB_MCHK_REP,          /* local repressible */
    PB_MCHK_FLOAT,        /* floating repressible */
    PB_MALFUNC,           /* local, per source */
    PB_EMERGENCY,         /* local, per source */
    PB_EXTCALL,           /* local, one */
    PB_CKC,               /* condition */
    PB_CPU_TIMER,         /* condition */
    PB_SERVICE,           /* floating, coalesced */
    PB_PFAULT_INIT,       /* local FIFO */
    PB_PFAULT_DONE,       /* floating FIFO */
    PB_VIRTIO,            /* floating FIFO */
    PB_IO0,               /* floating FIFO per ISC, ISC 0 first */
    PB_IO7 = PB_IO0 + 7,
    PB_RESTART,           /* local */
    PB_COUNT
};

#define PBM(b) (UINT32_C(1) << (b))
#define PB_MCHK_REP_MASK (PBM(PB_MCHK_REP) | PBM(PB_MCHK_FLOAT))
#define PB_TIMER_MASK (PBM(PB_CKC) | PBM(PB_CPU_TIMER))

/* PSW mask bits. */
#define PSW_MASK_IO    UINT64_C(0x0200000000000000)  /* bit 6 */
#define PSW_MASK_EXT   UINT64_C(0x0100000000000000)  /* bit 7 */
#define PSW_MASK_MCHK  UINT64_C(0x0004000000000000)  /* bit 13 */

/* CR0 external subclass masks and the clock-comparator sign control. */
#define CR0_MALFUNC    UINT64_C(0x8000)
#define CR0_EMERGENCY  UINT64_C(0x4000)
#define CR0_EXTCALL    UINT64_C(0x2000)
#define CR0_CKC        UINT64_C(0x0800)
#define CR0_CPU_TIMER  UINT64_C(0x0400)
#define CR0_SERVICE    UINT64_C(0x0200)
#define CR0_CKC_SIGNED UINT64_C(0x0020000000000000)  /* bit 10 */

/* MCIC bits (bit 0 = MSB). */
#define MCIC_SD  UINT64_C(0x8000000000000000)  /* system damage (exigent) */
#define MCIC_PD  UINT64_C(0x4000000000000000)  /* instruction-processing damage (exigent) */
#define MCIC_SR  UINT64_C(0x2000000000000000)  /* system recovery */
#define MCIC_CD  UINT64_C(0x0800000000000000)  /* timing-facility damage */
#define MCIC_ED  UINT64_C(0x0400000000000000)  /* external damage */
#define MCIC_DG  UINT64_C(0x0100000000000000)  /* degradation */
#define MCIC_W   UINT64_C(0x0080000000000000)  /* warning */
#define MCIC_CP  UINT64_C(0x0040000000000000)  /* channel report pending */
#define MCIC_SP  UINT64_C(0x0020000000000000)  /* service-processor damage */
#define MCIC_CK  UINT64_C(0x0010000000000000)  /* channel-subsystem damage */

/* CR14 repressible subclass masks (bits 35-39). */
#define CR14_CHANNEL_REPORT UINT64_C(0x10000000)
#define CR14_RECOVERY       UINT64_C(0x08000000)
#define CR14_DEGRADATION    UINT64_C(0x04000000)
#define CR14_EXT_DAMAGE     UINT64_C(0x02000000)
#define CR14_WARNING        UINT64_C(0x01000000)

struct s390_mchk_slot {
    uint64_t mcic;
    uint32_t ext_damage;
    uint64_t failing_addr;
    uint64_t cr14_bits;   /* subclasses the merged mcic needs (any one) */
};

/* Per-vCPU pending state. */
struct s390_local {
    _Atomic uint32_t pending;  /* deliverable-priority bits (PB_*) */
    uint32_t busy;             /* EXTCALL/SVC/PROGRAM pending or in delivery */
    uint64_t emerg[4];         /* emergency signal sources */
    uint64_t malf[4];          /* malfunction alert sources */
    uint16_t extcall_src;
    struct s390_irq svc;
    struct s390_irq pgm;
    struct s390_mchk_slot mchk;
    struct s390_fifo pfault_init;
};

/* Per-VM floating state. */
struct s390_float {
    _Atomic uint32_t pending;
    uint32_t count;            /* queued + in delivery, for max_float_irqs */
    bool service_pending;
    bool service_inflight;     /* hides a newer service signal meanwhile */
    uint32_t service_param;
    uint32_t service_inflight_param;
    struct s390_mchk_slot mchk;
    struct s390_fifo io[8];
    struct s390_fifo virtio;
    struct s390_fifo pfault_done;
};

/* One interrupt taken out of the pending state for delivery. */
struct s390_item {
    unsigned bit;              /* PB_* */
    struct s390_irq irq;       /* type and payload as delivered */
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
    if (psw & PSW_MASK_MCHK)
        en |= PBM(PB_MCHK_EXIGENT) | PB_MCHK_REP_MASK;
    if (psw & PSW_MASK_EXT) {
        if (cr0 & CR0_MALFUNC)   en |= PBM(PB_MALFUNC);
        if (cr0 & CR0_EMERGENCY) en |= PBM(PB_EMERGENCY);
        if (cr0 & CR0_EXTCALL)   en |= PBM(PB_EXTCALL);
        if (cr0 & CR0_CKC)       en |= PBM(PB_CKC);
        if (cr0 & CR0_CPU_TIMER) en |= PBM(PB_CPU_TIMER);
        if (cr0 & CR0_SERVICE)
            en |= PBM(PB_SERVICE) | PBM(PB_PFAULT_INIT) |
                  PBM(PB_PFAULT_DONE) | PBM(PB_VIRTIO);
    }
    /* ISC n is enabled by CR6 bit (0x80 >> n) << 24. */
    if (psw & PSW_MASK_IO)
        en |= s390i_rev8((uint32_t)(cr6 >> 24) & 0xFFu) << PB_IO0;
    return en;
}

/* Machine-check helpers (mcic -> CR14 subclass mapping, see s390.h). */
bool     s390i_mcic_exigent(uint64_t mcic);
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

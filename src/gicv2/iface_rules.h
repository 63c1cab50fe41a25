/* SPDX-License-Identifier: MIT */
/* The priority rules of a GICv2 CPU interface, implemented once for both
 * users: the physical CPU interface of the CPU-interface backend (GICC,
 * cpuif_*.c) and the software model of the virtual CPU interface (GICV,
 * vif_*.c). Priority mask, binary points, running priority from the
 * active-priority bits, preemption, which pending interrupt IAR and HPPIR
 * select, the 1022 rule, the IRQ/FIQ choice and priority drop (IHI0048B 3.3
 * "Interrupt prioritization", 4.4 "CPU interface register descriptions",
 * 5.3 "GIC virtual CPU interface").
 *
 * The caller owns the interrupt state: it offers every pending, not active
 * interrupt that could be signalled to this interface to iface_offer(), then
 * asks the verdict functions. Every field may hold any value a guest or host
 * wrote; nothing here indexes memory with one. */
#ifndef VINTC_GICV2_IFACE_RULES_H
#define VINTC_GICV2_IFACE_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include <vintc/gicv2_regs.h>

#include "common/bits.h"

#define IFACE_APR_WORDS 4u     /* APR0..3: up to 128 preemption levels */
#define IFACE_IDLE_PRIO 0xFFu  /* running priority with nothing active */
#define IFACE_NO_PICK   0x100u /* iface_pick.prio when nothing was picked */

/* The guest-programmed state of one CPU interface. */
struct iface {
    uint32_t ctlr; /* VINTC_GICC_CTLR_* bits (GICV: the same bits of VMCR) */
    uint32_t pmr;  /* priority mask, 8 bits */
    uint32_t bpr;  /* binary point: group field [7:bpr+1] */
    uint32_t abpr; /* Group 1 with CBPR = 0: group field [7:abpr] */
    unsigned pre_shift; /* group priority >> pre_shift = preemption level */
    unsigned apr_words; /* implemented APR registers, 1..4 */
    bool split;         /* Group 1 active priorities in nsapr (GICC_NSAPRn) */
    uint32_t apr[IFACE_APR_WORDS];   /* GICC_APRn / GICH_APR */
    uint32_t nsapr[IFACE_APR_WORDS]; /* GICC_NSAPRn */
};

static inline bool iface_group_enabled(const struct iface *f, bool grp1)
{
    return (f->ctlr & (grp1 ? VINTC_GICC_CTLR_ENABLE_GRP1
                            : VINTC_GICC_CTLR_ENABLE_GRP0)) != 0;
}

/* A binary point written (or restored) below its minimum reads back as the
 * minimum (IHI0048B 4.4.3 GICC_BPR, 4.4.8 GICC_ABPR; GICV_BPR/ABPR alike).
 * `v` is the 3-bit field. */
static inline uint32_t iface_binary_point(uint32_t v, uint32_t min)
{
    v &= 7u;
    return v < min ? min : v;
}

/* Group priority (IHI0048B 3.3 "Priority grouping"): Group 0, and Group 1
 * when CBPR = 1, use BPR and keep bits [7:BPR+1]; Group 1 with CBPR = 0 uses
 * ABPR and keeps bits [7:ABPR]. BPR = 7 keeps no bit: no preemption. */
static inline uint32_t iface_group_priority(const struct iface *f, bool grp1,
                                            uint32_t prio)
{
    unsigned shift;
    if (grp1 && !(f->ctlr & VINTC_GICC_CTLR_CBPR))
        shift = f->abpr & 7u;
    else
        shift = (f->bpr & 7u) + 1u;
    return prio & (0xFFu << shift) & 0xFFu;
}

/* Running priority: the lowest set active-priority bit (of either group) is
 * the highest active preemption level; 0xFF when none is set. */
static inline uint32_t iface_running_priority(const struct iface *f)
{
    for (unsigned w = 0; w < f->apr_words && w < IFACE_APR_WORDS; w++) {
        uint32_t bits = f->apr[w] | f->nsapr[w];
        if (bits)
            return ((w * 32u + vintc_ctz32(bits)) << f->pre_shift) & 0xFFu;
    }
    return IFACE_IDLE_PRIO;
}

/* Would an interrupt of this group and priority be signalled: its group
 * enabled, priority strictly below PMR, group priority strictly above (lower
 * than) the running priority (IHI0048B 3.3 "Preemption"). */
static inline bool iface_would_signal(const struct iface *f, bool grp1,
                                      uint32_t prio)
{
    return iface_group_enabled(f, grp1) && prio < (f->pmr & 0xFFu) &&
           iface_group_priority(f, grp1, prio) < iface_running_priority(f);
}

/* The highest-priority pending interrupt so far. */
struct iface_pick {
    uint32_t prio; /* IFACE_NO_PICK: none */
    uint32_t key;  /* tie-break: the lower key wins at equal priority */
    bool grp1;
};

static inline void iface_pick_init(struct iface_pick *p)
{
    p->prio = IFACE_NO_PICK;
    p->key = UINT32_MAX;
    p->grp1 = false;
}

static inline bool iface_picked(const struct iface_pick *p)
{
    return p->prio != IFACE_NO_PICK;
}

/* Offer a pending, not active interrupt. Interrupts of a group the interface
 * has disabled are ignored (GICC_HPPIR: "interrupt identifiers corresponding
 * to an interrupt group that is not enabled are ignored"). The PMR and the
 * running priority do not take part: the highest-priority pending interrupt
 * is chosen first and only then checked (IHI0048B: the CPU interface
 * signals the highest priority pending interrupt if it has sufficient
 * priority; "Preemption", 3.3). Returns true when the candidate is now the
 * pick. */
static inline bool iface_offer(const struct iface *f, struct iface_pick *p,
                               bool grp1, uint32_t prio, uint32_t key)
{
    if (!iface_group_enabled(f, grp1))
        return false;
    if (prio > p->prio || (prio == p->prio && key >= p->key))
        return false;
    p->prio = prio;
    p->key = key;
    p->grp1 = grp1;
    return true;
}

/* What a read of IAR/AIAR or HPPIR/AHPPIR reports for the pick. */
enum iface_verdict {
    IFACE_SPURIOUS, /* 1023 */
    IFACE_HIDDEN,   /* 1022: Group 1 winner, non-aliased read, AckCtl = 0 */
    IFACE_TAKE,     /* the pick's ID */
};

/* The group rules of a read, once the pick is known: the aliased registers
 * are the Non-secure view of IAR/HPPIR (IHI0048B 4.4.9 GICC_AIAR, 4.4.11
 * GICC_AHPPIR; 5.3 for their GICV counterparts), which report a Group 0
 * winner as 1023 and never look past it; the non-aliased ones report a
 * Group 1 winner as 1022 while AckCtl = 0 (GICC_CTLR.AckCtl). */
static inline enum iface_verdict iface_group_verdict(const struct iface *f,
                                                     const struct iface_pick *p,
                                                     bool alias)
{
    if (alias && !p->grp1)
        return IFACE_SPURIOUS;
    if (!alias && p->grp1 && !(f->ctlr & VINTC_GICC_CTLR_ACKCTL))
        return IFACE_HIDDEN;
    return IFACE_TAKE;
}

/* IAR/AIAR: the pick is acknowledged only if it would be signalled (PMR and
 * preemption) and iface_group_verdict() lets this register take it; a
 * hidden one stays pending. */
static inline enum iface_verdict
iface_ack_verdict(const struct iface *f, const struct iface_pick *p, bool alias)
{
    if (!iface_picked(p) || !iface_would_signal(f, p->grp1, p->prio))
        return IFACE_SPURIOUS;
    return iface_group_verdict(f, p, alias);
}

/* HPPIR/AHPPIR: the pick whether or not it would be signalled now. */
static inline enum iface_verdict iface_hppi_verdict(const struct iface *f,
                                                    const struct iface_pick *p,
                                                    bool alias)
{
    if (!iface_picked(p))
        return IFACE_SPURIOUS;
    return iface_group_verdict(f, p, alias);
}

#define IFACE_LINE_IRQ (1u << 0)
#define IFACE_LINE_FIQ (1u << 1)

/* The output lines the pick drives: none unless it would be signalled;
 * Group 0 goes out as FIQ when FIQEn is set, everything else as IRQ
 * (IHI0048B, GICC_CTLR.FIQEn). */
static inline unsigned iface_lines(const struct iface *f,
                                   const struct iface_pick *p)
{
    if (!iface_picked(p) || !iface_would_signal(f, p->grp1, p->prio))
        return 0;
    return (!p->grp1 && (f->ctlr & VINTC_GICC_CTLR_FIQEN)) ? IFACE_LINE_FIQ
                                                           : IFACE_LINE_IRQ;
}

/* Acknowledge: set the active-priority bit of the interrupt's preemption
 * level (its group priority >> pre_shift). */
static inline void iface_activate(struct iface *f, bool grp1, uint32_t prio)
{
    unsigned level = iface_group_priority(f, grp1, prio) >> f->pre_shift;
    unsigned w = level / 32u;
    if (w >= f->apr_words || w >= IFACE_APR_WORDS)
        return; /* cannot happen with pre_shift = min BPR + 1 */
    uint32_t *apr = (f->split && grp1) ? f->nsapr : f->apr;
    apr[w] |= 1u << (level % 32u);
}

/* Priority drop (EOIR): clear the highest active priority, i.e. the lowest
 * set bit over both APR sets. Returns false when nothing was active. */
static inline bool iface_drop(struct iface *f)
{
    for (unsigned w = 0; w < f->apr_words && w < IFACE_APR_WORDS; w++) {
        uint32_t bits = f->apr[w] | f->nsapr[w];
        if (!bits)
            continue;
        uint32_t low = bits & (~bits + 1u);
        f->apr[w] &= ~low;
        f->nsapr[w] &= ~low;
        return true;
    }
    return false;
}

#endif

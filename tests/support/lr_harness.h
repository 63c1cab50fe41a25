/* SPDX-License-Identifier: MIT */
/* A GIC with recording callbacks, for the LR backend tests. Static inline
 * helpers only. */
#ifndef VINTC_LR_HARNESS_H
#define VINTC_LR_HARNESS_H

#include <string.h>

#include <check.h>
#include <vintc/vintc.h>

struct lr_harness {
    struct gic *gic;
    struct gic_vif vif[VINTC_GIC_MAX_CPUS];
    unsigned kicks[VINTC_GIC_MAX_CPUS];
    unsigned eois;
    unsigned eoi_cpu[64], eoi_irq[64];
};

static inline void lrh_kick(void *opaque, unsigned cpu)
{
    struct lr_harness *h = opaque;
    if (cpu < VINTC_GIC_MAX_CPUS)
        h->kicks[cpu]++;
}

static inline void lrh_eoi(void *opaque, unsigned cpu, unsigned irq)
{
    struct lr_harness *h = opaque;
    if (h->eois < 64) {
        h->eoi_cpu[h->eois] = cpu;
        h->eoi_irq[h->eois] = irq;
    }
    h->eois++;
}

static inline void lrh_init(struct lr_harness *h, unsigned cpus, unsigned irqs,
                            unsigned lrs)
{
    static const struct vintc_host_ops ops = { .kick = lrh_kick,
                                               .irq_eoi = lrh_eoi };
    struct gic_config cfg = { .nr_cpus = cpus, .nr_irqs = irqs, .nr_lrs = lrs };
    memset(h, 0, sizeof(*h));
    ck_assert_int_eq(gic_create(&cfg, &ops, h, &h->gic), 0);
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++)
        gic_vif_init(&h->vif[c]);
    /* Both groups forwarded. */
    ck_assert_int_eq(gic_dist_mmio_write(h->gic, 0, 0x000, 4, 3), 0);
}

static inline void lrh_fini(struct lr_harness *h)
{
    gic_destroy(h->gic);
}

static inline uint32_t lrh_read(struct lr_harness *h, unsigned cpu,
                                uint32_t off)
{
    uint32_t v = 0xDEADBEEF;
    ck_assert_int_eq(gic_dist_mmio_read(h->gic, cpu, off, 4, &v), 0);
    return v;
}

static inline void lrh_write(struct lr_harness *h, unsigned cpu, uint32_t off,
                             uint32_t v)
{
    ck_assert_int_eq(gic_dist_mmio_write(h->gic, cpu, off, 4, v), 0);
}

/* Enable `irq` (banked per `cpu` for private IDs) with a priority, a target
 * mask (SPIs), a group and a trigger mode. */
static inline void lrh_setup_irq(struct lr_harness *h, unsigned cpu,
                                 unsigned irq, uint8_t prio, uint8_t targets,
                                 bool grp1, bool edge)
{
    uint32_t reg = irq / 32 * 4, bit = 1u << (irq % 32);
    ck_assert_int_eq(gic_dist_mmio_write(h->gic, cpu, 0x400 + irq, 1, prio), 0);
    if (irq >= 32) {
        ck_assert_int_eq(
            gic_dist_mmio_write(h->gic, cpu, 0x800 + irq, 1, targets), 0);
        uint32_t cfg = lrh_read(h, cpu, 0xC00 + irq / 16 * 4);
        uint32_t ebit = 2u << (irq % 16 * 2);
        lrh_write(h, cpu, 0xC00 + irq / 16 * 4,
                  edge ? cfg | ebit : cfg & ~ebit);
    }
    uint32_t grp = lrh_read(h, cpu, 0x080 + reg);
    lrh_write(h, cpu, 0x080 + reg, grp1 ? grp | bit : grp & ~bit);
    lrh_write(h, cpu, 0x100 + reg, bit);
}

static inline bool lrh_pending(struct lr_harness *h, unsigned cpu, unsigned irq)
{
    return (lrh_read(h, cpu, 0x200 + irq / 32 * 4) >> (irq % 32)) & 1u;
}

static inline bool lrh_active(struct lr_harness *h, unsigned cpu, unsigned irq)
{
    return (lrh_read(h, cpu, 0x300 + irq / 32 * 4) >> (irq % 32)) & 1u;
}

static inline int lrh_flush(struct lr_harness *h, unsigned cpu)
{
    return gic_lr_flush(h->gic, cpu, &h->vif[cpu]);
}

static inline int lrh_sync(struct lr_harness *h, unsigned cpu)
{
    return gic_lr_sync(h->gic, cpu, &h->vif[cpu]);
}

static inline uint32_t lr_state(uint32_t lr)
{
    return lr & VINTC_GICH_LR_STATE_MASK;
}

static inline unsigned lr_id(uint32_t lr)
{
    return lr & VINTC_GICH_LR_VIRTUALID_MASK;
}

/* What hardware does on GICV_IAR for this LR, and on EOI/deactivation. */
static inline void lr_guest_ack(uint32_t *lr)
{
    *lr = (*lr & ~VINTC_GICH_LR_STATE_MASK) | VINTC_GICH_LR_STATE_ACTIVE;
}

static inline void lr_guest_deactivate(uint32_t *lr)
{
    uint32_t pend = *lr & VINTC_GICH_LR_STATE_PENDING;
    *lr = (*lr & ~VINTC_GICH_LR_STATE_MASK) | pend;
}

#endif

/* SPDX-License-Identifier: MIT */
/* The one-bit-per-interrupt registers: IGROUPR, IS/ICENABLER, IS/ICPENDR,
 * IS/ICACTIVER. `id` is a multiple of 32; bank 0 is banked per CPU. */
#include "gicv2/distributor/dist_regs.h"

/* Bits of the access that name interrupts it may change. */
static uint32_t writable(const struct gic *g, unsigned id, uint32_t val)
{
    return val & gic_bank_valid(g, id);
}

static void for_each_bit(struct gic *g, unsigned bank, uint32_t bits,
                         void (*fn)(struct gic *g, unsigned cpu, unsigned idx),
                         unsigned cpu)
{
    while (bits) {
        unsigned b = vintc_ctz32(bits);
        bits &= bits - 1;
        fn(g, cpu, bank * 32 + b);
    }
}

uint32_t dist_igroupr_read(struct gic *g, unsigned cpu, uint32_t off,
                           unsigned id, unsigned size)
{
    (void)off;
    (void)size;
    return g->group[gic_bank(cpu, id)] & gic_bank_valid(g, id);
}

static void changed(struct gic *g, unsigned cpu, unsigned idx)
{
    (void)cpu;
    gic_irq_changed(g, idx);
}

void dist_igroupr_write(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                        unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    unsigned bank = gic_bank(cpu, id);
    uint32_t mask = gic_bank_valid(g, id);
    uint32_t diff = (g->group[bank] ^ val) & mask;
    g->group[bank] ^= diff;
    for_each_bit(g, bank, diff, changed, cpu);
}

uint32_t dist_enabler_read(struct gic *g, unsigned cpu, uint32_t off,
                           unsigned id, unsigned size)
{
    (void)off;
    (void)size;
    return g->enabled[gic_bank(cpu, id)] & gic_bank_valid(g, id);
}

/* SGIs are always enabled (docs/design.md 3.3): their bits ignore writes. */
static uint32_t not_sgi(unsigned id, uint32_t bits)
{
    return id == 0 ? bits & ~GIC_SGI_MASK : bits;
}

void dist_isenabler_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    unsigned bank = gic_bank(cpu, id);
    uint32_t bits = not_sgi(id, writable(g, id, val)) & ~g->enabled[bank];
    g->enabled[bank] |= bits;
    for_each_bit(g, bank, bits, changed, cpu);
}

void dist_icenabler_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    unsigned bank = gic_bank(cpu, id);
    uint32_t bits = not_sgi(id, writable(g, id, val)) & g->enabled[bank];
    g->enabled[bank] &= ~bits;
    for_each_bit(g, bank, bits, changed, cpu);
}

uint32_t dist_pendr_read(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                         unsigned size)
{
    (void)off;
    (void)size;
    unsigned bank = gic_bank(cpu, id);
    uint32_t v = g->latch[bank] | (g->line[bank] & ~g->edge[bank]);
    /* Pending state handed to an LR is still pending to the guest. */
    for (uint32_t held = g->in_lr[bank] & ~v; held; held &= held - 1) {
        unsigned b = vintc_ctz32(held);
        if (gic_irq_pending_view(g, bank * 32 + b))
            v |= 1u << b;
    }
    return v & gic_bank_valid(g, id);
}

uint32_t dist_activer_read(struct gic *g, unsigned cpu, uint32_t off,
                           unsigned id, unsigned size)
{
    (void)off;
    (void)size;
    unsigned bank = gic_bank(cpu, id);
    uint32_t v = g->active[bank];
    for (uint32_t held = g->in_lr[bank] & ~v; held; held &= held - 1) {
        unsigned b = vintc_ctz32(held);
        if (gic_irq_active_view(g, bank * 32 + b))
            v |= 1u << b;
    }
    return v & gic_bank_valid(g, id);
}

/* An SPI made active by a register write stays with the vCPU that holds it
 * now, else its target, else the writer; an SGI is active from its lowest
 * pending source. */
static void note_active_owner(struct gic *g, unsigned cpu, unsigned idx)
{
    if (!gic_idx_is_private(idx)) {
        unsigned home = g->owner[idx];
        uint32_t t = g->target[idx] & g->cpu_mask;
        if (home == GIC_NO_CPU || home == GIC_SPI_LIST)
            home = t ? vintc_ctz32(t) : cpu;
        g->act_cpu[idx] = (uint8_t)home;
    } else if (gic_idx_is_sgi(idx)) {
        uint8_t src = g->sgi_src[idx / 32][idx % 32];
        g->sgi_act_src[idx / 32][idx % 32] = (uint8_t)(src ? vintc_ctz32(src)
                                                           : 0);
    }
}

/* IS/ICPENDR and IS/ICACTIVER: set or clear `map` (the pending latch or the
 * active state) of every interrupt written with a 1. A copy of that state
 * held in a vCPU's LRs is overridden at its next sync (docs/design.md 3.4),
 * so such interrupts are marked `dirty`. */
static void write_state(struct gic *g, unsigned cpu, unsigned id, uint32_t val,
                        uint32_t *map, bool set, uint8_t dirty)
{
    unsigned bank = gic_bank(cpu, id);
    uint32_t bits = writable(g, id, val) &
                    ((set ? ~map[bank] : map[bank]) | g->in_lr[bank]);
    /* ISPENDR0/ICPENDR0 SGI bits are WI: SGIs are pended per (target,
     * source) through SGIR and SPENDSGIR (IHI 0048B 4.3.7). */
    if (map == g->latch)
        bits = not_sgi(id, bits);
    while (bits) {
        unsigned idx = bank * 32 + vintc_ctz32(bits);
        bits &= bits - 1;
        if (set && map == g->active)
            note_active_owner(g, cpu, idx);
        /* Clearing the latch leaves a level interrupt whose line is still
         * high pending (IHI0048B 4.3.8). */
        gic_assign(map, idx, set);
        if (gic_test(g->in_lr, idx))
            g->dirty[idx] |= dirty;
        gic_irq_changed(g, idx);
    }
}

void dist_ispendr_write(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                        unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    write_state(g, cpu, id, val, g->latch, true, GIC_DIRTY_PEND);
}

void dist_icpendr_write(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                        unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    write_state(g, cpu, id, val, g->latch, false, GIC_DIRTY_PEND);
}

void dist_isactiver_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    write_state(g, cpu, id, val, g->active, true, GIC_DIRTY_ACT);
}

void dist_icactiver_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)off;
    (void)size;
    write_state(g, cpu, id, val, g->active, false, GIC_DIRTY_ACT);
}

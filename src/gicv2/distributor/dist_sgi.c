/* SPDX-License-Identifier: MIT */
/* Software-generated interrupts: GICD_SGIR, CPENDSGIR and SPENDSGIR. Each
 * target CPU keeps, per SGI, the set of source CPUs it is pending from. */
#include "gicv2/distributor/dist_regs.h"

/* Keep the SGI's latch bit equal to "pending from some source". */
static void sgi_sources_set(struct gic *g, unsigned target, unsigned sgi,
                            uint8_t sources)
{
    unsigned idx = gic_idx(target, sgi);
    g->sgi_src[target][sgi] = sources;
    gic_assign(g->latch, idx, sources != 0);
    gic_irq_changed(g, idx);
}

static void sgi_send(struct gic *g, unsigned source, unsigned target,
                     unsigned sgi)
{
    sgi_sources_set(g, target, sgi,
                    (uint8_t)(g->sgi_src[target][sgi] | 1u << source));
    g->cpu[source].stats.sgis_sent++;
}

void dist_sgir_write(struct gic *g, unsigned cpu, uint32_t off, unsigned id,
                     unsigned size, uint32_t val)
{
    (void)off;
    (void)id;
    (void)size;
    unsigned sgi = val & 0xFu;
    uint32_t list = (val >> 16) & 0xFFu;
    uint32_t targets;
    switch ((val >> 24) & 3u) {
    case 0:
        targets = list;
        break; /* CPUTargetList */
    case 1:
        targets = ~(1u << cpu);
        break; /* all but self */
    case 2:
        targets = 1u << cpu;
        break; /* self only */
    default:
        targets = 0;
        break; /* reserved */
    }
    for (targets &= g->cpu_mask; targets; targets &= targets - 1)
        sgi_send(g, cpu, vintc_ctz32(targets), sgi);
}

/* Byte m of CPENDSGIR/SPENDSGIR (offset & 0xF) is SGI m; bit c is source c. */
uint32_t dist_sgi_sources_read(struct gic *g, unsigned cpu, uint32_t off,
                               unsigned id, unsigned size)
{
    (void)id;
    unsigned first = off & 0xFu;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)gic_sgi_sources_view(g, gic_idx(cpu, first + i))
             << (8 * i);
    return v;
}

void dist_cpendsgir_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)id;
    unsigned first = off & 0xFu;
    for (unsigned i = 0; i < size; i++) {
        unsigned sgi = first + i, idx = gic_idx(cpu, sgi);
        uint8_t clear = (uint8_t)(val >> (8 * i));
        uint8_t held = (uint8_t)(gic_sgi_sources_view(g, idx) &
                                 ~g->sgi_src[cpu][sgi]);
        if (clear & held)
            g->dirty[idx] |= GIC_DIRTY_PEND; /* withdraw the LR's source */
        if (clear & (g->sgi_src[cpu][sgi] | held))
            sgi_sources_set(g, cpu, sgi,
                            (uint8_t)(g->sgi_src[cpu][sgi] & ~clear));
    }
}

void dist_spendsgir_write(struct gic *g, unsigned cpu, uint32_t off,
                          unsigned id, unsigned size, uint32_t val)
{
    (void)id;
    unsigned first = off & 0xFu;
    for (unsigned i = 0; i < size; i++) {
        unsigned sgi = first + i;
        /* Only existing source CPUs; a byte of 0 changes nothing. */
        uint8_t add = (uint8_t)((val >> (8 * i)) & g->cpu_mask);
        uint8_t fresh = (uint8_t)(add & ~g->sgi_src[cpu][sgi]);
        if (fresh) {
            sgi_sources_set(g, cpu, sgi,
                            (uint8_t)(g->sgi_src[cpu][sgi] | fresh));
            g->cpu[cpu].stats.sgis_sent += vintc_popcount32(fresh);
        }
    }
}

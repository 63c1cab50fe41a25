/* SPDX-License-Identifier: MIT */
/* GIC object lifetime and reset. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "gicv2/core/gic_internal.h"
#include "gicv2/cpu_interface/cpuif_internal.h"

static int validate(const struct gic_config *cfg,
                    const struct vintc_host_ops *ops)
{
    if (cfg->nr_cpus < 1 || cfg->nr_cpus > VINTC_GIC_MAX_CPUS)
        return -EINVAL;
    if (cfg->nr_irqs < 32 || cfg->nr_irqs > 1024 || cfg->nr_irqs % 32)
        return -EINVAL;
    if (cfg->priority_bits != 0 &&
        (cfg->priority_bits < 4 || cfg->priority_bits > 8))
        return -EINVAL;
    if (cfg->backend == GIC_BACKEND_LR) {
        if (cfg->nr_lrs < 1 || cfg->nr_lrs > VINTC_GIC_MAX_LRS)
            return -EINVAL;
        return 0;
    }
    /* The CPU-interface backend drives the IRQ/FIQ lines through the host. */
    if (cfg->backend == GIC_BACKEND_CPUIF)
        return ops && ops->set_irq_line ? 0 : -EINVAL;
    return -EINVAL;
}

void gic_reset_state(struct gic *g)
{
    g->ctlr = 0;
    g->kick_mask = 0;
    /* Device line levels are inputs and survive a GIC reset; everything the
     * guest or the LRs own goes back to its reset value. */
    memset(g->enabled, 0, sizeof(g->enabled));
    memset(g->group, 0, sizeof(g->group));
    memset(g->edge, 0, sizeof(g->edge));
    memset(g->latch, 0, sizeof(g->latch));
    memset(g->active, 0, sizeof(g->active));
    memset(g->in_lr, 0, sizeof(g->in_lr));
    memset(g->prio, 0, sizeof(g->prio));
    memset(g->target, 0, sizeof(g->target));
    memset(g->act_cpu, 0, sizeof(g->act_cpu));
    memset(g->lr_slot, 0, sizeof(g->lr_slot));
    memset(g->dirty, 0, sizeof(g->dirty));
    memset(g->owner, GIC_NO_CPU, sizeof(g->owner));
    memset(g->sgi_src, 0, sizeof(g->sgi_src));
    memset(g->sgi_act_src, 0, sizeof(g->sgi_act_src));
    for (unsigned c = 0; c <= GIC_SPI_LIST; c++) {
        struct gic_cpu *cpu = &g->cpu[c];
        cpu->head = cpu->tail = GIC_NIL;
        atomic_store_explicit(&cpu->queued, 0, memory_order_relaxed);
        cpu->lr_count = 0;
        cpu->have_vmcr = false;
        cpu->vmcr = VINTC_GICH_VMCR_RESET;
        cpu->apr = 0;
    }
    for (unsigned c = 0; c < VINTC_GIC_MAX_CPUS; c++) {
        /* SGIs are always enabled and edge-triggered (docs/design.md 3.3). */
        g->enabled[c] = GIC_SGI_MASK;
        g->edge[c] = GIC_SGI_MASK;
    }
    cpuif_reset_regs(g);
    /* A level line still high makes its interrupt pending again; it is
     * forwarded once enabled. */
    gic_update_all(g);
    g->kick_mask = 0;
    g->line_dirty = 0;
}

int gic_create(const struct gic_config *cfg, const struct vintc_host_ops *ops,
               void *opaque, struct gic **out)
{
    if (!cfg || !out)
        return -EINVAL;
    *out = NULL;
    int err = validate(cfg, ops);
    if (err)
        return err;
    struct gic *g = vintc_isolated_calloc(sizeof(*g));
    if (!g)
        return -ENOMEM;
    if (vintc_lock_init(&g->lock) != 0) {
        vintc_isolated_free(g);
        return -ENOMEM;
    }
    g->cfg = *cfg;
    if (!g->cfg.priority_bits)
        g->cfg.priority_bits = 5;
    if (!g->cfg.iidr)
        g->cfg.iidr = VINTC_GIC_DEFAULT_IIDR;
    if (ops)
        g->ops = *ops;
    g->opaque = opaque;
    g->cpu_mask = vintc_mask32(cfg->nr_cpus);
    g->prio_mask = (uint8_t)(0xFFu << (8 - g->cfg.priority_bits));
    memset(g->line, 0, sizeof(g->line));
    memset(g->pirq, 0, sizeof(g->pirq));
    gic_reset_state(g);
    *out = g;
    return 0;
}

void gic_destroy(struct gic *gic)
{
    if (!gic)
        return;
    vintc_lock_destroy(&gic->lock);
    vintc_isolated_free(gic);
}

void gic_reset(struct gic *gic)
{
    if (!gic)
        return;
    vintc_lock(&gic->lock);
    gic_reset_state(gic);
    /* Every CPU interface is disabled now: report the lines dropping. */
    gic_lines_touch(gic, gic->cpu_mask);
    gic_unlock_and_kick(gic);
}

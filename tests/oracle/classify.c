/* SPDX-License-Identifier: MIT */
#include "classify.h"

#include <stdio.h>
#include <string.h>

#include <vintc/gicv2_regs.h>

#include "vintc_side.h"

static const char *gicd_reg(uint32_t off)
{
    if (off == VINTC_GICD_CTLR)
        return "CTLR";
    if (off == VINTC_GICD_TYPER)
        return "TYPER";
    if (off == VINTC_GICD_IIDR)
        return "IIDR";
    if (off < 0x80)
        return "RESERVED";
    static const char *const bitregs[] = { "IGROUPR",  "ISENABLER", "ICENABLER",
                                           "ISPENDR",  "ICPENDR",   "ISACTIVER",
                                           "ICACTIVER" };
    static const char *const bitregs0[] = { "IGROUPR0",   "ISENABLER0",
                                            "ICENABLER0", "ISPENDR0",
                                            "ICPENDR0",   "ISACTIVER0",
                                            "ICACTIVER0" };
    if (off < 0x400) {
        unsigned r = (off - 0x80) / 0x80;
        return (off & 0x7F) < 4 ? bitregs0[r] : bitregs[r];
    }
    if (off < 0x800)
        return off < 0x420 ? "IPRIORITYR0_7" : "IPRIORITYR";
    if (off < 0xC00)
        return off < 0x820 ? "ITARGETSR0_7" : "ITARGETSR";
    if (off < 0xD00)
        return off < 0xC08 ? "ICFGR0_1" : "ICFGR";
    if (off == VINTC_GICD_SGIR)
        return "SGIR";
    if (off >= 0xF10 && off < 0xF20)
        return "CPENDSGIR";
    if (off >= 0xF20 && off < 0xF30)
        return "SPENDSGIR";
    if (off >= 0xFD0)
        return "ID";
    return "RESERVED";
}

static const char *cpu_reg(uint32_t off)
{
    switch (off) {
    case 0x00:
        return "CTLR";
    case 0x04:
        return "PMR";
    case 0x08:
        return "BPR";
    case 0x0C:
        return "IAR";
    case 0x10:
        return "EOIR";
    case 0x14:
        return "RPR";
    case 0x18:
        return "HPPIR";
    case 0x1C:
        return "ABPR";
    case 0x20:
        return "AIAR";
    case 0x24:
        return "AEOIR";
    case 0x28:
        return "AHPPIR";
    case 0xD0:
    case 0xD4:
    case 0xD8:
    case 0xDC:
        return "APR";
    case 0xE0:
    case 0xE4:
    case 0xE8:
    case 0xEC:
        return "NSAPR";
    case 0xFC:
        return "IIDR";
    case 0x1000:
        return "DIR";
    default:
        return "RESERVED";
    }
}

static const char *gich_reg(uint32_t off)
{
    switch (off) {
    case 0x00:
        return "HCR";
    case 0x04:
        return "VTR";
    case 0x08:
        return "VMCR";
    case 0x10:
        return "MISR";
    case 0x20:
    case 0x24:
        return "EISR";
    case 0x30:
    case 0x34:
        return "ELRSR";
    case 0xF0:
        return "APR";
    default:
        return off >= 0x100 && off < 0x200 ? "LR" : "RESERVED";
    }
}

void cls_reg_name(enum op_frame frame, uint32_t offset, char *buf, size_t cap)
{
    switch (frame) {
    case FR_GICD:
        snprintf(buf, cap, "GICD_%s", gicd_reg(offset));
        break;
    case FR_GICC:
        snprintf(buf, cap, "GICC_%s", cpu_reg(offset));
        break;
    case FR_GICV:
        snprintf(buf, cap, "GICV_%s", cpu_reg(offset));
        break;
    case FR_GICH:
        snprintf(buf, cap, "GICH_%s", gich_reg(offset));
        break;
    case FR_ISR:
        snprintf(buf, cap, "CPU_ISR_EL1");
        break;
    case FR_LINE:
        snprintf(buf, cap, "LINE");
        break;
    }
}

void cls_dist_irqs(uint32_t offset, uint32_t diff,
                   void (*fn)(void *arg, unsigned irq), void *arg)
{
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(diff & (1u << bit)))
            continue;
        unsigned irq;
        if (offset >= 0x80 && offset < 0x400)
            irq = ((offset & 0x7F) / 4) * 32 + bit;
        else if (offset >= 0x400 && offset < 0xC00)
            irq = (offset & 0x3FF) + bit / 8;
        else if (offset >= 0xC00 && offset < 0xD00)
            irq = (offset - 0xC00) / 4 * 16 + bit / 2;
        else if (offset >= 0xF10 && offset < 0xF30)
            irq = (offset & 0xF) + bit / 8;
        else
            continue;
        fn(arg, irq);
    }
}

struct taint_scan {
    const struct taints *t;
    unsigned cpu;
    const char *kind;
    bool all;
};

static void taint_visit(void *arg, unsigned irq)
{
    struct taint_scan *s = arg;
    const char *k = irq < CLS_NR_IRQS ? s->t->kind[irq < 32 ? s->cpu : 0][irq]
                                      : NULL;
    if (!k)
        s->all = false;
    else if (!s->kind)
        s->kind = k;
}

static bool byte_accessible(uint32_t off)
{
    return (off >= 0x400 && off < 0xC00) || (off >= 0xF10 && off < 0xF30);
}

/* Every byte of v equals the byte of q restricted to the existing CPUs. */
static bool only_absent_cpu_bits(uint32_t q, uint32_t v, unsigned nr_cpus)
{
    uint32_t m = (1u << nr_cpus) - 1u;
    uint32_t mask = m | m << 8 | m << 16 | m << 24;
    return (q & mask) == v;
}

static void cls_dist(const struct cls_ctx *ctx, unsigned cpu, uint32_t off,
                     unsigned size, uint32_t q, uint32_t v, char *kind,
                     size_t cap)
{
    char reg[48];
    cls_reg_name(FR_GICD, off, reg, sizeof(reg));
    if ((size == 2 || (size == 1 && !byte_accessible(off))) && v == 0) {
        snprintf(kind, cap, "GICD.subword_access");
        return;
    }
    if (off >= 0x800 && off < 0xC00 && ctx->nr_cpus == 1 && q == 0) {
        snprintf(kind, cap, "GICD_ITARGETSR.uniprocessor_razwi");
        return;
    }
    if (off >= 0x820 && off < 0xC00) {
        if (only_absent_cpu_bits(q, v, ctx->nr_cpus)) {
            snprintf(kind, cap, "GICD_ITARGETSR.absent_cpu_bits");
            return;
        }
    }
    if (off >= 0xF10 && off < 0xF30 &&
        only_absent_cpu_bits(q, v, ctx->nr_cpus)) {
        snprintf(kind, cap, "GICD_SPENDSGIR.absent_cpu_sources");
        return;
    }
    if (off >= 0xFD0 && (off != VINTC_GICD_ICPIDR2 || ((q ^ v) & 0xF0u) == 0)) {
        snprintf(kind, cap, "GICD_ID.implementation_defined");
        return;
    }
    if (ctx->taints) {
        uint32_t diff = q ^ v;
        if (size < 4)
            diff <<= 8 * (off & 3);
        struct taint_scan s = { ctx->taints, cpu, NULL, true };
        cls_dist_irqs(off & ~3u, diff, taint_visit, &s);
        if (s.all && s.kind) {
            snprintf(kind, cap, "%s", s.kind);
            return;
        }
    }
    snprintf(kind, cap, "%s.value", reg);
}

static bool vif_has_duplicate_ids(const struct gic_vif *vif)
{
    for (unsigned i = 0; i < VS_NR_LRS; i++) {
        if (!(vif->lr[i] & VINTC_GICH_LR_STATE_MASK))
            continue;
        for (unsigned j = i + 1; j < VS_NR_LRS; j++) {
            if ((vif->lr[j] & VINTC_GICH_LR_STATE_MASK) &&
                (vif->lr[i] & 0x3FFu) == (vif->lr[j] & 0x3FFu))
                return true;
        }
    }
    return false;
}

/* Read `off` on a copy of the vif before the access, transformed. */
static uint32_t vif_eval(const struct gic_vif *before, uint32_t off,
                         uint32_t vmcr_set, uint32_t vmcr_clear)
{
    struct gic_vif copy = *before;
    copy.vmcr = (copy.vmcr | vmcr_set) & ~vmcr_clear;
    uint32_t val = 0;
    (void)gic_vif_mmio_read(&copy, VS_NR_LRS, off, 4, &val);
    return val;
}

static void cls_gicv(const struct cls_ctx *ctx, uint32_t off, uint32_t q,
                     uint32_t v, char *kind, size_t cap)
{
    const struct gic_vif *b = ctx->vif_before;
    char reg[48];
    cls_reg_name(FR_GICV, off, reg, sizeof(reg));
    bool selects_lr = off == 0x0C || off == 0x18 || off == 0x20 || off == 0x28;
    if (b && selects_lr && vif_has_duplicate_ids(b)) {
        snprintf(kind, cap, "GICV.duplicate_virtualid");
        return;
    }
    if (off == 0x18 && q == 1022 && b && !(b->vmcr & VINTC_GICH_VMCR_GRP1EN)) {
        snprintf(kind, cap, "GICV_HPPIR.qemu_ignores_group_enables");
        return;
    }
    if (off == 0x0C && q == 1022 && v == 1023) {
        snprintf(kind, cap, "%s.1022_before_priority_checks", reg);
        return;
    }
    if ((off == 0x20 || off == 0x28) && q == 0) {
        snprintf(kind, cap, "%s.qemu_unimplemented", reg);
        return;
    }
    if (off == 0x1C && (q == 1 || q == 2) && v == 3) {
        snprintf(kind, cap, "GICV_ABPR.qemu_min_1");
        return;
    }
    if (off == 0x18 && q == (v & 0x3FFu) && (v >> 10) != 0) {
        snprintf(kind, cap, "GICV_HPPIR.qemu_omits_vsgi_cpuid");
        return;
    }
    if (off == 0x0C && (q & 0x3FFu) == (v & 0x3FFu) && (v >> 10) == 0) {
        snprintf(kind, cap, "GICV_IAR.qemu_hw_physid_bits");
        return;
    }
    if (b && (off == 0x0C || off == 0x18)) {
        const uint32_t groups = VINTC_GICH_VMCR_GRP0EN | VINTC_GICH_VMCR_GRP1EN;
        const uint32_t bps = 7u << VINTC_GICH_VMCR_BP_SHIFT |
                             7u << VINTC_GICH_VMCR_ABP_SHIFT;
        if (off == 0x18 && q == 1023 && !(b->hcr & VINTC_GICH_HCR_EN)) {
            snprintf(kind, cap, "GICV_HPPIR.masked_by_hcr_en");
            return;
        }
        if (off == 0x0C && q == 1023 && !(b->hcr & VINTC_GICH_HCR_EN)) {
            snprintf(kind, cap, "GICV_IAR.qemu_masked_by_hcr_en");
            return;
        }
        if (off == 0x18 && q == 1023) {
            unsigned pmr = (b->vmcr >> VINTC_GICH_VMCR_PRIMASK_SHIFT) << 3;
            for (unsigned i = 0; i < VS_NR_LRS; i++) {
                /* 1022 names no LR: then it is the Group 1 winner that
                 * does not pass PMR. */
                bool named = v == 1022
                                 ? (b->lr[i] & VINTC_GICH_LR_STATE_MASK) ==
                                           VINTC_GICH_LR_STATE_PENDING &&
                                       (b->lr[i] & VINTC_GICH_LR_GRP1)
                                 : (b->lr[i] & 0x3FFu) == (v & 0x3FFu);
                if (named &&
                    ((b->lr[i] >> VINTC_GICH_LR_PRIORITY_SHIFT) & 0x1Fu) << 3 >=
                        pmr) {
                    snprintf(kind, cap, "GICV_HPPIR.masked_by_pmr");
                    return;
                }
            }
        }
        uint32_t gv = vif_eval(b, off, groups, 0);
        uint32_t bv = vif_eval(b, off, 0, bps);
        uint32_t both = vif_eval(b, off, groups, bps);
        if ((gv & 0x3FFu) == (q & 0x3FFu) || (both & 0x3FFu) == (q & 0x3FFu)) {
            snprintf(kind, cap, "%s.qemu_ignores_group_enables", reg);
            return;
        }
        if ((bv & 0x3FFu) == (q & 0x3FFu)) {
            snprintf(kind, cap, "%s.qemu_full_priority_vs_running", reg);
            return;
        }
    }
    snprintf(kind, cap, "%s.value", reg);
}

static const char *taint_of(const struct cls_ctx *ctx, unsigned cpu,
                            uint32_t id)
{
    id &= 0x3FFu;
    if (!ctx->taints || id >= CLS_NR_IRQS)
        return NULL;
    return ctx->taints->kind[id < 32 ? cpu : 0][id];
}

static uint32_t peek_bit(struct vintc_side *vs, unsigned cpu, uint32_t base,
                         unsigned irq)
{
    return (vs_peek_dist(vs, cpu, base + 4 * (irq / 32)) >> (irq % 32)) & 1u;
}

static uint32_t peek_byte(struct vintc_side *vs, unsigned cpu, uint32_t base,
                          unsigned irq)
{
    return (vs_peek_dist(vs, cpu, base + (irq & ~3u)) >> (8 * (irq % 4))) &
           0xFFu;
}

/* The best (lowest) priority among vintc's interrupts that are pending,
 * enabled, not active and routed to `cpu`; 0x100 if none. */
static unsigned best_pending_priority(struct vintc_side *vs, unsigned cpu)
{
    unsigned best = 0x100;
    for (unsigned irq = 0; irq < CLS_NR_IRQS; irq++) {
        if (!peek_bit(vs, cpu, VINTC_GICD_ISPENDR, irq) ||
            !peek_bit(vs, cpu, VINTC_GICD_ISENABLER, irq) ||
            peek_bit(vs, cpu, VINTC_GICD_ISACTIVER, irq))
            continue;
        if (irq >= 32 && vs->nr_cpus > 1 &&
            !(peek_byte(vs, cpu, VINTC_GICD_ITARGETSR, irq) & (1u << cpu)))
            continue;
        unsigned p = peek_byte(vs, cpu, VINTC_GICD_IPRIORITYR, irq);
        if (p < best)
            best = p;
    }
    return best;
}

/* A tainted interrupt that is pending or active for `cpu` on the vintc side:
 * it can be the one QEMU picks where vintc picks another. */
static const char *candidate_taint(const struct cls_ctx *ctx, unsigned cpu)
{
    if (!ctx->taints || !ctx->vs)
        return NULL;
    for (unsigned irq = 0; irq < CLS_NR_IRQS; irq++) {
        const char *k = ctx->taints->kind[irq < 32 ? cpu : 0][irq];
        if (!k)
            continue;
        if (!peek_bit(ctx->vs, cpu, VINTC_GICD_ISPENDR, irq) &&
            !peek_bit(ctx->vs, cpu, VINTC_GICD_ISACTIVER, irq))
            continue;
        if (irq >= 32 && ctx->vs->nr_cpus > 1 &&
            !(peek_byte(ctx->vs, cpu, VINTC_GICD_ITARGETSR, irq) & (1u << cpu)))
            continue;
        return k;
    }
    return NULL;
}

const char *cls_candidate_taint(const struct cls_ctx *ctx, unsigned cpu)
{
    return candidate_taint(ctx, cpu);
}

static void cls_gicc(const struct cls_ctx *ctx, unsigned cpu, uint32_t off,
                     uint32_t q, uint32_t v, char *kind, size_t cap)
{
    char reg[48];
    cls_reg_name(FR_GICC, off, reg, sizeof(reg));
    if (off == 0x18 && q == 1022 && ctx->vs &&
        (!(vs_peek_dist(ctx->vs, cpu, VINTC_GICD_CTLR) &
           VINTC_GICD_CTLR_ENABLE_GRP1) ||
         !(vs_peek_cpuif(ctx->vs, cpu, VINTC_GICC_CTLR) &
           VINTC_GICC_CTLR_ENABLE_GRP1))) {
        snprintf(kind, cap, "GICC_HPPIR.qemu_ignores_group_enables");
        return;
    }
    if ((off == 0x20 || off == 0x28) && q == 0) {
        snprintf(kind, cap, "%s.qemu_unimplemented", reg);
        return;
    }
    if (off == 0x18 && q == (v & 0x3FFu) && (v >> 10) != 0) {
        snprintf(kind, cap, "GICC_HPPIR.qemu_omits_sgi_cpuid");
        return;
    }
    if (off == 0x18 && q == 1023 && ctx->vs &&
        best_pending_priority(ctx->vs, cpu) >=
            vs_peek_cpuif(ctx->vs, cpu, VINTC_GICC_PMR)) {
        snprintf(kind, cap, "GICC_HPPIR.masked_by_pmr");
        return;
    }
    if (off == 0x0C && q == 1022 && ctx->vs &&
        (!(vs_peek_dist(ctx->vs, cpu, VINTC_GICD_CTLR) &
           VINTC_GICD_CTLR_ENABLE_GRP1) ||
         !(vs_peek_cpuif(ctx->vs, cpu, VINTC_GICC_CTLR) &
           VINTC_GICC_CTLR_ENABLE_GRP1))) {
        snprintf(kind, cap, "GICC_IAR.qemu_ignores_group_enables");
        return;
    }
    if (off == 0x0C && q == 1022 && v == 1023) {
        snprintf(kind, cap, "GICC_IAR.1022_before_priority_checks");
        return;
    }
    if ((off == 0x0C || off == 0x18) && (q & 0x3FFu) < CLS_NR_IRQS && ctx->vs) {
        /* QEMU picks the best pending interrupt whatever its group, and
         * only signalling looks at the group enables. */
        unsigned id = q & 0x3FFu;
        uint32_t grp = (vs_peek_dist(ctx->vs, cpu,
                                     VINTC_GICD_IGROUPR + 4 * (id / 32)) >>
                        (id % 32)) &
                       1u;
        uint32_t dctlr = vs_peek_dist(ctx->vs, cpu, VINTC_GICD_CTLR);
        uint32_t cctlr = vs_peek_cpuif(ctx->vs, cpu, VINTC_GICC_CTLR);
        if (!((dctlr >> grp) & 1u) || !((cctlr >> grp) & 1u)) {
            snprintf(kind, cap, "%s.qemu_ignores_group_enables", reg);
            return;
        }
    }
    if (off == 0x0C && q == 1023 && (v & 0x3FFu) < CLS_NR_IRQS && ctx->vs &&
        peek_byte(ctx->vs, cpu, VINTC_GICD_IPRIORITYR, v & 0x3FFu) >=
            ctx->rpr_before) {
        /* vintc let the group priority preempt; QEMU compares the whole
         * priority with the running priority. */
        snprintf(kind, cap, "GICC_IAR.qemu_full_priority_vs_running");
        return;
    }
    if (ctx->taints && ctx->taints->cpuif[cpu] &&
        (off == 0x0C || off == 0x14 || off == 0x18 ||
         (off >= 0xD0 && off < 0xF0))) {
        snprintf(kind, cap, "%s", ctx->taints->cpuif[cpu]);
        return;
    }
    if (off == 0x0C || off == 0x18) {
        const char *t = taint_of(ctx, cpu, q);
        if (!t)
            t = taint_of(ctx, cpu, v);
        if (!t)
            t = candidate_taint(ctx, cpu);
        if (t) {
            snprintf(kind, cap, "%s", t);
            return;
        }
    }
    snprintf(kind, cap, "%s.value", reg);
}

void cls_read(const struct cls_ctx *ctx, enum op_frame frame, unsigned cpu,
              uint32_t offset, unsigned size, uint32_t q, uint32_t v,
              char *kind, size_t cap)
{
    char reg[48];
    switch (frame) {
    case FR_GICD:
        cls_dist(ctx, cpu, offset, size, q, v, kind, cap);
        return;
    case FR_GICV:
        cls_gicv(ctx, offset, q, v, kind, cap);
        return;
    case FR_GICH:
        break;
    case FR_GICC:
        cls_gicc(ctx, cpu, offset, q, v, kind, cap);
        return;
    case FR_ISR:
        if (ctx->taints && ctx->taints->cpuif[cpu]) {
            snprintf(kind, cap, "%s", ctx->taints->cpuif[cpu]);
            return;
        }
        break;
    default:
        break;
    }
    cls_reg_name(frame, offset, reg, sizeof(reg));
    snprintf(kind, cap, "%s.value", reg);
}

int allowlist_load(struct allowlist *al, const char *path)
{
    memset(al, 0, sizeof(*al));
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || *p == '\0')
            continue;
        if (al->n == sizeof(al->kind) / sizeof(al->kind[0]))
            break;
        size_t k = strcspn(p, " \t\n");
        if (k >= sizeof(al->kind[0]))
            k = sizeof(al->kind[0]) - 1;
        memcpy(al->kind[al->n], p, k);
        al->kind[al->n][k] = '\0';
        p += k;
        p += strspn(p, " \t");
        p[strcspn(p, "\n")] = '\0';
        snprintf(al->reason[al->n], sizeof(al->reason[0]), "%s", p);
        al->n++;
    }
    fclose(f);
    return 0;
}

int allowlist_find(const struct allowlist *al, const char *kind)
{
    for (unsigned i = 0; i < al->n; i++) {
        if (strcmp(al->kind[i], kind) == 0)
            return (int)i;
    }
    return -1;
}

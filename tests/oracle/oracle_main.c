/* SPDX-License-Identifier: MIT */
/* Differential test of vintc's GICv2 against QEMU's: seeded random operation
 * sequences run on both, every read compared, disagreements named and
 * checked against the allow-list. See README.md. */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vintc/gicv2.h>

#include "classify.h"
#include "gen.h"
#include "op.h"
#include "qemu_gic.h"
#include "vintc_side.h"

#define EXIT_SKIP  77
#define GICH_WORDS (0x110 / 4)
#define GICD_WORDS (0x1000 / 4)

struct options {
    const char *qemu;
    const char *allowlist;
    uint64_t seed;
    unsigned seqs;
    unsigned ops;
    unsigned cpus;  /* 0: by seed */
    unsigned sweep; /* full distributor compare every `sweep` ops */
    bool vif;
    bool gicc;
    bool verbose;
    bool survey; /* tolerate everything, count kinds */
};

struct run {
    const struct options *opt;
    struct allowlist al;
    uint64_t seed;
    unsigned nr_cpus;
    struct qemu_gic *qg;
    struct vintc_side vs;
    struct taints taints;
    /* the reproduction log of the current sequence */
    char (*log)[160];
    unsigned log_n, log_cap;
    unsigned op_index;
    const char *op_kind; /* tolerated kind seen by the current op */
    bool failed;
    unsigned long reads_compared, tolerated;
    uint32_t last_iar[VINTC_GIC_MAX_CPUS];  /* vintc's last GICC_IAR value */
    uint32_t last_viar[VINTC_GIC_MAX_CPUS]; /* and GICV_IAR/AIAR value */
    unsigned long gicc_acks, gicv_acks, hw_deacts, line_changes;
    uint32_t rpr_before;                 /* vintc's GICC_RPR before the op */
    int ack_src[VINTC_GIC_MAX_CPUS][16]; /* source of the SGI vintc acked */
    /* vintc's acknowledged, not yet EOIed IAR values, most recent last */
    uint32_t acks[VINTC_GIC_MAX_CPUS][256];
    unsigned nr_acks[VINTC_GIC_MAX_CPUS];
};

static void logf_(struct run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void logf_(struct run *r, const char *fmt, ...)
{
    if (r->log_n == r->log_cap) {
        unsigned cap = r->log_cap ? 2 * r->log_cap : 1024;
        void *p = realloc(r->log, cap * sizeof(*r->log));
        if (!p)
            return;
        r->log = p;
        r->log_cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->log[r->log_n++], sizeof(r->log[0]), fmt, ap);
    va_end(ap);
}

static void fail_report(struct run *r, const char *what)
{
    char path[96];
    snprintf(path, sizeof(path), "oracle-fail-seed%llu.log",
             (unsigned long long)r->seed);
    FILE *f = fopen(path, "w");
    fprintf(stderr, "\nFAIL seed %llu (-smp %u), operation #%u: %s\n",
            (unsigned long long)r->seed, r->nr_cpus, r->op_index, what);
    fprintf(stderr,
            "reproduce: oracle --seed %llu --seqs 1 --ops %u --cpus %u%s%s\n",
            (unsigned long long)r->seed, r->opt->ops, r->nr_cpus,
            r->opt->vif ? "" : " --no-vif", r->opt->gicc ? " --gicc" : "");
    unsigned from = r->log_n > 40 ? r->log_n - 40 : 0;
    fprintf(stderr, "last operations (full log in %s):\n",
            f ? path : "(unwritable)");
    for (unsigned i = 0; i < r->log_n; i++) {
        if (f)
            fprintf(f, "%s\n", r->log[i]);
        if (i >= from)
            fprintf(stderr, "  %s\n", r->log[i]);
    }
    if (f) {
        /* The state of both sides at the failure, for the investigation. */
        fprintf(f, "\n-- vintc state (gic_dump):\n");
        fflush(f);
        (void)gic_dump(r->vs.gic, f);
        static const uint32_t cregs[] = { 0x00, 0x04, 0x08, 0x14, 0x18, 0x1C,
                                          0xD0, 0xD4, 0xD8, 0xDC, 0xE0 };
        for (unsigned c = 0; c < r->nr_cpus && r->vs.cpuif && r->qg; c++) {
            fprintf(f, "-- cpu%u GICC (qemu/vintc):", c);
            for (unsigned i = 0; i < sizeof(cregs) / sizeof(cregs[0]); i++) {
                uint32_t q = 0;
                (void)qg_access(r->qg, c, QG_GICC_BASE + cregs[i], 4, false,
                                &q);
                fprintf(f, " %03x=%x/%x", cregs[i], q,
                        vs_peek_cpuif(&r->vs, c, cregs[i]));
            }
            fprintf(f, "\n");
        }
        fclose(f);
    }
    r->failed = true;
}

/* One disagreement: tolerated when its kind is allow-listed. */
static void disagree(struct run *r, const char *kind, const char *where,
                     uint32_t q, uint32_t v)
{
    logf_(r, "   !! %s: qemu 0x%08x vintc 0x%08x [%s]", where, q, v, kind);
    int i = allowlist_find(&r->al, kind);
    if (i < 0 && r->opt->survey &&
        r->al.n < sizeof(r->al.kind) / sizeof(r->al.kind[0])) {
        i = (int)r->al.n++;
        snprintf(r->al.kind[i], sizeof(r->al.kind[0]), "%s", kind);
        snprintf(r->al.reason[i], sizeof(r->al.reason[0]),
                 "(not allow-listed)");
        fprintf(stderr, "first %s: seed %llu op #%u %s q=0x%08x v=0x%08x\n",
                kind, (unsigned long long)r->seed, r->op_index, where, q, v);
    }
    if (i >= 0) {
        r->al.seen[i]++;
        r->tolerated++;
        if (!r->op_kind)
            r->op_kind = r->al.kind[i];
        if (r->opt->verbose)
            fprintf(stderr, "seed %llu #%u tolerated %s at %s\n",
                    (unsigned long long)r->seed, r->op_index, kind, where);
        return;
    }
    char what[256];
    snprintf(what, sizeof(what),
             "%s: QEMU 0x%08x, vintc 0x%08x, kind %s (not allow-listed)", where,
             q, v, kind);
    fail_report(r, what);
}

/* ---- taints: known QEMU departures that leave its state different ----- */

static uint32_t cpus_mask(const struct run *r)
{
    return (1u << r->nr_cpus) - 1u;
}

static uint8_t peek_byte(struct run *r, unsigned cpu, uint32_t off)
{
    uint32_t w = vs_peek_dist(&r->vs, cpu, off & ~3u);
    return (uint8_t)(w >> (8 * (off & 3)));
}

static bool peek_bit(struct run *r, unsigned cpu, uint32_t base, unsigned irq)
{
    return (vs_peek_dist(&r->vs, cpu, base + 4 * (irq / 32)) >> (irq % 32)) &
           1u;
}

static void taint(struct run *r, unsigned cpu, unsigned irq, const char *kind)
{
    if (irq < CLS_NR_IRQS)
        r->taints.kind[irq < 32 ? cpu : 0][irq] = kind;
}

static void taint_note(struct run *r, const struct op *op)
{
    uint32_t m = cpus_mask(r);
    if (op->frame == FR_LINE) {
        bool edge = (vs_peek_dist(&r->vs, 0,
                                  VINTC_GICD_ICFGR + 4 * (op->offset / 16)) >>
                     (2 * (op->offset % 16) + 1)) &
                    1u;
        if (op->offset >= 32 && op->value && edge &&
            !(peek_byte(r, 0, VINTC_GICD_ITARGETSR + op->offset) & m))
            taint(r, 0, op->offset,
                  "GICD_ISPENDR.qemu_spi_pending_needs_target");
        return;
    }
    if (op->frame == FR_GICC && op->write &&
        (op->offset == VINTC_GICC_EOIR || op->offset == VINTC_GICC_DIR)) {
        unsigned c = op->cpu;
        unsigned id = op->value & 0x3FFu;
        uint32_t ctlr = vs_peek_cpuif(&r->vs, c, VINTC_GICC_CTLR);
        if (id >= 1020)
            return;
        if (op->offset == VINTC_GICC_DIR) {
            if (!(ctlr & VINTC_GICC_CTLR_EOIMODE))
                taint(r, c, id, "GICC_DIR.eoimode0_unpredictable");
            else if (id < 16 &&
                     r->ack_src[c][id] != (int)((op->value >> 10) & 7u))
                taint(r, c, id, "GICC_EOIR.sgi_cpuid_mismatch");
            return;
        }
        if (vs_peek_cpuif(&r->vs, c, VINTC_GICC_RPR) == 0xFF) {
            taint(r, c, id, "GICC_EOIR.no_active_priority_still_deactivates");
        } else if (r->nr_acks[c] == 0 ||
                   r->acks[c][r->nr_acks[c] - 1] != op->value) {
            /* Not the most recently acknowledged interrupt: which priority
             * drops, and whether anything is deactivated, is UNPREDICTABLE. */
            taint(r, c, id, "GICC_EOIR.not_last_acknowledged");
            r->taints.cpuif[c] = "GICC_EOIR.not_last_acknowledged";
        } else {
            r->nr_acks[c]--;
        }
        if (id < 16 && r->ack_src[c][id] != (int)((op->value >> 10) & 7u))
            taint(r, c, id, "GICC_EOIR.sgi_cpuid_mismatch");
        return;
    }
    if (op->frame != FR_GICD || !op->write)
        return;
    uint32_t off = op->offset;
    unsigned nbytes = op->size;
    if (off >= VINTC_GICD_SPENDSGIR && off < VINTC_GICD_SPENDSGIR + 16) {
        for (unsigned b = 0; b < nbytes; b++) {
            uint32_t byte = (op->value >> (8 * b)) & 0xFFu;
            if (byte == 0 || (byte & ~m))
                taint(r, op->cpu, (off & 0xF) + b,
                      "GICD_SPENDSGIR.qemu_absent_or_empty_sources");
        }
    } else if ((off >= VINTC_GICD_ISPENDR + 4 &&
                off < VINTC_GICD_ISPENDR + 0x80)) {
        for (unsigned bit = 0; bit < 32; bit++) {
            unsigned irq = (off & 0x7F) / 4 * 32 + bit;
            if ((op->value >> bit & 1u) &&
                !(peek_byte(r, 0, VINTC_GICD_ITARGETSR + irq) & m))
                taint(r, 0, irq, "GICD_ISPENDR.qemu_spi_pending_needs_target");
        }
    } else if ((off == VINTC_GICD_ISPENDR || off == VINTC_GICD_ICPENDR) &&
               (op->value & 0xFFFF0000u)) {
        for (unsigned irq = 16; irq < 32; irq++) {
            if (op->value >> irq & 1u) {
                for (unsigned c = 0; c < r->nr_cpus; c++)
                    taint(r, c, irq, "GICD_ISPENDR0.qemu_ppi_not_banked");
            }
        }
    } else if (off >= VINTC_GICD_ITARGETSR + 32 &&
               off < VINTC_GICD_ITARGETSR + 0x400) {
        for (unsigned b = 0; b < nbytes; b++) {
            unsigned irq = (off & 0x3FF) + b;
            /* One CPU: QEMU's SPIs always target it, vintc's follow the byte.
             */
            if (r->nr_cpus == 1 && !((op->value >> (8 * b)) & 1u))
                taint(r, 0, irq, "GICD_ITARGETSR.uniprocessor_razwi");
            if (irq < CLS_NR_IRQS && peek_bit(r, 0, VINTC_GICD_ISPENDR, irq) &&
                peek_byte(r, 0, VINTC_GICD_ITARGETSR + irq) !=
                    ((op->value >> (8 * b)) & m))
                taint(r, 0, irq,
                      "GICD_ITARGETSR.qemu_pending_stays_with_old_target");
        }
    } else if (off >= VINTC_GICD_ISACTIVER + 4 &&
               off < VINTC_GICD_ISACTIVER + 0x80) {
        /* QEMU keeps an SPI's active state per CPU and ISACTIVER sets more
         * than one copy, so one CPU's deactivation leaves it active. */
        for (unsigned bit = 0; bit < 32; bit++) {
            if (op->value >> bit & 1u)
                taint(r, 0, (off & 0x7F) / 4 * 32 + bit,
                      "GICD_ISACTIVER.qemu_spi_active_per_cpu");
        }
    } else if (off >= VINTC_GICD_IGROUPR && off < VINTC_GICD_IGROUPR + 0x80) {
        /* QEMU drops the priority of an EOI from the APRs of the group the
         * interrupt has at EOI time; vintc drops the highest active one. */
        static const char *const k = "GICD_IGROUPR.group_change_while_active";
        uint32_t changed = (op->value ^ vs_peek_dist(&r->vs, op->cpu, off)) &
                           vs_peek_dist(&r->vs, op->cpu,
                                        VINTC_GICD_ISACTIVER + (off & 0x7F));
        for (unsigned bit = 0; bit < 32; bit++) {
            if (!(changed >> bit & 1u))
                continue;
            unsigned irq = (off & 0x7F) / 4 * 32 + bit;
            taint(r, op->cpu, irq, k);
            for (unsigned c = 0; c < r->nr_cpus; c++) {
                if (irq >= 32 || c == op->cpu)
                    r->taints.cpuif[c] = k;
            }
        }
    } else if (off == VINTC_GICD_SGIR && ((op->value >> 24) & 3u) == 3u) {
        for (unsigned c = 0; c < r->nr_cpus; c++)
            taint(r, c, op->value & 0xFu, "GICD_SGIR.filter3_reserved");
    }
}

/* ---- comparisons ------------------------------------------------------- */

/* QEMU signals its best pending interrupt only if that one's group is
 * enabled, so an interrupt of a disabled group hides one of an enabled
 * group behind it. Ask QEMU's GICC_HPPIR (no side effects) which one it is. */
static bool isr_blocked_by_disabled_group(struct run *r, unsigned cpu,
                                          const char **taint_kind)
{
    *taint_kind = NULL;
    uint32_t hppir = 0;
    if (qg_access(r->qg, cpu, QG_GICC_BASE + VINTC_GICC_HPPIR, 4, false,
                  &hppir))
        return false;
    logf_(r, "   (QEMU GICC_HPPIR of cpu%u: 0x%08x)", cpu, hppir);
    unsigned id = hppir & 0x3FFu;
    uint32_t grp;
    if (id == 1022) /* a Group 1 interrupt, AckCtl = 0 */
        grp = 1;
    else if (id < CLS_NR_IRQS)
        grp = (vs_peek_dist(&r->vs, cpu, VINTC_GICD_IGROUPR + 4 * (id / 32)) >>
               (id % 32)) &
              1u;
    else
        return false;
    if (id < CLS_NR_IRQS)
        *taint_kind = r->taints.kind[id < 32 ? cpu : 0][id];
    uint32_t dctlr = vs_peek_dist(&r->vs, cpu, VINTC_GICD_CTLR);
    uint32_t cctlr = vs_peek_cpuif(&r->vs, cpu, VINTC_GICC_CTLR);
    return !((dctlr >> grp) & 1u) || !((cctlr >> grp) & 1u);
}

static void compare_read(struct run *r, const struct op *op,
                         const struct gic_vif *before, uint32_t q, uint32_t v)
{
    r->reads_compared++;
    uint32_t off = op->offset;
    if (op->frame == FR_GICC && op->offset == VINTC_GICC_RPR && q == 0xFF &&
        v == 0xFF) {
        r->taints.cpuif[op->cpu] = NULL;
        r->nr_acks[op->cpu] = 0;
    }
    if (q == v)
        return;
    struct cls_ctx ctx = { r->nr_cpus, op,     before,
                           &r->taints, &r->vs, r->rpr_before };
    char kind[128], where[96];
    cls_read(&ctx, op->frame, op->cpu, off, op->size, q, v, kind, sizeof(kind));
    const char *tk = NULL;
    if (op->frame == FR_ISR && strcmp(kind, "CPU_ISR_EL1.value") == 0) {
        uint32_t vh = vs_peek_cpuif(&r->vs, op->cpu, VINTC_GICC_HPPIR) & 0x3FFu;
        if (isr_blocked_by_disabled_group(r, op->cpu, &tk))
            snprintf(kind, sizeof(kind),
                     "CPU_ISR_EL1.qemu_ignores_group_enables");
        else if (tk)
            snprintf(kind, sizeof(kind), "%s", tk);
        else if (vh < CLS_NR_IRQS && r->taints.kind[vh < 32 ? op->cpu : 0][vh])
            snprintf(kind, sizeof(kind), "%s",
                     r->taints.kind[vh < 32 ? op->cpu : 0][vh]);
        else if (cls_candidate_taint(&ctx, op->cpu))
            snprintf(kind, sizeof(kind), "%s",
                     cls_candidate_taint(&ctx, op->cpu));
        else if (q == 0 && vh < CLS_NR_IRQS &&
                 peek_byte(r, op->cpu, VINTC_GICD_IPRIORITYR + vh) >=
                     vs_peek_cpuif(&r->vs, op->cpu, VINTC_GICC_RPR))
            snprintf(kind, sizeof(kind),
                     "CPU_ISR_EL1.qemu_full_priority_vs_running");
    }
    op_format(op, where, sizeof(where));
    disagree(r, kind, where, q, v);
    if (op->frame == FR_GICC && op->offset == VINTC_GICC_IAR && r->op_kind) {
        /* A tolerated acknowledge: QEMU and vintc now differ in what is
         * active, on this CPU interface and for both IDs. */
        r->taints.cpuif[op->cpu] = r->op_kind;
        taint(r, op->cpu, q & 0x3FFu, r->op_kind);
        taint(r, op->cpu, v & 0x3FFu, r->op_kind);
    }
}

static int sweep_dist(struct run *r)
{
    static uint32_t words[GICD_WORDS];
    for (unsigned c = 0; c < r->nr_cpus && !r->failed; c++) {
        if (qg_bulk_read(r->qg, c, QG_GICD_BASE, GICD_WORDS, words))
            return -1;
        logf_(r, "   (compare the whole GICD as cpu%u)", c);
        static uint32_t mine[GICD_WORDS];
        for (unsigned w = 0; w < GICD_WORDS && !r->failed; w++) {
            struct op op = { FR_GICD, false, c, 4 * w, 4, 0, false };
            vs_apply(&r->vs, &op, &mine[w]);
            compare_read(r, &op, NULL, words[w], mine[w]);
        }
        /* Interrupts idle on both sides (not pending, not active, no SGI
         * source) are no longer tainted: their state agrees again. */
        for (unsigned irq = 0; irq < CLS_NR_IRQS; irq++) {
            unsigned w = irq / 32, bit = irq % 32;
            uint32_t busy = words[(VINTC_GICD_ISPENDR / 4) + w] |
                            mine[(VINTC_GICD_ISPENDR / 4) + w] |
                            words[(VINTC_GICD_ISACTIVER / 4) + w] |
                            mine[(VINTC_GICD_ISACTIVER / 4) + w];
            bool idle = !((busy >> bit) & 1u);
            if (irq < 16) {
                uint32_t sw = (VINTC_GICD_SPENDSGIR + irq) / 4,
                         sh = 8 * (irq % 4);
                idle = idle && !(((words[sw] | mine[sw]) >> sh) & 0xFFu);
            }
            if (idle)
                r->taints.kind[irq < 32 ? c : 0][irq] = NULL;
        }
    }
    return 0;
}

/* The kind a GICH state difference right after `op` gets. */
static const char *vif_state_kind(struct run *r, const struct op *op,
                                  const struct gic_vif *before, char *buf,
                                  size_t cap)
{
    if (r->op_kind)
        return r->op_kind;
    char reg[48];
    cls_reg_name(op->frame, op->offset, reg, sizeof(reg));
    /* Only acknowledging and deactivating pick an LR by its VirtualID. */
    bool by_id = op->frame == FR_GICV &&
                 (op->write ? (op->offset == 0x10 || op->offset == 0x24 ||
                               op->offset == 0x1000)
                            : (op->offset == 0x0C || op->offset == 0x20));
    for (unsigned i = 0; by_id && i < VS_NR_LRS; i++) {
        for (unsigned j = i + 1; j < VS_NR_LRS; j++) {
            if ((before->lr[i] & VINTC_GICH_LR_STATE_MASK) &&
                (before->lr[j] & VINTC_GICH_LR_STATE_MASK) &&
                (before->lr[i] & 0x3FFu) == (before->lr[j] & 0x3FFu))
                return "GICV.duplicate_virtualid";
        }
    }
    /* QEMU's GICV_AIAR reads as 0, which is also what vintc returns when it
     * acknowledges virtual SGI 0 from CPU 0: no read disagreement, but the
     * acknowledge only happened on the vintc side. */
    if (op->frame == FR_GICV && !op->write && op->offset == VINTC_GICV_AIAR)
        return "GICV_AIAR.qemu_unimplemented";
    if (op->frame == FR_GICV && op->write) {
        uint32_t id = op->value & 0x3FFu;
        bool eoi = op->offset == 0x10 || op->offset == 0x24 ||
                   op->offset == 0x1000;
        if (op->offset == 0x24)
            return "GICV_AEOIR.qemu_unimplemented";
        if (op->offset == 0x1C && (op->value & 7u) < 3)
            return "GICV_ABPR.qemu_min_1";
        if (eoi && op->offset == 0x10 && before->apr == 0)
            return "GICV_EOIR.no_active_priority_still_deactivates";
        uint32_t cpuid = (op->value >> 10) & 7u;
        for (unsigned i = 0; eoi && id < 16 && i < VS_NR_LRS; i++) {
            uint32_t lr = before->lr[i];
            if ((lr & 0x3FFu) == id && !(lr & VINTC_GICH_LR_HW) &&
                (lr & VINTC_GICH_LR_STATE_ACTIVE) && ((lr >> 10) & 7u) != cpuid)
                return op->offset == 0x1000
                           ? "GICV_DIR.qemu_vsgi_ignores_cpuid"
                           : "GICV_EOIR.qemu_vsgi_ignores_cpuid";
        }
    }
    snprintf(buf, cap, "%s.state_after_write", reg);
    return buf;
}

static int check_vif(struct run *r, const struct op *op,
                     const struct gic_vif *before)
{
    uint32_t gich[GICH_WORDS];
    if (qg_bulk_read(r->qg, op->cpu, QG_GICH_BASE, GICH_WORDS, gich))
        return -1;
    static const uint32_t regs[] = { 0x00,  0x04,  0x08, 0x10, 0x20,
                                     0x24,  0x30,  0x34, 0xF0, 0x100,
                                     0x104, 0x108, 0x10C };
    bool differs = false;
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]) && !r->failed;
         i++) {
        uint32_t q = gich[regs[i] / 4];
        uint32_t v = vs_gich_read(&r->vs, op->cpu, regs[i]);
        r->reads_compared++;
        if (q == v)
            continue;
        differs = true;
        char buf[96], where[128], reg[48];
        cls_reg_name(FR_GICH, regs[i], reg, sizeof(reg));
        snprintf(where, sizeof(where), "cpu%u %s+0x%03x after the op", op->cpu,
                 reg, regs[i]);
        const char *kind = vif_state_kind(r, op, before, buf, sizeof(buf));
        disagree(r, kind, where, q, v);
    }
    if (differs && !r->failed) {
        logf_(r, "   (vif of cpu%u resynchronised from QEMU's GICH)", op->cpu);
        return vs_vif_resync(&r->vs, op->cpu, gich);
    }
    return 0;
}

/* ---- one operation on both sides -------------------------------------- */

static int qemu_apply(struct run *r, const struct op *op, uint32_t *val)
{
    uint64_t base;
    switch (op->frame) {
    case FR_LINE:
        return qg_set_line(r->qg, op->cpu, op->offset, op->value != 0);
    case FR_ISR:
        return qg_isr(r->qg, op->cpu, val);
    case FR_GICD:
        base = QG_GICD_BASE;
        break;
    case FR_GICC:
        base = QG_GICC_BASE;
        break;
    case FR_GICH:
        base = QG_GICH_BASE;
        break;
    default:
        base = QG_GICV_BASE;
        break;
    }
    uint32_t v = op->value;
    if (qg_access(r->qg, op->cpu, base + op->offset, op->size, op->write, &v))
        return -1;
    if (!op->write)
        *val = v;
    return 0;
}

static int step(struct run *r, const struct op *in)
{
    struct op patched = *in;
    const struct op *op = &patched;
    if (in->last_ack)
        patched.value = in->frame == FR_GICV ? r->last_viar[in->cpu]
                                             : r->last_iar[in->cpu];
    char text[96];
    op_format(op, text, sizeof(text));
    logf_(r, "#%u %s", r->op_index, text);
    r->op_kind = NULL;
    taint_note(r, op);
    if (op->frame == FR_GICC)
        r->rpr_before = vs_peek_cpuif(&r->vs, op->cpu, VINTC_GICC_RPR);
    struct gic_vif before = r->vs.vif[op->cpu];
    uint32_t q = 0, v = 0;
    if (qemu_apply(r, op, &q))
        return -1;
    int rc = vs_apply(&r->vs, op, &v);
    if (rc) {
        char what[160];
        snprintf(what, sizeof(what), "vintc refused %s: %d", text, rc);
        fail_report(r, what);
        return 0;
    }
    if (op->frame == FR_GICC && !op->write && op->offset == VINTC_GICC_IAR &&
        (v & 0x3FFu) < 1020) {
        r->last_iar[op->cpu] = v;
        unsigned id = v & 0x3FFu;
        uint8_t t = id >= 32 ? peek_byte(r, 0, VINTC_GICD_ITARGETSR + id) : 0;
        if (r->nr_cpus > 1 && (t & (t - 1u)) != 0)
            taint(r, 0, id, "GICC_IAR.qemu_spi_not_1_of_n");
        if (r->nr_acks[op->cpu] < 256)
            r->acks[op->cpu][r->nr_acks[op->cpu]++] = v;
        if ((v & 0x3FFu) < 16)
            r->ack_src[op->cpu][v & 0xFu] = (int)((v >> 10) & 7u);
    }
    if (!op->write && (v & 0x3FFu) < 1020 &&
        (op->offset == VINTC_GICC_IAR || op->offset == VINTC_GICC_AIAR)) {
        if (op->frame == FR_GICC)
            r->gicc_acks++;
        else if (op->frame == FR_GICV) {
            r->gicv_acks++;
            r->last_viar[op->cpu] = v;
        }
    }
    if (op->frame == FR_LINE)
        r->line_changes++;
    bool is_read = !op->write && op->frame != FR_LINE;
    if (is_read && r->log_n) {
        /* The value read goes on the operation's log line. */
        char *line = r->log[r->log_n - 1];
        size_t len = strlen(line);
        snprintf(line + len, sizeof(r->log[0]) - len, " -> 0x%08x", v);
    }
    if (is_read)
        compare_read(r, op, &before, q, v);
    if (!r->failed && (op->frame == FR_GICH || op->frame == FR_GICV) &&
        (op->write || op->offset == 0x0C || op->offset == 0x20))
        return check_vif(r, op, &before);
    return 0;
}

static int run_sequence(struct run *r)
{
    const struct options *o = r->opt;
    static const unsigned cpu_cycle[] = { 2, 4, 1, 3 };
    r->nr_cpus = o->cpus ? o->cpus : cpu_cycle[r->seed % 4];
    r->log_n = 0;
    r->failed = false;
    r->op_index = 0;
    memset(&r->taints, 0, sizeof(r->taints));
    memset(r->last_iar, 0, sizeof(r->last_iar));
    memset(r->last_viar, 0, sizeof(r->last_viar));
    memset(r->ack_src, 0xFF, sizeof(r->ack_src));
    memset(r->nr_acks, 0, sizeof(r->nr_acks));
    int rc = vs_create(&r->vs, r->nr_cpus, o->gicc);
    if (rc) {
        fprintf(stderr, "oracle: gic_create failed: %d\n", rc);
        return -1;
    }
    r->qg = qg_start(o->qemu, r->nr_cpus);
    if (!r->qg) {
        vs_destroy(&r->vs);
        return -1;
    }
    struct gen g;
    gen_init(&g, r->seed, r->nr_cpus, o->vif, o->gicc);
    /* Prologue: give every SPI an existing target, as an OS does, so that
     * SPI pending state is comparable (QEMU loses it without targets). */
    int err = 0;
    for (uint32_t off = VINTC_GICD_ITARGETSR + 32;
         off < VINTC_GICD_ITARGETSR + 288 && !err; off += 4) {
        uint32_t t = 0;
        for (unsigned b = 0; b < 4; b++) {
            uint32_t m = gen_u32(&g) & cpus_mask(r);
            t |= (m ? m : 1u) << (8 * b);
        }
        struct op op = { FR_GICD, true, 0, off, 4, t, false };
        err = step(r, &op);
    }
    /* ... enable both groups, give the busy interrupts priorities that pass
     * an open priority mask, and open each CPU interface and virtual
     * interface, so that interrupts get acknowledged; the random operations
     * then take it from there. */
    struct op setup[64];
    unsigned n = 0;
    setup[n++] = (struct op){ FR_GICD, true, 0, VINTC_GICD_CTLR, 4, 3, false };
    for (uint32_t w = 192 / 4; w < 288 / 4; w++)
        setup[n++] = (struct op){ FR_GICD, true,
                                  0,       VINTC_GICD_IPRIORITYR + 4 * w,
                                  4,       gen_u32(&g) & 0xF0F0F0F0u,
                                  false };
    for (unsigned i = 0; i < n && !err; i++)
        err = step(r, &setup[i]);
    for (unsigned c = 0; c < r->nr_cpus && !err; c++) {
        n = 0;
        for (uint32_t w = 0; w < 8; w++)
            setup[n++] = (struct op){ FR_GICD, true,
                                      c,       VINTC_GICD_IPRIORITYR + 4 * w,
                                      4,       gen_u32(&g) & 0xF0F0F0F0u,
                                      false };
        if (o->gicc) {
            setup[n++] = (struct op){
                FR_GICC, true,
                c,       VINTC_GICC_CTLR,
                4,       3u | (gen_u32(&g) & VINTC_GICC_CTLR_ACKCTL),
                false
            };
            setup[n++] = (struct op){ FR_GICC, true, c,    VINTC_GICC_PMR,
                                      4,       0xF8, false };
        }
        if (o->vif) {
            setup[n++] = (struct op){ FR_GICH,           true, c, 0x00, 4,
                                      VINTC_GICH_HCR_EN, false };
            setup[n++] = (struct op){ FR_GICH, true,        c,    0x08,
                                      4,       0xF84C0003u, false };
        }
        for (unsigned i = 0; i < n && !err; i++)
            err = step(r, &setup[i]);
    }
    if (!err)
        err = sweep_dist(r);
    for (unsigned c = 0; c < r->nr_cpus && !err && !r->failed && o->vif; c++) {
        struct op op = { FR_GICH, false, c, 0, 4, 0, false };
        err = check_vif(r, &op, &r->vs.vif[c]);
    }
    for (unsigned i = 0; i < o->ops && !err && !r->failed; i++) {
        struct op op;
        gen_op(&g, &op);
        r->op_index = i + 1;
        err = step(r, &op);
        if (!err && !r->failed && o->sweep && (i + 1) % o->sweep == 0)
            err = sweep_dist(r);
    }
    if (!err && !r->failed)
        err = sweep_dist(r);
    if (err && !r->failed)
        fail_report(r, "lost contact with QEMU");
    qg_stop(r->qg);
    r->qg = NULL;
    r->hw_deacts += r->vs.hw_deactivations;
    if (r->vs.bad_callbacks && !r->failed)
        fail_report(r, "set_irq_line called with a CPU or line out of range");
    vs_destroy(&r->vs);
    return r->failed ? 1 : 0;
}

/* ---- options ----------------------------------------------------------- */

static unsigned env_uint(const char *name, unsigned dflt)
{
    const char *s = getenv(name);
    return s && *s ? (unsigned)strtoul(s, NULL, 0) : dflt;
}

static bool in_path(const char *exe)
{
    if (strchr(exe, '/'))
        return access(exe, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char buf[4096];
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, p, exe);
        if (n && access(buf, X_OK) == 0)
            return true;
        p += n;
        if (*p == ':')
            p++;
    }
    return false;
}

static void usage(void)
{
    fprintf(
        stderr,
        "usage: oracle [--qemu PATH] [--allowlist FILE] [--seed N] [--seqs N]\n"
        "              [--ops N] [--cpus N] [--sweep N] [--no-vif] [--gicc] "
        "[-v]\n"
        "              [--survey]   (tolerate every kind, report the first of "
        "each)\n"
        "environment: VINTC_ORACLE_SEQS, VINTC_ORACLE_OPS, VINTC_ORACLE_SEED\n"
        "override the defaults of --seqs, --ops and --seed (for soak runs).\n");
}

int main(int argc, char **argv)
{
    struct options o = {
        .qemu = "qemu-system-aarch64",
        .allowlist = "allowlist.txt",
        .seed = env_uint("VINTC_ORACLE_SEED", 1),
        .seqs = env_uint("VINTC_ORACLE_SEQS", 6),
        .ops = env_uint("VINTC_ORACLE_OPS", 400),
        .sweep = 50,
        .vif = true,
    };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--qemu") && next) {
            o.qemu = next;
            i++;
        } else if (!strcmp(a, "--allowlist") && next) {
            o.allowlist = next;
            i++;
        } else if (!strcmp(a, "--seed") && next) {
            o.seed = strtoull(next, NULL, 0);
            i++;
        } else if (!strcmp(a, "--seqs") && next) {
            o.seqs = (unsigned)strtoul(next, NULL, 0);
            i++;
        } else if (!strcmp(a, "--ops") && next) {
            o.ops = (unsigned)strtoul(next, NULL, 0);
            i++;
        } else if (!strcmp(a, "--cpus") && next) {
            o.cpus = (unsigned)strtoul(next, NULL, 0);
            i++;
        } else if (!strcmp(a, "--sweep") && next) {
            o.sweep = (unsigned)strtoul(next, NULL, 0);
            i++;
        } else if (!strcmp(a, "--no-vif"))
            o.vif = false;
        else if (!strcmp(a, "--gicc"))
            o.gicc = true;
        else if (!strcmp(a, "-v"))
            o.verbose = true;
        else if (!strcmp(a, "--survey"))
            o.survey = true;
        else {
            usage();
            return 2;
        }
    }
    if (o.cpus > 8) {
        usage();
        return 2;
    }
#ifndef ORACLE_WITH_GICC
    if (o.gicc) {
        fprintf(stderr, "oracle: built without the GICC comparison "
                        "(configure with -DVINTC_ORACLE_GICC=ON)\n");
        return 2;
    }
#endif
    if (!in_path(o.qemu)) {
        printf(
            "SKIP: %s not found; install QEMU (Debian: qemu-system-arm) to run "
            "the differential test\n",
            o.qemu);
        return EXIT_SKIP;
    }
    struct run r;
    memset(&r, 0, sizeof(r));
    r.opt = &o;
    if (allowlist_load(&r.al, o.allowlist)) {
        fprintf(stderr, "oracle: cannot read the allow-list %s\n", o.allowlist);
        return 2;
    }
    unsigned failures = 0;
    for (unsigned s = 0; s < o.seqs; s++) {
        r.seed = o.seed + s;
        int rc = run_sequence(&r);
        if (rc < 0) {
            free(r.log);
            return 2;
        }
        failures += (unsigned)rc;
    }
    printf("oracle: %u sequences x %u operations (seeds %llu..%llu), %lu reads "
           "compared, %lu tolerated disagreements, %u failing sequences\n",
           o.seqs, o.ops, (unsigned long long)o.seed,
           (unsigned long long)(o.seed + o.seqs - 1), r.reads_compared,
           r.tolerated, failures);
    printf(
        "  vintc acknowledged %lu GICC and %lu GICV interrupts, passed %lu HW "
        "deactivations to the distributor; %lu line changes\n",
        r.gicc_acks, r.gicv_acks, r.hw_deacts, r.line_changes);
    for (unsigned i = 0; i < r.al.n; i++) {
        if (r.al.seen[i])
            printf("  tolerated %6u x %s %s\n", r.al.seen[i], r.al.kind[i],
                   r.al.reason[i][0] == '(' ? r.al.reason[i] : "");
    }
    free(r.log);
    return failures ? 1 : 0;
}

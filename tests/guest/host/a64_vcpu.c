/* SPDX-License-Identifier: MIT */
#include "a64_vcpu.h"

#include <stdio.h>
#include <string.h>

#include "uc_util.h"
#include "../aarch64/layout.h"

#define A64_WFI                0xD503207Fu
#define PSTATE_I               (1u << 7)
#define PSTATE_F               (1u << 6)
#define PSTATE_EL1H_MASKED     0x3C5u /* EL1h, D A I F set */
#define PSTATE_NZCV            0xF0000000u
#define VECTOR_IRQ_CURRENT_SPX 0x280u
#define VECTOR_FIQ_CURRENT_SPX 0x300u

/* ---- MMIO: every access is forwarded; an error return is counted, and the
 * guest reads 0 (vintc already returned 0 in *val). */

static uint64_t gicd_read(uc_engine *uc, uint64_t off, unsigned size,
                          void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    uint32_t val = 0;
    if (gic_dist_mmio_read(v->gic, v->id, (uint32_t)off, size, &val) != 0)
        v->bad_mmio++;
    return val;
}

static void gicd_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t val,
                       void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    if (gic_dist_mmio_write(v->gic, v->id, (uint32_t)off, size,
                            (uint32_t)val) != 0)
        v->bad_mmio++;
}

static uint64_t gicv_read(uc_engine *uc, uint64_t off, unsigned size,
                          void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    uint32_t val = 0;
    if (gic_vif_mmio_read(&v->vif, v->nr_lrs, (uint32_t)off, size, &val) != 0)
        v->bad_mmio++;
    return val;
}

static void gicv_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t val,
                       void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    if (gic_vif_mmio_write(&v->vif, v->nr_lrs, (uint32_t)off, size,
                           (uint32_t)val) != 0)
        v->bad_mmio++;
}

static uint64_t gicc_read(uc_engine *uc, uint64_t off, unsigned size,
                          void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    uint32_t val = 0;
    if (gic_cpuif_mmio_read(v->gic, v->id, (uint32_t)off, size, &val) != 0)
        v->bad_mmio++;
    return val;
}

static void gicc_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t val,
                       void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    if (gic_cpuif_mmio_write(v->gic, v->id, (uint32_t)off, size,
                             (uint32_t)val) != 0)
        v->bad_mmio++;
}

static uint64_t dev_read(uc_engine *uc, uint64_t off, unsigned size,
                         void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    if (size != 4)
        return 0;
    if (off == DEV_CPU)
        return v->id;
    return v->dev->read ? v->dev->read(v->dev_opaque, v->id, (uint32_t)off) : 0;
}

static void dev_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t val,
                      void *opaque)
{
    (void)uc;
    struct a64_vcpu *v = opaque;
    if (size == 4)
        v->dev->write(v->dev_opaque, v->id, (uint32_t)off, (uint32_t)val);
}

/* SPSR_EL1 has no named register in Unicorn 2.0.1. */
static int cp_reg(struct a64_vcpu *v, bool write, uint32_t op0, uint32_t op1,
                  uint32_t crn, uint32_t crm, uint32_t op2, uint64_t *val)
{
    uc_arm64_cp_reg r = {
        .crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2
    };
    if (write) {
        r.val = *val;
        return uc_check(uc_reg_write(v->uc, UC_ARM64_REG_CP_REG, &r),
                        "cp_reg write");
    }
    int err = uc_check(uc_reg_read(v->uc, UC_ARM64_REG_CP_REG, &r),
                       "cp_reg read");
    *val = r.val;
    return err;
}

int a64_vcpu_init(struct a64_vcpu *v, unsigned id, void *ram, struct gic *gic,
                  enum gic_backend backend, unsigned nr_lrs,
                  const struct a64_dev_ops *dev, void *dev_opaque)
{
    memset(v, 0, sizeof *v);
    v->id = id;
    v->gic = gic;
    v->backend = backend;
    atomic_init(&v->line[0], false);
    atomic_init(&v->line[1], false);
    v->nr_lrs = nr_lrs;
    v->ram = ram;
    v->dev = dev;
    v->dev_opaque = dev_opaque;
    gic_vif_init(&v->vif);
    if (uc_check(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &v->uc), "uc_open"))
        return -1;
    uc_engine *uc = v->uc;
    if (uc_check(uc_mem_map_ptr(uc, RAM_BASE, RAM_SIZE, UC_PROT_ALL, ram),
                 "map RAM") ||
        uc_check(uc_mmio_map(uc, GICD_BASE, VINTC_GIC_DIST_SIZE, gicd_read, v,
                             gicd_write, v),
                 "map GICD") ||
        uc_check(backend == GIC_BACKEND_CPUIF
                     ? uc_mmio_map(uc, GICC_BASE, VINTC_GIC_CPU_SIZE, gicc_read,
                                   v, gicc_write, v)
                     : uc_mmio_map(uc, GICC_BASE, VINTC_GIC_CPU_SIZE, gicv_read,
                                   v, gicv_write, v),
                 "map the CPU interface") ||
        uc_check(uc_mmio_map(uc, DEV_BASE, 0x1000, dev_read, v, dev_write, v),
                 "map device"))
        return -1;
    /* The reset CPU has SCR_EL3.RW = 0: every ERET at EL1 would be an
     * illegal exception return. Make EL1 AArch64 (SCR_EL3 is op0 3, op1 6,
     * CRn 1, CRm 1, op2 0). */
    uint64_t scr;
    if (cp_reg(v, false, 3, 6, 1, 1, 0, &scr))
        return -1;
    scr |= 1u << 10;
    uint64_t pc = RAM_BASE, pstate = PSTATE_EL1H_MASKED;
    if (cp_reg(v, true, 3, 6, 1, 1, 0, &scr) ||
        uc_check(uc_reg_write(uc, UC_ARM64_REG_PSTATE, &pstate), "PSTATE") ||
        uc_check(uc_reg_write(uc, UC_ARM64_REG_PC, &pc), "PC"))
        return -1;
    return 0;
}

void a64_vcpu_destroy(struct a64_vcpu *v)
{
    if (v->uc)
        uc_close(v->uc);
    v->uc = NULL;
}

void a64_vcpu_set_line(struct a64_vcpu *v, unsigned line, bool level)
{
    if (line < 2)
        atomic_store(&v->line[line], level);
}

/* IRQ or FIQ exception entry, which Unicorn leaves to the host (Arm ARM,
 * DDI 0487, D1.10 "Exception entry"). The guest runs at EL1 with SP_EL1
 * (EL1h) and takes the exception to EL1 itself:
 * - an asynchronous exception is taken only while its PSTATE mask bit is
 *   clear, PSTATE.I for IRQ, PSTATE.F for FIQ; a masked FIQ leaves an
 *   unmasked IRQ free to be taken, and the other way round;
 * - ELR_EL1 = the preferred return address, for an interrupt the address of
 *   the first instruction not executed (the PC at the slice boundary);
 * - SPSR_EL1 = PSTATE as it was;
 * - PSTATE = EL1h with D, A, I and F all set: entry to AArch64 masks every
 *   interrupt, whichever one was taken (D1.10: an exception taken to an
 *   Exception level using AArch64 sets PSTATE.{D, A, I, F} to 1); the
 *   condition flags are left as they were, SS and IL cleared;
 * - PC = VBAR_EL1 + the vector offset for "current EL with SPx" (D1.10.2
 *   "Exception vectors"): 0x280 IRQ, 0x300 FIQ. */
static bool take_exception(struct a64_vcpu *v, bool fiq)
{
    uint64_t pc, pstate, vbar;
    uc_reg_read(v->uc, UC_ARM64_REG_PC, &pc);
    uc_reg_read(v->uc, UC_ARM64_REG_PSTATE, &pstate);
    if (pstate & (fiq ? PSTATE_F : PSTATE_I))
        return false;
    uc_reg_read(v->uc, UC_ARM64_REG_VBAR_EL1, &vbar);
    uc_reg_write(v->uc, UC_ARM64_REG_ELR_EL1, &pc);
    cp_reg(v, true, 3, 0, 4, 0, 0, &pstate); /* SPSR_EL1 */
    uint64_t entry = (pstate & PSTATE_NZCV) | PSTATE_EL1H_MASKED;
    uint64_t vec = vbar +
                   (fiq ? VECTOR_FIQ_CURRENT_SPX : VECTOR_IRQ_CURRENT_SPX);
    uc_reg_write(v->uc, UC_ARM64_REG_PSTATE, &entry);
    uc_reg_write(v->uc, UC_ARM64_REG_PC, &vec);
    if (fiq)
        v->fiqs_taken++;
    else
        v->irqs_taken++;
    return true;
}

bool a64_vcpu_enter(struct a64_vcpu *v)
{
    /* CPU-interface backend: the FIQ line (set_irq_line line 1) is looked
     * at first; with both lines high the FIQ is taken, and its entry masks
     * the IRQ until the guest unmasks it. */
    if (v->backend == GIC_BACKEND_CPUIF) {
        if (atomic_load(&v->line[1]) && take_exception(v, true))
            return true;
        return atomic_load(&v->line[0]) && take_exception(v, false);
    }
    gic_lr_flush(v->gic, v->id, &v->vif);
    /* LR backend: the software GICV's virtual FIQ (a Group 0 LR with
     * GICV_CTLR.FIQEn) and IRQ; at most one is asserted. */
    if (gic_vif_fiq_line(&v->vif, v->nr_lrs))
        return take_exception(v, true);
    return gic_vif_irq_line(&v->vif, v->nr_lrs) && take_exception(v, false);
}

int a64_vcpu_slice(struct a64_vcpu *v, uint64_t count)
{
    uint64_t pc;
    uc_reg_read(v->uc, UC_ARM64_REG_PC, &pc);
    v->insns += count;
    if (uc_check(uc_emu_start(v->uc, pc, 0, 0, count), "uc_emu_start"))
        return -1;
    uc_reg_read(v->uc, UC_ARM64_REG_PC, &pc);
    /* A WFI ends uc_emu_start with the PC just after it. */
    v->wfi = false;
    if (pc >= RAM_BASE + 4 && pc < RAM_BASE + RAM_SIZE) {
        const unsigned char *p = (const unsigned char *)v->ram +
                                 (pc - 4 - RAM_BASE);
        uint32_t insn = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
                        (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        v->wfi = insn == A64_WFI;
    }
    return 0;
}

void a64_vcpu_exit(struct a64_vcpu *v)
{
    if (v->backend == GIC_BACKEND_CPUIF)
        return;
    if (gic_vif_maintenance(&v->vif, v->nr_lrs))
        v->maintenance++;
    gic_lr_sync(v->gic, v->id, &v->vif);
}

int a64_vcpu_run_alone(struct a64_vcpu *v, const bool *done,
                       const uint32_t *guest_errors,
                       void (*inject)(void *opaque), void *opaque,
                       unsigned slice, unsigned max_slices)
{
    unsigned slices = 0;
    while (!*done && slices++ < max_slices) {
        inject(opaque);
        a64_vcpu_enter(v);
        if (a64_vcpu_slice(v, slice))
            return 1;
        a64_vcpu_exit(v);
    }
    if (!*done) {
        printf("the guest did not finish in %u slices\n", max_slices);
        return 1;
    }
    if (*guest_errors >= 0xE000) {
        printf("the guest took an unexpected exception (vector %u)\n",
               *guest_errors - 0xE000);
        return 1;
    }
    return 0;
}

int a64_gic_check_idle(struct gic *gic)
{
    int bad = 0;
    for (uint32_t off = 0; off < 8; off += 4) {
        uint32_t pend = 0, act = 0;
        gic_dist_mmio_read(gic, 0, VINTC_GICD_ISPENDR + off, 4, &pend);
        gic_dist_mmio_read(gic, 0, VINTC_GICD_ISACTIVER + off, 4, &act);
        if (pend || act) {
            printf("left pending 0x%08x, active 0x%08x (IDs %u..)\n", pend, act,
                   off * 8);
            bad = 1;
        }
    }
    return bad;
}

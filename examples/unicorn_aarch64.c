/* SPDX-License-Identifier: MIT */
/* Embedding vintc in an emulator: an AArch64 guest running in Unicorn
 * (https://www.unicorn-engine.org, 2.0 or later) with a GICv2 whose CPU
 * interface is vintc's software GICV over the LR backend. Copy it as the
 * skeleton of your own harness.
 *
 * Unicorn emulates the CPU only: it has no interrupt controller and never
 * takes an IRQ exception by itself. The host therefore
 *   - maps guest RAM, and the GICD and GICV frames as MMIO regions whose
 *     callbacks forward every access to vintc;
 *   - runs the guest in slices of a fixed number of instructions, and
 *     around every slice runs the loop a hypervisor runs around guest entry:
 *         gic_lr_flush()     pending interrupts into the list registers
 *         IRQ entry          if gic_vif_irq_line() and PSTATE.I is clear
 *         (FIQ entry         if gic_vif_fiq_line() and PSTATE.F is clear)
 *         uc_emu_start()     the slice
 *         gic_lr_sync()      list registers back into the distributor
 *   - plays a device that pulses an edge-triggered SPI whenever the guest
 *     has handled the previous one.
 *
 * The guest (assembly listed next to its bytes below) enables SPI 33 in the
 * distributor and the CPU interface, unmasks IRQs and sleeps in WFI; its
 * IRQ handler acknowledges (GICV_IAR), counts in RAM and ends the interrupt
 * (GICV_EOIR). The program exits 0 when the guest counted every pulse.
 *
 * Build: cc unicorn_aarch64.c $(pkg-config --cflags --libs vintc unicorn)
 *
 * Unicorn 2.0.1 details this relies on (each one is marked below):
 *   [1] Every uc_emu_start() gets an instruction count: mixing count = 0 and
 *       count > 0 makes Unicorn flush its translations each time.
 *   [2] The reset CPU has SCR_EL3.RW = 0, which makes every ERET at EL1 an
 *       illegal exception return: set RW before starting.
 *   [3] IRQ entry is done by the host, at slice boundaries (stopping the
 *       engine from an MMIO callback can replay the access).
 *   [4] WFI ends uc_emu_start() with the PC after it: a natural wait exit. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <unicorn/unicorn.h>
#include <vintc/vintc.h>

/* ---- the machine ------------------------------------------------------ */

#define RAM_BASE  0x40000000u
#define RAM_SIZE  0x00200000u
#define VBAR      0x40000800u /* the guest's vector table */
#define COUNTER   0x40100000u /* the guest's handled-interrupt count */
#define GICD_BASE 0x08000000u
#define GICV_BASE 0x08010000u /* the guest sees the GICV as its GICC */

#define NR_LRS     4u
#define DEVICE_IRQ 33u /* an edge-triggered SPI */
#define PULSES     1000u
#define SLICE      1000u /* instructions per slice: bounds IRQ latency */

/* main: distributor and CPU interface set-up, then sleep. */
static const uint32_t guest_main[] = {
    0x580002c0, /*     ldr  x0, =GICD_BASE                                  */
    0x52801401, /*     mov  w1, #0xA0                                        */
    0x39108401, /*     strb w1, [x0, #0x421]    GICD_IPRIORITYR: SPI 33      */
    0x52800021, /*     mov  w1, #1                                           */
    0x39208401, /*     strb w1, [x0, #0x821]    GICD_ITARGETSR: CPU 0        */
    0x52800101, /*     mov  w1, #8                                           */
    0xb90c0801, /*     str  w1, [x0, #0xC08]    GICD_ICFGR2: SPI 33 edge     */
    0x52800041, /*     mov  w1, #2                                           */
    0xb9010401, /*     str  w1, [x0, #0x104]    GICD_ISENABLER1: SPI 33      */
    0x52800021, /*     mov  w1, #1                                           */
    0xb9000001, /*     str  w1, [x0]            GICD_CTLR: EnableGrp0        */
    0x580001a0, /*     ldr  x0, =GICV_BASE                                  */
    0x52801e01, /*     mov  w1, #0xF0                                        */
    0xb9000401, /*     str  w1, [x0, #4]        GICV_PMR                     */
    0x52800021, /*     mov  w1, #1                                           */
    0xb9000001, /*     str  w1, [x0]            GICV_CTLR: EnableGrp0        */
    0x58000140, /*     ldr  x0, =VBAR                                       */
    0xd518c000, /*     msr  vbar_el1, x0                                     */
    0xd50342ff, /*     msr  daifclr, #2         unmask IRQs                  */
    0xd503207f, /* 1:  wfi                                                   */
    0x17ffffff, /*     b    1b                                               */
    0x00000000, /*     (padding)                                             */
    0x08000000, 0x00000000, /* literal GICD_BASE                             */
    0x08010000, 0x00000000, /* literal GICV_BASE                             */
    0x40000800, 0x00000000, /* literal VBAR                                  */
};

/* VBAR + 0x280 (IRQ, current EL with SPx). It clobbers x9-x12 only, which
 * main does not use. */
static const uint32_t guest_irq[] = {
    0x58000109, /*     ldr  x9, =GICV_BASE                                  */
    0xb9400d2a, /*     ldr  w10, [x9, #0xC]     GICV_IAR: acknowledge        */
    0x5800010b, /*     ldr  x11, =COUNTER                                   */
    0xb940016c, /*     ldr  w12, [x11]                                       */
    0x1100058c, /*     add  w12, w12, #1                                     */
    0xb900016c, /*     str  w12, [x11]                                       */
    0xb900112a, /*     str  w10, [x9, #0x10]    GICV_EOIR: drop + deactivate */
    0xd69f03e0, /*     eret                                                  */
    0x08010000, 0x00000000, /* literal GICV_BASE                             */
    0x40100000, 0x00000000, /* literal COUNTER                               */
};

/* ---- the host's state -------------------------------------------------- */

struct machine {
    uc_engine *uc;
    struct gic *gic;
    struct gic_vif vif; /* the vCPU's GICH state: LRs, VMCR, APR */
    uint8_t *ram;
    unsigned bad_accesses; /* guest accesses vintc refused */
};

static void fail_uc(uc_err err, const char *what)
{
    fprintf(stderr, "unicorn_aarch64: %s: %s\n", what, uc_strerror(err));
    exit(1);
}

static uint32_t read_le32(const uint8_t *ram, uint32_t addr)
{
    const uint8_t *p = ram + (addr - RAM_BASE);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void load(uint8_t *ram, uint32_t addr, const uint32_t *words, size_t n)
{
    for (size_t i = 0; i < n; i++) /* little-endian guest */
        for (unsigned b = 0; b < 4; b++)
            ram[addr - RAM_BASE + 4 * i + b] = (uint8_t)(words[i] >> (8 * b));
}

/* ---- MMIO: the guest's GIC accesses go straight to vintc --------------- */

/* The distributor frame. With several vCPUs, register one region per
 * engine and pass the vCPU number: banked registers depend on it. */
static uint64_t gicd_read(uc_engine *uc, uint64_t offset, unsigned size,
                          void *opaque)
{
    (void)uc;
    struct machine *m = opaque;
    uint32_t val;
    if (gic_dist_mmio_read(m->gic, 0, (uint32_t)offset, size, &val) != 0)
        m->bad_accesses++; /* malformed (e.g. unaligned): val is 0 */
    return val;
}

static void gicd_write(uc_engine *uc, uint64_t offset, unsigned size,
                       uint64_t value, void *opaque)
{
    (void)uc;
    struct machine *m = opaque;
    if (gic_dist_mmio_write(m->gic, 0, (uint32_t)offset, size,
                            (uint32_t)value) != 0)
        m->bad_accesses++;
}

/* The virtual CPU interface: a software model over the vCPU's gic_vif,
 * behaving as GICv2 hardware does with these list registers. */
static uint64_t gicv_read(uc_engine *uc, uint64_t offset, unsigned size,
                          void *opaque)
{
    (void)uc;
    struct machine *m = opaque;
    uint32_t val;
    if (gic_vif_mmio_read(&m->vif, NR_LRS, (uint32_t)offset, size, &val) != 0)
        m->bad_accesses++;
    return val;
}

static void gicv_write(uc_engine *uc, uint64_t offset, unsigned size,
                       uint64_t value, void *opaque)
{
    (void)uc;
    struct machine *m = opaque;
    if (gic_vif_mmio_write(&m->vif, NR_LRS, (uint32_t)offset, size,
                           (uint32_t)value) != 0)
        m->bad_accesses++;
}

/* ---- CPU state helpers -------------------------------------------------- */

/* System registers without a named Unicorn register. */
static void write_sysreg(uc_engine *uc, uint32_t op0, uint32_t op1,
                         uint32_t crn, uint32_t crm, uint32_t op2, uint64_t val)
{
    uc_arm64_cp_reg r = {
        .crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2, .val = val
    };
    uc_err err = uc_reg_write(uc, UC_ARM64_REG_CP_REG, &r);
    if (err)
        fail_uc(err, "system register write");
}

#define PSTATE_I    (1u << 7)
#define PSTATE_F    (1u << 6)
#define PSTATE_EL1H 0x3C5u /* EL1 using SP_EL1, D, A, I, F masked */

/* Take the IRQ (or FIQ) exception as the CPU would (ARM DDI 0487, D1.10):
 * the return address to ELR_EL1, PSTATE to SPSR_EL1, then EL1h with every
 * exception masked, at VBAR_EL1 + 0x280 (0x300 for FIQ). */
static bool take_exception(uc_engine *uc, bool fiq)
{
    uint64_t pc, pstate, vbar;
    uc_reg_read(uc, UC_ARM64_REG_PSTATE, &pstate);
    if (pstate & (fiq ? PSTATE_F : PSTATE_I))
        return false; /* masked: the line stays asserted */
    uc_reg_read(uc, UC_ARM64_REG_PC, &pc);
    uc_reg_read(uc, UC_ARM64_REG_VBAR_EL1, &vbar);
    uc_reg_write(uc, UC_ARM64_REG_ELR_EL1, &pc);
    write_sysreg(uc, 3, 0, 4, 0, 0, pstate); /* SPSR_EL1 */
    uint64_t entry = PSTATE_EL1H, vector = vbar + (fiq ? 0x300 : 0x280);
    uc_reg_write(uc, UC_ARM64_REG_PSTATE, &entry);
    uc_reg_write(uc, UC_ARM64_REG_PC, &vector);
    return true;
}

/* Has the guest enabled the device's SPI in GICD_ISENABLERn? The host may
 * read the distributor as any CPU interface would. */
static bool device_enabled(struct gic *gic)
{
    uint32_t val = 0;
    gic_dist_mmio_read(gic, 0, VINTC_GICD_ISENABLER + DEVICE_IRQ / 32 * 4, 4,
                       &val);
    return val & (1u << (DEVICE_IRQ % 32));
}

/* ---- main: build the machine, then the run loop ------------------------ */

int main(void)
{
    static struct machine m;
    uc_err err;

    /* The GIC: one CPU, 64 interrupt IDs, 4 list registers. No host
     * callbacks are needed by the LR backend in a single-threaded loop; a
     * threaded VMM passes a kick callback to wake a vCPU sleeping in WFI. */
    struct gic_config cfg = {
        .nr_cpus = 1, .nr_irqs = 64, .nr_lrs = NR_LRS, .backend = GIC_BACKEND_LR
    };
    int rc = gic_create(&cfg, NULL, NULL, &m.gic);
    if (rc) {
        fprintf(stderr, "gic_create: %s\n", vintc_strerror(rc));
        return 1;
    }
    gic_vif_init(&m.vif);

    /* The CPU and its memory map. */
    if ((err = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &m.uc)))
        fail_uc(err, "uc_open");
    m.ram = calloc(1, RAM_SIZE);
    if (!m.ram)
        return 1;
    load(m.ram, RAM_BASE, guest_main, sizeof guest_main / sizeof guest_main[0]);
    load(m.ram, VBAR + 0x280, guest_irq,
         sizeof guest_irq / sizeof guest_irq[0]);
    if ((err = uc_mem_map_ptr(m.uc, RAM_BASE, RAM_SIZE, UC_PROT_ALL, m.ram)))
        fail_uc(err, "map RAM");
    if ((err = uc_mmio_map(m.uc, GICD_BASE, VINTC_GIC_DIST_SIZE, gicd_read, &m,
                           gicd_write, &m)))
        fail_uc(err, "map GICD");
    if ((err = uc_mmio_map(m.uc, GICV_BASE, VINTC_GIC_CPU_SIZE, gicv_read, &m,
                           gicv_write, &m)))
        fail_uc(err, "map GICV");

    /* [2] SCR_EL3.RW = 1 (SCR_EL3 is op0 3, op1 6, CRn 1, CRm 1, op2 0),
     * keeping the other bits. */
    uc_arm64_cp_reg scr = { .crn = 1, .crm = 1, .op0 = 3, .op1 = 6, .op2 = 0 };
    uc_reg_read(m.uc, UC_ARM64_REG_CP_REG, &scr);
    write_sysreg(m.uc, 3, 6, 1, 1, 0, scr.val | 1u << 10);
    uint64_t pc = RAM_BASE, pstate = PSTATE_EL1H;
    uc_reg_write(m.uc, UC_ARM64_REG_PSTATE, &pstate);
    uc_reg_write(m.uc, UC_ARM64_REG_PC, &pc);

    /* The run loop. */
    unsigned pulses = 0, irq_entries = 0, slices = 0;
    uint32_t handled = 0;
    while (handled < PULSES && slices < 100 * PULSES) {
        /* The device: a new edge once the guest's driver has enabled the
         * SPI (an edge before that would be lost: SPIs reset to
         * level-sensitive) and handled the previous one. */
        handled = read_le32(m.ram, COUNTER);
        if (pulses == handled && pulses < PULSES && device_enabled(m.gic)) {
            gic_set_irq(m.gic, 0, DEVICE_IRQ, true);
            gic_set_irq(m.gic, 0, DEVICE_IRQ, false);
            pulses++;
        }

        /* Guest entry: LRs in, then the exception the virtual CPU interface
         * signals [3]: FIQ for a Group 0 interrupt while GICV_CTLR.FIQEn is
         * set (this guest uses neither), IRQ for the rest. */
        gic_lr_flush(m.gic, 0, &m.vif);
        if (gic_vif_fiq_line(&m.vif, NR_LRS))
            take_exception(m.uc, true);
        else if (gic_vif_irq_line(&m.vif, NR_LRS) &&
                 take_exception(m.uc, false))
            irq_entries++;

        /* One slice [1]; a WFI ends it early [4]. */
        uc_reg_read(m.uc, UC_ARM64_REG_PC, &pc);
        if ((err = uc_emu_start(m.uc, pc, 0, 0, SLICE)))
            fail_uc(err, "uc_emu_start");
        slices++;

        /* Guest exit: LRs out. A hypervisor also services the maintenance
         * interrupt here (gic_vif_maintenance()); the sync is what it asks
         * for. */
        gic_lr_sync(m.gic, 0, &m.vif);
    }

    handled = read_le32(m.ram, COUNTER);
    bool ok = handled == PULSES && m.bad_accesses == 0;
    printf("unicorn_aarch64: %u SPIs pulsed, %u handled by the guest, %u IRQ "
           "entries, "
           "%u slices: %s\n",
           pulses, handled, irq_entries, slices, ok ? "OK" : "FAIL");
    uc_close(m.uc);
    gic_destroy(m.gic);
    free(m.ram);
    return ok ? 0 : 1;
}

/* SPDX-License-Identifier: MIT */
/** @file
 * ARM GICv2 emulation: the distributor (GICD), interrupt injection, and two
 * backends: the list-register (LR) backend of the virtualization extension
 * with a software model of the virtual CPU interface (GICV), and the
 * CPU-interface backend, which emulates each CPU's GICC frame and drives its
 * IRQ/FIQ lines through the set_irq_line host callback.
 *
 * Thread safety: every function may be called from any thread, concurrently
 * with any other call on the same GIC, except gic_destroy(), gic_reset() and
 * gic_restore(), which need the GIC quiescent. The gic_vif_* functions work
 * on a caller-owned struct gic_vif and are as thread-safe as the caller's use
 * of that struct.
 * Host callbacks are invoked without library locks held.
 */
#ifndef VINTC_GICV2_H
#define VINTC_GICV2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vintc/export.h>
#include <vintc/gicv2_regs.h>
#include <vintc/host.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VINTC_GIC_MAX_CPUS  8      /**< CPU interfaces a GICv2 has at most */
#define VINTC_GIC_MAX_IRQS  1020   /**< interrupt IDs 0..1019 */
#define VINTC_GIC_MAX_LRS   64     /**< list registers GICH has room for */
#define VINTC_GIC_DIST_SIZE 0x1000 /**< bytes of the GICD frame */
#define VINTC_GIC_CPU_SIZE  0x2000 /**< GICC and GICV frames, DIR at 0x1000 */

/** IAR/HPPIR: no interrupt to acknowledge (spurious). */
#define VINTC_GIC_SPURIOUS_ID 1023u
/** IAR/HPPIR: the winner is a Group 1 interrupt that a Group 0
 * acknowledge (AckCtl = 0) may not take. */
#define VINTC_GIC_GROUP1_HIDDEN_ID 1022u

/** The library's default GICD_IIDR: implementer Arm (0x43B), revision 0,
 * product ID 'v' (0x76). */
#define VINTC_GIC_DEFAULT_IIDR 0x7600043Bu

/** How the guest's CPU interface is provided. */
enum gic_backend {
    GIC_BACKEND_LR = 0,   /**< list registers of the virtualization extension */
    GIC_BACKEND_CPUIF = 1 /**< an emulated GICC; not provided by this release */
};

/** What gic_create() builds. */
struct gic_config {
    unsigned nr_cpus; /**< 1..8 */
    unsigned nr_irqs; /**< multiple of 32, 32..1024 (IDs >= 1020 never exist) */
    unsigned nr_lrs;  /**< LR backend: 1..64; 4 is typical hardware */
    enum gic_backend backend; /**< GIC_BACKEND_LR */
    unsigned priority_bits; /**< 4..8; 0 means 5 (32 levels, as the LRs hold) */
    uint32_t iidr;          /**< GICD_IIDR; 0 means VINTC_GIC_DEFAULT_IIDR */
};

/** A GIC: distributor state and the per-vCPU interrupt lists. Opaque. */
struct gic;

/** Create a GIC.
 * @param cfg    configuration; validated, then copied.
 * @param ops    host callbacks, copied; may be NULL (no callbacks) for the
 *               LR backend, which requires none. GIC_BACKEND_CPUIF requires
 *               ops->set_irq_line.
 * @param opaque passed to every callback.
 * @param out    receives the new GIC.
 * @return 0; -EINVAL for a NULL cfg/out or a config outside the documented
 *         ranges (nr_cpus 1..8, nr_irqs a multiple of 32 in 32..1024,
 *         nr_lrs 1..64 (LR backend only), priority_bits 0 or 4..8, unknown
 *         backend), or GIC_BACKEND_CPUIF without ops->set_irq_line;
 *         -ENOMEM. */
VINTC_API int gic_create(const struct gic_config *cfg,
                         const struct vintc_host_ops *ops, void *opaque,
                         struct gic **out);

/** Free a GIC. NULL is accepted. The GIC must be quiescent.
 * @param gic the GIC, or NULL. */
VINTC_API void gic_destroy(struct gic *gic);

/** Put the GIC back to its architectural reset values: every distributor
 * register, pending latch, active state, SGI source and LR hand-over (a
 * vCPU's next gic_lr_sync() folds nothing), and on the CPU-interface backend
 * every GICC register (CTLR 0, PMR 0, BPR its minimum, ABPR the minimum + 1,
 * APRn/NSAPRn 0); every IRQ/FIQ line that was high is reported low through
 * set_irq_line before it returns. Device line levels (inputs the devices
 * still drive), hardware mappings and statistics are kept. The GIC must be
 * quiescent. NULL is a no-op.
 * @param gic the GIC, or NULL. */
VINTC_API void gic_reset(struct gic *gic);

/** Guest read of the distributor frame.
 * @param gic    the GIC.
 * @param cpu    the accessing CPU interface (selects banked registers).
 * @param offset offset from the GICD base.
 * @param size   1, 2 or 4 bytes.
 * @param val    receives the value (zero-extended); 0 on every error.
 * @return 0 when the access was handled, including RAZ/WI cases (reserved
 *         offsets, unsupported widths, interrupt IDs that do not exist);
 *         -EINVAL for a malformed access (NULL gic/val, size not 1/2/4,
 *         unaligned, offset >= VINTC_GIC_DIST_SIZE, cpu >= nr_cpus).
 * GICD_ISPENDR/ICPENDR read, for a level-sensitive interrupt, its pending
 * latch (set by ISPENDR) OR its line level, also while a vCPU's LRs hold it:
 * after gic_set_irq(..., false) it reads not pending at once unless
 * latched. For an edge-triggered interrupt they read the latch, including a
 * pending state handed to an LR. */
VINTC_API int gic_dist_mmio_read(struct gic *gic, unsigned cpu, uint32_t offset,
                                 unsigned size, uint32_t *val);

/** Guest write of the distributor frame. Same rules and return values as
 * gic_dist_mmio_read(); bits of `val` above `size` bytes are ignored.
 * Every write by which an interrupt becomes deliverable to a vCPU kicks that
 * vCPU once (GICD_CTLR, ISENABLER, ITARGETSR, IGROUPR, IPRIORITYR, ICFGR,
 * ISPENDR, ICACTIVER, SGIR, SPENDSGIR), and a write that changes an
 * interrupt held in a vCPU's LRs kicks that vCPU, so it syncs.
 * @param gic    the GIC.
 * @param cpu    the accessing CPU interface (selects banked registers).
 * @param offset offset from the GICD base.
 * @param size   1, 2 or 4 bytes.
 * @param val    the value; bits above `size` bytes are ignored.
 * @return 0 when the access was handled, including RAZ/WI cases; -EINVAL
 *         for a malformed access (NULL gic, size not 1/2/4, unaligned,
 *         offset >= VINTC_GIC_DIST_SIZE, cpu >= nr_cpus). */
VINTC_API int gic_dist_mmio_write(struct gic *gic, unsigned cpu,
                                  uint32_t offset, unsigned size, uint32_t val);

/** Device input.
 * SPI (irq >= 32): cpu is ignored. PPI (16..31): cpu selects the bank.
 * Edge-triggered: a rising level (false->true) sets the pending latch.
 * Level-sensitive: the line follows `level`.
 * LR backend: kicks the target vCPU when the interrupt becomes deliverable
 * to it, also when it was already queued.
 * CPU-interface backend: every CPU whose interface signals differently
 * afterwards gets its line reported through set_irq_line (a multi-target
 * SPI raises the line of each targeted CPU that can take it), and a CPU
 * whose interface starts to signal is kicked after that.
 * @param gic   the GIC.
 * @param cpu   PPI: the CPU whose bank; SPI: ignored.
 * @param irq   interrupt ID, 16..nr_irqs-1.
 * @param level the line's new level.
 * @return 0; -EINVAL for NULL gic, an SGI (0..15), irq >= nr_irqs or >= 1020,
 *         or (PPI) cpu >= nr_cpus. */
VINTC_API int gic_set_irq(struct gic *gic, unsigned cpu, unsigned irq,
                          bool level);

/** True when vCPU `cpu` has an interrupt it could take now.
 * LR backend: enabled, pending (and not active), group enabled in GICD_CTLR,
 * routed to it, and - once the vCPU has been synced at least once -
 * signalled by the virtual CPU interface as it was at the last
 * gic_lr_sync(): the highest-priority such interrupt of a group enabled in
 * VMCR is below the priority mask and its group priority preempts the
 * running priority (only that one interrupt is considered, as for
 * GICV_IAR).
 * CPU-interface backend: its CPU interface signals IRQ or FIQ (the level
 * set_irq_line reports).
 * @param gic the GIC.
 * @param cpu the vCPU.
 * @return true when it has such an interrupt; false otherwise, and for a
 *         NULL gic or cpu out of range. */
VINTC_API bool gic_cpu_pending(struct gic *gic, unsigned cpu);

/* ------------------------------------------------------------------------ */
/* LR backend                                                               */


/** The hardware view of one vCPU's virtual interface: the GICH registers, in
 * their architected layout. A hypervisor copies these to and from GICH_HCR,
 * GICH_VMCR, GICH_APR and GICH_LRn; an emulator keeps one per vCPU and lets
 * the guest drive it through gic_vif_mmio_*(). */
struct gic_vif {
    uint32_t hcr;                   /**< GICH_HCR (EOICount in [31:27]) */
    uint32_t vmcr;                  /**< GICH_VMCR: guest-owned GICV state */
    uint32_t apr;                   /**< GICH_APR: active priorities */
    uint32_t lr[VINTC_GIC_MAX_LRS]; /**< GICH_LRn, GICv2 layout, nr_lrs used */

    /* Software GICV model only, no GICH register: the GICV_DIR writes (with
     * EOImode = 1) that named no active LR since the last gic_lr_sync(), so
     * that the sync deactivates exactly those interrupts. A hypervisor with
     * hardware GICH leaves them 0 (gic_vif_init() zeroes them; gic_lr_sync()
     * clears them) and reports trapped DIR writes with gic_lr_deactivate(). */
    uint32_t dir_count; /**< such DIR writes (each also counted in EOICount) */
    uint32_t dir_ids[32]; /**< bit n%32 of word n/32: ID n (16..1019) named */
    uint8_t dir_sgi_src[16]; /**< SGI n: bit c = named with source CPUID c */
};

/** Architectural reset values: HCR 0, VMCR 0x004C0000 (BPR 2, ABPR 3),
 * APR 0, every LR 0; the DIR record fields 0. NULL is a no-op.
 * @param vif the virtual interface to reset. */
VINTC_API void gic_vif_init(struct gic_vif *vif);

/** Before entering the guest: write vCPU `cpu`'s pending and active
 * interrupts into vif->lr (nr_lrs of them; the rest of the array is left
 * alone) in priority order (lower value first; pending before active at equal
 * priority), and set vif->hcr's En, UIE, NPIE and LRENPIE as the overflow
 * state requires. vmcr and apr are left as they are. LRENPIE set means an
 * active interrupt stays outside the LRs: with hardware GICH and a guest in
 * EOImode 1, trap the GICV_DIR page (see gic_lr_deactivate()).
 * Calling it twice without gic_lr_sync() in between first returns the
 * previous LR contents to the distributor unchanged.
 * @param gic the GIC.
 * @param cpu the vCPU about to enter the guest.
 * @param vif the vCPU's virtual interface.
 * @return the number of LRs used (0..nr_lrs); -EINVAL for NULL arguments or
 *         cpu >= nr_cpus; -EOPNOTSUPP on a CPU-interface GIC. */
VINTC_API int gic_lr_flush(struct gic *gic, unsigned cpu, struct gic_vif *vif);

/** After the guest exits: fold the LRs and EOICount back into the distributor
 * state, clear EOICount, and call irq_eoi for deactivated level-triggered
 * interrupts. EISR, ELRSR and MISR are derived from the LRs.
 * Interrupts active outside the LRs are deactivated first: those named by
 * the GICV_DIR writes the software GICV recorded in vif->dir_* (which it
 * also counted in EOICount), then, for the rest of EOICount (EOImode-0 EOIs
 * of interrupts outside the LRs), the highest-priority active one each; the
 * DIR record is cleared with EOICount. Only the state
 * bits of the LRs written by the last gic_lr_flush() are taken; an LR whose
 * VirtualID (or SGI CPUID) no longer matches what was flushed is counted as
 * bad and read as unchanged. A sync with no flush before it only consumes
 * EOICount.
 * @param gic the GIC.
 * @param cpu the vCPU that exited the guest.
 * @param vif the vCPU's virtual interface, as the guest left it.
 * @return the number of LRs folded; -EINVAL for NULL arguments or
 *         cpu >= nr_cpus; -EOPNOTSUPP on a CPU-interface GIC. */
VINTC_API int gic_lr_sync(struct gic *gic, unsigned cpu, struct gic_vif *vif);

/** Report a guest write of `dir_value` to GICV_DIR that the VMM trapped.
 *
 * With EOImode = 1 the guest deactivates with GICV_DIR, in any order. For
 * an interrupt held active in an LR the hardware does that itself; for one
 * active outside the LRs it only increments GICH_HCR.EOICount, which does
 * not say which interrupt was meant (gic_lr_sync() then deactivates the
 * highest-priority one, the right choice only for EOImode 0). So a VMM with
 * hardware GICH must trap the GICV_DIR page (GICV base + 0x1000) whenever
 * the guest may use EOImode = 1 (GICH_VMCR bit 9) while an active interrupt
 * of the vCPU lives outside the LRs, which is when gic_lr_flush() sets
 * GICH_HCR.LRENPIE - or always, as KVM does. The software GICV model
 * (gic_vif_mmio_write()) needs no trap: it records such DIRs in the vif.
 *
 * Call it with the vCPU out of the guest and its LRs folded back, i.e.
 * after gic_lr_sync() and before the next gic_lr_flush(); the trapped write
 * may name an interrupt that was in an LR, which the sync has taken back.
 * It deactivates the interrupt `dir_value` names ([9:0] ID, [12:10] source
 * CPU of an SGI) if it is active on vCPU `cpu`, reporting irq_eoi for a
 * level-triggered one and kicking the vCPU it is pending for, if another.
 * For a hardware-mapped interrupt (gic_map_hw_irq()) the VMM deactivates
 * the physical interrupt itself, as the trapped write would have.
 * A DIR while the last synced VMCR has EOImode = 0 (UNPREDICTABLE), of an
 * interrupt not active on this vCPU, of an SGI with another source, or of
 * IDs 1020..1023 or beyond nr_irqs changes nothing.
 * @param gic       the GIC.
 * @param cpu       the vCPU whose guest wrote GICV_DIR.
 * @param dir_value the value written.
 * @return 1 when an interrupt was deactivated, 0 when the write changed
 *         nothing; -EINVAL for a NULL gic or cpu >= nr_cpus; -EBUSY when the
 *         vCPU's LRs are handed out (flushed and not yet synced);
 *         -EOPNOTSUPP on a CPU-interface GIC. */
VINTC_API int gic_lr_deactivate(struct gic *gic, unsigned cpu,
                                uint32_t dir_value);

/** Hardware-mapped interrupts (a passed-through device, the virtual timer):
 * LRs for `irq` on vCPU `cpu` carry HW = 1 and PhysicalID = `pirq`, so the
 * guest's deactivation reaches the physical interrupt directly and no EOI
 * maintenance is requested. PPIs map per vCPU; for SPIs `cpu` is ignored.
 * Remapping an already mapped interrupt replaces the mapping.
 * @param gic  the GIC.
 * @param cpu  PPI: the vCPU; SPI: ignored.
 * @param irq  the virtual interrupt ID (PPI or SPI).
 * @param pirq the physical interrupt ID, 16..1019.
 * @return 0; -EINVAL for NULL gic, irq not a PPI or SPI below nr_irqs,
 *         (PPI) cpu >= nr_cpus, or pirq not in 16..1019; -EOPNOTSUPP on a
 *         CPU-interface GIC (there are no list registers). */
VINTC_API int gic_map_hw_irq(struct gic *gic, unsigned cpu, unsigned irq,
                             unsigned pirq);
/** Remove a hardware mapping.
 * @param gic the GIC.
 * @param cpu PPI: the vCPU; SPI: ignored.
 * @param irq the mapped virtual interrupt ID.
 * @return 0; -EINVAL for bad arguments as for gic_map_hw_irq() or when
 *         `irq` is not mapped. */
VINTC_API int gic_unmap_hw_irq(struct gic *gic, unsigned cpu, unsigned irq);

/* Software model of the virtual CPU interface (GICV), for emulators and
 * tests. It behaves as GICv2 hardware does over the same struct gic_vif. */


/** Guest read of the GICV frame (VINTC_GIC_CPU_SIZE bytes, DIR page at 0x1000).
 *
 * Registers (32-bit accesses): GICV_CTLR (EnableGrp0 [0], EnableGrp1 [1],
 * AckCtl [2], FIQEn [3], CBPR [4], EOImode [9]; the same bits of vif->vmcr),
 * GICV_PMR (VMCR[31:27] = PMR[7:3]; PMR[2:0] RAZ/WI), GICV_BPR (VMCR[23:21],
 * minimum 2: a smaller write sets 2), GICV_ABPR (VMCR[20:18], minimum 3),
 * GICV_IAR, GICV_RPR, GICV_HPPIR, GICV_AIAR, GICV_AHPPIR, GICV_APR0
 * (= vif->apr), GICV_IIDR (VINTC_GICV_IIDR_VALUE). Everything else - reserved
 * offsets, APR1-3, and the write-only EOIR, AEOIR and DIR - reads as zero.
 *
 * Model (LR priority p = LR[27:23] << 3; the group priority masks p with
 * [7:VMBP+1], or [7:VMABP] for Group 1 when CBPR = 0; GICH_APR bit k =
 * preemption level k = group priority >> 3; running priority = 8 * (lowest
 * set APR bit), 0xFF when APR = 0):
 * - GICV_IAR takes the highest-priority LR in state pending (01 only;
 *   pending+active is not acknowledgeable) whose group is enabled in VMCR;
 *   equal priorities go to the lowest-numbered LR. That LR, and only that
 *   one, is acknowledged if it has sufficient priority: p < PMR and group
 *   priority < running priority. Otherwise the read returns 1023, even when
 *   split binary points (CBPR = 0, VMABP != VMBP + 1) would let a
 *   lower-priority LR of the other group preempt (IHI 0048B 3.2: the CPU
 *   interface signals the highest priority pending interrupt if it has
 *   sufficient priority). Acknowledging returns VirtualID | CPUID << 10
 *   (CPUID only when HW = 0), makes the LR active and sets its APR bit. No
 *   candidate: 1023. A Group 1 winner with AckCtl = 0: 1022 and nothing
 *   acknowledged.
 * - GICV_AIAR is the Non-secure view of GICV_IAR (IHI 0048B 4.4.9, 5.3): the
 *   same LR is considered and taken when it is Group 1 (never 1022); when it
 *   is Group 0, 1023 and nothing is acknowledged, even if a lower-priority
 *   Group 1 LR is pending.
 * - GICV_HPPIR names the interrupt of highest priority among the pending LRs
 *   of the enabled groups, NOT filtered by PMR or the running priority
 *   (the architecture defines it as the highest priority pending interrupt;
 *   PMR and running priority decide only whether it is signalled and
 *   acknowledgeable), pending+active excluded, 1023 if none, 1022 for a Group 1
 *   winner with AckCtl = 0. GICV_AHPPIR: the same LR, 1023 when it is
 *   Group 0, never 1022.
 * - With GICH_HCR.En = 0 the virtual CPU interface is disabled: GICV_IAR
 *   and GICV_AIAR return 1023 and change no LR and no APR bit, and GICV_HPPIR
 *   and GICV_AHPPIR return 1023 as well (the architecture leaves HPPIR with
 *   En = 0 open; this follows QEMU). gic_lr_flush() sets En.
 *
 * @param vif    the vCPU's virtual interface state.
 * @param nr_lrs number of implemented LRs (1..64); vif->lr[nr_lrs..63] are
 *               never read or written.
 * @param offset offset from the GICV base.
 * @param size   access width in bytes: 1, 2 or 4.
 * @param val    receives the value; 0 on every error and RAZ case.
 * @return 0 when the access was handled, including every RAZ case: a
 *         well-formed 1- or 2-byte access, reserved offsets and write-only
 *         registers; -EINVAL for NULL vif/val, nr_lrs outside 1..64, size not
 *         1/2/4, an offset not aligned to size, or offset >=
 * VINTC_GIC_CPU_SIZE. Reading GICV_IAR/GICV_AIAR acknowledges. */
VINTC_API int gic_vif_mmio_read(struct gic_vif *vif, unsigned nr_lrs,
                                uint32_t offset, unsigned size, uint32_t *val);

/** Guest write of the GICV frame. Same access rules as gic_vif_mmio_read():
 * a well-formed 1- or 2-byte write, a reserved offset, APR1-3 and the
 * read-only registers are ignored.
 * - GICV_EOIR: IDs 1020..1023 are ignored. With GICH_APR = 0 (nothing
 *   active) the write is ignored entirely: no drop, no deactivation, no
 *   EOICount. Otherwise it drops priority (clears the lowest set APR bit)
 *   and, with EOImode = 0, deactivates the LR holding the ID in state active
 *   (-> invalid) or pending+active (-> pending); for IDs below 16 in an LR
 *   with HW = 0 the CPUID in [12:10] must match as well. If no LR matches,
 *   GICH_HCR.EOICount is incremented (5 bits, wraps to 0). With EOImode = 1
 *   it only drops priority. A deactivated LR keeps its EOI bit, so it shows
 *   in gic_vif_eisr().
 * - GICV_AEOIR behaves exactly as GICV_EOIR: it does not check that the ID
 *   is a Group 1 interrupt (an AEOIR of a Group 0 interrupt is UNPREDICTABLE
 *   in the architecture).
 * - GICV_DIR (EOImode = 1): deactivates as above, or, when no LR holds the
 *   ID active, increments EOICount as hardware does and records the ID (and
 *   an SGI's source) in vif->dir_*, so that gic_lr_sync() deactivates
 *   exactly that interrupt; IDs 1020..1023 are ignored. With EOImode = 0 a
 *   DIR write is UNPREDICTABLE in the architecture and is ignored. EOIR with
 *   EOImode = 1 never counts (it deactivates nothing).
 * - GICV_APR0 writes vif->apr as is.
 *
 * @param vif    the vCPU's virtual interface state.
 * @param nr_lrs number of implemented LRs (1..64).
 * @param offset offset from the GICV base.
 * @param size   access width in bytes: 1, 2 or 4.
 * @param val    the value written.
 * @return 0 when the access was handled, including every ignored case;
 *         -EINVAL for NULL vif, nr_lrs outside 1..64, size not 1/2/4,
 *         unaligned, or offset >= VINTC_GIC_CPU_SIZE. */
VINTC_API int gic_vif_mmio_write(struct gic_vif *vif, unsigned nr_lrs,
                                 uint32_t offset, unsigned size, uint32_t val);

/** GICH_MISR derived from the vif: EOI = any EISR bit; U = UIE and at most
 * one LR not invalid; LRENP = LRENPIE and EOICount != 0; NP = NPIE and no LR
 * in state pending (01; pending+active does not count); VGrp0E/VGrp0D/
 * VGrp1E/VGrp1D = the HCR enable and VMCR's group enable set/clear.
 * @param vif    the virtual interface.
 * @param nr_lrs number of implemented LRs (1..64).
 * @return the GICH_MISR value; 0 for NULL or nr_lrs out of range. */
VINTC_API uint32_t gic_vif_misr(const struct gic_vif *vif, unsigned nr_lrs);
/** GICH_EISR1:EISR0: bit n (n < nr_lrs) = LR n is invalid, HW = 0 and
 * EOI = 1.
 * @param vif    the virtual interface.
 * @param nr_lrs number of implemented LRs (1..64).
 * @return EISR1 in bits 63:32, EISR0 in 31:0; 0 for NULL or nr_lrs out of
 *         range. */
VINTC_API uint64_t gic_vif_eisr(const struct gic_vif *vif, unsigned nr_lrs);
/** GICH_ELRSR1:ELRSR0: bit n (n < nr_lrs) = LR n is empty: invalid, and
 * HW = 1 or EOI = 0.
 * @param vif    the virtual interface.
 * @param nr_lrs number of implemented LRs (1..64).
 * @return ELRSR1 in bits 63:32, ELRSR0 in 31:0; 0 for NULL or nr_lrs out of
 *         range. */
VINTC_API uint64_t gic_vif_elrsr(const struct gic_vif *vif, unsigned nr_lrs);
/** The maintenance interrupt's level: HCR.En && MISR != 0.
 * @param vif    the virtual interface.
 * @param nr_lrs number of implemented LRs (1..64).
 * @return the level; false for NULL or nr_lrs out of range. */
VINTC_API bool gic_vif_maintenance(const struct gic_vif *vif, unsigned nr_lrs);
/** Would the vCPU's virtual IRQ be asserted: HCR.En and the LR GICV_IAR
 * would consider (the highest-priority pending LR of an enabled group) has
 * priority < PMR and group priority < running priority, and it is Group 1
 * or GICV_CTLR.FIQEn (GICH_VMCR.VMFIQEn) is clear. AckCtl plays no part. A
 * Group 0 LR with FIQEn set asserts the virtual FIQ instead:
 * gic_vif_fiq_line() (IHI 0048B 5.3, GICV_CTLR.FIQEn).
 * @param vif    the virtual interface.
 * @param nr_lrs number of implemented LRs (1..64).
 * @return the line's level; false for NULL or nr_lrs out of range. */
VINTC_API bool gic_vif_irq_line(const struct gic_vif *vif, unsigned nr_lrs);
/** Would the vCPU's virtual FIQ be asserted: as gic_vif_irq_line(), for a
 * Group 0 LR while GICV_CTLR.FIQEn (GICH_VMCR.VMFIQEn) is set. At most one
 * of the two lines is asserted at a time. An emulator takes the FIQ
 * exception when this is true and PSTATE.F is clear.
 * @param vif    the virtual interface.
 * @param nr_lrs number of implemented LRs (1..64).
 * @return the line's level; false for NULL or nr_lrs out of range. */
VINTC_API bool gic_vif_fiq_line(const struct gic_vif *vif, unsigned nr_lrs);

/* ------------------------------------------------------------------------ */
/* CPU-interface backend                                                    */

/** Guest read of CPU `cpu`'s GICC frame (VINTC_GIC_CPU_SIZE bytes, GICC_DIR
 * at 0x1000), on a GIC created with GIC_BACKEND_CPUIF. The whole GICv2 CPU
 * interface without the Security Extensions; every register is 32 bits
 * wide:
 * - GICC_CTLR: EnableGrp0 [0], EnableGrp1 [1], AckCtl [2], FIQEn [3], CBPR
 *   [4], EOImode [9]; the other bits (bypass disables included) are RAZ/WI.
 * - GICC_PMR: the upper priority_bits bits are implemented, the rest RAZ/WI.
 *   An interrupt is signalled only if its priority is strictly below PMR.
 * - GICC_BPR and GICC_ABPR, [2:0]: with n = min(priority_bits, 7), BPR's
 *   minimum is 7 - n and ABPR's is 8 - n; a smaller write sets the minimum,
 *   and reset sets the minimum (BPR) and the minimum + 1 (ABPR). Group 0
 *   (and Group 1 when CBPR = 1) compares the group priority bits [7:BPR+1];
 *   Group 1 with CBPR = 0 compares bits [7:ABPR].
 * - GICC_IAR: the CPU interface presents the highest-priority interrupt that
 *   is enabled, pending and not active, whose group is enabled in GICD_CTLR
 *   and GICC_CTLR and that targets this CPU (ties: the lowest ID). If it has
 *   sufficient priority (below PMR, group priority below the running
 *   priority) the read acknowledges it and returns its ID, with the source
 *   CPU in [12:10] for an SGI (lowest pending source first); otherwise 1023.
 *   A Group 1 interrupt read with AckCtl = 0 returns 1022 and stays pending.
 *   Acknowledging sets the active-priority bit of its preemption level (the
 *   group priority >> (8 - n)) in GICC_APRn (Group 0) or GICC_NSAPRn
 *   (Group 1), makes it active (active and pending for a level line still
 *   high or an SGI pending from another source) and, for an SPI, takes it
 *   from every other CPU it targets (1-of-N).
 * - GICC_AIAR / GICC_AHPPIR: the Non-secure view of IAR / HPPIR (IHI 0048B
 *   4.4.9, 4.4.11): the same interrupt is considered, and reported when it is
 *   Group 1 (never 1022); when it is Group 0, 1023 and nothing is
 *   acknowledged, even if a lower-priority Group 1 interrupt is pending.
 * - GICC_HPPIR: the interrupt IAR would consider, whether or not it has
 *   sufficient priority; 1022/1023 as for IAR; no side effect.
 * - GICC_RPR: the running priority, the preemption level of the lowest set
 *   bit of APRn | NSAPRn, shifted back (level << (8 - n)); 0xFF when idle.
 * - GICC_APR0..3, GICC_NSAPR0..3: 2^n active-priority bits each; words and
 *   bits beyond them are RAZ/WI. Writes take effect as they are.
 * - GICC_IIDR: VINTC_GICC_IIDR_VALUE (ArchRev 2).
 * - EOIR, AEOIR and DIR are write-only and read as zero; reserved and
 *   IMPDEF offsets are RAZ.
 * Any thread may call it, but the architecture's "this CPU" view means a
 * CPU's GICC accesses normally come from that CPU's thread.
 * @param gic    the GIC.
 * @param cpu    the accessing CPU interface, 0..nr_cpus-1.
 * @param offset offset from the GICC base.
 * @param size   1, 2 or 4 bytes; 1- and 2-byte accesses are RAZ/WI.
 * @param val    receives the value; 0 on every error and RAZ case.
 * @return 0 when the access was handled, including every RAZ case;
 *         -EINVAL for NULL gic/val, size not 1/2/4, an offset not aligned to
 *         size, offset >= VINTC_GIC_CPU_SIZE or cpu >= nr_cpus (counted in
 *         mmio_malformed); -EOPNOTSUPP on a GIC created with the LR backend. */
VINTC_API int gic_cpuif_mmio_read(struct gic *gic, unsigned cpu,
                                  uint32_t offset, unsigned size,
                                  uint32_t *val);

/** Guest write of CPU `cpu`'s GICC frame. Same access rules and return
 * values as gic_cpuif_mmio_read(); bits of `val` above `size` bytes are
 * ignored; read-only registers, reserved offsets and 1- or 2-byte writes are
 * ignored.
 * - GICC_EOIR / GICC_AEOIR: an ID that does not exist (>= nr_irqs, 1020..1023
 *   included) is ignored, and so is the write when nothing is active.
 *   Otherwise it drops the running priority (clears the lowest set bit of
 *   APRn | NSAPRn) and, with EOImode = 0, deactivates the interrupt it names
 *   (IDs below 32 in this CPU's bank; the SGI source field is not compared).
 *   AEOIR behaves exactly as EOIR.
 * - GICC_DIR: with EOImode = 1, deactivates the named interrupt, in any order
 *   and without a priority change; with EOImode = 0 it is ignored
 *   (UNPREDICTABLE in the architecture). An SPI is deactivated whichever CPU
 *   writes it.
 * Deactivating a level-triggered interrupt calls irq_eoi (after the GIC's
 * lock is dropped); an interrupt still pending then is signalled again.
 * Every change in what a CPU interface signals is reported through
 * set_irq_line: IRQ (line 0) for Group 1, and for Group 0 unless FIQEn is
 * set, which makes Group 0 go out as FIQ (line 1). A CPU whose interface
 * starts to signal is kicked as well, after its line was reported.
 * @param gic    the GIC.
 * @param cpu    the accessing CPU interface, 0..nr_cpus-1.
 * @param offset offset from the GICC base.
 * @param size   1, 2 or 4 bytes; 1- and 2-byte writes are ignored.
 * @param val    the value written.
 * @return as for gic_cpuif_mmio_read(). */
VINTC_API int gic_cpuif_mmio_write(struct gic *gic, unsigned cpu,
                                   uint32_t offset, unsigned size,
                                   uint32_t val);

/* ------------------------------------------------------------------------ */
/* Introspection                                                            */

/** Counters of one vCPU (or, with VINTC_GIC_STATS_ALL, the sum over all vCPUs
 * plus the events that belong to no vCPU). */
struct gic_stats {
    uint64_t mmio_reads;     /**< well-formed distributor reads */
    uint64_t mmio_writes;    /**< well-formed distributor writes */
    uint64_t mmio_razwi;     /**< of those, RAZ/WI: reserved offset,
                                  unsupported width, nonexistent interrupt */
    uint64_t mmio_malformed; /**< accesses refused with -EINVAL */
    uint64_t injections;     /**< gic_set_irq calls that changed state */
    uint64_t sgis_sent;      /**< SGIs made pending (SGIR, SPENDSGIR) */
    uint64_t kicks;          /**< kick callbacks issued for this vCPU */
    uint64_t lr_flushes;     /**< gic_lr_flush calls */
    uint64_t lr_syncs;       /**< gic_lr_sync calls */
    uint64_t lr_writes;      /**< LRs filled by flushes */
    uint64_t lr_overflows;   /**< flushes that left interrupts out */
    uint64_t lr_bad;         /**< LRs at sync that did not match the flush */
    uint64_t eoi_count;      /**< EOICount consumed at syncs */
    uint64_t eoi_notifies;   /**< irq_eoi callbacks issued */
    uint64_t cpuif_reads; /**< well-formed GICC reads (CPU-interface backend) */
    uint64_t cpuif_writes;   /**< well-formed GICC writes */
    uint64_t cpuif_razwi;    /**< of those, RAZ/WI: reserved offset, write-only
                                  or read-only register, width other than 4 */
    uint64_t cpuif_acks;     /**< GICC_IAR/AIAR reads that acknowledged */
    uint64_t cpuif_spurious; /**< GICC_IAR/AIAR reads that returned 1022/1023 */
    uint64_t cpuif_eois; /**< GICC_EOIR/AEOIR writes that dropped priority */
    uint64_t
        cpuif_deactivations; /**< interrupts deactivated by EOIR/AEOIR/DIR */
    uint64_t line_changes;   /**< set_irq_line calls for this CPU */
};
/** gic_get_stats() `cpu` value selecting the sum over all vCPUs. */
#define VINTC_GIC_STATS_ALL (~0u)

/** Copy the counters of vCPU `cpu` (or VINTC_GIC_STATS_ALL).
 * @param gic the GIC.
 * @param cpu a vCPU, or VINTC_GIC_STATS_ALL.
 * @param out receives the counters.
 * @return 0; -EINVAL for NULL arguments or cpu out of range. */
VINTC_API int gic_get_stats(struct gic *gic, unsigned cpu,
                            struct gic_stats *out);

/** Write one line per interrupt that is enabled, pending or active, in the
 * spirit of KVM's vgic-state file, after a header with GICD_CTLR and the
 * per-vCPU queue lengths (on the CPU-interface backend also each CPU's
 * GICC_CTLR, PMR, BPR, ABPR, RPR, APRn, NSAPRn and IRQ/FIQ levels).
 * @param gic the GIC.
 * @param out the stream to write to.
 * @return the number of interrupt lines written; -EINVAL for NULL arguments;
 *         -EIO when writing to `out` failed. */
VINTC_API int gic_dump(struct gic *gic, FILE *out);

/** Save the whole GIC state into a snapshot blob (layout:
 * docs/snapshot-format.md): the configuration echo, GICD_CTLR, every
 * interrupt's enable, group, trigger, priority, SPI targets, line level,
 * pending latch, active state and (SPIs) the vCPU that has it active, the
 * pending and active SGI sources of each CPU, the hardware mappings, and
 * the guest's CPU-interface state: on the LR backend each vCPU's
 * GICH_VMCR/GICH_APR as the last gic_lr_sync() saw them and the order of
 * each vCPU's pending and active interrupts (which decides among equal
 * priorities), written as format version 1; on the CPU-interface backend
 * each GICC's CTLR, PMR, BPR, ABPR, APR0..3 and NSAPR0..3, written as
 * format version 2. Statistics are not saved (they count this instance's
 * host-side work).
 *
 * LRs in flight: between gic_lr_flush() and gic_lr_sync() a vCPU's list
 * registers hold interrupt state that only the guest side knows (it may have
 * acknowledged or completed them). A snapshot taken then would lose that
 * interrupt or deliver it twice, so gic_save() refuses with -EBUSY; the VMM
 * makes that vCPU exit and runs gic_lr_sync() (gic_lr_in_flight() names the
 * vCPUs concerned), then saves. Once every vCPU is synced the LRs hold
 * nothing the snapshot lacks, so a snapshot taken at any point of a run loop
 * that syncs before saving loses and duplicates no interrupt.
 *
 * @param gic the GIC; may run concurrently with injections and register
 *            accesses (the blob is one consistent state).
 * @param buf destination, or NULL to ask for the size.
 * @param len size of buf; ignored when buf is NULL.
 * @return the blob size in bytes (also with buf == NULL); -EINVAL for a
 *         NULL gic; -EBUSY when a vCPU has LRs in flight
 *         (flushed, not yet synced); -ENOSPC when len is smaller than the blob
 * (buf contents are then unspecified). */
VINTC_API int gic_save(struct gic *gic, void *buf, size_t len);

/** Replace the whole GIC state with a snapshot made by gic_save(), all or
 * nothing. The blob must have been taken from a GIC with the same nr_cpus,
 * nr_irqs, priority_bits and GICD_IIDR; nr_lrs may differ (a VM moves to a
 * host with another LR count) and so may the backend: a blob of either
 * backend restores into a GIC of either, the guest's CPU-interface state
 * converted exactly between GICH_VMCR/GICH_APR and the GICC registers
 * (docs/snapshot-format.md, "Moving between backends"; on the LR backend
 * gic_lr_get_vmcr() then gives the VMM the GICV state to load). Every LR
 * hand-over is dropped (as after gic_reset()): flush before entering the
 * guest again. On the CPU-interface backend each CPU's IRQ/FIQ levels are
 * recomputed and every change is reported through set_irq_line after the
 * lock is dropped (and kick for a CPU whose line rises); no other host
 * callback is made. Statistics are kept. The GIC must be quiescent.
 * @param gic the GIC to overwrite.
 * @param buf the blob.
 * @param len its exact size.
 * @return 0; -EINVAL for a NULL argument, and for a blob that is not exactly a
 *         valid snapshot: wrong size (truncated or with trailing bytes), wrong
 *         magic, a kind other than GICv2, a format version this library cannot
 *         read (0 or newer), a checksum mismatch, another configuration, or a
 *         state the GIC cannot be in (an SGI source or SPI target naming a CPU
 *         that does not exist, an active SPI owned by no existing CPU, an SGI
 *         not enabled or not edge-triggered, a PPI edge-triggered, priority
 *         bits below the configured ones, bits for interrupt IDs that do not
 *         exist, a hardware mapping out of range or listed twice, a vCPU's
 *         interrupt list that does not name exactly the interrupts pending or
 *         active there, a GICC register value no write can leave, ...), and for
 *         a blob of the other backend whose guest CPU-interface state has no
 *         exact equivalent here (a PMR or active priority finer than the GICV's
 *         5 bits going to the LR backend; a GICH_APR level or PMR a GICC with 4
 *         priority bits lacks, reserved GICH_VMCR bits or hardware mappings
 *         going to the CPU-interface backend); -ENOMEM when the scratch state
 *         cannot be allocated. On any error the GIC is unchanged. */
VINTC_API int gic_restore(struct gic *gic, const void *buf, size_t len);

/** Load vCPU `cpu`'s guest CPU-interface state as the library holds it, the
 * GICH_VMCR and GICH_APR the last gic_lr_sync() recorded or the last
 * gic_restore() installed, into vif->vmcr and vif->apr (nothing else of
 * vif changes). After a restore, and above all after one from a
 * CPU-interface GIC, the VMM uses it to put the guest's GICV state back
 * before it enters the guest.
 * @param gic the GIC.
 * @param cpu the vCPU.
 * @param vif receives vmcr and apr.
 * @return 1 when the values were recorded by a sync or a restore; 0 when
 *         none recorded them (the reset values VMCR 0x004C0000, APR 0);
 *         -EINVAL for a NULL argument or cpu >= nr_cpus; -EOPNOTSUPP on a
 *         CPU-interface GIC. */
VINTC_API int gic_lr_get_vmcr(struct gic *gic, unsigned cpu,
                              struct gic_vif *vif);

/** How many list registers the last gic_lr_flush() handed to vCPU `cpu`
 * that no gic_lr_sync() has taken back yet: non-zero makes gic_save() fail
 * with -EBUSY.
 * @param gic the GIC.
 * @param cpu the vCPU.
 * @return that count (0..nr_lrs); -EINVAL for a NULL gic or cpu out of
 *         range; -EOPNOTSUPP on a GIC with the CPU-interface backend. */
VINTC_API int gic_lr_in_flight(struct gic *gic, unsigned cpu);

#ifdef __cplusplus
}
#endif

#endif

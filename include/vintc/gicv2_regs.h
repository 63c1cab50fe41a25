/* SPDX-License-Identifier: MIT */
/** @file
 * GICv2 register offsets and fields, with the architecture's names behind a
 * VINTC_ prefix (ARM IHI 0048B chapter 4: GICD in 4.3, GICC in 4.4, GICH and
 * GICV in 5.3 and 5.4). Included by <vintc/gicv2.h>; usable on its own by
 * code that only needs the register map. Every offset is relative to its
 * frame's base.
 */
#ifndef VINTC_GICV2_REGS_H
#define VINTC_GICV2_REGS_H

#include <stdint.h>

/** @name Distributor (GICD) register offsets, IHI 0048B table 4-1
 * Banked and per-interrupt registers give the base of the register array:
 * the register for interrupt `n` is at base + (n / 32) * 4 for one bit per
 * interrupt, base + n for a byte (IPRIORITYR, ITARGETSR, CPENDSGIR and
 * SPENDSGIR by SGI), base + (n / 16) * 4 for ICFGR.
 * @{ */
/** Distributor Control Register */
#define VINTC_GICD_CTLR 0x000u
/** Interrupt Controller Type Register */
#define VINTC_GICD_TYPER 0x004u
/** Distributor Implementer Identification Register */
#define VINTC_GICD_IIDR    0x008u
#define VINTC_GICD_IGROUPR 0x080u /**< Interrupt Group Registers */
/** Interrupt Set-Enable Registers */
#define VINTC_GICD_ISENABLER 0x100u
/** Interrupt Clear-Enable Registers */
#define VINTC_GICD_ICENABLER 0x180u
/** Interrupt Set-Pending Registers */
#define VINTC_GICD_ISPENDR 0x200u
/** Interrupt Clear-Pending Registers */
#define VINTC_GICD_ICPENDR 0x280u
/** Interrupt Set-Active Registers */
#define VINTC_GICD_ISACTIVER 0x300u
/** Interrupt Clear-Active Registers */
#define VINTC_GICD_ICACTIVER 0x380u
/** Interrupt Priority Registers (a byte per interrupt) */
#define VINTC_GICD_IPRIORITYR 0x400u
/** Interrupt Processor Targets Registers (a byte per interrupt) */
#define VINTC_GICD_ITARGETSR 0x800u
/** Interrupt Configuration Registers (2 bits per interrupt) */
#define VINTC_GICD_ICFGR 0xC00u
/** Software Generated Interrupt Register */
#define VINTC_GICD_SGIR 0xF00u
/** SGI Clear-Pending Registers */
#define VINTC_GICD_CPENDSGIR 0xF10u
#define VINTC_GICD_SPENDSGIR 0xF20u /**< SGI Set-Pending Registers */
/** Peripheral ID2 Register (ArchRev in [7:4]) */
#define VINTC_GICD_ICPIDR2 0xFE8u
/** @} */

/** @name GICD_CTLR and GICD_ICFGR fields
 * @{ */
/** EnableGrp0: forward Group 0 interrupts */
#define VINTC_GICD_CTLR_ENABLE_GRP0 (1u << 0)
/** EnableGrp1: forward Group 1 interrupts */
#define VINTC_GICD_CTLR_ENABLE_GRP1 (1u << 1)
/** GICD_ICFGR: the Int_config[1] bit of interrupt n is bit 2 * (n % 16) + 1;
 * set means edge-triggered. */
#define VINTC_GICD_ICFGR_EDGE 2u
/** @} */

/** @name GICD_SGIR fields (IHI 0048B 4.3.15)
 * @{ */
#define VINTC_GICD_SGIR_FILTER_SHIFT  24 /**< TargetListFilter [25:24] */
#define VINTC_GICD_SGIR_FILTER_LIST   0u /**< send to CPUTargetList */
#define VINTC_GICD_SGIR_FILTER_OTHERS 1u /**< all but the requester */
#define VINTC_GICD_SGIR_FILTER_SELF   2u /**< only the requester */
#define VINTC_GICD_SGIR_TARGETS_SHIFT 16 /**< CPUTargetList [23:16] */
/** NSATT: Group 1 SGI (Security Extensions only) */
#define VINTC_GICD_SGIR_NSATT      (1u << 15)
#define VINTC_GICD_SGIR_INTID_MASK 0xFu /**< SGIINTID [3:0] */
/** A GICD_SGIR value: filter, target list (bit n = CPU n), SGI number. */
#define VINTC_GICD_SGIR_VALUE(filter, targets, sgi)                            \
    ((((uint32_t)(filter)&3u) << VINTC_GICD_SGIR_FILTER_SHIFT) |               \
     (((uint32_t)(targets)&0xFFu) << VINTC_GICD_SGIR_TARGETS_SHIFT) |          \
     ((uint32_t)(sgi)&VINTC_GICD_SGIR_INTID_MASK))
/** @} */

/** @name CPU interface (GICC) register offsets, IHI 0048B table 4-2
 * The GICV frame has the same layout (IHI 0048B 5.5); GICC_DIR and GICV_DIR
 * sit in the second 4 KiB page.
 * @{ */
/** CPU Interface Control Register */
#define VINTC_GICC_CTLR 0x0000u
/** Interrupt Priority Mask Register */
#define VINTC_GICC_PMR 0x0004u
#define VINTC_GICC_BPR 0x0008u /**< Binary Point Register */
/** Interrupt Acknowledge Register */
#define VINTC_GICC_IAR  0x000Cu
#define VINTC_GICC_EOIR 0x0010u /**< End of Interrupt Register */
#define VINTC_GICC_RPR  0x0014u /**< Running Priority Register */
/** Highest Priority Pending Interrupt Register */
#define VINTC_GICC_HPPIR 0x0018u
/** Aliased Binary Point Register */
#define VINTC_GICC_ABPR 0x001Cu
/** Aliased Interrupt Acknowledge Register */
#define VINTC_GICC_AIAR 0x0020u
/** Aliased End of Interrupt Register */
#define VINTC_GICC_AEOIR 0x0024u
/** Aliased Highest Priority Pending Interrupt Register */
#define VINTC_GICC_AHPPIR 0x0028u
/** Active Priorities Register 0 */
#define VINTC_GICC_APR0 0x00D0u
/** Non-secure Active Priorities Register 0 */
#define VINTC_GICC_NSAPR0 0x00E0u
/** CPU Interface Identification Register */
#define VINTC_GICC_IIDR 0x00FCu
/** Deactivate Interrupt Register (second page) */
#define VINTC_GICC_DIR 0x1000u
/** GICC_IIDR of the CPU-interface backend: implementer Arm (0x43B),
 * architecture version 2 in [19:16]. */
#define VINTC_GICC_IIDR_VALUE 0x0002043Bu
/** @} */

/** @name GICC_CTLR and GICV_CTLR bits (without the Security Extensions)
 * @{ */
#define VINTC_GICC_CTLR_ENABLE_GRP0 (1u << 0) /**< EnableGrp0 */
#define VINTC_GICC_CTLR_ENABLE_GRP1 (1u << 1) /**< EnableGrp1 */
/** AckCtl: a Group 0 acknowledge may take Group 1 interrupts */
#define VINTC_GICC_CTLR_ACKCTL (1u << 2)
/** FIQEn: Group 0 interrupts signal FIQ */
#define VINTC_GICC_CTLR_FIQEN (1u << 3)
/** CBPR: BPR controls both groups */
#define VINTC_GICC_CTLR_CBPR (1u << 4)
/** EOImode: EOIR only drops priority, DIR deactivates */
#define VINTC_GICC_CTLR_EOIMODE (1u << 9)
/** @} */

/** @name Interrupt ID ranges and special IDs (IHI 0048B 2.2.1, 3.2.5)
 * @{ */
#define VINTC_GIC_NR_SGIS   16u /**< IDs 0..15 */
#define VINTC_GIC_FIRST_PPI 16u /**< IDs 16..31 */
#define VINTC_GIC_FIRST_SPI 32u /**< IDs 32..1019 */
#define VINTC_GIC_IAR_CPUID_SHIFT                                              \
    10 /**< SGI source CPU in IAR/HPPIR [12:10]                                \
        */
/** @} */

/* ---- virtualization extension: GICH (IHI 0048B 5.3) ---------------- */

/** @name GICH_HCR bits
 * @{ */
/** En: the virtual CPU interface is enabled */
#define VINTC_GICH_HCR_EN (1u << 0)
/** UIE: maintenance interrupt when at most one LR is in use */
#define VINTC_GICH_HCR_UIE (1u << 1)
/** LRENPIE: maintenance interrupt while EOICount is non-zero */
#define VINTC_GICH_HCR_LRENPIE (1u << 2)
/** NPIE: maintenance interrupt when no LR is pending */
#define VINTC_GICH_HCR_NPIE (1u << 3)
/** VGrp0EIE: maintenance interrupt while virtual Group 0 is enabled */
#define VINTC_GICH_HCR_VGRP0EIE (1u << 4)
/** VGrp0DIE: maintenance interrupt while virtual Group 0 is disabled */
#define VINTC_GICH_HCR_VGRP0DIE (1u << 5)
/** VGrp1EIE: maintenance interrupt while virtual Group 1 is enabled */
#define VINTC_GICH_HCR_VGRP1EIE (1u << 6)
/** VGrp1DIE: maintenance interrupt while virtual Group 1 is disabled */
#define VINTC_GICH_HCR_VGRP1DIE (1u << 7)
/** EOICount [31:27]: EOIs that matched no LR */
#define VINTC_GICH_HCR_EOICOUNT_SHIFT 27
#define VINTC_GICH_HCR_EOICOUNT_MASK  (0x1Fu << 27) /**< EOICount field */
/** @} */

/** @name GICH_MISR bits
 * @{ */
/** EOI: some LR asks for EOI maintenance (EISR non-zero) */
#define VINTC_GICH_MISR_EOI (1u << 0)
/** U: underflow (UIE and at most one LR valid) */
#define VINTC_GICH_MISR_U (1u << 1)
/** LRENP: LRENPIE and EOICount non-zero */
#define VINTC_GICH_MISR_LRENP (1u << 2)
/** NP: NPIE and no LR pending */
#define VINTC_GICH_MISR_NP (1u << 3)
/** VGrp0E: VGrp0EIE and virtual Group 0 enabled */
#define VINTC_GICH_MISR_VGRP0E (1u << 4)
/** VGrp0D: VGrp0DIE and virtual Group 0 disabled */
#define VINTC_GICH_MISR_VGRP0D (1u << 5)
/** VGrp1E: VGrp1EIE and virtual Group 1 enabled */
#define VINTC_GICH_MISR_VGRP1E (1u << 6)
/** VGrp1D: VGrp1DIE and virtual Group 1 disabled */
#define VINTC_GICH_MISR_VGRP1D (1u << 7)
/** @} */

/** @name GICH_LR<n> fields (GICv2 layout)
 * @{ */
#define VINTC_GICH_LR_VIRTUALID_MASK 0x3FFu /**< VirtualID [9:0] */
/** CPUID [12:10]: SGI source (HW = 0) */
#define VINTC_GICH_LR_CPUID_SHIFT 10
#define VINTC_GICH_LR_CPUID_MASK  (0x7u << 10) /**< CPUID field */
/** PhysicalID [19:10] (HW = 1) */
#define VINTC_GICH_LR_PHYSID_SHIFT 10
#define VINTC_GICH_LR_PHYSID_MASK  (0x3FFu << 10) /**< PhysicalID field */
/** EOI [19]: maintenance interrupt on deactivation (HW = 0) */
#define VINTC_GICH_LR_EOI (1u << 19)
/** Priority [27:23]: the top 5 bits of the priority */
#define VINTC_GICH_LR_PRIORITY_SHIFT 23
#define VINTC_GICH_LR_PRIORITY_MASK  (0x1Fu << 23) /**< Priority field */
#define VINTC_GICH_LR_STATE_PENDING  (1u << 28)    /**< State [28]: pending */
#define VINTC_GICH_LR_STATE_ACTIVE   (1u << 29)    /**< State [29]: active */
/** State field: invalid, pending, active, pending and active */
#define VINTC_GICH_LR_STATE_MASK (3u << 28)
/** Grp1 [30]: a Group 1 interrupt */
#define VINTC_GICH_LR_GRP1 (1u << 30)
/** HW [31]: hardware interrupt, deactivation reaches PhysicalID */
#define VINTC_GICH_LR_HW (1u << 31)
/** @} */

/** @name GICH_VMCR fields
 * @{ */
/** VMGrp0En (GICV_CTLR.EnableGrp0) */
#define VINTC_GICH_VMCR_GRP0EN (1u << 0)
/** VMGrp1En (GICV_CTLR.EnableGrp1) */
#define VINTC_GICH_VMCR_GRP1EN (1u << 1)
/** VMAckCtl (GICV_CTLR.AckCtl) */
#define VINTC_GICH_VMCR_ACKCTL (1u << 2)
/** VMFIQEn (GICV_CTLR.FIQEn) */
#define VINTC_GICH_VMCR_FIQEN     (1u << 3)
#define VINTC_GICH_VMCR_CBPR      (1u << 4) /**< VMCBPR (GICV_CTLR.CBPR) */
#define VINTC_GICH_VMCR_EOIMODE   (1u << 9) /**< VEM (GICV_CTLR.EOImode) */
#define VINTC_GICH_VMCR_ABP_SHIFT 18        /**< VMABP [20:18] (GICV_ABPR) */
#define VINTC_GICH_VMCR_BP_SHIFT  21        /**< VMBP [23:21] (GICV_BPR) */
/** VMPriMask [31:27] (GICV_PMR[7:3]) */
#define VINTC_GICH_VMCR_PRIMASK_SHIFT 27
/** reset value: VMBP 2, VMABP 3, everything else 0 */
#define VINTC_GICH_VMCR_RESET 0x004C0000u
/** @} */

/** @name GICV frame offsets (the GICC layout; VINTC_GIC_CPU_SIZE bytes, DIR
 * page at 0x1000)
 * @{ */
/** Virtual Machine Control Register */
#define VINTC_GICV_CTLR 0x0000u
#define VINTC_GICV_PMR  0x0004u /**< VM Priority Mask Register */
#define VINTC_GICV_BPR  0x0008u /**< VM Binary Point Register */
/** VM Interrupt Acknowledge Register */
#define VINTC_GICV_IAR 0x000Cu
/** VM End of Interrupt Register */
#define VINTC_GICV_EOIR 0x0010u
/** VM Running Priority Register */
#define VINTC_GICV_RPR 0x0014u
/** VM Highest Priority Pending Interrupt Register */
#define VINTC_GICV_HPPIR 0x0018u
/** VM Aliased Binary Point Register */
#define VINTC_GICV_ABPR 0x001Cu
/** VM Aliased Interrupt Acknowledge Register */
#define VINTC_GICV_AIAR 0x0020u
/** VM Aliased End of Interrupt Register */
#define VINTC_GICV_AEOIR 0x0024u
/** VM Aliased Highest Priority Pending Interrupt Register */
#define VINTC_GICV_AHPPIR 0x0028u
/** VM Active Priorities Register (= GICH_APR); APR1-3 RAZ/WI */
#define VINTC_GICV_APR0 0x00D0u
/** VM CPU Interface Identification Register */
#define VINTC_GICV_IIDR 0x00FCu
/** VM Deactivate Interrupt Register (second page) */
#define VINTC_GICV_DIR 0x1000u
/** @} */
/** GICV_IIDR: implementer Arm (0x43B), architecture version 2 in [19:16]. */
#define VINTC_GICV_IIDR_VALUE 0x0002043Bu

#endif

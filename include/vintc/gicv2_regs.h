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
#define VINTC_GICD_CTLR        0x000u
#define VINTC_GICD_TYPER       0x004u
#define VINTC_GICD_IIDR        0x008u
#define VINTC_GICD_IGROUPR     0x080u
#define VINTC_GICD_ISENABLER   0x100u
#define VINTC_GICD_ICENABLER   0x180u
#define VINTC_GICD_ISPENDR     0x200u
#define VINTC_GICD_ICPENDR     0x280u
#define VINTC_GICD_ISACTIVER   0x300u
#define VINTC_GICD_ICACTIVER   0x380u
#define VINTC_GICD_IPRIORITYR  0x400u
#define VINTC_GICD_ITARGETSR   0x800u
#define VINTC_GICD_ICFGR       0xC00u
#define VINTC_GICD_SGIR        0xF00u
#define VINTC_GICD_CPENDSGIR   0xF10u
#define VINTC_GICD_SPENDSGIR   0xF20u
#define VINTC_GICD_ICPIDR2     0xFE8u
/** @} */

/** @name GICD_CTLR and GICD_ICFGR fields
 * @{ */
#define VINTC_GICD_CTLR_ENABLE_GRP0  (1u << 0)
#define VINTC_GICD_CTLR_ENABLE_GRP1  (1u << 1)
/** GICD_ICFGR: the Int_config[1] bit of interrupt n is bit 2 * (n % 16) + 1;
 * set means edge-triggered. */
#define VINTC_GICD_ICFGR_EDGE        2u
/** @} */

/** @name GICD_SGIR fields (IHI 0048B 4.3.15)
 * @{ */
#define VINTC_GICD_SGIR_FILTER_SHIFT  24   /**< TargetListFilter [25:24] */
#define VINTC_GICD_SGIR_FILTER_LIST   0u   /**< send to CPUTargetList */
#define VINTC_GICD_SGIR_FILTER_OTHERS 1u   /**< all but the requester */
#define VINTC_GICD_SGIR_FILTER_SELF   2u   /**< only the requester */
#define VINTC_GICD_SGIR_TARGETS_SHIFT 16   /**< CPUTargetList [23:16] */
#define VINTC_GICD_SGIR_NSATT         (1u << 15)
#define VINTC_GICD_SGIR_INTID_MASK    0xFu /**< SGIINTID [3:0] */
/** A GICD_SGIR value: filter, target list (bit n = CPU n), SGI number. */
#define VINTC_GICD_SGIR_VALUE(filter, targets, sgi)                      \
    ((((uint32_t)(filter) & 3u) << VINTC_GICD_SGIR_FILTER_SHIFT) |       \
     (((uint32_t)(targets) & 0xFFu) << VINTC_GICD_SGIR_TARGETS_SHIFT) |  \
     ((uint32_t)(sgi) & VINTC_GICD_SGIR_INTID_MASK))
/** @} */

/** @name CPU interface (GICC) register offsets, IHI 0048B table 4-2
 * The GICV frame has the same layout (IHI 0048B 5.5); GICC_DIR and GICV_DIR
 * sit in the second 4 KiB page.
 * @{ */
#define VINTC_GICC_CTLR    0x0000u
#define VINTC_GICC_PMR     0x0004u
#define VINTC_GICC_BPR     0x0008u
#define VINTC_GICC_IAR     0x000Cu
#define VINTC_GICC_EOIR    0x0010u
#define VINTC_GICC_RPR     0x0014u
#define VINTC_GICC_HPPIR   0x0018u
#define VINTC_GICC_ABPR    0x001Cu
#define VINTC_GICC_AIAR    0x0020u
#define VINTC_GICC_AEOIR   0x0024u
#define VINTC_GICC_AHPPIR  0x0028u
#define VINTC_GICC_APR0    0x00D0u
#define VINTC_GICC_NSAPR0  0x00E0u
#define VINTC_GICC_IIDR    0x00FCu
#define VINTC_GICC_DIR     0x1000u
/** GICC_IIDR of the CPU-interface backend: implementer Arm (0x43B),
 * architecture version 2 in [19:16]. */
#define VINTC_GICC_IIDR_VALUE 0x0002043Bu
/** @} */

/** @name GICC_CTLR and GICV_CTLR bits (without the Security Extensions)
 * @{ */
#define VINTC_GICC_CTLR_ENABLE_GRP0  (1u << 0)
#define VINTC_GICC_CTLR_ENABLE_GRP1  (1u << 1)
#define VINTC_GICC_CTLR_ACKCTL       (1u << 2)
#define VINTC_GICC_CTLR_FIQEN        (1u << 3)
#define VINTC_GICC_CTLR_CBPR         (1u << 4)
#define VINTC_GICC_CTLR_EOIMODE      (1u << 9)
/** @} */

/** @name Interrupt ID ranges and special IDs (IHI 0048B 2.2.1, 3.2.5)
 * @{ */
#define VINTC_GIC_NR_SGIS    16u     /**< IDs 0..15 */
#define VINTC_GIC_FIRST_PPI  16u     /**< IDs 16..31 */
#define VINTC_GIC_FIRST_SPI  32u
#define VINTC_GIC_IAR_CPUID_SHIFT 10 /**< SGI source CPU in IAR/HPPIR [12:10] */
/** @} */

/* ---- virtualization extension: GICH (IHI 0048B 5.3) ---------------- */

/** GICH_HCR bits. */
#define VINTC_GICH_HCR_EN        (1u << 0)
#define VINTC_GICH_HCR_UIE       (1u << 1)
#define VINTC_GICH_HCR_LRENPIE   (1u << 2)
#define VINTC_GICH_HCR_NPIE      (1u << 3)
#define VINTC_GICH_HCR_VGRP0EIE  (1u << 4)
#define VINTC_GICH_HCR_VGRP0DIE  (1u << 5)
#define VINTC_GICH_HCR_VGRP1EIE  (1u << 6)
#define VINTC_GICH_HCR_VGRP1DIE  (1u << 7)
#define VINTC_GICH_HCR_EOICOUNT_SHIFT 27
#define VINTC_GICH_HCR_EOICOUNT_MASK  (0x1Fu << 27)

/** GICH_MISR bits. */
#define VINTC_GICH_MISR_EOI      (1u << 0)
#define VINTC_GICH_MISR_U        (1u << 1)
#define VINTC_GICH_MISR_LRENP    (1u << 2)
#define VINTC_GICH_MISR_NP       (1u << 3)
#define VINTC_GICH_MISR_VGRP0E   (1u << 4)
#define VINTC_GICH_MISR_VGRP0D   (1u << 5)
#define VINTC_GICH_MISR_VGRP1E   (1u << 6)
#define VINTC_GICH_MISR_VGRP1D   (1u << 7)

/** GICH_LR<n> fields (GICv2 layout). */
#define VINTC_GICH_LR_VIRTUALID_MASK  0x3FFu
#define VINTC_GICH_LR_CPUID_SHIFT     10
#define VINTC_GICH_LR_CPUID_MASK      (0x7u << 10)
#define VINTC_GICH_LR_PHYSID_SHIFT    10
#define VINTC_GICH_LR_PHYSID_MASK     (0x3FFu << 10)
#define VINTC_GICH_LR_EOI             (1u << 19)
#define VINTC_GICH_LR_PRIORITY_SHIFT  23
#define VINTC_GICH_LR_PRIORITY_MASK   (0x1Fu << 23)
#define VINTC_GICH_LR_STATE_PENDING   (1u << 28)
#define VINTC_GICH_LR_STATE_ACTIVE    (1u << 29)
#define VINTC_GICH_LR_STATE_MASK      (3u << 28)
#define VINTC_GICH_LR_GRP1            (1u << 30)
#define VINTC_GICH_LR_HW              (1u << 31)

/** GICH_VMCR fields. */
#define VINTC_GICH_VMCR_GRP0EN        (1u << 0)
#define VINTC_GICH_VMCR_GRP1EN        (1u << 1)
#define VINTC_GICH_VMCR_ACKCTL        (1u << 2)
#define VINTC_GICH_VMCR_FIQEN         (1u << 3)
#define VINTC_GICH_VMCR_CBPR          (1u << 4)
#define VINTC_GICH_VMCR_EOIMODE       (1u << 9)
#define VINTC_GICH_VMCR_ABP_SHIFT     18
#define VINTC_GICH_VMCR_BP_SHIFT      21
#define VINTC_GICH_VMCR_PRIMASK_SHIFT 27
#define VINTC_GICH_VMCR_RESET         0x004C0000u

/** GICV frame offsets (the GICC layout; VINTC_GIC_CPU_SIZE bytes, DIR page at
 * 0x1000). */
#define VINTC_GICV_CTLR    0x0000u
#define VINTC_GICV_PMR     0x0004u
#define VINTC_GICV_BPR     0x0008u
#define VINTC_GICV_IAR     0x000Cu
#define VINTC_GICV_EOIR    0x0010u
#define VINTC_GICV_RPR     0x0014u
#define VINTC_GICV_HPPIR   0x0018u
#define VINTC_GICV_ABPR    0x001Cu
#define VINTC_GICV_AIAR    0x0020u
#define VINTC_GICV_AEOIR   0x0024u
#define VINTC_GICV_AHPPIR  0x0028u
#define VINTC_GICV_APR0    0x00D0u           /**< GICH_APR; APR1-3 are RAZ/WI */
#define VINTC_GICV_IIDR    0x00FCu
#define VINTC_GICV_DIR     0x1000u
/** GICV_IIDR: implementer Arm (0x43B), architecture version 2 in [19:16]. */
#define VINTC_GICV_IIDR_VALUE 0x0002043Bu

#endif

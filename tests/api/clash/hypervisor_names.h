/* SPDX-License-Identifier: MIT */
/* Names that hypervisors and emulators define for the same registers and
 * limits (KVM/arm's and Xen's GIC headers, QEMU's s390 headers, Linux's
 * asm/lowcore.h), with values that differ from vintc's. vintc's headers must
 * neither redefine nor use them. check_clash.sh adds every VINTC_ macro with
 * its prefix removed. */
#ifndef HYPERVISOR_NAMES_H
#define HYPERVISOR_NAMES_H

#define GIC_MAX_CPUS              0x7f01
#define GIC_MAX_IRQS              0x7f02
#define GIC_NR_SGIS               0x7f03
#define GICD_CTLR                 0x7f04
#define GICD_TYPER                0x7f05
#define GICD_ISENABLER            0x7f06
#define GICD_IPRIORITYR           0x7f07
#define GICD_ITARGETSR            0x7f08
#define GICD_SGIR                 0x7f09
#define GICD_ENABLE               0x7f0a
#define GICC_CTLR                 0x7f0b
#define GICC_IAR                  0x7f0c
#define GICC_EOIR                 0x7f0d
#define GICH_HCR                  0x7f0e
#define GICH_HCR_EN               0x7f0f
#define GICH_LR_HW                0x7f10
#define GICH_LR_EOI               0x7f11
#define GICH_LR_STATE             0x7f12
#define GICH_LR_VIRTUALID         0x7f13
#define GICH_LR_PHYSID_CPUID      0x7f14
#define GICH_MISR_EOI             0x7f15
#define GICH_VMCR                 0x7f16
#define GICV_IAR                  0x7f17
#define GICV_EOIR                 0x7f18
#define GICV_CTLR                 0x7f19
#define GIC_SPURIOUS              0x7f1a
#define S390_MAX_CPUS             0x7f1b
#define PSW_MASK_EXT              0x7f1c
#define PSW_MASK_IO               0x7f1d
#define PSW_MASK_MCHECK           0x7f1e
#define PSW_MASK_WAIT             0x7f1f
#define PSW_MASK_64               0x7f20
#define LC_EXT_PARAM              0x7f21
#define LC_EXT_INT_CODE           0x7f22
#define LC_IO_INT_PARM            0x7f23
#define LC_EXT_NEW_PSW            0x7f24
#define LC_IO_NEW_PSW             0x7f25
#define CR0_EXTERNAL_CALL_SUBMASK 0x7f26
#define EXT_IRQ_SERVICE_SIG       0x7f27
#define MCIC_SUBCLASS_MASK        0x7f28

#endif

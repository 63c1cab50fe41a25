/* SPDX-License-Identifier: MIT */
/** @file
 * z/Architecture constants a VMM needs beside the vintc s390 API, with the
 * names the Principles of Operation (SA22-7832) gives them behind a
 * VINTC_S390_ prefix: PSW mask bits and control-register subclass masks
 * (chapter 6, "Interruptions"; chapter 4 for the PSW), machine-check
 * interruption-code bits (chapter 11), the 16-byte-PSW lowcore layout
 * (chapter 3, "Assigned Storage Locations"), reset values and SIGNAL
 * PROCESSOR order codes, condition codes and status bits (chapter 4). Bits are
 * numbered as the architecture numbers them: bit 0 is the most significant.
 * Included by <vintc/s390.h>.
 */
#ifndef VINTC_S390_ARCH_H
#define VINTC_S390_ARCH_H

#include <stdint.h>

/* PSW mask bits. */
/** bit 6: I/O mask */
#define VINTC_S390_PSW_IO UINT64_C(0x0200000000000000)
/** bit 7: external mask */
#define VINTC_S390_PSW_EXT UINT64_C(0x0100000000000000)
/** bit 13: machine-check mask */
#define VINTC_S390_PSW_MCHK UINT64_C(0x0004000000000000)
/** bit 14: wait state */
#define VINTC_S390_PSW_WAIT UINT64_C(0x0002000000000000)
/** bits 31-32: extended and basic addressing (EA, BA): 64-bit mode */
#define VINTC_S390_PSW_64BIT UINT64_C(0x0000000180000000)

/* CR0 external subclass masks and the clock-comparator sign control. */
/** bit 48: malfunction-alert subclass mask */
#define VINTC_S390_CR0_MALFUNC UINT64_C(0x8000)
/** bit 49: emergency-signal subclass mask */
#define VINTC_S390_CR0_EMERGENCY UINT64_C(0x4000)
/** bit 50: external-call subclass mask */
#define VINTC_S390_CR0_EXTCALL UINT64_C(0x2000)
/** bit 52: clock-comparator subclass mask */
#define VINTC_S390_CR0_CKC UINT64_C(0x0800)
/** bit 53: CPU-timer subclass mask */
#define VINTC_S390_CR0_CPU_TIMER UINT64_C(0x0400)
/** bit 54: service-signal subclass mask */
#define VINTC_S390_CR0_SERVICE UINT64_C(0x0200)
/** bit 10: clock-comparator sign control */
#define VINTC_S390_CR0_CKC_SIGNED UINT64_C(0x0020000000000000)

/* MCIC bits (bit 0 = MSB). */
/** system damage (exigent) */
#define VINTC_S390_MCIC_SD UINT64_C(0x8000000000000000)
/** instruction-processing damage (exigent) */
#define VINTC_S390_MCIC_PD UINT64_C(0x4000000000000000)
#define VINTC_S390_MCIC_SR                                                     \
    UINT64_C(0x2000000000000000) /**< system recovery                          \
                                  */
/** timing-facility damage */
#define VINTC_S390_MCIC_CD UINT64_C(0x0800000000000000)
#define VINTC_S390_MCIC_ED                                                     \
    UINT64_C(0x0400000000000000)                        /**< external damage   \
                                                         */
#define VINTC_S390_MCIC_DG UINT64_C(0x0100000000000000) /**< degradation */
#define VINTC_S390_MCIC_W  UINT64_C(0x0080000000000000) /**< warning */
/** channel report pending */
#define VINTC_S390_MCIC_CP UINT64_C(0x0040000000000000)
/** service-processor damage */
#define VINTC_S390_MCIC_SP UINT64_C(0x0020000000000000)
/** channel-subsystem damage */
#define VINTC_S390_MCIC_CK UINT64_C(0x0010000000000000)

/* CR6 I/O-interruption subclass mask: ISC n (0..7) is enabled by CR6 bit
 * 32 + n. */
/** CR6 bit 32 + n: I/O-interruption subclass n (0..7) mask */
#define VINTC_S390_CR6_ISC(n) (UINT64_C(0x80000000) >> (n))

/* CR14 repressible subclass masks (bits 35-39). */
/** bit 35: channel-report-pending subclass mask */
#define VINTC_S390_CR14_CHANNEL_REPORT UINT64_C(0x10000000)
/** bit 36: recovery subclass mask */
#define VINTC_S390_CR14_RECOVERY UINT64_C(0x08000000)
/** bit 37: degradation subclass mask */
#define VINTC_S390_CR14_DEGRADATION UINT64_C(0x04000000)
/** bit 38: external-damage subclass mask */
#define VINTC_S390_CR14_EXT_DAMAGE UINT64_C(0x02000000)
/** bit 39: warning subclass mask */
#define VINTC_S390_CR14_WARNING UINT64_C(0x01000000)

/* Lowcore (prefix area) offsets, real addresses: the library adds the prefix
 * to reach the absolute address. Every field is big-endian; the comment
 * gives its length in bytes. */
/** 4: external-interruption parameter */
#define VINTC_S390_LC_EXT_PARAM 0x080u
/** 2: source CPU address or 0x2603 subcode */
#define VINTC_S390_LC_EXT_CPU_ADDR 0x084u
/** 2: external-interruption code */
#define VINTC_S390_LC_EXT_INT_CODE 0x086u
#define VINTC_S390_LC_SVC_ILC      0x088u /**< 2: SVC instruction length */
#define VINTC_S390_LC_SVC_CODE     0x08Au /**< 2: SVC interruption code */
/** 2: program instruction length */
#define VINTC_S390_LC_PGM_ILC 0x08Cu
/** 2: program interruption code */
#define VINTC_S390_LC_PGM_CODE      0x08Eu
#define VINTC_S390_LC_DATA_EXC_CODE 0x090u /**< 4: DXC / VXC */
#define VINTC_S390_LC_MON_CLASS_NR  0x094u /**< 2: monitor class number */
#define VINTC_S390_LC_PER_CODE      0x096u /**< 1: PER code */
/** 1: PER addressing-and-translation-mode id */
#define VINTC_S390_LC_PER_ATMID      0x097u
#define VINTC_S390_LC_PER_ADDRESS    0x098u /**< 8: PER address */
#define VINTC_S390_LC_EXC_ACCESS_ID  0x0A0u /**< 1: exception access id */
#define VINTC_S390_LC_PER_ACCESS_ID  0x0A1u /**< 1: PER access id */
#define VINTC_S390_LC_OP_ACCESS_ID   0x0A2u /**< 1: operand access id */
#define VINTC_S390_LC_AR_MODE_ID     0x0A3u /**< 1: 1 = z/Architecture */
#define VINTC_S390_LC_TRANS_EXC_CODE 0x0A8u /**< 8: TEID */
#define VINTC_S390_LC_MON_CODE       0x0B0u /**< 8: monitor code */
#define VINTC_S390_LC_SUBCHANNEL_ID  0x0B8u /**< 2: subchannel id */
#define VINTC_S390_LC_SUBCHANNEL_NR  0x0BAu /**< 2: subchannel number */
/** 4: I/O-interruption parameter */
#define VINTC_S390_LC_IO_INT_PARM 0x0BCu
/** 4: I/O-interruption identification word */
#define VINTC_S390_LC_IO_INT_WORD     0x0C0u
#define VINTC_S390_LC_MCCK_CODE       0x0E8u /**< 8: MCIC */
#define VINTC_S390_LC_EXT_DAMAGE_CODE 0x0F4u /**< 4: external-damage code */
/** 8: failing-storage address */
#define VINTC_S390_LC_MCCK_FAIL_ADDR 0x0F8u
#define VINTC_S390_LC_BEAR           0x110u /**< 8: breaking-event address */

#define VINTC_S390_LC_RESTART_OLD_PSW 0x120u /**< restart old PSW */
#define VINTC_S390_LC_EXT_OLD_PSW     0x130u /**< external old PSW */
#define VINTC_S390_LC_SVC_OLD_PSW     0x140u /**< supervisor-call old PSW */
#define VINTC_S390_LC_PGM_OLD_PSW     0x150u /**< program old PSW */
#define VINTC_S390_LC_MCCK_OLD_PSW    0x160u /**< machine-check old PSW */
#define VINTC_S390_LC_IO_OLD_PSW      0x170u /**< I/O old PSW */
#define VINTC_S390_LC_RESTART_NEW_PSW 0x1A0u /**< restart new PSW */
#define VINTC_S390_LC_EXT_NEW_PSW     0x1B0u /**< external new PSW */
#define VINTC_S390_LC_SVC_NEW_PSW     0x1C0u /**< supervisor-call new PSW */
#define VINTC_S390_LC_PGM_NEW_PSW     0x1D0u /**< program new PSW */
#define VINTC_S390_LC_MCCK_NEW_PSW    0x1E0u /**< machine-check new PSW */
#define VINTC_S390_LC_IO_NEW_PSW      0x1F0u /**< I/O new PSW */

/** 8: pfault token, virtio param64 */
#define VINTC_S390_LC_EXT_PARAMS2 0x11B8u

/* Register save areas: machine check and store status. */
#define VINTC_S390_LC_FPRS_SAVE      0x1200u /**< 16 x 8 */
#define VINTC_S390_LC_GPRS_SAVE      0x1280u /**< 16 x 8 */
#define VINTC_S390_LC_PSW_SAVE       0x1300u /**< 16, store status only */
#define VINTC_S390_LC_PREFIX_SAVE    0x1318u /**< 4 */
#define VINTC_S390_LC_FPC_SAVE       0x131Cu /**< 4 */
#define VINTC_S390_LC_TODPR_SAVE     0x1324u /**< 4 */
#define VINTC_S390_LC_CPU_TIMER_SAVE 0x1328u /**< 8 */
#define VINTC_S390_LC_CKC_SAVE       0x1330u /**< 8: CKC >> 8 */
#define VINTC_S390_LC_ACRS_SAVE      0x1340u /**< 16 x 4 */
#define VINTC_S390_LC_CRS_SAVE       0x1380u /**< 16 x 8 */
/** end of the register save areas */
#define VINTC_S390_LC_SAVE_END 0x1400u

/** Prefix register: bits 33-50 of the address (8 KiB aligned, 31 bit). */
#define VINTC_S390_PREFIX_MASK 0x7FFFE000u

/** @name Control-register values after initial CPU reset (PoP chapter 4,
 * "Resets"; every other control register is zero)
 * @{ */
/** CR0 after initial CPU reset */
#define VINTC_S390_CR0_RESET UINT64_C(0xE0)
/** CR14 after initial CPU reset */
#define VINTC_S390_CR14_RESET UINT64_C(0xC2000000)
/** @} */

/** @name SIGNAL PROCESSOR (PoP chapter 4, "Signal-Processor Orders"): order
 * codes, condition codes, and the status bits stored in bits 32-63 of the
 * status register with condition code 1
 * @{ */
#define VINTC_S390_SIGP_SENSE 0x01u /**< order: sense */
/** order: external call */
#define VINTC_S390_SIGP_EXTERNAL_CALL 0x02u
/** order: emergency signal */
#define VINTC_S390_SIGP_EMERGENCY_SIGNAL 0x03u
#define VINTC_S390_SIGP_START            0x04u /**< order: start */
#define VINTC_S390_SIGP_STOP             0x05u /**< order: stop */
#define VINTC_S390_SIGP_RESTART          0x06u /**< order: restart */
/** order: stop and store status */
#define VINTC_S390_SIGP_STOP_AND_STORE_STATUS 0x09u
/** order: initial CPU reset */
#define VINTC_S390_SIGP_INITIAL_CPU_RESET 0x0Bu
#define VINTC_S390_SIGP_CPU_RESET         0x0Cu /**< order: CPU reset */
#define VINTC_S390_SIGP_SET_PREFIX        0x0Du /**< order: set prefix */
/** order: store status at address */
#define VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS 0x0Eu
/** order: set architecture */
#define VINTC_S390_SIGP_SET_ARCHITECTURE 0x12u
/** order: conditional emergency signal */
#define VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL 0x13u
/** order: sense running status */
#define VINTC_S390_SIGP_SENSE_RUNNING_STATUS 0x15u

/** condition code: order code accepted */
#define VINTC_S390_SIGP_CC_ACCEPTED 0
/** condition code: status stored */
#define VINTC_S390_SIGP_CC_STATUS_STORED 1
#define VINTC_S390_SIGP_CC_BUSY          2 /**< condition code: busy */
/** condition code: not operational */
#define VINTC_S390_SIGP_CC_NOT_OPERATIONAL 3

/** status: equipment check (bit 0) */
#define VINTC_S390_SIGP_STATUS_EQUIPMENT_CHECK 0x80000000u
/** status: not running (bit 21) */
#define VINTC_S390_SIGP_STATUS_NOT_RUNNING 0x00000400u
/** status: incorrect state (bit 22) */
#define VINTC_S390_SIGP_STATUS_INCORRECT_STATE 0x00000200u
/** status: invalid parameter (bit 23) */
#define VINTC_S390_SIGP_STATUS_INVALID_PARAMETER 0x00000100u
/** status: external call pending (bit 24) */
#define VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING 0x00000080u
/** status: stopped (bit 25) */
#define VINTC_S390_SIGP_STATUS_STOPPED 0x00000040u
/** status: operator intervening (bit 26) */
#define VINTC_S390_SIGP_STATUS_OPERATOR_INTERVENING 0x00000020u
/** status: check stop (bit 27) */
#define VINTC_S390_SIGP_STATUS_CHECK_STOP 0x00000010u
/** status: inoperative (bit 29) */
#define VINTC_S390_SIGP_STATUS_INOPERATIVE 0x00000004u
/** status: invalid order (bit 30) */
#define VINTC_S390_SIGP_STATUS_INVALID_ORDER 0x00000002u
/** status: receiver check (bit 31) */
#define VINTC_S390_SIGP_STATUS_RECEIVER_CHECK 0x00000001u
/** @} */

/** SIGP STORE STATUS AT ADDRESS: the 512-byte area at parameter & this mask
 * (31-bit absolute address, the low 9 bits ignored). */
#define VINTC_S390_SIGP_STATUS_ADDR_MASK 0x7FFFFE00u
/** Size of the status STORE STATUS AT ADDRESS stores (real 0x1200..0x13FF). */
#define VINTC_S390_STATUS_AREA_SIZE 0x200u

#endif

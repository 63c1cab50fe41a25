/* SPDX-License-Identifier: MIT */
/* z/Architecture prefix-area (lowcore) offsets, 16-byte PSW format.
 * Every offset is real; the library adds the prefix to reach the absolute
 * address (spec/s390.md section (a)). All fields are big-endian. */
#ifndef VINTC_S390_LOWCORE_H
#define VINTC_S390_LOWCORE_H

#define LC_EXT_PARAM        0x080u  /* 4: external-interruption parameter */
#define LC_EXT_CPU_ADDR     0x084u  /* 2: source CPU address or 0x2603 subcode */
#define LC_EXT_INT_CODE     0x086u  /* 2: external-interruption code */
#define LC_SVC_ILC          0x088u  /* 2: SVC instruction length */
#define LC_SVC_CODE         0x08Au  /* 2 */
#define LC_PGM_ILC          0x08Cu  /* 2: program instruction length */
#define LC_PGM_CODE         0x08Eu  /* 2 */
#define LC_DATA_EXC_CODE    0x090u  /* 4: DXC / VXC */
#define LC_MON_CLASS_NR     0x094u  /* 2 */
#define LC_PER_CODE         0x096u  /* 1 */
#define LC_PER_ATMID        0x097u  /* 1 */
#define LC_PER_ADDRESS      0x098u  /* 8 */
#define LC_EXC_ACCESS_ID    0x0A0u  /* 1 */
#define LC_PER_ACCESS_ID    0x0A1u  /* 1 */
#define LC_OP_ACCESS_ID     0x0A2u  /* 1 */
#define LC_AR_MODE_ID       0x0A3u  /* 1: 1 = z/Architecture */
#define LC_TRANS_EXC_CODE   0x0A8u  /* 8: TEID */
#define LC_MON_CODE         0x0B0u  /* 8 */
#define LC_SUBCHANNEL_ID    0x0B8u  /* 2 */
#define LC_SUBCHANNEL_NR    0x0BAu  /* 2 */
#define LC_IO_INT_PARM      0x0BCu  /* 4 */
#define LC_IO_INT_WORD      0x0C0u  /* 4 */
#define LC_MCCK_CODE        0x0E8u  /* 8: MCIC */
#define LC_EXT_DAMAGE_CODE  0x0F4u  /* 4 */
#define LC_MCCK_FAIL_ADDR   0x0F8u  /* 8 */
#define LC_BEAR             0x110u  /* 8: breaking-event address */

#define LC_RESTART_OLD_PSW  0x120u
#define LC_EXT_OLD_PSW      0x130u
#define LC_SVC_OLD_PSW      0x140u
#define LC_PGM_OLD_PSW      0x150u
#define LC_MCCK_OLD_PSW     0x160u
#define LC_IO_OLD_PSW       0x170u
#define LC_RESTART_NEW_PSW  0x1A0u
#define LC_EXT_NEW_PSW      0x1B0u
#define LC_SVC_NEW_PSW      0x1C0u
#define LC_PGM_NEW_PSW      0x1D0u
#define LC_MCCK_NEW_PSW     0x1E0u
#define LC_IO_NEW_PSW       0x1F0u

#define LC_EXT_PARAMS2      0x11B8u /* 8: pfault token, virtio param64 */

/* Register save areas: machine check and store status. */
#define LC_FPRS_SAVE        0x1200u /* 16 x 8 */
#define LC_GPRS_SAVE        0x1280u /* 16 x 8 */
#define LC_PSW_SAVE         0x1300u /* 16, store status only */
#define LC_PREFIX_SAVE      0x1318u /* 4 */
#define LC_FPC_SAVE         0x131Cu /* 4 */
#define LC_TODPR_SAVE       0x1324u /* 4 */
#define LC_CPU_TIMER_SAVE   0x1328u /* 8 */
#define LC_CKC_SAVE         0x1330u /* 8: CKC >> 8 */
#define LC_ACRS_SAVE        0x1340u /* 16 x 4 */
#define LC_CRS_SAVE         0x1380u /* 16 x 8 */
#define LC_SAVE_END         0x1400u

/* Prefix register: bits 33-50 of the 64-bit address (8 KiB aligned, 31 bit). */
#define S390_PREFIX_MASK    0x7FFFE000u

#endif

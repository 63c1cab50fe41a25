/* SPDX-License-Identifier: MIT */
/* What the s390x guests share: the assembly helpers of start.S, lowcore
 * accessors, the new PSWs, and reading an interruption's lowcore fields
 * into a struct guest_rec (the fields are listed in s390x/interrupts.c). */
#ifndef GUEST_S390X_GUEST_H
#define GUEST_S390X_GUEST_H

#include "layout.h"
#include <vintc/s390_arch.h>

#define WAIT VINTC_S390_PSW_WAIT
#define BASE_MASK VINTC_S390_PSW_64BIT

void guest_interrupt(uint64_t cls);
void load_mask(uint64_t mask);
void enabled_wait(uint64_t mask);
void wait_trap(void);
void wait_resume(void);
uint64_t stck_value(void);
void set_ckc(uint64_t v);
void set_cpu_timer(uint64_t v);
void set_prefix(uint32_t v);
uint32_t store_prefix(void);
void store_crs(uint64_t crs[16]);
void park_pattern(const uint64_t regs[16]);
void park_loop(void);
uint64_t svc42(void);
uint64_t op_exception(void);
uint64_t get_cr(int n);
void set_cr(int n, uint64_t v);
uint64_t hypercall(uint64_t fn, uint64_t arg);
unsigned sigp_order(uint64_t cpu, uint64_t order, uint64_t param, uint64_t *status);
void secondary_start(void);
void reset_entry(void);
void entry_ext(void), entry_svc(void), entry_pgm(void), entry_mchk(void), entry_io(void),
    entry_restart(void);

/* Lowcore accesses at real addresses below 8 KiB (prefixed by the CPU). */
static inline uint64_t lc64(unsigned long off)
{
    uint64_t v;
    __asm__ volatile("lg %0,0(%1)" : "=d"(v) : "a"(off) : "memory");
    return v;
}
static inline uint32_t lc32(unsigned long off)
{
    uint32_t v;
    __asm__ volatile("l %0,0(%1)" : "=d"(v) : "a"(off) : "memory");
    return v;
}
static inline uint16_t lc16(unsigned long off)
{
    uint32_t v;
    __asm__ volatile("llh %0,0(%1)" : "=d"(v) : "a"(off) : "memory");
    return (uint16_t)v;
}
static inline void lc64_set(unsigned long off, uint64_t v)
{
    __asm__ volatile("stg %0,0(%1)" : : "d"(v), "a"(off) : "memory");
}

/* The lowcore fields of an interruption of class `cls` just taken, and its
 * old PSW. */
static inline void read_interruption(uint64_t cls, struct guest_rec *r)
{
    static const unsigned long old_psw[7] = {
        0, VINTC_S390_LC_EXT_OLD_PSW, VINTC_S390_LC_SVC_OLD_PSW, VINTC_S390_LC_PGM_OLD_PSW,
        VINTC_S390_LC_MCCK_OLD_PSW, VINTC_S390_LC_IO_OLD_PSW, VINTC_S390_LC_RESTART_OLD_PSW,
    };
    *r = (struct guest_rec){ .cls = cls };
    switch (cls) {
    case CLASS_EXT:
        r->code = lc16(VINTC_S390_LC_EXT_INT_CODE);
        r->a = lc16(VINTC_S390_LC_EXT_CPU_ADDR);
        r->b = lc32(VINTC_S390_LC_EXT_PARAM);
        r->c = lc64(VINTC_S390_LC_EXT_PARAMS2);
        break;
    case CLASS_SVC:
        r->code = lc16(VINTC_S390_LC_SVC_CODE);
        r->a = lc16(VINTC_S390_LC_SVC_ILC);
        break;
    case CLASS_PGM:
        r->code = lc16(VINTC_S390_LC_PGM_CODE);
        r->a = lc16(VINTC_S390_LC_PGM_ILC);
        r->c = lc64(VINTC_S390_LC_TRANS_EXC_CODE);
        break;
    case CLASS_MCHK:
        r->a = lc64(VINTC_S390_LC_MCCK_CODE);
        r->b = lc32(VINTC_S390_LC_EXT_DAMAGE_CODE);
        r->c = lc64(VINTC_S390_LC_MCCK_FAIL_ADDR);
        break;
    case CLASS_IO:
        r->a = (uint64_t)lc16(VINTC_S390_LC_SUBCHANNEL_ID) << 16 | lc16(VINTC_S390_LC_SUBCHANNEL_NR);
        r->b = lc32(VINTC_S390_LC_IO_INT_PARM);
        r->c = lc32(VINTC_S390_LC_IO_INT_WORD);
        break;
    default:
        break;
    }
    unsigned long old = old_psw[cls <= CLASS_RESTART ? cls : 0];
    r->old_mask = lc64(old);
    r->old_addr = lc64(old + 8);
    /* Interrupted an enabled wait: resume after enabled_wait(), disabled. */
    if (r->old_mask & WAIT) {
        lc64_set(old, BASE_MASK);
        lc64_set(old + 8, (uint64_t)(unsigned long)wait_resume);
    }
}

static inline void record(struct guest_result *res, const struct guest_rec *r)
{
    if (res->count < sizeof res->rec / sizeof res->rec[0])
        res->rec[res->count] = *r;
    res->count++;
}

static inline void set_new_psws(void)
{
    static const struct { unsigned long off; void (*fn)(void); } psws[] = {
        { VINTC_S390_LC_EXT_NEW_PSW, entry_ext },   { VINTC_S390_LC_SVC_NEW_PSW, entry_svc },
        { VINTC_S390_LC_PGM_NEW_PSW, entry_pgm },   { VINTC_S390_LC_MCCK_NEW_PSW, entry_mchk },
        { VINTC_S390_LC_IO_NEW_PSW, entry_io },     { VINTC_S390_LC_RESTART_NEW_PSW, entry_restart },
    };
    for (unsigned i = 0; i < sizeof psws / sizeof psws[0]; i++) {
        lc64_set(psws[i].off, BASE_MASK);
        lc64_set(psws[i].off + 8, (uint64_t)(unsigned long)psws[i].fn);
    }
}

#endif

/* SPDX-License-Identifier: MIT */
/* Single-CPU s390x guest taking every interruption class vintc delivers
 * (z/Architecture Principles of Operation, chapter 6). It moves its prefix
 * to PREFIX_AREA, stores its new PSWs in the moved lowcore, enables the
 * external subclasses (CR0), I/O subclasses (CR6) and machine-check
 * subclasses (CR14) with LCTLG, then for each step asks the host to inject
 * (DIAGNOSE 0x500) and waits for the interruption in an enabled wait. Each
 * handler records its class, code and lowcore fields in the result table;
 * the host compares the table with what it injected.
 *
 * Recorded fields (struct guest_rec):
 *   external: code 0x86, a = CPU address / subcode 0x84, b = parameter
 *             0x80, c = 64-bit parameter 0x11B8
 *   SVC:      code 0x8A, a = ILC 0x88
 *   program:  code 0x8E, a = ILC 0x8C, c = TEID 0xA8
 *   machine check: a = MCIC 0xE8, b = external damage 0xF4,
 *             c = failing address 0xF8
 *   I/O:      a = subchannel id 0xB8 << 16 | number 0xBA, b = parameter
 *             0xBC, c = interruption word 0xC0 */
#include "layout.h"
#include <vintc/s390_arch.h>

#define WAIT VINTC_S390_PSW_WAIT
#define BASE_MASK VINTC_S390_PSW_64BIT

void guest_main(void);
void guest_interrupt(uint64_t cls);
void load_mask(uint64_t mask);
void enabled_wait(uint64_t mask);
void wait_trap(void);
void wait_resume(void);
uint64_t stck_value(void);
void set_ckc(uint64_t v);
void set_cpu_timer(uint64_t v);
void set_prefix(uint32_t v);
uint64_t svc42(void);
uint64_t op_exception(void);
uint64_t get_cr(int n);
void set_cr(int n, uint64_t v);
uint64_t hypercall(uint64_t fn, uint64_t arg);
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

static struct guest_result *const result = (struct guest_result *)RESULT_BASE;
static volatile uint64_t taken;

#define CHECK(cond)                                     \
    do {                                                \
        if (!(cond) && result->errors++ == 0)           \
            result->error_line = __LINE__;              \
    } while (0)

/* Interruptions that persist as conditions are cleared by their handler. */
static void clear_condition(uint64_t code)
{
    if (code == 0x1004)
        set_ckc(~0ull);
    if (code == 0x1005)
        set_cpu_timer(0x7FFFFFFFFFFFFFFFull);
}

void guest_interrupt(uint64_t cls)
{
    static const unsigned long old_psw[7] = {
        0, VINTC_S390_LC_EXT_OLD_PSW, VINTC_S390_LC_SVC_OLD_PSW, VINTC_S390_LC_PGM_OLD_PSW,
        VINTC_S390_LC_MCCK_OLD_PSW, VINTC_S390_LC_IO_OLD_PSW, VINTC_S390_LC_RESTART_OLD_PSW,
    };
    struct guest_rec r = { .cls = cls };
    switch (cls) {
    case CLASS_EXT:
        r.code = lc16(VINTC_S390_LC_EXT_INT_CODE);
        r.a = lc16(VINTC_S390_LC_EXT_CPU_ADDR);
        r.b = lc32(VINTC_S390_LC_EXT_PARAM);
        r.c = lc64(VINTC_S390_LC_EXT_PARAMS2);
        clear_condition(r.code);
        break;
    case CLASS_SVC:
        r.code = lc16(VINTC_S390_LC_SVC_CODE);
        r.a = lc16(VINTC_S390_LC_SVC_ILC);
        break;
    case CLASS_PGM:
        r.code = lc16(VINTC_S390_LC_PGM_CODE);
        r.a = lc16(VINTC_S390_LC_PGM_ILC);
        r.c = lc64(VINTC_S390_LC_TRANS_EXC_CODE);
        break;
    case CLASS_MCHK:
        r.a = lc64(VINTC_S390_LC_MCCK_CODE);
        r.b = lc32(VINTC_S390_LC_EXT_DAMAGE_CODE);
        r.c = lc64(VINTC_S390_LC_MCCK_FAIL_ADDR);
        break;
    case CLASS_IO:
        r.a = (uint64_t)lc16(VINTC_S390_LC_SUBCHANNEL_ID) << 16 | lc16(VINTC_S390_LC_SUBCHANNEL_NR);
        r.b = lc32(VINTC_S390_LC_IO_INT_PARM);
        r.c = lc32(VINTC_S390_LC_IO_INT_WORD);
        break;
    default:
        break;
    }
    unsigned long old = old_psw[cls <= CLASS_RESTART ? cls : 0];
    r.old_mask = lc64(old);
    r.old_addr = lc64(old + 8);
    if (result->count < sizeof result->rec / sizeof result->rec[0])
        result->rec[result->count] = r;
    result->count++;
    taken++;
    /* Interrupted an enabled wait: resume after enabled_wait(), disabled. */
    if (r.old_mask & WAIT) {
        lc64_set(old, BASE_MASK);
        lc64_set(old + 8, (uint64_t)(unsigned long)wait_resume);
    }
}

static void set_new_psws(void)
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

/* Inject step `step` and take `n` interruptions, each in an enabled wait
 * with `mask`. With n = 0 the step's one interruption cannot be masked
 * (restart, program): it arrives wherever the CPU is, so poll for it. */
static void step(uint64_t step_nr, uint64_t mask, unsigned n)
{
    uint64_t before = taken;
    hypercall(HC_INJECT, step_nr);
    if (n == 0) {
        for (uint64_t spin = 0; taken == before && spin < 100000000; spin++)
            ;
        n = 1;
    }
    for (unsigned i = 0; i < n && taken < before + n; i++)
        enabled_wait(mask | WAIT);
    CHECK(taken == before + n);
}

void guest_main(void)
{
    const uint64_t ext = BASE_MASK | VINTC_S390_PSW_EXT;
    const uint64_t io = BASE_MASK | VINTC_S390_PSW_IO;
    const uint64_t mchk = BASE_MASK | VINTC_S390_PSW_MCHK;

    set_prefix(PREFIX_AREA);
    lc64_set(LC_IRQ_STACK, IRQ_STACK_TOP);
    set_new_psws();
    set_cr(0, get_cr(0) | VINTC_S390_CR0_MALFUNC | VINTC_S390_CR0_EMERGENCY |
                  VINTC_S390_CR0_EXTCALL | VINTC_S390_CR0_CKC | VINTC_S390_CR0_CPU_TIMER |
                  VINTC_S390_CR0_SERVICE);
    set_cr(6, VINTC_S390_CR6_ISC(2) | VINTC_S390_CR6_ISC(3) | VINTC_S390_CR6_ISC(5));
    set_cr(14, get_cr(14) | VINTC_S390_CR14_CHANNEL_REPORT | VINTC_S390_CR14_WARNING);

    step(0, ext, 1);        /* emergency signal */
    step(1, ext, 1);        /* external call */
    step(2, ext, 1);        /* malfunction alert */
    step(3, ext, 1);        /* service signal */
    step(4, ext, 1);        /* virtio */
    step(5, ext, 1);        /* pfault init */
    step(6, ext, 1);        /* pfault done */
    step(7, io, 3);         /* I/O on ISCs 5, 2, 3: taken 2, 3, 5 */
    step(8, ext | io, 1);   /* I/O on ISC 7 (masked in CR6) and an emergency signal */
    set_cr(6, get_cr(6) | VINTC_S390_CR6_ISC(7));
    enabled_wait(io | WAIT); /* now the ISC 7 interruption */
    step(9, mchk, 1);       /* channel-report machine check */
    step(10, mchk, 1);      /* floating warning machine check */
    step(11, mchk, 1);      /* exigent: system damage */
    step(12, BASE_MASK, 0); /* restart: not maskable, taken while disabled */

    /* Clock comparator from the host's TOD: 1 ms from now. */
    set_ckc(stck_value() + (1000ull << 12));
    enabled_wait(ext | WAIT);
    /* CPU timer: 1 ms. */
    set_cpu_timer(1000ull << 12);
    enabled_wait(ext | WAIT);

    uint64_t after = svc42();
    CHECK(result->rec[result->count - 1].old_addr == after);
    after = op_exception();
    CHECK(result->rec[result->count - 1].old_addr == after);
    step(13, ext, 0);       /* program interruption injected by the host */

    /* An I/O interruption injected by another host thread while this CPU
     * is in the enabled wait: s390_cpu_wait() ends it. */
    hypercall(HC_INJECT_LATER, 14);
    enabled_wait(io | WAIT);

    hypercall(HC_DONE, result->errors);
}

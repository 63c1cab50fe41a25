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
#include "guest.h"

void guest_main(void);

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
    struct guest_rec r;
    read_interruption(cls, &r);
    if (cls == CLASS_EXT)
        clear_condition(r.code);
    record(result, &r);
    taken++;
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

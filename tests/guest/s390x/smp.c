/* SPDX-License-Identifier: MIT */
/* SMP s390x guest (2 to 4 CPUs). CPU 0 runs guest_main(); the others start
 * in the stopped state and are brought up by CPU 0 with SIGNAL PROCESSOR
 * (z/Architecture Principles of Operation, chapter 4, "Signal-Processor
 * Orders"), which the host traps and carries out through vintc:
 *
 *   bring-up: SENSE (stopped), SET PREFIX, the restart new PSW and lowcore
 *             words written into the target's new prefix area, RESTART;
 *             the target reports with an EMERGENCY SIGNAL to CPU 0.
 *   ping-pong: DEV rounds of EMERGENCY SIGNAL from CPU 0 to each CPU, which
 *             answers with EXTERNAL CALL; every one is checked for its
 *             source CPU address in the lowcore.
 *   I/O:      the host injects NR_IO floating I/O interruptions; only the
 *             secondaries are enabled for them (CR6), and each is taken by
 *             exactly one of them (chapter 6, "I/O interruption").
 *   stop:     STOP AND STORE STATUS to CPU 1, SENSE until it reports
 *             stopped, then the stored status at absolute 0x1200 (prefix,
 *             PSW, architectural-mode id) is checked; a second STOP AND
 *             STORE STATUS to the stopped CPU stores it again; RESTART
 *             brings it back: it takes a restart interruption and answers
 *             another EMERGENCY SIGNAL.
 * Each CPU records its interruptions in its own result table. */
#include "guest.h"

#define MAX_CPUS 8
#define NR_IO 16
#define ROUNDS 8
#define EXT_IO_WAIT (BASE_MASK | VINTC_S390_PSW_EXT | VINTC_S390_PSW_IO | WAIT)
#define EXT_WAIT (BASE_MASK | VINTC_S390_PSW_EXT | WAIT)

void guest_main(void);
void secondary_main(void);

/* Each element is written by one CPU only (guest interlocked updates are
 * not atomic across Unicorn engines). */
static volatile uint64_t emergency_from[MAX_CPUS];   /* CPU 0: per source */
static volatile uint64_t extcall_from[MAX_CPUS];     /* CPU 0: per source */
static volatile uint64_t io_taken[MAX_CPUS];
static volatile uint64_t restarts[MAX_CPUS];

static uint64_t this_cpu(void)
{
    return lc64(LC_CPU_NR);
}

static struct guest_result *result_of(uint64_t cpu)
{
    return (struct guest_result *)(unsigned long)(RESULT_BASE + cpu * RESULT_STRIDE);
}

#define CHECK(cpu, cond)                                           \
    do {                                                           \
        struct guest_result *r_ = result_of(cpu);                  \
        if (!(cond) && r_->errors++ == 0)                          \
            r_->error_line = __LINE__;                             \
    } while (0)

static unsigned sigp(uint64_t cpu, uint64_t order, uint64_t param, uint64_t *status)
{
    uint64_t st = 0;
    unsigned cc = sigp_order(cpu, order, param, &st);
    if (status)
        *status = st & 0xFFFFFFFFu;
    return cc;
}

void guest_interrupt(uint64_t cls)
{
    uint64_t cpu = this_cpu();
    struct guest_rec r;
    read_interruption(cls, &r);
    record(result_of(cpu), &r);
    if (cls == CLASS_EXT && r.code == 0x1201 && r.a < MAX_CPUS) {
        if (cpu == 0) {
            emergency_from[r.a]++;
        } else {
            /* Answer CPU 0's emergency signal with an external call. */
            CHECK(cpu, r.a == 0);
            CHECK(cpu, sigp(0, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
        }
    } else if (cls == CLASS_EXT && r.code == 0x1202 && r.a < MAX_CPUS) {
        CHECK(cpu, cpu == 0);
        extcall_from[r.a]++;
    } else if (cls == CLASS_IO) {
        io_taken[cpu]++;
    } else if (cls == CLASS_RESTART) {
        restarts[cpu]++;
    } else {
        CHECK(cpu, 0);
    }
}

static void cpu_setup(uint64_t cr6)
{
    set_new_psws();
    set_cr(0, get_cr(0) | VINTC_S390_CR0_EMERGENCY | VINTC_S390_CR0_EXTCALL);
    set_cr(6, cr6);
}

void secondary_main(void)
{
    uint64_t cpu = this_cpu();
    cpu_setup(VINTC_S390_CR6_ISC(3));
    CHECK(cpu, sigp(0, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0, 0) == 0);
    for (;;)
        enabled_wait(EXT_IO_WAIT);
}

/* Wait (enabled for external interruptions) until *counter reaches n. */
static void wait_ext(volatile uint64_t *counter, uint64_t n)
{
    for (unsigned i = 0; *counter < n && i < 100000; i++)
        enabled_wait(EXT_WAIT);
    CHECK(0, *counter == n);
}

static uint64_t absolute64(uint64_t abs)
{
    /* CPU 0's real address of absolute location `abs` < 8 KiB: its prefix
     * area maps to absolute 0..8K (PoP chapter 3, "Prefixing"). */
    return *(volatile uint64_t *)(unsigned long)(PREFIX_AREA + abs);
}

void guest_main(void)
{
    set_prefix(PREFIX_AREA);
    lc64_set(LC_IRQ_STACK, IRQ_STACK_TOP);
    lc64_set(LC_CPU_NR, 0);
    cpu_setup(0);                   /* CPU 0 takes no I/O interruptions */
    uint64_t nr = hypercall(HC_NR_CPUS, 0), status;

    for (uint64_t i = 1; i < nr; i++) {
        uint64_t px = PREFIX_AREA + i * PREFIX_STRIDE;
        CHECK(0, sigp(i, VINTC_S390_SIGP_SENSE, 0, &status) == 1 &&
                     status == VINTC_S390_SIGP_STATUS_STOPPED);
        CHECK(0, sigp(i, VINTC_S390_SIGP_SET_PREFIX, px, 0) == 0);
        /* The target's lowcore, at its new prefix (absolute = real here). */
        volatile uint64_t *lc = (volatile uint64_t *)(unsigned long)px;
        lc[VINTC_S390_LC_RESTART_NEW_PSW / 8] = BASE_MASK;
        lc[VINTC_S390_LC_RESTART_NEW_PSW / 8 + 1] = (uint64_t)(unsigned long)secondary_start;
        lc[LC_STACK / 8] = STACK_TOP - i * 0x4000;
        lc[LC_IRQ_STACK / 8] = IRQ_STACK_TOP - i * 0x8000;
        lc[LC_CPU_NR / 8] = i;
        CHECK(0, sigp(i, VINTC_S390_SIGP_RESTART, 0, 0) == 0);
        wait_ext(&emergency_from[i], 1);
        CHECK(0, sigp(i, VINTC_S390_SIGP_SENSE, 0, &status) == 0);
    }

    for (uint64_t round = 1; round <= ROUNDS; round++) {
        for (uint64_t i = 1; i < nr; i++) {
            CHECK(0, sigp(i, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0, 0) == 0);
            wait_ext(&extcall_from[i], round);
        }
    }

    hypercall(HC_INJECT_IO, NR_IO);
    for (unsigned spin = 0; spin < 100000000; spin++) {
        uint64_t sum = 0;
        for (uint64_t i = 1; i < nr; i++)
            sum += io_taken[i];
        if (sum >= NR_IO)
            break;
    }

    /* Stop CPU 1 with status stored at absolute 0x1200, then restart it. */
    unsigned cc;
    while ((cc = sigp(1, VINTC_S390_SIGP_STOP_AND_STORE_STATUS, 0, 0)) == 2)
        ;
    CHECK(0, cc == 0);
    for (unsigned spin = 0; spin < 1000000; spin++) {
        if (sigp(1, VINTC_S390_SIGP_SENSE, 0, &status) == 1 &&
            (status & VINTC_S390_SIGP_STATUS_STOPPED))
            break;
    }
    CHECK(0, status & VINTC_S390_SIGP_STATUS_STOPPED);
    CHECK(0, (absolute64(VINTC_S390_LC_PREFIX_SAVE & ~7u) >> 32) ==
                 PREFIX_AREA + PREFIX_STRIDE);
    CHECK(0, absolute64(VINTC_S390_LC_PSW_SAVE) & WAIT);
    CHECK(0, (absolute64(VINTC_S390_LC_AR_MODE_ID & ~7u) >> 32 & 0xFF) == 1);
    /* STOP AND STORE STATUS to a stopped CPU stores its status again. */
    *(volatile uint64_t *)(unsigned long)(PREFIX_AREA + VINTC_S390_LC_PREFIX_SAVE) = 0;
    CHECK(0, sigp(1, VINTC_S390_SIGP_STOP_AND_STORE_STATUS, 0, 0) == 0);
    CHECK(0, (absolute64(VINTC_S390_LC_PREFIX_SAVE & ~7u) >> 32) ==
                 PREFIX_AREA + PREFIX_STRIDE);
    CHECK(0, sigp(1, VINTC_S390_SIGP_RESTART, 0, 0) == 0);
    for (unsigned spin = 0; restarts[1] == 0 && spin < 100000000; spin++)
        ;
    CHECK(0, restarts[1] == 1);
    CHECK(0, sigp(1, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0, 0) == 0);
    wait_ext(&extcall_from[1], ROUNDS + 1);

    hypercall(HC_DONE, result_of(0)->errors);
}

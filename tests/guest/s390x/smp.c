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
 *   orders:   on the last CPU t (see test_orders()): condition code 3 for
 *             CPU addresses >= nr; SENSE RUNNING STATUS of a running and a
 *             stopped CPU; CONDITIONAL EMERGENCY SIGNAL to an operating CPU
 *             and to a stopped one, with and without a matching ASN; STOP
 *             without status, the counter of the stopped CPU watched
 *             standing still, START; STORE STATUS AT ADDRESS refused by an
 *             operating CPU and for an address without storage, and stored
 *             by a stopped one (checked field by field); CPU RESET (the
 *             registers stay, a pending emergency signal is cleared) and
 *             INITIAL CPU RESET (the reset values, stored by STORE STATUS AT
 *             ADDRESS and seen by the CPU after a RESTART at prefix 0).
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
static volatile uint64_t emergencies_seen[MAX_CPUS]; /* secondaries: from CPU 0 */

/* Commands from CPU 0 to a secondary: CPU 0 writes command[] and then
 * increments ping[]; the secondary copies ping[] to pong[] when it takes
 * the command up and answers with an EXTERNAL CALL to CPU 0. A secondary
 * waiting in secondary_main() looks at ping[] only after taking the
 * external call that CPU 0 rings its bell with (bells[]), so the call is
 * never still pending when it answers. */
#define CMD_REPLY 0 /* only answer */
#define CMD_COUNT 1 /* count in counter[] with I/O and external enabled */
#define CMD_PARK  2 /* (while counting) stop at park_loop with known registers */
#define CMD_HOLD  3 /* sit in HC_HOLD (a long instruction), then answer */
static volatile uint64_t command[MAX_CPUS], ping[MAX_CPUS]; /* CPU 0 */
static volatile uint64_t pong[MAX_CPUS], counter[MAX_CPUS];  /* the secondary */
static volatile uint64_t bells[MAX_CPUS];                    /* the secondary */
static uint64_t park_regs[MAX_CPUS][16];   /* the secondary */
static uint64_t parked_crs[MAX_CPUS][16];  /* the secondary: CRs it parked with */
/* What the secondary found after INITIAL CPU RESET and RESTART. */
static volatile struct {
    uint64_t cr0, cr14, prefix, old_mask, old_addr, done;
} after_reset[MAX_CPUS];

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
            emergencies_seen[cpu]++;
            CHECK(cpu, sigp(0, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
        }
    } else if (cls == CLASS_EXT && r.code == 0x1202 && r.a < MAX_CPUS) {
        /* CPU 0 rings a secondary's bell with an external call. */
        CHECK(cpu, cpu == 0 || r.a == 0);
        if (cpu == 0)
            extcall_from[r.a]++;
        else
            bells[cpu]++;
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

/* Stop at park_loop with the PARK_* CPU timer, clock comparator and
 * registers, after telling CPU 0 (park_pattern). */
static void park(uint64_t cpu)
{
    set_cpu_timer(PARK_CPU_TIMER);
    set_ckc(PARK_CKC);
    store_crs(parked_crs[cpu]);
    for (unsigned i = 0; i < 16; i++)
        park_regs[cpu][i] = PARK_GPR(cpu, i);
    park_pattern(park_regs[cpu]);
}

/* Count for ever, enabled for I/O and external interruptions, answering
 * each ping; CMD_PARK parks instead of answering. */
static void count_loop(uint64_t cpu)
{
    load_mask(BASE_MASK | VINTC_S390_PSW_EXT | VINTC_S390_PSW_IO);
    for (;;) {
        counter[cpu]++;
        if (ping[cpu] != pong[cpu]) {
            pong[cpu] = ping[cpu];
            if (command[cpu] == CMD_PARK)
                park(cpu);
            CHECK(cpu, sigp(0, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
        }
    }
}

void secondary_main(void)
{
    uint64_t cpu = this_cpu();
    cpu_setup(VINTC_S390_CR6_ISC(3));
    /* Primary and secondary ASN (CR4, CR3 bits 48-63) for CONDITIONAL
     * EMERGENCY SIGNAL; DAT stays off, so nothing else uses them. */
    set_cr(4, 0x0042);
    set_cr(3, 0x0043);
    CHECK(cpu, sigp(0, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0, 0) == 0);
    uint64_t bells_seen = bells[cpu];
    for (;;) {
        enabled_wait(EXT_IO_WAIT);
        if (bells[cpu] == bells_seen)
            continue;
        bells_seen = bells[cpu];
        if (ping[cpu] == pong[cpu])
            continue;
        if (command[cpu] == CMD_COUNT)
            count_loop(cpu); /* answers the ping itself */
        if (command[cpu] == CMD_HOLD)
            hypercall(HC_HOLD, 0);
        pong[cpu] = ping[cpu];
        CHECK(cpu, sigp(0, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
    }
}

/* After INITIAL CPU RESET and RESTART (reset_entry), at prefix 0: note
 * what the reset left, move back to this CPU's prefix area (its lowcore
 * there is intact: a reset does not change storage) and start over. */
void after_reset_main(void);
void after_reset_main(void)
{
    uint64_t cpu = this_cpu();
    if (cpu >= MAX_CPUS)
        return;
    after_reset[cpu].cr0 = get_cr(0);
    after_reset[cpu].cr14 = get_cr(14);
    after_reset[cpu].prefix = store_prefix();
    after_reset[cpu].old_mask = lc64(VINTC_S390_LC_RESTART_OLD_PSW);
    after_reset[cpu].old_addr = lc64(VINTC_S390_LC_RESTART_OLD_PSW + 8);
    after_reset[cpu].done = 1;
    set_prefix(PREFIX_AREA + cpu * PREFIX_STRIDE);
    secondary_main();
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

/* SENSE until the order in flight completes: condition code 2 (busy) ends
 * only when it did, so this has no time limit (the test's own timeout
 * catches a stop that never completes). */
static unsigned sense_settled(uint64_t cpu, uint64_t *status)
{
    unsigned cc;
    while ((cc = sigp(cpu, VINTC_S390_SIGP_SENSE, 0, status)) == 2)
        ;
    return cc;
}

static void absolute64_set(uint64_t abs, uint64_t v)
{
    *(volatile uint64_t *)(unsigned long)(PREFIX_AREA + abs) = v;
}

static volatile unsigned char *bytes_at(uint64_t abs)
{
    return (volatile unsigned char *)(unsigned long)abs;
}

/* 0xA5 over the 512-byte status area at `area` and 512 bytes either side. */
static void fill_around(uint64_t area)
{
    for (uint64_t a = area - 0x200; a < area + 0x400; a++)
        *bytes_at(a) = 0xA5;
}

static int untouched(uint64_t from, uint64_t to)
{
    for (uint64_t a = from; a < to; a++)
        if (*bytes_at(a) != 0xA5)
            return 0;
    return 1;
}

/* A field of the status stored at `area`, by its real-address offset in
 * the 0x1200..0x13FF layout (PoP chapter 4, "Store Status"). */
static uint64_t st64(uint64_t area, unsigned off)
{
    return *(volatile uint64_t *)(unsigned long)(area + off - VINTC_S390_LC_FPRS_SAVE);
}
static uint32_t st32(uint64_t area, unsigned off)
{
    return *(volatile uint32_t *)(unsigned long)(area + off - VINTC_S390_LC_FPRS_SAVE);
}

/* What a STORE STATUS AT ADDRESS of the parked CPU t must hold. */
struct status_want {
    uint64_t psw_mask, psw_addr, ckc, cr[16];
    uint32_t prefix;
    int64_t timer_min, timer_max;
};

/* The status STORE STATUS AT ADDRESS stored at `area`, field by field
 * (PoP chapter 4, "Store Status" and "Signal-Processor Orders"), and
 * nothing outside its 512 bytes. FPRs, access registers, FPC and TOD
 * programmable register are 0 (this guest never sets them); the GPRs are
 * the ones the CPU parked with, which no reset changes. */
static void check_status(uint64_t t, uint64_t area, const struct status_want *w)
{
    CHECK(0, untouched(area - 0x200, area));
    CHECK(0, untouched(area + 0x200, area + 0x400));
    for (unsigned i = 0; i < 16; i++) {
        CHECK(0, st64(area, VINTC_S390_LC_FPRS_SAVE + 8 * i) == 0);
        CHECK(0, st64(area, VINTC_S390_LC_GPRS_SAVE + 8 * i) == PARK_GPR(t, i));
        CHECK(0, st32(area, VINTC_S390_LC_ACRS_SAVE + 4 * i) == 0);
        CHECK(0, st64(area, VINTC_S390_LC_CRS_SAVE + 8 * i) == w->cr[i]);
    }
    CHECK(0, st64(area, VINTC_S390_LC_PSW_SAVE) == w->psw_mask);
    CHECK(0, st64(area, VINTC_S390_LC_PSW_SAVE + 8) == w->psw_addr);
    CHECK(0, st32(area, VINTC_S390_LC_PREFIX_SAVE) == w->prefix);
    CHECK(0, st32(area, VINTC_S390_LC_FPC_SAVE) == 0);
    CHECK(0, st32(area, VINTC_S390_LC_TODPR_SAVE) == 0);
    int64_t timer = (int64_t)st64(area, VINTC_S390_LC_CPU_TIMER_SAVE);
    CHECK(0, timer >= w->timer_min && timer <= w->timer_max);
    /* Bits 0-55 of the clock comparator (real 0x1330). */
    CHECK(0, st64(area, VINTC_S390_LC_CKC_SAVE) == w->ckc >> 8);
}

/* The signal-processor orders of PoP chapter 4, "Signal-Processor Orders",
 * not covered above, all on CPU t (the last one). The host carries them out
 * through vintc (host/s390x_sigp.c). Every step waits for the answer it
 * needs (an EXTERNAL CALL from t, or SENSE until not busy). */
static void test_orders(uint64_t nr)
{
    uint64_t t = nr - 1, status, calls = extcall_from[t];
    unsigned cc;

    /* Condition code 3, not operational, for CPU addresses without a CPU
     * (PoP chapter 4, "Conditions Determining Response"). */
    CHECK(0, sigp(nr, VINTC_S390_SIGP_SENSE, 0, &status) == 3);
    CHECK(0, sigp(nr, VINTC_S390_SIGP_SENSE_RUNNING_STATUS, 0, &status) == 3);
    CHECK(0, sigp(0xFFFF, VINTC_S390_SIGP_STOP, 0, &status) == 3);

    /* t counts, enabled for I/O and external interruptions. */
    command[t] = CMD_COUNT;
    ping[t]++;
    CHECK(0, sigp(t, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
    wait_ext(&extcall_from[t], ++calls);
    /* SENSE RUNNING STATUS: a CPU that runs gives condition code 0. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE_RUNNING_STATUS, 0, &status) == 0);
    CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE, 0, &status) == 0);
    /* STORE STATUS AT ADDRESS is accepted only by a stopped CPU: incorrect
     * state, nothing stored. */
    fill_around(STATUS_AREA_PARKED);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA_PARKED, &status) == 1 &&
                 status == VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
    CHECK(0, untouched(STATUS_AREA_PARKED - 0x200, STATUS_AREA_PARKED + 0x400));
    /* CONDITIONAL EMERGENCY SIGNAL to a CPU that is not stopped is an
     * emergency signal whatever the ASN (see host/s390x_sigp.c for the
     * conditions): t answers it. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL, 0x7777, &status) == 0);
    wait_ext(&extcall_from[t], ++calls);
    CHECK(0, emergencies_seen[t] == ROUNDS + (t == 1 ? 2u : 1u));

    /* STOP without status: t stops; while stopped it does not run. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_STOP, 0, 0) == 0);
    cc = sense_settled(t, &status);
    CHECK(0, cc == 1 && status == VINTC_S390_SIGP_STATUS_STOPPED);
    CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE_RUNNING_STATUS, 0, &status) == 1 &&
                 status == VINTC_S390_SIGP_STATUS_NOT_RUNNING);
    uint64_t stopped_at = counter[t];
    for (unsigned i = 0; i < 2000; i++)
        CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE, 0, &status) == 1);
    CHECK(0, counter[t] == stopped_at);
    /* The stopped t's PSW enables I/O and external interruptions and is no
     * wait PSW: the emergency signal is made only for the ASN in its CR4
     * (primary) or CR3 (secondary). The two that are made come from the
     * same CPU before delivery: one signal. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL, 0x7777, &status) == 1 &&
                 status == VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
    CHECK(0, sigp(t, VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL, 0x0042, &status) == 0);
    CHECK(0, sigp(t, VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL, 0x0043, &status) == 0);
    /* START: t runs again; it takes the emergency signal and answers, then
     * answers a ping from its counting loop, which has moved on. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_START, 0, &status) == 0);
    wait_ext(&extcall_from[t], ++calls);
    ping[t]++;
    wait_ext(&extcall_from[t], ++calls);
    CHECK(0, counter[t] != stopped_at);
    CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE, 0, &status) == 0);

    /* Park t with known registers and stop it there. */
    command[t] = CMD_PARK;
    ping[t]++;
    wait_ext(&extcall_from[t], ++calls);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STOP, 0, 0) == 0);
    cc = sense_settled(t, &status);
    CHECK(0, cc == 1 && status == VINTC_S390_SIGP_STATUS_STOPPED);

    struct status_want parked = {
        .psw_mask = BASE_MASK | VINTC_S390_PSW_EXT | VINTC_S390_PSW_IO,
        .psw_addr = (uint64_t)(unsigned long)park_loop,
        .ckc = PARK_CKC,
        .prefix = (uint32_t)(PREFIX_AREA + t * PREFIX_STRIDE),
        .timer_min = (int64_t)(PARK_CPU_TIMER / 2),
        .timer_max = (int64_t)PARK_CPU_TIMER,
    };
    for (unsigned i = 0; i < 16; i++)
        parked.cr[i] = parked_crs[t][i];
    /* STORE STATUS AT ADDRESS: the area is parameter bits 33-54 with nine
     * zero bits appended, so bits 0-32 and 55-63 do not matter. */
    fill_around(STATUS_AREA_PARKED);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS,
                  (1ull << 40) | STATUS_AREA_PARKED | 0x1F5, &status) == 0);
    check_status(t, STATUS_AREA_PARKED, &parked);
    /* An area without storage: invalid parameter. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, RAM_SIZE, &status) == 1 &&
                 status == VINTC_S390_SIGP_STATUS_INVALID_PARAMETER);

    /* CPU RESET (PoP chapter 4, "CPU Reset"): pending interruptions are
     * cleared (the emergency signal made here is never taken), the CPU is
     * stopped, its registers are unchanged. */
    uint64_t seen = emergencies_seen[t];
    CHECK(0, sigp(t, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0, &status) == 0);
    CHECK(0, sigp(t, VINTC_S390_SIGP_CPU_RESET, 0, &status) == 0);
    CHECK(0, sense_settled(t, &status) == 1 && status == VINTC_S390_SIGP_STATUS_STOPPED);
    fill_around(STATUS_AREA_RESET);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA_RESET, &status) == 0);
    check_status(t, STATUS_AREA_RESET, &parked);

    /* INITIAL CPU RESET (PoP chapter 4, "Initial CPU Reset" and the table
     * of reset actions): PSW, prefix, CPU timer, clock comparator, FPC and
     * TOD programmable register 0, CR0 0xE0, CR14 0xC2000000, the other
     * control registers 0; general registers unchanged. */
    struct status_want reset = { .cr = { [0] = VINTC_S390_CR0_RESET,
                                         [14] = VINTC_S390_CR14_RESET } };
    CHECK(0, sigp(t, VINTC_S390_SIGP_INITIAL_CPU_RESET, 0, &status) == 0);
    CHECK(0, sense_settled(t, &status) == 1 && status == VINTC_S390_SIGP_STATUS_STOPPED);
    fill_around(STATUS_AREA_INITIAL);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA_INITIAL, &status) == 0);
    check_status(t, STATUS_AREA_INITIAL, &reset);

    /* RESTART with prefix 0: t's lowcore is absolute 0..8K now. */
    absolute64_set(VINTC_S390_LC_RESTART_NEW_PSW, BASE_MASK);
    absolute64_set(VINTC_S390_LC_RESTART_NEW_PSW + 8, (uint64_t)(unsigned long)reset_entry);
    absolute64_set(LC_STACK, STACK_TOP - t * 0x4000);
    absolute64_set(LC_IRQ_STACK, IRQ_STACK_TOP - t * 0x8000);
    absolute64_set(LC_CPU_NR, t);
    uint64_t emerg = emergency_from[t];
    CHECK(0, sigp(t, VINTC_S390_SIGP_RESTART, 0, &status) == 0);
    wait_ext(&emergency_from[t], emerg + 1);
    CHECK(0, after_reset[t].done == 1);
    CHECK(0, after_reset[t].cr0 == VINTC_S390_CR0_RESET);
    CHECK(0, after_reset[t].cr14 == VINTC_S390_CR14_RESET);
    CHECK(0, after_reset[t].prefix == 0);
    CHECK(0, after_reset[t].old_mask == 0 && after_reset[t].old_addr == 0);
    /* A ping answered after the restart: the emergency signal that CPU
     * RESET cleared would have been taken before it (an emergency signal
     * outranks the external call that carries the ping). */
    command[t] = CMD_REPLY;
    ping[t]++;
    CHECK(0, sigp(t, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
    wait_ext(&extcall_from[t], ++calls);
    CHECK(0, emergencies_seen[t] == seen);

    /* Busy (PoP chapter 4, "Conditions Precluding Interpretation of the
     * Order Code"): a STOP accepted by a CPU that is inside a long
     * instruction (HC_HOLD keeps its host thread in the DIAGNOSE) stays
     * pending until the instruction ends; meanwhile every order but the
     * resets gets condition code 2 and has no effect. */
    command[t] = CMD_HOLD;
    ping[t]++;
    CHECK(0, sigp(t, VINTC_S390_SIGP_EXTERNAL_CALL, 0, 0) == 0);
    hypercall(HC_AWAIT_HELD, t);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STOP, 0, &status) == 0);
    CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE, 0, &status) == 2);
    CHECK(0, sigp(t, VINTC_S390_SIGP_SENSE_RUNNING_STATUS, 0, &status) == 2);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STOP, 0, &status) == 2);
    CHECK(0, sigp(t, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0, &status) == 2);
    CHECK(0, sigp(t, VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL, 0x0042, &status) == 2);
    CHECK(0, sigp(t, VINTC_S390_SIGP_START, 0, &status) == 2);
    CHECK(0, sigp(t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, STATUS_AREA_PARKED, &status) ==
                 2);
    hypercall(HC_RELEASE, t);
    CHECK(0, sense_settled(t, &status) == 1 && status == VINTC_S390_SIGP_STATUS_STOPPED);
    /* Started, t finishes the command: it answers. */
    CHECK(0, sigp(t, VINTC_S390_SIGP_START, 0, &status) == 0);
    wait_ext(&extcall_from[t], ++calls);
    CHECK(0, emergencies_seen[t] == seen);
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

    test_orders(nr);
    hypercall(HC_DONE, result_of(0)->errors);
}

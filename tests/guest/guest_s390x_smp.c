/* SPDX-License-Identifier: MIT */
/* 2-4 s390x CPUs (argument 1, default 4) running s390x/smp.c over one
 * shared storage, one Unicorn engine per CPU thread. CPU 0 starts; the
 * others start stopped. The guest's SIGP instructions are trapped and
 * carried out through vintc (host/s390x_sigp.c); stops, restarts and prefix
 * changes happen between slices in each CPU's own thread
 * (s390x_cpu_enter()). Every guest wait ends by an interruption or a SIGP,
 * so the outcome does not depend on the scheduler; a 20 s wait limit only
 * turns a lost wake-up into a failure. Resets run on the target CPU's own
 * thread while the issuing CPU waits (s390x_smp_service()); HC_HOLD keeps a
 * CPU inside a DIAGNOSE, by handshake, so that a STOP stays pending. At the
 * end each CPU's table must hold exactly the interruptions the orders and
 * injections imply, every floating I/O interruption must have been taken
 * exactly once, and the statuses STORE STATUS AT ADDRESS stored must hold
 * the parked and the reset register values. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host/s390x_cpu.h"
#include "host/s390x_sigp.h"
#include "s390x/layout.h"
#include "s390x/smp.bin.h"

#define SLICE  2000u
#define NR_IO  16u /* as s390x/smp.c */
#define ROUNDS 8u
/* The last CPU in test_orders() of s390x/smp.c: emergency signals it takes
 * from CONDITIONAL EMERGENCY SIGNAL (the one made before CPU RESET is
 * cleared by it), external calls it sends CPU 0, and bells CPU 0 rings. */
#define LAST_COND_EMERG 2u
#define LAST_EXTCALLS   7u
#define LAST_BELLS      3u

static struct {
    struct s390_vm *vm;
    unsigned char *ram;
    struct s390x_cpu cpu[S390X_SMP_MAX_CPUS];
    pthread_t thread[S390X_SMP_MAX_CPUS];
    int failed[S390X_SMP_MAX_CPUS];
    struct s390x_smp smp;
    unsigned nr;
    atomic_bool done;
    pthread_mutex_t hold_lock; /* HC_HOLD, HC_AWAIT_HELD, HC_RELEASE */
    pthread_cond_t hold_cond;
    bool held[S390X_SMP_MAX_CPUS], released[S390X_SMP_MAX_CPUS];
    uint64_t guest_errors;
    unsigned bad;
} h;

static int guest_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    (void)opaque;
    if (addr >= RAM_SIZE || len > RAM_SIZE - addr)
        return -14;
    memcpy(buf, h.ram + addr, len);
    return 0;
}

static int guest_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    (void)opaque;
    if (addr >= RAM_SIZE || len > RAM_SIZE - addr)
        return -14;
    memcpy(h.ram + addr, buf, len);
    return 0;
}

static uint64_t tod_clock(void *opaque)
{
    (void)opaque;
    return s390x_host_tod();
}

/* HC_HOLD: CPU c's thread stays in this call (in the middle of its slice,
 * so it cannot carry out a STOP) until HC_RELEASE; HC_AWAIT_HELD: until CPU
 * `arg` is held. Handshakes without time limits. */
static uint64_t hold(unsigned fn, unsigned cpu)
{
    if (cpu >= h.nr)
        return 1;
    pthread_mutex_lock(&h.hold_lock);
    if (fn == HC_HOLD) {
        h.held[cpu] = true;
        pthread_cond_broadcast(&h.hold_cond);
        while (!h.released[cpu])
            pthread_cond_wait(&h.hold_cond, &h.hold_lock);
        h.held[cpu] = h.released[cpu] = false;
    } else if (fn == HC_AWAIT_HELD) {
        while (!h.held[cpu])
            pthread_cond_wait(&h.hold_cond, &h.hold_lock);
    } else {
        h.released[cpu] = true;
        pthread_cond_broadcast(&h.hold_cond);
    }
    pthread_mutex_unlock(&h.hold_lock);
    return 0;
}

static uint64_t diag(struct s390x_cpu *c, uint64_t fn, uint64_t arg)
{
    switch (fn) {
    case HC_HOLD:
        return hold(HC_HOLD, c->id);
    case HC_AWAIT_HELD:
    case HC_RELEASE:
        return hold((unsigned)fn, arg < h.nr ? (unsigned)arg : h.nr);
    case HC_NR_CPUS:
        return h.nr;
    case HC_INJECT_IO:
        for (uint64_t i = 1; i <= arg; i++) {
            struct s390_irq irq;
            memset(&irq, 0, sizeof irq);
            irq.type = S390_IRQ_IO;
            irq.u.io.subchannel_id = 0x0001;
            irq.u.io.subchannel_nr = (uint16_t)i;
            irq.u.io.parm = (uint32_t)i;
            irq.u.io.word = 3u << 27; /* ISC 3 */
            if (s390_inject_vm(h.vm, &irq) != 0)
                h.bad++;
        }
        return 0;
    case HC_DONE:
        h.guest_errors = arg;
        atomic_store(&h.done, true);
        for (unsigned i = 0; i < h.nr; i++)
            s390_cpu_kick(h.vm, i);
        return 0;
    default:
        h.bad++;
        return 1;
    }
}

static unsigned sigp(struct s390x_cpu *c, unsigned order, uint64_t cpu_addr,
                     uint64_t param, uint32_t *status)
{
    return s390x_smp_sigp(&h.smp, c->id, order, cpu_addr, param, status);
}

static void before_stop(struct s390x_cpu *c)
{
    s390x_smp_stopped(&h.smp, c);
}

static void *cpu_thread(void *arg)
{
    struct s390x_cpu *c = arg;
    while (!atomic_load(&h.done)) {
        if (s390x_smp_service(&h.smp, c) < 0) {
            h.failed[c->id] = 1;
            break;
        }
        if (s390x_cpu_enter(c, 20000000000) < 0) {
            h.failed[c->id] = 1;
            break;
        }
        if (!c->stopped && s390x_cpu_slice(c, SLICE) != 0) {
            h.failed[c->id] = 1;
            break;
        }
    }
    return NULL;
}

static uint64_t be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* Count CPU `cpu`'s records of class `cls`, code `code` (~0: any), field
 * a == `a` (~0: any). */
static unsigned count(unsigned cpu, uint64_t cls, uint64_t code, uint64_t a)
{
    const unsigned char *res = h.ram + RESULT_BASE + cpu * RESULT_STRIDE;
    uint64_t n = be64(res);
    unsigned k = 0;
    for (uint64_t i = 0; i < n && i < 64; i++) {
        const unsigned char *r = res + 32 + 64 * i;
        if (be64(r) == cls && (code == ~0ull || be64(r + 8) == code) &&
            (a == ~0ull || be64(r + 16) == a))
            k++;
    }
    return k;
}

/* A field of the status stored at absolute `area`, by its real-address
 * offset in the 0x1200..0x13FF layout (PoP chapter 4, "Store Status"). */
static uint64_t status_field(uint64_t area, unsigned off, unsigned len)
{
    const unsigned char *p = h.ram + area + off - VINTC_S390_LC_FPRS_SAVE;
    return len == 8 ? be64(p) : be64(p) >> 32;
}

static unsigned status_mismatch(const char *what, unsigned i, uint64_t got,
                                uint64_t want)
{
    if (got == want)
        return 0;
    printf("status %s: field %u is %016llx, not %016llx\n", what, i,
           (unsigned long long)got, (unsigned long long)want);
    return 1;
}

/* The three statuses the guest had its last CPU t store with STORE STATUS
 * AT ADDRESS (s390x/smp.c), checked here too: parked at park_loop with the
 * PARK_* values, enabled for I/O and external interruptions; the same
 * registers after CPU RESET (which changes none, PoP chapter 4, "CPU
 * Reset"; the CPU timer goes on decreasing here while stopped); after
 * INITIAL CPU RESET the values of the PoP's table of reset actions, GPRs
 * unchanged. */
static int check_status_areas(void)
{
    const uint64_t parked = STATUS_AREA_PARKED, reset = STATUS_AREA_RESET,
                   initial = STATUS_AREA_INITIAL;
    unsigned t = h.nr - 1, bad = 0;
    for (unsigned i = 0; i < 16; i++) {
        unsigned g = VINTC_S390_LC_GPRS_SAVE + 8 * i,
                 c = VINTC_S390_LC_CRS_SAVE + 8 * i;
        bad += status_mismatch("parked GPR", i, status_field(parked, g, 8),
                               (uint64_t)PARK_GPR(t, i));
        bad += status_mismatch("reset GPR", i, status_field(reset, g, 8),
                               (uint64_t)PARK_GPR(t, i));
        bad += status_mismatch("initial GPR", i, status_field(initial, g, 8),
                               (uint64_t)PARK_GPR(t, i));
        bad += status_mismatch("reset CR", i, status_field(reset, c, 8),
                               status_field(parked, c, 8));
        bad += status_mismatch("initial CR", i, status_field(initial, c, 8),
                               i == 0    ? VINTC_S390_CR0_RESET
                               : i == 14 ? VINTC_S390_CR14_RESET
                                         : 0);
    }
    uint64_t cr0 = status_field(parked, VINTC_S390_LC_CRS_SAVE, 8);
    bad += status_mismatch(
        "parked CR0 subclasses", 0,
        cr0 & (VINTC_S390_CR0_EMERGENCY | VINTC_S390_CR0_EXTCALL),
        VINTC_S390_CR0_EMERGENCY | VINTC_S390_CR0_EXTCALL);
    bad += status_mismatch(
        "parked CR3, CR4", 0,
        status_field(parked, VINTC_S390_LC_CRS_SAVE + 3 * 8, 8) << 16 |
            status_field(parked, VINTC_S390_LC_CRS_SAVE + 4 * 8, 8),
        0x00430042);
    const uint64_t mask = VINTC_S390_PSW_64BIT | VINTC_S390_PSW_EXT |
                          VINTC_S390_PSW_IO;
    const unsigned psw = VINTC_S390_LC_PSW_SAVE, px = VINTC_S390_LC_PREFIX_SAVE,
                   ckc = VINTC_S390_LC_CKC_SAVE,
                   timer = VINTC_S390_LC_CPU_TIMER_SAVE;
    for (int k = 0; k < 2; k++) {
        uint64_t a = k ? reset : parked;
        const char *w = k ? "reset" : "parked";
        bad += status_mismatch(w, 0, status_field(a, psw, 8), mask);
        bad += status_mismatch(w, 1, status_field(a, psw + 8, 8),
                               status_field(parked, psw + 8, 8));
        bad += status_mismatch(w, 2, status_field(a, px, 4),
                               PREFIX_AREA + t * PREFIX_STRIDE);
        bad += status_mismatch(w, 3, status_field(a, ckc, 8),
                               (uint64_t)PARK_CKC >> 8);
        int64_t tm = (int64_t)status_field(a, timer, 8);
        bad += status_mismatch(w, 4, tm > 0 && tm <= (int64_t)PARK_CPU_TIMER,
                               1);
    }
    bad += status_mismatch("initial", 0, status_field(initial, psw, 8), 0);
    bad += status_mismatch("initial", 1, status_field(initial, psw + 8, 8), 0);
    bad += status_mismatch("initial", 2, status_field(initial, px, 4), 0);
    bad += status_mismatch("initial", 3, status_field(initial, ckc, 8), 0);
    bad += status_mismatch("initial", 4, status_field(initial, timer, 8), 0);
    return bad != 0;
}

static int check(void)
{
    int bad = h.bad != 0 || h.guest_errors != 0;
    unsigned io_seen[NR_IO + 1] = { 0 };
    for (unsigned c = 0; c < h.nr; c++) {
        const unsigned char *res = h.ram + RESULT_BASE + c * RESULT_STRIDE;
        uint64_t n = be64(res), errors = be64(res + 8);
        if (errors || h.failed[c] || h.cpu[c].bad) {
            printf("CPU %u: %llu guest errors (first at line %llu), failed %d, "
                   "bad %u\n",
                   c, (unsigned long long)errors,
                   (unsigned long long)be64(res + 16), h.failed[c],
                   h.cpu[c].bad);
            bad = 1;
        }
        for (uint64_t i = 0; i < n && i < 64; i++) {
            const unsigned char *r = res + 32 + 64 * i;
            uint64_t parm = be64(r + 24);
            if (be64(r) == CLASS_IO && parm >= 1 && parm <= NR_IO)
                io_seen[parm]++;
        }
        unsigned last = h.nr - 1;
        /* CPU 1 answers the restart after its stop with another external
         * call; the last CPU's restart after INITIAL CPU RESET sends CPU 0
         * a second emergency signal. */
        unsigned want_emerg = c == 0 ? 0
                                     : ROUNDS + (c == 1 ? 1u : 0u) +
                                           (c == last ? LAST_COND_EMERG : 0u);
        unsigned want_restart = c == 1 ? 1u : 0u;
        if (c == 0) {
            for (unsigned s = 1; s < h.nr; s++) {
                unsigned calls = ROUNDS + (s == 1 ? 1u : 0u) +
                                 (s == last ? LAST_EXTCALLS : 0u);
                unsigned emerg = s == last ? 2u : 1u;
                if (count(0, CLASS_EXT, 0x1201, s) != emerg ||
                    count(0, CLASS_EXT, 0x1202, s) != calls) {
                    printf("CPU 0: from CPU %u %u emergency signals, %u "
                           "external calls\n",
                           s, count(0, CLASS_EXT, 0x1201, s),
                           count(0, CLASS_EXT, 0x1202, s));
                    bad = 1;
                }
            }
            if (count(0, CLASS_IO, ~0ull, ~0ull) != 0) {
                printf("CPU 0 took I/O interruptions with CR6 = 0\n");
                bad = 1;
            }
        } else if (count(c, CLASS_EXT, 0x1201, 0) != want_emerg ||
                   count(c, CLASS_EXT, 0x1202, 0) !=
                       (c == last ? LAST_BELLS : 0u) ||
                   count(c, CLASS_RESTART, ~0ull, ~0ull) != want_restart) {
            printf("CPU %u: %u emergency signals and %u external calls from "
                   "CPU 0, %u restarts\n",
                   c, count(c, CLASS_EXT, 0x1201, 0),
                   count(c, CLASS_EXT, 0x1202, 0),
                   count(c, CLASS_RESTART, ~0ull, ~0ull));
            bad = 1;
        }
        printf("CPU %u: %llu interruptions (%u I/O), %llu stops, %llu waits "
               "ended by an "
               "interruption\n",
               c, (unsigned long long)n, count(c, CLASS_IO, ~0ull, ~0ull),
               (unsigned long long)h.cpu[c].stops,
               (unsigned long long)h.cpu[c].waits);
    }
    if (check_status_areas())
        bad = 1;
    for (unsigned p = 1; p <= NR_IO; p++) {
        if (io_seen[p] != 1) {
            printf("I/O interruption %u taken %u times\n", p, io_seen[p]);
            bad = 1;
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    h.nr = argc > 1 ? (unsigned)atoi(argv[1]) : S390X_SMP_MAX_CPUS;
    if (h.nr < 2 || h.nr > S390X_SMP_MAX_CPUS) {
        fprintf(stderr, "usage: %s [2..%u]\n", argv[0], S390X_SMP_MAX_CPUS);
        return 2;
    }
    const struct vintc_host_ops ops = {
        .guest_read = guest_read,
        .guest_write = guest_write,
        .tod_clock = tod_clock,
    };
    struct s390_config cfg = { .nr_cpus = h.nr };
    pthread_mutex_init(&h.hold_lock, NULL);
    pthread_cond_init(&h.hold_cond, NULL);
    h.ram = calloc(1, RAM_SIZE);
    if (!h.ram || s390_create(&cfg, &ops, NULL, &h.vm) != 0)
        return 1;
    memcpy(h.ram + IMAGE_BASE, guest_s390x_smp, sizeof guest_s390x_smp);
    s390x_smp_init(&h.smp, h.vm, h.cpu, h.nr, RAM_SIZE);
    int bad = 0;
    for (unsigned c = 0; c < h.nr; c++) {
        if (s390x_cpu_init(&h.cpu[c], c, h.vm, h.ram, RAM_SIZE, IMAGE_BASE,
                           diag, NULL) != 0)
            bad = 1;
        h.cpu[c].sigp = sigp;
        h.cpu[c].before_stop = before_stop;
        if (c > 0) { /* secondaries start stopped */
            s390_cpu_set_stopped(h.vm, c, true);
            h.cpu[c].stopped = true;
        }
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned started = 0;
    for (unsigned c = 0; c < h.nr && !bad; c++, started++)
        pthread_create(&h.thread[c], NULL, cpu_thread, &h.cpu[c]);
    for (unsigned c = 0; c < started; c++)
        pthread_join(h.thread[c], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!bad)
        bad = check();
    printf("%u CPUs: %.3f s\n", h.nr,
           (double)(t1.tv_sec - t0.tv_sec) +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    for (unsigned c = 0; c < h.nr; c++)
        s390x_cpu_destroy(&h.cpu[c]);
    s390x_smp_destroy(&h.smp);
    s390_destroy(h.vm);
    free(h.ram);
    pthread_cond_destroy(&h.hold_cond);
    pthread_mutex_destroy(&h.hold_lock);
    printf("%s\n", bad ? "FAIL" : "OK");
    return bad;
}

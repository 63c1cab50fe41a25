/* SPDX-License-Identifier: MIT */
/* s390 enabled wait with threads: disabled wait, timeout, kick, wake on
 * injection (local and floating), the injection-vs-wait race, timer
 * deadlines, and concurrent delivery of floating interrupts.
 *
 * Every assertion here holds in every interleaving (docs/testing.md): a
 * thread that must be blocked in s390_cpu_wait() before the next step is
 * awaited with await_waiting(), never given time with a sleep; waits that
 * only an event may end have no timeout (a lost wake-up hangs the test until
 * Check's timeout fails it); time is only ever bounded from below. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "s390_fake.h"
#include "test_util.h"

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Yield the CPU while polling for a condition another thread establishes.
 * How long it sleeps changes only how soon the condition is seen. */
static void poll_pause(void)
{
    struct timespec ts = { 0, 50 * 1000 };
    nanosleep(&ts, NULL);
}

/* Is vCPU `cpu` blocked in s390_cpu_wait()? s390_dump() reports the
 * "waiting" mark it sets under the VM lock before it sleeps and clears
 * after it wakes, so once this is true an injection finds the vCPU waiting. */
static bool is_waiting(struct fake *f, unsigned cpu)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(s390_dump(f->vm, m), 0);
    ck_assert_int_eq(fclose(m), 0);
    char head[24];
    snprintf(head, sizeof(head), "\ncpu %u:", cpu);
    const char *line = strstr(buf, head);
    ck_assert_ptr_nonnull(line);
    const char *eol = strchr(line + 1, '\n');
    const char *mark = strstr(line, " waiting");
    bool waiting = mark && (!eol || mark < eol);
    free(buf);
    return waiting;
}

/* The handshake: return once vCPU `cpu` is blocked in s390_cpu_wait(). */
static void await_waiting(struct fake *f, unsigned cpu)
{
    while (!is_waiting(f, cpu))
        poll_pause();
}

static void wait_state(struct s390_cpu_state *st)
{
    state_enabled(st, 0);
    st->psw.mask |= VINTC_S390_PSW_WAIT;
    st->cpu_timer = INT64_MAX; /* a CPU timer of 0 expires at once */
}

struct waiter {
    struct fake *f;
    unsigned cpu;
    struct s390_cpu_state st;
    int64_t timeout;
    int ret;
};

static void *wait_thread(void *arg)
{
    struct waiter *w = arg;
    w->ret = s390_cpu_wait(w->f->vm, w->cpu, &w->st, w->timeout);
    return NULL;
}

/* Start a waiter and return once it is blocked in the wait. */
static void start_waiter(pthread_t *t, struct waiter *w)
{
    ck_assert_int_eq(pthread_create(t, NULL, wait_thread, w), 0);
    await_waiting(w->f, w->cpu);
}

static struct s390_stats stats_of(struct fake *f, unsigned cpu)
{
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, cpu, &s), 0);
    return s;
}

START_TEST(disabled_wait_is_told_apart)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    wait_state(&st);
    st.psw.mask &= ~(VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT |
                     VINTC_S390_PSW_MCHK);
    st.psw.mask |= 0x4000000000000000ull; /* PER does not enable a wait */
    /* A disabled wait only a restart, stop or reset can end: with a zero
     * timeout it reports that it is one without blocking. */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0),
                     S390_WAIT_DISABLED_TIMEOUT);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 1, &st, 0), -EINVAL);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, NULL, 0), -EINVAL);
    /* Each of the three bits alone makes it an enabled wait. */
    const uint64_t bits[] = { VINTC_S390_PSW_IO, VINTC_S390_PSW_EXT,
                              VINTC_S390_PSW_MCHK };
    for (unsigned i = 0; i < 3; i++) {
        st.psw.mask = VINTC_S390_PSW_WAIT | VINTC_S390_PSW_64BIT | bits[i];
        st.cpu_timer = INT64_MAX;
        ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 1000000), -ETIMEDOUT);
    }
    fake_free(f);
}
END_TEST

START_TEST(timeout_and_immediate_returns)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    wait_state(&st);
    uint64_t t0 = now_ns();
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 20000000), -ETIMEDOUT);
    ck_assert_uint_ge(now_ns() - t0, 20000000);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0), -ETIMEDOUT);
    /* Already pending: returns 1 without blocking. */
    struct s390_irq io = io_irq(0, 0, 0, 2);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 1);
    /* ...but not when masked. */
    st.cr[6] = 0;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 1000000), -ETIMEDOUT);
    /* A kick before the wait ends the next wait at once, once. */
    s390_cpu_kick(f->vm, 0);
    s390_cpu_kick(f->vm, 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0), -ETIMEDOUT);
    s390_cpu_kick(NULL, 0);
    s390_cpu_kick(f->vm, 5);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.wait_exits, 6);
    ck_assert_uint_eq(s.wait_exits_timeout, 4);
    ck_assert_uint_eq(s.wait_exits_kick, 1);
    ck_assert_uint_eq(s.wait_exits_interrupt, 1);
    fake_free(f);
}
END_TEST

START_TEST(kick_and_stop_end_a_wait)
{
    struct fake *f = fake_new(1, 0, false);
    struct waiter w = { .f = f, .cpu = 0, .timeout = -1 };
    wait_state(&w.st);
    pthread_t t;
    start_waiter(&t, &w);
    s390_cpu_kick(f->vm, 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 0);

    start_waiter(&t, &w);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 0);
    ck_assert(s390_cpu_stop_pending(f->vm, 0));
    struct s390_stats s = stats_of(f, 0);
    ck_assert_uint_eq(s.wait_exits, 2);
    ck_assert_uint_eq(s.wait_exits_kick, 2);
    /* Both ended a wait that was blocked: woken, not kicked. */
    ck_assert_uint_eq(atomic_load(&f->kicks_total), 0);
    fake_free(f);
}
END_TEST

START_TEST(injection_wakes_waiter)
{
    struct fake *f = fake_new(1, 0, false);
    struct waiter w = { .f = f, .cpu = 0, .timeout = -1 };
    wait_state(&w.st);
    w.st.cr[0] &= ~0x4000ull; /* emergency signals masked */
    const struct s390_cpu_state masked = w.st;
    pthread_t t;
    start_waiter(&t, &w);
    /* Masked: the waiter is neither woken nor kicked and has nothing to
     * take. */
    struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &masked));
    struct s390_irq x = ext_irq(S390_IRQ_EXTERNAL_CALL, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &x), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 1);
    /* A waiting vCPU is woken, not kicked. */
    ck_assert_uint_eq(atomic_load(&f->kicks[0]), 0);
    struct s390_stats s = stats_of(f, 0);
    ck_assert_uint_eq(s.wait_exits, 1);
    ck_assert_uint_eq(s.wait_exits_interrupt, 1);
    /* The external call is what it took; the masked emergency signal
     * stays pending and still does not end a wait. */
    struct s390_cpu_state st = masked;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(rd16(f, 0x86), 0x1202);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &masked, 0), -ETIMEDOUT);
    state_enabled(&st, 0);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    fake_free(f);
}
END_TEST

START_TEST(floating_prefers_enabled_waiter)
{
    struct fake *f = fake_new(3, 0, false);
    struct waiter w1 = { .f = f, .cpu = 1, .timeout = -1 };
    struct waiter w2 = { .f = f, .cpu = 2, .timeout = -1 };
    wait_state(&w1.st);
    wait_state(&w2.st);
    w2.st.cr[6] = 0; /* cpu 2 waits with I/O masked */
    pthread_t t1, t2;
    start_waiter(&t2, &w2);
    start_waiter(&t1, &w1);
    struct s390_irq io = io_irq(0, 0, 0, 3);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    pthread_join(t1, NULL);
    ck_assert_int_eq(w1.ret, 1);
    /* cpu 0 (running) was not kicked: the waiter got it. */
    ck_assert_uint_eq(atomic_load(&f->kicks_total), 0);
    /* cpu 2 sleeps on until it is kicked. */
    s390_cpu_kick(f->vm, 2);
    pthread_join(t2, NULL);
    ck_assert_int_eq(w2.ret, 0);
    ck_assert_uint_eq(stats_of(f, 2).wait_exits_interrupt, 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 1);
    fake_free(f);
}
END_TEST

/* The injection races with the start of the wait on purpose: whichever
 * comes first, the wait ends with the right value (it has no timeout, so a
 * lost wake-up would hang it). */
START_TEST(injection_racing_wait_start)
{
    struct fake *f = fake_new(2, 0, false);
    for (unsigned i = 0; i < 300; i++) {
        struct waiter w = { .f = f, .cpu = i % 2, .timeout = -1 };
        wait_state(&w.st);
        pthread_t t;
        ck_assert_int_eq(pthread_create(&t, NULL, wait_thread, &w), 0);
        if (i % 3 == 0) {
            struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 1, 0, 0);
            ck_assert_int_eq(s390_inject_vcpu(f->vm, w.cpu, &e), 0);
        } else if (i % 3 == 1) {
            struct s390_irq io = io_irq(0, 0, i, i % 8);
            ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
        } else {
            s390_cpu_kick(f->vm, w.cpu);
        }
        pthread_join(t, NULL);
        ck_assert_int_eq(w.ret, i % 3 == 2 ? 0 : 1);
        struct s390_cpu_state st;
        state_enabled(&st, 0);
        if (i % 3 != 2)
            ck_assert_int_eq(s390_deliver_pending(f->vm, w.cpu, &st), 1);
    }
    fake_free(f);
}
END_TEST

/* TOD units of the library's default clock at CLOCK_MONOTONIC `ns`. */
static uint64_t tod_at(uint64_t ns)
{
    return (ns / 125) * 512 + (ns % 125) * 512 / 125;
}

START_TEST(clock_comparator_deadline)
{
    struct fake *f = fake_new(1, 0, false); /* CLOCK_MONOTONIC TOD */
    struct s390_cpu_state st;
    wait_state(&st);
    /* The wait can end only once the TOD passed the comparator, 15 ms after
     * t0: the elapsed time is bounded from below by the clock itself. */
    uint64_t t0 = now_ns();
    st.ckc = tod_at(t0) + 15000ull * 4096;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 1);
    ck_assert_uint_ge(now_ns() - t0, 15000000);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st)); /* really true */
    ck_assert_uint_eq(stats_of(f, 0).wait_exits_timer, 1);
    /* CKC disabled in CR0: no timer wake. */
    st.ckc = 0;
    st.cr[0] &= ~0x800ull;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 5000000), -ETIMEDOUT);
    fake_free(f);
}
END_TEST

START_TEST(cpu_timer_deadline)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    wait_state(&st);
    st.cr[0] &= ~0x800ull;
    st.cpu_timer = 15000 * 4096; /* 15 ms from the wait's start */
    uint64_t t0 = now_ns();
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 1);
    ck_assert_uint_ge(now_ns() - t0, 15000000);
    st.cpu_timer = -5; /* already negative */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 1);
    fake_free(f);
}
END_TEST

/* A TOD clock that does not follow CLOCK_MONOTONIC: the wait wakes at the
 * computed deadline, finds the condition still false, and sleeps again. The
 * fake clock stands still, then jumps past the comparator at a chosen read,
 * so "not early" is a count of clock reads, not a duration. */
START_TEST(timer_never_reported_early)
{
    struct fake *f = fake_new(1, 0, true);
    atomic_store(&f->tod, 0);
    struct s390_cpu_state st;
    wait_state(&st);
    st.ckc = 10000ull * 4096; /* 10 ms of TOD */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 60000000), -ETIMEDOUT);
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    /* Read 1 is the wait's start, read 2 arms the first deadline, read 3
     * (after it) finds the clock unchanged and re-arms, read 4 sees the
     * jump. Returning 1 earlier would be reporting early. */
    unsigned base = atomic_load(&f->tod_reads);
    f->tod_step_to = st.ckc + 1;
    f->tod_step_at = base + 4;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 1);
    ck_assert_uint_ge(atomic_load(&f->tod_reads), base + 4);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_uint_eq(stats_of(f, 0).wait_exits_timer, 1);
    fake_free(f);
}
END_TEST

START_TEST(stopped_vcpu_waits_for_restart)
{
    struct fake *f = fake_new(1, 0, false);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct waiter w = { .f = f, .cpu = 0, .timeout = -1 };
    memset(&w.st, 0, sizeof(w.st)); /* disabled PSW: still waits */
    const struct s390_cpu_state st = w.st;
    pthread_t t;
    start_waiter(&t, &w);
    /* Stopped: the I/O interrupt stays queued; nobody can take it, so
     * nobody is kicked or woken. */
    struct s390_irq io = io_irq(0, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_uint_eq(atomic_load(&f->kicks_total), 0);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 1);
    ck_assert_uint_eq(stats_of(f, 0).wait_exits, 1);
    fake_free(f);
}
END_TEST

struct deliverer {
    struct fake *f;
    unsigned cpu;
    _Atomic int *stop;
    unsigned got;
};

/* A vCPU loop: wait (no timeout: every interrupt must wake or be found by
 * the check before sleeping), deliver, record the I/O parameter. Ends when
 * kicked after *stop was set. */
static void *deliver_thread(void *arg)
{
    struct deliverer *d = arg;
    uint32_t prefix = 0x10000u * (d->cpu + 1);
    set_all_new_psws(d->f, prefix);
    for (;;) {
        struct s390_cpu_state st;
        state_enabled(&st, prefix);
        st.psw.mask |= VINTC_S390_PSW_WAIT;
        st.cpu_timer = INT64_MAX;
        int r = s390_cpu_wait(d->f->vm, d->cpu, &st, -1);
        if (r == 0 && atomic_load(d->stop))
            break;
        state_enabled(&st, prefix);
        int n = s390_deliver_pending(d->f->vm, d->cpu, &st);
        ck_assert_int_ge(n, 0);
        if (n > 0) {
            /* mark the parameter as seen: one byte per interrupt */
            uint32_t parm = rd32(d->f, prefix + 0xBC);
            d->f->mem[0x80000 + parm]++;
            d->got += (unsigned)n;
        }
    }
    return NULL;
}

static void inject_io_range(struct fake *f, unsigned from, unsigned to)
{
    for (unsigned i = from; i < to; i++) {
        struct s390_irq io = io_irq(0, 0, i, i % 8);
        ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    }
}

/* Poll until the VM has delivered `n` I/O interrupts: a condition, not a
 * time limit (a lost interrupt hangs the test until Check's timeout). */
static void await_io_delivered(struct fake *f, unsigned n)
{
    while (stats_of(f, VINTC_S390_STATS_VM).delivered[S390_IRQ_IO] < n)
        poll_pause();
}

START_TEST(concurrent_delivery_exactly_once)
{
    struct fake *f = fake_new(3, 0, false);
    _Atomic int stop = 0;
    struct deliverer d[3];
    pthread_t t[3];
    for (unsigned i = 0; i < 3; i++) {
        d[i] = (struct deliverer){ f, i, &stop, 0 };
        ck_assert_int_eq(pthread_create(&t[i], NULL, deliver_thread, &d[i]), 0);
    }
    const unsigned n = 400;
    inject_io_range(f, 0, n);
    await_io_delivered(f, n);
    atomic_store(&stop, 1);
    for (unsigned i = 0; i < 3; i++)
        s390_cpu_kick(f->vm, i);
    unsigned got = 0;
    for (unsigned i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        got += d[i].got;
    }
    ck_assert_uint_eq(got, n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_uint_eq(f->mem[0x80000 + i], 1);
    fake_free(f);
}
END_TEST

struct faulter {
    struct fake *f;
    _Atomic int *stop;
    _Atomic unsigned faults;
    bool state_kept;
};

/* vCPU 2 waits and delivers like the others, but with its prefix outside
 * guest memory, so every delivery it starts faults and must put the
 * interrupt back. */
static void *faulting_thread(void *arg)
{
    struct faulter *fl = arg;
    fl->state_kept = true;
    for (;;) {
        struct s390_cpu_state st, before;
        state_enabled(&st, 0x7FFFE000u);
        st.psw.mask |= VINTC_S390_PSW_WAIT;
        st.cpu_timer = INT64_MAX;
        int r = s390_cpu_wait(fl->f->vm, 2, &st, -1);
        if (r == 0 && atomic_load(fl->stop))
            break;
        state_enabled(&st, 0x7FFFE000u);
        before = st;
        int n = s390_deliver_pending(fl->f->vm, 2, &st);
        if (n == -EFAULT) {
            atomic_fetch_add(&fl->faults, 1);
            fl->state_kept &= memcmp(&st, &before, sizeof(st)) == 0;
        } else if (n != 0) {
            fl->state_kept = false; /* nothing can be delivered there */
        }
    }
    return NULL;
}

START_TEST(faulting_delivery_puts_back_under_contention)
{
    struct fake *f = fake_new(3, 0, false);
    _Atomic int stop = 0;
    struct deliverer d[2];
    pthread_t t[3];
    struct faulter fl = { .f = f, .stop = &stop, .state_kept = true };
    const unsigned n = 300, first = 16;
    /* The faulting vCPU gets its turn by construction: it is alone with the
     * first interrupts until it has faulted on one of them. */
    ck_assert_int_eq(pthread_create(&t[2], NULL, faulting_thread, &fl), 0);
    inject_io_range(f, 0, first);
    while (atomic_load(&fl.faults) == 0)
        poll_pause();
    /* Then the two good vCPUs contend with it for the rest. */
    for (unsigned i = 0; i < 2; i++) {
        d[i] = (struct deliverer){ f, i, &stop, 0 };
        ck_assert_int_eq(pthread_create(&t[i], NULL, deliver_thread, &d[i]), 0);
    }
    inject_io_range(f, first, n);
    await_io_delivered(f, n);
    atomic_store(&stop, 1);
    for (unsigned i = 0; i < 3; i++)
        s390_cpu_kick(f->vm, i);
    unsigned got = 0;
    for (unsigned i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    for (unsigned i = 0; i < 2; i++)
        got += d[i].got;
    ck_assert_uint_eq(got, n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_uint_eq(f->mem[0x80000 + i], 1);
    ck_assert(fl.state_kept);
    unsigned faults = atomic_load(&fl.faults);
    ck_assert_uint_gt(faults, 0);
    struct s390_stats s = stats_of(f, 2);
    ck_assert_uint_eq(s.delivered[S390_IRQ_IO], 0);
    ck_assert_uint_eq(s.delivery_faults, faults);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_threads");
    TCase *tc = tcase_create("threads");
    tcase_add_test(tc, disabled_wait_is_told_apart);
    tcase_add_test(tc, timeout_and_immediate_returns);
    tcase_add_test(tc, kick_and_stop_end_a_wait);
    tcase_add_test(tc, injection_wakes_waiter);
    tcase_add_test(tc, floating_prefers_enabled_waiter);
    tcase_add_test(tc, injection_racing_wait_start);
    tcase_add_test(tc, clock_comparator_deadline);
    tcase_add_test(tc, cpu_timer_deadline);
    tcase_add_test(tc, timer_never_reported_early);
    tcase_add_test(tc, stopped_vcpu_waits_for_restart);
    tcase_add_test(tc, concurrent_delivery_exactly_once);
    tcase_add_test(tc, faulting_delivery_puts_back_under_contention);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
/* s390 enabled wait with threads: disabled wait, timeout, kick, wake on
 * injection (local and floating), the injection-vs-wait race, timer
 * deadlines, and concurrent delivery of floating interrupts. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
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

static void sleep_ms(unsigned ms)
{
    struct timespec ts = { 0, (long)ms * 1000000L };
    nanosleep(&ts, NULL);
}

static void wait_state(struct s390_cpu_state *st)
{
    state_enabled(st, 0);
    st->psw.mask |= VINTC_S390_PSW_WAIT;
    st->cpu_timer = INT64_MAX;   /* a CPU timer of 0 expires at once */
}

struct waiter {
    struct fake *f;
    unsigned cpu;
    struct s390_cpu_state st;
    int64_t timeout;
    _Atomic int started;
    int ret;
    uint64_t elapsed;
};

static void *wait_thread(void *arg)
{
    struct waiter *w = arg;
    atomic_store(&w->started, 1);
    uint64_t t0 = now_ns();
    w->ret = s390_cpu_wait(w->f->vm, w->cpu, &w->st, w->timeout);
    w->elapsed = now_ns() - t0;
    return NULL;
}

static void start_waiter(pthread_t *t, struct waiter *w)
{
    ck_assert_int_eq(pthread_create(t, NULL, wait_thread, w), 0);
    while (!atomic_load(&w->started))
        ;
}

START_TEST(disabled_wait_is_eopnotsupp)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    wait_state(&st);
    st.psw.mask &= ~(VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT | VINTC_S390_PSW_MCHK);
    st.psw.mask |= 0x4000000000000000ull;   /* PER does not enable a wait */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), -EOPNOTSUPP);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 1, &st, 0), -EINVAL);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, NULL, 0), -EINVAL);
    /* Each of the three bits alone makes it an enabled wait. */
    const uint64_t bits[] = { VINTC_S390_PSW_IO, VINTC_S390_PSW_EXT, VINTC_S390_PSW_MCHK };
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
    struct waiter w = { .f = f, .cpu = 0, .timeout = 5000000000 };
    wait_state(&w.st);
    pthread_t t;
    start_waiter(&t, &w);
    sleep_ms(10);
    s390_cpu_kick(f->vm, 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 0);
    ck_assert_uint_lt(w.elapsed, 4000000000u);

    atomic_store(&w.started, 0);
    start_waiter(&t, &w);
    sleep_ms(10);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 0);
    ck_assert(s390_cpu_stop_pending(f->vm, 0));
    fake_free(f);
}
END_TEST

START_TEST(injection_wakes_waiter)
{
    struct fake *f = fake_new(1, 0, false);
    struct waiter w = { .f = f, .cpu = 0, .timeout = 5000000000 };
    wait_state(&w.st);
    w.st.cr[0] &= ~0x4000ull;                /* emergency signals masked */
    pthread_t t;
    start_waiter(&t, &w);
    sleep_ms(5);
    struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);   /* masked: sleeps on */
    sleep_ms(20);
    struct s390_irq x = ext_irq(S390_IRQ_EXTERNAL_CALL, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &x), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 1);
    ck_assert_uint_ge(w.elapsed, 20000000);
    ck_assert_uint_lt(w.elapsed, 4000000000u);
    /* A waiting vCPU is woken, not kicked. */
    ck_assert_uint_eq(atomic_load(&f->kicks[0]), 0);
    fake_free(f);
}
END_TEST

START_TEST(floating_prefers_enabled_waiter)
{
    struct fake *f = fake_new(3, 0, false);
    struct waiter w1 = { .f = f, .cpu = 1, .timeout = 5000000000 };
    struct waiter w2 = { .f = f, .cpu = 2, .timeout = 300000000 };
    wait_state(&w1.st);
    wait_state(&w2.st);
    w2.st.cr[6] = 0;                          /* cpu 2 waits with I/O masked */
    pthread_t t1, t2;
    start_waiter(&t2, &w2);
    start_waiter(&t1, &w1);
    sleep_ms(10);
    struct s390_irq io = io_irq(0, 0, 0, 3);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    pthread_join(t1, NULL);
    ck_assert_int_eq(w1.ret, 1);
    /* cpu 0 (running) was not kicked: the waiter got it. */
    ck_assert_uint_eq(atomic_load(&f->kicks_total), 0);
    pthread_join(t2, NULL);
    ck_assert_int_eq(w2.ret, -ETIMEDOUT);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 1);
    fake_free(f);
}
END_TEST

/* The injection races with the start of the wait: it must still end it. */
START_TEST(injection_racing_wait_start)
{
    struct fake *f = fake_new(2, 0, false);
    for (unsigned i = 0; i < 300; i++) {
        struct waiter w = { .f = f, .cpu = i % 2, .timeout = 10000000000 };
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
        ck_assert_uint_lt(w.elapsed, 5000000000u);
        struct s390_cpu_state st;
        state_enabled(&st, 0);
        if (i % 3 != 2)
            ck_assert_int_eq(s390_deliver_pending(f->vm, w.cpu, &st), 1);
    }
    fake_free(f);
}
END_TEST

START_TEST(clock_comparator_deadline)
{
    struct fake *f = fake_new(1, 0, false);      /* CLOCK_MONOTONIC TOD */
    struct s390_cpu_state st;
    wait_state(&st);
    uint64_t tod_now = (now_ns() / 125) * 512;
    st.ckc = tod_now + 15000ull * 4096;          /* 15 ms from now */
    uint64_t t0 = now_ns();
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 5000000000), 1);
    uint64_t el = now_ns() - t0;
    ck_assert_uint_ge(el, 14000000);
    ck_assert_uint_lt(el, 4000000000u);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));   /* really true */
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.wait_exits_timer, 1);
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
    st.cpu_timer = 15000 * 4096;                 /* 15 ms */
    uint64_t t0 = now_ns();
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 5000000000), 1);
    uint64_t el = now_ns() - t0;
    ck_assert_uint_ge(el, 14000000);
    ck_assert_uint_lt(el, 4000000000u);
    st.cpu_timer = -5;                           /* already negative */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), 1);
    fake_free(f);
}
END_TEST

struct tod_advancer { struct fake *f; unsigned ms; uint64_t tod; };
static void *advance_tod(void *arg)
{
    struct tod_advancer *a = arg;
    sleep_ms(a->ms);
    atomic_store(&a->f->tod, a->tod);
    return NULL;
}

/* A TOD clock that does not follow CLOCK_MONOTONIC: the wait wakes at the
 * computed deadline, finds the condition still false, and sleeps again. */
START_TEST(timer_never_reported_early)
{
    struct fake *f = fake_new(1, 0, true);
    atomic_store(&f->tod, 0);
    struct s390_cpu_state st;
    wait_state(&st);
    st.ckc = 10000ull * 4096;                    /* 10 ms of TOD */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 60000000), -ETIMEDOUT);
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    struct tod_advancer a = { f, 30, st.ckc + 1 };
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, advance_tod, &a), 0);
    uint64_t t0 = now_ns();
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 5000000000), 1);
    ck_assert_uint_ge(now_ns() - t0, 29000000);
    pthread_join(t, NULL);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    fake_free(f);
}
END_TEST

START_TEST(stopped_vcpu_waits_for_restart)
{
    struct fake *f = fake_new(1, 0, false);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct waiter w = { .f = f, .cpu = 0, .timeout = 5000000000 };
    memset(&w.st, 0, sizeof(w.st));             /* disabled PSW: still waits */
    pthread_t t;
    start_waiter(&t, &w);
    sleep_ms(5);
    struct s390_irq io = io_irq(0, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);     /* stopped: ignored */
    sleep_ms(5);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(w.ret, 1);
    fake_free(f);
}
END_TEST

struct deliverer {
    struct fake *f;
    unsigned cpu;
    _Atomic int *stop;
    unsigned got;
};

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
        int r = s390_cpu_wait(d->f->vm, d->cpu, &st, 1000000);
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
    for (unsigned i = 0; i < n; i++) {
        struct s390_irq io = io_irq(0, 0, i, i % 8);
        int rc;
        while ((rc = s390_inject_vm(f->vm, &io)) == -EBUSY)
            ;
        ck_assert_int_eq(rc, 0);
    }
    struct s390_stats s;
    for (int guard = 0; guard < 5000; guard++) {
        ck_assert_int_eq(s390_get_stats(f->vm, VINTC_S390_STATS_VM, &s), 0);
        if (s.delivered[S390_IRQ_IO] == n)
            break;
        sleep_ms(1);
    }
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
    unsigned faults;
    bool state_kept;
};

/* vCPU 2 polls for interrupts with its prefix outside guest memory, so every
 * delivery it starts faults and must put the interrupt back. */
static void *faulting_thread(void *arg)
{
    struct faulter *fl = arg;
    fl->state_kept = true;
    while (!atomic_load(fl->stop)) {
        struct s390_cpu_state st, before;
        state_enabled(&st, 0x7FFFE000u);
        before = st;
        int n = s390_deliver_pending(fl->f->vm, 2, &st);
        if (n == -EFAULT) {
            fl->faults++;
            fl->state_kept &= memcmp(&st, &before, sizeof(st)) == 0;
        } else if (n != 0) {
            fl->state_kept = false;   /* nothing can be delivered there */
        }
        sched_yield();
    }
    return NULL;
}

START_TEST(faulting_delivery_puts_back_under_contention)
{
    struct fake *f = fake_new(3, 0, false);
    _Atomic int stop = 0;
    struct deliverer d[2];
    pthread_t t[3];
    struct faulter fl = { f, &stop, 0, true };
    for (unsigned i = 0; i < 2; i++) {
        d[i] = (struct deliverer){ f, i, &stop, 0 };
        ck_assert_int_eq(pthread_create(&t[i], NULL, deliver_thread, &d[i]), 0);
    }
    ck_assert_int_eq(pthread_create(&t[2], NULL, faulting_thread, &fl), 0);
    const unsigned n = 300;
    for (unsigned i = 0; i < n; i++) {
        struct s390_irq io = io_irq(0, 0, i, i % 8);
        int rc;
        while ((rc = s390_inject_vm(f->vm, &io)) == -EBUSY)
            ;
        ck_assert_int_eq(rc, 0);
        if (i % 16 == 0)
            sleep_ms(1);   /* let the faulting vCPU get hold of some */
    }
    struct s390_stats s;
    for (int guard = 0; guard < 5000; guard++) {
        ck_assert_int_eq(s390_get_stats(f->vm, VINTC_S390_STATS_VM, &s), 0);
        if (s.delivered[S390_IRQ_IO] == n)
            break;
        sleep_ms(1);
    }
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
    ck_assert_uint_gt(fl.faults, 0);
    ck_assert_int_eq(s390_get_stats(f->vm, 2, &s), 0);
    ck_assert_uint_eq(s.delivered[S390_IRQ_IO], 0);
    ck_assert_uint_eq(s.delivery_faults, fl.faults);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_threads");
    TCase *tc = tcase_create("threads");
    tcase_add_test(tc, disabled_wait_is_eopnotsupp);
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

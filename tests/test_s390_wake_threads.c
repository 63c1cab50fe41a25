/* SPDX-License-Identifier: MIT */
/* Floating interrupts and several vCPUs in an enabled wait: each floating
 * interrupt of a burst must wake a vCPU that has not been woken yet.
 * Found by the SMP s390x guest in Unicorn (tests/guest/guest_s390x_smp.c),
 * where 16 floating I/O interruptions injected at once were all taken by
 * the first waiting CPU while two more waited, enabled, and slept on. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <time.h>

#include "s390_fake.h"
#include "test_util.h"

#define NR_CPUS 4u
#define WAITERS 3u /* vCPUs 1..3 wait; vCPU 0 never does */

#define LIMIT_NS 10000000000ll /* turns a missing wake-up into a failure */

struct waiter {
    struct s390_vm *vm;
    unsigned cpu;
    struct s390_cpu_state st;
    int result;
    int64_t waited_ns;
};

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void *wait_thread(void *arg)
{
    struct waiter *w = arg;
    int64_t t0 = mono_ns();
    w->result = s390_cpu_wait(w->vm, w->cpu, &w->st, LIMIT_NS);
    w->waited_ns = mono_ns() - t0;
    return NULL;
}

static bool waiting(struct s390_vm *vm, unsigned cpu)
{
    uint32_t flags = 0;
    s390_cpu_sense(vm, cpu, &flags);
    return flags & VINTC_S390_CPU_WAITING;
}

/* PoP chapter 6, "I/O interruption": a floating I/O interruption is taken
 * by one CPU enabled for it; a CPU in the wait state that is enabled for a
 * pending interruption takes it. With three pending and three enabled CPUs
 * waiting, every wait must end: waking the same vCPU twice leaves the
 * second interruption to a CPU that may never come back for it (it may
 * stop, or run disabled) while another sleeps enabled. (Whether a woken
 * vCPU runs before the next injection is up to the scheduler, so without
 * the fix this failed in about a third of the runs.) */
START_TEST(burst_of_floating_io_wakes_one_waiter_each)
{
    struct fake *f = fake_new(NR_CPUS, 0, false);
    struct s390_vm *vm = f->vm;

    struct waiter w[WAITERS];
    pthread_t t[WAITERS];
    for (unsigned i = 0; i < WAITERS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].vm = vm;
        w[i].cpu = 1 + i;
        w[i].st.psw.mask = VINTC_S390_PSW_64BIT | VINTC_S390_PSW_IO |
                           VINTC_S390_PSW_WAIT;
        w[i].st.cr[6] = VINTC_S390_CR6_ISC(3);
        ck_assert_int_eq(pthread_create(&t[i], NULL, wait_thread, &w[i]), 0);
    }
    /* Both blocked in the wait before anything is injected. */
    for (unsigned i = 0; i < WAITERS; i++) {
        while (!waiting(vm, w[i].cpu)) {
            struct timespec d = { 0, 100000 };
            nanosleep(&d, NULL);
        }
    }
    for (unsigned i = 0; i < WAITERS; i++) {
        struct s390_irq irq = { .type = S390_IRQ_IO };
        irq.u.io.subchannel_nr = (uint16_t)(1 + i);
        irq.u.io.word = 3u << 27; /* ISC 3 */
        ck_assert_int_eq(s390_inject_vm(vm, &irq), 0);
    }
    for (unsigned i = 0; i < WAITERS; i++) {
        pthread_join(t[i], NULL);
        /* A wait that runs into its limit re-checks and also returns
         * S390_WAIT_EVENT: that it ended before the limit is what says it
         * was woken. */
        ck_assert_msg(w[i].result == S390_WAIT_EVENT &&
                          w[i].waited_ns < LIMIT_NS,
                      "vCPU %u: wait returned %d after %lld ms", w[i].cpu,
                      w[i].result, (long long)(w[i].waited_ns / 1000000));
    }
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_wake_threads");
    TCase *tc = tcase_create("floating");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, burst_of_floating_io_wakes_one_waiter_each);
    suite_add_tcase(s, tc);
    return s;
}

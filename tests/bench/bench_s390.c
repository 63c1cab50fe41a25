/* SPDX-License-Identifier: MIT */
/* s390 budgets of docs/design.md section 7. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <vintc/vintc.h>

#include "bench_util.h"

static uint8_t lowcore[2][0x2000];

static int mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    unsigned cpu = (unsigned)(uintptr_t)opaque;
    if (addr >= 0x2000 || len > 0x2000 - addr)
        return -EFAULT;
    memcpy(buf, &lowcore[cpu][addr], len);
    return 0;
}

static int mem_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    unsigned cpu = (unsigned)(uintptr_t)opaque;
    if (addr >= 0x2000 || len > 0x2000 - addr)
        return -EFAULT;
    memcpy(&lowcore[cpu][addr], buf, len);
    return 0;
}

struct ctx {
    struct s390_vm *vm;
    struct s390_cpu_state st;
};

static void enabled(struct s390_cpu_state *st)
{
    memset(st, 0, sizeof(*st));
    st->psw.mask = 0x0304000180000000ull; /* I/O, external, machine check */
    st->cr[0] = 0x0200;                   /* service signal subclass */
    st->cr[6] = 0xFF000000;
    st->ckc = UINT64_MAX;
}

static void inject_deliver(void *arg, unsigned iters)
{
    struct ctx *c = arg;
    struct s390_irq irq = { .type = S390_IRQ_SERVICE, .u.ext.param = 0x1000 };
    for (unsigned i = 0; i < iters; i++) {
        s390_inject_vm(c->vm, &irq);
        c->st.psw.mask = 0x0304000180000000ull;
        if (s390_deliver_pending(c->vm, 0, &c->st) != 1)
            fprintf(stderr, "delivery failed\n");
    }
}

static void has_interrupt(void *arg, unsigned iters)
{
    struct ctx *c = arg;
    unsigned n = 0;
    for (unsigned i = 0; i < iters; i++)
        n += s390_cpu_has_interrupt(c->vm, 0, &c->st);
    if (n)
        fprintf(stderr, "unexpected interrupt\n");
}

/* Wake-up latency: a waiter thread blocks in s390_cpu_wait; the main thread
 * injects and the waiter records when the wait returned. */
struct wake {
    struct s390_vm *vm;
    _Atomic int phase; /* 0 idle, 1 waiting requested, 2 quit */
    _Atomic uint64_t woke_at;
};

static void *waiter(void *arg)
{
    struct wake *w = arg;
    struct s390_cpu_state st;
    enabled(&st);
    st.psw.mask |= 0x0002000000000000ull;
    for (;;) {
        while (atomic_load(&w->phase) == 0)
            ;
        if (atomic_load(&w->phase) == 2)
            return NULL;
        int r = s390_cpu_wait(w->vm, 0, &st, -1);
        atomic_store(&w->woke_at, bench_now_ns());
        if (r != 1)
            fprintf(stderr, "wait returned %d\n", r);
        enabled(&st);
        s390_deliver_pending(w->vm, 0, &st);
        enabled(&st); /* the handler returns to the wait */
        st.psw.mask |= 0x0002000000000000ull;
        atomic_store(&w->phase, 0);
    }
}

int main(void)
{
    bench_go_multithreaded();
    struct vintc_host_ops ops = { .guest_read = mem_read,
                                  .guest_write = mem_write };
    struct s390_config cfg = { .nr_cpus = 2 };
    struct ctx c;
    if (s390_create(&cfg, &ops, (void *)(uintptr_t)0, &c.vm))
        return 1;
    enabled(&c.st);
    int ok = 1;
    double ns = bench_ns_per_op(inject_deliver, &c, 20000, 51);
    ok &= bench_report("s390_inject_vm + s390_deliver_pending (service)", ns,
                       "ns", 120, 1);
    ns = bench_ns_per_op(has_interrupt, &c, 200000, 51);
    ok &= bench_report("s390_cpu_has_interrupt, nothing pending", ns, "ns", 10,
                       1);
    s390_destroy(c.vm);

    struct wake w = { .phase = 0 };
    cfg.nr_cpus = 1;
    if (s390_create(&cfg, &ops, (void *)(uintptr_t)1, &w.vm))
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, waiter, &w);
    enum { N = 2000 };
    static double samples[N];
    struct timespec pause = { 0, 20000 };
    for (unsigned i = 0; i < N; i++) {
        atomic_store(&w.phase, 1);
        nanosleep(&pause, NULL); /* let it go to sleep */
        struct s390_irq io = { .type = S390_IRQ_IO, .u.io.word = 0 };
        uint64_t t0 = bench_now_ns();
        s390_inject_vm(w.vm, &io);
        while (atomic_load(&w.phase) != 0)
            ;
        samples[i] = (double)(atomic_load(&w.woke_at) - t0) / 1000.0;
    }
    atomic_store(&w.phase, 2);
    pthread_join(t, NULL);
    ok &= bench_report("injection -> s390_cpu_wait returns (median)",
                       bench_median(samples, N), "us", 50, 1);
    s390_destroy(w.vm);
    return ok ? 0 : 1;
}

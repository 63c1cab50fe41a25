/* SPDX-License-Identifier: MIT */
/* SIGP between vCPU threads. vCPU 0's thread (the test thread) issues SIGP
 * orders through a handler built only on the library's calls, as the
 * header of s390_cpu_sense() maps them, to vCPU threads that are running,
 * in enabled wait, in disabled wait or stopped. Each order's condition code
 * and status, the stored status bytes and the delivered interruptions are
 * checked, and at the end every signal sent was delivered exactly once.
 *
 * Deterministic by construction: the issuer waits for an observable state
 * (a vCPU blocked in s390_cpu_wait as s390_cpu_sense reports it, a delivery
 * count, the stopped state) before the next step, and only checks outcomes
 * that are the same whatever the interleaving. A lost wake-up hangs a
 * target forever and fails the test by its timeout. Work the target's own
 * registers need (initial reset) runs on the target's thread, which the
 * issuer kicks and waits for, as QEMU's run_on_cpu does. */
#include <pthread.h>
#include <sched.h>

#include "s390_fake.h"
#include "test_util.h"

#define NCPU 5
enum mode { RUNNING, ENABLED_WAIT, DISABLED_WAIT, STOPPED };

#define CR0_SIGNALS (VINTC_S390_CR0_EMERGENCY | VINTC_S390_CR0_EXTCALL)
#define PSW_ENABLED (VINTC_S390_PSW_64BIT | VINTC_S390_PSW_EXT)
#define PSW_EWAIT   (PSW_ENABLED | VINTC_S390_PSW_WAIT)
#define PSW_DWAIT   (VINTC_S390_PSW_64BIT | VINTC_S390_PSW_WAIT)

struct vcpu {
    struct fake *f;
    unsigned cpu;
    enum mode mode;
    struct s390_cpu_state st; /* owned by the vCPU's thread */
    _Atomic int work;         /* run on this thread: 1 initial reset, 2 park */
    _Atomic int work_done;
    _Atomic int last_wait;   /* last s390_cpu_wait result */
    _Atomic unsigned waits;  /* s390_cpu_wait calls returned */
    _Atomic uint32_t prefix; /* st.prefix, published after delivery */
    /* The restarts counted when `prefix` was last published: once it
     * reaches n, `prefix` is the one the call that took restart n left. */
    _Atomic unsigned restarts_published;
    pthread_t thread;
};

static struct vcpu vc[NCPU];
static _Atomic int done;
/* Deliveries per vCPU and interruption type, from the trace callback. */
static _Atomic unsigned delivered[NCPU][VINTC_S390_IRQ_NR_TYPES];
static _Atomic unsigned emerg_from[NCPU][NCPU];

static void count_trace(void *opaque, const struct vintc_trace_event *ev)
{
    (void)opaque;
    if (ev->kind != VINTC_TRACE_S390_DELIVER || ev->cpu >= NCPU ||
        ev->irq >= VINTC_S390_IRQ_NR_TYPES)
        return;
    atomic_fetch_add(&delivered[ev->cpu][ev->irq], 1);
}

static uint64_t mode_psw(enum mode m)
{
    return m == RUNNING         ? PSW_ENABLED
           : m == DISABLED_WAIT ? PSW_DWAIT
                                : PSW_EWAIT;
}

static uint32_t prefix_of(unsigned cpu)
{
    return 0x10000u * (cpu + 1);
}

/* New PSWs at a prefix area: restart and external enabled for external
 * interruptions, so one delivery call chains every pending signal. */
static void lowcore(struct fake *f, uint32_t prefix)
{
    set_all_new_psws(f, prefix);
    set_new_psw(f, prefix, VINTC_S390_LC_RESTART_NEW_PSW, PSW_ENABLED, 0xA000);
    set_new_psw(f, prefix, VINTC_S390_LC_EXT_NEW_PSW, PSW_ENABLED, 0xB000);
}

/* The guest's handlers run and return: the vCPU resumes its own PSW. */
static void deliver(struct vcpu *v)
{
    int n = s390_deliver_pending(v->f->vm, v->cpu, &v->st);
    ck_assert_int_ge(n, 0);
    if (n > 0)
        v->st.psw.mask = mode_psw(v->mode);
    atomic_store(&v->prefix, v->st.prefix);
    atomic_store(&v->restarts_published,
                 atomic_load(&delivered[v->cpu][S390_IRQ_RESTART]));
}

static void run_work(struct vcpu *v)
{
    int w = atomic_load(&v->work);
    if (w == 1)
        ck_assert_int_eq(
            s390_cpu_initial_reset(v->f->vm, v->cpu, &v->st, false), 0);
    if (w == 2) {
        /* Park outside the library (the guest "runs" without exits) until
         * the issuer clears work. */
        atomic_store(&v->work_done, 1);
        while (atomic_load(&v->work) == 2)
            sched_yield();
        return;
    }
    if (w) {
        atomic_store(&v->work, 0);
        atomic_store(&v->work_done, 1);
    }
}

static void *vcpu_thread(void *arg)
{
    struct vcpu *v = arg;
    struct s390_vm *vm = v->f->vm;
    while (!atomic_load(&done)) {
        run_work(v);
        if (s390_cpu_stop_pending(vm, v->cpu))
            ck_assert_int_eq(s390_cpu_set_stopped(vm, v->cpu, true), 0);
        deliver(v); /* stores owed status, takes restarts */
        if (v->mode == RUNNING && !s390_cpu_is_stopped(vm, v->cpu)) {
            sched_yield(); /* "executing guest code" */
            continue;
        }
        int r = s390_cpu_wait(vm, v->cpu, &v->st, -1);
        ck_assert_int_ne(r, -ETIMEDOUT);
        ck_assert_int_ge(r, 0);
        atomic_store(&v->last_wait, r);
        atomic_fetch_add(&v->waits, 1);
    }
    return NULL;
}

/* ---- the SIGP handler a VMM builds on the library ---------------------- */

struct sigp_result {
    int cc;
    uint32_t status;
};

static struct sigp_result sigp(struct s390_vm *vm, unsigned src, unsigned dst,
                               unsigned order, uint64_t param)
{
    struct sigp_result r = { VINTC_S390_SIGP_CC_ACCEPTED, 0 };
    uint32_t fl;
    if (dst >= NCPU || s390_cpu_sense(vm, dst, &fl)) {
        r.cc = VINTC_S390_SIGP_CC_NOT_OPERATIONAL;
        return r;
    }
    /* Every order but the resets is busy while a stop or restart is
     * pending (PoP chapter 4, "Conditions Precluding Interpretation of the
     * Order Code"; KVM handle_sigp_dst). */
    if ((fl & VINTC_S390_CPU_SIGP_BUSY) &&
        order != VINTC_S390_SIGP_INITIAL_CPU_RESET) {
        r.cc = VINTC_S390_SIGP_CC_BUSY;
        return r;
    }
    struct s390_irq irq;
    memset(&irq, 0, sizeof(irq));
    irq.u.ext.src_cpu = (uint16_t)src;
    int rc;
    switch (order) {
    case VINTC_S390_SIGP_SENSE:
        if (fl & VINTC_S390_CPU_STOPPED)
            r.status |= VINTC_S390_SIGP_STATUS_STOPPED;
        if (fl & VINTC_S390_CPU_EXT_CALL_PENDING)
            r.status |= VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING;
        break;
    case VINTC_S390_SIGP_EXTERNAL_CALL:
        irq.type = S390_IRQ_EXTERNAL_CALL;
        if (s390_inject_vcpu(vm, dst, &irq) == -EBUSY)
            r.status = VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING;
        break;
    case VINTC_S390_SIGP_EMERGENCY_SIGNAL:
        irq.type = S390_IRQ_EMERGENCY;
        ck_assert_int_eq(s390_inject_vcpu(vm, dst, &irq), 0);
        break;
    case VINTC_S390_SIGP_STOP:
    case VINTC_S390_SIGP_STOP_AND_STORE_STATUS:
        irq.type = S390_IRQ_STOP;
        irq.u.stop.store_status = order ==
                                  VINTC_S390_SIGP_STOP_AND_STORE_STATUS;
        rc = s390_inject_vcpu(vm, dst, &irq);
        if (rc == -EBUSY)
            r.cc = VINTC_S390_SIGP_CC_BUSY;
        else if (irq.u.stop.store_status && (fl & VINTC_S390_CPU_STOPPED))
            /* Stopped already: store now. Its thread is blocked in
             * s390_cpu_wait; its registers are stable. */
            ck_assert_int_eq(s390_cpu_store_status_at(vm, dst, &vc[dst].st,
                                                      S390_STATUS_ABSOLUTE, 0),
                             0);
        break;
    case VINTC_S390_SIGP_RESTART:
        irq.type = S390_IRQ_RESTART;
        ck_assert_int_eq(s390_inject_vcpu(vm, dst, &irq), 0);
        break;
    case VINTC_S390_SIGP_INITIAL_CPU_RESET:
        /* On the target's thread, which owns its registers. */
        atomic_store(&vc[dst].work_done, 0);
        atomic_store(&vc[dst].work, 1);
        s390_cpu_kick(vm, dst);
        while (!atomic_load(&vc[dst].work_done))
            sched_yield();
        break;
    case VINTC_S390_SIGP_SET_PREFIX:
        /* The address is checked before the state (KVM __sigp_set_prefix,
         * QEMU sigp_set_prefix). */
        irq.type = S390_IRQ_SET_PREFIX;
        irq.u.prefix.address = (uint32_t)param & VINTC_S390_PREFIX_MASK;
        if (irq.u.prefix.address + 0x2000u > FAKE_MEM_SIZE) {
            r.status = VINTC_S390_SIGP_STATUS_INVALID_PARAMETER;
            break;
        }
        if (!(fl & VINTC_S390_CPU_STOPPED)) {
            r.status = VINTC_S390_SIGP_STATUS_INCORRECT_STATE;
            break;
        }
        rc = s390_inject_vcpu(vm, dst, &irq);
        if (rc == -EBUSY)
            r.status = VINTC_S390_SIGP_STATUS_INCORRECT_STATE;
        break;
    case VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS:
        rc = s390_cpu_store_status_at(vm, dst, &vc[dst].st, S390_STATUS_ADDRESS,
                                      param);
        if (rc == -EBUSY)
            r.status = VINTC_S390_SIGP_STATUS_INCORRECT_STATE;
        else if (rc == -EFAULT)
            r.status = VINTC_S390_SIGP_STATUS_INVALID_PARAMETER;
        break;
    default:
        r.status = VINTC_S390_SIGP_STATUS_INVALID_ORDER;
        break;
    }
    if (r.status && r.cc == VINTC_S390_SIGP_CC_ACCEPTED)
        r.cc = VINTC_S390_SIGP_CC_STATUS_STORED;
    return r;
}

/* ---- the issuer's view ------------------------------------------------- */

static uint32_t sense_flags(unsigned cpu)
{
    uint32_t fl;
    ck_assert_int_eq(s390_cpu_sense(vc[cpu].f->vm, cpu, &fl), 0);
    return fl;
}

/* Wait until the vCPU shows all of `set` and none of `clear`. */
static void await_flags(unsigned cpu, uint32_t set, uint32_t clear)
{
    for (;;) {
        uint32_t fl = sense_flags(cpu);
        if ((fl & set) == set && !(fl & clear))
            return;
        sched_yield();
    }
}

static void await_count(unsigned cpu, enum s390_irq_type t, unsigned n)
{
    while (atomic_load(&delivered[cpu][t]) < n)
        sched_yield();
    ck_assert_uint_eq(atomic_load(&delivered[cpu][t]), n);
}

/* The vCPU's resting state for its mode. */
static void await_rest(unsigned cpu, enum mode m)
{
    switch (m) {
    case RUNNING:
        await_flags(cpu, 0, VINTC_S390_CPU_STOPPED);
        break;
    case ENABLED_WAIT:
        await_flags(cpu, VINTC_S390_CPU_WAITING, VINTC_S390_CPU_DISABLED_WAIT);
        break;
    case DISABLED_WAIT:
        await_flags(cpu, VINTC_S390_CPU_DISABLED_WAIT, 0);
        break;
    case STOPPED:
        await_flags(cpu, VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_WAITING, 0);
        break;
    }
}

static void expect(struct sigp_result r, int cc, uint32_t status)
{
    ck_assert_int_eq(r.cc, cc);
    ck_assert_uint_eq(r.status, status);
}

static void check_status_area(const struct fake *f, uint64_t area, unsigned cpu,
                              uint32_t prefix)
{
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(rd64(f, area + 0x80 + 8 * i),
                          0x0100000000000000ull * cpu + i);
        ck_assert_uint_eq(rd64(f, area + 0x180 + 8 * i), vc[cpu].st.cr[i]);
    }
    ck_assert_uint_eq(rd32(f, area + 0x118), prefix);
}

static void setup(struct fake **fp)
{
    struct fake *f = fake_new(NCPU, 0, false);
    s390_destroy(f->vm);
    struct vintc_host_ops ops = { .guest_read = fake_read,
                                  .guest_write = fake_write,
                                  .trace = count_trace };
    struct s390_config cfg = { .nr_cpus = NCPU };
    ck_assert_int_eq(s390_create(&cfg, &ops, f, &f->vm), 0);
    memset(delivered, 0, sizeof(delivered));
    memset(emerg_from, 0, sizeof(emerg_from));
    atomic_store(&done, 0);
    for (unsigned c = 0; c < NCPU; c++) {
        struct vcpu *v = &vc[c];
        memset(v, 0, sizeof(*v));
        v->f = f;
        v->cpu = c;
        v->mode = c == 0 ? RUNNING : (enum mode)(c - 1);
        lowcore(f, prefix_of(c));
        state_enabled(&v->st, prefix_of(c));
        v->st.psw.mask = mode_psw(v->mode);
        v->st.cr[0] = CR0_SIGNALS;
        v->st.cpu_timer = INT64_MAX;
        for (unsigned i = 0; i < 16; i++)
            v->st.gprs[i] = 0x0100000000000000ull * c + i;
        if (v->mode == STOPPED)
            ck_assert_int_eq(s390_cpu_set_stopped(f->vm, c, true), 0);
    }
    for (unsigned c = 1; c < NCPU; c++)
        ck_assert_int_eq(
            pthread_create(&vc[c].thread, NULL, vcpu_thread, &vc[c]), 0);
    *fp = f;
}

static void teardown(struct fake *f)
{
    atomic_store(&done, 1);
    for (unsigned c = 1; c < NCPU; c++) {
        s390_cpu_kick(f->vm, c);
        ck_assert_int_eq(pthread_join(vc[c].thread, NULL), 0);
    }
    fake_free(f);
}

/* Every order to each kind of target (PoP chapter 4, "Signal-Processor
 * Orders"; KVM __sigp_sense, __sigp_external_call, __inject_sigp_stop,
 * __sigp_store_status_at_addr, __sigp_set_prefix; QEMU sigp_*). */
START_TEST(sigp_orders_to_every_kind_of_vcpu)
{
    struct fake *f;
    setup(&f);
    struct s390_vm *vm = f->vm;
    for (unsigned t = 1; t < NCPU; t++) {
        const enum mode m = vc[t].mode;
        const bool held = m == DISABLED_WAIT ||
                          m == STOPPED; /* takes no signal */
        await_rest(t, m);

        /* SENSE: status only for a stopped CPU. */
        if (m == STOPPED)
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SENSE, 0), 1,
                   VINTC_S390_SIGP_STATUS_STOPPED);
        else
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SENSE, 0), 0, 0);

        /* EMERGENCY SIGNAL: taken at once, or kept pending. */
        expect(sigp(vm, 0, t, VINTC_S390_SIGP_EMERGENCY_SIGNAL, 0), 0, 0);
        if (held) {
            await_rest(t, m);
            ck_assert(sense_flags(t) & VINTC_S390_CPU_EMERGENCY_PENDING);
            ck_assert_uint_eq(atomic_load(&delivered[t][S390_IRQ_EMERGENCY]),
                              0);
        } else {
            await_count(t, S390_IRQ_EMERGENCY, 1);
        }

        /* EXTERNAL CALL: one pending at most; a second is "status stored,
         * external call pending", and so is SENSE. */
        expect(sigp(vm, 0, t, VINTC_S390_SIGP_EXTERNAL_CALL, 0), 0, 0);
        if (held) {
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_EXTERNAL_CALL, 0), 1,
                   VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING);
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SENSE, 0), 1,
                   VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING |
                       (m == STOPPED ? VINTC_S390_SIGP_STATUS_STOPPED : 0));
        } else {
            await_count(t, S390_IRQ_EXTERNAL_CALL, 1);
            await_rest(t, m);
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SENSE, 0), 0, 0);
        }

        /* STORE STATUS AT ADDRESS and SET PREFIX: only to a stopped CPU. */
        const uint64_t area = 0x80000u + 0x1000u * t;
        uint32_t new_prefix = prefix_of(t);
        memset(f->mem + area, 0, 0x200);
        if (m == STOPPED) {
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS,
                        area | 0x1FF),
                   0, 0);
            check_status_area(f, area, t, prefix_of(t));
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS,
                        0x7FFFFE00),
                   1, VINTC_S390_SIGP_STATUS_INVALID_PARAMETER);
            new_prefix = 0xC0000;
            lowcore(f, new_prefix);
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SET_PREFIX, new_prefix), 0,
                   0);
            ck_assert(sense_flags(t) & VINTC_S390_CPU_PREFIX_PENDING);
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SET_PREFIX, 0x7FFFE000), 1,
                   VINTC_S390_SIGP_STATUS_INVALID_PARAMETER);
        } else {
            expect(
                sigp(vm, 0, t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, area),
                1, VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
            ck_assert_uint_eq(touched(f, area, 0x200), 0);
            expect(sigp(vm, 0, t, VINTC_S390_SIGP_SET_PREFIX, 0xC0000), 1,
                   VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
        }

        /* STOP AND STORE STATUS: stopped, status at absolute 0x1200 and
         * 163 whatever the prefix, once the order completed. */
        memset(f->mem, 0, 0x2000);
        expect(sigp(vm, 0, t, VINTC_S390_SIGP_STOP_AND_STORE_STATUS, 0), 0, 0);
        await_flags(t, VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_WAITING,
                    VINTC_S390_CPU_STOP_PENDING | VINTC_S390_CPU_STATUS_OWED);
        check_status_area(f, 0x1200, t, new_prefix);
        ck_assert_uint_eq(f->mem[0xA3], 1);
        ck_assert_uint_eq(touched(f, prefix_of(t) + 0x1200, 0x200), 0);
        /* A plain STOP to a stopped CPU completes at once. */
        expect(sigp(vm, 0, t, VINTC_S390_SIGP_STOP, 0), 0, 0);
        expect(sigp(vm, 0, t, VINTC_S390_SIGP_SENSE, 0), 1,
               VINTC_S390_SIGP_STATUS_STOPPED |
                   (held ? VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING : 0));

        /* RESTART: operating again, at the new prefix if one was set; the
         * restart new PSW enables the signals still pending. */
        expect(sigp(vm, 0, t, VINTC_S390_SIGP_RESTART, 0), 0, 0);
        await_count(t, S390_IRQ_RESTART, 1);
        await_count(t, S390_IRQ_EMERGENCY, 1);
        await_count(t, S390_IRQ_EXTERNAL_CALL, 1);
        await_flags(t, 0,
                    VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_RESTART_PENDING |
                        VINTC_S390_CPU_EXT_CALL_PENDING |
                        VINTC_S390_CPU_EMERGENCY_PENDING);
        /* The restart is counted during the delivery call; the prefix is
         * published after it returns. */
        while (atomic_load(&vc[t].restarts_published) < 1)
            sched_yield();
        ck_assert_uint_eq(atomic_load(&vc[t].prefix), new_prefix);
        ck_assert_uint_eq(rd16(f, new_prefix + 0x86),
                          0x1202); /* last: the external call */
        ck_assert_uint_eq(rd16(f, new_prefix + 0x84), 0); /* from vCPU 0 */
    }
    /* Nothing lost, nothing twice: the library's counts agree. */
    for (unsigned t = 1; t < NCPU; t++) {
        struct s390_stats s;
        ck_assert_int_eq(s390_get_stats(vm, t, &s), 0);
        ck_assert_uint_eq(s.delivered[S390_IRQ_EMERGENCY], 1);
        ck_assert_uint_eq(s.delivered[S390_IRQ_EXTERNAL_CALL], 1);
        ck_assert_uint_eq(s.delivered[S390_IRQ_RESTART], 1);
        ck_assert_uint_eq(s.store_status, t == 4 ? 2 : 1);
    }
    expect(sigp(vm, 0, NCPU, VINTC_S390_SIGP_SENSE, 0), 3, 0);
    teardown(f);
}
END_TEST

/* A disabled wait blocks until a restart, stop, reset or kick, and says
 * which (kvm-unit-tests' firq parks a CPU in disabled wait until SIGP
 * RESTART); INITIAL CPU RESET from another vCPU runs on the target's thread
 * and leaves the architected values (PoP chapter 4, "Resets"). */
START_TEST(disabled_wait_ends_by_restart_stop_reset_kick)
{
    struct fake *f;
    setup(&f);
    struct s390_vm *vm = f->vm;
    const unsigned t = 3;
    await_rest(t, DISABLED_WAIT);
    unsigned w = atomic_load(&vc[t].waits);

    s390_cpu_kick(vm, t);
    while (atomic_load(&vc[t].waits) == w)
        sched_yield();
    ck_assert_int_eq(atomic_load(&vc[t].last_wait), S390_WAIT_DISABLED_KICK);
    w++;
    await_rest(t, DISABLED_WAIT);

    ck_assert_int_eq(s390_cpu_reset(vm, t), 0);
    while (atomic_load(&vc[t].waits) == w)
        sched_yield();
    ck_assert_int_eq(atomic_load(&vc[t].last_wait), S390_WAIT_DISABLED_RESET);
    w++;
    await_rest(t, STOPPED);
    expect(sigp(vm, 0, t, VINTC_S390_SIGP_RESTART, 0), 0, 0);
    await_count(t, S390_IRQ_RESTART, 1);
    await_rest(t, DISABLED_WAIT);
    w = atomic_load(&vc[t].waits);

    expect(sigp(vm, 0, t, VINTC_S390_SIGP_STOP, 0), 0, 0);
    await_rest(t, STOPPED);
    ck_assert_int_eq(atomic_load(&vc[t].last_wait), S390_WAIT_DISABLED_STOP);
    expect(sigp(vm, 0, t, VINTC_S390_SIGP_RESTART, 0), 0, 0);
    await_count(t, S390_IRQ_RESTART, 2);
    await_rest(t, DISABLED_WAIT);
    w = atomic_load(&vc[t].waits);

    expect(sigp(vm, 0, t, VINTC_S390_SIGP_RESTART, 0), 0, 0);
    await_count(t, S390_IRQ_RESTART, 3);
    while (atomic_load(&vc[t].waits) == w)
        sched_yield();
    ck_assert_int_eq(atomic_load(&vc[t].last_wait), S390_WAIT_DISABLED_RESTART);
    await_rest(t, DISABLED_WAIT);

    /* INITIAL CPU RESET: the target's thread applies it; stopped, with the
     * initial register values. */
    expect(sigp(vm, 0, t, VINTC_S390_SIGP_INITIAL_CPU_RESET, 0), 0, 0);
    await_rest(t, STOPPED);
    ck_assert_uint_eq(vc[t].st.cr[0], 0xE0);
    ck_assert_uint_eq(vc[t].st.cr[14], 0xC2000000);
    ck_assert_uint_eq(vc[t].st.prefix, 0);
    ck_assert_uint_eq(vc[t].st.psw.mask, 0);
    ck_assert_uint_eq(vc[t].st.gprs[1], 0x0100000000000000ull * t + 1);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(vm, t, &s), 0);
    ck_assert_uint_eq(s.wait_exits_disabled, 5);
    teardown(f);
}
END_TEST

/* Busy (condition code 2): a stop or restart still pending makes every
 * order but the resets busy, SENSE and the signals included (PoP chapter 4,
 * "Conditions Precluding Interpretation of the Order Code"; KVM
 * handle_sigp_dst; QEMU handle_sigp_single_dst). The target's
 * thread is parked outside the library, so the pending stop stays pending
 * until it is released. */
START_TEST(pending_stop_or_restart_makes_orders_busy)
{
    struct fake *f;
    setup(&f);
    struct s390_vm *vm = f->vm;
    const unsigned t = 2;
    await_rest(t, ENABLED_WAIT);
    atomic_store(&vc[t].work_done, 0);
    atomic_store(&vc[t].work, 2);
    s390_cpu_kick(vm, t);
    while (!atomic_load(&vc[t].work_done))
        sched_yield();

    expect(sigp(vm, 0, t, VINTC_S390_SIGP_STOP, 0), 0, 0);
    ck_assert_uint_eq(sense_flags(t), VINTC_S390_CPU_STOP_PENDING);
    const unsigned busy_orders[] = {
        VINTC_S390_SIGP_STOP,
        VINTC_S390_SIGP_STOP_AND_STORE_STATUS,
        VINTC_S390_SIGP_RESTART,
        VINTC_S390_SIGP_SET_PREFIX,
        VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS,
        VINTC_S390_SIGP_SENSE,
        VINTC_S390_SIGP_EMERGENCY_SIGNAL,
        VINTC_S390_SIGP_EXTERNAL_CALL,
    };
    for (unsigned i = 0; i < sizeof(busy_orders) / sizeof(busy_orders[0]); i++)
        expect(sigp(vm, 0, t, busy_orders[i], 0x8000), 2, 0);
    ck_assert_uint_eq(sense_flags(t), VINTC_S390_CPU_STOP_PENDING);

    /* Released: it stops. A restart to the stopped vCPU, while the thread
     * is parked again, makes the same orders busy. */
    atomic_store(&vc[t].work, 0);
    await_rest(t, STOPPED);
    atomic_store(&vc[t].work_done, 0);
    atomic_store(&vc[t].work, 2);
    s390_cpu_kick(vm, t);
    while (!atomic_load(&vc[t].work_done))
        sched_yield();
    expect(sigp(vm, 0, t, VINTC_S390_SIGP_RESTART, 0), 0, 0);
    for (unsigned i = 0; i < sizeof(busy_orders) / sizeof(busy_orders[0]); i++)
        expect(sigp(vm, 0, t, busy_orders[i], 0x8000), 2, 0);
    atomic_store(&vc[t].work, 0);
    await_count(t, S390_IRQ_RESTART, 1);
    await_rest(t, ENABLED_WAIT);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(vm, t, &s), 0);
    /* A busy order changed nothing. */
    ck_assert_uint_eq(s.injected[S390_IRQ_EMERGENCY], 0);
    ck_assert_uint_eq(s.injected[S390_IRQ_EXTERNAL_CALL], 0);
    ck_assert_uint_eq(s.injected[S390_IRQ_SET_PREFIX], 0);
    ck_assert_uint_eq(s.injected[S390_IRQ_STOP], 1);
    ck_assert_uint_eq(s.injected[S390_IRQ_RESTART], 1);
    ck_assert_uint_eq(s.store_status, 0);
    teardown(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_sigp_threads");
    TCase *tc = tcase_create("sigp_threads");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sigp_orders_to_every_kind_of_vcpu);
    tcase_add_test(tc, disabled_wait_ends_by_restart_stop_reset_kick);
    tcase_add_test(tc, pending_stop_or_restart_makes_orders_busy);
    suite_add_tcase(s, tc);
    return s;
}

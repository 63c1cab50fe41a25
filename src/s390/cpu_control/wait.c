/* SPDX-License-Identifier: MIT */
/* Enabled and disabled wait (s390_cpu_wait in include/vintc/s390.h). The
 * waiter checks for work and goes to sleep under the VM lock; injectors,
 * s390_cpu_kick and s390_cpu_reset change state under the same lock and
 * signal the condition variable after dropping it. A change made before the
 * waiter's check is seen by the check; one made after it finds the waiter
 * inside pthread_cond_wait, so no wake-up is lost. The clock comparator and
 * CPU timer are time conditions: the sleep ends at their deadline (converted
 * from TOD units to CLOCK_MONOTONIC nanoseconds), and the condition is
 * re-checked against tod_clock before it is reported. */
#include "s390/core/vm.h"

#include <errno.h>
#include <time.h>

#include "common/trace.h"

enum wait_why {
    WHY_IRQ,
    WHY_TIMER,
    WHY_KICK,
    WHY_STOP,
    WHY_RESET,
    WHY_TIMEOUT
};

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* TOD units until a timer condition becomes true; 0 when one is true now,
 * UINT64_MAX when none is armed. */
static uint64_t timer_until(const struct s390_cpu_state *st, bool ckc, bool cpt,
                            uint64_t tod, uint64_t tod_start)
{
    uint64_t until = UINT64_MAX;
    if (cpt) {
        /* CPU timer at TOD rate from its value at the start of the wait. */
        uint64_t elapsed = tod - tod_start;
        if (st->cpu_timer < 0 || elapsed > (uint64_t)st->cpu_timer)
            return 0;
        until = (uint64_t)st->cpu_timer - elapsed + 1;
    }
    if (ckc) {
        uint64_t gtod = tod + (uint64_t)st->epoch;
        if (s390i_ckc_pending(gtod, st->ckc, st->cr[0]))
            return 0;
        /* Not pending: CKC >= TOD in the compare's sense, so the unsigned
         * difference is the distance either way; true one unit later. */
        uint64_t d = st->ckc - gtod;
        d = d == UINT64_MAX ? d : d + 1;
        if (d < until)
            until = d;
    }
    return until;
}

static void to_timespec(uint64_t ns, struct timespec *ts)
{
    ts->tv_sec = (time_t)(ns / UINT64_C(1000000000));
    ts->tv_nsec = (long)(ns % UINT64_C(1000000000));
}

static void mark_waiting(struct s390_vm *vm, unsigned cpu, bool on,
                         bool disabled)
{
    uint64_t bit = UINT64_C(1) << (cpu % 64);
    vm->cpus[cpu].waiting = on;
    vm->cpus[cpu].disabled_wait = on && disabled;
    if (on)
        vm->waiting_mask[cpu / 64] |= bit;
    else
        vm->waiting_mask[cpu / 64] &= ~bit;
}

int s390_cpu_wait(struct s390_vm *vm, unsigned cpu,
                  const struct s390_cpu_state *st, int64_t timeout_ns)
{
    if (!vm || !st || cpu >= vm->nr_cpus)
        return -EINVAL;
    struct s390_vcpu *v = &vm->cpus[cpu];
    const uint64_t psw = st->psw.mask, cr0 = st->cr[0];
    /* Disabled wait: no I/O, external or machine-check interruption can
     * end it; a restart (or the VMM's stop, reset or kick) still can.
     * Decided together with the reset generation, so a reset either came
     * before this wait (the vCPU waits stopped) or ends it. */
    vintc_lock(&vm->lock);
    const uint32_t resets = v->resets;
    const bool disabled = !s390i_stopped(v) &&
                          !(psw & (VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT |
                                   VINTC_S390_PSW_MCHK));
    vintc_unlock(&vm->lock);

    const uint64_t start = s390i_mono_ns();
    const uint64_t deadline = timeout_ns < 0
                                  ? UINT64_MAX
                                  : sat_add(start, (uint64_t)timeout_ns);
    const bool ckc = (psw & VINTC_S390_PSW_EXT) && (cr0 & VINTC_S390_CR0_CKC) &&
                     s390i_ckc_armed(st->ckc, cr0);
    const bool cpt = (psw & VINTC_S390_PSW_EXT) &&
                     (cr0 & VINTC_S390_CR0_CPU_TIMER);
    const uint64_t tod_start = (ckc || cpt) ? s390i_host_tod(vm) : 0;
    enum wait_why why;

    for (;;) {
        uint64_t wake = deadline;
        bool timer_now = false;
        if ((ckc || cpt) && !s390i_stopped(v)) {
            uint64_t until = timer_until(st, ckc, cpt, s390i_host_tod(vm),
                                         tod_start);
            if (until == 0)
                timer_now = true;
            else if (until != UINT64_MAX)
                wake = sat_add(s390i_mono_ns(), s390i_tod_to_ns(until));
            if (wake > deadline)
                wake = deadline;
        }

        vintc_lock(&vm->lock);
        bool stopped = s390i_stopped(v);
        uint32_t en = s390i_enabled_bits(psw, cr0, st->cr[6], stopped);
        if (v->resets != resets) {
            why = WHY_RESET;
            break;
        }
        if (v->kick_pending) {
            v->kick_pending = false;
            why = WHY_KICK;
            break;
        }
        if (v->stop_pending) {
            why = WHY_STOP;
            break;
        }
        if (s390i_pending_bits(&v->local, &vm->flt, st->cr[14]) & en) {
            why = WHY_IRQ;
            break;
        }
        if (timer_now && !stopped) {
            why = WHY_TIMER;
            break;
        }
        uint64_t now = s390i_mono_ns();
        if (now >= deadline) {
            why = WHY_TIMEOUT;
            break;
        }
        if (now < wake) {
            v->wait_enabled = en;
            v->wait_cr14 = st->cr[14];
            mark_waiting(vm, cpu, true, disabled);
            if (wake == UINT64_MAX) {
                pthread_cond_wait(&v->cond, &vm->lock.m);
            } else {
                struct timespec ts;
                to_timespec(wake, &ts);
                pthread_cond_timedwait(&v->cond, &vm->lock.m, &ts);
            }
            mark_waiting(vm, cpu, false, false);
        }
        vintc_unlock(&vm->lock);
    }

    int ret;
    v->stats.wait_exits++;
    if (disabled) {
        v->stats.wait_exits_disabled++;
        switch (why) {
        case WHY_IRQ:
            ret = S390_WAIT_DISABLED_RESTART;
            break;
        case WHY_STOP:
            ret = S390_WAIT_DISABLED_STOP;
            break;
        case WHY_RESET:
            ret = S390_WAIT_DISABLED_RESET;
            break;
        case WHY_KICK:
            ret = S390_WAIT_DISABLED_KICK;
            break;
        default:
            ret = S390_WAIT_DISABLED_TIMEOUT;
            break;
        }
    } else {
        switch (why) {
        case WHY_IRQ:
            ret = S390_WAIT_EVENT;
            v->stats.wait_exits_interrupt++;
            break;
        case WHY_TIMER:
            ret = S390_WAIT_EVENT;
            v->stats.wait_exits_timer++;
            break;
        case WHY_KICK:
        case WHY_STOP:
        case WHY_RESET:
            ret = S390_WAIT_KICK;
            v->stats.wait_exits_kick++;
            break;
        default:
            ret = -ETIMEDOUT;
            v->stats.wait_exits_timeout++;
            break;
        }
    }
    vintc_unlock(&vm->lock);
    vintc_trace(&vm->ops, vm->opaque, VINTC_TRACE_S390_WAIT_EXIT, cpu, 0,
                (uint64_t)(int64_t)ret, 0, 0);
    return ret;
}

void s390_cpu_kick(struct s390_vm *vm, unsigned cpu)
{
    if (!vm || cpu >= vm->nr_cpus)
        return;
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    v->kick_pending = true;
    bool waiting = v->waiting;
    vintc_unlock(&vm->lock);
    if (waiting)
        pthread_cond_signal(&v->cond);
}

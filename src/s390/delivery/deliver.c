/* SPDX-License-Identifier: MIT */
/* Delivery: the PSW swap through the lowcore, highest priority first, the
 * chain re-evaluated against each new PSW (docs/design.md 4.3).
 *
 * Host callbacks run without the lock, so one delivery is three steps:
 * take the interrupt out of the pending state under the lock (a floating one
 * is then invisible to other vCPUs: it cannot be delivered twice), do the
 * guest memory accesses unlocked (new PSW read first), then re-lock to
 * commit it or, if an access failed, put it back where it was. */
#include "s390/core/vm.h"

#include <errno.h>

#include "s390/delivery/build.h"
#include "common/trace.h"
#include "s390/cpu_control/status.h"

static void count_delivery(struct s390_vcpu *v, const struct s390_item *it)
{
    if (it->bit == PB_CKC)
        v->stats.delivered_ckc++;
    else if (it->bit == PB_CPU_TIMER)
        v->stats.delivered_cpu_timer++;
    else
        v->stats.delivered[it->irq.type]++;
}

/* 1 delivered, 0 nothing deliverable, -EFAULT. Returning 0 it also ends
 * the s390_deliver_pending() call (v->delivering), in the locked section
 * that found nothing, rather than locking once more for it. */
static int deliver_one(struct s390_vm *vm, unsigned cpu, struct s390_vcpu *v,
                       struct s390_cpu_state *st)
{
    uint32_t timers = s390i_timer_bits(vm, st); /* may call tod_clock */
    struct s390_item it;

    vintc_lock(&vm->lock);
    uint32_t cand = (s390i_pending_bits(&v->local, &vm->flt, st->cr[14]) |
                     timers) &
                    s390i_enabled_bits(st->psw.mask, st->cr[0], st->cr[6],
                                       s390i_stopped(v));
    bool prefix_pending = v->prefix_pending;
    uint32_t new_prefix = v->new_prefix;
    if (!cand) {
        if (prefix_pending) {
            v->prefix_pending = false;
            v->stats.delivered[S390_IRQ_SET_PREFIX]++;
            st->prefix = new_prefix;
        }
        v->delivering = false;
        vintc_unlock(&vm->lock);
        return 0;
    }
    s390i_take(&v->local, &vm->flt, vintc_ctz32(cand), &it);
    vintc_unlock(&vm->lock);

    /* A pending SET_PREFIX already applies to this delivery. */
    uint32_t prefix = prefix_pending ? new_prefix
                                     : (st->prefix & VINTC_S390_PREFIX_MASK);
    struct lc_store s;
    struct s390_delivery d;
    uint8_t np[16];
    s390i_build(&s, &it, st, prefix, &d);
    int rc = 0;
    if (vm->ops.guest_read(vm->opaque, (uint64_t)prefix + d.new_off, np,
                           sizeof(np)))
        rc = -EFAULT;
    if (!rc)
        rc = s390i_flush(vm, prefix, &s);

    bool renotify;
    enum s390_notify how = NOTIFY_NONE;
    unsigned rbit = it.bit;
    int target = -1;
    vintc_lock(&vm->lock);
    if (!rc) {
        renotify = s390i_commit(&v->local, &vm->flt, &it);
        if (it.bit == PB_RESTART)
            atomic_store_explicit(&v->stopped, false, memory_order_release);
        if (prefix_pending && v->prefix_pending &&
            v->new_prefix == new_prefix) {
            v->prefix_pending = false;
            v->stats.delivered[S390_IRQ_SET_PREFIX]++;
        }
        count_delivery(v, &it);
    } else {
        renotify = s390i_putback(&v->local, &vm->flt, &it);
        v->stats.delivery_faults++;
    }
    if (renotify) {
        if (!rc)
            rbit = PB_SERVICE; /* a newer service signal became visible */
        target = s390i_float_target(vm, rbit, &how);
    }
    vintc_unlock(&vm->lock);
    if (target >= 0)
        s390i_notify(vm, (unsigned)target, how);
    if (rc)
        return rc;

    st->psw.mask = vintc_get_be64(np);
    st->psw.addr = vintc_get_be64(np + 8);
    if (prefix_pending)
        st->prefix = new_prefix;
    unsigned tirq = it.bit == PB_CKC         ? VINTC_S390_TRACE_IRQ_CKC
                    : it.bit == PB_CPU_TIMER ? VINTC_S390_TRACE_IRQ_CPU_TIMER
                                             : (unsigned)it.irq.type;
    vintc_trace(&vm->ops, vm->opaque, VINTC_TRACE_S390_DELIVER, cpu, tirq,
                d.code, 0, 0);
    return 1;
}

int s390_deliver_pending(struct s390_vm *vm, unsigned cpu,
                         struct s390_cpu_state *st)
{
    if (!vm || !st || cpu >= vm->nr_cpus)
        return -EINVAL;
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    if (v->delivering) {
        vintc_unlock(&vm->lock);
        return -EBUSY;
    }
    v->delivering = true;
    bool owed = v->store_status_owed;
    vintc_unlock(&vm->lock);

    int rc = 0, n = 0;
    bool ended = false; /* deliver_one() returned 0 and cleared delivering */
    /* The owed status is the one of the moment the stop completed: before
     * a SET_PREFIX that came later is applied below, and with one that was
     * already pending then (s390i_owe_status). */
    if (owed)
        rc = s390i_store_owed_status(vm, cpu, st);
    while (!rc && n < VINTC_S390_DELIVER_MAX) {
        int r = deliver_one(vm, cpu, v, st);
        if (r <= 0) {
            rc = r;
            ended = r == 0;
            break;
        }
        n++;
    }
    if (!ended) {
        vintc_lock(&vm->lock);
        v->delivering = false;
        vintc_unlock(&vm->lock);
    }
    return (rc < 0 && n == 0) ? rc : n;
}

bool s390_cpu_has_interrupt(struct s390_vm *vm, unsigned cpu,
                            const struct s390_cpu_state *st)
{
    if (vintc_unlikely(!vm || !st || cpu >= vm->nr_cpus))
        return false;
    struct s390_vcpu *v = &vm->cpus[cpu];
    uint32_t en = s390i_enabled_bits(st->psw.mask, st->cr[0], st->cr[6],
                                     s390i_stopped(v));
    uint32_t pend = (s390i_load(&v->local.pending) |
                     s390i_load(&vm->flt.pending)) &
                    en;
    if (pend & ~PB_MCHK_REP_MASK)
        return true;
    if (pend) {
        /* Repressible machine checks also need their CR14 subclass. */
        vintc_lock(&vm->lock);
        bool ok = (s390i_pending_bits(&v->local, &vm->flt, st->cr[14]) & en) !=
                  0;
        vintc_unlock(&vm->lock);
        if (ok)
            return true;
    }
    if (!(en & PB_TIMER_MASK))
        return false;
    return (s390i_timer_bits(vm, st) & en) != 0;
}

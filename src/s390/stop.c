/* SPDX-License-Identifier: MIT */
/* Stopped state, STOP consumption, store status and CPU reset. */
#include "vm.h"

#include <errno.h>

#include <vintc/s390_arch.h>

bool s390_cpu_stop_pending(struct s390_vm *vm, unsigned cpu)
{
    if (!vm || cpu >= vm->nr_cpus)
        return false;
    vintc_lock(&vm->lock);
    bool p = vm->cpus[cpu].stop_pending;
    vintc_unlock(&vm->lock);
    return p;
}

int s390_cpu_set_stopped(struct s390_vm *vm, unsigned cpu, bool stopped)
{
    if (!vm || cpu >= vm->nr_cpus)
        return -EINVAL;
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    atomic_store_explicit(&v->stopped, stopped, memory_order_release);
    if (stopped && v->stop_pending) {
        v->stop_pending = false;
        if (v->stop_store_status)
            v->store_status_owed = true;   /* stored at absolute 0x1200 */
        v->stop_store_status = false;
        v->stats.delivered[S390_IRQ_STOP]++;
    }
    vintc_unlock(&vm->lock);
    return 0;
}

bool s390_cpu_is_stopped(struct s390_vm *vm, unsigned cpu)
{
    if (!vm || cpu >= vm->nr_cpus)
        return false;
    return s390i_stopped(&vm->cpus[cpu]);
}

/* Count a status store (or its failure) for vCPU `cpu`; `owed` clears the
 * debt of a stop with store status. */
static int account_store(struct s390_vm *vm, unsigned cpu, int rc, bool owed)
{
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    if (!rc) {
        if (owed)
            v->store_status_owed = false;
        v->stats.store_status++;
    } else {
        v->stats.delivery_faults++;
    }
    vintc_unlock(&vm->lock);
    return rc;
}

int s390i_store_owed_status(struct s390_vm *vm, unsigned cpu,
                            const struct s390_cpu_state *st)
{
    /* SIGP STOP AND STORE STATUS: absolute 0x1200.. and absolute 163,
     * whatever the prefix (PoP chapter 4, "Store Status"). */
    return account_store(vm, cpu, s390i_store_status(vm, 0, true, st), true);
}

int s390_cpu_store_status(struct s390_vm *vm, unsigned cpu,
                          const struct s390_cpu_state *st)
{
    if (!vm || !st || cpu >= vm->nr_cpus)
        return -EINVAL;
    uint64_t prefix = st->prefix & VINTC_S390_PREFIX_MASK;
    return account_store(vm, cpu, s390i_store_status(vm, prefix, true, st), false);
}

int s390_cpu_reset(struct s390_vm *vm, unsigned cpu)
{
    if (!vm || cpu >= vm->nr_cpus)
        return -EINVAL;
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    s390i_local_clear(&v->local);
    v->stop_pending = false;
    v->stop_store_status = false;
    v->store_status_owed = false;
    v->prefix_pending = false;
    v->new_prefix = 0;
    v->kick_pending = false;
    atomic_store_explicit(&v->stopped, true, memory_order_release);
    vintc_unlock(&vm->lock);
    return 0;
}

/* SPDX-License-Identifier: MIT */
/* Stopped state and STOP consumption. */
#include "s390/core/vm.h"

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
            s390i_owe_status(v); /* stored at absolute 0x1200 */
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

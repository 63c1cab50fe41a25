/* SPDX-License-Identifier: MIT */
/* CPU reset, initial CPU reset and clear reset (PoP chapter 4, "Resets"). */
#include "s390/core/vm.h"

#include <errno.h>
#include <string.h>

#include <vintc/s390_arch.h>

int s390_cpu_reset(struct s390_vm *vm, unsigned cpu)
{
    if (!vm || cpu >= vm->nr_cpus)
        return -EINVAL;
    struct s390_vcpu *v = &vm->cpus[cpu];
    vintc_lock(&vm->lock);
    if (v->delivering) {
        /* An interrupt taken out for delivery would come back after it. */
        vintc_unlock(&vm->lock);
        return -EBUSY;
    }
    s390i_local_clear(&v->local);
    v->stop_pending = false;
    v->stop_store_status = false;
    v->store_status_owed = false;
    v->prefix_pending = false;
    v->new_prefix = 0;
    v->kick_pending = false;
    v->resets++; /* ends a wait in progress */
    atomic_store_explicit(&v->stopped, true, memory_order_release);
    bool waiting = v->waiting;
    vintc_unlock(&vm->lock);
    if (waiting)
        pthread_cond_signal(&v->cond);
    return 0;
}

int s390_cpu_initial_reset(struct s390_vm *vm, unsigned cpu,
                           struct s390_cpu_state *st, bool clear)
{
    if (!st)
        return -EINVAL;
    int rc = s390_cpu_reset(vm, cpu);
    if (rc)
        return rc;
    /* Initial CPU reset: PSW, prefix, CPU timer, clock comparator, TOD
     * programmable register, FPC and control registers take their initial
     * values; KVM kvm_arch_vcpu_ioctl_initial_reset and QEMU s390_cpu_reset
     * also set the breaking-event address to 1. */
    memset(&st->psw, 0, sizeof(st->psw));
    st->prefix = 0;
    st->cpu_timer = 0;
    st->ckc = 0;
    st->todpr = 0;
    st->fpc = 0;
    memset(st->cr, 0, sizeof(st->cr));
    st->cr[0] = VINTC_S390_CR0_RESET;
    st->cr[14] = VINTC_S390_CR14_RESET;
    st->bear = 1;
    if (clear) {
        /* Clear reset: the general, floating-point and access registers
         * are zeroed as well. */
        memset(st->gprs, 0, sizeof(st->gprs));
        memset(st->fprs, 0, sizeof(st->fprs));
        memset(st->acrs, 0, sizeof(st->acrs));
    }
    return 0;
}

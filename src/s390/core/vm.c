/* SPDX-License-Identifier: MIT */
/* VM and vCPU lifetime. */
#include "s390/core/vm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

int s390_create(const struct s390_config *cfg, const struct vintc_host_ops *ops,
                void *opaque, struct s390_vm **out)
{
    if (!out)
        return -EINVAL;
    *out = NULL;
    if (!cfg || !ops || !ops->guest_read || !ops->guest_write)
        return -EINVAL;
    if (cfg->nr_cpus < 1 || cfg->nr_cpus > VINTC_S390_MAX_CPUS)
        return -EINVAL;

    struct s390_vm *vm = vintc_isolated_calloc(
        sizeof(*vm) + cfg->nr_cpus * sizeof(struct s390_vcpu));
    if (!vm)
        return -ENOMEM;
    vm->ops = *ops;
    vm->opaque = opaque;
    vm->nr_cpus = cfg->nr_cpus;
    vm->max_float = cfg->max_float_irqs ? cfg->max_float_irqs
                                        : S390_DEFAULT_MAX_FLOAT;
    atomic_init(&vm->flt.pending, 0);
    if (vintc_lock_init(&vm->lock)) {
        vintc_isolated_free(vm);
        return -ENOMEM;
    }
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr)) {
        vintc_lock_destroy(&vm->lock);
        vintc_isolated_free(vm);
        return -ENOMEM;
    }
    /* Waits use absolute CLOCK_MONOTONIC deadlines: immune to clock steps. */
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    unsigned i;
    for (i = 0; i < vm->nr_cpus; i++) {
        struct s390_vcpu *v = &vm->cpus[i];
        atomic_init(&v->local.pending, 0);
        atomic_init(&v->stopped, false);
        if (pthread_cond_init(&v->cond, &attr))
            break;
    }
    pthread_condattr_destroy(&attr);
    if (i < vm->nr_cpus) {
        while (i--)
            pthread_cond_destroy(&vm->cpus[i].cond);
        vintc_lock_destroy(&vm->lock);
        vintc_isolated_free(vm);
        return -ENOMEM;
    }
    *out = vm;
    return 0;
}

void s390_destroy(struct s390_vm *vm)
{
    if (!vm)
        return;
    for (unsigned i = 0; i < vm->nr_cpus; i++) {
        s390i_fifo_free(&vm->cpus[i].local.pfault_init);
        pthread_cond_destroy(&vm->cpus[i].cond);
    }
    for (unsigned i = 0; i < 8; i++)
        s390i_fifo_free(&vm->flt.io[i]);
    s390i_fifo_free(&vm->flt.virtio);
    s390i_fifo_free(&vm->flt.pfault_done);
    vintc_lock_destroy(&vm->lock);
    vintc_isolated_free(vm);
}

void s390i_notify(struct s390_vm *vm, unsigned cpu, enum s390_notify how)
{
    if (how == NOTIFY_WAKE)
        pthread_cond_signal(&vm->cpus[cpu].cond);
    else if (how == NOTIFY_KICK && vm->ops.kick)
        vm->ops.kick(vm->opaque, cpu);
}

/* SPDX-License-Identifier: MIT */
/* The SIGP-visible state of a vCPU (s390_cpu_sense). */
#include "vm.h"

#include <errno.h>

int s390_cpu_sense(struct s390_vm *vm, unsigned cpu, uint32_t *flags)
{
    if (!vm || !flags || cpu >= vm->nr_cpus)
        return -EINVAL;
    const struct s390_vcpu *v = &vm->cpus[cpu];
    uint32_t f = 0;
    vintc_lock(&vm->lock);
    uint32_t pend = s390i_load(&v->local.pending);
    if (s390i_stopped(v))
        f |= VINTC_S390_CPU_STOPPED;
    if (v->stop_pending)
        f |= VINTC_S390_CPU_STOP_PENDING |
             (v->stop_store_status ? VINTC_S390_CPU_STOP_STORE_PENDING : 0);
    if (v->store_status_owed)
        f |= VINTC_S390_CPU_STATUS_OWED;
    if (pend & PBM(PB_RESTART))
        f |= VINTC_S390_CPU_RESTART_PENDING;
    /* An external call stays "pending" for SIGP until it is delivered: the
     * busy slot covers one being delivered right now. */
    if (v->local.busy & PBM(PB_EXTCALL))
        f |= VINTC_S390_CPU_EXT_CALL_PENDING;
    if (pend & PBM(PB_EMERGENCY))
        f |= VINTC_S390_CPU_EMERGENCY_PENDING;
    if (v->prefix_pending)
        f |= VINTC_S390_CPU_PREFIX_PENDING;
    if (v->waiting)
        f |= VINTC_S390_CPU_WAITING |
             (v->disabled_wait ? VINTC_S390_CPU_DISABLED_WAIT : 0);
    vintc_unlock(&vm->lock);
    *flags = f;
    return 0;
}

/* SPDX-License-Identifier: MIT */
#include "s390x_sigp.h"

#include <errno.h>
#include <string.h>

void s390x_smp_init(struct s390x_smp *smp, struct s390_vm *vm,
                    struct s390x_cpu *cpu, unsigned nr, uint64_t ram_size)
{
    memset(smp, 0, sizeof *smp);
    smp->vm = vm;
    smp->cpu = cpu;
    smp->nr = nr;
    smp->ram_size = ram_size;
    pthread_mutex_init(&smp->lock, NULL);
}

void s390x_smp_destroy(struct s390x_smp *smp)
{
    pthread_mutex_destroy(&smp->lock);
}

void s390x_smp_stopped(struct s390x_smp *smp, const struct s390x_cpu *c)
{
    pthread_mutex_lock(&smp->lock);
    smp->stopped_st[c->id] = c->st;
    pthread_mutex_unlock(&smp->lock);
}

static unsigned status_cc(uint32_t *status, uint32_t value)
{
    *status = value;
    return VINTC_S390_SIGP_CC_STATUS_STORED;
}

static unsigned inject(struct s390x_smp *smp, unsigned dst,
                       enum s390_irq_type type, unsigned src, bool store_status,
                       uint32_t prefix)
{
    struct s390_irq irq;
    memset(&irq, 0, sizeof irq);
    irq.type = type;
    irq.u.ext.src_cpu = (uint16_t)src;
    if (type == S390_IRQ_STOP)
        irq.u.stop.store_status = store_status;
    if (type == S390_IRQ_SET_PREFIX)
        irq.u.prefix.address = prefix;
    return s390_inject_vcpu(smp->vm, dst, &irq) == 0
               ? VINTC_S390_SIGP_CC_ACCEPTED
               : VINTC_S390_SIGP_CC_BUSY;
}

/* The order for one target, with the lock held. */
static unsigned order_locked(struct s390x_smp *smp, unsigned src, unsigned dst,
                             unsigned order, uint64_t param, uint32_t *status)
{
    uint32_t f = 0;
    s390_cpu_sense(smp->vm, dst, &f);
    /* A stop or restart accepted and not yet completed makes every order
     * here busy (the resets, which would not be, are not handled). */
    if (f & VINTC_S390_CPU_SIGP_BUSY)
        return VINTC_S390_SIGP_CC_BUSY;
    switch (order) {
    case VINTC_S390_SIGP_SENSE: {
        uint32_t st = (f & VINTC_S390_CPU_STOPPED
                           ? VINTC_S390_SIGP_STATUS_STOPPED
                           : 0) |
                      (f & VINTC_S390_CPU_EXT_CALL_PENDING
                           ? VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING
                           : 0);
        return st ? status_cc(status, st) : VINTC_S390_SIGP_CC_ACCEPTED;
    }
    case VINTC_S390_SIGP_EXTERNAL_CALL:
        if (inject(smp, dst, S390_IRQ_EXTERNAL_CALL, src, false, 0))
            return status_cc(status, VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING);
        return VINTC_S390_SIGP_CC_ACCEPTED;
    case VINTC_S390_SIGP_EMERGENCY_SIGNAL:
        inject(smp, dst, S390_IRQ_EMERGENCY, src, false, 0);
        return VINTC_S390_SIGP_CC_ACCEPTED;
    case VINTC_S390_SIGP_STOP:
    case VINTC_S390_SIGP_STOP_AND_STORE_STATUS: {
        bool store = order == VINTC_S390_SIGP_STOP_AND_STORE_STATUS;
        unsigned cc = inject(smp, dst, S390_IRQ_STOP, src, store, 0);
        /* An already stopped target completed the stop at once: its status
         * is stored now, from the registers it stopped with. */
        if (cc == 0 && store && (f & VINTC_S390_CPU_STOPPED))
            s390_cpu_store_status_at(smp->vm, dst, &smp->stopped_st[dst],
                                     S390_STATUS_ABSOLUTE, 0);
        return cc;
    }
    case VINTC_S390_SIGP_RESTART:
        return inject(smp, dst, S390_IRQ_RESTART, src, false, 0);
    case VINTC_S390_SIGP_SET_PREFIX: {
        uint32_t px = (uint32_t)param & VINTC_S390_PREFIX_MASK;
        if ((uint64_t)px + 0x2000 > smp->ram_size)
            return status_cc(status, VINTC_S390_SIGP_STATUS_INVALID_PARAMETER);
        if (!(f & VINTC_S390_CPU_STOPPED))
            return status_cc(status, VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
        return inject(smp, dst, S390_IRQ_SET_PREFIX, src, false, px);
    }
    default:
        return status_cc(status, VINTC_S390_SIGP_STATUS_INVALID_ORDER);
    }
}

unsigned s390x_smp_sigp(struct s390x_smp *smp, unsigned src, unsigned order,
                        uint64_t cpu_addr, uint64_t param, uint32_t *status)
{
    if (cpu_addr >= smp->nr)
        return VINTC_S390_SIGP_CC_NOT_OPERATIONAL;
    pthread_mutex_lock(&smp->lock);
    unsigned cc = order_locked(smp, src, (unsigned)cpu_addr, order, param,
                               status);
    pthread_mutex_unlock(&smp->lock);
    return cc;
}

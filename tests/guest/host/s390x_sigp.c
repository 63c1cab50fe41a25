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
    pthread_cond_init(&smp->reset_done, NULL);
}

void s390x_smp_destroy(struct s390x_smp *smp)
{
    pthread_cond_destroy(&smp->reset_done);
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

int s390x_smp_service(struct s390x_smp *smp, struct s390x_cpu *c)
{
    int rc = 0;
    pthread_mutex_lock(&smp->lock);
    unsigned order = smp->reset_order[c->id];
    if (order) {
        rc = s390x_cpu_reset(c, order == VINTC_S390_SIGP_INITIAL_CPU_RESET);
        /* Stopped now: the registers later status stores use. */
        smp->stopped_st[c->id] = c->st;
        smp->reset_order[c->id] = 0;
        pthread_cond_broadcast(&smp->reset_done);
    }
    pthread_mutex_unlock(&smp->lock);
    return rc;
}

/* INITIAL CPU RESET, CPU RESET: carried out by the target's own thread,
 * which owns its registers (as QEMU runs it on the target CPU); the order
 * completes when it has. A CPU resetting itself does so after the
 * current slice. */
static unsigned reset_locked(struct s390x_smp *smp, unsigned src, unsigned dst,
                             unsigned order)
{
    smp->reset_order[dst] = order;
    s390_cpu_kick(smp->vm, dst);
    while (dst != src && smp->reset_order[dst])
        pthread_cond_wait(&smp->reset_done, &smp->lock);
    return VINTC_S390_SIGP_CC_ACCEPTED;
}

/* CONDITIONAL EMERGENCY SIGNAL (PoP chapter 4, "Conditional Emergency
 * Signal"): an emergency signal unless the addressed CPU is stopped, its
 * PSW enables both I/O and external interruptions (bits 6 and 7), and
 * either it is a wait PSW (bit 14) with instruction address 0, or it is not
 * a wait PSW and the ASN in parameter bits 48-63 is neither its primary
 * ASN (CR4 bits 48-63) nor its secondary ASN (CR3 bits 48-63); then status
 * "incorrect state". This is the condition of QEMU sigp_cond_emergency
 * (which takes its halted flag for the wait state) and KVM
 * __sigp_conditional_emergency (which tests the issuing CPU's stopped and
 * idle state where the addressed CPU's is meant). vintc leaves the test to
 * the VMM (<vintc/s390.h> at s390_cpu_sense()); the state tested is the one
 * the stopped CPU stopped with. */
static unsigned cond_emergency_locked(struct s390x_smp *smp, unsigned src,
                                      unsigned dst, uint32_t flags,
                                      uint64_t param, uint32_t *status)
{
    const struct s390_cpu_state *t = &smp->stopped_st[dst];
    const uint64_t io_ext = VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT;
    uint16_t asn = (uint16_t)param;
    bool no_signal = false;
    if ((flags & VINTC_S390_CPU_STOPPED) && (t->psw.mask & io_ext) == io_ext) {
        if (t->psw.mask & VINTC_S390_PSW_WAIT)
            no_signal = t->psw.addr == 0;
        else
            no_signal = asn != (uint16_t)t->cr[4] && asn != (uint16_t)t->cr[3];
    }
    if (no_signal)
        return status_cc(status, VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
    inject(smp, dst, S390_IRQ_EMERGENCY, src, false, 0);
    return VINTC_S390_SIGP_CC_ACCEPTED;
}

/* The order for one target, with the lock held. */
static unsigned order_locked(struct s390x_smp *smp, unsigned src, unsigned dst,
                             unsigned order, uint64_t param, uint32_t *status)
{
    uint32_t f = 0;
    s390_cpu_sense(smp->vm, dst, &f);
    /* The resets are never busy; they cancel what is pending. */
    if (order == VINTC_S390_SIGP_INITIAL_CPU_RESET ||
        order == VINTC_S390_SIGP_CPU_RESET)
        return reset_locked(smp, src, dst, order);
    /* A stop or restart accepted and not yet completed makes every other
     * order busy. */
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
    case VINTC_S390_SIGP_COND_EMERGENCY_SIGNAL:
        return cond_emergency_locked(smp, src, dst, f, param, status);
    case VINTC_S390_SIGP_START:
        /* No effect on a CPU that is not stopped. */
        s390_cpu_set_stopped(smp->vm, dst, false);
        s390_cpu_kick(smp->vm, dst);
        return VINTC_S390_SIGP_CC_ACCEPTED;
    case VINTC_S390_SIGP_SENSE_RUNNING_STATUS:
        /* Stopped or waiting: not running on a host CPU now. */
        if (f & (VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_WAITING))
            return status_cc(status, VINTC_S390_SIGP_STATUS_NOT_RUNNING);
        return VINTC_S390_SIGP_CC_ACCEPTED;
    case VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS: {
        int rc = s390_cpu_store_status_at(smp->vm, dst, &smp->stopped_st[dst],
                                          S390_STATUS_ADDRESS, param);
        if (rc == -EBUSY)
            return status_cc(status, VINTC_S390_SIGP_STATUS_INCORRECT_STATE);
        if (rc != 0)
            return status_cc(status, VINTC_S390_SIGP_STATUS_INVALID_PARAMETER);
        return VINTC_S390_SIGP_CC_ACCEPTED;
    }
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

/* SPDX-License-Identifier: MIT */
/** @file
 * s390 (z/Architecture) interrupt emulation: floating and per-vCPU
 * interrupts, delivery by PSW swap through the guest lowcore, clock
 * comparator and CPU timer conditions, and enabled wait.
 */
#ifndef VINTC_S390_H
#define VINTC_S390_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vintc/export.h>
#include <vintc/host.h>

#ifdef __cplusplus
extern "C" {
#endif

#define S390_MAX_CPUS 248

struct s390_config {
    unsigned nr_cpus;          /**< 1..248; CPU address == index */
    unsigned max_float_irqs;   /**< cap on queued floating interrupts; 0 = 266250 */
};

struct s390_vm;

struct s390_psw { uint64_t mask; uint64_t addr; };

/** The architected state of one vCPU, owned by the VMM. */
struct s390_cpu_state {
    struct s390_psw psw;
    uint64_t cr[16];
    uint32_t prefix;          /**< 8 KiB aligned */
    uint64_t ckc;             /**< clock comparator */
    int64_t  cpu_timer;       /**< CPU timer value now (TOD units) */
    int64_t  epoch;           /**< guest TOD = host TOD + epoch */
    uint64_t gprs[16];
    uint64_t fprs[16];
    uint32_t acrs[16];
    uint32_t fpc;
    uint32_t todpr;
    uint64_t bear;            /**< breaking-event address */
};

enum s390_irq_type {
    /* floating: s390_inject_vm */
    S390_IRQ_SERVICE,          /**< 0x2401, ext.param (SCCB address | event bits) */
    S390_IRQ_VIRTIO,           /**< 0x2603 subcode 0x0D00, ext.param, ext.param64 */
    S390_IRQ_PFAULT_DONE,      /**< 0x2603 subcode 0x0680, ext.param64 = token */
    S390_IRQ_IO,               /**< io.{subchannel_id, subchannel_nr, parm, word} */
    S390_IRQ_MCHK_FLOAT,       /**< repressible machine check (e.g. channel report) */
    /* local: s390_inject_vcpu */
    S390_IRQ_EMERGENCY,        /**< 0x1201, ext.src_cpu */
    S390_IRQ_EXTERNAL_CALL,    /**< 0x1202, ext.src_cpu; one pending at most */
    S390_IRQ_MALFUNCTION_ALERT,/**< 0x1200, ext.src_cpu */
    S390_IRQ_PFAULT_INIT,      /**< 0x2603 subcode 0x0600, ext.param64 = token */
    S390_IRQ_PROGRAM,          /**< pgm.{code, ilc, trans_exc_code, ...} */
    S390_IRQ_SVC,              /**< svc.{code, ilc}: for emulators */
    S390_IRQ_MCHK,             /**< mchk.{mcic, ext_damage, failing_addr} */
    S390_IRQ_RESTART,
    S390_IRQ_STOP,             /**< stop.store_status: not a PSW swap */
    S390_IRQ_SET_PREFIX,       /**< prefix.address: only while stopped */
};

struct s390_irq {
    enum s390_irq_type type;
    union {
        struct { uint32_t param; uint64_t param64; uint16_t src_cpu; } ext;
        struct { uint16_t code; uint8_t ilc; uint64_t trans_exc_code;
                 uint8_t exc_access_id, op_access_id, per_access_id;
                 uint8_t per_code, per_atmid; uint64_t per_address;
                 uint32_t data_exc_code; uint16_t mon_class_nr;
                 uint64_t mon_code; } pgm;
        struct { uint16_t code; uint8_t ilc; } svc;
        struct { uint16_t subchannel_id, subchannel_nr;
                 uint32_t parm, word; } io;
        struct { uint64_t mcic; uint32_t ext_damage;
                 uint64_t failing_addr; } mchk;
        struct { bool store_status; } stop;
        struct { uint32_t address; } prefix;
    } u;
};

VINTC_API int  s390_create(const struct s390_config *cfg,
                           const struct vintc_host_ops *ops, void *opaque,
                           struct s390_vm **out);
VINTC_API void s390_destroy(struct s390_vm *vm);

VINTC_API int s390_inject_vm(struct s390_vm *vm, const struct s390_irq *irq);
VINTC_API int s390_inject_vcpu(struct s390_vm *vm, unsigned cpu,
                               const struct s390_irq *irq);

VINTC_API bool s390_cpu_has_interrupt(struct s390_vm *vm, unsigned cpu,
                                      const struct s390_cpu_state *st);
VINTC_API int  s390_deliver_pending(struct s390_vm *vm, unsigned cpu,
                                    struct s390_cpu_state *st);

VINTC_API bool s390_cpu_stop_pending(struct s390_vm *vm, unsigned cpu);
VINTC_API int  s390_cpu_set_stopped(struct s390_vm *vm, unsigned cpu, bool stopped);
VINTC_API bool s390_cpu_is_stopped(struct s390_vm *vm, unsigned cpu);
VINTC_API int  s390_cpu_reset(struct s390_vm *vm, unsigned cpu);

VINTC_API int  s390_cpu_wait(struct s390_vm *vm, unsigned cpu,
                             const struct s390_cpu_state *st, int64_t timeout_ns);
VINTC_API void s390_cpu_kick(struct s390_vm *vm, unsigned cpu);

#ifdef __cplusplus
}
#endif

#endif

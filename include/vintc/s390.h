/* SPDX-License-Identifier: MIT */
/** @file
 * s390 (z/Architecture) interrupt emulation: floating and per-vCPU
 * interrupts, delivery by PSW swap through the guest lowcore, clock
 * comparator and CPU timer conditions, enabled and disabled wait, and the
 * vCPU state a SIGP handler needs (sense, store status, resets).
 */
#ifndef VINTC_S390_H
#define VINTC_S390_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vintc/export.h>
#include <vintc/host.h>
#include <vintc/s390_arch.h>

#ifdef __cplusplus
extern "C" {
#endif

/** vCPUs a VM may have (CPU addresses 0..247). */
#define VINTC_S390_MAX_CPUS 248

/** What s390_create() builds. */
struct s390_config {
    unsigned nr_cpus; /**< 1..248; CPU address == index */
    unsigned
        max_float_irqs; /**< cap on queued floating interrupts; 0 = 266250 */
};

/** A VM's interrupt system: floating interrupts and every vCPU's. Opaque. */
struct s390_vm;

/** A 16-byte PSW (z/Architecture mode). */
struct s390_psw {
    uint64_t mask; /**< bits 0-63: the mask (VINTC_S390_PSW_* bits) */
    uint64_t addr; /**< bits 64-127: the instruction address */
};

/** The architected state of one vCPU, owned by the VMM. */
struct s390_cpu_state {
    struct s390_psw psw; /**< current PSW; delivery swaps it */
    uint64_t cr[16];     /**< control registers (CR0, CR6, CR14 masks) */
    uint32_t prefix;     /**< 8 KiB aligned */
    uint64_t ckc;        /**< clock comparator */
    int64_t cpu_timer;   /**< CPU timer value now (TOD units) */
    int64_t epoch;       /**< guest TOD = host TOD + epoch */
    uint64_t gprs[16];   /**< general registers (store status, machine check) */
    uint64_t fprs[16];   /**< floating-point registers (likewise) */
    uint32_t acrs[16];   /**< access registers (likewise) */
    uint32_t fpc;        /**< floating-point control register */
    uint32_t todpr;      /**< TOD programmable register */
    uint64_t bear;       /**< breaking-event address */
};

/** Interrupt types: floating ones go to s390_inject_vm(), local ones to
 * s390_inject_vcpu(). */
enum s390_irq_type {
    /* floating: s390_inject_vm */
    S390_IRQ_SERVICE,     /**< 0x2401, ext.param (SCCB address | event bits) */
    S390_IRQ_VIRTIO,      /**< 0x2603 subcode 0x0D00, ext.param, ext.param64 */
    S390_IRQ_PFAULT_DONE, /**< 0x2603 subcode 0x0680, ext.param64 = token */
    S390_IRQ_IO,          /**< io.{subchannel_id, subchannel_nr, parm, word} */
    S390_IRQ_MCHK_FLOAT, /**< repressible machine check (e.g. channel report) */
    /* local: s390_inject_vcpu */
    S390_IRQ_EMERGENCY,         /**< 0x1201, ext.src_cpu */
    S390_IRQ_EXTERNAL_CALL,     /**< 0x1202, ext.src_cpu; one pending at most */
    S390_IRQ_MALFUNCTION_ALERT, /**< 0x1200, ext.src_cpu */
    S390_IRQ_PFAULT_INIT, /**< 0x2603 subcode 0x0600, ext.param64 = token */
    S390_IRQ_PROGRAM,     /**< pgm.{code, ilc, trans_exc_code, ...} */
    S390_IRQ_SVC,         /**< svc.{code, ilc}: for emulators */
    S390_IRQ_MCHK,        /**< mchk.{mcic, ext_damage, failing_addr} */
    S390_IRQ_RESTART,     /**< restart: delivered even to a stopped vCPU */
    S390_IRQ_STOP,        /**< stop.store_status: not a PSW swap */
    S390_IRQ_SET_PREFIX,  /**< prefix.address: only while stopped */
};

/** An interrupt to inject: its type and the payload that type uses. */
struct s390_irq {
    enum s390_irq_type type; /**< selects the member of `u` */
    /** The payload; see each type's comment for the fields it uses. */
    union {
        /** External interruptions (service, virtio, pfault, SIGP ones). */
        struct {
            uint32_t param;
            uint64_t param64;
            uint16_t src_cpu;
        } ext;
        /** Program interruption: code, ILC and the code's extra fields. */
        struct {
            uint16_t code;
            uint8_t ilc;
            uint64_t trans_exc_code;
            uint8_t exc_access_id, op_access_id, per_access_id;
            uint8_t per_code, per_atmid;
            uint64_t per_address;
            uint32_t data_exc_code;
            uint16_t mon_class_nr;
            uint64_t mon_code;
        } pgm;
        /** Supervisor call: code and ILC. */
        struct {
            uint16_t code;
            uint8_t ilc;
        } svc;
        /** I/O interruption: subchannel, parameter, interruption word. */
        struct {
            uint16_t subchannel_id, subchannel_nr;
            uint32_t parm, word;
        } io;
        /** Machine check: interruption code, external damage, address. */
        struct {
            uint64_t mcic;
            uint32_t ext_damage;
            uint64_t failing_addr;
        } mchk;
        /** Stop, optionally storing status. */
        struct {
            bool store_status;
        } stop;
        /** Set prefix: the new prefix address. */
        struct {
            uint32_t address;
        } prefix;
    } u;
};

/** Number of enum s390_irq_type values (array size in struct s390_stats). */
#define VINTC_S390_IRQ_NR_TYPES (S390_IRQ_SET_PREFIX + 1)

/** At most this many interrupts are delivered by one s390_deliver_pending()
 * call (a guest whose new PSW re-enables a persistent condition would
 * otherwise chain without end). */
#define VINTC_S390_DELIVER_MAX 16

/** Trace `irq` values of VINTC_TRACE_S390_DELIVER for the two conditions
 * (which are not enum s390_irq_type values). */
#define VINTC_S390_TRACE_IRQ_CKC       0x100u /**< clock comparator */
#define VINTC_S390_TRACE_IRQ_CPU_TIMER 0x101u /**< CPU timer */

/** s390_get_stats() `cpu` value selecting the VM-wide figures. */
#define VINTC_S390_STATS_VM (~0u)

/** Counters. Per vCPU: `injected` counts accepted s390_inject_vcpu() calls
 * by type, `delivered` the interruptions this vCPU took (floating ones
 * included; STOP counts stops consumed by s390_cpu_set_stopped(), SET_PREFIX
 * prefixes applied). VM-wide (VINTC_S390_STATS_VM): `injected` counts accepted
 * s390_inject_vm() calls, every other field is the sum over the vCPUs. */
struct s390_stats {
    uint64_t
        injected[VINTC_S390_IRQ_NR_TYPES]; /**< accepted injections by type */
    uint64_t
        delivered[VINTC_S390_IRQ_NR_TYPES]; /**< interruptions taken by type */
    uint64_t delivered_ckc;        /**< clock-comparator interruptions */
    uint64_t delivered_cpu_timer;  /**< CPU-timer interruptions */
    uint64_t rejected;             /**< injections refused with an error */
    uint64_t delivery_faults;      /**< deliveries ended by -EFAULT */
    uint64_t store_status;         /**< status stores performed */
    uint64_t kicks;                /**< ops->kick calls made */
    uint64_t wait_exits;           /**< s390_cpu_wait returns (any reason) */
    uint64_t wait_exits_interrupt; /**< ... of an enabled wait with 1: interrupt
                                      deliverable */
    uint64_t
        wait_exits_timer; /**< ... of an enabled wait with 1: CKC / CPU timer */
    uint64_t wait_exits_kick;     /**< ... of an enabled wait with 0 */
    uint64_t wait_exits_timeout;  /**< ... with -ETIMEDOUT */
    uint64_t wait_exits_disabled; /**< ... of a disabled wait
                                     (S390_WAIT_DISABLED_*) */
};

/**
 * Create a VM's interrupt system.
 *
 * All vCPUs start operating (not stopped) with nothing pending.
 *
 * @param cfg    configuration: nr_cpus 1..VINTC_S390_MAX_CPUS (CPU address ==
 *               index); max_float_irqs caps queued floating interrupts
 *               (0 means 266250).
 * @param ops    host callbacks; guest_read and guest_write are required,
 *               kick, tod_clock and trace are optional. Copied.
 * @param opaque passed to every callback.
 * @param out    receives the VM; set to NULL on failure.
 * @return 0; -EINVAL for a NULL argument, nr_cpus out of range or a missing
 *         guest_read/guest_write; -ENOMEM when out of memory.
 * Thread-safety: reentrant; VMs share nothing.
 */
VINTC_API int s390_create(const struct s390_config *cfg,
                          const struct vintc_host_ops *ops, void *opaque,
                          struct s390_vm **out);

/**
 * Destroy a VM and every pending interrupt. NULL is ignored.
 * @param vm the VM, or NULL.
 * Thread-safety: the VM must be quiescent (no other call running on it).
 */
VINTC_API void s390_destroy(struct s390_vm *vm);

/**
 * Inject a floating interrupt: S390_IRQ_SERVICE, S390_IRQ_VIRTIO,
 * S390_IRQ_PFAULT_DONE, S390_IRQ_IO or S390_IRQ_MCHK_FLOAT.
 *
 * - SERVICE: ext.param = SCCB address (param & ~7) | event-pending bits
 *   (param & 7). One service signal is pending at most: the bits of a second
 *   one OR into it; its address must be the same or 0 (an address of 0 means
 *   "no SCCB" and coalesces with any).
 * - VIRTIO (ext.param, ext.param64), PFAULT_DONE (ext.param64 = token,
 *   ext.param stored too): FIFO.
 * - IO: FIFO per ISC, ISC = (io.word >> 27) & 7; ISC 0 is delivered first.
 * - MCHK_FLOAT: a repressible machine check; its mcic must have at least
 *   one bit with a CR14 subclass (see S390_IRQ_MCHK) and no exigent bit.
 *   Pending floating machine checks merge (mcic and ext_damage OR-ed).
 *
 * The interrupt goes to a vCPU that can take it: one blocked in
 * s390_cpu_wait() and enabled for it first (it is woken), never a stopped
 * one, else the next running vCPU round robin (ops->kick is called, without
 * locks). If none can take it now it stays queued and is delivered by the
 * first vCPU that calls s390_deliver_pending() while enabled.
 *
 * @param vm  the VM.
 * @param irq the interrupt; copied.
 * @return 0; -EINVAL for NULL, a local or unknown type, or a machine check
 *         with an exigent or unmapped mcic; -EBUSY when max_float_irqs
 *         interrupts are already queued, or a service signal with another
 *         non-zero SCCB address is pending; -ENOMEM when out of memory.
 *         Nothing is ever dropped silently.
 * Thread-safety: any thread, concurrently with any call but destroy.
 */
VINTC_API int s390_inject_vm(struct s390_vm *vm, const struct s390_irq *irq);

/**
 * Inject a local interrupt into vCPU `cpu`.
 *
 * - EMERGENCY, MALFUNCTION_ALERT: kept per source CPU (ext.src_cpu); a
 *   second one from the same source before delivery is the same one.
 * - EXTERNAL_CALL: one pending at most (also while being delivered).
 * - PFAULT_INIT: ext.param64 = token (ext.param stored too); FIFO, capped
 *   at max_float_irqs.
 * - PROGRAM: pgm.code must be non-zero (a code of 0 is no interruption);
 *   pgm.ilc is the instruction length in bytes, 0, 2, 4 or 6. One pending
 *   at most. Which optional fields are stored depends on the code: see
 *   s390_deliver_pending(). The VMM sets st->psw.addr to the address the
 *   old PSW must hold (nullifying or completing) before delivery.
 * - SVC: svc.ilc 2, 4 or 6. One pending at most.
 * - MCHK: mchk.mcic with system damage (bit 0) or instruction-processing
 *   damage (bit 1) is exigent (needs PSW bit 13 only); otherwise it is
 *   repressible and needs PSW bit 13 and one of these CR14 subclass bits:
 *   channel report pending (mcic bit 9) -> CR14 0x10000000; system recovery
 *   (bit 2) -> 0x08000000; degradation (bit 7) -> 0x04000000; external
 *   damage (bit 5), timing-facility damage (bit 4), service-processor
 *   damage (bit 10), channel-subsystem damage (bit 11) -> 0x02000000;
 *   warning (bit 8) -> 0x01000000. An mcic with none of these bits is
 *   -EINVAL. Pending local machine checks merge (OR).
 * - RESTART: coalesces. Delivered even to a stopped vCPU.
 * - STOP: stop.store_status. Reported by s390_cpu_stop_pending(); consumed
 *   by s390_cpu_set_stopped(vm, cpu, true). To a vCPU already stopped it is
 *   consumed at once (store status then owed as described there: it goes
 *   to absolute 0x1200 as well).
 * - SET_PREFIX: prefix.address, 8 KiB aligned and below 2 GiB; only while
 *   the vCPU is stopped; a later one replaces an unapplied earlier one.
 *   Applied to st->prefix by the next s390_deliver_pending().
 *
 * A waiting vCPU enabled for the interrupt (or, for STOP, any waiting
 * vCPU) is woken; a vCPU not waiting is kicked (ops->kick, no locks held;
 * not for SET_PREFIX).
 *
 * @param vm  the VM.
 * @param cpu the target vCPU.
 * @param irq the interrupt; copied.
 * @return 0; -EINVAL for NULL, cpu >= nr_cpus, a floating or unknown type,
 *         a source CPU that does not exist, a program code of 0, an ILC out
 *         of range, an unmapped mcic, an unaligned or too large prefix;
 *         -EBUSY for a second external call, program or SVC interruption,
 *         a second stop, set-prefix to a vCPU that is not stopped, or a
 *         full pfault-init queue; -ENOMEM when out of memory.
 * Thread-safety: any thread, concurrently with any call but destroy/reset.
 */
VINTC_API int s390_inject_vcpu(struct s390_vm *vm, unsigned cpu,
                               const struct s390_irq *irq);

/**
 * Is an interrupt deliverable to this vCPU now, given its PSW and CRs?
 * Considers local and floating interrupts, the clock-comparator and CPU-timer
 * conditions (calls tod_clock only when the clock comparator is enabled),
 * and the stopped state (a stopped vCPU takes only RESTART). Answers
 * without taking a lock when nothing is pending.
 *
 * @param vm  the VM.
 * @param cpu the vCPU.
 * @param st  its PSW and control registers.
 * @return true when s390_deliver_pending() would deliver something now;
 *         false otherwise, also for NULL arguments or cpu out of range.
 * Thread-safety: any thread; the answer may be stale once returned.
 */
VINTC_API bool s390_cpu_has_interrupt(struct s390_vm *vm, unsigned cpu,
                                      const struct s390_cpu_state *st);

/**
 * Deliver every deliverable interrupt to vCPU `cpu`, highest priority
 * first, re-evaluating against each new PSW, at most VINTC_S390_DELIVER_MAX.
 *
 * First, status owed by a stop with store status is stored at absolute
 * 0x1200 (see s390_cpu_set_stopped()); then a pending SET_PREFIX takes effect
 * (the lowcore of the first delivery already uses the new prefix; st->prefix is
 * updated). Each delivery reads the new PSW at prefix + new-PSW offset,
 * stores the interruption code and parameters, then the old PSW (st->psw),
 * then loads the new PSW into st->psw. RESTART also makes a stopped vCPU
 * operating. The effective prefix is st->prefix & 0x7FFFE000.
 *
 * Lowcore stores: external 0x86 code, 0x84 source CPU (emergency, external
 * call, malfunction alert), 0 (CKC, CPU timer, service) or the 0x2603
 * subcode (0x0600 pfault init, 0x0680 pfault done, 0x0D00 virtio); 0x80
 * param for service and 0x2603; 0x11B8 param64 for 0x2603. SVC: 0x88 ILC,
 * 0x8A code. Program: 0x8C ILC, 0x8E code, 0x110 BEAR (st->bear) always
 * (each ILC halfword holds the instruction length 0, 2, 4 or 6, which puts
 * the architecture's ILC in its bits 13-14, as KVM and QEMU store it);
 * with the PER bit (0x80) 0x96 PER code, 0x97 ATMID, 0x98 PER address, 0xA1
 * PER access id; by exception code (code & 0x7F): protection 0x04 -> TEID
 * 0xA8 and exception access id 0xA0; data 0x07 and vector processing 0x1B
 * -> 0x90 (4 bytes, pgm.data_exc_code as given: the DXC or VXC belongs in
 * its low byte, real location 147); segment 0x10, page 0x11, ASCE-type
 * 0x38, region 0x39-0x3B
 * translation -> 0xA8, 0xA0 and operand access id 0xA2; space switch 0x1C,
 * AFX/ASX/LX/EX translation 0x20-0x23, primary/secondary authority 0x24,
 * 0x25, LFX/LSX translation 0x26, 0x27 and LSTE sequence 0x2E -> 0xA8 (8
 * bytes, pgm.trans_exc_code as given: the VMM puts the ASN or PC number in
 * its low-order bits); ALEN translation, ALE sequence, ASTE validity, ASTE
 * sequence, extended authority 0x29-0x2D and ASTE instance 0x2F -> 0xA0;
 * monitor event 0x40 -> 0x94 and 0xB0; other codes (ALET specification
 * 0x28 among them) store none of these. Machine
 * check: register save areas 0x1200-0x13FF (not 0x1300), 0xA3 := 1, 0xE8
 * MCIC, 0xF4 external damage, 0xF8 failing address. I/O: 0xB8 subchannel
 * id, 0xBA number, 0xBC parameter, 0xC0 word. Old/new PSWs 0x120/0x1A0
 * restart, 0x130/0x1B0 external, 0x140/0x1C0 SVC, 0x150/0x1D0 program,
 * 0x160/0x1E0 machine check, 0x170/0x1F0 I/O. The clock comparator and CPU
 * timer are conditions: delivery does not clear them. The clock-comparator
 * condition is guest TOD (host TOD + st->epoch) > st->ckc, compared as
 * signed values when CR0 bit 10 is set (a CKC of all ones is then -1 and
 * pending for every non-negative TOD) and unsigned otherwise (all ones is
 * never exceeded); s390_cpu_has_interrupt() and s390_cpu_wait() use the
 * same condition.
 *
 * @param vm  the VM.
 * @param cpu the vCPU.
 * @param st  its state: read, and updated by each delivery.
 * @return the number of interruptions delivered (0..VINTC_S390_DELIVER_MAX);
 *         -EINVAL for NULL or cpu out of range; -EBUSY when another
 *         s390_deliver_pending() call for the same vCPU is running in
 *         another thread at this moment (a misuse: calls for one vCPU must
 *         not overlap; nothing was delivered or stored and `st` is
 *         unchanged; not about a pending interrupt); -EFAULT when
 *         a guest_read/guest_write failed before anything was delivered in
 *         this call: the interrupt is still pending and `st` is unchanged
 *         (lowcore bytes already written may stay). A fault after at least
 *         one delivery ends the call with that count; the next call reports
 *         it.
 * Thread-safety: any thread, but call it for one vCPU from one thread at a
 * time; host callbacks are called without library locks.
 */
VINTC_API int s390_deliver_pending(struct s390_vm *vm, unsigned cpu,
                                   struct s390_cpu_state *st);

/**
 * Is a STOP pending for this vCPU (not yet consumed by
 * s390_cpu_set_stopped())?
 * @param vm  the VM.
 * @param cpu the vCPU.
 * @return true when one is pending; false otherwise and for invalid
 *         arguments.
 * Thread-safety: any thread.
 */
VINTC_API bool s390_cpu_stop_pending(struct s390_vm *vm, unsigned cpu);

/**
 * Tell the library the VMM stopped (`stopped` = true) or started the vCPU.
 * Stopping consumes a pending STOP; if it asked for store status, the
 * status is owed and stored as SIGP STOP AND STORE STATUS stores it: at
 * ABSOLUTE 0x1200..0x13FF with the architectural-mode id at absolute 163
 * (0xA3 := 1), whatever the vCPU's prefix (the prefix save area holds the
 * vCPU's prefix at the moment it stopped), by the next
 * s390_deliver_pending() on this vCPU, using the register values passed
 * there. A stopped vCPU takes only RESTART.
 *
 * @param vm      the VM.
 * @param cpu     the vCPU.
 * @param stopped true: the VMM stopped it; false: started it.
 * @return 0; -EINVAL for NULL or cpu out of range.
 * Thread-safety: any thread.
 */
VINTC_API int s390_cpu_set_stopped(struct s390_vm *vm, unsigned cpu,
                                   bool stopped);

/** Is the vCPU stopped? Any thread.
 * @param vm  the VM.
 * @param cpu the vCPU.
 * @return true when stopped; false otherwise and for invalid arguments. */
VINTC_API bool s390_cpu_is_stopped(struct s390_vm *vm, unsigned cpu);

/**
 * CPU reset (SIGP CPU RESET): clears every local interrupt of the vCPU
 * (including a pending STOP, SET_PREFIX, owed store status and a pending
 * kick) and puts it in the stopped state, as the architecture leaves a CPU
 * after reset. Registers are the VMM's: CPU reset leaves them unchanged;
 * s390_cpu_initial_reset() also applies the initial values. Floating
 * interrupts are untouched. Statistics are kept. A s390_cpu_wait() of this
 * vCPU in progress ends (S390_WAIT_DISABLED_RESET for a disabled wait,
 * S390_WAIT_KICK otherwise).
 *
 * @param vm  the VM.
 * @param cpu the vCPU.
 * @return 0; -EINVAL for NULL or cpu out of range; -EBUSY when
 *         s390_deliver_pending() is running for this vCPU (nothing is
 *         changed: reset the vCPU from its own thread, or once that call
 *         returned).
 * Thread-safety: any thread.
 */
VINTC_API int s390_cpu_reset(struct s390_vm *vm, unsigned cpu);

/**
 * Initial CPU reset (SIGP INITIAL CPU RESET), or with `clear` the CPU part
 * of clear reset: s390_cpu_reset() and, when it succeeded, the register
 * values of the Principles of Operation's table of reset actions (chapter 4,
 * "Resets") in `st`: PSW 0; prefix 0; CPU timer 0; clock comparator 0; TOD
 * programmable register 0; FPC 0; control registers 0 except CR0 =
 * VINTC_S390_CR0_RESET (0xE0) and CR14 = VINTC_S390_CR14_RESET
 * (0xC2000000); breaking-event address 1 (as KVM and QEMU initialize it).
 * With `clear`, also the general, floating-point and access registers 0.
 * st->epoch (the TOD clock is not the CPU's) is unchanged. Storage is the
 * VMM's to clear.
 *
 * @param vm    the VM.
 * @param cpu   the vCPU index.
 * @param st    the vCPU's state, updated.
 * @param clear true for clear reset, false for initial CPU reset.
 * @return 0; -EINVAL for NULL or cpu out of range (st unchanged); -EBUSY as
 *         for s390_cpu_reset() (st unchanged).
 * Thread-safety: as s390_cpu_reset(); the VMM owns `st`.
 */
VINTC_API int s390_cpu_initial_reset(struct s390_vm *vm, unsigned cpu,
                                     struct s390_cpu_state *st, bool clear);

/**
 * Store status now at the vCPU's prefix area (the explicitly prefixed
 * variant; SIGP STOP AND STORE STATUS stores at absolute 0x1200 instead):
 * FPRs 0x1200, GPRs 0x1280, PSW 0x1300, prefix 0x1318, FPC 0x131C, TOD
 * programmable register 0x1324, CPU timer 0x1328, CKC >> 8 0x1330, access
 * registers 0x1340, control registers 0x1380, and 0xA3 := 1, at absolute
 * prefix + offset, where the prefix is st->prefix & 0x7FFFE000 or a
 * SET_PREFIX not yet applied (see s390_cpu_store_status_at()). The
 * reserved bytes 0x1310-0x1317, 0x1320-0x1323 and 0x1338-0x133F are not
 * written (0x1338 is the breaking-event address only with the
 * BEAR-enhancement facility, which KVM and QEMU do not store either).
 * Status owed by a stop with store status stays owed (it belongs at
 * absolute 0x1200).
 *
 * @param vm  the VM.
 * @param cpu the vCPU.
 * @param st  the register values to store.
 * @return 0; -EINVAL for NULL or cpu out of range; -EFAULT when a
 *         guest_write failed.
 * Thread-safety: any thread.
 */
VINTC_API int s390_cpu_store_status(struct s390_vm *vm, unsigned cpu,
                                    const struct s390_cpu_state *st);

/** Where s390_cpu_store_status_at() stores. */
enum s390_status_dest {
    /** The default save area: absolute 0x1200..0x13FF and the
     * architectural-mode id at absolute 163, whatever the prefix (SIGP STOP
     * AND STORE STATUS). Settles status owed by a stop with store status. */
    S390_STATUS_ABSOLUTE,
    /** The prefix area: absolute prefix + 0x1200.. and prefix + 163, as
     * s390_cpu_store_status(). */
    S390_STATUS_PREFIX,
    /** SIGP STORE STATUS AT ADDRESS (order 0x0E): the 512-byte area at
     * absolute `addr` & VINTC_S390_SIGP_STATUS_ADDR_MASK, laid out as real
     * 0x1200..0x13FF; no mode id. Only for a stopped vCPU. */
    S390_STATUS_ADDRESS,
};

/**
 * Store the status of vCPU `cpu` (FPRs, GPRs, PSW, prefix, FPC, TOD
 * programmable register, CPU timer, CKC >> 8, access and control registers,
 * in the layout of real 0x1200..0x13FF; see s390_cpu_store_status()) now, at
 * an explicit destination. The prefix saved (and, for S390_STATUS_PREFIX,
 * the area's base) is the vCPU's prefix register: st->prefix & 0x7FFFE000,
 * or the address of a SET_PREFIX accepted by s390_inject_vcpu() but not yet
 * applied to st->prefix (SIGP SET PREFIX completed with condition code 0,
 * so the architecture has the new prefix in the register: PoP chapter 4,
 * "Set Prefix"). Status owed by a stop saves the prefix of the moment the
 * stop completed (a SET_PREFIX accepted after it does not show).
 *
 * - S390_STATUS_ABSOLUTE: SIGP STOP AND STORE STATUS. When that order finds
 *   the vCPU already stopped, s390_inject_vcpu() of the STOP completes it at
 *   once and the status is owed: the VMM calls this with the stopped vCPU's
 *   registers while processing the order (as KVM stores before the SIGP
 *   completes), which settles the debt; otherwise the vCPU's next
 *   s390_deliver_pending() stores it.
 * - S390_STATUS_PREFIX: the prefix area.
 * - S390_STATUS_ADDRESS: SIGP STORE STATUS AT ADDRESS with the order's
 *   parameter as `addr`: bits 0-32 and 55-63 are ignored (a 31-bit address,
 *   512-byte aligned), as KVM and QEMU apply the order. Leaves owed status
 *   owed.
 *
 * @param vm   the VM.
 * @param cpu  the vCPU index.
 * @param st   the vCPU's registers.
 * @param dest where to store.
 * @param addr the SIGP parameter for S390_STATUS_ADDRESS; must be 0 for the
 *             other destinations.
 * @return 0; -EINVAL for NULL, cpu out of range, an unknown `dest`, or a
 *         non-zero `addr` with S390_STATUS_ABSOLUTE or S390_STATUS_PREFIX;
 *         -EBUSY for S390_STATUS_ADDRESS when the vCPU is not stopped (SIGP
 *         status "incorrect state"; nothing written); -EFAULT when a
 *         guest_write failed (for S390_STATUS_ADDRESS: SIGP status "invalid
 *         parameter"), owed status then stays owed.
 * Thread-safety: any thread; the VMM owns `st`.
 */
VINTC_API int s390_cpu_store_status_at(struct s390_vm *vm, unsigned cpu,
                                       const struct s390_cpu_state *st,
                                       enum s390_status_dest dest,
                                       uint64_t addr);

/** s390_cpu_sense() flags: the SIGP-visible state of a vCPU. */
#define VINTC_S390_CPU_STOPPED      (1u << 0) /**< in the stopped state */
#define VINTC_S390_CPU_STOP_PENDING (1u << 1) /**< a STOP not yet consumed */
#define VINTC_S390_CPU_STOP_STORE_PENDING                                      \
    (1u << 2) /**< ... and it stores status */
#define VINTC_S390_CPU_STATUS_OWED                                             \
    (1u << 3) /**< status of a stop not yet stored */
#define VINTC_S390_CPU_RESTART_PENDING                                         \
    (1u << 4) /**< a RESTART not yet delivered */
#define VINTC_S390_CPU_EXT_CALL_PENDING                                        \
    (1u << 5) /**< an external call pending or in delivery */
#define VINTC_S390_CPU_EMERGENCY_PENDING                                       \
    (1u << 6) /**< an emergency signal from any source */
#define VINTC_S390_CPU_PREFIX_PENDING                                          \
    (1u << 7) /**< a SET_PREFIX not yet applied */
#define VINTC_S390_CPU_WAITING       (1u << 8) /**< blocked in s390_cpu_wait() */
#define VINTC_S390_CPU_DISABLED_WAIT (1u << 9) /**< ... in a disabled wait */
/** s390_cpu_sense() flags that make every SIGP order but the two resets
 * busy (condition code 2): a STOP or RESTART accepted and not yet
 * completed. A STOP AND STORE STATUS completes when the status is stored:
 * STATUS_OWED, between s390_cpu_set_stopped() and the store, is busy too,
 * or a SENSE there would report the CPU stopped before its status is in
 * storage. */
#define VINTC_S390_CPU_SIGP_BUSY                                               \
    (VINTC_S390_CPU_STOP_PENDING | VINTC_S390_CPU_RESTART_PENDING |            \
     VINTC_S390_CPU_STATUS_OWED)

/**
 * The SIGP-visible state of vCPU `cpu`, one consistent snapshot: the
 * VINTC_S390_CPU_* flags. A VMM's SIGP handler answers each order from it
 * and the calls named below (orders to a CPU address >= nr_cpus: condition
 * code 3, not operational; process the orders for one target one at a time,
 * as QEMU does under its SIGP lock):
 *
 * Below, "status S" means condition code 1 with S in bits 32-63 of the
 * status register (VINTC_S390_SIGP_STATUS_*, prefix left off); flags are
 * VINTC_S390_CPU_* with the prefix left off.
 *
 * - Busy, checked first: every order but INITIAL CPU RESET and CPU RESET
 *   (SENSE, the signals and SENSE RUNNING STATUS included) to a vCPU with
 *   a flag of VINTC_S390_CPU_SIGP_BUSY (STOP_PENDING, RESTART_PENDING, or
 *   STATUS_OWED: a stop that stores status is complete once it is stored)
 *   gets condition code 2: a stop or restart order accepted but not yet
 *   completed (PoP chapter 4, "Conditions Precluding Interpretation of the
 *   Order Code"; KVM handle_sigp_dst, QEMU handle_sigp_single_dst). A SENSE
 *   answered meanwhile would report a stop not yet done. The resets are
 *   never busy; they cancel the pending order.
 * - SENSE (0x01): STOPPED gives status STOPPED, EXT_CALL_PENDING gives
 *   EXT_CALL_PENDING (both OR-ed); neither: condition code 0 (KVM
 *   __sigp_sense).
 * - EXTERNAL CALL (0x02): s390_inject_vcpu(S390_IRQ_EXTERNAL_CALL): 0 is
 *   condition code 0; -EBUSY (one is pending) is status EXT_CALL_PENDING.
 * - EMERGENCY SIGNAL (0x03): s390_inject_vcpu(S390_IRQ_EMERGENCY):
 *   condition code 0. COND EMERGENCY SIGNAL (0x13): the same when the
 *   VMM finds the order's PSW and ASN conditions met, else status
 *   INCORRECT_STATE and no signal (PoP chapter 4, "Conditional Emergency
 *   Signal"; KVM __sigp_conditional_emergency, QEMU sigp_cond_emergency):
 *   a vCPU that is not STOPPED always gets it; a STOPPED one whose PSW
 *   enables both I/O and external interruptions gets it only if that is a
 *   wait PSW with a non-zero instruction address, or not a wait PSW and
 *   the ASN in parameter bits 48-63 is its primary (CR4) or secondary
 *   (CR3) ASN. The library keeps no PSW or control registers: the VMM
 *   tests its own copy.
 * - STOP (0x05), STOP AND STORE STATUS (0x09): s390_inject_vcpu(
 *   S390_IRQ_STOP, store_status): 0 is condition code 0, -EBUSY is 2. The
 *   target's loop sees s390_cpu_stop_pending(), calls
 *   s390_cpu_set_stopped(true) and s390_deliver_pending() (which stores
 *   the owed status at absolute 0x1200). If the target was already STOPPED
 *   the stop completed at once: store its status now with
 *   s390_cpu_store_status_at(S390_STATUS_ABSOLUTE), as KVM does before the
 *   order completes.
 * - RESTART (0x06): s390_inject_vcpu(S390_IRQ_RESTART): condition code 0.
 *   A stopped or disabled-waiting target's s390_cpu_wait() returns and its
 *   s390_deliver_pending() delivers the restart and makes it operating.
 * - START (0x04): s390_cpu_set_stopped(false), then s390_cpu_kick().
 * - INITIAL CPU RESET (0x0B), CPU RESET (0x0C): s390_cpu_initial_reset() or
 *   s390_cpu_reset() on the thread that owns the target's registers (QEMU
 *   runs it on the target CPU's thread); condition code 0.
 * - SET PREFIX (0x0D): an address the VMM has no storage for is status
 *   INVALID_PARAMETER (checked first, as KVM __sigp_set_prefix and QEMU
 *   sigp_set_prefix do); not STOPPED is INCORRECT_STATE; else
 *   s390_inject_vcpu(S390_IRQ_SET_PREFIX) with parameter &
 *   VINTC_S390_PREFIX_MASK, condition code 0 (applied by the target's next
 *   s390_deliver_pending()).
 * - STORE STATUS AT ADDRESS (0x0E): s390_cpu_store_status_at(
 *   S390_STATUS_ADDRESS, parameter) with the stopped target's registers:
 *   0 is condition code 0, -EBUSY is status INCORRECT_STATE, -EFAULT is
 *   INVALID_PARAMETER.
 * - SENSE RUNNING STATUS (0x15): STOPPED or WAITING gives status
 *   NOT_RUNNING, else condition code 0.
 * - SET ARCHITECTURE (0x12), addressed to no CPU: the library models
 *   z/Architecture only, so the order is rejected: status INVALID_PARAMETER
 *   when every other vCPU is STOPPED, else INCORRECT_STATE (QEMU
 *   sigp_set_architecture; KVM __sigp_set_arch).
 *
 * DISABLED_WAIT also lets a VMM see that every vCPU is stopped or in a
 * disabled wait (nothing can restart them: the guest is dead).
 *
 * @param vm    the VM.
 * @param cpu   the vCPU index.
 * @param flags receives the VINTC_S390_CPU_* flags.
 * @return 0; -EINVAL for NULL or cpu out of range.
 * Thread-safety: any thread; the answer may be stale once returned.
 */
VINTC_API int s390_cpu_sense(struct s390_vm *vm, unsigned cpu, uint32_t *flags);

/** s390_cpu_wait() results (besides -EINVAL and -ETIMEDOUT). A disabled
 * wait returns only the S390_WAIT_DISABLED_* values, all of them >=
 * S390_WAIT_DISABLED_TIMEOUT. */
enum s390_wait_result {
    S390_WAIT_KICK = 0, /**< kick, pending STOP or reset */
    S390_WAIT_EVENT =
        1, /**< an interrupt or a timer condition is deliverable */
    S390_WAIT_DISABLED_TIMEOUT =
        2, /**< disabled wait: timeout passed, still waiting */
    S390_WAIT_DISABLED_KICK = 3, /**< disabled wait: s390_cpu_kick() */
    S390_WAIT_DISABLED_RESTART =
        4, /**< disabled wait: a RESTART (or a program or SVC
                interruption the VMM injected) is deliverable */
    S390_WAIT_DISABLED_STOP = 5, /**< disabled wait: a STOP is pending */
    S390_WAIT_DISABLED_RESET =
        6, /**< disabled wait: s390_cpu_reset() of this vCPU */
};

/**
 * The vCPU loaded a wait PSW: block until there is something to do.
 *
 * Enabled wait (PSW bit 6, 7 or 13 set), or any wait of a stopped vCPU:
 * - Returns S390_WAIT_EVENT (1) when an interrupt is deliverable (checked
 *   first, also before blocking), or when the clock-comparator or CPU-timer
 *   condition is true. The timer deadline is computed from tod_clock (CPU
 *   timer decremented at TOD rate from st->cpu_timer at the start of the
 *   wait: the VMM must account the elapsed time in st->cpu_timer itself)
 *   and re-armed when a non-monotonic tod_clock says the condition is not
 *   true yet. A stopped vCPU takes only RESTART.
 * - Returns S390_WAIT_KICK (0) after s390_cpu_kick(), when a STOP is
 *   pending, or after s390_cpu_reset() of this vCPU. Status owed by a stop
 *   does not end the wait of a stopped vCPU: the SIGP handler stores it
 *   (s390_cpu_store_status_at()), or else its next s390_deliver_pending().
 *   A kick made while the vCPU was not waiting ends its next wait at once
 *   (kicks are remembered, not counted: several make one).
 * - Returns -ETIMEDOUT after timeout_ns nanoseconds (negative: no limit;
 *   0: only check).
 *
 * Disabled wait (PSW bits 6, 7 and 13 all zero on an operating vCPU): no
 * interruption but restart can end it, so it blocks until one of these and
 * says which: S390_WAIT_DISABLED_RESTART (deliver it with
 * s390_deliver_pending()), S390_WAIT_DISABLED_STOP, S390_WAIT_DISABLED_RESET,
 * S390_WAIT_DISABLED_KICK, or S390_WAIT_DISABLED_TIMEOUT after timeout_ns.
 * A VMM detects a disabled wait from these values (timeout_ns = 0 checks
 * without blocking), and other threads see it as VINTC_S390_CPU_DISABLED_WAIT
 * in s390_cpu_sense(): when every vCPU is stopped or in a disabled wait
 * the VMM may treat the guest as crashed.
 *
 * An injection racing with the start of the wait is never lost.
 *
 * @param vm         the VM.
 * @param cpu        the vCPU index.
 * @param st         the vCPU's state (PSW, CRs, CKC, CPU timer, epoch).
 * @param timeout_ns nanoseconds to wait at most; negative: no limit.
 * @return an enum s390_wait_result value; -EINVAL for NULL or cpu out of
 *         range; -ETIMEDOUT when the timeout of an enabled wait passed.
 * Thread-safety: call it for one vCPU from one thread at a time; it is
 * woken from any thread. Calls tod_clock without locks held.
 */
VINTC_API int s390_cpu_wait(struct s390_vm *vm, unsigned cpu,
                            const struct s390_cpu_state *st,
                            int64_t timeout_ns);

/**
 * End the vCPU's current s390_cpu_wait() with 0, or its next one if it is
 * not waiting. Does not call ops->kick. Invalid arguments are ignored.
 * @param vm  the VM.
 * @param cpu the vCPU.
 * Thread-safety: any thread.
 */
VINTC_API void s390_cpu_kick(struct s390_vm *vm, unsigned cpu);

/**
 * Read counters.
 * @param vm  the VM.
 * @param out receives the counters.
 * @param cpu a vCPU index, or VINTC_S390_STATS_VM for the VM-wide figures.
 * @return 0; -EINVAL for NULL or cpu out of range.
 * Thread-safety: any thread; a consistent snapshot.
 */
VINTC_API int s390_get_stats(struct s390_vm *vm, unsigned cpu,
                             struct s390_stats *out);

/**
 * Print the pending floating interrupts, then each vCPU's local ones and
 * state (stopped, stop/prefix pending), in priority order, one per line.
 * @param vm  the VM.
 * @param out the stream to write to.
 * @return 0; -EINVAL for NULL arguments; -EIO when writing failed.
 * Thread-safety: any thread (a snapshot is taken under the lock).
 */
VINTC_API int s390_dump(struct s390_vm *vm, FILE *out);

/**
 * Save the VM's interrupt state into a snapshot blob (layout:
 * docs/snapshot-format.md): the floating queues in their order (I/O FIFO per
 * ISC, pending service signal with its parameter, virtio and pfault-done
 * tokens, the floating machine check), the round-robin position, and for
 * every vCPU its local interrupts (emergency and malfunction-alert sources,
 * external-call source, program, SVC and machine-check payloads, restart,
 * pfault-init tokens), stop pending with its store-status flag, pending
 * set-prefix, owed store status (with the prefix it saves), stopped state,
 * and every statistic. The clock comparator and CPU timer live in the VMM's
 * struct s390_cpu_state and are not part of it.
 *
 * @param vm  the VM; may run concurrently with injections.
 * @param buf destination, or NULL to ask for the size.
 * @param len size of buf; ignored when buf is NULL.
 * @return the blob size in bytes (also with buf == NULL); -EINVAL for a NULL
 *         vm; -EBUSY while an s390_deliver_pending() call runs on some vCPU
 *         (the interrupt it took out is neither pending nor delivered yet:
 *         save once the call returned); -ENOSPC when len is smaller than the
 *         blob (buf contents are then unspecified); -EOVERFLOW when the blob
 *         would be larger than INT_MAX bytes.
 * Thread-safety: any thread.
 */
VINTC_API int s390_save(struct s390_vm *vm, void *buf, size_t len);

/**
 * Replace the VM's interrupt state with a snapshot made by s390_save(), all
 * or nothing. The blob must come from a VM with the same nr_cpus and
 * max_float_irqs. A pending s390_cpu_kick() and vCPUs' wait state are not
 * snapshot state and are left as they are. No host callback is made.
 * @param vm  the VM to overwrite; must be quiescent (no vCPU waiting or
 *            delivering).
 * @param buf the blob.
 * @param len its exact size.
 * @return 0; -EINVAL for a NULL argument, and for a blob that is not exactly
 *         a valid snapshot: wrong size (truncated or with trailing bytes),
 *         wrong magic, a kind other than s390, a format version this library
 *         cannot read (0 or newer), a checksum mismatch, another
 *         configuration, or a state the VM cannot be in (a source or
 *         external-call CPU that does not exist, queues holding more than
 *         max_float_irqs, an I/O interrupt queued under another ISC than its
 *         interruption word names, a machine check injection would refuse, a
 *         program interrupt with code 0, an invalid ILC, an unaligned
 *         set-prefix address, a stop pending on a stopped vCPU, a payload
 *         without its interrupt pending, unknown flag bits, ...); -EBUSY when
 *         a delivery is running; -ENOMEM when the queues cannot be
 *         allocated. On any error the VM is unchanged.
 */
VINTC_API int s390_restore(struct s390_vm *vm, const void *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif

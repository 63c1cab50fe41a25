/* SPDX-License-Identifier: MIT */
/* Fuzz target: the s390 host API (injection of every type with arbitrary
 * payloads, delivery with a guest memory that can fail, stop/restart/reset,
 * waiting with a zero timeout, introspection) driven by one byte stream.
 * Invariants: a delivery that fails with -EFAULT leaves the vCPU state
 * unchanged; a vCPU with nothing deliverable delivers nothing; one with
 * something deliverable and working memory delivers it. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vintc/vintc.h>

#include "fuzz_target.h"

#define MEM_SIZE (64u * 1024u)

struct fuzz_host {
    uint8_t mem[MEM_SIZE];
    unsigned fail_countdown; /* 0 = never fail; n = fail the nth access */
    uint64_t tod;
};

static int host_access(struct fuzz_host *h, uint64_t addr, size_t len)
{
    if (h->fail_countdown && --h->fail_countdown == 0)
        return -EFAULT;
    return addr > MEM_SIZE || len > MEM_SIZE - addr ? -EFAULT : 0;
}

static int host_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    struct fuzz_host *h = opaque;
    int rc = host_access(h, addr, len);
    if (!rc)
        memcpy(buf, h->mem + addr, len);
    return rc;
}

static int host_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    struct fuzz_host *h = opaque;
    int rc = host_access(h, addr, len);
    if (!rc)
        memcpy(h->mem + addr, buf, len);
    return rc;
}

static uint64_t host_tod(void *opaque)
{
    return ((struct fuzz_host *)opaque)->tod;
}

static void fill_irq(struct fuzz_cursor *c, struct s390_irq *irq)
{
    memset(irq, 0, sizeof(*irq));
    irq->type = (enum s390_irq_type)(fuzz_take(c, 1) %
                                     (VINTC_S390_IRQ_NR_TYPES + 1));
    switch (irq->type) {
    case S390_IRQ_PROGRAM:
        irq->u.pgm.code = (uint16_t)fuzz_take(c, 2);
        irq->u.pgm.ilc = (uint8_t)fuzz_take(c, 1);
        irq->u.pgm.trans_exc_code = fuzz_take(c, 8);
        irq->u.pgm.per_address = fuzz_take(c, 8);
        break;
    case S390_IRQ_SVC:
        irq->u.svc.code = (uint16_t)fuzz_take(c, 2);
        irq->u.svc.ilc = (uint8_t)fuzz_take(c, 1);
        break;
    case S390_IRQ_IO:
        irq->u.io.subchannel_id = (uint16_t)fuzz_take(c, 2);
        irq->u.io.subchannel_nr = (uint16_t)fuzz_take(c, 2);
        irq->u.io.parm = (uint32_t)fuzz_take(c, 4);
        irq->u.io.word = (uint32_t)fuzz_take(c, 4);
        break;
    case S390_IRQ_MCHK:
    case S390_IRQ_MCHK_FLOAT:
        irq->u.mchk.mcic = fuzz_take(c, 8);
        irq->u.mchk.ext_damage = (uint32_t)fuzz_take(c, 4);
        irq->u.mchk.failing_addr = fuzz_take(c, 8);
        break;
    case S390_IRQ_STOP:
        irq->u.stop.store_status = fuzz_take(c, 1) & 1;
        break;
    case S390_IRQ_SET_PREFIX:
        irq->u.prefix.address = (uint32_t)fuzz_take(c, 4);
        break;
    default:
        irq->u.ext.param = (uint32_t)fuzz_take(c, 4);
        irq->u.ext.param64 = fuzz_take(c, 8);
        irq->u.ext.src_cpu = (uint16_t)fuzz_take(c, 1);
        break;
    }
}

int vintc_fuzz_one(const uint8_t *data, size_t size)
{
    struct fuzz_cursor c = { data, size };
    struct fuzz_host *h = calloc(1, sizeof(*h));
    fuzz_check(h != NULL, "host memory");
    struct vintc_host_ops ops = {
        .guest_read = host_read,
        .guest_write = host_write,
        .tod_clock = host_tod,
    };
    struct s390_config cfg = {
        .nr_cpus = 1 + (unsigned)fuzz_take(&c, 1) % 4,
        .max_float_irqs = (unsigned)fuzz_take(&c, 1) % 16,
    };
    struct s390_vm *vm;
    fuzz_check(s390_create(&cfg, &ops, h, &vm) == 0, "create");
    struct s390_cpu_state st[4];
    memset(st, 0, sizeof(st));
    /* Every new PSW in the lowcore is a random value the guest left there. */
    for (unsigned i = 0; i < MEM_SIZE; i++)
        h->mem[i] = (uint8_t)(i * 131u + 7u);

    for (unsigned steps = 0; c.n && steps < 2048; steps++) {
        unsigned op = (unsigned)fuzz_take(&c, 1);
        unsigned cpu = (unsigned)fuzz_take(&c, 1) % 5; /* 4 = out of range */
        struct s390_cpu_state *s = &st[cpu % cfg.nr_cpus];
        unsigned vcpu = cpu % cfg.nr_cpus;
        struct s390_irq irq;
        switch (op % 9) {
        case 0:
            fill_irq(&c, &irq);
            s390_inject_vm(vm, &irq);
            break;
        case 1:
            fill_irq(&c, &irq);
            s390_inject_vcpu(vm, cpu, &irq);
            break;
        case 2: /* the guest changes its PSW mask, CRs, prefix or timers */
            switch (fuzz_take(&c, 1) % 6) {
            case 0:
                s->psw.mask = fuzz_take(&c, 8);
                break;
            case 1:
                s->cr[0] = fuzz_take(&c, 8);
                s->cr[6] = fuzz_take(&c, 8);
                break;
            case 2:
                s->cr[14] = fuzz_take(&c, 8);
                break;
            case 3:
                s->prefix = (uint32_t)(fuzz_take(&c, 1) % 40) << 13;
                break;
            case 4:
                s->ckc = fuzz_take(&c, 8);
                s->cpu_timer = (int64_t)fuzz_take(&c, 8);
                break;
            default:
                h->tod = fuzz_take(&c, 8);
                s->epoch = (int64_t)fuzz_take(&c, 2);
                break;
            }
            break;
        case 3: {
            bool had = s390_cpu_has_interrupt(vm, vcpu, s);
            h->fail_countdown = (unsigned)(op >> 4);
            struct s390_cpu_state before = *s;
            int rc = s390_deliver_pending(vm, vcpu, s);
            bool failing = h->fail_countdown != 0 || (op >> 4) != 0;
            h->fail_countdown = 0;
            fuzz_check(rc >= -EFAULT && rc <= VINTC_S390_DELIVER_MAX,
                       "deliver range");
            if (rc == -EFAULT)
                fuzz_check(memcmp(&before, s, sizeof(before)) == 0,
                           "-EFAULT left st unchanged");
            if (!had)
                fuzz_check(rc <= 0, "nothing deliverable, nothing delivered");
            if (had && !failing && rc != -EFAULT)
                fuzz_check(rc >= 1 || s->prefix >= MEM_SIZE,
                           "deliverable and delivered");
            break;
        }
        case 4:
            if (s390_cpu_stop_pending(vm, vcpu))
                s390_cpu_set_stopped(vm, vcpu, true);
            else
                s390_cpu_set_stopped(vm, cpu, fuzz_take(&c, 1) & 1);
            break;
        case 5:
            switch ((op >> 6) & 3) {
            case 0:
                s390_cpu_store_status(vm, cpu, s);
                break;
            case 1:
                fuzz_check((s390_cpu_reset(vm, cpu) == -EINVAL) ==
                               (cpu >= cfg.nr_cpus),
                           "reset");
                break;
            case 2: {
                int rc = s390_cpu_store_status_at(
                    vm, cpu, s, (enum s390_status_dest)((op >> 4) & 3),
                    fuzz_take(&c, 8));
                fuzz_check(rc == 0 || rc == -EINVAL || rc == -EBUSY ||
                               rc == -EFAULT,
                           "store status at");
                break;
            }
            default: {
                int rc = s390_cpu_initial_reset(vm, cpu, s, (op >> 4) & 1);
                uint32_t fl = 0;
                fuzz_check((s390_cpu_sense(vm, cpu, &fl) == 0) ==
                               (cpu < cfg.nr_cpus),
                           "sense");
                fuzz_check((rc == 0) == (cpu < cfg.nr_cpus),
                           "initial reset rc");
                if (rc == 0)
                    fuzz_check((fl & VINTC_S390_CPU_STOPPED) &&
                                   s->cr[0] == VINTC_S390_CR0_RESET,
                               "initial reset");
                break;
            }
            }
            break;
        case 6:
            s390_cpu_wait(vm, vcpu, s, 0);
            break;
        case 7:
            s390_cpu_kick(vm, cpu);
            break;
        default: {
            struct s390_stats stats;
            s390_get_stats(vm, op & 0x80 ? VINTC_S390_STATS_VM : cpu, &stats);
            FILE *null = fopen("/dev/null", "w");
            if (null) {
                fuzz_check(s390_dump(vm, null) >= 0, "dump");
                fclose(null);
            }
            break;
        }
        }
    }
    s390_destroy(vm);
    free(h);
    return 0;
}

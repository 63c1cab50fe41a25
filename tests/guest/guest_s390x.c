/* SPDX-License-Identifier: MIT */
/* One s390x CPU running s390x/interrupts.c against vintc's s390 model. The
 * guest asks for each step with DIAGNOSE 0x500; the host injects that
 * step's interruptions (floating ones with s390_inject_vm, local ones with
 * s390_inject_vcpu), delivers between slices and blocks in s390_cpu_wait()
 * when the guest loads an enabled wait PSW. At the end the guest's table of
 * lowcore contents must match what was injected, in the architected order,
 * and every delivery must have used the moved prefix. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host/s390x_cpu.h"
#include "s390x/interrupts.bin.h"
#include "s390x/layout.h"

#define SLICE      2000u
#define MAX_SLICES 100000u

struct host {
    struct s390_vm *vm;
    struct s390x_cpu cpu;
    unsigned char *ram;
    bool done;
    uint64_t guest_errors;
    unsigned bad;
    pthread_t later;
    bool later_started;
    uint64_t later_step;
};

static int guest_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    struct host *h = opaque;
    if (addr >= RAM_SIZE || len > RAM_SIZE - addr)
        return -14; /* -EFAULT */
    memcpy(buf, h->ram + addr, len);
    return 0;
}

static int guest_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    struct host *h = opaque;
    if (addr >= RAM_SIZE || len > RAM_SIZE - addr)
        return -14;
    memcpy(h->ram + addr, buf, len);
    return 0;
}

static uint64_t tod_clock(void *opaque)
{
    (void)opaque;
    return s390x_host_tod();
}

/* ---- the steps: what the host injects, what the guest must record ------ */

#define F_A   1u /* compare field a */
#define F_B   2u
#define F_C   4u
#define F_OLD 8u /* compare the old PSW mask */

struct expect {
    uint64_t cls, code, a, b, c;
    unsigned fields;
    uint64_t old_mask;
};

#define EXT_WAIT                                                               \
    (VINTC_S390_PSW_64BIT | VINTC_S390_PSW_EXT | VINTC_S390_PSW_WAIT)
#define IO_WAIT (VINTC_S390_PSW_64BIT | VINTC_S390_PSW_IO | VINTC_S390_PSW_WAIT)
#define MCHK_WAIT                                                              \
    (VINTC_S390_PSW_64BIT | VINTC_S390_PSW_MCHK | VINTC_S390_PSW_WAIT)
#define SCH(id, nr) ((uint64_t)(id) << 16 | (nr))
#define ISC(n)      ((uint32_t)(n) << 27)

static const struct expect expected[] = {
    { CLASS_EXT, 0x1201, 0, 0, 0, F_A | F_OLD,
      EXT_WAIT }, /* 0 emergency from CPU 0 */
    { CLASS_EXT, 0x1202, 0, 0, 0, F_A | F_OLD, EXT_WAIT }, /* 1 external call */
    { CLASS_EXT, 0x1200, 0, 0, 0, F_A | F_OLD,
      EXT_WAIT }, /* 2 malfunction alert */
    { CLASS_EXT, 0x2401, 0, 0x00ABC001, 0, F_A | F_B | F_OLD,
      EXT_WAIT }, /* 3 service */
    { CLASS_EXT, 0x2603, 0x0D00, 0x11, 0x1122334455667788, F_A | F_B | F_C,
      0 }, /* 4 virtio */
    { CLASS_EXT, 0x2603, 0x0600, 0, 0xAAAA0001, F_A | F_C,
      0 }, /* 5 pfault init */
    { CLASS_EXT, 0x2603, 0x0680, 0, 0xAAAA0002, F_A | F_C,
      0 }, /* 6 pfault done */
    /* 7: I/O injected on ISCs 5, 2, 3: the lower ISC first */
    { CLASS_IO, 0, SCH(0x0001, 0x0002), 0x22, ISC(2), F_A | F_B | F_C | F_OLD,
      IO_WAIT },
    { CLASS_IO, 0, SCH(0x0001, 0x0003), 0x33, ISC(3), F_A | F_B | F_C | F_OLD,
      IO_WAIT },
    { CLASS_IO, 0, SCH(0x0001, 0x0005), 0x55, ISC(5), F_A | F_B | F_C | F_OLD,
      IO_WAIT },
    /* 8: I/O on ISC 7 (masked by CR6) and an emergency signal */
    { CLASS_EXT, 0x1201, 0, 0, 0, F_A, 0 },
    { CLASS_IO, 0, SCH(0x0001, 0x0007), 0x77, ISC(7), F_A | F_B | F_C | F_OLD,
      IO_WAIT },
    /* 9-11: machine checks */
    { CLASS_MCHK, 0, VINTC_S390_MCIC_CP, 0, 0, F_A | F_OLD, MCHK_WAIT },
    { CLASS_MCHK, 0, VINTC_S390_MCIC_W, 0, 0, F_A | F_OLD, MCHK_WAIT },
    { CLASS_MCHK, 0, VINTC_S390_MCIC_SD, 0x40, 0x5000, F_A | F_B | F_C | F_OLD,
      MCHK_WAIT },
    { CLASS_RESTART, 0, 0, 0, 0, 0, 0 }, /* 12 */
    { CLASS_EXT, 0x1004, 0, 0, 0, F_A | F_OLD,
      EXT_WAIT }, /* clock comparator */
    { CLASS_EXT, 0x1005, 0, 0, 0, F_A | F_OLD, EXT_WAIT }, /* CPU timer */
    { CLASS_SVC, 42, 2, 0, 0, F_A, 0 },
    { CLASS_PGM, 0x0001, 2, 0, 0, F_A, 0 }, /* operation exception */
    { CLASS_PGM, 0x0011, 4, 0, 0x0000000012345C00, F_A | F_C,
      0 }, /* 13 page translation */
    { CLASS_IO, 0, SCH(0x0001, 0x0100), 0x100, ISC(2), F_A | F_B | F_C | F_OLD,
      IO_WAIT }, /* 14 */
};
#define NR_EXPECTED (sizeof expected / sizeof expected[0])

static struct s390_irq irq_of(enum s390_irq_type type)
{
    struct s390_irq irq;
    memset(&irq, 0, sizeof irq);
    irq.type = type;
    return irq;
}

static struct s390_irq io_irq(uint16_t nr, uint32_t parm, unsigned isc)
{
    struct s390_irq irq = irq_of(S390_IRQ_IO);
    irq.u.io.subchannel_id = 0x0001;
    irq.u.io.subchannel_nr = nr;
    irq.u.io.parm = parm;
    irq.u.io.word = ISC(isc);
    return irq;
}

static void inject(struct host *h, bool floating, const struct s390_irq *irq)
{
    int err = floating ? s390_inject_vm(h->vm, irq)
                       : s390_inject_vcpu(h->vm, 0, irq);
    if (err) {
        printf("injection of type %d failed: %s\n", irq->type,
               vintc_strerror(err));
        h->bad++;
    }
}

static void inject_step(struct host *h, uint64_t step)
{
    struct s390_irq irq;
    switch (step) {
    case 0:
        inject(h, false, (irq = irq_of(S390_IRQ_EMERGENCY), &irq));
        break;
    case 1:
        inject(h, false, (irq = irq_of(S390_IRQ_EXTERNAL_CALL), &irq));
        break;
    case 2:
        inject(h, false, (irq = irq_of(S390_IRQ_MALFUNCTION_ALERT), &irq));
        break;
    case 3:
        irq = irq_of(S390_IRQ_SERVICE);
        irq.u.ext.param = 0x00ABC001;
        inject(h, true, &irq);
        break;
    case 4:
        irq = irq_of(S390_IRQ_VIRTIO);
        irq.u.ext.param = 0x11;
        irq.u.ext.param64 = 0x1122334455667788;
        inject(h, true, &irq);
        break;
    case 5:
        irq = irq_of(S390_IRQ_PFAULT_INIT);
        irq.u.ext.param64 = 0xAAAA0001;
        inject(h, false, &irq);
        break;
    case 6:
        irq = irq_of(S390_IRQ_PFAULT_DONE);
        irq.u.ext.param64 = 0xAAAA0002;
        inject(h, true, &irq);
        break;
    case 7:
        inject(h, true, (irq = io_irq(5, 0x55, 5), &irq));
        inject(h, true, (irq = io_irq(2, 0x22, 2), &irq));
        inject(h, true, (irq = io_irq(3, 0x33, 3), &irq));
        break;
    case 8:
        inject(h, true, (irq = io_irq(7, 0x77, 7), &irq));
        inject(h, false, (irq = irq_of(S390_IRQ_EMERGENCY), &irq));
        break;
    case 9:
        irq = irq_of(S390_IRQ_MCHK);
        irq.u.mchk.mcic = VINTC_S390_MCIC_CP;
        inject(h, false, &irq);
        break;
    case 10:
        irq = irq_of(S390_IRQ_MCHK_FLOAT);
        irq.u.mchk.mcic = VINTC_S390_MCIC_W;
        inject(h, true, &irq);
        break;
    case 11:
        irq = irq_of(S390_IRQ_MCHK);
        irq.u.mchk.mcic = VINTC_S390_MCIC_SD;
        irq.u.mchk.ext_damage = 0x40;
        irq.u.mchk.failing_addr = 0x5000;
        inject(h, false, &irq);
        break;
    case 12:
        inject(h, false, (irq = irq_of(S390_IRQ_RESTART), &irq));
        break;
    case 13:
        irq = irq_of(S390_IRQ_PROGRAM);
        irq.u.pgm.code = 0x0011;
        irq.u.pgm.ilc = 4;
        irq.u.pgm.trans_exc_code = 0x0000000012345C00;
        inject(h, false, &irq);
        break;
    case 14:
        inject(h, true, (irq = io_irq(0x100, 0x100, 2), &irq));
        break;
    default:
        printf("guest asked for unknown step %llu\n", (unsigned long long)step);
        h->bad++;
    }
}

/* Another host thread (a device) injects once the vCPU has committed to
 * s390_cpu_wait(): the wait, not the delivery check before it, must see the
 * interruption (an injection racing with the start of the wait is not lost,
 * so this does not depend on timing). */
static void *later_thread(void *arg)
{
    struct host *h = arg;
    while (!atomic_load(&h->cpu.waiting)) {
        struct timespec d = { 0, 100000 };
        nanosleep(&d, NULL);
    }
    inject_step(h, h->later_step);
    return NULL;
}

static uint64_t diag(struct s390x_cpu *c, uint64_t fn, uint64_t arg)
{
    struct host *h = c->opaque;
    switch (fn) {
    case HC_DONE:
        h->done = true;
        h->guest_errors = arg;
        return 0;
    case HC_INJECT:
        inject_step(h, arg);
        return 0;
    case HC_INJECT_LATER:
        if (h->later_started) {
            h->bad++;
            return 1;
        }
        h->later_step = arg;
        h->later_started = pthread_create(&h->later, NULL, later_thread, h) ==
                           0;
        return 0;
    default:
        h->bad++;
        return 1;
    }
}

static uint64_t be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static int check(struct host *h)
{
    int bad = 0;
    const unsigned char *res = h->ram + RESULT_BASE;
    uint64_t count = be64(res), errors = be64(res + 8);
    if (errors) {
        printf(
            "guest reported %llu error(s), first at interrupts.c line %llu\n",
            (unsigned long long)errors, (unsigned long long)be64(res + 16));
        bad = 1;
    }
    if (count != NR_EXPECTED) {
        printf("guest took %llu interruptions, expected %zu\n",
               (unsigned long long)count, NR_EXPECTED);
        bad = 1;
    }
    for (unsigned i = 0; i < count && i < 64; i++) {
        const unsigned char *r = res + 32 + 64 * i;
        uint64_t cls = be64(r), code = be64(r + 8), a = be64(r + 16),
                 b = be64(r + 24), c = be64(r + 32), old = be64(r + 48);
        const struct expect *e = i < NR_EXPECTED ? &expected[i] : NULL;
        if (!e || cls != e->cls || code != e->code ||
            ((e->fields & F_A) && a != e->a) ||
            ((e->fields & F_B) && b != e->b) ||
            ((e->fields & F_C) && c != e->c) ||
            ((e->fields & F_OLD) && old != e->old_mask)) {
            printf("record %u: class %llu code 0x%llx a 0x%llx b 0x%llx c "
                   "0x%llx old mask "
                   "%016llx\n",
                   i, (unsigned long long)cls, (unsigned long long)code,
                   (unsigned long long)a, (unsigned long long)b,
                   (unsigned long long)c, (unsigned long long)old);
            if (e)
                printf("  expected: class %llu code 0x%llx a 0x%llx b 0x%llx c "
                       "0x%llx old "
                       "mask %016llx\n",
                       (unsigned long long)e->cls, (unsigned long long)e->code,
                       (unsigned long long)e->a, (unsigned long long)e->b,
                       (unsigned long long)e->c,
                       (unsigned long long)e->old_mask);
            bad = 1;
        }
    }
    /* The prefix moved before the first delivery: the new PSWs live at
     * PREFIX_AREA and absolute page 0 was never used as a lowcore. */
    static const unsigned char zero[0x200];
    if (h->cpu.st.prefix != PREFIX_AREA ||
        memcmp(h->ram, zero, sizeof zero) != 0 ||
        be64(h->ram + PREFIX_AREA + VINTC_S390_LC_EXT_NEW_PSW + 8) == 0) {
        printf("prefix 0x%x: lowcore not where the guest moved it\n",
               h->cpu.st.prefix);
        bad = 1;
    }
    struct s390_stats st;
    s390_get_stats(h->vm, VINTC_S390_STATS_VM, &st);
    uint64_t delivered = st.delivered_ckc + st.delivered_cpu_timer;
    for (unsigned t = 0; t < VINTC_S390_IRQ_NR_TYPES; t++)
        delivered += st.delivered[t];
    if (delivered != NR_EXPECTED || h->cpu.waits == 0) {
        printf("vintc delivered %llu, waits ended by an interruption %llu\n",
               (unsigned long long)delivered, (unsigned long long)h->cpu.waits);
        bad = 1;
    }
    printf("%llu interruptions, %llu waits ended by s390_cpu_wait\n",
           (unsigned long long)count, (unsigned long long)h->cpu.waits);
    return bad;
}

int main(void)
{
    static struct host h;
    const struct vintc_host_ops ops = {
        .guest_read = guest_read,
        .guest_write = guest_write,
        .tod_clock = tod_clock,
    };
    struct s390_config cfg = { .nr_cpus = 1 };
    h.ram = calloc(1, RAM_SIZE);
    if (!h.ram || s390_create(&cfg, &ops, &h, &h.vm) != 0)
        return 1;
    memcpy(h.ram + IMAGE_BASE, guest_s390x_interrupts,
           sizeof guest_s390x_interrupts);
    int bad = 1;
    if (s390x_cpu_init(&h.cpu, 0, h.vm, h.ram, RAM_SIZE, IMAGE_BASE, diag,
                       &h) == 0) {
        unsigned slices = 0;
        int err = 0;
        while (!h.done && !err && slices++ < MAX_SLICES) {
            err = s390x_cpu_enter(&h.cpu, 5000000000) < 0 ||
                  s390x_cpu_slice(&h.cpu, SLICE) != 0;
        }
        if (!h.done)
            printf("the guest did not finish (%u slices)\n", slices);
        else
            bad = check(&h) || h.bad || h.cpu.bad;
    }
    if (h.later_started)
        pthread_join(h.later, NULL);
    s390x_cpu_destroy(&h.cpu);
    s390_destroy(h.vm);
    free(h.ram);
    printf("%s\n", bad ? "FAIL" : "OK");
    return bad;
}

/* SPDX-License-Identifier: MIT */
/* Guest-memory fake for the s390 suites: a flat byte array behind
 * guest_read/guest_write that records which bytes were written, counts
 * accesses and can be told to fail the Nth one; a settable TOD clock that
 * counts its reads and can be told to jump at the Nth; kick counters.
 * Header-only so every test_s390_*.c stays one file. */
#ifndef VINTC_TEST_S390_FAKE_H
#define VINTC_TEST_S390_FAKE_H

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <vintc/vintc.h>

#define FAKE_MEM_SIZE (1u << 20) /* prefixes used in tests stay below */

struct fake {
    uint8_t *mem;
    uint8_t *touched; /* 1 where a guest_write wrote */
    _Atomic unsigned reads, writes;
    _Atomic unsigned accesses; /* reads + writes */
    unsigned fail_at;          /* fail access number N (1-based); 0 never */
    _Atomic unsigned nlog;
    _Atomic unsigned ntrace;    /* deliver trace events */
    _Atomic unsigned last_irq;  /* last delivered: trace irq */
    _Atomic uint64_t last_code; /* ... and interruption code */
    unsigned seq[64];           /* trace irq of each delivery */
    struct {
        uint64_t addr;
        size_t len;
    } log[64];
    _Atomic uint64_t tod;
    _Atomic unsigned tod_reads; /* tod_clock calls */
    unsigned tod_step_at;       /* from tod_clock call N (1-based) on, */
    uint64_t tod_step_to;       /* the clock reads this; 0: never */
    _Atomic unsigned kicks[8];
    _Atomic unsigned kicks_total;
    struct s390_vm *vm;
};

static inline int fake_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    struct fake *f = opaque;
    f->reads++;
    if (atomic_fetch_add(&f->accesses, 1) + 1 == f->fail_at)
        return -EFAULT;
    if (addr > FAKE_MEM_SIZE || len > FAKE_MEM_SIZE - addr)
        return -EFAULT;
    memcpy(buf, f->mem + addr, len);
    return 0;
}

static inline int fake_write(void *opaque, uint64_t addr, const void *buf,
                             size_t len)
{
    struct fake *f = opaque;
    f->writes++;
    if (atomic_fetch_add(&f->accesses, 1) + 1 == f->fail_at)
        return -EFAULT;
    if (addr > FAKE_MEM_SIZE || len > FAKE_MEM_SIZE - addr)
        return -EFAULT;
    memcpy(f->mem + addr, buf, len);
    memset(f->touched + addr, 1, len);
    unsigned i = atomic_fetch_add(&f->nlog, 1);
    if (i < 64) {
        f->log[i].addr = addr;
        f->log[i].len = len;
    }
    return 0;
}

static inline uint64_t fake_tod(void *opaque)
{
    struct fake *f = opaque;
    unsigned n = atomic_fetch_add(&f->tod_reads, 1) + 1;
    if (f->tod_step_at && n >= f->tod_step_at)
        return f->tod_step_to;
    return atomic_load(&f->tod);
}

static inline void fake_kick(void *opaque, unsigned cpu)
{
    struct fake *f = opaque;
    if (cpu < 8)
        atomic_fetch_add(&f->kicks[cpu], 1);
    atomic_fetch_add(&f->kicks_total, 1);
}

static inline void fake_trace(void *opaque, const struct vintc_trace_event *ev)
{
    struct fake *f = opaque;
    if (ev->kind == VINTC_TRACE_S390_DELIVER) {
        atomic_store(&f->last_irq, ev->irq);
        atomic_store(&f->last_code, ev->values[0]);
        unsigned i = atomic_fetch_add(&f->ntrace, 1);
        if (i < 64)
            f->seq[i] = ev->irq;
    }
}

static inline void fake_reset_log(struct fake *f)
{
    memset(f->touched, 0, FAKE_MEM_SIZE);
    f->nlog = 0;
    f->reads = f->writes = f->accesses = 0;
}

/* Creates a VM over a fresh fake. with_tod: use the fake TOD clock. */
static inline struct fake *fake_new(unsigned nr_cpus, unsigned max_float,
                                    bool with_tod)
{
    struct fake *f = calloc(1, sizeof(*f));
    ck_assert_ptr_nonnull(f);
    f->mem = calloc(1, FAKE_MEM_SIZE);
    f->touched = calloc(1, FAKE_MEM_SIZE);
    ck_assert_ptr_nonnull(f->mem);
    ck_assert_ptr_nonnull(f->touched);
    struct vintc_host_ops ops = {
        .kick = fake_kick,
        .guest_read = fake_read,
        .guest_write = fake_write,
        .tod_clock = with_tod ? fake_tod : NULL,
        .trace = fake_trace,
    };
    struct s390_config cfg = { .nr_cpus = nr_cpus,
                               .max_float_irqs = max_float };
    ck_assert_int_eq(s390_create(&cfg, &ops, f, &f->vm), 0);
    return f;
}

static inline void fake_free(struct fake *f)
{
    s390_destroy(f->vm);
    free(f->mem);
    free(f->touched);
    free(f);
}

static inline uint16_t rd16(const struct fake *f, uint64_t a)
{
    return (uint16_t)(f->mem[a] << 8 | f->mem[a + 1]);
}
static inline uint32_t rd32(const struct fake *f, uint64_t a)
{
    return (uint32_t)rd16(f, a) << 16 | rd16(f, a + 2);
}
static inline uint64_t rd64(const struct fake *f, uint64_t a)
{
    return (uint64_t)rd32(f, a) << 32 | rd32(f, a + 4);
}
static inline void wr64(struct fake *f, uint64_t a, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        f->mem[a + (unsigned)i] = (uint8_t)v;
}

/* Number of bytes written in [a, a+len). */
static inline unsigned touched(const struct fake *f, uint64_t a, size_t len)
{
    unsigned n = 0;
    for (size_t i = 0; i < len; i++)
        n += f->touched[a + i];
    return n;
}
/* Bytes written anywhere since fake_reset_log, from the write log (cheaper
 * than scanning all of memory; the log must not have overflowed). */
static inline unsigned written_total(const struct fake *f)
{
    unsigned n = atomic_load(&f->nlog), sum = 0;
    ck_assert_uint_le(n, 64);
    for (unsigned i = 0; i < n; i++)
        sum += (unsigned)f->log[i].len;
    return sum;
}
static inline unsigned touched_total(const struct fake *f, uint64_t prefix)
{
    return touched(f, prefix, 0x2000);
}

/* Store a new PSW for a class at prefix + off. */
static inline void set_new_psw(struct fake *f, uint32_t prefix, unsigned off,
                               uint64_t mask, uint64_t addr)
{
    wr64(f, prefix + off, mask);
    wr64(f, prefix + off + 8, addr);
}

/* New PSWs for every class, disabled for everything (so a chain stops),
 * each with a distinct address: 0x1000 + class offset. */
static inline void set_all_new_psws(struct fake *f, uint32_t prefix)
{
    for (unsigned off = 0x1A0; off <= 0x1F0; off += 0x10)
        set_new_psw(f, prefix, off, VINTC_S390_PSW_64BIT, 0x10000 + off);
}

/* A vCPU enabled for everything. */
static inline void state_enabled(struct s390_cpu_state *st, uint32_t prefix)
{
    memset(st, 0, sizeof(*st));
    st->psw.mask = VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT |
                   VINTC_S390_PSW_MCHK | VINTC_S390_PSW_64BIT;
    st->psw.addr = 0x123456;
    st->cr[0] = 0xFE00;      /* every external subclass */
    st->cr[6] = 0xFF000000;  /* every ISC */
    st->cr[14] = 0x1F000000; /* every repressible subclass */
    st->ckc = UINT64_MAX;    /* clock comparator never */
    st->prefix = prefix;
}

static inline struct s390_irq irq_of(enum s390_irq_type t)
{
    struct s390_irq irq;
    memset(&irq, 0, sizeof(irq));
    irq.type = t;
    return irq;
}

static inline struct s390_irq io_irq(uint16_t id, uint16_t nr, uint32_t parm,
                                     unsigned isc)
{
    struct s390_irq irq = irq_of(S390_IRQ_IO);
    irq.u.io.subchannel_id = id;
    irq.u.io.subchannel_nr = nr;
    irq.u.io.parm = parm;
    irq.u.io.word = (uint32_t)isc << 27;
    return irq;
}

static inline struct s390_irq ext_irq(enum s390_irq_type t, uint16_t src,
                                      uint32_t param, uint64_t param64)
{
    struct s390_irq irq = irq_of(t);
    irq.u.ext.src_cpu = src;
    irq.u.ext.param = param;
    irq.u.ext.param64 = param64;
    return irq;
}

#endif

/* SPDX-License-Identifier: MIT */
/* s390_save / s390_restore: each piece of floating and local state, the
 * delivery-in-progress rule, the rejection table and random round trips.
 * Every rejected restore is checked to leave the VM exactly as it was (its
 * own snapshot before and after is byte-identical). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "s390_fake.h"
#include "snap_suite_util.h"
#include "test_util.h"

#define PFX 0x4000u

static void stats_eq(struct s390_vm *a, struct s390_vm *b, unsigned cpu)
{
    struct s390_stats sa, sb;
    ck_assert_int_eq(s390_get_stats(a, cpu, &sa), 0);
    ck_assert_int_eq(s390_get_stats(b, cpu, &sb), 0);
    ck_assert(memcmp(&sa, &sb, sizeof(sa)) == 0);
}

/* Save f's VM, restore into a fresh one of the same shape: same bytes
 * again, same dump, same statistics. Returns the fresh fake. */
static struct fake *round_trip(struct fake *f, unsigned nr_cpus,
                               unsigned max_float)
{
    struct blob a = snap_save_s390(f->vm);
    struct fake *h = fake_new(nr_cpus, max_float, false);
    ck_assert_int_eq(s390_restore(h->vm, a.p, a.n), 0);
    struct blob b = snap_save_s390(h->vm);
    ck_assert(blob_eq(a, b));
    char *da = snap_dump_s390(f->vm), *db = snap_dump_s390(h->vm);
    ck_assert_str_eq(da, db);
    stats_eq(f->vm, h->vm, VINTC_S390_STATS_VM);
    for (unsigned c = 0; c < nr_cpus; c++)
        stats_eq(f->vm, h->vm, c);
    free(da);
    free(db);
    free(a.p);
    free(b.p);
    return h;
}

static void inject_vm(struct fake *f, struct s390_irq irq)
{
    ck_assert_int_eq(s390_inject_vm(f->vm, &irq), 0);
}

static void inject_cpu(struct fake *f, unsigned cpu, struct s390_irq irq)
{
    ck_assert_int_eq(s390_inject_vcpu(f->vm, cpu, &irq), 0);
}

/* Deliver exactly one interrupt to `cpu` (new PSWs are disabled). */
static void deliver_one(struct fake *f, unsigned cpu, struct s390_cpu_state *st)
{
    state_enabled(st, PFX);
    set_all_new_psws(f, PFX);
    ck_assert_int_eq(s390_deliver_pending(f->vm, cpu, st), 1);
}

/* ---- floating state ---------------------------------------------------- */

/* I/O interrupts stay FIFO per ISC, ISC 0 first (PoP chapter 6, I/O
 * interruptions; docs/design.md 4.3): the restored VM presents them in
 * the original order with their parameters. */
START_TEST(io_queues_in_order)
{
    struct fake *f = fake_new(2, 0, false);
    inject_vm(f, io_irq(1, 0x10, 0xA1, 3));
    inject_vm(f, io_irq(1, 0x11, 0xA2, 1));
    inject_vm(f, io_irq(2, 0x12, 0xA3, 3));
    inject_vm(f, io_irq(3, 0x13, 0xA4, 1));
    struct fake *h = round_trip(f, 2, 0);
    static const uint32_t want[] = { 0xA2, 0xA4, 0xA1, 0xA3 };
    struct s390_cpu_state st;
    for (unsigned i = 0; i < 4; i++) {
        deliver_one(h, 1, &st);
        ck_assert_uint_eq(rd32(h, PFX + VINTC_S390_LC_IO_INT_PARM), want[i]);
    }
    ck_assert_int_eq(s390_deliver_pending(h->vm, 1, &st), 0);
    fake_free(h);
    fake_free(f);
}
END_TEST

/* Service signal with its parameter, virtio and pfault-done tokens and the
 * floating machine check (PoP chapter 6, external and machine-check
 * interruptions). */
START_TEST(floating_external_and_mchk)
{
    struct fake *f = fake_new(1, 0, false);
    inject_vm(f, ext_irq(S390_IRQ_SERVICE, 0, 0x00ABC001, 0));
    inject_vm(f, ext_irq(S390_IRQ_VIRTIO, 0, 0x77, 0x1122334455667788ull));
    inject_vm(f, ext_irq(S390_IRQ_PFAULT_DONE, 0, 0, 0xCAFEull));
    struct s390_irq m = irq_of(S390_IRQ_MCHK_FLOAT);
    m.u.mchk.mcic = VINTC_S390_MCIC_CP;
    m.u.mchk.failing_addr = 0x5000;
    inject_vm(f, m);
    struct fake *h = round_trip(f, 1, 0);
    struct s390_cpu_state st;
    deliver_one(h, 0, &st); /* repressible machine check */
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_MCCK_CODE) &
                          VINTC_S390_MCIC_CP,
                      VINTC_S390_MCIC_CP);
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_MCCK_FAIL_ADDR), 0x5000);
    deliver_one(h, 0, &st); /* service signal */
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_INT_CODE), 0x2401);
    ck_assert_uint_eq(rd32(h, PFX + VINTC_S390_LC_EXT_PARAM), 0x00ABC001);
    deliver_one(h, 0, &st); /* pfault done */
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_EXT_PARAMS2), 0xCAFE);
    deliver_one(h, 0, &st); /* virtio */
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_EXT_PARAMS2),
                      0x1122334455667788ull);
    ck_assert_int_eq(s390_deliver_pending(h->vm, 0, &st), 0);
    fake_free(h);
    fake_free(f);
}
END_TEST

/* The cap counts the restored queue: one more floating interrupt than
 * max_float_irqs is refused after restore as before. */
START_TEST(cap_counts_restored_queue)
{
    struct fake *f = fake_new(1, 3, false);
    inject_vm(f, io_irq(1, 1, 1, 0));
    inject_vm(f, ext_irq(S390_IRQ_SERVICE, 0, 0x8, 0));
    inject_vm(f, ext_irq(S390_IRQ_VIRTIO, 0, 1, 1));
    struct fake *h = round_trip(f, 1, 3);
    struct s390_irq io = io_irq(1, 2, 2, 0);
    ck_assert_int_eq(s390_inject_vm(h->vm, &io), -EBUSY);
    fake_free(h);
    fake_free(f);
}
END_TEST

/* ---- local state ------------------------------------------------------- */

/* Emergency signals are kept per source CPU and delivered smallest CPU
 * address first; the external call keeps its source; program and SVC keep
 * their whole payload; the local machine check its codes. */
START_TEST(local_interrupts)
{
    struct fake *f = fake_new(4, 0, false);
    inject_cpu(f, 1, ext_irq(S390_IRQ_EMERGENCY, 3, 0, 0));
    inject_cpu(f, 1, ext_irq(S390_IRQ_EMERGENCY, 2, 0, 0));
    inject_cpu(f, 1, ext_irq(S390_IRQ_MALFUNCTION_ALERT, 0, 0, 0));
    inject_cpu(f, 1, ext_irq(S390_IRQ_EXTERNAL_CALL, 3, 0, 0));
    inject_cpu(f, 1, ext_irq(S390_IRQ_PFAULT_INIT, 0, 0, 0xBEEF));
    struct s390_irq pgm = irq_of(S390_IRQ_PROGRAM);
    pgm.u.pgm.code = 0x11;
    pgm.u.pgm.ilc = 4;
    pgm.u.pgm.trans_exc_code = 0xDEAD000;
    pgm.u.pgm.exc_access_id = 3;
    pgm.u.pgm.per_address = 0x4242;
    pgm.u.pgm.data_exc_code = 0x77;
    pgm.u.pgm.mon_code = 0x99;
    inject_cpu(f, 2, pgm);
    struct s390_irq svc = irq_of(S390_IRQ_SVC);
    svc.u.svc.code = 0x0A;
    svc.u.svc.ilc = 2;
    inject_cpu(f, 2, svc);
    struct s390_irq m = irq_of(S390_IRQ_MCHK);
    m.u.mchk.mcic = VINTC_S390_MCIC_SD;
    m.u.mchk.ext_damage = 0x12;
    inject_cpu(f, 3, m);
    struct fake *h = round_trip(f, 4, 0);
    struct s390_cpu_state st;
    deliver_one(h, 1, &st);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_INT_CODE), 0x1200);
    deliver_one(h, 1, &st);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_INT_CODE), 0x1201);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_CPU_ADDR), 2);
    deliver_one(h, 1, &st);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_CPU_ADDR), 3);
    deliver_one(h, 1, &st);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_INT_CODE), 0x1202);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_EXT_CPU_ADDR), 3);
    deliver_one(h, 1, &st);
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_EXT_PARAMS2), 0xBEEF);
    /* A second external call is refused as before: the slot was restored
     * busy and became free with the delivery. */
    ck_assert_int_eq(s390_deliver_pending(h->vm, 1, &st), 0);
    /* SVC, then program (neither maskable: one call takes both). */
    state_enabled(&st, PFX);
    ck_assert_int_eq(s390_deliver_pending(h->vm, 2, &st), 2);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_SVC_CODE), 0x0A);
    ck_assert_uint_eq(rd16(h, PFX + VINTC_S390_LC_PGM_CODE), 0x11);
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_TRANS_EXC_CODE), 0xDEAD000);
    /* (PER, DXC and monitor fields are stored only for their codes; the
     * byte-identical re-save covers them.) */
    deliver_one(h, 3, &st);
    ck_assert_uint_eq(rd64(h, PFX + VINTC_S390_LC_MCCK_CODE) &
                          VINTC_S390_MCIC_SD,
                      VINTC_S390_MCIC_SD);
    ck_assert_uint_eq(rd32(h, PFX + VINTC_S390_LC_EXT_DAMAGE_CODE), 0x12);
    fake_free(h);
    fake_free(f);
}
END_TEST

/* External call, program and SVC slots stay busy across a restore. */
START_TEST(single_slots_stay_busy)
{
    struct fake *f = fake_new(2, 0, false);
    inject_cpu(f, 0, ext_irq(S390_IRQ_EXTERNAL_CALL, 1, 0, 0));
    struct s390_irq pgm = irq_of(S390_IRQ_PROGRAM);
    pgm.u.pgm.code = 1;
    inject_cpu(f, 0, pgm);
    struct fake *h = round_trip(f, 2, 0);
    struct s390_irq x = ext_irq(S390_IRQ_EXTERNAL_CALL, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(h->vm, 0, &x), -EBUSY);
    ck_assert_int_eq(s390_inject_vcpu(h->vm, 0, &pgm), -EBUSY);
    struct s390_irq svc = irq_of(S390_IRQ_SVC);
    svc.u.svc.ilc = 2;
    ck_assert_int_eq(s390_inject_vcpu(h->vm, 0, &svc), 0);
    fake_free(h);
    fake_free(f);
}
END_TEST

/* Stopped state, a pending stop with its store-status flag, a pending
 * set-prefix, owed store status and a pending restart (PoP chapter 4,
 * signal-processor orders; docs/design.md 4.4). */
START_TEST(stop_prefix_restart)
{
    struct fake *f = fake_new(3, 0, false);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    inject_cpu(f, 0, stop); /* pending on operating 0 */
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
    struct s390_irq pfx = irq_of(S390_IRQ_SET_PREFIX);
    pfx.u.prefix.address = 0x8000;
    inject_cpu(f, 1, pfx);
    inject_cpu(f, 1, irq_of(S390_IRQ_RESTART));
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 2, true), 0);
    inject_cpu(f, 2, stop); /* completes: status owed */
    struct fake *h = round_trip(f, 3, 0);
    ck_assert(s390_cpu_stop_pending(h->vm, 0));
    ck_assert(!s390_cpu_is_stopped(h->vm, 0));
    ck_assert(s390_cpu_is_stopped(h->vm, 1));
    ck_assert(s390_cpu_is_stopped(h->vm, 2));
    ck_assert_int_eq(s390_inject_vcpu(h->vm, 0, &stop), -EBUSY);
    /* Stop with store status: stored at absolute 0x1200 at the next call. */
    ck_assert_int_eq(s390_cpu_set_stopped(h->vm, 0, true), 0);
    struct s390_cpu_state st;
    state_enabled(&st, PFX);
    struct s390_stats ss;
    ck_assert_int_eq(s390_deliver_pending(h->vm, 0, &st), 0);
    ck_assert_int_eq(s390_get_stats(h->vm, 0, &ss), 0);
    ck_assert_uint_eq(ss.store_status, 1);
    /* The owed status of vCPU 2 too, once. */
    ck_assert_int_eq(s390_deliver_pending(h->vm, 2, &st), 0);
    ck_assert_int_eq(s390_deliver_pending(h->vm, 2, &st), 0);
    ck_assert_int_eq(s390_get_stats(h->vm, 2, &ss), 0);
    ck_assert_uint_eq(ss.store_status, 1);
    /* Restart on stopped vCPU 1 with the new prefix. */
    set_all_new_psws(h, 0x8000);
    state_enabled(&st, PFX);
    ck_assert_int_eq(s390_deliver_pending(h->vm, 1, &st), 1);
    ck_assert_uint_eq(st.prefix, 0x8000);
    ck_assert(!s390_cpu_is_stopped(h->vm, 1));
    fake_free(h);
    fake_free(f);
}
END_TEST

/* A stop with store status that completes while a SET PREFIX is pending
 * owes a status that saves that prefix (PoP chapter 4, "Set Prefix": the
 * order has completed, so the address is the prefix): the restored VM
 * stores it, not the prefix in the vCPU state. */
START_TEST(owed_status_keeps_its_prefix)
{
    struct fake *f = fake_new(2, 0, false);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
    struct s390_irq pfx = irq_of(S390_IRQ_SET_PREFIX);
    pfx.u.prefix.address = 0x8000;
    inject_cpu(f, 1, pfx);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    inject_cpu(f, 1, stop); /* already stopped: owed now */
    struct fake *h = round_trip(f, 2, 0);
    struct s390_cpu_state st;
    state_enabled(&st, PFX);
    ck_assert_int_eq(s390_deliver_pending(h->vm, 1, &st), 0);
    ck_assert_uint_eq(rd32(h, VINTC_S390_LC_PREFIX_SAVE), 0x8000);
    ck_assert_uint_eq(st.prefix, 0x8000); /* and the prefix applied */
    fake_free(h);
    fake_free(f);
}
END_TEST

/* ---- delivery in progress ----------------------------------------------- */

struct busy_host {
    uint8_t mem[0x10000];
    struct s390_vm *vm;
    int save_rc;
    int restore_rc;
    struct blob blob;
};

static int busy_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    struct busy_host *b = opaque;
    /* Called during a delivery, without the lock: save and restore must
     * refuse, since the interrupt taken out is neither pending nor
     * delivered. */
    b->save_rc = s390_save(b->vm, NULL, 0);
    b->restore_rc = s390_restore(b->vm, b->blob.p, b->blob.n);
    if (addr + len > sizeof(b->mem))
        return -EFAULT;
    memcpy(buf, b->mem + addr, len);
    return 0;
}

static int busy_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    struct busy_host *b = opaque;
    if (addr + len > sizeof(b->mem))
        return -EFAULT;
    memcpy(b->mem + addr, buf, len);
    return 0;
}

START_TEST(busy_while_delivering)
{
    struct busy_host *b = calloc(1, sizeof(*b));
    struct vintc_host_ops ops = { .guest_read = busy_read,
                                  .guest_write = busy_write };
    struct s390_config cfg = { .nr_cpus = 1 };
    ck_assert_int_eq(s390_create(&cfg, &ops, b, &b->vm), 0);
    b->blob = snap_save_s390(b->vm);
    struct s390_irq io = io_irq(1, 1, 1, 0);
    ck_assert_int_eq(s390_inject_vm(b->vm, &io), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(b->vm, 0, &st), 1);
    ck_assert_int_eq(b->save_rc, -EBUSY);
    ck_assert_int_eq(b->restore_rc, -EBUSY);
    ck_assert_int_gt(s390_save(b->vm, NULL, 0), 0);
    free(b->blob.p);
    s390_destroy(b->vm);
    free(b);
}
END_TEST

START_TEST(size_query_and_short_buffer)
{
    struct fake *f = fake_new(2, 0, false);
    inject_vm(f, io_irq(1, 1, 1, 2));
    int n = s390_save(f->vm, NULL, 0);
    ck_assert_int_gt(n, 0);
    uint8_t *buf = malloc((size_t)n);
    ck_assert_int_eq(s390_save(f->vm, buf, (size_t)n - 1), -ENOSPC);
    ck_assert_int_eq(s390_save(f->vm, buf, (size_t)n), n);
    ck_assert(memcmp(buf, "VINTCSNP", 8) == 0);
    ck_assert_uint_eq(buf[SNAP_OFF_KIND + 1], 2);
    ck_assert_uint_eq(snap_be32(buf + n - 4),
                      snap_ref_crc32c(buf, (size_t)n - 4));
    ck_assert_int_eq(s390_save(NULL, buf, (size_t)n), -EINVAL);
    ck_assert_int_eq(s390_restore(NULL, buf, (size_t)n), -EINVAL);
    ck_assert_int_eq(s390_restore(f->vm, NULL, (size_t)n), -EINVAL);
    free(buf);
    fake_free(f);
}
END_TEST

/* ---- rejection table ---------------------------------------------------- */

/* A live VM with state in it, for the rejections to leave alone. */
static struct fake *busy_vm(unsigned cpus, unsigned max_float)
{
    struct fake *f = fake_new(cpus, max_float, false);
    inject_vm(f, io_irq(5, 6, 7, 2));
    inject_vm(f, ext_irq(S390_IRQ_SERVICE, 0, 0x1000, 0));
    inject_cpu(f, 0, ext_irq(S390_IRQ_EMERGENCY, (uint16_t)(cpus - 1), 0, 0));
    inject_cpu(f, cpus - 1, ext_irq(S390_IRQ_PFAULT_INIT, 0, 0, 5));
    return f;
}

/* Offsets in a blob of an empty 2-vCPU VM (docs/snapshot-format.md). */
enum {
    F_RR = 0,
    F_SERVICE = 4,
    F_SERVICE_PARAM = 5,
    F_MCHK = 9,
    F_VIRTIO = 29,
    F_PFAULT = 33,
    F_IO = 37,
    F_STATS = 69,
    F_VCPU0 = F_STATS + 336,
    VCPU_LEN = 477,
    V_FLAGS = 0,
    V_PREFIX = 2,
    V_OWED_PREFIX = 6,
    V_EMERG = 10,
    V_MALF = 42,
    V_EXTCALL = 74,
    V_SVC = 76,
    V_PGM = 79,
    V_MCHK = 117,
    V_PFAULT = 137,
};

struct s390_mutation {
    const char *what;
    size_t off;  /* from the payload start */
    uint8_t val; /* byte written there */
};

START_TEST(impossible_states)
{
    struct fake *base = fake_new(2, 8, false);
    struct blob b = snap_save_s390(base->vm);
    size_t p = snap_payload_off(b.p);
    ck_assert_uint_eq(b.n - p - SNAP_CRC_LEN, F_VCPU0 + 2 * VCPU_LEN);
    struct fake *f = busy_vm(2, 8);
    const size_t v1 = F_VCPU0 + VCPU_LEN;
    const struct s390_mutation table[] = {
        { "round-robin position 2", F_RR + 3, 2 },
        { "service flag 2", F_SERVICE, 2 },
        { "service parameter without a service signal", F_SERVICE_PARAM + 3,
          8 },
        { "floating mchk exigent", F_MCHK, 0x80 },
        { "floating mchk without a CR14 subclass", F_MCHK + 7, 1 },
        { "floating mchk damage without a code", F_MCHK + 11, 1 },
        { "virtio count with no entries", F_VIRTIO + 3, 1 },
        { "virtio count past the cap", F_VIRTIO + 0, 0xFF },
        { "I/O count past the blob", F_IO + 3, 200 },
        { "unknown vCPU flag", F_VCPU0 + V_FLAGS, 0x80 },
        { "stop pending on a stopped vCPU", F_VCPU0 + V_FLAGS + 1, 0x03 },
        { "store-status flag without a stop", F_VCPU0 + V_FLAGS + 1, 0x04 },
        { "prefix without set-prefix pending", F_VCPU0 + V_PREFIX + 2, 0x20 },
        { "owed-status prefix without the flag", F_VCPU0 + V_OWED_PREFIX + 2,
          0x20 },
        { "owed-prefix flag without owed status", F_VCPU0 + V_FLAGS, 0x02 },
        { "emergency source CPU 2", F_VCPU0 + V_EMERG + 7, 0x04 },
        { "emergency source CPU 255", F_VCPU0 + V_EMERG + 24, 0x80 },
        { "malfunction source CPU 63", F_VCPU0 + V_MALF, 0x80 },
        { "external-call source without external call", v1 + V_EXTCALL + 1, 1 },
        { "SVC payload without SVC", v1 + V_SVC + 1, 1 },
        { "program payload without program", v1 + V_PGM + 10, 1 },
        { "local mchk without any subclass", v1 + V_MCHK + 7, 1 },
        { "pfault-init count past the blob", v1 + V_PFAULT + 3, 1 },
    };
    for (unsigned i = 0; i < N_ELEMS(table); i++) {
        uint8_t *m = malloc(b.n);
        memcpy(m, b.p, b.n);
        m[p + table[i].off] = table[i].val;
        snap_reseal(m, b.n);
        snap_expect_rejected_s390(f->vm, m, b.n, table[i].what);
        free(m);
    }
    /* Flag combinations with their payloads. */
    static const struct {
        const char *what;
        uint16_t flags;
        size_t off;
        uint8_t val;
        size_t off2;
        uint8_t val2;
    } combos[] = {
        { "external call from CPU 2", 0x040, V_EXTCALL + 1, 2, V_EXTCALL + 1,
          2 },
        { "SVC with ILC 0", 0x080, V_SVC + 1, 1, V_SVC + 1, 1 },
        { "SVC with ILC 3", 0x080, V_SVC + 2, 3, V_SVC + 2, 3 },
        { "program code 0", 0x100, V_PGM + 2, 4, V_PGM + 2, 4 },
        { "program ILC 5", 0x100, V_PGM + 1, 1, V_PGM + 2, 5 },
        { "unaligned set-prefix address", 0x010, V_PREFIX + 3, 0x10,
          V_PREFIX + 3, 0x10 },
        { "unaligned owed-status prefix", 0x208, V_OWED_PREFIX + 3, 0x10,
          V_OWED_PREFIX + 3, 0x10 },
    };
    for (unsigned i = 0; i < N_ELEMS(combos); i++) {
        uint8_t *m = malloc(b.n);
        memcpy(m, b.p, b.n);
        m[p + F_VCPU0 + V_FLAGS] = (uint8_t)(combos[i].flags >> 8);
        m[p + F_VCPU0 + V_FLAGS + 1] = (uint8_t)combos[i].flags;
        m[p + F_VCPU0 + combos[i].off] = combos[i].val;
        m[p + F_VCPU0 + combos[i].off2] = combos[i].val2;
        snap_reseal(m, b.n);
        snap_expect_rejected_s390(f->vm, m, b.n, combos[i].what);
        free(m);
    }
    free(b.p);
    fake_free(f);
    fake_free(base);
}
END_TEST

/* Queue lengths beyond max_float_irqs: a blob from a VM with a larger cap,
 * its configuration relabelled, is still refused for its queue. */
START_TEST(queue_past_cap)
{
    struct fake *src = fake_new(1, 8, false);
    for (unsigned i = 0; i < 5; i++)
        inject_vm(src, io_irq(1, (uint16_t)i, i, 0));
    struct blob b = snap_save_s390(src->vm);
    b.p[SNAP_HDR_LEN + 7] = 4; /* config: max_float_irqs 4 */
    snap_reseal(b.p, b.n);
    struct fake *f = busy_vm(1, 4);
    snap_expect_rejected_s390(f->vm, b.p, b.n, "5 I/O interrupts, cap 4");
    free(b.p);
    fake_free(f);
    fake_free(src);
    /* The same for a vCPU's pfault-init queue. */
    src = fake_new(1, 8, false);
    for (unsigned i = 0; i < 5; i++)
        inject_cpu(src, 0, ext_irq(S390_IRQ_PFAULT_INIT, 0, 0, i));
    b = snap_save_s390(src->vm);
    b.p[SNAP_HDR_LEN + 7] = 4;
    snap_reseal(b.p, b.n);
    f = busy_vm(1, 4);
    snap_expect_rejected_s390(f->vm, b.p, b.n, "5 pfault-init tokens, cap 4");
    free(b.p);
    fake_free(f);
    fake_free(src);
}
END_TEST

/* An I/O interrupt is queued under the ISC of its interruption word. */
START_TEST(io_under_wrong_isc)
{
    struct fake *src = fake_new(1, 0, false);
    inject_vm(src, io_irq(1, 2, 3, 4));
    struct blob b = snap_save_s390(src->vm);
    size_t p = snap_payload_off(b.p);
    /* The ISC-4 queue: count, then id(2) nr(2) parm(4) word(4). */
    size_t word = p + F_IO + 4 * 4 + 4 + 8;
    ck_assert_uint_eq(b.p[word], 4u << 3);
    b.p[word] = 5u << 3;
    snap_reseal(b.p, b.n);
    snap_expect_rejected_s390(src->vm, b.p, b.n,
                              "ISC 5 word in the ISC 4 queue");
    free(b.p);
    fake_free(src);
}
END_TEST

START_TEST(every_truncation_and_bit_flip)
{
    struct fake *src = busy_vm(2, 0);
    inject_cpu(src, 1, irq_of(S390_IRQ_RESTART));
    struct blob b = snap_save_s390(src->vm);
    struct fake *f = fake_new(2, 0, false);
    struct blob before = snap_save_s390(f->vm);
    for (size_t n = 0; n < b.n; n++)
        if (s390_restore(f->vm, b.p, n) != -EINVAL)
            ck_abort_msg("truncation to %zu bytes accepted", n);
    uint8_t *longer = calloc(1, b.n + 1);
    memcpy(longer, b.p, b.n);
    ck_assert_int_eq(s390_restore(f->vm, longer, b.n + 1), -EINVAL);
    for (size_t i = 0; i < b.n * 8; i++) {
        b.p[i / 8] ^= (uint8_t)(1u << (i % 8));
        if (s390_restore(f->vm, b.p, b.n) != -EINVAL)
            ck_abort_msg("flip of bit %zu accepted", i);
        b.p[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    struct blob after = snap_save_s390(f->vm);
    ck_assert(blob_eq(before, after));
    ck_assert_int_eq(s390_restore(f->vm, b.p, b.n), 0);
    free(longer);
    free(b.p);
    free(before.p);
    free(after.p);
    fake_free(f);
    fake_free(src);
}
END_TEST

START_TEST(header_and_config_rejections)
{
    struct fake *src = busy_vm(2, 0);
    struct blob b = snap_save_s390(src->vm);
    struct fake *f = busy_vm(2, 0);
    static const struct {
        const char *what;
        size_t off;
        uint8_t val;
    } table[] = {
        { "magic", 7, 'Q' },
        { "kind GICv2", SNAP_OFF_KIND + 1, 1 },
        { "version 2 (newer)", SNAP_OFF_VERSION + 1, 2 },
        { "version 0", SNAP_OFF_VERSION + 1, 0 },
        { "config length", SNAP_OFF_CFGLEN + 3, 4 },
        { "config nr_cpus", SNAP_HDR_LEN + 3, 3 },
        { "config max_float_irqs", SNAP_HDR_LEN + 7, 1 },
    };
    for (unsigned i = 0; i < N_ELEMS(table); i++) {
        uint8_t *m = malloc(b.n);
        memcpy(m, b.p, b.n);
        m[table[i].off] = table[i].val;
        snap_reseal(m, b.n);
        snap_expect_rejected_s390(f->vm, m, b.n, table[i].what);
        free(m);
    }
    /* Into VMs of another shape. */
    struct fake *three = fake_new(3, 0, false);
    snap_expect_rejected_s390(three->vm, b.p, b.n, "3 vCPUs");
    struct fake *capped = fake_new(2, 100, false);
    snap_expect_rejected_s390(capped->vm, b.p, b.n, "max_float_irqs 100");
    fake_free(three);
    fake_free(capped);
    free(b.p);
    fake_free(f);
    fake_free(src);
}
END_TEST

/* ---- random states through the public API ------------------------------- */

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void random_irq(uint64_t *s, unsigned cpus, struct s390_irq *irq)
{
    uint64_t r = rnd(s);
    memset(irq, 0, sizeof(*irq));
    irq->type = (enum s390_irq_type)(r % VINTC_S390_IRQ_NR_TYPES);
    uint64_t v = rnd(s);
    switch (irq->type) {
    case S390_IRQ_IO:
        irq->u.io.subchannel_id = (uint16_t)v;
        irq->u.io.subchannel_nr = (uint16_t)(v >> 16);
        irq->u.io.parm = (uint32_t)(v >> 32);
        irq->u.io.word = (uint32_t)(v >> 8) & 0xF8000000u;
        break;
    case S390_IRQ_PROGRAM:
        irq->u.pgm.code = (uint16_t)(1 + v % 0x40);
        irq->u.pgm.ilc = (uint8_t)(2 * (v >> 8) % 8);
        irq->u.pgm.trans_exc_code = v;
        irq->u.pgm.mon_code = v >> 3;
        break;
    case S390_IRQ_SVC:
        irq->u.svc.code = (uint16_t)v;
        irq->u.svc.ilc = (uint8_t)(2 + 2 * ((v >> 16) % 3));
        break;
    case S390_IRQ_MCHK:
    case S390_IRQ_MCHK_FLOAT: {
        static const uint64_t codes[] = { VINTC_S390_MCIC_CP, VINTC_S390_MCIC_W,
                                          VINTC_S390_MCIC_SD,
                                          VINTC_S390_MCIC_DG };
        irq->u.mchk.mcic = codes[v % 4];
        irq->u.mchk.ext_damage = (uint32_t)(v >> 8) & 0xFF;
        irq->u.mchk.failing_addr = v >> 20;
        break;
    }
    case S390_IRQ_STOP:
        irq->u.stop.store_status = v & 1;
        break;
    case S390_IRQ_SET_PREFIX:
        irq->u.prefix.address = (uint32_t)(v % 64) * 0x2000u;
        break;
    case S390_IRQ_SERVICE:
        irq->u.ext.param = (uint32_t)(v % 4) * 0x1000u | (uint32_t)(v >> 4) % 8;
        break;
    default:
        irq->u.ext.src_cpu = (uint16_t)(v % cpus);
        irq->u.ext.param = (uint32_t)(v >> 8);
        irq->u.ext.param64 = v >> 3;
        break;
    }
}

static void random_step(struct fake *f, unsigned cpus, uint64_t *s)
{
    uint64_t r = rnd(s);
    unsigned cpu = (unsigned)(r >> 8) % cpus;
    struct s390_irq irq;
    struct s390_cpu_state st;
    switch (r % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
        random_irq(s, cpus, &irq);
        if ((r >> 20) & 1)
            (void)s390_inject_vm(f->vm, &irq);
        else
            (void)s390_inject_vcpu(f->vm, cpu, &irq);
        break;
    case 5:
    case 6:
        state_enabled(&st, PFX);
        st.cr[6] = (r >> 24) & 0xFF000000u;
        set_all_new_psws(f, PFX);
        (void)s390_deliver_pending(f->vm, cpu, &st);
        break;
    case 7:
        (void)s390_cpu_set_stopped(f->vm, cpu, (r >> 30) & 1);
        break;
    case 8:
        if ((r >> 32) % 8 == 0)
            (void)s390_cpu_reset(f->vm, cpu);
        break;
    default:
        state_enabled(&st, PFX);
        (void)s390_cpu_wait(f->vm, cpu, &st, 0);
        break;
    }
}

/* Random states: save -> restore -> save is identical, dumps and
 * statistics agree; then the original and the copy, driven by the same
 * further steps, stay identical. */
START_TEST(random_round_trips)
{
    static const unsigned shapes[][2] = {
        { 1, 0 }, { 2, 16 }, { 5, 0 }, { 70, 64 }
    };
    for (unsigned k = 0; k < 4; k++) {
        unsigned cpus = shapes[k][0], cap = shapes[k][1];
        for (uint64_t seed = 1; seed <= 4; seed++) {
            uint64_t s = seed * 0x9E3779B97F4A7C15ull + k;
            struct fake *f = fake_new(cpus, cap, false);
            for (unsigned i = 0; i < 300; i++)
                random_step(f, cpus, &s);
            struct fake *h = round_trip(f, cpus, cap);
            uint64_t s2 = s;
            for (unsigned i = 0; i < 200; i++) {
                random_step(f, cpus, &s);
                random_step(h, cpus, &s2);
            }
            struct blob a = snap_save_s390(f->vm), b = snap_save_s390(h->vm);
            ck_assert(blob_eq(a, b));
            free(a.p);
            free(b.p);
            fake_free(h);
            fake_free(f);
        }
    }
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_snapshot");
    TCase *tc = tcase_create("state");
    tcase_add_test(tc, size_query_and_short_buffer);
    tcase_add_test(tc, io_queues_in_order);
    tcase_add_test(tc, floating_external_and_mchk);
    tcase_add_test(tc, cap_counts_restored_queue);
    tcase_add_test(tc, local_interrupts);
    tcase_add_test(tc, single_slots_stay_busy);
    tcase_add_test(tc, stop_prefix_restart);
    tcase_add_test(tc, owed_status_keeps_its_prefix);
    tcase_add_test(tc, busy_while_delivering);
    suite_add_tcase(s, tc);
    tc = tcase_create("rejection");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, impossible_states);
    tcase_add_test(tc, queue_past_cap);
    tcase_add_test(tc, io_under_wrong_isc);
    tcase_add_test(tc, every_truncation_and_bit_flip);
    tcase_add_test(tc, header_and_config_rejections);
    suite_add_tcase(s, tc);
    tc = tcase_create("random");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, random_round_trips);
    suite_add_tcase(s, tc);
    return s;
}

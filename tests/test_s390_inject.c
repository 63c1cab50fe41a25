/* SPDX-License-Identifier: MIT */
/* s390 creation and injection: validation, coalescing, busy rules, caps,
 * FIFO order, statistics and dump. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "s390_fake.h"
#include "test_util.h"

static const enum s390_irq_type floating_types[] = {
    S390_IRQ_SERVICE, S390_IRQ_VIRTIO,     S390_IRQ_PFAULT_DONE,
    S390_IRQ_IO,      S390_IRQ_MCHK_FLOAT,
};
static const enum s390_irq_type local_types[] = {
    S390_IRQ_EMERGENCY,   S390_IRQ_EXTERNAL_CALL, S390_IRQ_MALFUNCTION_ALERT,
    S390_IRQ_PFAULT_INIT, S390_IRQ_PROGRAM,       S390_IRQ_SVC,
    S390_IRQ_MCHK,        S390_IRQ_RESTART,       S390_IRQ_STOP,
    S390_IRQ_SET_PREFIX,
};

/* Deliver exactly one interruption to `cpu` (new PSWs are disabled). */
static void deliver_one(struct fake *f, unsigned cpu, uint32_t prefix)
{
    struct s390_cpu_state st;
    state_enabled(&st, prefix);
    ck_assert_int_eq(s390_deliver_pending(f->vm, cpu, &st), 1);
}

static void deliver_none(struct fake *f, unsigned cpu)
{
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, cpu, &st), 0);
}

START_TEST(create_validates_config)
{
    struct vintc_host_ops ops = { .guest_read = fake_read,
                                  .guest_write = fake_write };
    struct s390_config cfg = { .nr_cpus = 1 };
    struct s390_vm *vm = (struct s390_vm *)&cfg;
    ck_assert_int_eq(s390_create(NULL, &ops, NULL, &vm), -EINVAL);
    ck_assert_ptr_null(vm);
    ck_assert_int_eq(s390_create(&cfg, NULL, NULL, &vm), -EINVAL);
    ck_assert_int_eq(s390_create(&cfg, &ops, NULL, NULL), -EINVAL);
    cfg.nr_cpus = 0;
    ck_assert_int_eq(s390_create(&cfg, &ops, NULL, &vm), -EINVAL);
    cfg.nr_cpus = VINTC_S390_MAX_CPUS + 1;
    ck_assert_int_eq(s390_create(&cfg, &ops, NULL, &vm), -EINVAL);
    cfg.nr_cpus = 2;
    ops.guest_read = NULL;
    ck_assert_int_eq(s390_create(&cfg, &ops, NULL, &vm), -EINVAL);
    ops.guest_read = fake_read;
    ops.guest_write = NULL;
    ck_assert_int_eq(s390_create(&cfg, &ops, NULL, &vm), -EINVAL);
    ops.guest_write = fake_write;
    cfg.nr_cpus = VINTC_S390_MAX_CPUS;
    ck_assert_int_eq(s390_create(&cfg, &ops, NULL, &vm), 0);
    ck_assert_ptr_nonnull(vm);
    s390_destroy(vm);
    s390_destroy(NULL);
}
END_TEST

START_TEST(wrong_scope_and_unknown_types_are_einval)
{
    struct fake *f = fake_new(2, 0, false);
    for (size_t i = 0; i < sizeof(local_types) / sizeof(local_types[0]); i++) {
        struct s390_irq irq = irq_of(local_types[i]);
        ck_assert_int_eq(s390_inject_vm(f->vm, &irq), -EINVAL);
    }
    for (size_t i = 0; i < sizeof(floating_types) / sizeof(floating_types[0]);
         i++) {
        struct s390_irq irq = io_irq(1, 2, 3, 0);
        irq.type = floating_types[i];
        irq.u.mchk.mcic = UINT64_C(0x0040000000000000);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &irq), -EINVAL);
    }
    struct s390_irq bad = irq_of(S390_IRQ_RESTART);
    bad.type = (enum s390_irq_type)VINTC_S390_IRQ_NR_TYPES;
    ck_assert_int_eq(s390_inject_vm(f->vm, &bad), -EINVAL);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &bad), -EINVAL);
    bad.type = (enum s390_irq_type) - 1;
    ck_assert_int_eq(s390_inject_vm(f->vm, &bad), -EINVAL);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &bad), -EINVAL);
    struct s390_irq ok = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 2, &ok), -EINVAL);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, ~0u, &ok), -EINVAL);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, NULL), -EINVAL);
    ck_assert_int_eq(s390_inject_vcpu(NULL, 0, &ok), -EINVAL);
    ck_assert_int_eq(s390_inject_vm(f->vm, NULL), -EINVAL);
    ck_assert_int_eq(s390_inject_vm(NULL, &ok), -EINVAL);
    /* Nothing became pending. */
    deliver_none(f, 0);
    deliver_none(f, 1);
    struct s390_stats vs;
    ck_assert_int_eq(s390_get_stats(f->vm, VINTC_S390_STATS_VM, &vs), 0);
    ck_assert_uint_ge(vs.rejected, 15);
    fake_free(f);
}
END_TEST

START_TEST(source_cpu_must_exist)
{
    struct fake *f = fake_new(3, 0, false);
    const enum s390_irq_type t[] = { S390_IRQ_EMERGENCY, S390_IRQ_EXTERNAL_CALL,
                                     S390_IRQ_MALFUNCTION_ALERT };
    for (unsigned i = 0; i < 3; i++) {
        struct s390_irq irq = ext_irq(t[i], 3, 0, 0);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &irq), -EINVAL);
        irq.u.ext.src_cpu = 0xFFFF;
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &irq), -EINVAL);
        irq.u.ext.src_cpu = 2;
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &irq), 0);
    }
    fake_free(f);
}
END_TEST

START_TEST(program_and_svc_fields_validated)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_irq p = irq_of(S390_IRQ_PROGRAM);
    p.u.pgm.code = 0;
    p.u.pgm.ilc = 4;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), -EINVAL);
    p.u.pgm.code = 0x11;
    p.u.pgm.ilc = 3;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), -EINVAL);
    p.u.pgm.ilc = 8;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), -EINVAL);
    struct s390_irq s = irq_of(S390_IRQ_SVC);
    s.u.svc.ilc = 0;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &s), -EINVAL);
    s.u.svc.ilc = 5;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &s), -EINVAL);
    deliver_none(f, 0);
    p.u.pgm.ilc = 0; /* 0 is a valid ILC for a program interruption */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
    s.u.svc.ilc = 2;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &s), 0);
    fake_free(f);
}
END_TEST

START_TEST(second_program_svc_extcall_stop_are_ebusy)
{
    struct fake *f = fake_new(2, 0, false);
    struct s390_irq p = irq_of(S390_IRQ_PROGRAM);
    p.u.pgm.code = 1;
    p.u.pgm.ilc = 2;
    struct s390_irq s = irq_of(S390_IRQ_SVC);
    s.u.svc.code = 7;
    s.u.svc.ilc = 2;
    struct s390_irq e = ext_irq(S390_IRQ_EXTERNAL_CALL, 1, 0, 0);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), -EBUSY);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &s), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &s), -EBUSY);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
    e.u.ext.src_cpu = 0;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), -EBUSY);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), -EBUSY);
    /* The other vCPU is independent. */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &e), 0);
    /* After delivery each may be injected again. SVC and program are not
     * maskable, so one call delivers both (the chain); the external call
     * then waits for an enabled PSW. */
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 2);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &s), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), -EBUSY);
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 2);
    deliver_one(f, 0, 0); /* external call from cpu 1 */
    ck_assert_uint_eq(rd16(f, 0x84), 1);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop),
                     0); /* stopped: done at once */
    ck_assert(!s390_cpu_stop_pending(f->vm, 0));
    fake_free(f);
}
END_TEST

START_TEST(set_prefix_rules)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0x4000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), -EBUSY); /* operating */
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    const uint32_t bad[] = { 0x1000, 0x2001, 0x80000000u, 0xFFFFE000u, 0x4010 };
    for (unsigned i = 0; i < 5; i++) {
        sp.u.prefix.address = bad[i];
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), -EINVAL);
    }
    sp.u.prefix.address = 0x7FFFE000u;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    sp.u.prefix.address = 0x6000; /* replaces the unapplied one */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert_uint_eq(st.prefix, 0x6000);
    fake_free(f);
}
END_TEST

START_TEST(service_signal_coalesces)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_irq s = ext_irq(S390_IRQ_SERVICE, 0, 0x00AB1000 | 1, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
    s.u.ext.param = 0x00AB1000 | 2; /* same SCCB, other event bit */
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
    s.u.ext.param = 4; /* no SCCB: coalesces */
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
    s.u.ext.param = 0x00CD2000; /* another SCCB */
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), -EBUSY);
    deliver_one(f, 0, 0);
    ck_assert_uint_eq(rd32(f, 0x80), 0x00AB1000 | 7);
    ck_assert_uint_eq(rd16(f, 0x86), 0x2401);
    deliver_none(f, 0);
    /* Now the other address is accepted. */
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
    deliver_one(f, 0, 0);
    ck_assert_uint_eq(rd32(f, 0x80), 0x00CD2000);
    struct s390_stats vs;
    ck_assert_int_eq(s390_get_stats(f->vm, VINTC_S390_STATS_VM, &vs), 0);
    ck_assert_uint_eq(vs.injected[S390_IRQ_SERVICE], 4);
    ck_assert_uint_eq(vs.delivered[S390_IRQ_SERVICE], 2);
    fake_free(f);
}
END_TEST

START_TEST(floating_cap_is_ebusy)
{
    struct fake *f = fake_new(1, 3, false);
    struct s390_irq io = io_irq(0, 1, 0, 3);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_irq v = ext_irq(S390_IRQ_VIRTIO, 0, 1, 2);
    ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
    struct s390_irq s = ext_irq(S390_IRQ_SERVICE, 0, 0x1000, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), -EBUSY);
    ck_assert_int_eq(s390_inject_vm(f->vm, &v), -EBUSY);
    struct s390_irq pd = ext_irq(S390_IRQ_PFAULT_DONE, 0, 0, 9);
    ck_assert_int_eq(s390_inject_vm(f->vm, &pd), -EBUSY);
    struct s390_irq m = irq_of(S390_IRQ_MCHK_FLOAT);
    m.u.mchk.mcic = UINT64_C(0x0040000000000000);
    ck_assert_int_eq(s390_inject_vm(f->vm, &m), -EBUSY);
    s.u.ext.param = 0x1001; /* coalescing needs no room */
    ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
    deliver_one(f, 0, 0); /* service */
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), -EBUSY);
    fake_free(f);
}
END_TEST

START_TEST(default_cap_is_266250)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_irq io = io_irq(0, 1, 0, 7);
    for (unsigned i = 0; i < 266250; i++)
        ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), -EBUSY);
    fake_free(f);
}
END_TEST

START_TEST(emergency_per_source_coalesces)
{
    struct fake *f = fake_new(4, 0, false);
    const uint16_t srcs[] = { 3, 1, 3, 2, 1 };
    for (unsigned i = 0; i < 5; i++) {
        struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, srcs[i], 0, 0);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
        struct s390_irq m = ext_irq(S390_IRQ_MALFUNCTION_ALERT, srcs[i], 0, 0);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &m), 0);
    }
    for (uint16_t want = 1; want <= 3; want++) {
        deliver_one(f, 0, 0);
        ck_assert_uint_eq(rd16(f, 0x86), 0x1201);
        ck_assert_uint_eq(rd16(f, 0x84), want);
    }
    deliver_none(f, 0);
    for (uint16_t want = 1; want <= 3; want++) {
        deliver_one(f, 1, 0x4000);
        ck_assert_uint_eq(rd16(f, 0x4086), 0x1200);
        ck_assert_uint_eq(rd16(f, 0x4084), want);
    }
    deliver_none(f, 1);
    fake_free(f);
}
END_TEST

START_TEST(io_fifo_per_isc_and_isc_order)
{
    struct fake *f = fake_new(1, 0, false);
    /* ISC 5: parm 50, 51, 52; ISC 2: 20, 21; ISC 0: 1. */
    const unsigned isc[] = { 5, 2, 5, 0, 2, 5 };
    const uint32_t parm[] = { 50, 20, 51, 1, 21, 52 };
    for (unsigned i = 0; i < 6; i++) {
        struct s390_irq io = io_irq(0x0001, (uint16_t)i, parm[i], isc[i]);
        ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    }
    const uint32_t order[] = { 1, 20, 21, 50, 51, 52 };
    for (unsigned i = 0; i < 6; i++) {
        deliver_one(f, 0, 0);
        ck_assert_uint_eq(rd32(f, 0xBC), order[i]);
    }
    deliver_none(f, 0);
    fake_free(f);
}
END_TEST

START_TEST(virtio_pfault_fifo)
{
    struct fake *f = fake_new(1, 0, false);
    for (unsigned i = 0; i < 3; i++) {
        struct s390_irq v = ext_irq(S390_IRQ_VIRTIO, 0, 100 + i, 1000 + i);
        ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
        struct s390_irq p = ext_irq(S390_IRQ_PFAULT_INIT, 0, 0, 200 + i);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
        struct s390_irq d = ext_irq(S390_IRQ_PFAULT_DONE, 0, 0, 300 + i);
        ck_assert_int_eq(s390_inject_vm(f->vm, &d), 0);
    }
    for (unsigned i = 0; i < 3; i++) {
        deliver_one(f, 0, 0);
        ck_assert_uint_eq(rd16(f, 0x84), 0x0600);
        ck_assert_uint_eq(rd64(f, 0x11B8), 200 + i);
    }
    for (unsigned i = 0; i < 3; i++) {
        deliver_one(f, 0, 0);
        ck_assert_uint_eq(rd16(f, 0x84), 0x0680);
        ck_assert_uint_eq(rd64(f, 0x11B8), 300 + i);
    }
    for (unsigned i = 0; i < 3; i++) {
        deliver_one(f, 0, 0);
        ck_assert_uint_eq(rd16(f, 0x84), 0x0D00);
        ck_assert_uint_eq(rd32(f, 0x80), 100 + i);
        ck_assert_uint_eq(rd64(f, 0x11B8), 1000 + i);
    }
    deliver_none(f, 0);
    fake_free(f);
}
END_TEST

START_TEST(machine_check_validation_and_merge)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_irq m = irq_of(S390_IRQ_MCHK);
    m.u.mchk.mcic = 0;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &m), -EINVAL);
    m.u.mchk.mcic = UINT64_C(0x0000000000F00000); /* validity bits only */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &m), -EINVAL);
    struct s390_irq mf = irq_of(S390_IRQ_MCHK_FLOAT);
    mf.u.mchk.mcic = UINT64_C(0x8000000000000000); /* exigent cannot float */
    ck_assert_int_eq(s390_inject_vm(f->vm, &mf), -EINVAL);
    mf.u.mchk.mcic = 0;
    ck_assert_int_eq(s390_inject_vm(f->vm, &mf), -EINVAL);
    m.u.mchk.mcic = UINT64_C(0x0400000000000000); /* external damage */
    m.u.mchk.ext_damage = 0x10;
    m.u.mchk.failing_addr = 0x5000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &m), 0);
    m.u.mchk.mcic = UINT64_C(0x0080000000000000); /* warning */
    m.u.mchk.ext_damage = 0x01;
    m.u.mchk.failing_addr = 0x6000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &m), 0);
    deliver_one(f, 0, 0);
    ck_assert_uint_eq(rd64(f, 0xE8), UINT64_C(0x0480000000000000));
    ck_assert_uint_eq(rd32(f, 0xF4), 0x11);
    ck_assert_uint_eq(rd64(f, 0xF8), 0x5000);
    deliver_none(f, 0);
    fake_free(f);
}
END_TEST

START_TEST(stats_and_dump)
{
    struct fake *f = fake_new(2, 0, false);
    struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 1, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
    struct s390_irq io = io_irq(0x0001, 0x0042, 0xCAFE, 3);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_irq bad = ext_irq(S390_IRQ_EMERGENCY, 7, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &bad), -EINVAL);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(s390_dump(f->vm, out), 0);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(buf, "emergency"));
    ck_assert_ptr_nonnull(strstr(buf, "io-isc3"));
    ck_assert_ptr_nonnull(strstr(buf, "parm 0x0000cafe"));
    free(buf);
    ck_assert_int_eq(s390_dump(NULL, stdout), -EINVAL);
    ck_assert_int_eq(s390_dump(f->vm, NULL), -EINVAL);

    deliver_one(f, 0, 0);
    deliver_one(f, 0, 0);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.injected[S390_IRQ_EMERGENCY], 1);
    ck_assert_uint_eq(s.delivered[S390_IRQ_EMERGENCY], 1);
    ck_assert_uint_eq(s.delivered[S390_IRQ_IO], 1);
    ck_assert_uint_eq(s.rejected, 1);
    ck_assert_int_eq(s390_get_stats(f->vm, VINTC_S390_STATS_VM, &s), 0);
    ck_assert_uint_eq(s.injected[S390_IRQ_IO], 1);
    ck_assert_uint_eq(s.delivered[S390_IRQ_IO], 1);
    ck_assert_int_eq(s390_get_stats(f->vm, 2, &s), -EINVAL);
    ck_assert_int_eq(s390_get_stats(f->vm, 0, NULL), -EINVAL);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_inject");
    TCase *tc = tcase_create("inject");
    tcase_add_test(tc, create_validates_config);
    tcase_add_test(tc, wrong_scope_and_unknown_types_are_einval);
    tcase_add_test(tc, source_cpu_must_exist);
    tcase_add_test(tc, program_and_svc_fields_validated);
    tcase_add_test(tc, second_program_svc_extcall_stop_are_ebusy);
    tcase_add_test(tc, set_prefix_rules);
    tcase_add_test(tc, service_signal_coalesces);
    tcase_add_test(tc, floating_cap_is_ebusy);
    tcase_add_test(tc, default_cap_is_266250);
    tcase_add_test(tc, emergency_per_source_coalesces);
    tcase_add_test(tc, io_fifo_per_isc_and_isc_order);
    tcase_add_test(tc, virtio_pfault_fifo);
    tcase_add_test(tc, machine_check_validation_and_merge);
    tcase_add_test(tc, stats_and_dump);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
/* s390 stop, store status, restart, set prefix and CPU reset. */
#include "s390_fake.h"
#include "test_util.h"

static void regs(struct s390_cpu_state *st)
{
    for (unsigned i = 0; i < 16; i++) {
        st->gprs[i] = 0x1000000000000000ull + i;
        st->fprs[i] = 0x2000000000000000ull + i;
        st->acrs[i] = 0x30000000u + i;
        st->cr[i] = 0x4000000000000000ull + i;
    }
    st->fpc = 0xAABBCCDD;
    st->todpr = 0x1234;
    st->cpu_timer = -2;
    st->ckc = 0x0102030405060708ull;
}

START_TEST(stop_is_reported_and_consumed)
{
    struct fake *f = fake_new(2, 0, false);
    ck_assert(!s390_cpu_stop_pending(f->vm, 0));
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert(s390_cpu_stop_pending(f->vm, 0));
    ck_assert(!s390_cpu_stop_pending(f->vm, 1));
    ck_assert_uint_eq(atomic_load(&f->kicks[0]), 1);
    /* Not a PSW swap. */
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert(!s390_cpu_is_stopped(f->vm, 0));
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    ck_assert(s390_cpu_is_stopped(f->vm, 0));
    ck_assert(!s390_cpu_stop_pending(f->vm, 0));
    /* Without store status nothing is written. */
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert_uint_eq(f->writes, 0);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.delivered[S390_IRQ_STOP], 1);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, false), 0);
    ck_assert(!s390_cpu_is_stopped(f->vm, 0));
    ck_assert_int_eq(s390_cpu_set_stopped(NULL, 0, true), -EINVAL);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 2, true), -EINVAL);
    ck_assert(!s390_cpu_is_stopped(f->vm, 2));
    ck_assert(!s390_cpu_stop_pending(NULL, 0));
    fake_free(f);
}
END_TEST

/* Status stored with its FPR save area at absolute `base` + 0x1200 (the
 * architected layout of real 0x1200..0x13FF), for a vCPU whose prefix is
 * `pfx`; `mode_id`: the architectural-mode id was stored at base + 163. */
static void check_status_at(const struct fake *f, uint64_t base, uint32_t pfx,
                            const struct s390_cpu_state *st, bool mode_id)
{
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(rd64(f, base + 0x1200 + 8 * i), st->fprs[i]);
        ck_assert_uint_eq(rd64(f, base + 0x1280 + 8 * i), st->gprs[i]);
        ck_assert_uint_eq(rd32(f, base + 0x1340 + 4 * i), st->acrs[i]);
        ck_assert_uint_eq(rd64(f, base + 0x1380 + 8 * i), st->cr[i]);
    }
    ck_assert_uint_eq(rd64(f, base + 0x1300), st->psw.mask);
    ck_assert_uint_eq(rd64(f, base + 0x1308), st->psw.addr);
    ck_assert_uint_eq(rd32(f, base + 0x1318), pfx);
    ck_assert_uint_eq(rd32(f, base + 0x131C), 0xAABBCCDD);
    ck_assert_uint_eq(rd32(f, base + 0x1324), 0x1234);
    ck_assert_uint_eq(rd64(f, base + 0x1328), (uint64_t)-2);
    ck_assert_uint_eq(rd64(f, base + 0x1330), 0x0001020304050607ull);
    ck_assert_uint_eq(f->mem[base + 0xA3], mode_id ? 1 : 0);
    ck_assert_uint_eq(touched(f, base + 0xA3, 1), mode_id ? 1 : 0);
    /* 128+128+16+4+4+4+8+8+64+128 = 492 bytes plus the mode id, and
     * nothing anywhere else. */
    ck_assert_uint_eq(touched(f, base + 0x1200, 0x200), 492);
    ck_assert_uint_eq(written_total(f), 492u + (mode_id ? 1 : 0));
}

static void check_status(const struct fake *f, uint32_t pfx,
                         const struct s390_cpu_state *st)
{
    check_status_at(f, pfx, pfx, st, true);
}

/* SIGP STOP AND STORE STATUS stores at ABSOLUTE 0x1200.. and the mode id at
 * absolute 163, whatever the prefix (PoP chapter 4, "Store Status" and
 * "Signal-Processor Orders"; KVM kvm_s390_store_status_unloaded with
 * KVM_S390_STORE_STATUS_NOADDR, QEMU do_stop_interrupt with
 * S390_STORE_STATUS_DEF_ADDR); only an explicit store to the prefix area
 * (s390_cpu_store_status) uses prefix + 0x1200. */
START_TEST(stop_with_store_status)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0x20000);
    regs(&st);
    struct s390_cpu_state before = st;
    fake_reset_log(f);
    f->fail_at = 3; /* the status store fails */
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), -EFAULT);
    ck_assert_mem_eq(&st, &before, sizeof(st));
    f->fail_at = 0;
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    check_status_at(f, 0, 0x20000, &st, true);
    ck_assert_uint_eq(touched(f, 0x20000, 0x2000), 0);
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0); /* stored once */
    ck_assert_uint_eq(f->writes, 0);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.store_status, 1);
    /* A stop with store status to a stopped vCPU completes at once; the
     * status goes to absolute 0x1200 too. */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert(!s390_cpu_stop_pending(f->vm, 0));
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    check_status_at(f, 0, 0x20000, &st, true);
    /* The explicit prefixed variant. */
    fake_reset_log(f);
    ck_assert_int_eq(s390_cpu_store_status(f->vm, 0, &st), 0);
    check_status(f, 0x20000, &st);
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st),
                     0); /* no longer owed */
    ck_assert_uint_eq(f->writes, 0);
    ck_assert_int_eq(s390_cpu_store_status(f->vm, 1, &st), -EINVAL);
    ck_assert_int_eq(s390_cpu_store_status(f->vm, 0, NULL), -EINVAL);
    f->fail_at = 1;
    ck_assert_int_eq(s390_cpu_store_status(f->vm, 0, &st), -EFAULT);
    fake_free(f);
}
END_TEST

START_TEST(restart_starts_a_stopped_vcpu)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0);
    /* The restart new PSW enables external interrupts. */
    set_new_psw(f, 0, 0x1A0, VINTC_S390_PSW_64BIT | VINTC_S390_PSW_EXT, 0xA000);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    const struct s390_psw old = st.psw;
    /* Restart first (the CPU is stopped), then the emergency signal the
     * restart new PSW enabled. */
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 2);
    ck_assert(!s390_cpu_is_stopped(f->vm, 0));
    ck_assert_uint_eq(f->seq[0], S390_IRQ_RESTART);
    ck_assert_uint_eq(f->seq[1], S390_IRQ_EMERGENCY);
    ck_assert_uint_eq(rd64(f, 0x120), old.mask);
    ck_assert_uint_eq(rd64(f, 0x128), old.addr);
    ck_assert_uint_eq(rd64(f, 0x130),
                      VINTC_S390_PSW_64BIT | VINTC_S390_PSW_EXT);
    ck_assert_uint_eq(rd64(f, 0x138), 0xA000);
    ck_assert_uint_eq(st.psw.addr, 0x10000 + 0x1B0);
    fake_free(f);
}
END_TEST

START_TEST(set_prefix_applies_at_next_delivery)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0x2000);
    set_all_new_psws(f, 0xA000);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0xA000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0x2000);
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(st.prefix, 0xA000);
    /* The restart already used the new prefix. */
    ck_assert_uint_eq(touched(f, 0xA000 + 0x120, 16), 16);
    ck_assert_uint_eq(touched(f, 0x2000, 0x2000), 0);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.delivered[S390_IRQ_SET_PREFIX], 1);
    /* A failed delivery does not apply it either. */
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    sp.u.prefix.address = 0x2000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    f->fail_at = 1;
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), -EFAULT);
    ck_assert_uint_eq(st.prefix, 0xA000);
    f->fail_at = 0;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(st.prefix, 0x2000);
    fake_free(f);
}
END_TEST

START_TEST(reset_clears_local_keeps_floating)
{
    struct fake *f = fake_new(2, 0, false);
    set_all_new_psws(f, 0);
    const enum s390_irq_type t[] = { S390_IRQ_EMERGENCY, S390_IRQ_EXTERNAL_CALL,
                                     S390_IRQ_MALFUNCTION_ALERT,
                                     S390_IRQ_PFAULT_INIT, S390_IRQ_RESTART };
    for (unsigned i = 0; i < 5; i++) {
        struct s390_irq irq = ext_irq(t[i], 1, 0, 0);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &irq), 0);
    }
    struct s390_irq p = irq_of(S390_IRQ_PROGRAM);
    p.u.pgm.code = 5;
    p.u.pgm.ilc = 2;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
    struct s390_irq m = irq_of(S390_IRQ_MCHK);
    m.u.mchk.mcic = 0x8000000000000000ull;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &m), 0);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    struct s390_irq io = io_irq(0, 0, 0x31, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_irq e1 = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &e1), 0);
    s390_cpu_kick(f->vm, 0);

    ck_assert_int_eq(s390_cpu_reset(f->vm, 0), 0);
    ck_assert(s390_cpu_is_stopped(f->vm, 0));
    ck_assert(!s390_cpu_stop_pending(f->vm, 0));
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, false), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1); /* the I/O only */
    ck_assert_uint_eq(f->seq[0], S390_IRQ_IO);
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    /* The kick was cleared too. */
    st.cpu_timer = INT64_MAX;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0), -ETIMEDOUT);
    /* Busy slots were freed. */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
    /* The other vCPU is untouched. */
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 1);
    ck_assert_int_eq(s390_cpu_reset(f->vm, 2), -EINVAL);
    ck_assert_int_eq(s390_cpu_reset(NULL, 0), -EINVAL);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_stop");
    TCase *tc = tcase_create("stop");
    tcase_add_test(tc, stop_is_reported_and_consumed);
    tcase_add_test(tc, stop_with_store_status);
    tcase_add_test(tc, restart_starts_a_stopped_vcpu);
    tcase_add_test(tc, set_prefix_applies_at_next_delivery);
    tcase_add_test(tc, reset_clears_local_keeps_floating);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
/* The s390 rules a SIGP handler and a dump tool rely on, checked against
 * outside references: the z/Architecture Principles of Operation (chapter
 * 3 "Assigned Storage Locations", chapter 4 "Resets", "Store Status",
 * "Signal-Processor Orders", chapter 6 "Program-Interruption Conditions"),
 * Linux KVM (arch/s390/kvm/interrupt.c, sigp.c, kvm-s390.c) and QEMU
 * (target/s390x/sigp.c, cpu.c). */
#include "s390_fake.h"
#include "test_util.h"

static void regs(struct s390_cpu_state *st, uint32_t prefix)
{
    state_enabled(st, prefix);
    for (unsigned i = 0; i < 16; i++) {
        st->gprs[i] = 0x1100000000000000ull + i;
        st->fprs[i] = 0x2200000000000000ull + i;
        st->acrs[i] = 0x33000000u + i;
        st->cr[i] = 0x4400000000000000ull + i;
    }
    st->fpc = 0x01020304;
    st->todpr = 0xBEEF;
    st->cpu_timer = 0x123456789;
    st->ckc = 0xA1B2C3D4E5F60718ull;
    st->bear = 0x7777;
}

/* SIGP busy (condition code 2): a stop or restart order accepted and not
 * yet completed makes every order but the two resets busy, SENSE included
 * (PoP chapter 4, "Conditions Precluding Interpretation of the Order
 * Code"; KVM handle_sigp_dst answers busy to any non-reset order while a
 * stop or restart is pending, QEMU handle_sigp_single_dst while a stop
 * is). VINTC_S390_CPU_SIGP_BUSY is exactly those flags (with the status a
 * stop still owes: see test_s390_stop_status_busy.c), and s390_cpu_sense
 * shows them from acceptance until completion. */
START_TEST(sigp_busy_follows_pending_stop_or_restart)
{
    ck_assert_uint_eq(VINTC_S390_CPU_SIGP_BUSY,
                      VINTC_S390_CPU_STOP_PENDING |
                          VINTC_S390_CPU_RESTART_PENDING |
                          VINTC_S390_CPU_STATUS_OWED);
    struct fake *f = fake_new(2, 0, false);
    set_all_new_psws(f, 0);
    uint32_t fl;
    /* Nothing pending, and neither the stopped state, an external call nor
     * a set prefix is busy. */
    struct s390_irq xc = ext_irq(S390_IRQ_EXTERNAL_CALL, 1, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &xc), 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0x4000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 0, &fl), 0);
    ck_assert_uint_eq(fl & VINTC_S390_CPU_SIGP_BUSY, 0);
    /* A restart to the stopped vCPU is busy until delivered. */
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 0, &fl), 0);
    ck_assert_uint_ne(fl & VINTC_S390_CPU_SIGP_BUSY, 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    set_all_new_psws(f, 0x4000);
    ck_assert_int_ge(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 0, &fl), 0);
    ck_assert_uint_eq(fl & VINTC_S390_CPU_SIGP_BUSY, 0);
    /* A stop to the operating vCPU is busy until its loop stops it. */
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &stop), 0);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 1, &fl), 0);
    ck_assert_uint_ne(fl & VINTC_S390_CPU_SIGP_BUSY, 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 1, &fl), 0);
    ck_assert_uint_eq(fl, VINTC_S390_CPU_STOPPED);
    /* A reset cancels a pending order: no longer busy. */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &r), 0);
    ck_assert_int_eq(s390_cpu_reset(f->vm, 1), 0);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 1, &fl), 0);
    ck_assert_uint_eq(fl, VINTC_S390_CPU_STOPPED);
    fake_free(f);
}
END_TEST

/* SIGP SET PREFIX to a stopped CPU completes with condition code 0: from
 * then on the CPU's prefix register holds the new value, so a later STORE
 * STATUS AT ADDRESS, or a STOP AND STORE STATUS of the still stopped CPU,
 * saves the new prefix at 0x1318 (PoP chapter 4, "Set Prefix" and "Store
 * Status"; QEMU sigp_set_prefix sets env->psa before the order completes,
 * and s390_store_status then saves it). The library applies the prefix to
 * st->prefix only at the vCPU's next s390_deliver_pending(), so its status
 * stores must use the pending value. */
START_TEST(status_after_set_prefix_saves_the_new_prefix)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    regs(&st, 0x20000);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0x40000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);

    /* STORE STATUS AT ADDRESS with the stopped vCPU's registers. */
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ADDRESS, 0x8000),
        0);
    ck_assert_uint_eq(rd32(f, 0x8000 + 0x118), 0x40000);

    /* STOP AND STORE STATUS to the stopped vCPU: stored while processing
     * the order, at absolute 0x1200. */
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ABSOLUTE, 0), 0);
    ck_assert_uint_eq(rd32(f, 0x1318), 0x40000);

    /* The prefix area is the new one. */
    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_PREFIX, 0), 0);
    ck_assert_uint_eq(touched(f, 0x41200, 0x200), 492);
    ck_assert_uint_eq(touched(f, 0x21200, 0x200), 0);
    ck_assert_uint_eq(rd32(f, 0x41318), 0x40000);
    ck_assert_uint_eq(f->mem[0x400A3], 1);
    fake_free(f);
}
END_TEST

/* The same when the debt is settled by the stopped vCPU's next
 * s390_deliver_pending() instead: the status is the one of the moment the
 * order was processed, the new prefix included. */
START_TEST(owed_status_of_a_stopped_vcpu_saves_the_pending_prefix)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    regs(&st, 0x20000);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0x40000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert_uint_eq(rd32(f, 0x1318), 0x40000);
    ck_assert_uint_eq(st.prefix, 0x40000);
    fake_free(f);
}
END_TEST

/* The other order: a stop with store status consumed while operating,
 * then SET PREFIX to the now stopped vCPU before its status was stored.
 * The status is the one of the moment it stopped, with the old prefix
 * (KVM handle_stop stores it as the vCPU stops, before any later order). */
START_TEST(owed_status_of_a_stop_keeps_the_prefix_it_stopped_with)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    regs(&st, 0x20000);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0x40000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ABSOLUTE, 0), 0);
    ck_assert_uint_eq(rd32(f, 0x1318), 0x20000);
    /* Settled: a store status at an address now sees the new prefix. */
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ADDRESS, 0x8000),
        0);
    ck_assert_uint_eq(rd32(f, 0x8118), 0x40000);
    fake_free(f);
}
END_TEST

/* Every program-interruption code (and each with the PER bit): exactly the
 * identification fields of KVM __deliver_prog are stored, besides ILC
 * 0x8C, code 0x8E and BEAR 0x110. TEID 0xA8 (8 bytes): protection 0x04,
 * space switch 0x1C, ASN/LX/EX translation and authority 0x20-0x27, LSTE
 * sequence 0x2E, and with access ids for the DAT exceptions 0x10, 0x11,
 * 0x38-0x3B; exception access id 0xA0: 0x04, the DAT exceptions and the
 * ART exceptions 0x29-0x2D, 0x2F (not ALET specification 0x28: KVM and
 * Hercules store none); operand access id 0xA2: the DAT exceptions; DXC
 * 0x90 (4 bytes): data 0x07, vector processing 0x1B; monitor 0x40: class
 * 0x94 (2) and code 0xB0 (8); PER: 0x96, 0x97, 0x98 (8), 0xA1. */
static unsigned expected_fields(unsigned exc, bool per)
{
    unsigned n = 0;
    switch (exc) {
    case 0x04:
        n = 8 + 1;
        break;
    case 0x07:
    case 0x1B:
        n = 4;
        break;
    case 0x10:
    case 0x11:
    case 0x38:
    case 0x39:
    case 0x3A:
    case 0x3B:
        n = 8 + 1 + 1;
        break;
    case 0x1C:
    case 0x20:
    case 0x21:
    case 0x22:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x27:
    case 0x2E:
        n = 8;
        break;
    case 0x29:
    case 0x2A:
    case 0x2B:
    case 0x2C:
    case 0x2D:
    case 0x2F:
        n = 1;
        break;
    case 0x40:
        n = 2 + 8;
        break;
    default:
        break;
    }
    return n + (per ? 1 + 1 + 8 + 1 : 0);
}

START_TEST(program_identification_fields_follow_the_code)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0);
    for (unsigned code = 1; code < 0x100; code++) {
        unsigned exc = code & 0x7F;
        bool per = code & 0x80;
        struct s390_cpu_state st;
        regs(&st, 0);
        struct s390_irq p = irq_of(S390_IRQ_PROGRAM);
        p.u.pgm.code = (uint16_t)code;
        p.u.pgm.ilc = 4;
        p.u.pgm.trans_exc_code = 0x0102030405060708ull;
        p.u.pgm.exc_access_id = 0x0A;
        p.u.pgm.op_access_id = 0x0B;
        p.u.pgm.per_access_id = 0x0C;
        p.u.pgm.per_code = 0x40;
        p.u.pgm.per_atmid = 0x80;
        p.u.pgm.per_address = 0x55;
        p.u.pgm.data_exc_code = 0x07;
        p.u.pgm.mon_class_nr = 3;
        p.u.pgm.mon_code = 0x66;
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &p), 0);
        fake_reset_log(f);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
        /* ILC halfword: the instruction length, i.e. the ILC in bits 13-14. */
        ck_assert_uint_eq(rd16(f, 0x8C), 4);
        ck_assert_uint_eq(rd16(f, 0x8E), code);
        ck_assert_uint_eq(rd64(f, 0x110), 0x7777);
        /* 0x90..0xB7 holds only the identification fields. */
        if (touched(f, 0x90, 0x28) != expected_fields(exc, per))
            ck_abort_msg("code 0x%02x: %u bytes stored, expected %u", code,
                         touched(f, 0x90, 0x28), expected_fields(exc, per));
        ck_assert_uint_eq(touched(f, 0xA3, 1), 0); /* never the mode id */
    }
    fake_free(f);
}
END_TEST

/* Initial CPU reset (PoP chapter 4, "Resets"; KVM
 * kvm_arch_vcpu_ioctl_initial_reset; QEMU s390_cpu_reset_hold): PSW,
 * prefix, CPU timer, clock comparator, TOD programmable register and FPC
 * zero; CR0 0xE0, CR14 0xC2000000, other CRs zero; breaking-event address
 * 1; general, floating-point and access registers kept. Clear reset also
 * zeroes those (KVM kvm_arch_vcpu_ioctl_clear_reset). The TOD epoch is not
 * the CPU's. Both leave the vCPU stopped with nothing local pending. */
START_TEST(initial_and_clear_reset_values)
{
    struct fake *f = fake_new(1, 0, false);
    for (int clear = 0; clear < 2; clear++) {
        struct s390_cpu_state st;
        regs(&st, 0x20000);
        st.epoch = 12345;
        struct s390_irq r = irq_of(S390_IRQ_RESTART);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
        ck_assert_int_eq(s390_cpu_initial_reset(f->vm, 0, &st, clear != 0), 0);
        ck_assert_uint_eq(st.psw.mask, 0);
        ck_assert_uint_eq(st.psw.addr, 0);
        ck_assert_uint_eq(st.prefix, 0);
        ck_assert_int_eq(st.cpu_timer, 0);
        ck_assert_uint_eq(st.ckc, 0);
        ck_assert_uint_eq(st.todpr, 0);
        ck_assert_uint_eq(st.fpc, 0);
        ck_assert_uint_eq(st.bear, 1);
        ck_assert_int_eq(st.epoch, 12345);
        for (unsigned i = 0; i < 16; i++) {
            uint64_t cr = i == 0 ? 0xE0 : i == 14 ? 0xC2000000u : 0;
            ck_assert_uint_eq(st.cr[i], cr);
            ck_assert_uint_eq(st.gprs[i],
                              clear ? 0 : 0x1100000000000000ull + i);
            ck_assert_uint_eq(st.fprs[i],
                              clear ? 0 : 0x2200000000000000ull + i);
            ck_assert_uint_eq(st.acrs[i], clear ? 0 : 0x33000000u + i);
        }
        uint32_t fl;
        ck_assert_int_eq(s390_cpu_sense(f->vm, 0, &fl), 0);
        ck_assert_uint_eq(fl, VINTC_S390_CPU_STOPPED);
        ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, false), 0);
    }
    fake_free(f);
}
END_TEST

/* Clock comparator: pending while TOD > CKC, unsigned, or signed with CR0
 * bit 10 (KVM ckc_irq_pending); CPU timer: pending while negative (KVM
 * cpu_timer_irq_pending). Both are conditions: delivery leaves them. */
START_TEST(timer_conditions)
{
    struct fake *f = fake_new(1, 0, true);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.cr[0] = VINTC_S390_CR0_CKC;
    static const struct {
        uint64_t tod, ckc;
        bool sign, pending;
    } c[] = {
        { 5, 5, false, false },
        { 6, 5, false, true },
        { 0x8000000000000000ull, 5, false, true }, /* unsigned: huge */
        { 0x8000000000000000ull, 5, true, false }, /* signed: negative */
        { 0, UINT64_MAX, false, false },
        { UINT64_MAX, UINT64_MAX, false, false }, /* never exceeded */
        { 0, UINT64_MAX, true, true },            /* -1 < 0 */
        { UINT64_MAX, UINT64_MAX, true, false },  /* -1 == -1 */
    };
    for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        atomic_store(&f->tod, c[i].tod);
        st.ckc = c[i].ckc;
        st.cr[0] = VINTC_S390_CR0_CKC |
                   (c[i].sign ? VINTC_S390_CR0_CKC_SIGNED : 0);
        if (s390_cpu_has_interrupt(f->vm, 0, &st) != c[i].pending)
            ck_abort_msg("case %u: clock comparator pending should be %d", i,
                         c[i].pending);
    }
    st.ckc = UINT64_MAX;
    st.cr[0] = VINTC_S390_CR0_CPU_TIMER;
    st.cpu_timer = 0;
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    st.cpu_timer = -1;
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_references");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, sigp_busy_follows_pending_stop_or_restart);
    tcase_add_test(tc, status_after_set_prefix_saves_the_new_prefix);
    tcase_add_test(tc, owed_status_of_a_stopped_vcpu_saves_the_pending_prefix);
    tcase_add_test(tc, owed_status_of_a_stop_keeps_the_prefix_it_stopped_with);
    tcase_add_test(tc, program_identification_fields_follow_the_code);
    tcase_add_test(tc, initial_and_clear_reset_values);
    tcase_add_test(tc, timer_conditions);
    suite_add_tcase(s, tc);
    return s;
}

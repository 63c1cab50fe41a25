/* SPDX-License-Identifier: MIT */
/* What a VMM's SIGP handler builds on: s390_cpu_sense, store status at an
 * explicit destination, initial and clear reset, and the results of a
 * disabled wait that need no second thread. */
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
    st->psw.mask = 0x0705000180000000ull;
    st->psw.addr = 0x10203040;
    st->fpc = 0xAABBCCDD;
    st->todpr = 0x1234;
    st->cpu_timer = -2;
    st->ckc = 0x0102030405060708ull;
    st->bear = 0xBEA4;
}

static uint32_t sense(struct fake *f, unsigned cpu)
{
    uint32_t fl = 0xFFFFFFFFu;
    ck_assert_int_eq(s390_cpu_sense(f->vm, cpu, &fl), 0);
    return fl;
}

/* The status area as real 0x1200..0x13FF lays it out, at absolute `area`. */
static void check_area(const struct fake *f, uint64_t area, uint32_t pfx,
                       const struct s390_cpu_state *st)
{
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(rd64(f, area + 8 * i), st->fprs[i]);
        ck_assert_uint_eq(rd64(f, area + 0x80 + 8 * i), st->gprs[i]);
        ck_assert_uint_eq(rd32(f, area + 0x140 + 4 * i), st->acrs[i]);
        ck_assert_uint_eq(rd64(f, area + 0x180 + 8 * i), st->cr[i]);
    }
    ck_assert_uint_eq(rd64(f, area + 0x100), st->psw.mask);
    ck_assert_uint_eq(rd64(f, area + 0x108), st->psw.addr);
    ck_assert_uint_eq(rd32(f, area + 0x118), pfx);
    ck_assert_uint_eq(rd32(f, area + 0x11C), st->fpc);
    ck_assert_uint_eq(rd32(f, area + 0x124), st->todpr);
    ck_assert_uint_eq(rd64(f, area + 0x128), (uint64_t)st->cpu_timer);
    ck_assert_uint_eq(rd64(f, area + 0x130), st->ckc >> 8);
    ck_assert_uint_eq(touched(f, area, 0x200), 492);
}

/* SIGP SENSE answers from the stopped state and a pending external call
 * (KVM __sigp_sense, kvm_s390_ext_call_pending); busy follows a pending
 * stop or restart (KVM __inject_sigp_stop, __prepare_sigp_re_start). */
START_TEST(sense_reports_sigp_state)
{
    struct fake *f = fake_new(2, 0, false);
    set_all_new_psws(f, 0);
    ck_assert_uint_eq(sense(f, 0), 0);
    struct s390_irq xc = ext_irq(S390_IRQ_EXTERNAL_CALL, 1, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &xc), 0);
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_EXT_CALL_PENDING);
    ck_assert_uint_eq(sense(f, 1), 0);
    /* A second external call is refused: SIGP cc 1, ext call pending. */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &xc), -EBUSY);
    struct s390_irq em = ext_irq(S390_IRQ_EMERGENCY, 1, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &em), 0);
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_EXT_CALL_PENDING |
                                       VINTC_S390_CPU_EMERGENCY_PENDING);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1); /* emergency */
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st),
                     1); /* external call */
    ck_assert_uint_eq(sense(f, 0), 0);

    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_STOP_PENDING |
                                       VINTC_S390_CPU_STOP_STORE_PENDING);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    ck_assert_uint_eq(sense(f, 0),
                      VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_STATUS_OWED);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0); /* stores it */
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_STOPPED);
    struct s390_irq sp = irq_of(S390_IRQ_SET_PREFIX);
    sp.u.prefix.address = 0x4000;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &sp), 0);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_STOPPED |
                                       VINTC_S390_CPU_PREFIX_PENDING |
                                       VINTC_S390_CPU_RESTART_PENDING);
    set_all_new_psws(f, 0x4000);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(sense(f, 0), 0);

    uint32_t fl;
    ck_assert_int_eq(s390_cpu_sense(f->vm, 2, &fl), -EINVAL);
    ck_assert_int_eq(s390_cpu_sense(NULL, 0, &fl), -EINVAL);
    ck_assert_int_eq(s390_cpu_sense(f->vm, 0, NULL), -EINVAL);
    fake_free(f);
}
END_TEST

/* Store status: absolute 0x1200 and 163 for the default save area, prefix
 * + 0x1200 for the prefix area (KVM kvm_s390_store_status_unloaded with
 * NOADDR / PREFIXED), and for STORE STATUS AT ADDRESS the 512-byte area at
 * parameter & 0x7FFFFE00, no mode id, only for a stopped CPU (KVM
 * __sigp_store_status_at_addr, QEMU sigp_store_status_at_address; PoP
 * chapter 4, "Signal-Processor Orders"). */
START_TEST(store_status_destinations)
{
    struct fake *f = fake_new(2, 0, false);
    struct s390_cpu_state st;
    state_enabled(&st, 0x20000);
    regs(&st);
    st.prefix = 0x21234; /* only bits 33-50 are the prefix */

    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ABSOLUTE, 0), 0);
    check_area(f, 0x1200, 0x20000, &st);
    ck_assert_uint_eq(f->mem[0xA3], 1);
    ck_assert_uint_eq(written_total(f), 493);

    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_PREFIX, 0), 0);
    check_area(f, 0x21200, 0x20000, &st);
    ck_assert_uint_eq(f->mem[0x200A3], 1);
    ck_assert_uint_eq(written_total(f), 493);

    /* At an address: only for a stopped vCPU. */
    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ADDRESS, 0x8000),
        -EBUSY);
    ck_assert_uint_eq(f->writes, 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ADDRESS, 0x8000),
        0);
    check_area(f, 0x8000, 0x20000, &st);
    ck_assert_uint_eq(written_total(f), 492);
    /* The low 9 bits and bits above 2 GiB of the parameter are ignored. */
    fake_reset_log(f);
    ck_assert_int_eq(s390_cpu_store_status_at(f->vm, 0, &st,
                                              S390_STATUS_ADDRESS,
                                              0xFFFFFFFF800A01FFull),
                     0);
    check_area(f, 0xA0000, 0x20000, &st);
    ck_assert_uint_eq(written_total(f), 492);
    /* An area at 0 works (the base arithmetic wraps, the area does not). */
    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ADDRESS, 0x1FF), 0);
    check_area(f, 0, 0x20000, &st);
    /* Storage the guest does not have: -EFAULT (SIGP invalid parameter). */
    ck_assert_int_eq(s390_cpu_store_status_at(f->vm, 0, &st,
                                              S390_STATUS_ADDRESS, 0x7FFFFE00),
                     -EFAULT);

    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ABSOLUTE, 8),
        -EINVAL);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_PREFIX, 8),
        -EINVAL);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, (enum s390_status_dest)3, 0),
        -EINVAL);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 2, &st, S390_STATUS_ABSOLUTE, 0),
        -EINVAL);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, NULL, S390_STATUS_ABSOLUTE, 0),
        -EINVAL);
    ck_assert_int_eq(
        s390_cpu_store_status_at(NULL, 0, &st, S390_STATUS_ABSOLUTE, 0),
        -EINVAL);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.store_status, 5);
    ck_assert_uint_eq(s.delivery_faults, 1);
    fake_free(f);
}
END_TEST

/* STOP AND STORE STATUS to a stopped vCPU: the status is stored when the
 * order is processed (KVM __inject_sigp_stop stores before the SIGP
 * completes): the VMM's store at the default save area settles the debt,
 * so the next delivery call does not store again. Other destinations do
 * not settle it. */
START_TEST(stop_and_store_to_stopped_vcpu_stores_now)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    state_enabled(&st, 0x20000);
    regs(&st);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_uint_eq(sense(f, 0),
                      VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_STATUS_OWED);
    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_PREFIX, 0), 0);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ADDRESS, 0x8000),
        0);
    ck_assert_uint_eq(sense(f, 0),
                      VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_STATUS_OWED);
    fake_reset_log(f);
    f->fail_at = 1;
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ABSOLUTE, 0),
        -EFAULT);
    ck_assert_uint_eq(sense(f, 0),
                      VINTC_S390_CPU_STOPPED | VINTC_S390_CPU_STATUS_OWED);
    f->fail_at = 0;
    fake_reset_log(f);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 0, &st, S390_STATUS_ABSOLUTE, 0), 0);
    check_area(f, 0x1200, 0x20000, &st);
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_STOPPED);
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert_uint_eq(f->writes, 0);
    /* Owed status does not end the stopped vCPU's wait (its thread would
     * race the SIGP handler's store); unless the handler stores it, the
     * next delivery call does, at absolute 0x1200. */
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0), -ETIMEDOUT);
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    check_area(f, 0x1200, 0x20000, &st);
    ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_STOPPED);
    fake_free(f);
}
END_TEST

/* Initial CPU reset and clear reset (PoP chapter 4, "Resets", reset-action
 * table; KVM kvm_arch_vcpu_ioctl_initial_reset / _clear_reset, QEMU
 * s390_cpu_reset): CR0 0xE0, CR14 0xC2000000, other CRs, PSW, prefix, CPU
 * timer, CKC, TOD programmable register, FPC zero, BEAR 1; clear reset also
 * zeroes GPRs, FPRs and ARs. Both are CPU resets: local interrupts are
 * cleared and the vCPU is stopped. */
START_TEST(initial_and_clear_reset)
{
    for (int clear = 0; clear < 2; clear++) {
        struct fake *f = fake_new(1, 0, false);
        struct s390_cpu_state st, before;
        state_enabled(&st, 0x20000);
        regs(&st);
        st.epoch = -77;
        before = st;
        struct s390_irq em = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &em), 0);
        ck_assert_int_eq(s390_cpu_initial_reset(f->vm, 0, &st, clear), 0);
        ck_assert_uint_eq(sense(f, 0), VINTC_S390_CPU_STOPPED);
        ck_assert_uint_eq(st.psw.mask, 0);
        ck_assert_uint_eq(st.psw.addr, 0);
        ck_assert_uint_eq(st.prefix, 0);
        ck_assert_int_eq(st.cpu_timer, 0);
        ck_assert_uint_eq(st.ckc, 0);
        ck_assert_uint_eq(st.todpr, 0);
        ck_assert_uint_eq(st.fpc, 0);
        ck_assert_uint_eq(st.bear, 1);
        ck_assert_int_eq(st.epoch, -77);
        for (unsigned i = 0; i < 16; i++) {
            uint64_t cr = i == 0 ? 0xE0 : i == 14 ? 0xC2000000 : 0;
            ck_assert_uint_eq(st.cr[i], cr);
            ck_assert_uint_eq(st.gprs[i], clear ? 0 : before.gprs[i]);
            ck_assert_uint_eq(st.fprs[i], clear ? 0 : before.fprs[i]);
            ck_assert_uint_eq(st.acrs[i], clear ? 0 : before.acrs[i]);
        }
        /* Nothing was delivered to the reset vCPU. */
        ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, false), 0);
        state_enabled(&st, 0);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
        ck_assert_int_eq(s390_cpu_initial_reset(f->vm, 1, &st, clear), -EINVAL);
        ck_assert_int_eq(s390_cpu_initial_reset(f->vm, 0, NULL, clear),
                         -EINVAL);
        ck_assert_int_eq(s390_cpu_initial_reset(NULL, 0, &st, clear), -EINVAL);
        fake_free(f);
    }
}
END_TEST

/* A reset while s390_deliver_pending runs for the vCPU would let the
 * interrupt being delivered come back after the reset: refused with
 * -EBUSY and nothing changed. The guest_read callback resets. */
static int reset_rc = 1;
static struct s390_cpu_state reset_st;
static int read_and_reset(void *opaque, uint64_t addr, void *buf, size_t len)
{
    struct fake *f = opaque;
    reset_rc = s390_cpu_initial_reset(f->vm, 0, &reset_st, false);
    return fake_read(opaque, addr, buf, len);
}

START_TEST(reset_during_delivery_is_busy)
{
    struct fake *f = fake_new(1, 0, false);
    s390_destroy(f->vm);
    struct vintc_host_ops ops = { .guest_read = read_and_reset,
                                  .guest_write = fake_write };
    struct s390_config cfg = { .nr_cpus = 1 };
    ck_assert_int_eq(s390_create(&cfg, &ops, f, &f->vm), 0);
    set_all_new_psws(f, 0);
    struct s390_irq em = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &em), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    regs(&reset_st);
    struct s390_cpu_state before = reset_st;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_int_eq(reset_rc, -EBUSY);
    ck_assert_mem_eq(&reset_st, &before, sizeof(before));
    ck_assert(!s390_cpu_is_stopped(f->vm, 0));
    ck_assert_int_eq(s390_cpu_reset(f->vm, 0), 0);
    ck_assert(s390_cpu_is_stopped(f->vm, 0));
    fake_free(f);
}
END_TEST

/* Disabled wait (PSW bits 6, 7 and 13 zero): only a restart, stop, reset or
 * kick ends it, each with its own result, none of them an enabled-wait
 * result (QEMU and KVM hand a disabled wait to the VMM; kvm-unit-tests'
 * firq parks a CPU this way until SIGP RESTART). Here everything is
 * already pending, so no second thread is needed. */
START_TEST(disabled_wait_results)
{
    struct fake *f = fake_new(2, 0, false);
    set_all_new_psws(f, 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.psw.mask = VINTC_S390_PSW_WAIT | VINTC_S390_PSW_64BIT |
                  0x4000000000000000ull;
    /* Nothing pending: the timeout, with its own value; 0 only checks. */
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0),
                     S390_WAIT_DISABLED_TIMEOUT);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 1000000),
                     S390_WAIT_DISABLED_TIMEOUT);
    /* Maskable interrupts do not end it. */
    struct s390_irq em = ext_irq(S390_IRQ_EMERGENCY, 1, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &em), 0);
    struct s390_irq io = io_irq(1, 2, 3, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0),
                     S390_WAIT_DISABLED_TIMEOUT);
    s390_cpu_kick(f->vm, 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), S390_WAIT_DISABLED_KICK);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1),
                     S390_WAIT_DISABLED_RESTART);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(f->seq[0], S390_IRQ_RESTART);
    st.psw.mask = VINTC_S390_PSW_WAIT | VINTC_S390_PSW_64BIT;
    struct s390_irq stop = irq_of(S390_IRQ_STOP);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &stop), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), S390_WAIT_DISABLED_STOP);
    /* Once stopped the vCPU waits as a stopped one: the usual results. */
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0), -ETIMEDOUT);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, -1), S390_WAIT_EVENT);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.wait_exits, 8);
    ck_assert_uint_eq(s.wait_exits_disabled, 6);
    ck_assert_uint_eq(s.wait_exits_timeout, 1);
    ck_assert_uint_eq(s.wait_exits_interrupt, 1);
    ck_assert_uint_eq(s.wait_exits_kick, 0);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_sigp");
    TCase *tc = tcase_create("sigp");
    tcase_add_test(tc, sense_reports_sigp_state);
    tcase_add_test(tc, store_status_destinations);
    tcase_add_test(tc, stop_and_store_to_stopped_vcpu_stores_now);
    tcase_add_test(tc, initial_and_clear_reset);
    tcase_add_test(tc, reset_during_delivery_is_busy);
    tcase_add_test(tc, disabled_wait_results);
    suite_add_tcase(s, tc);
    return s;
}

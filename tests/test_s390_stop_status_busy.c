/* SPDX-License-Identifier: MIT */
/* SIGP STOP AND STORE STATUS is complete only once the status is stored:
 * until then every SIGP order to the CPU but the resets is busy, or a SENSE
 * would report the CPU stopped while its save area still holds old data.
 * Found by the SMP s390x guest in Unicorn (tests/guest/guest_s390x_smp.c):
 * CPU 0 saw SENSE report CPU 1 stopped, then read a status area the
 * library had not written yet (under ThreadSanitizer's slower timing). */
#include "s390_fake.h"
#include "test_util.h"

static uint32_t flags_of(struct fake *f, unsigned cpu)
{
    uint32_t fl = 0;
    ck_assert_int_eq(s390_cpu_sense(f->vm, cpu, &fl), 0);
    return fl;
}

/* PoP chapter 4, "Signal-Processor Orders": STOP AND STORE STATUS stops the
 * CPU and then stores its status; the order is not completed before that,
 * and an order meeting an incomplete stop gets condition code 2 ("busy";
 * KVM keeps the stop interrupt pending, and so answers busy, until its
 * handle_stop has stored the status). */
START_TEST(operating_target_busy_until_status_stored)
{
    struct fake *f = fake_new(2, 0, false);
    struct s390_irq stop = { .type = S390_IRQ_STOP };
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &stop), 0);
    ck_assert_uint_ne(flags_of(f, 1) & VINTC_S390_CPU_SIGP_BUSY, 0);
    /* The target's loop: stopped first, the status stored next. */
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
    ck_assert_uint_ne(flags_of(f, 1) & VINTC_S390_CPU_STATUS_OWED, 0);
    ck_assert_uint_ne(flags_of(f, 1) & VINTC_S390_CPU_SIGP_BUSY, 0);
    struct s390_cpu_state st;
    memset(&st, 0, sizeof st);
    st.psw.mask = VINTC_S390_PSW_64BIT;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 0); /* stores it */
    ck_assert_uint_eq(flags_of(f, 1), VINTC_S390_CPU_STOPPED);
    ck_assert_uint_eq(f->mem[0xA3], 1);
    fake_free(f);
}
END_TEST

/* To a CPU already stopped the stop completes at once and the SIGP handler
 * stores the status before it answers; until it has, the order is not
 * complete either. */
START_TEST(stopped_target_busy_until_status_stored)
{
    struct fake *f = fake_new(2, 0, false);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
    ck_assert_uint_eq(flags_of(f, 1) & VINTC_S390_CPU_SIGP_BUSY, 0);
    struct s390_irq stop = { .type = S390_IRQ_STOP };
    stop.u.stop.store_status = true;
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &stop), 0);
    ck_assert_uint_ne(flags_of(f, 1) & VINTC_S390_CPU_SIGP_BUSY, 0);
    struct s390_cpu_state st;
    memset(&st, 0, sizeof st);
    ck_assert_int_eq(
        s390_cpu_store_status_at(f->vm, 1, &st, S390_STATUS_ABSOLUTE, 0), 0);
    ck_assert_uint_eq(flags_of(f, 1), VINTC_S390_CPU_STOPPED);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_stop_status_busy");
    TCase *tc = tcase_create("sigp");
    tcase_add_test(tc, operating_target_busy_until_status_stored);
    tcase_add_test(tc, stopped_target_busy_until_status_stored);
    suite_add_tcase(s, tc);
    return s;
}

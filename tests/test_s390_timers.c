/* SPDX-License-Identifier: MIT */
/* s390 clock comparator and CPU timer: conditions re-evaluated at every
 * call (strict TOD > CKC, signed compare with CR0 bit 10, all ones,
 * epoch, persistence), with the fake TOD clock and with CLOCK_MONOTONIC. */
#include <time.h>

#include "s390_fake.h"
#include "test_util.h"

static struct fake *setup(struct s390_cpu_state *st, uint64_t tod)
{
    struct fake *f = fake_new(1, 0, true);
    atomic_store(&f->tod, tod);
    set_all_new_psws(f, 0);
    state_enabled(st, 0);
    return f;
}

static bool ckc_fires(uint64_t tod, int64_t epoch, uint64_t ckc, bool sign)
{
    struct s390_cpu_state st;
    struct fake *f = setup(&st, tod);
    st.epoch = epoch;
    st.ckc = ckc;
    if (sign)
        st.cr[0] |= VINTC_S390_CR0_CKC_SIGNED;
    bool has = s390_cpu_has_interrupt(f->vm, 0, &st);
    int n = s390_deliver_pending(f->vm, 0, &st);
    ck_assert_int_eq(n, has ? 1 : 0);
    if (n == 1) {
        ck_assert_uint_eq(rd16(f, 0x86), 0x1004);
        ck_assert_uint_eq(rd16(f, 0x84), 0);
        ck_assert_uint_eq(touched_total(f, 0), 4 + 16);
    }
    fake_free(f);
    return has;
}

START_TEST(ckc_strictly_greater)
{
    ck_assert(!ckc_fires(1000, 0, 1000, false));
    ck_assert(ckc_fires(1001, 0, 1000, false));
    ck_assert(!ckc_fires(999, 0, 1000, false));
    ck_assert(ckc_fires(1, 0, 0, false));
    ck_assert(!ckc_fires(0, 0, 0, false));
}
END_TEST

START_TEST(ckc_uses_epoch)
{
    ck_assert(ckc_fires(100, 50, 149, false));
    ck_assert(!ckc_fires(100, 50, 150, false));
    ck_assert(!ckc_fires(100, -50, 50, false));
    ck_assert(ckc_fires(100, -50, 49, false));
    /* Guest TOD wraps: host 10 + epoch -20 is 0xFFF..F6 unsigned. */
    ck_assert(ckc_fires(10, -20, 5, false));
    ck_assert(!ckc_fires(10, -20, 5, true));
}
END_TEST

START_TEST(ckc_signed_compare)
{
    const uint64_t neg = 0x8000000000000000ull;
    ck_assert(!ckc_fires(5, 0, neg, false));
    ck_assert(ckc_fires(5, 0, neg, true));
    ck_assert(ckc_fires(0xFFFFFFFFFFFFFFF0ull, 0, 5, false));
    ck_assert(!ckc_fires(0xFFFFFFFFFFFFFFF0ull, 0, 5, true));
}
END_TEST

/* Unsigned comparison: no TOD value exceeds all ones, so it never fires
 * (QEMU update_ckc_timer). Signed comparison (CR0 bit 10): all ones is -1,
 * below every non-negative TOD, so it is pending (KVM ckc_irq_pending:
 * pending unless (s64)ckc >= (s64)now; PoP chapter 4, "Clock Comparator"). */
START_TEST(ckc_all_ones)
{
    ck_assert(!ckc_fires(UINT64_MAX, 0, UINT64_MAX, false));
    ck_assert(!ckc_fires(5, 0, UINT64_MAX, false));
    ck_assert(ckc_fires(UINT64_MAX, 0, UINT64_MAX - 1, false));
    ck_assert(ckc_fires(5, 0, UINT64_MAX, true));
    ck_assert(ckc_fires(0, 0, UINT64_MAX, true));
    ck_assert(ckc_fires(0x7FFFFFFFFFFFFFFFull, 0, UINT64_MAX, true));
    /* A negative guest TOD is not above -1; -1 is not above itself. */
    ck_assert(!ckc_fires(UINT64_MAX, 0, UINT64_MAX, true));
    ck_assert(!ckc_fires(0x8000000000000000ull, 0, UINT64_MAX, true));
    ck_assert(!ckc_fires(10, -20, UINT64_MAX, true));
}
END_TEST

/* s390_cpu_wait honours the same condition: with signed comparison a CKC of
 * all ones ends the wait at once for a non-negative TOD, and its deadline
 * is armed when the guest TOD is still negative. */
START_TEST(ckc_all_ones_signed_ends_wait)
{
    struct s390_cpu_state st;
    struct fake *f = setup(&st, 5);
    st.ckc = UINT64_MAX;
    st.cpu_timer = INT64_MAX; /* CPU timer far away */
    st.cr[0] |= VINTC_S390_CR0_CKC_SIGNED;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 2000000000), 1);
    st.cr[0] &= ~VINTC_S390_CR0_CKC_SIGNED;
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 0), -ETIMEDOUT);
    fake_free(f);

    /* CLOCK_MONOTONIC TOD; the guest TOD starts about 2 ms below zero and
     * crosses it: the wait's deadline must be armed for the crossing. */
    f = fake_new(1, 0, false);
    state_enabled(&st, 0);
    st.ckc = UINT64_MAX;
    st.cpu_timer = INT64_MAX;
    st.cr[0] |= VINTC_S390_CR0_CKC_SIGNED;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    uint64_t tod = (ns / 125) * 512 + (ns % 125) * 512 / 125;
    st.epoch = -(int64_t)(tod + 2000u * 4096u);
    ck_assert_int_eq(s390_cpu_wait(f->vm, 0, &st, 2000000000), 1);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    fake_free(f);
}
END_TEST

START_TEST(ckc_persists_until_changed)
{
    struct s390_cpu_state st;
    struct fake *f = setup(&st, 500);
    st.ckc = 100;
    for (int i = 0; i < 3; i++) {
        state_enabled(&st, 0);
        st.ckc = 100;
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
        ck_assert(
            !s390_cpu_has_interrupt(f->vm, 0, &st)); /* new PSW disabled */
    }
    state_enabled(&st, 0);
    st.ckc = 100;
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st)); /* not cleared */
    st.ckc = 600;
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    atomic_store(&f->tod, 601);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st)); /* re-evaluated */
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.delivered_ckc, 3);
    fake_free(f);
}
END_TEST

START_TEST(cpu_timer_negative)
{
    struct s390_cpu_state st;
    struct fake *f = setup(&st, 0);
    st.cpu_timer = 0;
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    st.cpu_timer = 1;
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    st.cpu_timer = -1;
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(rd16(f, 0x86), 0x1005);
    ck_assert_uint_eq(rd16(f, 0x84), 0);
    state_enabled(&st, 0);
    st.cpu_timer = INT64_MIN;
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    st.cr[0] &= ~0x400ull;
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    /* Clock comparator before CPU timer. */
    st.cr[0] |= 0x400;
    st.ckc = 0;
    atomic_store(&f->tod, 10);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(rd16(f, 0x86), 0x1004);
    fake_free(f);
}
END_TEST

START_TEST(monotonic_tod_when_no_clock)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.ckc = 0; /* any running TOD exceeds 0 */
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    st.ckc = 0xFFFFFFFFFFFFFF00ull; /* far future */
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    st.ckc = 0x7FFFFFFFFFFFFFFFull;
    st.epoch = INT64_MAX; /* guest TOD > 2^63 - 1 */
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_timers");
    TCase *tc = tcase_create("timers");
    tcase_add_test(tc, ckc_strictly_greater);
    tcase_add_test(tc, ckc_uses_epoch);
    tcase_add_test(tc, ckc_signed_compare);
    tcase_add_test(tc, ckc_all_ones);
    tcase_add_test(tc, ckc_all_ones_signed_ends_wait);
    tcase_add_test(tc, ckc_persists_until_changed);
    tcase_add_test(tc, cpu_timer_negative);
    tcase_add_test(tc, monotonic_tod_when_no_clock);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
/* s390 deliverability and priority: every gating mask bit of every class,
 * the priority order between all classes, the chain of PSW swaps and its
 * bound, floating delivery to exactly one vCPU and floating target choice. */
#include "s390_fake.h"
#include "test_util.h"

enum reg { R_PSW, R_CR0, R_CR6, R_CR14 };
struct gate {
    enum reg reg;
    uint64_t bit;
};

struct kind {
    struct s390_irq irq;
    bool floating;
    int cond; /* 1: clock comparator, 2: CPU timer */
    unsigned trace_irq;
    unsigned ngates;
    struct gate gates[2];
};

#define EXT(cr0bit)                                                            \
    2,                                                                         \
    {                                                                          \
        { R_PSW, VINTC_S390_PSW_EXT },                                         \
        {                                                                      \
            R_CR0, cr0bit                                                      \
        }                                                                      \
    }
#define IO(isc)                                                                \
    {                                                                          \
        .irq = { .type = S390_IRQ_IO, .u.io = { .word = (isc) << 27 } },       \
        .floating = true, .trace_irq = S390_IRQ_IO, 2,                         \
        {                                                                      \
            { R_PSW, VINTC_S390_PSW_IO },                                      \
            {                                                                  \
                R_CR6, (0x80ull >> (isc)) << 24                                \
            }                                                                  \
        }                                                                      \
    }

/* In priority order, highest first (Principles of Operation chapter 6;
 * docs/design.md 4.2). */
static const struct kind kinds[] = {
    { { .type = S390_IRQ_MCHK, .u.mchk = { .mcic = 0x8000000000000000ull } },
      false,
      0,
      S390_IRQ_MCHK,
      1,
      { { R_PSW, VINTC_S390_PSW_MCHK } } },
    { { .type = S390_IRQ_SVC, .u.svc = { .code = 1, .ilc = 2 } },
      false,
      0,
      S390_IRQ_SVC,
      0,
      { { R_PSW, 0 } } },
    { { .type = S390_IRQ_PROGRAM, .u.pgm = { .code = 1, .ilc = 2 } },
      false,
      0,
      S390_IRQ_PROGRAM,
      0,
      { { R_PSW, 0 } } },
    { { .type = S390_IRQ_MCHK, .u.mchk = { .mcic = 0x0100000000000000ull } },
      false,
      0,
      S390_IRQ_MCHK,
      2,
      { { R_PSW, VINTC_S390_PSW_MCHK }, { R_CR14, 0x04000000 } } },
    { { .type = S390_IRQ_MCHK_FLOAT,
        .u.mchk = { .mcic = 0x0040000000000000ull } },
      true,
      0,
      S390_IRQ_MCHK_FLOAT,
      2,
      { { R_PSW, VINTC_S390_PSW_MCHK }, { R_CR14, 0x10000000 } } },
    { { .type = S390_IRQ_MALFUNCTION_ALERT },
      false,
      0,
      S390_IRQ_MALFUNCTION_ALERT,
      EXT(0x8000) },
    { { .type = S390_IRQ_EMERGENCY },
      false,
      0,
      S390_IRQ_EMERGENCY,
      EXT(0x4000) },
    { { .type = S390_IRQ_EXTERNAL_CALL },
      false,
      0,
      S390_IRQ_EXTERNAL_CALL,
      EXT(0x2000) },
    { { .type = S390_IRQ_RESTART },
      false,
      1,
      VINTC_S390_TRACE_IRQ_CKC,
      EXT(0x800) },
    { { .type = S390_IRQ_RESTART },
      false,
      2,
      VINTC_S390_TRACE_IRQ_CPU_TIMER,
      EXT(0x400) },
    { { .type = S390_IRQ_SERVICE, .u.ext = { .param = 0x1000 } },
      true,
      0,
      S390_IRQ_SERVICE,
      EXT(0x200) },
    { { .type = S390_IRQ_PFAULT_INIT },
      false,
      0,
      S390_IRQ_PFAULT_INIT,
      EXT(0x200) },
    { { .type = S390_IRQ_PFAULT_DONE },
      true,
      0,
      S390_IRQ_PFAULT_DONE,
      EXT(0x200) },
    { { .type = S390_IRQ_VIRTIO }, true, 0, S390_IRQ_VIRTIO, EXT(0x200) },
    IO(0),
    IO(1),
    IO(2),
    IO(3),
    IO(4),
    IO(5),
    IO(6),
    IO(7),
    { { .type = S390_IRQ_RESTART },
      false,
      0,
      S390_IRQ_RESTART,
      0,
      { { R_PSW, 0 } } },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static void make_pending(struct fake *f, const struct kind *k,
                         struct s390_cpu_state *st)
{
    if (k->cond == 1)
        st->ckc = 0; /* fake TOD 100 > 0 */
    else if (k->cond == 2)
        st->cpu_timer = -1;
    else if (k->floating)
        ck_assert_int_eq(s390_inject_vm(f->vm, &k->irq), 0);
    else
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &k->irq), 0);
}

static uint64_t *reg_of(struct s390_cpu_state *st, enum reg r)
{
    switch (r) {
    case R_PSW:
        return &st->psw.mask;
    case R_CR0:
        return &st->cr[0];
    case R_CR6:
        return &st->cr[6];
    default:
        return &st->cr[14];
    }
}

/* A state enabled only by this kind's gates. */
static void state_only(struct s390_cpu_state *st, const struct kind *k)
{
    uint32_t keep_prefix = st->prefix;
    int64_t cpt = st->cpu_timer;
    uint64_t ckc = st->ckc;
    memset(st, 0, sizeof(*st));
    st->psw.mask = VINTC_S390_PSW_64BIT;
    st->psw.addr = 0x4444;
    st->prefix = keep_prefix;
    st->cpu_timer = cpt;
    st->ckc = ckc;
    for (unsigned g = 0; g < k->ngates; g++)
        *reg_of(st, k->gates[g].reg) |= k->gates[g].bit;
}

START_TEST(each_gate_bit_controls_delivery)
{
    const struct kind *k = &kinds[_i];
    struct fake *f = fake_new(2, 0, true);
    atomic_store(&f->tod, 100);
    set_all_new_psws(f, 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    make_pending(f, k, &st);
    for (unsigned g = 0; g < k->ngates; g++) {
        /* Everything on except this one gate bit: not deliverable. */
        struct s390_cpu_state off = st;
        *reg_of(&off, k->gates[g].reg) &= ~k->gates[g].bit;
        ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &off));
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &off), 0);
        ck_assert_uint_eq(off.psw.addr, st.psw.addr);
    }
    /* Only its own gates on: deliverable and delivered. */
    state_only(&st, k);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(atomic_load(&f->ntrace), 1);
    ck_assert_uint_eq(f->seq[0], k->trace_irq);
    /* A stopped vCPU takes nothing but restart. */
    if (!k->cond) {
        make_pending(f, k, &st);
        state_enabled(&st, 0);
        ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
        ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
        bool restart = k->irq.type == S390_IRQ_RESTART;
        ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st) == restart);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), restart ? 1 : 0);
    }
    fake_free(f);
}
END_TEST

START_TEST(mcic_subclass_mapping)
{
    const struct {
        uint64_t mcic, cr14;
    } map[] = {
        { 0x0040000000000000ull, 0x10000000 }, /* channel report pending */
        { 0x2000000000000000ull, 0x08000000 }, /* system recovery */
        { 0x0100000000000000ull, 0x04000000 }, /* degradation */
        { 0x0400000000000000ull, 0x02000000 }, /* external damage */
        { 0x0800000000000000ull, 0x02000000 }, /* timing-facility damage */
        { 0x0020000000000000ull, 0x02000000 }, /* service-processor damage */
        { 0x0010000000000000ull, 0x02000000 }, /* channel-subsystem damage */
        { 0x0080000000000000ull, 0x01000000 }, /* warning */
    };
    for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        struct fake *f = fake_new(1, 0, false);
        struct s390_irq m = irq_of(S390_IRQ_MCHK);
        m.u.mchk.mcic = map[i].mcic;
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &m), 0);
        struct s390_cpu_state st;
        state_enabled(&st, 0);
        st.cr[14] = 0x1F000000 & ~map[i].cr14;
        ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
        st.cr[14] = map[i].cr14;
        ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
        fake_free(f);
    }
}
END_TEST

START_TEST(priority_order_of_all_classes)
{
    struct fake *f = fake_new(2, 0, true);
    atomic_store(&f->tod, 100);
    set_all_new_psws(f, 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    /* Inject in reverse order so insertion order cannot explain the result.
     * Restart is checked separately: being unmaskable it would chain in.
     * The local repressible machine check (kinds[3]) would merge into the
     * exigent one (machine-check conditions accumulate): see below. */
    for (size_t i = NKINDS - 1; i-- > 0;)
        if (i != 3)
            make_pending(f, &kinds[i], &st);
    int64_t cpt = st.cpu_timer;
    uint64_t ckc = st.ckc;
    unsigned total = 0;
    for (int guard = 0; guard < 64; guard++) {
        state_enabled(&st, 0);
        st.cpu_timer = cpt;
        st.ckc = ckc;
        int n = s390_deliver_pending(f->vm, 0, &st);
        ck_assert_int_ge(n, 0);
        if (n == 0)
            break;
        total += (unsigned)n;
        unsigned last = f->seq[total - 1];
        if (last == VINTC_S390_TRACE_IRQ_CKC)
            ckc = UINT64_MAX;
        if (last == VINTC_S390_TRACE_IRQ_CPU_TIMER)
            cpt = 0;
    }
    ck_assert_uint_eq(total, NKINDS - 2);
    for (unsigned i = 0, j = 0; i < NKINDS - 1; i++)
        if (i != 3)
            ck_assert_uint_eq(f->seq[j++], kinds[i].trace_irq);
    /* The first call took exigent machine check, then SVC and program,
     * which are unmaskable, in the same chain. */
    fake_free(f);
}
END_TEST

START_TEST(repressible_local_before_floating_machine_check)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0);
    make_pending(f, &kinds[5], NULL); /* malfunction alert */
    make_pending(f, &kinds[4], NULL); /* floating */
    make_pending(f, &kinds[3], NULL); /* local repressible */
    for (unsigned i = 3; i <= 5; i++) {
        struct s390_cpu_state st;
        state_enabled(&st, 0);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
        ck_assert_uint_eq(f->seq[i - 3], kinds[i].trace_irq);
    }
    /* Exigent and repressible local conditions merge into one exigent
     * machine check. */
    make_pending(f, &kinds[3], NULL);
    make_pending(f, &kinds[0], NULL);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.cr[14] = 0;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(rd64(f, 0xE8), 0x8100000000000000ull);
    fake_free(f);
}
END_TEST

START_TEST(restart_is_last)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0);
    struct s390_irq r = irq_of(S390_IRQ_RESTART);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &r), 0);
    struct s390_irq io = io_irq(0, 0, 0, 7);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 2);
    ck_assert_uint_eq(f->seq[0], S390_IRQ_IO);
    ck_assert_uint_eq(f->seq[1], S390_IRQ_RESTART);
    fake_free(f);
}
END_TEST

START_TEST(chain_reevaluates_against_new_psw)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0);
    /* The external new PSW enables I/O only. */
    set_new_psw(f, 0, 0x1B0, VINTC_S390_PSW_64BIT | VINTC_S390_PSW_IO, 0x2000);
    struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e), 0);
    struct s390_irq io = io_irq(0, 0, 0x55, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_irq v = ext_irq(S390_IRQ_VIRTIO, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.psw.mask &= ~VINTC_S390_PSW_IO; /* I/O disabled at first */
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 2);
    ck_assert_uint_eq(f->seq[0], S390_IRQ_EMERGENCY);
    ck_assert_uint_eq(f->seq[1], S390_IRQ_IO);
    /* I/O old PSW is the external new PSW. */
    ck_assert_uint_eq(rd64(f, 0x170), VINTC_S390_PSW_64BIT | VINTC_S390_PSW_IO);
    ck_assert_uint_eq(rd64(f, 0x178), 0x2000);
    ck_assert_uint_eq(st.psw.addr, 0x10000 + 0x1F0);
    /* The virtio interrupt waits: the I/O new PSW is disabled. */
    state_enabled(&st, 0);
    ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
    fake_free(f);
}
END_TEST

START_TEST(chain_is_bounded)
{
    struct fake *f = fake_new(1, 0, true);
    atomic_store(&f->tod, 1000);
    set_all_new_psws(f, 0);
    /* The external new PSW re-enables the clock comparator: endless. */
    set_new_psw(f, 0, 0x1B0, VINTC_S390_PSW_64BIT | VINTC_S390_PSW_EXT, 0x3000);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.ckc = 5;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st),
                     VINTC_S390_DELIVER_MAX);
    ck_assert_int_eq(VINTC_S390_DELIVER_MAX, 16);
    ck_assert_uint_eq(atomic_load(&f->ntrace), VINTC_S390_DELIVER_MAX);
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
    ck_assert_uint_eq(s.delivered_ckc, VINTC_S390_DELIVER_MAX);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st),
                     VINTC_S390_DELIVER_MAX);
    fake_free(f);
}
END_TEST

START_TEST(floating_goes_to_exactly_one_vcpu)
{
    struct fake *f = fake_new(4, 0, false);
    for (uint32_t p = 0; p < 4; p++)
        set_all_new_psws(f, 0x10000 * (p + 1));
    for (unsigned round = 0; round < 50; round++) {
        struct s390_irq io = io_irq(0, 0, round, round % 8);
        ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
        struct s390_irq s = ext_irq(S390_IRQ_SERVICE, 0, 0x2000, 0);
        ck_assert_int_eq(s390_inject_vm(f->vm, &s), 0);
        int total = 0;
        for (unsigned c = 0; c < 4; c++) {
            struct s390_cpu_state st;
            state_enabled(&st, 0x10000 * (c + 1));
            /* One class per call: the new PSWs are disabled. */
            for (int n;
                 (n = s390_deliver_pending(f->vm, (c + round) % 4, &st)) > 0;
                 state_enabled(&st, 0x10000 * (c + 1)))
                total += n;
        }
        ck_assert_int_eq(total, 2);
    }
    struct s390_stats s;
    ck_assert_int_eq(s390_get_stats(f->vm, VINTC_S390_STATS_VM, &s), 0);
    ck_assert_uint_eq(s.delivered[S390_IRQ_IO], 50);
    ck_assert_uint_eq(s.delivered[S390_IRQ_SERVICE], 50);
    fake_free(f);
}
END_TEST

START_TEST(floating_queued_until_someone_enabled)
{
    struct fake *f = fake_new(2, 0, false);
    set_all_new_psws(f, 0);
    struct s390_irq io = io_irq(0, 0, 0x77, 4);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    st.cr[6] = 0xF7000000; /* ISC 4 masked */
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 0);
    st.cr[6] = 0x08000000;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 1);
    ck_assert_uint_eq(rd32(f, 0xBC), 0x77);
    fake_free(f);
}
END_TEST

START_TEST(floating_target_round_robin_skips_stopped)
{
    struct fake *f = fake_new(3, 0, false);
    struct s390_irq v = ext_irq(S390_IRQ_VIRTIO, 0, 0, 0);
    for (unsigned i = 0; i < 4; i++)
        ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
    ck_assert_uint_eq(atomic_load(&f->kicks[0]), 2);
    ck_assert_uint_eq(atomic_load(&f->kicks[1]), 1);
    ck_assert_uint_eq(atomic_load(&f->kicks[2]), 1);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 1, true), 0);
    for (unsigned i = 0; i < 4; i++)
        ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
    ck_assert_uint_eq(atomic_load(&f->kicks[1]), 1);
    ck_assert_uint_eq(atomic_load(&f->kicks[0]) + atomic_load(&f->kicks[2]), 7);
    /* All stopped: nobody is kicked, the interrupt stays queued. */
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, true), 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 2, true), 0);
    unsigned before = atomic_load(&f->kicks_total);
    ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
    ck_assert_uint_eq(atomic_load(&f->kicks_total), before);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
    ck_assert_int_eq(s390_cpu_set_stopped(f->vm, 0, false), 0);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    fake_free(f);
}
END_TEST

START_TEST(local_injection_kicks_its_vcpu)
{
    struct fake *f = fake_new(2, 0, false);
    struct s390_irq e = ext_irq(S390_IRQ_EMERGENCY, 0, 0, 0);
    ck_assert_int_eq(s390_inject_vcpu(f->vm, 1, &e), 0);
    ck_assert_uint_eq(atomic_load(&f->kicks[1]), 1);
    ck_assert_uint_eq(atomic_load(&f->kicks[0]), 0);
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_priority");
    TCase *tc = tcase_create("priority");
    tcase_add_loop_test(tc, each_gate_bit_controls_delivery, 0, (int)NKINDS);
    tcase_add_test(tc, mcic_subclass_mapping);
    tcase_add_test(tc, priority_order_of_all_classes);
    tcase_add_test(tc, repressible_local_before_floating_machine_check);
    tcase_add_test(tc, restart_is_last);
    tcase_add_test(tc, chain_reevaluates_against_new_psw);
    tcase_add_test(tc, chain_is_bounded);
    tcase_add_test(tc, floating_goes_to_exactly_one_vcpu);
    tcase_add_test(tc, floating_queued_until_someone_enabled);
    tcase_add_test(tc, floating_target_round_robin_skips_stopped);
    tcase_add_test(tc, local_injection_kicks_its_vcpu);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
/* s390 delivery: the exact lowcore bytes of every interruption class, old and
 * new PSW, prefixing, and the fault path. */
#include "s390_fake.h"
#include "test_util.h"

#define PFX 0x6000u /* a non-zero prefix: every store must be relative */

struct expect {
    struct s390_irq irq;
    bool floating;
    unsigned old_off, new_off;
    unsigned bytes; /* bytes written in the prefix area */
};

static uint64_t cpu_timer_state;

/* Sets everything, delivers one interruption at prefix PFX, checks the
 * PSW swap and that exactly `bytes` bytes were written, all of them inside
 * the prefix area, none in absolute 0..0x1FFF. */
static void deliver_checked(struct fake *f, const struct expect *e,
                            struct s390_cpu_state *st)
{
    set_all_new_psws(f, PFX);
    set_new_psw(f, PFX, e->new_off, VINTC_S390_PSW_64BIT | 0x5,
                0xABC000 + e->new_off);
    fake_reset_log(f);
    if (e->floating)
        ck_assert_int_eq(s390_inject_vm(f->vm, &e->irq), 0);
    else
        ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &e->irq), 0);
    state_enabled(st, PFX);
    for (unsigned i = 0; i < 16; i++) {
        st->gprs[i] = 0x0101010101010101ull * i;
        st->fprs[i] = 0xF0F0F0F000000000ull | i;
        st->acrs[i] = 0xA0000000u | i;
        st->cr[i] |= (uint64_t)i << 32;
    }
    st->cr[14] |= 0x1F000000;
    st->fpc = 0x11223344;
    st->todpr = 0x5566;
    st->cpu_timer = (int64_t)cpu_timer_state;
    st->bear = 0xBEA0BEA0;
    const struct s390_psw old = st->psw;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, st), 1);
    ck_assert_uint_eq(st->psw.mask, VINTC_S390_PSW_64BIT | 0x5);
    ck_assert_uint_eq(st->psw.addr, 0xABC000 + e->new_off);
    ck_assert_uint_eq(rd64(f, PFX + e->old_off), old.mask);
    ck_assert_uint_eq(rd64(f, PFX + e->old_off + 8), old.addr);
    ck_assert_uint_eq(touched(f, PFX + e->old_off, 16), 16);
    ck_assert_uint_eq(touched_total(f, PFX), e->bytes);
    ck_assert_uint_eq(written_total(f), e->bytes); /* none outside it */
    /* The old PSW is the last store (docs/design.md 4.3). */
    unsigned last = atomic_load(&f->nlog) - 1;
    ck_assert_uint_eq(f->log[last].addr + f->log[last].len,
                      PFX + e->old_off + 16);
    /* The new PSW was read before anything was written. */
    ck_assert_uint_eq(f->reads, 1);
}

START_TEST(external_classes)
{
    struct fake *f = fake_new(4, 0, false);
    struct s390_cpu_state st;
    struct {
        struct expect e;
        uint16_t code, cpu_addr;
        bool param, param64;
    } t[] = {
        { { ext_irq(S390_IRQ_MALFUNCTION_ALERT, 3, 0xFFFFFFFF, 9), false, 0x130,
            0x1B0, 20 },
          0x1200,
          3,
          false,
          false },
        { { ext_irq(S390_IRQ_EMERGENCY, 2, 0xFFFFFFFF, 9), false, 0x130, 0x1B0,
            20 },
          0x1201,
          2,
          false,
          false },
        { { ext_irq(S390_IRQ_EXTERNAL_CALL, 1, 0xFFFFFFFF, 9), false, 0x130,
            0x1B0, 20 },
          0x1202,
          1,
          false,
          false },
        { { ext_irq(S390_IRQ_SERVICE, 5, 0x00FEDC08 | 3, 9), true, 0x130, 0x1B0,
            24 },
          0x2401,
          0,
          true,
          false },
        { { ext_irq(S390_IRQ_PFAULT_INIT, 5, 0x77, 0x1122334455667788ull),
            false, 0x130, 0x1B0, 32 },
          0x2603,
          0x0600,
          true,
          true },
        { { ext_irq(S390_IRQ_PFAULT_DONE, 5, 0x78, 0x8877665544332211ull), true,
            0x130, 0x1B0, 32 },
          0x2603,
          0x0680,
          true,
          true },
        { { ext_irq(S390_IRQ_VIRTIO, 5, 0xDEADBEEF, 0x0123456789ABCDEFull),
            true, 0x130, 0x1B0, 32 },
          0x2603,
          0x0D00,
          true,
          true },
    };
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        memset(f->mem + PFX, 0xEE, 0x2000);
        deliver_checked(f, &t[i].e, &st);
        ck_assert_uint_eq(rd16(f, PFX + 0x86), t[i].code);
        ck_assert_uint_eq(rd16(f, PFX + 0x84), t[i].cpu_addr);
        if (t[i].param)
            ck_assert_uint_eq(rd32(f, PFX + 0x80), t[i].e.irq.u.ext.param);
        else
            ck_assert_uint_eq(rd32(f, PFX + 0x80), 0xEEEEEEEE);
        if (t[i].param64)
            ck_assert_uint_eq(rd64(f, PFX + 0x11B8), t[i].e.irq.u.ext.param64);
        else
            ck_assert_uint_eq(touched(f, PFX + 0x11B8, 8), 0);
        ck_assert_uint_eq(atomic_load(&f->last_code), t[i].code);
        ck_assert_uint_eq(atomic_load(&f->last_irq), t[i].e.irq.type);
    }
    fake_free(f);
}
END_TEST

START_TEST(io_class)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    struct expect e = { io_irq(0x0001, 0xBEEF, 0x12345678, 6), true, 0x170,
                        0x1F0, 28 };
    e.irq.u.io.word |= 0x80000000u; /* adapter interruption, ISC 6 */
    deliver_checked(f, &e, &st);
    ck_assert_uint_eq(rd16(f, PFX + 0xB8), 0x0001);
    ck_assert_uint_eq(rd16(f, PFX + 0xBA), 0xBEEF);
    ck_assert_uint_eq(rd32(f, PFX + 0xBC), 0x12345678);
    ck_assert_uint_eq(rd32(f, PFX + 0xC0), 0xB0000000u);
    fake_free(f);
}
END_TEST

START_TEST(svc_and_restart)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    struct expect e = { irq_of(S390_IRQ_SVC), false, 0x140, 0x1C0, 20 };
    e.irq.u.svc.code = 0x00FE;
    e.irq.u.svc.ilc = 4;
    deliver_checked(f, &e, &st);
    ck_assert_uint_eq(rd16(f, PFX + 0x88), 4);
    ck_assert_uint_eq(rd16(f, PFX + 0x8A), 0x00FE);
    struct expect r = { irq_of(S390_IRQ_RESTART), false, 0x120, 0x1A0, 16 };
    deliver_checked(f, &r, &st);
    fake_free(f);
}
END_TEST

static struct s390_irq pgm(uint16_t code)
{
    struct s390_irq p = irq_of(S390_IRQ_PROGRAM);
    p.u.pgm.code = code;
    p.u.pgm.ilc = 6;
    p.u.pgm.trans_exc_code = 0x0000000012345C03ull;
    p.u.pgm.exc_access_id = 0x0A;
    p.u.pgm.op_access_id = 0x0B;
    p.u.pgm.per_access_id = 0x0C;
    p.u.pgm.per_code = 0x80;
    p.u.pgm.per_atmid = 0x41;
    p.u.pgm.per_address = 0x7777000011112222ull;
    p.u.pgm.data_exc_code = 0x00000700;
    p.u.pgm.mon_class_nr = 0x0009;
    p.u.pgm.mon_code = 0x00000000CAFEF00Dull;
    return p;
}

/* Which program-interruption codes store which identification fields
 * (PoP chapter 6, "Program-Interruption Conditions" and chapter 3,
 * "Assigned Storage Locations"; KVM __deliver_prog, Hercules
 * program_interrupt agree):
 * - TEID at 0xA8: protection 0x04; segment/page translation 0x10, 0x11,
 *   ASCE-type and region translation 0x38-0x3B; space switch 0x1C; AFX/ASX/
 *   LX/EX translation, primary/secondary authority, LFX/LSX translation
 *   0x20-0x27 and LSTE sequence 0x2E.
 * - exception access id at 0xA0: 0x04, 0x10, 0x11, 0x38-0x3B, and ALEN
 *   translation, ALE sequence, ASTE validity, ASTE sequence, extended
 *   authority 0x29-0x2D and ASTE instance 0x2F (not ALET specification
 *   0x28: KVM and Hercules store none for it).
 * - operand access id at 0xA2: 0x10, 0x11, 0x38-0x3B.
 * - DXC at 0x90: data 0x07, vector processing 0x1B; monitor class 0x94 and
 *   monitor code 0xB0: monitor event 0x40.
 * - PER code, ATMID, address and PER access id with the PER bit 0x80. */
enum { F_TEID = 1, F_EXC = 2, F_OP = 4, F_DXC = 8, F_MON = 16 };

static unsigned expected_fields(unsigned exc)
{
    if (exc == 0x10 || exc == 0x11 || (exc >= 0x38 && exc <= 0x3B))
        return F_TEID | F_EXC | F_OP;
    if (exc == 0x04)
        return F_TEID | F_EXC;
    if (exc == 0x1C || (exc >= 0x20 && exc <= 0x27) || exc == 0x2E)
        return F_TEID;
    if ((exc >= 0x29 && exc <= 0x2D) || exc == 0x2F)
        return F_EXC;
    if (exc == 0x07 || exc == 0x1B)
        return F_DXC;
    if (exc == 0x40)
        return F_MON;
    return 0;
}

START_TEST(program_fields_by_code)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    for (unsigned code = 0x01; code <= 0xC0; code++) {
        unsigned exc = code & 0x7F;
        bool per = (code & 0x80) != 0;
        if (exc > 0x40)
            continue;
        unsigned fl = expected_fields(exc);
        /* base: ILC+code 4, BEAR 8, old PSW 16 */
        unsigned bytes = 28u + (fl & F_TEID ? 8u : 0u) +
                         (fl & F_EXC ? 1u : 0u) + (fl & F_OP ? 1u : 0u) +
                         (fl & F_DXC ? 4u : 0u) + (fl & F_MON ? 10u : 0u) +
                         (per ? 11u : 0u);
        memset(f->mem + PFX, 0, 0x2000);
        struct expect e = { pgm((uint16_t)code), false, 0x150, 0x1D0, bytes };
        deliver_checked(f, &e, &st);
        ck_assert_uint_eq(rd16(f, PFX + 0x8C), 6);
        ck_assert_uint_eq(rd16(f, PFX + 0x8E), code);
        ck_assert_uint_eq(rd64(f, PFX + 0x110), 0xBEA0BEA0);
        ck_assert_msg(touched(f, PFX + 0xA8, 8) == (fl & F_TEID ? 8u : 0u),
                      "TEID for code 0x%x", code);
        if (fl & F_TEID)
            ck_assert_uint_eq(rd64(f, PFX + 0xA8), 0x0000000012345C03ull);
        ck_assert_msg(touched(f, PFX + 0xA0, 1) == (fl & F_EXC ? 1u : 0u),
                      "exception access id for code 0x%x", code);
        if (fl & F_EXC)
            ck_assert_uint_eq(f->mem[PFX + 0xA0], 0x0A);
        ck_assert_msg(touched(f, PFX + 0xA2, 1) == (fl & F_OP ? 1u : 0u),
                      "operand access id for code 0x%x", code);
        if (fl & F_OP)
            ck_assert_uint_eq(f->mem[PFX + 0xA2], 0x0B);
        ck_assert_uint_eq(touched(f, PFX + 0x90, 4), fl & F_DXC ? 4 : 0);
        if (fl & F_DXC)
            ck_assert_uint_eq(rd32(f, PFX + 0x90), 0x700);
        ck_assert_uint_eq(touched(f, PFX + 0x94, 2), fl & F_MON ? 2 : 0);
        ck_assert_uint_eq(touched(f, PFX + 0xB0, 8), fl & F_MON ? 8 : 0);
        if (fl & F_MON) {
            ck_assert_uint_eq(rd16(f, PFX + 0x94), 9);
            ck_assert_uint_eq(rd64(f, PFX + 0xB0), 0xCAFEF00Dull);
        }
        ck_assert_uint_eq(touched(f, PFX + 0x96, 10), per ? 10 : 0);
        ck_assert_uint_eq(touched(f, PFX + 0xA1, 1), per);
        if (per) {
            ck_assert_uint_eq(f->mem[PFX + 0x96], 0x80);
            ck_assert_uint_eq(f->mem[PFX + 0x97], 0x41);
            ck_assert_uint_eq(rd64(f, PFX + 0x98), 0x7777000011112222ull);
            ck_assert_uint_eq(f->mem[PFX + 0xA1], 0x0C);
        }
        ck_assert_uint_eq(f->mem[PFX + 0xA3], 0);
    }
    fake_free(f);
}
END_TEST

static void check_save_areas(const struct fake *f, uint32_t pfx,
                             const struct s390_cpu_state *st)
{
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(rd64(f, pfx + 0x1200 + 8 * i), st->fprs[i]);
        ck_assert_uint_eq(rd64(f, pfx + 0x1280 + 8 * i), st->gprs[i]);
        ck_assert_uint_eq(rd32(f, pfx + 0x1340 + 4 * i), st->acrs[i]);
        ck_assert_uint_eq(rd64(f, pfx + 0x1380 + 8 * i), st->cr[i]);
    }
    ck_assert_uint_eq(rd32(f, pfx + 0x1318), st->prefix & 0x7FFFE000u);
    ck_assert_uint_eq(rd32(f, pfx + 0x131C), st->fpc);
    ck_assert_uint_eq(rd32(f, pfx + 0x1324), st->todpr);
    ck_assert_uint_eq(rd64(f, pfx + 0x1328), (uint64_t)st->cpu_timer);
    ck_assert_uint_eq(rd64(f, pfx + 0x1330), st->ckc >> 8);
    ck_assert_uint_eq(touched(f, pfx + 0x1310, 8), 0);
    ck_assert_uint_eq(touched(f, pfx + 0x1320, 4), 0);
    ck_assert_uint_eq(touched(f, pfx + 0x1338, 8), 0);
    ck_assert_uint_eq(f->mem[pfx + 0xA3], 1);
}

START_TEST(machine_check_classes)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    cpu_timer_state = 0x0000000012340000ull;
    /* 1 arch id + 8 MCIC + 12 damage/address + 476 save areas + 16 old PSW */
    struct expect e = { irq_of(S390_IRQ_MCHK), false, 0x160, 0x1E0, 513 };
    e.irq.u.mchk.mcic = 0xC000000000000000ull | 0x00000F0000000000ull;
    e.irq.u.mchk.ext_damage = 0x12345678;
    e.irq.u.mchk.failing_addr = 0x00000000FFFF0000ull;
    deliver_checked(f, &e, &st);
    ck_assert_uint_eq(rd64(f, PFX + 0xE8), e.irq.u.mchk.mcic);
    ck_assert_uint_eq(rd32(f, PFX + 0xF4), 0x12345678);
    ck_assert_uint_eq(rd64(f, PFX + 0xF8), 0xFFFF0000ull);
    ck_assert_uint_eq(touched(f, PFX + 0xF0, 4), 0);
    ck_assert_uint_eq(touched(f, PFX + 0x1300, 16), 0); /* no PSW save */
    check_save_areas(f, PFX, &st);

    memset(f->mem + PFX, 0, 0x2000);
    struct expect fl = { irq_of(S390_IRQ_MCHK_FLOAT), true, 0x160, 0x1E0, 513 };
    fl.irq.u.mchk.mcic = 0x0040000000000000ull; /* channel report pending */
    deliver_checked(f, &fl, &st);
    ck_assert_uint_eq(rd64(f, PFX + 0xE8), 0x0040000000000000ull);
    check_save_areas(f, PFX, &st);
    cpu_timer_state = 0;
    fake_free(f);
}
END_TEST

START_TEST(prefix_low_bits_ignored_and_no_absolute_zero_access)
{
    struct fake *f = fake_new(1, 0, false);
    set_all_new_psws(f, 0x8000);
    struct s390_irq v = ext_irq(S390_IRQ_VIRTIO, 0, 1, 2);
    ck_assert_int_eq(s390_inject_vm(f->vm, &v), 0);
    struct s390_cpu_state st;
    state_enabled(&st, 0x8000 | 0x1FFF); /* bits the prefix register lacks */
    fake_reset_log(f);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
    ck_assert_uint_eq(rd16(f, 0x8086), 0x2603);
    ck_assert_uint_eq(st.psw.addr, 0x10000 + 0x1B0);
    ck_assert_uint_eq(touched(f, 0, 0x2000), 0);
    fake_free(f);
}
END_TEST

/* The fault path for one interrupt of each class: every access that can
 * fail is made to fail once; the call returns -EFAULT, st is unchanged, the
 * interrupt is still pending and a retry delivers the same payload. */
static const struct {
    struct s390_irq irq;
    bool floating;
    unsigned accesses;
} fault_cases[] = {
    { { .type = S390_IRQ_SERVICE, .u.ext = { .param = 0x1000 } }, true, 3 },
    { { .type = S390_IRQ_VIRTIO, .u.ext = { .param = 5, .param64 = 6 } },
      true,
      4 },
    { { .type = S390_IRQ_PFAULT_DONE, .u.ext = { .param64 = 7 } }, true, 4 },
    { { .type = S390_IRQ_IO,
        .u.io = { .subchannel_nr = 9, .parm = 0x99, .word = 2u << 27 } },
      true,
      3 },
    { { .type = S390_IRQ_MCHK_FLOAT,
        .u.mchk = { .mcic = 0x0040000000000000ull } },
      true,
      9 },
    { { .type = S390_IRQ_EMERGENCY, .u.ext = { .src_cpu = 1 } }, false, 3 },
    { { .type = S390_IRQ_EXTERNAL_CALL, .u.ext = { .src_cpu = 1 } }, false, 3 },
    { { .type = S390_IRQ_MALFUNCTION_ALERT, .u.ext = { .src_cpu = 1 } },
      false,
      3 },
    { { .type = S390_IRQ_PFAULT_INIT, .u.ext = { .param64 = 8 } }, false, 4 },
    { { .type = S390_IRQ_PROGRAM,
        .u.pgm = { .code = 0x11, .ilc = 4, .trans_exc_code = 0x1000 } },
      false,
      7 },
    { { .type = S390_IRQ_SVC, .u.svc = { .code = 3, .ilc = 2 } }, false, 3 },
    { { .type = S390_IRQ_MCHK, .u.mchk = { .mcic = 0x8000000000000000ull } },
      false,
      9 },
    { { .type = S390_IRQ_RESTART }, false, 2 },
};

START_TEST(fault_keeps_interrupt_pending)
{
    const unsigned c = (unsigned)_i;
    for (unsigned fail = 1; fail <= fault_cases[c].accesses; fail++) {
        struct fake *f = fake_new(2, 0, false);
        set_all_new_psws(f, PFX);
        if (fault_cases[c].floating)
            ck_assert_int_eq(s390_inject_vm(f->vm, &fault_cases[c].irq), 0);
        else
            ck_assert_int_eq(s390_inject_vcpu(f->vm, 0, &fault_cases[c].irq),
                             0);
        struct s390_cpu_state st, before;
        state_enabled(&st, PFX);
        before = st;
        fake_reset_log(f);
        f->fail_at = fail;
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), -EFAULT);
        ck_assert_mem_eq(&st, &before, sizeof(st));
        ck_assert(s390_cpu_has_interrupt(f->vm, 0, &st));
        struct s390_stats s;
        ck_assert_int_eq(s390_get_stats(f->vm, 0, &s), 0);
        ck_assert_uint_eq(s.delivery_faults, 1);
        /* Retry: delivered once, with the payload intact. */
        f->fail_at = 0;
        fake_reset_log(f);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 1);
        ck_assert_uint_eq(atomic_load(&f->nlog) + f->reads,
                          fault_cases[c].accesses);
        ck_assert(!s390_cpu_has_interrupt(f->vm, 0, &st));
        state_enabled(&st, PFX);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st), 0);
        ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), 0);
        switch (fault_cases[c].irq.type) {
        case S390_IRQ_SERVICE:
            ck_assert_uint_eq(rd32(f, PFX + 0x80), 0x1000);
            break;
        case S390_IRQ_IO:
            ck_assert_uint_eq(rd32(f, PFX + 0xBC), 0x99);
            break;
        case S390_IRQ_PFAULT_INIT:
            ck_assert_uint_eq(rd64(f, PFX + 0x11B8), 8);
            break;
        case S390_IRQ_EMERGENCY:
            ck_assert_uint_eq(rd16(f, PFX + 0x84), 1);
            break;
        case S390_IRQ_PROGRAM:
            ck_assert_uint_eq(rd64(f, PFX + 0xA8), 0x1000);
            break;
        default:
            break;
        }
        fake_free(f);
    }
}
END_TEST

START_TEST(fault_on_floating_lets_other_vcpu_take_it)
{
    struct fake *f = fake_new(2, 0, false);
    set_all_new_psws(f, PFX);
    set_all_new_psws(f, 0x8000);
    struct s390_irq io = io_irq(0, 1, 0xAA, 1);
    ck_assert_int_eq(s390_inject_vm(f->vm, &io), 0);
    struct s390_cpu_state st0, st1;
    state_enabled(&st0, PFX);
    state_enabled(&st1, 0x8000);
    f->fail_at = 2;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st0), -EFAULT);
    f->fail_at = 0;
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st1), 1);
    ck_assert_uint_eq(rd32(f, 0x8000 + 0xBC), 0xAA);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, &st0), 0);
    fake_free(f);
}
END_TEST

START_TEST(invalid_arguments)
{
    struct fake *f = fake_new(1, 0, false);
    struct s390_cpu_state st;
    state_enabled(&st, 0);
    ck_assert_int_eq(s390_deliver_pending(NULL, 0, &st), -EINVAL);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 1, &st), -EINVAL);
    ck_assert_int_eq(s390_deliver_pending(f->vm, 0, NULL), -EINVAL);
    ck_assert(!s390_cpu_has_interrupt(NULL, 0, &st));
    ck_assert(!s390_cpu_has_interrupt(f->vm, 1, &st));
    ck_assert(!s390_cpu_has_interrupt(f->vm, 0, NULL));
    fake_free(f);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("s390_deliver");
    TCase *tc = tcase_create("deliver");
    tcase_add_test(tc, external_classes);
    tcase_add_test(tc, io_class);
    tcase_add_test(tc, svc_and_restart);
    tcase_add_test(tc, program_fields_by_code);
    tcase_add_test(tc, machine_check_classes);
    tcase_add_test(tc, prefix_low_bits_ignored_and_no_absolute_zero_access);
    tcase_add_loop_test(tc, fault_keeps_interrupt_pending, 0,
                        (int)(sizeof(fault_cases) / sizeof(fault_cases[0])));
    tcase_add_test(tc, fault_on_floating_lets_other_vcpu_take_it);
    tcase_add_test(tc, invalid_arguments);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

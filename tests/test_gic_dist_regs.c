/* SPDX-License-Identifier: MIT */
/* The distributor register file (IHI 0048B 4.1, 4.3; docs/design.md 3.3):
 * reset values, writable masks, banking, RAZ/WI regions, access widths,
 * malformed accesses and the access statistics, swept over 1..8 CPUs and
 * 32..1024 interrupt IDs. */
#include <errno.h>
#include <stdlib.h>

#include "gic_test_util.h"
#include "test_util.h"

struct cfg_case {
    unsigned cpus, irqs;
};

static const struct cfg_case cfgs[] = {
    { 1, 32 },  { 1, 1024 }, { 2, 64 },  { 3, 96 }, { 4, 480 },
    { 5, 992 }, { 6, 160 },  { 7, 256 }, { 8, 32 }, { 8, 1024 },
};
#define NR_CFGS ((int)(sizeof(cfgs) / sizeof(cfgs[0])))

static const uint8_t id_regs[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xB4, 0x2B, 0x00, 0x0D, 0xF0, 0x05, 0xB1,
};

/* ---- the model -------------------------------------------------------- */

static unsigned nids(const struct cfg_case *c)
{
    return c->irqs < 1020 ? c->irqs : 1020;
}

static uint32_t cpu_mask(const struct cfg_case *c)
{
    return (1u << c->cpus) - 1u;
}

/* Existing interrupts among IDs first..first+n-1, as a bit mask. */
static uint32_t exist_bits(const struct cfg_case *c, unsigned first, unsigned n)
{
    uint32_t m = 0;
    for (unsigned i = 0; i < n; i++)
        if (first + i < nids(c))
            m |= 1u << i;
    return m;
}

/* One byte per existing interrupt among IDs first..first+3, each `byte`. */
static uint32_t exist_bytes(const struct cfg_case *c, unsigned first,
                            uint8_t byte)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 4; i++)
        if (first + i < nids(c))
            v |= (uint32_t)byte << (8 * i);
    return v;
}

static bool in(uint32_t off, uint32_t lo, uint32_t hi)
{
    return off >= lo && off < hi;
}

/* Registers whose word at `off` is banked per CPU. */
static bool banked(uint32_t off)
{
    return off == 0x080 || off == 0x100 || off == 0x180 || off == 0x200 ||
           off == 0x280 || off == 0x300 || off == 0x380 ||
           in(off, 0x400, 0x420) || in(off, 0x800, 0x820) ||
           in(off, 0xF10, 0xF30);
}

/* What word `off` reads for CPU `cpu` when the registers CPU `cpu` sees are
 * at reset (ones = false) or after "all ones" was written to every
 * IGROUPR, ISENABLER, ISPENDR, ISACTIVER, IPRIORITYR, ITARGETSR and ICFGR
 * word (ones = true). Nothing else (CTLR, SGIs) is touched. */
static uint32_t model(const struct cfg_case *c, unsigned cpu, uint32_t off,
                      bool ones)
{
    if (off == 0x000)
        return 0;
    if (off == 0x004)
        return (c->irqs / 32 - 1) | (c->cpus - 1) << 5;
    if (off == 0x008)
        return VINTC_GIC_DEFAULT_IIDR;
    if (in(off, 0x080, 0x400)) {
        unsigned n = (off & 0x7F) / 4, first = 32 * n;
        uint32_t valid = exist_bits(c, first, 32);
        switch ((off - 0x080) / 0x80) {
        case 0:
            return ones ? valid : 0; /* IGROUPR */
        case 1:
        case 2: /* IS/ICENABLER */
            return (ones ? valid : 0) | (n == 0 ? 0xFFFFu : 0);
        case 3:
        case 4: /* IS/ICPENDR */
            return ones ? valid & (n == 0 ? 0xFFFF0000u : ~0u) : 0;
        default:
            return ones ? valid : 0; /* IS/ICACTIVER */
        }
    }
    if (in(off, 0x400, 0x7FC))
        return ones ? exist_bytes(c, off - 0x400, 0xF8) : 0;
    if (in(off, 0x800, 0x820))
        return 0x01010101u << cpu;
    if (in(off, 0x820, 0xBFC))
        return ones ? exist_bytes(c, off - 0x800, (uint8_t)cpu_mask(c)) : 0;
    if (off == 0xC00)
        return 0xAAAAAAAAu;
    if (in(off, 0xC04, 0xD00)) {
        if (off == 0xC04 || !ones)
            return 0;
        uint32_t e = exist_bits(c, (off - 0xC00) * 4, 16), v = 0;
        for (unsigned i = 0; i < 16; i++)
            if ((e >> i) & 1u)
                v |= 2u << (2 * i);
        return v;
    }
    if (off >= 0xFD0)
        return id_regs[(off - 0xFD0) / 4];
    return 0; /* reserved, IMPDEF, NSACR, SGIR, C/SPENDSGIR at reset */
}

static struct gic *make(const struct cfg_case *c)
{
    return tu_gic(c->cpus, c->irqs, NULL);
}

static void check_all(struct gic *g, const struct cfg_case *c, unsigned cpu,
                      bool ones_banked, bool ones_shared, const char *when)
{
    for (uint32_t off = 0; off < 0x1000; off += 4) {
        uint32_t want = model(c, cpu, off,
                              banked(off) ? ones_banked : ones_shared);
        uint32_t got = tu_rd(g, cpu, off);
        if (got != want)
            ck_abort_msg("%s: %u cpus %u irqs, cpu %u offset 0x%03x: 0x%08x, "
                         "want 0x%08x",
                         when, c->cpus, c->irqs, cpu, off, got, want);
    }
}

/* ---- reset values and RAZ/WI regions ----------------------------------- */

START_TEST(reset_values_every_offset)
{
    const struct cfg_case *c = &cfgs[_i];
    struct gic *g = make(c);
    for (unsigned cpu = 0; cpu < c->cpus; cpu++)
        check_all(g, c, cpu, false, false, "reset");
    gic_destroy(g);
}
END_TEST

/* Offsets that have no effect when written: reserved, IMPDEF, read-only,
 * and the registers of interrupt IDs that do not exist. */
static bool no_effect(const struct cfg_case *c, uint32_t off)
{
    if (off == 0x004 || off == 0x008 || in(off, 0x00C, 0x080) || off == 0x7FC ||
        off == 0xBFC || in(off, 0x800, 0x820) || off == 0xC00 || off == 0xC04 ||
        in(off, 0xD00, 0xF00) || in(off, 0xF04, 0xF10) || off >= 0xF30)
        return true;
    if (in(off, 0x080, 0x400))
        return 32 * ((off & 0x7F) / 4) >= nids(c);
    if (in(off, 0x400, 0x7FC))
        return off - 0x400 >= nids(c);
    if (in(off, 0x820, 0xBFC))
        return off - 0x800 >= nids(c);
    if (in(off, 0xC08, 0xD00))
        return (off - 0xC00) * 4 >= nids(c);
    return false;
}

START_TEST(razwi_regions_ignore_writes)
{
    const struct cfg_case *c = &cfgs[_i];
    struct gic *g = make(c);
    for (unsigned cpu = 0; cpu < c->cpus; cpu++)
        for (uint32_t off = 0; off < 0x1000; off += 4)
            if (no_effect(c, off)) {
                tu_wr(g, cpu, off, 0xFFFFFFFFu);
                for (unsigned b = 0; b < 4; b++)
                    tu_wrw(g, cpu, off + b, 1, 0xFF);
            }
    /* GICD_SGIR with the reserved filter 0b11 does nothing either. */
    tu_wr(g, 0, VINTC_GICD_SGIR, 0xFFFFFFFFu);
    for (unsigned cpu = 0; cpu < c->cpus; cpu++)
        check_all(g, c, cpu, false, false, "after RAZ/WI writes");
    gic_destroy(g);
}
END_TEST

/* ---- writable masks and banking ---------------------------------------- */

static const uint32_t set_families[] = { 0x080, 0x100, 0x200, 0x300 };

static void write_ones(struct gic *g, const struct cfg_case *c, unsigned cpu)
{
    for (unsigned f = 0; f < 4; f++)
        for (uint32_t off = set_families[f]; off < set_families[f] + 0x80;
             off += 4)
            tu_wr(g, cpu, off, 0xFFFFFFFFu);
    for (uint32_t off = 0x400; off < 0xD00; off += 4)
        if (off != 0x7FC && off != 0xBFC)
            tu_wr(g, cpu, off, 0xFFFFFFFFu);
    (void)c;
}

static void write_clear(struct gic *g, unsigned cpu)
{
    for (uint32_t off = 0x080; off < 0x100; off += 4)
        tu_wr(g, cpu, off, 0);
    for (uint32_t off = 0x180; off < 0x200; off += 4)
        tu_wr(g, cpu, off, 0xFFFFFFFFu);
    for (uint32_t off = 0x280; off < 0x300; off += 4)
        tu_wr(g, cpu, off, 0xFFFFFFFFu);
    for (uint32_t off = 0x380; off < 0x400; off += 4)
        tu_wr(g, cpu, off, 0xFFFFFFFFu);
    for (uint32_t off = 0x400; off < 0xD00; off += 4)
        if (off != 0x7FC && off != 0xBFC)
            tu_wr(g, cpu, off, 0);
}

START_TEST(writable_masks_and_banking)
{
    const struct cfg_case *c = &cfgs[_i];
    struct gic *g = make(c);
    /* CPU 0 sets everything: its view is all ones, the other CPUs see the
     * shared words set and their own banks still at reset. */
    write_ones(g, c, 0);
    check_all(g, c, 0, true, true, "cpu 0 wrote ones");
    for (unsigned cpu = 1; cpu < c->cpus; cpu++)
        check_all(g, c, cpu, false, true, "cpu 0 wrote ones, other cpu");
    for (unsigned cpu = 1; cpu < c->cpus; cpu++)
        write_ones(g, c, cpu);
    for (unsigned cpu = 0; cpu < c->cpus; cpu++)
        check_all(g, c, cpu, true, true, "every cpu wrote ones");
    /* CPU 0 clears everything: the shared words clear for all, the other
     * CPUs' banks keep their ones. */
    write_clear(g, 0);
    check_all(g, c, 0, false, false, "cpu 0 cleared");
    for (unsigned cpu = 1; cpu < c->cpus; cpu++)
        check_all(g, c, cpu, true, false, "cpu 0 cleared, other cpu");
    gic_destroy(g);
}
END_TEST

START_TEST(ctlr_mask)
{
    struct gic *g = tu_gic(2, 64, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 0xFFFFFFFFu);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_CTLR), 0x3);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_CTLR), 0x3); /* not banked */
    tu_wr(g, 1, VINTC_GICD_CTLR, 0x2);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_CTLR), 0x2);
    tu_wr(g, 0, VINTC_GICD_CTLR, 0xFFFFFFFCu);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_CTLR), 0);
    tu_wr(g, 0, VINTC_GICD_CTLR, 0x1);
    ck_assert_uint_eq(tu_rd(g, 1, VINTC_GICD_CTLR), 0x1);
    gic_destroy(g);
}
END_TEST

/* A single-CPU GIC keeps SPI targets writable (masked to CPU 0). */
START_TEST(itargetsr_uniprocessor_writable)
{
    struct gic *g = tu_gic(1, 64, NULL);
    tu_wr(g, 0, VINTC_GICD_ITARGETSR + 32, 0xFF02FF01u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ITARGETSR + 32), 0x01000101u);
    ck_assert_uint_eq(tu_rd(g, 0, VINTC_GICD_ITARGETSR), 0x01010101u);
    gic_destroy(g);
}
END_TEST

/* Linux finds its CPU interface number by OR-ing ITARGETSR0..7. */
START_TEST(itargetsr_probe_finds_own_cpu)
{
    struct gic *g = tu_gic(8, 64, NULL);
    for (unsigned cpu = 0; cpu < 8; cpu++) {
        uint32_t or = 0;
        for (uint32_t off = 0x800; off < 0x820; off += 4)
            or |= tu_rd(g, cpu, off);
        or |= or >> 16;
        or |= or >> 8;
        ck_assert_uint_eq(or &0xFF, 1u << cpu);
        for (uint32_t off = 0x800; off < 0x820; off++)
            ck_assert_uint_eq(tu_rdw(g, cpu, off, 1), 1u << cpu);
    }
    gic_destroy(g);
}
END_TEST

/* ---- access widths ---------------------------------------------------- */

struct snap {
    uint32_t w[2][1024];
};

static void snapshot(struct gic *g, struct snap *s)
{
    for (unsigned cpu = 0; cpu < 2; cpu++)
        for (uint32_t off = 0; off < 0x1000; off += 4)
            s->w[cpu][off / 4] = tu_rd(g, cpu, off);
}

static void snap_equal(const struct snap *a, const struct snap *b,
                       const char *when)
{
    for (unsigned cpu = 0; cpu < 2; cpu++)
        for (unsigned i = 0; i < 1024; i++)
            if (a->w[cpu][i] != b->w[cpu][i])
                ck_abort_msg(
                    "%s: cpu %u offset 0x%03x changed 0x%08x -> 0x%08x", when,
                    cpu, i * 4, a->w[cpu][i], b->w[cpu][i]);
}

/* A 2-CPU, 1024-ID distributor with a mix of everything. */
static struct gic *make_busy(void)
{
    struct gic *g = tu_gic(2, 1024, NULL);
    tu_wr(g, 0, VINTC_GICD_CTLR, 1);
    for (unsigned cpu = 0; cpu < 2; cpu++) {
        for (unsigned n = 0; n < 32; n++) {
            if (n > 0 && cpu > 0)
                break;
            tu_wr(g, cpu, VINTC_GICD_IGROUPR + 4 * n, 0x5A5A5A5Au);
            tu_wr(g, cpu, VINTC_GICD_ISENABLER + 4 * n, 0x33333333u);
            tu_wr(g, cpu, VINTC_GICD_ISPENDR + 4 * n, 0x0F0F0F0Fu);
            tu_wr(g, cpu, VINTC_GICD_ISACTIVER + 4 * n, 0x00FF00FFu << cpu);
        }
        for (unsigned id = 0; id < (cpu ? 32u : 1020u); id++)
            tu_wrw(g, cpu, VINTC_GICD_IPRIORITYR + id, 1,
                   (id * 8 + cpu * 16) & 0xF8);
    }
    for (unsigned id = 32; id < 1020; id++)
        tu_set_target(g, id, (uint8_t)(id % 3 + 1));
    for (uint32_t off = 0xC08; off < 0xD00; off += 4)
        tu_wr(g, 0, off, 0x8080A0A0u);
    tu_wr(g, 0, VINTC_GICD_SGIR, VINTC_GICD_SGIR_VALUE(0, 2, 3));
    tu_wr(g, 1, VINTC_GICD_SPENDSGIR + 4, 0x00000300u);
    tu_wr(g, 0, VINTC_GICD_SPENDSGIR, 0x01000200u);
    return g;
}

static bool byte_reg(uint32_t off)
{
    return in(off, 0x400, 0x7FC) || in(off, 0x800, 0xBFC) ||
           in(off, 0xF10, 0xF30);
}

/* Byte and halfword reads: the byte registers return their lane, every other
 * offset (and every halfword) reads 0 and counts as RAZ/WI. */
START_TEST(subword_reads)
{
    struct gic *g = make_busy();
    struct snap s;
    snapshot(g, &s);
    struct gic_stats st0, st1;
    ck_assert_int_eq(gic_get_stats(g, 1, &st0), 0);
    uint64_t reads = 0, razwi = 0;
    for (uint32_t off = 0; off < 0x1000; off++) {
        uint32_t word = s.w[1][off / 4];
        unsigned lane = off % 4;
        uint32_t got = tu_rdw(g, 1, off, 1);
        reads++;
        if (byte_reg(off & ~3u)) {
            if (got != ((word >> (8 * lane)) & 0xFF))
                ck_abort_msg("byte read 0x%03x: 0x%02x of 0x%08x", off, got,
                             word);
        } else {
            if (got != 0)
                ck_abort_msg("byte read 0x%03x not RAZ: 0x%x", off, got);
            razwi++;
        }
        if (off % 2 == 0) {
            got = tu_rdw(g, 1, off, 2);
            reads++;
            razwi++;
            if (got != 0)
                ck_abort_msg("halfword read 0x%03x not RAZ: 0x%x", off, got);
        }
    }
    ck_assert_int_eq(gic_get_stats(g, 1, &st1), 0);
    ck_assert_uint_eq(st1.mmio_reads - st0.mmio_reads, reads);
    ck_assert_uint_eq(st1.mmio_razwi - st0.mmio_razwi, razwi);
    gic_destroy(g);
}
END_TEST

/* Halfword writes anywhere and byte writes to word-only registers change
 * nothing, whatever the value. */
START_TEST(subword_writes_ignored)
{
    static const uint32_t vals[] = { 0xFFFFFFFFu, 0, 0x02000003u };
    struct gic *g = make_busy();
    struct snap before, after;
    snapshot(g, &before);
    struct gic_stats st0, st1;
    uint64_t writes = 0, counted = 0, razwi = 0;
    for (unsigned v = 0; v < 3; v++) {
        ck_assert_int_eq(gic_get_stats(g, 0, &st0), 0);
        for (uint32_t off = 0; off < 0x1000; off++) {
            unsigned lane = off % 4;
            if (!byte_reg(off & ~3u)) {
                tu_wrw(g, 0, off, 1, (vals[v] >> (8 * lane)) & 0xFF);
                writes++;
            }
            if (off % 2 == 0) {
                tu_wrw(g, 0, off, 2, (vals[v] >> (8 * lane)) & 0xFFFF);
                writes++;
            }
        }
        ck_assert_int_eq(gic_get_stats(g, 0, &st1), 0);
        counted += st1.mmio_writes - st0.mmio_writes;
        razwi += st1.mmio_razwi - st0.mmio_razwi;
        snapshot(g, &after);
        snap_equal(&before, &after, "sub-word writes");
    }
    ck_assert_uint_eq(counted, writes);
    ck_assert_uint_eq(razwi, writes);
    gic_destroy(g);
}
END_TEST

/* A byte write to IPRIORITYR/ITARGETSR changes exactly its own byte. */
START_TEST(byte_writes_hit_one_byte)
{
    struct gic *g = make_busy();
    struct snap before, after;
    static const uint32_t probes[] = { 0x400, 0x41C, 0x420, 0x5A8,
                                       0x7F8, 0x820, 0x9F4, 0xBF8 };
    for (unsigned p = 0; p < sizeof(probes) / sizeof(probes[0]); p++) {
        for (unsigned lane = 0; lane < 4; lane++) {
            uint32_t off = probes[p] + lane;
            unsigned cpu = lane % 2;
            snapshot(g, &before);
            uint8_t val = (uint8_t)(~before.w[cpu][off / 4] >> (8 * lane));
            tu_wrw(g, cpu, off, 1, val);
            snapshot(g, &after);
            uint8_t mask = off < 0x800 ? 0xF8 : 0x03;
            uint32_t want = (before.w[cpu][off / 4] & ~(0xFFu << (8 * lane))) |
                            (uint32_t)(val & mask) << (8 * lane);
            ck_assert_msg(after.w[cpu][off / 4] == want,
                          "byte 0x%03x: 0x%08x want 0x%08x", off,
                          after.w[cpu][off / 4], want);
            after.w[cpu][off / 4] = before.w[cpu][off / 4];
            if (off < 0x420) /* banked: the other CPU's copy is untouched */
                ck_assert_uint_eq(after.w[1 - cpu][off / 4],
                                  before.w[1 - cpu][off / 4]);
            else
                after.w[1 - cpu][off / 4] = before.w[1 - cpu][off / 4];
            snap_equal(&before, &after, "byte write elsewhere");
        }
    }
    gic_destroy(g);
}
END_TEST

/* ---- malformed accesses ----------------------------------------------- */

struct bad_access {
    uint32_t off;
    unsigned size;
    unsigned cpu; /* 100 = nr_cpus (first invalid) */
};

static const struct bad_access bad_accesses[] = {
    { 0x100, 0, 0 },   { 0x100, 3, 0 },   { 0x100, 5, 0 },
    { 0x100, 8, 1 },   { 0x401, 4, 0 },   { 0x402, 4, 0 },
    { 0x403, 4, 1 },   { 0x401, 2, 0 },   { 0x803, 2, 1 },
    { 0xF01, 4, 0 },   { 0xFFE, 4, 0 },   { 0x1000, 4, 0 },
    { 0x1000, 1, 0 },  { 0x1004, 4, 1 },  { 0xFFFFFFFCu, 4, 0 },
    { 0x10000, 2, 0 }, { 0x100, 4, 100 }, { 0x000, 4, 100 },
    { 0x400, 1, 100 }, { 0xF00, 4, 100 }, { 0x100, 4, 101 },
    { 0x100, 4, ~0u },
};

START_TEST(malformed_access_rejected)
{
    const struct bad_access *b = &bad_accesses[_i];
    struct gic *g = make_busy();
    unsigned cpu = b->cpu == 100 ? 2 : b->cpu == 101 ? 8 : b->cpu;
    bool cpu_ok = cpu < 2;
    struct snap before, after;
    snapshot(g, &before);
    struct gic_stats all0, all1, c0, c1;
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &all0), 0);
    ck_assert_int_eq(gic_get_stats(g, cpu_ok ? cpu : 0, &c0), 0);

    uint32_t v = 0x12345678u;
    ck_assert_int_eq(gic_dist_mmio_read(g, cpu, b->off, b->size, &v), -EINVAL);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(gic_dist_mmio_write(g, cpu, b->off, b->size, 0xFFFFFFFFu),
                     -EINVAL);
    ck_assert_int_eq(gic_dist_mmio_write(g, cpu, b->off, b->size, 0x02000003u),
                     -EINVAL);

    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &all1), 0);
    ck_assert_int_eq(gic_get_stats(g, cpu_ok ? cpu : 0, &c1), 0);
    ck_assert_uint_eq(all1.mmio_malformed - all0.mmio_malformed, 3);
    ck_assert_uint_eq(c1.mmio_malformed - c0.mmio_malformed, cpu_ok ? 3 : 0);
    ck_assert_uint_eq(all1.mmio_writes, all0.mmio_writes);
    ck_assert_uint_eq(all1.mmio_razwi, all0.mmio_razwi);
    /* Only the snapshot's own reads were counted since. */
    snapshot(g, &after);
    snap_equal(&before, &after, "malformed access");
    gic_destroy(g);
}
END_TEST

START_TEST(null_arguments_rejected)
{
    struct gic *g = tu_gic(1, 32, NULL);
    uint32_t v = 77;
    ck_assert_int_eq(gic_dist_mmio_read(NULL, 0, 0, 4, &v), -EINVAL);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(gic_dist_mmio_write(NULL, 0, 0, 4, 1), -EINVAL);
    ck_assert_int_eq(gic_dist_mmio_read(g, 0, 0, 4, NULL), -EINVAL);
    ck_assert_int_eq(gic_dist_mmio_read(g, 3, 0, 4, NULL), -EINVAL);
    /* A NULL val is a malformed access like any other: counted, for the
     * accessing CPU when it exists. */
    struct gic_stats c0, all;
    ck_assert_int_eq(gic_get_stats(g, 0, &c0), 0);
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &all), 0);
    ck_assert_uint_eq(c0.mmio_malformed, 1);
    ck_assert_uint_eq(all.mmio_malformed, 2);
    ck_assert_uint_eq(all.mmio_reads, 0);
    ck_assert_int_eq(gic_dist_mmio_read(g, 0, 4, 4, &v), 0);
    ck_assert_uint_eq(v, 0); /* TYPER of a 1-CPU, 32-ID GIC */
    gic_destroy(g);
}
END_TEST

/* ---- stats ------------------------------------------------------------ */

START_TEST(stats_count_accesses_per_cpu)
{
    struct gic *g = tu_gic(2, 64, NULL);
    struct gic_stats s0, s1, all;
    uint32_t v;
    /* cpu 0: two ordinary reads, one reserved read, one nonexistent-ID read */
    tu_rd(g, 0, VINTC_GICD_TYPER);
    tu_rd(g, 0, VINTC_GICD_ISENABLER + 4);
    tu_rd(g, 0, 0x00C);
    tu_rd(g, 0, VINTC_GICD_ISENABLER + 8); /* IDs 64..95 do not exist */
    /* cpu 1: one ordinary write, a halfword, a byte to a word register,
     * a write to IPRIORITYR of ID 64, two malformed */
    tu_wr(g, 1, VINTC_GICD_CTLR, 1);
    tu_wrw(g, 1, VINTC_GICD_IPRIORITYR, 2, 0xFFFF);
    tu_wrw(g, 1, VINTC_GICD_ISENABLER + 4, 1, 0xFF);
    tu_wrw(g, 1, VINTC_GICD_IPRIORITYR + 64, 1, 0xFF);
    ck_assert_int_eq(gic_dist_mmio_write(g, 1, 0x2, 4, 0), -EINVAL);
    ck_assert_int_eq(gic_dist_mmio_read(g, 1, 0x1000, 4, &v), -EINVAL);
    ck_assert_int_eq(gic_dist_mmio_read(g, 5, 0, 4, &v), -EINVAL);

    ck_assert_int_eq(gic_get_stats(g, 0, &s0), 0);
    ck_assert_int_eq(gic_get_stats(g, 1, &s1), 0);
    ck_assert_int_eq(gic_get_stats(g, VINTC_GIC_STATS_ALL, &all), 0);
    ck_assert_uint_eq(s0.mmio_reads, 4);
    ck_assert_uint_eq(s0.mmio_writes, 0);
    ck_assert_uint_eq(s0.mmio_razwi, 2);
    ck_assert_uint_eq(s0.mmio_malformed, 0);
    ck_assert_uint_eq(s1.mmio_reads, 0);
    ck_assert_uint_eq(s1.mmio_writes, 4);
    ck_assert_uint_eq(s1.mmio_razwi, 3);
    ck_assert_uint_eq(s1.mmio_malformed, 2);
    ck_assert_uint_eq(all.mmio_reads, 4);
    ck_assert_uint_eq(all.mmio_writes, 4);
    ck_assert_uint_eq(all.mmio_razwi, 5);
    ck_assert_uint_eq(all.mmio_malformed, 3);
    gic_destroy(g);
}
END_TEST

Suite *vintc_test_suite(void)
{
    Suite *s = suite_create("gic_dist_regs");
    TCase *tc = tcase_create("sweep");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, reset_values_every_offset, 0, NR_CFGS);
    tcase_add_loop_test(tc, razwi_regions_ignore_writes, 0, NR_CFGS);
    tcase_add_loop_test(tc, writable_masks_and_banking, 0, NR_CFGS);
    suite_add_tcase(s, tc);

    tc = tcase_create("registers");
    tcase_add_test(tc, ctlr_mask);
    tcase_add_test(tc, itargetsr_uniprocessor_writable);
    tcase_add_test(tc, itargetsr_probe_finds_own_cpu);
    suite_add_tcase(s, tc);

    tc = tcase_create("widths");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, subword_reads);
    tcase_add_test(tc, subword_writes_ignored);
    tcase_add_test(tc, byte_writes_hit_one_byte);
    suite_add_tcase(s, tc);

    tc = tcase_create("malformed");
    tcase_add_loop_test(tc, malformed_access_rejected, 0,
                        (int)(sizeof(bad_accesses) / sizeof(bad_accesses[0])));
    tcase_add_test(tc, null_arguments_rejected);
    tcase_add_test(tc, stats_count_accesses_per_cpu);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT */
#include "gen.h"

#include <vintc/gicv2_regs.h>

/* MurmurHash3's 64-bit finalizer: neighbouring seeds must start far apart,
 * or seed n + 1 would replay seed n's stream shifted by one step. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDull;
    z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53ull;
    return z ^ (z >> 33);
}

void gen_init(struct gen *g, uint64_t seed, unsigned nr_cpus, bool vif,
              bool gicc)
{
    g->state = mix64(seed ^ 0x632BE59BD9B4E019ull);
    g->nr_cpus = nr_cpus;
    g->vif = vif;
    g->gicc = gicc;
}

/* splitmix64 */
static uint64_t gen_next(struct gen *g)
{
    uint64_t z = (g->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint32_t gen_u32(struct gen *g)
{
    return (uint32_t)(gen_next(g) >> 32);
}

unsigned gen_below(struct gen *g, unsigned n)
{
    return n ? (unsigned)(gen_next(g) % n) : 0;
}

static bool gen_pct(struct gen *g, unsigned pct)
{
    return gen_below(g, 100) < pct;
}

static uint32_t cpu_mask(const struct gen *g)
{
    return (1u << g->nr_cpus) - 1u;
}

/* A few bits set, sometimes many. */
static uint32_t sparse(struct gen *g)
{
    if (gen_pct(g, 15))
        return gen_u32(g);
    return gen_u32(g) & gen_u32(g) & gen_u32(g);
}

/* Interrupts the sequences concentrate on: the private bank and the top
 * SPIs, whose lines the test drives. */
static unsigned hot_irq(struct gen *g)
{
    if (gen_pct(g, 35))
        return gen_below(g, 32);
    if (gen_pct(g, 85))
        return GEN_FIRST_FREE_SPI + gen_below(g, GEN_NR_FREE_SPIS);
    return 32 + gen_below(g, 256);
}

/* A byte of CPU targets or SGI sources: mostly existing CPUs. */
static uint32_t cpu_byte(struct gen *g, bool nonzero)
{
    uint32_t b = gen_pct(g, 90) ? (gen_u32(g) & cpu_mask(g))
                                : (gen_u32(g) & 0xFFu);
    if (nonzero && b == 0)
        b = 1u << gen_below(g, g->nr_cpus);
    return b;
}

static uint32_t cpu_bytes(struct gen *g, bool nonzero)
{
    return cpu_byte(g, nonzero) | cpu_byte(g, nonzero) << 8 |
           cpu_byte(g, nonzero) << 16 | cpu_byte(g, nonzero) << 24;
}

static const uint32_t one_bit_regs[] = {
    VINTC_GICD_ISENABLER, VINTC_GICD_ICENABLER, VINTC_GICD_ISPENDR,
    VINTC_GICD_ICPENDR,   VINTC_GICD_ISACTIVER, VINTC_GICD_ICACTIVER,
};

static void gen_dist(struct gen *g, struct op *op, bool write)
{
    op->frame = FR_GICD;
    op->write = write;
    op->size = 4;
    unsigned irq = hot_irq(g);
    unsigned w = irq / 32;
    unsigned kind = gen_below(g, write ? 15 : 17);
    switch (kind) {
    case 0:
        op->offset = VINTC_GICD_CTLR;
        op->value = gen_pct(g, 60)   ? 3u
                    : gen_pct(g, 90) ? gen_u32(g) & 3u
                                     : gen_u32(g);
        break;
    case 1:
        op->offset = VINTC_GICD_IGROUPR + 4 * w;
        op->value = gen_u32(g);
        break;
    case 2: /* the set/clear registers with one bit per interrupt */
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
        op->offset = one_bit_regs[kind - 2] + 4 * w;
        op->value = sparse(g);
        break;
    case 8:
        if (gen_pct(g, 40)) {
            op->size = 1;
            op->offset = VINTC_GICD_IPRIORITYR + irq;
            op->value = gen_u32(g) & 0xFFu;
        } else {
            op->offset = VINTC_GICD_IPRIORITYR + (irq & ~3u);
            op->value = gen_u32(g);
        }
        break;
    case 9:
        if (gen_pct(g, 40)) {
            op->size = 1;
            op->offset = VINTC_GICD_ITARGETSR + irq;
            op->value = cpu_byte(g, false);
        } else {
            op->offset = VINTC_GICD_ITARGETSR + (irq & ~3u);
            op->value = cpu_bytes(g, false);
        }
        break;
    case 10:
        op->offset = VINTC_GICD_ICFGR + 4 * (irq / 16);
        op->value = gen_u32(g);
        break;
    case 11: {
        unsigned filter = gen_pct(g, 97) ? gen_below(g, 3) : 3u;
        op->offset = VINTC_GICD_SGIR;
        op->value = VINTC_GICD_SGIR_VALUE(filter, cpu_byte(g, false),
                                          gen_below(g, 16));
        if (gen_pct(g, 10))
            op->value |= gen_u32(g) & 0xFCC07FF0u; /* reserved and NSATT bits */
        break;
    }
    case 12:
    case 13: {
        uint32_t base = gen_pct(g, 50) ? VINTC_GICD_CPENDSGIR
                                       : VINTC_GICD_SPENDSGIR;
        unsigned sgi = gen_below(g, 16);
        if (gen_pct(g, 60)) {
            op->size = 1;
            op->offset = base + sgi;
            op->value = cpu_byte(g, true);
        } else {
            op->offset = base + (sgi & ~3u);
            op->value = cpu_bytes(g, true);
        }
        break;
    }
    case 14:
        /* ICFGR of the private bank. */
        op->offset = VINTC_GICD_ICFGR + 4 * gen_below(g, 2);
        op->value = gen_u32(g);
        break;
    case 15:
        /* Any register of the frame. */
        op->offset = 4 * gen_below(g, 0x400);
        break;
    default:
        /* Sub-word reads anywhere. */
        op->size = gen_pct(g, 50) ? 1u : 2u;
        op->offset = gen_below(g, 0x1000) & ~(op->size - 1u);
        break;
    }
    /* QEMU makes the PPI configuration (ICFGR1) programmable and shared by
     * all CPUs; vintc keeps PPIs level and ICFGR1 read-only, as the
     * architecture allows. Programming PPIs edge would only make the two
     * drift apart, so writes leave Int_config[1] of the PPIs clear. */
    if (write && op->offset == VINTC_GICD_ICFGR + 4)
        op->value &= 0x55555555u;
    if (!write)
        op->value = 0;
}

static void gen_line(struct gen *g, struct op *op)
{
    op->frame = FR_LINE;
    op->write = true;
    op->size = 0;
    op->value = gen_below(g, 2);
    if (gen_pct(g, 80)) {
        op->cpu = 0;
        op->offset = GEN_FIRST_FREE_SPI + gen_below(g, GEN_NR_FREE_SPIS);
    } else {
        op->offset = GEN_FIRST_FREE_PPI + gen_below(g, GEN_NR_FREE_PPIS);
    }
}

/* An interrupt ID for an LR or an EOI: a small set, so that LRs collide with
 * each other and with EOIs. */
static uint32_t vid(struct gen *g)
{
    static const uint32_t ids[] = { 0, 1, 7, 15, 16, 27, 32, 100, 287, 1019 };
    return ids[gen_below(g, sizeof(ids) / sizeof(ids[0]))];
}

static uint32_t gen_lr(struct gen *g)
{
    uint32_t id = vid(g);
    uint32_t lr = id;
    lr |= (gen_pct(g, 40) ? 1u : gen_u32(g) & 3u)
          << 28; /* state, often pending */
    lr |= (gen_pct(g, 70) ? gen_below(g, 4) * 4u : gen_below(g, 32)) << 23;
    if (gen_pct(g, 50))
        lr |= VINTC_GICH_LR_GRP1;
    if (gen_pct(g, 15)) {
        uint32_t pid = gen_pct(g, 50) ? 32 + gen_below(g, 64)
                                      : GEN_FIRST_FREE_SPI +
                                            gen_below(g, GEN_NR_FREE_SPIS);
        lr |= VINTC_GICH_LR_HW | pid << 10;
        /* HW = 1 with pending+active is not a state the architecture allows
         * a hypervisor to write (GICH_LRn.HW, IHI 0048B 5.3.10). */
        if ((lr & VINTC_GICH_LR_STATE_MASK) == VINTC_GICH_LR_STATE_MASK)
            lr &= ~VINTC_GICH_LR_STATE_PENDING;
    } else {
        if (id < 16)
            lr |= gen_below(g, 8) << 10;
        if (gen_pct(g, 40))
            lr |= VINTC_GICH_LR_EOI;
    }
    return lr;
}

static void gen_vif(struct gen *g, struct op *op)
{
    op->size = 4;
    op->value = 0;
    unsigned k = gen_below(g, 100);
    if (k < 35) { /* GICH writes */
        op->frame = FR_GICH;
        op->write = true;
        switch (gen_below(g, 8)) {
        case 0:
            op->offset = 0x00;
            op->value = (gen_pct(g, 80) ? 1u : 0u) | (gen_u32(g) & 0xFEu);
            if (gen_pct(g, 10))
                op->value |= gen_u32(g) & VINTC_GICH_HCR_EOICOUNT_MASK;
            break;
        case 1:
            op->offset = 0x08;
            op->value = gen_u32(g) & 0xFFFFFFFFu;
            if (gen_pct(g, 60))
                op->value |= 3u | (0x1Fu << 27); /* groups on, mask open */
            break;
        case 2:
            op->offset = 0xF0;
            op->value = gen_pct(g, 80) ? 0u : 1u << gen_below(g, 32);
            break;
        default:
            op->offset = 0x100 + 4 * gen_below(g, 4);
            op->value = gen_lr(g);
            break;
        }
    } else if (k < 50) { /* GICH reads */
        static const uint32_t regs[] = { 0x00,  0x04,  0x08,  0x10,  0x20,
                                         0x24,  0x30,  0x34,  0xF0,  0x100,
                                         0x104, 0x108, 0x10C, 0x110, 0x40 };
        op->frame = FR_GICH;
        op->write = false;
        op->offset = regs[gen_below(g, sizeof(regs) / sizeof(regs[0]))];
    } else if (k < 80) { /* GICV reads */
        static const uint32_t regs[] = { 0x00, 0x04, 0x08, 0x0C, 0x0C,
                                         0x0C, 0x0C, 0x0C, 0x14, 0x18,
                                         0x18, 0x1C, 0x20, 0x28, 0xD0,
                                         0xD4, 0xFC, 0x40, 0x10 };
        op->frame = FR_GICV;
        op->write = false;
        op->offset = regs[gen_below(g, sizeof(regs) / sizeof(regs[0]))];
    } else { /* GICV writes */
        op->frame = FR_GICV;
        op->write = true;
        switch (gen_below(g, 10)) {
        case 0:
            op->offset = 0x00;
            op->value = gen_u32(g) & 0x21Fu;
            break;
        case 1:
            op->offset = 0x04;
            op->value = gen_u32(g) & 0xFFu;
            break;
        case 2:
            op->offset = 0x08;
            op->value = gen_below(g, 8);
            break;
        case 3:
            op->offset = 0x1C;
            op->value = gen_below(g, 8);
            break;
        case 4:
            op->offset = 0xD0;
            op->value = gen_pct(g, 50) ? 0u : 1u << gen_below(g, 32);
            break;
        case 5:
            op->offset = 0x24;
            op->value = vid(g) | gen_below(g, 8) << 10;
            break;
        case 6:
            op->offset = 0x1000;
            op->value = vid(g) | gen_below(g, 8) << 10;
            break;
        default:
            op->offset = 0x10;
            op->value = vid(g) | gen_below(g, 8) << 10;
            break;
        }
        if (op->offset == 0x10 || op->offset == 0x24 || op->offset == 0x1000)
            op->last_ack = gen_pct(g, 60);
    }
}

static void gen_gicc(struct gen *g, struct op *op)
{
    op->frame = FR_GICC;
    op->size = 4;
    op->value = 0;
    unsigned k = gen_below(g, 100);
    if (k < 10) {
        op->frame = FR_ISR;
        op->write = false;
        op->offset = 0;
        op->size = 0;
        return;
    }
    if (k < 55) {
        /* No GICC_AIAR: QEMU does not implement it, so an acknowledge there
         * would only make the two sides drift apart. */
        static const uint32_t regs[] = { 0x00, 0x04, 0x08, 0x0C, 0x0C,
                                         0x0C, 0x0C, 0x0C, 0x0C, 0x14,
                                         0x18, 0x18, 0x1C, 0x28, 0xD0,
                                         0xD4, 0xE0, 0xFC, 0x40 };
        op->write = false;
        op->offset = regs[gen_below(g, sizeof(regs) / sizeof(regs[0]))];
        return;
    }
    op->write = true;
    switch (gen_below(g, 10)) {
    case 0:
        op->offset = 0x00;
        op->value = gen_u32(g) & 0x21Fu;
        if (gen_pct(g, 60))
            op->value |= 3u;
        break;
    case 1:
        op->offset = 0x04;
        op->value = gen_pct(g, 60) ? 0xF8u | gen_below(g, 8)
                                   : gen_u32(g) & 0xFFu;
        break;
    case 2:
        op->offset = 0x08;
        op->value = gen_below(g, 8);
        break;
    case 3:
        op->offset = 0x1C;
        op->value = gen_below(g, 8);
        break;
    case 4:
        op->offset = 0x1000;
        op->value = hot_irq(g) | gen_below(g, 8) << 10;
        break;
    default:
        op->offset = 0x10;
        op->value = hot_irq(g) | gen_below(g, 8) << 10;
        break;
    }
    if (op->offset == 0x10 || op->offset == 0x1000)
        op->last_ack = gen_pct(g, 70);
}

void gen_op(struct gen *g, struct op *op)
{
    op->last_ack = false;
    op->cpu = gen_below(g, g->nr_cpus);
    unsigned k = gen_below(g, 100);
    if (g->gicc && k < 30) {
        gen_gicc(g, op);
        return;
    }
    if (g->vif && k >= 30 && k < 60) {
        gen_vif(g, op);
        return;
    }
    k = gen_below(g, 100);
    if (k < 45)
        gen_dist(g, op, true);
    else if (k < 80)
        gen_dist(g, op, false);
    else
        gen_line(g, op);
}

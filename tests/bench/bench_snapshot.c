/* SPDX-License-Identifier: MIT */
/* Snapshot cost: gic_save + gic_restore of a GIC with 8 CPUs and 1020
 * interrupts (budget: save + restore <= 20 us, blob <= 16 KiB), and
 * s390_save / s390_restore of a 64-vCPU VM with 10,000 queued I/O
 * interrupts. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vintc/vintc.h>

#include "bench_util.h"

struct gic_ctx {
    struct gic *src, *dst;
    uint8_t *buf;
    size_t len;
};

static void gic_save_loop(void *arg, unsigned iters)
{
    struct gic_ctx *c = arg;
    for (unsigned i = 0; i < iters; i++)
        if (gic_save(c->src, c->buf, c->len) != (int)c->len)
            fprintf(stderr, "gic_save failed\n");
}

static void gic_restore_loop(void *arg, unsigned iters)
{
    struct gic_ctx *c = arg;
    for (unsigned i = 0; i < iters; i++)
        if (gic_restore(c->dst, c->buf, c->len) != 0)
            fprintf(stderr, "gic_restore failed\n");
}

/* Every SPI enabled and spread over the CPUs, a quarter of them pending,
 * SGIs pending from several sources, some interrupts active. */
static struct gic *busy_gic(void)
{
    struct gic_config cfg = { .nr_cpus = 8, .nr_irqs = 1024, .nr_lrs = 4 };
    struct gic *g;
    if (gic_create(&cfg, NULL, NULL, &g))
        return NULL;
    gic_dist_mmio_write(g, 0, VINTC_GICD_CTLR, 4, 3);
    for (uint32_t r = 1; r < 32; r++) {
        gic_dist_mmio_write(g, 0, VINTC_GICD_ISENABLER + 4 * r, 4, 0xFFFFFFFFu);
        gic_dist_mmio_write(g, 0, VINTC_GICD_ISPENDR + 4 * r, 4, 0x11111111u);
    }
    for (uint32_t off = 32; off < 1020; off += 4) {
        gic_dist_mmio_write(g, 0, VINTC_GICD_ITARGETSR + off, 4,
                            0x08040201u << (off / 4 % 4));
        gic_dist_mmio_write(g, 0, VINTC_GICD_IPRIORITYR + off, 4, 0x80604020u);
    }
    for (unsigned cpu = 0; cpu < 8; cpu++) {
        gic_dist_mmio_write(g, cpu, VINTC_GICD_SGIR, 4, 0x00FF0003u);
        struct gic_vif vif;
        gic_vif_init(&vif);
        int n = gic_lr_flush(g, cpu, &vif);
        for (int i = 0; i < n; i++) /* the guest acknowledges them */
            if ((vif.lr[i] & VINTC_GICH_LR_STATE_MASK) ==
                VINTC_GICH_LR_STATE_PENDING)
                vif.lr[i] ^= VINTC_GICH_LR_STATE_MASK;
        gic_lr_sync(g, cpu, &vif);
    }
    return g;
}

static int bench_gic(void)
{
    struct gic_ctx c;
    c.src = busy_gic();
    struct gic_config cfg = { .nr_cpus = 8, .nr_irqs = 1024, .nr_lrs = 4 };
    if (!c.src || gic_create(&cfg, NULL, NULL, &c.dst))
        return 0;
    int n = gic_save(c.src, NULL, 0);
    c.len = (size_t)n;
    c.buf = malloc(c.len);
    double save = bench_ns_per_op(gic_save_loop, &c, 200, 51);
    double restore = bench_ns_per_op(gic_restore_loop, &c, 200, 51);
    int ok = 1;
    printf("%-58s %10.2f %-6s\n", "gic_save, 8 CPUs, 1020 interrupts",
           save / 1000.0, "us");
    printf("%-58s %10.2f %-6s\n", "gic_restore, 8 CPUs, 1020 interrupts",
           restore / 1000.0, "us");
    ok &= bench_report("gic_save + gic_restore, 8 CPUs, 1020 interrupts",
                       (save + restore) / 1000.0, "us", 20, 1);
    ok &= bench_report("GIC snapshot size, 8 CPUs, 1020 interrupts", n, "bytes",
                       16384, 1);
    free(c.buf);
    gic_destroy(c.src);
    gic_destroy(c.dst);
    return ok;
}

static int mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    (void)opaque;
    (void)addr;
    memset(buf, 0, len);
    return 0;
}

static int mem_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    (void)opaque;
    (void)addr;
    (void)buf;
    (void)len;
    return 0;
}

struct s390_ctx {
    struct s390_vm *src, *dst;
    uint8_t *buf;
    size_t len;
};

static void s390_save_loop(void *arg, unsigned iters)
{
    struct s390_ctx *c = arg;
    for (unsigned i = 0; i < iters; i++)
        if (s390_save(c->src, c->buf, c->len) != (int)c->len)
            fprintf(stderr, "s390_save failed\n");
}

static void s390_restore_loop(void *arg, unsigned iters)
{
    struct s390_ctx *c = arg;
    for (unsigned i = 0; i < iters; i++)
        if (s390_restore(c->dst, c->buf, c->len) != 0)
            fprintf(stderr, "s390_restore failed\n");
}

static int bench_s390(void)
{
    struct vintc_host_ops ops = { .guest_read = mem_read,
                                  .guest_write = mem_write };
    struct s390_config cfg = { .nr_cpus = 64 };
    struct s390_ctx c;
    if (s390_create(&cfg, &ops, NULL, &c.src) ||
        s390_create(&cfg, &ops, NULL, &c.dst))
        return 0;
    for (unsigned i = 0; i < 10000; i++) {
        struct s390_irq io = { .type = S390_IRQ_IO };
        io.u.io.subchannel_id = 1;
        io.u.io.subchannel_nr = (uint16_t)i;
        io.u.io.parm = i;
        io.u.io.word = (uint32_t)(i % 8) << 27;
        s390_inject_vm(c.src, &io);
    }
    for (unsigned cpu = 0; cpu < 64; cpu++) {
        struct s390_irq e = { .type = S390_IRQ_EMERGENCY };
        e.u.ext.src_cpu = (uint16_t)((cpu + 1) % 64);
        s390_inject_vcpu(c.src, cpu, &e);
    }
    int n = s390_save(c.src, NULL, 0);
    c.len = (size_t)n;
    c.buf = malloc(c.len);
    double save = bench_ns_per_op(s390_save_loop, &c, 20, 31);
    double restore = bench_ns_per_op(s390_restore_loop, &c, 20, 31);
    printf("%-58s %10.2f %-6s\n", "s390_save, 64 vCPUs, 10000 queued I/O",
           save / 1000.0, "us");
    printf("%-58s %10.2f %-6s\n", "s390_restore, 64 vCPUs, 10000 queued I/O",
           restore / 1000.0, "us");
    printf("%-58s %10d %-6s\n",
           "s390 snapshot size, 64 vCPUs, 10000 queued I/O", n, "bytes");
    free(c.buf);
    s390_destroy(c.src);
    s390_destroy(c.dst);
    return 1;
}

int main(void)
{
    bench_go_multithreaded();
    int ok = bench_gic();
    ok &= bench_s390();
    return ok ? 0 : 1;
}

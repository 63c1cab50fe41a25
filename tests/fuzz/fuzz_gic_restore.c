/* SPDX-License-Identifier: MIT */
/* Fuzz target: gic_restore on arbitrary blobs and on blobs with a valid
 * header and checksum over a mutated payload. The GIC is created with the
 * configuration the blob names (when valid) and first given some state, so
 * a rejected restore has something to leave alone. Invariants: a rejected
 * blob changes nothing; an accepted one re-saves byte for byte; the
 * restored GIC then runs flush/sync on every vCPU, dumps and saves. */
#include <errno.h>
#include <stdio.h>

#include <vintc/vintc.h>

#include "fuzz_snapshot.h"

#define GIC_CFG_LEN 24u

static void ignore_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    (void)opaque;
    (void)cpu;
    (void)line;
    (void)level;
}

static const struct vintc_host_ops cpuif_ops = { .set_irq_line = ignore_line };

static const struct vintc_host_ops *ops_for(const struct gic_config *cfg)
{
    return cfg->backend == GIC_BACKEND_CPUIF ? &cpuif_ops : NULL;
}

static struct gic_config config_of(const uint8_t *b, size_t n)
{
    struct gic_config cfg = { .nr_cpus = 2, .nr_irqs = 64, .nr_lrs = 4 };
    if (n >= SNAP_HDR_LEN + GIC_CFG_LEN) {
        const uint8_t *c = b + SNAP_HDR_LEN;
        struct gic_config w = {
            .nr_cpus = snap_be32(c),
            .nr_irqs = snap_be32(c + 4),
            .nr_lrs = snap_be32(c + 8),
            .backend = snap_be32(c + 12) == 1 ? GIC_BACKEND_CPUIF
                                              : GIC_BACKEND_LR,
            .priority_bits = snap_be32(c + 16),
            .iidr = snap_be32(c + 20),
        };
        struct gic *probe = NULL;
        if (w.nr_cpus <= 8 && w.nr_irqs <= 1024 && w.nr_lrs <= 64 &&
            gic_create(&w, ops_for(&w), NULL, &probe) == 0) {
            gic_destroy(probe);
            cfg = w;
        }
    }
    return cfg;
}

static uint8_t *save(struct gic *g, size_t *len)
{
    uint8_t *b = fuzz_save_buffer(gic_save(g, NULL, 0), len);
    fuzz_check(gic_save(g, b, *len) == (int)*len, "save");
    return b;
}

int vintc_fuzz_one(const uint8_t *data, size_t size)
{
    size_t len;
    uint8_t *blob = fuzz_snap_blob(data, size, 1, GIC_CFG_LEN, &len);
    struct gic_config cfg = config_of(blob, len);
    /* A CPU-interface blob is version 2. */
    if (size && (data[0] & 2) && cfg.backend == GIC_BACKEND_CPUIF) {
        blob[SNAP_OFF_VERSION + 1] = 2;
        if (data[0] & 1)
            snap_reseal(blob, len);
    }
    struct gic *gic = NULL;
    fuzz_check(gic_create(&cfg, ops_for(&cfg), NULL, &gic) == 0, "create");
    /* Some live state: a pending SPI and an SGI. */
    gic_dist_mmio_write(gic, 0, VINTC_GICD_CTLR, 4, 3);
    gic_dist_mmio_write(gic, 0, VINTC_GICD_ISPENDR + 4, 4, 0x11);
    gic_dist_mmio_write(gic, 0, VINTC_GICD_SGIR, 4, 0x02010003u);

    size_t before_len, after_len;
    uint8_t *before = save(gic, &before_len);
    int rc = gic_restore(gic, blob, len);
    uint8_t *after = save(gic, &after_len);
    fuzz_snap_check(rc, blob, len, before, before_len, after, after_len);

    struct gic_vif vif;
    for (unsigned c = 0; c < cfg.nr_cpus && cfg.backend == GIC_BACKEND_LR;
         c++) {
        gic_vif_init(&vif);
        fuzz_check(gic_lr_flush(gic, c, &vif) >= 0, "flush after restore");
        fuzz_check(gic_lr_sync(gic, c, &vif) >= 0, "sync after restore");
    }
    for (unsigned c = 0; c < cfg.nr_cpus; c++)
        (void)gic_cpu_pending(gic, c);
    uint32_t iar = 0;
    if (cfg.backend == GIC_BACKEND_CPUIF &&
        gic_cpuif_mmio_read(gic, 0, VINTC_GICC_IAR, 4, &iar) == 0)
        fuzz_check(gic_cpuif_mmio_write(gic, 0, VINTC_GICC_EOIR, 4, iar) == 0,
                   "EOIR");
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        fuzz_check(gic_dump(gic, null) >= 0, "dump");
        fclose(null);
    }
    free(after);
    after = save(gic, &after_len);
    free(before);
    free(after);
    free(blob);
    gic_destroy(gic);
    return 0;
}

/* A program outside the project that uses the installed library. */
#include <stdio.h>
#include <string.h>

#include <vintc/vintc.h>

int main(void)
{
    struct gic_config cfg = { .nr_cpus = 1, .nr_irqs = 64, .nr_lrs = 4 };
    struct gic *gic;
    uint32_t typer = 0;

    if (strcmp(vintc_version_string(), VINTC_VERSION_STRING) != 0) {
        fprintf(stderr, "header/library version mismatch\n");
        return 1;
    }
    if (gic_create(&cfg, NULL, NULL, &gic) != 0)
        return 1;
    if (gic_dist_mmio_read(gic, 0, 0x004, 4, &typer) != 0 ||
        (typer & 0x1F) != 1) {
        gic_destroy(gic);
        return 1;
    }
    gic_destroy(gic);
    printf("consumer: vintc %s, GICD_TYPER 0x%08x\n", vintc_version_string(),
           typer);
    return 0;
}

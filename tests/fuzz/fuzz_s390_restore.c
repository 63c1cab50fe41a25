/* SPDX-License-Identifier: MIT */
/* Fuzz target: s390_restore on arbitrary blobs and on blobs with a valid
 * header and checksum over a mutated payload. The VM is created with the
 * configuration the blob names (when valid) and first given some state.
 * Invariants: a rejected blob changes nothing; an accepted one re-saves
 * byte for byte; the restored VM then delivers on every vCPU, dumps and
 * saves. */
#include <errno.h>
#include <stdio.h>

#include <vintc/vintc.h>

#include "fuzz_snapshot.h"

#define S390_CFG_LEN 8u
#define MEM_SIZE     0x4000u

struct host {
    uint8_t mem[MEM_SIZE];
};

static int host_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    struct host *h = opaque;
    if (addr > MEM_SIZE || len > MEM_SIZE - addr)
        return -EFAULT;
    memcpy(buf, h->mem + addr, len);
    return 0;
}

static int host_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    struct host *h = opaque;
    if (addr > MEM_SIZE || len > MEM_SIZE - addr)
        return -EFAULT;
    memcpy(h->mem + addr, buf, len);
    return 0;
}

static struct s390_config config_of(const uint8_t *b, size_t n)
{
    struct s390_config cfg = { .nr_cpus = 2, .max_float_irqs = 16 };
    if (n >= SNAP_HDR_LEN + S390_CFG_LEN) {
        uint32_t cpus = snap_be32(b + SNAP_HDR_LEN);
        uint32_t cap = snap_be32(b + SNAP_HDR_LEN + 4);
        if (cpus >= 1 && cpus <= VINTC_S390_MAX_CPUS && cap) {
            cfg.nr_cpus = cpus;
            cfg.max_float_irqs = cap;
        }
    }
    return cfg;
}

static uint8_t *save(struct s390_vm *vm, size_t *len)
{
    uint8_t *b = fuzz_save_buffer(s390_save(vm, NULL, 0), len);
    fuzz_check(s390_save(vm, b, *len) == (int)*len, "save");
    return b;
}

int vintc_fuzz_one(const uint8_t *data, size_t size)
{
    size_t len;
    uint8_t *blob = fuzz_snap_blob(data, size, 2, S390_CFG_LEN, &len);
    struct s390_config cfg = config_of(blob, len);
    struct host *h = calloc(1, sizeof(*h));
    fuzz_check(h != NULL, "malloc");
    struct vintc_host_ops ops = { .guest_read = host_read,
                                  .guest_write = host_write };
    struct s390_vm *vm = NULL;
    fuzz_check(s390_create(&cfg, &ops, h, &vm) == 0, "create");
    /* Some live state: an I/O interrupt and an emergency signal. */
    struct s390_irq irq = { .type = S390_IRQ_IO };
    irq.u.io.word = 3u << 27;
    s390_inject_vm(vm, &irq);
    irq.type = S390_IRQ_EMERGENCY;
    irq.u.ext.src_cpu = 0;
    s390_inject_vcpu(vm, cfg.nr_cpus - 1, &irq);

    size_t before_len, after_len;
    uint8_t *before = save(vm, &before_len);
    int rc = s390_restore(vm, blob, len);
    uint8_t *after = save(vm, &after_len);
    fuzz_snap_check(rc, blob, len, before, before_len, after, after_len);

    /* Deliver on a few vCPUs enabled for everything, lowcore at 0. */
    struct s390_cpu_state st;
    for (unsigned c = 0; c < cfg.nr_cpus && c < 4; c++) {
        memset(&st, 0, sizeof(st));
        st.psw.mask = VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT |
                      VINTC_S390_PSW_MCHK;
        st.cr[0] = 0xFE00;
        st.cr[6] = 0xFF000000;
        st.cr[14] = 0x1F000000;
        st.ckc = UINT64_MAX;
        int n = s390_deliver_pending(vm, c, &st);
        fuzz_check(n >= 0 || n == -EFAULT, "deliver after restore");
        (void)s390_cpu_stop_pending(vm, c);
    }
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        fuzz_check(s390_dump(vm, null) == 0, "dump");
        fclose(null);
    }
    free(after);
    after = save(vm, &after_len);
    free(before);
    free(after);
    free(blob);
    s390_destroy(vm);
    free(h);
    return 0;
}

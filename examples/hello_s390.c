/* SPDX-License-Identifier: MIT */
/* Hello s390: a device's I/O interrupt ends vCPU 0's enabled wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <vintc/vintc.h>

static unsigned char mem[8192]; /* guest absolute storage: the lowcore */

static int rd(void *opaque, uint64_t addr, void *buf, size_t len)
{
    (void)opaque;
    if (addr > sizeof(mem) || len > sizeof(mem) - addr)
        return -EFAULT;
    memcpy(buf, mem + addr, len);
    return 0;
}

static int wr(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    (void)opaque;
    if (addr > sizeof(mem) || len > sizeof(mem) - addr)
        return -EFAULT;
    memcpy(mem + addr, buf, len);
    return 0;
}

int main(void)
{
    struct vintc_host_ops ops = { .guest_read = rd, .guest_write = wr };
    struct s390_config cfg = { .nr_cpus = 1 };
    struct s390_vm *vm;
    if (s390_create(&cfg, &ops, NULL, &vm) != 0)
        return 1;

    /* The guest's I/O new PSW (big-endian): 64-bit mode (bits 31-32),
     * its I/O handler at 0x4000. */
    mem[VINTC_S390_LC_IO_NEW_PSW + 3] = 0x01;
    mem[VINTC_S390_LC_IO_NEW_PSW + 4] = 0x80;
    mem[VINTC_S390_LC_IO_NEW_PSW + 14] = 0x40;
    /* vCPU 0 loaded an enabled wait PSW, with ISC 3 enabled in CR6. */
    struct s390_cpu_state st = { .psw.mask = VINTC_S390_PSW_IO |
                                             VINTC_S390_PSW_WAIT |
                                             VINTC_S390_PSW_64BIT };
    st.cr[6] = VINTC_S390_CR6_ISC(3);

    /* A device thread: subchannel 7 completes, ISC 3. */
    struct s390_irq io = {
        .type = S390_IRQ_IO,
        .u.io = { .subchannel_nr = 7, .parm = 42, .word = 3u << 27 }
    };
    s390_inject_vm(vm, &io);

    /* The vCPU thread: the wait ends, the interrupt is delivered. */
    int woke = s390_cpu_wait(vm, 0, &st, -1);
    int n = s390_deliver_pending(vm, 0, &st);
    printf("wait: %d, delivered: %d, PSW address now 0x%llx\n", woke, n,
           (unsigned long long)st.psw.addr);
    s390_destroy(vm);
    return woke == S390_WAIT_EVENT && n == 1 && st.psw.addr == 0x4000 ? 0 : 1;
}

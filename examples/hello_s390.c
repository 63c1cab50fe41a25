/* SPDX-License-Identifier: MIT */
/* Hello s390: a device's I/O interrupt ends vCPU 0's enabled wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <vintc/vintc.h>

static unsigned char mem[8192];   /* guest absolute storage: the lowcore */

/* Guest storage is big-endian. */
static void put64(unsigned addr, uint64_t v)
{
    for (unsigned i = 0; i < 8; i++)
        mem[addr + i] = (unsigned char)(v >> (56 - 8 * i));
}

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

    /* The guest's I/O new PSW: 64-bit mode, its I/O handler at 0x4000. */
    put64(VINTC_S390_LC_IO_NEW_PSW, VINTC_S390_PSW_64BIT);
    put64(VINTC_S390_LC_IO_NEW_PSW + 8, 0x4000);
    /* vCPU 0 loaded an enabled wait PSW, with ISC 3 enabled in CR6. */
    struct s390_cpu_state st = { .psw.mask = VINTC_S390_PSW_IO | VINTC_S390_PSW_WAIT |
                                             VINTC_S390_PSW_64BIT };
    st.cr[6] = VINTC_S390_CR6_ISC(3);

    /* A device thread: subchannel 7 completes, ISC 3. */
    struct s390_irq io = { .type = S390_IRQ_IO,
                           .u.io = { .subchannel_nr = 7, .parm = 42, .word = 3u << 27 } };
    s390_inject_vm(vm, &io);

    /* The vCPU thread: the wait ends, the interrupt is delivered. */
    int woke = s390_cpu_wait(vm, 0, &st, -1);
    int n = s390_deliver_pending(vm, 0, &st);
    printf("wait returned %d, %d interruption delivered, PSW now %016llx %016llx\n",
           woke, n, (unsigned long long)st.psw.mask, (unsigned long long)st.psw.addr);
    s390_destroy(vm);
    return woke == 1 && n == 1 && st.psw.addr == 0x4000 ? 0 : 1;
}

/* SPDX-License-Identifier: MIT */
#include "s390x_cpu.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "uc_util.h"
#include "../s390x/layout.h"

/* The host-owned stub page: the CR/prefix reader at STUB_BASE and a branch
 * to itself at STUB_BASE + PARK_OFF where a CPU waits for its pending SVC or
 * program interruption to be delivered at the end of the slice. */
static const unsigned char stub_code[] = {
    0xEB, 0x0F, 0x10, 0x00, 0x00, 0x25,   /* stctg %c0,%c15,0(%r1) */
    0xB2, 0x11, 0x10, 0x80,               /* stpx  0x80(%r1) */
};
#define STUB_INSNS 2
#define PARK_OFF 0x40
#define STUB_DATA 0x1000    /* r1: the stub's stores, on a page without code
                               (see s390x/guest.ld) */
#define STUB_CRS 0x1000
#define STUB_PREFIX 0x1080

uint64_t s390x_host_tod(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return ns / 125 * 512 + ns % 125 * 512 / 125;   /* 4096 units per us */
}

static uint64_t be(const unsigned char *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static void put_be64(unsigned char *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
}

/* Real to absolute address (PoP chapter 3, "Prefixing"). */
static uint64_t absolute(const struct s390x_cpu *c, uint64_t real)
{
    uint64_t px = c->st.prefix & VINTC_S390_PREFIX_MASK;
    if (real < 0x2000)
        return real + px;
    if (real >= px && real < px + 0x2000)
        return real - px;
    return real;
}

static uint64_t gpr(struct s390x_cpu *c, unsigned r)
{
    uint64_t v;
    uc_reg_read(c->uc, UC_S390X_REG_R0 + (int)r, &v);
    return v;
}

/* Base-displacement operand address of an S-format instruction. */
static uint64_t s_operand(struct s390x_cpu *c, const unsigned char *insn)
{
    unsigned b2 = insn[2] >> 4;
    uint64_t d2 = (uint64_t)(insn[2] & 0xF) << 8 | insn[3];
    return absolute(c, (b2 ? gpr(c, b2) : 0) + d2);
}

static bool in_ram(const struct s390x_cpu *c, uint64_t addr, uint64_t len)
{
    return addr < c->ram_size && len <= c->ram_size - addr;
}

/* Instructions Unicorn executes as no-ops or wrongly: DIAGNOSE (a hypercall
 * here), STCK (stores 0), SCKC and SPT (do nothing). */
static void code_hook(uc_engine *uc, uint64_t address, uint32_t size, void *opaque)
{
    (void)size;
    struct s390x_cpu *c = opaque;
    uint64_t a = absolute(c, address);
    if (!in_ram(c, a, 4))
        return;
    const unsigned char *insn = c->ram + a;
    if (insn[0] == 0x83) {                                /* DIAGNOSE */
        unsigned r1 = insn[1] >> 4, r3 = insn[1] & 0xF;
        uint64_t ret = c->diag(c, gpr(c, r1), gpr(c, r3));
        uc_reg_write(uc, UC_S390X_REG_R0 + (int)r1, &ret);
        return;
    }
    if (insn[0] != 0xB2)
        return;
    uint64_t op = s_operand(c, insn);
    if (!in_ram(c, op, 8)) {
        c->bad++;
        return;
    }
    switch (insn[1]) {
    case 0x05: {                                          /* STCK */
        put_be64(c->ram + op, s390x_host_tod() + (uint64_t)c->st.epoch);
        uint64_t next = address + 4;
        uc_reg_write(uc, UC_S390X_REG_PC, &next);         /* skip Unicorn's store of 0 */
        break;
    }
    case 0x06:                                            /* SCKC */
        c->st.ckc = be(c->ram + op, 8);
        break;
    case 0x08:                                            /* SPT */
        c->cpt_value = (int64_t)be(c->ram + op, 8);
        c->cpt_tod = s390x_host_tod();
        break;
    default:
        break;
    }
}

/* SVC (intno 2) and program (intno 3) exceptions, PC at the instruction.
 * The codes are not exposed: decode them. Only the operation exception of
 * opcode 0x00 is expected from these guests. The interruption is queued in
 * vintc and the CPU parked until the slice ends. */
static void intr_hook(uc_engine *uc, uint32_t intno, void *opaque)
{
    struct s390x_cpu *c = opaque;
    uint64_t pc, mask;
    uc_reg_read(uc, UC_S390X_REG_PC, &pc);
    uc_reg_read(uc, UC_S390X_REG_PSWM, &mask);
    uint64_t a = absolute(c, pc);
    struct s390_irq irq;
    memset(&irq, 0, sizeof irq);
    if (intno == 2 && in_ram(c, a, 2) && c->ram[a] == 0x0A) {
        irq.type = S390_IRQ_SVC;
        irq.u.svc.code = c->ram[a + 1];
        irq.u.svc.ilc = 2;
    } else if (intno == 3 && in_ram(c, a, 2) && c->ram[a] == 0x00) {
        irq.type = S390_IRQ_PROGRAM;
        irq.u.pgm.code = 0x0001;          /* operation exception: suppressing */
        irq.u.pgm.ilc = 2;
    } else {
        fprintf(stderr, "s390x: unexpected exception %u at 0x%llx\n", intno,
                (unsigned long long)pc);
        c->bad++;
        uc_emu_stop(uc);
        return;
    }
    if (s390_inject_vcpu(c->vm, c->id, &irq) != 0)
        c->bad++;
    c->parked = true;
    c->parked_psw.mask = mask;
    c->parked_psw.addr = pc + 2;
    uint64_t park = STUB_BASE + PARK_OFF;
    uc_reg_write(uc, UC_S390X_REG_PC, &park);
}

int s390x_cpu_init(struct s390x_cpu *c, unsigned id, struct s390_vm *vm, unsigned char *ram,
                   uint64_t ram_size, uint64_t code_begin, uint64_t code_end, uint64_t entry,
                   s390x_diag_fn diag, void *opaque)
{
    memset(c, 0, sizeof *c);
    c->id = id;
    c->vm = vm;
    c->ram = ram;
    c->ram_size = ram_size;
    c->diag = diag;
    c->opaque = opaque;
    c->st.ckc = UINT64_MAX;
    c->cpt_value = INT64_MAX;
    memcpy(ram + STUB_BASE, stub_code, sizeof stub_code);
    ram[STUB_BASE + PARK_OFF] = 0xA7;                     /* j . */
    ram[STUB_BASE + PARK_OFF + 1] = 0xF4;
    ram[STUB_BASE + PARK_OFF + 2] = 0x00;
    ram[STUB_BASE + PARK_OFF + 3] = 0x00;
    uc_hook h;
    if (uc_check(uc_open(UC_ARCH_S390X, UC_MODE_BIG_ENDIAN, &c->uc), "uc_open") ||
        uc_check(uc_mem_map_ptr(c->uc, 0, ram_size, UC_PROT_ALL, ram), "map storage") ||
        uc_check(uc_hook_add(c->uc, &h, UC_HOOK_INTR, uc_callback((uc_any_fn)intr_hook), c, 1, 0), "INTR hook") ||
        uc_check(uc_hook_add(c->uc, &h, UC_HOOK_CODE, uc_callback((uc_any_fn)code_hook), c, code_begin,
                             code_end - 1), "code hook"))
        return -1;
    /* The reset PSW is 24-bit: make it 64-bit, everything disabled. */
    c->st.psw.mask = VINTC_S390_PSW_64BIT;
    c->st.psw.addr = entry;
    if (uc_check(uc_reg_write(c->uc, UC_S390X_REG_PSWM, &c->st.psw.mask), "PSWM") ||
        uc_check(uc_reg_write(c->uc, UC_S390X_REG_PC, &c->st.psw.addr), "PC"))
        return -1;
    return 0;
}

void s390x_cpu_destroy(struct s390x_cpu *c)
{
    if (c->uc)
        uc_close(c->uc);
    c->uc = NULL;
}

/* Read CR0-CR15 and the prefix by running the stub with a disabled PSW;
 * the guest's PSW and r1 are put back. */
static int read_crs(struct s390x_cpu *c)
{
    uint64_t r1 = gpr(c, 1), base = STUB_BASE, data = STUB_BASE + STUB_DATA;
    uint64_t mask = VINTC_S390_PSW_64BIT;
    uc_reg_write(c->uc, UC_S390X_REG_R1, &data);
    uc_reg_write(c->uc, UC_S390X_REG_PSWM, &mask);
    uc_reg_write(c->uc, UC_S390X_REG_PC, &base);
    int err = uc_check(uc_emu_start(c->uc, STUB_BASE, 0, 0, STUB_INSNS), "CR stub");
    uc_reg_write(c->uc, UC_S390X_REG_R1, &r1);
    for (unsigned i = 0; i < 16; i++)
        c->st.cr[i] = be(c->ram + STUB_BASE + STUB_CRS + 8 * i, 8);
    c->st.prefix = (uint32_t)be(c->ram + STUB_BASE + STUB_PREFIX, 4);
    return err;
}

static void write_psw(struct s390x_cpu *c)
{
    uc_reg_write(c->uc, UC_S390X_REG_PSWM, &c->st.psw.mask);
    uc_reg_write(c->uc, UC_S390X_REG_PC, &c->st.psw.addr);
}

static int deliver(struct s390x_cpu *c)
{
    int n = s390_deliver_pending(c->vm, c->id, &c->st);
    if (n < 0) {
        fprintf(stderr, "s390_deliver_pending: %s\n", vintc_strerror(n));
        return -1;
    }
    c->delivered += (unsigned)n;
    if (n > 0)
        c->parked = false;
    return n > 0;
}

int s390x_cpu_enter(struct s390x_cpu *c, int64_t timeout_ns)
{
    if (c->parked) {
        c->st.psw = c->parked_psw;
    } else {
        uc_reg_read(c->uc, UC_S390X_REG_PSWM, &c->st.psw.mask);
        uc_reg_read(c->uc, UC_S390X_REG_PC, &c->st.psw.addr);
    }
    if (read_crs(c))
        return -1;
    c->st.cpu_timer = c->cpt_value - (int64_t)(s390x_host_tod() - c->cpt_tod);
    int ret = 0;
    if (s390_cpu_has_interrupt(c->vm, c->id, &c->st)) {
        ret = deliver(c);
    } else if (c->st.psw.mask & VINTC_S390_PSW_WAIT) {
        atomic_store(&c->waiting, true);
        int w = s390_cpu_wait(c->vm, c->id, &c->st, timeout_ns);
        atomic_store(&c->waiting, false);
        if (w < 0) {
            fprintf(stderr, "s390_cpu_wait: %s (PSW %016llx)\n", vintc_strerror(w),
                    (unsigned long long)c->st.psw.mask);
            ret = -1;
        } else if (w == 1) {
            c->waits++;
            c->st.cpu_timer = c->cpt_value - (int64_t)(s390x_host_tod() - c->cpt_tod);
            ret = deliver(c);
        }
    } else if (c->parked) {
        fprintf(stderr, "s390x: parked CPU with nothing to deliver\n");
        ret = -1;
    }
    if (c->parked) {
        uint64_t park = STUB_BASE + PARK_OFF;
        uc_reg_write(c->uc, UC_S390X_REG_PSWM, &c->parked_psw.mask);
        uc_reg_write(c->uc, UC_S390X_REG_PC, &park);
    } else {
        write_psw(c);
    }
    return ret;
}

int s390x_cpu_slice(struct s390x_cpu *c, uint64_t count)
{
    uint64_t pc;
    uc_reg_read(c->uc, UC_S390X_REG_PC, &pc);
    return uc_check(uc_emu_start(c->uc, pc, 0, 0, count), "uc_emu_start");
}

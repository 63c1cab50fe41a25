/* SPDX-License-Identifier: MIT */
#include "s390x_cpu.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "uc_util.h"
#include "../s390x/layout.h"

/* The host-owned stub page: the CR/prefix reader at STUB_BASE, the prefix
 * writer at STUB_BASE + SPX_OFF, the CR writer at STUB_BASE + LCTL_OFF,
 * and a branch to itself at STUB_BASE + PARK_OFF where a CPU waits for its
 * pending SVC or program interruption to be delivered at the end of the slice.
 * The stubs store to and load from a per-CPU block on the next page (r1), which
 * holds no code: see s390x/guest.ld. */
static const unsigned char stub_code[] = {
    0xB2, 0x22, 0x00, 0x00,             /* ipm   %r0 */
    0xEB, 0x0F, 0x10, 0x00, 0x00, 0x25, /* stctg %c0,%c15,0(%r1) */
    0xB2, 0x11, 0x10, 0x80,             /* stpx  0x80(%r1) */
    0x50, 0x00, 0x10, 0x84,             /* st    %r0,0x84(%r1) */
};
static const unsigned char spx_code[] = {
    0xB2, 0x10, 0x10, 0x80, /* spx   0x80(%r1) */
};
static const unsigned char park_code[] = {
    0xA7, 0xF4, 0x00, 0x00, /* j . */
};
static const unsigned char lctl_code[] = {
    0xEB, 0x0F, 0x10, 0x00, 0x00, 0x2F, /* lctlg %c0,%c15,0(%r1) */
};
#define SPX_OFF       0x20
#define PARK_OFF      0x40
#define LCTL_OFF      0x60
#define STUB_DATA(id) (0x1000u + 0x100u * (id)) /* from STUB_BASE */
#define STUB_CRS      0x00
#define STUB_PREFIX   0x80
#define STUB_IPM      0x84

uint64_t s390x_host_tod(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return ns / 125 * 512 + ns % 125 * 512 / 125; /* 4096 units per us */
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

/* SIGP R1,R3,D2(B2): order = bits 56-63 of the second-operand address,
 * CPU address in R3, parameter in R1 + 1 (R1 when odd), status to R1's bits
 * 32-63 for condition code 1 (PoP chapter 10). Unicorn executes it as a
 * no-op with condition code 0: carry it out, set the condition code, skip
 * the instruction. */
static void sigp_insn(struct s390x_cpu *c, uint64_t address,
                      const unsigned char *insn)
{
    unsigned r1 = insn[1] >> 4, r3 = insn[1] & 0xF, b2 = insn[2] >> 4;
    uint64_t d2 = (uint64_t)(insn[2] & 0xF) << 8 | insn[3];
    unsigned order = (unsigned)(((b2 ? gpr(c, b2) : 0) + d2) & 0xFF);
    uint32_t status = 0;
    unsigned cc = c->sigp ? c->sigp(c, order, gpr(c, r3) & 0xFFFF,
                                    gpr(c, r1 | 1), &status)
                          : 3;
    if (cc == 1) {
        uint64_t v = (gpr(c, r1) & ~UINT64_C(0xFFFFFFFF)) | status;
        uc_reg_write(c->uc, UC_S390X_REG_R0 + (int)r1, &v);
    }
    uint64_t mask, next = address + 4;
    uc_reg_read(c->uc, UC_S390X_REG_PSWM, &mask);
    mask = (mask & ~(UINT64_C(3) << 44)) | (uint64_t)(cc & 3)
                                               << 44; /* PSW bits 18-19 */
    uc_reg_write(c->uc, UC_S390X_REG_PSWM, &mask);
    uc_reg_write(c->uc, UC_S390X_REG_PC, &next);
}

/* Every instruction: the slice's instruction limit, and the instructions
 * Unicorn executes as no-ops or wrongly: DIAGNOSE (a hypercall here), SIGP,
 * STCK (stores 0), SCKC and SPT (do nothing). */
static void code_hook(uc_engine *uc, uint64_t address, uint32_t size,
                      void *opaque)
{
    (void)size;
    struct s390x_cpu *c = opaque;
    c->executed++; /* the slice ends at the next block (block_hook()) */
    uint64_t a = absolute(c, address);
    if (!in_ram(c, a, 4))
        return;
    const unsigned char *insn = c->ram + a;
    if (insn[0] == 0x83) { /* DIAGNOSE */
        unsigned r1 = insn[1] >> 4, r3 = insn[1] & 0xF;
        uint64_t ret = c->diag(c, gpr(c, r1), gpr(c, r3));
        uc_reg_write(uc, UC_S390X_REG_R0 + (int)r1, &ret);
        return;
    }
    if (insn[0] == 0xAE) { /* SIGNAL PROCESSOR */
        sigp_insn(c, address, insn);
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
    case 0x05: { /* STCK */
        put_be64(c->ram + op, s390x_host_tod() + (uint64_t)c->st.epoch);
        uint64_t next = address + 4;
        uc_reg_write(uc, UC_S390X_REG_PC,
                     &next); /* skip Unicorn's store of 0 */
        break;
    }
    case 0x06: /* SCKC */
        c->st.ckc = be(c->ram + op, 8);
        break;
    case 0x08: /* SPT */
        c->cpt_value = (int64_t)be(c->ram + op, 8);
        c->cpt_tod = s390x_host_tod();
        break;
    default:
        break;
    }
}

/* Every translation block: end the slice here once its instructions are
 * done (see s390x_cpu_slice()). */
static void block_hook(uc_engine *uc, uint64_t address, uint32_t size,
                       void *opaque)
{
    (void)size;
    struct s390x_cpu *c = opaque;
    if (c->executed < c->limit)
        return;
    if (!c->stop_requested) {
        c->stop_requested = true;
        c->resume = address;
    }
    uc_emu_stop(uc);
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
        irq.u.pgm.code = 0x0001; /* operation exception: suppressing */
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

int s390x_cpu_init(struct s390x_cpu *c, unsigned id, struct s390_vm *vm,
                   unsigned char *ram, uint64_t ram_size, uint64_t entry,
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
    c->limit = UINT64_MAX;
    memcpy(ram + STUB_BASE, stub_code, sizeof stub_code);
    memcpy(ram + STUB_BASE + SPX_OFF, spx_code, sizeof spx_code);
    memcpy(ram + STUB_BASE + PARK_OFF, park_code, sizeof park_code);
    memcpy(ram + STUB_BASE + LCTL_OFF, lctl_code, sizeof lctl_code);
    uc_hook h;
    if (uc_check(uc_open(UC_ARCH_S390X, UC_MODE_BIG_ENDIAN, &c->uc),
                 "uc_open") ||
        uc_check(uc_mem_map_ptr(c->uc, 0, ram_size, UC_PROT_ALL, ram),
                 "map storage") ||
        uc_check(uc_hook_add(c->uc, &h, UC_HOOK_INTR,
                             uc_callback((uc_any_fn)intr_hook), c, 1, 0),
                 "INTR hook") ||
        uc_check(uc_hook_add(c->uc, &h, UC_HOOK_CODE,
                             uc_callback((uc_any_fn)code_hook), c, 0,
                             ram_size - 1),
                 "code hook") ||
        uc_check(uc_hook_add(c->uc, &h, UC_HOOK_BLOCK,
                             uc_callback((uc_any_fn)block_hook), c, 0,
                             ram_size - 1),
                 "block hook"))
        return -1;
    /* The reset PSW is 24-bit: make it 64-bit, everything disabled. */
    c->st.psw.mask = VINTC_S390_PSW_64BIT;
    c->st.psw.addr = entry;
    if (uc_check(uc_reg_write(c->uc, UC_S390X_REG_PSWM, &c->st.psw.mask),
                 "PSWM") ||
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

/* Run the stub of `len` bytes at STUB_BASE + off with r1 at this CPU's
 * data block, up to its end (never with an instruction count: see
 * s390x_cpu_slice()); the guest's r0 and r1 are put back. With
 * `guest_psw` the stub runs under the guest's PSW mask (Unicorn delivers
 * no interruptions, and these guests run with DAT off), so that it sees
 * the guest's condition code; otherwise under a disabled 64-bit PSW (the
 * caller restores the PSW either way). */
static int run_stub(struct s390x_cpu *c, uint64_t off, uint64_t len,
                    bool guest_psw)
{
    uint64_t r0 = gpr(c, 0), r1 = gpr(c, 1), pc = STUB_BASE + off,
             data = STUB_BASE + STUB_DATA(c->id);
    uint64_t mask = VINTC_S390_PSW_64BIT;
    uc_reg_write(c->uc, UC_S390X_REG_R1, &data);
    if (!guest_psw)
        uc_reg_write(c->uc, UC_S390X_REG_PSWM, &mask);
    uc_reg_write(c->uc, UC_S390X_REG_PC, &pc);
    c->limit = UINT64_MAX;
    int err = uc_check(uc_emu_start(c->uc, pc, pc + len, 0, 0), "stub");
    uc_reg_write(c->uc, UC_S390X_REG_R0, &r0);
    uc_reg_write(c->uc, UC_S390X_REG_R1, &r1);
    return err;
}

/* CR0-CR15 and the prefix, which Unicorn's register API lacks, and the
 * condition code, which the PSW mask Unicorn 2.0.1 reads back does not
 * hold (it is computed lazily): IPM stores it, so that a slice boundary
 * between a compare and its branch does not lose it. */
static int read_crs(struct s390x_cpu *c)
{
    int err = run_stub(c, 0, sizeof stub_code, true);
    const unsigned char *d = c->ram + STUB_BASE + STUB_DATA(c->id);
    for (unsigned i = 0; i < 16; i++)
        c->st.cr[i] = be(d + STUB_CRS + 8 * i, 8);
    c->st.prefix = (uint32_t)be(d + STUB_PREFIX, 4);
    if (!c->parked) {
        uint64_t cc = be(d + STUB_IPM, 4) >> 28 & 3; /* IPM: bits 34-35 */
        c->st.psw.mask = (c->st.psw.mask & ~(UINT64_C(3) << 44)) | cc << 44;
    }
    return err;
}

/* A SET_PREFIX that vintc applied to st.prefix goes into the engine. */
static int write_prefix(struct s390x_cpu *c)
{
    unsigned char *d = c->ram + STUB_BASE + STUB_DATA(c->id) + STUB_PREFIX;
    for (int i = 3; i >= 0; i--)
        d[3 - i] = (unsigned char)(c->st.prefix >> (8 * i));
    return run_stub(c, SPX_OFF, sizeof spx_code, false);
}

/* CR0-CR15 from st into the engine (after a reset). */
static int write_crs(struct s390x_cpu *c)
{
    unsigned char *d = c->ram + STUB_BASE + STUB_DATA(c->id) + STUB_CRS;
    for (unsigned i = 0; i < 16; i++)
        put_be64(d + 8 * i, c->st.cr[i]);
    return run_stub(c, LCTL_OFF, sizeof lctl_code, false);
}

static void write_psw(struct s390x_cpu *c)
{
    uc_reg_write(c->uc, UC_S390X_REG_PSWM, &c->st.psw.mask);
    uc_reg_write(c->uc, UC_S390X_REG_PC, &c->st.psw.addr);
}

static int deliver(struct s390x_cpu *c)
{
    uint32_t prefix = c->st.prefix;
    int n = s390_deliver_pending(c->vm, c->id, &c->st);
    if (c->st.prefix != prefix && write_prefix(c))
        return -1;
    if (n < 0) {
        fprintf(stderr, "s390_deliver_pending: %s\n", vintc_strerror(n));
        return -1;
    }
    c->delivered += (unsigned)n;
    if (n > 0)
        c->parked = false;
    return n > 0;
}

/* st from the engine: PSW, CRs, prefix, GPRs (for status stores) and the
 * CPU timer now. */
static int refresh_state(struct s390x_cpu *c)
{
    if (c->parked) {
        c->st.psw = c->parked_psw;
    } else {
        uc_reg_read(c->uc, UC_S390X_REG_PSWM, &c->st.psw.mask);
        uc_reg_read(c->uc, UC_S390X_REG_PC, &c->st.psw.addr);
    }
    if (read_crs(c))
        return -1;
    for (unsigned r = 0; r < 16; r++)
        c->st.gprs[r] = gpr(c, r);
    c->st.cpu_timer = c->cpt_value - (int64_t)(s390x_host_tod() - c->cpt_tod);
    return 0;
}

int s390x_cpu_reset(struct s390x_cpu *c, bool initial)
{
    if (refresh_state(c))
        return -1;
    int rc = initial ? s390_cpu_initial_reset(c->vm, c->id, &c->st, false)
                     : s390_cpu_reset(c->vm, c->id);
    if (rc) {
        fprintf(stderr, "s390x: CPU %u reset: %s\n", c->id, vintc_strerror(rc));
        return -1;
    }
    /* A pending SVC or program interruption is gone with the reset. */
    c->parked = false;
    c->stopped = true;
    c->cpt_value = c->st.cpu_timer;
    c->cpt_tod = s390x_host_tod();
    if (write_crs(c) || write_prefix(c))
        return -1;
    write_psw(c);
    return 0;
}

int s390x_cpu_enter(struct s390x_cpu *c, int64_t timeout_ns)
{
    if (refresh_state(c))
        return -1;
    int ret = 0;
    /* A STOP ends at the next instruction boundary: this one. Delivery then
     * stores the status a STOP AND STORE STATUS asked for. */
    if (s390_cpu_stop_pending(c->vm, c->id)) {
        if (c->before_stop)
            c->before_stop(c);
        s390_cpu_set_stopped(c->vm, c->id, true);
        c->stops++;
        ret = deliver(c);
    } else if (s390_cpu_has_interrupt(c->vm, c->id, &c->st)) {
        ret = deliver(c);
    } else if (s390_cpu_is_stopped(c->vm, c->id) ||
               (c->st.psw.mask & VINTC_S390_PSW_WAIT)) {
        atomic_store(&c->waiting, true);
        int w = s390_cpu_wait(c->vm, c->id, &c->st, timeout_ns);
        atomic_store(&c->waiting, false);
        if (w == 1) {
            c->waits++;
            c->st.cpu_timer = c->cpt_value -
                              (int64_t)(s390x_host_tod() - c->cpt_tod);
            ret = deliver(c);
        } else if (w != 0) {
            fprintf(stderr, "s390_cpu_wait: %d (PSW %016llx)\n", w,
                    (unsigned long long)c->st.psw.mask);
            ret = -1;
        }
    } else if (c->parked) {
        fprintf(stderr, "s390x: parked CPU with nothing to deliver\n");
        ret = -1;
    }
    c->stopped = s390_cpu_is_stopped(c->vm, c->id);
    if (c->parked) {
        uint64_t park = STUB_BASE + PARK_OFF;
        uc_reg_write(c->uc, UC_S390X_REG_PSWM, &c->parked_psw.mask);
        uc_reg_write(c->uc, UC_S390X_REG_PC, &park);
    } else {
        write_psw(c);
    }
    return ret;
}

/* Unicorn 2.0.1 on s390x leaves the PC at the start of the translation
 * block when an instruction count ends uc_emu_start() inside the block, so
 * the next run executes part of the block again; and a stop inside a block
 * loses the condition code of a compare whose branch is after the stop
 * (the block has not stored it yet). The code hook counts instead, and the
 * block hook stops at the first block boundary once `count` instructions
 * ran: the slice may run a few instructions more, each exactly once, and
 * the block's address is the resume point. */
int s390x_cpu_slice(struct s390x_cpu *c, uint64_t count)
{
    uint64_t pc;
    uc_reg_read(c->uc, UC_S390X_REG_PC, &pc);
    c->executed = 0;
    c->limit = count;
    c->stop_requested = false;
    int err = uc_check(uc_emu_start(c->uc, pc, 0, 0, 0), "uc_emu_start");
    c->limit = UINT64_MAX;
    if (c->stop_requested)
        uc_reg_write(c->uc, UC_S390X_REG_PC, &c->resume);
    return err;
}

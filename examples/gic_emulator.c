/* SPDX-License-Identifier: MIT */
/* A miniature CPU emulator around the GICv2 CPU-interface backend, using the
 * public API only: what a Unicorn- or TCG-style loop does with vintc.
 *
 *   - 4 emulated CPUs, one thread each. A CPU runs its guest in instruction
 *     slices; between slices it looks at its FIQ and IRQ inputs, which the
 *     GIC drives through the set_irq_line callback, and takes the exception
 *     if one is high: the guest's handler reads GICC_IAR (FIQ, Group 0) or
 *     GICC_AIAR (IRQ, Group 1) until it reads 1023, handles each interrupt
 *     and ends it with GICC_EOIR / GICC_AEOIR. A CPU with nothing to run
 *     waits for interrupt (WFI) on a condition variable that the line
 *     callback and the kick callback signal; so does a CPU that lost the
 *     race for an SPI to another CPU until its line is reported low.
 *   - a per-CPU timer, PPI 30 (level, Group 0, so it arrives as FIQ), which
 *     fires when the CPU has executed enough instructions; its handler
 *     lowers the timer output and sends an IPI (SGI 1, Group 1) to the next
 *     CPU through GICD_SGIR;
 *   - a device thread raising 8 edge SPIs (32..39, Group 1), each routed to
 *     two or more CPUs: the GIC signals every target and the first CPU to
 *     acknowledge takes it (1-of-N).
 *
 * With --migrate the main thread moves the running machine to a fresh GIC
 * over and over at random moments: it parks every CPU and the device at a
 * safe point (between slices, or inside a handler between GICC_IAR and
 * GICC_EOIR, so interrupts are active in the snapshot), saves, restores into
 * a new GIC (which reports its lines through set_irq_line), swaps, destroys
 * the old one and lets everything continue.
 *
 * With --switch-backend each of those moves also changes the backend: the
 * machine starts on the CPU-interface backend and goes to the LR backend,
 * back, and so on. While the GIC is an LR one, a CPU runs the loop a VMM
 * runs around guest entry instead of watching its lines: gic_lr_flush(),
 * the same handlers reading GICV_IAR/GICV_AIAR and writing GICV_EOIR/
 * GICV_AEOIR of its software GICV (struct gic_vif), gic_lr_sync(); it sleeps
 * until kicked when nothing was taken. A CPU parked inside a handler exits
 * the guest with gic_lr_sync() first (gic_save() refuses LRs in flight) and,
 * if the GIC is an LR one afterwards, re-enters with gic_lr_flush(): the
 * handler ends its interrupt through whichever interface is live then. After
 * a restore into an LR GIC, gic_lr_get_vmcr() loads each GICV's control
 * state and active priorities, converted from the GICC registers.
 *
 * A source raises again only after its previous interrupt was handled, so
 * no raise may merge with another: every raise must be handled exactly
 * once, by one CPU. The program checks that, checks that every line ends
 * low with nothing pending or active, prints per-CPU counts and exits
 * non-zero on any mismatch. The verdict does not depend on timing.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vintc/vintc.h>

#define NR_CPUS      4u
#define NR_IRQS      64u
#define NR_LRS       4u /* LR backend (--switch-backend) */
#define TIMER_PPI    30u
#define IPI_SGI      1u
#define SPI_BASE     32u
#define NR_SPIS      8u
#define SLICE        2000u /* instructions per slice */
#define TIMER_PERIOD 6000u /* instructions between timer interrupts */
#define TIMER_FIRES  400u  /* per CPU */
#define SPI_RAISES   4000u /* by the device thread, in total */

struct cpu {
    pthread_mutex_t m;
    pthread_cond_t c;
    atomic_uint irq, fiq; /* input levels, as the GIC drives them */
    atomic_uint events;   /* line changes and kicks so far */
    struct gic_vif vif;   /* LR backend: this CPU's software GICV */
    bool in_guest;        /* LR backend: flushed, not yet synced */
    uint64_t insns;       /* owned by the CPU thread */
    uint64_t timer_deadline;
    unsigned timer_fires;
    unsigned handled[3]; /* timer, IPI, SPI */
    unsigned spurious;
    volatile uint32_t sink; /* what the guest "computes" */
};

struct machine {
    struct gic *gic;
    struct cpu cpu[NR_CPUS];
    atomic_uint spi_out[NR_SPIS]; /* raised, not yet handled */
    atomic_uint ipi_out[NR_CPUS]; /* per source CPU */
    atomic_uint raised, handled;  /* over all sources */
    atomic_uint dup, bad, errors;
    atomic_uint line_calls, kicks;
    atomic_uint handler_parks; /* parked with an interrupt active */
    atomic_uint device_done, timers_done, stop;
    /* --migrate: threads park at safe points while `pause` is set. */
    pthread_mutex_t pm;
    pthread_cond_t pc;
    atomic_uint pause;
    unsigned parked, running; /* under pm */
    unsigned migrations;
    bool switching; /* --switch-backend: every migration changes backend */
    bool lr;        /* the live GIC is an LR one; changes while all park */
};

static void wake(struct cpu *c)
{
    pthread_mutex_lock(&c->m);
    atomic_fetch_add(&c->events, 1u);
    pthread_cond_signal(&c->c);
    pthread_mutex_unlock(&c->m);
}

/* Sleep until a line change or kick newer than `seen`, or the end. Nothing
 * is missed: whenever the CPU interface starts to signal, the GIC reports
 * the line or kicks the CPU after the state changed. */
static void wait_event(struct machine *mc, struct cpu *c, unsigned seen)
{
    pthread_mutex_lock(&c->m);
    while (atomic_load(&c->events) == seen && !atomic_load(&mc->stop) &&
           !atomic_load(&mc->pause))
        pthread_cond_wait(&c->c, &c->m);
    pthread_mutex_unlock(&c->m);
}

static void set_irq_line(void *opaque, unsigned cpu, unsigned line, bool level)
{
    struct machine *mc = opaque;
    if (cpu >= NR_CPUS || line > 1) {
        atomic_fetch_add(&mc->bad, 1u);
        return;
    }
    atomic_fetch_add(&mc->line_calls, 1u);
    atomic_store(line ? &mc->cpu[cpu].fiq : &mc->cpu[cpu].irq, level ? 1u : 0u);
    wake(&mc->cpu[cpu]);
}

static void kick(void *opaque, unsigned cpu)
{
    struct machine *mc = opaque;
    atomic_fetch_add(&mc->kicks, 1u);
    if (cpu < NR_CPUS)
        wake(&mc->cpu[cpu]);
}

static void check(struct machine *mc, int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "gic_emulator: %s failed: %s\n", what,
                vintc_strerror(rc));
        atomic_fetch_add(&mc->errors, 1u);
    }
}

static bool all_done(struct machine *mc)
{
    return atomic_load(&mc->device_done) &&
           atomic_load(&mc->timers_done) == NR_CPUS &&
           atomic_load(&mc->handled) == atomic_load(&mc->raised);
}

/* Called after anything that may complete the run: wake every WFI. */
static void maybe_stop(struct machine *mc)
{
    if (!all_done(mc) || atomic_exchange(&mc->stop, 1u))
        return;
    for (unsigned c = 0; c < NR_CPUS; c++)
        wake(&mc->cpu[c]);
}

/* ---- migration ------------------------------------------------------- */

/* A safe point: no GIC call of this thread is in progress (and so none of
 * its line reports). While a migration runs, wait here. */
static void park_point(struct machine *mc)
{
    if (!atomic_load(&mc->pause))
        return;
    pthread_mutex_lock(&mc->pm);
    mc->parked++;
    pthread_cond_broadcast(&mc->pc);
    while (atomic_load(&mc->pause))
        pthread_cond_wait(&mc->pc, &mc->pm);
    mc->parked--;
    pthread_mutex_unlock(&mc->pm);
}

static void thread_exit(struct machine *mc)
{
    pthread_mutex_lock(&mc->pm);
    mc->running--;
    pthread_cond_broadcast(&mc->pc);
    pthread_mutex_unlock(&mc->pm);
}

/* Park everyone, move the GIC state into a fresh GIC, continue there.
 * With --switch-backend the fresh GIC has the other backend. */
static void migrate(struct machine *mc, struct gic_config *cfg,
                    const struct vintc_host_ops *ops)
{
    pthread_mutex_lock(&mc->pm);
    atomic_store(&mc->pause, 1u);
    pthread_mutex_unlock(&mc->pm);
    for (unsigned c = 0; c < NR_CPUS; c++)
        wake(&mc->cpu[c]); /* out of WFI, to a safe point */
    pthread_mutex_lock(&mc->pm);
    while (mc->parked < mc->running)
        pthread_cond_wait(&mc->pc, &mc->pm);
    struct gic *fresh = NULL;
    if (mc->switching)
        cfg->backend = mc->lr ? GIC_BACKEND_CPUIF : GIC_BACKEND_LR;
    /* The fresh GIC's lines start low; the restore reports the high ones. */
    for (unsigned c = 0; c < NR_CPUS; c++) {
        atomic_store(&mc->cpu[c].irq, 0u);
        atomic_store(&mc->cpu[c].fiq, 0u);
    }
    int n = gic_save(mc->gic, NULL, 0);
    void *blob = n > 0 ? malloc((size_t)n) : NULL;
    if (!blob || gic_save(mc->gic, blob, (size_t)n) != n ||
        gic_create(cfg, ops, mc, &fresh) != 0 ||
        gic_restore(fresh, blob, (size_t)n) != 0) {
        fprintf(stderr, "gic_emulator: migration failed\n");
        atomic_fetch_add(&mc->errors, 1u);
        gic_destroy(fresh);
    } else {
        gic_destroy(mc->gic);
        mc->gic = fresh;
        mc->migrations++;
        mc->lr = cfg->backend == GIC_BACKEND_LR;
        /* Each GICV gets the guest's CPU-interface state of the snapshot. */
        for (unsigned c = 0; c < NR_CPUS && mc->lr; c++) {
            gic_vif_init(&mc->cpu[c].vif);
            if (gic_lr_get_vmcr(mc->gic, c, &mc->cpu[c].vif) < 0)
                atomic_fetch_add(&mc->errors, 1u);
        }
    }
    free(blob);
    atomic_store(&mc->pause, 0u);
    pthread_cond_broadcast(&mc->pc);
    pthread_mutex_unlock(&mc->pm);
}

static uint32_t gicc_read(struct machine *mc, unsigned cpu, uint32_t off)
{
    uint32_t v = 0;
    check(mc, gic_cpuif_mmio_read(mc->gic, cpu, off, 4, &v), "GICC read");
    return v;
}

/* The guest's CPU interface: the GICC, or the GICV on an LR GIC (same
 * offsets: IHI 0048B 5.3 lays the GICV out as the GICC). */
static uint32_t cpu_if_read(struct machine *mc, unsigned cpu, uint32_t off)
{
    uint32_t v = 0;
    if (!mc->lr)
        return gicc_read(mc, cpu, off);
    check(mc, gic_vif_mmio_read(&mc->cpu[cpu].vif, NR_LRS, off, 4, &v),
          "GICV read");
    return v;
}

static void gicc_write(struct machine *mc, unsigned cpu, uint32_t off,
                       uint32_t v)
{
    check(mc, gic_cpuif_mmio_write(mc->gic, cpu, off, 4, v), "GICC write");
}

static void cpu_if_write(struct machine *mc, unsigned cpu, uint32_t off,
                         uint32_t v)
{
    if (!mc->lr)
        gicc_write(mc, cpu, off, v);
    else
        check(mc, gic_vif_mmio_write(&mc->cpu[cpu].vif, NR_LRS, off, 4, v),
              "GICV write");
}

/* LR backend: enter the guest (hand it the list registers) and exit it. */
static void guest_enter(struct machine *mc, unsigned cpu)
{
    int rc = gic_lr_flush(mc->gic, cpu, &mc->cpu[cpu].vif);
    check(mc, rc < 0 ? rc : 0, "gic_lr_flush");
    mc->cpu[cpu].in_guest = true;
}

static void guest_exit(struct machine *mc, unsigned cpu)
{
    int rc = gic_lr_sync(mc->gic, cpu, &mc->cpu[cpu].vif);
    check(mc, rc < 0 ? rc : 0, "gic_lr_sync");
    mc->cpu[cpu].in_guest = false;
}

/* A park point inside a handler, with an interrupt active. A snapshot needs
 * the LRs synced, so leave the guest first; afterwards the GIC may have the
 * other backend: re-enter only if it is an LR one. */
static void park_in_handler(struct machine *mc, unsigned cpu)
{
    if (!atomic_load(&mc->pause))
        return;
    atomic_fetch_add(&mc->handler_parks, 1u);
    if (mc->cpu[cpu].in_guest)
        guest_exit(mc, cpu);
    park_point(mc);
    if (mc->lr && !mc->cpu[cpu].in_guest)
        guest_enter(mc, cpu);
}

/* ---- the guest's interrupt handlers ---------------------------------- */

static void handle_one(struct machine *mc, unsigned cpu, uint32_t iar)
{
    struct cpu *c = &mc->cpu[cpu];
    unsigned id = iar & 0x3FFu, src = (iar >> 10) & 7u;
    if (id == TIMER_PPI) {
        /* Program the next deadline; the timer output drops. */
        check(mc, gic_set_irq(mc->gic, cpu, TIMER_PPI, false), "timer lower");
        c->timer_deadline = c->insns + TIMER_PERIOD;
        c->handled[0]++;
        if (++c->timer_fires == TIMER_FIRES)
            atomic_fetch_add(&mc->timers_done, 1u);
        /* IPI the next CPU, unless the previous one is still unhandled. */
        unsigned next = (cpu + 1) % NR_CPUS;
        if (!atomic_exchange(&mc->ipi_out[cpu], 1u)) {
            atomic_fetch_add(&mc->raised, 1u);
            check(mc,
                  gic_dist_mmio_write(
                      mc->gic, cpu, VINTC_GICD_SGIR, 4,
                      VINTC_GICD_SGIR_VALUE(VINTC_GICD_SGIR_FILTER_LIST,
                                            1u << next, IPI_SGI)),
                  "GICD_SGIR");
        }
    } else if (id == IPI_SGI && src < NR_CPUS && (src + 1) % NR_CPUS == cpu) {
        if (!atomic_exchange(&mc->ipi_out[src], 0u))
            atomic_fetch_add(&mc->dup, 1u);
        c->handled[1]++;
    } else if (id >= SPI_BASE && id < SPI_BASE + NR_SPIS) {
        if (!atomic_exchange(&mc->spi_out[id - SPI_BASE], 0u))
            atomic_fetch_add(&mc->dup, 1u);
        c->handled[2]++;
    } else {
        atomic_fetch_add(&mc->bad, 1u);
        return;
    }
    atomic_fetch_add(&mc->handled, 1u);
}

/* FIQ: Group 0 through GICC_IAR/EOIR. IRQ: Group 1 through the aliased
 * GICC_AIAR/AEOIR. Each handler drains what its register presents. Returns
 * false when there was nothing: another CPU took the interrupt first (1-of-N)
 * and the line has not been reported low yet. */
static bool drain(struct machine *mc, unsigned cpu, bool fiq)
{
    uint32_t iar_off = fiq ? VINTC_GICC_IAR : VINTC_GICC_AIAR;
    uint32_t eoir_off = fiq ? VINTC_GICC_EOIR : VINTC_GICC_AEOIR;
    bool any = false;
    for (;;) {
        uint32_t iar = cpu_if_read(mc, cpu, iar_off);
        if ((iar & 0x3FFu) >= 1020u)
            break;
        any = true;
        handle_one(mc, cpu, iar);
        park_in_handler(mc, cpu); /* the interrupt is active here */
        cpu_if_write(mc, cpu, eoir_off, iar);
    }
    return any;
}

static bool take_exception(struct machine *mc, unsigned cpu, bool fiq)
{
    bool any = drain(mc, cpu, fiq);
    if (!any)
        mc->cpu[cpu].spurious++;
    if (mc->cpu[cpu].in_guest) /* the GIC became an LR one meanwhile */
        guest_exit(mc, cpu);
    maybe_stop(mc);
    return any;
}

/* LR backend: one guest entry taking Group 0 through GICV_IAR and Group 1
 * through GICV_AIAR. Returns whether anything was taken. */
static bool run_guest(struct machine *mc, unsigned cpu)
{
    guest_enter(mc, cpu);
    bool any = drain(mc, cpu, true);
    any |= drain(mc, cpu, false);
    if (mc->cpu[cpu].in_guest)
        guest_exit(mc, cpu);
    maybe_stop(mc);
    return any;
}

/* ---- the CPU loop ------------------------------------------------------ */

static void run_slice(struct cpu *c)
{
    uint32_t x = (uint32_t)c->insns;
    for (unsigned i = 0; i < SLICE; i++)
        x = x * 1664525u + 1013904223u;
    c->sink = x;
    c->insns += SLICE;
}

struct cpu_arg {
    struct machine *mc;
    unsigned cpu;
};

static void *cpu_thread(void *p)
{
    struct cpu_arg *a = p;
    struct machine *mc = a->mc;
    unsigned cpu = a->cpu;
    struct cpu *c = &mc->cpu[cpu];
    c->timer_deadline = TIMER_PERIOD;
    while (!atomic_load(&mc->stop)) {
        park_point(mc);
        unsigned seen = atomic_load(&c->events);
        if (mc->lr && run_guest(mc, cpu)) {
            continue;
        } else if (mc->lr && gic_cpu_pending(mc->gic, cpu)) {
            continue; /* arrived after the flush: enter again */
        } else if (!mc->lr && (atomic_load(&c->fiq) || atomic_load(&c->irq))) {
            /* A lost race: wait for the line to drop (or a new interrupt)
             * instead of taking the exception again at once. */
            if (!take_exception(mc, cpu, atomic_load(&c->fiq) != 0))
                wait_event(mc, c, seen);
        } else if (c->timer_fires < TIMER_FIRES) {
            run_slice(c);
            if (c->insns >= c->timer_deadline && c->timer_deadline) {
                c->timer_deadline = 0; /* until the handler re-arms it */
                atomic_fetch_add(&mc->raised, 1u);
                check(mc, gic_set_irq(mc->gic, cpu, TIMER_PPI, true),
                      "timer raise");
            }
        } else {
            wait_event(mc, c, seen); /* WFI */
        }
    }
    thread_exit(mc);
    return NULL;
}

/* ---- the device -------------------------------------------------------- */

static void *device_thread(void *p)
{
    struct machine *mc = p;
    const struct timespec pause = { 0, 20 * 1000 };
    for (unsigned i = 0; i < SPI_RAISES; i++) {
        unsigned s = i % NR_SPIS;
        park_point(mc);
        while (atomic_load(&mc->spi_out[s])) {
            nanosleep(&pause, NULL); /* previous one not handled yet */
            park_point(mc);
        }
        atomic_store(&mc->spi_out[s], 1u);
        atomic_fetch_add(&mc->raised, 1u);
        check(mc, gic_set_irq(mc->gic, 0, SPI_BASE + s, true), "SPI raise");
        check(mc, gic_set_irq(mc->gic, 0, SPI_BASE + s, false), "SPI lower");
    }
    atomic_store(&mc->device_done, 1u);
    maybe_stop(mc);
    thread_exit(mc);
    return NULL;
}

/* ---- setup --------------------------------------------------------------- */

static void dist_write(struct machine *mc, unsigned cpu, uint32_t off,
                       unsigned size, uint32_t v)
{
    check(mc, gic_dist_mmio_write(mc->gic, cpu, off, size, v), "GICD write");
}

static void setup(struct machine *mc)
{
    /* SPIs: Group 1, edge, priority 0xA0, targets {s, s+1, s+2} mod 4. */
    dist_write(mc, 0, VINTC_GICD_IGROUPR + 4, 4, 0xFFu);
    dist_write(mc, 0, VINTC_GICD_ICFGR + SPI_BASE / 16 * 4, 4, 0xAAAAu);
    for (unsigned s = 0; s < NR_SPIS; s++) {
        uint32_t t = (7u << (s % NR_CPUS)) | (7u >> (NR_CPUS - s % NR_CPUS));
        dist_write(mc, 0, VINTC_GICD_IPRIORITYR + SPI_BASE + s, 1, 0xA0);
        dist_write(mc, 0, VINTC_GICD_ITARGETSR + SPI_BASE + s, 1, t & 0xFu);
    }
    dist_write(mc, 0, VINTC_GICD_ISENABLER + 4, 4, 0xFFu);
    for (unsigned c = 0; c < NR_CPUS; c++) {
        /* Banked: the timer PPI is Group 0 (FIQ), the IPI Group 1. */
        dist_write(mc, c, VINTC_GICD_IGROUPR, 4, 1u << IPI_SGI);
        dist_write(mc, c, VINTC_GICD_IPRIORITYR + TIMER_PPI, 1, 0x40);
        dist_write(mc, c, VINTC_GICD_IPRIORITYR + IPI_SGI, 1, 0x80);
        dist_write(mc, c, VINTC_GICD_ISENABLER, 4, 1u << TIMER_PPI);
        gicc_write(mc, c, VINTC_GICC_PMR, 0xF0);
        gicc_write(mc, c, VINTC_GICC_CTLR,
                   VINTC_GICC_CTLR_ENABLE_GRP0 | VINTC_GICC_CTLR_ENABLE_GRP1 |
                       VINTC_GICC_CTLR_FIQEN);
    }
    dist_write(mc, 0, VINTC_GICD_CTLR, 4,
               VINTC_GICD_CTLR_ENABLE_GRP0 | VINTC_GICD_CTLR_ENABLE_GRP1);
}

int main(int argc, char **argv)
{
    static struct machine mc;
    mc.switching = argc > 1 && strcmp(argv[1], "--switch-backend") == 0;
    bool migrating = mc.switching ||
                     (argc > 1 && strcmp(argv[1], "--migrate") == 0);
    pthread_mutex_init(&mc.pm, NULL);
    pthread_cond_init(&mc.pc, NULL);
    mc.running = NR_CPUS + 1;
    for (unsigned c = 0; c < NR_CPUS; c++) {
        pthread_mutex_init(&mc.cpu[c].m, NULL);
        pthread_cond_init(&mc.cpu[c].c, NULL);
    }
    struct gic_config cfg = { .nr_cpus = NR_CPUS,
                              .nr_irqs = NR_IRQS,
                              .backend = GIC_BACKEND_CPUIF,
                              .nr_lrs = NR_LRS,
                              .priority_bits = 5 };
    struct vintc_host_ops ops = { .set_irq_line = set_irq_line, .kick = kick };
    int rc = gic_create(&cfg, &ops, &mc, &mc.gic);
    if (rc) {
        fprintf(stderr, "gic_create: %s\n", vintc_strerror(rc));
        return 1;
    }
    setup(&mc);

    pthread_t cpus[NR_CPUS], dev;
    struct cpu_arg args[NR_CPUS];
    for (unsigned c = 0; c < NR_CPUS; c++) {
        args[c] = (struct cpu_arg){ &mc, c };
        if (pthread_create(&cpus[c], NULL, cpu_thread, &args[c]))
            return 1;
    }
    if (pthread_create(&dev, NULL, device_thread, &mc))
        return 1;
    /* Migrations at pseudo-random moments, 0..255 us apart. */
    uint32_t seed = 12345u;
    while (migrating && !atomic_load(&mc.stop)) {
        seed = seed * 1664525u + 1013904223u;
        const struct timespec gap = { 0, (long)(seed >> 24) * 1000 };
        nanosleep(&gap, NULL);
        migrate(&mc, &cfg, &ops);
    }
    pthread_join(dev, NULL);
    for (unsigned c = 0; c < NR_CPUS; c++)
        pthread_join(cpus[c], NULL);

    int fail = 0;
    unsigned sum[3] = { 0, 0, 0 };
    printf("cpu  timer(FIQ)  IPI(IRQ)  SPI(IRQ)  lost races  instructions\n");
    for (unsigned c = 0; c < NR_CPUS; c++) {
        struct cpu *p = &mc.cpu[c];
        printf("%3u  %10u  %8u  %8u  %10u  %12llu\n", c, p->handled[0],
               p->handled[1], p->handled[2], p->spurious,
               (unsigned long long)p->insns);
        for (unsigned k = 0; k < 3; k++)
            sum[k] += p->handled[k];
        if (atomic_load(&p->irq) || atomic_load(&p->fiq) ||
            gic_cpu_pending(mc.gic, c)) {
            fprintf(stderr, "cpu %u: a line is still high\n", c);
            fail = 1;
        }
    }
    uint32_t pend = 0, act = 0;
    for (unsigned r = 0; r < NR_IRQS / 32; r++) {
        uint32_t v;
        check(&mc,
              gic_dist_mmio_read(mc.gic, 0, VINTC_GICD_ISPENDR + 4 * r, 4, &v),
              "ISPENDR");
        pend |= v;
        check(
            &mc,
            gic_dist_mmio_read(mc.gic, 0, VINTC_GICD_ISACTIVER + 4 * r, 4, &v),
            "ISACTIVER");
        act |= v;
    }
    unsigned raised = atomic_load(&mc.raised),
             handled = atomic_load(&mc.handled);
    printf("raised %u, handled %u (timers %u, IPIs %u, SPIs %u); %u line "
           "callbacks, %u kicks, "
           "%u migrations (%u backend switches, %u CPU stops inside a "
           "handler)\n",
           raised, handled, sum[0], sum[1], sum[2], atomic_load(&mc.line_calls),
           atomic_load(&mc.kicks), mc.migrations,
           mc.switching ? mc.migrations : 0u, atomic_load(&mc.handler_parks));
    if (raised != handled || sum[0] != NR_CPUS * TIMER_FIRES ||
        sum[2] != SPI_RAISES || atomic_load(&mc.dup) || atomic_load(&mc.bad) ||
        atomic_load(&mc.errors) || pend || act) {
        fprintf(
            stderr,
            "gic_emulator: MISMATCH (dup %u, bad %u, errors %u, pending 0x%x, "
            "active 0x%x)\n",
            atomic_load(&mc.dup), atomic_load(&mc.bad), atomic_load(&mc.errors),
            pend, act);
        fail = 1;
    }
    gic_destroy(mc.gic);
    for (unsigned c = 0; c < NR_CPUS; c++) {
        pthread_mutex_destroy(&mc.cpu[c].m);
        pthread_cond_destroy(&mc.cpu[c].c);
    }
    pthread_mutex_destroy(&mc.pm);
    pthread_cond_destroy(&mc.pc);
    printf("%s\n", fail ? "FAIL" : "every interrupt delivered exactly once");
    return fail;
}

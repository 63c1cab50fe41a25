/* SPDX-License-Identifier: MIT */
/* A miniature VMM around the GICv2 LR backend, using the public API only.
 *
 *   - 4 vCPU threads. Each runs the loop a real VMM runs around guest entry:
 *         gic_lr_flush()        fill the list registers
 *         "run the guest"       here: the guest's interrupt handler, which
 *                               acknowledges through the software GICV
 *                               (GICV_IAR) until it reads 1023 and ends each
 *                               interrupt with GICV_EOIR
 *         gic_lr_sync()         fold the list registers back
 *     and sleeps on a condition variable when it has nothing to do, until the
 *     GIC's kick callback wakes it (no timeout: a lost kick would hang).
 *   - a device thread with 8 edge-triggered SPIs (32..39) and 8 level-
 *     sensitive SPIs (40..47), SPI n routed to vCPU n % 4;
 *   - a per-vCPU timer, PPI 27 (level), fired from the vCPU loop itself;
 *   - IPIs: each vCPU sends SGI <its number> to the next vCPU through
 *     GICD_SGIR.
 *
 * Meanwhile the main thread migrates the VM after every 200 handled
 * interrupts: it pauses the device thread and the vCPUs, each vCPU at a
 * random point of its loop (before guest entry, right after gic_lr_flush, or
 * inside the guest between acknowledging an interrupt and ending it), takes
 * gic_save() (a vCPU with list registers in flight makes it return -EBUSY,
 * and gic_lr_in_flight() names it: that vCPU exits the guest with
 * gic_lr_sync() and the save is retried), restores the blob into a freshly
 * created GIC, checks that it saves the same bytes, destroys the old GIC and
 * lets everything continue on the new one. A vCPU that exited re-enters with
 * gic_lr_flush() and finishes the interrupt it was handling.
 *
 * Every source raises an interrupt again only after its previous one was
 * handled (edge: the guest acknowledged it; level: the irq_eoi callback said
 * it was deactivated), so no two raises may legitimately merge: every raise
 * must be handled exactly once. The run stops after TOTAL_IRQS raises; the
 * program then checks the counts per (kind, source), checks that the GIC is
 * left with nothing pending or active, prints what each vCPU handled and the
 * mean cost of a flush + sync, and exits non-zero on any mismatch. The
 * verdict does not depend on timing, only on the interrupts being delivered.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vintc/vintc.h>

#define NR_VCPUS   4u
#define NR_IRQS    128u
#define NR_LRS     4u
#define TOTAL_IRQS 20000u

#define EDGE_BASE   32u /* SPIs 32..39: edge */
#define LEVEL_BASE  40u /* SPIs 40..47: level */
#define NR_DEV      8u
#define TIMER_PPI   27u
#define TIMER_EVERY 4u /* vCPU loop iterations between timer checks */

/* Distributor registers used below (IHI0048B 4.1.2). */

/* What the bookkeeping is keyed by: the kind of interrupt and its source
 * (the device line, the vCPU owning the timer, the vCPU sending the IPI). */
enum kind { EDGE, LEVEL, TIMER, IPI, NR_KINDS };
static const char *const kind_name[NR_KINDS] = { "edge SPI", "level SPI",
                                                 "timer PPI", "IPI" };
#define NR_SLOTS NR_DEV

struct source {
    atomic_uint raised;
    atomic_uint handled;
    atomic_bool busy; /* raised and not yet done with */
};

struct vcpu {
    unsigned id;
    pthread_t thread;
    struct gic_vif vif; /* owned by this vCPU's thread */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool kicked;           /* under lock */
    unsigned handled;      /* written by this thread only */
    uint64_t rng;          /* park-point choice */
    unsigned park_at;      /* PARK_* chosen for this loop iteration */
    bool busy;             /* the last guest run took interrupts */
    bool exit_req, exited; /* under park_lock */
    uint64_t loops, flush_sync_ns, idle_waits;
};

static struct gic *gic;
static struct vcpu vcpus[NR_VCPUS];
static struct source sources[NR_KINDS][NR_SLOTS];
static atomic_uint budget = TOTAL_IRQS; /* raises left */
static atomic_uint total_handled;
static atomic_uint errors; /* misrouted or unknown IDs */
static atomic_bool stop;

/* Pausing for a snapshot. pause_req is also read without park_lock in the
 * wait conditions; whoever sets it then takes the waiter's lock and wakes
 * it, so no wait misses it. */
enum { PARK_TOP, PARK_AFTER_FLUSH, PARK_IN_HANDLER, NR_PARK };
static pthread_mutex_t park_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t park_cv = PTHREAD_COND_INITIALIZER;
static atomic_bool pause_req;
static unsigned parked; /* under park_lock */
static unsigned snapshots, forced_exits;

static pthread_mutex_t dev_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t dev_wake; /* a device source became free */
static unsigned dev_releases;   /* under dev_lock: count of those */

static void fail(const char *fmt, unsigned a, unsigned b)
{
    fprintf(stderr, "gic_minivmm: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    atomic_fetch_add(&errors, 1);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void cond_init_monotonic(pthread_cond_t *cv)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(cv, &attr);
    pthread_condattr_destroy(&attr);
}

/* ---- raising: each source claims one unit of the budget, or stops ------ */

/* Mark the source busy and take one raise from the budget. False when the
 * source is still busy or the budget is spent. */
static bool claim(struct source *s)
{
    if (atomic_load(&s->busy))
        return false;
    unsigned left = atomic_load(&budget);
    do {
        if (left == 0)
            return false;
    } while (!atomic_compare_exchange_weak(&budget, &left, left - 1));
    atomic_store(&s->busy, true);
    atomic_fetch_add(&s->raised, 1);
    return true;
}

/* The source may fire again. Device sources wake the device thread. */
static void release(struct source *s, bool device)
{
    atomic_store(&s->busy, false);
    if (device) {
        pthread_mutex_lock(&dev_lock);
        dev_releases++;
        pthread_cond_signal(&dev_wake);
        pthread_mutex_unlock(&dev_lock);
    }
}

/* ---- pausing for a snapshot --------------------------------------------- */

/* Park here while a snapshot is taken. A vCPU parked inside the guest
 * (`in_guest`, v != NULL) exits with gic_lr_sync() when the snapshot asks
 * for it, and re-enters with gic_lr_flush() on the new GIC afterwards. */
static void park(struct vcpu *v, bool in_guest)
{
    pthread_mutex_lock(&park_lock);
    parked++;
    pthread_cond_broadcast(&park_cv);
    while (atomic_load(&pause_req)) {
        if (in_guest && v->exit_req && !v->exited) {
            pthread_mutex_unlock(&park_lock);
            gic_lr_sync(gic, v->id, &v->vif);
            pthread_mutex_lock(&park_lock);
            v->exited = true;
            pthread_cond_broadcast(&park_cv);
        } else {
            pthread_cond_wait(&park_cv, &park_lock);
        }
    }
    parked--;
    bool reenter = in_guest && v->exited;
    if (v) {
        v->exited = false;
        v->exit_req = false;
    }
    pthread_mutex_unlock(&park_lock);
    if (reenter)
        gic_lr_flush(gic, v->id, &v->vif);
}

/* ---- host callbacks --------------------------------------------------- */

/* An interrupt became deliverable to `cpu`: wake it if it sleeps. (A VMM
 * whose vCPU is inside the guest would also force an exit here.) */
static void on_kick(void *opaque, unsigned cpu)
{
    (void)opaque;
    struct vcpu *v = &vcpus[cpu];
    pthread_mutex_lock(&v->lock);
    v->kicked = true;
    pthread_cond_signal(&v->wake);
    pthread_mutex_unlock(&v->lock);
}

/* A level-triggered interrupt was deactivated by the guest: its device may
 * raise it again (the irqfd "resample" role). Called from gic_lr_sync(). */
static void on_irq_eoi(void *opaque, unsigned cpu, unsigned irq)
{
    (void)opaque;
    if (irq == TIMER_PPI)
        release(&sources[TIMER][cpu], false);
    else if (irq >= LEVEL_BASE && irq < LEVEL_BASE + NR_DEV)
        release(&sources[LEVEL][irq - LEVEL_BASE], true);
    else
        fail("irq_eoi for unexpected IRQ %u on vCPU %u", irq, cpu);
}

/* ---- the device thread ------------------------------------------------ */

static void *device_thread(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop)) {
        if (atomic_load(&pause_req))
            park(NULL, false);
        /* Releases after this read end the sleep below, so none is missed. */
        pthread_mutex_lock(&dev_lock);
        unsigned seen = dev_releases;
        pthread_mutex_unlock(&dev_lock);
        bool raised = false;
        for (unsigned i = 0; i < NR_DEV; i++) {
            if (claim(&sources[EDGE][i])) {
                /* An edge interrupt is a pulse on the line. */
                gic_set_irq(gic, 0, EDGE_BASE + i, true);
                gic_set_irq(gic, 0, EDGE_BASE + i, false);
                raised = true;
            }
            if (claim(&sources[LEVEL][i])) {
                /* A level line stays high until the guest's handler tells
                 * the device to drop it. */
                gic_set_irq(gic, 0, LEVEL_BASE + i, true);
                raised = true;
            }
        }
        if (!raised) {
            pthread_mutex_lock(&dev_lock);
            while (dev_releases == seen && !atomic_load(&stop) &&
                   !atomic_load(&pause_req))
                pthread_cond_wait(&dev_wake, &dev_lock);
            pthread_mutex_unlock(&dev_lock);
        }
    }
    return NULL;
}

/* ---- the guest -------------------------------------------------------- */

/* The guest's handler for one acknowledged interrupt (IAR value `iar`). */
static void guest_handle(struct vcpu *v, uint32_t iar)
{
    unsigned id = iar & VINTC_GICH_LR_VIRTUALID_MASK;
    unsigned src = (iar >> VINTC_GICH_LR_CPUID_SHIFT) & 7u;
    struct source *s;

    if (id < 16) { /* IPI from vCPU `src` */
        if (id != src || v->id != (src + 1) % NR_VCPUS)
            fail("IPI %u from an unexpected source (vCPU %u)", id, v->id);
        s = &sources[IPI][src % NR_VCPUS];
        atomic_fetch_add(&s->handled, 1);
        release(s, false); /* the sender may send again */
    } else if (id == TIMER_PPI) {
        /* The timer handler reprograms the timer: its line drops. The
         * timer may fire again once irq_eoi reports the deactivation. */
        atomic_fetch_add(&sources[TIMER][v->id].handled, 1);
        gic_set_irq(gic, v->id, TIMER_PPI, false);
    } else if (id >= EDGE_BASE && id < EDGE_BASE + NR_DEV) {
        if (id % NR_VCPUS != v->id)
            fail("edge SPI %u taken by vCPU %u", id, v->id);
        s = &sources[EDGE][id - EDGE_BASE];
        atomic_fetch_add(&s->handled, 1);
        release(s, true); /* a new edge is a new interrupt */
    } else if (id >= LEVEL_BASE && id < LEVEL_BASE + NR_DEV) {
        if (id % NR_VCPUS != v->id)
            fail("level SPI %u taken by vCPU %u", id, v->id);
        atomic_fetch_add(&sources[LEVEL][id - LEVEL_BASE].handled, 1);
        /* Like clearing the device's interrupt status register. */
        gic_set_irq(gic, 0, id, false);
    } else {
        fail("unexpected interrupt %u on vCPU %u", id, v->id);
        return;
    }
    v->handled++;
    atomic_fetch_add(&total_handled, 1);
}

/* "Guest execution": take every interrupt the virtual CPU interface offers.
 * Returns how many were handled. */
static unsigned guest_run(struct vcpu *v)
{
    unsigned n = 0;
    for (;;) {
        uint32_t iar;
        gic_vif_mmio_read(&v->vif, NR_LRS, VINTC_GICV_IAR, 4, &iar);
        if ((iar & VINTC_GICH_LR_VIRTUALID_MASK) == VINTC_GIC_SPURIOUS_ID)
            return n;
        guest_handle(v, iar);
        if (v->park_at == PARK_IN_HANDLER && atomic_load(&pause_req))
            park(v, true); /* active in an LR, EOI still to come */
        gic_vif_mmio_write(&v->vif, NR_LRS, VINTC_GICV_EOIR, 4, iar);
        n++;
    }
}

/* The guest's CPU interface setup (Linux's gic_cpu_if_up, for the GICV). */
static void guest_cpu_init(struct vcpu *v)
{
    gic_vif_init(&v->vif);
    gic_vif_mmio_write(&v->vif, NR_LRS, VINTC_GICV_PMR, 4, 0xF0);
    gic_vif_mmio_write(&v->vif, NR_LRS, VINTC_GICV_CTLR, 4,
                       0x3); /* EnableGrp0|1 */
}

/* ---- the vCPU thread -------------------------------------------------- */

static void *vcpu_thread(void *arg)
{
    struct vcpu *v = arg;
    unsigned next = (v->id + 1) % NR_VCPUS;
    guest_cpu_init(v);

    v->rng = 0x9E3779B97F4A7C15ull * (v->id + 1);
    while (!atomic_load(&stop)) {
        v->rng ^= v->rng << 13;
        v->rng ^= v->rng >> 7;
        v->rng ^= v->rng << 17;
        v->park_at = (unsigned)(v->rng % NR_PARK);
        /* A busy vCPU parks where it chose; an idle one right here. */
        if ((v->park_at == PARK_TOP || !v->busy) && atomic_load(&pause_req))
            park(v, false);
        /* The guest's own activity: its timer expires now and then, and it
         * sends an IPI to the next vCPU whenever the previous one arrived. */
        if (v->loops % TIMER_EVERY == 0 && claim(&sources[TIMER][v->id]))
            gic_set_irq(gic, v->id, TIMER_PPI, true);
        if (claim(&sources[IPI][v->id]))
            gic_dist_mmio_write(gic, v->id, VINTC_GICD_SGIR, 4,
                                (1u << next) << 16 | v->id); /* SGI v->id */

        uint64_t t0 = now_ns();
        gic_lr_flush(gic, v->id, &v->vif);
        uint64_t t1 = now_ns();
        if (v->park_at == PARK_AFTER_FLUSH && atomic_load(&pause_req))
            park(v, true); /* entered the guest, LRs in flight */
        unsigned taken = guest_run(v);
        uint64_t t2 = now_ns();
        gic_lr_sync(gic, v->id, &v->vif);
        uint64_t t3 = now_ns();
        v->flush_sync_ns += (t1 - t0) + (t3 - t2);
        v->loops++;

        v->busy = taken != 0;
        if (taken)
            continue;
        /* Idle (the guest executed WFI): sleep until kicked. The kicked flag
         * closes the window between the sync above and the wait. */
        pthread_mutex_lock(&v->lock);
        if (!v->kicked && !atomic_load(&stop) && !gic_cpu_pending(gic, v->id)) {
            v->idle_waits++;
            while (!v->kicked && !atomic_load(&stop) &&
                   !atomic_load(&pause_req))
                pthread_cond_wait(&v->wake, &v->lock);
        }
        v->kicked = false;
        pthread_mutex_unlock(&v->lock);
    }
    return NULL;
}

/* ---- the guest's distributor setup (Linux's gic_dist_init) ------------ */

static void dist_write(unsigned cpu, uint32_t off, uint32_t val)
{
    if (gic_dist_mmio_write(gic, cpu, off, 4, val) != 0)
        fail("GICD write at 0x%x from CPU %u failed", off, cpu);
}

static void guest_dist_init(void)
{
    uint32_t typer;
    gic_dist_mmio_read(gic, 0, VINTC_GICD_TYPER, 4, &typer);
    unsigned lines = ((typer & 0x1Fu) + 1) * 32;

    dist_write(0, VINTC_GICD_CTLR, 0);
    for (unsigned i = 32; i < lines; i += 16) /* all SPIs level... */
        dist_write(0, VINTC_GICD_ICFGR + i / 4, 0);
    for (unsigned i = 32; i < lines; i += 4) { /* ...priority 0xA0 */
        dist_write(0, VINTC_GICD_IPRIORITYR + i, 0xA0A0A0A0u);
        /* SPI n to vCPU n % 4 (Linux sends all to CPU 0, then balances). */
        uint32_t t = 0;
        for (unsigned b = 0; b < 4; b++)
            t |= (1u << ((i + b) % NR_VCPUS)) << (8 * b);
        dist_write(0, VINTC_GICD_ITARGETSR + i, t);
    }
    for (unsigned i = 32; i < lines; i += 32)
        dist_write(0, VINTC_GICD_ICENABLER + i / 8, ~0u);
    /* The edge-triggered devices: Int_config[1] = 1 for SPIs 32..39. */
    dist_write(0, VINTC_GICD_ICFGR + EDGE_BASE / 4, 0xAAAAu);

    /* Banked per CPU (Linux's gic_cpu_init on each CPU): SGIs at 0x80,
     * PPIs at 0x90, PPIs disabled, then the timer PPI enabled. */
    for (unsigned c = 0; c < NR_VCPUS; c++) {
        dist_write(c, VINTC_GICD_ICENABLER, 0xFFFF0000u);
        for (unsigned i = 0; i < 32; i += 4)
            dist_write(c, VINTC_GICD_IPRIORITYR + i,
                       i < 16 ? 0x80808080u : 0x90909090u);
        dist_write(c, VINTC_GICD_ISENABLER, 1u << TIMER_PPI);
    }
    /* Enable the device SPIs, then forwarding of both groups. */
    dist_write(0, VINTC_GICD_ISENABLER + EDGE_BASE / 8, 0xFFFFu);
    dist_write(0, VINTC_GICD_CTLR, 0x3);
}

/* ---- main ------------------------------------------------------------- */

static int check_results(void)
{
    int bad = 0;
    printf("%-10s %10s %10s\n", "source", "raised", "handled");
    for (unsigned k = 0; k < NR_KINDS; k++) {
        unsigned slots = k == TIMER || k == IPI ? NR_VCPUS : NR_DEV;
        unsigned r = 0, h = 0;
        for (unsigned i = 0; i < slots; i++) {
            unsigned ri = atomic_load(&sources[k][i].raised);
            unsigned hi = atomic_load(&sources[k][i].handled);
            if (ri != hi) {
                printf("  MISMATCH: %s #%u raised %u handled %u\n",
                       kind_name[k], i, ri, hi);
                bad = 1;
            }
            r += ri;
            h += hi;
        }
        printf("%-10s %10u %10u\n", kind_name[k], r, h);
    }
    /* Nothing may be left behind: no vCPU has anything to flush. */
    for (unsigned c = 0; c < NR_VCPUS; c++) {
        int n = gic_lr_flush(gic, c, &vcpus[c].vif);
        if (n != 0) {
            printf("  vCPU %u still has %d interrupt(s) pending or active\n", c,
                   n);
            bad = 1;
        }
    }
    return bad;
}

/* Pause everything, save (making vCPUs with LRs in flight exit first),
 * restore into a fresh GIC, check it saves the same bytes, switch over and
 * resume. Returns 0 or -1. */
static int migrate(const struct gic_config *cfg,
                   const struct vintc_host_ops *ops)
{
    atomic_store(&pause_req, true);
    pthread_mutex_lock(&dev_lock); /* wake the sleepers */
    pthread_cond_signal(&dev_wake);
    pthread_mutex_unlock(&dev_lock);
    for (unsigned c = 0; c < NR_VCPUS; c++) {
        pthread_mutex_lock(&vcpus[c].lock);
        pthread_cond_signal(&vcpus[c].wake);
        pthread_mutex_unlock(&vcpus[c].lock);
    }
    pthread_mutex_lock(&park_lock);
    while (parked < NR_VCPUS + 1)
        pthread_cond_wait(&park_cv, &park_lock);
    pthread_mutex_unlock(&park_lock);

    int n;
    while ((n = gic_save(gic, NULL, 0)) == -EBUSY) {
        for (unsigned c = 0; c < NR_VCPUS; c++) {
            if (gic_lr_in_flight(gic, c) <= 0)
                continue;
            forced_exits++;
            pthread_mutex_lock(&park_lock);
            vcpus[c].exit_req = true;
            pthread_cond_broadcast(&park_cv);
            while (!vcpus[c].exited)
                pthread_cond_wait(&park_cv, &park_lock);
            pthread_mutex_unlock(&park_lock);
        }
    }
    int rc = -1;
    uint8_t *blob = n > 0 ? malloc((size_t)n) : NULL;
    uint8_t *again = n > 0 ? malloc((size_t)n) : NULL;
    struct gic *fresh = NULL;
    if (blob && again && gic_save(gic, blob, (size_t)n) == n &&
        gic_create(cfg, ops, NULL, &fresh) == 0 &&
        gic_restore(fresh, blob, (size_t)n) == 0 &&
        gic_save(fresh, again, (size_t)n) == n &&
        memcmp(blob, again, (size_t)n) == 0) {
        gic_destroy(gic);
        gic = fresh;
        fresh = NULL;
        snapshots++;
        rc = 0;
    }
    gic_destroy(fresh);
    free(blob);
    free(again);

    pthread_mutex_lock(&park_lock);
    atomic_store(&pause_req, false);
    pthread_cond_broadcast(&park_cv);
    pthread_mutex_unlock(&park_lock);
    return rc;
}

int main(void)
{
    static const struct vintc_host_ops ops = { .kick = on_kick,
                                               .irq_eoi = on_irq_eoi };
    struct gic_config cfg = { .nr_cpus = NR_VCPUS,
                              .nr_irqs = NR_IRQS,
                              .nr_lrs = NR_LRS };
    int err = gic_create(&cfg, &ops, NULL, &gic);
    if (err) {
        fprintf(stderr, "gic_create: %s\n", vintc_strerror(err));
        return 1;
    }
    guest_dist_init();
    cond_init_monotonic(&dev_wake);
    for (unsigned c = 0; c < NR_VCPUS; c++) {
        vcpus[c].id = c;
        pthread_mutex_init(&vcpus[c].lock, NULL);
        cond_init_monotonic(&vcpus[c].wake);
    }

    printf("gic_minivmm: %u vCPUs, %u IRQs, %u LRs, %u interrupts\n", NR_VCPUS,
           NR_IRQS, NR_LRS, TOTAL_IRQS);
    uint64_t start = now_ns();
    pthread_t device;
    for (unsigned c = 0; c < NR_VCPUS; c++)
        pthread_create(&vcpus[c].thread, NULL, vcpu_thread, &vcpus[c]);
    pthread_create(&device, NULL, device_thread, NULL);

    /* Every raise is handled exactly once, so the run is over when
     * TOTAL_IRQS have been handled. There is no time limit: however slow
     * the machine, a correct run ends, and a lost interrupt hangs (ctest's
     * timeout reports it). */
    int migrate_failed = 0;
    unsigned next_migration = 200;
    while (atomic_load(&total_handled) < TOTAL_IRQS) {
        if (atomic_load(&total_handled) >= next_migration) {
            next_migration += 200;
            if (migrate(&cfg, &ops) != 0) {
                printf("  snapshot/restore failed\n");
                migrate_failed = 1;
                break;
            }
        }
        struct timespec nap = { 0, 100000 };
        nanosleep(&nap, NULL);
    }
    atomic_store(&stop, true);
    pthread_mutex_lock(&dev_lock);
    pthread_cond_signal(&dev_wake);
    pthread_mutex_unlock(&dev_lock);
    for (unsigned c = 0; c < NR_VCPUS; c++)
        on_kick(NULL, c);
    pthread_join(device, NULL);
    for (unsigned c = 0; c < NR_VCPUS; c++)
        pthread_join(vcpus[c].thread, NULL);
    double secs = (double)(now_ns() - start) / 1e9;

    int bad = check_results() || migrate_failed || atomic_load(&errors) != 0;
    printf("migrations: %u (vCPUs made to exit the guest first: %u)\n",
           snapshots, forced_exits);
    uint64_t loops = 0, ns = 0;
    printf("%-6s %10s %10s %10s\n", "vCPU", "handled", "loops", "idle");
    for (unsigned c = 0; c < NR_VCPUS; c++) {
        struct vcpu *v = &vcpus[c];
        printf("%-6u %10u %10llu %10llu\n", c, v->handled,
               (unsigned long long)v->loops, (unsigned long long)v->idle_waits);
        loops += v->loops;
        ns += v->flush_sync_ns;
    }
    /* Wall time with 6 threads on the machine's cores, so it includes lock
     * contention and preemption; scripts/bench measures the uncontended cost.
     */
    printf(
        "mean flush+sync: %.0f ns over %llu loops (wall time under contention; "
        "scripts/bench has the uncontended figure); %.2f s\n",
        loops ? (double)ns / (double)loops : 0.0, (unsigned long long)loops,
        secs);
    printf("%s\n", bad ? "FAIL" : "OK: every interrupt delivered exactly once");

    for (unsigned c = 0; c < NR_VCPUS; c++) {
        pthread_mutex_destroy(&vcpus[c].lock);
        pthread_cond_destroy(&vcpus[c].wake);
    }
    pthread_cond_destroy(&dev_wake);
    gic_destroy(gic);
    return bad ? 1 : 0;
}

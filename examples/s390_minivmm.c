/* SPDX-License-Identifier: MIT */
/* A miniature s390 VMM on vintc: four vCPU threads sit in enabled wait,
 * take interrupts through their lowcore and "run" the handlers (count the
 * interruption, then return by loading the old PSW, i.e. back into the
 * wait); a device thread injects I/O and virtio interrupts; the I/O handler
 * sends SIGP-style emergency signals to the next vCPU; vCPU 0 keeps a
 * clock-comparator tick. Meanwhile the main thread migrates the VM after
 * every 20 interrupts handled: it pauses the device thread and the vCPUs
 * (kicking them out of their wait; each parks wherever it is: before
 * delivering or between two deliveries), takes s390_save(), restores the
 * blob into a freshly created VM, checks that it saves the same bytes,
 * destroys the old VM and lets everything continue on the new one. At the
 * end every interrupt must have been delivered exactly once. Then vCPU 0 sends
 * SIGP orders (sense, stop and store status, store status at address, restart,
 * external call) to the others through sigp(), a SIGP handler built only on
 * library calls, and checks each condition code, status and stored byte. Exit
 * status 0 when the books balance. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vintc/vintc.h>

#define NR_CPUS   4
#define NR_IO     2000
#define NR_VIRTIO 1000
#define NR_TICKS  20
#define TICK_TOD  (2000ull * 4096) /* 2 ms in TOD units */
#define MEM_SIZE  (NR_CPUS + 1) * 0x10000u

static uint8_t guest_mem[MEM_SIZE]; /* guest absolute memory */
static struct s390_vm *vm;
static _Atomic int done;
static _Atomic unsigned io_seen[NR_IO], virtio_seen[NR_VIRTIO];
static _Atomic unsigned emerg_sent, emerg_recv, ticks, bad;
static _Atomic unsigned restarts, extcalls;
/* Each vCPU's registers, owned by its thread; the SIGP handler reads those
 * of a stopped vCPU (its thread then only waits). */
static struct s390_cpu_state cpu_state[NR_CPUS];
static _Atomic int emerg_outstanding[NR_CPUS]; /* per source */

/* Pausing for a snapshot. */
static pthread_mutex_t park_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t park_cv = PTHREAD_COND_INITIALIZER;
static atomic_bool pause_req;
static unsigned parked;         /* under park_lock */
static bool dev_running = true; /* under park_lock */
static unsigned migrations;

/* Wait here, outside every library call, while a snapshot is taken. */
static void park(void)
{
    pthread_mutex_lock(&park_lock);
    parked++;
    pthread_cond_broadcast(&park_cv);
    while (atomic_load(&pause_req))
        pthread_cond_wait(&park_cv, &park_lock);
    parked--;
    pthread_mutex_unlock(&park_lock);
}

static int mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    (void)opaque;
    if (addr > MEM_SIZE || len > MEM_SIZE - addr)
        return -EFAULT;
    memcpy(buf, guest_mem + addr, len);
    return 0;
}

static int mem_write(void *opaque, uint64_t addr, const void *buf, size_t len)
{
    (void)opaque;
    if (addr > MEM_SIZE || len > MEM_SIZE - addr)
        return -EFAULT;
    memcpy(guest_mem + addr, buf, len);
    return 0;
}

static uint64_t be(uint64_t addr, unsigned len)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < len; i++)
        v = v << 8 | guest_mem[addr + i];
    return v;
}

static void put_be64(uint64_t addr, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        guest_mem[addr + (unsigned)i] = (uint8_t)v;
}

static uint64_t tod_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return (ns / 125) * 512 + (ns % 125) * 512 / 125;
}

static uint32_t prefix_of(unsigned cpu)
{
    return 0x10000u * (cpu + 1);
}

/* The guest's "handler" for the interruption that was just delivered: the
 * new PSW addresses say which class it was (the new PSWs are disabled, so
 * exactly one interruption happened). Then return to the old PSW. */
static void run_handler(unsigned cpu, struct s390_cpu_state *st)
{
    uint32_t p = prefix_of(cpu);
    unsigned old_off;
    switch (st->psw.addr) {
    case 0x1F0: { /* I/O */
        old_off = 0x170;
        uint32_t parm = (uint32_t)be(p + 0xBC, 4);
        /* SIGP emergency signal to the next vCPU, one outstanding per source
         * (two from one source before delivery would be one). Counted as
         * sent before it is injected, and before the I/O counts as seen, so
         * main never sees "all seen, all received" with one still to come. */
        int zero = 0;
        if (atomic_compare_exchange_strong(&emerg_outstanding[cpu], &zero, 1)) {
            struct s390_irq e = { .type = S390_IRQ_EMERGENCY,
                                  .u.ext.src_cpu = (uint16_t)cpu };
            atomic_fetch_add(&emerg_sent, 1);
            if (s390_inject_vcpu(vm, (cpu + 1) % NR_CPUS, &e) != 0) {
                atomic_fetch_sub(&emerg_sent, 1);
                atomic_fetch_add(&bad, 1);
            }
        }
        if (parm >= NR_IO)
            atomic_fetch_add(&bad, 1);
        else
            atomic_fetch_add(&io_seen[parm], 1);
        break;
    }
    case 0x1B0: { /* external */
        old_off = 0x130;
        uint16_t code = (uint16_t)be(p + 0x86, 2);
        uint16_t addr = (uint16_t)be(p + 0x84, 2);
        if (code == 0x2603 && addr == 0x0D00) {
            uint32_t param = (uint32_t)be(p + 0x80, 4);
            if (param >= NR_VIRTIO || be(p + 0x11B8, 8) != 0xF00D0000u + param)
                atomic_fetch_add(&bad, 1);
            else
                atomic_fetch_add(&virtio_seen[param], 1);
        } else if (code == 0x1201) {
            atomic_fetch_add(&emerg_recv, 1);
            if (addr >= NR_CPUS)
                atomic_fetch_add(&bad, 1);
            else
                atomic_store(&emerg_outstanding[addr], 0);
        } else if (code == 0x1202) {
            atomic_fetch_add(&extcalls, 1);
        } else if (code == 0x1004) {
            /* Tick: re-arm the clock comparator (SCKC), or stop ticking. */
            unsigned t = atomic_fetch_add(&ticks, 1) + 1;
            st->ckc = t < NR_TICKS ? tod_now() + TICK_TOD : UINT64_MAX;
        } else {
            atomic_fetch_add(&bad, 1);
        }
        break;
    }
    case 0x1A0: /* restart */
        old_off = 0x120;
        atomic_fetch_add(&restarts, 1);
        break;
    default:
        atomic_fetch_add(&bad, 1);
        return;
    }
    /* Return from the handler: load the old PSW (the enabled wait). */
    st->psw.mask = be(p + old_off, 8);
    st->psw.addr = be(p + old_off + 8, 8);
}

static void *vcpu_thread(void *arg)
{
    unsigned cpu = (unsigned)(uintptr_t)arg;
    struct s390_cpu_state st;
    memset(&st, 0, sizeof(st));
    st.prefix = prefix_of(cpu);
    st.psw.mask = VINTC_S390_PSW_IO | VINTC_S390_PSW_EXT | VINTC_S390_PSW_MCHK |
                  VINTC_S390_PSW_WAIT | VINTC_S390_PSW_64BIT;
    st.psw.addr = 0xFFF0; /* the idle loop */
    st.cr[0] = 0x4000 | 0x2000 | 0x200 | (cpu == 0 ? 0x800 : 0);
    st.cr[6] = 0xFF000000; /* all ISCs */
    st.cr[14] = 0xC2000000;
    st.cpu_timer = INT64_MAX;
    st.ckc = cpu == 0 ? tod_now() + TICK_TOD : UINT64_MAX;
    st.gprs[15] = 0x5700 + cpu; /* seen in stored status */
    cpu_state[cpu] = st;
    struct s390_cpu_state *sp = &cpu_state[cpu];
    while (!atomic_load(&done)) {
        if (atomic_load(&pause_req))
            park();
        /* No timeout: every interrupt wakes the vCPU or is found by the
         * wait's own check, and the kick at the end ends the last wait. */
        int r = s390_cpu_wait(vm, cpu, sp, -1);
        if (r < 0) {
            atomic_fetch_add(&bad, 1);
            break;
        }
        /* SIGP STOP: stop; the next delivery call stores owed status. */
        if (s390_cpu_stop_pending(vm, cpu))
            s390_cpu_set_stopped(vm, cpu, true);
        for (;;) {
            if (atomic_load(&pause_req))
                park();
            int n = s390_deliver_pending(vm, cpu, sp);
            if (n < 0)
                atomic_fetch_add(&bad, 1);
            if (n <= 0)
                break;
            run_handler(cpu, sp);
        }
    }
    return NULL;
}

/* SIGNAL PROCESSOR from vCPU `src` to `dst`: the condition code, and in
 * *status the status bits of condition code 1. Built only on library
 * calls, as the s390_cpu_sense() header maps them. (The resets, not used
 * here, would run s390_cpu_initial_reset() on the target's own thread and
 * are the only orders never busy.) */
static int sigp(unsigned src, unsigned dst, unsigned order, uint64_t param,
                uint32_t *status)
{
    uint32_t fl;
    *status = 0;
    if (s390_cpu_sense(vm, dst, &fl))
        return VINTC_S390_SIGP_CC_NOT_OPERATIONAL;
    /* A stop or restart not yet completed makes every order busy. */
    if (fl & VINTC_S390_CPU_SIGP_BUSY)
        return VINTC_S390_SIGP_CC_BUSY;
    struct s390_irq irq = { .u.ext.src_cpu = (uint16_t)src };
    int rc;
    switch (order) {
    case VINTC_S390_SIGP_SENSE:
        if (fl & VINTC_S390_CPU_STOPPED)
            *status |= VINTC_S390_SIGP_STATUS_STOPPED;
        if (fl & VINTC_S390_CPU_EXT_CALL_PENDING)
            *status |= VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING;
        break;
    case VINTC_S390_SIGP_EXTERNAL_CALL:
    case VINTC_S390_SIGP_EMERGENCY_SIGNAL:
        irq.type = order == VINTC_S390_SIGP_EXTERNAL_CALL
                       ? S390_IRQ_EXTERNAL_CALL
                       : S390_IRQ_EMERGENCY;
        rc = s390_inject_vcpu(vm, dst, &irq);
        if (rc == -EBUSY)
            *status = VINTC_S390_SIGP_STATUS_EXT_CALL_PENDING;
        else if (rc)
            *status = VINTC_S390_SIGP_STATUS_INVALID_PARAMETER;
        break;
    case VINTC_S390_SIGP_START:
    case VINTC_S390_SIGP_STOP:
    case VINTC_S390_SIGP_STOP_AND_STORE_STATUS:
    case VINTC_S390_SIGP_RESTART:
        if (order == VINTC_S390_SIGP_START) {
            s390_cpu_set_stopped(vm, dst, false);
            s390_cpu_kick(vm, dst);
            break;
        }
        if (order == VINTC_S390_SIGP_RESTART) {
            irq.type = S390_IRQ_RESTART;
            s390_inject_vcpu(vm, dst, &irq);
            break;
        }
        irq.type = S390_IRQ_STOP;
        irq.u.stop.store_status = order ==
                                  VINTC_S390_SIGP_STOP_AND_STORE_STATUS;
        if (s390_inject_vcpu(vm, dst, &irq) == -EBUSY)
            return VINTC_S390_SIGP_CC_BUSY;
        /* Already stopped: the stop completed; store the status now. */
        if (irq.u.stop.store_status && (fl & VINTC_S390_CPU_STOPPED))
            s390_cpu_store_status_at(vm, dst, &cpu_state[dst],
                                     S390_STATUS_ABSOLUTE, 0);
        break;
    case VINTC_S390_SIGP_SET_PREFIX:
        irq.type = S390_IRQ_SET_PREFIX;
        irq.u.prefix.address = (uint32_t)param & VINTC_S390_PREFIX_MASK;
        if (irq.u.prefix.address + 0x2000u > MEM_SIZE)
            *status = VINTC_S390_SIGP_STATUS_INVALID_PARAMETER;
        else if (s390_inject_vcpu(vm, dst, &irq) == -EBUSY)
            *status = VINTC_S390_SIGP_STATUS_INCORRECT_STATE;
        break;
    case VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS:
        rc = s390_cpu_store_status_at(vm, dst, &cpu_state[dst],
                                      S390_STATUS_ADDRESS, param);
        if (rc == -EBUSY)
            *status = VINTC_S390_SIGP_STATUS_INCORRECT_STATE;
        else if (rc)
            *status = VINTC_S390_SIGP_STATUS_INVALID_PARAMETER;
        break;
    default:
        *status = VINTC_S390_SIGP_STATUS_INVALID_ORDER;
        break;
    }
    return *status ? VINTC_S390_SIGP_CC_STATUS_STORED
                   : VINTC_S390_SIGP_CC_ACCEPTED;
}

/* Poll the target's SIGP-visible state until it has `set` and not `clear`
 * (at most 10 s). */
static bool await_state(unsigned cpu, uint32_t set, uint32_t clear)
{
    struct timespec ms = { 0, 1000000 };
    for (unsigned i = 0; i < 10000; i++) {
        uint32_t fl;
        if (s390_cpu_sense(vm, cpu, &fl) == 0 && (fl & set) == set &&
            !(fl & clear))
            return true;
        nanosleep(&ms, NULL);
    }
    return false;
}

/* Poll a counter the guest's handlers keep until it reaches `n` (10 s). */
static bool await_count(_Atomic unsigned *c, unsigned n)
{
    struct timespec ms = { 0, 1000000 };
    for (unsigned i = 0; i < 10000 && atomic_load(c) < n; i++)
        nanosleep(&ms, NULL);
    return atomic_load(c) == n;
}

static unsigned sigp_checks, sigp_failed;

static void check(bool ok, const char *what, unsigned cpu)
{
    sigp_checks++;
    if (!ok) {
        sigp_failed++;
        fprintf(stderr, "SIGP check failed, cpu %u: %s\n", cpu, what);
    }
}

/* vCPU 0 (this thread, as its SIGP instruction handler) to each other
 * vCPU, which sits in enabled wait: every step waits for the state the
 * previous order leads to, so the outcome does not depend on timing. */
static void sigp_phase(void)
{
    uint32_t status;
    for (unsigned t = 1; t < NR_CPUS; t++) {
        check(sigp(0, t, VINTC_S390_SIGP_SENSE, 0, &status) == 0,
              "sense: operating", t);
        check(sigp(0, t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, 0x8000,
                   &status) == 1 &&
                  status == VINTC_S390_SIGP_STATUS_INCORRECT_STATE,
              "store status: not stopped", t);

        /* STOP AND STORE STATUS: absolute 0x1200, whatever the prefix. */
        memset(guest_mem + 0x1200, 0, 0x200);
        check(sigp(0, t, VINTC_S390_SIGP_STOP_AND_STORE_STATUS, 0, &status) ==
                  0,
              "stop and store status", t);
        check(await_state(t, VINTC_S390_CPU_STOPPED,
                          VINTC_S390_CPU_STOP_PENDING |
                              VINTC_S390_CPU_STATUS_OWED),
              "stopped", t);
        check(be(0x1280 + 15 * 8, 8) == 0x5700 + t &&
                  be(0x1318, 4) == prefix_of(t) && guest_mem[163] == 1,
              "status at absolute 0x1200", t);
        check(sigp(0, t, VINTC_S390_SIGP_SENSE, 0, &status) == 1 &&
                  status == VINTC_S390_SIGP_STATUS_STOPPED,
              "sense: stopped", t);

        /* STORE STATUS AT ADDRESS of the stopped vCPU. */
        uint64_t area = 0x8000 + 0x200u * t;
        check(sigp(0, t, VINTC_S390_SIGP_STORE_STATUS_AT_ADDRESS, area,
                   &status) == 0 &&
                  be(area + 0x80 + 15 * 8, 8) == 0x5700 + t,
              "store status at address", t);

        /* RESTART: operating again (the restart handler returns to the
         * wait), then an external call reaches it. */
        unsigned r0 = atomic_load(&restarts), x0 = atomic_load(&extcalls);
        check(sigp(0, t, VINTC_S390_SIGP_RESTART, 0, &status) == 0, "restart",
              t);
        check(await_count(&restarts, r0 + 1), "restart delivered", t);
        check(await_state(t, 0, VINTC_S390_CPU_STOPPED), "operating", t);
        check(sigp(0, t, VINTC_S390_SIGP_EXTERNAL_CALL, 0, &status) == 0,
              "external call", t);
        check(await_count(&extcalls, x0 + 1), "external call delivered", t);
    }
    check(sigp(0, NR_CPUS, VINTC_S390_SIGP_SENSE, 0, &status) == 3,
          "not operational", NR_CPUS);
}

/* The floating queue is full: let the vCPUs drain it, and park meanwhile
 * if a snapshot wants the device stopped (the vCPUs it waits for are
 * parked then). */
static void wait_for_room(void)
{
    if (atomic_load(&pause_req))
        park();
    sched_yield();
}

static void *device_thread(void *arg)
{
    (void)arg;
    for (unsigned i = 0, v = 0; i < NR_IO; i++) {
        if (atomic_load(&pause_req))
            park();
        struct s390_irq io = { .type = S390_IRQ_IO };
        io.u.io.subchannel_id = 0x0001;
        io.u.io.subchannel_nr = (uint16_t)(i % 64);
        io.u.io.parm = i;
        io.u.io.word = (i % 8u) << 27;
        while (s390_inject_vm(vm, &io) == -EBUSY)
            wait_for_room();
        if (i % 2 == 0 && v < NR_VIRTIO) {
            struct s390_irq vq = { .type = S390_IRQ_VIRTIO };
            vq.u.ext.param = v;
            vq.u.ext.param64 = 0xF00D0000u + v;
            while (s390_inject_vm(vm, &vq) == -EBUSY)
                wait_for_room();
            v++;
        }
    }
    pthread_mutex_lock(&park_lock);
    dev_running = false;
    pthread_cond_broadcast(&park_cv);
    pthread_mutex_unlock(&park_lock);
    return NULL;
}

/* Pause everything, save, restore into a fresh VM, check it saves the same
 * bytes, switch over and resume. Returns 0 or -1. */
static int migrate(const struct s390_config *cfg,
                   const struct vintc_host_ops *ops)
{
    atomic_store(&pause_req, true);
    for (unsigned c = 0; c < NR_CPUS; c++)
        s390_cpu_kick(vm, c); /* out of s390_cpu_wait */
    pthread_mutex_lock(&park_lock);
    while (parked < NR_CPUS + (dev_running ? 1u : 0u))
        pthread_cond_wait(&park_cv, &park_lock);
    pthread_mutex_unlock(&park_lock);

    int rc = -1, n = s390_save(vm, NULL, 0);
    uint8_t *blob = n > 0 ? malloc((size_t)n) : NULL;
    uint8_t *again = n > 0 ? malloc((size_t)n) : NULL;
    struct s390_vm *fresh = NULL;
    if (blob && again && s390_save(vm, blob, (size_t)n) == n &&
        s390_create(cfg, ops, NULL, &fresh) == 0 &&
        s390_restore(fresh, blob, (size_t)n) == 0 &&
        s390_save(fresh, again, (size_t)n) == n &&
        memcmp(blob, again, (size_t)n) == 0) {
        s390_destroy(vm);
        vm = fresh;
        fresh = NULL;
        migrations++;
        rc = 0;
    }
    s390_destroy(fresh);
    free(blob);
    free(again);

    pthread_mutex_lock(&park_lock);
    atomic_store(&pause_req, false);
    pthread_cond_broadcast(&park_cv);
    pthread_mutex_unlock(&park_lock);
    return rc;
}

static unsigned count_once(_Atomic unsigned *seen, unsigned n, unsigned *dup)
{
    unsigned once = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned s = atomic_load(&seen[i]);
        once += s == 1;
        *dup += s > 1;
    }
    return once;
}

int main(void)
{
    struct vintc_host_ops ops = { .guest_read = mem_read,
                                  .guest_write = mem_write };
    struct s390_config cfg = { .nr_cpus = NR_CPUS, .max_float_irqs = 256 };
    int rc = s390_create(&cfg, &ops, NULL, &vm);
    if (rc) {
        fprintf(stderr, "s390_create: %s\n", vintc_strerror(rc));
        return 1;
    }
    /* Each vCPU's lowcore: disabled new PSWs whose address names the class. */
    for (unsigned c = 0; c < NR_CPUS; c++)
        for (unsigned off = 0x1A0; off <= 0x1F0; off += 0x10) {
            put_be64(prefix_of(c) + off, VINTC_S390_PSW_64BIT);
            put_be64(prefix_of(c) + off + 8, off);
        }

    pthread_t cpus[NR_CPUS], dev;
    for (unsigned c = 0; c < NR_CPUS; c++)
        pthread_create(&cpus[c], NULL, vcpu_thread, (void *)(uintptr_t)c);
    pthread_create(&dev, NULL, device_thread, NULL);

    /* Wait until everything injected has been handled. No time limit: a
     * correct run ends however slow the machine; a lost interrupt hangs
     * (ctest's timeout reports it). */
    struct timespec nap = { 0, 50000 };
    int migrate_failed = 0;
    unsigned next_migration = 0;
    for (;;) {
        unsigned handled = 0;
        for (unsigned k = 0; k < NR_IO; k++)
            handled += atomic_load(&io_seen[k]) != 0;
        for (unsigned k = 0; k < NR_VIRTIO; k++)
            handled += atomic_load(&virtio_seen[k]) != 0;
        if (handled >= next_migration && handled < NR_IO + NR_VIRTIO) {
            next_migration = handled + 20;
            if (migrate(&cfg, &ops) != 0) {
                migrate_failed = 1;
                break;
            }
        }
        unsigned dup = 0;
        if (count_once(io_seen, NR_IO, &dup) == NR_IO &&
            count_once(virtio_seen, NR_VIRTIO, &dup) == NR_VIRTIO &&
            atomic_load(&ticks) >= NR_TICKS &&
            atomic_load(&emerg_recv) == atomic_load(&emerg_sent))
            break;
        nanosleep(&nap, NULL);
    }
    pthread_join(dev, NULL);
    if (!migrate_failed)
        sigp_phase();
    atomic_store(&done, 1);
    for (unsigned c = 0; c < NR_CPUS; c++)
        s390_cpu_kick(vm, c);
    for (unsigned c = 0; c < NR_CPUS; c++)
        pthread_join(cpus[c], NULL);

    unsigned dup = 0;
    unsigned io_once = count_once(io_seen, NR_IO, &dup);
    unsigned vq_once = count_once(virtio_seen, NR_VIRTIO, &dup);
    struct s390_stats s;
    s390_get_stats(vm, VINTC_S390_STATS_VM, &s);
    printf("s390 minivmm: %u vCPUs\n", NR_CPUS);
    printf("  I/O interrupts      delivered once: %5u of %u\n", io_once, NR_IO);
    printf("  virtio interrupts   delivered once: %5u of %u\n", vq_once,
           NR_VIRTIO);
    printf("  emergency signals   sent %u, received %u\n",
           atomic_load(&emerg_sent), atomic_load(&emerg_recv));
    printf("  clock-comparator ticks: %u (wanted %u)\n", atomic_load(&ticks),
           NR_TICKS);
    printf("  migrations to a fresh VM: %u%s\n", migrations,
           migrate_failed ? " (one FAILED)" : "");
    printf("  SIGP checks passed: %u of %u\n", sigp_checks - sigp_failed,
           sigp_checks);
    for (unsigned c = 0; c < NR_CPUS; c++) {
        struct s390_stats cs;
        s390_get_stats(vm, c, &cs);
        printf("  cpu %u: io %llu virtio %llu emergency %llu ckc %llu, wait "
               "exits %llu\n",
               c, (unsigned long long)cs.delivered[S390_IRQ_IO],
               (unsigned long long)cs.delivered[S390_IRQ_VIRTIO],
               (unsigned long long)cs.delivered[S390_IRQ_EMERGENCY],
               (unsigned long long)cs.delivered_ckc,
               (unsigned long long)cs.wait_exits);
    }
    bool ok = !migrate_failed && migrations > 0 && io_once == NR_IO &&
              vq_once == NR_VIRTIO && dup == 0 &&
              atomic_load(&emerg_sent) == atomic_load(&emerg_recv) &&
              atomic_load(&emerg_sent) > 0 && atomic_load(&ticks) == NR_TICKS &&
              atomic_load(&bad) == 0 && sigp_failed == 0 && sigp_checks > 0 &&
              s.delivered[S390_IRQ_IO] == NR_IO &&
              s.delivered[S390_IRQ_VIRTIO] == NR_VIRTIO;
    printf("verdict: %s\n",
           ok ? "every interrupt delivered exactly once" : "MISMATCH");
    s390_destroy(vm);
    return ok ? 0 : 1;
}

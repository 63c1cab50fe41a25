/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "qemu_gic.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guest/mailbox_blob.h"

#define QG_GUEST_BASE 0x40200000u
#define QG_MBOX_BASE  0x40300000u
#define QG_MBOX_SIZE  64u
#define QG_BULK_BASE  0x40400000u
#define QG_BULK_SIZE  0x1000u
#define QG_READY      0x600Du
#define QG_TIMEOUT_MS 10000

enum {
    MB_SEQ = 0,
    MB_OP = 4,
    MB_ADDR = 8,
    MB_VALUE = 16,
    MB_RESULT = 24,
    MB_ACK = 32,
    MB_READY = 36
};
enum {
    GOP_LDR = 1,
    GOP_STR = 2,
    GOP_LDRB = 3,
    GOP_STRB = 4,
    GOP_LDRH = 5,
    GOP_STRH = 6,
    GOP_ISR = 7,
    GOP_BULK = 8
};

struct qemu_gic {
    pid_t pid;
    int to_qemu;
    int from_qemu;
    unsigned nr_cpus;
    uint32_t seq[8];
    char guest_path[64];
    char log_path[64];
    char buf[16384];
    size_t len;
};

static void qg_dump_log(const struct qemu_gic *qg)
{
    FILE *f = fopen(qg->log_path, "r");
    char line[256];
    if (!f)
        return;
    while (fgets(line, sizeof(line), f))
        fprintf(stderr, "qemu: %s", line);
    fclose(f);
}

/* One line from QEMU, without the newline, within QG_TIMEOUT_MS. */
static int qg_getline(struct qemu_gic *qg, char *out, size_t cap)
{
    for (;;) {
        char *nl = memchr(qg->buf, '\n', qg->len);
        if (nl) {
            size_t n = (size_t)(nl - qg->buf);
            if (n >= cap)
                n = cap - 1;
            memcpy(out, qg->buf, n);
            out[n] = '\0';
            size_t used = (size_t)(nl - qg->buf) + 1;
            memmove(qg->buf, qg->buf + used, qg->len - used);
            qg->len -= used;
            return 0;
        }
        if (qg->len == sizeof(qg->buf))
            return -1;
        struct pollfd p = { .fd = qg->from_qemu, .events = POLLIN };
        int r = poll(&p, 1, QG_TIMEOUT_MS);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            fprintf(stderr, "oracle: QEMU did not answer within %d ms\n",
                    QG_TIMEOUT_MS);
            return -1;
        }
        ssize_t got = read(qg->from_qemu, qg->buf + qg->len,
                           sizeof(qg->buf) - qg->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            fprintf(stderr, "oracle: QEMU closed the qtest channel\n");
            qg_dump_log(qg);
            return -1;
        }
        qg->len += (size_t)got;
    }
}

/* Send one qtest command and return its answer line (after "OK"). */
static int qg_cmd(struct qemu_gic *qg, char *answer, size_t cap,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int qg_cmd(struct qemu_gic *qg, char *answer, size_t cap,
                  const char *fmt, ...)
{
    char cmd[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof(cmd) - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(cmd) - 1)
        return -1;
    cmd[n++] = '\n';
    for (int off = 0; off < n;) {
        ssize_t w = write(qg->to_qemu, cmd + off, (size_t)(n - off));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        off += (int)w;
    }
    static char line[16384];
    do {
        if (qg_getline(qg, line, sizeof(line)))
            return -1;
    } while (strncmp(line, "IRQ ", 4) == 0); /* interception noise */
    if (strncmp(line, "OK", 2) != 0) {
        fprintf(stderr, "oracle: qtest '%.*s' failed: %s\n", n - 1, cmd, line);
        return -1;
    }
    if (answer && cap) {
        const char *v = line[2] == ' ' ? line + 3 : line + 2;
        size_t len = strlen(v);
        if (len >= cap)
            len = cap - 1;
        memcpy(answer, v, len);
        answer[len] = '\0';
    }
    return 0;
}

static int qg_readl(struct qemu_gic *qg, uint64_t addr, uint32_t *val)
{
    char ans[64];
    if (qg_cmd(qg, ans, sizeof(ans), "readl 0x%llx", (unsigned long long)addr))
        return -1;
    *val = (uint32_t)strtoull(ans, NULL, 16);
    return 0;
}

static int qg_write_file(const char *path, const unsigned char *data,
                         size_t len)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    return close(fd);
}

static int qg_spawn(struct qemu_gic *qg, const char *qemu)
{
    int in[2], out[2];
    char smp[16], loader[128];
    snprintf(smp, sizeof(smp), "%u", qg->nr_cpus);
    snprintf(loader, sizeof(loader), "loader,file=%s,addr=0x%x,cpu-num=0",
             qg->guest_path, QG_GUEST_BASE);
    if (pipe(in))
        return -1;
    if (pipe(out)) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int log = open(qg->log_path, O_WRONLY | O_TRUNC);
        dup2(in[0], 0);
        dup2(out[1], 1);
        if (log >= 0)
            dup2(log, 2);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execlp(qemu, qemu, "-M", "virt,gic-version=2,virtualization=on", "-cpu",
               "cortex-a57", "-smp", smp, "-m", "128", "-accel",
               "tcg,thread=single", "-display", "none", "-nodefaults",
               "-monitor", "none", "-serial", "none", "-qtest", "stdio",
               "-qtest-log", "/dev/null", "-device", loader, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    qg->pid = pid;
    qg->to_qemu = in[1];
    qg->from_qemu = out[0];
    return 0;
}

static int qg_make_temp(char *path, size_t cap, const char *stem)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, cap, "%s/%sXXXXXX", dir && *dir ? dir : "/tmp", stem);
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

struct qemu_gic *qg_start(const char *qemu, unsigned nr_cpus)
{
    struct qemu_gic *qg = calloc(1, sizeof(*qg));
    if (!qg || nr_cpus < 1 || nr_cpus > 8) {
        free(qg);
        return NULL;
    }
    qg->nr_cpus = nr_cpus;
    qg->pid = -1;
    qg->to_qemu = qg->from_qemu = -1;
    signal(SIGPIPE, SIG_IGN);
    if (qg_make_temp(qg->guest_path, sizeof(qg->guest_path), "oracle-guest-") ||
        qg_make_temp(qg->log_path, sizeof(qg->log_path), "oracle-qemu-log-") ||
        qg_write_file(qg->guest_path, oracle_guest_bin, oracle_guest_bin_len) ||
        qg_spawn(qg, qemu)) {
        fprintf(stderr, "oracle: cannot start %s\n", qemu);
        qg_stop(qg);
        return NULL;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (unsigned cpu = 0; cpu < nr_cpus; cpu++) {
        uint32_t ready = 0;
        for (;;) {
            if (qg_readl(qg, QG_MBOX_BASE + cpu * QG_MBOX_SIZE + MB_READY,
                         &ready)) {
                qg_stop(qg);
                return NULL;
            }
            if (ready == QG_READY)
                break;
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            if (t.tv_sec - t0.tv_sec > QG_TIMEOUT_MS / 1000) {
                fprintf(stderr, "oracle: the guest on CPU %u never started\n",
                        cpu);
                qg_dump_log(qg);
                qg_stop(qg);
                return NULL;
            }
        }
        if (qg_readl(qg, QG_MBOX_BASE + cpu * QG_MBOX_SIZE + MB_ACK,
                     &qg->seq[cpu])) {
            qg_stop(qg);
            return NULL;
        }
    }
    return qg;
}

void qg_stop(struct qemu_gic *qg)
{
    if (!qg)
        return;
    if (qg->to_qemu >= 0)
        close(qg->to_qemu);
    if (qg->from_qemu >= 0)
        close(qg->from_qemu);
    if (qg->pid > 0) {
        kill(qg->pid, SIGTERM);
        waitpid(qg->pid, NULL, 0);
    }
    if (qg->guest_path[0])
        unlink(qg->guest_path);
    if (qg->log_path[0])
        unlink(qg->log_path);
    free(qg);
}

static int qg_mailbox(struct qemu_gic *qg, unsigned cpu, unsigned op,
                      uint64_t addr, uint64_t value, uint64_t *result)
{
    uint64_t mb = QG_MBOX_BASE + (uint64_t)cpu * QG_MBOX_SIZE;
    unsigned char cmd[20];
    char hex[2 * sizeof(cmd) + 1];
    for (unsigned i = 0; i < 4; i++)
        cmd[i] = (unsigned char)(op >> (8 * i));
    for (unsigned i = 0; i < 8; i++) {
        cmd[4 + i] = (unsigned char)(addr >> (8 * i));
        cmd[12 + i] = (unsigned char)(value >> (8 * i));
    }
    for (unsigned i = 0; i < sizeof(cmd); i++)
        snprintf(hex + 2 * i, 3, "%02x", cmd[i]);
    uint32_t seq = qg->seq[cpu] + 1;
    if (qg_cmd(qg, NULL, 0, "write 0x%llx %zu 0x%s",
               (unsigned long long)(mb + MB_OP), sizeof(cmd), hex) ||
        qg_cmd(qg, NULL, 0, "writel 0x%llx 0x%x",
               (unsigned long long)(mb + MB_SEQ), seq))
        return -1;
    qg->seq[cpu] = seq;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        char ans[64];
        if (qg_cmd(qg, ans, sizeof(ans), "read 0x%llx 12",
                   (unsigned long long)(mb + MB_RESULT)))
            return -1;
        /* "0x" and 24 hex digits: the 12 bytes in memory order. */
        unsigned char b[12];
        if (strlen(ans) < 26)
            return -1;
        for (unsigned i = 0; i < 12; i++) {
            char two[3] = { ans[2 + 2 * i], ans[3 + 2 * i], '\0' };
            b[i] = (unsigned char)strtoul(two, NULL, 16);
        }
        uint32_t ack = (uint32_t)b[8] | (uint32_t)b[9] << 8 |
                       (uint32_t)b[10] << 16 | (uint32_t)b[11] << 24;
        if (ack == seq) {
            uint64_t r = 0;
            for (unsigned i = 0; i < 8; i++)
                r |= (uint64_t)b[i] << (8 * i);
            *result = r;
            return 0;
        }
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_sec - t0.tv_sec > QG_TIMEOUT_MS / 1000) {
            fprintf(stderr, "oracle: the guest on CPU %u stopped serving\n",
                    cpu);
            return -1;
        }
    }
}

int qg_access(struct qemu_gic *qg, unsigned cpu, uint64_t addr, unsigned size,
              bool store, uint32_t *val)
{
    unsigned op;
    switch (size) {
    case 1:
        op = store ? GOP_STRB : GOP_LDRB;
        break;
    case 2:
        op = store ? GOP_STRH : GOP_LDRH;
        break;
    case 4:
        op = store ? GOP_STR : GOP_LDR;
        break;
    default:
        return -1;
    }
    uint64_t r = 0;
    if (cpu >= qg->nr_cpus ||
        qg_mailbox(qg, cpu, op, addr, store ? *val : 0, &r))
        return -1;
    if (!store)
        *val = (uint32_t)r;
    return 0;
}

int qg_isr(struct qemu_gic *qg, unsigned cpu, uint32_t *val)
{
    uint64_t r = 0;
    if (cpu >= qg->nr_cpus || qg_mailbox(qg, cpu, GOP_ISR, 0, 0, &r))
        return -1;
    *val = (uint32_t)r;
    return 0;
}

int qg_set_line(struct qemu_gic *qg, unsigned cpu, unsigned irq, bool level)
{
    /* arm_gic inputs: SPIs 32.. first, then 32 private lines per CPU. */
    unsigned n = irq >= 32 ? irq - 32 : QG_NR_IRQS - 32 + cpu * 32 + irq;
    return qg_cmd(
        qg, NULL, 0,
        "set_irq_in /machine/unattached/device[%u] unnamed-gpio-in %u %d",
        qg->nr_cpus, n, level ? 1 : 0);
}

int qg_bulk_read(struct qemu_gic *qg, unsigned cpu, uint64_t addr, unsigned n,
                 uint32_t *out)
{
    uint64_t r = 0;
    if (cpu >= qg->nr_cpus || n == 0 || n > QG_BULK_SIZE / 4 ||
        qg_mailbox(qg, cpu, GOP_BULK, addr, n, &r))
        return -1;
    static char ans[2 * QG_BULK_SIZE + 16];
    if (qg_cmd(
            qg, ans, sizeof(ans), "read 0x%llx %u",
            (unsigned long long)(QG_BULK_BASE + (uint64_t)cpu * QG_BULK_SIZE),
            4 * n))
        return -1;
    if (strlen(ans) < 2 + 8 * (size_t)n)
        return -1;
    for (unsigned w = 0; w < n; w++) {
        uint32_t v = 0;
        for (unsigned b = 0; b < 4; b++) {
            char two[3] = { ans[2 + 8 * w + 2 * b], ans[3 + 8 * w + 2 * b],
                            '\0' };
            v |= (uint32_t)strtoul(two, NULL, 16) << (8 * b);
        }
        out[w] = v;
    }
    return 0;
}

/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *samples, unsigned n)
{
    qsort(samples, n, sizeof(*samples), cmp_double);
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
}

int bench_report(const char *name, double value, const char *unit,
                 double budget, int lower_is_better)
{
    int ok = lower_is_better ? value <= budget : value >= budget;
    printf("%-58s %10.2f %-6s budget %s %8.2f  %s\n", name, value, unit,
           lower_is_better ? "<=" : ">=", budget, ok ? "ok" : "OVER BUDGET");
    return ok;
}

int bench_report_scaling(const char *name, double value, const char *unit,
                         double budget, double control)
{
    char verdict[64];
    int ok = value >= budget;
    if (ok)
        snprintf(verdict, sizeof(verdict), "ok");
    else if (control < budget)
        snprintf(verdict, sizeof(verdict),
                 "limited by the machine: control %.2f%s", control, unit);
    else
        snprintf(verdict, sizeof(verdict), "OVER BUDGET (control %.2f%s)",
                 control, unit);
    printf("%-58s %10.2f %-6s budget >= %8.2f  %s\n", name, value, unit, budget,
           verdict);
    return ok || control < budget;
}

double bench_ns_per_op(void (*fn)(void *arg, unsigned iters), void *arg,
                       unsigned iters, unsigned reps)
{
    double *samples = malloc(reps * sizeof(*samples));
    if (!samples)
        return -1.0;
    fn(arg, iters); /* warm up */
    for (unsigned r = 0; r < reps; r++) {
        uint64_t t0 = bench_now_ns();
        fn(arg, iters);
        samples[r] = (double)(bench_now_ns() - t0) / iters;
    }
    double med = bench_median(samples, reps);
    free(samples);
    return med;
}

void bench_die(const char *what, int err)
{
    fprintf(stderr, "benchmark: %s failed (%d)\n", what, err);
    exit(2);
}

static void *nothing(void *arg)
{
    return arg;
}

void bench_go_multithreaded(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL))
        bench_die("pthread_create", -1);
}

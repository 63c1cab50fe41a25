/* SPDX-License-Identifier: MIT */
/* Timing helpers shared by the benchmark programs. */
#ifndef VINTC_BENCH_UTIL_H
#define VINTC_BENCH_UTIL_H

#include <stdint.h>

/* Monotonic time in nanoseconds. */
uint64_t bench_now_ns(void);

/* Median of `n` samples (sorts the array in place). */
double bench_median(double *samples, unsigned n);

/* Print one result line: name, measured figure, unit, budget and verdict.
 * `lower_is_better` selects how the budget compares. Returns 1 when the
 * budget is met, 0 otherwise. */
int bench_report(const char *name, double value, const char *unit,
                 double budget, int lower_is_better);

/* Runs `fn(arg, iters)` `reps` times, each time timing `iters` calls, and
 * returns the median nanoseconds per call. */
double bench_ns_per_op(void (*fn)(void *arg, unsigned iters), void *arg,
                       unsigned iters, unsigned reps);

#endif

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

/* Like bench_report for a higher-is-better scaling figure measured beside a
 * control that uses no library: when the figure misses the budget and the
 * control misses it too, the machine cannot show the scaling, and the verdict
 * says "limited by the machine" with the control's figure instead of "OVER
 * BUDGET". Returns 0 only for a miss the control does not excuse. */
int bench_report_scaling(const char *name, double value, const char *unit,
                         double budget, double control);

/* Print "<what> failed (<err>)" on stderr and exit 2: the library failed a
 * call the benchmark depends on. */
void bench_die(const char *what, int err);
#define BENCH_CHECK(call)                                                      \
    do {                                                                       \
        int err_ = (call);                                                     \
        if (err_ < 0)                                                          \
            bench_die(#call, err_);                                            \
    } while (0)

/* Create and join one thread. A C library may take cheaper paths while a
 * process has only ever had one thread; a VMM or an emulator never has just
 * one, so every benchmark calls this first. (glibc 2.36 measured the same
 * uncontended mutex cost either way on the project machine, 6.1 ns.) */
void bench_go_multithreaded(void);

/* Runs `fn(arg, iters)` `reps` times, each time timing `iters` calls, and
 * returns the median nanoseconds per call. */
double bench_ns_per_op(void (*fn)(void *arg, unsigned iters), void *arg,
                       unsigned iters, unsigned reps);

#endif

/* SPDX-License-Identifier: MIT */
/* Thin wrappers over pthreads so the controllers say what they mean. */
#ifndef VINTC_COMMON_LOCK_H
#define VINTC_COMMON_LOCK_H

#include <pthread.h>

struct vintc_lock {
    pthread_mutex_t m;
};

static inline int vintc_lock_init(struct vintc_lock *l)
{
    return pthread_mutex_init(&l->m, NULL) == 0 ? 0 : -1;
}

static inline void vintc_lock_destroy(struct vintc_lock *l)
{
    pthread_mutex_destroy(&l->m);
}

static inline void vintc_lock(struct vintc_lock *l)
{
    pthread_mutex_lock(&l->m);
}

static inline void vintc_unlock(struct vintc_lock *l)
{
    pthread_mutex_unlock(&l->m);
}

#endif

/*
 * pingpong: how long a cache line takes to go from core 0 to core 1 and back, as two threads pinned there pass
 * a flag to each other. On a shared virtual machine this moves with where the host puts the two cores, and with
 * it every run whose threads hand data to each other (aggregate run's parsing and merging threads).
 *
 *   pingpong [ROUND_TRIPS]   prints the mean round trip in nanoseconds
 * Build: cc -O2 -pthread -o pingpong pingpong.c
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static _Atomic int flag __attribute__((aligned(64)));
static long round_trips = 200000;

static int pin(int core) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(core, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *answer(void *unused) {
    (void)unused;
    if (pin(1) != 0) return NULL;
    for (long i = 0; i < round_trips; i++) {
        while (atomic_load_explicit(&flag, memory_order_acquire) != 1) {}
        atomic_store_explicit(&flag, 0, memory_order_release);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) round_trips = atol(argv[1]);
    if (round_trips <= 0 || pin(0) != 0) {
        fprintf(stderr, "pingpong: needs two cores (0 and 1) and a positive count\n");
        return 1;
    }
    pthread_t other;
    if (pthread_create(&other, NULL, answer, NULL) != 0) return 1;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < round_trips; i++) {
        atomic_store_explicit(&flag, 1, memory_order_release);
        while (atomic_load_explicit(&flag, memory_order_acquire) != 0) {}
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(other, NULL);
    printf("%.0f\n", ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / round_trips);
    return 0;
}

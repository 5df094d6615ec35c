/*
 * memlat: how long one read from memory takes on each core, as a chain of dependent reads through a 64 MB
 * array (one cache line a step, in random order). On a shared virtual machine this moves with what the host's
 * other tenants do with its caches and memory, and with it every run that reads widely apart (aggregate run's
 * title index and SQLite's pages); a pass that streams through a file (libxml2's raw pass) barely feels it.
 *
 *   memlat [MEGABYTES]   prints the mean read on core 0 and on core 1, in nanoseconds
 * Build: cc -O2 -o memlat memlat.c
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* A random cyclic order of the array's cache lines (a step per line: 8 words of 8 bytes). */
static size_t *chain(size_t words) {
    size_t lines = words / 8, *order = malloc(lines * sizeof *order), *next = malloc(words * sizeof *next);
    if (!order || !next) return NULL;
    uint64_t state = 20261130;
    for (size_t i = 0; i < lines; i++) order[i] = i * 8;
    for (size_t i = lines - 1; i > 0; i--) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        size_t j = (size_t)(state >> 33) % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < lines; i++) next[order[i]] = order[(i + 1) % lines];
    free(order);
    return next;
}

static double chase(const size_t *next, int core, long steps) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(core, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) return -1;
    size_t at = 0;
    for (long i = 0; i < steps / 4; i++) at = next[at];  /* settle on the core first */
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < steps; i++) at = next[at];
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (at == (size_t)-1) puts("");  /* keeps the chain */
    return ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / steps;
}

int main(int argc, char **argv) {
    size_t megabytes = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
    size_t *next = chain(megabytes << 17);
    if (!next) return 1;
    double first = chase(next, 0, 2000000), second = chase(next, 1, 2000000);
    if (first < 0 || second < 0) return 1;
    printf("%.0f %.0f\n", first, second);
    return 0;
}

/* Stand-in for sightglass's include/sightglass.h in native builds (weir-bench NativeContender):
 * bench_start/bench_end read CLOCK_MONOTONIC and bench_end prints the window to stderr on a marker
 * line that the harness removes. BLACK_BOX keeps a value alive as the original does. */
#ifndef sightglass_h
#define sightglass_h 1
#include <stdio.h>
#include <time.h>

#define NOINLINE __attribute__((noinline))
#define BLACK_BOX(x) __asm__ volatile("" : : "r"(&(x)) : "memory")

static struct timespec weir_bench_t0;

static inline void bench_start(void) { clock_gettime(CLOCK_MONOTONIC, &weir_bench_t0); }

static inline void bench_end(void)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long) (t1.tv_sec - weir_bench_t0.tv_sec) * 1000000000LL + (t1.tv_nsec - weir_bench_t0.tv_nsec);
    fprintf(stderr, "\n__weir_bench_ns %lld\n", ns);
}
#endif

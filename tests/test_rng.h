/*
 * test_rng.h - the seeded generator of the random-scenario tests: the same
 * numbers every run.  Each test file defines TEST_RNG_SEED before
 * including it and has its own state.
 */
#ifndef SIAGA_TEST_RNG_H
#define SIAGA_TEST_RNG_H

#include <stdint.h>

static uint64_t rng = TEST_RNG_SEED;

/* xorshift64: a whole number in 0..n-1 */
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* a number in [lo, hi), in millionths */
static double rndf(double lo, double hi)
{
    return lo + (hi - lo) * (double)rnd(1000000) / 1e6;
}

#endif

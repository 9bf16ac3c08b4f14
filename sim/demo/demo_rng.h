/* The generator's own PRNG (splitmix64): one independent stream per
 * (seed, purpose, record index), so each record is reproducible alone and
 * two passes over a table draw the same values. */
#ifndef DEMO_RNG_H
#define DEMO_RNG_H

#include <stdint.h>

typedef struct demo_rng { uint64_t s; } demo_rng;

static inline uint64_t demo_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline void demo_rng_init(demo_rng *r, unsigned seed, unsigned purpose, uint64_t idx)
{
    r->s = demo_mix(((uint64_t)seed << 32 | purpose) ^ demo_mix(idx + 0x9e3779b97f4a7c15ULL));
}

static inline uint64_t demo_rng_next(demo_rng *r)
{
    r->s += 0x9e3779b97f4a7c15ULL;
    return demo_mix(r->s);
}

/* Uniform in [0, n) (n > 0); the bias of the multiply-shift is negligible here. */
static inline int demo_rng_below(demo_rng *r, int n)
{
    return (int)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Percentage draw: true with probability pct/100. */
static inline int demo_rng_pct(demo_rng *r, int pct) { return demo_rng_below(r, 100) < pct; }

#endif

#ifndef RECON_CPREFETCH_H
#define RECON_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `p` (a hint: never faults, may be ignored).
/// Swift has no prefetch of its own; loops that gather rows in random order use this to overlap
/// their cache misses.
static inline void recon_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

#endif

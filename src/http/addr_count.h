/* addr_count — how many open connections each client address has, for the
 * per-address connection cap of one event loop (server.c).  A fixed table
 * with open addressing; no allocation, no lock (one loop's own thread). */
#ifndef DAAM_ADDR_COUNT_H
#define DAAM_ADDR_COUNT_H
#include <stdint.h>

/* Twice the most connections a loop keeps (LIMIT_CONNS), a power of two. */
#define ADDR_COUNT_SLOTS 8192

struct addr_count {
	uint32_t addr[ADDR_COUNT_SLOTS];   /* IPv4 address, network order */
	int count[ADDR_COUNT_SLOTS];       /* 0: free slot */
};

/* One more connection from addr; returns its count now, or -1 when the
 * table is full (the caller then lets the connection through uncounted). */
int addr_count_add(struct addr_count *t, uint32_t addr);
/* One connection fewer from addr (one that addr_count_add counted). */
void addr_count_remove(struct addr_count *t, uint32_t addr);
#endif

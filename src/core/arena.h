/* arena — a bump allocator that owns everything one request allocates; it
 * is freed in one call when the response has been sent (as in Kore). */
#ifndef DAAM_ARENA_H
#define DAAM_ARENA_H
#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used_total;   /* bytes handed out so far */
	size_t max;          /* cap on used_total; 0 means 256 MiB */
};

void arena_init(struct arena *a, size_t max);
/* Returns zeroed memory aligned for any type, or NULL past the cap. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forgets every allocation but keeps one chunk, for reuse by the next request. */
void arena_reset(struct arena *a);
void arena_free_all(struct arena *a);
#endif

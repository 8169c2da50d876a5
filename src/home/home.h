/* home — the start page and the health check (see home.c). */
#ifndef DAAM_HOME_H
#define DAAM_HOME_H
struct req;
void home_page(struct req *r);
void health_json(struct req *r);

/* What a module adds to the start page: figures of what the signed-in user
 * may see (tiles: label a translated noun, n the count, href the list that
 * counts the same) and their pending work (label a translated sentence with
 * {n}, drawn only when n > 0, href where the work is).  The start page asks
 * each part in home.c's table; once modules may declare it, this becomes a
 * `home` hook of struct module (src/module.h) and the table goes away. */
struct home_item {
	const char *href;
	const char *label;
	long long n;
	int more;       /* n is a lower bound: drawn "n+" (a capped count) */
};
#define HOME_ITEMS_MAX 12
struct home_items {
	struct home_item v[HOME_ITEMS_MAX];
	int n;
};
void home_add(struct home_items *l, const char *href, const char *label, long long n);
/* A figure counted only up to cap + 1 (the people list's count): past cap it
 * is drawn "cap+", as the list draws it. */
void home_add_capped(struct home_items *l, const char *href, const char *label, long long n, long long cap);
typedef void (*home_fn)(struct req *r, struct home_items *figures, struct home_items *pending);
#endif

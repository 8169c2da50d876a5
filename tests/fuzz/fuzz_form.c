/*
 * fuzz_form — libFuzzer target for form and query parsing as daam does it
 * (src/http/dispatch.c read_form, then src/http/router.c): the body goes
 * through libevent's evhttp_parse_query_str, every value through
 * param_check with one spec of each kind, and the whole form through
 * router_validate for real POST routes of the route table.
 *
 * Input: the urlencoded body (daam refuses bodies with NUL bytes, so the
 * target does too).  Besides memory errors and undefined behaviour, the
 * target checks that accepted values really satisfy their spec.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include "http/router.h"
#include "http/request.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/utf8.h"

static const char *const langs[] = { "ar", "en", NULL };

static const struct param_spec specs[] = {
	{ "id", PT_INT, IN_FORM, 1, 1, 1000000000000LL, NULL },
	{ "page", PT_INT, IN_QUERY, 0, -5, 1000000, NULL },
	{ "name", PT_TEXT, IN_FORM, 1, 0, 64, NULL },
	{ "code", PT_TEXT, IN_FORM, 1, 2, 24, NULL },
	{ "notes", PT_TEXT, IN_FORM, 0, 0, 512, NULL },
	{ "password", PT_SECRET, IN_FORM, 1, 0, 1024, NULL },
	{ "lang", PT_ENUM, IN_FORM, 0, 0, 0, langs },
	{ "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL },
	{ "agree", PT_BOOL, IN_FORM, 0, 0, 0, NULL },
};

/* POST routes whose form parameters router_validate checks. */
static const char *const post_paths[] = {
	"/login", "/prefs", "/account/password", "/admin/users", "/admin/users/12",
	"/admin/users/12/password", "/admin/offices", "/admin/offices/3",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	i18n_init();
	return 0;
}

/* Checks that a value param_check accepted satisfies the spec. */
static void check_accepted(const struct param_spec *p, const char *v, const struct param_value *pv)
{
	switch (p->type) {
	case PT_INT:
		if (pv->i < p->min || pv->i > p->max)
			abort();
		break;
	case PT_TEXT:
	case PT_SECRET: {
		long n = utf8_count(v, strlen(v));
		if (n < 0 || (p->max && n > p->max) || (p->min && n < p->min))
			abort();
		for (const unsigned char *c = (const unsigned char *)v; *c; c++)
			if ((*c < 0x20 && *c != '\n' && *c != '\r' && *c != '\t') || *c == 0x7f)
				abort();
		/* line breaks and tabs only in long texts (over 200 characters allowed) */
		if (p->max <= 200 && strpbrk(v, "\n\r\t"))
			abort();
		break;
	}
	case PT_ENUM:
		if (pv->i < 0 || pv->i > 1 || strcmp(p->choices[pv->i], v) != 0)
			abort();
		break;
	case PT_DATE: {
		int y, m, d;
		if (date_parse_iso(v, &y, &m, &d) < 0 || pv->i != y * 10000 + m * 100 + d)
			abort();
		break;
	}
	case PT_BOOL:
		if (pv->i != 0 && pv->i != 1)
			abort();
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536 || memchr(data, 0, size))
		return 0;
	char *body = malloc(size + 1);
	if (!body)
		return 0;
	memcpy(body, data, size);
	body[size] = 0;

	struct evkeyvalq form;
	TAILQ_INIT(&form);
	if (evhttp_parse_query_str(body, &form) == 0) {
		struct evkeyval *kv;
		TAILQ_FOREACH(kv, &form, next) {
			for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
				struct param_value pv = { 0, 0, NULL };
				char buf[256];
				const char *err = param_check(&specs[i], kv->value, &pv, buf, sizeof buf);
				if (pv.s != kv->value)
					abort();
				if (!err)
					check_accepted(&specs[i], kv->value, &pv);
				else if (!*err)
					abort();
			}
		}
		/* the whole form against real routes, as a handler would see it */
		for (size_t k = 0; k < sizeof post_paths / sizeof post_paths[0]; k++) {
			struct req *r = calloc(1, sizeof *r);
			if (!r)
				break;
			arena_init(&r->arena, 1 << 20);
			int status = 0;
			r->route = router_match(r, M_POST, post_paths[k], &status);
			if (!r->route)
				abort();
			r->form = &form;
			r->query = &form;
			int st = router_validate(r);
			if (st != 0 && st != 400 && st != 404)
				abort();
			if (r->nerrors < 0 || r->nerrors > REQ_MAX_ERRORS)
				abort();
			for (int e = 0; e < r->nerrors; e++)
				if (!r->errors[e].field || !r->errors[e].message || !*r->errors[e].message)
					abort();
			arena_free_all(&r->arena);
			free(r);
		}
	}
	evhttp_clear_headers(&form);
	free(body);
	return 0;
}

/*
 * Unit tests for src/http/router.c with the real route table of
 * src/routes.c: path matching with captures, 404 and 405, the table's own
 * consistency (no shadowed routes, path parameters that exist), param_check
 * for every parameter type, and router_validate on path, query and form
 * values as libevent parses them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/queue.h>

#include <cmocka.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "registry/perms.h"
#include "http/router.h"
#include "module.h"
#include "http/request.h"
#include "core/i18n.h"
#include "core/dates.h"
#include "core/limits.h"

/* A zeroed request with its arena, and query/form lists that tests fill. */
struct fixture {
	struct req r;
	struct evkeyvalq query, form;
};

static int group_setup(void **state)
{
	(void)state;
	return i18n_init();
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	arena_init(&f->r.arena, 0);
	TAILQ_INIT(&f->query);
	TAILQ_INIT(&f->form);
	i18n_set_lang(LANG_EN);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	evhttp_clear_headers(&f->query);
	evhttp_clear_headers(&f->form);
	arena_free_all(&f->r.arena);
	free(f);
	i18n_set_lang(LANG_AR);
	return 0;
}

struct match_case {
	int method;
	const char *path;
	int status;           /* 0: a route matches */
	const char *pattern;  /* expected route pattern */
	const char *arg_name; /* expected single capture, or NULL for none */
	const char *arg;
};

static const struct match_case match_cases[] = {
	{ M_GET, "/", 0, "/", NULL, NULL },
	{ M_GET, "/healthz", 0, "/healthz", NULL, NULL },
	{ M_GET, "/login", 0, "/login", NULL, NULL },
	{ M_POST, "/login", 0, "/login", NULL, NULL },
	{ M_POST, "/logout", 0, "/logout", NULL, NULL },
	{ M_GET, "/admin/users", 0, "/admin/users", NULL, NULL },
	{ M_POST, "/admin/users", 0, "/admin/users", NULL, NULL },
	{ M_GET, "/admin/users/12", 0, "/admin/users/{id}", "id", "12" },
	{ M_POST, "/admin/users/12", 0, "/admin/users/{id}", "id", "12" },
	{ M_GET, "/admin/users/new", 0, "/admin/users/new", NULL, NULL },
	{ M_POST, "/admin/users/7/disable", 0, "/admin/users/{id}/disable", "id", "7" },
	{ M_POST, "/admin/users/7/enable", 0, "/admin/users/{id}/enable", "id", "7" },
	{ M_POST, "/admin/users/99/password", 0, "/admin/users/{id}/password", "id", "99" },
	/* any segment is captured; validation rejects it later */
	{ M_GET, "/admin/users/abc", 0, "/admin/users/{id}", "id", "abc" },
	{ M_GET, "/admin/users/سوريا", 0, "/admin/users/{id}", "id", "سوريا" },
	{ M_GET, "/admin/offices/3", 0, "/admin/offices/{id}", "id", "3" },
	{ M_GET, "/assets/app.0123abcd.css", 0, "/assets/{file}", "file", "app.0123abcd.css" },
	{ M_GET, "/admin/audit", 0, "/admin/audit", NULL, NULL },
	/* unknown paths */
	{ M_GET, "/nope", 404, NULL, NULL, NULL },
	{ M_POST, "/nope", 404, NULL, NULL, NULL },
	{ M_GET, "", 404, NULL, NULL, NULL },
	{ M_GET, "//", 404, NULL, NULL, NULL },
	{ M_GET, "/healthz/", 404, NULL, NULL, NULL },
	{ M_GET, "/HEALTHZ", 404, NULL, NULL, NULL },
	{ M_GET, "/admin/users/", 404, NULL, NULL, NULL },
	{ M_GET, "/admin/users/12/", 404, NULL, NULL, NULL },
	{ M_GET, "/admin/users//disable", 404, NULL, NULL, NULL },
	{ M_POST, "/admin/users/7/disable/x", 404, NULL, NULL, NULL },
	{ M_GET, "/admin/users/1/2/3/4/5/6", 404, NULL, NULL, NULL },
	{ M_GET, "/assets/", 404, NULL, NULL, NULL },
	{ M_GET, "/assets/a/b", 404, NULL, NULL, NULL },
	{ M_GET, "/loginx", 404, NULL, NULL, NULL },
	{ M_GET, "/logi", 404, NULL, NULL, NULL },
	/* known paths, wrong method */
	{ M_POST, "/healthz", 405, NULL, NULL, NULL },
	{ M_POST, "/", 405, NULL, NULL, NULL },
	{ M_GET, "/logout", 405, NULL, NULL, NULL },
	{ M_GET, "/prefs", 405, NULL, NULL, NULL },
	{ M_POST, "/account", 405, NULL, NULL, NULL },
	{ M_GET, "/account/password", 405, NULL, NULL, NULL },
	{ M_GET, "/admin/users/12/disable", 405, NULL, NULL, NULL },
	{ M_POST, "/admin/audit", 405, NULL, NULL, NULL },
	{ M_POST, "/assets/app.css", 405, NULL, NULL, NULL },
	{ 0, "/healthz", 405, NULL, NULL, NULL },   /* a method daam does not route */
};

static void test_router_match(void **state)
{
	struct fixture *f = *state;
	for (size_t i = 0; i < sizeof match_cases / sizeof match_cases[0]; i++) {
		const struct match_case *c = &match_cases[i];
		struct req *r = &f->r;
		r->npath_args = 0;
		int status = -1;
		const struct route *rt = router_match(r, c->method, c->path, &status);
		if (c->status) {
			if (rt || status != c->status)
				print_message("%s %s: got %s, status %d; want %d\n", c->method == M_POST ? "POST" : "GET",
					      c->path, rt ? rt->pattern : "no route", status, c->status);
			assert_null(rt);
			assert_int_equal(status, c->status);
			continue;
		}
		if (!rt || strcmp(rt->pattern, c->pattern) != 0)
			print_message("%s %s: got %s (status %d), want %s\n", c->method == M_POST ? "POST" : "GET",
				      c->path, rt ? rt->pattern : "no route", status, c->pattern);
		assert_non_null(rt);
		assert_string_equal(rt->pattern, c->pattern);
		assert_int_equal(rt->method, c->method);
		assert_non_null(rt->handler);
		if (c->arg_name) {
			assert_int_equal(r->npath_args, 1);
			assert_string_equal(r->path_arg_names[0], c->arg_name);
			assert_string_equal(r->path_args[0], c->arg);
		} else {
			assert_int_equal(r->npath_args, 0);
		}
	}
}

/* router_is_upload, from the route table: only POST /import takes uploads;
 * the query string is ignored; lengths are respected (no NUL needed). */
/* Replaces each {name} of pattern with "1" into out. */
static void instantiate(const char *pattern, char *out, size_t outsz)
{
	size_t k = 0;
	for (const char *p = pattern; *p && k + 2 < outsz; p++) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			assert_non_null(close);
			out[k++] = '1';
			p = close;
		} else {
			out[k++] = *p;
		}
	}
	out[k] = 0;
}

static void test_is_upload(void **state)
{
	(void)state;
	static const struct {
		int method;
		const char *path;
		int want;
	} cases[] = {
		{ M_POST, "/import", 1 },
		{ M_POST, "/import?x=1", 1 },
		{ M_POST, "/import?", 1 },
		{ M_GET, "/import", 0 },
		{ M_POST, "/import/12", 0 },        /* the review form: not an upload */
		{ M_POST, "/import/12/delete", 0 },
		{ M_POST, "/import/", 0 },
		{ M_POST, "/importx", 0 },
		{ M_POST, "/Import", 0 },
		{ M_POST, "/login", 0 },
		{ M_POST, "/nope", 0 },
		{ M_POST, "", 0 },
		{ 0, "/import", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = router_is_upload(cases[i].method, cases[i].path, strlen(cases[i].path));
		if (got != cases[i].want)
			fail_msg("%d %s: got %d", cases[i].method, cases[i].path, got);
	}
	/* only path_len bytes are read */
	assert_int_equal(router_is_upload(M_POST, "/importXYZ", 7), 1);
	assert_int_equal(router_is_upload(M_POST, "/import/1", 7), 1);
	assert_int_equal(router_is_upload(M_POST, "/import", 6), 0);
	/* every ROUTE_UPLOAD route of the table answers 1 by its own pattern */
	FOR_EACH_MODULE(m)
		for (const struct route *rt = m->routes; rt->pattern; rt++) {
			char path[256];
			instantiate(rt->pattern, path, sizeof path);
			assert_int_equal(router_is_upload(rt->method, path, strlen(path)), (rt->flags & ROUTE_UPLOAD) != 0);
		}
}

/* Is {name} one of pattern's captures? */
static int pattern_has(const char *pattern, const char *name)
{
	char want[80];
	snprintf(want, sizeof want, "{%s}", name);
	return strstr(pattern, want) != NULL;
}

/* The table is consistent: every route is reachable by its own pattern
 * (nothing earlier shadows it), no duplicates, parameters are well formed
 * and path parameters name a capture of the pattern. */
static void test_route_table(void **state)
{
	struct fixture *f = *state;
	int n = 0;
	FOR_EACH_MODULE(m)
	for (const struct route *rt = m->routes; rt->pattern; rt++, n++) {
		assert_true(rt->method == M_GET || rt->method == M_POST);
		assert_int_equal(rt->pattern[0], '/');
		assert_non_null(rt->handler);
		FOR_EACH_MODULE(om)
			for (const struct route *o = om->routes; o->pattern && o != rt; o++)
				if (o->method == rt->method && strcmp(o->pattern, rt->pattern) == 0)
					fail_msg("route %s is listed twice", rt->pattern);
		char path[256];
		instantiate(rt->pattern, path, sizeof path);
		int status = 0;
		const struct route *got = router_match(&f->r, rt->method, path, &status);
		if (got != rt)
			fail_msg("%s %s reaches %s instead of its own route", rt->method == M_GET ? "GET" : "POST",
				 path, got ? got->pattern : "nothing");
		int np = 0;
		for (const struct param_spec *p = rt->params; p && p->name; p++, np++) {
			assert_true(np < REQ_MAX_PARAMS);
			for (const struct param_spec *q = rt->params; q < p; q++)
				if (strcmp(q->name, p->name) == 0)
					fail_msg("route %s declares %s twice", rt->pattern, p->name);
			assert_true(p->where != 0);
			if (p->where & IN_PATH) {
				if (!pattern_has(rt->pattern, p->name))
					fail_msg("route %s: path parameter %s is not in the pattern", rt->pattern, p->name);
				assert_true(p->required);
			}
			if ((p->where & IN_FORM) && rt->method != M_POST)
				fail_msg("route %s: form parameter %s on a GET route", rt->pattern, p->name);
			if (p->type == PT_ENUM) {
				assert_non_null(p->choices);
				assert_non_null(p->choices[0]);
			}
			if (p->type == PT_INT)
				assert_true(p->min <= p->max);
			if (p->type == PT_YEAR)
				assert_true(p->min <= (p->max ? p->max : date_this_year()));
			if (p->type == PT_TEXT || p->type == PT_SECRET)
				assert_true(p->max == 0 || p->min <= p->max);
		}
	}
	assert_true(n >= 20);
}

/* The modules' descriptors pass their own check, and the route lookup the
 * connection guard uses (no request needed) finds the same routes. */
static void test_modules_lookup(void **state)
{
	assert_int_equal(modules_check(), 0);
	const struct route *rt = modules_route_for(M_POST, "/import?x=1", 11);
	assert_non_null(rt);
	assert_true(rt->flags & ROUTE_UPLOAD);
	rt = modules_route_for(M_GET, "/orgs/12/edit", 13);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/orgs/{id}/edit");
	assert_null(modules_route_for(M_GET, "/orgs//edit", 11));
	assert_null(modules_route_for(M_POST, "/orgs/12/edit", 13));
	assert_null(modules_route_for(M_GET, "/orgs/12/edit/x", 15));
	/* only the bytes given count: "/orgs" of "/orgsX" */
	rt = modules_route_for(M_GET, "/orgsX", 5);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/orgs");
	/* roles hold what the modules grant */
	assert_true(role_perms(ROLE_DIRECTOR) & PERM_EXPORT_IDENTIFIED);
	assert_false(role_perms(ROLE_PROGRAM_OFFICER) & PERM_EXPORT_IDENTIFIED);
	assert_false(role_perms(ROLE_DONOR) & PERM_ORGS_READ);
	assert_true(role_perms(ROLE_ADMIN) & PERM_BIT(63));
}

/* --- param_check -------------------------------------------------------- */

struct check_case {
	const char *raw;
	int ok;
	long long i;          /* expected value when ok (PT_INT/ENUM/DATE/BOOL) */
	const char *err;      /* expected English message when not ok, or NULL to skip */
};

static const char *const colours[] = { "red", "green", "أزرق", NULL };

static void run_checks(const struct param_spec *p, const struct check_case *cases, size_t n, int check_i)
{
	for (size_t i = 0; i < n; i++) {
		const struct check_case *c = &cases[i];
		struct param_value v = { 0, -12345, NULL };
		char buf[256] = "";
		const char *err = param_check(p, c->raw, &v, buf, sizeof buf);
		if ((err == NULL) != c->ok || (c->ok && check_i && v.i != c->i) ||
		    (!c->ok && c->err && err && strcmp(err, c->err) != 0))
			print_message("%s case %zu \"%s\": err \"%s\", i %lld\n", p->name, i, c->raw,
				      err ? err : "(none)", v.i);
		assert_ptr_equal(v.s, c->raw);
		if (c->ok) {
			assert_null(err);
			if (check_i)
				assert_int_equal(v.i, c->i);
		} else {
			assert_non_null(err);
			if (c->err)
				assert_string_equal(err, c->err);
		}
	}
}

static void test_param_int(void **state)
{
	(void)state;
	static const struct param_spec p = { "n", PT_INT, IN_QUERY, 0, 1, 1000, NULL };
	static const char whole[] = "Enter a whole number.", range[] = "Enter a number from 1 to 1000.";
	static const struct check_case cases[] = {
		{ "1", 1, 1, NULL }, { "1000", 1, 1000, NULL }, { "42", 1, 42, NULL },
		{ "0", 0, 0, range }, { "1001", 0, 0, range }, { "-5", 0, 0, range },
		{ "99999999999999999999", 0, 0, whole },          /* overflows long long */
		{ "-99999999999999999999", 0, 0, whole },
		{ "123456789012345678901", 0, 0, whole },         /* over 20 characters */
		{ "", 0, 0, whole }, { "abc", 0, 0, whole }, { "12abc", 0, 0, whole },
		{ "1.5", 0, 0, whole }, { "1e3", 0, 0, whole }, { "0x10", 0, 0, whole },
		{ "12 ", 0, 0, whole }, { "١٢", 0, 0, whole }, { "-", 0, 0, whole },
		{ "5\n", 0, 0, whole },
	};
	run_checks(&p, cases, sizeof cases / sizeof cases[0], 1);

	/* the whole long long range */
	static const struct param_spec wide = { "w", PT_INT, IN_QUERY, 0, LLONG_MIN, LLONG_MAX, NULL };
	static const struct check_case wide_cases[] = {
		{ "-9223372036854775808", 1, LLONG_MIN, NULL },
		{ "9223372036854775807", 1, LLONG_MAX, NULL },
		{ "9223372036854775808", 0, 0, whole },
		{ "-9223372036854775809", 0, 0, whole },
		{ "0", 1, 0, NULL },
	};
	run_checks(&wide, wide_cases, sizeof wide_cases / sizeof wide_cases[0], 1);

	/* the range message is translated, with the numbers */
	i18n_set_lang(LANG_AR);
	struct param_value v;
	char buf[256];
	const char *err = param_check(&p, "5000", &v, buf, sizeof buf);
	assert_non_null(err);
	assert_string_equal(err, "أدخل عدداً من 1 إلى 1000.");
	assert_string_equal(param_check(&p, "x", &v, buf, sizeof buf), "أدخل عدداً صحيحاً.");
	i18n_set_lang(LANG_EN);
}

/* PT_YEAR: a range like PT_INT; a maximum of LIMIT_BIRTH_YEAR_MAX (0) is
 * the current year when the value is checked, so next year is refused. */
static void test_param_year(void **state)
{
	(void)state;
	static const struct param_spec p = { "birth_year", PT_YEAR, IN_FORM, 0, LIMIT_BIRTH_YEAR_MIN,
					     LIMIT_BIRTH_YEAR_MAX, NULL };
	int now = date_this_year();
	char this_year[16], next_year[16], range[64];
	snprintf(this_year, sizeof this_year, "%d", now);
	snprintf(next_year, sizeof next_year, "%d", now + 1);
	snprintf(range, sizeof range, "Enter a number from %d to %d.", LIMIT_BIRTH_YEAR_MIN, now);
	const struct check_case cases[] = {
		{ "1900", 1, 1900, NULL }, { "1990", 1, 1990, NULL }, { this_year, 1, now, NULL },
		{ next_year, 0, 0, range }, { "1899", 0, 0, range }, { "2200", 0, 0, range },
		{ "abc", 0, 0, "Enter a whole number." }, { "", 0, 0, "Enter a whole number." },
	};
	run_checks(&p, cases, sizeof cases / sizeof cases[0], 1);
	/* a fixed maximum stays fixed */
	static const struct param_spec fixed = { "y", PT_YEAR, IN_QUERY, 0, 2000, 2010, NULL };
	static const struct check_case fixed_cases[] = {
		{ "2010", 1, 2010, NULL }, { "2011", 0, 0, "Enter a number from 2000 to 2010." },
	};
	run_checks(&fixed, fixed_cases, sizeof fixed_cases / sizeof fixed_cases[0], 1);
}

static void test_param_text(void **state)
{
	(void)state;
	static const char bad[] = "This field contains characters that are not allowed.";
	static const char utf8[] = "This text is not valid UTF-8 text.";
	/* lengths count characters (code points), not bytes */
	static const struct param_spec p = { "t", PT_TEXT, IN_FORM, 0, 2, 5, NULL };
	static const struct check_case cases[] = {
		{ "ab", 1, 0, NULL },
		{ "abcde", 1, 0, NULL },
		{ "سوريا", 1, 0, NULL },              /* 5 characters, 10 bytes */
		{ "الرقة", 1, 0, NULL },              /* 5 characters, 10 bytes */
		{ "😀😀", 1, 0, NULL },               /* 2 characters, 8 bytes */
		{ "a", 0, 0, "Too short: at least 2 characters." },
		{ "ر", 0, 0, "Too short: at least 2 characters." },  /* 2 bytes, 1 character */
		{ "abcdef", 0, 0, "Too long: at most 5 characters." },
		{ "سورياا", 0, 0, "Too long: at most 5 characters." },
		{ "ab\x01", 0, 0, bad },
		{ "a\x7f" "b", 0, 0, bad },
		{ "a\nb", 0, 0, bad },               /* short texts are single-line */
		{ "a\tb", 0, 0, bad },
		{ "a\rb", 0, 0, bad },
		{ "a\x1b[0m", 0, 0, bad },
		{ "ab\xff", 0, 0, utf8 },
		{ "a\xc0\xaf", 0, 0, utf8 },          /* overlong '/' */
		{ "a\xed\xa0\x80", 0, 0, utf8 },      /* surrogate */
		{ "ab\xd8", 0, 0, utf8 },             /* truncated */
	};
	run_checks(&p, cases, sizeof cases / sizeof cases[0], 0);

	/* PT_LONGTEXT may hold line breaks and tabs, still no other controls */
	static const struct param_spec lng = { "notes", PT_LONGTEXT, IN_FORM, 0, 0, 500, NULL };
	static const struct check_case long_cases[] = {
		{ "سطر أول\r\nسطر ثان\tمع جدولة", 1, 0, NULL },
		{ "a\x01", 0, 0, bad },
		{ "a\x7f", 0, 0, bad },
		{ "", 1, 0, NULL },                   /* min 0: empty is fine here */
	};
	run_checks(&lng, long_cases, sizeof long_cases / sizeof long_cases[0], 0);

	/* a one-line PT_TEXT refuses them however long it may be (a tab in "next"
	 * once made an open redirect) */
	static const struct param_spec line = { "next", PT_TEXT, IN_FORM, 0, 0, 512, NULL };
	static const struct check_case line_cases[] = {
		{ "/\t/evil.example", 0, 0, bad },
		{ "a\r\nb", 0, 0, bad },
		{ "/admin/audit", 1, 0, NULL },
	};
	run_checks(&line, line_cases, sizeof line_cases / sizeof line_cases[0], 0);

	/* exact limit with multi-byte text: 500 Arabic letters fit, 501 do not */
	char big[1100];
	size_t k = 0;
	for (int i = 0; i < 501; i++) {
		big[k++] = (char)0xd8;
		big[k++] = (char)0xb3; /* س */
	}
	big[k] = 0;
	struct param_value v;
	char buf[256];
	assert_non_null(param_check(&lng, big, &v, buf, sizeof buf));
	big[1000] = 0;
	assert_null(param_check(&lng, big, &v, buf, sizeof buf));

	/* secrets follow the same rules */
	static const struct param_spec sec = { "pw", PT_SECRET, IN_FORM, 0, 0, 1024, NULL };
	static const struct check_case sec_cases[] = {
		{ "  spaces kept  ", 1, 0, NULL },
		{ "كلمة سر طويلة", 1, 0, NULL },
		{ "nul\x01", 0, 0, bad },
		{ "\xfe", 0, 0, utf8 },
	};
	run_checks(&sec, sec_cases, sizeof sec_cases / sizeof sec_cases[0], 0);
}

static void test_param_enum_date_bool(void **state)
{
	(void)state;
	static const char choose[] = "Choose one of the listed options.";
	static const struct param_spec e = { "colour", PT_ENUM, IN_FORM, 0, 0, 0, colours };
	static const struct check_case enum_cases[] = {
		{ "red", 1, 0, NULL }, { "green", 1, 1, NULL }, { "أزرق", 1, 2, NULL },
		{ "Red", 0, 0, choose }, { "red ", 0, 0, choose }, { "", 0, 0, choose },
		{ "blue", 0, 0, choose }, { "re", 0, 0, choose }, { "redd", 0, 0, choose },
	};
	run_checks(&e, enum_cases, sizeof enum_cases / sizeof enum_cases[0], 1);

	static const char date_err[] = "Enter a date as year-month-day, for example 2018-03-12.";
	static const struct param_spec d = { "from", PT_DATE, IN_QUERY, 0, 0, 0, NULL };
	static const struct check_case date_cases[] = {
		{ "2024-02-29", 1, 20240229, NULL }, { "2018-03-12", 1, 20180312, NULL },
		{ "1900-01-01", 1, 19000101, NULL },
		{ "2023-02-29", 0, 0, date_err }, { "2018-3-12", 0, 0, date_err },
		{ "12/03/2018", 0, 0, date_err }, { "", 0, 0, date_err }, { "2018-03-12x", 0, 0, date_err },
	};
	run_checks(&d, date_cases, sizeof date_cases / sizeof date_cases[0], 1);

	static const struct param_spec b = { "agree", PT_BOOL, IN_FORM, 0, 0, 0, NULL };
	static const struct check_case bool_cases[] = {
		{ "1", 1, 1, NULL }, { "on", 1, 1, NULL }, { "yes", 1, 1, NULL },
		{ "0", 1, 0, NULL }, { "off", 1, 0, NULL }, { "", 1, 0, NULL }, { "ON", 1, 0, NULL },
		{ "true", 1, 0, NULL },
	};
	run_checks(&b, bool_cases, sizeof bool_cases / sizeof bool_cases[0], 1);
}

/* --- router_validate ---------------------------------------------------- */

/* Matches method+path into the fixture's request and fills query and form
 * from urlencoded strings (NULL: none), then validates. */
static int validate(struct fixture *f, int method, const char *path, const char *query, const char *form)
{
	int status = 0;
	f->r.route = router_match(&f->r, method, path, &status);
	assert_non_null(f->r.route);
	f->r.query = NULL;
	f->r.form = NULL;
	if (query) {
		assert_int_equal(evhttp_parse_query_str(query, &f->query), 0);
		f->r.query = &f->query;
	}
	if (form) {
		assert_int_equal(evhttp_parse_query_str(form, &f->form), 0);
		f->r.form = &f->form;
	}
	return router_validate(&f->r);
}

static void test_validate_path_ids(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *path;
		int status;
		long long id;
	} cases[] = {
		{ "/admin/users/12", 0, 12 },
		{ "/admin/users/1", 0, 1 },
		{ "/admin/users/1000000000000", 0, 1000000000000LL },
		{ "/admin/users/1000000000001", 404, 0 },
		{ "/admin/users/0", 404, 0 },
		{ "/admin/users/-3", 404, 0 },
		{ "/admin/users/abc", 404, 0 },
		{ "/admin/users/12abc", 404, 0 },
		{ "/admin/users/١٢", 404, 0 },
		{ "/admin/offices/5", 0, 5 },
		{ "/admin/offices/x", 404, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f->r.nerrors = 0;
		memset(f->r.params, 0, sizeof f->r.params);
		int st = validate(f, M_GET, cases[i].path, NULL, NULL);
		if (st != cases[i].status)
			print_message("%s: status %d want %d\n", cases[i].path, st, cases[i].status);
		assert_int_equal(st, cases[i].status);
		if (st == 0) {
			assert_true(req_has(&f->r, "id"));
			assert_int_equal(req_int(&f->r, "id"), cases[i].id);
		}
	}
}

static void test_validate_query(void **state)
{
	struct fixture *f = *state;
	/* values are decoded and trimmed; absent optional values are fine */
	assert_int_equal(validate(f, M_GET, "/admin/audit",
				  "user=%20%D8%A3%D8%AD%D9%85%D8%AF+&from=2024-02-29&page=3", NULL), 0);
	assert_string_equal(req_str(&f->r, "user"), "أحمد");
	assert_int_equal(req_int(&f->r, "from"), 20240229);
	assert_int_equal(req_int(&f->r, "page"), 3);
	assert_false(req_has(&f->r, "to"));
	assert_string_equal(req_str(&f->r, "to"), "");
	assert_false(req_has(&f->r, "action"));
	evhttp_clear_headers(&f->query);

	/* bad query values answer 400 */
	static const char *const bad[] = {
		"page=0", "page=abc", "page=1000001", "from=2023-02-29", "to=yesterday",
		"user=%01x", "user=%FF", "action=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 41 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int st = validate(f, M_GET, "/admin/audit", bad[i], NULL);
		if (st != 400)
			print_message("query \"%s\": status %d\n", bad[i], st);
		assert_int_equal(st, 400);
		evhttp_clear_headers(&f->query);
	}
	/* empty values count as absent */
	assert_int_equal(validate(f, M_GET, "/admin/audit", "page=&from=", NULL), 0);
	assert_false(req_has(&f->r, "page"));
	assert_int_equal(req_int(&f->r, "page"), 0);
}

static void test_validate_form(void **state)
{
	struct fixture *f = *state;
	/* missing required fields are field errors, not a failed request */
	assert_int_equal(validate(f, M_POST, "/admin/users", NULL, "display_name=x"), 0);
	assert_string_equal(req_error_for(&f->r, "name"), "This field is required.");
	assert_string_equal(req_error_for(&f->r, "role"), "This field is required.");
	assert_string_equal(req_error_for(&f->r, "password"), "This field is required.");
	assert_null(req_error_for(&f->r, "display_name"));
	assert_null(req_error_for(&f->r, "office"));
	assert_string_equal(req_str(&f->r, "display_name"), "x");
	evhttp_clear_headers(&f->form);
	f->r.nerrors = 0;

	/* invalid values are field errors too, each with its message */
	assert_int_equal(validate(f, M_POST, "/admin/offices", NULL,
				  "code=x&name_ar=%D8%A7%D9%84%D8%B1%D9%82%D8%A9&name_en=Raqqa%01"), 0);
	assert_string_equal(req_error_for(&f->r, "code"), "Too short: at least 2 characters.");
	assert_null(req_error_for(&f->r, "name_ar"));
	assert_string_equal(req_str(&f->r, "name_ar"), "الرقة");
	assert_string_equal(req_error_for(&f->r, "name_en"),
			    "This field contains characters that are not allowed.");
	assert_false(req_has(&f->r, "code"));
	evhttp_clear_headers(&f->form);
	f->r.nerrors = 0;

	/* secrets are not trimmed, other text is; form values do not come
	 * from the query string on a form-only parameter */
	assert_int_equal(validate(f, M_POST, "/login", "next=%2Fevil", "name=+admin+&password=+pw+"), 0);
	assert_string_equal(req_str(&f->r, "name"), "admin");
	assert_string_equal(req_str(&f->r, "password"), " pw ");
	assert_false(req_has(&f->r, "next"));
	assert_int_equal(f->r.nerrors, 0);
	evhttp_clear_headers(&f->form);
	evhttp_clear_headers(&f->query);

	/* enums and ints in a form */
	f->r.nerrors = 0;
	assert_int_equal(validate(f, M_POST, "/admin/users/4", NULL,
				  "display_name=&role=admin&office=0&org=2"), 0);
	assert_int_equal(req_int(&f->r, "id"), 4);
	assert_true(req_has(&f->r, "role"));
	assert_string_equal(req_str(&f->r, "role"), "admin");
	assert_string_equal(req_error_for(&f->r, "office"), "Enter a number from 1 to 1000000000000.");
	assert_int_equal(req_int(&f->r, "org"), 2);
	evhttp_clear_headers(&f->form);

	f->r.nerrors = 0;
	assert_int_equal(validate(f, M_POST, "/prefs", NULL, "lang=fr&digits=latn"), 0);
	assert_string_equal(req_error_for(&f->r, "lang"), "Choose one of the listed options.");
	assert_int_equal(req_int(&f->r, "digits"), 1);

	/* a bad id on a form route is still 404, before any form error */
	evhttp_clear_headers(&f->form);
	f->r.nerrors = 0;
	assert_int_equal(validate(f, M_POST, "/admin/users/zero/password", NULL, "password=abcdefgh1"), 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_router_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_table, setup, teardown),
		cmocka_unit_test(test_modules_lookup),
		cmocka_unit_test_setup_teardown(test_is_upload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_int, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_param_enum_date_bool, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_path_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate_form, setup, teardown),
	};
	return cmocka_run_group_tests_name("router", tests, group_setup, NULL);
}

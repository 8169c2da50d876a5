/*
 * Unit tests for the incubation module's computations (src/incubation/
 * scoring.c, radar.c, incubation.c, candidates.c): dimension means from
 * indicator scores, the weakest dimensions, the dimensions a plan
 * addresses, mean and spread, a candidate's weighted need score, nine
 * months after a date, the refusal of selection criteria about ethnicity,
 * religion, sect or tribe, and the radar chart's SVG (well-formed XML, one
 * polygon per assessment, labels in the page's language, escaped).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <expat.h>

#include <cmocka.h>

#include "incubation/incubation.h"
#include "incubation/incubation_pages.h"
#include "core/i18n.h"
#include "core/strbuf.h"

static int setup(void **state)
{
	if (i18n_init() != 0)
		return -1;
	i18n_set_lang(LANG_EN);
	return 0;
}

static void test_dimension_means(void **state)
{
	/* principles 1,2,4 → 2.33; planning 3, (0 = not scored) → 3; knowledge none */
	int dim[] = { 0, 0, 0, 1, 1, 9 };
	int score[] = { 1, 2, 4, 3, 0, 4 };
	struct dim_scores d;
	dims_from_scores(dim, score, 6, &d);
	assert_true(d.has[0] && d.has[1] && !d.has[2] && d.has[9]);
	assert_true(fabs(d.v[0] - 7.0 / 3) < 1e-9);
	assert_true(fabs(d.v[1] - 3.0) < 1e-9);
	assert_true(fabs(dims_overall(&d) - (7.0 / 3 + 3 + 4) / 3) < 1e-9);
	/* out-of-range scores and dimensions are left out */
	int bad_dim[] = { 0, -1, 10, 2 };
	int bad_score[] = { 5, 3, 3, -2 };
	dims_from_scores(bad_dim, bad_score, 4, &d);
	for (int i = 0; i < DIMENSIONS; i++)
		assert_false(d.has[i]);
	assert_true(dims_overall(&d) == 0);
}

static void test_weakest_and_plan_dimensions(void **state)
{
	struct dim_scores d = { 0 };
	double v[DIMENSIONS] = { 3, 1.5, 2.5, 4, 1.5, 2.49, 3.5, 2, 0, 3 };
	for (int i = 0; i < DIMENSIONS; i++) {
		d.v[i] = v[i];
		d.has[i] = i != 8;
	}
	int out[DIMENSIONS];
	/* weakest first; equal scores keep the framework's order; unscored left out */
	assert_int_equal(dims_weakest(&d, out, 3), 3);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 4);
	assert_int_equal(out[2], 7);
	/* below 2.5: 1.5, 1.5, 2, 2.49 — not 2.5 itself */
	int n = plan_dimensions(&d, 2.5, out);
	assert_int_equal(n, 4);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 4);
	assert_int_equal(out[2], 7);
	assert_int_equal(out[3], 5);
	assert_int_equal(plan_dimensions(&d, 1.5, out), 0);
	assert_int_equal(plan_dimensions(&d, 4.5, out), 9);
}

static void test_stats(void **state)
{
	struct stats s = { 0 };
	assert_true(stats_sd(&s) == 0);
	double xs[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	for (int i = 0; i < 8; i++)
		stats_add(&s, xs[i]);
	assert_int_equal(s.n, 8);
	assert_true(fabs(s.mean - 5) < 1e-9);
	assert_true(fabs(stats_sd(&s) - 2) < 1e-9);
}

static void test_candidate_score(void **state)
{
	int w[] = { 3, 3, 2, 2, 1 };
	int all5[] = { 5, 5, 5, 5, 5 }, all1[] = { 1, 1, 1, 1, 1 }, none[] = { 0, 0, 0, 0, 0 };
	assert_true(fabs(candidate_score(w, all5, 5) - 100) < 1e-9);
	assert_true(fabs(candidate_score(w, all1, 5) - 20) < 1e-9);
	assert_true(candidate_score(w, none, 5) < 0);
	/* the weights count: a 5 on a weight-3 criterion outranks a 5 on weight 1 */
	int a[] = { 5, 1, 1, 1, 1 }, b[] = { 1, 1, 1, 1, 5 };
	assert_true(candidate_score(w, a, 5) > candidate_score(w, b, 5));
	/* (5*3 + 1*3 + 1*2 + 1*2 + 1*1) / (5*11) */
	assert_true(fabs(candidate_score(w, a, 5) - 100.0 * 23 / 55) < 1e-9);
	/* a weight of 0 leaves its criterion out */
	int w0[] = { 0, 1 }, s0[] = { 1, 5 };
	assert_true(fabs(candidate_score(w0, s0, 2) - 100) < 1e-9);
}

static void test_add_months(void **state)
{
	char out[11];
	assert_int_equal(incub_add_months("2026-03-01", 9, out), 0);
	assert_string_equal(out, "2026-12-01");
	assert_int_equal(incub_add_months("2026-05-31", 9, out), 0);
	assert_string_equal(out, "2027-02-28");   /* the month's last day */
	assert_int_equal(incub_add_months("2027-05-31", 9, out), 0);
	assert_string_equal(out, "2028-02-29");   /* a leap year */
	assert_int_equal(incub_add_months("2026-13-01", 9, out), -1);
}

static void test_criteria_never_about_identity(void **state)
{
	static const char *const refused[] = { "الانتماء الديني", "العشيرة", "الطائفة", "التنوع العرقي", "قبيلة المتقدمين",
		"المذهب", "Religion of the members", "Ethnic group", "tribe", "Sect", "sectarian balance", NULL };
	static const char *const allowed[] = { "الاحتياجات الأساسية للمجتمع", "شدة أثر الحرب على المنطقة", "المدينة",
		"سكان المدينة النازحون", "Sector of work", "Basic needs of the community", "ديون المنظمة", NULL };
	for (int i = 0; refused[i]; i++)
		if (!criterion_forbidden(refused[i]))
			fail_msg("criterion \"%s\" was accepted", refused[i]);
	for (int i = 0; allowed[i]; i++)
		if (criterion_forbidden(allowed[i]))
			fail_msg("criterion \"%s\" was refused", allowed[i]);
}

/* ---- the radar's SVG ---- */

struct svg_count {
	int polygons, series, texts, depth, in_axis;
	char axis[DIMENSIONS][64];
	int naxis;
};

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct svg_count *c = ud;
	c->in_axis = 0;
	if (!strcmp(name, "polygon")) {
		c->polygons++;
		for (int i = 0; attrs[i]; i += 2)
			if (!strcmp(attrs[i], "class") && !strncmp(attrs[i + 1], "series", 6))
				c->series++;
	}
	if (!strcmp(name, "text")) {
		c->texts++;
		for (int i = 0; attrs[i]; i += 2)
			if (!strcmp(attrs[i], "class") && !strcmp(attrs[i + 1], "axis") && c->naxis < DIMENSIONS) {
				c->in_axis = 1;
				c->axis[c->naxis++][0] = 0;
			}
	}
}

static void on_end(void *ud, const XML_Char *name)
{
	((struct svg_count *)ud)->in_axis = 0;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct svg_count *c = ud;
	if (c->in_axis) {
		size_t have = strlen(c->axis[c->naxis - 1]);
		if (have + (size_t)len < 64) {
			memcpy(c->axis[c->naxis - 1] + have, s, (size_t)len);
			c->axis[c->naxis - 1][have + (size_t)len] = 0;
		}
	}
}

static int parse_svg(const char *svg, struct svg_count *c)
{
	memset(c, 0, sizeof *c);
	XML_Parser p = XML_ParserCreate("UTF-8");
	XML_SetUserData(p, c);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	int ok = XML_Parse(p, svg, (int)strlen(svg), 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok;
}

static void test_radar_svg(void **state)
{
	const char *labels[DIMENSIONS];
	struct radar_series s[3];
	memset(s, 0, sizeof s);
	for (int k = 0; k < 3; k++) {
		s[k].label = k == 0 ? "Baseline <b>&" : k == 1 ? "Midline" : "Endline";
		for (int i = 0; i < DIMENSIONS; i++) {
			s[k].s.has[i] = 1;
			s[k].s.v[i] = 1 + (i + k) % 4;
		}
	}
	for (int n = 1; n <= 3; n++) {
		for (int lang = 0; lang < 2; lang++) {
			i18n_set_lang(lang ? LANG_AR : LANG_EN);
			for (int i = 0; i < DIMENSIONS; i++)
				labels[i] = dim_label(i);
			struct strbuf sb = STRBUF_INIT;
			radar_svg(&sb, "Results \"of\" <org>", labels, lang, s, n);
			struct svg_count c;
			if (!parse_svg(sb_str(&sb), &c))
				fail_msg("not well-formed XML: %.300s", sb_str(&sb));
			assert_int_equal(c.series, n);          /* one polygon per assessment */
			assert_int_equal(c.polygons, 4 + n);    /* and the four rings */
			assert_int_equal(c.naxis, DIMENSIONS);
			assert_string_equal(c.axis[0], lang ? "المبادئ" : "Principles");
			assert_string_equal(c.axis[9], lang ? "الحوكمة" : "Governance");
			/* the second axis goes right of the first in English, left in Arabic */
			const char *second = strstr(sb_str(&sb), "class=\"axis\" x=\"");
			second = strstr(second + 1, "class=\"axis\" x=\"");
			double x = strtod(second + strlen("class=\"axis\" x=\""), NULL);
			assert_true(lang ? x < 200 : x > 200);
			assert_null(strstr(sb_str(&sb), "<b>"));
			sb_release(&sb);
		}
	}
	i18n_set_lang(LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dimension_means),
		cmocka_unit_test(test_weakest_and_plan_dimensions),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_candidate_score),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_criteria_never_about_identity),
		cmocka_unit_test(test_radar_svg),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

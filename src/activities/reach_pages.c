/* reach_pages — the people reached, for those who report on them (and
 * donors, who see nothing else): a period and an office, the headline
 * figure, each breakdown as a table and a bar chart drawn by the server
 * (SVG, every text escaped), the same tables as an XLSX workbook; and the
 * start page's figures: this year's people reached, per office for the
 * director, the user's office for office staff. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "activities/activities.h"
#include "activities/pages.h"
#include "activities/perms.h"
#include "activities/reach.h"
#include "activities/reach_cache.h"
#include "registry/age_bands.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/chart.h"
#include "html/xlsx_out.h"
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

static const char SQL_OFFICE[] = "SELECT name_ar, name_en FROM offices WHERE id = ?1";
static const char SQL_PLACE[] = "SELECT name_ar, name_en FROM places WHERE id = ?1";
static const char SQL_OFFICES[] = "SELECT id, name_ar, name_en FROM offices ORDER BY id";

#define ROWS_MAX (REACH_MAX_GROUPS + 1)
struct table {
	const char *title;
	const char *label[ROWS_MAX];
	long long n[ROWS_MAX];
	int rows;
};

static void add(struct table *t, const char *label, long long n)
{
	if (t->rows < ROWS_MAX) {
		t->label[t->rows] = label;
		t->n[t->rows++] = n;
	}
}

static const char *name_of(struct req *r, const char *sql, int64_t id)
{
	if (!id)
		return _("Not recorded");
	sqlite3_stmt *st = db_q(db_read(), sql, "I", (long long)id);
	if (db_row(st) != 1)
		return "";
	const char *s = arena_strdup(&r->arena, db_text(st, i18n_lang() == LANG_AR || !*db_text(st, 1) ? 0 : 1));
	sqlite3_reset(st);
	return s ? s : "";
}

#define NTABLES 7
/* The breakdowns of x as tables, in the order the page shows them. */
static void tables_of(struct req *r, const struct reach *x, struct table *t)
{
	memset(t, 0, NTABLES * sizeof *t);
	t[0].title = _("By gender");
	add(&t[0], _("Female"), x->gender[0]);
	add(&t[0], _("Male"), x->gender[1]);
	add(&t[0], _("Not recorded"), x->gender[2]);
	t[1].title = _("By age");
	for (int i = 0; i < x->nages; i++)
		add(&t[1], _(age_bands.labels[i]), x->age[i]);
	add(&t[1], _("Not recorded"), x->age[x->nages]);
	t[2].title = _("By office");
	for (int i = 0; i < x->noffices; i++)
		add(&t[2], name_of(r, SQL_OFFICE, x->office[i].id), x->office[i].n);
	t[3].title = _("By district");
	for (int i = 0; i < x->ndistricts; i++)
		add(&t[3], name_of(r, SQL_PLACE, x->district[i].id), x->district[i].n);
	t[4].title = _("By displacement");
	for (int i = 0; i < 3; i++)
		add(&t[4], _(displacements.labels[i]), x->displacement[i]);
	add(&t[4], _("Not recorded"), x->displacement[3]);
	t[5].title = _("By disability");
	add(&t[5], _("With a disability"), x->disability[0]);
	add(&t[5], _("Without a disability"), x->disability[1]);
	add(&t[5], _("Not recorded"), x->disability[2]);
	t[6].title = _("By kind of organization");
	for (int i = 0; i < x->nkinds; i++)
		add(&t[6], _(org_kinds.labels[i]), x->org_kind[i]);
	add(&t[6], _("Not a member of an organization"), x->org_kind[x->nkinds]);
}

void reach_page(struct req *r)
{
	struct strbuf *o = &r->out;
	int64_t office;
	if (reach_office_arg(r, &office) < 0) {
		req_error(r, 404);
		return;
	}
	const char *from = req_str(r, "from"), *to = req_str(r, "to");
	struct reach *x = arena_alloc(&r->arena, sizeof *x);
	struct table *t = arena_alloc(&r->arena, NTABLES * sizeof *t);
	if (!x || !t || reach_count(db_read(), from, to, office, x) < 0) {
		req_error(r, 503);
		return;
	}
	page_begin(r, _("People reached"));
	html_fmt(o, "<h1>%s</h1>", _("People reached"));
	html_fmt(o, "<p>%s</p>", _("Each person who attended at least one session of an activity in the period, counted once "
				   "(also when registered twice and merged). Registering alone does not count."));
	html_raw(o, "<form method=\"get\" action=\"/reach\" class=\"filters\">");
	html_fmt(o, "<div class=\"field\"><label for=\"f-from\">%s</label><input id=\"f-from\" name=\"from\" type=\"date\" value=\"%s\"></div>",
		 _("From"), from);
	html_fmt(o, "<div class=\"field\"><label for=\"f-to\">%s</label><input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>",
		 _("To"), to);
	if (!act_office(r)) {
		html_fmt(o, "<div class=\"field\"><label for=\"f-office\">%s</label><select id=\"f-office\" name=\"office\">"
			 "<option value=\"\">%s</option>", _("Office"), _("All offices"));
		sqlite3_stmt *st = db_q(db_read(), SQL_OFFICES, "");
		while (db_row(st) == 1) {
			long long id = sqlite3_column_int64(st, 0);
			html_fmt(o, "<option value=\"%lld\"%s>%s</option>", id, id == office ? " selected" : "",
				 db_text(st, i18n_lang() == LANG_AR ? 1 : 2));
		}
		html_raw(o, "</select></div>");
	}
	html_fmt(o, "<button>%s</button></form>", _("Show"));
	html_raw(o, "<div class=\"tiles\"><div class=\"tile\"><b>");
	fmt_int(o, x->people);
	html_fmt(o, "</b><span>%s</span></div></div>", _("People reached"));
	struct strbuf q = STRBUF_INIT;
	static const char *const keep[] = { "from", "to", "office", NULL };
	query_keep(r, &q, keep);
	html_fmt(o, "<p class=\"exports\"><a href=\"/reach.xlsx?%s\" download>%s</a></p>", q.len ? sb_str(&q) + 1 : "", _("Download as Excel (XLSX)"));
	sb_release(&q);
	tables_of(r, x, t);
	const char *cols[] = { "", _("People"), NULL };
	for (int k = 0; k < NTABLES; k++) {
		html_fmt(o, "<section class=\"card\"><h2>%s</h2>", t[k].title);
		cols[0] = t[k].title;
		table_begin(r, cols);
		for (int i = 0; i < t[k].rows; i++) {
			row_begin(r);
			cell_text(r, t[k].label[i]);
			cell_int(r, t[k].n[i]);
			row_end(r);
		}
		table_end(r);
		if (x->people)
			chart_bars(r, t[k].title, t[k].label, t[k].n, t[k].rows);
		html_raw(o, "</section>");
	}
	page_end(r);
}

void reach_xlsx(struct req *r)
{
	int64_t office;
	if (reach_office_arg(r, &office) < 0) {
		req_error(r, 404);
		return;
	}
	struct reach *x = arena_alloc(&r->arena, sizeof *x);
	struct table *t = arena_alloc(&r->arena, NTABLES * sizeof *t);
	if (!x || !t || reach_count(db_read(), req_str(r, "from"), req_str(r, "to"), office, x) < 0) {
		req_error(r, 503);
		return;
	}
	tables_of(r, x, t);
	struct xlsx_out xo;
	if (xlsx_out_open(&xo) < 0) {
		req_error(r, 503);
		return;
	}
	lxw_row_t y = 0;
	worksheet_write_string(xo.ws, y, 0, _("People reached"), xo.bold);
	worksheet_write_number(xo.ws, y++, 1, (double)x->people, xo.bold);
	worksheet_write_string(xo.ws, y, 0, _("From"), NULL);
	worksheet_write_string(xo.ws, y++, 1, req_str(r, "from"), NULL);
	worksheet_write_string(xo.ws, y, 0, _("To"), NULL);
	worksheet_write_string(xo.ws, y++, 1, req_str(r, "to"), NULL);
	worksheet_set_column(xo.ws, 0, 0, 36, NULL);
	for (int k = 0; k < NTABLES; k++) {
		y++;
		worksheet_write_string(xo.ws, y++, 0, t[k].title, xo.bold);
		for (int i = 0; i < t[k].rows; i++) {
			worksheet_write_string(xo.ws, y, 0, t[k].label[i], NULL);
			worksheet_write_number(xo.ws, y++, 1, (double)t[k].n[i], NULL);
		}
	}
	xlsx_out_send(r, &xo, "daam-people-reached.xlsx");
}

/* The start page: people reached since the first of January, in the
 * user's office, or in each office and in all for the director. */
void reach_home_section(struct req *r, int64_t unused)
{
	(void)unused;
	struct strbuf *o = &r->out;
	struct db *d = db_read();
	char from[24];
	time_t now = time(NULL) + 3 * 3600;
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(from, sizeof from, "%04d-01-01", (tm.tm_year + 1900) % 10000);
	int64_t mine = act_office(r);
	struct reach *x = arena_alloc(&r->arena, sizeof *x);
	/* the director: one pass counts all offices and each; staff: their office */
	if (!x || reach_headline(d, from, mine, x) < 0)
		return;
	html_fmt(o, "<section class=\"card\" id=\"reach\"><h2>%s</h2><div class=\"tiles\">", _("People reached this year"));
	html_fmt(o, "<a class=\"tile\" href=\"/reach?from=%s\"><b>", from);
	fmt_int(o, x->people);
	html_fmt(o, "</b><span>%s</span></a>", mine ? _("Your office") : _("All offices"));
	for (int i = 0; !mine && i < x->noffices; i++) {
		html_fmt(o, "<a class=\"tile\" href=\"/reach?from=%s&amp;office=%lld\"><b>", from, (long long)x->office[i].id);
		fmt_int(o, x->office[i].n);
		html_fmt(o, "</b><span>%s</span></a>", name_of(r, SQL_OFFICE, x->office[i].id));
	}
	html_raw(o, "</div></section>");
}

/* merge_pages — the merge's confirm (POST /people/duplicates/merge), its
 * message with the undo on the next page, the undo (POST
 * /people/merges/{id}/undo) and the person page's list of merges that can
 * still be undone (see merge.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/merge.h"
#include "registry/registry.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

/* Reads "X:Y" (two different numbers); 0 or -1. */
static int pair_parse(const char *p, long long *x, long long *y)
{
	char *end;
	*x = strtoll(p, &end, 10);
	if (*end != ':')
		return -1;
	*y = strtoll(end + 1, &end, 10);
	return *end || *x <= 0 || *y <= 0 || *x == *y ? -1 : 0;
}

static const char SQL_DONE[] =
	"SELECT m.id FROM person_merges m JOIN people g ON g.id = m.merged_id AND g.merged_into = m.kept_id"
	" WHERE m.kept_id = ?1 AND m.merged_id = ?2 ORDER BY m.id DESC LIMIT 1";

struct merge_args {
	struct req *r;
	struct merge_plan plan;
	int64_t merge_id;
};

static int merge_fn(struct db *w, void *arg)
{
	struct merge_args *m = arg;
	return merge_apply(w, m->r->user->id, &m->plan, &m->merge_id);
}

static void to_notice(struct req *r, long long merge_id)
{
	req_redirect(r, arena_printf(&r->arena, "/people/duplicates?merged=%lld", merge_id));
}

void merge_submit(struct req *r)
{
	long long x, y;
	if (r->nerrors || pair_parse(req_str(r, "pair"), &x, &y) < 0) {
		req_error(r, 400);
		return;
	}
	long long kept = req_has(r, "keep") ? req_int(r, "keep") : x;
	if (kept != x && kept != y) {
		req_error(r, 400);
		return;
	}
	long long gone = kept == x ? y : x;
	/* the same merge sent twice (a double tap, the back button): its
	 * message again, and nothing else merged */
	long long done = db_int(db_read(), 0, SQL_DONE, "II", kept, gone);
	if (done && scope_sees_person(r, kept)) {
		to_notice(r, done);
		return;
	}
	struct merge_side a, b;
	if (!scope_sees_person(r, x) || !scope_sees_person(r, y) || merge_side_load(r, x, &a) < 0 ||
	    merge_side_load(r, y, &b) < 0) {
		req_error(r, 404);
		return;
	}
	struct merge_args m = { r, { kept, gone, { 0 }, 0 }, 0 };
	struct scope sc;
	scope_of(r, &sc);
	for (int f = 0; f < MF_COUNT; f++) {
		long long from = merge_default(&a, &b, f);
		/* a role that does not see personal fields cannot choose them either */
		int personal = f == MF_BIRTH_YEAR || f == MF_PHONES || f == MF_PLACE;
		if (req_has(r, merge_field_param[f]) && (sc.personal || !personal))
			from = req_int(r, merge_field_param[f]);
		if (from != x && from != y && !(f == MF_PHONES && from == 0)) {
			req_error(r, 400);
			return;
		}
		if (f == MF_PHONES && from == 0)
			m.plan.phones_both = 1;
		else
			m.plan.take[f] = from == gone && merge_differs(&a, &b, f);
	}
	int rc = db_write(merge_fn, &m);
	if (rc < 0)
		req_error(r, 503);
	else if (rc > 0)
		req_error(r, 404); /* no longer a pair: merged or judged meanwhile */
	else
		to_notice(r, m.merge_id);
}

/* ---- undo ---- */

struct undo_args {
	struct req *r;
	int64_t merge_id, kept, gone;
};

static int undo_fn(struct db *w, void *arg)
{
	struct undo_args *u = arg;
	struct scope sc;
	scope_of(u->r, &sc);
	return merge_undo(w, u->r->user->id, sc.office, sc.org, u->merge_id, &u->kept, &u->gone);
}

/* The page when an undo cannot be done any more (409). */
static void undo_refused(struct req *r, int why, long long kept)
{
	struct strbuf *o = &r->out;
	r->status = 409;
	page_begin(r, _("The merge cannot be undone"));
	html_fmt(o, "<section class=\"error\"><h1>%s</h1><p>%s</p><p><a href=\"/people/%lld\">%s</a></p></section>",
		 _("The merge cannot be undone"),
		 why == UNDO_EXPIRED ? _("The time to undo this merge has passed.")
				     : _("The kept record was changed after the merge; undoing it now would lose that change."),
		 kept, _("Open the kept record"));
	page_end(r);
	r->status = 409;
}

void merge_undo_submit(struct req *r)
{
	struct undo_args u = { r, req_int(r, "id"), 0, 0 };
	/* the kept record must be the user's to see before anything is read */
	long long kept = db_int(db_read(), 0, "SELECT kept_id FROM person_merges WHERE id = ?1", "I", (long long)u.merge_id);
	if (!kept || !scope_sees_person(r, kept)) {
		req_error(r, 404);
		return;
	}
	int rc = db_write(undo_fn, &u);
	if (rc < 0)
		req_error(r, 503);
	else if (rc == UNDO_EXPIRED || rc == UNDO_CHANGED)
		undo_refused(r, rc, kept);
	else if (rc > 0)
		req_error(r, 404);
	else
		req_redirect(r, arena_printf(&r->arena, "/people/duplicates?undone=%lld:%lld", (long long)u.kept,
					     (long long)u.gone));
}

/* ---- the messages ---- */

static const char SQL_MERGE_SHOWN[] =
	"SELECT m.kept_id, k.name_ar, m.merged_id, u.until FROM person_merges m JOIN people k ON k.id = m.kept_id"
	" LEFT JOIN merge_undo u ON u.merge_id = m.id WHERE m.id = ?1";
static const char SQL_NAME[] = "SELECT name_ar FROM people WHERE id = ?1";

/* "You can undo … until DATE" with its button. */
static void undo_offer(struct req *r, long long merge_id, long long until)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<div class=\"undo\"><p>%s ", _("You can undo this merge until"));
	date_format_time(o, until);
	html_raw(o, ".</p>");
	form_button(r, arena_printf(&r->arena, "/people/merges/%lld/undo", merge_id), _("Undo the merge"), NULL, NULL, "");
	html_raw(o, "</div>");
}

void merge_notice(struct req *r)
{
	struct strbuf *o = &r->out;
	if (req_has(r, "merged")) {
		long long id = req_int(r, "merged");
		sqlite3_stmt *st = db_q(db_read(), SQL_MERGE_SHOWN, "I", id);
		if (!st || db_row(st) != 1)
			return;
		long long kept = sqlite3_column_int64(st, 0), until = sqlite3_column_int64(st, 3);
		char *name = arena_strdup(&r->arena, db_text(st, 1));
		int undoable = sqlite3_column_type(st, 3) != SQLITE_NULL && until > (long long)time(NULL);
		sqlite3_reset(st);
		if (!scope_sees_person(r, kept))
			return;  /* someone else's merge: nothing to say */
		page_notice(r, arena_printf(&r->arena, _("Merged into %s."), name));
		html_fmt(o, "<p><a href=\"/people/%lld\">%s</a></p>", kept, _("Open the kept record"));
		if (undoable)
			undo_offer(r, id, until);
	} else if (req_has(r, "undone")) {
		long long k, g;
		if (pair_parse(req_str(r, "undone"), &k, &g) < 0 || !scope_sees_person(r, k) || !scope_sees_person(r, g))
			return;
		page_notice(r, _("The merge is undone: the two records are separate again."));
		html_raw(o, "<p>");
		for (int i = 0; i < 2; i++) {
			long long id = i ? g : k;
			sqlite3_stmt *st = db_q(db_read(), SQL_NAME, "I", id);
			if (st && db_row(st) == 1) {
				html_fmt(o, "%s<a href=\"/people/%lld\"><bdi>%s</bdi></a> (<bdi dir=\"ltr\">%lld</bdi>)", i ? " · " : "",
					 id, db_text(st, 0), id);
				sqlite3_reset(st);
			}
		}
		html_raw(o, "</p>");
	}
}

static const char SQL_UNDOABLE[] =
	"SELECT m.id, m.merged_id, g.name_ar, m.at, u.until FROM person_merges m JOIN merge_undo u ON u.merge_id = m.id"
	" JOIN people g ON g.id = m.merged_id WHERE m.kept_id = ?1 AND u.until > ?2 ORDER BY m.id DESC";

void merge_person_section(struct req *r, int64_t person_id)
{
	struct strbuf *o = &r->out;
	sqlite3_stmt *st = db_q(db_read(), SQL_UNDOABLE, "II", (long long)person_id, (long long)time(NULL));
	int n = 0;
	while (st && db_row(st) == 1) {
		if (!n++)
			html_fmt(o, "<section class=\"card\"><h2>%s</h2>", _("Recent merges"));
		html_fmt(o, "<p><bdi>%s</bdi> (<bdi dir=\"ltr\">%lld</bdi>) — ", db_text(st, 2),
			 (long long)sqlite3_column_int64(st, 1));
		date_format_time(o, sqlite3_column_int64(st, 3));
		html_raw(o, "</p>");
		undo_offer(r, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 4));
	}
	if (n)
		html_raw(o, "</section>");
}

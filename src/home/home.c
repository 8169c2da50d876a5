/* home — the start page after signing in and the health check used by tests
 * and monitoring.  The start page shows each user their own part of the
 * center: the figures of what they may see (an officer's office, a
 * partner's organization; counted as the lists count them, so the figure
 * and the list agree) — the center's staff figures (offices, active users)
 * only to those who manage them — and the work waiting for them, each with
 * its count and a link.  The parts come from the table below (see
 * home/home.h: a module hook once modules can declare one). */
#include <stdio.h>
#include <string.h>
#include "admin/perms.h"
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/registry_home.h"
#include "admin/sentence.h"
#include "home/home.h"
#include "module.h"
#include "http/request.h"
#include "html/html.h"
#include "html/layout.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/jobs.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_OFFICES[] = "SELECT count(*) FROM offices";
static const char SQL_USERS[] = "SELECT count(*) FROM users WHERE disabled = 0";
static const char SQL_OFFICE_NAME[] = "SELECT name_ar, name_en FROM offices WHERE id = ?1";
static const char SQL_ORG_NAME[] = "SELECT name_ar, name_en FROM orgs WHERE id = ?1";
/* The user's newest jobs looked at (a user has at most JOBS_PER_USER running). */
#define HOME_JOBS 32

void home_add(struct home_items *l, const char *href, const char *label, long long n)
{
	if (l->n < HOME_ITEMS_MAX)
		l->v[l->n++] = (struct home_item){ href, label, n, 0 };
}

void home_add_capped(struct home_items *l, const char *href, const char *label, long long n, long long cap)
{
	if (l->n < HOME_ITEMS_MAX)
		l->v[l->n++] = (struct home_item){ href, label, n > cap ? cap : n, n > cap };
}

/* The center's own figures, for those who manage its accounts and offices. */
static void staff_home(struct req *r, struct home_items *figures, struct home_items *pending)
{
	(void)pending;
	if (!(r->user->perms & PERM_USERS_ADMIN))
		return;
	struct db *d = db_read();
	home_add(figures, "/admin/offices", _("Offices"), db_int(d, 0, SQL_OFFICES, ""));
	home_add(figures, "/admin/users", _("Active users"), db_int(d, 0, SQL_USERS, ""));
}

/* The user's background jobs: running or waiting, and files ready. */
static void jobs_home(struct req *r, struct home_items *figures, struct home_items *pending)
{
	(void)figures;
	struct job_info *mine = arena_alloc(&r->arena, HOME_JOBS * sizeof *mine);
	if (!mine)
		return;
	int n = jobs_list(r->user->id, mine, HOME_JOBS);
	long long running = 0, ready = 0;
	for (int i = 0; i < n; i++) {
		if (mine[i].state == JOB_QUEUED || mine[i].state == JOB_RUNNING)
			running++;
		else if (mine[i].state == JOB_DONE && mine[i].result_len && !mine[i].expired)
			ready++;
	}
	home_add(pending, "/jobs", i18n_ngettext("{n} of your jobs still running", "{n} of your jobs still running", (long)running),
		 running);
	home_add(pending, "/jobs", i18n_ngettext("{n} file made for you, ready to download",
						  "{n} files made for you, ready to download", (long)ready),
		 ready);
}

/* A capped count as a sentence piece: "1,000+", kept left to right in
 * Arabic too. */
static const char *piece_more(struct req *r, long long n)
{
	struct strbuf sb;
	sb_init(&sb, 64);
	sb_adds(&sb, "<bdi dir=\"ltr\">");
	fmt_int(&sb, n);
	sb_adds(&sb, "+</bdi>");
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out ? out : "";
}

/* The parts of the start page, in the order they are drawn. */
static const home_fn parts[] = { staff_home, registry_home, jobs_home };

/* "The Raqqa office", "Partner organization: …", "All offices". */
static void scope_line(struct req *r)
{
	struct strbuf *o = &r->out;
	struct scope sc;
	scope_of(r, &sc);
	int en = i18n_lang() != LANG_AR;
	html_raw(o, "<p class=\"scope\">");
	if (sc.org > 0) {
		sqlite3_stmt *st = db_q(db_read(), SQL_ORG_NAME, "I", (long long)sc.org);
		if (db_row(st) == 1) {
			const char *name = en && *db_text(st, 1) ? db_text(st, 1) : db_text(st, 0);
			sentence(o, _("What you see here is your organization's: {org}."), "org",
				 piece_link(r, arena_printf(&r->arena, "/orgs/%lld", (long long)sc.org), name), NULL);
			sqlite3_reset(st);
		}
	} else if (sc.office > 0) {
		sqlite3_stmt *st = db_q(db_read(), SQL_OFFICE_NAME, "I", (long long)sc.office);
		if (db_row(st) == 1) {
			sentence(o, _("What you see here is your office's: {office}."), "office",
				 piece_text(r, en ? db_text(st, 1) : db_text(st, 0), 0), NULL);
			sqlite3_reset(st);
		}
	} else {
		html_fmt(o, "%s", _("What you see here covers every office."));
	}
	html_raw(o, "</p>");
}

void home_page(struct req *r)
{
	struct strbuf *o = &r->out;
	struct home_items *figures = arena_alloc(&r->arena, sizeof *figures),
			  *pending = arena_alloc(&r->arena, sizeof *pending);
	if (!figures || !pending) {
		req_error(r, 503);
		return;
	}
	figures->n = pending->n = 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		parts[i](r, figures, pending);

	page_begin(r, _("Home"));
	html_fmt(o, "<h1>%s</h1>", _("Welcome"));
	html_fmt(o, "<p>%s <b><bdi>%s</bdi></b> — %s</p>", _("Signed in as"),
		 *r->user->display_name ? r->user->display_name : r->user->name, _(role_table[r->user->role].label));
	scope_line(r);
	if (figures->n) {
		html_raw(o, "<div class=\"tiles\">");
		for (int i = 0; i < figures->n; i++) {
			const struct home_item *it = &figures->v[i];
			html_fmt(o, "<a class=\"tile\" href=\"%s\"><b>", it->href);
			html_raw(o, it->more ? piece_more(r, it->n) : piece_num(r, it->n));
			html_fmt(o, "</b><span>%s</span></a>", it->label);
		}
		html_raw(o, "</div>");
	}
	modules_home_sections(r);
	html_fmt(o, "<section class=\"card\" id=\"pending\"><h2>%s</h2>", _("Waiting for you"));
	int shown = 0;
	for (int i = 0; i < pending->n; i++) {
		const struct home_item *it = &pending->v[i];
		if (it->n <= 0)
			continue;
		if (!shown++)
			html_raw(o, "<ul class=\"pending\">");
		html_fmt(o, "<li><a href=\"%s\">", it->href);
		sentence(o, it->label, "n", it->more ? piece_more(r, it->n) : piece_num(r, it->n), NULL);
		html_raw(o, "</a></li>");
	}
	if (shown)
		html_raw(o, "</ul>");
	else
		html_fmt(o, "<p>%s</p>", _("Nothing is waiting for you."));
	html_raw(o, "</section>");
	page_end(r);
}

void health_json(struct req *r)
{
	r->is_private = 1;
	long long n = db_int(db_read(), -1, "SELECT count(*) FROM schema_migrations", "");
	if (n < 0) {
		req_error(r, 503);
		return;
	}
	req_json(r, 200, "{\"status\":\"ok\"}");
}

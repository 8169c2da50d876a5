/* layout — page shell, navigation per role, form helpers (see layout.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <event2/http.h>
#include "module.h"
#include "html/layout.h"
#include "html/html.h"
#include "html/components.h"
#include "http/request.h"
#include "http/assets.h"
#include "auth/roles.h"
#include "auth/session.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/banned.h"

/* The navigation: every module's entries, in their order (built once). */
#define NAV_MAX 64
static const struct nav_entry *nav[NAV_MAX + 1];
static int (*nav_count[NAV_MAX + 1])(struct req *r);   /* the entry's badge, or NULL */
static pthread_once_t nav_once = PTHREAD_ONCE_INIT;

static int nav_cmp(const void *a, const void *b)
{
	const struct nav_entry *x = *(const struct nav_entry *const *)a, *y = *(const struct nav_entry *const *)b;
	return (x->order > y->order) - (x->order < y->order);
}

static void nav_build(void)
{
	size_t n = 0;
	FOR_EACH_MODULE(m)
		for (const struct nav_entry *e = m->nav; e && e->href && n < NAV_MAX; e++)
			nav[n++] = e;
	qsort(nav, n, sizeof *nav, nav_cmp);
	nav[n] = NULL;
	for (size_t i = 0; i < n; i++)
		FOR_EACH_MODULE(m)
			for (const struct nav_badge *g = m->nav_badges; g && g->href; g++)
				if (strcmp(g->href, nav[i]->href) == 0)
					nav_count[i] = g->count;
}

const char *form_csrf(struct req *r)
{
	return r->user ? r->csrf : csrf_for_visitor(r);
}

/* Where the language switch comes back to: this page with its query (the
 * filters and the search words), as the browser asked for it.  A form
 * shown again after a POST has no address of its own: the page it was
 * sent from (the Referer, when it is this site's), else the start page.
 * /prefs checks it again (a local path only). */
static const char *here(struct req *r)
{
	if (r->method == M_POST) {
		const char *ref = r->ev ? req_header(r, "Referer") : NULL, *host = r->ev ? req_header(r, "Host") : NULL;
		const char *auth = ref ? strstr(ref, "://") : NULL;
		size_t hl = host ? strlen(host) : 0;
		if (auth && hl && strncmp(auth + 3, host, hl) == 0 && auth[3 + hl] == '/' && strlen(auth + 3 + hl) <= LIMIT_NEXT_CHARS)
			return auth + 3 + hl;
		return "/";
	}
	const struct evhttp_uri *uri = r->ev ? evhttp_request_get_evhttp_uri(r->ev) : NULL;
	const char *path = uri ? evhttp_uri_get_path(uri) : NULL, *query = uri ? evhttp_uri_get_query(uri) : NULL;
	if (!path || !*path)
		return r->path ? r->path : "/";
	if (!query || !*query || strlen(path) + strlen(query) + 1 > LIMIT_NEXT_CHARS)
		return path;
	return arena_printf(&r->arena, "%s?%s", path, query);
}

static void language_switch(struct req *r)
{
	struct strbuf *o = &r->out;
	html_raw(o, "<form class=\"lang\" method=\"post\" action=\"/prefs\">");
	html_fmt(o, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", form_csrf(r));
	html_fmt(o, "<input type=\"hidden\" name=\"next\" value=\"%s\">", here(r));
	for (int l = 0; l < LANG_COUNT; l++) {
		if (l == (int)i18n_lang())
			continue;
		html_fmt(o, "<button name=\"lang\" value=\"%s\" lang=\"%s\">%s</button>",
			 lang_table[l].code, lang_table[l].code, lang_table[l].name);
	}
	html_raw(o, "</form>");
}

/* The badges' numbers of the user's entries (counted once a page). */
static void nav_counts(struct req *r, int counts[NAV_MAX + 1])
{
	pthread_once(&nav_once, nav_build);
	for (int i = 0; nav[i]; i++)
		counts[i] = nav_count[i] && (r->user->perms & nav[i]->perm) == nav[i]->perm ? nav_count[i](r) : 0;
}

/* The links of the user's navigation, the current page marked, each with
 * its badge's number when there is one. */
static void nav_links(struct req *r, const int *counts)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<nav aria-label=\"%s\"><ul>", _("Main menu"));
	for (int i = 0; nav[i]; i++) {
		const struct nav_entry *n = nav[i];
		if ((r->user->perms & n->perm) != n->perm)
			continue;
		int here = r->path && (strcmp(r->path, n->href) == 0 ||
			(strlen(n->href) > 1 && strncmp(r->path, n->href, strlen(n->href)) == 0));
		html_fmt(o, "<li><a href=\"%s\"", n->href);
		if (here)
			html_raw(o, " aria-current=\"page\"");
		html_fmt(o, ">%s", _(n->label));
		if (counts[i] > 0) {
			html_raw(o, " <span class=\"badge nav-count\">");
			fmt_int(o, counts[i]);
			html_raw(o, "</span>");
		}
		html_raw(o, "</a></li>");
	}
	html_raw(o, "</ul></nav>");
}

/* Who is signed in, and the button to sign out. */
static void who(struct req *r)
{
	html_raw(&r->out, "<div class=\"who\">");
	html_bdi(&r->out, *r->user->display_name ? r->user->display_name : r->user->name);
	form_button(r, "/logout", _("Sign out"), NULL, NULL, "link");
	html_raw(&r->out, "</div>");
}

/* The message left by the last action (req_flash), shown once. */
static void flash(struct req *r)
{
	const char *text, *href, *label;
	if (!req_flash_take(r, &text, &href, &label))
		return;
	struct strbuf *o = &r->out;
	html_raw(o, "<p class=\"notice\" role=\"status\">");
	html_text_numbers(o, text);
	if (*href)
		html_fmt(o, " <a href=\"%s\">%s</a>", href, *label ? label : href);
	html_raw(o, "</p>");
}

/* The header: on a laptop the whole navigation in a bar; on a phone (under
 * 40rem, app.css) the same links in a menu that opens without JavaScript
 * (<details>).  Both are written; the stylesheet shows one. */
void page_begin(struct req *r, const char *title)
{
	struct strbuf *o = &r->out;
	const struct lang_info *li = &lang_table[i18n_lang()];
	html_fmt(o, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<title>%s · %s</title><link rel=\"stylesheet\" href=\"%s\">"
		 "<link rel=\"icon\" href=\"data:,\"></head><body>",
		 li->code, li->dir, title, _("daam"), asset_url("app.css"));
	html_fmt(o, "<header class=\"top\"><a class=\"brand\" href=\"/\">%s</a>", _("daam"));
	int counts[NAV_MAX + 1] = { 0 };
	if (r->user)
		nav_counts(r, counts);
	if (r->user) {
		html_raw(o, "<div class=\"bar\">");
		nav_links(r, counts);
		who(r);
		html_raw(o, "</div>");
	}
	language_switch(r);
	if (r->user) {
		html_fmt(o, "<details class=\"menu\"><summary>%s</summary><div class=\"menu-body\">", _("Menu"));
		nav_links(r, counts);
		who(r);
		html_raw(o, "</div></details>");
	}
	html_raw(o, "</header><main>");
	flash(r);
}

void page_end(struct req *r)
{
	html_fmt(&r->out, "</main><footer>%s</footer></body></html>\n",
		 _("daam — the civil society support center's system"));
}

void page_notice(struct req *r, const char *text)
{
	html_fmt(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", text);
}

void form_begin(struct req *r, const char *action, const char *css_class)
{
	html_fmt(&r->out, "<form method=\"post\" action=\"%s\" class=\"%s\" novalidate>"
		 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		 action, css_class ? css_class : "form", form_csrf(r));
}

void form_end(struct req *r, const char *submit_label)
{
	if (submit_label)
		html_fmt(&r->out, "<div class=\"actions\"><button type=\"submit\">%s</button></div>", submit_label);
	html_raw(&r->out, "</form>");
}

/* The summary opens the page at the first error: each error links to its
 * field (#f-NAME), the first field with one has autofocus (form_input…). */
void form_error_summary(struct req *r)
{
	struct strbuf *o = &r->out;
	if (!r->nerrors)
		return;
	html_fmt(o, "<div class=\"error-summary\" role=\"alert\"><p>%s</p><ul>",
		 _("The form has errors; they are shown beside each field. Nothing was saved."));
	for (int i = 0; i < r->nerrors; i++)
		html_fmt(o, "<li><a href=\"#f-%s\">%s</a></li>", r->errors[i].field, r->errors[i].message);
	html_raw(o, "</ul></div>");
}

/* 1 when name's field is the first with an error: it takes the focus. */
static int first_error(struct req *r, const char *name)
{
	return r->nerrors && strcmp(r->errors[0].field, name) == 0;
}

void form_input(struct req *r, const char *name, const char *label, const char *type,
		const char *value, int required, const char *hint)
{
	struct strbuf *o = &r->out;
	const char *err = req_error_for(r, name);
	const char *typed = req_form_raw(r, name);
	if (typed && strcmp(type, "password") != 0)
		value = typed;
	if (strcmp(type, "password") == 0)
		value = "";
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s%s</label>", err ? " has-error" : "",
		 name, label, required ? " *" : "");
	/* dir=auto: Latin user names and numbers read left to right inside an RTL page */
	html_fmt(o, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" dir=\"auto\" value=\"%s\"", name, name, type,
		 value ? value : "");
	if (required)
		html_raw(o, " required");
	if (strcmp(type, "password") == 0)
		html_raw(o, strcmp(name, "password") == 0 && strcmp(r->path, "/login") != 0
			 ? " autocomplete=\"new-password\"" : " autocomplete=\"current-password\"");
	if (err)
		html_fmt(o, " aria-invalid=\"true\" aria-describedby=\"e-%s\"%s", name, first_error(r, name) ? " autofocus" : "");
	html_raw(o, ">");
	if (err) {
		html_fmt(o, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
	} else if (hint) {
		html_raw(o, "<p class=\"hint\">");
		html_text_numbers(o, hint);   /* "0944 123 456" keeps its order in Arabic */
		html_raw(o, "</p>");
	}
	html_raw(o, "</div>");
}

void form_select(struct req *r, const char *name, const char *label, const char *const *keys,
		 const char *const *labels, int n, const char *selected)
{
	struct strbuf *o = &r->out;
	const char *err = req_error_for(r, name);
	const char *typed = req_form_raw(r, name);
	if (typed)
		selected = typed;
	html_fmt(o, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"",
		 err ? " has-error" : "", name, label, name, name);
	if (err)
		html_fmt(o, " aria-invalid=\"true\" aria-describedby=\"e-%s\"%s", name, first_error(r, name) ? " autofocus" : "");
	html_raw(o, ">");
	for (int i = 0; i < n; i++)
		html_fmt(o, "<option value=\"%s\"%s>%s</option>", keys[i],
			 selected && strcmp(selected, keys[i]) == 0 ? " selected" : "", labels[i]);
	html_raw(o, "</select>");
	if (err)
		html_fmt(o, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
	html_raw(o, "</div>");
}

void form_button(struct req *r, const char *action, const char *label, const char *hidden_name,
		 const char *hidden_value, const char *css_class)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<form method=\"post\" action=\"%s\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		 action, form_csrf(r));
	if (hidden_name)
		html_fmt(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", hidden_name, hidden_value);
	html_fmt(o, "<button class=\"%s\">%s</button></form>", css_class ? css_class : "", label);
}

void query_keep(struct req *r, struct strbuf *sb, const char *const *keys)
{
	for (; *keys; keys++) {
		if (!req_has(r, *keys))
			continue;
		sb_addf(sb, "&%s=", *keys);
		url_encode(sb, req_str(r, *keys));
	}
}

/* One link of the pager; the query is already URL-encoded (html_fmt escapes
 * its & as &amp;, as an attribute wants). */
static void pager_link(struct req *r, const char *path, const char *query, long long to, const char *rel,
		       const char *label)
{
	html_fmt(&r->out, "<a href=\"%s?page=%lld%s\" rel=\"%s\">%s</a> ", path, to, query, rel, label);
}

void pager(struct req *r, const char *path, const char *query, long long page, long long total, int page_size)
{
	int before = page > 1, after = page * page_size < total;
	if (!before && !after)
		return;
	html_fmt(&r->out, "<nav class=\"pager\" aria-label=\"%s\">", _("Pages"));
	if (before)
		pager_link(r, path, query, page - 1, "prev", _("Previous"));
	if (after)
		pager_link(r, path, query, page + 1, "next", _("Next"));
	html_raw(&r->out, "</nav>");
}

void pager_keyed(struct req *r, const char *path, const char *query, long long page, long long first_id,
		 long long last_id, int more)
{
	int before = page > 1 && first_id > 0, after = more && last_id > 0;
	if (!before && !after)
		return;
	html_fmt(&r->out, "<nav class=\"pager\" aria-label=\"%s\">", _("Pages"));
	if (before && page == 2)
		pager_link(r, path, query, 1, "prev", _("Previous"));
	else if (before)
		html_fmt(&r->out, "<a href=\"%s?page=%lld&before=%lld%s\" rel=\"prev\">%s</a> ", path, page - 1, first_id,
			 query, _("Previous"));
	if (after)
		html_fmt(&r->out, "<a href=\"%s?page=%lld&after=%lld%s\" rel=\"next\">%s</a> ", path, page + 1, last_id,
			 query, _("Next"));
	html_raw(&r->out, "</nav>");
}

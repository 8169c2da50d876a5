/* components — tables as cards, isolated numbers, checkbox and radio
 * groups, confirmations and empty states (see components.h). */
#include <string.h>
#include "html/components.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/banned.h"

/* ---- tables ---- */

void table_begin(struct req *r, const char *const *labels)
{
	struct strbuf *o = &r->out;
	r->table_ncols = 0;
	r->table_col = 0;
	html_raw(o, "<table class=\"cards\"><thead><tr>");
	for (; labels && *labels; labels++) {
		if (r->table_ncols < REQ_TABLE_COLS)
			r->table_labels[r->table_ncols++] = *labels;
		html_fmt(o, "<th scope=\"col\">%s</th>", *labels);
	}
	html_raw(o, "</tr></thead><tbody>");
}

void table_end(struct req *r)
{
	html_raw(&r->out, "</tbody></table>");
	r->table_ncols = 0;
}

void row_begin(struct req *r)
{
	r->table_col = 0;
	html_raw(&r->out, "<tr>");
}

void row_end(struct req *r)
{
	html_raw(&r->out, "</tr>");
}

void cell_begin(struct req *r)
{
	const char *label = r->table_col < r->table_ncols ? r->table_labels[r->table_col] : "";
	r->table_col++;
	html_fmt(&r->out, "<td data-label=\"%s\">", label);
}

void cell_action_begin(struct req *r)
{
	const char *label = r->table_col < r->table_ncols ? r->table_labels[r->table_col] : "";
	r->table_col++;
	html_fmt(&r->out, "<td data-label=\"%s\" class=\"action\">", label);
}

void cell_end(struct req *r)
{
	html_raw(&r->out, "</td>");
}

void cell_text(struct req *r, const char *text)
{
	cell_begin(r);
	html_escape(&r->out, text);
	cell_end(r);
}

void cell_ltr(struct req *r, const char *text)
{
	cell_begin(r);
	html_ltr(&r->out, text);
	cell_end(r);
}

void cell_int(struct req *r, long long n)
{
	cell_begin(r);
	fmt_int(&r->out, n);
	cell_end(r);
}

void cell_link(struct req *r, const char *href, const char *text)
{
	cell_begin(r);
	/* the row's main link: a name of either script, isolated */
	html_fmt(&r->out, "<a href=\"%s\"><bdi>%s</bdi></a>", href, text);
	cell_end(r);
}

/* ---- numbers and mixed scripts ---- */

void html_ltr(struct strbuf *o, const char *text)
{
	if (text && *text)
		html_fmt(o, "<bdi dir=\"ltr\">%s</bdi>", text);
}

void html_bdi(struct strbuf *o, const char *text)
{
	if (text && *text)
		html_fmt(o, "<bdi>%s</bdi>", text);
}

void html_bdi_begin(struct strbuf *o, int ltr)
{
	html_raw(o, ltr ? "<bdi dir=\"ltr\">" : "<bdi>");
}

void html_bdi_end(struct strbuf *o)
{
	html_raw(o, "</bdi>");
}

/* The length of the digit at s (ASCII 1 byte, Arabic-Indic or extended
 * Arabic-Indic 2 bytes), or 0. */
static size_t digit_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] >= '0' && u[0] <= '9')
		return 1;
	if ((u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) || (u[0] == 0xDB && u[1] >= 0xB0 && u[1] <= 0xB9))
		return 2;
	return 0;
}

/* The length of the number starting at s ("+963 944 123 456", "2018-03-12"),
 * and in *groups how many groups of digits it has; 0 when none starts here. */
static size_t number_at(const char *s, int *groups)
{
	size_t i = s[0] == '+' ? 1 : 0, d;
	*groups = 0;
	if (!digit_at(s + i))
		return 0;
	for (;;) {
		if (!(d = digit_at(s + i)))
			break;
		(*groups)++;
		while ((d = digit_at(s + i)))
			i += d;
		char c = s[i];
		if ((c == ' ' || c == '-' || c == '.' || c == '/' || c == ':') && digit_at(s + i + 1))
			i++;
		else
			break;
	}
	if (s[0] == '+')
		(*groups)++;
	return i;
}

void html_text_numbers(struct strbuf *o, const char *text)
{
	const char *s = text ? text : "", *plain = s;
	while (*s) {
		int groups;
		/* a number starts a word: not the "2" of "H2O" */
		size_t n = (s == text || !((s[-1] | 0x20) >= 'a' && (s[-1] | 0x20) <= 'z')) ? number_at(s, &groups) : 0;
		if (n && groups > 1) {
			html_escape_n(o, plain, (size_t)(s - plain));
			html_raw(o, "<bdi dir=\"ltr\">");
			html_escape_n(o, s, n);
			html_raw(o, "</bdi>");
			s += n;
			plain = s;
		} else {
			s += n ? n : 1;
		}
	}
	html_escape_n(o, plain, (size_t)(s - plain));
}

/* ---- checkbox and radio groups ---- */

#define CHECKS_MAX 256

static int key_in(const char *key, const char *const *set, int n)
{
	for (int i = 0; i < n; i++)
		if (set[i] && strcmp(set[i], key) == 0)
			return 1;
	return 0;
}

/* The fieldset's opening, shared by both groups: its id is the field's, so
 * the error summary's link and autofocus find it. */
static void group_begin(struct req *r, const char *name, const char *legend, const char *err)
{
	html_fmt(&r->out, "<fieldset class=\"checks%s\" id=\"f-%s\"", err ? " has-error" : "", name);
	if (err)
		html_fmt(&r->out, " aria-describedby=\"e-%s\"", name);
	html_fmt(&r->out, "><legend>%s</legend>", legend);
}

static void group_end(struct req *r, const char *name, const char *err)
{
	if (err)
		html_fmt(&r->out, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
	html_raw(&r->out, "</fieldset>");
}

/* The ticked keys: the submitted ones when the form came back (a POST),
 * else checked[]. */
static int ticked_keys(struct req *r, const char *name, const char *const **checked, int nchecked, const char **sent)
{
	if (r->form && r->method == M_POST) {
		*checked = sent;
		return req_form_values(r, name, sent, CHECKS_MAX);
	}
	return nchecked;
}

void form_checks_begin(struct req *r, const char *name, const char *legend)
{
	group_begin(r, name, legend, req_error_for(r, name));
}

void form_checks_group(struct req *r, const char *name, const char *heading, const char *const *keys,
		       const char *const *labels, int n, const char *const *checked, int nchecked)
{
	const char *sent[CHECKS_MAX];
	nchecked = ticked_keys(r, name, &checked, nchecked, sent);
	if (heading)
		html_fmt(&r->out, "<div class=\"group\" role=\"group\" aria-label=\"%s\"><p class=\"group-title\">%s</p>", heading,
			 heading);
	html_raw(&r->out, "<div class=\"choices\">");
	for (int i = 0; i < n; i++)
		html_fmt(&r->out, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> %s</label>",
			 name, keys[i], key_in(keys[i], checked, nchecked) ? " checked" : "", labels[i]);
	html_raw(&r->out, heading ? "</div></div>" : "</div>");
}

void form_checks_end(struct req *r, const char *name)
{
	group_end(r, name, req_error_for(r, name));
}

void form_checks(struct req *r, const char *name, const char *legend, const char *const *keys,
		 const char *const *labels, int n, const char *const *checked, int nchecked)
{
	form_checks_begin(r, name, legend);
	form_checks_group(r, name, NULL, keys, labels, n, checked, nchecked);
	form_checks_end(r, name);
}

void form_radios(struct req *r, const char *name, const char *legend, const char *const *keys,
		 const char *const *labels, int n, const char *selected)
{
	const char *err = req_error_for(r, name);
	const char *typed = req_form_raw(r, name);
	if (r->form && r->method == M_POST)
		selected = typed ? typed : "";
	group_begin(r, name, legend, err);
	html_raw(&r->out, "<div class=\"choices\">");
	for (int i = 0; i < n; i++)
		html_fmt(&r->out, "<label class=\"check\"><input type=\"radio\" name=\"%s\" value=\"%s\"%s%s> %s</label>",
			 name, keys[i], selected && strcmp(selected, keys[i]) == 0 ? " checked" : "",
			 err && i == 0 && r->nerrors && strcmp(r->errors[0].field, name) == 0 ? " autofocus" : "", labels[i]);
	html_raw(&r->out, "</div>");
	group_end(r, name, err);
}

/* ---- confirmation ---- */

/* The POST form of a confirmation: CSRF, one optional hidden field, the button. */
static void confirm_form(struct req *r, const char *action, const char *label, const char *hidden_name,
			 const char *hidden_value)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<form method=\"post\" action=\"%s\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		 action, form_csrf(r));
	if (hidden_name)
		html_fmt(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", hidden_name, hidden_value);
	html_fmt(o, "<button class=\"danger\">%s</button></form>", label);
}

void form_confirm(struct req *r, const char *action, const char *open_label, const char *question,
		  const char *confirm_label, const char *hidden_name, const char *hidden_value)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<details class=\"confirm\"><summary>%s</summary><div class=\"confirm-body\"><p>", open_label);
	html_text_numbers(o, question);
	html_raw(o, "</p>");
	confirm_form(r, action, confirm_label, hidden_name, hidden_value);
	html_raw(o, "</div></details>");
}

void confirm_box(struct req *r, const char *question, const char *action, const char *confirm_label,
		 const char *cancel_href, const char *hidden_name, const char *hidden_value)
{
	struct strbuf *o = &r->out;
	html_raw(o, "<section class=\"card confirm-box\"><p>");
	html_text_numbers(o, question);
	html_raw(o, "</p><div class=\"actions\">");
	confirm_form(r, action, confirm_label, hidden_name, hidden_value);
	html_fmt(o, " <a class=\"button secondary\" href=\"%s\">%s</a></div></section>", cancel_href, _("Cancel"));
}

/* ---- empty states ---- */

void empty_state(struct req *r, const char *why, const char *href, const char *link_label)
{
	struct strbuf *o = &r->out;
	html_raw(o, "<div class=\"empty\"><p>");
	html_text_numbers(o, why);
	html_raw(o, "</p>");
	if (href && link_label)
		html_fmt(o, "<p><a class=\"button secondary\" href=\"%s\">%s</a></p>", href, link_label);
	html_raw(o, "</div>");
}

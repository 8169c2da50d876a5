/* components — the pieces every module's pages are built from, beyond the
 * page shell and the form fields of layout.h: tables that become cards on a
 * phone, isolated numbers and Latin text inside Arabic, groups of checkboxes
 * and radio buttons, confirmations that work without JavaScript, and empty
 * states.  docs/components.md shows each with the HTML it writes. */
#ifndef DAAM_COMPONENTS_H
#define DAAM_COMPONENTS_H
struct req;
struct strbuf;

/* ---- tables ----
 * <table class="cards">: a normal table on a laptop; under 40rem each row
 * is a card whose cells read "label: value" (CSS td::before { content:
 * attr(data-label) }) with the row's main link first, as its title.  The
 * column labels given to table_begin are remembered for the cells of each
 * row, in order, so a cell never carries another column's label (at most
 * REQ_TABLE_COLS columns; one table at a time).
 *
 *	const char *cols[] = { _("Name"), _("Kind"), _("Members"), NULL };
 *	table_begin(r, cols);
 *	while (rows) {
 *		row_begin(r);
 *		cell_link(r, href, name);     // the row's main link, first
 *		cell_text(r, kind);
 *		cell_int(r, members);
 *		row_end(r);
 *	}
 *	table_end(r);
 */
/* <table class="cards"><thead>…</thead><tbody>; labels NULL-terminated. */
void table_begin(struct req *r, const char *const *labels);
void table_end(struct req *r);
void row_begin(struct req *r);
void row_end(struct req *r);
/* <td data-label="the next column's label">; write the value, then cell_end. */
void cell_begin(struct req *r);
void cell_end(struct req *r);
/* A cell holding an action (a button, a <details> that opens a small form):
 * class="action"; its label is not repeated on a card, the action names
 * itself. */
void cell_action_begin(struct req *r);
/* Whole cells: text escaped; text isolated left to right (codes, phones,
 * e-mails: see html_ltr); an integer in the user's digits; a link. */
void cell_text(struct req *r, const char *text);
void cell_ltr(struct req *r, const char *text);
void cell_int(struct req *r, long long n);
void cell_link(struct req *r, const char *href, const char *text);

/* ---- numbers and mixed scripts ----
 * Inside Arabic text a phone "0944 123 456" would show as "456 123 0944",
 * and a Latin name or a number beside punctuation takes the wrong place.
 * html_ltr writes <bdi dir="ltr">text</bdi> (phones, codes, numbers, e-mails,
 * user names); html_bdi writes <bdi>text</bdi> (a name of either script: its
 * direction is its own first strong letter).  Both escape text; nothing is
 * written for NULL or "". */
void html_ltr(struct strbuf *o, const char *text);
void html_bdi(struct strbuf *o, const char *text);
/* For what another function writes (a date, fmt_int): <bdi dir="ltr"> when
 * ltr, else <bdi>, … html_bdi_end. */
void html_bdi_begin(struct strbuf *o, int ltr);
void html_bdi_end(struct strbuf *o);
/* Escapes text (a translated sentence) and isolates each number in it —
 * digits with the spaces, dashes, dots and slashes between them and a
 * leading "+", Western or Arabic-Indic — so "For example 0944 123 456"
 * keeps its groups in order in Arabic. */
void html_text_numbers(struct strbuf *o, const char *text);

/* ---- checkbox and radio groups ----
 * <fieldset class="checks" id="f-NAME"><legend>…</legend> and one
 * <label class="check"><input type="checkbox" name="NAME" value="KEY"> Label</label>
 * per choice: natural size, label beside its box, as many to a line as fit.
 * Ticked from the submitted form when it came back with errors, else the
 * keys in checked[] (nchecked of them).  The field's error, if any, below. */
void form_checks(struct req *r, const char *name, const char *legend, const char *const *keys,
		 const char *const *labels, int n, const char *const *checked, int nchecked);
/* A long list in groups (the areas served, by district): begin, one
 * form_checks_group per group under its heading (a role="group" with the
 * heading as its name), end.  Same arguments and ticking as form_checks. */
void form_checks_begin(struct req *r, const char *name, const char *legend);
void form_checks_group(struct req *r, const char *name, const char *heading, const char *const *keys,
		       const char *const *labels, int n, const char *const *checked, int nchecked);
void form_checks_end(struct req *r, const char *name);
/* The same with radio buttons: one of keys[], selected (or the submitted
 * value) checked; "" is a key like any other (e.g. "not recorded"). */
void form_radios(struct req *r, const char *name, const char *legend, const char *const *keys,
		 const char *const *labels, int n, const char *selected);

/* ---- confirmation ----
 * What cannot be undone easily asks first, without JavaScript:
 * <details class="confirm"><summary>open_label</summary> question and the
 * real POST button (class "danger").  For a step that needs a page of its
 * own (the merge of two records: what is kept, what goes), see
 * confirm_box and docs/components.md. */
void form_confirm(struct req *r, const char *action, const char *open_label, const char *question,
		  const char *confirm_label, const char *hidden_name, const char *hidden_value);
/* A confirmation page's body: <section class="card confirm-box"> with the
 * question, the POST button to action (with CSRF and one optional hidden
 * field) and a "Cancel" link back to cancel_href. */
void confirm_box(struct req *r, const char *question, const char *action, const char *confirm_label,
		 const char *cancel_href, const char *hidden_name, const char *hidden_value);

/* ---- empty states ----
 * A list with no rows says why and what to do: <div class="empty"><p>why</p>
 * and, when href is given, a link to the next step (e.g. "Clear the
 * filters", "Add an organization"). */
void empty_state(struct req *r, const char *why, const char *href, const char *link_label);
#endif

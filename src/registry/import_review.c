/* import_review — the review page of an uploaded file (GET /import/{id},
 * and again after POST /import/{id}).  What was found comes first, so that
 * on a phone it is not four screens down: the state (nothing imported yet,
 * how many rows have errors and how many are ready), a summary of the
 * problems by column with their row numbers, every problem row by row (in a
 * <details>, open when short); then the choices — import everything (no
 * error), import the rows without errors and leave out the others (saying
 * how many of each), download the rows with problems as CSV to correct them,
 * correct the file, discard it — then the columns, and a preview of the
 * first rows with the bad cells marked.  Nothing is written from here. */
#include <stdio.h>
#include <string.h>
#include "registry/import.h"
#include "registry/import_pages.h"
#include "admin/sentence.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "db/db.h"
#include "registry/registry.h"
#include "html/html.h"
#include "html/layout.h"
#include "http/request.h"
#include "core/banned.h"

#define PREVIEW_ROWS 10
/* Groups of the summary (column × problem), and row numbers shown per group. */
#define SUMMARY_GROUPS 48
#define SUMMARY_ROWS 12
/* The row-by-row list starts open when it is this short. */
#define DETAILS_OPEN_MAX 12

/* A cell value for the report, cut at LIMIT_IMPORT_SHOWN_CHARS characters. */
static void short_value(struct strbuf *o, const char *v)
{
	size_t n = 0;
	long chars = 0;
	while (v[n] && chars < LIMIT_IMPORT_SHOWN_CHARS) {
		n++;
		while (((unsigned char)v[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	html_escape_n(o, v, n);
	if (v[n])
		html_raw(o, "…");
}

/* The column an issue is about: its header, or "the whole row/file". */
static const char *issue_column(const struct import_job *j, const struct import_issue *is)
{
	if (is->col >= 0)
		return import_header(j, is->col);
	return is->row ? _("(the whole row)") : _("(the whole file)");
}

/* ---- the state ---- */

static void state(struct req *r, const struct import_job *j, const char *problem)
{
	struct strbuf *o = &r->out;
	if (problem)
		html_fmt(o, "<p class=\"error-summary\" role=\"alert\">%s</p>", problem);
	if (j->nerrors) {
		html_fmt(o, "<div class=\"error-summary\" role=\"alert\"><p>%s</p><p>", _("Nothing was imported."));
		if (j->nerror_rows) {
			sentence(o, i18n_ngettext("{n} row has errors.", "{n} rows have errors.", (long)j->nerror_rows),
				 "n", piece_num(r, (long long)j->nerror_rows), NULL);
			html_raw(o, " ");
			sentence(o, i18n_ngettext("{n} row has none.", "{n} rows have none.", (long)j->nready), "n",
				 piece_num(r, (long long)j->nready), NULL);
		} else {
			html_fmt(o, "%s", _("The choice of columns has an error: change it below and check again."));
		}
		html_raw(o, "</p></div>");
	} else {
		html_fmt(o, "<p class=\"notice\" role=\"status\">%s ", _("No errors."));
		sentence(o, i18n_ngettext("{n} row is ready to import.", "{n} rows are ready to import.", (long)j->nready),
			 "n", piece_num(r, (long long)j->nready), NULL);
		html_raw(o, "</p>");
	}
	if (j->nwarnings) {
		html_raw(o, "<p>");
		sentence(o, i18n_ngettext("{n} possible duplicate: it is imported too; review it afterwards on the page of "
					  "possible duplicates.",
					  "{n} possible duplicates: they are imported too; review them afterwards on the page of "
					  "possible duplicates.", (long)j->nwarnings),
			 "n", piece_num(r, (long long)j->nwarnings), NULL);
		html_raw(o, "</p>");
	}
}

/* ---- the problems: by column, then row by row ---- */

struct group {
	int severity, col, nrows;
	long row0;                    /* the rows of a problem with the whole file: 0 */
	const char *msgid;            /* NULL: the other problems, past SUMMARY_GROUPS */
	size_t count;
	long rows[SUMMARY_ROWS];
	long last;
};

static struct group *group_of(struct group *g, int *n, const struct import_issue *is)
{
	for (int i = 0; i < *n; i++)
		if (g[i].severity == is->severity && g[i].col == is->col && g[i].msgid == is->msgid &&
		    (g[i].row0 == 0) == (is->row == 0))
			return &g[i];
	if (*n == SUMMARY_GROUPS - 1) {
		/* the last group gathers what does not fit */
		struct group *other = &g[SUMMARY_GROUPS - 1];
		if (!other->count) {
			memset(other, 0, sizeof *other);
			other->severity = is->severity;
			other->col = -2;
			other->row0 = 1;
		}
		return other;
	}
	struct group *ng = &g[(*n)++];
	memset(ng, 0, sizeof *ng);
	ng->severity = is->severity;
	ng->col = is->col;
	ng->msgid = is->msgid;
	ng->row0 = is->row == 0 ? 0 : 1;
	return ng;
}

static void group_row(struct req *r, const struct import_job *j, const struct group *g)
{
	struct strbuf *o = &r->out;
	html_raw(o, g->severity == IMPORT_ERROR ? "<tr class=\"error\">" : "<tr class=\"warning\">");
	html_fmt(o, "<td data-label=\"%s\"><bdi>%s</bdi></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
		 _("Column"),
		 g->col == -2 ? "—" : g->col >= 0 ? import_header(j, g->col) : g->row0 ? _("(the whole row)") : _("(the whole file)"),
		 _("Problem"), g->msgid ? _(g->msgid) : _("Other problems"), _("Rows"));
	if (!g->row0) {
		html_raw(o, "—");
	} else {
		for (int i = 0; i < g->nrows; i++) {
			if (i)
				html_raw(o, i18n_lang() == LANG_AR ? "، " : ", ");
			html_raw(o, piece_num(r, g->rows[i]));
		}
		if (g->count > (size_t)g->nrows) {
			html_raw(o, " ");
			sentence(o, i18n_ngettext("and {n} more", "and {n} more", (long)(g->count - (size_t)g->nrows)), "n",
				 piece_num(r, (long long)(g->count - (size_t)g->nrows)), NULL);
		}
	}
	html_raw(o, "</td></tr>");
}

/* Each problem with its column and the rows where it is: errors first. */
static void summary(struct req *r, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	struct group g[SUMMARY_GROUPS];
	int n = 0;
	memset(&g[SUMMARY_GROUPS - 1], 0, sizeof g[0]);   /* the "other problems" group, empty */
	for (size_t i = 0; i < j->nissues; i++) {
		const struct import_issue *is = &j->issues[i];
		struct group *gr = group_of(g, &n, is);
		if (is->row && is->row == gr->last)
			continue;   /* a row counts once per group */
		gr->last = is->row;
		gr->count++;
		if (is->row && gr->nrows < SUMMARY_ROWS)
			gr->rows[gr->nrows++] = is->row;
	}
	int other = g[SUMMARY_GROUPS - 1].count > 0 && n == SUMMARY_GROUPS - 1;
	html_fmt(o, "<h3>%s</h3><table class=\"cards\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 _("By column"), _("Column"), _("Problem"), _("Rows"));
	for (int sev = IMPORT_ERROR; sev <= IMPORT_WARNING; sev++) {
		for (int i = 0; i < n; i++)
			if (g[i].severity == sev)
				group_row(r, j, &g[i]);
		if (other && g[SUMMARY_GROUPS - 1].severity == sev)
			group_row(r, j, &g[SUMMARY_GROUPS - 1]);
	}
	html_raw(o, "</tbody></table>");
}

static void issue_row(struct req *r, const struct import_job *j, const struct import_issue *is)
{
	struct strbuf *o = &r->out;
	/* markup, not text: html_fmt's %s would escape the quotes */
	html_raw(o, is->severity == IMPORT_ERROR ? "<tr class=\"error\">" : "<tr>");
	html_fmt(o, "<td data-label=\"%s\">", _("Row"));
	if (is->row)
		html_raw(o, piece_num(r, is->row));
	else
		html_raw(o, "—");
	html_fmt(o, "</td><td data-label=\"%s\"><bdi>%s</bdi></td><td data-label=\"%s\"><bdi>", _("Column"),
		 issue_column(j, is), _("Value"));
	if (is->row > 1 && is->col >= 0)
		short_value(o, import_cell(j, (size_t)(is->row - 2), is->col));
	html_fmt(o, "</bdi></td><td data-label=\"%s\">%s", _("Problem"), _(is->msgid));
	if (is->ref_kind == IMPORT_REF_ROW) {
		html_fmt(o, " (%s ", _("row"));
		html_raw(o, piece_num(r, is->ref));
		html_raw(o, ")");
	} else if (is->ref_kind == IMPORT_REF_PERSON || is->ref_kind == IMPORT_REF_ORG) {
		html_fmt(o, " (<a href=\"/%s/%lld\">%s ", is->ref_kind == IMPORT_REF_PERSON ? "people" : "orgs",
			 (long long)is->ref, is->ref_kind == IMPORT_REF_PERSON ? _("person") : _("organization"));
		html_raw(o, piece_num(r, is->ref));
		html_raw(o, "</a>)");
	}
	html_raw(o, "</td></tr>");
}

/* Every problem row by row (errors first), at most LIMIT_IMPORT_REPORT_ROWS. */
static void details(struct req *r, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	size_t total = j->nerrors + j->nwarnings;
	html_fmt(o, "<details%s><summary>", total <= DETAILS_OPEN_MAX ? " open" : "");
	sentence(o, i18n_ngettext("Every problem, row by row ({n})", "Every problem, row by row ({n})", (long)total), "n",
		 piece_num(r, (long long)total), NULL);
	html_fmt(o, "</summary><table class=\"cards\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 _("Row"), _("Column"), _("Value"), _("Problem"));
	size_t shown = 0;
	for (int sev = IMPORT_ERROR; sev <= IMPORT_WARNING; sev++)
		for (size_t i = 0; i < j->nissues && shown < LIMIT_IMPORT_REPORT_ROWS; i++)
			if (j->issues[i].severity == sev) {
				issue_row(r, j, &j->issues[i]);
				shown++;
			}
	html_raw(o, "</tbody></table>");
	if (shown < total) {
		html_fmt(o, "<p class=\"hint\">%s ", _("Problems not shown here:"));
		html_raw(o, piece_num(r, (long long)(total - shown)));
		html_fmt(o, ". %s</p>", _("The command line (daam import) lists them all."));
	}
	html_raw(o, "</details>");
}

/* ---- the choices ---- */

/* The places chosen for values naming several, as hidden fields pv0/pp0… */
static void places_hidden(struct req *r, const struct import_job *j)
{
	for (int k = 0; k < j->nplace_asks; k++)
		if (j->place_asks[k].chosen)
			html_fmt(&r->out, "<input type=\"hidden\" name=\"pv%d\" value=\"%s\"><input type=\"hidden\" "
				 "name=\"pp%d\" value=\"%lld\">", k, j->place_asks[k].value, k,
				 (long long)j->place_asks[k].chosen);
}

/* The workbook's sheet read, for the forms that check or import again. */
static void sheet_hidden(struct req *r, const struct import_job *j)
{
	if (j->nsheets > 0)
		html_fmt(&r->out, "<input type=\"hidden\" name=\"sheet\" value=\"%s\">", j->sheets[j->sheet]);
}

static void columns_hidden(struct req *r, const struct import_job *j)
{
	const struct import_field *fields = import_fields(j->kind);
	sheet_hidden(r, j);
	for (int c = 0; c < j->ncols; c++)
		html_fmt(&r->out, "<input type=\"hidden\" name=\"col%d\" value=\"%s\">", c,
			 j->map[c] >= 0 ? fields[j->map[c]].key : "");
}

/* The checked columns and places as hidden fields: what the counts shown
 * were made with. */
static void mapping_hidden(struct req *r, const struct import_job *j)
{
	columns_hidden(r, j);
	places_hidden(r, j);
}

/* The checked columns as a query: col0=name&col1=… */
static const char *mapping_query(struct req *r, const struct import_job *j)
{
	const struct import_field *fields = import_fields(j->kind);
	struct strbuf q;
	sb_init(&q, 0);
	for (int c = 0; c < j->ncols; c++)
		sb_addf(&q, "%scol%d=%s", c ? "&" : "", c, j->map[c] >= 0 ? fields[j->map[c]].key : "");
	for (int k = 0; k < j->nplace_asks; k++)
		if (j->place_asks[k].chosen) {
			sb_addf(&q, "&pv%d=", k);
			url_encode(&q, j->place_asks[k].value);
			sb_addf(&q, "&pp%d=%lld", k, (long long)j->place_asks[k].chosen);
		}
	if (j->nsheets > 0) {
		sb_adds(&q, "&sheet=");
		url_encode(&q, j->sheets[j->sheet]);
	}
	const char *out = arena_strdup(&r->arena, sb_str(&q));
	sb_release(&q);
	return out ? out : "";
}

static void choices(struct req *r, const struct upload *u, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	const char *action = arena_printf(&r->arena, "/import/%lld", (long long)u->id);
	int orgs = u->kind == IMPORT_ORGS;
	html_fmt(o, "<section class=\"card\" id=\"choose\"><h2>%s</h2>", _("What to do"));
	if (!j->nerrors && j->nready) {
		form_begin(r, action, "inline");
		mapping_hidden(r, j);
		html_raw(o, "<button type=\"submit\" name=\"action\" value=\"commit\">");
		sentence(o, orgs ? i18n_ngettext("Import {n} organization", "Import {n} organizations", (long)j->nready)
				 : i18n_ngettext("Import {n} person", "Import {n} people", (long)j->nready),
			 "n", piece_num(r, (long long)j->nready), NULL);
		html_raw(o, "</button></form>");
	}
	if (import_skippable(j)) {
		/* the explicit choice: it says how many rows go in and how many stay out */
		html_fmt(o, "<h3>%s</h3><p>", _("Import the rows without errors"));
		sentence(o, orgs ? i18n_ngettext("{n} organization without errors will be saved.",
						 "{n} organizations without errors will be saved.", (long)j->nready)
				 : i18n_ngettext("{n} person without errors will be saved.",
						 "{n} people without errors will be saved.", (long)j->nready),
			 "n", piece_num(r, (long long)j->nready), NULL);
		html_raw(o, " ");
		sentence(o, i18n_ngettext("{n} row with errors will be left out: nothing of it is saved, and its number is "
					  "written in the audit log.",
					  "{n} rows with errors will be left out: nothing of them is saved, and their numbers are "
					  "written in the audit log.", (long)j->nerror_rows),
			 "n", piece_num(r, (long long)j->nerror_rows), NULL);
		html_raw(o, "</p>");
		form_begin(r, action, "skip");
		mapping_hidden(r, j);
		html_fmt(o, "<input type=\"hidden\" name=\"ready\" value=\"%zu\"><input type=\"hidden\" name=\"left_out\" value=\"%zu\">",
			 j->nready, j->nerror_rows);
		html_raw(o, "<button type=\"submit\" name=\"action\" value=\"commit_valid\">");
		sentence(o, i18n_ngettext("Import {n} and leave out {m} row with errors",
					  "Import {n} and leave out {m} rows with errors", (long)j->nerror_rows),
			 "n", piece_num(r, (long long)j->nready), "m", piece_num(r, (long long)j->nerror_rows), NULL);
		html_raw(o, "</button></form>");
	}
	if (j->nerror_rows) {
		html_fmt(o, "<h3>%s</h3><p><a class=\"button\" href=\"/import/%lld/problems?%s\" download>", _("Correct the rows with problems"),
			 (long long)u->id, mapping_query(r, j));
		sentence(o, i18n_ngettext("Download the {n} row with problems (CSV)", "Download the {n} rows with problems (CSV)",
					  (long)j->nerror_rows),
			 "n", piece_num(r, (long long)j->nerror_rows), NULL);
		html_fmt(o, "</a></p><p class=\"hint\">%s</p>",
			 _("The file has your columns and a last column naming each problem. Correct the rows in your "
			   "spreadsheet, save it as \"CSV UTF-8\" and upload it here."));
	}
	if (j->nerrors)
		html_fmt(o, "<p class=\"hint\">%s</p>",
			 _("Or correct your whole file and upload it again, or change the columns below and check again. "
			   "Nothing is imported until you choose."));
	form_button(r, arena_printf(&r->arena, "/import/%lld/delete", (long long)u->id), _("Discard this file"), NULL,
		    NULL, "link");
	html_raw(o, "</section>");
}

/* ---- the places asked about ---- */

/* One question per value of the community column naming several places:
 * the person picks the place, and every row with that value takes it. */
static void place_asks(struct req *r, const struct upload *u, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card\" id=\"places\"><h2>%s</h2><p>%s</p>", _("Which place is meant?"),
		 _("These names belong to more than one place in daam. Choose the place for each name once: every row "
		   "with that name takes it."));
	form_begin(r, arena_printf(&r->arena, "/import/%lld", (long long)u->id), "form");
	columns_hidden(r, j);
	struct strbuf path;
	sb_init(&path, 0);
	for (int k = 0; k < j->nplace_asks; k++) {
		const struct import_place_ask *a = &j->place_asks[k];
		html_fmt(o, "<input type=\"hidden\" name=\"pv%d\" value=\"%s\"><div class=\"field\"><label for=\"f-pp%d\">"
			 "<bdi>", k, a->value, k);
		short_value(o, a->value);
		html_raw(o, "</bdi> — ");
		sentence(o, i18n_ngettext("{n} row", "{n} rows", (long)a->nrows), "n", piece_num(r, (long long)a->nrows),
			 NULL);
		html_fmt(o, "</label><select id=\"f-pp%d\" name=\"pp%d\"><option value=\"\">%s</option>", k, k,
			 _("— choose the place —"));
		for (int c = 0; c < a->ncands; c++) {
			sb_reset(&path);
			place_path(db_read(), &path, a->cands[c]);
			html_fmt(o, "<option value=\"%lld\"%s>", (long long)a->cands[c], a->cands[c] == a->chosen ? " selected" : "");
			html_raw(o, sb_str(&path));   /* place_path escapes */
			html_raw(o, "</option>");
		}
		html_raw(o, "</select></div>");
	}
	sb_release(&path);
	html_fmt(o, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"check\">%s</button></div>",
		 _("Use these places and check again"));
	form_end(r, NULL);
	html_raw(o, "</section>");
}

/* ---- where the text was read from ---- */

/* A workbook of several sheets: which one is read, and the others to
 * choose (a GET form: the columns are guessed again for the sheet). */
static void sheet_choice(struct req *r, const struct upload *u, const struct import_job *j)
{
	if (j->nsheets < 2)
		return;
	struct strbuf *o = &r->out;
	html_fmt(o, "<form method=\"get\" action=\"/import/%lld\" class=\"form\" id=\"sheet\"><div class=\"field\">"
		 "<label for=\"f-sheet\">%s</label><select id=\"f-sheet\" name=\"sheet\">",
		 (long long)u->id, _("Sheet of the workbook"));
	for (int i = 0; i < j->nsheets; i++)
		html_fmt(o, "<option value=\"%s\"%s>%s</option>", j->sheets[i], i == j->sheet ? " selected" : "", j->sheets[i]);
	html_fmt(o, "</select></div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		 _("Read this sheet"));
}

/* How the text was read: the sheet of a workbook, or the encoding of a CSV
 * file — converted ones said plainly, so the person checks the names in
 * the first rows before importing. */
static void source_note(struct req *r, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	html_raw(o, "<p class=\"hint\" id=\"read-as\">");
	if (j->nsheets > 0)
		sentence(o, _("Read from the sheet {sheet} of the Excel workbook."), "sheet",
			 piece_text(r, j->sheets[j->sheet], 0), NULL);
	else if (j->encoding && strcmp(j->encoding, "UTF-8") != 0)
		sentence(o, _("This file was saved as {encoding} text, not UTF-8; daam read it as {encoding} and converted "
			      "it. Check that the names in the first rows read right before you import."),
			 "encoding", piece_text(r, j->encoding, 1), NULL);
	else
		html_fmt(o, "%s", _("Read as UTF-8 text."));
	html_raw(o, "</p>");
}

/* ---- the columns and the first rows ---- */

static void columns(struct req *r, const struct upload *u, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	const struct import_field *fields = import_fields(j->kind);
	html_fmt(o, "<section class=\"card\" id=\"columns\"><h2>%s</h2>", _("Columns"));
	form_begin(r, arena_printf(&r->arena, "/import/%lld", (long long)u->id), "form");
	places_hidden(r, j);
	sheet_hidden(r, j);
	html_fmt(o, "<table class=\"cards\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 _("Column in the file"), _("Field in daam"), _("First value"));
	for (int c = 0; c < j->ncols; c++) {
		html_fmt(o, "<tr><td data-label=\"%s\"><label for=\"f-col%d\"><bdi>%s</bdi></label></td><td data-label=\"%s\">"
			 "<select id=\"f-col%d\" name=\"col%d\">",
			 _("Column in the file"), c, import_header(j, c), _("Field in daam"), c, c);
		html_fmt(o, "<option value=\"\">%s</option>", _("— ignore this column —"));
		for (int f = 0; fields[f].key; f++)
			html_fmt(o, "<option value=\"%s\"%s>%s</option>", fields[f].key, j->map[c] == f ? " selected" : "",
				 _(fields[f].label));
		html_fmt(o, "</select></td><td data-label=\"%s\"><bdi>", _("First value"));
		short_value(o, import_cell(j, 0, c));
		html_raw(o, "</bdi></td></tr>");
	}
	html_fmt(o, "</tbody></table><div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"check\">%s</button></div>",
		 _("Check again with these columns"));
	form_end(r, NULL);
	html_raw(o, "</section>");
}

/* 1 when some error of the report is on this cell. */
static int cell_has_error(const struct import_job *j, long row, int col)
{
	for (size_t i = 0; i < j->nissues; i++) {
		const struct import_issue *is = &j->issues[i];
		if (is->row > row)
			break;
		if (is->row == row && is->severity == IMPORT_ERROR && (is->col == col || is->col < 0))
			return 1;
	}
	return 0;
}

static void preview(struct req *r, const struct import_job *j)
{
	struct strbuf *o = &r->out;
	const struct import_field *fields = import_fields(j->kind);
	html_fmt(o, "<section class=\"card\" id=\"preview\"><h2>%s</h2>", _("First rows"));
	source_note(r, j);
	html_fmt(o, "<div class=\"scroll\"><table><thead><tr><th>%s</th>", _("Row"));
	for (int c = 0; c < j->ncols; c++) {
		html_fmt(o, "<th dir=\"auto\">%s", import_header(j, c));
		if (j->map[c] >= 0)
			html_fmt(o, "<br><span class=\"hint\">%s</span>", _(fields[j->map[c]].label));
		html_raw(o, "</th>");
	}
	html_raw(o, "</tr></thead><tbody>");
	for (size_t row = 0; row < j->nrows && row < PREVIEW_ROWS; row++) {
		html_raw(o, "<tr><td>");
		html_raw(o, piece_num(r, (long long)row + 2));
		html_raw(o, "</td>");
		for (int c = 0; c < j->ncols; c++) {
			/* markup, not text: html_fmt's %s would escape the quotes */
			html_raw(o, cell_has_error(j, (long)row + 2, c) ? "<td dir=\"auto\" class=\"error\">" : "<td dir=\"auto\">");
			short_value(o, import_cell(j, row, c));
			html_raw(o, "</td>");
		}
		html_raw(o, "</tr>");
	}
	html_raw(o, "</tbody></table></div></section>");
}

void import_review_draw(struct req *r, const struct upload *u, const struct import_job *j, const char *problem)
{
	struct strbuf *o = &r->out;
	const char *title = u->kind == IMPORT_ORGS ? _("Import organizations") : _("Import people");
	page_begin(r, title);
	html_fmt(o, "<p><a href=\"/import\">%s</a></p><h1>%s</h1><p>%s: <bdi>%s</bdi> — %s: ", _("Import from a CSV file"),
		 title, _("File"), u->filename, _("Rows"));
	html_raw(o, piece_num(r, (long long)j->nrows));
	html_fmt(o, " — %s ", _("Deleted unless imported:"));
	date_format_time(o, u->expires);
	html_raw(o, "</p>");
	if (j->fatal) {
		html_raw(o, "<p class=\"error-summary\" role=\"alert\">");
		if (j->fatal_row)
			sentence(o, _("{problem} (row {n})"), "problem", piece_text(r, _(j->fatal), 0), "n",
				 piece_num(r, j->fatal_row), NULL);
		else
			html_fmt(o, "%s", _(j->fatal));
		html_raw(o, "</p>");
		sheet_choice(r, u, j);
		form_button(r, arena_printf(&r->arena, "/import/%lld/delete", (long long)u->id), _("Discard this file"),
			    NULL, NULL, "link");
		page_end(r);
		return;
	}
	sheet_choice(r, u, j);
	state(r, j, problem);
	if (j->nplace_asks)
		place_asks(r, u, j);
	if (j->nissues) {
		html_fmt(o, "<section class=\"card\" id=\"problems\"><h2>%s</h2>", _("Problems found"));
		summary(r, j);
		details(r, j);
		html_raw(o, "</section>");
	}
	choices(r, u, j);
	columns(r, u, j);
	preview(r, j);
	page_end(r);
}

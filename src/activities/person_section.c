/* person_section — on a person's page (the registry's): the activities of
 * the user's scope they registered for, with the sessions they attended. */
#include "activities/activities.h"
#include "activities/pages.h"
#include "core/dates.h"
#include "admin/sentence.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/components.h"
#include "html/html.h"
#include "http/request.h"
#include "core/banned.h"

/* the person and the records merged into them */
static const char SQL_MINE[] =
	"SELECT a.id, a.title, a.kind, a.first_day, a.last_day, ap.status, ap.attended,"
	" (SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id)"
	" FROM activity_people ap JOIN activities a ON a.id = ap.activity_id"
	" WHERE ap.person_id IN (SELECT ?1 UNION ALL SELECT id FROM people WHERE merged_into = ?1)"
	" AND (?2 = 0 OR a.office_id = ?2) ORDER BY a.first_day DESC, a.id DESC LIMIT 200";

void person_activities_section(struct req *r, int64_t person)
{
	struct strbuf *o = &r->out;
	html_fmt(o, "<section class=\"card\" id=\"activities\"><h2>%s</h2>", _("Activities"));
	const char *cols[] = { _("Activity"), _("Kind"), _("Dates"), _("Status"), _("Sessions attended"), NULL };
	int n = 0;
	sqlite3_stmt *st = db_q(db_read(), SQL_MINE, "II", (long long)person, (long long)act_office(r));
	while (db_row(st) == 1) {
		if (!n++)
			table_begin(r, cols);
		row_begin(r);
		cell_link(r, arena_printf(&r->arena, "/activities/%lld", (long long)sqlite3_column_int64(st, 0)),
			  db_text(st, 1));
		cell_text(r, _(vocab_label(&activity_kinds, db_text(st, 2))));
		cell_begin(r);
		act_days(o, db_text(st, 3), db_text(st, 4));
		cell_end(r);
		cell_text(r, _(vocab_label(&participant_statuses, db_text(st, 5))));
		cell_begin(r);
		sentence(o, _("{n} of {total}"), "n", piece_num(r, sqlite3_column_int(st, 6)), "total", piece_num(r, sqlite3_column_int(st, 7)), NULL);
		cell_end(r);
		row_end(r);
	}
	if (n)
		table_end(r);
	else
		html_fmt(o, "<p>%s</p>", _("No activity yet."));
	html_raw(o, "</section>");
}

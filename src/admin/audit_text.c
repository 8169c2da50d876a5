/* audit_text — the sentence of each kind of audit entry (see audit_text.h).
 * The verbs are written without a subject (the "Who" column names the
 * user) so that Arabic needs no gender: "دمج السجل 82 في …", "استيراد 5
 * أشخاص من الملف …".  An entry no rule knows (a module added later) reads
 * "Action — record kind record", never its raw detail; the detail's
 * key=value words are parsed here and shown only in the <details> that
 * audit_log.c draws underneath.
 *
 * The rules live here rather than in each module's descriptor because
 * struct module has no place for them yet; a module adding audit words adds
 * its sentences to the table below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin/audit_text.h"
#include "admin/sentence.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/dates.h"
#include "core/i18n.h"
#include "db/db.h"
#include "html/html.h"
#include "http/request.h"
#include "module.h"
#include "core/banned.h"

/* The value of key in a detail "k1=v1 k2=v2 file=…" (a copy in r's arena),
 * or NULL.  A file name may hold spaces: it is the rest of the detail. */
static const char *detail_value(struct req *r, const char *detail, const char *key)
{
	size_t klen = strlen(key);
	for (const char *p = detail; p && *p; p = strchr(p, ' '), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) != 0 || p[klen] != '=')
			continue;
		const char *v = p + klen + 1;
		size_t n = strcmp(key, "file") == 0 ? strlen(v) : strcspn(v, " ");
		return arena_strndup(&r->arena, v, n);
	}
	return NULL;
}

static long long detail_int(struct req *r, const char *detail, const char *key)
{
	const char *v = detail_value(r, detail, key);
	return v ? strtoll(v, NULL, 10) : 0;
}

/* A link around markup daam made. */
static const char *link_around(struct req *r, const char *href, const char *markup)
{
	struct strbuf sb;
	sb_init(&sb, 0);
	html_fmt(&sb, "<a href=\"%s\">", href);
	html_raw(&sb, markup);
	html_raw(&sb, "</a>");
	const char *out = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	return out ? out : "";
}

/* A record: its name (linked when the reader may open it), else "record N". */
static const char *record_piece(struct req *r, const struct audit_ref *ref)
{
	if (ref->name && *ref->name)
		return ref->href ? piece_link(r, ref->href, ref->name) : piece_text(r, ref->name, 0);
	struct strbuf sb;
	sb_init(&sb, 0);
	sentence(&sb, _("record {n}"), "n", piece_num(r, ref->id), NULL);
	const char *text = arena_strdup(&r->arena, sb_str(&sb));
	sb_release(&sb);
	if (!text)
		return "";
	return ref->href ? link_around(r, ref->href, text) : text;
}

/* The entry's own number (a job, a token), linked when it has a page. */
static const char *number_piece(struct req *r, const struct audit_ref *ref)
{
	const char *n = piece_num(r, ref->id);
	return ref->href ? link_around(r, ref->href, n) : n;
}

static void plain(struct req *r, const struct audit_entry *e, const char *msgid)
{
	sentence(&r->out, _(msgid), "record", record_piece(r, &e->record), "other", record_piece(r, &e->other), "n",
		 number_piece(r, &e->record), NULL);
}

static void s_view(struct req *r, const struct audit_entry *e, const char *msgid)
{
	(void)msgid;
	plain(r, e, strcmp(e->detail, "api") == 0 ? N_("Viewed {record} through the API.") : N_("Viewed the page of {record}."));
}

static void s_merge(struct req *r, const struct audit_entry *e, const char *msgid)
{
	(void)msgid;
	struct audit_ref gone = { detail_int(r, e->detail, "merged"), NULL, NULL };
	sentence(&r->out, _("Merged record {gone} into {record}."), "gone", piece_num(r, gone.id), "record",
		 record_piece(r, &e->record), NULL);
	const char *name = detail_value(r, e->detail, "name"), *phone = detail_value(r, e->detail, "phone");
	if (name && phone) {
		html_raw(&r->out, " ");
		/* the score with the reader's digits and a percent sign */
		struct strbuf pct;
		sb_init(&pct, 64);
		fmt_int(&pct, (long long)(strtod(name, NULL) * 100 + 0.5));
		sb_addc(&pct, '%');
		sentence(&r->out, strcmp(phone, "same") == 0 ? _("Names {score} alike, the same phone.")
							      : _("Names {score} alike, different phones."),
			 "score", piece_text(r, sb_str(&pct), 1), NULL);
		sb_release(&pct);
	}
}

static void s_import(struct req *r, const struct audit_entry *e, const char *msgid)
{
	(void)msgid;
	struct strbuf *o = &r->out;
	if (strncmp(e->detail, "demo ", 5) == 0) {
		sentence(o, _("Demo data filled in: {people} people, {orgs} organizations."), "people",
			 piece_num(r, detail_int(r, e->detail, "people")), "orgs", piece_num(r, detail_int(r, e->detail, "orgs")),
			 NULL);
		return;
	}
	long long rows = detail_int(r, e->detail, "rows"), skipped = detail_int(r, e->detail, "skipped");
	const char *file = detail_value(r, e->detail, "file");
	const char *tmpl = strcmp(e->entity, "orgs") == 0
		? i18n_ngettext("Imported {n} organization from the file {file}.",
				"Imported {n} organizations from the file {file}.", (long)rows)
		: i18n_ngettext("Imported {n} person from the file {file}.", "Imported {n} people from the file {file}.",
				(long)rows);
	sentence(o, tmpl, "n", piece_num(r, rows), "file", piece_text(r, file ? file : "", 1), NULL);
	if (skipped > 0) {
		html_raw(o, " ");
		sentence(o, i18n_ngettext("{n} row with errors was left out.", "{n} rows with errors were left out.", (long)skipped),
			 "n", piece_num(r, skipped), NULL);
		const char *list = detail_value(r, e->detail, "skipped_rows");
		if (list) {
			html_raw(o, " ");
			sentence(o, _("Rows left out: {rows}."), "rows", piece_text(r, list, 1), NULL);
		}
	}
}

static void s_export(struct req *r, const struct audit_entry *e, const char *msgid)
{
	(void)msgid;
	long long rows = detail_int(r, e->detail, "rows");
	const char *format = detail_value(r, e->detail, "format");
	sentence(&r->out,
		 i18n_ngettext("Exported {n} person from the people list ({format}, {how}).",
			       "Exported {n} people from the people list ({format}, {how}).", (long)rows),
		 "n", piece_num(r, rows), "format", piece_text(r, format && !strcmp(format, "xlsx") ? "XLSX" : "CSV", 1), "how",
		 piece_text(r, detail_int(r, e->detail, "identified") ? _("with names and phones") : _("pseudonymous"), 0),
		 NULL);
}

static void s_user_role(struct req *r, const struct audit_entry *e, const char *msgid)
{
	const char *key = detail_value(r, e->detail, "role");
	int role = key ? role_from_key(key) : -1;
	sentence(&r->out, _(msgid), "record", record_piece(r, &e->record), "role",
		 piece_text(r, role >= 0 ? _(role_table[role].label) : "—", 0), NULL);
}

static void s_login_failed(struct req *r, const struct audit_entry *e, const char *msgid)
{
	(void)msgid;
	const char *address = detail_value(r, e->detail, "address");
	const char *where = piece_text(r, address ? address : "—", 1);
	const char *step = detail_value(r, e->detail, "step");
	if (e->record.id && step)
		/* the password was right; the code of the second step was not */
		sentence(&r->out, strcmp(step, "code_replayed") == 0
			 ? _("A sign-in code already used was given again for the account of {record} from the address {address}.")
			 : _("Wrong sign-in code for the account of {record} from the address {address}."),
			 "record", record_piece(r, &e->record), "address", where, NULL);
	else if (e->record.id)
		sentence(&r->out, _("Failed sign-in to the account of {record} from the address {address}."), "record",
			 record_piece(r, &e->record), "address", where, NULL);
	else
		sentence(&r->out, _("Failed sign-in with an unknown user name from the address {address}."), "address", where,
			 NULL);
}

static void s_job(struct req *r, const struct audit_entry *e, const char *msgid)
{
	/* job_cancel stores the kind itself; the others "kind=…" */
	const char *kind = strcmp(e->action, "job_cancel") == 0 ? e->detail : detail_value(r, e->detail, "kind");
	const char *label = kind ? modules_job_label(kind) : NULL;
	const char *file = detail_value(r, e->detail, "file");
	sentence(&r->out, _(msgid), "what", piece_text(r, label ? _(label) : kind ? kind : "—", 0), "n",
		 number_piece(r, &e->record), "file", piece_text(r, file ? file : "", 1), NULL);
}

static void s_places_import(struct req *r, const struct audit_entry *e, const char *msgid)
{
	(void)msgid;
	const char *file = detail_value(r, e->detail, "file");
	sentence(&r->out, _("Loaded the official list of places from the file {file}: {new} new, {updated} updated."),
		 "file", piece_text(r, file ? file : "", 1), "new", piece_num(r, detail_int(r, e->detail, "new")),
		 "updated", piece_num(r, detail_int(r, e->detail, "updated")), NULL);
}

static void s_purge(struct req *r, const struct audit_entry *e, const char *msgid)
{
	sentence(&r->out, _(msgid), "people", piece_num(r, detail_int(r, e->detail, "people")), "files",
		 piece_num(r, detail_int(r, e->detail, "uploads")), "addresses",
		 piece_num(r, detail_int(r, e->detail, "audit_addresses")), "sessions",
		 piece_num(r, detail_int(r, e->detail, "sessions")), NULL);
}

struct rule {
	const char *action, *entity;
	const char *msgid;
	void (*draw)(struct req *r, const struct audit_entry *e, const char *msgid);
};

static const struct rule rules[] = {
	{ "create", "person", N_("Added the person {record}."), plain },
	{ "update", "person", N_("Changed the person {record}."), plain },
	{ "view", "person", NULL, s_view },
	{ "merge", "person", NULL, s_merge },
	{ "not_duplicate", "person", N_("Marked {record} and {other} as two different people."), plain },
	{ "add_member", "org", N_("Added {other} as a member of {record}."), plain },
	/* activities (src/activities/) */
	{ "create", "activity", N_("Added the activity {record}."), plain },
	{ "update", "activity", N_("Changed the activity {record}."), plain },
	{ "add_session", "activity", N_("Added a session to the activity {record}."), plain },
	{ "register", "activity", N_("Registered {other} for the activity {record}."), plain },
	{ "mark_present", "activity", N_("Marked {other} present at a session of the activity {record}."), plain },
	{ "mark_absent", "activity", N_("Took back the mark of {other} at a session of the activity {record}."), plain },
	{ "scores", "activity", N_("Recorded the test scores of {other} in the activity {record}."), plain },
	{ "certificate", "activity", N_("Gave {other} a certificate of the activity {record}."), plain },
	{ "unregister", "activity", N_("Took {other} off the activity {record}."), plain },
	{ "import_attendance", "activity", N_("Imported an attendance sheet into a session of the activity {record}."), plain },
	{ "calendar_link", "activity", N_("Made a private calendar link."), plain },
	{ "calendar_revoke", "activity", N_("Revoked a private calendar link."), plain },
	{ "plan_link", "activity", N_("Linked a plan action to this activity."), plain },
	{ "plan_unlink", "activity", N_("Unlinked a plan action from this activity."), plain },
	{ "create", "room", N_("Added a room."), plain },
	{ "update", "room", N_("Changed a room."), plain },
	{ "deactivate", "room", N_("Deactivated a room."), plain },
	{ "create", "equipment", N_("Added an item of equipment."), plain },
	{ "update", "equipment", N_("Changed an item of equipment."), plain },
	{ "deactivate", "equipment", N_("Deactivated an item of equipment."), plain },
	{ "book_request", "booking", N_("Booked a room or asked for one."), plain },
	{ "book_approve", "booking", N_("Approved a room booking."), plain },
	{ "book_refuse", "booking", N_("Refused a room booking."), plain },
	{ "book_cancel", "booking", N_("Cancelled a room booking."), plain },
	{ "book_person", "booking", N_("Linked a room booking to a person of the registry."), plain },
	{ "quota_set", "org", N_("Set the monthly quota of room hours of {record}."), plain },
	{ "create", "org", N_("Added the organization {record}."), plain },
	{ "update", "org", N_("Changed the organization {record}."), plain },
	{ "import", "people", NULL, s_import },
	{ "import", "orgs", NULL, s_import },
	{ "export", "people", NULL, s_export },
	{ "update", "people", N_("Looked for possible duplicates again."), plain },
	{ "create", "place", N_("Added the place {record}."), plain },
	{ "update", "place", N_("Renamed the place {record}."), plain },
	{ "set_aliases", "place", N_("Changed the other names of the place {record}."), plain },
	{ "import", "places", NULL, s_places_import },
	{ "create", "sector", N_("Added the sector {record}."), plain },
	{ "update", "sector", N_("Changed the sector {record}."), plain },
	{ "create", "office", N_("Added the office {record}."), plain },
	{ "update", "office", N_("Renamed the office {record}."), plain },
	{ "create", "user", N_("Created the account of {record} ({role})."), s_user_role },
	{ "update", "user", N_("Changed the account of {record} ({role})."), s_user_role },
	{ "disable", "user", N_("Disabled the account of {record}."), plain },
	{ "enable", "user", N_("Enabled the account of {record}."), plain },
	{ "set_password", "user", N_("Set a new password for {record}."), plain },
	{ "login", "user", N_("Signed in."), plain },
	{ "logout", "user", N_("Signed out."), plain },
	{ "login_failed", "user", NULL, s_login_failed },
	{ "second_factor_enrol", "user", N_("Turned on two-step sign-in."), plain },
	{ "second_factor_remove", "user", N_("Turned off two-step sign-in."), plain },
	{ "second_factor_reset", "user", N_("Reset the two-step sign-in of {record} (a lost phone)."), plain },
	{ "recovery_code_used", "user", N_("Signed in with a recovery code."), plain },
	{ "recovery_codes_new", "user", N_("Made new recovery codes (the old ones stopped working)."), plain },
	{ "create", "token", N_("Created the API token {n}."), plain },
	{ "disable", "token", N_("Disabled the API token {n}."), plain },
	{ "job_start", "job", N_("Started job {n}: {what}."), s_job },
	{ "job_cancel", "job", N_("Cancelled job {n}: {what}."), s_job },
	{ "download", "job", N_("Downloaded the file {file}, made by job {n}."), s_job },
	{ "anonymize", "person", N_("Anonymized {record}: no change for longer than the retention period."), plain },
	{ "erase", "person", N_("Erased the name and phones of {record}, at their request."), plain },
	{ "data_export", "person", N_("Gave {record} all the data daam holds on them."), plain },
	{ "update", "retention", N_("Changed the retention periods."), plain },
	/* incubation */
	{ "create", "cohort", N_("Started the cohort {record}."), plain },
	{ "update", "cohort", N_("Changed the cohort {record}."), plain },
	{ "create", "candidate", N_("Added the candidate {record} to a cohort."), plain },
	{ "score", "candidate", N_("Scored the need of the candidate {record}."), plain },
	{ "decide", "candidate", N_("Recorded the decision on the candidate {record}."), plain },
	{ "enroll", "candidate", N_("Enrolled the candidate {record} in its cohort."), plain },
	{ "graduate", "candidate", N_("Graduated the candidate {record}."), plain },
	{ "create", "criterion", N_("Added the selection criterion {record}."), plain },
	{ "update", "criterion", N_("Changed the selection criterion {record}."), plain },
	{ "create", "framework", N_("Saved a new version of the assessment framework ({record})."), plain },
	{ "create", "assessment", N_("Started the assessment {record}."), plain },
	{ "score", "assessment", N_("Saved scores of the assessment {record}."), plain },
	{ "finalize", "assessment", N_("Finalized the assessment {record}."), plain },
	{ "correct", "assessment", N_("Opened the correction {record} of a final assessment."), plain },
	{ "create", "plan", N_("Made the capacity-building plan {record}."), plain },
	{ "create", "plan_action", N_("Added the action {record} to a plan."), plain },
	{ "update", "plan_action", N_("Updated the plan action {record}."), plain },
	{ "create", "library_action", N_("Added the action {record} to the library."), plain },
	{ "update", "library_action", N_("Changed the library action {record}."), plain },
	{ "create", "evidence_file", N_("Attached the evidence file {record} to an assessment."), plain },
	{ "download", "evidence_file", N_("Downloaded the evidence file {record}."), plain },
	{ "purge", "retention", N_("Purged what was past its retention period: {people} people anonymized, {files} "
				  "uploaded files, {addresses} addresses and {sessions} sessions removed."), s_purge },
};

void audit_ref_fill(struct req *r, struct audit_ref *ref, const char *sql, int64_t id, const char *prefix)
{
	sqlite3_stmt *st = db_q(db_read(), sql, "I", (long long)id);
	if (db_row(st) == 1) {
		ref->name = arena_strdup(&r->arena, db_text(st, 0));
		ref->href = arena_printf(&r->arena, "%s%lld", prefix, (long long)id);
	}
	sqlite3_reset(st);
}

void audit_sentence(struct req *r, const struct audit_entry *e)
{
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (strcmp(rules[i].action, e->action) == 0 && strcmp(rules[i].entity, e->entity) == 0) {
			rules[i].draw(r, e, rules[i].msgid);
			return;
		}
	/* a word no rule knows: its labels, never the raw detail */
	html_fmt(&r->out, "%s — %s ", audit_action_label(e->action), audit_entity_label(e->entity));
	if (e->record.id)
		html_raw(&r->out, record_piece(r, &e->record));
}

/* registry — vocabularies, access scope, and the writers of people and of
 * the name search index (see registry.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/perms.h"
#include "registry/registry.h"
#include "registry/scope_sql.h"
#include "auth/audit.h"
#include "auth/roles.h"
#include "core/i18n.h"
#include "core/namematch.h"
#include "core/phone.h"
#include "core/strbuf.h"
#include "core/textfold.h"
#include "db/db.h"
#include "html/html.h"
#include "html/layout.h"
#include "html/components.h"
#include "http/request.h"
#include "core/banned.h"

const char *const org_kind_keys[] = { "organization", "association", "initiative", "network",
	"international", "local_admin", NULL };
static const char *const org_kind_labels[] = { N_("Organization"), N_("Association"), N_("Initiative"),
	N_("Network"), N_("International organization"), N_("Local administration body"), NULL };
const char *const stage_keys[] = { "applicant", "incubated", "alumni", "external", NULL };
static const char *const stage_labels[] = { N_("Applicant"), N_("Incubated"), N_("Alumni"), N_("External"), NULL };
const char *const maturity_keys[] = { "relief", "services", "development", "advocacy", NULL };
static const char *const maturity_labels[] = { N_("Relief"), N_("Services"), N_("Community development"),
	N_("Advocacy and governance"), NULL };
const char *const reg_keys[] = { "registered", "pending", "unregistered", NULL };
static const char *const reg_labels[] = { N_("Registered"), N_("Registration pending"), N_("Not registered"), NULL };
const char *const gender_keys[] = { "f", "m", NULL };
static const char *const gender_labels[] = { N_("Female"), N_("Male"), NULL };
const char *const displacement_keys[] = { "resident", "displaced", "returnee", NULL };
static const char *const displacement_labels[] = { N_("Resident"), N_("Displaced"), N_("Returnee"), NULL };
const char *const education_keys[] = { "none", "primary", "secondary", "university", "postgraduate", NULL };
static const char *const education_labels[] = { N_("No schooling"), N_("Primary"), N_("Secondary"),
	N_("University"), N_("Postgraduate"), NULL };

const struct vocab org_kinds = { org_kind_keys, org_kind_labels };
const struct vocab org_stages = { stage_keys, stage_labels };
const struct vocab org_maturity = { maturity_keys, maturity_labels };
const struct vocab reg_statuses = { reg_keys, reg_labels };
const struct vocab genders = { gender_keys, gender_labels };
const struct vocab displacements = { displacement_keys, displacement_labels };
const struct vocab educations = { education_keys, education_labels };

const char *vocab_label(const struct vocab *v, const char *key)
{
	for (int i = 0; key && v->keys[i]; i++)
		if (strcmp(v->keys[i], key) == 0)
			return _(v->labels[i]);
	return key ? key : "";
}

void vocab_select(struct req *r, const char *name, const char *label, const struct vocab *v, const char *selected,
		  int with_any)
{
	const char *keys[16], *labels[16];
	int n = 0;
	if (with_any) {
		keys[n] = "";
		labels[n++] = with_any == VOCAB_ANY ? _("Any") : "—";
	}
	for (int i = 0; v->keys[i] && n < 16; i++) {
		keys[n] = v->keys[i];
		labels[n++] = _(v->labels[i]);
	}
	form_select(r, name, label, keys, labels, n, selected);
}

void vocab_radios(struct req *r, const char *name, const char *legend, const struct vocab *v, const char *selected)
{
	const char *keys[16], *labels[16];
	int n = 0;
	for (int i = 0; v->keys[i] && n < 16; i++) {
		keys[n] = v->keys[i];
		labels[n++] = _(v->labels[i]);
	}
	form_radios(r, name, legend, keys, labels, n, selected);
}

void scope_of(struct req *r, struct scope *s)
{
	s->office = r->user ? r->user->office_id : -1;
	s->org = r->user && r->user->role == ROLE_PARTNER ? (r->user->org_id ? r->user->org_id : -1) : 0;
	s->personal = r->user && (r->user->perms & PERM_PERSONAL_FIELDS);
}

/* ?1 the record, ?2 the scope's office, ?3 the scope's organization */
static const char SQL_ORG_VISIBLE[] =
	"SELECT count(*) FROM orgs o WHERE o.id = ?1 AND" ORG_VISIBLE("o", "?2", "?3");
static const char SQL_PERSON_VISIBLE[] =
	"SELECT count(*) FROM people p WHERE p.id = ?1 AND" PERSON_VISIBLE("p", "?2", "?3");

int scope_sees_org(struct req *r, int64_t org_id)
{
	struct scope s;
	scope_of(r, &s);
	return db_int(db_read(), 0, SQL_ORG_VISIBLE, "III", (long long)org_id, (long long)s.office,
		      (long long)s.org) > 0;
}

int scope_sees_person(struct req *r, int64_t person_id)
{
	struct scope s;
	scope_of(r, &s);
	return db_int(db_read(), 0, SQL_PERSON_VISIBLE, "III", (long long)person_id, (long long)s.office,
		      (long long)s.org) > 0;
}

/* Search rows: rowid = the record's id, so updates find their row directly. */
static const char SQL_PERSON_SEARCH_DEL[] = "DELETE FROM person_search WHERE rowid = ?1";
static const char SQL_PERSON_SEARCH_ADD[] = "INSERT INTO person_search (rowid, text) VALUES (?1, ?2)";
static const char SQL_ORG_SEARCH_DEL[] = "DELETE FROM org_search WHERE rowid = ?1";
static const char SQL_ORG_SEARCH_ADD[] = "INSERT INTO org_search (rowid, text) VALUES (?1, ?2)";

/* 1 when the space-separated words of text include word. */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; (p = strstr(p, word)) != NULL; p += n)
		if ((p == text || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Appends what finds name to sb: its words folded as written (a part of a
 * compound still finds it), then each word as name_terms joins it (عبد الله
 * and عبدالله both give عبدالله) with its key (and its other key: Alahmad
 * is also keyed as Ahmad) — the terms a query is made
 * of (search_match_expr), so both spellings find the same records. */
static void add_search_text(struct strbuf *sb, const char *name)
{
	char folded[1024] = "";
	struct name_term t[32];
	if (!name || !*name)
		return;
	if (text_fold_buf(name, strlen(name), folded, sizeof folded) > 0) {
		sb_adds(sb, folded);
		sb_addc(sb, ' ');
	}
	int n = name_terms(name, t, 32);
	for (int i = 0; i < n; i++) {
		if (!has_word(folded, t[i].text)) {
			sb_adds(sb, t[i].text);
			sb_addc(sb, ' ');
		}
		if (*t[i].key) {
			sb_adds(sb, t[i].key);
			sb_addc(sb, ' ');
		}
		if (*t[i].key2) {
			sb_adds(sb, t[i].key2);
			sb_addc(sb, ' ');
		}
	}
}

/* Writes the search row of a record; is_new: the record was just created,
 * so it has no row to replace yet. */
static int search_put(struct db *w, int is_org, int64_t id, const char *a, const char *b, int is_new)
{
	struct strbuf sb = STRBUF_INIT;
	add_search_text(&sb, a);
	add_search_text(&sb, b);
	int rc = is_new ? 0 : db_do(w, is_org ? SQL_ORG_SEARCH_DEL : SQL_PERSON_SEARCH_DEL, "I", (long long)id);
	if (rc == 0)
		rc = db_do(w, is_org ? SQL_ORG_SEARCH_ADD : SQL_PERSON_SEARCH_ADD, "It", (long long)id, sb_str(&sb));
	sb_release(&sb);
	return rc;
}

int search_unindex_person(struct db *w, int64_t id)
{
	return db_do(w, SQL_PERSON_SEARCH_DEL, "I", (long long)id);
}

int org_index(struct db *w, int64_t org_id, const char *name_ar, const char *name_en)
{
	return search_put(w, 1, org_id, name_ar, name_en, 0);
}

int person_index(struct db *w, int64_t person_id, const char *name_ar, const char *name_latin)
{
	return search_put(w, 0, person_id, name_ar, name_latin, 0);
}

static const char SQL_PERSON_INSERT[] =
	"INSERT INTO people (name_ar, name_latin, name_folded, name_key, gender, birth_year, place_id,"
	" displacement, disability, education, office_id, consent_date, consent_purpose, consent_by,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, -1), ?10, ?11, ?12, ?13, ?14, ?15, ?15)";
static const char SQL_PERSON_UPDATE[] =
	"UPDATE people SET name_ar = ?1, name_latin = ?2, name_folded = ?3, name_key = ?4, gender = ?5,"
	" birth_year = ?6, place_id = ?7, displacement = ?8, disability = NULLIF(?9, -1), education = ?10, office_id = ?11,"
	" consent_date = ?12, consent_purpose = ?13, consent_by = ?14, updated_at = ?15 WHERE id = ?16";
/* the binds both share: ?1…?15 */
#define PERSON_BINDS "tttttootitottoI"
static const char SQL_PHONES_DEL[] = "DELETE FROM person_phones WHERE person_id = ?1";
static const char SQL_PHONE_ADD[] = "INSERT INTO person_phones (person_id, phone, phone_norm) VALUES (?1, ?2, ?3)";

int person_name_derive(const char *name_ar, char *folded, size_t fsz, char *key, size_t ksz)
{
	if (ksz)
		*key = '\0';
	if (text_fold_buf(name_ar, strlen(name_ar), folded, fsz) < 0)
		return -1;
	if (strlen(name_ar) <= NAME_INPUT_MAX)
		name_key(name_ar, key, ksz);
	return 0;
}

int64_t person_save(struct db *w, int64_t actor, int64_t id, const struct person_in *p)
{
	int is_new = id == 0;
	char fbuf[1024] = "", kbuf[NAME_KEY_SIZE] = "";
	const char *folded = p->name_folded, *key = p->name_key;
	if (!folded || !key) {
		if (person_name_derive(p->name_ar, fbuf, sizeof fbuf, kbuf, sizeof kbuf) < 0)
			return -1;
		folded = fbuf;
		key = kbuf;
	}
	long long now = time(NULL);
	int rc = db_do(w, id ? SQL_PERSON_UPDATE : SQL_PERSON_INSERT, id ? PERSON_BINDS "I" : PERSON_BINDS,
		       p->name_ar, p->name_latin ? p->name_latin : "", folded, key, p->gender ? p->gender : "",
		       (long long)p->birth_year, (long long)p->place_id, p->displacement ? p->displacement : "",
		       p->disability < 0 ? -1 : p->disability ? 1 : 0, p->education ? p->education : "", (long long)p->office_id,
		       p->consent_date ? p->consent_date : "", p->consent_purpose ? p->consent_purpose : "",
		       (long long)(p->consent_date && *p->consent_date && actor > 0 ? actor : 0), now, (long long)id);
	if (rc < 0 || (id && db_changes(w) != 1))
		return -1;
	if (!id)
		id = db_last_id(w);
	/* a new person has no phones and no search row to replace yet (an
	 * import writes 200,000 of them: the lookups cost a tenth of it) */
	if (!is_new && db_do(w, SQL_PHONES_DEL, "I", (long long)id) < 0)
		return -1;
	for (int i = 0; i < 3; i++) {
		char norm[64];
		if (!p->phones[i] || !*p->phones[i])
			continue;
		if (phone_normalize(p->phones[i], norm, sizeof norm) < 0)
			return -1;
		if (db_do(w, SQL_PHONE_ADD, "Itt", (long long)id, p->phones[i], norm) < 0)
			return -1;
	}
	if (search_put(w, 0, id, p->name_ar, p->name_latin, is_new) < 0)
		return -1;
	/* a negative actor means the caller audits in bulk (imports) */
	if (actor >= 0 && audit_write(w, actor, is_new ? "create" : "update", "person", id, "") < 0)
		return -1;
	return id;
}

int64_t person_quick_add(struct db *w, int64_t actor, const char *name, const char *phone, int birth_year,
			 int64_t office)
{
	struct person_in p = { 0 };
	p.name_ar = name;
	p.birth_year = birth_year;
	p.phones[0] = phone;
	p.disability = DISABILITY_UNSET;
	p.office_id = office;
	int64_t id = person_save(w, actor, 0, &p);
	return id > 0 ? id : -1;
}

static const char SQL_PLACE[] = "SELECT name_ar, name_en, parent_id FROM places WHERE id = ?1";

void place_path_text(struct db *d, struct strbuf *sb, int64_t place_id)
{
	int first = 1;
	for (int depth = 0; place_id && depth < 4; depth++) {
		sqlite3_stmt *st = db_q(d, SQL_PLACE, "I", (long long)place_id);
		if (db_row(st) != 1)
			break;
		if (!first)
			sb_adds(sb, i18n_lang() == LANG_AR ? "، " : ", ");
		sb_adds(sb, db_text(st, i18n_lang() == LANG_AR ? 0 : 1));
		place_id = sqlite3_column_int64(st, 2);
		sqlite3_reset(st);
		first = 0;
		if (depth == 1)
			break; /* community, subdistrict is enough on a line */
	}
}

int place_exists(struct db *d, int64_t id, int min_level)
{
	return db_int(d, 0, "SELECT count(*) FROM places WHERE id = ?1 AND level >= ?2", "Ii", (long long)id, min_level) > 0;
}

int sector_exists(struct db *d, int64_t id)
{
	return db_int(d, 0, "SELECT count(*) FROM sectors WHERE id = ?1", "I", (long long)id) > 0;
}

void place_path(struct db *d, struct strbuf *sb, int64_t place_id)
{
	struct strbuf text = STRBUF_INIT;
	place_path_text(d, &text, place_id);
	html_escape(sb, sb_str(&text));
	sb_release(&text);
}

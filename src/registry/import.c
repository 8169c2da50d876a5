/* import — the CSV import engine (see import.h): reading and checking the
 * file, the header mapping, row and cell validation, matching names of
 * places, organizations, offices and sectors, duplicate flags, and the
 * writing of the accepted rows.
 *
 * Speed (200,000 rows in a few seconds): the file is parsed once into one
 * text buffer with cell offsets; places, organizations, offices and sectors
 * are loaded once into hash tables of folded names; registered people are
 * looked up with prepared statements on the indexes of person_phones.phone_norm
 * and people.name_key (once per distinct key); duplicates within the file
 * use in-memory hash tables.  name_similarity is only computed between
 * distinct folded names that share a key. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "registry/import.h"
#include "registry/import_bulk.h"
#include "registry/import_table.h"
#include "registry/registry.h"
#include "registry/place_match.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/namematch.h"
#include "core/numtext.h"
#include "core/phone.h"
#include "core/xlsx.h"
#include "core/textfold.h"
#include "core/utf8.h"
#include "db/db.h"
#include "core/banned.h"

/* name_similarity calls for one row at most (distinct names sharing its key). */
#define MAX_SIMILARITY_CALLS 64
/* Registered people read for one phonetic key at most. */
#define MAX_KEY_PEOPLE 200
#define FOLD_MAX 1024
/* Fields of one kind at most. */
#define MAX_FIELDS 16

/* ---- messages (English msgids, translated when shown) ---- */

static const char M_NOT_UTF8[] = N_("This file is neither UTF-8 text nor Arabic text saved by Windows (Windows-1256). "
				   "In your spreadsheet program choose Save as, then the type \"Excel workbook (.xlsx)\" "
				   "or \"CSV UTF-8\", and import that file.");
static const char M_NOT_CSV[] = N_("This is neither a CSV file nor an Excel workbook (.xlsx). In your spreadsheet "
				  "program choose Save as, then the type \"Excel workbook (.xlsx)\" or \"CSV UTF-8\", and "
				  "import that file.");
static const char M_XLS[] = N_("This is an Excel file of the old kind (.xls). In Excel choose Save as, then the type "
			      "\"Excel workbook (.xlsx)\", and import that file.");
static const char M_EMPTY[] = N_("The file is empty: it needs a header row and one row per record.");
static const char M_NO_ROWS[] = N_("The file has a header row but no rows to import.");
static const char M_TOO_MANY_COLS[] = N_("The file has more than 64 columns.");
static const char M_TOO_MANY_ROWS[] = N_("The file has more than 1,000,000 rows; split it into smaller files.");
static const char M_TOO_BIG[] = N_("The file is too large.");
static const char M_UNCLOSED[] = N_("The file cannot be read as CSV: a quoted cell is never closed.");
static const char M_QUOTE[] = N_("The file cannot be read as CSV: a quote mark (\") is misplaced in a cell.");
static const char M_NOMEM[] = N_("The file could not be read: the server is short of memory.");
static const char M_NO_NAME_COL[] = N_("No column is chosen for the name.");
static const char M_DUP_MAP[] = N_("Two columns are chosen for the same field.");
static const char M_CTRL[] = N_("This cell contains characters that are not allowed.");
static const char M_LONG[] = N_("This cell is too long.");
static const char M_EXTRA[] = N_("This row has more cells than the header row.");
static const char M_NAME_REQ[] = N_("The name is missing.");
static const char M_NAME_LETTERS[] = N_("The name has no letters.");
static const char M_GENDER[] = N_("Write the gender as f or m (female or male, أنثى or ذكر).");
static const char M_BIRTH[] = N_("Write the birth year with four digits, for example 1990.");
static const char M_BIRTH_RANGE[] = N_("This birth year is not possible.");
static const char M_PHONE[] = N_("This is not a phone number we can read.");
static const char M_PHONES_MAX[] = N_("At most three phone numbers per person.");
static const char M_PLACE_UNKNOWN[] = N_("No community in daam has this name.");
static const char M_PLACE_AMBIG[] = N_("More than one place in daam has this name.");
static const char M_ORG_UNKNOWN[] = N_("No organization in daam has this name.");
static const char M_ORG_AMBIG[] = N_("More than one organization in daam has this name.");
static const char M_DISPLACEMENT[] = N_("Write resident, displaced or returnee.");
static const char M_EDUCATION[] = N_("Write none, primary, secondary, university or postgraduate.");
static const char M_DISABILITY[] = N_("Write yes or no.");
static const char M_KIND[] = N_("Write organization, association, initiative, network, international or local_admin.");
static const char M_STAGE[] = N_("Write applicant, incubated, alumni or external.");
static const char M_MATURITY[] = N_("Write relief, services, development or advocacy.");
static const char M_REG[] = N_("Write registered, pending or unregistered.");
static const char M_DATE[] = N_("Enter a date as year-month-day, for example 2018-03-12.");
static const char M_OFFICE_UNKNOWN[] = N_("No office has this name or code.");
static const char M_OFFICE_SCOPE[] = N_("You can import only into your own office.");
static const char M_SECTOR_UNKNOWN[] = N_("One of these sectors is not in daam's list of sectors.");
static const char M_EMAIL[] = N_("This is not an e-mail address.");
static const char W_PERSON_PHONE[] = N_("Possible duplicate: a registered person has the same phone.");
static const char W_PERSON_NAME[] = N_("Possible duplicate: a registered person has a similar name.");
static const char W_ROW_PHONE[] = N_("Possible duplicate: an earlier row has the same phone.");
static const char W_ROW_NAME[] = N_("Possible duplicate: an earlier row has a similar name.");
static const char W_ORG[] = N_("An organization with this name is already registered.");
static const char W_ORG_ROW[] = N_("An earlier row has an organization with the same name.");

/* ---- fields ---- */

enum { PF_NAME, PF_LATIN, PF_GENDER, PF_BIRTH, PF_PHONE, PF_PHONE2, PF_COMMUNITY, PF_ORG, PF_ROLE,
       PF_DISPLACEMENT, PF_EDUCATION, PF_DISABILITY, PF_COUNT };
enum { OF_NAME, OF_NAME_EN, OF_KIND, OF_STAGE, OF_MATURITY, OF_REG_STATUS, OF_REG_NUMBER, OF_REG_DATE,
       OF_FOUNDED, OF_OFFICE, OF_COMMUNITY, OF_SECTORS, OF_PHONE, OF_EMAIL, OF_COUNT };

_Static_assert((int)PF_COUNT <= MAX_FIELDS && (int)OF_COUNT <= MAX_FIELDS, "MAX_FIELDS is too small");

#define A(...) (const char *const[]){ __VA_ARGS__, NULL }
static const struct import_field people_fields[] = {
	[PF_NAME] = { "name", N_("Name"), LIMIT_PERSON_NAME_CHARS, A("name", "full name", "name ar", "arabic name", "name in arabic",
		"الاسم", "اسم", "الاسم الكامل", "الاسم الثلاثي", "الاسم بالعربية", "الاسم باللغة العربية") },
	[PF_LATIN] = { "name_latin", N_("Name in Latin letters"), LIMIT_PERSON_NAME_CHARS, A("name latin", "latin name", "name in latin",
		"name en", "english name", "name in english", "الاسم باللاتينية", "الاسم بالأحرف اللاتينية",
		"الاسم بالإنكليزية", "الاسم بالإنجليزية", "الاسم باللغة الإنكليزية") },
	[PF_GENDER] = { "gender", N_("Gender"), 20, A("gender", "sex", "الجنس", "النوع الاجتماعي", "ذكر/أنثى") },
	[PF_BIRTH] = { "birth_year", N_("Birth year"), 20, A("birth year", "year of birth", "born", "birth date",
		"date of birth", "dob", "سنة الميلاد", "تاريخ الميلاد", "المواليد", "التولد", "مواليد") },
	[PF_PHONE] = { "phone", N_("Phone"), 2 * LIMIT_PHONE_CHARS, A("phone", "phone number", "mobile", "mobile number", "telephone",
		"tel", "الهاتف", "هاتف", "رقم الهاتف", "الجوال", "رقم الجوال", "الموبايل", "رقم الموبايل") },
	[PF_PHONE2] = { "phone2", N_("Second phone"), 80, A("phone 2", "phone2", "second phone", "other phone",
		"mobile 2", "الهاتف 2", "هاتف 2", "هاتف آخر", "الهاتف الثاني", "رقم هاتف آخر") },
	[PF_COMMUNITY] = { "community", N_("Community"), LIMIT_COMMUNITY_CHARS, A("community", "place", "location", "village", "town",
		"التجمع", "التجمع المكان", "المكان", "القرية", "البلدة", "مكان السكن", "السكن", "الموقع") },
	[PF_ORG] = { "organization", N_("Organization"), LIMIT_ORG_NAME_CHARS, A("organization", "organisation", "org",
		"organization name", "المنظمة", "اسم المنظمة", "الجهة", "المؤسسة", "الفريق") },
	[PF_ROLE] = { "role", N_("Role in the organization"), LIMIT_ROLE_CHARS, A("role", "position", "الدور", "الصفة",
		"المنصب", "الدور في المنظمة") },
	[PF_DISPLACEMENT] = { "displacement", N_("Displacement"), 40, A("displacement", "displacement status",
		"residency status", "النزوح", "حالة النزوح", "الوضع") },
	[PF_EDUCATION] = { "education", N_("Education"), 40, A("education", "education level", "التعليم",
		"المستوى التعليمي", "التحصيل العلمي", "التحصيل الدراسي") },
	[PF_DISABILITY] = { "disability", N_("Disability"), 20, A("disability", "has disability", "الإعاقة",
		"إعاقة", "ذوي الإعاقة", "ذو إعاقة") },
	{ NULL, NULL, 0, NULL },
};
static const struct import_field org_fields[] = {
	[OF_NAME] = { "name", N_("Name in Arabic"), LIMIT_ORG_NAME_CHARS, A("name", "name ar", "arabic name", "name in arabic",
		"organization", "organization name", "organisation", "الاسم", "اسم المنظمة", "الاسم بالعربية",
		"المنظمة", "اسم الجهة") },
	[OF_NAME_EN] = { "name_en", N_("Name in English"), LIMIT_ORG_NAME_CHARS, A("name en", "english name", "name in english",
		"الاسم بالإنكليزية", "الاسم بالإنجليزية", "الاسم باللغة الإنكليزية", "الاسم باللاتينية") },
	[OF_KIND] = { "kind", N_("Kind"), 60, A("kind", "type", "organization type", "النوع", "نوع المنظمة",
		"نوع الجهة") },
	[OF_STAGE] = { "stage", N_("Stage with the center"), 60, A("stage", "المرحلة", "المرحلة مع المركز") },
	[OF_MATURITY] = { "maturity", N_("Maturity"), 60, A("maturity", "النضج", "مستوى النضج", "مرحلة النضج") },
	[OF_REG_STATUS] = { "reg_status", N_("Registration with the local administration"), 60,
		A("registration", "registration status", "registered", "الترخيص", "حالة الترخيص", "التسجيل",
		  "حالة التسجيل") },
	[OF_REG_NUMBER] = { "reg_number", N_("Registration number"), LIMIT_REG_NUMBER_CHARS, A("registration number", "reg number",
		"license number", "رقم الترخيص", "رقم التسجيل") },
	[OF_REG_DATE] = { "reg_date", N_("Registration date"), 40, A("registration date", "reg date",
		"تاريخ الترخيص", "تاريخ التسجيل") },
	[OF_FOUNDED] = { "founded", N_("Founded"), 40, A("founded", "founded on", "date founded",
		"foundation date", "تاريخ التأسيس", "التأسيس", "سنة التأسيس") },
	[OF_OFFICE] = { "office", N_("Office"), LIMIT_VOCAB_NAME_CHARS, A("office", "المكتب") },
	[OF_COMMUNITY] = { "community", N_("Place"), LIMIT_COMMUNITY_CHARS, A("community", "place", "location", "التجمع",
		"التجمع المكان", "المكان", "الموقع", "القرية", "البلدة") },
	[OF_SECTORS] = { "sectors", N_("Sectors"), 1000, A("sectors", "sector", "القطاعات", "القطاع",
		"مجالات العمل", "مجال العمل") },
	[OF_PHONE] = { "contact_phone", N_("Contact phone"), LIMIT_PHONE_CHARS, A("phone", "contact phone", "telephone", "mobile",
		"الهاتف", "هاتف التواصل", "رقم الهاتف", "رقم التواصل") },
	[OF_EMAIL] = { "contact_email", N_("Contact email"), LIMIT_EMAIL_CHARS, A("email", "e mail", "contact email",
		"البريد الإلكتروني", "الإيميل", "البريد") },
	{ NULL, NULL, 0, NULL },
};

/* Values accepted beside each vocabulary's keys and labels (English and
 * Arabic from the catalog): alias, key pairs. */
static const char *const gender_extra[] = { "female", "f", "male", "m", "woman", "f", "man", "m",
	"أنثى", "f", "انثى", "f", "ذكر", "m", "امرأة", "f", "رجل", "m", "ا", "f", "ذ", "m", NULL };
static const char *const displacement_extra[] = { "idp", "displaced", "مقيم", "resident", "نازح", "displaced",
	"نازحة", "displaced", "عائد", "returnee", "عائدة", "returnee", "host", "resident", NULL };
static const char *const education_extra[] = { "illiterate", "none", "no schooling", "none", "أمي", "none",
	"بدون", "none", "ابتدائي", "primary", "إعدادي", "secondary", "ثانوي", "secondary", "جامعي", "university",
	"جامعة", "university", "دراسات عليا", "postgraduate", "ماجستير", "postgraduate", "دكتوراه", "postgraduate",
	NULL };
static const char *const kind_extra[] = { "منظمة", "organization", "جمعية", "association", "مبادرة", "initiative",
	"شبكة", "network", "منظمة دولية", "international", "مجلس", "local_admin", "local admin", "local_admin", NULL };
static const char *const stage_extra[] = { "متقدمة", "applicant", "محتضنة", "incubated", "خريجة", "alumni",
	"خارجية", "external", NULL };
static const char *const reg_extra[] = { "yes", "registered", "no", "unregistered", "مرخصة", "registered",
	"مرخص", "registered", "غير مرخصة", "unregistered", "قيد الترخيص", "pending", "نعم", "registered",
	"لا", "unregistered", NULL };
static const char *const no_extra[] = { NULL };

const char *import_kind_key(enum import_kind kind)
{
	return kind == IMPORT_ORGS ? "orgs" : "people";
}

int import_kind_from_key(const char *key)
{
	if (!key)
		return -1;
	if (!strcmp(key, "people"))
		return IMPORT_PEOPLE;
	if (!strcmp(key, "orgs"))
		return IMPORT_ORGS;
	return -1;
}

const struct import_field *import_fields(enum import_kind kind)
{
	return kind == IMPORT_ORGS ? org_fields : people_fields;
}

int import_nfields(enum import_kind kind)
{
	return kind == IMPORT_ORGS ? OF_COUNT : PF_COUNT;
}

int import_field_index(enum import_kind kind, const char *key)
{
	const struct import_field *f = import_fields(kind);
	for (int i = 0; key && f[i].key; i++)
		if (!strcmp(f[i].key, key))
			return i;
	return -1;
}

/* Folds s into out (FOLD_MAX bytes); returns the length or -1. */
static int fold(const char *s, char out[FOLD_MAX])
{
	return text_fold_buf(s, strlen(s), out, FOLD_MAX);
}

/* The Arabic translation of an English msgid, whatever the thread's language. */
static const char *arabic(const char *msgid)
{
	enum lang saved = i18n_lang();
	i18n_set_lang(LANG_AR);
	const char *t = i18n_gettext(msgid);
	i18n_set_lang(saved);
	return t;
}

static int folded_equal(const char *s, const char *folded)
{
	char f[FOLD_MAX];
	return fold(s, f) > 0 && strcmp(f, folded) == 0;
}

int import_guess_field(enum import_kind kind, const char *header)
{
	char h[FOLD_MAX];
	if (!header || fold(header, h) <= 0)
		return -1;
	const struct import_field *f = import_fields(kind);
	for (int i = 0; f[i].key; i++) {
		if (folded_equal(f[i].key, h) || folded_equal(f[i].label, h) || folded_equal(arabic(f[i].label), h))
			return i;
		for (int k = 0; f[i].aliases[k]; k++)
			if (folded_equal(f[i].aliases[k], h))
				return i;
	}
	return -1;
}

/* ---- a small hash table: folded text → (value, aux) ---- */

struct hentry {
	const char *key;
	int64_t val;   /* -1: ambiguous */
	int64_t aux;
};
struct hmap {
	struct hentry *e;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct hentry *hmap_find(const struct hmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->e[i].key)
			return NULL;
		if (!strcmp(m->e[i].key, key))
			return &m->e[i];
	}
}

static int hmap_grow(struct hmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	struct hentry *e = calloc(cap, sizeof *e);
	if (!e)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->e[i].key)
			continue;
		size_t k = hash_str(m->e[i].key) & (cap - 1);
		while (e[k].key)
			k = (k + 1) & (cap - 1);
		e[k] = m->e[i];
	}
	free(m->e);
	m->e = e;
	m->cap = cap;
	return 0;
}

/* The entry of key, created (val 0, key copied to a) when absent; *created
 * says which.  NULL when out of memory. */
static struct hentry *hmap_put(struct hmap *m, struct arena *a, const char *key, int *created)
{
	struct hentry *e = hmap_find(m, key);
	*created = 0;
	if (e)
		return e;
	if ((m->n + 1) * 2 > m->cap && hmap_grow(m) < 0)
		return NULL;
	size_t i = hash_str(key) & (m->cap - 1);
	while (m->e[i].key)
		i = (i + 1) & (m->cap - 1);
	m->e[i].key = arena_strdup(a, key);
	if (!m->e[i].key)
		return NULL;
	m->n++;
	*created = 1;
	return &m->e[i];
}

static void hmap_free(struct hmap *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* ---- the job's private state ---- */

struct vmatch {
	const char *folded;
	const char *key;
};
struct vset {
	struct vmatch *m;
	int n;
};

/* Registered people and earlier rows sharing a phonetic key, grouped by
 * folded name; each name keeps one member per birth year. */
struct dup_member {
	int year;             /* 0 unknown */
	int ref_kind;         /* IMPORT_REF_ROW or IMPORT_REF_PERSON */
	int64_t ref;
};
struct dup_name {
	const char *name, *folded;
	struct dup_member *m;
	int n, cap;
};
struct dup_bucket {
	struct dup_name *names;
	int n, cap;
};

struct prow {
	const char *name, *latin, *gender, *displacement, *education, *role;
	const char *phones[3], *norms[3];
	int nphones, birth_year, disability, skip, bad;
	int64_t place, org, org_office;
	const char *folded, *key;  /* the name's, when the duplicate check made them (else NULL) */
};
struct orow {
	const char *name, *name_en, *kind, *stage, *maturity, *reg_status, *reg_number, *reg_date, *founded,
		*phone, *email;
	int64_t office, place;
	int64_t *sectors;
	int nsectors, skip, bad;
};

struct import_priv {
	/* the table */
	char *text;
	size_t text_len, text_cap;
	size_t *cells;
	size_t ncells, cells_cap;
	size_t *recs;             /* first cell of each record; recs[nrec] = ncells */
	size_t nrec, recs_cap;
	unsigned char *extra;     /* per record: non-empty cells past the header's columns */
	size_t extra_cap;
	int col;                  /* the column of the next cell in the current record */
	int too_many_cols, nomem;
	/* per check */
	struct arena a;
	struct prow *prows;
	struct orow *orows;
	struct hmap orgs, offices, sectors, keys, phones, names;
	struct place_matcher *pm;        /* places by name and alias (place_match.c) */
	const char **choice_folded;      /* the folded values of c->place_choices */
	struct dup_bucket *buckets;
	size_t nbuckets, buckets_cap;
	struct vset gender, displacement, education, kind, stage, maturity, reg;
	size_t issues_cap;
	int this_year;
};

static void free_check(struct import_priv *p)
{
	arena_free_all(&p->a);
	arena_init(&p->a, 0);
	free(p->prows);
	free(p->orows);
	free(p->buckets);
	p->prows = NULL;
	p->orows = NULL;
	p->buckets = NULL;
	p->nbuckets = p->buckets_cap = 0;
	place_matcher_free(p->pm);
	p->pm = NULL;
	p->choice_folded = NULL;
	hmap_free(&p->orgs);
	hmap_free(&p->offices);
	hmap_free(&p->sectors);
	hmap_free(&p->keys);
	hmap_free(&p->phones);
	hmap_free(&p->names);
}

void import_free(struct import_job *j)
{
	if (j->priv) {
		free_check(j->priv);
		arena_free_all(&j->priv->a);
		free(j->priv->text);
		free(j->priv->cells);
		free(j->priv->recs);
		free(j->priv->extra);
		free(j->priv);
	}
	for (int i = 0; i < j->nsheets; i++)
		free(j->sheets[i]);
	free(j->sheets);
	free(j->issues);
	free(j->place_asks);
	memset(j, 0, sizeof *j);
}

/* ---- parsing ---- */

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 1024;
	while (n < need)
		n *= 2;
	void *b = realloc(*buf, n * elem);
	if (!b)
		return -1;
	*buf = b;
	*cap = n;
	return 0;
}

/* grow() for a byte array whose new part is zeroed. */
static int grow_zero(unsigned char **buf, size_t *cap, size_t need)
{
	size_t old = *cap;
	if (grow((void **)buf, cap, need, 1) < 0)
		return -1;
	if (*cap > old)
		memset(*buf + old, 0, *cap - old);
	return 0;
}

/* 1 when record i had non-empty cells past the header's columns. */
static int rec_extra(const struct import_priv *p, size_t i)
{
	return i < p->extra_cap && p->extra[i];
}

static int is_blank_at(const unsigned char *s, size_t n, size_t *w)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
		*w = 1;
		return 1;
	}
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0) { /* no-break space */
		*w = 2;
		return 1;
	}
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) { /* a stray BOM */
		*w = 3;
		return 1;
	}
	return 0;
}

/* The width of a blank sequence ending at s[n-1], or 0. */
static size_t blank_before(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		return 1;
	if (n >= 2 && s[n - 2] == 0xc2 && s[n - 1] == 0xa0)
		return 2;
	if (n >= 3 && s[n - 3] == 0xef && s[n - 2] == 0xbb && s[n - 1] == 0xbf)
		return 3;
	return 0;
}

static void on_field(void *field, size_t len, void *arg)
{
	struct import_job *j = arg;
	struct import_priv *p = j->priv;
	if (p->nomem)
		return;
	const unsigned char *s = field ? field : (const unsigned char *)"";
	size_t w;
	while (len && is_blank_at(s, len, &w)) {
		s += w;
		len -= w;
	}
	while (len && (w = blank_before(s, len)))
		len -= w;
	/* an apostrophe before = + - @ is how daam (and others) keep a
	 * spreadsheet from running a cell as a formula: the value is what follows,
	 * so a file of problem rows daam wrote can be corrected and sent back */
	if (len >= 2 && s[0] == '\'' && (s[1] == '=' || s[1] == '+' || s[1] == '-' || s[1] == '@')) {
		s++;
		len--;
	}
	int col = p->col++;
	if (p->nrec > 0 && col >= j->ncols) {
		/* past the header's columns: kept only as a flag when not empty */
		if (len) {
			if (grow_zero(&p->extra, &p->extra_cap, p->nrec + 1) < 0)
				p->nomem = 1;
			else
				p->extra[p->nrec] = 1;
		}
		return;
	}
	if (col >= LIMIT_IMPORT_COLUMNS) {
		p->too_many_cols = 1;
		return;
	}
	if (grow((void **)&p->text, &p->text_cap, p->text_len + len + 1, 1) < 0 ||
	    grow((void **)&p->cells, &p->cells_cap, p->ncells + 1, sizeof *p->cells) < 0) {
		p->nomem = 1;
		return;
	}
	p->cells[p->ncells++] = p->text_len;
	memcpy(p->text + p->text_len, s, len);
	p->text_len += len;
	p->text[p->text_len++] = 0;
}

static void on_record(int c, void *arg)
{
	struct import_job *j = arg;
	struct import_priv *p = j->priv;
	if (p->nomem)
		return;
	if (p->nrec == 0)
		j->ncols = p->col < LIMIT_IMPORT_COLUMNS ? p->col : LIMIT_IMPORT_COLUMNS;
	p->col = 0;
	if (grow((void **)&p->recs, &p->recs_cap, p->nrec + 2, sizeof *p->recs) < 0) {
		p->nomem = 1;
		return;
	}
	p->nrec++;
	p->recs[p->nrec] = p->ncells;
}

static int only_space(unsigned char c)
{
	return c == ' ';
}

/* The delimiter of the header line: the most frequent of , ; TAB outside quotes. */
static char find_delimiter(const char *s, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* Rejects what is not UTF-8 text (once Windows-1256 and UTF-16 are
 * converted): old spreadsheets, other encodings, binary files. */
static const char *encoding_problem(const unsigned char *s, size_t n)
{
	if (n >= 8 && s[0] == 0xd0 && s[1] == 0xcf && s[2] == 0x11 && s[3] == 0xe0)
		return M_XLS; /* .xls (and other OLE files) */
	const unsigned char *nul = memchr(s, 0, n);
	if (nul) {
		/* UTF-16 without a BOM has a NUL in most pairs of bytes */
		size_t zeros = 0, look = n < 4096 ? n : 4096;
		for (size_t i = 0; i < look; i++)
			zeros += s[i] == 0;
		return zeros * 4 >= look ? M_NOT_UTF8 : M_NOT_CSV;
	}
	if (utf8_count((const char *)s, n) < 0)
		return M_NOT_UTF8;
	return NULL;
}

static int load_csv(struct import_job *j, const char *data, size_t len);

int import_load(struct import_job *j, enum import_kind kind, const char *data, size_t len)
{
	return import_load_sheet(j, kind, data, len, NULL);
}

int import_load_sheet(struct import_job *j, enum import_kind kind, const char *data, size_t len, const char *sheet)
{
	memset(j, 0, sizeof *j);
	j->kind = kind;
	for (int i = 0; i < LIMIT_IMPORT_COLUMNS; i++)
		j->map[i] = -1;
	j->priv = calloc(1, sizeof *j->priv);
	if (!j->priv) {
		j->fatal = M_NOMEM;
		return -1;
	}
	struct import_priv *p = j->priv;
	arena_init(&p->a, 0);
	if (len > LIMIT_IMPORT_FILE_BYTES) {
		j->fatal = M_TOO_BIG;
		return -1;
	}
	/* the first cell offset, whoever fills the table */
	if (grow((void **)&p->recs, &p->recs_cap, 2, sizeof *p->recs) < 0) {
		j->fatal = M_NOMEM;
		return -1;
	}
	p->recs[0] = 0;
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 4 && s[0] == 'P' && s[1] == 'K' && s[2] == 3 && s[3] == 4)
		return import_load_xlsx(j, data, len, sheet);  /* .xlsx: a zip archive */
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		j->had_bom = 1;
		data += 3;
		len -= 3;
	}
	/* Windows-1256 and UTF-16 are converted, not refused: the review shows
	 * the text and the encoding it was read as */
	int enc = encoding_detect((const unsigned char *)data, len);
	j->encoding = encoding_name(ENC_UTF8);
	if (enc == ENC_UTF8 || enc == ENC_UNKNOWN)
		return load_csv(j, data, len);
	char *conv;
	size_t clen;
	if (encoding_to_utf8(enc, data, len, &conv, &clen) < 0) {
		j->fatal = M_NOT_UTF8;
		return -1;
	}
	j->encoding = encoding_name(enc);
	int rc = load_csv(j, conv, clen);
	free(conv);
	return rc;
}

/* The CSV text data[0..len) into the table. */
static int load_csv(struct import_job *j, const char *data, size_t len)
{
	struct import_priv *p = j->priv;
	if ((j->fatal = encoding_problem((const unsigned char *)data, len)) != NULL)
		return -1;
	j->delimiter = find_delimiter(data, len);
	struct csv_parser cp;
	/* strict: a stray quote mark is reported, not read as text */
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		j->fatal = M_NOMEM;
		return -1;
	}
	csv_set_delim(&cp, (unsigned char)j->delimiter);
	if (j->delimiter == '\t')
		csv_set_space_func(&cp, only_space);
	size_t done = 0;
	const size_t chunk = 1 << 20;
	int rc = 0;
	while (done < len && !rc) {
		size_t n = len - done < chunk ? len - done : chunk;
		if (csv_parse(&cp, data + done, n, on_field, on_record, j) != n)
			rc = csv_error(&cp) == CSV_EPARSE ? -5 : -2;
		done += n;
		if (p->nomem)
			rc = -2;
		else if (p->too_many_cols)
			rc = -3;
		else if (p->nrec > LIMIT_IMPORT_ROWS + 1)
			rc = -4;
	}
	if (!rc && csv_fini(&cp, on_field, on_record, j) != 0)
		rc = -1;
	csv_free(&cp);
	if (!rc && p->nomem)
		rc = -2;
	if (!rc && p->too_many_cols)
		rc = -3;
	if (!rc && p->nrec > LIMIT_IMPORT_ROWS + 1)
		rc = -4;
	if (rc == -1 || rc == -5)
		j->fatal_row = (long)p->nrec + 1; /* the record being read */
	switch (rc) {
	case -1: j->fatal = M_UNCLOSED; return -1;
	case -5: j->fatal = M_QUOTE; return -1;
	case -2: j->fatal = M_NOMEM; return -1;
	case -3: j->fatal = M_TOO_MANY_COLS; return -1;
	case -4: j->fatal = M_TOO_MANY_ROWS; return -1;
	}
	return import_table_finish(j);
}

/* ---- the table, filled by another reader (import_table.h) ---- */

int import_table_cell(struct import_job *j, const char *s, size_t len)
{
	struct import_priv *p = j->priv;
	on_field((void *)s, len, j);
	if (p->nomem) {
		j->fatal = M_NOMEM;
		return -1;
	}
	if (p->too_many_cols) {
		j->fatal = M_TOO_MANY_COLS;
		return -1;
	}
	return 0;
}

int import_table_row(struct import_job *j)
{
	struct import_priv *p = j->priv;
	on_record(0, j);
	if (p->nomem) {
		j->fatal = M_NOMEM;
		return -1;
	}
	if (p->nrec > LIMIT_IMPORT_ROWS + 1) {
		j->fatal = M_TOO_MANY_ROWS;
		return -1;
	}
	return 0;
}

size_t import_table_bytes(const struct import_job *j)
{
	return j->priv->text_len;
}

int import_table_finish(struct import_job *j)
{
	struct import_priv *p = j->priv;
	if (p->nrec == 0 || j->ncols == 0) {
		j->fatal = M_EMPTY;
		return -1;
	}
	j->nrows = p->nrec - 1;
	if (j->nrows == 0) {
		j->fatal = M_NO_ROWS;
		return -1;
	}
	return 0;
}

const char *import_msg_too_many_rows(void)
{
	return M_TOO_MANY_ROWS;
}

const char *import_msg_too_many_cols(void)
{
	return M_TOO_MANY_COLS;
}

const char *import_msg_nomem(void)
{
	return M_NOMEM;
}

const char *import_msg_not_xlsx(void)
{
	return M_NOT_CSV;
}

const char *import_header(const struct import_job *j, int col)
{
	const struct import_priv *p = j->priv;
	if (!p || p->nrec == 0 || col < 0 || col >= j->ncols)
		return "";
	size_t first = p->recs[0], n = p->recs[1] - first;
	return (size_t)col < n ? p->text + p->cells[first + (size_t)col] : "";
}

const char *import_cell(const struct import_job *j, size_t row, int col)
{
	const struct import_priv *p = j->priv;
	if (!p || row >= j->nrows || col < 0 || col >= j->ncols)
		return "";
	size_t first = p->recs[row + 1], n = p->recs[row + 2] - first;
	return (size_t)col < n ? p->text + p->cells[first + (size_t)col] : "";
}

void import_guess_map(struct import_job *j)
{
	int used[LIMIT_IMPORT_COLUMNS] = { 0 };
	for (int c = 0; c < j->ncols; c++) {
		int f = import_guess_field(j->kind, import_header(j, c));
		j->map[c] = f >= 0 && !used[f] ? f : -1;
		if (f >= 0)
			used[f] = 1;
	}
}

int import_map_column(struct import_job *j, int col, const char *key)
{
	if (col < 0 || col >= LIMIT_IMPORT_COLUMNS)
		return -1;
	if (!key || !*key) {
		j->map[col] = -1;
		return 0;
	}
	int f = import_field_index(j->kind, key);
	if (f < 0)
		return -1;
	j->map[col] = f;
	return 0;
}

/* ---- issues ---- */

static int add_issue(struct import_job *j, long row, int col, int sev, const char *msgid, int ref_kind, int64_t ref)
{
	if (sev == IMPORT_ERROR)
		j->nerrors++;
	else
		j->nwarnings++;
	if (j->nissues >= LIMIT_IMPORT_ISSUES)
		return 0;
	struct import_priv *p = j->priv;
	if (grow((void **)&j->issues, &p->issues_cap, j->nissues + 1, sizeof *j->issues) < 0)
		return -1;
	struct import_issue *is = &j->issues[j->nissues++];
	is->row = row;
	is->col = col;
	is->severity = sev;
	is->msgid = msgid;
	is->ref_kind = ref_kind;
	is->ref = ref;
	return 0;
}

/* ---- lookups ---- */

static int vset_add(struct import_priv *p, struct vset *s, int *cap, const char *text, const char *key)
{
	char f[FOLD_MAX];
	if (!text || fold(text, f) <= 0)
		return 0;
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->m[i].folded, f))
			return 0;
	if (s->n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct vmatch *m = arena_alloc(&p->a, (size_t)ncap * sizeof *m);
		if (!m)
			return -1;
		if (s->n)
			memcpy(m, s->m, (size_t)s->n * sizeof *m);
		s->m = m;
		*cap = ncap;
	}
	s->m[s->n].folded = arena_strdup(&p->a, f);
	s->m[s->n].key = key;
	return s->m[s->n++].folded ? 0 : -1;
}

/* Keys, English labels, Arabic labels and the extra aliases of a vocabulary. */
static int vset_build(struct import_priv *p, struct vset *s, const struct vocab *v, const char *const *extra)
{
	int cap = 0, rc = 0;
	s->n = 0;
	for (int i = 0; v->keys[i]; i++) {
		rc |= vset_add(p, s, &cap, v->keys[i], v->keys[i]);
		rc |= vset_add(p, s, &cap, v->labels[i], v->keys[i]);
		rc |= vset_add(p, s, &cap, arabic(v->labels[i]), v->keys[i]);
	}
	for (int i = 0; extra[i] && extra[i + 1]; i += 2)
		for (int k = 0; v->keys[k]; k++)
			if (!strcmp(v->keys[k], extra[i + 1]))
				rc |= vset_add(p, s, &cap, extra[i], v->keys[k]);
	return rc;
}

/* The vocabulary key a value means, or NULL. */
static const char *vset_match(const struct vset *s, const char *value)
{
	char f[FOLD_MAX];
	if (fold(value, f) <= 0)
		return NULL;
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->m[i].folded, f))
			return s->m[i].key;
	return NULL;
}

/* Adds folded text → id; the same text for another id at the same rank
 * becomes ambiguous (-1); a better rank (higher aux) replaces. */
static int lookup_add(struct import_priv *p, struct hmap *m, const char *text, int64_t id, int64_t rank)
{
	char f[FOLD_MAX];
	if (!text || fold(text, f) <= 0)
		return 0;
	int created;
	struct hentry *e = hmap_put(m, &p->a, f, &created);
	if (!e)
		return -1;
	if (created || rank > e->aux) {
		e->val = id;
		e->aux = rank;
	} else if (rank == e->aux && e->val != id) {
		e->val = -1;
	}
	return 0;
}

static const char SQL_ORGS[] = "SELECT id, name_ar, name_en, coalesce(office_id, 0) FROM orgs WHERE ?1 = 0 OR office_id = ?1";
static const char SQL_OFFICES[] = "SELECT id, code, name_ar, name_en FROM offices";
static const char SQL_SECTORS[] = "SELECT id, code, name_ar, name_en FROM sectors";
static const char SQL_PHONE_DUP[] =
	"SELECT p.id FROM person_phones pp JOIN people p ON p.id = pp.person_id"
	" WHERE pp.phone_norm = ?1 AND p.merged_into IS NULL AND (?2 = 0 OR p.office_id = ?2) LIMIT 1";
static const char SQL_KEY_PEOPLE[] =
	"SELECT id, name_ar, name_folded, coalesce(birth_year, 0) FROM people"
	" WHERE name_key = ?1 AND merged_into IS NULL AND (?2 = 0 OR office_id = ?2) ORDER BY id LIMIT 200";

/* Organizations: folded name → id; aux keeps the office (rank is unused:
 * two organizations with one name are ambiguous). */
static int load_orgs(struct import_priv *p, struct db *d, int64_t office)
{
	sqlite3_stmt *st = db_q(d, SQL_ORGS, "I", (long long)office);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_row(st)) == 1) {
		int64_t id = sqlite3_column_int64(st, 0), off = sqlite3_column_int64(st, 3);
		for (int k = 1; k <= 2; k++) {
			char f[FOLD_MAX];
			const char *t = db_text(st, k);
			if (fold(t, f) <= 0)
				continue;
			int created;
			struct hentry *e = hmap_put(&p->orgs, &p->a, f, &created);
			if (!e) {
				sqlite3_reset(st);
				return -1;
			}
			if (created) {
				e->val = id;
				e->aux = off;
			} else if (e->val != id) {
				e->val = -1;
			}
		}
	}
	return rc < 0 ? -1 : 0;
}

/* The folded values of the places chosen for values naming several. */
static int load_place_choices(struct import_priv *p, const struct import_job *c)
{
	if (c->nplace_choices <= 0)
		return 0;
	p->choice_folded = arena_alloc(&p->a, (size_t)c->nplace_choices * sizeof *p->choice_folded);
	if (!p->choice_folded)
		return -1;
	for (int i = 0; i < c->nplace_choices; i++) {
		char f[FOLD_MAX];
		const char *v = c->place_choices[i].value;
		p->choice_folded[i] = v && fold(v, f) > 0 ? arena_strdup(&p->a, f) : "";
		if (!p->choice_folded[i])
			return -1;
	}
	return 0;
}

static int load_lookups(struct import_job *j, struct db *d, const struct import_ctx *c)
{
	struct import_priv *p = j->priv;
	int people = j->kind == IMPORT_PEOPLE;
	sqlite3_stmt *st;
	int rc;
	if (!(p->pm = place_matcher_load(d)) || load_place_choices(p, j) < 0)
		return -1;
	if (load_orgs(p, d, people ? c->office : 0) < 0)
		return -1;
	if (!people) {
		st = db_q(d, SQL_OFFICES, "");
		while (st && (rc = db_row(st)) == 1) {
			int64_t id = sqlite3_column_int64(st, 0);
			for (int k = 1; k <= 3; k++)
				if (lookup_add(p, &p->offices, db_text(st, k), id, 0) < 0) {
					sqlite3_reset(st);
					return -1;
				}
		}
		if (!st || rc < 0)
			return -1;
		st = db_q(d, SQL_SECTORS, "");
		while (st && (rc = db_row(st)) == 1) {
			int64_t id = sqlite3_column_int64(st, 0);
			for (int k = 1; k <= 3; k++)
				if (lookup_add(p, &p->sectors, db_text(st, k), id, 0) < 0) {
					sqlite3_reset(st);
					return -1;
				}
		}
		if (!st || rc < 0)
			return -1;
	}
	int err = 0;
	if (people) {
		err |= vset_build(p, &p->gender, &genders, gender_extra);
		err |= vset_build(p, &p->displacement, &displacements, displacement_extra);
		err |= vset_build(p, &p->education, &educations, education_extra);
	} else {
		err |= vset_build(p, &p->kind, &org_kinds, kind_extra);
		err |= vset_build(p, &p->stage, &org_stages, stage_extra);
		err |= vset_build(p, &p->maturity, &org_maturity, no_extra);
		err |= vset_build(p, &p->reg, &reg_statuses, reg_extra);
	}
	return err ? -1 : 0;
}

/* ---- value checks ---- */

/* 1 when the cell has control characters (newlines only where allowed),
 * or a bidirectional embedding, override or isolate control (an unclosed
 * U+202E flips what follows a name in every list; the rows-with-problems
 * file leaves them out, so that file sent back imports). */
static int has_ctrl(const char *s, int newlines_ok)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c < 0x20 && !(newlines_ok && (*c == '\n' || *c == '\r' || *c == '\t'))) || *c == 0x7f ||
		    utf8_is_bidi_control((const char *)c))
			return 1;
	return 0;
}

static long nchars(const char *s)
{
	long n = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		n += (*c & 0xc0) != 0x80;
	return n;
}

/* Splits folded text into digit groups; returns their count (at most max)
 * or -1 when something other than digits and separators is there. */
static int digit_groups(const char *s, long *val, int *len, int max)
{
	char f[FOLD_MAX];
	if (fold(s, f) <= 0)
		return -1;
	int n = 0;
	for (const char *c = f; *c;) {
		if (*c == ' ') {
			c++;
			continue;
		}
		if (*c < '0' || *c > '9' || n == max)
			return -1;
		long v = 0;
		int l = 0;
		while (*c >= '0' && *c <= '9') {
			if (l < 9)
				v = v * 10 + (*c - '0');
			l++;
			c++;
		}
		val[n] = v;
		len[n++] = l;
	}
	return n;
}

/* A date serial of Excel's (1900 system) standing alone in a cell: five
 * digits, 10000–99999 (1927-05-18 to 2173-10-14).  0, or -1. */
static int serial_day(const long *v, const int *l, int n, int *y, int *m, int *d)
{
	if (n != 1 || l[0] != 5)
		return -1;
	return xlsx_serial_date((double)v[0], 0, y, m, d);
}

/* A birth year from "1990", "١٩٩٠", "1990.0" (a number from a spreadsheet),
 * "1990-05-01", "1/5/1990" (with a time after it or not) or a date serial
 * (32874): the one four-digit group.  Returns the year, or 0 when there is none. */
static int parse_year(const char *s)
{
	long v[6];
	int l[6], year = 0, m, d;
	int n = digit_groups(s, v, l, 6);
	if (serial_day(v, l, n, &year, &m, &d) == 0)
		return year;
	if (n == 2 && l[0] == 4 && v[1] == 0)
		return (int)v[0];   /* 1990.0 */
	/* a date with a time of day after it ("1/5/1990 00:00"): the date */
	for (int i = 3; i < n; i++)
		if (l[i] > 2)
			return 0;
	if (n > 3)
		n = 3;
	if (n < 1 || (n != 1 && n != 3))
		return 0;
	for (int i = 0; i < n; i++)
		if (l[i] == 4) {
			if (year)
				return 0;
			year = (int)v[i];
		}
	return year;
}

/* A date from "2018-03-12", "2018/3/12", "12/3/2018", "12-3-2018" or
 * "12.3.2018" (day first, as in Syria), in any digits, with a time after
 * it or not ("12/03/2018 00:00"), or an Excel date serial (43171), written
 * as YYYY-MM-DD into out[11].  0 or -1. */
static int parse_date(const char *s, char out[11])
{
	long v[6];
	int l[6], y, m, d;
	int n = digit_groups(s, v, l, 6);
	if (serial_day(v, l, n, &y, &m, &d) == 0) {
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		return date_parse_iso(out, &y, &m, &d);
	}
	/* a time of day after the date: hours, minutes and seconds of two digits */
	for (int i = 3; i < n; i++)
		if (l[i] > 2)
			return -1;
	if (n < 3)
		return -1;
	if (l[0] == 4 && l[1] <= 2 && l[2] <= 2)
		snprintf(out, 11, "%04ld-%02ld-%02ld", v[0], v[1], v[2]);
	else if (l[2] == 4 && l[0] <= 2 && l[1] <= 2)
		snprintf(out, 11, "%04ld-%02ld-%02ld", v[2], v[1], v[0]);
	else
		return -1;
	return date_parse_iso(out, &y, &m, &d);
}

/* Normalizes a phone cell into norm; a number a spreadsheet made of it
 * ("9.44123456E+08", "944123456.0") is read by its digits, which then
 * replace *item.  0, or -1. */
static int phone_cell(struct arena *a, const char **item, char norm[PHONE_NORM_SIZE])
{
	if (phone_normalize(*item, norm, PHONE_NORM_SIZE) == 0)
		return 0;
	char digits[24];
	const char *kept;
	if (number_digits(*item, digits, sizeof digits) < 0 || phone_normalize(digits, norm, PHONE_NORM_SIZE) < 0 ||
	    !(kept = arena_strdup(a, digits)))
		return -1;
	*item = kept;
	return 0;
}

static int parse_yes_no(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "y", "1", "true", "نعم", "x", NULL };
	static const char *const no[] = { "no", "n", "0", "false", "لا", NULL };
	char f[FOLD_MAX];
	if (fold(s, f) <= 0)
		return -1;
	for (int i = 0; yes[i]; i++)
		if (folded_equal(yes[i], f))
			return *out = 1, 0;
	for (int i = 0; no[i]; i++)
		if (folded_equal(no[i], f))
			return *out = 0, 0;
	return -1;
}

/* The id of a folded name in a lookup: >0 found, 0 unknown, -1 ambiguous. */
static int64_t lookup(const struct hmap *m, const char *s, int64_t *aux)
{
	char f[FOLD_MAX];
	if (fold(s, f) <= 0)
		return 0;
	struct hentry *e = hmap_find(m, f);
	if (!e)
		return 0;
	if (aux)
		*aux = e->aux;
	return e->val;
}

/* The place a community cell means (place_match.c), or 0 with *err set.  A
 * value naming several places is asked once (j->place_asks): the place the
 * person chose for it, when one of its candidates, is every such row's. */
static int64_t place_of(struct import_job *j, size_t r, const char *v, const char **err)
{
	struct import_priv *p = j->priv;
	int64_t cands[PLACE_MATCH_MAX_CANDIDATES];
	int ncand = 0;
	int64_t id = place_match(p->pm, v, cands, PLACE_MATCH_MAX_CANDIDATES, &ncand);
	if (id > 0)
		return id;
	*err = id < 0 ? M_PLACE_AMBIG : M_PLACE_UNKNOWN;
	if (id == 0)
		return 0;
	char f[FOLD_MAX];
	if (fold(v, f) <= 0)
		return 0;
	struct import_place_ask *ask = NULL;
	for (int i = 0; i < j->nplace_asks && !ask; i++)
		if (!strcmp(j->place_asks[i].folded, f))
			ask = &j->place_asks[i];
	if (!ask && j->nplace_asks < LIMIT_IMPORT_PLACE_ASKS) {
		if (!j->place_asks && !(j->place_asks = calloc(LIMIT_IMPORT_PLACE_ASKS, sizeof *j->place_asks)))
			return -1;
		ask = &j->place_asks[j->nplace_asks];
		memset(ask, 0, sizeof *ask);
		if (!(ask->folded = arena_strdup(&p->a, f)))
			return -1;
		ask->value = v;
		ask->first_row = (long)r + 2 + j->header_row;
		ask->ncands = ncand;
		memcpy(ask->cands, cands, (size_t)ncand * sizeof *cands);
		for (int i = 0; i < j->nplace_choices; i++)
			if (!strcmp(p->choice_folded[i], f))
				for (int k = 0; k < ncand; k++)
					if (cands[k] == j->place_choices[i].place_id)
						ask->chosen = cands[k];
		j->nplace_asks++;
	}
	if (!ask)
		return 0;
	ask->nrows++;
	if (ask->chosen)
		*err = NULL;
	return ask->chosen;
}

/* Splits a cell holding a list ("a, b؛ c") into its trimmed items, copied
 * into the arena.  Returns the number of items (at most max) or -1. */
static int split_list(struct arena *a, const char *s, const char **items, int max)
{
	int n = 0;
	const char *c = s;
	while (*c) {
		size_t len = 0;
		const char *start = c;
		while (c[len] && !strchr(",;|\n\r", c[len]) && strncmp(c + len, "،", 2) != 0 &&
		       strncmp(c + len, "؛", 2) != 0)
			len++;
		c += len;
		if (*c)
			c += (unsigned char)*c >= 0x80 ? 2 : 1;
		while (len && (*start == ' ' || *start == '\t')) {
			start++;
			len--;
		}
		while (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		if (!len)
			continue;
		if (n == max)
			return max + 1;
		if (!(items[n++] = arena_strndup(a, start, len)))
			return -1;
	}
	return n;
}

/* ---- duplicates ---- */

static int years_close(int a, int b)
{
	return !a || !b || (a - b <= 1 && b - a <= 1);
}

static int name_add_member(struct import_priv *p, struct dup_name *dn, int year, int ref_kind, int64_t ref)
{
	for (int i = 0; i < dn->n; i++)
		if (dn->m[i].year == year)
			return 0; /* the first with this birth year stands for the others */
	if (dn->n == dn->cap) {
		int cap = dn->cap ? dn->cap * 2 : 2;
		struct dup_member *m = arena_alloc(&p->a, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		if (dn->n)
			memcpy(m, dn->m, (size_t)dn->n * sizeof *m);
		dn->m = m;
		dn->cap = cap;
	}
	dn->m[dn->n].year = year;
	dn->m[dn->n].ref_kind = ref_kind;
	dn->m[dn->n++].ref = ref;
	return 0;
}

/* The name entry of a bucket with this folded name, created when absent. */
static struct dup_name *bucket_name(struct import_priv *p, struct dup_bucket *b, const char *name, const char *folded)
{
	for (int i = 0; i < b->n; i++)
		if (!strcmp(b->names[i].folded, folded))
			return &b->names[i];
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 2;
		struct dup_name *nn = arena_alloc(&p->a, (size_t)cap * sizeof *nn);
		if (!nn)
			return NULL;
		if (b->n)
			memcpy(nn, b->names, (size_t)b->n * sizeof *nn);
		b->names = nn;
		b->cap = cap;
	}
	struct dup_name *dn = &b->names[b->n];
	memset(dn, 0, sizeof *dn);
	dn->name = arena_strdup(&p->a, name);
	dn->folded = arena_strdup(&p->a, folded);
	if (!dn->name || !dn->folded)
		return NULL;
	b->n++;
	return dn;
}

/* The bucket of a phonetic key, loaded with the registered people who have it. */
static struct dup_bucket *key_bucket(struct import_priv *p, struct db *d, const struct import_ctx *c, const char *key)
{
	int created;
	struct hentry *e = hmap_put(&p->keys, &p->a, key, &created);
	if (!e)
		return NULL;
	if (!created)
		return &p->buckets[e->val];
	if (grow((void **)&p->buckets, &p->buckets_cap, p->nbuckets + 1, sizeof *p->buckets) < 0)
		return NULL;
	e->val = (int64_t)p->nbuckets;
	struct dup_bucket *b = &p->buckets[p->nbuckets++];
	memset(b, 0, sizeof *b);
	sqlite3_stmt *st = db_q(d, SQL_KEY_PEOPLE, "tI", key, (long long)c->office);
	if (!st)
		return NULL;
	int rc;
	while ((rc = db_row(st)) == 1) {
		const char *name = db_text(st, 1), *folded = db_text(st, 2);
		char f[FOLD_MAX];
		if (!*folded && fold(name, f) > 0)
			folded = f;
		struct dup_name *dn = bucket_name(p, b, name, folded);
		if (!dn || name_add_member(p, dn, sqlite3_column_int(st, 3), IMPORT_REF_PERSON,
					   sqlite3_column_int64(st, 0)) < 0) {
			sqlite3_reset(st);
			return NULL;
		}
	}
	return rc < 0 ? NULL : b;
}

/* A member of dn whose birth year is close to year, or NULL. */
static const struct dup_member *close_member(const struct dup_name *dn, int year)
{
	for (int i = 0; i < dn->n; i++)
		if (years_close(dn->m[i].year, year))
			return &dn->m[i];
	return NULL;
}

/* Flags row r (spreadsheet row rowno) when a registered person or an
 * earlier row has the same phone or a similar name; then remembers it. */
static int person_dups(struct import_job *j, struct db *d, const struct import_ctx *c, struct prow *pr, long rowno,
		       int phone_col, int name_col)
{
	struct import_priv *p = j->priv;
	int flagged = 0;
	for (int i = 0; i < pr->nphones; i++) {
		const char *norm = pr->norms[i];
		if (!flagged) {
			long long id = db_int(d, 0, SQL_PHONE_DUP, "tI", norm, (long long)c->office);
			if (id > 0) {
				flagged = 1;
				if (add_issue(j, rowno, phone_col, IMPORT_WARNING, W_PERSON_PHONE, IMPORT_REF_PERSON, id) < 0)
					return -1;
			}
		}
		int created;
		struct hentry *e = hmap_put(&p->phones, &p->a, norm, &created);
		if (!e)
			return -1;
		if (created) {
			e->val = rowno;
		} else if (!flagged && e->val != rowno) {
			flagged = 1;
			if (add_issue(j, rowno, phone_col, IMPORT_WARNING, W_ROW_PHONE, IMPORT_REF_ROW, e->val) < 0)
				return -1;
		}
	}
	char key[NAME_KEY_SIZE], folded[FOLD_MAX];
	if (strlen(pr->name) > NAME_INPUT_MAX || name_key(pr->name, key, sizeof key) <= 0 ||
	    fold(pr->name, folded) <= 0)
		return 0;
	/* kept for the writing (person_save would make them again); no memory: it does */
	pr->folded = arena_strdup(&p->a, folded);
	pr->key = pr->folded ? arena_strdup(&p->a, key) : NULL;
	struct dup_bucket *b = key_bucket(p, d, c, key);
	if (!b)
		return -1;
	const struct dup_member *m = NULL;
	struct dup_name *same = NULL;
	for (int i = 0; i < b->n; i++)
		if (!strcmp(b->names[i].folded, folded)) {
			same = &b->names[i];
			m = close_member(same, pr->birth_year);
			break;
		}
	for (int i = 0, calls = 0; !m && i < b->n && calls < MAX_SIMILARITY_CALLS; i++) {
		struct dup_name *dn = &b->names[i];
		if (dn == same || !close_member(dn, pr->birth_year))
			continue;
		calls++;
		if (name_similarity(pr->name, dn->name) >= NAME_MATCH_THRESHOLD)
			m = close_member(dn, pr->birth_year);
	}
	if (m && add_issue(j, rowno, name_col, IMPORT_WARNING, m->ref_kind == IMPORT_REF_PERSON ? W_PERSON_NAME : W_ROW_NAME,
			   m->ref_kind, m->ref) < 0)
		return -1;
	if (!same && !(same = bucket_name(p, b, pr->name, folded)))
		return -1;
	return name_add_member(p, same, pr->birth_year, IMPORT_REF_ROW, rowno);
}

/* ---- rows ---- */

/* 1 when every cell of the row is empty. */
static int row_empty(const struct import_job *j, size_t r)
{
	const struct import_priv *p = j->priv;
	if (rec_extra(p, r + 1))
		return 0;
	for (size_t k = p->recs[r + 1]; k < p->recs[r + 2]; k++)
		if (p->text[p->cells[k]])
			return 0;
	return 1;
}

/* The end of a row's checks, the same for people and organizations: the name
 * is required and must hold letters (folded into `folded`); the row counts as
 * bad or ready.  Returns 1 bad, 0 ready, -1 out of memory. */
static int finish_row(struct import_job *j, size_t r, long rowno, int name_col, const char **name,
		      char folded[FOLD_MAX], size_t errors_before)
{
	folded[0] = 0;
	if (name_col >= 0 && !*name && !*import_cell(j, r, name_col)) {
		if (add_issue(j, rowno, name_col, IMPORT_ERROR, M_NAME_REQ, 0, 0) < 0)
			return -1;
	} else if (*name && fold(*name, folded) <= 0) {
		if (add_issue(j, rowno, name_col, IMPORT_ERROR, M_NAME_LETTERS, 0, 0) < 0)
			return -1;
		*name = NULL;
	}
	int bad = j->nerrors > errors_before;
	if (bad)
		j->nerror_rows++;
	else
		j->nready++;
	return bad;
}

static int check_person(struct import_job *j, struct db *d, const struct import_ctx *c, size_t r, const int *col_of)
{
	struct import_priv *p = j->priv;
	struct prow *pr = &p->prows[r];
	long rowno = (long)r + 2 + j->header_row;
	size_t errors = j->nerrors;
	pr->disability = DISABILITY_UNSET;   /* a blank cell says nothing: not "no" */
	if (row_empty(j, r)) {
		pr->skip = 1;
		j->nempty++;
		return 0;
	}
	if (rec_extra(p, r + 1) && add_issue(j, rowno, -1, IMPORT_ERROR, M_EXTRA, 0, 0) < 0)
		return -1;
	int rc = 0;
	for (int col = 0; col < j->ncols && !rc; col++) {
		int f = j->map[col];
		const char *v = import_cell(j, r, col);
		if (f < 0 || !*v)
			continue;
		const char *err = NULL;
		if (has_ctrl(v, 0))
			err = M_CTRL;
		else if (nchars(v) > people_fields[f].max_chars)
			err = M_LONG;
		else
			switch (f) {
			case PF_NAME: pr->name = v; break;
			case PF_LATIN: pr->latin = v; break;
			case PF_ROLE: pr->role = v; break;
			case PF_GENDER:
				if (!(pr->gender = vset_match(&p->gender, v)))
					err = M_GENDER;
				break;
			case PF_DISPLACEMENT:
				if (!(pr->displacement = vset_match(&p->displacement, v)))
					err = M_DISPLACEMENT;
				break;
			case PF_EDUCATION:
				if (!(pr->education = vset_match(&p->education, v)))
					err = M_EDUCATION;
				break;
			case PF_DISABILITY:
				if (parse_yes_no(v, &pr->disability) < 0)
					err = M_DISABILITY;
				break;
			case PF_BIRTH: {
				int y = parse_year(v);
				if (!y)
					err = M_BIRTH;
				else if (y < LIMIT_BIRTH_YEAR_MIN || y > p->this_year)
					err = M_BIRTH_RANGE;
				else
					pr->birth_year = y;
				break;
			}
			case PF_PHONE:
			case PF_PHONE2: {
				const char *items[3];
				int n = split_list(&p->a, v, items, 3);
				if (n < 0) {
					rc = -1;
					break;
				}
				if (n > 3)
					err = M_PHONES_MAX;
				for (int i = 0; i < n && !err; i++) {
					char norm[PHONE_NORM_SIZE];
					if (pr->nphones == 3)
						err = M_PHONES_MAX;
					else if (strlen(items[i]) > PHONE_INPUT_MAX || phone_cell(&p->a, &items[i], norm) < 0)
						err = M_PHONE;
					else if (!(pr->norms[pr->nphones] = arena_strdup(&p->a, norm)))
						rc = -1;
					else
						pr->phones[pr->nphones++] = items[i];
				}
				break;
			}
			case PF_COMMUNITY: {
				int64_t id = place_of(j, r, v, &err);
				if (id < 0)
					rc = -1;
				else if (id > 0)
					pr->place = id;
				break;
			}
			case PF_ORG: {
				int64_t office = 0, id = lookup(&p->orgs, v, &office);
				if (id > 0) {
					pr->org = id;
					pr->org_office = office;
				} else {
					err = id < 0 ? M_ORG_AMBIG : M_ORG_UNKNOWN;
				}
				break;
			}
			}
		if (err && add_issue(j, rowno, col, IMPORT_ERROR, err, 0, 0) < 0)
			rc = -1;
	}
	if (rc)
		return rc;
	int name_col = col_of[PF_NAME];
	char folded[FOLD_MAX];
	int bad = finish_row(j, r, rowno, name_col, &pr->name, folded, errors);
	if (bad < 0)
		return -1;
	pr->bad = bad;
	if (c->dup_check && pr->name) {
		int phone_col = col_of[PF_PHONE] >= 0 ? col_of[PF_PHONE] : col_of[PF_PHONE2];
		return person_dups(j, d, c, pr, rowno, phone_col, name_col);
	}
	return 0;
}

static int check_org(struct import_job *j, const struct import_ctx *c, size_t r, const int *col_of)
{
	struct import_priv *p = j->priv;
	struct orow *o = &p->orows[r];
	long rowno = (long)r + 2 + j->header_row;
	size_t errors = j->nerrors;
	if (row_empty(j, r)) {
		o->skip = 1;
		j->nempty++;
		return 0;
	}
	if (rec_extra(p, r + 1) && add_issue(j, rowno, -1, IMPORT_ERROR, M_EXTRA, 0, 0) < 0)
		return -1;
	int rc = 0;
	for (int col = 0; col < j->ncols && !rc; col++) {
		int f = j->map[col];
		const char *v = import_cell(j, r, col);
		if (f < 0 || !*v)
			continue;
		const char *err = NULL;
		if (has_ctrl(v, f == OF_SECTORS))
			err = M_CTRL;
		else if (nchars(v) > org_fields[f].max_chars)
			err = M_LONG;
		else
			switch (f) {
			case OF_NAME: o->name = v; break;
			case OF_NAME_EN: o->name_en = v; break;
			case OF_REG_NUMBER: o->reg_number = v; break;
			case OF_PHONE: o->phone = v; break;
			case OF_KIND:
				if (!(o->kind = vset_match(&p->kind, v)))
					err = M_KIND;
				break;
			case OF_STAGE:
				if (!(o->stage = vset_match(&p->stage, v)))
					err = M_STAGE;
				break;
			case OF_MATURITY:
				if (!(o->maturity = vset_match(&p->maturity, v)))
					err = M_MATURITY;
				break;
			case OF_REG_STATUS:
				if (!(o->reg_status = vset_match(&p->reg, v)))
					err = M_REG;
				break;
			case OF_REG_DATE:
			case OF_FOUNDED: {
				char iso[11];
				if (parse_date(v, iso) < 0)
					err = M_DATE;
				else if (!(*(f == OF_REG_DATE ? &o->reg_date : &o->founded) = arena_strdup(&p->a, iso)))
					rc = -1;
				break;
			}
			case OF_EMAIL: {
				const char *at = strchr(v, '@');
				if (!at || at == v || !at[1] || strchr(at + 1, '@') || strpbrk(v, " \t,;<>"))
					err = M_EMAIL;
				else
					o->email = v;
				break;
			}
			case OF_OFFICE: {
				int64_t id = lookup(&p->offices, v, NULL);
				if (id <= 0)
					err = M_OFFICE_UNKNOWN;
				else if (c->office && id != c->office)
					err = M_OFFICE_SCOPE;
				else
					o->office = id;
				break;
			}
			case OF_COMMUNITY: {
				int64_t id = place_of(j, r, v, &err);
				if (id < 0)
					rc = -1;
				else if (id > 0)
					o->place = id;
				break;
			}
			case OF_SECTORS: {
				const char *items[32];
				int n = split_list(&p->a, v, items, 31);
				if (n < 0) {
					rc = -1;
					break;
				}
				if (n > 31)
					n = 31;
				o->sectors = arena_alloc(&p->a, (size_t)(n ? n : 1) * sizeof *o->sectors);
				if (!o->sectors) {
					rc = -1;
					break;
				}
				for (int i = 0; i < n && !err; i++) {
					int64_t id = lookup(&p->sectors, items[i], NULL);
					if (id <= 0)
						err = M_SECTOR_UNKNOWN;
					else
						o->sectors[o->nsectors++] = id;
				}
				break;
			}
			}
		if (err && add_issue(j, rowno, col, IMPORT_ERROR, err, 0, 0) < 0)
			rc = -1;
	}
	if (rc)
		return rc;
	int name_col = col_of[OF_NAME];
	char folded[FOLD_MAX];
	int bad = finish_row(j, r, rowno, name_col, &o->name, folded, errors);
	if (bad < 0)
		return -1;
	o->bad = bad;
	if (c->dup_check && o->name) {
		struct hentry *e = hmap_find(&p->orgs, folded);
		if (e && add_issue(j, rowno, name_col, IMPORT_WARNING, W_ORG, e->val > 0 ? IMPORT_REF_ORG : IMPORT_REF_NONE,
				   e->val > 0 ? e->val : 0) < 0)
			return -1;
		int created;
		struct hentry *n = hmap_put(&p->names, &p->a, folded, &created);
		if (!n)
			return -1;
		if (created)
			n->val = rowno;
		else if (!e && add_issue(j, rowno, name_col, IMPORT_WARNING, W_ORG_ROW, IMPORT_REF_ROW, n->val) < 0)
			return -1;
	}
	return 0;
}

static long check_rows(struct import_job *j, struct db *d, const struct import_ctx *c);

long import_check(struct import_job *j, struct db *d, const struct import_ctx *c)
{
	if (!j->priv || j->fatal)
		return -1;
	/* one read transaction: one snapshot, and no lock taken per query */
	sqlite3 *h = db_handle(d);
	int own = sqlite3_get_autocommit(h) && sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	long rc = check_rows(j, d, c);
	if (own)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	return rc;
}

static long check_rows(struct import_job *j, struct db *d, const struct import_ctx *c)
{
	struct import_priv *p = j->priv;
	if (!p || j->fatal)
		return -1;
	free_check(p);
	free(j->place_asks);
	j->place_asks = NULL;
	j->nplace_asks = 0;
	j->nissues = j->nerrors = j->nwarnings = j->nerror_rows = j->nempty = j->nready = 0;
	/* the mapping: the name is needed, a field goes to one column */
	int col_of[MAX_FIELDS];
	for (int f = 0; f < (int)(sizeof col_of / sizeof *col_of); f++)
		col_of[f] = -1;
	for (int col = 0; col < j->ncols; col++) {
		int f = j->map[col];
		if (f < 0 || f >= import_nfields(j->kind))
			continue;
		if (col_of[f] >= 0) {
			if (add_issue(j, 0, col, IMPORT_ERROR, M_DUP_MAP, 0, 0) < 0)
				return -1;
			continue;
		}
		col_of[f] = col;
	}
	if (col_of[0] < 0 && add_issue(j, 0, -1, IMPORT_ERROR, M_NO_NAME_COL, 0, 0) < 0)
		return -1;
	if (j->nerrors)
		return (long)j->nerrors;
	p->this_year = date_this_year();
	if (load_lookups(j, d, c) < 0)
		return -1;
	if (j->kind == IMPORT_PEOPLE)
		p->prows = calloc(j->nrows, sizeof *p->prows);
	else
		p->orows = calloc(j->nrows, sizeof *p->orows);
	if (!p->prows && !p->orows)
		return -1;
	for (size_t r = 0; r < j->nrows; r++) {
		int rc = j->kind == IMPORT_PEOPLE ? check_person(j, d, c, r, col_of) : check_org(j, c, r, col_of);
		if (rc < 0)
			return -1;
		if (c->progress && ((r + 1) % 4096 == 0 || r + 1 == j->nrows))
			c->progress(c->progress_arg, "check", r + 1, j->nrows);
	}
	return (long)j->nerrors;
}

/* ---- writing ---- */

static const char SQL_MEMBER_ADD[] =
	"INSERT INTO memberships (person_id, org_id, role, start_date, end_date) VALUES (?1, ?2, ?3, '', '')";
static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static int write_person(struct db *w, const struct import_ctx *c, const struct prow *pr)
{
	struct person_in in;
	memset(&in, 0, sizeof in);
	in.name_ar = pr->name;
	in.name_latin = or_empty(pr->latin);
	in.gender = or_empty(pr->gender);
	in.displacement = or_empty(pr->displacement);
	in.education = or_empty(pr->education);
	in.consent_date = in.consent_purpose = "";
	for (int i = 0; i < pr->nphones; i++)
		in.phones[i] = pr->phones[i];
	in.birth_year = pr->birth_year;
	in.place_id = pr->place;
	in.disability = pr->disability;
	in.office_id = c->office ? c->office : pr->org_office;
	in.name_folded = pr->key ? pr->folded : NULL;
	in.name_key = pr->key;
	int64_t id = person_save(w, -1, 0, &in);
	if (id <= 0)
		return -1;
	if (pr->org && db_do(w, SQL_MEMBER_ADD, "IIt", (long long)id, (long long)pr->org, or_empty(pr->role)) < 0)
		return -1;
	return 0;
}

static int write_org(struct db *w, const struct import_ctx *c, const struct orow *o)
{
	struct org_in in;
	memset(&in, 0, sizeof in);
	in.name_ar = o->name;
	in.name_en = o->name_en;
	in.kind = o->kind;
	in.reg_status = o->reg_status;
	in.reg_number = o->reg_number;
	in.reg_date = o->reg_date;
	in.founded = o->founded;
	in.stage = o->stage;
	in.maturity = o->maturity;
	in.phone = o->phone;
	in.email = o->email;
	in.place_id = o->place;
	in.office_id = o->office ? o->office : c->office;
	in.sectors = o->sectors;
	in.nsectors = o->nsectors;
	return org_save(w, -1, 0, &in) > 0 ? 0 : -1;
}

/* Writes the accepted rows; returns their number or -1. */
static long commit_rows(struct import_job *j, struct db *w, const struct import_ctx *c)
{
	struct import_priv *p = j->priv;
	long written = 0;
	for (size_t r = 0; r < j->nrows; r++) {
		int rc;
		if (j->kind == IMPORT_PEOPLE) {
			if (p->prows[r].skip || (c->skip_bad && p->prows[r].bad))
				continue;
			rc = write_person(w, c, &p->prows[r]);
		} else {
			if (p->orows[r].skip || (c->skip_bad && p->orows[r].bad))
				continue;
			rc = write_org(w, c, &p->orows[r]);
		}
		if (rc < 0)
			return -1;
		written++;
		if (c->progress && ((r + 1) % 4096 == 0 || r + 1 == j->nrows))
			c->progress(c->progress_arg, "write", r + 1, j->nrows);
		if (c->stopped && (r + 1) % 4096 == 0 && c->stopped(c->progress_arg))
			return -1;
	}
	return written;
}

/* The file's name for the audit detail: without control characters, cut
 * at a character boundary. */
static void audit_filename(char name[128], const char *filename)
{
	size_t n = 0;
	const unsigned char *s = (const unsigned char *)(filename ? filename : "");
	for (; *s && n < 127; s++)
		name[n++] = *s < 0x20 || *s == 0x7f ? '_' : (char)*s;
	if ((*s & 0xc0) == 0x80) {
		/* cut inside a character: leave the whole character out */
		while (n && ((unsigned char)name[n - 1] & 0xc0) == 0x80)
			n--;
		if (n)
			n--;
	}
	name[n] = 0;
}

/* The audit detail "rows=N file=NAME"; when rows with errors were left out,
 * "rows=N skipped=K skipped_rows=3,7-9 file=NAME": their numbers only (as a
 * spreadsheet numbers them), runs written as ranges, the list ended with
 * "…" past LIMIT_IMPORT_AUDIT_ROWS_BYTES.  The name comes last: it may hold
 * spaces. */
static int audit_detail(struct strbuf *out, const struct import_job *j, const struct import_ctx *c, long rows,
			const char *filename)
{
	char name[128];
	audit_filename(name, filename);
	sb_addf(out, "rows=%ld", rows);
	if (c->skip_bad && j->nerror_rows) {
		sb_addf(out, " skipped=%zu skipped_rows=", j->nerror_rows);
		size_t start = 0, first = 1;
		for (size_t r = 0; r <= j->nrows; r++) {
			int bad = r < j->nrows && import_row_bad(j, r);
			if (bad && !start) {
				start = r + 1;  /* 1-based, so 0 means none */
			} else if (!bad && start) {
				if (out->len >= LIMIT_IMPORT_AUDIT_ROWS_BYTES) {
					sb_adds(out, ",…");
					break;
				}
				long from = (long)start + 1, to = (long)r + 1;  /* spreadsheet rows: data row 0 is row 2 */
				sb_addf(out, first ? "%ld" : ",%ld", from);
				if (to > from)
					sb_addf(out, "-%ld", to);
				first = 0;
				start = 0;
			}
		}
	}
	sb_addf(out, " file=%s", name);
	return out->failed ? -1 : 0;
}

int import_row_bad(const struct import_job *j, size_t row)
{
	const struct import_priv *p = j->priv;
	if (!p || row >= j->nrows)
		return 0;
	if (p->prows)
		return p->prows[row].bad;
	return p->orows ? p->orows[row].bad : 0;
}

int import_skippable(const struct import_job *j)
{
	return j->priv && !j->fatal && j->nready > 0 && j->nerror_rows > 0;
}

long import_commit(struct import_job *j, struct db *w, const struct import_ctx *c, int64_t actor, const char *filename)
{
	struct import_priv *p = j->priv;
	if (!p || j->fatal || (!p->prows && !p->orows))
		return -1;
	/* errors refuse the whole file, unless the rows with errors are left out
	 * (they are all on rows: some rows are ready) */
	if (j->nerrors && !(c->skip_bad && import_skippable(j)))
		return -1;
	/* a big import: a larger cache, and indexes made again after the rows
	 * rather than filled row by row (import_bulk.h) */
	struct import_bulk bulk;
	long written = import_bulk_begin(w, j->kind == IMPORT_PEOPLE, j->nready, &bulk) < 0 ? -1
		: commit_rows(j, w, c);
	if (import_bulk_end(w, &bulk, written >= 0) < 0)
		written = -1;
	if (written < 0)
		return -1;
	struct strbuf detail;
	sb_init(&detail, 2 * LIMIT_IMPORT_AUDIT_ROWS_BYTES);
	int rc = audit_detail(&detail, j, c, written, filename);
	if (rc == 0)
		rc = audit_write(w, actor, "import", import_kind_key(j->kind), 0, sb_str(&detail));
	sb_release(&detail);
	return rc < 0 ? -1 : written;
}

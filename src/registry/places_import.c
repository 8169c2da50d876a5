/* places_import — loads the official list of places (see places_import.h).
 * The file is parsed once with libcsv into the distinct units of each level
 * (sorted by level and p-code, so a unit's parent is found by bisection and
 * is always written before it); then one db_write matches, updates or adds
 * each unit, level by level. */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "registry/places_import.h"
#include "registry/place_match.h"
#include "auth/audit.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/limits.h"
#include "core/textfold.h"
#include "core/utf8.h"
#include "db/db.h"
#include "core/banned.h"

/* The file read at most, and the columns of a row kept. */
#define MAX_FILE_BYTES ((size_t)64 << 20)
#define MAX_COLS 128
#define PCODE_MAX 24
#define KEY_MAX 1024

enum { F_PCODE, F_EN, F_AR, F_COUNT };

struct unit {
	int level;
	const char *pcode, *parent;     /* parent: the p-code one level up, NULL at level 1 */
	const char *en, *ar;
	long row;                       /* first row with it */
	int64_t id;                     /* the place it is, once written */
};

struct parse {
	struct arena a;
	struct arena rec_a;             /* the current record's cells */
	int col[5][F_COUNT];            /* column of each level's field, -1 absent */
	int levels;                     /* levels 1..levels are in the file */
	const char *cells[MAX_COLS];
	size_t lens[MAX_COLS];
	int ncells;
	long rec;                       /* records read, the header included */
	struct unit *u;
	size_t nu, cap;
	int failed;                     /* 1: the file is refused (res->error), 2: memory */
	struct places_import_result *res;
};

static void refuse(struct parse *p, long row, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void refuse(struct parse *p, long row, const char *fmt, ...)
{
	if (p->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->res->error, sizeof p->res->error, fmt, ap);
	va_end(ap);
	p->res->error_row = row;
	p->failed = 1;
}

/* A header name without case, spaces, underscores or dashes: "admin1pcode". */
static void header_key(const char *s, size_t n, char *out, size_t outsz)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < outsz; i++) {
		char c = s[i];
		if (c == ' ' || c == '_' || c == '-' || c == '\t')
			continue;
		out[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[k] = 0;
}

/* The level and field a header names, or 0. */
static int header_field(const char *key, int *field)
{
	static const char *const pats[][2] = {
		{ "admin%dpcode", NULL }, { "adm%dpcode", NULL }, { "admin%dnameen", NULL }, { "adm%den", NULL },
		{ "adm%dnameen", NULL }, { "admin%dnamear", NULL }, { "adm%dar", NULL }, { "adm%dnamear", NULL },
	};
	static const int fields[] = { F_PCODE, F_PCODE, F_EN, F_EN, F_EN, F_AR, F_AR, F_AR };
	for (int level = 1; level <= 4; level++)
		for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
			char want[32];
			snprintf(want, sizeof want, pats[i][0], level);
			if (!strcmp(key, want)) {
				*field = fields[i];
				return level;
			}
		}
	return 0;
}

static void on_header(struct parse *p)
{
	memset(p->col, -1, sizeof p->col);
	for (int c = 0; c < p->ncells; c++) {
		char key[64];
		int field;
		header_key(p->cells[c], p->lens[c], key, sizeof key);
		int level = header_field(key, &field);
		if (level && p->col[level][field] < 0)
			p->col[level][field] = c;
	}
	p->levels = 0;
	while (p->levels < 4 && p->col[p->levels + 1][F_PCODE] >= 0)
		p->levels++;
	if (!p->levels)
		refuse(p, 1, "no column admin1Pcode (or ADM1_PCODE): this is not an administrative boundaries table");
	for (int l = p->levels + 1; l <= 4 && !p->failed; l++)
		if (p->col[l][F_PCODE] >= 0)
			refuse(p, 1, "the file has admin%dPcode but not admin%dPcode", l, l - 1);
	for (int l = 1; l <= p->levels && !p->failed; l++)
		if (p->col[l][F_EN] < 0 && p->col[l][F_AR] < 0)
			refuse(p, 1, "no name column for level %d (admin%dName_en or admin%dName_ar)", l, l, l);
}

/* A cell of the current record (copied into the arena, "" when absent). */
static const char *cell(struct parse *p, int col)
{
	if (col < 0 || col >= p->ncells)
		return "";
	const char *s = arena_strndup(&p->a, p->cells[col], p->lens[col]);
	if (!s)
		p->failed = 2;
	return s ? s : "";
}

static int pcode_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > PCODE_MAX)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return 0;
	return 1;
}

static void on_row(struct parse *p)
{
	long row = p->rec;   /* as a spreadsheet numbers it: the header is row 1 */
	if (row - 1 > LIMIT_PLACES) {
		refuse(p, row, "more than %d rows", LIMIT_PLACES);
		return;
	}
	int empty = 1;
	for (int c = 0; c < p->ncells; c++)
		empty &= p->lens[c] == 0;
	if (empty)
		return;
	p->res->rows++;
	const char *parent = NULL;
	for (int l = 1; l <= p->levels && !p->failed; l++) {
		const char *pcode = cell(p, p->col[l][F_PCODE]);
		if (!*pcode) {
			/* a row may stop at a higher level; nothing below it then */
			for (int k = l + 1; k <= p->levels; k++)
				if (p->col[k][F_PCODE] >= 0 && p->col[k][F_PCODE] < p->ncells && p->lens[p->col[k][F_PCODE]])
					refuse(p, row, "admin%dPcode is empty but admin%dPcode is not", l, k);
			return;
		}
		if (!pcode_ok(pcode)) {
			refuse(p, row, "admin%dPcode \"%.40s\" is not a p-code (letters and digits, at most %d)", l, pcode,
			       PCODE_MAX);
			return;
		}
		const char *en = cell(p, p->col[l][F_EN]), *ar = cell(p, p->col[l][F_AR]);
		if (!*en && !*ar) {
			refuse(p, row, "%s has no name", pcode);
			return;
		}
		if (p->nu == p->cap) {
			size_t cap = p->cap ? p->cap * 2 : 1024;
			struct unit *u = realloc(p->u, cap * sizeof *u);
			if (!u) {
				p->failed = 2;
				return;
			}
			p->u = u;
			p->cap = cap;
		}
		p->u[p->nu++] = (struct unit){ l, pcode, parent, *en ? en : ar, *ar ? ar : en, row, 0 };
		parent = pcode;
	}
}

static void on_field(void *field, size_t len, void *arg)
{
	struct parse *p = arg;
	if (p->failed)
		return;
	const char *s = field ? field : "";
	/* trimmed; a BOM before the first header is not part of it */
	if (p->rec == 0 && p->ncells == 0 && len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		s += 3;
		len -= 3;
	}
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (p->ncells == MAX_COLS) {
		refuse(p, p->rec + 1, "more than %d columns", MAX_COLS);
		return;
	}
	if (utf8_count(s, len) > LIMIT_PLACE_IMPORT_CELL_CHARS) {
		refuse(p, p->rec + 1, "a cell is longer than %d characters", LIMIT_PLACE_IMPORT_CELL_CHARS);
		return;
	}
	char *copy = arena_strndup(&p->rec_a, s, len);
	if (!copy) {
		p->failed = 2;
		return;
	}
	p->cells[p->ncells] = copy;
	p->lens[p->ncells++] = len;
}

static void on_record(int c, void *arg)
{
	(void)c;
	struct parse *p = arg;
	if (p->failed)
		return;
	p->rec++;
	if (p->rec == 1)
		on_header(p);
	else
		on_row(p);
	p->ncells = 0;
	arena_reset(&p->rec_a);
}

static int by_level_pcode(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	if (x->level != y->level)
		return x->level - y->level;
	int c = strcmp(x->pcode, y->pcode);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

static struct unit *find_unit(struct parse *p, int level, const char *pcode)
{
	struct unit key = { .level = level, .pcode = pcode, .row = 0 };
	size_t lo = 0, hi = p->nu;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct unit *m = &p->u[mid];
		int c = m->level != key.level ? m->level - key.level : strcmp(m->pcode, key.pcode);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nu && p->u[lo].level == level && !strcmp(p->u[lo].pcode, pcode) ? &p->u[lo] : NULL;
}

/* Parses the file into p->u: distinct units sorted by level and p-code, a
 * p-code always under the same parent.  0, or -1 (p->failed says why). */
static int parse_file(struct parse *p, const char *data, size_t len)
{
	if (len > MAX_FILE_BYTES) {
		refuse(p, 0, "the file is larger than %zu MiB", MAX_FILE_BYTES >> 20);
		return -1;
	}
	if (utf8_count(data, len) < 0 || memchr(data, 0, len)) {
		refuse(p, 0, "the file is not UTF-8 text (save it as \"CSV UTF-8\")");
		return -1;
	}
	struct csv_parser cp;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		p->failed = 2;
		return -1;
	}
	if (csv_parse(&cp, data, len, on_field, on_record, p) != len && !p->failed)
		refuse(p, p->rec + 1, "the file cannot be read as CSV (a misplaced quote mark)");
	if (!p->failed && csv_fini(&cp, on_field, on_record, p) != 0)
		refuse(p, p->rec + 1, "the file cannot be read as CSV (a quoted cell is never closed)");
	csv_free(&cp);
	if (p->failed)
		return -1;
	if (p->rec < 1) {
		refuse(p, 0, "the file is empty");
		return -1;
	}
	if (p->res->rows == 0) {
		refuse(p, 0, "the file has a header row but no rows");
		return -1;
	}
	if (p->nu == 0) {
		refuse(p, 0, "no row has an admin1Pcode");
		return -1;
	}
	qsort(p->u, p->nu, sizeof *p->u, by_level_pcode);
	size_t k = 0;
	for (size_t i = 0; i < p->nu; i++) {
		if (k && p->u[k - 1].level == p->u[i].level && !strcmp(p->u[k - 1].pcode, p->u[i].pcode)) {
			const char *a = p->u[k - 1].parent, *b = p->u[i].parent;
			if ((a || b) && (!a || !b || strcmp(a, b) != 0)) {
				refuse(p, p->u[i].row, "%s is under %s on row %ld and under %s here", p->u[i].pcode, a ? a : "-",
				       p->u[k - 1].row, b ? b : "-");
				return -1;
			}
			continue;
		}
		p->u[k++] = p->u[i];
	}
	p->nu = k;
	if (p->nu > LIMIT_PLACES) {
		refuse(p, 0, "more than %d places", LIMIT_PLACES);
		return -1;
	}
	p->res->units = (long)p->nu;
	return 0;
}

/* ---- writing ---- */

static const char SQL_BY_PCODE[] =
	"SELECT id, coalesce(parent_id, 0), level, name_ar, name_en FROM places WHERE pcode = ?1";
static const char SQL_CANDIDATES[] =
	"SELECT id, name_ar, name_en FROM places WHERE level = ?1 AND coalesce(parent_id, 0) = ?2 AND pcode IS NULL"
	" ORDER BY id";
static const char SQL_ALIASES[] = "SELECT alias FROM place_aliases WHERE place_id = ?1";
static const char SQL_UPDATE[] =
	"UPDATE places SET parent_id = ?1, level = ?2, name_ar = ?3, name_en = ?4, pcode = ?5 WHERE id = ?6";
static const char SQL_INSERT[] = "INSERT INTO places (parent_id, level, name_ar, name_en, pcode) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_KEEP_ALIAS[] = "INSERT OR IGNORE INTO place_aliases (place_id, alias, folded) VALUES (?1, ?2, ?3)";
static const char SQL_COUNT[] = "SELECT count(*) FROM places";

struct write_args {
	struct parse *p;
	int dry_run;
	const char *filename;
};

static int same_key(const char *a, const char *b)
{
	char ka[KEY_MAX], kb[KEY_MAX];
	return place_name_key(a, ka, sizeof ka) > 0 && place_name_key(b, kb, sizeof kb) > 0 && !strcmp(ka, kb);
}

/* 1 when the unit's names match the place's name or one of its aliases. */
static int names_match(struct db *w, const struct unit *u, int64_t id, const char *ar, const char *en)
{
	if (same_key(u->ar, ar) || same_key(u->en, en) || same_key(u->ar, en) || same_key(u->en, ar))
		return 1;
	sqlite3_stmt *st = db_q(w, SQL_ALIASES, "I", (long long)id);
	while (st && db_row(st) == 1) {
		const char *alias = db_text(st, 0);
		if (same_key(u->ar, alias) || same_key(u->en, alias)) {
			sqlite3_reset(st);
			return 1;
		}
	}
	return 0;
}

/* Keeps a name being replaced as an alias of the place. */
static int keep_alias(struct db *w, int64_t id, const char *old, const char *new_ar, const char *new_en)
{
	char f[KEY_MAX], a[KEY_MAX], e[KEY_MAX];
	if (text_fold_buf(old, strlen(old), f, sizeof f) <= 0)
		return 0;
	if ((text_fold_buf(new_ar, strlen(new_ar), a, sizeof a) > 0 && !strcmp(f, a)) ||
	    (text_fold_buf(new_en, strlen(new_en), e, sizeof e) > 0 && !strcmp(f, e)))
		return 0;
	return db_do(w, SQL_KEEP_ALIAS, "Itt", (long long)id, old, f);
}

/* Writes one unit (its parent already written); counts it. */
static int write_unit(struct db *w, struct parse *p, struct unit *u)
{
	struct places_import_result *res = p->res;
	int64_t parent = 0;
	if (u->parent) {
		struct unit *pu = find_unit(p, u->level - 1, u->parent);
		if (!pu || !pu->id)
			return -1;   /* cannot be: every row carries its parents */
		parent = pu->id;
	}
	int64_t id = 0, old_parent = 0;
	int old_level = 0, by_pcode = 0;
	char *old_ar = NULL, *old_en = NULL;
	sqlite3_stmt *st = db_q(w, SQL_BY_PCODE, "t", u->pcode);
	if (!st)
		return -1;
	if (db_row(st) == 1) {
		id = sqlite3_column_int64(st, 0);
		old_parent = sqlite3_column_int64(st, 1);
		old_level = sqlite3_column_int(st, 2);
		old_ar = arena_strdup(&p->a, db_text(st, 3));
		old_en = arena_strdup(&p->a, db_text(st, 4));
		sqlite3_reset(st);
		by_pcode = 1;
	} else {
		/* by name, under the same parent, among the places without a p-code */
		st = db_q(w, SQL_CANDIDATES, "iI", u->level, (long long)parent);
		int rc = st ? 1 : -1;
		while (!id && (rc = db_row(st)) == 1) {
			int64_t cid = sqlite3_column_int64(st, 0);
			char *ar = arena_strdup(&p->a, db_text(st, 1)), *en = arena_strdup(&p->a, db_text(st, 2));
			if (!ar || !en)
				return -1;
			/* the statement stays open while aliases are read: another statement */
			if (names_match(w, u, cid, ar, en)) {
				id = cid;
				old_parent = parent;
				old_level = u->level;
				old_ar = ar;
				old_en = en;
			}
		}
		if (rc < 0)
			return -1;
		if (id)
			sqlite3_reset(st);
	}
	if (id && (!old_ar || !old_en))
		return -1;
	if (!id) {
		if (db_do(w, SQL_INSERT, "oittt", (long long)parent, u->level, u->ar, u->en, u->pcode) < 0)
			return -1;
		u->id = db_last_id(w);
		res->added++;
		return 0;
	}
	u->id = id;
	int same = old_parent == parent && old_level == u->level && !strcmp(old_ar, u->ar) && !strcmp(old_en, u->en);
	/* a place matched by name gets its p-code: updated even when its names stay */
	if (same && by_pcode) {
		res->unchanged++;
		return 0;
	}
	if (db_do(w, SQL_UPDATE, "oitttI", (long long)parent, u->level, u->ar, u->en, u->pcode, (long long)id) < 0 ||
	    keep_alias(w, id, old_ar, u->ar, u->en) < 0 || keep_alias(w, id, old_en, u->ar, u->en) < 0)
		return -1;
	res->updated++;
	return 0;
}

static int write_fn(struct db *w, void *arg)
{
	struct write_args *a = arg;
	struct parse *p = a->p;
	long before = (long)db_int(w, 0, SQL_COUNT, "");
	for (size_t i = 0; i < p->nu; i++)
		if (write_unit(w, p, &p->u[i]) < 0)
			return -1;
	long after = (long)db_int(w, 0, SQL_COUNT, "");
	if (after > LIMIT_PLACES) {
		snprintf(p->res->error, sizeof p->res->error, "daam would then hold %ld places, more than %d", after,
			 LIMIT_PLACES);
		return 2;
	}
	p->res->kept = before - p->res->updated - p->res->unchanged;
	char detail[400];
	snprintf(detail, sizeof detail, "new=%ld updated=%ld unchanged=%ld file=%s", p->res->added, p->res->updated,
		 p->res->unchanged, a->filename ? a->filename : "");
	if (audit_write(w, 0, "import", "places", 0, detail) < 0)
		return -1;
	return a->dry_run ? 1 : 0;
}

int places_import(const char *data, size_t len, int dry_run, const char *filename, struct places_import_result *res)
{
	memset(res, 0, sizeof *res);
	struct parse p;
	memset(&p, 0, sizeof p);
	p.res = res;
	arena_init(&p.a, 0);
	arena_init(&p.rec_a, 0);
	int rc;
	if (parse_file(&p, data, len) < 0) {
		rc = p.failed == 2 ? -1 : 1;
	} else {
		struct write_args a = { &p, dry_run, filename };
		rc = db_write(write_fn, &a);
		if (rc == 1 && dry_run)
			rc = 0;
		else if (rc == 2)
			rc = 1;
	}
	free(p.u);
	arena_free_all(&p.a);
	arena_free_all(&p.rec_a);
	return rc;
}

/* ---- the command ---- */

int cmd_places(int argc, char **argv)
{
	static const char usage[] = "usage: daam places import FILE.csv [--dry-run] [--db PATH]\n";
	struct opt opts[] = { { "db", 1, NULL }, { "dry-run", 0, NULL }, { NULL, 0, NULL } };
	const char *pos[2];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 2, &npos) < 0)
		return 2;
	if (npos != 2 || strcmp(pos[0], "import") != 0) {
		fputs(usage, stderr);
		return 2;
	}
	int dry = cli_get(opts, "dry-run") != NULL;
	if (cli_init_runtime() < 0)
		return 1;
	size_t len = 0;
	char *data = cli_read_file(pos[1], MAX_FILE_BYTES, &len);
	if (!data)
		return 1;
	if (cli_open_db(opts) < 0) {
		free(data);
		return 1;
	}
	const char *name = strrchr(pos[1], '/') ? strrchr(pos[1], '/') + 1 : pos[1];
	struct places_import_result res;
	int rc = places_import(data, len, dry, name, &res);
	free(data);
	db_close();
	if (rc < 0) {
		fprintf(stderr, "daam: the places could not be written (database or memory); nothing was changed\n");
		return 1;
	}
	if (rc > 0) {
		if (res.error_row)
			fprintf(stderr, "daam: %s: row %ld: %s; nothing was changed\n", name, res.error_row, res.error);
		else
			fprintf(stderr, "daam: %s: %s; nothing was changed\n", name, res.error);
		return 1;
	}
	printf("%s%ld rows, %ld places: %ld new, %ld updated, %ld unchanged; %ld places not in the file kept\n",
	       dry ? "dry run: " : "", res.rows, res.units, res.added, res.updated, res.unchanged, res.kept);
	if (dry)
		printf("dry run: nothing was written\n");
	return 0;
}

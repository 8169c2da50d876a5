/* import — CSV import of people and of organizations, shared by the command
 * line (`daam import`) and the web pages (import_pages.c).
 *
 * A job goes through four steps:
 *   1. import_load: a CSV file is read as UTF-8 (with or without BOM), or
 *      recognised as Windows-1256 or UTF-16 and converted (core/encoding.c;
 *      anything else is refused with the advice to save it as "CSV UTF-8"),
 *      its delimiter found (comma, semicolon or tab) and parsed with libcsv
 *      into a table whose first row is the header; an Excel workbook
 *      (.xlsx) gives the same table from one of its sheets
 *      (import_xlsx.c, core/xlsx.c);
 *   2. the mapping: each column goes to one daam field or is ignored;
 *      import_guess_map fills it from the header names (Arabic or English,
 *      compared after text_fold, so spelling variants match);
 *   3. import_check: every row and cell is validated (with the problem in a
 *      msgid translated when shown), communities, organizations, offices
 *      and sectors are matched by folded name, and likely duplicates are
 *      flagged — against registered people (same normalized phone, or the
 *      same phonetic name key with name_similarity at or above
 *      NAME_MATCH_THRESHOLD and birth years at most one apart) and within
 *      the file itself;
 *   4. import_commit: when import_check found no error, every row is
 *      written inside the caller's writer transaction and the import is
 *      audited once.  Nothing is written when any row has an error — unless
 *      the caller explicitly leaves the rows with errors out (skip_bad):
 *      then the other rows are written and the audit entry lists the row
 *      numbers left out.
 */
#ifndef DAAM_IMPORT_H
#define DAAM_IMPORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/limits.h"

struct db;
struct req;

enum import_kind { IMPORT_PEOPLE = 0, IMPORT_ORGS = 1 };


/* A daam field a column can be mapped to. */
struct import_field {
	const char *key;               /* "name": used in forms and on the command line */
	const char *label;             /* English msgid */
	int max_chars;                 /* longest value, in characters */
	const char *const *aliases;    /* header names that mean this field (folded when compared) */
};

enum import_severity { IMPORT_ERROR = 0, IMPORT_WARNING = 1 };
/* What an issue's ref points to. */
enum import_ref { IMPORT_REF_NONE = 0, IMPORT_REF_ROW, IMPORT_REF_PERSON, IMPORT_REF_ORG };

struct import_issue {
	long row;            /* the row as a spreadsheet numbers it (the header is row 1); 0: the whole file */
	int col;             /* the column (0-based); -1: the whole row or file */
	int severity;        /* enum import_severity */
	const char *msgid;   /* English msgid; translate with _() when shown */
	int ref_kind;        /* enum import_ref: a possible duplicate of … */
	int64_t ref;         /* … this row number, person id or organization id */
};

/* Where the importing user may act (from struct scope); all zero for the CLI. */
struct import_ctx {
	int64_t office;      /* 0: every office; else organizations, duplicates and new records of this office */
	int dup_check;       /* 1: flag likely duplicates */
	/* called now and then while checking and writing (phase "check" or "write") */
	void (*progress)(void *arg, const char *phase, size_t done, size_t total);
	void *progress_arg;
	/* NULL, or asked as often as progress: 1 stops the writing (import_commit
	 * returns -1 and the caller rolls back) — a cancelled job */
	int (*stopped)(void *arg);
	/* 1: import_commit leaves out the rows with errors and writes the others
	 * (the person chose it, knowing how many); 0: any error refuses the file */
	int skip_bad;
};

/* The place the person chose for a value of the community column that
 * names several places (the web import asks once per distinct value). */
struct import_place_choice {
	const char *value;    /* as written in the file (compared folded) */
	int64_t place_id;     /* one of the value's candidates; another is ignored */
};
/* A value of the community column naming several places, after
 * import_check: one per distinct folded value, at most
 * LIMIT_IMPORT_PLACE_ASKS (the others stay errors on their rows). */
struct import_place_ask {
	const char *value;    /* its first spelling in the file */
	const char *folded;
	long first_row;       /* as a spreadsheet numbers it */
	size_t nrows;         /* rows with this value */
	int64_t cands[8];     /* the places it may mean (PLACE_MATCH_MAX_CANDIDATES) */
	int ncands;
	int64_t chosen;       /* the choice taken by every row with it, 0 none */
};

struct import_priv;

struct import_job {
	enum import_kind kind;
	int ncols;                    /* columns of the header row */
	size_t nrows;                 /* data rows (the header not counted) */
	long header_row;              /* rows above the header left out (a workbook's empty first rows): 0 usually */
	char delimiter;               /* ',', ';' or '\t' */
	int had_bom;
	const char *encoding;         /* a CSV file's encoding as read ("UTF-8", "Windows-1256", "UTF-16"); NULL for a workbook */
	/* a workbook (.xlsx): its sheets' names, and the index of the one read */
	char **sheets;
	int nsheets, sheet;
	int map[LIMIT_IMPORT_COLUMNS];     /* field index per column, -1 ignored */
	const char *fatal;            /* msgid of a problem with the whole file, or NULL */
	long fatal_row;               /* the row where that problem was found, or 0 */
	struct import_issue *issues;  /* in row order; errors and warnings mixed */
	size_t nissues;
	size_t nerrors, nwarnings;
	size_t nerror_rows;           /* rows with at least one error */
	size_t nempty;                /* empty rows, skipped */
	size_t nready;                /* rows that import_commit writes */
	/* set by the caller after import_load: the places chosen for values
	 * naming several (owned by the caller, read by import_check) */
	const struct import_place_choice *place_choices;
	int nplace_choices;
	/* filled by import_check: the values naming several places */
	struct import_place_ask *place_asks;
	int nplace_asks;
	struct import_priv *priv;
};

const char *import_kind_key(enum import_kind kind);  /* "people" or "orgs" */
int import_kind_from_key(const char *key);           /* the kind, or -1 */

/* The fields of a kind, ended by a NULL key. */
const struct import_field *import_fields(enum import_kind kind);
int import_nfields(enum import_kind kind);
/* The index of a field key, or -1. */
int import_field_index(enum import_kind kind, const char *key);
/* The field a header name means, or -1 (folded comparison with the
 * aliases, the key, the English label and its Arabic translation). */
int import_guess_field(enum import_kind kind, const char *header);

/* Parses data[0..len) (copied; the caller may free it afterwards).
 * Returns 0, or -1 with j->fatal set (the job must still be freed). */
int import_load(struct import_job *j, enum import_kind kind, const char *data, size_t len);
/* The same with the sheet of a workbook to read, by name or number ("2");
 * NULL or "": the first that has rows below its header.  (A CSV file
 * ignores it.) */
int import_load_sheet(struct import_job *j, enum import_kind kind, const char *data, size_t len, const char *sheet);
/* The header cell of a column, and a data cell ("" when the row is short). */
const char *import_header(const struct import_job *j, int col);
const char *import_cell(const struct import_job *j, size_t row, int col);

/* Maps every column from its header; a field goes to its first column only. */
void import_guess_map(struct import_job *j);
/* Maps one column to the field with this key ("" ignores it). 0, or -1 for an unknown key. */
int import_map_column(struct import_job *j, int col, const char *key);

/* Validates every row with the current mapping, using the read connection d
 * for places, organizations, offices, sectors and duplicates.  Fills
 * issues and counts (earlier results are replaced).  Returns the number of
 * errors, or -1 when it could not run (database or memory). */
long import_check(struct import_job *j, struct db *d, const struct import_ctx *c);

/* 1 when data row `row` (0-based; the spreadsheet's row row + 2) has an
 * error, after import_check. */
int import_row_bad(const struct import_job *j, size_t row);
/* 1 when the rows with errors can be left out and the rest imported: some
 * rows have errors, some are ready, and no error is about the whole file
 * (the choice of columns). */
int import_skippable(const struct import_job *j);

/* Writes every row inside the writer transaction w (after import_check
 * found no error, or with c->skip_bad every row without one), each record
 * unaudited, then one audit entry "import" on "people" or "orgs" by actor
 * (0: the system) with "rows=N file=NAME" ("rows=N skipped=K
 * skipped_rows=3,7-9 file=NAME" when rows were left out).
 * Returns the number of records written, or -1 (the caller rolls back). */
long import_commit(struct import_job *j, struct db *w, const struct import_ctx *c, int64_t actor,
		   const char *filename);

void import_free(struct import_job *j);

/* Web pages (import_pages.c). */
/* Deletes the uploads older than LIMIT_IMPORT_KEEP_S (taking the writer only
 * when there are some): at start and when a user lists theirs.  0 or -1. */
int import_purge_expired(void);
void import_problems_csv(struct req *r);
void import_page(struct req *r);
void import_upload_submit(struct req *r);
void import_review_page(struct req *r);
void import_review_submit(struct req *r);
void import_discard_submit(struct req *r);
/* Writes a checked file as a job (import_job.c) and answers with the
 * redirect to its page; takes j (freed in every case). */
void import_commit_start(struct req *r, int64_t upload_id, const char *filename, struct import_job *j,
			 const struct import_ctx *c);
#endif

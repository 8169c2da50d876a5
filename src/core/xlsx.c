/* xlsx — the cells of a sheet of an .xlsx workbook, with libzip and expat
 * (see xlsx.h). */
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include "core/xlsx.h"
#include "core/limits.h"
#include "core/banned.h"

#define CHUNK 65536
#define PATH_MAX_LEN 512
#define SHEET_NAME_MAX 256
/* cellXfs entries kept (a style index beyond reads as not a date) */
#define MAX_XFS 65536
/* custom number formats kept */
#define MAX_NUMFMTS 4096
/* Excel's last column, XFD */
#define EXCEL_COLS 16384

struct sheet {
	char *name, *rid, *part;
};

struct xlsx {
	zip_t *za;
	struct xlsx_limits lim;
	char workbook[PATH_MAX_LEN];
	char strings_part[PATH_MAX_LEN], styles_part[PATH_MAX_LEN];
	struct sheet *sheets;
	int nsheets;
	int date1904;
	/* shared strings: offsets into one buffer */
	char *str;
	size_t str_len, str_cap;
	size_t *soff;
	size_t nstr, soff_cap;
	int strings_loaded;
	/* styles: 1 per cellXfs index when its number format is a date */
	unsigned char *xf_date;
	int nxf;
};

/* ---- small buffers ---- */

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 256;
	while (n < need)
		n *= 2;
	void *b = realloc(*buf, n * elem);
	if (!b)
		return -1;
	*buf = b;
	*cap = n;
	return 0;
}

/* The local part of an XML name ("x:row" → "row"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

/* An attribute by local name, or NULL. */
static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* An attribute by exact name, or NULL. */
static const char *attr_exact(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

/* A small non-negative number from an attribute ("164"); -1 when it is not one. */
static int small_int(const char *s)
{
	if (!s)
		return -1;
	char *end;
	long v = strtol(s, &end, 10);
	return end == s || *end || v < 0 || v > 1000000 ? -1 : (int)v;
}

/* ---- reading a part through expat ---- */

struct parse {
	XML_Parser xp;
	struct xlsx *x;
	int status;       /* set by a handler before it stops the parser */
};

static void stop(struct parse *p, int status)
{
	if (!p->status)
		p->status = status;
	XML_StopParser(p->xp, XML_FALSE);
}

/* No DTD in an xlsx: refusing it keeps entities from ever being expanded. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
	struct parse *p = ud;
	stop(p, XLSX_E_DAMAGED);
}

/* Streams the part `name` through a parser whose handlers are set up by
 * the caller (user data p).  Missing part: XLSX_E_NO_SHEET when required,
 * else XLSX_OK without reading. */
static int read_part(struct xlsx *x, const char *name, struct parse *p, int required)
{
	zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return required ? XLSX_E_DAMAGED : XLSX_OK;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) < 0)
		return XLSX_E_NOT_ZIP;
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return XLSX_E_ENCRYPTED;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > x->lim.part_bytes)
		return XLSX_E_PART_TOO_BIG;
	zip_file_t *zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		int ze = zip_error_code_zip(zip_get_error(x->za));
		return ze == ZIP_ER_MEMORY ? XLSX_E_NOMEM : ze == ZIP_ER_ENCRNOTSUPP || ze == ZIP_ER_NOPASSWD ? XLSX_E_ENCRYPTED
										    : XLSX_E_NOT_ZIP;
	}
	XML_SetUserData(p->xp, p);
	XML_SetStartDoctypeDeclHandler(p->xp, on_doctype);
	char *buf = malloc(CHUNK);
	if (!buf) {
		zip_fclose(zf);
		return XLSX_E_NOMEM;
	}
	unsigned long long total = 0;
	int rc = XLSX_OK;
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, CHUNK);
		if (n < 0) {
			rc = XLSX_E_DAMAGED;   /* inflate error, or the checksum does not match */
			break;
		}
		total += (unsigned long long)n;
		if (total > x->lim.part_bytes) {
			rc = XLSX_E_PART_TOO_BIG;  /* more than the size it declared */
			break;
		}
		if (XML_Parse(p->xp, buf, (int)n, n == 0) != XML_STATUS_OK) {
			rc = p->status ? p->status
			     : XML_GetErrorCode(p->xp) == XML_ERROR_NO_MEMORY ? XLSX_E_NOMEM : XLSX_E_DAMAGED;
			break;
		}
		if (p->status) {
			rc = p->status;
			break;
		}
		if (n == 0)
			break;
	}
	free(buf);
	zip_fclose(zf);
	return rc;
}

/* A parser that takes the part's own encoding declaration (UTF-8 in
 * every workbook seen; UTF-16 is allowed by the format) and hands text to
 * the handlers in UTF-8. */
static XML_Parser new_parser(void)
{
	return XML_ParserCreate(NULL);
}

/* "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml";
 * an absolute target ("/xl/…") is taken from the root; "../" goes up. */
static int resolve(const char *base_part, const char *target, char out[PATH_MAX_LEN])
{
	char dir[PATH_MAX_LEN] = "";
	if (target[0] == '/') {
		target++;
	} else {
		const char *slash = strrchr(base_part, '/');
		size_t n = slash ? (size_t)(slash - base_part) : 0;
		if (n >= sizeof dir)
			return -1;
		memcpy(dir, base_part, n);
		dir[n] = 0;
		while (!strncmp(target, "../", 3)) {
			target += 3;
			char *s = strrchr(dir, '/');
			if (s)
				*s = 0;
			else
				dir[0] = 0;
		}
	}
	int w = snprintf(out, PATH_MAX_LEN, "%s%s%s", dir, dir[0] ? "/" : "", target);
	return w < 0 || w >= PATH_MAX_LEN ? -1 : 0;
}

/* ---- _rels/.rels and the workbook's relationships ---- */

struct rels {
	struct parse p;
	const char *base;     /* the part the targets are relative to */
	int which;            /* 0: the package (find the workbook), 1: the workbook */
};

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && !strcmp(s + a - b, tail);
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *r = ud;
	struct xlsx *x = r->p.x;
	if (strcmp(local(name), "Relationship"))
		return;
	const char *type = attr(atts, "Type"), *target = attr(atts, "Target"), *id = attr(atts, "Id");
	const char *mode = attr(atts, "TargetMode");
	if (!type || !target || (mode && !strcmp(mode, "External")))
		return;
	if (r->which == 0) {
		if (ends_with(type, "/officeDocument") && resolve(r->base, target, x->workbook) < 0)
			stop(&r->p, XLSX_E_DAMAGED);
		return;
	}
	if (ends_with(type, "/sharedStrings")) {
		if (resolve(r->base, target, x->strings_part) < 0)
			stop(&r->p, XLSX_E_DAMAGED);
	} else if (ends_with(type, "/styles")) {
		if (resolve(r->base, target, x->styles_part) < 0)
			stop(&r->p, XLSX_E_DAMAGED);
	} else if (ends_with(type, "/worksheet") && id) {
		for (int i = 0; i < x->nsheets; i++)
			if (x->sheets[i].rid && !strcmp(x->sheets[i].rid, id) && !x->sheets[i].part) {
				char path[PATH_MAX_LEN];
				if (resolve(r->base, target, path) < 0 || !(x->sheets[i].part = strdup(path)))
					stop(&r->p, XLSX_E_NOMEM);
			}
	}
}

static int read_rels(struct xlsx *x, const char *part, const char *base, int which)
{
	struct rels r = { { new_parser(), x, 0 }, base, which };
	if (!r.p.xp)
		return XLSX_E_NOMEM;
	XML_SetElementHandler(r.p.xp, rels_start, NULL);
	int rc = read_part(x, part, &r.p, 0);
	XML_ParserFree(r.p.xp);
	return rc;
}

/* ---- the workbook: sheet names and ids, the date system ---- */

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct parse *p = ud;
	struct xlsx *x = p->x;
	const char *n = local(name);
	if (!strcmp(n, "workbookPr")) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcasecmp(v, "true"));
	} else if (!strcmp(n, "sheet")) {
		const char *sname = attr(atts, "name");
		/* r:id: the relationship id, in the relationships namespace */
		const char *rid = NULL;
		for (int i = 0; atts[i]; i += 2)
			if (!strcmp(local(atts[i]), "id") && strchr(atts[i], ':'))
				rid = atts[i + 1];
		if (!sname || !rid)
			return;
		if (x->nsheets >= x->lim.sheets) {
			stop(p, XLSX_E_TOO_MANY_SHEETS);
			return;
		}
		if (strlen(sname) >= SHEET_NAME_MAX) {
			stop(p, XLSX_E_DAMAGED);
			return;
		}
		struct sheet *s = realloc(x->sheets, (size_t)(x->nsheets + 1) * sizeof *s);
		if (!s) {
			stop(p, XLSX_E_NOMEM);
			return;
		}
		x->sheets = s;
		s += x->nsheets;
		s->name = strdup(sname);
		s->rid = strdup(rid);
		s->part = NULL;
		x->nsheets++;
		if (!s->name || !s->rid)
			stop(p, XLSX_E_NOMEM);
	}
}

void xlsx_default_limits(struct xlsx_limits *l, long rows)
{
	l->part_bytes = LIMIT_XLSX_PART_BYTES;
	l->rows = rows;
	l->cols = EXCEL_COLS;
	l->sheets = LIMIT_XLSX_SHEETS;
	l->strings = LIMIT_XLSX_STRINGS;
	l->strings_bytes = LIMIT_XLSX_STRINGS_BYTES;
	l->cell_bytes = LIMIT_XLSX_CELL_BYTES;
}

struct xlsx *xlsx_open(const void *data, size_t len, const struct xlsx_limits *lim, int *status)
{
	*status = XLSX_E_NOMEM;
	struct xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	if (lim)
		x->lim = *lim;
	else
		xlsx_default_limits(&x->lim, LIMIT_IMPORT_ROWS + 1);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		free(x);
		return NULL;
	}
	x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x->za) {
		*status = zip_error_code_zip(&ze) == ZIP_ER_MEMORY ? XLSX_E_NOMEM : XLSX_E_NOT_ZIP;
		zip_source_free(src);
		zip_error_fini(&ze);
		free(x);
		return NULL;
	}
	zip_error_fini(&ze);
	int rc = read_rels(x, "_rels/.rels", "", 0);
	if (rc == XLSX_OK && !x->workbook[0])
		snprintf(x->workbook, sizeof x->workbook, "%s", "xl/workbook.xml");
	if (rc == XLSX_OK && zip_name_locate(x->za, x->workbook, ZIP_FL_NOCASE) < 0)
		rc = XLSX_E_NOT_XLSX;
	if (rc == XLSX_OK) {
		struct parse p = { new_parser(), x, 0 };
		if (!p.xp) {
			rc = XLSX_E_NOMEM;
		} else {
			XML_SetElementHandler(p.xp, workbook_start, NULL);
			rc = read_part(x, x->workbook, &p, 1);
			XML_ParserFree(p.xp);
		}
	}
	if (rc == XLSX_OK) {
		/* xl/workbook.xml → xl/_rels/workbook.xml.rels */
		char rels[PATH_MAX_LEN];
		const char *slash = strrchr(x->workbook, '/');
		int dn = slash ? (int)(slash - x->workbook) : 0;
		int w = snprintf(rels, sizeof rels, "%.*s%s_rels/%s.rels", dn, x->workbook, dn ? "/" : "",
				 slash ? slash + 1 : x->workbook);
		rc = w < 0 || (size_t)w >= sizeof rels ? XLSX_E_DAMAGED : read_rels(x, rels, x->workbook, 1);
	}
	if (rc == XLSX_OK && x->nsheets == 0)
		rc = XLSX_E_NO_SHEET;
	if (rc != XLSX_OK) {
		xlsx_close(x);
		*status = rc;
		return NULL;
	}
	*status = XLSX_OK;
	return x;
}

void xlsx_close(struct xlsx *x)
{
	if (!x)
		return;
	for (int i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free(x->str);
	free(x->soff);
	free(x->xf_date);
	if (x->za)
		zip_discard(x->za);
	free(x);
}

int xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

const char *xlsx_sheet_name(const struct xlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->sheets[i].name : NULL;
}

int xlsx_find_sheet(const struct xlsx *x, const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < x->nsheets; i++)
		if (!strcmp(x->sheets[i].name, name))
			return i;
	char *end;
	long n = strtol(name, &end, 10);
	if (*name >= '0' && *name <= '9' && !*end && n >= 1 && n <= x->nsheets)
		return (int)n - 1;
	return -1;
}

/* ---- text as OOXML escapes it: _xHHHH_ is the character U+HHHH ---- */

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the _xHHHH_ escapes of s[0..n) in place; returns the new length.
 * (The UTF-8 of a code point below 0x10000 is at most 3 bytes, shorter
 * than its 7-byte escape.) */
static size_t unescape(char *s, size_t n)
{
	size_t r = 0, w = 0;
	while (r < n) {
		if (r + 7 <= n && s[r] == '_' && s[r + 1] == 'x' && s[r + 6] == '_') {
			int v = 0, ok = 1;
			for (int k = 2; k < 6 && ok; k++) {
				int h = hexval(s[r + k]);
				ok = h >= 0;
				v = v * 16 + h;
			}
			if (ok && v >= 0xd800 && v <= 0xdfff)
				ok = 0;
			if (ok) {
				if (v < 0x80) {
					s[w++] = (char)v;
				} else if (v < 0x800) {
					s[w++] = (char)(0xc0 | (v >> 6));
					s[w++] = (char)(0x80 | (v & 0x3f));
				} else {
					s[w++] = (char)(0xe0 | (v >> 12));
					s[w++] = (char)(0x80 | ((v >> 6) & 0x3f));
					s[w++] = (char)(0x80 | (v & 0x3f));
				}
				r += 7;
				continue;
			}
		}
		s[w++] = s[r++];
	}
	return w;
}

/* ---- shared strings ---- */

struct sst {
	struct parse p;
	int in_si, in_t, in_rph;
	size_t start;         /* where the current string begins in x->str */
};

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sst *s = ud;
	struct xlsx *x = s->p.x;
	const char *n = local(name);
	if (!strcmp(n, "si")) {
		s->in_si = 1;
		s->start = x->str_len;
	} else if (!strcmp(n, "rPh")) {
		s->in_rph = 1;
	} else if (!strcmp(n, "t") && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	struct xlsx *x = s->p.x;
	const char *n = local(name);
	if (!strcmp(n, "t")) {
		s->in_t = 0;
	} else if (!strcmp(n, "rPh")) {
		s->in_rph = 0;
	} else if (!strcmp(n, "si") && s->in_si) {
		s->in_si = 0;
		if (x->nstr >= x->lim.strings) {
			stop(&s->p, XLSX_E_TOO_MANY_STRINGS);
			return;
		}
		size_t len = unescape(x->str + s->start, x->str_len - s->start);
		x->str_len = s->start + len;
		if (grow((void **)&x->str, &x->str_cap, x->str_len + 1, 1) < 0 ||
		    grow((void **)&x->soff, &x->soff_cap, x->nstr + 2, sizeof *x->soff) < 0) {
			stop(&s->p, XLSX_E_NOMEM);
			return;
		}
		x->str[x->str_len++] = 0;
		x->soff[x->nstr++] = s->start;
	}
}

static void sst_text(void *ud, const XML_Char *text, int len)
{
	struct sst *s = ud;
	struct xlsx *x = s->p.x;
	if (!s->in_t || len <= 0)
		return;
	if (x->str_len + (size_t)len - s->start > x->lim.cell_bytes) {
		stop(&s->p, XLSX_E_CELL_TOO_LONG);
		return;
	}
	if (x->str_len + (size_t)len + 1 > x->lim.strings_bytes) {
		stop(&s->p, XLSX_E_TOO_MANY_STRINGS);
		return;
	}
	if (grow((void **)&x->str, &x->str_cap, x->str_len + (size_t)len + 1, 1) < 0) {
		stop(&s->p, XLSX_E_NOMEM);
		return;
	}
	memcpy(x->str + x->str_len, text, (size_t)len);
	x->str_len += (size_t)len;
}

/* ---- styles: which cellXfs are dates ---- */

struct numfmt {
	int id;
	int is_date;
};

struct styles {
	struct parse p;
	struct numfmt *fmts;
	int nfmts;
	int in_xfs;
	int *xf_fmt;          /* numFmtId of each cellXfs entry */
	int nxf;
	size_t xf_cap;
};

int xlsx_format_is_date(int id, const char *code)
{
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
		return 1;
	if (!code)
		return 0;
	int quoted = 0, bracket = 0, has_d = 0, has_y = 0, has_m = 0;
	for (const char *c = code; *c; c++) {
		if (quoted) {
			if (*c == '"')
				quoted = 0;
		} else if (bracket) {
			if (*c == ']')
				bracket = 0;
		} else if (*c == '"') {
			quoted = 1;
		} else if (*c == '[') {
			bracket = 1;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (c[1])
				c++;   /* an escaped or padding character */
		} else if (*c == ';') {
			break;     /* the first section decides */
		} else {
			char l = (char)(*c | 0x20);
			has_d |= l == 'd';
			has_y |= l == 'y';
			has_m |= l == 'm';
		}
	}
	return has_d || has_y || (has_m && (has_d || has_y));
}

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct styles *s = ud;
	const char *n = local(name);
	if (!strcmp(n, "numFmt")) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || s->nfmts >= MAX_NUMFMTS)
			return;
		struct numfmt *f = realloc(s->fmts, (size_t)(s->nfmts + 1) * sizeof *f);
		if (!f) {
			stop(&s->p, XLSX_E_NOMEM);
			return;
		}
		s->fmts = f;
		f[s->nfmts].id = small_int(id);
		f[s->nfmts].is_date = xlsx_format_is_date(-1, code);
		s->nfmts++;
	} else if (!strcmp(n, "cellXfs")) {
		s->in_xfs = 1;
	} else if (!strcmp(n, "xf") && s->in_xfs) {
		if (s->nxf >= MAX_XFS)
			return;
		if (grow((void **)&s->xf_fmt, &s->xf_cap, (size_t)s->nxf + 1, sizeof *s->xf_fmt) < 0) {
			stop(&s->p, XLSX_E_NOMEM);
			return;
		}
		const char *id = attr(atts, "numFmtId");
		s->xf_fmt[s->nxf++] = id ? small_int(id) : 0;
	}
}

static void styles_end(void *ud, const XML_Char *name)
{
	struct styles *s = ud;
	if (!strcmp(local(name), "cellXfs"))
		s->in_xfs = 0;
}

static int load_styles(struct xlsx *x)
{
	const char *part = x->styles_part[0] ? x->styles_part : "xl/styles.xml";
	struct styles s;
	memset(&s, 0, sizeof s);
	s.p.xp = new_parser();
	s.p.x = x;
	if (!s.p.xp)
		return XLSX_E_NOMEM;
	XML_SetElementHandler(s.p.xp, styles_start, styles_end);
	int rc = read_part(x, part, &s.p, 0);
	XML_ParserFree(s.p.xp);
	if (rc == XLSX_OK && s.nxf) {
		x->xf_date = calloc((size_t)s.nxf, 1);
		if (!x->xf_date) {
			rc = XLSX_E_NOMEM;
		} else {
			x->nxf = s.nxf;
			for (int i = 0; i < s.nxf; i++) {
				int id = s.xf_fmt[i], date = xlsx_format_is_date(id, NULL);
				for (int k = 0; k < s.nfmts; k++)
					if (s.fmts[k].id == id)
						date = s.fmts[k].is_date;
				x->xf_date[i] = (unsigned char)date;
			}
		}
	}
	free(s.fmts);
	free(s.xf_fmt);
	return rc;
}

static int load_strings(struct xlsx *x)
{
	if (x->strings_loaded)
		return XLSX_OK;
	x->strings_loaded = 1;
	const char *part = x->strings_part[0] ? x->strings_part : "xl/sharedStrings.xml";
	struct sst s;
	memset(&s, 0, sizeof s);
	s.p.xp = new_parser();
	s.p.x = x;
	if (!s.p.xp)
		return XLSX_E_NOMEM;
	XML_SetElementHandler(s.p.xp, sst_start, sst_end);
	XML_SetCharacterDataHandler(s.p.xp, sst_text);
	int rc = read_part(x, part, &s.p, 0);
	XML_ParserFree(s.p.xp);
	if (rc == XLSX_OK)
		rc = load_styles(x);
	return rc;
}

/* ---- values ---- */

/* Days from 1970-01-01 to y-m-d and back (proleptic Gregorian). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int xlsx_serial_date(double serial, int date1904, int *y, int *m, int *d)
{
	if (!isfinite(serial) || serial < 0 || serial >= 2958466)  /* 9999-12-31 is 2958465 */
		return -1;
	long days = (long)floor(serial);
	long unix_days;
	if (date1904) {
		unix_days = days - 24107;            /* 1904-01-01 is 24107 days before 1970-01-01 */
	} else {
		if (days < 1 || days == 60)
			return -1;                   /* day 0 and the phantom 1900-02-29 are no day */
		unix_days = days < 60 ? days - 25568 /* 1899-12-31 + days */ : days - 25569;
	}
	civil_from_days(unix_days, y, m, d);
	return 0;
}

int xlsx_number_text(const char *v, char *out, size_t outsz)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !isfinite(x)) {
		snprintf(out, outsz, "%s", v);
		return -1;
	}
	int w;
	if (x == floor(x) && fabs(x) < 1e15)
		w = snprintf(out, outsz, "%.0f", x == 0 ? 0.0 : x);
	else
		w = snprintf(out, outsz, "%.15g", x);
	return w < 0 || (size_t)w >= outsz ? -1 : 0;
}

/* ---- the sheet ---- */

struct sheetp {
	struct parse p;
	int (*cell)(void *arg, long row, int col, const char *text, size_t len);
	void *arg;
	long row;             /* the current row, 1-based; 0 before the first */
	int col;              /* the last column read in the row, 1-based */
	int in_c, in_v, in_is, in_t, in_rph;
	char type[12];
	int style;
	int ccol;             /* the current cell's column */
	char *buf;
	size_t len, cap;
};

/* "B7" → column 2, row 7 (1-based).  0, or -1 when it is not a reference. */
static int parse_ref(const char *s, int *col, long *row)
{
	long c = 0, r = 0;
	int nl = 0, nd = 0;
	while (*s >= 'A' && *s <= 'Z') {
		c = c * 26 + (*s++ - 'A' + 1);
		if (++nl > 3)
			return -1;
	}
	while (*s >= '0' && *s <= '9') {
		r = r * 10 + (*s++ - '0');
		if (++nd > 7)
			return -1;
	}
	if (*s || !nl)
		return -1;
	*col = (int)c;
	*row = nd ? r : 0;
	return 0;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheetp *s = ud;
	struct xlsx *x = s->p.x;
	const char *n = local(name);
	if (!strcmp(n, "row")) {
		const char *r = attr_exact(atts, "r");
		long row = s->row + 1;
		if (r) {
			char *end;
			long v = strtol(r, &end, 10);
			if (*end || v < 1) {
				stop(&s->p, XLSX_E_DAMAGED);
				return;
			}
			if (v > row)
				row = v;
		}
		if (row > x->lim.rows) {
			stop(&s->p, XLSX_E_TOO_MANY_ROWS);
			return;
		}
		s->row = row;
		s->col = 0;
	} else if (!strcmp(n, "c")) {
		if (s->row == 0)
			s->row = 1;     /* a cell outside any row: the first */
		const char *r = attr_exact(atts, "r"), *t = attr_exact(atts, "t"), *st = attr_exact(atts, "s");
		int col = s->col + 1;
		if (r) {
			int c;
			long rr;
			if (parse_ref(r, &c, &rr) < 0 || (rr && rr != s->row)) {
				stop(&s->p, XLSX_E_DAMAGED);
				return;
			}
			if (c > col)
				col = c;
		}
		if (col > x->lim.cols) {
			stop(&s->p, XLSX_E_TOO_MANY_COLS);
			return;
		}
		s->ccol = col;
		s->col = col;
		snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
		s->style = st ? small_int(st) : 0;
		s->in_c = 1;
		s->len = 0;
	} else if (s->in_c && !strcmp(n, "v")) {
		s->in_v = 1;
	} else if (s->in_c && !strcmp(n, "is")) {
		s->in_is = 1;
	} else if (s->in_is && !strcmp(n, "rPh")) {
		s->in_rph = 1;
	} else if (s->in_is && !s->in_rph && !strcmp(n, "t")) {
		s->in_t = 1;
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The text of the cell just closed, into out (or a pointer to a shared
 * string); NULL when the file is damaged. */
static const char *cell_text(struct sheetp *s, char *tmp, size_t tmpsz, size_t *len)
{
	struct xlsx *x = s->p.x;
	s->buf[s->len] = 0;
	const char *t = s->type;
	if (!strcmp(t, "s")) {
		char *end;
		const char *v = s->buf;
		while (is_space(*v))
			v++;
		unsigned long i = strtoul(v, &end, 10);
		while (is_space(*end))
			end++;
		if (end == v || *end || i >= x->nstr)
			return NULL;
		size_t off = x->soff[i];
		*len = strlen(x->str + off);
		return x->str + off;
	}
	if (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "e")) {
		*len = unescape(s->buf, s->len);
		s->buf[*len] = 0;
		return s->buf;
	}
	if (!strcmp(t, "b")) {
		const char *v = strcmp(s->buf, "1") ? "FALSE" : "TRUE";
		*len = strlen(v);
		return v;
	}
	if (!strcmp(t, "d")) {
		/* an ISO 8601 date (strict files): the day only */
		*len = s->len > 10 && s->buf[10] == 'T' ? 10 : s->len;
		s->buf[*len] = 0;
		return s->buf;
	}
	/* a number */
	char *v = s->buf;
	while (is_space(*v))
		v++;
	size_t n = strlen(v);
	while (n && is_space(v[n - 1]))
		v[--n] = 0;
	if (!n) {
		*len = 0;
		return "";
	}
	int y, m, d;
	if (s->style >= 0 && s->style < x->nxf && x->xf_date[s->style]) {
		char *end;
		double serial = strtod(v, &end);
		if (!*end && xlsx_serial_date(serial, x->date1904, &y, &m, &d) == 0) {
			snprintf(tmp, tmpsz, "%04d-%02d-%02d", y, m, d);
			*len = strlen(tmp);
			return tmp;
		}
	}
	if (xlsx_number_text(v, tmp, tmpsz) == 0) {
		*len = strlen(tmp);
		return tmp;
	}
	*len = n;
	return v;
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct sheetp *s = ud;
	const char *n = local(name);
	if (!strcmp(n, "v")) {
		s->in_v = 0;
	} else if (!strcmp(n, "t")) {
		s->in_t = 0;
	} else if (!strcmp(n, "rPh")) {
		s->in_rph = 0;
	} else if (!strcmp(n, "is")) {
		s->in_is = 0;
	} else if (!strcmp(n, "c") && s->in_c) {
		s->in_c = s->in_v = s->in_is = s->in_t = s->in_rph = 0;
		if (!s->len)
			return;
		char tmp[64];
		size_t len = 0;
		const char *text = cell_text(s, tmp, sizeof tmp, &len);
		if (!text) {
			stop(&s->p, XLSX_E_DAMAGED);
			return;
		}
		if (len && s->cell(s->arg, s->row - 1, s->ccol - 1, text, len) != 0)
			stop(&s->p, XLSX_E_STOPPED);
	}
}

static void sheet_text(void *ud, const XML_Char *text, int len)
{
	struct sheetp *s = ud;
	if (!(s->in_v || s->in_t) || len <= 0)
		return;
	if (s->len + (size_t)len > s->p.x->lim.cell_bytes) {
		stop(&s->p, XLSX_E_CELL_TOO_LONG);
		return;
	}
	if (grow((void **)&s->buf, &s->cap, s->len + (size_t)len + 1, 1) < 0) {
		stop(&s->p, XLSX_E_NOMEM);
		return;
	}
	memcpy(s->buf + s->len, text, (size_t)len);
	s->len += (size_t)len;
}

int xlsx_read_sheet(struct xlsx *x, int i, int (*cell)(void *arg, long row, int col, const char *text, size_t len),
		    void *arg)
{
	if (i < 0 || i >= x->nsheets || !x->sheets[i].part)
		return XLSX_E_NO_SHEET;
	int rc = load_strings(x);
	if (rc != XLSX_OK)
		return rc;
	struct sheetp s;
	memset(&s, 0, sizeof s);
	s.p.xp = new_parser();
	s.p.x = x;
	s.cell = cell;
	s.arg = arg;
	if (!s.p.xp)
		return XLSX_E_NOMEM;
	if (grow((void **)&s.buf, &s.cap, 64, 1) < 0) {
		XML_ParserFree(s.p.xp);
		return XLSX_E_NOMEM;
	}
	XML_SetElementHandler(s.p.xp, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(s.p.xp, sheet_text);
	rc = read_part(x, x->sheets[i].part, &s.p, 1);
	XML_ParserFree(s.p.xp);
	free(s.buf);
	return rc;
}

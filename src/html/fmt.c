/* fmt — html_fmt, printf for HTML (see html.h).
 *
 * Every conversion GCC's printf format check lets through is supported with
 * printf's meaning: flags (- + space # 0 ' I), width and precision, also
 * from arguments (* and .*), the length modifiers hh h l ll q L j z Z t,
 * d i o u x X, f F e E g G a A, c s C S (wide text is written as UTF-8), p,
 * m (strerror(errno)), %% and numbered arguments (%2$s, %1$*2$d) so that a
 * translation may reorder them.  Two differences, both on purpose:
 *   - %s, %c and %m text is cut to the precision first (as printf cuts it),
 *     never inside a UTF-8 character, then HTML-escaped; a NULL %s prints
 *     nothing; padding to the width is in spaces and counts bytes as printf.
 *   - %n writes nothing anywhere: it is the classic way to turn a format
 *     into a memory write, and no page needs it.
 * A format the compiler could not check (one read at run time) that is not
 * valid is logged and written with "(?)" in place of each conversion from
 * the first bad one on, reading no argument past it (with numbered
 * arguments, the whole format is checked first and none is read).  The
 * plain %s, %d, %lld, %u … are written without snprintf: most of a page
 * goes through them. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>
#include "html/html.h"
#include "core/log.h"
#include "core/banned.h"

#define FMT_MAX_POS 64   /* the highest N of a numbered argument (%N$) */

enum atype {
	A_NONE, A_INT, A_UINT, A_LONG, A_ULONG, A_LLONG, A_ULLONG, A_SSIZE, A_SIZE,
	A_INTMAX, A_UINTMAX, A_PTRDIFF, A_DOUBLE, A_LDOUBLE, A_STR, A_WSTR, A_WINT,
	A_NPTR,
};

union aval {
	intmax_t i;
	uintmax_t u;
	double d;
	long double ld;
	const char *s;
	const wchar_t *ws;
};

/* One conversion as written in the format. */
struct conv {
	char flags[8];   /* each flag once, NUL-terminated */
	int width;       /* -1: none */
	int width_arg;   /* argument index of a '*' width, -1: none */
	int prec;        /* -1: none */
	int prec_arg;    /* argument index of a '.*' precision, -1: none */
	char len;        /* 0, 'H' (hh), 'h', 'l', 'q' (ll, q), 'L', 'j', 'z' (z, Z), 't' */
	char conv;       /* the conversion letter, '%' for %% */
	int arg;         /* argument index of the value, -1: none (%%, %m) */
};

/* Where arguments come from: straight from the va_list in order, or, for a
 * format with numbered arguments, from vals[] read beforehand. */
struct args {
	va_list ap;
	int positional;
	union aval vals[FMT_MAX_POS];
};

enum { MODE_UNKNOWN, MODE_SEQ, MODE_POS };

/* Reads "N$" at *pp if there; returns N (1..FMT_MAX_POS), 0 when absent,
 * -1 when out of range. */
static int parse_pos(const char **pp)
{
	const char *p = *pp;
	int n = 0;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (*p++ - '0');
		if (n > FMT_MAX_POS)
			return -1;
	}
	if (p == *pp || *p != '$')
		return 0;
	if (n == 0)
		return -1;
	*pp = p + 1;
	return n;
}

/* Reads a '*' width or precision: its argument index, or -1 on error. */
static int parse_star(const char **pp, int *seq, int *mode)
{
	int n = parse_pos(pp);
	if (n < 0)
		return -1;
	int want = n ? MODE_POS : MODE_SEQ;
	if (*mode != MODE_UNKNOWN && *mode != want)
		return -1;
	*mode = want;
	return n ? n - 1 : (*seq)++;
}

static int parse_num(const char **pp)
{
	long n = 0;
	while (**pp >= '0' && **pp <= '9') {
		n = n * 10 + (*(*pp)++ - '0');
		if (n > INT_MAX)
			return -1;
	}
	return (int)n;
}

/* Parses one conversion; *pp points just past the '%' and is moved past the
 * conversion letter.  *seq counts arguments of an unnumbered format, *mode
 * says whether the format numbers them.  Returns 0, or -1 if invalid. */
static int parse_conv(const char **pp, struct conv *c, int *seq, int *mode)
{
	const char *p = *pp;
	memset(c, 0, sizeof *c);
	c->width = c->prec = c->width_arg = c->prec_arg = c->arg = -1;
	if (*p == '%') {
		c->conv = '%';
		*pp = p + 1;
		return 0;
	}
	int pos = parse_pos(&p);
	if (pos < 0)
		return -1;
	int want = pos ? MODE_POS : MODE_SEQ;
	if (*mode != MODE_UNKNOWN && *mode != want)
		return -1;
	*mode = want;
	size_t nf = 0;
	while (*p && strchr("-+ #0'I", *p)) {
		if (!strchr(c->flags, *p) && nf < sizeof c->flags - 1)
			c->flags[nf++] = *p;
		p++;
	}
	if (*p == '*') {
		p++;
		if ((c->width_arg = parse_star(&p, seq, mode)) < 0)
			return -1;
	} else if (*p >= '1' && *p <= '9') {
		if ((c->width = parse_num(&p)) < 0)
			return -1;
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			if ((c->prec_arg = parse_star(&p, seq, mode)) < 0)
				return -1;
		} else if ((c->prec = parse_num(&p)) < 0) {
			return -1;
		}
	}
	switch (*p) {
	case 'h': c->len = p[1] == 'h' ? (p++, 'H') : 'h'; p++; break;
	case 'l': c->len = p[1] == 'l' ? (p++, 'q') : 'l'; p++; break;
	case 'q': c->len = 'q'; p++; break;
	case 'Z': c->len = 'z'; p++; break;
	case 'L': case 'j': case 'z': case 't': c->len = *p++; break;
	}
	if (!*p || !strchr("diouxXfFeEgGaAcsCSpnm", *p))
		return -1;
	c->conv = *p++;
	if (c->conv != 'm')
		c->arg = pos ? pos - 1 : (*seq)++;
	*pp = p;
	return 0;
}

/* The type printf reads for the value of c. */
static enum atype conv_type(const struct conv *c)
{
	int is_signed = c->conv == 'd' || c->conv == 'i';
	switch (c->conv) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
		switch (c->len) {
		case 'l': return is_signed ? A_LONG : A_ULONG;
		case 'q': case 'L': return is_signed ? A_LLONG : A_ULLONG;
		case 'z': return is_signed ? A_SSIZE : A_SIZE;
		case 'j': return is_signed ? A_INTMAX : A_UINTMAX;
		case 't': return A_PTRDIFF;
		case 'H': case 'h': return A_INT; /* promoted */
		default: return is_signed ? A_INT : A_UINT;
		}
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		return c->len == 'L' ? A_LDOUBLE : A_DOUBLE;
	case 'c': return c->len == 'l' ? A_WINT : A_INT;
	case 'C': return A_WINT;
	case 's': return c->len == 'l' ? A_WSTR : A_STR;
	case 'S': return A_WSTR;
	case 'p': return A_STR;
	case 'n': return A_NPTR;
	default: return A_NONE;
	}
}

static void fetch(va_list *ap, enum atype t, union aval *v)
{
	switch (t) {
	case A_INT: v->i = va_arg(*ap, int); break;
	case A_UINT: v->u = va_arg(*ap, unsigned); break;
	case A_LONG: v->i = va_arg(*ap, long); break;
	case A_ULONG: v->u = va_arg(*ap, unsigned long); break;
	case A_LLONG: v->i = va_arg(*ap, long long); break;
	case A_ULLONG: v->u = va_arg(*ap, unsigned long long); break;
	case A_SSIZE: v->i = va_arg(*ap, ssize_t); break;
	case A_SIZE: v->u = va_arg(*ap, size_t); break;
	case A_INTMAX: v->i = va_arg(*ap, intmax_t); break;
	case A_UINTMAX: v->u = va_arg(*ap, uintmax_t); break;
	case A_PTRDIFF: v->i = va_arg(*ap, ptrdiff_t); break;
	case A_DOUBLE: v->d = va_arg(*ap, double); break;
	case A_LDOUBLE: v->ld = va_arg(*ap, long double); break;
	case A_STR: v->s = va_arg(*ap, const char *); break;
	case A_WSTR: v->ws = va_arg(*ap, const wchar_t *); break;
	case A_WINT: v->u = va_arg(*ap, wint_t); break;
	case A_NPTR: (void)va_arg(*ap, int *); v->s = NULL; break;
	case A_NONE: break;
	}
}

/* Checks the whole format before anything is written; for numbered
 * arguments fills types[] and *nargs (every argument up to the highest
 * must be used, or its type and so the place of the next is unknown). */
static int fmt_check(const char *fmt, enum atype *types, int *nargs, int *positional)
{
	int seq = 0, mode = MODE_UNKNOWN;
	*nargs = 0;
	for (int i = 0; i < FMT_MAX_POS; i++)
		types[i] = A_NONE;
	for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
		struct conv c;
		p++;
		if (parse_conv(&p, &c, &seq, &mode) < 0)
			return -1;
		if (mode != MODE_POS)
			continue;
		int idx[3] = { c.width_arg, c.prec_arg, c.arg };
		enum atype ty[3] = { A_INT, A_INT, conv_type(&c) };
		for (int k = 0; k < 3; k++) {
			if (idx[k] < 0)
				continue;
			if (types[idx[k]] != A_NONE && types[idx[k]] != ty[k])
				return -1;
			types[idx[k]] = ty[k];
			if (idx[k] + 1 > *nargs)
				*nargs = idx[k] + 1;
		}
	}
	*positional = mode == MODE_POS;
	for (int i = 0; i < *nargs; i++)
		if (types[i] == A_NONE)
			return -1;
	return 0;
}

/* The argument at idx (of type t): from vals[] or the next in the va_list. */
static void get_arg(struct args *a, int idx, enum atype t, union aval *v)
{
	if (a->positional)
		*v = a->vals[idx];
	else
		fetch(&a->ap, t, v);
}

static void add_spaces(struct strbuf *sb, size_t n)
{
	static const char sp[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
		if (sb_add(sb, sp, k) < 0)
			return;
		n -= k;
	}
}

/* Length of s cut to at most prec bytes (prec < 0: no cut) without
 * splitting a UTF-8 character.  Reads no byte past the cut, as printf's %.*s
 * may be given an array without a NUL. */
static size_t text_len(const char *s, int prec)
{
	if (prec < 0)
		return strlen(s);
	size_t n = strnlen(s, (size_t)prec);
	if (n == 0 || n < (size_t)prec)
		return n;
	size_t j = n - 1;
	while (j > 0 && n - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	unsigned char lead = (unsigned char)s[j];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return j + need > n ? j : n;
}

/* Writes n bytes of text escaped, padded with spaces to the width (on the
 * right when left-justified). */
static void add_text(struct strbuf *sb, int left, int width, const char *s, size_t n)
{
	size_t pad = width > 0 && (size_t)width > n ? (size_t)width - n : 0;
	if (!left)
		add_spaces(sb, pad);
	html_escape_n(sb, s, n);
	if (left)
		add_spaces(sb, pad);
}

/* Writes the UTF-8 form of code point w (U+FFFD for a surrogate or past
 * U+10FFFF) to out; returns its length. */
static size_t put_utf8(char out[4], uint32_t w)
{
	if (w >= 0xD800 && (w <= 0xDFFF || w > 0x10FFFF))
		w = 0xFFFD;
	if (w < 0x80) {
		out[0] = (char)w;
		return 1;
	}
	if (w < 0x800) {
		out[0] = (char)(0xC0 | w >> 6);
		out[1] = (char)(0x80 | (w & 0x3F));
		return 2;
	}
	if (w < 0x10000) {
		out[0] = (char)(0xE0 | w >> 12);
		out[1] = (char)(0x80 | (w >> 6 & 0x3F));
		out[2] = (char)(0x80 | (w & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | w >> 18);
	out[1] = (char)(0x80 | (w >> 12 & 0x3F));
	out[2] = (char)(0x80 | (w >> 6 & 0x3F));
	out[3] = (char)(0x80 | (w & 0x3F));
	return 4;
}

/* Wide text as UTF-8, whole characters only up to prec bytes (as printf). */
static void add_wide(struct strbuf *sb, int left, int width, int prec, const wchar_t *ws)
{
	struct strbuf u = STRBUF_INIT;
	for (; ws && *ws; ws++) {
		char ch[4];
		size_t k = put_utf8(ch, (uint32_t)*ws);
		if (prec >= 0 && u.len + k > (size_t)prec)
			break;
		sb_add(&u, ch, k);
	}
	add_text(sb, left, width, sb_str(&u), u.len);
	sb_release(&u);
}

/* snprintf of one number with a spec daam built; numbers, "inf", "nan" and
 * "(nil)" hold no markup, so they are appended as they are. */
static void add_printf(struct strbuf *sb, const char *spec, ...)
{
	char buf[128];
	va_list ap, cp;
	va_start(ap, spec);
	va_copy(cp, ap);
	int n = vsnprintf(buf, sizeof buf, spec, cp);
	va_end(cp);
	if (n >= 0 && (size_t)n < sizeof buf)
		sb_add(sb, buf, (size_t)n);
	else if (n >= 0)
		sb_vaddf(sb, spec, ap);
	va_end(ap);
}

/* Builds "%<flags><width>[.<prec>]<len><conv>" for snprintf. */
static void build_spec(char *spec, size_t size, const struct conv *c, const char *flags,
		       int width, int prec, const char *len)
{
	char w[16] = "", pr[16] = "";
	if (width > 0)
		snprintf(w, sizeof w, "%d", width);
	if (prec >= 0)
		snprintf(pr, sizeof pr, ".%d", prec);
	snprintf(spec, size, "%%%s%s%s%s%c", flags, w, pr, len, c->conv);
}

/* The value of an integer conversion narrowed as its length modifier says,
 * widened to intmax_t / uintmax_t for a "%j…" spec. */
static intmax_t as_signed(const struct conv *c, const union aval *v)
{
	switch (c->len) {
	case 'H': return (signed char)v->i;
	case 'h': return (short)v->i;
	default: return v->i;
	}
}

static uintmax_t as_unsigned(const struct conv *c, const union aval *v)
{
	switch (c->len) {
	case 'H': return (unsigned char)v->i;
	case 'h': return (unsigned short)v->i;
	case 't': return (size_t)v->i;
	default: return v->u;
	}
}

/* Writes one conversion, reading its arguments (width, precision, value). */
static void emit(struct strbuf *sb, const struct conv *c, struct args *a, int saved_errno)
{
	char flags[sizeof c->flags + 1];
	int width = c->width, prec = c->prec;
	union aval v = { 0 };
	snprintf(flags, sizeof flags, "%s", c->flags);
	if (c->width_arg >= 0) {
		get_arg(a, c->width_arg, A_INT, &v);
		int w = (int)v.i;
		if (w < 0) { /* a negative width from '*' means '-' */
			size_t fl = strlen(flags);
			if (!strchr(flags, '-')) {
				flags[fl] = '-';
				flags[fl + 1] = 0;
			}
			w = w == INT_MIN ? INT_MAX : -w;
		}
		width = w;
	}
	if (c->prec_arg >= 0) {
		get_arg(a, c->prec_arg, A_INT, &v);
		int pr = (int)v.i;
		prec = pr < 0 ? -1 : pr;
	}
	int left = strchr(flags, '-') != NULL;
	char spec[64];
	switch (c->conv) {
	case '%':
		sb_addc(sb, '%');
		return;
	case 'm': {
		const char *s = strerror(saved_errno);
		add_text(sb, left, width, s, text_len(s, prec));
		return;
	}
	case 'd': case 'i':
		get_arg(a, c->arg, conv_type(c), &v);
		build_spec(spec, sizeof spec, c, flags, width, prec, "j");
		add_printf(sb, spec, as_signed(c, &v));
		return;
	case 'o': case 'u': case 'x': case 'X':
		get_arg(a, c->arg, conv_type(c), &v);
		build_spec(spec, sizeof spec, c, flags, width, prec, "j");
		add_printf(sb, spec, as_unsigned(c, &v));
		return;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		get_arg(a, c->arg, conv_type(c), &v);
		build_spec(spec, sizeof spec, c, flags, width, prec, c->len == 'L' ? "L" : "");
		if (c->len == 'L')
			add_printf(sb, spec, v.ld);
		else
			add_printf(sb, spec, v.d);
		return;
	case 'p':
		get_arg(a, c->arg, A_STR, &v);
		build_spec(spec, sizeof spec, c, left ? "-" : "", width, -1, "");
		add_printf(sb, spec, (const void *)v.s);
		return;
	case 'c': case 'C':
		get_arg(a, c->arg, conv_type(c), &v);
		if (conv_type(c) == A_WINT) {
			char ch[4];
			size_t k = put_utf8(ch, (uint32_t)v.u);
			add_text(sb, left, width, ch, k);
		} else {
			char ch = (char)(unsigned char)v.i;
			add_text(sb, left, width, &ch, 1);
		}
		return;
	case 's': case 'S':
		get_arg(a, c->arg, conv_type(c), &v);
		if (conv_type(c) == A_WSTR)
			add_wide(sb, left, width, prec, v.ws);
		else
			add_text(sb, left, width, v.s ? v.s : "", v.s ? text_len(v.s, prec) : 0);
		return;
	case 'n':
		get_arg(a, c->arg, A_NPTR, &v); /* refused: nothing is stored */
		return;
	}
}

/* The rest of a format that is not valid, from `from` on: its text with
 * "(?)" for each conversion. */
static void write_invalid(struct strbuf *sb, const char *fmt, const char *from)
{
	log_error("html_fmt: invalid format \"%s\"", fmt);
	const char *p = from;
	for (const char *pct; (pct = strchr(p, '%')) != NULL;) {
		sb_add(sb, p, (size_t)(pct - p));
		p = pct + 1;
		if (*p == '%') {
			sb_addc(sb, '%');
			p++;
			continue;
		}
		while (*p && strchr("0123456789$-+ #'I*.", *p))
			p++;
		while (*p && strchr("hlqLjzZt", *p))
			p++;
		if (*p)
			p++;
		sb_adds(sb, "(?)");
	}
	sb_adds(sb, p);
}

/* Writes the decimal digits of v (with '-' when negative). */
static void add_decimal(struct strbuf *sb, int negative, uintmax_t v)
{
	char buf[24];
	size_t i = sizeof buf;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (negative)
		buf[--i] = '-';
	sb_add(sb, buf + i, sizeof buf - i);
}

/* The common conversions without flags, width or precision (%s, %d, %lld,
 * %u, %zu …), written without snprintf.  Returns 0 when it did not apply. */
static int emit_plain(struct strbuf *sb, const struct conv *c, struct args *a)
{
	union aval v;
	if (c->flags[0] || c->width >= 0 || c->width_arg >= 0 || c->prec >= 0 || c->prec_arg >= 0)
		return 0;
	switch (c->conv) {
	case 's':
		if (c->len)
			return 0;
		get_arg(a, c->arg, A_STR, &v);
		if (v.s)
			html_escape_n(sb, v.s, strlen(v.s));
		return 1;
	case 'd': case 'i': {
		get_arg(a, c->arg, conv_type(c), &v);
		intmax_t x = as_signed(c, &v);
		add_decimal(sb, x < 0, x < 0 ? (uintmax_t)0 - (uintmax_t)x : (uintmax_t)x);
		return 1;
	}
	case 'u':
		get_arg(a, c->arg, conv_type(c), &v);
		add_decimal(sb, 0, as_unsigned(c, &v));
		return 1;
	}
	return 0;
}

void html_vfmt(struct strbuf *sb, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	struct args a;
	a.positional = 0;
	/* numbered arguments: the whole format is checked and every argument
	 * read first, by type; an unnumbered format is checked as it goes (a
	 * bad conversion ends the reading of arguments there) */
	if (strchr(fmt, '$')) {
		enum atype types[FMT_MAX_POS];
		int nargs;
		if (fmt_check(fmt, types, &nargs, &a.positional) < 0) {
			write_invalid(sb, fmt, fmt);
			return;
		}
		va_copy(a.ap, ap);
		for (int i = 0; a.positional && i < nargs; i++)
			fetch(&a.ap, types[i], &a.vals[i]);
	} else {
		va_copy(a.ap, ap);
	}
	int seq = 0, mode = MODE_UNKNOWN;
	const char *p = fmt;
	for (const char *pct; (pct = strchr(p, '%')) != NULL;) {
		sb_add(sb, p, (size_t)(pct - p));
		p = pct + 1;
		struct conv c;
		if (parse_conv(&p, &c, &seq, &mode) < 0) {
			write_invalid(sb, fmt, pct);
			p = "";
			break;
		}
		if (!emit_plain(sb, &c, &a))
			emit(sb, &c, &a, saved_errno);
	}
	sb_adds(sb, p);
	va_end(a.ap);
	errno = saved_errno;
}

void html_fmt(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vfmt(sb, fmt, ap);
	va_end(ap);
}

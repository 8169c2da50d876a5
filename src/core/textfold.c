/*
 * textfold — fold UTF-8 text into a canonical form for matching and search.
 * See textfold.h for the rules. Implementation notes:
 *   - ASCII is handled byte by byte without any library call;
 *   - the Arabic block (U+0600–U+06FF) is folded by our own table, so the
 *     hamza letters become bare alef/waw/yeh instead of being decomposed
 *     into a base letter plus a combining hamza;
 *   - every other code point goes through utf8proc_decompose_char (NFKD,
 *     case fold, strip marks, drop default-ignorables) into a small stack
 *     buffer, and each resulting code point is classified again;
 *   - output goes to either a fixed caller buffer or one heap buffer that
 *     grows geometrically: no allocation per character.
 */
#include "core/textfold.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Result of folding a single code point. */
enum {
	FOLD_DROP = -1, /* remove, no separator */
	FOLD_SEP = -2,  /* word separator */
};

struct fold_out {
	char *p;
	size_t len;
	size_t cap;
	bool grow;     /* heap buffer that may be realloc'd */
	bool failed;   /* overflow (fixed buffer) or OOM */
	bool pending;  /* a separator is waiting before the next character */
};

/* Makes room for n more bytes plus the final NUL. */
static bool out_reserve(struct fold_out *o, size_t n)
{
	if (o->failed)
		return false;
	if (o->len + n + 1 <= o->cap)
		return true;
	if (!o->grow) {
		o->failed = true;
		return false;
	}
	size_t cap = o->cap ? o->cap : 32;
	while (o->len + n + 1 > cap) {
		if (cap > SIZE_MAX / 2) {
			o->failed = true;
			return false;
		}
		cap *= 2;
	}
	char *np = realloc(o->p, cap);
	if (!np) {
		o->failed = true;
		return false;
	}
	o->p = np;
	o->cap = cap;
	return true;
}

/* Appends code point cp (already folded, never a separator) as UTF-8,
 * preceded by the pending separator if any. */
static void out_cp(struct fold_out *o, int32_t cp)
{
	unsigned char b[5];
	size_t n;

	if (o->pending) {
		b[0] = ' ';
		n = 1;
	} else {
		n = 0;
	}
	if (cp < 0x80) {
		b[n++] = (unsigned char)cp;
	} else if (cp < 0x800) {
		b[n++] = (unsigned char)(0xC0 | (cp >> 6));
		b[n++] = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		b[n++] = (unsigned char)(0xE0 | (cp >> 12));
		b[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[n++] = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		b[n++] = (unsigned char)(0xF0 | (cp >> 18));
		b[n++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[n++] = (unsigned char)(0x80 | (cp & 0x3F));
	}
	if (!out_reserve(o, n))
		return;
	memcpy(o->p + o->len, b, n);
	o->len += n;
	o->pending = false;
}

static void out_sep(struct fold_out *o)
{
	if (o->len > 0)
		o->pending = true;
}

/* Folds one code point of the Arabic block U+0600–U+06FF. Returns the
 * replacement code point, FOLD_DROP, FOLD_SEP, or cp itself when the letter
 * is kept unchanged. */
static int32_t fold_arabic(int32_t cp, unsigned flags)
{
	/* Tashkeel, Quranic annotation marks and tatweel. */
	if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
			(cp >= 0x0610 && cp <= 0x061A) ||
			(cp >= 0x06D6 && cp <= 0x06ED) || cp == 0x0640)
		return FOLD_DROP;
	/* Arabic-Indic and Extended Arabic-Indic (Persian/Urdu) digits. */
	if (cp >= 0x0660 && cp <= 0x0669)
		return '0' + (cp - 0x0660);
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return '0' + (cp - 0x06F0);
	switch (cp) {
	case 0x0622: /* آ */
	case 0x0623: /* أ */
	case 0x0625: /* إ */
	case 0x0671: /* ٱ wasla */
	case 0x0672: /* alef with wavy hamza above */
	case 0x0673: /* alef with wavy hamza below */
	case 0x0675: /* high hamza alef */
		return 0x0627;
	case 0x0649: /* ى */
		return (flags & TEXT_FOLD_KEEP_ALEF_MAKSURA) ? cp : 0x064A;
	case 0x0629: /* ة */
		return (flags & TEXT_FOLD_KEEP_TEH_MARBUTA) ? cp : 0x0647;
	case 0x0624: /* ؤ */
		return (flags & TEXT_FOLD_KEEP_HAMZA_SEATS) ? cp : 0x0648;
	case 0x0626: /* ئ */
		return (flags & TEXT_FOLD_KEEP_HAMZA_SEATS) ? cp : 0x064A;
	case 0x0676: /* high hamza waw */
	case 0x0677: /* u with hamza above */
		return 0x0648;
	case 0x0678: /* high hamza yeh */
	case 0x06CC: /* Persian yeh ی */
		return 0x064A;
	case 0x06A9: /* Persian keheh ک */
	case 0x06AA: /* swash kaf */
		return 0x0643;
	case 0x06C0: /* heh with yeh above ۀ */
		return 0x0647;
	default:
		break;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return cp;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
		return FOLD_DROP;
	default:
		return FOLD_SEP;
	}
}

/* Emits a code point that is already decomposed and case-folded (or ASCII,
 * or in the Arabic block), classifying it as kept, dropped or separator. */
static void emit_folded(struct fold_out *o, int32_t cp, unsigned flags)
{
	int32_t r;

	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			out_cp(o, cp);
		else if (cp >= 'A' && cp <= 'Z')
			out_cp(o, cp + ('a' - 'A'));
		else
			out_sep(o);
		return;
	}
	if (cp >= 0x0600 && cp <= 0x06FF) {
		r = fold_arabic(cp, flags);
	} else {
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
			r = cp;
			break;
		case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
		case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
			r = FOLD_DROP;
			break;
		default:
			r = FOLD_SEP;
			break;
		}
	}
	if (r == FOLD_SEP)
		out_sep(o);
	else if (r >= 0)
		out_cp(o, r);
}

/* The longest full decomposition in Unicode (U+FDFA) is 18 code points. */
#define DECOMP_MAX 32

/* Folds the whole input into o. Returns false on invalid UTF-8. */
static bool fold_run(struct fold_out *o, const char *in, size_t len,
		unsigned flags)
{
	const utf8proc_option_t opts = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
		UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE;
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;

	while (i < len && !o->failed) {
		unsigned char c = s[i];
		if (c < 0x80) {
			emit_folded(o, c, flags);
			i++;
			continue;
		}
		size_t rest = len - i;
		if (rest > 4)
			rest = 4;
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(s + i,
				(utf8proc_ssize_t)rest, &cp);
		if (n <= 0)
			return false;
		i += (size_t)n;
		if (cp >= 0x0600 && cp <= 0x06FF) {
			emit_folded(o, cp, flags);
			continue;
		}
		utf8proc_int32_t buf[DECOMP_MAX];
		int boundclass = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, buf, DECOMP_MAX,
				opts, &boundclass);
		if (k < 0 || k > DECOMP_MAX) {
			out_sep(o);
			continue;
		}
		for (utf8proc_ssize_t j = 0; j < k; j++)
			emit_folded(o, buf[j], flags);
	}
	return true;
}

int text_fold_buf_ex(const char *in, size_t len, char *out, size_t outsz,
		unsigned flags)
{
	if (!out || outsz == 0)
		return -1;
	out[0] = '\0';
	if (!in && len > 0)
		return -1;
	struct fold_out o = { .p = out, .cap = outsz };
	if (!fold_run(&o, in, len, flags) || o.failed || o.len > (size_t)INT_MAX) {
		out[0] = '\0';
		return -1;
	}
	out[o.len] = '\0';
	return (int)o.len;
}

int text_fold_buf(const char *in, size_t len, char *out, size_t outsz)
{
	return text_fold_buf_ex(in, len, out, outsz, TEXT_FOLD_DEFAULT);
}

char *text_fold_ex(const char *in, size_t len, unsigned flags)
{
	if (!in && len > 0)
		return NULL;
	/* Folding rarely grows text; start with room for the input as is. */
	size_t cap = len < SIZE_MAX - 16 ? len + 16 : len;
	struct fold_out o = { .cap = cap, .grow = true };
	o.p = malloc(cap);
	if (!o.p)
		return NULL;
	if (!fold_run(&o, in, len, flags) || o.failed) {
		free(o.p);
		return NULL;
	}
	o.p[o.len] = '\0';
	return o.p;
}

char *text_fold(const char *in, size_t len)
{
	return text_fold_ex(in, len, TEXT_FOLD_DEFAULT);
}

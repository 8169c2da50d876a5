/*
 * namematch — cross-script person-name matching. See namematch.h for the
 * contract and docs/name-matching.md for the method and measured accuracy.
 *
 * Pipeline for one name:
 *   1. drop apostrophes (Sa'id → Said), fold with text_fold keeping ة, ى and
 *      the hamza seats ؤ ئ, split into words;
 *   2. join compounds: the article ال/al/el/ash… with the next word, الله /
 *      الدين / -ullah / -eddine with the previous one, عبد/ابو/abdul/abu…
 *      with the next one;
 *   3. for each word, up to two readings (with and without the article),
 *      each rewritten to a canonical compound form and transliterated to the
 *      phonetic alphabet below;
 *   4. words are compared with a weighted edit distance; names by pairing
 *      their words in the best order.
 *
 * Phonetic alphabet (one ASCII byte per symbol):
 *   consonants  b t j h x(kh) d z r s S(ش) g(gh) f k l m n w y
 *   'Z' 'D'  Latin sh/ch and dh: ش or س+ح, د or ذ/ظ/ض
 *   'O'  word onset: initial vowel/alef/ayn (أحمد, عمر, Omar, Ahmad)
 *   'E'  ayn or hamza inside a word (weak: often unwritten in Latin)
 *   'H'  an h that Latin spelling may hide or add: the h of th/dh/sh
 *        (Fathi فتحي, Ishaq إسحاق) and of a final -ah (Samah سماح)
 *   'A' 'I' 'U'  long vowels: ا ي و, Latin aa, ee/ii, oo, final i/o/u
 *   'V'  Latin "ou" outside a closed last syllable: long or short u
 *   'a' 'e' 'i' 'u'  short Latin vowels (Arabic does not write them)
 *   '@'  the ending -a: ة, final ا/اء, Latin final -a/-ah
 *   'Y'  final ى, read as -a but often typed for final ي
 */
#include "core/namematch.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/textfold.h"
#include "core/typo.h"

#define RAW_MAX 32        /* words looked at before joining */
#define WORD_BYTES 128    /* bytes of one (joined) word */
#define SYM_MAX 48        /* phonetic symbols kept per word */
#define FOLD_BYTES (NAME_INPUT_MAX * 4 + 16)

struct word {
	char txt[WORD_BYTES];
	size_t len;
	size_t art;   /* bytes of a known article prefix, 0 if none */
	bool arabic;
};

struct form {
	char sym[SYM_MAX];
	size_t n;
	double w;     /* sum of deletion costs: the form's weight */
	bool latin;   /* transliterated from Latin letters */
};

struct wordforms {
	struct form f[2];
	int nf;
	bool article;  /* written with an article (also al- joined to a vowel: Alahmad) */
	bool loose;    /* f[1] is a Latin al- joined to a vowel read as an article:
			* the key keeps f[0] (Alaa, Alawi are names) */
};

struct parsed {
	struct wordforms w[NAME_MAX_WORDS];
	int n;
	struct word raw[NAME_MAX_WORDS];  /* the words as folded, for typo_similarity */
};

/* ---- symbol costs ------------------------------------------------------ */

static bool is_cons(char c)
{
	return c != '\0' && strchr("btjhxdDzrsSZgfklmnwy", c) != NULL;
}

static bool is_strong(char c)
{
	return c == 'A' || c == 'I' || c == 'U';
}

static bool is_weak(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'u';
}

/* Vowel quality: a, i, u, or e (Latin e: between a and i). */
static char quality(char c)
{
	switch (c) {
	case 'A': case 'a': return 'a';
	case 'I': case 'i': return 'i';
	case 'U': case 'u': return 'u';
	default: return c;
	}
}

/* Cost of a symbol present in one name and absent in the other. */
static double del_cost(char c)
{
	if (is_weak(c))
		return 0.1;
	if (is_strong(c))
		return 1.2; /* Arabic long vowels are always written */
	switch (c) {
	case 'E': return 0.3;
	case 'H': return 0.2;
	case 'Y': return 0.8;
	case 'V': return 0.6;
	case '@': return 1.3; /* نبيل / نبيلة, Jamil / Jamila */
	default: return 1.0; /* consonants, onset */
	}
}

static bool pair_is(char x, char y, char p, char q)
{
	return (x == p && y == q) || (x == q && y == p);
}

/* Cost of reading symbol x in one name as symbol y in the other. */
static double sub_cost(char x, char y)
{
	if (x == y)
		return 0.0;
	if (pair_is(x, y, 'H', 'h'))
		return 0.0;
	bool vx = is_strong(x) || is_weak(x), vy = is_strong(y) || is_weak(y);
	if (vx && vy) {
		if (is_weak(x) && is_weak(y)) {
			/* o/u, e/i, e/a vary between spellings; a/i, a/u, i/u
			 * mostly tell different names apart (Karim, Karam) */
			if (x == 'e' || y == 'e')
				return 0.15;
			return 0.7;
		}
		if (is_strong(x) && is_strong(y))
			return 1.2;
		char s = is_strong(x) ? x : y, w = is_strong(x) ? y : x;
		if (quality(s) == quality(w))
			return 0.2;
		if (w == 'e' && (s == 'A' || s == 'I'))
			return 0.3;
		return 0.9;
	}
	if (x == 'Y' || y == 'Y') {
		/* ى: written for -a (هدى) but often typed for final ي */
		char o = x == 'Y' ? y : x;
		if (o == '@' || o == 'A')
			return 0.15;
		if (o == 'I' || o == 'y' || o == 'a' || o == 'e')
			return 0.3;
		return 1.0;
	}
	if (x == 'V' || y == 'V') {
		/* Latin "ou": long (Mahmoud) or short (Moustafa) u */
		char o = x == 'V' ? y : x;
		switch (o) {
		case 'U': return 0.0;
		case 'u': return 0.05;
		case 'w': return 0.15;
		case 'e': return 0.3;
		case 'E': return 0.4;
		case 'O': return 0.6;
		case 'A': case 'I': return 1.0;
		case 'a': case 'i': return 0.9;
		default: return 1.0;
		}
	}
	if (pair_is(x, y, 'Z', 'S') || pair_is(x, y, 'D', 'd'))
		return 0.0;
	if (pair_is(x, y, 'D', 'z'))
		return 0.1;
	if (pair_is(x, y, 'Z', 's'))
		return 0.2;
	if (x == '@' || y == '@') {
		char o = x == '@' ? y : x;
		if (o == 'A')
			return 0.15;
		if (o == 'a' || o == 'e' || o == 'h')
			return 0.3;
		if (o == 'E')
			return 0.4;
		return 1.0;
	}
	if (x == 'E' || y == 'E') {
		char o = x == 'E' ? y : x;
		if (is_weak(o))
			return 0.15;
		if (o == 'O')
			return 0.3;
		if (o == 'y' || o == 'w')
			return 0.4;
		if (is_strong(o))
			return 0.7;
		return 1.0;
	}
	if (x == 'O' || y == 'O') {
		char o = x == 'O' ? y : x;
		return is_strong(o) ? 0.6 : 1.0;
	}
	/* semivowels against vowels */
	if (pair_is(x, y, 'y', 'I') || pair_is(x, y, 'w', 'U'))
		return 0.15;
	if (pair_is(x, y, 'y', 'i') || pair_is(x, y, 'y', 'e') ||
			pair_is(x, y, 'w', 'u'))
		return 0.5;
	/* consonants that transliterations confuse */
	if (pair_is(x, y, 't', 's') || pair_is(x, y, 'd', 'z') ||
			pair_is(x, y, 'g', 'j') || pair_is(x, y, 'g', 'k'))
		return 0.4;
	if (pair_is(x, y, 't', 'd'))
		return 0.5;
	if (pair_is(x, y, 'k', 'x') || pair_is(x, y, 'h', 'x'))
		return 0.6;
	return 1.0;
}

/* Deletion cost in a comparison: between two Latin spellings, which both
 * write their short vowels, a missing short vowel is a real difference. */
static double del_in(char c, bool both_latin)
{
	return (both_latin && is_weak(c)) ? 0.5 : del_cost(c);
}

/* Words are compared relative to their weight, but at most to this weight:
 * one consonant (1.0) or long vowel (1.2) apart is then always below
 * NAME_MATCH_THRESHOLD, however long the word (ياسمين / ياسين). */
#define NORM_CAP 4.5

/* Similarity of two phonetic forms in [0, 1]: 1 - weighted edit distance /
 * the larger weight. */
static double form_similarity(const struct form *a, const struct form *b)
{
	bool ll = a->latin && b->latin;
	double maxw = a->w > b->w ? a->w : b->w;
	if (maxw <= 0.0)
		return (a->n == 0 && b->n == 0) ? 1.0 : 0.0;
	double prev[SYM_MAX + 1], cur[SYM_MAX + 1];
	prev[0] = 0.0;
	for (size_t j = 1; j <= b->n; j++)
		prev[j] = prev[j - 1] + del_in(b->sym[j - 1], ll);
	for (size_t i = 1; i <= a->n; i++) {
		char x = a->sym[i - 1];
		double dx = del_in(x, ll);
		cur[0] = prev[0] + dx;
		for (size_t j = 1; j <= b->n; j++) {
			char y = b->sym[j - 1];
			double best = prev[j - 1] + sub_cost(x, y);
			double d1 = prev[j] + dx;
			double d2 = cur[j - 1] + del_in(y, ll);
			if (d1 < best)
				best = d1;
			if (d2 < best)
				best = d2;
			cur[j] = best;
		}
		memcpy(prev, cur, (b->n + 1) * sizeof prev[0]);
	}
	double s = 1.0 - prev[b->n] / (maxw < NORM_CAP ? maxw : NORM_CAP);
	return s < 0.0 ? 0.0 : s;
}

/* ---- transliteration --------------------------------------------------- */

static void form_put(struct form *f, char c)
{
	if (f->n >= SYM_MAX)
		return;
	/* doubled consonants (shadda in Latin spelling, ال + ل) count once */
	if (f->n > 0 && f->sym[f->n - 1] == c && (is_cons(c) || c == 'H'))
		return;
	f->sym[f->n++] = c;
	f->w += del_cost(c);
}

static bool latin_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Transliterates a Latin word (lower-case ASCII; other bytes ignored). */
static void romanize_latin(const char *txt, size_t len, struct form *f)
{
	char s[WORD_BYTES];
	size_t n = 0;
	for (size_t i = 0; i < len && n < sizeof s; i++)
		if (txt[i] >= 'a' && txt[i] <= 'z')
			s[n++] = txt[i];
	if (n == 0)
		return;
	if (latin_vowel(s[0]))
		form_put(f, 'O');
	for (size_t i = 0; i < n; ) {
		char c = s[i];
		char nx = i + 1 < n ? s[i + 1] : '\0';
		char nx2 = i + 2 < n ? s[i + 2] : '\0';
		bool last = i + 1 == n;
		bool after_cons = i > 0 && !latin_vowel(s[i - 1]);
		if (latin_vowel(c)) {
			/* long vowels written as digraphs; a word-initial vowel
			 * only colours the onset (Oussama, Aamer) */
			if (i > 0 && ((c == 'a' && nx == 'a') || (c == 'e' && nx == 'e') ||
					(c == 'i' && nx == 'i') ||
					(c == 'o' && (nx == 'o' || nx == 'u')) ||
					(c == 'u' && nx == 'u'))) {
				char v = c == 'a' ? 'A' : (c == 'e' || c == 'i') ? 'I' : 'U';
				/* French-style "ou" also writes a short u (Moustafa,
				 * Mourad, Houda), except in a closed last syllable,
				 * where Arabic names have a long ū (Mahmoud, Mansour) */
				if (c == 'o' && nx == 'u') {
					bool closed_last = true;
					for (size_t k = i + 2; k < n; k++)
						if (latin_vowel(s[k]) || s[k] == 'y')
							closed_last = false;
					if (!closed_last || i + 2 == n)
						v = 'V';
				}
				form_put(f, v);
				i += 2;
				continue;
			}
			/* diphthongs ai/ei/ay/ey after a consonant, before a
			 * consonant or the end: Hussein, Zainab, Zaynab, Ismail */
			if (after_cons && (c == 'a' || c == 'e') &&
					(nx == 'i' || nx == 'y') &&
					(nx2 == '\0' || !(latin_vowel(nx2) || nx2 == 'y'))) {
				form_put(f, c);
				form_put(f, 'I');
				i += 2;
				continue;
			}
			/* aw/ow before a consonant: Fawzi, Nawras */
			if (after_cons && (c == 'a' || c == 'o') && nx == 'w' &&
					nx2 != '\0' && !latin_vowel(nx2)) {
				form_put(f, c == 'a' ? 'a' : 'u');
				form_put(f, 'U');
				i += 2;
				continue;
			}
			/* final -ah/-eh: ة (Fatimah, Fatmeh) or a vowel and
			 * a real h (Samah سماح, Abdullah) */
			if ((c == 'a' || c == 'e') && nx == 'h' && i + 2 == n && i > 0) {
				form_put(f, '@');
				form_put(f, 'H');
				i += 2;
				continue;
			}
			if (last && i > 0) {
				form_put(f, c == 'a' ? '@' : c == 'e' ? 'e' :
						c == 'i' ? 'I' : 'U');
			} else if (c == 'i' && latin_vowel(nx) && i > 0) {
				form_put(f, 'y'); /* Nadia, Ziad */
			} else {
				form_put(f, c == 'o' ? 'u' : c);
			}
			i++;
			continue;
		}
		/* consonant digraphs */
		if (nx == 'h') {
			char d = 0, extra = 0;
			switch (c) {
			case 'k': d = 'x'; break;
			case 'g': d = 'g'; break;
			case 's': d = 'Z'; extra = 'H'; break;
			case 'c': d = 'Z'; extra = 'H'; break;
			case 'z': d = 'j'; break;
			case 'p': d = 'f'; break;
			case 't': d = 't'; extra = 'H'; break;
			case 'd': d = 'D'; extra = 'H'; break;
			default: break;
			}
			if (d) {
				form_put(f, d);
				if (extra)
					form_put(f, extra);
				i += 2;
				continue;
			}
		}
		if (c == 'c' && nx == 'k') {
			form_put(f, 'k');
			i += 2;
			continue;
		}
		if (c == 'd' && nx == 'j') {
			form_put(f, 'j');
			i += 2;
			continue;
		}
		switch (c) {
		case 'y':
			form_put(f, (i == 0 || latin_vowel(nx) ||
					latin_vowel(s[i - 1])) ? 'y' : 'I');
			break;
		case 'w':
			form_put(f, (i == 0 || latin_vowel(nx)) ? 'w' : 'U');
			break;
		case 'p': form_put(f, 'b'); break;
		case 'v': form_put(f, 'f'); break;
		case 'q': case 'c': form_put(f, 'k'); break;
		default: form_put(f, c); break;
		}
		i++;
	}
}

/* Decodes a folded Arabic word into code points; returns the count. */
static size_t decode_word(const char *txt, size_t len, int32_t *cp, size_t max)
{
	const unsigned char *s = (const unsigned char *)txt;
	size_t n = 0;
	for (size_t i = 0; i < len && n < max; ) {
		unsigned char c = s[i];
		if (c < 0x80) {
			cp[n++] = c;
			i++;
		} else if ((c & 0xE0) == 0xC0 && i + 1 < len) {
			cp[n++] = ((int32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
			i += 2;
		} else if ((c & 0xF0) == 0xE0 && i + 2 < len) {
			cp[n++] = ((int32_t)(c & 0x0F) << 12) |
				((int32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
			i += 3;
		} else if ((c & 0xF8) == 0xF0 && i + 3 < len) {
			cp[n++] = ((int32_t)(c & 0x07) << 18) |
				((int32_t)(s[i + 1] & 0x3F) << 12) |
				((int32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
			i += 4;
		} else {
			break; /* cannot happen: the text was validated by text_fold */
		}
	}
	return n;
}

#define AR_ALEF 0x0627
#define AR_MAKSURA 0x0649
#define AR_TEH_MARBUTA 0x0629

/* Is cp a letter that makes a neighbouring و/ي a consonant (ا ى ة)? */
static bool ar_vowel_carrier(int32_t cp)
{
	return cp == AR_ALEF || cp == AR_MAKSURA || cp == AR_TEH_MARBUTA;
}

/* Transliterates a folded Arabic word. */
static void romanize_arabic(const char *txt, size_t len, struct form *f)
{
	int32_t cp[WORD_BYTES];
	size_t n = decode_word(txt, len, cp, WORD_BYTES);
	for (size_t i = 0; i < n; i++) {
		int32_t c = cp[i];
		int32_t prev = i > 0 ? cp[i - 1] : 0;
		int32_t next = i + 1 < n ? cp[i + 1] : 0;
		bool first = i == 0, last = i + 1 == n;
		char sym = 0;
		switch (c) {
		case AR_ALEF:
			if (first)
				sym = 'O';
			else if (last || (next == 0x0621 && i + 2 == n))
				sym = '@'; /* رنا, أسماء */
			else
				sym = 'A';
			break;
		case AR_MAKSURA:
			sym = last ? 'Y' : 'A';
			break;
		case AR_TEH_MARBUTA:
			sym = '@';
			break;
		case 0x0621: /* ء */
			sym = (last && prev == AR_ALEF) ? 0 : 'E';
			break;
		case 0x0626: /* ئ */
			sym = 'E';
			break;
		case 0x0624: /* ؤ */
			sym = 'U';
			break;
		case 0x0639: /* ع */
			sym = first ? 'O' : 'E';
			break;
		case 0x0648: /* و */
			sym = (first || prev == AR_ALEF || ar_vowel_carrier(next))
				? 'w' : 'U';
			break;
		case 0x064A: /* ي */
			sym = (first || prev == AR_ALEF || ar_vowel_carrier(next))
				? 'y' : 'I';
			break;
		case 0x0628: case 0x067E: sym = 'b'; break; /* ب پ */
		case 0x062A: case 0x062B: case 0x0637: sym = 't'; break; /* ت ث ط */
		case 0x062C: case 0x0698: sym = 'j'; break; /* ج ژ */
		case 0x062D: case 0x0647: sym = 'h'; break; /* ح ه */
		case 0x062E: sym = 'x'; break; /* خ */
		case 0x062F: case 0x0636: sym = 'd'; break; /* د ض */
		case 0x0630: case 0x0632: case 0x0638: sym = 'z'; break; /* ذ ز ظ */
		case 0x0631: case 0x0695: sym = 'r'; break; /* ر ڕ */
		case 0x0633: case 0x0635: sym = 's'; break; /* س ص */
		case 0x0634: case 0x0686: sym = 'S'; break; /* ش چ */
		case 0x063A: case 0x06AF: sym = 'g'; break; /* غ گ */
		case 0x0641: case 0x06A4: sym = 'f'; break; /* ف ڤ */
		case 0x0642: case 0x0643: sym = 'k'; break; /* ق ك */
		case 0x0644: case 0x06B5: sym = 'l'; break; /* ل ڵ */
		case 0x0645: sym = 'm'; break;
		case 0x0646: sym = 'n'; break;
		case 0x06C6: sym = 'U'; break; /* Kurdish ۆ */
		case 0x06CE: sym = 'I'; break; /* Kurdish ێ */
		case 0x06D5: sym = last ? '@' : 'a'; break; /* Kurdish ە */
		default: break; /* digits, other scripts */
		}
		if (sym)
			form_put(f, sym);
	}
}

/* ---- words and compounds ----------------------------------------------- */

static bool eq(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n == l && memcmp(s, lit, l) == 0;
}

static bool starts(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && memcmp(s, lit, l) == 0;
}

static bool ends(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && memcmp(s + n - l, lit, l) == 0;
}

static bool in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (eq(s, n, *list))
			return true;
	return false;
}

#define AR_AL "\xd8\xa7\xd9\x84"                      /* ال */
#define AR_ABD "\xd8\xb9\xd8\xa8\xd8\xaf"             /* عبد */
#define AR_ABU "\xd8\xa7\xd8\xa8\xd9\x88"             /* ابو */
#define AR_ALLAH "\xd8\xa7\xd9\x84\xd9\x84\xd9\x87"   /* الله */
#define AR_ALDIN "\xd8\xa7\xd9\x84\xd8\xaf\xd9\x8a\xd9\x86" /* الدين */

static const char *const latin_suffix_words[] = {
	"allah", "ullah", "illah", "ellah",
	"aldin", "eldin", "uldin", "uddin", "eddin", "addin", "iddin",
	"eddine", "aldine", "eldine", "aldeen", "eldeen", "uddeen", "eddeen",
	NULL
};

static const char *const latin_prefix_words[] = {
	"abd", "abdul", "abdel", "abdal", "abdil", "abdol", "abdoul",
	"abu", "abou", NULL
};

/* Latin articles assimilated to a following sun letter: "ash shami". */
static const char *const latin_sun_articles[] = {
	"ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az",
	"ez", "an", "en", "ud", "ur", "us", "un", NULL
};

/* Is raw word a an article to be joined to the next raw word b? */
static bool is_article(const char *a, size_t an, const char *b, size_t bn)
{
	if (eq(a, an, AR_AL))
		return true;
	if (eq(a, an, "al") || eq(a, an, "el") || eq(a, an, "ul"))
		return true;
	if (in_list(a, an, latin_sun_articles))
		return bn > an - 1 && memcmp(b, a + 1, an - 1) == 0;
	return false;
}

static bool word_set(struct word *w, const char *s, size_t n)
{
	if (n >= sizeof w->txt)
		return false;
	memcpy(w->txt, s, n);
	w->txt[n] = '\0';
	w->len = n;
	w->art = 0;
	w->arabic = n > 0 && (unsigned char)s[0] >= 0x80;
	return true;
}

static bool word_append(struct word *w, const char *s, size_t n)
{
	if (w->len + n >= sizeof w->txt)
		return false;
	memcpy(w->txt + w->len, s, n);
	w->len += n;
	w->txt[w->len] = '\0';
	return true;
}

/* Splits folded text into words and joins compounds. Returns the number of
 * words written to out (at most max). */
static int split_words(const char *folded, struct word *out, int max)
{
	const char *rs[RAW_MAX];
	size_t rl[RAW_MAX];
	int nraw = 0;
	for (const char *p = folded; *p && nraw < RAW_MAX; ) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*q && *q != ' ')
			q++;
		rs[nraw] = p;
		rl[nraw] = (size_t)(q - p);
		nraw++;
		p = q;
	}

	/* Pass 1: articles written as separate words. */
	struct word a[RAW_MAX];
	int na = 0;
	for (int i = 0; i < nraw; i++) {
		if (!word_set(&a[na], rs[i], rl[i]))
			continue;
		if (i + 1 < nraw && is_article(rs[i], rl[i], rs[i + 1], rl[i + 1]) &&
				word_append(&a[na], rs[i + 1], rl[i + 1])) {
			a[na].art = rl[i];
			i++;
		}
		na++;
	}

	/* Pass 2: الله / الدين / -ullah / -eddine belong to the word before. */
	struct word b[RAW_MAX];
	int nb = 0;
	for (int i = 0; i < na; i++) {
		struct word *w = &a[i];
		bool suffix = w->arabic ? (eq(w->txt, w->len, AR_ALLAH) ||
				eq(w->txt, w->len, AR_ALDIN)) :
			in_list(w->txt, w->len, latin_suffix_words);
		if (suffix && nb > 0 && b[nb - 1].arabic == w->arabic &&
				word_append(&b[nb - 1], w->txt, w->len))
			continue;
		b[nb++] = *w;
	}

	/* Pass 3: عبد / ابو / abdul / abu belong to the word after. */
	int n = 0;
	for (int i = 0; i < nb && n < max; i++) {
		struct word *w = &b[i];
		bool prefix = w->arabic ? (eq(w->txt, w->len, AR_ABD) ||
				eq(w->txt, w->len, AR_ABU)) :
			in_list(w->txt, w->len, latin_prefix_words);
		out[n] = *w;
		if (prefix && i + 1 < nb && b[i + 1].arabic == w->arabic &&
				word_append(&out[n], b[i + 1].txt, b[i + 1].len))
			i++;
		n++;
	}
	return n;
}

/* Rewrites a Latin word to its canonical compound spelling into buf (of
 * WORD_BYTES); returns the new length. */
static size_t canon_latin(const char *s, size_t n, char *buf)
{
	static const char *const muhammad_abbrev[] = {
		"mhd", "mohd", "muhd", "mhmd", NULL
	};
	static const char *const allah_endings[] = {
		"allah", "ullah", "illah", "ellah", "alla", "ulla", NULL
	};
	char t[WORD_BYTES];
	if (n >= sizeof t)
		n = sizeof t - 1;
	if (in_list(s, n, muhammad_abbrev)) {
		memcpy(buf, "muhammad", 8);
		return 8;
	}
	memcpy(t, s, n);

	/* ...allah → ...llah (Abdullah, Abdallah, Fathallah) */
	for (const char *const *e = allah_endings; *e; e++) {
		size_t el = strlen(*e);
		if (n >= el + 2 && ends(t, n, *e)) {
			memcpy(t + n - el, "llah", 4);
			n = n - el + 4;
			break;
		}
	}
	/* ...[vowels](d|l)(din|dine|deen) → ...ldin (Noureddine, Nour al-Din) */
	size_t sl = ends(t, n, "dine") || ends(t, n, "deen") ? 4 :
		ends(t, n, "din") ? 3 : 0;
	if (sl && n > sl + 1) {
		size_t j = n - sl - 1;
		if (t[j] == 'd' || t[j] == 'l') {
			size_t k = j;
			/* the article's own vowel: Nour-eddine, Salah-uddin */
			if (k > 0 && latin_vowel(t[k - 1]))
				k--;
			if (k >= 2) {
				memcpy(t + k, "ldin", 4);
				n = k + 4;
			}
		}
	}
	/* abd[u|e|a|ou][l]X → abdlX (Abdulrahman, Abdelkader, Abdurrahman) */
	if (n > 3 && starts(t, n, "abd")) {
		size_t r = 3;
		if (r + 1 < n && t[r] == 'o' && t[r + 1] == 'u')
			r += 2;
		else if (r < n && latin_vowel(t[r]))
			r++;
		if (r < n && t[r] == 'l')
			r++;
		if (r < n) {
			char u[WORD_BYTES];
			size_t m = n - r;
			if (m + 4 < sizeof u) {
				memcpy(u, "abdl", 4);
				memcpy(u + 4, t + r, m);
				memcpy(t, u, m + 4);
				n = m + 4;
			}
		}
	}
	memcpy(buf, t, n);
	return n;
}

/* Removes the 2-byte alef at byte offset off from s (length *n). */
static void drop_alef(char *s, size_t *n, size_t off)
{
	memmove(s + off, s + off + 2, *n - off - 2);
	*n -= 2;
}

/* Rewrites an Arabic word to its canonical compound spelling: the silent
 * alef of the article inside عبدالرحمن, ...الله and ...الدين is dropped. */
static size_t canon_arabic(const char *s, size_t n, char *buf)
{
	memcpy(buf, s, n);
	size_t abd = strlen(AR_ABD), al = strlen(AR_AL);
	if (n > abd + al && starts(buf, n, AR_ABD) &&
			memcmp(buf + abd, AR_AL, al) == 0)
		drop_alef(buf, &n, abd);
	size_t ll = strlen(AR_ALLAH), dl = strlen(AR_ALDIN);
	if (n >= ll + 4 && ends(buf, n, AR_ALLAH))
		drop_alef(buf, &n, n - ll);
	else if (n >= dl + 4 && ends(buf, n, AR_ALDIN))
		drop_alef(buf, &n, n - dl);
	return n;
}

static void make_form(const char *s, size_t n, bool arabic, struct form *f)
{
	char buf[WORD_BYTES];
	memset(f, 0, sizeof *f);
	if (arabic) {
		n = canon_arabic(s, n, buf);
		romanize_arabic(buf, n, f);
	} else {
		n = canon_latin(s, n, buf);
		romanize_latin(buf, n, f);
		f->latin = true;
	}
}

/* Byte length of the article to strip for the "without article" reading,
 * or 0. */
static size_t article_len(const struct word *w)
{
	if (w->art)
		return w->art;
	if (w->arabic) {
		/* ال + at least two letters */
		size_t al = strlen(AR_AL);
		return starts(w->txt, w->len, AR_AL) && w->len >= al + 4 ? al : 0;
	}
	if ((starts(w->txt, w->len, "al") || starts(w->txt, w->len, "el")) &&
			w->len >= 5 && !latin_vowel(w->txt[2]) && w->txt[2] != 'y')
		return 2;
	return 0;
}

/* Drops apostrophes and folds name for matching (ة, ى and the hamza seats
 * kept) into folded (FOLD_BYTES).  Returns 0, or -1 on bad input. */
static int prefold(const char *name, char *folded)
{
	if (!name)
		return -1;
	size_t len = strnlen(name, NAME_INPUT_MAX + 1);
	if (len > NAME_INPUT_MAX)
		return -1;

	/* Apostrophes and ayn/hamza signs inside Latin names are dropped so
	 * that Sa'id and Said read the same. */
	char pre[NAME_INPUT_MAX + 1];
	size_t pn = 0;
	const unsigned char *s = (const unsigned char *)name;
	for (size_t i = 0; i < len; ) {
		if (s[i] == '\'' || s[i] == '`') {
			i++;
		} else if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
				(s[i + 2] == 0x98 || s[i + 2] == 0x99)) {
			i += 3; /* ‘ ’ */
		} else if (i + 1 < len && s[i] == 0xCA &&
				(s[i + 1] == 0xBC || s[i + 1] == 0xBE || s[i + 1] == 0xBF)) {
			i += 2; /* ʼ ʾ ʿ */
		} else if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xB4) {
			i += 2; /* ´ */
		} else {
			pre[pn++] = (char)s[i++];
		}
	}

	if (text_fold_buf_ex(pre, pn, folded, FOLD_BYTES,
			TEXT_FOLD_KEEP_TEH_MARBUTA | TEXT_FOLD_KEEP_ALEF_MAKSURA |
			TEXT_FOLD_KEEP_HAMZA_SEATS) < 0)
		return -1;
	return 0;
}

/* The word's two readings (with and without its article) as forms. */
static void word_forms(const struct word *w, struct wordforms *wf)
{
	make_form(w->txt, w->len, w->arabic, &wf->f[0]);
	wf->nf = 1;
	size_t al = article_len(w);
	wf->loose = false;
	wf->article = al || (!w->arabic && w->len >= 5 && (starts(w->txt, w->len, "al") ||
			starts(w->txt, w->len, "el")) && latin_vowel(w->txt[2]));
	if (!al && wf->article) {
		/* Alahmad: al + Ahmad (الأحمد), or a name of its own: read both */
		make_form(w->txt + 2, w->len - 2, false, &wf->f[1]);
		if (wf->f[1].n > 0) {
			wf->nf = 2;
			wf->loose = true;
		}
	}
	if (al) {
		make_form(w->txt + al, w->len - al, w->arabic, &wf->f[1]);
		if (wf->f[1].n > 0)
			wf->nf = 2;
	}
}

/* Parses a name into phonetic word forms. Returns 0, or -1 on bad input. */
static int parse_name(const char *name, struct parsed *p)
{
	p->n = 0;
	char folded[FOLD_BYTES];
	if (prefold(name, folded) < 0)
		return -1;

	struct word words[NAME_MAX_WORDS];
	int nw = split_words(folded, words, NAME_MAX_WORDS);
	for (int i = 0; i < nw; i++) {
		struct wordforms *wf = &p->w[p->n];
		word_forms(&words[i], wf);
		if (wf->f[0].n > 0)
			p->raw[p->n++] = words[i];
	}
	return 0;
}

/* ---- comparison -------------------------------------------------------- */

/* Similarity of two words: the best over their readings. When both words
 * carry an article only the readings without it are compared, so that the
 * shared al- does not dilute a difference in the rest (الحسن, الحسين). */
static double word_similarity(const struct wordforms *a,
		const struct wordforms *b)
{
	if (a->nf == 2 && b->nf == 2)
		return form_similarity(&a->f[1], &b->f[1]);
	double best = 0.0;
	for (int i = 0; i < a->nf; i++)
		for (int j = 0; j < b->nf; j++) {
			double s = form_similarity(&a->f[i], &b->f[j]);
			if (s > best)
				best = s;
		}
	return best;
}

/* Penalty per word present in only one of the names. */
#define UNMATCHED_PENALTY 0.05

/* Combines the similarities of k matched word pairs: the weakest pair
 * decides, so names that differ in one word (brothers) do not match. */
static double combine(const double *s, int k, int unmatched)
{
	double min = 1.0;
	for (int i = 0; i < k; i++)
		if (s[i] < min)
			min = s[i];
	double v = min - UNMATCHED_PENALTY * unmatched;
	return v < 0.0 ? 0.0 : v;
}

struct assign {
	double m[NAME_MAX_WORDS][NAME_MAX_WORDS];
	int rows, cols;
	double pick[NAME_MAX_WORDS];
	int col[NAME_MAX_WORDS];
	bool used[NAME_MAX_WORDS];
	double best;
	int order;    /* 0: no order bonus; 1: the query is the rows; 2: the columns */
	bool qarticle; /* the query is one word with an article */
};

/* Weight of the other words' closeness beside the weakest one's in search
 * ranking (name_search_score). */
#define SEARCH_REST_WEIGHT 0.25
/* What an article on one of two matched words only costs in search ranking
 * (Al-Ahmad asked, أحمد found). */
#define SEARCH_ARTICLE_COST 0.05

/* Search ranking's bonus for a pairing that keeps the order people type
 * names in (name_search_score): the query's first word on the name's first,
 * its last on the name's last, the words in order — or a two-part query
 * reversed (family name first).  At most 0.07: it only orders names that
 * read alike; the first word weighs most (people leave out the father's
 * name, not their own): Muhammad Al-Issa puts محمد … العيسى before فراس
 * محمد العيسى.  One word: 0.02 on the first name, or with an article
 * (Al-Ahmad) on the family name. */
static double order_bonus(const struct assign *as)
{
	int nq = as->order == 1 ? as->rows : as->cols, nn = as->order == 1 ? as->cols : as->rows;
	int at[NAME_MAX_WORDS];  /* the name's word each query word is on, -1 */
	for (int i = 0; i < NAME_MAX_WORDS; i++)
		at[i] = -1;
	for (int r = 0; r < as->rows; r++) {
		if (as->order == 1)
			at[r] = as->col[r];
		else
			at[as->col[r]] = r;
	}
	double b = 0.0;
	int last = nq - 1, monotone = 1, prev = -1;
	for (int i = 0; i < nq; i++)
		if (at[i] >= 0) {
			monotone &= at[i] > prev;
			prev = at[i];
		}
	if (nq == 1)  /* one word: a first name, or with an article a family name */
		return at[0] == (as->qarticle ? nn - 1 : 0) ? 0.02 : 0.0;
	if (at[0] == 0)
		b += 0.05;
	if (nq >= 2 && at[last] == nn - 1)
		b += 0.01;
	if (nq >= 2 && monotone)
		b += 0.01;
	else if (nq >= 2 && at[0] == nn - 1 && at[last] == 0)
		b += 0.05;  /* family name first, as official lists write it */
	return b;
}

/* Tries every injective pairing of rows to columns (rows <= cols <= 8). */
static void assign_search(struct assign *as, int row)
{
	if (row == as->rows) {
		double v = combine(as->pick, as->rows, as->cols - as->rows);
		if (as->order) {
			/* ranking: of names whose weakest word is as close, the
			 * one whose other words are closer first (a typing error
			 * in the family name leaves the first name to decide) */
			double sum = 0.0, min = 1.0;
			for (int i = 0; i < as->rows; i++) {
				sum += as->pick[i];
				if (as->pick[i] < min)
					min = as->pick[i];
			}
			v += SEARCH_REST_WEIGHT * (sum / as->rows - min) + order_bonus(as);
		}
		if (v > as->best)
			as->best = v;
		return;
	}
	for (int c = 0; c < as->cols; c++) {
		if (as->used[c])
			continue;
		as->used[c] = true;
		as->pick[row] = as->m[row][c];
		as->col[row] = c;
		assign_search(as, row + 1);
		as->used[c] = false;
	}
}

double name_similarity(const char *a, const char *b)
{
	/* Compute in a fixed order so that the result is exactly symmetric. */
	if (a && b && strcmp(a, b) > 0) {
		const char *t = a;
		a = b;
		b = t;
	}
	struct parsed pa, pb;
	if (parse_name(a, &pa) != 0 || parse_name(b, &pb) != 0)
		return 0.0;
	if (pa.n == 0 || pb.n == 0)
		return 0.0;
	const struct parsed *r = pa.n <= pb.n ? &pa : &pb;
	const struct parsed *c = pa.n <= pb.n ? &pb : &pa;
	struct assign as = { .rows = r->n, .cols = c->n, .best = 0.0 };
	for (int i = 0; i < r->n; i++)
		for (int j = 0; j < c->n; j++)
			as.m[i][j] = word_similarity(&r->w[i], &c->w[j]);
	assign_search(&as, 0);
	/* Costs are multiples of 0.05, so scores often fall exactly on round
	 * values such as the threshold; round to 6 decimals so that floating
	 * point noise cannot put them on either side. */
	return (double)(long long)(as.best * 1e6 + 0.5) / 1e6;
}

/* ---- search ranking ---------------------------------------------------- */

/* A candidate's word as a search has seen it: its closeness to each word of
 * the query (the article rule applied), or not a word (no letters). */
#define MEMO_WORD 64
struct word_memo {
	bool used, valid;
	size_t len;
	char txt[MEMO_WORD];
	double sim[NAME_MAX_WORDS];
};

/* A whole name already scored (names repeat: محمد أحمد العلي hundreds of
 * times in a large registry). */
#define MEMO_NAME 96
struct name_memo {
	bool used;
	char txt[MEMO_NAME];
	double score;
};

struct name_searcher {
	struct parsed q;
	bool ok;
	struct word_memo *memo;   /* NAME_SEARCHER_SLOTS, or NULL: none */
	struct name_memo *names;  /* NAME_SEARCHER_SLOTS * 2, or NULL: none */
};

#define NAME_SEARCHER_SLOTS 512

static uint64_t word_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* The closeness of word w to each query word into sim (q->n values);
 * false when w has no letters. */
static bool word_vs_query(const struct parsed *q, const struct word *w, double *sim)
{
	struct wordforms wf;
	word_forms(w, &wf);
	if (wf.f[0].n == 0)
		return false;
	for (int k = 0; k < q->n; k++) {
		/* an article on one word only (Al-Ahmad, أحمد): a family name
		 * asked, a first name found — close, not as close */
		double v = word_similarity(&q->w[k], &wf);
		/* Arabic typed against Arabic: one typing error (الحدم for
		 * الحمد) is closer than the phonetic forms say */
		const struct word *t = &q->raw[k];
		if (w->arabic && t->arabic) {
			size_t ta = article_len(t), sa = article_len(w);
			double e = typo_similarity(t->txt + ta, t->len - ta, w->txt + sa, w->len - sa);
			if (e > v)
				v = e;
		}
		v -= q->w[k].article != wf.article ? SEARCH_ARTICLE_COST : 0.0;
		sim[k] = v < 0.0 ? 0.0 : v;
	}
	return true;
}

/* As word_vs_query, through the searcher's memo when it has one. */
static bool word_scores(struct name_searcher *s, const struct word *w, double *sim)
{
	if (!s->memo || w->len >= MEMO_WORD)
		return word_vs_query(&s->q, w, sim);
	size_t i = word_hash(w->txt, w->len) % NAME_SEARCHER_SLOTS;
	for (int probe = 0; probe < 8; probe++, i = (i + 1) % NAME_SEARCHER_SLOTS) {
		struct word_memo *m = &s->memo[i];
		if (m->used && m->len == w->len && memcmp(m->txt, w->txt, w->len) == 0) {
			memcpy(sim, m->sim, sizeof m->sim);
			return m->valid;
		}
		if (!m->used) {
			m->used = true;
			m->len = w->len;
			memcpy(m->txt, w->txt, w->len);
			m->valid = word_vs_query(&s->q, w, m->sim);
			memcpy(sim, m->sim, sizeof m->sim);
			return m->valid;
		}
	}
	return word_vs_query(&s->q, w, sim);
}

static double searcher_score(struct name_searcher *s, const char *name)
{
	char folded[FOLD_BYTES];
	if (!s->ok || prefold(name, folded) < 0)
		return 0.0;
	struct word words[NAME_MAX_WORDS];
	int nw = split_words(folded, words, NAME_MAX_WORDS), nc = 0;
	double sim[NAME_MAX_WORDS][NAME_MAX_WORDS];  /* [candidate word][query word] */
	for (int i = 0; i < nw; i++)
		if (word_scores(s, &words[i], sim[nc]))
			nc++;
	if (nc == 0)
		return 0.0;
	int q_rows = s->q.n <= nc;
	struct assign as = { .rows = q_rows ? s->q.n : nc, .cols = q_rows ? nc : s->q.n, .best = 0.0,
			     .order = q_rows ? 1 : 2, .qarticle = s->q.n == 1 && s->q.w[0].article };
	for (int i = 0; i < nc; i++)
		for (int k = 0; k < s->q.n; k++) {
			if (q_rows)
				as.m[k][i] = sim[i][k];
			else
				as.m[i][k] = sim[i][k];
		}
	assign_search(&as, 0);
	return (double)(long long)(as.best * 1e6 + 0.5) / 1e6;
}

struct name_searcher *name_searcher_new(const char *query)
{
	struct name_searcher *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->memo = calloc(NAME_SEARCHER_SLOTS, sizeof *s->memo);
	s->names = calloc(NAME_SEARCHER_SLOTS * 2, sizeof *s->names);
	if (!s->memo || !s->names || parse_name(query, &s->q) != 0) {
		name_searcher_free(s);
		return NULL;
	}
	s->ok = s->q.n > 0;
	return s;
}

double name_searcher_score(struct name_searcher *s, const char *name)
{
	if (!s || !name)
		return 0.0;
	size_t n = strlen(name);
	if (!s->names || n >= MEMO_NAME)
		return searcher_score(s, name);
	size_t slots = NAME_SEARCHER_SLOTS * 2, i = word_hash(name, n) % slots;
	for (int probe = 0; probe < 8; probe++, i = (i + 1) % slots) {
		struct name_memo *m = &s->names[i];
		if (m->used && strcmp(m->txt, name) == 0)
			return m->score;
		if (!m->used) {
			m->used = true;
			memcpy(m->txt, name, n + 1);
			m->score = searcher_score(s, name);
			return m->score;
		}
	}
	return searcher_score(s, name);
}

void name_searcher_free(struct name_searcher *s)
{
	if (!s)
		return;
	free(s->memo);
	free(s->names);
	free(s);
}

double name_search_score(const char *query, const char *name)
{
	struct name_searcher s = { .memo = NULL };
	if (parse_name(query, &s.q) != 0)
		return 0.0;
	s.ok = s.q.n > 0;
	return searcher_score(&s, name);
}

/* ---- key --------------------------------------------------------------- */

/* Consonant skeleton of a form for name_key: vowels, onset, ayn and endings
 * dropped; w/y kept only word-initially; sh→s; an h after t, d or s (Latin
 * th/dh/sh may or may not hide one) and a final h dropped. */
static size_t skeleton(const struct form *f, char *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n && n < max; i++) {
		char c = f->sym[i];
		if (!is_cons(c))
			continue;
		if ((c == 'w' || c == 'y') && i != 0)
			continue;
		if (c == 'S' || c == 'Z')
			c = 's';
		if (c == 'D')
			c = 'd';
		if (c == 'h' && n > 0 &&
				(out[n - 1] == 't' || out[n - 1] == 'd' || out[n - 1] == 's'))
			continue;
		if (n > 0 && out[n - 1] == c)
			continue;
		out[n++] = c;
	}
	if (n > 0 && out[n - 1] == 'h')
		n--;
	if (n == 0 && max > 0)
		out[n++] = '_';
	return n;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp((const char *)x, (const char *)y);
}

int name_key(const char *name, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return -1;
	out[0] = '\0';
	struct parsed p;
	if (parse_name(name, &p) != 0)
		return -1;
	char keys[NAME_MAX_WORDS][SYM_MAX + 1];
	for (int i = 0; i < p.n; i++) {
		const struct wordforms *wf = &p.w[i];
		const struct form *f = &wf->f[wf->loose ? 0 : wf->nf - 1];
		size_t k = skeleton(f, keys[i], SYM_MAX);
		keys[i][k] = '\0';
	}
	qsort(keys, (size_t)p.n, sizeof keys[0], cmp_str);
	size_t n = 0;
	for (int i = 0; i < p.n; i++) {
		size_t kl = strlen(keys[i]);
		size_t need = kl + (i > 0 ? 1 : 0);
		if (n + need + 1 > outsz) {
			out[0] = '\0';
			return -1;
		}
		if (i > 0)
			out[n++] = ' ';
		memcpy(out + n, keys[i], kl);
		n += kl;
	}
	out[n] = '\0';
	return (int)n;
}

/* ---- search terms ------------------------------------------------------ */

int name_terms(const char *name, struct name_term *out, int max)
{
	char folded[FOLD_BYTES];
	if (!out || max <= 0 || prefold(name, folded) < 0)
		return -1;
	struct word words[RAW_MAX];
	int nw = split_words(folded, words, max < RAW_MAX ? max : RAW_MAX), n = 0;
	for (int i = 0; i < nw; i++) {
		const struct word *w = &words[i];
		struct name_term *t = &out[n];
		/* the word as the search index spells it: text_fold's default
		 * rules (ة→ه, ى→ي …), a compound in one piece */
		if (text_fold_buf(w->txt, w->len, t->text, sizeof t->text) <= 0)
			continue;
		struct wordforms wf;
		word_forms(w, &wf);
		size_t k = wf.f[0].n ? skeleton(&wf.f[wf.loose ? 0 : wf.nf - 1], t->key, sizeof t->key - 1) : 0;
		if (k == 1 && t->key[0] == '_')
			k = 0;  /* no consonant: a key that would match too much */
		t->key[k] = '\0';
		t->key2[0] = '\0';
		/* al- joined to a vowel is not read as an article by the
		 * key (Alaa علاء, Alawi علاوي): key it both ways */
		if (!w->arabic && !w->art && w->len >= 5 && (starts(w->txt, w->len, "al") ||
				starts(w->txt, w->len, "el")) && latin_vowel(w->txt[2])) {
			struct form f;
			make_form(w->txt + 2, w->len - 2, false, &f);
			size_t k2 = f.n ? skeleton(&f, t->key2, sizeof t->key2 - 1) : 0;
			if (k2 == 1 && t->key2[0] == '_')
				k2 = 0;
			t->key2[k2] = '\0';
			if (strcmp(t->key2, t->key) == 0)
				t->key2[0] = '\0';
		}
		n++;
	}
	return n;
}

/* typo — one typing error between two Arabic words (see typo.h).  Written
 * here: an edit distance is a few lines, and what matters is the kind of
 * edit, which no library weighs this way. */
#include <stdint.h>
#include <string.h>
#include "core/typo.h"
#include "core/banned.h"

#define TYPO_LETTERS 32
/* A letter of the stored name missing, or two neighbours swapped: the
 * errors of a hurried typist on a phone. */
#define TYPO_DROP 0.85
#define TYPO_SWAP 0.85
/* A letter for one that sounds or looks alike (س/ص, ح/خ/ج). */
#define TYPO_SIMILAR 0.85
/* A letter too many. */
#define TYPO_ADD 0.80
/* Any other letter for another: still one error, but often another name. */
#define TYPO_OTHER 0.75

/* Code points of UTF-8 s (n bytes) into cp; their number, or -1 when more
 * than TYPO_LETTERS or malformed. */
static int decode(const char *s, size_t n, uint32_t *cp)
{
	int k = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t v;
		size_t len;
		if (c < 0x80) {
			v = c;
			len = 1;
		} else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
			v = ((uint32_t)(c & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
			len = 2;
		} else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
			v = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)((unsigned char)s[i + 1] & 0x3F) << 6) |
			    ((unsigned char)s[i + 2] & 0x3F);
			len = 3;
		} else {
			return -1;
		}
		if (k == TYPO_LETTERS)
			return -1;
		cp[k++] = v;
		i += len;
	}
	return k;
}

/* Letters typed for each other: alike in sound (س ص, ت ط, ذ ز, ق ك, د ض,
 * ث ت, ظ ض, ع ا, ح ه) or in shape, told apart by their dots (ج ح خ, ب ت ث
 * ن, ر ز, س ش, ص ض, ط ظ, ع غ, ف ق, د ذ). */
static const char *const SIMILAR[] = {
	"سص", "تط", "ذز", "قك", "دض", "ثت", "ظض", "عا", "حه",
	"جح", "حخ", "جخ", "بت", "بث", "بن", "تن", "ثن", "رز", "سش", "صض", "طظ", "عغ", "فق", "دذ", NULL,
};

static int similar(uint32_t a, uint32_t b)
{
	for (int i = 0; SIMILAR[i]; i++) {
		uint32_t p[2];
		if (decode(SIMILAR[i], strlen(SIMILAR[i]), p) != 2)
			continue;
		if ((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a))
			return 1;
	}
	return 0;
}

/* 1 when the longer (n + 1 letters) is the shorter with one letter added. */
static int one_added(const uint32_t *longer, const uint32_t *shorter, int n)
{
	int i = 0;
	while (i < n && longer[i] == shorter[i])
		i++;
	return memcmp(longer + i + 1, shorter + i, sizeof *shorter * (size_t)(n - i)) == 0;
}

double typo_similarity(const char *typed, size_t tlen, const char *stored, size_t slen)
{
	uint32_t t[TYPO_LETTERS], s[TYPO_LETTERS];
	int nt = decode(typed, tlen, t), ns = decode(stored, slen, s);
	if (nt < 0 || ns < 3)
		return 0.0;
	if (nt + 1 == ns)
		return one_added(s, t, nt) ? TYPO_DROP : 0.0;
	if (nt == ns + 1)
		return one_added(t, s, ns) ? TYPO_ADD : 0.0;
	if (nt != ns)
		return 0.0;
	int first = -1, diffs = 0;
	for (int i = 0; i < nt; i++)
		if (t[i] != s[i]) {
			if (first < 0)
				first = i;
			diffs++;
		}
	if (diffs == 1)
		return similar(t[first], s[first]) ? TYPO_SIMILAR : TYPO_OTHER;
	if (diffs == 2 && first + 1 < nt && t[first] == s[first + 1] && t[first + 1] == s[first])
		return TYPO_SWAP;
	return 0.0;
}

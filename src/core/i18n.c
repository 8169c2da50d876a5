/* i18n — .mo catalog lookup by binary search, language per thread (see i18n.h). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/i18n.h"
#include "core/log.h"
#include "embedded.h"
#include "core/banned.h"

const struct lang_info lang_table[LANG_COUNT] = {
	[LANG_AR] = { "ar", "العربية", "rtl" },
	[LANG_EN] = { "en", "English", "ltr" },
	/* Kurmanji: add LANG_KU here, po/ku.po, and its plural rule below. */
};

struct catalog {
	const unsigned char *data;
	size_t size;
	uint32_t n, orig_off, trans_off;
};

static struct catalog catalogs[LANG_COUNT];
static __thread enum lang current_lang = LANG_AR;

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Checks the .mo header and that every string table entry lies inside the file. */
static int catalog_load(struct catalog *c, const unsigned char *d, size_t size)
{
	if (size < 28 || rd32(d) != 0x950412de)
		return -1;
	c->data = d;
	c->size = size;
	c->n = rd32(d + 8);
	c->orig_off = rd32(d + 12);
	c->trans_off = rd32(d + 16);
	if (c->n > size / 16 || c->orig_off > size - (size_t)c->n * 8 || c->trans_off > size - (size_t)c->n * 8)
		return -1;
	for (uint32_t i = 0; i < c->n; i++) {
		for (int t = 0; t < 2; t++) {
			const unsigned char *e = d + (t ? c->trans_off : c->orig_off) + i * 8;
			uint32_t len = rd32(e), off = rd32(e + 4);
			if (off >= size || len >= size - off || d[off + len] != 0)
				return -1;
		}
	}
	return 0;
}

int i18n_init(void)
{
	for (size_t i = 0; i < embedded_count; i++) {
		for (int l = 0; l < LANG_COUNT; l++) {
			char name[32];
			snprintf(name, sizeof name, "po/%s.mo", lang_table[l].code);
			if (strcmp(embedded_files[i].name, name) == 0 &&
			    catalog_load(&catalogs[l], embedded_files[i].data, embedded_files[i].size) < 0) {
				log_error("catalog %s is malformed", name);
				return -1;
			}
		}
	}
	return 0;
}

void i18n_set_lang(enum lang l)
{
	if ((int)l >= 0 && l < LANG_COUNT)
		current_lang = l;
}

enum lang i18n_lang(void)
{
	return current_lang;
}

int i18n_lang_from_code(const char *code)
{
	if (!code)
		return -1;
	for (int l = 0; l < LANG_COUNT; l++) {
		size_t n = strlen(lang_table[l].code);
		if (strncasecmp(code, lang_table[l].code, n) == 0 && (code[n] == 0 || code[n] == '-' || code[n] == '_'))
			return l;
	}
	return -1;
}

int i18n_lang_from_accept(const char *h)
{
	/* "en-GB,en;q=0.9,ar;q=0.8": take the first tag we support (order ~ preference) */
	while (h && *h) {
		while (*h == ' ' || *h == ',')
			h++;
		char tag[16];
		size_t n = 0;
		while (h[n] && h[n] != ',' && h[n] != ';' && h[n] != ' ' && n < sizeof tag - 1) {
			tag[n] = h[n];
			n++;
		}
		tag[n] = 0;
		int l = i18n_lang_from_code(tag);
		if (l >= 0)
			return l;
		h = strchr(h, ',');
	}
	return -1;
}

/* Finds msgid (with the plural's NUL-joined form when plural) in the catalog. */
static const char *catalog_find(const struct catalog *c, const char *msgid, size_t idlen, size_t *translen)
{
	uint32_t lo = 0, hi = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const unsigned char *e = c->data + c->orig_off + mid * 8;
		uint32_t len = rd32(e);
		const char *s = (const char *)c->data + rd32(e + 4);
		size_t cmpn = len < idlen ? len : idlen;
		int r = memcmp(msgid, s, cmpn);
		if (r == 0)
			r = idlen < len ? -1 : idlen > len ? 1 : 0;
		if (r == 0) {
			const unsigned char *t = c->data + c->trans_off + mid * 8;
			if (rd32(t) == 0)
				return NULL;
			*translen = rd32(t);
			return (const char *)c->data + rd32(t + 4);
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *i18n_gettext(const char *msgid)
{
	const struct catalog *c = &catalogs[current_lang];
	size_t tl;
	const char *t = c->data ? catalog_find(c, msgid, strlen(msgid), &tl) : NULL;
	return t ? t : msgid;
}

/* The CLDR plural category index for n, in the order the catalogs' Plural-Forms use. */
static unsigned plural_index(enum lang l, long n)
{
	if (n < 0)
		n = -n;
	switch (l) {
	case LANG_AR: /* nplurals=6; n==0?0:n==1?1:n==2?2:n%100>=3&&n%100<=10?3:n%100>=11?4:5 */
		return n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : (n % 100 >= 3 && n % 100 <= 10) ? 3 : n % 100 >= 11 ? 4 : 5;
	default:
		return n == 1 ? 0 : 1;
	}
}

const char *i18n_ngettext(const char *msgid, const char *plural, long n)
{
	const struct catalog *c = &catalogs[current_lang];
	char key[512];
	size_t a = strlen(msgid), b = strlen(plural);
	if (c->data && a + b + 1 < sizeof key) {
		memcpy(key, msgid, a);
		key[a] = 0;
		memcpy(key + a + 1, plural, b);
		size_t tl;
		const char *t = catalog_find(c, key, a + b + 1, &tl);
		if (t) {
			unsigned idx = plural_index(current_lang, n);
			const char *p = t, *end = t + tl;
			for (unsigned i = 0; i < idx; i++) {
				const char *z = memchr(p, 0, (size_t)(end - p));
				if (!z || z + 1 >= end)
					return t; /* fewer forms than expected: first form */
				p = z + 1;
			}
			return p;
		}
	}
	return n == 1 ? msgid : plural;
}

static __thread int arabic_digits;

void i18n_set_arabic_digits(int on)
{
	arabic_digits = on ? 1 : 0;
}

int i18n_arabic_digits(void)
{
	return arabic_digits && current_lang == LANG_AR;
}

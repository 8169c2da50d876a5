/* i18n — translations from the gettext catalogs in po/, compiled by msgfmt
 * and embedded in the binary.  The language is chosen per request and held
 * per thread, so `_("…")` needs no context argument.
 *
 * Why not glibc's gettext(): it takes the language from the process locale,
 * which cannot change per request in a threaded server, and it needs the
 * locales installed; reading the .mo format ourselves is ~100 lines. */
#ifndef DAAM_I18N_H
#define DAAM_I18N_H

enum lang { LANG_AR = 0, LANG_EN, LANG_COUNT };

struct lang_info {
	const char *code;   /* "ar" */
	const char *name;   /* its own name: "العربية" */
	const char *dir;    /* "rtl" or "ltr" */
};

extern const struct lang_info lang_table[LANG_COUNT];

/* Loads the embedded catalogs; returns 0, or -1 if one is malformed. */
int i18n_init(void);
void i18n_set_lang(enum lang l);
enum lang i18n_lang(void);
/* Parses "ar", "en", "en-GB"… ; returns -1 when unknown. */
int i18n_lang_from_code(const char *code);
/* Picks the first supported language of an Accept-Language header, or -1. */
int i18n_lang_from_accept(const char *header);
const char *i18n_gettext(const char *msgid);
/* Plural: msgid is the English singular, plural the English plural. */
const char *i18n_ngettext(const char *msgid, const char *plural, long n);

#define _(s) i18n_gettext(s)
#define N_(s) (s)
#endif

/* Per-thread digit preference: 1 shows Arabic-Indic digits (٠١٢…) in Arabic. */
void i18n_set_arabic_digits(int on);
int i18n_arabic_digits(void);

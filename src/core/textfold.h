/*
 * textfold — fold UTF-8 text into a canonical form for matching and search.
 *
 * Two strings that a person would consider "the same words" fold to the same
 * bytes: Arabic diacritics (tashkeel) and tatweel are removed, hamza-carrying
 * alefs become bare alef, ى→ي, ة→ه, ؤ→و, ئ→ي, Persian ک/ی become Arabic ك/ي,
 * Arabic-Indic and Persian digits become ASCII digits, Latin letters are
 * case-folded with accents removed, compatibility forms (presentation-form
 * Arabic, ligatures, full-width letters) are decomposed, and every run of
 * whitespace, punctuation, symbols or control characters becomes one ASCII
 * space, trimmed at both ends. Format characters (ZWNJ, RLM, soft hyphen…)
 * are dropped without leaving a space.
 *
 * The folded form is for comparison and indexing only, never for display.
 */
#ifndef DAAM_CORE_TEXTFOLD_H
#define DAAM_CORE_TEXTFOLD_H

#include <stddef.h>

/* Options for text_fold_ex / text_fold_buf_ex: keep some Arabic letters that
 * the default fold merges, for callers (such as name matching) that need the
 * distinction. They can be OR-ed together. */
enum text_fold_flags {
	TEXT_FOLD_DEFAULT = 0,
	TEXT_FOLD_KEEP_TEH_MARBUTA = 1u << 0,  /* keep ة instead of folding to ه */
	TEXT_FOLD_KEEP_ALEF_MAKSURA = 1u << 1, /* keep ى instead of folding to ي */
	TEXT_FOLD_KEEP_HAMZA_SEATS = 1u << 2,  /* keep ؤ and ئ (أ إ آ still → ا) */
};

/* Folds `len` bytes of UTF-8 text for matching. `in` need not be
 * NUL-terminated; it may be NULL only when len is 0. Returns a malloc'd
 * NUL-terminated string (caller frees), or NULL if `in` is not valid UTF-8
 * (overlong forms, surrogates and truncated sequences are invalid) or on OOM.
 * An embedded NUL byte is treated as a control character (a separator). */
char *text_fold(const char *in, size_t len);

/* Same as text_fold with TEXT_FOLD_* flags. */
char *text_fold_ex(const char *in, size_t len, unsigned flags);

/* Folds into the caller's buffer `out` of `outsz` bytes, NUL-terminated.
 * Returns the folded length (excluding the NUL), or -1 if `in` is not valid
 * UTF-8 or the result plus its NUL does not fit in outsz (out then holds an
 * empty string when outsz > 0). Never allocates. */
int text_fold_buf(const char *in, size_t len, char *out, size_t outsz);

/* Same as text_fold_buf with TEXT_FOLD_* flags. */
int text_fold_buf_ex(const char *in, size_t len, char *out, size_t outsz,
		unsigned flags);

#endif

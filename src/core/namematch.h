/*
 * namematch — cross-script matching of personal names (Arabic and Latin
 * letters): محمد / Mohammed / Muhammad / Mohamed, عبد الله / Abdullah /
 * Abd Allah, أحمد / Ahmad / Ahmed, الحسن / Al-Hassan.
 *
 * Both scripts are mapped to one phonetic alphabet: consonants merged where
 * Latin spellings do not distinguish them (ح/ه → h, ت/ط/ث → t, س/ص → s,
 * ق/ك → k, ذ/ز/ظ → z, د/ض → d), Latin digraphs read as one sound (kh, gh, sh,
 * ch, th, dh, ph, ou, ee, ai/ei…), doubled letters collapsed, Arabic long
 * vowels (ا و ي) kept as "strong" vowels and Latin single vowels as "weak"
 * ones, the ending ة/ى/-a/-ah as one symbol. Compounds are joined and made
 * canonical (عبد + الرحمن, Abdul/Abdel/Abd al-, Abu, … الدين/-eddine,
 * … الله/-ullah), and the article ال/al-/el- may be ignored.
 *
 * name_similarity compares names word by word with a weighted edit distance
 * in which a missing Latin short vowel costs little and a missing Arabic long
 * vowel or consonant costs a lot, pairs the words up in the best order, and
 * lets the weakest word pair dominate (so brothers محمد أحمد العلي and
 * محمود أحمد العلي do not match). See docs/name-matching.md for the
 * measured precision and recall.
 */
#ifndef DAAM_CORE_NAMEMATCH_H
#define DAAM_CORE_NAMEMATCH_H

#include <stddef.h>

/* Longest name accepted, in bytes (excluding the NUL). */
#define NAME_INPUT_MAX 512
/* Words of a name that are compared; later words are ignored. */
#define NAME_MAX_WORDS 8
/* name_similarity at or above this value means "probably the same name".
 * Chosen with tests/unit/namematch_eval.c on tests/unit/namepairs.tsv. */
#define NAME_MATCH_THRESHOLD 0.80
/* Buffer size that always fits a name_key result. */
#define NAME_KEY_SIZE 512

/* Writes a phonetic key for a person's name written in Arabic or Latin
 * letters: the consonant skeleton of each word (article removed, compounds
 * joined, words sorted), e.g. "محمد أحمد العلي" and "Ahmed Al-Ali Mohammad"
 * both give "hmd l mhmd". Common spellings of the same name across scripts
 * give the same key, so the key is meant for blocking/indexing candidates;
 * it is deliberately coarse (محمد and محمود share "mhmd") and the final
 * decision belongs to name_similarity. `name` is NUL-terminated UTF-8 of at
 * most NAME_INPUT_MAX bytes. Writes a NUL-terminated ASCII key into out and
 * returns its length, or returns -1 if name is NULL, too long, not valid
 * UTF-8, or the key does not fit in outsz (out then holds "" when
 * outsz > 0). A name with no letters gives the empty key (returns 0). */
int name_key(const char *name, char *out, size_t outsz);

/* Similarity of two person names in [0, 1], independent of script, word
 * order and spelling conventions: 1 for names that read the same, at or above
 * NAME_MATCH_THRESHOLD for probable matches. Words present in only one name
 * (a father's name left out) lower the score a little. Returns 0 if either
 * name is NULL, too long, not valid UTF-8 or has no letters. Symmetric:
 * name_similarity(a, b) == name_similarity(b, a). */
double name_similarity(const char *a, const char *b);

/* How well name answers a search for query, to rank search results:
 * name_similarity (query and name paired word by word in the best order;
 * its weakest word pair decides), plus a quarter of how much closer the
 * other pairs are (of two names a typing error away in one word, the one
 * closer in the others first), plus at most 0.07 for a pairing in the
 * order people type names — the
 * query's first word on the name's first, its last on the name's last, in
 * order (or a two-word query reversed) — so that "Mohammad Alahmad" puts
 * محمد خالد الأحمد before أحمد محمد الأحمد.  Not symmetric, not to be
 * compared with NAME_MATCH_THRESHOLD.  A word with an article matched to
 * one without (Al-Ahmad to أحمد) counts 0.05 less.  0 on bad input. */
double name_search_score(const char *query, const char *name);

/* The same for many names against one query, faster: the query is read
 * once, each distinct word of the names compared with it once (the names a
 * search ranks share a few hundred words) and each distinct name scored
 * once.  name_searcher_new
 * returns NULL on bad input or no memory (name_searcher_score then gives 0);
 * free with name_searcher_free (NULL is fine). */
struct name_searcher;
struct name_searcher *name_searcher_new(const char *query);
double name_searcher_score(struct name_searcher *s, const char *name);
void name_searcher_free(struct name_searcher *s);

/* One word of a name as a search index and its queries see it. */
struct name_term {
	char text[128];  /* folded by text_fold's default rules; a compound in one piece */
	char key[64];    /* the word's part of name_key; "" when it has no consonant */
	char key2[64];   /* another key it may have, else "": a Latin word with al-
			  * joined to a vowel (Alahmad, Alomar, Alissa) keyed
			  * without the article, as الأحمد, العمر, العيسى are */
};

/* Splits a name — or the text of a search — into words the way name_key
 * does: an article written apart is joined to its word (ال حسن, al Hassan),
 * الله / الدين / -ullah / -eddine to the word before, عبد / ابو / abdul /
 * abu to the word after; so عبد الله and عبدالله, Abd Allah and Abdallah,
 * أبو بكر and ابوبكر give the same terms (text عبدالله, key "bdl").  Each
 * word gets its folded spelling (a prefix of it finds it as typed) and its
 * key (the same name in the other script or another spelling).  Writes at
 * most max terms; returns their number, or -1 when name is NULL, longer
 * than NAME_INPUT_MAX or not valid UTF-8. */
int name_terms(const char *name, struct name_term *out, int max);

#endif

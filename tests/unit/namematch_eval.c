/*
 * namematch_eval — measures name_similarity on labelled pairs.
 *
 * Reads a TSV of name_a<TAB>name_b<TAB>same|different (default
 * tests/unit/namepairs.tsv; '#' lines are comments, "#@ section NAME" starts
 * a section reported on its own), and prints precision, recall and F1 at the
 * library's NAME_MATCH_THRESHOLD, per section and overall, then a table over
 * a range of thresholds, and how often name_key gives both names of a pair
 * the same key. With -v it also lists the misclassified pairs and the same
 * pairs whose keys differ.
 *
 * Build and run (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Isrc tests/unit/namematch_eval.c \
 *       src/core/namematch.c src/core/textfold.c \
 *       $(pkg-config --cflags --libs libutf8proc) -o /tmp/namematch_eval
 *   /tmp/namematch_eval tests/unit/namepairs.tsv
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/namematch.h"

#define MAX_PAIRS 4096
#define MAX_SECTIONS 8
#define LINE_MAX_BYTES 4096

struct pair {
	char *a, *b;
	bool same;
	int section;
	double score;
	bool key_equal;  /* name_key gives both names the same key */
};

struct counts {
	int tp, fp, tn, fn;
};

static struct pair pairs[MAX_PAIRS];
static int npairs;
static char sections[MAX_SECTIONS][64];
static int nsections;

static char *dup_str(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(p, s, n + 1);
	return p;
}

/* Reads the TSV; exits with status 2 on a malformed file. */
static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	char line[LINE_MAX_BYTES];
	int lineno = 0;
	int section = -1;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t n = strlen(line);
		if (n > 0 && line[n - 1] != '\n' && !feof(f)) {
			fprintf(stderr, "%s:%d: line too long\n", path, lineno);
			exit(2);
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (line[0] == '#') {
			const char *tag = "#@ section ";
			if (strncmp(line, tag, strlen(tag)) == 0 &&
					nsections < MAX_SECTIONS) {
				snprintf(sections[nsections], sizeof sections[0], "%.63s",
						line + strlen(tag));
				section = nsections++;
			}
			continue;
		}
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t1 || !t2 || strchr(t2 + 1, '\t')) {
			fprintf(stderr, "%s:%d: expected 3 tab-separated fields\n",
					path, lineno);
			exit(2);
		}
		*t1 = '\0';
		*t2 = '\0';
		const char *label = t2 + 1;
		bool same;
		if (strcmp(label, "same") == 0) {
			same = true;
		} else if (strcmp(label, "different") == 0) {
			same = false;
		} else {
			fprintf(stderr, "%s:%d: label must be same or different\n",
					path, lineno);
			exit(2);
		}
		if (npairs >= MAX_PAIRS) {
			fprintf(stderr, "%s: more than %d pairs\n", path, MAX_PAIRS);
			exit(2);
		}
		if (section < 0) {
			snprintf(sections[0], sizeof sections[0], "all");
			nsections = 1;
			section = 0;
		}
		struct pair *p = &pairs[npairs++];
		p->a = dup_str(line);
		p->b = dup_str(t1 + 1);
		p->same = same;
		p->section = section;
	}
	fclose(f);
}

/* Counts outcomes at threshold t for one section (or all when section < 0). */
static struct counts count_at(double t, int section)
{
	struct counts c = { 0, 0, 0, 0 };
	for (int i = 0; i < npairs; i++) {
		if (section >= 0 && pairs[i].section != section)
			continue;
		bool pred = pairs[i].score >= t;
		if (pred && pairs[i].same)
			c.tp++;
		else if (pred)
			c.fp++;
		else if (pairs[i].same)
			c.fn++;
		else
			c.tn++;
	}
	return c;
}

static void metrics(struct counts c, double *p, double *r, double *f1)
{
	*p = c.tp + c.fp ? (double)c.tp / (c.tp + c.fp) : 1.0;
	*r = c.tp + c.fn ? (double)c.tp / (c.tp + c.fn) : 1.0;
	*f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

static void report(const char *name, int section)
{
	struct counts c = count_at(NAME_MATCH_THRESHOLD, section);
	double p, r, f1;
	metrics(c, &p, &r, &f1);
	printf("%-10s pairs %4d (same %3d, different %3d)  "
			"precision %.3f  recall %.3f  F1 %.3f  "
			"(TP %d FP %d FN %d TN %d)\n",
			name, c.tp + c.fp + c.tn + c.fn, c.tp + c.fn, c.fp + c.tn,
			p, r, f1, c.tp, c.fp, c.fn, c.tn);
}

int main(int argc, char **argv)
{
	const char *path = "tests/unit/namepairs.tsv";
	bool verbose = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else
			path = argv[i];
	}
	load(path);
	if (npairs == 0) {
		fprintf(stderr, "%s: no pairs\n", path);
		return 2;
	}
	for (int i = 0; i < npairs; i++) {
		char ka[NAME_KEY_SIZE], kb[NAME_KEY_SIZE];
		pairs[i].score = name_similarity(pairs[i].a, pairs[i].b);
		pairs[i].key_equal = name_key(pairs[i].a, ka, sizeof ka) >= 0 &&
			name_key(pairs[i].b, kb, sizeof kb) >= 0 &&
			strcmp(ka, kb) == 0;
	}

	printf("threshold (NAME_MATCH_THRESHOLD) = %.2f\n", NAME_MATCH_THRESHOLD);
	if (nsections > 1)
		for (int s = 0; s < nsections; s++)
			report(sections[s], s);
	report("overall", -1);

	printf("\nthreshold  precision  recall  F1     FP  FN\n");
	for (int k = 50; k <= 95; k += 5) {
		double t = k / 100.0, p, r, f1;
		struct counts c = count_at(t, -1);
		metrics(c, &p, &r, &f1);
		printf("  %.2f%s    %.3f    %.3f  %.3f  %3d %3d\n", t,
				k == (int)(NAME_MATCH_THRESHOLD * 100 + 0.5) ? "*" : " ",
				p, r, f1, c.fp, c.fn);
	}

	int same = 0, same_key = 0, diff = 0, diff_key = 0;
	for (int i = 0; i < npairs; i++) {
		if (pairs[i].same) {
			same++;
			same_key += pairs[i].key_equal;
		} else {
			diff++;
			diff_key += pairs[i].key_equal;
		}
	}
	printf("\nname_key: equal for %d of %d same pairs (%.1f%%), "
			"%d of %d different pairs (%.1f%%)\n",
			same_key, same, same ? 100.0 * same_key / same : 0.0,
			diff_key, diff, diff ? 100.0 * diff_key / diff : 0.0);

	if (verbose) {
		printf("\nsame pairs with different name_key:\n");
		for (int i = 0; i < npairs; i++) {
			if (!pairs[i].same || pairs[i].key_equal)
				continue;
			char ka[NAME_KEY_SIZE], kb[NAME_KEY_SIZE];
			if (name_key(pairs[i].a, ka, sizeof ka) < 0)
				ka[0] = '\0';
			if (name_key(pairs[i].b, kb, sizeof kb) < 0)
				kb[0] = '\0';
			printf("  %s [%s]  |  %s [%s]\n", pairs[i].a, ka,
					pairs[i].b, kb);
		}
		printf("\nmisclassified at %.2f:\n", NAME_MATCH_THRESHOLD);
		for (int i = 0; i < npairs; i++) {
			bool pred = pairs[i].score >= NAME_MATCH_THRESHOLD;
			if (pred != pairs[i].same)
				printf("  %.3f  %-9s  %s  |  %s\n", pairs[i].score,
						pairs[i].same ? "same" : "different",
						pairs[i].a, pairs[i].b);
		}
	}
	for (int i = 0; i < npairs; i++) {
		free(pairs[i].a);
		free(pairs[i].b);
	}
	return 0;
}

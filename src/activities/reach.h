/* reach — the unique people reached directly: a person present at one
 * session at least (only registered is not reached), counted once however
 * many activities they attended and once after a merge (a record merged
 * into another counts as the one kept), for a period and an office, broken
 * down by gender, age band, office, district, displacement, disability and
 * kind of organization.  Read from activity_people's kept counters, not
 * from the marks; the report page, its XLSX, the API and the start page all
 * count here. */
#ifndef DAAM_REACH_H
#define DAAM_REACH_H
#include <stdint.h>
struct db;

#define REACH_MAX_GROUPS 64   /* offices, districts shown at most (the rest in "other") */

struct reach_group {
	int64_t id;          /* office / district id; 0 not recorded */
	long long n;
};
struct reach {
	long long people;
	long long gender[3];             /* f, m, not recorded */
	long long age[8];                /* the age bands in order, then not recorded at [nages] */
	int nages;
	long long displacement[4];       /* resident, displaced, returnee, not recorded */
	long long disability[3];         /* yes, no, not recorded */
	long long org_kind[8];           /* registry org kinds in order, then no organization at [nkinds] */
	int nkinds;
	struct reach_group office[REACH_MAX_GROUPS];  /* an office counts each person it reached once */
	int noffices;
	struct reach_group district[REACH_MAX_GROUPS];
	int ndistricts;
};

/* Counts into *out the people reached on days from..to (YYYY-MM-DD, ""
 * open) by activities of office (0 every office), on d.  0, or -1. */
int reach_count(struct db *d, const char *from, const char *to, int64_t office, struct reach *out);
/* Only the people and their count per office (the director's start page):
 * out->people and out->office[]; 0 or -1. */
int reach_offices(struct db *d, const char *from, const char *to, struct reach *out);
/* Only the number of people (the start page): 0 or -1. */
int reach_people(struct db *d, const char *from, const char *to, int64_t office, long long *people);
#endif

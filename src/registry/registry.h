/* registry — the partners registry: organizations, people, places, sectors,
 * memberships, the name search index.  Shared vocabulary and the functions
 * that write records (used by the pages, the importer, the API and the demo
 * generator, so every path folds names and indexes them the same way). */
#ifndef DAAM_REGISTRY_H
#define DAAM_REGISTRY_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct req;
struct strbuf;

/* A vocabulary: stored keys with English msgids for labels. NULL-terminated. */
struct vocab {
	const char *const *keys;
	const char *const *labels;
};
extern const struct vocab org_kinds, org_stages, org_maturity, reg_statuses,
	genders, displacements, educations;
/* The key lists, for PT_ENUM parameters. */
extern const char *const org_kind_keys[], *const stage_keys[], *const maturity_keys[], *const reg_keys[],
	*const gender_keys[], *const displacement_keys[], *const education_keys[];
/* Translated label of key in v, or key itself when unknown. */
const char *vocab_label(const struct vocab *v, const char *key);
/* A <select> of v's labels (form_select); with_any puts a first choice ""
 * before them: VOCAB_ANY "Any" (a filter), VOCAB_NONE "—" (an optional
 * field), or 0 none. */
enum { VOCAB_ANY = 1, VOCAB_NONE = 2 };
void vocab_select(struct req *r, const char *name, const char *label, const struct vocab *v, const char *selected,
		  int with_any);
/* The same as radio buttons (form_radios), none checked when selected is
 * "" or NULL: for a short list whose every choice fits on a phone. */
void vocab_radios(struct req *r, const char *name, const char *legend, const struct vocab *v, const char *selected);

/* Who may see what: office 0 = all offices; org 0 = not bound to one. */
struct scope {
	int64_t office;
	int64_t org;
	int personal;   /* may see personal fields (phones, birth year, community) */
};
void scope_of(struct req *r, struct scope *s);
/* 1 when the signed-in user may see this organization / person. */
int scope_sees_org(struct req *r, int64_t org_id);
int scope_sees_person(struct req *r, int64_t person_id);

/* A person as written by forms, import, API and demo. Strings may be "". */
struct person_in {
	const char *name_ar, *name_latin, *gender, *displacement, *education;
	const char *consent_date, *consent_purpose;
	const char *phones[3];
	int birth_year;        /* 0 unknown */
	int64_t place_id;      /* 0 unknown */
	int64_t office_id;     /* 0 none */
	int disability;        /* 1 yes, 0 no, DISABILITY_UNSET (-1) not recorded (NULL) */
	/* NULL, or both what person_name_derive gives for name_ar (an import
	 * has them from its duplicate check) */
	const char *name_folded, *name_key;
};
#define DISABILITY_UNSET (-1)
/* What people.name_folded and people.name_key hold for an Arabic name:
 * written into folded (fsz bytes) and key (ksz, NAME_KEY_SIZE fits any).
 * 0, or -1 when the name cannot be folded. */
int person_name_derive(const char *name_ar, char *folded, size_t fsz, char *key, size_t ksz);
/* Inserts (id 0) or updates a person with folded name, key, phones and the
 * search index, inside the writer transaction w; audited as actor (a
 * negative actor: not audited here, the caller audits in bulk).
 * Returns the id, or -1. */
int64_t person_save(struct db *w, int64_t actor, int64_t id, const struct person_in *p);
/* A new person from a picker's quick add (a name, perhaps a phone and a
 * birth year, 0 for none), of office, written with person_save; the new
 * id, or -1. */
int64_t person_quick_add(struct db *w, int64_t actor, const char *name, const char *phone, int birth_year,
			 int64_t office);
/* An organization as written by the page, import, API and demo.  Strings
 * may be NULL or ""; kind, reg_status and stage then take their defaults
 * (organization, unregistered, applicant). */
struct org_in {
	const char *name_ar, *name_en, *kind, *reg_status, *reg_number, *reg_date, *founded, *stage, *maturity;
	const char *phone, *email;
	int64_t place_id;              /* 0 none */
	int64_t office_id;             /* 0 none */
	const int64_t *sectors;        /* sector ids (unknown ones ignored) */
	int nsectors;
	const int64_t *areas;          /* areas served: subdistrict ids (others ignored) */
	int nareas;
};
/* Inserts (id 0) or updates an organization with its folded name, its
 * sectors and areas (an update replaces them) and its search row, inside the
 * writer transaction w; audited as actor (negative: not audited here, the
 * caller audits in bulk).  Returns the id, or -1 (also when id does not exist). */
int64_t org_save(struct db *w, int64_t actor, int64_t id, const struct org_in *o);
/* Indexes an organization's names for search (after insert or update). */
int org_index(struct db *w, int64_t org_id, const char *name_ar, const char *name_en);
/* Adds a search row for a person (names) — used by person_save. */
int person_index(struct db *w, int64_t person_id, const char *name_ar, const char *name_latin);
/* Removes a person from the search index (merged away). */
int search_unindex_person(struct db *w, int64_t id);
/* The module's upgrade hook (reindex.c): derives names and search rows
 * again when the database was indexed by another version.  0 or -1. */
int registry_upgrade(void);

/* Writes "community, subdistrict" for a place into sb: place_path
 * HTML-escaped for pages, place_path_text as it is for exports (CSV, XLSX,
 * JSON escape in their own way, at output). */
void place_path(struct db *d, struct strbuf *sb, int64_t place_id);
void place_path_text(struct db *d, struct strbuf *sb, int64_t place_id);
/* 1 when a place of level min_level or below (more local) has this id, a
 * sector this id: a form's choice checked before the write, so a forged or
 * stale id is a field error, not a failed write (offices: office_exists,
 * auth/users.h). */
int place_exists(struct db *d, int64_t id, int min_level);
int sector_exists(struct db *d, int64_t id);
/* The place chooser (place_select.c): a <select> of the places of level
 * min_level and below — 1 any (filters), 2 a district and below, 3 a
 * subdistrict or a community, 4 a community — each subdistrict an
 * <optgroup> labelled with its path ("Ar-Raqqa › … › Al-Karama") holding
 * itself and its communities, governorates and districts options showing
 * their path; values are the places' ids; the submitted choice when a form
 * came back, else selected.  Past LIMIT_PLACE_OPTIONS places it lists the
 * governorates, districts and subdistricts only (and the place selected,
 * and the places a typed name matched), with a text field NAME_q beside it
 * for the community's name (place_param). */
void place_select(struct req *r, const char *name, const char *label, int64_t selected, int min_level);
/* The place a form or filter chose: the name typed in NAME_q (the chooser
 * of a long place list, place_select) matched as the importer matches it
 * (place_match.h), else the id in NAME.  A name that matches no place, a
 * place too large for min_level, or several places (unless NAME holds one
 * of them: the person chose) is a field error on NAME and gives 0.  The
 * route declares both parameters (PLACE_PARAMS, registry/module.c). */
int64_t place_param(struct req *r, const char *name, int min_level);
#endif

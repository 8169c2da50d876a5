/* audit_text — an audit entry as a sentence in the reader's language
 * ("Merged record 82 into أحمد …", "Imported 5 people from the file
 * x.csv"), with the records named and linked when the reader may see them;
 * the stored words (action, record kind, the key=value detail) stay for the
 * <details> underneath.  audit_log.c reads the entries (one query a page)
 * and fills struct audit_entry. */
#ifndef DAAM_AUDIT_TEXT_H
#define DAAM_AUDIT_TEXT_H
#include <stdint.h>
struct req;

/* A record an entry names: the entry's own (entity, entity_id) or one its
 * detail names (the other person of a pair, the new member). */
struct audit_ref {
	int64_t id;          /* 0: none */
	const char *name;    /* its name when the reader may read it, else NULL */
	const char *href;    /* its page when the reader may open it, else NULL */
};

struct audit_entry {
	const char *action, *entity, *detail;   /* as stored */
	int64_t actor_id;                       /* 0: the system */
	struct audit_ref record;                /* the entry's record */
	struct audit_ref other;                 /* the person named in the detail */
};

/* For a module's audit namer (module.h): ref's name from sql (one column,
 * ?1 the id) and its page at prefix followed by the id ("/activities/").
 * The namer checks the reader's scope before. */
void audit_ref_fill(struct req *r, struct audit_ref *ref, const char *sql, int64_t id, const char *prefix);

/* Writes the entry's sentence (HTML) to r->out. */
void audit_sentence(struct req *r, const struct audit_entry *e);
#endif

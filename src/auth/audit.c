/* audit — appends to audit_log (see audit.h). */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "module.h"
#include "core/log.h"
#include "auth/audit.h"
#include <string.h>
#include "core/i18n.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_ADD[] =
	"INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int audit_write(struct db *w, int64_t user_id, const char *action, const char *entity,
		int64_t entity_id, const char *detail)
{
	if (!audit_known(action, entity)) {
		/* a word no module declared: the audit page could not show it */
		log_error("audit: '%s' on '%s' is not in any module's audit vocabulary", action, entity);
#ifdef DAAM_DEBUG
		abort();
#endif
	}
	return db_do(w, SQL_ADD, "Iottot", (long long)time(NULL), (long long)user_id, action, entity,
		     (long long)entity_id, detail ? detail : "");
}

/* The audit vocabulary: every module's words, gathered once. */
#define VOCAB_MAX 256
static const char *action_keys[VOCAB_MAX + 1], *action_labels[VOCAB_MAX + 1];
static const char *entity_keys[VOCAB_MAX + 1], *entity_labels[VOCAB_MAX + 1];
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

static void vocab_add(const struct audit_word *w, const char **keys, const char **labels, int *n)
{
	for (; w && w->key && *n < VOCAB_MAX; w++, (*n)++) {
		keys[*n] = w->key;
		labels[*n] = w->label;
	}
}

static void vocab_build(void)
{
	int na = 0, ne = 0;
	FOR_EACH_MODULE(m) {
		vocab_add(m->audit_actions, action_keys, action_labels, &na);
		vocab_add(m->audit_entities, entity_keys, entity_labels, &ne);
	}
}

void audit_vocabulary(int entities, const char *const **keys, const char *const **labels)
{
	pthread_once(&vocab_once, vocab_build);
	*keys = entities ? entity_keys : action_keys;
	*labels = entities ? entity_labels : action_labels;
}

static int label_index(const char *const *keys, const char *key)
{
	for (int i = 0; key && keys[i]; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

static const char *label_of(int entities, const char *key)
{
	const char *const *keys, *const *labels;
	audit_vocabulary(entities, &keys, &labels);
	int i = label_index(keys, key);
	return i < 0 ? key : _(labels[i]);
}

const char *audit_action_label(const char *action)
{
	return label_of(0, action);
}

const char *audit_entity_label(const char *entity)
{
	return label_of(1, entity);
}

int audit_known(const char *action, const char *entity)
{
	const char *const *ak, *const *al, *const *ek, *const *el;
	audit_vocabulary(0, &ak, &al);
	audit_vocabulary(1, &ek, &el);
	return label_index(ak, action) >= 0 && label_index(ek, entity) >= 0;
}

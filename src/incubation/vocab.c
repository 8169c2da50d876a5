/* vocab — the incubation module's words: the ten dimensions, the kinds and
 * states of assessments, cohorts, candidates and plan actions, with their
 * English msgids (translated when shown). */
#include <string.h>
#include "incubation/incubation.h"
#include "core/i18n.h"
#include "core/banned.h"

const char *const dim_keys[DIMENSIONS + 1] = {
	"principles", "planning", "knowledge", "context", "advocacy",
	"networking", "influence", "funding", "volunteering", "governance", NULL,
};
static const char *const dim_msgids[DIMENSIONS] = {
	N_("Principles"), N_("Planning"), N_("Knowledge"), N_("Context"), N_("Advocacy"),
	N_("Networking"), N_("Influence"), N_("Funding"), N_("Volunteering"), N_("Governance"),
};

const char *dim_label(int i)
{
	return i >= 0 && i < DIMENSIONS ? _(dim_msgids[i]) : "";
}

int dim_index(const char *key)
{
	for (int i = 0; key && i < DIMENSIONS; i++)
		if (strcmp(dim_keys[i], key) == 0)
			return i;
	return -1;
}

const char *const assess_kind_keys[] = { "baseline", "midline", "endline", NULL };
static const char *const assess_kind_msgids[] = { N_("Baseline"), N_("Midline"), N_("Endline") };
static const char *const assess_status_keys[] = { "draft", "final", "replaced", NULL };
static const char *const assess_status_msgids[] = { N_("Draft"), N_("Final"), N_("Replaced by a correction") };
const char *const cohort_status_keys[] = { "planned", "open", "running", "closed", NULL };
static const char *const cohort_status_msgids[] = { N_("Planned"), N_("Open for applications"), N_("Running"),
	N_("Closed") };
const char *const candidate_status_keys[] = { "applied", "accepted", "rejected", "enrolled", "graduated", NULL };
static const char *const candidate_status_msgids[] = { N_("Applied"), N_("Accepted"), N_("Not accepted"),
	N_("Enrolled"), N_("Graduated") };
const char *const decision_keys[] = { "accepted", "rejected", NULL };
const char *const action_status_keys[] = { "planned", "in_progress", "done", "dropped", NULL };
static const char *const action_status_msgids[] = { N_("Planned"), N_("In progress"), N_("Done"), N_("Dropped") };
const char *const action_kind_keys[] = { "training", "coaching", "consultation", "template", NULL };
static const char *const action_kind_msgids[] = { N_("Training"), N_("Coaching"), N_("Consultation"),
	N_("Template or policy") };

static const char *label_of(const char *const *keys, const char *const *msgids, const char *key)
{
	for (int i = 0; key && keys[i]; i++)
		if (strcmp(keys[i], key) == 0)
			return _(msgids[i]);
	return key ? key : "";
}

const char *assess_kind_label(const char *key)
{
	return label_of(assess_kind_keys, assess_kind_msgids, key);
}

const char *assess_status_label(const char *key)
{
	return label_of(assess_status_keys, assess_status_msgids, key);
}

const char *cohort_status_label(const char *key)
{
	return label_of(cohort_status_keys, cohort_status_msgids, key);
}

const char *candidate_status_label(const char *key)
{
	return label_of(candidate_status_keys, candidate_status_msgids, key);
}

const char *action_status_label(const char *key)
{
	return label_of(action_status_keys, action_status_msgids, key);
}

const char *action_kind_label(const char *key)
{
	return label_of(action_kind_keys, action_kind_msgids, key);
}

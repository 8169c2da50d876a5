/* picker — the one way a form chooses a person or an organization: type
 * part of the name in any spelling, Find, and choose among the candidates
 * (radio buttons) by what tells them apart: organizations, and for roles
 * with personal fields birth year, community and the phone's last two
 * digits (people); the other name, kind and place (organizations).
 *
 * Without JavaScript Find is a GET of the form's own page with the words
 * (?member_q=…#f-person), which comes back with the candidates listed in
 * the form.  The words box and the Find button belong to a small GET form
 * of their own (picker_find_form, through the HTML form attribute), so the
 * GET carries the words only: never the POST form's CSRF token or a
 * password.  assets/picker.js, when it runs, does the same GET in the
 * background and swaps the list in, so nothing else typed is lost.
 *
 *	struct picker p = { PICK_PERSON, "person", "member_q", _("Person"), "/orgs/12" };
 *	p.offer_new = 1;
 *	picker_find_form(r, &p);             // before form_begin: forms cannot nest
 *	form_begin(r, "/orgs/12/members", "form");
 *	if (picker_field(r, &p))             // choices listed: the rest of the form
 *		…
 *
 * The words' parameter is declared twice: IN_QUERY by the page's GET route,
 * IN_FORM by the POST route (the picker writes it hidden into the POST form
 * too, so a form shown again lists the same candidates).  docs/components.md
 * shows the HTML. */
#ifndef DAAM_PICKER_H
#define DAAM_PICKER_H
#include "registry/search.h"
struct req;

enum picker_kind { PICK_PERSON, PICK_ORG };

/* Candidates listed at most; the closest come first. */
#define PICKER_SHOWN 8

struct picker {
	enum picker_kind kind;
	const char *field;      /* the chosen number's field: "person", "org" */
	const char *q;          /* the words' parameter: "member_q", "org_q" */
	const char *legend;     /* the field's label, translated */
	const char *page;       /* the form's own page, which Find asks again: "/orgs/12" */
	const char *words;      /* the words candidates are found by; NULL: the q parameter's */
	const char *selected;   /* the chosen key ("12"; "0" the new person), or NULL / "" none */
	int offer_new;          /* people: a last choice "A new person named «words»" (key "0") */
	int confirm;            /* with offer_new: the "None of these: create a new person"
				 * checkbox (field confirm_new) under the candidates */
	const char *phone;      /* people: a phone whose holders are candidates too; NULL none */
	int birth_year;         /* people: candidates born that year come first; 0 none */
};

/* A person found by picker_people, and what matched besides the name. */
struct pick_person {
	struct person_hit h;
	int same_phone, same_year;
};

/* The empty GET form the words box and Find belong to (id "pick-FIELD",
 * action PAGE#f-FIELD).  Write it outside the POST form. */
void picker_find_form(struct req *r, const struct picker *p);
/* The field inside the POST form: <fieldset class="picker" id="f-FIELD">
 * with the words box and Find, the field's error (above the choices it is
 * about), the words again hidden, and the candidates as radio buttons (the
 * selected one first when the words do not find it).  Returns how many choices are listed (the new
 * person counted), 0 when there is nothing to choose yet. */
int picker_field(struct req *r, const struct picker *p);
/* 1 when a person of the user's scope may be the new person named name:
 * the same phone, or a name as close as NAME_MATCH_THRESHOLD (a search
 * also lists names further off, to choose from; those ask nothing). */
int picker_people_like(struct req *r, const char *name, const char *phone, int birth_year);
/* People of the user's scope who may be the one meant by name (found as the
 * search finds them) or who have phone (NULL or "": none): the most likely
 * first (same phone, then same birth year, then the closest name), at most
 * max into hits; *total counts them (up to LIMIT_LIST_COUNT + 1).  The
 * duplicate check before a new person and the picker's list alike.
 * Returns how many. */
int picker_people(struct req *r, const char *name, const char *phone, int birth_year, struct pick_person *hits,
		  int max, long long *total);
#endif

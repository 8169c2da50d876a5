/* scope_sql — the scope rule (which records a user may see) as SQL, written
 * once for every query of the registry.  The binds it reads come from
 * scope_of() (registry.h): the user's office (0: every office) and the
 * partner's organization (0: not bound to one).
 *
 * Each macro takes the table's alias and the bind numbers as string
 * literals and expands to a string literal, so a statement built with it is
 * still one fixed text (db.c caches statements by the text's address):
 *
 *   "SELECT count(*) FROM orgs o WHERE o.id = ?1 AND" ORG_VISIBLE("o", "?2", "?3")
 *
 * The subqueries use their own aliases (vm, vo), so they never shadow the
 * statement's. */
#ifndef DAAM_SCOPE_SQL_H
#define DAAM_SCOPE_SQL_H

/* An organization of the user's office (or any, office 0) and, for a
 * partner, their own organization. */
#define ORG_VISIBLE(o, office, org) \
	" ((" office " = 0 OR " o ".office_id = " office ") AND (" org " = 0 OR " o ".id = " org "))"

/* A person not merged away, of the user's office, linked to it by a merge
 * (person_offices, migration 014) or a member of one of its organizations
 * (any, office 0) and, for a partner, a member of their organization. */
#define PERSON_VISIBLE(p, office, org) \
	" (" p ".merged_into IS NULL AND (" office " = 0 OR " p ".office_id = " office \
	" OR EXISTS (SELECT 1 FROM memberships vm JOIN orgs vo ON vo.id = vm.org_id" \
	" WHERE vm.person_id = " p ".id AND vo.office_id = " office ")" \
	" OR EXISTS (SELECT 1 FROM person_offices vx WHERE vx.person_id = " p ".id AND vx.office_id = " office "))" \
	" AND (" org " = 0 OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.person_id = " p ".id AND vm.org_id = " org ")))"
#endif

/* cli_modules — `daam routes` and `daam roles`: what the modules' descriptors
 * say, for people and for the tests (the access walk and the fault walk read
 * `daam routes` so that a new route cannot escape them). */
#include <inttypes.h>
#include <stdio.h>
#include "cli/cli.h"
#include "module.h"
#include "core/banned.h"

static const char *const type_names[] = { "int", "text", "longtext", "secret", "enum", "date", "bool", "year" };

/* One line per route: METHOD PATH PERM(hex) FLAGS MODULE PARAMS, tab-separated;
 * PARAMS is "name:type:where:required" joined by commas (where: p q f). */
int cmd_routes(int argc, char **argv)
{
	FOR_EACH_MODULE(m)
		for (const struct route *rt = m->routes; rt && rt->pattern; rt++) {
			printf("%s\t%s\t%" PRIx64 "\t%s%s%s\t%s\t", rt->method == M_POST ? "POST" : "GET", rt->pattern,
			       (uint64_t)rt->perm, rt->flags & ROUTE_API ? "api," : "",
			       rt->flags & ROUTE_UPLOAD ? "upload," : "", rt->flags & ROUTE_NO_CSRF ? "no-csrf," : "",
			       m->name);
			for (const struct param_spec *p = rt->params; p && p->name; p++)
				printf("%s%s:%s:%s:%d", p == rt->params ? "" : ",", p->name, type_names[p->type],
				       p->where == IN_PATH ? "p" : p->where == IN_QUERY ? "q" : "f", p->required);
			printf("\n");
		}
	return 0;
}

/* The permissions, who holds them and which module declares them. */
int cmd_roles(int argc, char **argv)
{
	printf("%-20s %-10s %s\n", "permission", "module", "roles (admin holds all)");
	FOR_EACH_MODULE(m)
		for (const struct perm_decl *p = m->perms; p && p->perm; p++) {
			printf("%-20s %-10s", p->key, m->name);
			for (int role = 0; role < ROLE_COUNT; role++)
				if (role_perms(role) & p->perm)
					printf(" %s", role_table[role].key);
			printf("\n");
		}
	return 0;
}

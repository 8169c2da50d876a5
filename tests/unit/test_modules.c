/* test_modules — modules_check() refuses descriptors that would break the
 * platform: a permission bit declared twice or not one bit, a route whose
 * permission no module declares, a route or a verb another module has, a
 * path parameter missing from its pattern.  This binary adds a broken
 * module through daam_extra_modules (as test builds may). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "registry/perms.h"
#include "module.h"

static void noop(struct req *r) { (void)r; }
static int noop_verb(int argc, char **argv) { return 0; }

static const struct param_spec P_BAD[] = {
	{ "id", PT_INT, IN_PATH, 1, 1, 10, NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL },
};
static const struct route bad_routes[] = {
	{ M_GET, "/orgs", PERM_ORGS_READ, noop, NULL, 0 },          /* the registry's */
	{ M_GET, "/broken", PERM_BIT(60), noop, NULL, 0 },          /* undeclared permission */
	{ M_GET, "/broken/x", PERM_SIGNED_IN, noop, P_BAD, 0 },     /* {id} not in the pattern */
	{ 0, NULL, 0, NULL, NULL, 0 },
};
static const struct perm_decl bad_perms[] = {
	{ PERM_EXPORT, "again", "Export again", 0 },               /* the registry's bit */
	{ PERM_BIT(61) | PERM_BIT(62), "two", "Two bits", 0 },
	{ 0, NULL, NULL, 0 },
};
static const struct cli_verb bad_verbs[] = {
	{ "import", noop_verb, "import\n    Again." },
	{ NULL, NULL, NULL },
};
static const struct module broken = {
	.name = "broken", .routes = bad_routes, .perms = bad_perms, .verbs = bad_verbs,
};
const struct module *const daam_extra_modules[] = { &broken, NULL };

static void test_check_refuses(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);
	FILE *saved = stderr;
	stderr = mem;
	int rc = modules_check();
	stderr = saved;
	fclose(mem);
	assert_int_equal(rc, -1);
	const char *expect[] = { "permission again uses a bit declared before", "permission two is not one bit",
		"/broken needs a permission no module declares", "/broken/x declares path parameter id",
		"route /orgs is also in module", "verb import is also in module", NULL };
	for (int i = 0; expect[i]; i++)
		if (!strstr(out, expect[i]))
			fail_msg("modules_check did not report \"%s\"; it said:\n%s", expect[i], out);
	free(out);
}

static void test_extra_module_is_listed(void **state)
{
	int found = 0;
	FOR_EACH_MODULE(m)
		found += m == &broken;
	assert_int_equal(found, 1);
	assert_non_null(modules_route_for(M_GET, "/broken", 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_refuses),
		cmocka_unit_test(test_extra_module_is_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* demo — the administration's demo data (`daam demo`): one account per kind
 * of user, all with the demo password; the partner is bound to the first
 * organization (the registry's demo runs before, see src/modules.c). */
#include <stdio.h>
#include "admin/admin.h"
#include "auth/users.h"
#include "cli/cli.h"
#include "db/db.h"
#include "auth/mfa.h"
#include "core/banned.h"

static const char SQL_FIRST_ORG[] = "SELECT min(id) FROM orgs";

static const struct { const char *name, *display, *role, *office; int org; } demo_users[] = {
	{ "admin", "مدير النظام", "admin", NULL, 0 },
	{ "director", "هدى الخلف", "director", NULL, 0 },
	{ "officer", "أحمد العلي", "program_officer", "raqqa", 0 },
	{ "trainer", "رهف الجاسم", "trainer", "tabqa", 0 },
	{ "grants", "خالد الحسن", "grants_officer", "raqqa", 0 },
	{ "monitoring", "مريم الأحمد", "me_officer", NULL, 0 },
	{ "space", "عمر المحمد", "space_coordinator", "deir-ez-zor", 0 },
	{ "expert", "يوسف الإبراهيم", "expert", "raqqa", 0 },
	{ "partner", "نور الحسين", "partner", "raqqa", 1 },
	{ "reviewer", "سارة العبدالله", "reviewer", NULL, 0 },
	{ "donor", "Donor Reader", "donor", NULL, 0 },
};

/* The demo's admin and director sign in with the password alone (for
 * `make run` and the tests): the second factor's requirement is switched
 * off in this database, and the sign-in and account pages say so
 * (mfa_demo_notice).  docs/admin-guide.md tells how to switch it on. */
static const char SQL_NO_MFA[] = "INSERT OR REPLACE INTO settings (key, value) VALUES ('" MFA_SETTING "', '0')";

int admin_demo(struct db *w, int scale)
{
	if (db_do(w, SQL_NO_MFA, "") < 0)
		return -1;
	int64_t first_org = db_int(w, 0, SQL_FIRST_ORG, "");
	for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++) {
		if (user_id_by_name(w, demo_users[i].name))
			continue;
		const char *err = user_create(w, 0, demo_users[i].name, demo_users[i].display, demo_users[i].role,
					      demo_users[i].office ? office_id_by_code(w, demo_users[i].office) : 0,
					      demo_users[i].org ? first_org : 0, DEMO_PASSWORD, NULL);
		if (err) {
			fprintf(stderr, "daam: demo account %s: %s\n", demo_users[i].name, err);
			return -1;
		}
	}
	return 0;
}

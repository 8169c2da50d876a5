/* demo — the registry's demo data (`daam demo`): four named partner
 * organizations, then n organizations and people with memberships, the
 * spelling variants people really write, shared family phones and ~3%
 * re-registered duplicates, so search and the duplicates review have work. */
#include <stdio.h>
#include <string.h>
#include "registry/demo.h"
#include "registry/demo_names.h"
#include "registry/registry.h"
#include "auth/audit.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_OFFICE_NTH[] = "SELECT id FROM offices ORDER BY id LIMIT 1 OFFSET ?1";
static const char SQL_COMMUNITIES[] = "SELECT id FROM places WHERE level = 4 ORDER BY id";
static const char SQL_MEMBER_ADD[] = "INSERT INTO memberships (person_id, org_id, role, start_date) VALUES (?1, ?2, ?3, ?4)";

static const struct { const char *ar, *en, *office; } demo_orgs[] = {
	{ "جمعية شباب الرقة التطوعية", "Raqqa Youth Volunteer Association", "raqqa" },
	{ "مبادرة نساء الطبقة", "Tabqa Women Initiative", "tabqa" },
	{ "منظمة الفرات للتنمية", "Euphrates Development Organization", "deir-ez-zor" },
	{ "مبادرة شارك - سلوك", "Sharek initiative - Sluk", "raqqa" },
};

#define MAX_COMMUNITIES 256

/* Adds n_orgs organizations and n_people people (with memberships, spelling
 * variants, shared family phones and ~3% re-registered duplicates) inside w.
 * Deterministic for a given seed.  Returns 0 or -1. */
static int demo_registry(struct db *w, int n_orgs, int n_people, uint64_t seed)
{
	static const char *const kinds[] = { "association", "initiative", "organization", "initiative", "network", "initiative" };
	static const char *const stages[] = { "applicant", "incubated", "incubated", "alumni", "external" };
	static const char *const maturity[] = { "relief", "services", "development", "advocacy" };
	static const char *const displacement[] = { "resident", "resident", "displaced", "returnee" };
	static const char *const education[] = { "primary", "secondary", "secondary", "university", "university", "none", "postgraduate" };
	static const char *const roles[] = { "عضو", "متطوع", "منسق مشروع", "مدير", "عضو مجلس إدارة", "محاسب" };
	int64_t places[MAX_COMMUNITIES], first_org = 0;
	int nplaces = 0;
	long long offices[3];
	for (int i = 0; i < 3; i++)
		offices[i] = db_int(w, 1, SQL_OFFICE_NTH, "i", i);
	sqlite3_stmt *st = db_q(w, SQL_COMMUNITIES, "");
	while (db_row(st) == 1 && nplaces < MAX_COMMUNITIES)
		places[nplaces++] = sqlite3_column_int64(st, 0);
	if (!nplaces)
		return -1;
	uint64_t s = seed | 1;
	for (int i = 0; i < n_orgs; i++) {
		int h = (int)(demo_rand(&s) % (uint64_t)demo_org_heads_n), k = (int)(demo_rand(&s) % (uint64_t)demo_org_words_n);
		char ar[256], en[256];
		if (n_orgs > 100) {
			snprintf(ar, sizeof ar, "%s %s %d", demo_org_heads_ar[h], demo_org_words_ar[k], i + 1);
			snprintf(en, sizeof en, "%s %s %d", demo_org_words_en[k], demo_org_heads_en[h], i + 1);
		} else {
			snprintf(ar, sizeof ar, "%s %s", demo_org_heads_ar[h], demo_org_words_ar[k]);
			snprintf(en, sizeof en, "%s %s", demo_org_words_en[k], demo_org_heads_en[h]);
		}
		struct org_in o = { 0 };
		int64_t sectors[3];
		o.name_ar = ar;
		o.name_en = en;
		o.kind = kinds[h];
		o.stage = stages[demo_rand(&s) % 5];
		o.maturity = maturity[demo_rand(&s) % 4];
		o.reg_status = demo_rand(&s) % 3 ? "registered" : "pending";
		o.office_id = offices[i % 3];
		o.place_id = places[demo_rand(&s) % (uint64_t)nplaces];
		for (int k2 = 0; k2 < 1 + (int)(demo_rand(&s) % 3) && o.nsectors < 3; k2++)
			sectors[o.nsectors++] = 1 + (int64_t)(demo_rand(&s) % 13);
		o.sectors = sectors;
		int64_t id = org_save(w, -1, 0, &o);
		if (id < 0)
			return -1;
		if (!first_org)
			first_org = id;
	}
	char prev_phone[32] = "", phone[32];
	for (int i = 0; i < n_people; i++) {
		int female = demo_rand(&s) % 2;
		const struct demo_name *first = female ? &demo_female[demo_rand(&s) % (uint64_t)demo_female_n]
						      : &demo_male[demo_rand(&s) % (uint64_t)demo_male_n];
		const struct demo_name *father = &demo_male[demo_rand(&s) % (uint64_t)demo_male_n];
		const struct demo_name *family = &demo_family[demo_rand(&s) % (uint64_t)demo_family_n];
		int variant = demo_rand(&s) % 5 == 0;
		char ar[256], latin[256] = "";
		snprintf(ar, sizeof ar, "%s %s %s", variant && first->variant ? first->variant : first->ar, father->ar,
			 variant && family->variant ? family->variant : family->ar);
		if (demo_rand(&s) % 10 < 6) {
			const char *fl = first->latin[demo_rand(&s) % 3], *fa = family->latin[demo_rand(&s) % 3];
			snprintf(latin, sizeof latin, "%s %s %s", fl ? fl : first->latin[0], father->latin[0], fa ? fa : family->latin[0]);
		}
		/* one in ten shares the previous person's phone (a family phone) */
		if (prev_phone[0] && demo_rand(&s) % 10 == 0)
			snprintf(phone, sizeof phone, "%s", prev_phone);
		else
			snprintf(phone, sizeof phone, "09%d%07d", 3 + (int)(demo_rand(&s) % 7), (int)(demo_rand(&s) % 10000000));
		snprintf(prev_phone, sizeof prev_phone, "%s", phone);
		struct person_in p = { 0 };
		p.name_ar = ar;
		p.name_latin = latin;
		p.gender = female ? "f" : "m";
		p.birth_year = 1960 + (int)(demo_rand(&s) % 48);
		p.place_id = places[demo_rand(&s) % (uint64_t)nplaces];
		p.displacement = displacement[demo_rand(&s) % 4];
		p.education = education[demo_rand(&s) % 7];
		p.disability = demo_rand(&s) % 25 == 0;
		p.office_id = offices[demo_rand(&s) % 3];
		p.consent_date = "2025-03-12";
		p.consent_purpose = "التدريب والمتابعة";
		p.phones[0] = phone;
		int64_t pid = person_save(w, -1, 0, &p);
		if (pid < 0)
			return -1;
		int64_t org = first_org + (int64_t)(demo_rand(&s) % (uint64_t)n_orgs);
		if (db_do(w, SQL_MEMBER_ADD, "IItt", (long long)pid, (long long)org, roles[demo_rand(&s) % 6], "2024-09-01") < 0)
			return -1;
		/* ~3%: the same person registered again elsewhere, spelled another way */
		if (demo_rand(&s) % 33 == 0) {
			char again[256];
			snprintf(again, sizeof again, "%s %s %s", first->variant ? first->variant : first->ar,
				 father->variant ? father->variant : father->ar, family->variant ? family->variant : family->ar);
			p.name_ar = again;
			p.name_latin = first->latin[1] ? "" : latin;
			p.birth_year += demo_rand(&s) % 2;
			if (person_save(w, -1, 0, &p) < 0)
				return -1;
		}
	}
	char detail[64];
	snprintf(detail, sizeof detail, "demo orgs=%d people=%d", n_orgs, n_people);
	return audit_write(w, 0, "import", "people", 0, detail);
}

int registry_demo(struct db *w, int scale)
{
	for (size_t i = 0; i < sizeof demo_orgs / sizeof *demo_orgs; i++) {
		struct org_in o = { 0 };
		o.name_ar = demo_orgs[i].ar;
		o.name_en = demo_orgs[i].en;
		o.office_id = office_id_by_code(w, demo_orgs[i].office);
		int64_t id = org_save(w, -1, 0, &o);
		if (id < 0 || audit_write(w, 0, "create", "org", id, "demo") < 0)
			return -1;
	}
	return demo_registry(w, scale ? 10000 : 40, scale ? 200000 : 400, 20171);
}

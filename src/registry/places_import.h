/* places_import — the official list of places: the humanitarian
 * administrative boundaries table (OCHA/HDX COD-AB) in its tabular CSV form,
 * one row per lowest-level unit, with for each level its p-code and its
 * names (admin1Pcode, admin1Name_en, admin1Name_ar … admin4Pcode,
 * admin4Name_en, admin4Name_ar; ADM1_PCODE, ADM1_EN, ADM1_AR… too; header
 * names compared without case, spaces or underscores; admin0 is the country
 * and is not stored).  daam's levels are the table's: 1 governorate,
 * 2 district, 3 subdistrict, 4 community.
 *
 * The hierarchy comes from the p-codes on each row.  Each unit is matched
 * with a place already there — by its p-code first, else by name (folded,
 * without a generic word such as منطقة or "district", against the names
 * and aliases) under the same parent, among the places without a p-code —
 * and updated (names, parent, p-code; a name it replaces stays as an alias
 * so that files written with it still match), or added.  Nothing is ever
 * deleted: places not in the file are kept, in use or not.  One write
 * transaction, audited once ("import" on "places"); a dry run does the same
 * work and rolls it back. */
#ifndef DAAM_PLACES_IMPORT_H
#define DAAM_PLACES_IMPORT_H
#include <stddef.h>

struct places_import_result {
	long rows;                /* data rows read */
	long units;               /* distinct units (all levels) in the file */
	long added, updated, unchanged;
	long kept;                /* places already there and not in the file */
	long error_row;           /* the row of the problem (1: the header), or 0 */
	char error[256];          /* what is wrong with the file, in English */
};

/* Reads data (the CSV, UTF-8 with or without a BOM) and loads it as said
 * above; dry_run 1 rolls back.  Returns 0, 1 when the file is refused
 * (res->error says why; nothing written), or -1 when the database failed. */
int places_import(const char *data, size_t len, int dry_run, const char *filename, struct places_import_result *res);

/* `daam places import FILE.csv [--dry-run] [--db PATH]` */
int cmd_places(int argc, char **argv);
#endif

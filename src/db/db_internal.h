/* db_internal — for src/db/ only: the writer's two halves (used by backup.c's
 * restore, which runs the backup API outside a transaction) and the
 * migrations.  Everything else writes through db_write (db.h), which cannot
 * leave the writer taken. */
#ifndef DAAM_DB_INTERNAL_H
#define DAAM_DB_INTERNAL_H
struct db;

/* Takes the writer and starts an IMMEDIATE transaction; NULL on failure
 * (the writer is then not held). */
struct db *db_write_begin(void);
/* Commits when ok, else rolls back; always releases the writer.  Returns 0,
 * or -1 when !ok or the commit failed (nothing was saved). */
int db_write_end(struct db *w, int ok);
/* Migrations embedded in the binary: applies the missing ones inside the
 * writer's transaction w, which the caller began with foreign keys off
 * (PRAGMA foreign_keys cannot change inside a transaction); refuses when
 * they leave a reference that points nowhere.  Returns the number applied,
 * or -1. */
int db_migrate(struct db *w);
#endif

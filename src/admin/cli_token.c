/* cli_token — `daam token create --user NAME [--label TEXT]`, `daam token
 * revoke --id N`, `daam token list`: bearer tokens for the JSON API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "admin/admin.h"
#include "auth/tokens.h"
#include "auth/users.h"
#include "db/db.h"
#include "core/banned.h"

static const char SQL_LIST[] =
	"SELECT t.id, u.name, t.label, t.created_at, t.revoked_at IS NOT NULL FROM api_tokens t"
	" JOIN users u ON u.id = t.user_id ORDER BY t.id";

struct token_args {
	int create;        /* else revoke */
	const char *user, *label;
	int64_t id;        /* the token to revoke */
	char token[TOKEN_CHARS];
};

/* Creates or revokes a token; 1 when there is no such user or active token. */
static int token_fn(struct db *w, void *arg)
{
	struct token_args *a = arg;
	if (a->create) {
		int64_t uid = user_id_by_name(w, a->user), id;
		if (!uid) {
			fprintf(stderr, "daam: no such user\n");
			return 1;
		}
		return token_create(w, uid, a->label, a->token, &id);
	}
	if (token_revoke(w, a->id) < 0) {
		fprintf(stderr, "daam: no active token with that number\n");
		return 1;
	}
	return 0;
}

int cmd_token(int argc, char **argv)
{
	struct opt opts[] = { { "db", 1, NULL }, { "user", 1, NULL }, { "label", 1, NULL }, { "id", 1, NULL },
			      { NULL, 0, NULL } };
	const char *pos[1];
	int npos;
	if (cli_parse(argc, argv, opts, pos, 1, &npos) < 0)
		return 2;
	const char *verb = npos ? pos[0] : "";
	if (strcmp(verb, "create") && strcmp(verb, "revoke") && strcmp(verb, "list")) {
		fprintf(stderr, "daam: token wants create, revoke or list (see daam token --help)\n");
		return 2;
	}
	if (!strcmp(verb, "create") && !cli_get(opts, "user")) {
		fprintf(stderr, "daam: give the user with --user NAME\n");
		return 2;
	}
	if (!strcmp(verb, "revoke") && !cli_get(opts, "id")) {
		fprintf(stderr, "daam: give the token number with --id N (see daam token list)\n");
		return 2;
	}
	if (cli_init_runtime() < 0 || cli_open_db(opts) < 0)
		return 1;
	int rc = 0;
	if (!strcmp(verb, "list")) {
		sqlite3_stmt *st = db_q(db_read(), SQL_LIST, "");
		printf("%-6s %-20s %-8s %s\n", "ID", "USER", "STATE", "LABEL");
		while (db_row(st) == 1)
			printf("%-6lld %-20s %-8s %s\n", (long long)sqlite3_column_int64(st, 0), db_text(st, 1),
			       sqlite3_column_int(st, 4) ? "revoked" : "active", db_text(st, 2));
	} else {
		struct token_args a = { 0 };
		a.create = !strcmp(verb, "create");
		a.user = cli_get(opts, "user");
		a.label = cli_get(opts, "label");
		a.id = a.create ? 0 : strtoll(cli_get(opts, "id"), NULL, 10);
		rc = db_write(token_fn, &a);
		if (rc == 0 && a.create)
			printf("%s\n", a.token);   /* shown once: only its hash is kept */
		else if (rc == 0)
			printf("daam: token revoked\n");
	}
	db_close();
	return rc != 0 ? 1 : 0;
}

/* harness — what every HTTP test binary shares: a temporary directory with a
 * demo database made once per binary, real `daam serve` child processes on
 * copies of it (port 0, read back from the server's first stdout line), a
 * small libcurl "browser" with its own cookie jar, HTML helpers (the CSRF
 * hidden field, user ids) and raw TCP exchanges for malformed requests.
 *
 * The daam binary under test is $DAAM_BIN (absolute path); without it,
 * build/daam relative to the current directory. */
#ifndef DAAM_TEST_HARNESS_H
#define DAAM_TEST_HARNESS_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include "auth/roles.h"
#include <stdint.h>
#include <sys/types.h>
#include <cmocka.h>

#define DEMO_PASSWORD "daam-demo-2026"
/* Texts the tests look for (from po/ar.po and the English msgids). */
#define AR_WRONG_LOGIN "اسم المستخدم أو كلمة المرور غير صحيحة."
#define EN_WRONG_LOGIN "The user name or the password is wrong."
#define AR_SIGN_IN "تسجيل الدخول"

struct server {
	pid_t pid;           /* 0 once stopped */
	int port;
	int exit_status;     /* after server_stop: exit code, or 128 + signal */
	char db[512];
	char out_path[512];  /* the child's stdout */
	char err_path[512];  /* the child's stderr (logs, sanitizer reports) */
};

/* Once per test binary: the temporary directory and the demo database.
 * Returns 0, or -1 after printing why. */
int harness_setup(void);
/* Stops servers still running and removes the temporary directory. */
void harness_teardown(void);
const char *harness_dir(void);
const char *daam_bin(void);

/* Starts `daam serve` on a fresh copy of the demo database with the extra
 * arguments (NULL-terminated list, or NULL).  Returns NULL on failure. */
struct server *server_start(const char *const *extra_args);
/* SIGTERM, then waits up to 15 s (SIGKILL after).  Returns the exit status
 * (0 is a clean stop); prints the server's stderr when it is not 0. */
int server_stop(struct server *s);

/* cmocka group fixtures: harness_setup + one server in *state; the teardown
 * stops what is left and cleans up. */
int group_setup(void **state);
int group_teardown(void **state);
/* group_setup, then test_db opened on the server's database (busy timeout
 * 10 s). */
int group_setup_db(void **state);
/* Makes $DAAM_BIN the test build daam-probe beside it (daam plus the test
 * module and the fault VFS); call first in main(). */
void harness_use_probe(void);

/* ---- the browser ---- */

#define MAX_COOKIES 16
#define MAX_RESP_HEADERS 64

struct jar_cookie {
	char name[64];
	char *value;
};

struct browser {
	const struct server *srv;
	void *curl;                   /* CURL *, kept for connection reuse */
	struct jar_cookie cookies[MAX_COOKIES];
	int ncookies;
	const char *accept_language;  /* sent when not NULL */
	int gzip;                     /* 1: Accept-Encoding: gzip (libcurl decodes) */
	long timeout_ms;              /* per request; 0: 15 s */
};

struct response {
	long status;        /* 0 when the exchange failed */
	int curl_code;      /* CURLcode */
	char *head;         /* the header block as received */
	int nheaders;
	char *hname[MAX_RESP_HEADERS];
	char *hvalue[MAX_RESP_HEADERS];
	char *body;         /* decoded, NUL-terminated */
	size_t body_len;
	double seconds;     /* duration of the exchange */
};

void browser_init(struct browser *b, const struct server *s);
void browser_free(struct browser *b);
const char *browser_cookie(const struct browser *b, const char *name);
/* value NULL removes the cookie */
void browser_set_cookie(struct browser *b, const char *name, const char *value);

/* One request; headers is a NULL-terminated list of "Name: value" or NULL.
 * Never follows redirects.  Set-Cookie headers update the jar. */
struct response *http_request(struct browser *b, const char *method, const char *path,
			      const char *body, size_t body_len, const char *const *headers);
struct response *http_get(struct browser *b, const char *path);
/* POST of name, value pairs (NULL-terminated), urlencoded. */
struct response *http_post_form(struct browser *b, const char *path, ...);
void response_free(struct response *r);

/* First header of that name (case-insensitive), or NULL. */
const char *resp_header(const struct response *r, const char *name);
/* The Set-Cookie value that sets this cookie ("sid=...; Path=/; ..."), or NULL. */
const char *resp_set_cookie(const struct response *r, const char *cookie);
int resp_contains(const struct response *r, const char *needle);

/* Urlencoded body from name, value pairs; free() it. */
char *form_encode(const char *first_name, ...);
char *form_vencode(const char *first_name, va_list ap);

/* ---- the routes the binary declares (`daam routes`) ---- */
struct route_line {
	char method[8];
	char pattern[160];
	perm_t perm;
	char flags[48];    /* "api,upload," */
	char module[32];
	int walked;        /* for the walks' own bookkeeping */
};
/* Reads `daam routes` into out (at most max); returns the count, or fails
 * the test. */
int daam_routes(struct route_line *out, int max);

/* Percent-encodes s into out (n bytes) for a form or a query. */
void url_escape(const char *s, char *out, size_t n);
/* POST of csrf plus the name/value pairs of kv (NULL-terminated; a name may
 * repeat, as checkboxes do) plus one more pair (extra_name may be NULL).
 * Fails the test when no answer comes. */
struct response *post_kv(struct browser *b, const char *path, const char *csrf, const char *const *kv,
			 const char *extra_name, const char *extra_value);

/* The value of the first <input type="hidden" name="csrf" value="..."> (malloc'd) or NULL. */
char *html_csrf(const char *html);
/* GETs path (must answer 200) and returns its CSRF token (malloc'd) or NULL. */
char *page_csrf(struct browser *b, const char *path);
/* GET /login, then POST /login with its token; returns the POST's response. */
struct response *login_attempt(struct browser *b, const char *name, const char *password);
/* Signs in with the demo password or fails the test. */
void sign_in(struct browser *b, const char *name);
/* As an admin browser: the id of the user with this login name, or -1. */
long find_user_id(struct browser *admin, const char *name);

/* ---- raw TCP ---- */

struct raw_result {
	int status;       /* status code of the first response line, 0 if none came */
	int closed;       /* the server closed or reset the connection */
	int timed_out;    /* neither a response head nor a close within the time */
	long ms;          /* until the head was complete, the close, or the timeout */
	char head[1024];  /* start of what came back, NUL-terminated */
};

/* Blocking TCP connection to 127.0.0.1:port (TCP_NODELAY), or -1. */
int tcp_connect(int port);
/* Sends len bytes while reading; stops at a complete response head, at the
 * close, or after timeout_ms.  Returns 0, or -1 if it could not connect. */
int raw_exchange(int port, const void *data, size_t len, int timeout_ms, struct raw_result *out);

/* Monotonic seconds. */
double mono_now(void);
void sleep_ms(long ms);


/* ---- the server's database file, read (and for fixtures written) directly
 * with SQLite, independently of daam's own code ---- */
#include <sqlite3.h>
extern sqlite3 *test_db;   /* opened by the test's setup on server->db */
/* Prepares sql and binds the arguments described by types ('i' a long long,
 * 't' a string) from *ap; types and ap may be NULL.  Fails the test on error. */
sqlite3_stmt *sql_vprep(const char *sql, const char *types, va_list *ap);
/* The first column of the first row as an integer (0 when there is no row). */
long long sql_int(const char *sql, const char *types, ...);
/* The first column of the first row as a malloc'd string ("" if none). */
char *sql_text(const char *sql, const char *types, ...);
/* Runs `daam ARGS...` (the binary under test); its stdout goes into out.
 * Returns the exit status (128 + signal when killed), or -1. */
int run_daam(char *out, size_t outsz, const char *const *args);
/* pdftotext (poppler-utils) of the PDF in body into out; 0 or -1. */
int pdf_to_text(const char *body, size_t len, char *out, size_t outsz);
/* s without spaces and bidi embedding marks, in place: pdftotext puts a
 * space after some letters that do not join the next (ر, إ) and marks
 * right-to-left runs; the letters and their order are what is checked. */
char *text_squeeze(char *s);
#endif

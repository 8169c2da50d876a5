/* harness — servers, browsers and raw sockets for the HTTP tests (see
 * harness.h).  Servers and the demo database live in one mkdtemp directory
 * per test binary; each server gets its own copy of the database so that
 * sessions, throttle counters and changes of one never leak into another. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <curl/curl.h>
#include "harness.h"
#include "core/banned.h"

#define MAX_SERVERS 16

static char tmp_dir[256];
static char bin_path[PATH_MAX];
static char template_db[512];
static struct server *servers[MAX_SERVERS];
static int nservers;
static int curl_ready;

/* Sanitizer builds: no leak report for the test binary itself.  A failed
 * assertion longjmps out of its test and leaves that test's buffers behind,
 * which would bury the real failure under leak traces.  The server under test
 * is another process and keeps its leak checking (a leak there makes its
 * exit status non-zero, which test_server_stops_cleanly reports). */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "detect_leaks=0";
}

double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

const char *harness_dir(void)
{
	return tmp_dir;
}

const char *daam_bin(void)
{
	return bin_path;
}

/* Prints a file to stdout (server logs when something went wrong). */
static void dump_file(const char *title, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	printf("---- %s (%s) ----\n", title, path);
	char line[1024];
	int n = 0;
	while (fgets(line, sizeof line, f) && n++ < 200)
		fputs(line, stdout);
	printf("---- end ----\n");
	fclose(f);
}

/* fork + exec with stdout and stderr sent to files; returns the child's pid. */
static pid_t spawn(const char *const *argv, const char *out_path, const char *err_path)
{
	fflush(stdout);
	fflush(stderr);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* a test binary that crashes must not leave a server behind */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(125);
	int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int err = open(err_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	int in = open("/dev/null", O_RDONLY);
	if (out < 0 || err < 0 || in < 0)
		_exit(126);
	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

/* Exit status of a waitpid status word: the code, or 128 + the signal. */
static int status_code(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = in >= 0 && out >= 0 ? 0 : -1;
	char buf[65536];
	ssize_t n;
	while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 || write(out, buf, (size_t)n) != n)
			rc = -1;
	}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0)
		rc = -1;
	return rc;
}

int harness_setup(void)
{
	if (tmp_dir[0])
		return 0;
	const char *env = getenv("DAAM_BIN");
	if (!realpath(env && *env ? env : "build/daam", bin_path)) {
		printf("harness: cannot find the daam binary (set DAAM_BIN): %s\n", strerror(errno));
		return -1;
	}
	const char *t = getenv("TMPDIR");
	snprintf(tmp_dir, sizeof tmp_dir, "%s/daam-http-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmp_dir)) {
		printf("harness: mkdtemp: %s\n", strerror(errno));
		tmp_dir[0] = 0;
		return -1;
	}
	snprintf(template_db, sizeof template_db, "%s/daam.db", tmp_dir);
	char out[600], err[600];
	snprintf(out, sizeof out, "%s/demo.out", tmp_dir);
	snprintf(err, sizeof err, "%s/demo.err", tmp_dir);
	const char *argv[] = { bin_path, "demo", "--db", template_db, NULL };
	pid_t pid = spawn(argv, out, err);
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || status_code(st) != 0) {
		printf("harness: `daam demo` failed (status %d)\n", pid < 0 ? -1 : status_code(st));
		dump_file("demo stderr", err);
		return -1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		printf("harness: curl_global_init failed\n");
		return -1;
	}
	curl_ready = 1;
	return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

void harness_teardown(void)
{
	for (int i = 0; i < nservers; i++) {
		if (servers[i]->pid > 0)
			server_stop(servers[i]);
		free(servers[i]);
	}
	nservers = 0;
	/* DAAM_TEST_KEEP=1 keeps the databases and the servers' logs to look at */
	const char *keep = getenv("DAAM_TEST_KEEP");
	if (tmp_dir[0] && !(keep && *keep == '1'))
		nftw(tmp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	else if (tmp_dir[0])
		printf("harness: kept %s\n", tmp_dir);
	tmp_dir[0] = 0;
	if (curl_ready)
		curl_global_cleanup();
	curl_ready = 0;
}

/* Reads the port from "daam: listening on http://127.0.0.1:PORT/". */
static int read_port(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[256];
	int port = 0;
	while (!port && fgets(line, sizeof line, f)) {
		const char *p = strstr(line, "listening on http://127.0.0.1:");
		if (p && strchr(line, '\n')) {
			char *end;
			long v = strtol(p + strlen("listening on http://127.0.0.1:"), &end, 10);
			if (*end == '/' && v > 0 && v < 65536)
				port = (int)v;
		}
	}
	fclose(f);
	return port;
}

struct server *server_start(const char *const *extra_args)
{
	if (!tmp_dir[0] || nservers == MAX_SERVERS)
		return NULL;
	struct server *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	int n = nservers;
	snprintf(s->db, sizeof s->db, "%s/server%d.db", tmp_dir, n);
	snprintf(s->out_path, sizeof s->out_path, "%s/server%d.out", tmp_dir, n);
	snprintf(s->err_path, sizeof s->err_path, "%s/server%d.err", tmp_dir, n);
	char wal[600], wal_copy[600];
	snprintf(wal, sizeof wal, "%s-wal", template_db);
	snprintf(wal_copy, sizeof wal_copy, "%s-wal", s->db);
	if (copy_file(template_db, s->db) < 0 || (access(wal, F_OK) == 0 && copy_file(wal, wal_copy) < 0)) {
		printf("harness: cannot copy the demo database: %s\n", strerror(errno));
		free(s);
		return NULL;
	}
	const char *argv[32] = { bin_path, "serve", "--db", s->db, "--listen", "127.0.0.1:0", "--quiet" };
	int argc = 7;
	for (int i = 0; extra_args && extra_args[i] && argc < 31; i++)
		argv[argc++] = extra_args[i];
	argv[argc] = NULL;
	s->pid = spawn(argv, s->out_path, s->err_path);
	if (s->pid < 0) {
		free(s);
		return NULL;
	}
	servers[nservers++] = s;
	/* sanitizer builds start slowly: allow 20 s */
	double give_up = mono_now() + 20;
	while (!(s->port = read_port(s->out_path))) {
		int st;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			s->pid = 0;
			s->exit_status = status_code(st);
			printf("harness: the server exited at start (status %d)\n", s->exit_status);
			dump_file("server stderr", s->err_path);
			return NULL;
		}
		if (mono_now() > give_up) {
			printf("harness: the server did not print its port within 20 s\n");
			server_stop(s);
			return NULL;
		}
		sleep_ms(10);
	}
	return s;
}

int server_stop(struct server *s)
{
	if (!s || s->pid <= 0)
		return s ? s->exit_status : -1;
	kill(s->pid, SIGTERM);
	double give_up = mono_now() + 15;
	int st = 0, killed = 0;
	for (;;) {
		pid_t w = waitpid(s->pid, &st, WNOHANG);
		if (w == s->pid || (w < 0 && errno != EINTR))
			break;
		if (!killed && mono_now() > give_up) {
			printf("harness: the server did not stop within 15 s of SIGTERM; killing it\n");
			kill(s->pid, SIGKILL);
			killed = 1;
		}
		sleep_ms(10);
	}
	s->pid = 0;
	s->exit_status = killed ? 128 + SIGKILL : status_code(st);
	if (s->exit_status != 0)
		dump_file("server stderr", s->err_path);
	return s->exit_status;
}

int group_setup(void **state)
{
	if (harness_setup() < 0)
		return -1;
	struct server *s = server_start(NULL);
	if (!s)
		return -1;
	*state = s;
	return 0;
}

int group_teardown(void **state)
{
	harness_teardown();
	return 0;
}

/* ---- growable byte buffer ---- */

struct buf {
	char *p;
	size_t len, cap;
};

static int buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = 0;
	return 0;
}

static int buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

/* ---- browser ---- */

void browser_init(struct browser *b, const struct server *s)
{
	memset(b, 0, sizeof *b);
	b->srv = s;
}

void browser_free(struct browser *b)
{
	for (int i = 0; i < b->ncookies; i++)
		free(b->cookies[i].value);
	b->ncookies = 0;
	if (b->curl)
		curl_easy_cleanup(b->curl);
	b->curl = NULL;
}

const char *browser_cookie(const struct browser *b, const char *name)
{
	for (int i = 0; i < b->ncookies; i++)
		if (strcmp(b->cookies[i].name, name) == 0)
			return b->cookies[i].value;
	return NULL;
}

void browser_set_cookie(struct browser *b, const char *name, const char *value)
{
	int i;
	for (i = 0; i < b->ncookies; i++)
		if (strcmp(b->cookies[i].name, name) == 0)
			break;
	if (i < b->ncookies) {
		free(b->cookies[i].value);
		if (!value) {
			b->cookies[i] = b->cookies[--b->ncookies];
			return;
		}
	} else {
		if (!value || b->ncookies == MAX_COOKIES || strlen(name) >= sizeof b->cookies[0].name)
			return;
		snprintf(b->cookies[i].name, sizeof b->cookies[i].name, "%s", name);
		b->ncookies++;
	}
	b->cookies[i].value = strdup(value);
}

/* Applies one Set-Cookie value: an empty value or Max-Age=0 removes it. */
static void jar_apply(struct browser *b, const char *set_cookie)
{
	const char *eq = strchr(set_cookie, '=');
	if (!eq || eq == set_cookie)
		return;
	size_t nlen = (size_t)(eq - set_cookie);
	const char *semi = strchr(eq, ';');
	size_t vlen = semi ? (size_t)(semi - eq - 1) : strlen(eq + 1);
	char name[64], *value = strndup(eq + 1, vlen);
	if (!value || nlen >= sizeof name) {
		free(value);
		return;
	}
	memcpy(name, set_cookie, nlen);
	name[nlen] = 0;
	const char *age = semi ? strcasestr(semi, "Max-Age=") : NULL;
	int gone = vlen == 0 || (age && strtol(age + 8, NULL, 10) <= 0);
	browser_set_cookie(b, name, gone ? NULL : value);
	free(value);
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	return buf_add(arg, data, size * n) == 0 ? size * n : 0;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	return buf_add(arg, data, size * n) == 0 ? size * n : 0;
}

/* Splits the last header block into name/value pairs (in place, a copy). */
static void parse_headers(struct response *r, const char *raw)
{
	const char *start = raw, *p;
	/* keep only the last block (after a 100 Continue, for example) */
	for (p = raw; (p = strstr(p, "HTTP/")); p++)
		if (p == raw || p[-1] == '\n')
			start = p;
	r->head = strdup(start);
	if (!r->head)
		return;
	char *line = strchr(r->head, '\n');
	while (line && r->nheaders < MAX_RESP_HEADERS) {
		line++;
		char *end = strchr(line, '\n');
		if (!end)
			break;
		char *colon = memchr(line, ':', (size_t)(end - line));
		char *next = end;
		if (end > line && end[-1] == '\r')
			end--;
		if (colon) {
			*colon = 0;
			*end = 0;
			char *v = colon + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			r->hname[r->nheaders] = line;
			r->hvalue[r->nheaders++] = v;
		}
		line = next;
	}
}

struct response *http_request(struct browser *b, const char *method, const char *path,
			      const char *body, size_t body_len, const char *const *headers)
{
	struct response *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	if (!b->curl)
		b->curl = curl_easy_init();
	CURL *c = b->curl;
	if (!c) {
		r->curl_code = CURLE_FAILED_INIT;
		r->body = strdup("");
		r->head = strdup("");
		return r;
	}
	curl_easy_reset(c);
	char url[2300];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", b->srv->port, path);
	struct buf hb = { 0 }, bb = { 0 }, cookie = { 0 };
	struct curl_slist *list = NULL;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, b->timeout_ms > 0 ? b->timeout_ms : 15000L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &bb);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hb);
	if (b->gzip)
		curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
	} else {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
		if (body) {
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		}
	}
	list = curl_slist_append(list, "Expect:");
	if (b->accept_language) {
		char al[128];
		snprintf(al, sizeof al, "Accept-Language: %s", b->accept_language);
		list = curl_slist_append(list, al);
	}
	if (b->ncookies) {
		buf_adds(&cookie, "Cookie: ");
		for (int i = 0; i < b->ncookies; i++) {
			if (i)
				buf_adds(&cookie, "; ");
			buf_adds(&cookie, b->cookies[i].name);
			buf_adds(&cookie, "=");
			buf_adds(&cookie, b->cookies[i].value);
		}
		list = curl_slist_append(list, cookie.p);
	}
	for (int i = 0; headers && headers[i]; i++)
		list = curl_slist_append(list, headers[i]);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);

	double t0 = mono_now();
	r->curl_code = curl_easy_perform(c);
	r->seconds = mono_now() - t0;
	curl_slist_free_all(list);
	free(cookie.p);
	if (r->curl_code == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	parse_headers(r, hb.p ? hb.p : "");
	free(hb.p);
	r->body = bb.p ? bb.p : strdup("");
	r->body_len = bb.len;
	for (int i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->hname[i], "Set-Cookie") == 0)
			jar_apply(b, r->hvalue[i]);
	return r;
}

struct response *http_get(struct browser *b, const char *path)
{
	return http_request(b, "GET", path, NULL, 0, NULL);
}

struct response *http_post_form(struct browser *b, const char *path, ...)
{
	va_list ap;
	va_start(ap, path);
	const char *first = va_arg(ap, const char *);
	char *body = form_vencode(first, ap);
	va_end(ap);
	static const char *const ct[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	struct response *r = http_request(b, "POST", path, body ? body : "", body ? strlen(body) : 0, ct);
	free(body);
	return r;
}

void response_free(struct response *r)
{
	if (!r)
		return;
	free(r->head);
	free(r->body);
	free(r);
}

const char *resp_header(const struct response *r, const char *name)
{
	for (int i = 0; r && i < r->nheaders; i++)
		if (strcasecmp(r->hname[i], name) == 0)
			return r->hvalue[i];
	return NULL;
}

const char *resp_set_cookie(const struct response *r, const char *cookie)
{
	size_t n = strlen(cookie);
	for (int i = 0; r && i < r->nheaders; i++)
		if (strcasecmp(r->hname[i], "Set-Cookie") == 0 && strncmp(r->hvalue[i], cookie, n) == 0 &&
		    r->hvalue[i][n] == '=')
			return r->hvalue[i];
	return NULL;
}

int resp_contains(const struct response *r, const char *needle)
{
	return r && r->body && strstr(r->body, needle) != NULL;
}

static void buf_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_add(b, p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			buf_add(b, e, 3);
		}
	}
}

char *form_vencode(const char *first_name, va_list ap)
{
	struct buf b = { 0 };
	buf_adds(&b, "");
	for (const char *name = first_name; name; name = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);
		if (b.len)
			buf_adds(&b, "&");
		buf_escape(&b, name);
		buf_adds(&b, "=");
		buf_escape(&b, value ? value : "");
	}
	return b.p;
}

char *form_encode(const char *first_name, ...)
{
	va_list ap;
	va_start(ap, first_name);
	char *s = form_vencode(first_name, ap);
	va_end(ap);
	return s;
}

char *html_csrf(const char *html)
{
	static const char marker[] = "name=\"csrf\" value=\"";
	const char *p = html ? strstr(html, marker) : NULL;
	if (!p)
		return NULL;
	p += strlen(marker);
	const char *end = strchr(p, '"');
	return end && end > p ? strndup(p, (size_t)(end - p)) : NULL;
}

char *page_csrf(struct browser *b, const char *path)
{
	struct response *r = http_get(b, path);
	char *t = r && r->status == 200 ? html_csrf(r->body) : NULL;
	response_free(r);
	return t;
}

struct response *login_attempt(struct browser *b, const char *name, const char *password)
{
	char *csrf = page_csrf(b, "/login");
	struct response *r = http_post_form(b, "/login", "csrf", csrf ? csrf : "", "name", name,
					    "password", password, "next", "/", NULL);
	free(csrf);
	return r;
}

void sign_in(struct browser *b, const char *name)
{
	struct response *r = login_attempt(b, name, DEMO_PASSWORD);
	long status = r ? r->status : 0;
	int has_sid = r && resp_set_cookie(r, "sid") != NULL;
	response_free(r);
	if (status != 303 || !has_sid)
		fail_msg("signing in as %s: status %ld, sid cookie %s", name, status, has_sid ? "set" : "missing");
}

long find_user_id(struct browser *admin, const char *name)
{
	struct response *r = http_get(admin, "/admin/users");
	long id = -1;
	if (r && r->status == 200) {
		char tail[96];
		/* the list's main link: <a href="/admin/users/ID"><bdi>NAME</bdi></a> */
		snprintf(tail, sizeof tail, "\"><bdi>%s</bdi></a>", name);
		const char *p = strstr(r->body, tail);
		if (p) {
			const char *q = p;
			while (q > r->body && q[-1] >= '0' && q[-1] <= '9')
				q--;
			if (q < p && q - r->body >= 13 && strncmp(q - 13, "/admin/users/", 13) == 0)
				id = strtol(q, NULL, 10);
		}
	}
	response_free(r);
	return id;
}

/* ---- raw TCP ---- */

int tcp_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}

int raw_exchange(int port, const void *data, size_t len, int timeout_ms, struct raw_result *out)
{
	memset(out, 0, sizeof *out);
	int fd = tcp_connect(port);
	if (fd < 0)
		return -1;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	const char *p = data;
	size_t sent = 0, got = 0;
	int can_send = 1;
	double t0 = mono_now(), deadline = t0 + timeout_ms / 1000.0;
	for (;;) {
		double left = deadline - mono_now();
		if (left <= 0) {
			out->timed_out = 1;
			break;
		}
		struct pollfd pfd = { fd, POLLIN | (can_send && sent < len ? POLLOUT : 0), 0 };
		int n = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (pfd.revents & POLLIN || pfd.revents & (POLLHUP | POLLERR)) {
			ssize_t k = recv(fd, out->head + got, sizeof out->head - 1 - got, 0);
			if (k > 0) {
				got += (size_t)k;
				out->head[got] = 0;
				if (strstr(out->head, "\r\n\r\n") || got == sizeof out->head - 1)
					break;
			} else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
				out->closed = 1;
				break;
			}
		}
		if (can_send && sent < len && (pfd.revents & POLLOUT)) {
			ssize_t k = send(fd, p + sent, len - sent, MSG_NOSIGNAL);
			if (k > 0)
				sent += (size_t)k;
			else if (k < 0 && errno != EAGAIN && errno != EINTR)
				can_send = 0; /* reset by the server: read what it said */
		}
	}
	out->ms = (long)((mono_now() - t0) * 1000);
	if (strncmp(out->head, "HTTP/1.", 7) == 0 && strlen(out->head) >= 12)
		out->status = (int)strtol(out->head + 9, NULL, 10);
	close(fd);
	return 0;
}

/* ---- direct SQLite access to the server's database ---- */

sqlite3 *test_db;

sqlite3_stmt *sql_vprep(const char *sql, const char *types, va_list *ap)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(test_db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("sql: %s\n%s", sqlite3_errmsg(test_db), sql);
	for (int i = 0; types && types[i]; i++) {
		if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(*ap, long long));
		else
			sqlite3_bind_text(st, i + 1, va_arg(*ap, const char *), -1, SQLITE_TRANSIENT);
	}
	return st;
}

long long sql_int(const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = sql_vprep(sql, types, &ap);
	va_end(ap);
	int rc = sqlite3_step(st);
	long long v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail_msg("sql step: %s\n%s", sqlite3_errmsg(test_db), sql);
	sqlite3_finalize(st);
	return v;
}

char *sql_text(const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = sql_vprep(sql, types, &ap);
	va_end(ap);
	char *s = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s ? s : strdup("");
}

/* Runs `daam ARGS...`; its stdout goes into out.  Returns the exit status. */
int run_daam(char *out, size_t outsz, const char *const *args)
{
	int pfd[2];
	if (pipe(pfd) < 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		const char *argv[32] = { daam_bin() };
		int n = 1;
		for (int i = 0; args[i] && n < 31; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	size_t got = 0;
	ssize_t k;
	while (got + 1 < outsz && (k = read(pfd[0], out + got, outsz - 1 - got)) > 0)
		got += (size_t)k;
	out[got] = 0;
	/* read the rest too, so a talkative command never dies of SIGPIPE */
	char drain[4096];
	while (read(pfd[0], drain, sizeof drain) > 0)
		;
	close(pfd[0]);
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void url_escape(const char *s, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < n; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.') {
			out[k++] = (char)*p;
		} else {
			out[k++] = '%';
			out[k++] = hex[*p >> 4];
			out[k++] = hex[*p & 15];
		}
	}
	out[k] = 0;
}

/* POST of csrf plus the name/value pairs of kv (NULL-terminated) plus one
 * more pair (extra_name may be NULL). */
struct response *post_kv(struct browser *b, const char *path, const char *csrf, const char *const *kv,
			 const char *extra_name, const char *extra_value)
{
	char *body = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);
	assert_non_null(f);
	char esc[1024];
	url_escape(csrf ? csrf : "", esc, sizeof esc);
	fprintf(f, "csrf=%s", esc);
	for (int i = 0; kv && kv[i]; i += 2) {
		url_escape(kv[i + 1], esc, sizeof esc);
		fprintf(f, "&%s=%s", kv[i], esc);
	}
	if (extra_name) {
		url_escape(extra_value, esc, sizeof esc);
		fprintf(f, "&%s=%s", extra_name, esc);
	}
	fclose(f);
	static const char *const ct[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	struct response *r = http_request(b, "POST", path, body, len, ct);
	free(body);
	assert_non_null(r);
	return r;
}

int daam_routes(struct route_line *out, int max)
{
	static char text[65536];
	const char *args[] = { "routes", NULL };
	if (run_daam(text, sizeof text, args) != 0)
		fail_msg("daam routes failed");
	char *save = NULL;
	int n = 0;
	for (char *line = strtok_r(text, "\n", &save); line && n < max; line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = { 0 };
		int k = 0;
		for (char *p = line; k < 6; k++) {
			f[k] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = 0;
			p = tab + 1;
		}
		if (k < 4)
			fail_msg("daam routes: cannot read the line \"%s\"", line);
		struct route_line *d = &out[n++];
		memset(d, 0, sizeof *d);
		snprintf(d->method, sizeof d->method, "%s", f[0]);
		snprintf(d->pattern, sizeof d->pattern, "%s", f[1]);
		d->perm = strtoull(f[2], NULL, 16);
		snprintf(d->flags, sizeof d->flags, "%s", f[3]);
		snprintf(d->module, sizeof d->module, "%s", f[4]);
	}
	return n;
}

int group_setup_db(void **state)
{
	if (group_setup(state) < 0)
		return -1;
	const struct server *s = *state;
	if (sqlite3_open_v2(s->db, &test_db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(test_db, 10000);
	return 0;
}

void harness_use_probe(void)
{
	char probe[4096];
	const char *bin = getenv("DAAM_BIN");
	snprintf(probe, sizeof probe, "%s", bin && *bin ? bin : "build/daam");
	char *slash = strrchr(probe, '/');
	snprintf(slash ? slash + 1 : probe, sizeof probe - (size_t)(slash ? slash + 1 - probe : 0), "daam-probe");
	setenv("DAAM_BIN", probe, 1);
}

/* ---- PDFs ---- */

int pdf_to_text(const char *body, size_t len, char *out, size_t outsz)
{
	char pdf[600], cmd[1400];
	snprintf(pdf, sizeof pdf, "%s/doc.pdf", harness_dir());
	FILE *f = fopen(pdf, "wb");
	if (!f || fwrite(body, 1, len, f) != len) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", pdf);
	FILE *pp = popen(cmd, "r");
	if (!pp)
		return -1;
	size_t n = fread(out, 1, outsz - 1, pp);
	out[n] = 0;
	return pclose(pp) == 0 ? 0 : -1;
}

char *text_squeeze(char *s)
{
	char *o = s;
	for (char *i = s; *i;) {
		if (*i == ' ') {
			i++;
			continue;
		}
		if ((unsigned char)i[0] == 0xe2 && (unsigned char)i[1] == 0x80
		    && ((unsigned char)i[2] == 0xab || (unsigned char)i[2] == 0xac)) {
			i += 3;
			continue;
		}
		*o++ = *i++;
	}
	*o = 0;
	return s;
}

/*
 * fuzz_uri — libFuzzer target for the request path as daam handles it in
 * src/http/dispatch.c run(): evhttp_uri_parse_with_flags on the request
 * target, the path length check, evhttp_uridecode, the NUL check, the
 * query through evhttp_parse_query_str, router_match against the real
 * route table and router_validate of path and query parameters.  Feeding
 * whole HTTP requests through evhttp would need a socket per input; this
 * covers daam's own code on the same values evhttp hands over.
 *
 * Input: one flags byte (bit 0: POST instead of GET; bit 1: libevent's
 * EVHTTP_URI_NONCONFORMANT as evhttp uses for requests), then the request
 * target up to the first NUL.  Also checked: the status is one daam can
 * answer, a matched route has the request's method, and the /login?next=
 * redirect's url_encode of the path decodes back to the path.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include "http/router.h"
#include "http/request.h"
#include "html/html.h"
#include "core/limits.h"
#include "core/i18n.h"


int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	i18n_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 16384)
		return 0;
	int method = (data[0] & 1) ? M_POST : M_GET;
	int flags = (data[0] & 2) ? EVHTTP_URI_NONCONFORMANT : 0;
	char *target = malloc(size);
	if (!target)
		return 0;
	memcpy(target, data + 1, size - 1);
	target[size - 1] = 0;

	struct evhttp_uri *uri = evhttp_uri_parse_with_flags(target, flags);
	if (!uri)
		goto out;
	const char *raw_path = evhttp_uri_get_path(uri);
	if (!raw_path || !*raw_path || strlen(raw_path) > LIMIT_PATH_BYTES)
		goto out;
	size_t plen = 0;
	char *path = evhttp_uridecode(raw_path, 0, &plen);
	if (!path)
		goto out;
	if (strlen(path) != plen) {
		free(path);
		goto out;
	}

	struct req *r = calloc(1, sizeof *r);
	if (!r) {
		free(path);
		goto out;
	}
	arena_init(&r->arena, 1 << 20);
	r->path = arena_strndup(&r->arena, path, plen);
	free(path);
	struct evkeyvalq query;
	TAILQ_INIT(&query);
	const char *q = evhttp_uri_get_query(uri);
	if (q && evhttp_parse_query_str(q, &query) < 0)
		goto done;
	r->query = &query;

	int status = 0;
	r->method = method;
	r->route = router_match(r, method, r->path, &status);
	if (!r->route) {
		if (status != 404 && status != 405)
			abort();
	} else {
		if (r->route->method != method)
			abort();
		if (r->npath_args < 0 || r->npath_args > REQ_MAX_PATH_ARGS)
			abort();
		for (int i = 0; i < r->npath_args; i++)
			if (!r->path_args[i][0] || strchr(r->path_args[i], '/'))
				abort(); /* a capture is one non-empty segment */
		int st = router_validate(r);
		if (st != 0 && st != 400 && st != 404)
			abort();
	}

	/* the redirect to the sign-in page carries the path url-encoded */
	struct strbuf loc = STRBUF_INIT;
	url_encode(&loc, r->path);
	if (strspn(sb_str(&loc), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%") != loc.len)
		abort();
	size_t dlen = 0;
	char *back = evhttp_uridecode(sb_str(&loc), 1, &dlen);
	if (!back || dlen != strlen(r->path) || memcmp(back, r->path, dlen) != 0)
		abort();
	free(back);
	sb_release(&loc);
done:
	evhttp_clear_headers(&query);
	arena_free_all(&r->arena);
	free(r);
out:
	if (uri)
		evhttp_uri_free(uri);
	free(target);
	return 0;
}

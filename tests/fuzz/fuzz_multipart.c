/*
 * fuzz_multipart — libFuzzer target for the multipart/form-data parser
 * (src/http/multipart.c) that reads file uploads.
 *
 * Input: a Content-Type value on the first line (up to the first '\n'),
 * then the body.  The boundary is taken from the Content-Type as the
 * dispatcher does; when there is none, "XyZ" is used so that bodies are
 * parsed anyway.  Besides memory errors and undefined behaviour, the target
 * checks what the parser promises: every part lies inside the body, within
 * its limit, with a NUL-terminated name, and no more parts than asked for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/multipart.h"
#include "core/arena.h"

#define MAX_PARTS 6

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	size_t ctlen = nl ? (size_t)(nl - in) : 0;
	if (ctlen > 256)
		ctlen = 256;
	char ct[257];
	memcpy(ct, in, ctlen);
	ct[ctlen] = 0;
	const char *body = nl ? nl + 1 : in;
	size_t len = size - (size_t)(body - in);

	char boundary[MP_BOUNDARY_MAX + 1];
	int bl = multipart_boundary(ct, boundary, sizeof boundary);
	if (bl >= 0 && (bl < 1 || bl > MP_BOUNDARY_MAX || strlen(boundary) != (size_t)bl))
		abort();
	if (bl < 0)
		memcpy(boundary, "XyZ", 4);

	/* the body in its own allocation, so reads past it are caught */
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return 0;
	memcpy(copy, body, len);
	struct mp_limits lim = { 512, 1024, 8192 };
	struct arena a;
	arena_init(&a, 1 << 20);
	struct mp_part parts[MAX_PARTS];
	int n = -1;
	int rc = multipart_parse(copy, len, boundary, &lim, &a, parts, MAX_PARTS, &n);
	if (rc > 0 || rc < MP_ENOMEM || n < 0 || n > MAX_PARTS)
		abort();
	for (int i = 0; i < n; i++) {
		const struct mp_part *p = &parts[i];
		if (!p->name || p->data < copy || p->data + p->len > copy + len)
			abort();
		if (p->len > (p->filename ? lim.max_file : lim.max_field))
			abort();
		(void)strlen(p->name);
		if (p->filename)
			(void)strlen(p->filename);
		if (p->content_type)
			(void)strlen(p->content_type);
	}
	(void)multipart_strerror(rc);
	arena_free_all(&a);
	free(copy);
	return 0;
}

/* assets — hashed names and pre-compressed copies of embedded assets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <sodium.h>
#include "http/assets.h"
#include "http/request.h"
#include "embedded.h"
#include "core/banned.h"

#define MAX_ASSETS 32

struct asset {
	const char *name;      /* "app.css" */
	char url[96];          /* "/assets/app.0123456789.css" */
	const unsigned char *data;
	size_t len;
	void *gz;
	size_t gz_len;
	const char *type;
};

static struct asset assets[MAX_ASSETS];
static int nassets;

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot) return "application/octet-stream";
	if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg")) return "image/svg+xml";
	if (!strcmp(dot, ".png")) return "image/png";
	if (!strcmp(dot, ".ico")) return "image/x-icon";
	return "application/octet-stream";
}

int assets_init(void)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(12);
	if (!c)
		return -1;
	for (size_t i = 0; i < embedded_count && nassets < MAX_ASSETS; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (strncmp(f->name, "assets/", 7) != 0)
			continue;
		struct asset *a = &assets[nassets++];
		a->name = f->name + 7;
		a->data = f->data;
		a->len = f->size;
		a->type = type_of(a->name);
		unsigned char h[8];
		crypto_generichash(h, sizeof h, f->data, f->size, NULL, 0);
		char hex[17];
		sodium_bin2hex(hex, sizeof hex, h, 5);
		const char *dot = strrchr(a->name, '.');
		int stem = dot ? (int)(dot - a->name) : (int)strlen(a->name);
		snprintf(a->url, sizeof a->url, "/assets/%.*s.%s%s", stem, a->name, hex, dot ? dot : "");
		if (strncmp(a->type, "text/", 5) == 0 || strstr(a->type, "svg")) {
			size_t bound = libdeflate_gzip_compress_bound(c, a->len);
			a->gz = malloc(bound);
			a->gz_len = a->gz ? libdeflate_gzip_compress(c, a->data, a->len, a->gz, bound) : 0;
		}
	}
	libdeflate_free_compressor(c);
	return 0;
}

const char *asset_url(const char *name)
{
	for (int i = 0; i < nassets; i++)
		if (strcmp(assets[i].name, name) == 0)
			return assets[i].url;
	return "/assets/missing";
}

void asset_serve(struct req *r)
{
	for (int i = 0; i < nassets; i++) {
		if (strcmp(assets[i].url, r->path) == 0) {
			r->asset = assets[i].data;
			r->asset_len = assets[i].len;
			r->asset_gz = assets[i].gz_len ? assets[i].gz : NULL;
			r->asset_gz_len = assets[i].gz_len;
			r->content_type = assets[i].type;
			return;
		}
	}
	req_error(r, 404);
}

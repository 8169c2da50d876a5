/*
 * fuzz_backup_reader — libFuzzer target for the reader of encrypted backups
 * (src/db/backup_file.c): the header parser and the chunk reader, which see
 * every byte of a file that came on a USB stick.
 *
 * Input: the bytes of a backup file.  A header that asks for cheap argon2id
 * (1 pass, at most 64 KiB) has its key derived from the passphrase the
 * seeds were made with ("fuzz passphrase"), so mutations of valid files
 * reach the chunks with the right key; any other parsed header is read
 * with a zero key (every chunk then fails its check, as with a wrong
 * passphrase).  Besides memory errors the target checks that the status is
 * a known one, that a file read as whole never yields more bytes than it
 * holds, and that reading is deterministic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/backup_file.h"

static const char PASS[] = "fuzz passphrase";

/* Reads the chunks of data (past the header) with key; the status, the
 * plaintext length in *out_len. */
static int read_chunks(const uint8_t *data, size_t size, const struct backup_header *h, const unsigned char *key,
		       size_t *out_len)
{
	char *plain = NULL;
	size_t plen = 0;
	FILE *out = open_memstream(&plain, &plen);
	size_t rest = size - BACKUP_HEADER_BYTES;
	FILE *in = rest ? fmemopen((void *)(data + BACKUP_HEADER_BYTES), rest, "rb") : fopen("/dev/null", "rb");
	if (!out || !in)
		abort();
	int rc = backup_decrypt_chunks(in, out, h, key);
	fclose(in);
	fclose(out);
	free(plain);
	*out_len = plen;
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		if (sodium_init() < 0)
			abort();
		ready = 1;
	}
	struct backup_header h;
	int rc = backup_header_parse(data, size, &h);
	if (rc != BACKUP_OK) {
		if (rc != BACKUP_ERR_FORMAT && rc != BACKUP_ERR_VERSION && rc != BACKUP_ERR_HEADER)
			abort();
		if (rc != BACKUP_ERR_FORMAT && !backup_is_encrypted(data, size))
			abort();
		return 0;
	}
	if (h.chunk == 0 || h.chunk > BACKUP_CHUNK_MAX || h.memlimit > BACKUP_MEMLIMIT_MAX ||
	    h.opslimit > BACKUP_OPSLIMIT_MAX)
		abort();
	unsigned char key[BACKUP_KEY_BYTES] = { 0 };
	if (h.opslimit == 1 && h.memlimit <= 64 * 1024) {
		int k = backup_key(PASS, &h, key);
		if (k != BACKUP_OK && k != BACKUP_ERR_PASSPHRASE)
			abort();
		if (k != BACKUP_OK)
			memset(key, 0, sizeof key);
	}
	size_t n1, n2;
	int r1 = read_chunks(data, size, &h, key, &n1);
	int r2 = read_chunks(data, size, &h, key, &n2);
	if (r1 != r2 || n1 != n2)
		abort();
	if (r1 != BACKUP_OK && r1 != BACKUP_ERR_DAMAGED && r1 != BACKUP_ERR_TRUNCATED && r1 != BACKUP_ERR_TRAILING)
		abort();
	if (r1 == BACKUP_OK && n1 > size)
		abort();
	return 0;
}

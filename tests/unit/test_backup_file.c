/*
 * Unit tests for src/db/backup_file.c, the encrypted backup format: a round
 * trip (empty, one byte, exact chunk multiples, several chunks, random
 * bytes), a wrong passphrase, a byte flipped in every field of the header
 * and in a chunk, a truncated file at every kind of boundary, bytes after
 * the end, chunks swapped, another file format, a header asking for too
 * much memory, the same passphrase in two Unicode forms, a full disk.  The key
 * derivation uses small argon2id parameters (1 pass, 8 MiB) to stay quick;
 * the reader takes them from the header as it does daam's defaults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/backup_file.h"

static const struct backup_kdf quick = { 1, 8u * 1024 * 1024, 1024 };
static const char PASS[] = "olive trees by the Euphrates";

static int setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

struct buf {
	char *data;
	size_t len;
};

/* The backup of the n bytes of plain, in memory. */
static struct buf encrypt_mem(const void *plain, size_t n, const char *pass, const struct backup_kdf *kdf)
{
	struct buf b = { NULL, 0 };
	FILE *in = fmemopen((void *)(n ? plain : "x"), n ? n : 1, "rb");
	if (!n)
		fgetc(in); /* an empty stream */
	FILE *out = open_memstream(&b.data, &b.len);
	assert_non_null(in);
	assert_non_null(out);
	assert_int_equal(backup_encrypt(in, out, pass, kdf), BACKUP_OK);
	fclose(in);
	fclose(out);
	return b;
}

/* Decrypts len bytes of data; the plaintext (malloc'd) in *plain. */
static int decrypt_mem(const void *data, size_t len, const char *pass, struct buf *plain)
{
	struct buf p = { NULL, 0 };
	FILE *in = len ? fmemopen((void *)data, len, "rb") : fopen("/dev/null", "rb");
	FILE *out = open_memstream(&p.data, &p.len);
	assert_non_null(in);
	assert_non_null(out);
	int rc = backup_decrypt(in, out, pass);
	fclose(in);
	fclose(out);
	if (plain)
		*plain = p;
	else
		free(p.data);
	return rc;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)(seed >> 16);
	}
}

static void round_trip(size_t n)
{
	unsigned char *plain = malloc(n + 1);
	fill(plain, n, (unsigned)n);
	struct buf b = encrypt_mem(plain, n, PASS, &quick);
	/* header + per chunk (4 + 17) + the plaintext; an exact multiple of the
	 * chunk size ends with a full chunk, an empty file is one empty chunk */
	size_t chunks = n ? (n + quick.chunk - 1) / quick.chunk : 1;
	assert_int_equal(b.len, BACKUP_HEADER_BYTES + chunks * (4 + crypto_secretstream_xchacha20poly1305_ABYTES) + n);
	assert_true(backup_is_encrypted(b.data, b.len));
	if (n >= 64)
		assert_null(memmem(b.data, b.len, plain, 64)); /* no plaintext shows through */
	struct buf got;
	assert_int_equal(decrypt_mem(b.data, b.len, PASS, &got), BACKUP_OK);
	assert_int_equal(got.len, n);
	if (n)
		assert_memory_equal(got.data, plain, n);
	free(got.data);
	free(b.data);
	free(plain);
}

static void test_round_trip(void **state)
{
	(void)state;
	static const size_t sizes[] = { 0, 1, 1023, 1024, 1025, 2048, 5000, 70000 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		round_trip(sizes[i]);
}

/* The header holds what the writer used, and the reader uses it. */
static void test_header_fields(void **state)
{
	(void)state;
	struct buf b = encrypt_mem("abc", 3, PASS, &quick);
	struct backup_header h;
	assert_int_equal(backup_header_parse(b.data, b.len, &h), BACKUP_OK);
	assert_int_equal(h.version, BACKUP_VERSION);
	assert_int_equal(h.opslimit, quick.opslimit);
	assert_int_equal(h.memlimit, quick.memlimit);
	assert_int_equal(h.chunk, quick.chunk);
	/* two backups of the same data differ (salt, stream header) */
	struct buf c = encrypt_mem("abc", 3, PASS, &quick);
	assert_int_equal(b.len, c.len);
	assert_memory_not_equal(b.data + 28, c.data + 28, 16);
	assert_memory_not_equal(b.data + BACKUP_HEADER_BYTES, c.data + BACKUP_HEADER_BYTES, b.len - BACKUP_HEADER_BYTES);
	/* daam's own defaults are within what a reader accepts */
	assert_true(backup_kdf_default.memlimit <= BACKUP_MEMLIMIT_MAX);
	assert_true(backup_kdf_default.opslimit <= BACKUP_OPSLIMIT_MAX);
	assert_true(backup_kdf_default.chunk <= BACKUP_CHUNK_MAX);
	free(b.data);
	free(c.data);
}

static void test_wrong_passphrase(void **state)
{
	(void)state;
	struct buf b = encrypt_mem("secret rows", 11, PASS, &quick);
	struct buf got;
	assert_int_equal(decrypt_mem(b.data, b.len, "olive trees by the Euphrates.", &got), BACKUP_ERR_PASSPHRASE);
	assert_int_equal(got.len, 0); /* nothing written */
	free(got.data);
	assert_int_equal(decrypt_mem(b.data, b.len, "", NULL), BACKUP_ERR_PASSPHRASE);
	assert_int_equal(decrypt_mem(b.data, b.len, "\xff\xfe", NULL), BACKUP_ERR_TEXT);
	free(b.data);
}

/* "é" precomposed or as e + combining accent: the same key. */
static void test_unicode_forms(void **state)
{
	(void)state;
	struct buf b = encrypt_mem("data", 4, "caf\xc3\xa9 on the river bank", &quick);
	assert_int_equal(decrypt_mem(b.data, b.len, "cafe\xcc\x81 on the river bank", NULL), BACKUP_OK);
	free(b.data);
}

/* Every byte of the header flipped: refused, never "ok". */
static void test_flipped_header_byte(void **state)
{
	(void)state;
	struct buf b = encrypt_mem("a few rows of a database", 24, PASS, &quick);
	for (size_t i = 0; i < BACKUP_HEADER_BYTES; i++) {
		b.data[i] ^= 0x01;
		struct buf got;
		int rc = decrypt_mem(b.data, b.len, PASS, &got);
		if (i < 8)
			assert_int_equal(rc, BACKUP_ERR_FORMAT);
		else if (i == 8)
			assert_int_equal(rc, BACKUP_ERR_HEADER); /* version 0 */
		else if (i >= 28 && i < 60)
			assert_int_equal(rc, BACKUP_ERR_PASSPHRASE); /* salt, key check */
		else if (i >= 60)
			assert_int_equal(rc, BACKUP_ERR_DAMAGED); /* stream header */
		else
			assert_true(rc == BACKUP_ERR_HEADER || rc == BACKUP_ERR_PASSPHRASE || rc == BACKUP_ERR_DAMAGED);
		assert_int_not_equal(rc, BACKUP_OK);
		assert_int_equal(got.len, 0);
		free(got.data);
		b.data[i] ^= 0x01;
	}
	/* the chunk size field is bound to the chunks: 1024 -> 1028 is in
	 * bounds and still fails their check */
	b.data[15] ^= 0x04;
	assert_int_equal(decrypt_mem(b.data, b.len, PASS, NULL), BACKUP_ERR_DAMAGED);
	b.data[15] ^= 0x04;
	assert_int_equal(decrypt_mem(b.data, b.len, PASS, NULL), BACKUP_OK);
	free(b.data);
}

/* A byte flipped in any chunk (length, body, tag) is found. */
static void test_flipped_chunk_byte(void **state)
{
	(void)state;
	unsigned char plain[3000];
	fill(plain, sizeof plain, 7);
	struct buf b = encrypt_mem(plain, sizeof plain, PASS, &quick);
	size_t step = 37;
	for (size_t i = BACKUP_HEADER_BYTES; i < b.len; i += step) {
		b.data[i] ^= 0x80;
		int rc = decrypt_mem(b.data, b.len, PASS, NULL);
		assert_true(rc == BACKUP_ERR_DAMAGED || rc == BACKUP_ERR_TRUNCATED);
		b.data[i] ^= 0x80;
	}
	b.data[b.len - 1] ^= 0x01; /* the last byte: the FINAL chunk's MAC */
	assert_int_equal(decrypt_mem(b.data, b.len, PASS, NULL), BACKUP_ERR_DAMAGED);
	b.data[b.len - 1] ^= 0x01;
	assert_int_equal(decrypt_mem(b.data, b.len, PASS, NULL), BACKUP_OK);
	free(b.data);
}

/* Cut anywhere, the file is refused: in the header, in a length, in a
 * chunk, and exactly between chunks (no FINAL seen). */
static void test_truncated(void **state)
{
	(void)state;
	unsigned char plain[2500];
	fill(plain, sizeof plain, 3);
	struct buf b = encrypt_mem(plain, sizeof plain, PASS, &quick);
	size_t chunk_on_disk = 4 + quick.chunk + crypto_secretstream_xchacha20poly1305_ABYTES;
	size_t cuts[] = { 0, 4, 8, 40, BACKUP_HEADER_BYTES - 1, BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + 2,
			  BACKUP_HEADER_BYTES + 100, BACKUP_HEADER_BYTES + chunk_on_disk,
			  BACKUP_HEADER_BYTES + 2 * chunk_on_disk, b.len - 1 };
	for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
		int rc = decrypt_mem(b.data, cuts[i], PASS, NULL);
		if (cuts[i] < 8)
			assert_int_equal(rc, BACKUP_ERR_FORMAT);
		else
			assert_int_equal(rc, BACKUP_ERR_TRUNCATED);
	}
	free(b.data);
}

/* Bytes after the FINAL chunk, or a chunk dropped or repeated: refused. */
static void test_trailing_and_reordered(void **state)
{
	(void)state;
	unsigned char plain[2500];
	fill(plain, sizeof plain, 5);
	struct buf b = encrypt_mem(plain, sizeof plain, PASS, &quick);
	char *more = malloc(b.len + 1);
	memcpy(more, b.data, b.len);
	more[b.len] = 0;
	assert_int_equal(decrypt_mem(more, b.len + 1, PASS, NULL), BACKUP_ERR_TRAILING);
	/* the first chunk dropped */
	size_t c = 4 + quick.chunk + crypto_secretstream_xchacha20poly1305_ABYTES;
	memcpy(more, b.data, BACKUP_HEADER_BYTES);
	memcpy(more + BACKUP_HEADER_BYTES, b.data + BACKUP_HEADER_BYTES + c, b.len - BACKUP_HEADER_BYTES - c);
	assert_int_equal(decrypt_mem(more, b.len - c, PASS, NULL), BACKUP_ERR_DAMAGED);
	/* the first chunk twice (the second chunk replaced) */
	memcpy(more, b.data, b.len);
	memcpy(more + BACKUP_HEADER_BYTES + c, b.data + BACKUP_HEADER_BYTES, c);
	assert_int_equal(decrypt_mem(more, b.len, PASS, NULL), BACKUP_ERR_DAMAGED);
	free(more);
	free(b.data);
}

/* A SQLite file, a text file, an empty file: not a backup, nothing asked. */
static void test_other_formats(void **state)
{
	(void)state;
	char sqlite_head[100] = "SQLite format 3";
	assert_false(backup_is_encrypted(sqlite_head, sizeof sqlite_head));
	assert_int_equal(decrypt_mem(sqlite_head, sizeof sqlite_head, PASS, NULL), BACKUP_ERR_FORMAT);
	const char *csv = "name,phone\nأحمد,0933000000\nسعيد,0944000000\nnot a backup at all, really\n";
	assert_int_equal(decrypt_mem(csv, strlen(csv), PASS, NULL), BACKUP_ERR_FORMAT);
	assert_int_equal(decrypt_mem("", 0, PASS, NULL), BACKUP_ERR_FORMAT);
	struct backup_header h;
	assert_int_equal(backup_header_parse(csv, strlen(csv), &h), BACKUP_ERR_FORMAT);
}

/* A header from a newer daam, or asking for absurd memory or passes. */
static void test_header_limits(void **state)
{
	(void)state;
	struct buf b = encrypt_mem("x", 1, PASS, &quick);
	struct backup_header h;
	unsigned char hd[BACKUP_HEADER_BYTES];
	memcpy(hd, b.data, sizeof hd);
	hd[8] = BACKUP_VERSION + 1;
	assert_int_equal(backup_header_parse(hd, sizeof hd, &h), BACKUP_ERR_VERSION);
	memcpy(hd, b.data, sizeof hd);
	hd[20] = 0x01; /* memlimit of 2^56 bytes */
	assert_int_equal(backup_header_parse(hd, sizeof hd, &h), BACKUP_ERR_HEADER);
	memcpy(hd, b.data, sizeof hd);
	hd[16] = 0x10; /* opslimit of 2^28 */
	assert_int_equal(backup_header_parse(hd, sizeof hd, &h), BACKUP_ERR_HEADER);
	memcpy(hd, b.data, sizeof hd);
	memset(hd + 12, 0, 4); /* chunk size 0 */
	assert_int_equal(backup_header_parse(hd, sizeof hd, &h), BACKUP_ERR_HEADER);
	memcpy(hd, b.data, sizeof hd);
	hd[12] = 0x01; /* chunk size of 16 MiB */
	assert_int_equal(backup_header_parse(hd, sizeof hd, &h), BACKUP_ERR_HEADER);
	memcpy(hd, b.data, sizeof hd);
	hd[9] = 2; /* an unknown key derivation */
	assert_int_equal(backup_header_parse(hd, sizeof hd, &h), BACKUP_ERR_HEADER);
	assert_int_equal(backup_header_parse(b.data, sizeof hd - 1, &h), BACKUP_ERR_FORMAT);
	assert_int_equal(backup_header_parse(b.data, sizeof hd, &h), BACKUP_OK);
	for (int s = BACKUP_OK; s <= BACKUP_ERR_TEXT; s++)
		assert_true(strlen(backup_strerror(s)) > 1);
	free(b.data);
}

/* A full disk while writing either way is an error, never "ok". */
static void test_full_disk(void **state)
{
	(void)state;
	unsigned char plain[5000];
	fill(plain, sizeof plain, 11);
	FILE *in = fmemopen(plain, sizeof plain, "rb");
	FILE *full = fopen("/dev/full", "wb");
	assert_non_null(in);
	if (!full)
		skip();
	assert_int_equal(backup_encrypt(in, full, PASS, &quick), BACKUP_ERR_IO);
	fclose(in);
	struct buf b = encrypt_mem(plain, sizeof plain, PASS, &quick);
	in = fmemopen(b.data, b.len, "rb");
	assert_int_equal(backup_decrypt(in, full, PASS), BACKUP_ERR_IO);
	fclose(in);
	fclose(full);
	free(b.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_header_fields),
		cmocka_unit_test(test_wrong_passphrase),
		cmocka_unit_test(test_unicode_forms),
		cmocka_unit_test(test_flipped_header_byte),
		cmocka_unit_test(test_flipped_chunk_byte),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_trailing_and_reordered),
		cmocka_unit_test(test_other_formats),
		cmocka_unit_test(test_header_limits),
		cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

/* backup_file — writer and reader of the encrypted backup format described
 * in backup_file.h: argon2id key from a passphrase, libsodium secretstream
 * over fixed-size chunks, the last one tagged FINAL. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "db/backup_file.h"
#include "core/banned.h"

#define SS_ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define TAG_MESSAGE crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
#define TAG_FINAL crypto_secretstream_xchacha20poly1305_TAG_FINAL

static const char KDF_CONTEXT[crypto_kdf_CONTEXTBYTES] = { 'd', 'a', 'a', 'm', 'b', 'k', 'u', 'p' };

const struct backup_kdf backup_kdf_default = { BACKUP_OPSLIMIT, BACKUP_MEMLIMIT_BYTES, BACKUP_CHUNK_BYTES };

const char *backup_strerror(int status)
{
	switch (status) {
	case BACKUP_OK: return "ok";
	case BACKUP_ERR_IO: return "the file could not be read or written";
	case BACKUP_ERR_NOMEM: return "not enough memory";
	case BACKUP_ERR_FORMAT: return "the file is not a daam backup";
	case BACKUP_ERR_VERSION: return "the backup was made by a newer daam (its format is newer than this one reads)";
	case BACKUP_ERR_HEADER: return "the backup's header is damaged";
	case BACKUP_ERR_PASSPHRASE: return "the passphrase is wrong (or the backup's header is damaged)";
	case BACKUP_ERR_DAMAGED: return "the backup is damaged or was changed: a part of it fails its check";
	case BACKUP_ERR_TRUNCATED: return "the backup is incomplete: the file ends before its last part (copied only in part?)";
	case BACKUP_ERR_TRAILING: return "the backup has extra bytes after its end: it was changed";
	case BACKUP_ERR_TEXT: return "the passphrase is not valid text (UTF-8)";
	}
	return "unknown error";
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

int backup_is_encrypted(const void *head, size_t n)
{
	return n >= 8 && memcmp(head, BACKUP_MAGIC, 8) == 0;
}

int backup_header_parse(const void *buf, size_t n, struct backup_header *h)
{
	const unsigned char *p = buf;
	if (n < BACKUP_HEADER_BYTES || !backup_is_encrypted(p, n))
		return BACKUP_ERR_FORMAT;
	memset(h, 0, sizeof *h);
	memcpy(h->raw, p, BACKUP_HEADER_BYTES);
	h->version = p[8];
	h->kdf = p[9];
	if (h->version != BACKUP_VERSION)
		return h->version > BACKUP_VERSION ? BACKUP_ERR_VERSION : BACKUP_ERR_HEADER;
	h->chunk = get32(p + 12);
	h->opslimit = get32(p + 16);
	h->memlimit = get64(p + 20);
	if (h->kdf != BACKUP_KDF_ARGON2ID || p[10] || p[11] || h->chunk == 0 || h->chunk > BACKUP_CHUNK_MAX ||
	    h->opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || h->opslimit > BACKUP_OPSLIMIT_MAX ||
	    h->memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || h->memlimit > BACKUP_MEMLIMIT_MAX)
		return BACKUP_ERR_HEADER;
	memcpy(h->salt, p + 28, sizeof h->salt);
	memcpy(h->check, p + 44, sizeof h->check);
	memcpy(h->stream, p + 60, sizeof h->stream);
	return BACKUP_OK;
}

/* The stream key and the key check of a passphrase. */
static int derive(const char *passphrase, const struct backup_header *h, unsigned char key[BACKUP_KEY_BYTES],
		  unsigned char check[16])
{
	utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)passphrase);
	if (!nfc)
		return BACKUP_ERR_TEXT;
	unsigned char master[crypto_kdf_KEYBYTES];
	size_t len = strlen((const char *)nfc);
	int rc = crypto_pwhash(master, sizeof master, (const char *)nfc, len, h->salt, h->opslimit,
			       (size_t)h->memlimit, crypto_pwhash_ALG_ARGON2ID13);
	sodium_memzero(nfc, len);
	free(nfc);
	if (rc != 0)
		return BACKUP_ERR_NOMEM;
	crypto_kdf_derive_from_key(key, BACKUP_KEY_BYTES, 1, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(check, 16, 2, KDF_CONTEXT, master);
	sodium_memzero(master, sizeof master);
	return BACKUP_OK;
}

int backup_key(const char *passphrase, const struct backup_header *h, unsigned char key[BACKUP_KEY_BYTES])
{
	unsigned char check[16];
	int rc = derive(passphrase, h, key, check);
	if (rc == BACKUP_OK && sodium_memcmp(check, h->check, sizeof check) != 0) {
		sodium_memzero(key, BACKUP_KEY_BYTES);
		rc = BACKUP_ERR_PASSPHRASE;
	}
	return rc;
}

/* Reads up to n bytes (fewer only at the end of in); -1 on a read error. */
static long read_full(FILE *in, unsigned char *buf, size_t n)
{
	size_t got = fread(buf, 1, n, in);
	if (got < n && ferror(in))
		return -1;
	return (long)got;
}

int backup_encrypt(FILE *in, FILE *out, const char *passphrase, const struct backup_kdf *kdf)
{
	if (!kdf)
		kdf = &backup_kdf_default;
	struct backup_header h = { .version = BACKUP_VERSION, .kdf = BACKUP_KDF_ARGON2ID, .chunk = kdf->chunk,
				   .opslimit = kdf->opslimit, .memlimit = kdf->memlimit };
	randombytes_buf(h.salt, sizeof h.salt);
	unsigned char key[BACKUP_KEY_BYTES];
	int rc = derive(passphrase, &h, key, h.check);
	if (rc != BACKUP_OK)
		return rc;
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_init_push(&st, h.stream, key);
	sodium_memzero(key, sizeof key);
	unsigned char *r = h.raw;
	memcpy(r, BACKUP_MAGIC, 8);
	r[8] = (unsigned char)h.version, r[9] = (unsigned char)h.kdf, r[10] = r[11] = 0;
	put32(r + 12, h.chunk);
	put32(r + 16, h.opslimit);
	put64(r + 20, h.memlimit);
	memcpy(r + 28, h.salt, sizeof h.salt);
	memcpy(r + 44, h.check, sizeof h.check);
	memcpy(r + 60, h.stream, sizeof h.stream);
	if (fwrite(r, 1, BACKUP_HEADER_BYTES, out) != BACKUP_HEADER_BYTES)
		return BACKUP_ERR_IO;

	/* two plaintext buffers: the chunk read ahead tells whether this one is
	 * the last */
	unsigned char *cur = malloc(h.chunk), *next = malloc(h.chunk), *cipher = malloc(4 + h.chunk + SS_ABYTES);
	rc = BACKUP_ERR_NOMEM;
	if (!cur || !next || !cipher)
		goto out;
	rc = BACKUP_ERR_IO;
	long n = read_full(in, cur, h.chunk);
	if (n < 0)
		goto out;
	for (;;) {
		long m = n == (long)h.chunk ? read_full(in, next, h.chunk) : 0;
		if (m < 0)
			goto out;
		unsigned char tag = m == 0 ? TAG_FINAL : TAG_MESSAGE;
		unsigned long long clen;
		crypto_secretstream_xchacha20poly1305_push(&st, cipher + 4, &clen, cur, (unsigned long long)n, r,
							   BACKUP_AD_BYTES, tag);
		put32(cipher, (uint32_t)clen);
		if (fwrite(cipher, 1, 4 + clen, out) != 4 + clen)
			goto out;
		if (tag == TAG_FINAL)
			break;
		unsigned char *t = cur;
		cur = next, next = t, n = m;
	}
	rc = fflush(out) == 0 ? BACKUP_OK : BACKUP_ERR_IO;
out:
	if (cur)
		sodium_memzero(cur, h.chunk);
	if (next)
		sodium_memzero(next, h.chunk);
	free(cur);
	free(next);
	free(cipher);
	sodium_memzero(&st, sizeof st);
	return rc;
}

int backup_decrypt_chunks(FILE *in, FILE *out, const struct backup_header *h, const unsigned char key[BACKUP_KEY_BYTES])
{
	crypto_secretstream_xchacha20poly1305_state st;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, h->stream, key) != 0)
		return BACKUP_ERR_HEADER;
	size_t cmax = (size_t)h->chunk + SS_ABYTES;
	unsigned char *cipher = malloc(cmax), *plain = malloc(h->chunk);
	int rc = BACKUP_ERR_NOMEM;
	if (!cipher || !plain)
		goto out;
	for (;;) {
		unsigned char lenbuf[4];
		long n = read_full(in, lenbuf, 4);
		if (n < 0) {
			rc = BACKUP_ERR_IO;
			break;
		}
		if (n < 4) {
			rc = BACKUP_ERR_TRUNCATED;
			break;
		}
		uint32_t clen = get32(lenbuf);
		if (clen < SS_ABYTES || clen > cmax) {
			rc = BACKUP_ERR_DAMAGED;
			break;
		}
		n = read_full(in, cipher, clen);
		if (n < 0 || (uint32_t)n < clen) {
			rc = n < 0 ? BACKUP_ERR_IO : BACKUP_ERR_TRUNCATED;
			break;
		}
		unsigned long long mlen;
		unsigned char tag;
		if (crypto_secretstream_xchacha20poly1305_pull(&st, plain, &mlen, &tag, cipher, clen, h->raw,
							       BACKUP_AD_BYTES) != 0 ||
		    (tag != TAG_MESSAGE && tag != TAG_FINAL)) {
			rc = BACKUP_ERR_DAMAGED;
			break;
		}
		if (out && mlen && fwrite(plain, 1, mlen, out) != mlen) {
			rc = BACKUP_ERR_IO;
			break;
		}
		if (tag == TAG_FINAL) {
			/* nothing may follow the last chunk */
			rc = fgetc(in) != EOF ? BACKUP_ERR_TRAILING : ferror(in) ? BACKUP_ERR_IO : BACKUP_OK;
			break;
		}
	}
	if (rc == BACKUP_OK && out && fflush(out) != 0)
		rc = BACKUP_ERR_IO;
out:
	if (plain)
		sodium_memzero(plain, h->chunk);
	free(plain);
	free(cipher);
	sodium_memzero(&st, sizeof st);
	return rc;
}

int backup_decrypt(FILE *in, FILE *out, const char *passphrase)
{
	unsigned char buf[BACKUP_HEADER_BYTES];
	long n = read_full(in, buf, sizeof buf);
	if (n < 0)
		return BACKUP_ERR_IO;
	struct backup_header h;
	int rc = backup_header_parse(buf, (size_t)n, &h);
	if (rc == BACKUP_ERR_FORMAT && backup_is_encrypted(buf, (size_t)n))
		rc = BACKUP_ERR_TRUNCATED; /* our magic, then the file ends */
	if (rc != BACKUP_OK)
		return rc;
	unsigned char key[BACKUP_KEY_BYTES];
	rc = backup_key(passphrase, &h, key);
	if (rc == BACKUP_OK)
		rc = backup_decrypt_chunks(in, out, &h, key);
	sodium_memzero(key, sizeof key);
	return rc;
}

/* backup_file — the encrypted backup file format, read and written on stdio
 * streams (no database here: src/db/backup.c makes the snapshot).
 *
 * A file is an 84-byte header, then chunks:
 *
 *   0  "DAAMBKUP"                    magic (8 bytes)
 *   8  format version                u8, 1
 *   9  key derivation                u8, 1 = argon2id (crypto_pwhash ARGON2ID13)
 *  10  reserved                      u16, 0
 *  12  plaintext chunk size          u32 big-endian (at most BACKUP_CHUNK_MAX)
 *  16  argon2id opslimit             u32 big-endian
 *  20  argon2id memlimit, bytes      u64 big-endian
 *  28  salt                          16 bytes
 *  44  key check                     16 bytes (tells a wrong passphrase)
 *  60  secretstream header           24 bytes
 *  84  chunks: u32 big-endian length, then that many bytes of
 *      crypto_secretstream_xchacha20poly1305 ciphertext (a plaintext chunk
 *      of at most the chunk size + ABYTES); each chunk is authenticated with
 *      header bytes 0..59 as additional data; the last one carries the FINAL
 *      tag and nothing may follow it.
 *
 * The key: crypto_pwhash argon2id of the passphrase (normalized to Unicode
 * NFC, so the same words typed on another keyboard give the same key) with
 * the header's salt and parameters gives a master key; crypto_kdf derives
 * from it the stream key (id 1) and the key check (id 2).  The parameters are
 * read from the header, so old files still open when the defaults change;
 * a header asking for more than BACKUP_*_MAX is refused. */
#ifndef DAAM_BACKUP_FILE_H
#define DAAM_BACKUP_FILE_H
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <sodium.h>

#define BACKUP_MAGIC "DAAMBKUP"
#define BACKUP_VERSION 1
#define BACKUP_KDF_ARGON2ID 1
#define BACKUP_HEADER_BYTES 84
#define BACKUP_AD_BYTES 60
#define BACKUP_KEY_BYTES crypto_secretstream_xchacha20poly1305_KEYBYTES

/* What daam writes: argon2id with 3 passes over 256 MiB (libsodium's
 * "moderate" preset): 0.7 to 1.3 s on one core of the test server
 * (bench/results/backup.md), seconds on an old laptop, which needs those
 * 256 MiB free; 64 KiB chunks. */
#define BACKUP_OPSLIMIT 3u
#define BACKUP_MEMLIMIT_BYTES ((uint64_t)256 * 1024 * 1024)
#define BACKUP_CHUNK_BYTES ((uint32_t)64 * 1024)
/* What a header may ask of a reader. */
#define BACKUP_OPSLIMIT_MAX 32u
#define BACKUP_MEMLIMIT_MAX ((uint64_t)2048 * 1024 * 1024)
#define BACKUP_CHUNK_MAX ((uint32_t)1024 * 1024)
/* A passphrase typed or read from stdin, in bytes. */
#define BACKUP_PASSPHRASE_MAX_BYTES 1024
/* The strength asked of a new backup's passphrase, in characters (on top of
 * password_problem's list of common passwords). */
#define BACKUP_PASSPHRASE_MIN_CHARS 12

enum backup_status {
	BACKUP_OK = 0,
	BACKUP_ERR_IO,          /* reading or writing failed (errno) */
	BACKUP_ERR_NOMEM,
	BACKUP_ERR_FORMAT,      /* not an encrypted daam backup */
	BACKUP_ERR_VERSION,     /* a newer format than this daam reads */
	BACKUP_ERR_HEADER,      /* the header is damaged or asks too much */
	BACKUP_ERR_PASSPHRASE,  /* wrong passphrase (or a damaged salt/key check) */
	BACKUP_ERR_DAMAGED,     /* a chunk fails its authentication */
	BACKUP_ERR_TRUNCATED,   /* the file ends before its FINAL chunk */
	BACKUP_ERR_TRAILING,    /* bytes after the FINAL chunk */
	BACKUP_ERR_TEXT,        /* the passphrase is not valid UTF-8 */
};

struct backup_kdf {
	uint32_t opslimit;
	uint64_t memlimit;
	uint32_t chunk;
};
/* daam's defaults (BACKUP_OPSLIMIT, BACKUP_MEMLIMIT_BYTES, BACKUP_CHUNK_BYTES). */
extern const struct backup_kdf backup_kdf_default;

struct backup_header {
	unsigned version, kdf;
	uint32_t chunk, opslimit;
	uint64_t memlimit;
	unsigned char salt[crypto_pwhash_SALTBYTES];
	unsigned char check[16];
	unsigned char stream[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char raw[BACKUP_HEADER_BYTES];
};

/* One sentence saying what a status means to the person restoring. */
const char *backup_strerror(int status);
/* 1 when the n bytes start like an encrypted daam backup. */
int backup_is_encrypted(const void *head, size_t n);
/* Parses and checks a header (n must be at least BACKUP_HEADER_BYTES).
 * BACKUP_OK, BACKUP_ERR_FORMAT, _VERSION or _HEADER. */
int backup_header_parse(const void *buf, size_t n, struct backup_header *h);
/* Derives the stream key from a passphrase and the header's salt and
 * parameters; BACKUP_ERR_PASSPHRASE when the key check does not match. */
int backup_key(const char *passphrase, const struct backup_header *h, unsigned char key[BACKUP_KEY_BYTES]);

/* Encrypts all of in into out (header and chunks) with a new salt;
 * kdf NULL means the defaults.  Reads and writes one chunk at a time. */
int backup_encrypt(FILE *in, FILE *out, const char *passphrase, const struct backup_kdf *kdf);
/* Reads the header from in, derives the key, and writes the plaintext to
 * out (NULL: only check).  Any status but BACKUP_OK means the output is not
 * to be used. */
int backup_decrypt(FILE *in, FILE *out, const char *passphrase);
/* The chunks alone, with a key already derived; in is just past the header. */
int backup_decrypt_chunks(FILE *in, FILE *out, const struct backup_header *h,
			  const unsigned char key[BACKUP_KEY_BYTES]);
#endif

/* password — argon2id via libsodium with a semaphore capping concurrent
 * hashes (each takes 19 MiB and ~50 ms), and the password rules. */
#include <ctype.h>
#include <semaphore.h>
#include <string.h>
#include <strings.h>
#include <sodium.h>
#include "auth/password.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/limits.h"
#include "core/banned.h"

#define PW_OPSLIMIT 2
/* the messages of password_problem name these numbers */
_Static_assert(LIMIT_PASSWORD_MIN_CHARS == 8 && LIMIT_PASSWORD_MAX_CHARS == 128,
	       "change the password messages with the limits");

static sem_t hash_slots;
static char dummy_hash[PASSWORD_HASH_MAX];

/* The most used passwords in leaked lists, and local favourites; compared
 * case-insensitively. */
static const char *const common_passwords[] = {
	"123456", "12345678", "123456789", "1234567890", "12345", "1234567", "password",
	"password1", "password123", "qwerty", "qwerty123", "qwertyuiop", "abc123", "abcd1234",
	"111111", "11111111", "000000", "00000000", "123123", "123123123", "1q2w3e4r", "1q2w3e4r5t",
	"iloveyou", "admin", "admin123", "administrator", "welcome", "welcome1", "letmein",
	"monkey", "dragon", "football", "baseball", "sunshine", "princess", "master", "shadow",
	"superman", "michael", "trustno1", "passw0rd", "p@ssw0rd", "p@ssword", "987654321",
	"654321", "666666", "888888", "88888888", "777777", "121212", "112233", "123321",
	"123654", "147258369", "159753", "789456123", "asdfghjkl", "zxcvbnm", "asdf1234",
	"aaaaaaaa", "changeme", "default", "secret", "1qaz2wsx", "q1w2e3r4", "qazwsx",
	"computer", "internet", "samsung", "google", "whatever", "freedom", "starwars",
	"syria", "syria123", "syria2011", "raqqa", "raqqa123", "damascus", "aleppo", "mohammed",
	"mohammad", "muhammad", "ahmad123", "allah", "allahakbar", "bismillah", "palestine",
	"00963", "0987654321", "daam", "daam1234", "daam12345", "civilsociety",
	"كلمةالسر", "كلمة السر", "١٢٣٤٥٦٧٨", "محمد", "محمد123", "سوريا", "سوريا123",
	NULL
};

int password_init(void)
{
	if (sodium_init() < 0)
		return -1;
	sem_init(&hash_slots, 0, LIMIT_HASHES_AT_ONCE);
	char random_pw[33];
	randombytes_buf(random_pw, 32);
	for (int i = 0; i < 32; i++)
		random_pw[i] = (char)('a' + ((unsigned char)random_pw[i] % 26));
	random_pw[32] = 0;
	return password_hash(random_pw, dummy_hash);
}

const char *password_dummy_hash(void)
{
	return dummy_hash;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	sem_wait(&hash_slots);
	int rc = crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT, LIMIT_HASH_MEMORY_BYTES, crypto_pwhash_ALG_ARGON2ID13);
	sem_post(&hash_slots);
	return rc == 0 ? 0 : -1;
}

int password_verify(const char *hash, const char *pw)
{
	sem_wait(&hash_slots);
	int ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	sem_post(&hash_slots);
	return ok;
}

const char *password_problem(const char *pw, const char *username)
{
	long n = utf8_count(pw, strlen(pw));
	if (n < 0)
		return N_("The password is not valid text.");
	if (n < LIMIT_PASSWORD_MIN_CHARS)
		return N_("The password must have at least 8 characters.");
	if (n > LIMIT_PASSWORD_MAX_CHARS)
		return N_("The password can have at most 128 characters.");
	for (int i = 0; common_passwords[i]; i++)
		if (strcasecmp(pw, common_passwords[i]) == 0)
			return N_("This password is among the most common ones; choose another.");
	if (username && *username && strcasecmp(pw, username) == 0)
		return N_("The password must not be the user name.");
	/* one character (of any script) repeated is as weak as the listed ones */
	size_t len = strlen(pw), clen = 1;
	while (clen < len && ((unsigned char)pw[clen] & 0xC0) == 0x80)
		clen++;
	size_t k = clen;
	while (k + clen <= len && memcmp(pw + k, pw, clen) == 0)
		k += clen;
	if (k == len)
		return N_("This password is among the most common ones; choose another.");
	return NULL;
}

/* totp — TOTP codes through liboath, the code parser, recovery codes (see
 * totp.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <liboath/oath.h>
#include <sodium.h>
#include "auth/totp.h"
#include "core/banned.h"

int64_t totp_test_clock;

/* no 0/1 and no i, l, o: nothing to confuse when copied by hand */
static const char recovery_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
#define ALPHABET_N (sizeof recovery_alphabet - 1)

int totp_init(void)
{
	return oath_init() == OATH_OK ? 0 : -1;
}

int64_t totp_now(void)
{
	return totp_test_clock ? totp_test_clock : (int64_t)time(NULL);
}

void totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES])
{
	randombytes_buf(secret, TOTP_SECRET_BYTES);
}

int totp_base32(const unsigned char *secret, size_t n, char out[TOTP_BASE32_CHARS])
{
	char *b32 = NULL;
	size_t len = 0;
	if (oath_base32_encode((const char *)secret, n, &b32, &len) != OATH_OK)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < len && b32[i] != '=' && k + 1 < TOTP_BASE32_CHARS; i++)
		out[k++] = b32[i];
	out[k] = 0;
	sodium_memzero(b32, len);
	free(b32);
	return 0;
}

int totp_code(const unsigned char *secret, size_t n, int64_t now, char out[TOTP_DIGITS + 1])
{
	return oath_totp_generate((const char *)secret, n, (time_t)now, TOTP_STEP_S, 0, TOTP_DIGITS, out) == OATH_OK
		       ? 0 : -1;
}

/* liboath compares each candidate through this: in constant time */
static int same_code(void *given, const char *candidate)
{
	return sodium_memcmp(given, candidate, TOTP_DIGITS) == 0 ? 0 : 1;
}

int64_t totp_verify(const unsigned char *secret, size_t n, int64_t now, const char *code, int64_t last_step)
{
	char given[TOTP_DIGITS + 1];
	if (strlen(code) != TOTP_DIGITS)
		return 0;
	memcpy(given, code, sizeof given);
	int pos = 0;
	uint64_t step = 0;
	int rc = oath_totp_validate3_callback((const char *)secret, n, (time_t)now, TOTP_STEP_S, 0, TOTP_DIGITS, 1,
					      &pos, &step, same_code, given);
	if (rc < 0)
		return 0;
	return (int64_t)step <= last_step ? -1 : (int64_t)step;
}

/* The ASCII digit of an Arabic-Indic (U+0660–0669) or Persian (U+06F0–06F9)
 * digit at s (two bytes), or -1. */
static int eastern_digit(const unsigned char *s)
{
	if (s[0] == 0xD9 && s[1] >= 0xA0 && s[1] <= 0xA9)
		return s[1] - 0xA0;
	if (s[0] == 0xDB && s[1] >= 0xB0 && s[1] <= 0xB9)
		return s[1] - 0xB0;
	return -1;
}

enum mfa_input mfa_parse(const char *in, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t k = 0;
	int digits = 0;
	if (outsz)
		out[0] = 0;
	if (outsz < 2)
		return MFA_BAD;
	while (*s) {
		int c = -1;
		size_t adv = 1;
		if (*s == ' ' || *s == '-' || *s == '\t') {
			s++;
			continue;
		}
		if (s[0] == 0xC2 && s[1] == 0xA0) {            /* no-break space */
			s += 2;
			continue;
		}
		if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F || s[2] == 0x8B)) {
			s += 3;                                 /* LRM, RLM, zero-width space */
			continue;
		}
		if (*s >= '0' && *s <= '9') {
			c = *s;
			digits++;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
			c = *s | 0x20;
		} else if (s[1] && eastern_digit(s) >= 0) {
			c = '0' + eastern_digit(s);
			adv = 2;
			digits++;
		}
		if (c < 0 || k + 1 >= outsz)
			goto bad;
		out[k++] = (char)c;
		s += adv;
	}
	out[k] = 0;
	if (k == TOTP_DIGITS && digits == TOTP_DIGITS)
		return MFA_TOTP;
	if (k == RECOVERY_CHARS) {
		for (size_t i = 0; i < k; i++)
			if (!memchr(recovery_alphabet, out[i], ALPHABET_N))
				goto bad;
		return MFA_RECOVERY;
	}
bad:
	out[0] = 0;
	return MFA_BAD;
}

void recovery_codes_new(char codes[RECOVERY_COUNT][RECOVERY_SHOWN])
{
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		int k = 0;
		for (int j = 0; j < RECOVERY_CHARS; j++) {
			if (j && j % 4 == 0)
				codes[i][k++] = '-';
			codes[i][k++] = recovery_alphabet[randombytes_uniform(ALPHABET_N)];
		}
		codes[i][k] = 0;
	}
}

void recovery_hash(int64_t user_id, const char *code, unsigned char out[32])
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "daam-recovery:%lld:%s", (long long)user_id, code);
	crypto_generichash(out, 32, (const unsigned char *)buf, (size_t)n, NULL, 0);
	sodium_memzero(buf, sizeof buf);
}

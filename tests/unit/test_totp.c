/*
 * Unit tests for src/auth/totp.c: the RFC 6238 test vectors (SHA-1, cut to
 * six digits) through daam's wrapper of liboath, the window of ±1 step,
 * the refusal of a step already used (replay), the parser of what a person
 * types in a code field (spaces, dashes, Arabic-Indic and Persian digits,
 * capitals), and the recovery codes (format, uniqueness, hashing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth/totp.h"
#include "core/limits.h"

static int setup(void **state)
{
	(void)state;
	return sodium_init() < 0 || totp_init() < 0 ? -1 : 0;
}

/* RFC 6238 appendix B: the SHA-1 secret and its 8-digit codes (the last
 * six digits are the 6-digit code). */
static const unsigned char rfc_secret[] = "12345678901234567890";
static const struct { long long t; const char *code8; } rfc[] = {
	{ 59, "94287082" }, { 1111111109, "07081804" }, { 1111111111, "14050471" },
	{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000LL, "65353130" },
};
#define NRFC (sizeof rfc / sizeof *rfc)

static void test_rfc6238_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < NRFC; i++) {
		char code[TOTP_DIGITS + 1];
		assert_int_equal(totp_code(rfc_secret, 20, rfc[i].t, code), 0);
		assert_string_equal(code, rfc[i].code8 + 2);
		/* and the check finds the step the time is in */
		assert_int_equal(totp_verify(rfc_secret, 20, rfc[i].t, rfc[i].code8 + 2, 0), rfc[i].t / 30);
	}
}

static void test_base32(void **state)
{
	(void)state;
	char b32[TOTP_BASE32_CHARS];
	assert_int_equal(totp_base32(rfc_secret, 20, b32), 0);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

/* A phone 30 s off either way is accepted; 60 s is not. */
static void test_drift_window(void **state)
{
	(void)state;
	long long t = 1111111111, step = t / 30;
	char before[7], after[7], far_before[7], far_after[7];
	totp_code(rfc_secret, 20, t - 30, before);
	totp_code(rfc_secret, 20, t + 30, after);
	totp_code(rfc_secret, 20, t - 60, far_before);
	totp_code(rfc_secret, 20, t + 60, far_after);
	assert_int_equal(totp_verify(rfc_secret, 20, t, before, 0), step - 1);
	assert_int_equal(totp_verify(rfc_secret, 20, t, after, 0), step + 1);
	assert_int_equal(totp_verify(rfc_secret, 20, t, far_before, 0), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, t, far_after, 0), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, t, "000000", 0), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, t, "12345", 0), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, t, "", 0), 0);
}

/* A code of a step already used, or of an earlier one, is a replay. */
static void test_replay_refused(void **state)
{
	(void)state;
	long long t = 1234567890, step = t / 30;
	char now[7], before[7], after[7];
	totp_code(rfc_secret, 20, t, now);
	totp_code(rfc_secret, 20, t - 30, before);
	totp_code(rfc_secret, 20, t + 30, after);
	assert_int_equal(totp_verify(rfc_secret, 20, t, now, step - 1), step);
	assert_int_equal(totp_verify(rfc_secret, 20, t, now, step), -1);
	assert_int_equal(totp_verify(rfc_secret, 20, t, before, step), -1);
	assert_int_equal(totp_verify(rfc_secret, 20, t, after, step), step + 1);
	assert_int_equal(totp_verify(rfc_secret, 20, t, after, step + 1), -1);
}

static void test_parse(void **state)
{
	(void)state;
	char out[LIMIT_MFA_CODE_CHARS + 1];
	static const struct { const char *in; enum mfa_input want; const char *norm; } cases[] = {
		{ "123456", MFA_TOTP, "123456" },
		{ " 123 456 ", MFA_TOTP, "123456" },
		{ "123-456", MFA_TOTP, "123456" },
		{ "١٢٣٤٥٦", MFA_TOTP, "123456" },                  /* Arabic-Indic */
		{ "۱۲۳۴۵۶", MFA_TOTP, "123456" },                  /* Persian */
		{ "\xe2\x80\x8f" "123\xc2\xa0" "456", MFA_TOTP, "123456" }, /* RLM, no-break space */
		{ "12345", MFA_BAD, "" },
		{ "1234567", MFA_BAD, "" },
		{ "12a456", MFA_BAD, "" },
		{ "", MFA_BAD, "" },
		{ "abcd-efgh-jkmn", MFA_RECOVERY, "abcdefghjkmn" },
		{ "ABCD EFGH JKMN", MFA_RECOVERY, "abcdefghjkmn" },
		{ "2345 6789 abcd", MFA_RECOVERY, "23456789abcd" },
		{ "abcd-efgh-jkmo", MFA_BAD, "" },                 /* o is not in the alphabet */
		{ "abcd-efgh-jkm1", MFA_BAD, "" },
		{ "abcd-efgh-jkmn-p", MFA_BAD, "" },
		{ "١٢٣٤٥٦x", MFA_BAD, "" },
		{ "12345\xd9", MFA_BAD, "" },                      /* a cut UTF-8 sequence */
		{ "123456789012345678901234567890123456", MFA_BAD, "" },
		{ "12;3456", MFA_BAD, "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum mfa_input got = mfa_parse(cases[i].in, out, sizeof out);
		if (got != cases[i].want)
			fail_msg("mfa_parse(\"%s\"): %d, expected %d", cases[i].in, got, cases[i].want);
		assert_string_equal(out, cases[i].norm);
	}
	/* a buffer too small is refused, not overrun */
	char tiny[4];
	assert_int_equal(mfa_parse("123456", tiny, sizeof tiny), MFA_BAD);
	assert_string_equal(tiny, "");
	/* and a one-byte buffer still gets "" (found by fuzz_mfa_code) */
	char one[1] = { 'x' };
	assert_int_equal(mfa_parse("1", one, sizeof one), MFA_BAD);
	assert_int_equal(one[0], 0);
}

static void test_recovery_codes(void **state)
{
	(void)state;
	char codes[RECOVERY_COUNT][RECOVERY_SHOWN], norm[LIMIT_MFA_CODE_CHARS + 1];
	recovery_codes_new(codes);
	unsigned char h[RECOVERY_COUNT][32];
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		assert_int_equal(strlen(codes[i]), 14);
		assert_true(codes[i][4] == '-' && codes[i][9] == '-');
		assert_int_equal(mfa_parse(codes[i], norm, sizeof norm), MFA_RECOVERY);
		recovery_hash(7, norm, h[i]);
		for (int j = 0; j < i; j++) {
			assert_string_not_equal(codes[i], codes[j]);
			assert_memory_not_equal(h[i], h[j], 32);
		}
	}
	/* the same code of another user hashes otherwise; the same of the same user alike */
	unsigned char again[32], other[32];
	mfa_parse(codes[0], norm, sizeof norm);
	recovery_hash(7, norm, again);
	recovery_hash(8, norm, other);
	assert_memory_equal(again, h[0], 32);
	assert_memory_not_equal(other, h[0], 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_base32),
		cmocka_unit_test(test_drift_window),
		cmocka_unit_test(test_replay_refused),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_recovery_codes),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}

/*
 * Unit tests for src/auth/password.c: the password rules (length in
 * characters, common passwords case-insensitively, the user name, one
 * repeated character, invalid text) and argon2id hashing with
 * verification.  Each hash takes ~50 ms, so the hash tests are few.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth/password.h"

static int setup(void **state)
{
	(void)state;
	return password_init();
}

static const char MIN_LEN[] = "The password must have at least 8 characters.";
static const char MAX_LEN[] = "The password can have at most 128 characters.";
static const char COMMON[] = "This password is among the most common ones; choose another.";
static const char USER[] = "The password must not be the user name.";
static const char TEXT[] = "The password is not valid text.";

struct pw_case {
	const char *pw;
	const char *user;
	const char *want; /* NULL: acceptable */
};

static const struct pw_case cases[] = {
	/* length counts characters */
	{ "", "ahmad", MIN_LEN },
	{ "k7#mQ2x", "ahmad", MIN_LEN },                  /* 7 */
	{ "k7#mQ2xz", "ahmad", NULL },                    /* 8 */
	{ "شمس قمر", "ahmad", MIN_LEN },                   /* 7 characters, 13 bytes */
	{ "شمس قمرٌ", "ahmad", NULL },                     /* 8 characters */
	{ "نخلة على ضفاف الفرات", "ahmad", NULL },
	{ "correct horse battery staple", "ahmad", NULL },
	/* common passwords, whatever the case */
	{ "password123", "ahmad", COMMON },
	{ "Password123", "ahmad", COMMON },
	{ "PASSWORD", "ahmad", COMMON },
	{ "QwErTyUiOp", "ahmad", COMMON },
	{ "12345678", "ahmad", COMMON },
	{ "iloveyou", "ahmad", COMMON },
	{ "Syria2011", "ahmad", COMMON },
	{ "١٢٣٤٥٦٧٨", "ahmad", COMMON },
	{ "كلمة السر", "ahmad", COMMON },
	{ "password1234", "ahmad", NULL },                /* not on the list */
	/* the user name itself, whatever the case */
	{ "abdulrahman", "abdulrahman", USER },
	{ "AbdulRahman", "abdulrahman", USER },
	{ "abdulrahman1", "abdulrahman", NULL },
	{ "abdulrahman", "", NULL },
	{ "abdulrahman", NULL, NULL },
	/* one character repeated */
	{ "aaaaaaaaaa", "ahmad", COMMON },
	{ "zzzzzzzzzzzzzzzzzzzz", "ahmad", COMMON },
	{ "          ", "ahmad", COMMON },
	{ "aaaaaaaaab", "ahmad", NULL },
	{ "baaaaaaaaa", "ahmad", NULL },
	/* not UTF-8 */
	{ "abcdefgh\xff", "ahmad", TEXT },
	{ "abcdefg\xed\xa0\x80", "ahmad", TEXT },
	{ "abcdefgh\xd8", "ahmad", TEXT },
};

static void test_rules(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct pw_case *c = &cases[i];
		const char *got = password_problem(c->pw, c->user);
		int ok = (got == NULL && c->want == NULL) || (got && c->want && strcmp(got, c->want) == 0);
		if (!ok) {
			print_message("password \"%s\" (user %s): got \"%s\", want \"%s\"\n", c->pw,
				      c->user ? c->user : "(null)", got ? got : "acceptable",
				      c->want ? c->want : "acceptable");
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

/* One character repeated is refused whatever its UTF-8 width: a repeated
 * Arabic letter (ههههههههه is Arabic laughter, a common choice) is as weak
 * as a repeated Latin one. */
static void test_repeated_multibyte(void **state)
{
	(void)state;
	static const char *const repeated[] = {
		"ههههههههه", "ممممممممممممم", "١١١١١١١١", "ééééééééé", "😀😀😀😀😀😀😀😀",
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof repeated / sizeof repeated[0]; i++) {
		const char *got = password_problem(repeated[i], "ahmad");
		if (!got || strcmp(got, COMMON) != 0) {
			print_message("password \"%s\": got \"%s\", want the common-password refusal\n",
				      repeated[i], got ? got : "acceptable");
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	/* two different Arabic letters alternating are not "one repeated" */
	assert_null(password_problem("همهمهمهمهم", "ahmad"));
}

/* Builds n repetitions of the cycle of chars in unit (each a whole UTF-8
 * character of `width` bytes) into out. */
static void build(char *out, const char *unit, size_t width, size_t n)
{
	size_t units = strlen(unit) / width;
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * width, unit + (i % units) * width, width);
	out[n * width] = 0;
}

/* 128 characters is the most, in ASCII and in Arabic (256 bytes). */
static void test_length_limits(void **state)
{
	(void)state;
	char pw[600];
	build(pw, "abcdefghijklmnopqrstuvwxyz0123456789", 1, 128);
	assert_null(password_problem(pw, "ahmad"));
	build(pw, "abcdefghijklmnopqrstuvwxyz0123456789", 1, 129);
	assert_string_equal(password_problem(pw, "ahmad"), MAX_LEN);
	build(pw, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", 2, 128);
	assert_int_equal(strlen(pw), 256);
	assert_null(password_problem(pw, "ahmad"));
	build(pw, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", 2, 129);
	assert_string_equal(password_problem(pw, "ahmad"), MAX_LEN);
	/* four-byte characters: 128 emoji are 512 bytes and still allowed */
	build(pw, "😀😁😂🤣", 4, 128);
	assert_null(password_problem(pw, "ahmad"));
}

/* Hash and verify: a round trip, wrong passwords, salts, bad hashes. */
static void test_hash_verify(void **state)
{
	(void)state;
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX], h3[PASSWORD_HASH_MAX];
	const char *pw = "correct horse battery staple";
	assert_int_equal(password_hash(pw, h1), 0);
	assert_int_equal(password_hash(pw, h2), 0);
	/* argon2id with daam's parameters (t=2, m=19 MiB), random salt */
	assert_int_equal(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31), 0);
	assert_true(strlen(h1) < PASSWORD_HASH_MAX);
	assert_string_not_equal(h1, h2);
	assert_int_equal(password_verify(h1, pw), 1);
	assert_int_equal(password_verify(h2, pw), 1);
	assert_int_equal(password_verify(h1, "Correct horse battery staple"), 0);
	assert_int_equal(password_verify(h1, "correct horse battery stapl"), 0);
	assert_int_equal(password_verify(h1, ""), 0);

	const char *ar = "كلمة مرور عربية طويلة";
	assert_int_equal(password_hash(ar, h3), 0);
	assert_int_equal(password_verify(h3, ar), 1);
	assert_int_equal(password_verify(h3, "كلمة مرور عربية طويله"), 0);

	/* malformed hashes verify nothing */
	assert_int_equal(password_verify("not-a-hash", pw), 0);
	assert_int_equal(password_verify("", ""), 0);
	char cut[PASSWORD_HASH_MAX];
	snprintf(cut, sizeof cut, "%.*s", (int)strlen(h1) - 4, h1);
	assert_int_equal(password_verify(cut, pw), 0);

	/* the dummy hash is a real argon2id hash that matches nothing given */
	const char *dummy = password_dummy_hash();
	assert_int_equal(strncmp(dummy, "$argon2id$", 10), 0);
	assert_int_equal(password_verify(dummy, ""), 0);
	assert_int_equal(password_verify(dummy, pw), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_repeated_multibyte),
		cmocka_unit_test(test_length_limits),
		cmocka_unit_test(test_hash_verify),
	};
	return cmocka_run_group_tests_name("password", tests, setup, NULL);
}

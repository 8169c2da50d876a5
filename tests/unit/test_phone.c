/*
 * Unit tests for src/core/phone.c: Syrian mobile and landline numbers in the
 * ways staff type them, foreign numbers, and rejection of implausible input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/phone.h"

struct phone_case {
	const char *in;
	const char *want; /* NULL: must be rejected */
};

static const struct phone_case cases[] = {
	/* Syrian mobile, every common way of writing it */
	{ "0944123456", "+963944123456" },
	{ "0944 123 456", "+963944123456" },
	{ "0944-123-456", "+963944123456" },
	{ "0944.123.456", "+963944123456" },
	{ "(0944) 123456", "+963944123456" },
	{ "+963944123456", "+963944123456" },
	{ "+963 944 123 456", "+963944123456" },
	{ "+963-944-123-456", "+963944123456" },
	{ "00963944123456", "+963944123456" },
	{ "00 963 944 123 456", "+963944123456" },
	{ "963944123456", "+963944123456" },
	{ "944123456", "+963944123456" },
	{ "+963 (0) 944 123 456", "+963944123456" },
	{ "+9630944123456", "+963944123456" },
	{ "  0933 111 222  ", "+963933111222" },
	{ "\t0999\t888\t777", "+963999888777" },
	{ "0958/123/456", "+963958123456" },
	/* Arabic-Indic, Persian and full-width digits */
	{ "٠٩٤٤١٢٣٤٥٦", "+963944123456" },
	{ "٠٩٤٤ ١٢٣ ٤٥٦", "+963944123456" },
	{ "+٩٦٣٩٤٤١٢٣٤٥٦", "+963944123456" },
	{ "۰۹۴۴۱۲۳۴۵۶", "+963944123456" },
	{ "٠٩٤٤123456", "+963944123456" },
	{ "\xef\xbc\x90\xef\xbc\x99\xef\xbc\x94\xef\xbc\x94" "123456", "+963944123456" },
	/* direction marks and odd spaces pasted from RTL apps */
	{ "\xe2\x80\xaa+963 944 123 456\xe2\x80\xac", "+963944123456" },
	{ "\xe2\x80\x8f" "0944\xc2\xa0" "123\xe2\x80\xaf" "456", "+963944123456" },
	{ "0944\xe2\x80\x93" "123\xe2\x80\x93" "456", "+963944123456" },
	/* landlines: Raqqa 22, Deir ez-Zor 51, Hasakah 52 (6-digit subscriber),
	 * Damascus 11 and Aleppo 21 (7-digit subscriber) */
	{ "022 123456", "+96322123456" },
	{ "022-21-34-56", "+96322213456" },
	{ "051 234567", "+96351234567" },
	{ "052 345678", "+96352345678" },
	{ "011 2345678", "+963112345678" },
	{ "021 2345678", "+963212345678" },
	{ "+963 22 123456", "+96322123456" },
	{ "0096351234567", "+96351234567" },
	{ "96322123456", "+96322123456" },
	/* other countries: kept as + and digits */
	{ "+90 532 123 45 67", "+905321234567" },
	{ "0090 532 123 4567", "+905321234567" },
	{ "+964 750 123 4567", "+9647501234567" },
	{ "00964-770-123-4567", "+9647701234567" },
	{ "+49 30 1234567", "+49301234567" },
	{ "+1 (202) 555-0143", "+12025550143" },
	{ "\xef\xbc\x8b" "49 30 1234567", "+49301234567" },

	/* rejected */
	{ "", NULL },
	{ "   ", NULL },
	{ "+", NULL },
	{ "0", NULL },
	{ "00", NULL },
	{ "abc", NULL },
	{ "0944 123 45a", NULL },
	{ "0944123456 ext 12", NULL },
	{ "tel:0944123456", NULL },
	{ "094412345", NULL },            /* mobile one digit short */
	{ "09441234567", NULL },          /* mobile one digit long */
	{ "0904123456", NULL },           /* 90 is not a mobile prefix */
	{ "02212345", NULL },             /* landline too short */
	{ "0221234567890", NULL },        /* landline too long */
	{ "0612345678", NULL },           /* area codes are 1x–5x */
	{ "001234567", NULL },            /* 00 then only 7 digits */
	{ "+963 12", NULL },
	{ "+963 0904123456", NULL },
	{ "+9639441234567", NULL },
	{ "05321234567", NULL },          /* Turkish national format */
	{ "07501234567", NULL },          /* Iraqi national format */
	{ "1234567", NULL },              /* local number without area code */
	{ "22123456", NULL },             /* landline without trunk 0 */
	{ "+1234567", NULL },             /* too few digits */
	{ "+1234567890123456", NULL },    /* more than 15 digits */
	{ "+0944123456", NULL },
	{ "++963944123456", NULL },
	{ "0944+123456", NULL },
	{ "0944123456+", NULL },
	{ "09\xff" "44123456", NULL },        /* invalid UTF-8 */
	{ "09\xc3", NULL },                   /* truncated UTF-8 */
	{ "09\xd9\xa4", NULL },             /* three digits */
};

static void test_phone_table(void **state)
{
	(void)state;
	char out[PHONE_NORM_SIZE];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = phone_normalize(cases[i].in, out, sizeof out);
		if (cases[i].want) {
			if (rc != 0 || strcmp(out, cases[i].want) != 0)
				print_error("case %zu \"%s\": rc %d out \"%s\", want \"%s\"\n",
						i, cases[i].in, rc, out, cases[i].want);
			assert_int_equal(rc, 0);
			assert_string_equal(out, cases[i].want);
		} else {
			if (rc != -1)
				print_error("case %zu \"%s\": accepted as \"%s\"\n",
						i, cases[i].in, out);
			assert_int_equal(rc, -1);
			assert_string_equal(out, "");
		}
	}
}

/* Every spelling of the same number normalizes to the same string. */
static void test_phone_same_number(void **state)
{
	(void)state;
	const char *spellings[] = {
		"0944123456", "+963 944 123 456", "00963-944-123-456",
		"٠٩٤٤١٢٣٤٥٦", "944 123 456", "(+963) 944.123.456",
	};
	char first[PHONE_NORM_SIZE], out[PHONE_NORM_SIZE];
	assert_int_equal(phone_normalize(spellings[0], first, sizeof first), 0);
	for (size_t i = 1; i < sizeof spellings / sizeof spellings[0]; i++) {
		assert_int_equal(phone_normalize(spellings[i], out, sizeof out), 0);
		assert_string_equal(out, first);
	}
}

static void test_phone_length_limit(void **state)
{
	(void)state;
	char out[PHONE_NORM_SIZE];
	char in[PHONE_INPUT_MAX + 2];
	/* 64 bytes: "0944123456" padded with spaces is accepted */
	memset(in, ' ', PHONE_INPUT_MAX);
	memcpy(in, "0944123456", 10);
	in[PHONE_INPUT_MAX] = '\0';
	assert_int_equal(phone_normalize(in, out, sizeof out), 0);
	assert_string_equal(out, "+963944123456");
	/* 65 bytes: rejected before parsing */
	memset(in, ' ', PHONE_INPUT_MAX + 1);
	memcpy(in, "0944123456", 10);
	in[PHONE_INPUT_MAX + 1] = '\0';
	assert_int_equal(phone_normalize(in, out, sizeof out), -1);
	/* a very long string is not read past the limit */
	static char big[100000];
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(phone_normalize(big, out, sizeof out), -1);
}

static void test_phone_out_buffer(void **state)
{
	(void)state;
	char out[PHONE_NORM_SIZE];
	/* "+963944123456" is 13 bytes + NUL */
	assert_int_equal(phone_normalize("0944123456", out, 14), 0);
	assert_string_equal(out, "+963944123456");
	memset(out, 'x', sizeof out);
	assert_int_equal(phone_normalize("0944123456", out, 13), -1);
	assert_string_equal(out, "");
	assert_int_equal(phone_normalize("0944123456", NULL, 14), -1);
	assert_int_equal(phone_normalize("0944123456", out, 0), -1);
	assert_int_equal(phone_normalize(NULL, out, sizeof out), -1);
	assert_string_equal(out, "");
	/* the longest accepted number fits PHONE_NORM_SIZE */
	assert_int_equal(phone_normalize("+123456789012345", out, sizeof out), 0);
	assert_string_equal(out, "+123456789012345");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_table),
		cmocka_unit_test(test_phone_same_number),
		cmocka_unit_test(test_phone_length_limit),
		cmocka_unit_test(test_phone_out_buffer),
	};
	return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}

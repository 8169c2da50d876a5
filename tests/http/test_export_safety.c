/* test_export_safety — what an export writes is safe in the spreadsheet that
 * opens it and true to the data: every CSV field quoted, a formula after a
 * semicolon inside a cell neutralized (Excel set to the ";" separator of
 * Arabic locales), and place names written as they are — never
 * HTML-escaped (&lt;) in CSV.  Against a real server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "core/banned.h"

#define EVIL_NAME "سعيد;=cmd|' /C calc'!A0"
#define ODD_PLACE "حي <الجسر> & \"القديم\""

static void test_csv_fields_quoted_and_neutralized(void **state)
{
	long long pid = sql_int("SELECT id FROM people WHERE place_id IS NOT NULL ORDER BY id LIMIT 1", "");
	long long place = sql_int("SELECT place_id FROM people WHERE id = ?1", "i", pid);
	assert_true(pid > 0 && place > 0);
	char *old_place = sql_text("SELECT name_ar FROM places WHERE id = ?1", "i", place);
	sql_int("UPDATE people SET name_ar = ?1 WHERE id = ?2", "ti", EVIL_NAME, pid);
	sql_int("UPDATE places SET name_ar = ?1 WHERE id = ?2", "ti", ODD_PLACE, place);

	struct browser b;
	browser_init(&b, *state);
	b.accept_language = "ar";
	sign_in(&b, "director");
	struct response *r = http_get(&b, "/people/export?format=csv&identified=1");
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/csv"));
	/* the name: one quoted field, the formula after ';' neutralized */
	assert_true(resp_contains(r, "\"سعيد;'=cmd|' /C calc'!A0\""));
	assert_false(resp_contains(r, ";=cmd"));
	/* the place: as it is (quotes doubled by CSV), never &lt; */
	assert_true(resp_contains(r, "حي <الجسر> & \"\"القديم\"\""));
	assert_false(resp_contains(r, "&lt;"));
	assert_false(resp_contains(r, "&amp;"));
	/* every field of every line is quoted: no line has a bare comma-separated
	 * field (each line starts and ends with a quote) */
	const char *line = strstr(r->body, "\r\n");
	assert_non_null(line);
	for (line += 2; *line; ) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_int_equal(line[0], '"');
		assert_int_equal(end[-1], '"');
		line = end + 2;
	}
	response_free(r);
	/* the page still escapes the place for HTML */
	char path[64];
	snprintf(path, sizeof path, "/people/%lld", pid);
	r = http_get(&b, path);
	assert_int_equal(r->status, 200);
	assert_true(resp_contains(r, "حي &lt;الجسر&gt; &amp; &quot;القديم&quot;"));
	assert_false(resp_contains(r, "<الجسر>"));
	response_free(r);
	sql_int("UPDATE places SET name_ar = ?1 WHERE id = ?2", "ti", old_place, place);
	free(old_place);
	browser_free(&b);
}

static void test_server_stops_cleanly(void **state)
{
	assert_int_equal(server_stop(*state), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_fields_quoted_and_neutralized),
		cmocka_unit_test(test_server_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup_db, group_teardown);
}

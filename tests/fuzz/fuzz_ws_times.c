/*
 * fuzz_ws_times — libFuzzer target for the workspace's time rules
 * (src/workspace/rules.c): ws_time_parse, ws_hm, ws_fit and ws_expand on
 * text as a form or the API gives it.
 *
 * Input: NUL-separated fields: start, end, opens, closes, closed days,
 * until, then one byte of rule (frequency) and one of times.  Besides
 * memory errors the target checks the contract: a parsed time is within
 * the day; ws_expand never returns more slots than asked, each slot a valid
 * time, in order, ending after it starts on its own day, and with ONCE the
 * slot itself; ws_fit OK means both times parse, the end is later and on
 * the same day, and (with hours) within them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "workspace/rules.h"

#define MAX 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = 0;
	const char *f[6] = { "", "", "", "", "", "" };
	size_t k = 0, at = 0;
	for (size_t i = 0; i <= size && k < 6; i++)
		if (i == size || buf[i] == 0) {
			buf[i] = 0;
			f[k++] = buf + at;
			at = i + 1;
		}
	unsigned rule = at < size ? data[at] : 0, times = at + 1 < size ? data[at + 1] : 0;
	int y, m, d, t;
	if (ws_time_parse(f[0], &y, &m, &d, &t) == 0 && (t < 0 || t >= 1440 || m < 1 || m > 12 || d < 1 || d > 31))
		abort();
	int hm = ws_hm(f[2]);
	if (hm < -1 || hm > 1440)
		abort();
	enum ws_fit fit = ws_fit(f[0], f[1], *f[2] ? f[2] : NULL, f[3], f[4]);
	if (fit == WS_FIT_OK) {
		if (ws_time_parse(f[0], NULL, NULL, NULL, NULL) || ws_time_parse(f[1], NULL, NULL, NULL, NULL)
		    || strcmp(f[0], f[1]) >= 0 || memcmp(f[0], f[1], 10) != 0)
			abort();
		if (*f[2] && (ws_minutes(f[0], f[1]) <= 0 || strcmp(f[0] + 11, f[2]) < 0 || strcmp(f[1] + 11, f[3]) > 0))
			abort();
	}
	struct ws_slot *slots = malloc(sizeof *slots * MAX);
	int n = ws_expand(f[0], f[1], (enum ws_freq)(rule % 4), f[5], (int)(times % 40) - 2, slots, MAX);
	if (n > MAX || n < -2)
		abort();
	for (int i = 0; i < n; i++) {
		if (ws_fit(slots[i].start, slots[i].end, NULL, NULL, NULL) != WS_FIT_OK)
			abort();
		if (i && strcmp(slots[i - 1].start, slots[i].start) >= 0)
			abort();
	}
	if (n > 0 && rule % 4 == WS_ONCE && (n != 1 || strcmp(slots[0].start, f[0]) || strcmp(slots[0].end, f[1])))
		abort();
	free(slots);
	free(buf);
	return 0;
}

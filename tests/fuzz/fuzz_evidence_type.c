/*
 * fuzz_evidence_type — libFuzzer target for evidence_type
 * (src/incubation/files.c), which decides from a file's first bytes
 * whether an upload is a photo or a scan daam keeps.  Checks its contract:
 * NULL or one of the four types; the answer depends only on the first 12
 * bytes (what follows cannot turn a refused file into an accepted one);
 * and each type's signature is really there.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "incubation/incubation.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	const char *t = evidence_type(data, size);
	if (t && strcmp(t, "image/jpeg") && strcmp(t, "image/png") && strcmp(t, "image/webp") && strcmp(t, "application/pdf"))
		abort();
	if (t && !strcmp(t, "image/jpeg") && !(size >= 4 && data[0] == 0xFF && data[1] == 0xD8))
		abort();
	if (t && !strcmp(t, "application/pdf") && memcmp(data, "%PDF-", 5) != 0)
		abort();
	if (size > 12) {
		const char *head = evidence_type(data, 12);
		if ((head == NULL) != (t == NULL) || (head && strcmp(head, t)))
			abort();
	}
	return 0;
}

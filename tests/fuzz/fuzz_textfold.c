/*
 * fuzz_textfold — libFuzzer target for text_fold (src/core/textfold.c),
 * which folds names and search terms.  Checks the contract of textfold.h:
 * NULL exactly for invalid UTF-8; otherwise valid UTF-8 with no control
 * characters, no leading, trailing or doubled spaces; the buffer variant
 * gives the same bytes; and folding is idempotent (a canonical form folds
 * to itself), with each flag combination chosen by the first byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/textfold.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 8192)
		return 0;
	unsigned flags = data[0] & 7;
	const char *in = (const char *)data + 1;
	size_t len = size - 1;

	char *f = flags ? text_fold_ex(in, len, flags) : text_fold(in, len);
	int valid = utf8_count(in, len) >= 0;
	if (!valid) {
		if (f)
			abort();
		char small[8];
		if (text_fold_buf_ex(in, len, small, sizeof small, flags) != -1)
			abort();
		return 0;
	}
	if (!f)
		abort();
	size_t fl = strlen(f);
	if (utf8_count(f, fl) < 0)
		abort();
	if (fl && (f[0] == ' ' || f[fl - 1] == ' '))
		abort();
	if (strstr(f, "  "))
		abort();
	for (size_t i = 0; i < fl; i++)
		if ((unsigned char)f[i] < 0x20 || f[i] == 0x7f)
			abort();

	/* the buffer variant: same result when it fits, -1 when one byte short */
	char *buf = malloc(fl + 1);
	if (!buf)
		abort();
	if (text_fold_buf_ex(in, len, buf, fl + 1, flags) != (int)fl || memcmp(buf, f, fl + 1) != 0)
		abort();
	if (fl > 0 && (text_fold_buf_ex(in, len, buf, fl, flags) != -1 || buf[0] != 0))
		abort();
	free(buf);

	char *again = text_fold_ex(f, fl, flags);
	if (!again || strcmp(again, f) != 0)
		abort();
	free(again);
	free(f);
	return 0;
}

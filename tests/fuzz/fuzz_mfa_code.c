/*
 * fuzz_mfa_code — libFuzzer target for mfa_parse (src/auth/totp.c), the
 * reader of what a person types in the second factor's code field (a
 * 6-digit code, or a recovery code; spaces, dashes, direction marks,
 * Arabic-Indic digits), and for the check that follows it.
 *
 * Input: one byte for the output buffer's size, then the text (up to the
 * first NUL, as a form value would be).  The output buffer is a heap block
 * of exactly that size so ASan sees a write past it.  Besides memory errors
 * the target checks the contract: MFA_BAD leaves "", MFA_TOTP six ASCII
 * digits, MFA_RECOVERY twelve symbols of the recovery alphabet; a TOTP
 * result goes through totp_verify and a recovery one through the hash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "auth/totp.h"

static const char alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		totp_init();
		ready = 1;
	}
	if (size < 1)
		return 0;
	size_t outsz = data[0] % 48;
	char *in = malloc(size);
	memcpy(in, data + 1, size - 1);
	in[size - 1] = 0;
	char *out = outsz ? malloc(outsz) : NULL;
	enum mfa_input kind = out ? mfa_parse(in, out, outsz) : MFA_BAD;
	if (out) {
		size_t n = strlen(out);
		if (kind == MFA_BAD && n != 0)
			abort();
		if (kind == MFA_TOTP) {
			if (n != TOTP_DIGITS)
				abort();
			for (size_t i = 0; i < n; i++)
				if (out[i] < '0' || out[i] > '9')
					abort();
			static const unsigned char secret[TOTP_SECRET_BYTES] = "12345678901234567890";
			int64_t step = totp_verify(secret, sizeof secret, 1700000000, out, 0);
			if (step != 0 && (step < 1700000000 / 30 - 1 || step > 1700000000 / 30 + 1))
				abort();
		}
		if (kind == MFA_RECOVERY) {
			if (n != RECOVERY_CHARS)
				abort();
			for (size_t i = 0; i < n; i++)
				if (!memchr(alphabet, out[i], sizeof alphabet - 1))
					abort();
			unsigned char h[32];
			recovery_hash(1, out, h);
		}
	}
	free(out);
	free(in);
	return 0;
}

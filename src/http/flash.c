/* flash — signed cookie values for the message of the next page (see
 * flash.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "http/flash.h"
#include "core/banned.h"

#define SEP '\x1f'   /* between the parts; never in a part (control characters become spaces) */
#define PAYLOAD_MAX (4 * FLASH_TEXT_MAX + 32)

static unsigned char key[crypto_auth_KEYBYTES];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void key_make(void)
{
	if (sodium_init() < 0)
		abort();
	crypto_auth_keygen(key);
}

/* Appends at most FLASH_TEXT_MAX bytes of s, never cutting a UTF-8
 * character, control characters as spaces. */
static void add_part(struct strbuf *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n > FLASH_TEXT_MAX) {
		n = FLASH_TEXT_MAX;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		sb_addc(sb, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i]);
}

void flash_encode(struct strbuf *sb, time_t now, const char *text, const char *href, const char *label)
{
	pthread_once(&key_once, key_make);
	struct strbuf p = STRBUF_INIT;
	sb_addf(&p, "%lld%c", (long long)now, SEP);
	add_part(&p, text);
	sb_addc(&p, SEP);
	add_part(&p, href);
	sb_addc(&p, SEP);
	add_part(&p, label);
	unsigned char mac[crypto_auth_BYTES];
	crypto_auth(mac, (const unsigned char *)sb_str(&p), p.len, key);
	char b64[sodium_base64_ENCODED_LEN(PAYLOAD_MAX, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char m64[sodium_base64_ENCODED_LEN(crypto_auth_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	if (p.len <= PAYLOAD_MAX && !p.failed) {
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)p.buf, p.len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		sodium_bin2base64(m64, sizeof m64, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		sb_addf(sb, "%s.%s", b64, m64);
	}
	sb_release(&p);
}

int flash_decode(const char *value, time_t now, char *buf, size_t bufsz, const char **text, const char **href,
		 const char **label)
{
	pthread_once(&key_once, key_make);
	const char *dot = value ? strchr(value, '.') : NULL;
	if (!dot || bufsz < 2)
		return -1;
	unsigned char mac[crypto_auth_BYTES];
	size_t len = 0, maclen = 0;
	if (sodium_base642bin((unsigned char *)buf, bufsz - 1, value, (size_t)(dot - value), NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    sodium_base642bin(mac, sizeof mac, dot + 1, strlen(dot + 1), NULL, &maclen, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    maclen != sizeof mac || crypto_auth_verify(mac, (const unsigned char *)buf, len, key) != 0)
		return -1;
	buf[len] = 0;
	if (strlen(buf) != len)
		return -1;
	char *t = strchr(buf, SEP), *h = t ? strchr(t + 1, SEP) : NULL, *l = h ? strchr(h + 1, SEP) : NULL;
	if (!l)
		return -1;
	*t = *h = *l = 0;
	char *end;
	long long made = strtoll(buf, &end, 10);
	if (end != t || made > (long long)now || (long long)now - made > FLASH_MAX_AGE)
		return -1;
	*text = t + 1;
	*href = h + 1;
	*label = l + 1;
	return 0;
}

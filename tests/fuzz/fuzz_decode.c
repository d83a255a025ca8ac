/*
 * fuzz_decode.c feeds the transfer decoders (quoted-printable, Q words,
 * base64) and the charset conversion.  The input is a charset name, a
 * newline, then the bytes; base64 must give back what it was given.
 */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const uint8_t *nl;
	char	      *charset = NULL, *out, *enc;
	const char    *body = (const char *)data;
	size_t	       blen = len, olen;

	if ((nl = memchr(data, '\n', len < 40 ? len : 40)) != NULL) {
		charset = fuzz_strndup(data, nl - data);
		body = (const char *)nl + 1;
		blen = len - (nl - data) - 1;
	}
	free(decode_qp(body, blen, &olen));
	free(decode_qword(body, blen, &olen));
	out = decode_base64(body, blen, &olen);
	free(out);

	enc = encode_base64(body, blen);
	out = decode_base64(enc, strlen(enc), &olen);
	if (olen != blen || memcmp(out, body, blen) != 0)
		abort();
	free(out);
	free(enc);

	if (charset != NULL)
		(void)charset_known(charset);
	out = charset_to_utf8(charset, body, blen, &olen);
	if (strlen(out) > olen)
		abort();
	free(out);
	free(charset);
	return (0);
}

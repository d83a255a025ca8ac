/*
 * Content transfer encodings and charsets.  All lenient: mail in the wild is
 * broken, and showing most of a message beats showing none of it.
 */
#ifndef TERN_DECODE_H
#define TERN_DECODE_H

#include <stddef.h>

/* Quoted-printable (RFC 2045 6.7); soft line breaks joined, bad escapes kept. */
char *decode_qp(const char *, size_t, size_t *);

/* Quoted-printable as in an RFC 2047 Q word: also '_' is a space. */
char *decode_qword(const char *, size_t, size_t *);

/* Base64; characters outside the alphabet are skipped. */
char *decode_base64(const char *, size_t, size_t *);

/* A hex digit's value, or -1. */
int decode_hex_digit(char);
/*
 * A base64 character's value, or -1; c63 is the 64th character: '/' in
 * RFC 4648, ',' in IMAP's modified UTF-7.
 */
int decode_base64_digit(char, char c63);

/* Base64 of any bytes, one line, NUL-terminated. */
char *encode_base64(const void *, size_t);

/*
 * Convert from a charset to UTF-8 with iconv, under the names mail uses
 * (ks_c_5601-1987, x-sjis, gb2312 as GB18030...).  "utf-8" copies the
 * bytes (the sanitizer turns what is not UTF-8 into U+FFFD).  NULL,
 * "us-ascii" or an unknown charset copy valid UTF-8, and read anything
 * else as windows-1252, so that a lying label loses no text.  Bytes iconv
 * cannot convert become U+FFFD.  Never NULL; *outlen (if not NULL) gets
 * the length.
 */
char *charset_to_utf8(const char *, const char *, size_t, size_t *);

/* Whether iconv knows the charset. */
int charset_known(const char *);

#endif

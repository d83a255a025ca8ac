/*
 * The encodings of writing a message: base64 and quoted-printable bodies,
 * RFC 2047 encoded words in header fields, RFC 2231 parameter values, and
 * header folding.  Every output line ends in CRLF.
 */
#ifndef TERN_ENCODE_H
#define TERN_ENCODE_H

#include <stddef.h>

struct strbuf;

/* base64 in lines of 76 characters. */
void encode_base64_lines(struct strbuf *, const void *, size_t);
/* Quoted-printable of text whose lines end in LF (a CR before it goes). */
void encode_qp(struct strbuf *, const char *, size_t);
/*
 * Text for an unstructured field or a phrase: as it is when it is printable
 * ASCII that could not be taken for an encoded word, else as UTF-8 encoded
 * words of at most 60 characters (so that the first fits on the line of its
 * field name), separated by spaces, each cut on a character boundary.
 * phrase: the text is a display name; one with specials is quoted.
 */
void encode_words(struct strbuf *, const char *, int phrase);
/*
 * The field "name: value" folded at blanks so that lines keep within 78
 * characters where a blank allows it.
 */
void encode_field(struct strbuf *, const char *name, const char *value);
/*
 * A parameter "; name=value" of Content-Type or Content-Disposition: quoted
 * when it is short ASCII, else in RFC 2231 pieces (name*0*=utf-8''...),
 * each on a line of its own.
 */
void encode_param(struct strbuf *, const char *name, const char *value);

#endif

/*
 * Choosing and decoding the part of a message the pager shows, from the
 * server's BODYSTRUCTURE, so that only that part is fetched.
 */
#ifndef TERN_MIME_H
#define TERN_MIME_H

#include <stddef.h>
#include <stdint.h>

#define MIME_MAX_DEPTH 32

struct mailimap_body;
struct mailimap_body_fields;

struct mime_text {
	uint32_t path[MIME_MAX_DEPTH]; /* section, e.g. 1.2 */
	size_t	 depth;
	int	 encoding;
#define MIME_ENC_IDENTITY 0
#define MIME_ENC_QP 1
#define MIME_ENC_BASE64 2
	char	*charset;
	int	 html;
	int	 flowed; /* format=flowed: soft breaks to undo */
	int	 delsp;
	uint32_t size;
};

/* Find the text to show: text/plain first, else text/html.  0 if found. */
int mime_find_text(struct mailimap_body *, struct mime_text *);
/* A summary of the structure for a message with no text part. */
char *mime_describe(struct mailimap_body *);
/* Undo the transfer encoding and convert to UTF-8. */
char *mime_decode(const struct mime_text *, const char *, size_t);
void  mime_text_clear(struct mime_text *);
/* A part's transfer encoding, MIME_ENC_*: identity for all but QP and
 * base64. */
int mime_encoding(struct mailimap_body_fields *);

#endif

/*
 * RFC 2231 parameter values: charset'language'%XX values and continuations
 * (name*0, name*1*, ...), as in Content-Type and Content-Disposition
 * parameters such as filename and name.
 */
#ifndef TERN_RFC2231_H
#define TERN_RFC2231_H

#include <stddef.h>

/* One parameter as the message wrote it: "filename*0*" and its value. */
struct rfc2231_param {
	const char *name;
	const char *value;
};

/*
 * The value of parameter name (e.g. "filename") among the n given, put
 * together from its RFC 2231 pieces and converted to UTF-8; a plain value
 * (no '*') is taken as it is, with RFC 2047 words decoded, since many
 * mailers write those.  The RFC 2231 form wins over a plain one.  NULL if
 * the parameter is absent.  Not sanitized.
 */
char *rfc2231_param(const struct rfc2231_param *, size_t n, const char *name);

#endif

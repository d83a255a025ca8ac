/*
 * Addresses as a user types them in a draft's To, Cc, Bcc and From, or as
 * a message carries them, read with libetpan's RFC 5322 parser and checked
 * further than it checks.
 */
#ifndef TERN_MIME_ADDR_H
#define TERN_MIME_ADDR_H

#include <stddef.h>

struct mime_addr {
	char *name; /* display name, UTF-8 (RFC 2047 decoded), or NULL */
	char *spec; /* addr-spec: local@domain, printable ASCII */
};

/*
 * Read an address list (groups are flattened to their members).  An empty
 * list is no error.  0 and the addresses, or -1 and *err, a sentence
 * naming the address that is wrong.
 */
int  mime_addr_parse(const char *, size_t, struct mime_addr **, size_t *,
     char **);
void mime_addr_free(struct mime_addr *, size_t);
/* Whether two addr-specs name one mailbox: the domain in any case. */
int mime_addr_same(const char *, const char *);

#endif

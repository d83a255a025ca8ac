/*
 * The parts of a message, as a flat list made from BODYSTRUCTURE: what
 * the attachment screen shows and what a save or a viewer asks for.  Owned
 * strings only: no libetpan structure outlives the FETCH that brought it.
 */
#ifndef TERN_MIME_PARTS_H
#define TERN_MIME_PARTS_H

#include <stddef.h>
#include <stdint.h>

/* A hostile BODYSTRUCTURE can describe any number of parts. */
#define MIME_MAX_PARTS 1000

struct mailimap_body;

struct mime_part {
	char	*section;  /* as BODY[...] names it: "2.1" */
	char	*type;	   /* "image/png", lower case */
	char	*name;	   /* filename or name, decoded; not sanitized */
	char	*encname;  /* "base64", ... as the server said */
	uint32_t size;	   /* octets on the server, before decoding */
	int	 encoding; /* MIME_ENC_* */
	int	 depth;	   /* 0 for a part of the message itself */
};

/*
 * Every part but the multipart containers, in order; the parts of a
 * message/rfc822 follow it, one level deeper.  At most MIME_MAX_PARTS,
 * and none deeper than MIME_MAX_DEPTH.
 */
struct mime_part *mime_parts(struct mailimap_body *, size_t *);
void		  mime_parts_free(struct mime_part *, size_t);
/* A copy of a part (for a request). */
void mime_part_copy(struct mime_part *, const struct mime_part *);
void mime_part_clear(struct mime_part *);
/* "image/png" of a part, lower case; the caller frees it. */
char *mime_part_type(struct mailimap_body *);

#endif

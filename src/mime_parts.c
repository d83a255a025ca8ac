/*
 * mime_parts.c owns the list of a message's parts made from BODYSTRUCTURE:
 * section numbers, types, sizes, encodings and names.  It copies what it
 * keeps, caps what a server can make it keep, and never fetches anything.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "decode.h"
#include "mime.h"
#include "mime_parts.h"
#include "rfc2047.h"
#include "rfc2231.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Longest name kept from a message, in bytes; longer ones are cut. */
#define MIME_PART_NAME_MAX 1024

struct mime_parts_walk {
	struct mime_part *parts;
	size_t		  n;
	uint32_t	  path[MIME_MAX_DEPTH + 1];
};

static void
mime_lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

char *
mime_part_type(struct mailimap_body *b)
{
	struct mailimap_body_type_1part *one;
	struct mailimap_media_basic	*mb;
	const char			*type = "application", *sub = NULL;
	char				*s;

	if (b->bd_type == MAILIMAP_BODY_MPART) {
		type = "multipart";
		sub = b->bd_data.bd_body_mpart->bd_media_subtype;
	} else if ((one = b->bd_data.bd_body_1part) != NULL) {
		switch (one->bd_type) {
		case MAILIMAP_BODY_TYPE_1PART_BASIC:
			if ((mb = one->bd_data.bd_type_basic->bd_media_basic) ==
			    NULL)
				break;
			switch (mb->med_type) {
			case MAILIMAP_MEDIA_BASIC_IMAGE:
				type = "image";
				break;
			case MAILIMAP_MEDIA_BASIC_AUDIO:
				type = "audio";
				break;
			case MAILIMAP_MEDIA_BASIC_VIDEO:
				type = "video";
				break;
			case MAILIMAP_MEDIA_BASIC_OTHER:
				type = mb->med_basic_type;
				break;
			case MAILIMAP_MEDIA_BASIC_MESSAGE:
				type = "message";
				break;
			default:
				break;
			}
			sub = mb->med_subtype;
			break;
		case MAILIMAP_BODY_TYPE_1PART_MSG:
			type = "message";
			sub = "rfc822";
			break;
		case MAILIMAP_BODY_TYPE_1PART_TEXT:
			type = "text";
			sub = one->bd_data.bd_type_text->bd_media_text;
			break;
		}
	}
	s = xasprintf("%s/%s", type != NULL ? type : "application",
	    sub != NULL ? sub : "octet-stream");
	mime_lower(s);
	return (s);
}

static struct mailimap_body_fields *
mime_part_fields(struct mailimap_body_type_1part *one)
{
	switch (one->bd_type) {
	case MAILIMAP_BODY_TYPE_1PART_BASIC:
		return (one->bd_data.bd_type_basic->bd_fields);
	case MAILIMAP_BODY_TYPE_1PART_MSG:
		return (one->bd_data.bd_type_msg->bd_fields);
	case MAILIMAP_BODY_TYPE_1PART_TEXT:
		return (one->bd_data.bd_type_text->bd_fields);
	}
	return (NULL);
}

/*
 * A parameter's value by rfc2231.c: its RFC 2231 pieces put together, or
 * a plain value with its RFC 2047 words decoded; NULL if absent.
 */
static char *
mime_param_value(struct mailimap_body_fld_param *params, const char *name)
{
	struct mailimap_single_body_fld_param *sp;
	struct rfc2231_param		      *p;
	clistiter			      *it;
	size_t				       n = 0;
	char				      *v;

	if (params == NULL)
		return (NULL);
	p = xreallocarray(NULL, (size_t)clist_count(params->pa_list) + 1,
	    sizeof *p);
	for (it = clist_begin(params->pa_list); it != NULL;
	     it = clist_next(it)) {
		sp = clist_content(it);
		if (sp->pa_name != NULL && sp->pa_value != NULL) {
			p[n].name = sp->pa_name;
			p[n++].value = sp->pa_value;
		}
	}
	v = rfc2231_param(p, n, name);
	free(p);
	return (v);
}

/* Content-Disposition's filename, else Content-Type's name. */
static char *
mime_name(struct mailimap_body_type_1part *one, struct mailimap_body_fields *bf)
{
	struct mailimap_body_fld_param *dsp = NULL, *ct;
	char			       *name;
	size_t				len;

	if (one->bd_ext_1part != NULL &&
	    one->bd_ext_1part->bd_disposition != NULL)
		dsp = one->bd_ext_1part->bd_disposition->dsp_attributes;
	ct = bf != NULL ? bf->bd_parameter : NULL;
	if ((name = mime_param_value(dsp, "filename")) == NULL &&
	    (name = mime_param_value(ct, "name")) == NULL)
		return (NULL);
	len = strlen(name);
	if (len > MIME_PART_NAME_MAX) {
		len = MIME_PART_NAME_MAX;
		while (len > 0 && ((unsigned char)name[len] & 0xc0) == 0x80)
			len--;
		name[len] = '\0';
	}
	return (name);
}

static char *
mime_encname(struct mailimap_body_fields *bf)
{
	static const char *const names[] = {
		[MAILIMAP_BODY_FLD_ENC_7BIT] = "7bit",
		[MAILIMAP_BODY_FLD_ENC_8BIT] = "8bit",
		[MAILIMAP_BODY_FLD_ENC_BINARY] = "binary",
		[MAILIMAP_BODY_FLD_ENC_BASE64] = "base64",
		[MAILIMAP_BODY_FLD_ENC_QUOTED_PRINTABLE] = "quoted-printable",
	};
	struct mailimap_body_fld_enc *e;

	if (bf == NULL || (e = bf->bd_encoding) == NULL)
		return (xstrdup("7bit"));
	if (e->enc_type >= 0 && e->enc_type < MAILIMAP_BODY_FLD_ENC_OTHER)
		return (xstrdup(names[e->enc_type]));
	return (xstrdup(e->enc_value != NULL ? e->enc_value : "?"));
}

static char *
mime_section(const uint32_t *path, size_t depth)
{
	struct strbuf sb;
	size_t	      i;

	strbuf_init(&sb);
	for (i = 0; i < depth; i++)
		strbuf_printf(&sb, "%s%u", i > 0 ? "." : "", path[i]);
	return (strbuf_detach(&sb, NULL));
}

/*
 * depth is the length of the path so far; inner is set for the body of a
 * message/rfc822, whose single part is numbered below it (2.1) and whose
 * multipart's children are (2.1, 2.2).  A single-part message's own body
 * is section 1.
 */
static void
mime_parts_walk(struct mime_parts_walk *w, struct mailimap_body *b,
    size_t depth, int level, int inner)
{
	struct mailimap_body_type_1part *one;
	struct mailimap_body_fields	*bf;
	struct mime_part		*p;
	clistiter			*it;
	uint32_t			 n = 0;

	if (b == NULL || w->n >= MIME_MAX_PARTS)
		return;
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		if (depth >= MIME_MAX_DEPTH)
			return;
		for (it = clist_begin(b->bd_data.bd_body_mpart->bd_list);
		     it != NULL && w->n < MIME_MAX_PARTS; it = clist_next(it)) {
			w->path[depth] = ++n;
			mime_parts_walk(w, clist_content(it), depth + 1, level,
			    0);
		}
		return;
	}
	if ((one = b->bd_data.bd_body_1part) == NULL)
		return;
	if (depth == 0 || inner) {
		if (depth >= MIME_MAX_DEPTH)
			return;
		w->path[depth++] = 1;
	}
	bf = mime_part_fields(one);
	if (w->n % 16 == 0)
		w->parts = xreallocarray(w->parts, w->n + 16, sizeof *w->parts);
	p = &w->parts[w->n++];
	memset(p, 0, sizeof *p);
	p->section = mime_section(w->path, depth);
	p->type = mime_part_type(b);
	p->name = mime_name(one, bf);
	p->encname = mime_encname(bf);
	p->encoding = mime_encoding(bf);
	p->size = bf != NULL ? bf->bd_size : 0;
	p->depth = level;
	if (one->bd_type == MAILIMAP_BODY_TYPE_1PART_MSG &&
	    one->bd_data.bd_type_msg != NULL)
		mime_parts_walk(w, one->bd_data.bd_type_msg->bd_body, depth,
		    level + 1, 1);
}

struct mime_part *
mime_parts(struct mailimap_body *b, size_t *n)
{
	struct mime_parts_walk w;

	memset(&w, 0, sizeof w);
	mime_parts_walk(&w, b, 0, 0, 0);
	*n = w.n;
	return (w.parts);
}

void
mime_part_clear(struct mime_part *p)
{
	FREE(&p->section);
	FREE(&p->type);
	FREE(&p->name);
	FREE(&p->encname);
}

void
mime_part_copy(struct mime_part *to, const struct mime_part *from)
{
	*to = *from;
	to->section = from->section != NULL ? xstrdup(from->section) : NULL;
	to->type = from->type != NULL ? xstrdup(from->type) : NULL;
	to->name = from->name != NULL ? xstrdup(from->name) : NULL;
	to->encname = from->encname != NULL ? xstrdup(from->encname) : NULL;
}

void
mime_parts_free(struct mime_part *parts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mime_part_clear(&parts[i]);
	free(parts);
}

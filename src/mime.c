/*
 * mime.c owns reading BODYSTRUCTURE: which part is the text to show, in
 * which encoding and charset.  It must never ask for or hold a whole
 * message: the point of BODYSTRUCTURE is to fetch only the part shown.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "decode.h"
#include "flowed.h"
#include "mime.h"
#include "mime_parts.h"
#include "strbuf.h"
#include "xmalloc.h"

int
mime_encoding(struct mailimap_body_fields *bf)
{
	if (bf == NULL || bf->bd_encoding == NULL)
		return (MIME_ENC_IDENTITY);
	switch (bf->bd_encoding->enc_type) {
	case MAILIMAP_BODY_FLD_ENC_QUOTED_PRINTABLE:
		return (MIME_ENC_QP);
	case MAILIMAP_BODY_FLD_ENC_BASE64:
		return (MIME_ENC_BASE64);
	case MAILIMAP_BODY_FLD_ENC_OTHER:
		if (bf->bd_encoding->enc_value != NULL &&
		    strcasecmp(bf->bd_encoding->enc_value,
			"quoted-printable") == 0)
			return (MIME_ENC_QP);
		if (bf->bd_encoding->enc_value != NULL &&
		    strcasecmp(bf->bd_encoding->enc_value, "base64") == 0)
			return (MIME_ENC_BASE64);
		return (MIME_ENC_IDENTITY);
	default:
		return (MIME_ENC_IDENTITY);
	}
}

static const char *
mime_param(struct mailimap_body_fields *bf, const char *name)
{
	struct mailimap_single_body_fld_param *p;
	clistiter			      *it;

	if (bf == NULL || bf->bd_parameter == NULL)
		return (NULL);
	for (it = clist_begin(bf->bd_parameter->pa_list); it != NULL;
	     it = clist_next(it)) {
		p = clist_content(it);
		if (p->pa_name != NULL && p->pa_value != NULL &&
		    strcasecmp(p->pa_name, name) == 0)
			return (p->pa_value);
	}
	return (NULL);
}

static void
mime_take(struct mailimap_body_type_text *t, const uint32_t *path, size_t depth,
    int html, struct mime_text *out)
{
	const char *cs;

	mime_text_clear(out);
	memcpy(out->path, path, depth * sizeof *path);
	out->depth = depth;
	out->encoding = mime_encoding(t->bd_fields);
	cs = mime_param(t->bd_fields, "charset");
	out->charset = cs != NULL ? xstrdup(cs) : NULL;
	out->html = html;
	cs = mime_param(t->bd_fields, "format");
	out->flowed = !html && cs != NULL && strcasecmp(cs, "flowed") == 0;
	cs = mime_param(t->bd_fields, "delsp");
	out->delsp = cs != NULL && strcasecmp(cs, "yes") == 0;
	out->size = t->bd_fields != NULL ? t->bd_fields->bd_size : 0;
}

/*
 * Walk the tree depth first.  A text/plain anywhere wins (the first one);
 * a text/html is kept as a fallback.  Returns 1 once text/plain is found.
 */
static int
mime_walk(struct mailimap_body *b, uint32_t *path, size_t depth,
    struct mime_text *out, int *have_html)
{
	struct mailimap_body_type_1part *one;
	struct mailimap_body_type_text	*t;
	clistiter			*it;
	uint32_t			 n = 0;

	if (b == NULL || depth >= MIME_MAX_DEPTH)
		return (0);
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		for (it = clist_begin(b->bd_data.bd_body_mpart->bd_list);
		     it != NULL; it = clist_next(it)) {
			path[depth] = ++n;
			if (mime_walk(clist_content(it), path, depth + 1, out,
				have_html))
				return (1);
		}
		return (0);
	}
	one = b->bd_data.bd_body_1part;
	if (one == NULL || one->bd_type != MAILIMAP_BODY_TYPE_1PART_TEXT)
		return (0);
	t = one->bd_data.bd_type_text;
	/* A single-part message's text is section 1. */
	if (depth == 0)
		path[depth++] = 1;
	if (t->bd_media_text != NULL &&
	    strcasecmp(t->bd_media_text, "plain") == 0) {
		mime_take(t, path, depth, 0, out);
		return (1);
	}
	if (!*have_html && t->bd_media_text != NULL &&
	    strcasecmp(t->bd_media_text, "html") == 0) {
		mime_take(t, path, depth, 1, out);
		*have_html = 1;
	}
	return (0);
}

int
mime_find_text(struct mailimap_body *b, struct mime_text *out)
{
	uint32_t path[MIME_MAX_DEPTH];
	int	 have_html = 0;

	memset(out, 0, sizeof *out);
	if (mime_walk(b, path, 0, out, &have_html))
		return (0);
	return (have_html ? 0 : -1);
}

static void
mime_describe_walk(struct mailimap_body *b, struct strbuf *sb, int depth)
{
	clistiter *it;
	char	  *type;

	if (b == NULL || depth >= MIME_MAX_DEPTH)
		return;
	type = mime_part_type(b);
	strbuf_printf(sb, "%*s%s\n", depth * 2, "", type);
	free(type);
	if (b->bd_type != MAILIMAP_BODY_MPART)
		return;
	for (it = clist_begin(b->bd_data.bd_body_mpart->bd_list); it != NULL;
	     it = clist_next(it))
		mime_describe_walk(clist_content(it), sb, depth + 1);
}

char *
mime_describe(struct mailimap_body *b)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "This message has no text part. Its parts:\n\n");
	mime_describe_walk(b, &sb, 0);
	return (strbuf_detach(&sb, NULL));
}

char *
mime_decode(const struct mime_text *mt, const char *data, size_t len)
{
	char  *raw, *text;
	size_t rawlen;

	switch (mt->encoding) {
	case MIME_ENC_QP:
		raw = decode_qp(data, len, &rawlen);
		break;
	case MIME_ENC_BASE64:
		raw = decode_base64(data, len, &rawlen);
		break;
	default:
		raw = xmalloc(len + 1);
		memcpy(raw, data, len);
		raw[len] = '\0';
		rawlen = len;
		break;
	}
	text = charset_to_utf8(mt->charset, raw, rawlen, NULL);
	free(raw);
	if (mt->flowed) {
		raw = text;
		text = flowed_unwrap(raw, strlen(raw), mt->delsp);
		free(raw);
	}
	return (text);
}

void
mime_text_clear(struct mime_text *mt)
{
	FREE(&mt->charset);
	mt->depth = 0;
}

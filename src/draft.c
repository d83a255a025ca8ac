/*
 * draft.c owns the message being written as a value: its fields, body and
 * attachments, the draft file the editor is given and the reading of it
 * afterwards.  It is a leaf with no I/O.  What it reads back came from an
 * editor, and ends up in a message: it must never let a line break, a NUL
 * or an unknown header through into a field, for that would let a value
 * write headers of its own ("Bcc:" hidden in a Subject).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draft.h"
#include "mime_addr.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xmalloc.h"

static const struct {
	const char *name;
	int	    address; /* an address list */
	int	    write;   /* always in the draft file, even empty */
} draft_fields[DRAFT_NFIELDS] = {
	[DRAFT_FROM] = { "From", 1, 1 },
	[DRAFT_TO] = { "To", 1, 1 },
	[DRAFT_CC] = { "Cc", 1, 1 },
	[DRAFT_BCC] = { "Bcc", 1, 1 },
	[DRAFT_SUBJECT] = { "Subject", 0, 1 },
	[DRAFT_REPLY_TO] = { "Reply-To", 1, 0 },
};

static const struct {
	const char *ext;
	const char *type;
} draft_types[] = {
	{ "txt", "text/plain" },
	{ "text", "text/plain" },
	{ "csv", "text/csv" },
	{ "html", "text/html" },
	{ "htm", "text/html" },
	{ "diff", "text/x-diff" },
	{ "patch", "text/x-diff" },
	{ "ics", "text/calendar" },
	{ "pdf", "application/pdf" },
	{ "json", "application/json" },
	{ "xml", "application/xml" },
	{ "zip", "application/zip" },
	{ "gz", "application/gzip" },
	{ "tar", "application/x-tar" },
	{ "odt", "application/vnd.oasis.opendocument.text" },
	{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ "doc", "application/msword" },
	{ "docx",
	    "application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml."
	    "document" },
	{ "xls", "application/vnd.ms-excel" },
	{ "xlsx",
	    "application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "svg", "image/svg+xml" },
	{ "webp", "image/webp" },
	{ "mp3", "audio/mpeg" },
	{ "ogg", "audio/ogg" },
	{ "mp4", "video/mp4" },
};

void
draft_init(struct draft *d)
{
	memset(d, 0, sizeof *d);
	d->body = xstrdup("");
}

void
draft_free(struct draft *d)
{
	size_t i;

	for (i = 0; i < DRAFT_NFIELDS; i++)
		free(d->field[i]);
	free(d->in_reply_to);
	free(d->references);
	free(d->body);
	for (i = 0; i < d->natt; i++) {
		free(d->att[i].name);
		free(d->att[i].type);
		free(d->att[i].data);
	}
	free(d->att);
	memset(d, 0, sizeof *d);
}

const char *
draft_field_name(enum draft_field f)
{
	return (draft_fields[f].name);
}

void
draft_set(struct draft *d, enum draft_field f, const char *v)
{
	free(d->field[f]);
	d->field[f] = v != NULL ? xstrdup(v) : NULL;
}

char *
draft_write(const struct draft *d, size_t *len)
{
	struct strbuf sb;
	const char   *p;
	size_t	      i;

	strbuf_init(&sb);
	for (i = 0; i < DRAFT_NFIELDS; i++) {
		if (d->field[i] == NULL && !draft_fields[i].write)
			continue;
		strbuf_printf(&sb, "%s: ", draft_fields[i].name);
		/* A value is one line; a control would break the file. */
		for (p = d->field[i] != NULL ? d->field[i] : ""; *p != '\0';
		     p++)
			strbuf_addc(&sb,
			    (unsigned char)*p < ' ' || *p == 0x7f ? ' ' : *p);
		strbuf_addc(&sb, '\n');
	}
	strbuf_addc(&sb, '\n');
	strbuf_adds(&sb, d->body);
	return (strbuf_detach(&sb, len));
}

/* The field a header line names, or -1. */
static int
draft_field_find(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < DRAFT_NFIELDS; i++) {
		if (strlen(draft_fields[i].name) == n &&
		    strncasecmp(draft_fields[i].name, s, n) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Trim blanks at both ends, in place. */
static char *
draft_trim(char *s)
{
	size_t n, i;

	for (i = 0; s[i] == ' ' || s[i] == '\t'; i++)
		;
	memmove(s, s + i, strlen(s + i) + 1);
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return (s);
}

/*
 * Split the file into LF lines with CRLF made LF; refuse what no field
 * or body may hold.  The lines point into buf, which is changed in place.
 */
static int
draft_lines(char *buf, size_t len, char ***lines, size_t *nlines, char **err)
{
	unsigned int cp;
	size_t	     i, line = 1, start = 0, k;

	*lines = NULL;
	*nlines = 0;
	for (i = 0; i < len; i++) {
		if (buf[i] == '\0') {
			*err = xasprintf("line %zu: a NUL byte", line);
			return (-1);
		}
		if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n')) {
			*err = xasprintf("line %zu: a carriage return alone",
			    line);
			return (-1);
		}
		if ((k = sanitize_utf8_decode(buf + i, len - i, &cp)) == 0) {
			*err = xasprintf("line %zu: not UTF-8", line);
			return (-1);
		}
		i += k - 1;
		if (buf[i] != '\n')
			continue;
		buf[i] = '\0';
		if (i > start && buf[i - 1] == '\r')
			buf[i - 1] = '\0';
		*lines = xreallocarray(*lines, *nlines + 1, sizeof **lines);
		(*lines)[(*nlines)++] = buf + start;
		start = i + 1;
		line++;
	}
	if (start < len) {
		*lines = xreallocarray(*lines, *nlines + 1, sizeof **lines);
		(*lines)[(*nlines)++] = buf + start;
	}
	return (0);
}

/* The header part: fields into f, lines into at; the body's first line. */
static int
draft_headers(char **lines, size_t n, char **f, int *at, size_t *body,
    char **err)
{
	struct strbuf sb;
	const char   *colon, *p;
	size_t	      i;
	int	      cur = -1, k;

	for (i = 0; i < n && *lines[i] != '\0'; i++) {
		if (*lines[i] == ' ' || *lines[i] == '\t') {
			if (cur == -1) {
				*err = xasprintf("line %zu: a continuation "
						 "line with no header above",
				    i + 1);
				return (-1);
			}
			strbuf_init(&sb);
			strbuf_adds(&sb, f[cur]);
			strbuf_adds(&sb, lines[i]);
			free(f[cur]);
			f[cur] = strbuf_detach(&sb, NULL);
			continue;
		}
		colon = strchr(lines[i], ':');
		k = colon != NULL ?
		    draft_field_find(lines[i], (size_t)(colon - lines[i])) :
		    -1;
		if (colon == NULL ||
		    strcspn(lines[i], " \t") < (size_t)(colon - lines[i])) {
			*err = xasprintf("line %zu: not a header (a blank "
					 "line goes between the headers and "
					 "the text)",
			    i + 1);
			return (-1);
		}
		if (k == -1) {
			*err = xasprintf("line %zu: %.*s: not a header tern "
					 "writes (From, To, Cc, Bcc, "
					 "Subject, Reply-To)",
			    i + 1, (int)(colon - lines[i]), lines[i]);
			return (-1);
		}
		if (f[k] != NULL) {
			*err = xasprintf("%s: line %zu: a second %s field",
			    draft_fields[k].name, i + 1, draft_fields[k].name);
			return (-1);
		}
		f[k] = xstrdup(colon + 1);
		at[k] = (int)i + 1;
		cur = k;
	}
	for (k = 0; k < DRAFT_NFIELDS; k++) {
		if (f[k] == NULL)
			continue;
		draft_trim(f[k]);
		for (p = f[k]; *p != '\0'; p++) {
			if (((unsigned char)*p < ' ' && *p != '\t') ||
			    *p == 0x7f) {
				*err = xasprintf("%s: line %d: a control "
						 "character",
				    draft_fields[k].name, at[k]);
				return (-1);
			}
		}
	}
	*body = i < n ? i + 1 : n;
	return (0);
}

int
draft_parse(struct draft *d, const char *s, size_t len, char **err)
{
	struct strbuf sb;
	char	     *buf, **lines, *f[DRAFT_NFIELDS] = { NULL };
	size_t	      n, i, body;
	int	      at[DRAFT_NFIELDS] = { 0 }, rc = -1;

	*err = NULL;
	buf = xmalloc(len + 1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (draft_lines(buf, len, &lines, &n, err) != 0)
		goto out;
	if (draft_headers(lines, n, f, at, &body, err) != 0)
		goto out;
	strbuf_init(&sb);
	for (i = body; i < n; i++) {
		strbuf_adds(&sb, lines[i]);
		strbuf_addc(&sb, '\n');
	}
	free(d->body);
	d->body = strbuf_detach(&sb, NULL);
	for (i = 0; i < DRAFT_NFIELDS; i++) {
		free(d->field[i]);
		d->field[i] = f[i];
		d->line[i] = at[i];
		f[i] = NULL;
	}
	rc = 0;
out:
	for (i = 0; i < DRAFT_NFIELDS; i++)
		free(f[i]);
	free(lines);
	free(buf);
	return (rc);
}

/* Check the addresses of one field; count them into *nrcpt. */
static int
draft_check_field(const struct draft *d, int k, size_t *count, char **err)
{
	struct mime_addr *a;
	const char	 *v = d->field[k];
	char		 *why;
	size_t		  n;

	if (v == NULL) {
		*count = 0;
		return (0);
	}
	if (mime_addr_parse(v, strlen(v), &a, &n, &why) != 0) {
		if (d->line[k] > 0)
			*err = xasprintf("%s: line %d: %s",
			    draft_fields[k].name, d->line[k], why);
		else
			*err = xasprintf("%s: %s", draft_fields[k].name, why);
		free(why);
		return (-1);
	}
	mime_addr_free(a, n);
	*count = n;
	return (0);
}

int
draft_check(const struct draft *d, int sending, char **err)
{
	size_t i, n, rcpts = 0;

	*err = NULL;
	for (i = 0; i < DRAFT_NFIELDS; i++) {
		if (!draft_fields[i].address)
			continue;
		if (draft_check_field(d, (int)i, &n, err) != 0)
			return (-1);
		if (i == DRAFT_FROM && n != 1) {
			*err = xstrdup("From: one address is needed");
			return (-1);
		}
		if (i == DRAFT_TO || i == DRAFT_CC || i == DRAFT_BCC)
			rcpts += n;
	}
	if (rcpts == 0 && sending) {
		*err = xstrdup("no recipient: To, Cc and Bcc are empty");
		return (-1);
	}
	return (0);
}

void
draft_attach(struct draft *d, const char *name, const char *type, char *data,
    size_t len)
{
	struct draft_attach *a;

	d->att = xreallocarray(d->att, d->natt + 1, sizeof *d->att);
	a = &d->att[d->natt++];
	a->name = xstrdup(name);
	a->type = xstrdup(type != NULL ? type : draft_guess_type(name));
	a->data = data;
	a->len = len;
}

void
draft_detach(struct draft *d, size_t i)
{
	if (i >= d->natt)
		return;
	free(d->att[i].name);
	free(d->att[i].type);
	free(d->att[i].data);
	memmove(d->att + i, d->att + i + 1, (d->natt - i - 1) * sizeof *d->att);
	d->natt--;
}

const char *
draft_guess_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t	    i;

	if (dot == NULL)
		return ("application/octet-stream");
	for (i = 0; i < sizeof draft_types / sizeof draft_types[0]; i++) {
		if (strcasecmp(dot + 1, draft_types[i].ext) == 0)
			return (draft_types[i].type);
	}
	return ("application/octet-stream");
}

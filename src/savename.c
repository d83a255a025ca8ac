/*
 * savename.c owns turning a part's name from a message into a file name.
 * The name is the sender's choice: it must never pick the directory, hide
 * a file (leading '.'), pass for an option (leading '-'), or put control
 * characters into a terminal or a listing.  It must never touch the disk.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sanitize.h"
#include "savename.h"
#include "strbuf.h"
#include "xmalloc.h"

/* The longest extension kept when a long name is cut. */
#define SAVENAME_EXT_MAX 16

static const struct {
	const char *type;
	const char *ext;
} savename_types[] = {
	{ "text/plain", "txt" },
	{ "text/html", "html" },
	{ "text/calendar", "ics" },
	{ "message/rfc822", "eml" },
	{ "image/jpeg", "jpg" },
	{ "image/svg+xml", "svg" },
	{ "application/octet-stream", NULL },
	{ "application/msword", "doc" },
	{ "application/x-gzip", "gz" },
	{ "application/gzip", "gz" },
};

int
savename_ext(const char *type, char *ext, size_t size)
{
	const char *sub;
	size_t	    i, n;

	if (type == NULL || size < 2)
		return (-1);
	for (i = 0; i < sizeof savename_types / sizeof savename_types[0]; i++) {
		if (strcasecmp(type, savename_types[i].type) != 0)
			continue;
		if (savename_types[i].ext == NULL ||
		    strlen(savename_types[i].ext) >= size)
			return (-1);
		strcpy(ext, savename_types[i].ext);
		return (0);
	}
	if ((sub = strchr(type, '/')) == NULL)
		return (-1);
	sub++;
	n = strlen(sub);
	if (n == 0 || n > 8 || n >= size)
		return (-1);
	for (i = 0; i < n; i++) {
		if (sub[i] >= 'A' && sub[i] <= 'Z')
			ext[i] = (char)(sub[i] - 'A' + 'a');
		else if ((sub[i] >= 'a' && sub[i] <= 'z') ||
		    (sub[i] >= '0' && sub[i] <= '9'))
			ext[i] = sub[i];
		else
			return (-1);
	}
	ext[n] = '\0';
	return (0);
}

/* Characters that must not be in a file name we write. */
static int
savename_bad(unsigned int cp)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return (1);
	/* Bidi controls would make a listing lie about the name. */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c)
		return (1);
	return (cp == '/' || cp == '\\');
}

/* Cut s to at most max bytes at a character boundary. */
static size_t
savename_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (len);
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (max);
}

char *
savename(const char *name, const char *type)
{
	struct strbuf sb;
	const char   *p, *base, *dot;
	char	     *s, *out, ext[16];
	size_t	      len, k, extlen;
	unsigned int  cp;

	if (name == NULL)
		name = "";
	/* Only the last component of a path; Windows' too. */
	base = name;
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	strbuf_init(&sb);
	len = strlen(base);
	for (p = base; p < base + len; p += k) {
		k = sanitize_utf8_decode(p, (size_t)(base + len - p), &cp);
		if (k == 0) {
			/* Invalid UTF-8: one byte becomes '_'. */
			strbuf_addc(&sb, '_');
			k = 1;
			continue;
		}
		if (savename_bad(cp)) {
			strbuf_addc(&sb, '_');
			continue;
		}
		/* A run of dots is one dot: no "..". */
		if (cp == '.' && sb.len > 0 && sb.buf[sb.len - 1] == '.')
			continue;
		strbuf_add(&sb, p, k);
	}
	strbuf_addc(&sb, '\0');
	s = sb.buf;
	/* No leading '-', '.' or blank; no trailing '.' or blank. */
	while (*s == '-' || *s == '.' || *s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	s[len] = '\0';
	if (len == 0) {
		out = savename_ext(type, ext, sizeof ext) == 0 ?
		    xasprintf("attachment.%s", ext) :
		    xstrdup("attachment");
		strbuf_free(&sb);
		return (out);
	}
	if (len > SAVENAME_MAX) {
		dot = strrchr(s, '.');
		extlen = dot != NULL ? strlen(dot) : 0;
		if (extlen > SAVENAME_EXT_MAX || extlen <= 1)
			extlen = 0;
		k = savename_cut(s, len - extlen, SAVENAME_MAX - extlen);
		memmove(s + k, s + len - extlen, extlen);
		s[k + extlen] = '\0';
	}
	out = xstrdup(s);
	strbuf_free(&sb);
	return (out);
}

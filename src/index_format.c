/*
 * index_format.c owns index-format: it compiles the string into fields
 * and lays a row's fields out in columns.  It must never draw nor look at
 * a message: ui_index.c fills the fields of each row it draws.
 */
#include <stdlib.h>
#include <string.h>

#include "index_format.h"
#include "strbuf.h"
#include "xmalloc.h"

static const struct {
	char	       letter;
	enum ifmt_kind kind;
} ifmt_letters[] = {
	{ 'f', IFMT_FLAGS },
	{ 'd', IFMT_DATE },
	{ 'D', IFMT_DATE },
	{ 'F', IFMT_FROM },
	{ 't', IFMT_TO },
	{ 's', IFMT_SUBJECT },
	{ 'T', IFMT_TREE },
	{ 'S', IFMT_SIZE },
	{ 'b', IFMT_FOLDER },
};
#define IFMT_NLETTERS (sizeof ifmt_letters / sizeof ifmt_letters[0])

static struct ifmt_field *
ifmt_add(struct index_format *fmt, enum ifmt_kind kind)
{
	struct ifmt_field *f;

	/* index_format_compile checks the count before it adds one. */
	fmt->fields = xreallocarray(fmt->fields, fmt->n + 1,
	    sizeof *fmt->fields);
	f = &fmt->fields[fmt->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	return (f);
}

/* A run of digits as a width; -1 if it is too large to mean anything. */
static int
ifmt_number(const char **sp)
{
	const char *s = *sp;
	int	    n = 0;

	while (*s >= '0' && *s <= '9') {
		n = n * 10 + (*s++ - '0');
		if (n > 1000)
			return (-1);
	}
	*sp = s;
	return (n);
}

/* One field after its '%'; NULL with *err set, else where it ends. */
static const char *
ifmt_field(struct index_format *fmt, const char *s, int *nfill, char **err)
{
	struct ifmt_field f;
	const char	 *start = s - 1, *end;
	size_t		  i;

	memset(&f, 0, sizeof f);
	if (*s == '-') {
		f.left = 1;
		s++;
	}
	if (*s == '*') {
		f.fill = f.left = 1;
		s++;
	} else if (*s >= '0' && *s <= '9') {
		if ((f.width = ifmt_number(&s)) < 0)
			goto toolarge;
		if (*s == '%') {
			f.percent = 1;
			s++;
			if (f.width > 100)
				goto toolarge;
		}
	}
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9') {
			*err = xasprintf("index-format: expected a number "
					 "after '.' in '%.*s'",
			    (int)(s - start), start);
			return (NULL);
		}
		if ((f.max = ifmt_number(&s)) < 0)
			goto toolarge;
	}
	for (i = 0; i < IFMT_NLETTERS; i++) {
		if (*s == ifmt_letters[i].letter)
			break;
	}
	if (*s == '\0' || i == IFMT_NLETTERS) {
		*err = *s == '\0' ?
		    xasprintf("index-format: '%s' ends inside a field", start) :
		    xasprintf("index-format: unknown field '%.*s' (fields: %%f "
			      "%%d %%D{...} %%F %%t %%s %%T %%S %%b %%%%)",
			(int)(s - start + 1), start);
		return (NULL);
	}
	f.kind = ifmt_letters[i].kind;
	if (*s++ == 'D') {
		if (*s != '{' || (end = strchr(s, '}')) == NULL ||
		    end == s + 1) {
			*err = xstrdup("index-format: %D needs a strftime "
				       "format in braces, as %D{%d.%m.%y}");
			return (NULL);
		}
		f.text = xstrndup(s + 1, (size_t)(end - s - 1));
		s = end + 1;
	}
	if (f.fill && ++*nfill > 1) {
		free(f.text);
		*err = xstrdup("index-format: only one field may fill the "
			       "rest of the row (%*)");
		return (NULL);
	}
	if (f.kind == IFMT_TREE)
		fmt->has_tree = 1;
	*ifmt_add(fmt, f.kind) = f;
	return (s);

toolarge:
	*err = xasprintf("index-format: width too large in '%.*s'",
	    (int)(s - start + 1), start);
	return (NULL);
}

int
index_format_compile(struct index_format *fmt, const char *src, char **err)
{
	struct strbuf text;
	const char   *s = src;
	int	      nfill = 0;

	memset(fmt, 0, sizeof *fmt);
	strbuf_init(&text);
	while (*s != '\0') {
		if (fmt->n + 2 > INDEX_FORMAT_MAX) {
			*err = xasprintf("index-format: more than %d fields",
			    INDEX_FORMAT_MAX - 1);
			strbuf_free(&text);
			index_format_free(fmt);
			return (-1);
		}
		if (*s != '%' || s[1] == '%') {
			strbuf_addc(&text, *s);
			s += *s == '%' ? 2 : 1;
			continue;
		}
		if (text.len > 0)
			ifmt_add(fmt, IFMT_TEXT)->text = strbuf_detach(&text,
			    NULL);
		if ((s = ifmt_field(fmt, s + 1, &nfill, err)) == NULL) {
			strbuf_free(&text);
			index_format_free(fmt);
			return (-1);
		}
	}
	if (text.len > 0)
		ifmt_add(fmt, IFMT_TEXT)->text = strbuf_detach(&text, NULL);
	strbuf_free(&text);
	return (0);
}

void
index_format_free(struct index_format *fmt)
{
	size_t i;

	for (i = 0; i < fmt->n; i++)
		free(fmt->fields[i].text);
	free(fmt->fields);
	memset(fmt, 0, sizeof *fmt);
}

void
index_format_layout(const struct index_format *fmt, int w, int *cols)
{
	const struct ifmt_field *f;
	size_t			 i, fill = fmt->n;
	int			 used = 0;

	for (i = 0; i < fmt->n; i++) {
		f = &fmt->fields[i];
		if (f->fill) {
			fill = i;
			continue;
		}
		if (f->percent)
			cols[i] = w * f->width / 100;
		else if (f->width > 0)
			cols[i] = f->width;
		if (f->max > 0 && cols[i] > f->max)
			cols[i] = f->max;
		used += cols[i];
	}
	if (fill < fmt->n) {
		cols[fill] = w - used;
		f = &fmt->fields[fill];
		if (f->max > 0 && cols[fill] > f->max)
			cols[fill] = f->max;
		if (cols[fill] < 0)
			cols[fill] = 0;
	}
}

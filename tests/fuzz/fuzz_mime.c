/*
 * fuzz_mime.c builds a BODYSTRUCTURE tree from the input, as libetpan
 * would hand it over, lets mime.c pick the text part or describe the
 * parts, and decodes the rest of the input as that part, through the
 * sanitizer, the way a fetched part becomes the pager's text.  It calls
 * libetpan only to build and free the tree, never its parsers, so that a
 * finding is in tern's code.
 */
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "fuzz.h"
#include "mime.h"
#include "sanitize.h"

#define FUZZ_MAX_NODES 300

struct reader {
	const uint8_t *p;
	size_t	       len;
	int	       nodes;
};

static const char *const fuzz_text_subtypes[] = { "plain", "html", "PLAIN",
	"Html", "enriched", NULL };
static const char *const fuzz_charsets[] = { "utf-8", "us-ascii", "iso-8859-1",
	"windows-1252", "shift_jis", "utf-16", "utf-7", "x-unknown", NULL };
static const char *const fuzz_encodings[] = { "base64", "quoted-printable",
	"BASE64", "x-uuencode", NULL };

static unsigned int
rd_byte(struct reader *r)
{
	if (r->len == 0)
		return (0);
	r->len--;
	return (*r->p++);
}

/*
 * A string libetpan can free: its free functions only know the strings its
 * parser registered with mmap_string_ref.
 */
static char *
fuzz_mmstr(const char *p, size_t len)
{
	MMAPString *m;

	if ((m = mmap_string_new_len(p, len)) == NULL ||
	    mmap_string_ref(m) != 0)
		abort();
	return (m->str);
}

/* A short string from the input, or one of the words given. */
static char *
rd_str(struct reader *r, const char *const *words)
{
	unsigned int b = rd_byte(r);
	size_t	     i, n;

	if (words != NULL) {
		for (n = 0; words[n] != NULL; n++)
			;
		if ((b & 0x80) == 0 && n > 0)
			return (fuzz_mmstr(words[b % n], strlen(words[b % n])));
	}
	n = b % 16;
	if (n > r->len)
		n = r->len;
	for (i = 0; i < n && r->p[i] != '\0'; i++)
		;
	r->p += i;
	r->len -= i;
	return (fuzz_mmstr((const char *)r->p - i, i));
}

static struct mailimap_body_fields *
rd_fields(struct reader *r)
{
	struct mailimap_body_fld_param *param = NULL;
	struct mailimap_body_fld_enc   *enc;
	clist			       *list;
	unsigned int			b, i, n;
	char			       *name;

	b = rd_byte(r);
	if ((n = b % 4) > 0) {
		if ((list = clist_new()) == NULL)
			abort();
		for (i = 0; i < n; i++) {
			name = rd_byte(r) & 1 ? fuzz_mmstr("charset", 7) :
						rd_str(r, NULL);
			clist_append(list,
			    mailimap_single_body_fld_param_new(name,
				rd_str(r, fuzz_charsets)));
		}
		param = mailimap_body_fld_param_new(list);
	}
	b = rd_byte(r) % 6;
	enc = mailimap_body_fld_enc_new(b,
	    b == MAILIMAP_BODY_FLD_ENC_OTHER ? rd_str(r, fuzz_encodings) :
					       NULL);
	return (mailimap_body_fields_new(param, NULL, NULL, enc, rd_byte(r)));
}

static struct mailimap_body *
rd_body(struct reader *r, int depth)
{
	struct mailimap_body_type_1part *one;
	clist				*list;
	unsigned int			 b, i, n;

	b = rd_byte(r);
	r->nodes++;
	if ((b & 3) == 0 && depth < 40 && r->nodes < FUZZ_MAX_NODES) {
		if ((list = clist_new()) == NULL)
			abort();
		n = 1 + (b >> 2) % 6;
		for (i = 0; i < n; i++)
			clist_append(list, rd_body(r, depth + 1));
		return (mailimap_body_new(MAILIMAP_BODY_MPART, NULL,
		    mailimap_body_type_mpart_new(list, rd_str(r, NULL), NULL)));
	}
	if (b & 1)
		one = mailimap_body_type_1part_new(MAILIMAP_BODY_TYPE_1PART_TEXT,
		    NULL, NULL,
		    mailimap_body_type_text_new(rd_str(r, fuzz_text_subtypes),
			rd_fields(r), 0),
		    NULL);
	else
		one = mailimap_body_type_1part_new(MAILIMAP_BODY_TYPE_1PART_BASIC,
		    mailimap_body_type_basic_new(mailimap_media_basic_new(rd_byte(
									      r) %
							 6,
						     rd_str(r, NULL),
						     rd_str(r, NULL)),
			rd_fields(r)),
		    NULL, NULL, NULL);
	return (mailimap_body_new(MAILIMAP_BODY_1PART, one, NULL));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct reader	      r = { data, len, 0 };
	struct mailimap_body *body;
	struct mime_text      mt;
	char		     *text, *safe;

	body = rd_body(&r, 0);
	if (mime_find_text(body, &mt) == 0) {
		if (mt.depth == 0 || mt.depth > MIME_MAX_DEPTH)
			abort();
		text = mime_decode(&mt, (const char *)r.p, r.len);
		mime_text_clear(&mt);
	} else
		text = mime_describe(body);
	safe = sanitize_str(text, SANITIZE_NEWLINES | SANITIZE_TABS);
	free(safe);
	free(text);
	mailimap_body_free(body);
	return (0);
}

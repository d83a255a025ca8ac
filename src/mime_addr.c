/*
 * mime_addr.c owns reading address lists with libetpan's mailimf parser.
 * libetpan is lenient where a mailer must not be: it reads "a b" as the
 * address "ab" and "a@b c@d" as "a@bc@d", so every addr-spec it returns is
 * checked again here.  It must never hand back an address that could carry
 * a line break, a space or a second '@' into a header or an SMTP command.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "mime_addr.h"
#include "rfc2047.h"
#include "xmalloc.h"

struct mime_addr_list {
	struct mime_addr *a;
	size_t		  n;
};

/* NULL if spec is a plain local@domain, else why not. */
static const char *
mime_addr_check_spec(const char *spec)
{
	const char *at, *p;

	for (p = spec; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return ("holds a space or a character that is not "
				"ASCII");
	}
	if ((at = strchr(spec, '@')) == NULL)
		return ("has no @domain");
	if (strchr(at + 1, '@') != NULL)
		return ("has two @ (a comma missing?)");
	if (at == spec || at[1] == '\0')
		return ("has nothing before or after the @");
	if (strpbrk(spec, "<>()[],;:\\\"") != NULL)
		return ("holds one of <>()[],;:\\\"");
	return (NULL);
}

static int
mime_addr_add(struct mime_addr_list *l, struct mailimf_mailbox *mb, char **err)
{
	struct mime_addr *a;
	const char	 *why;

	if ((why = mime_addr_check_spec(mb->mb_addr_spec)) != NULL) {
		*err = xasprintf("\"%s\" %s", mb->mb_addr_spec, why);
		return (-1);
	}
	l->a = xreallocarray(l->a, l->n + 1, sizeof *l->a);
	a = &l->a[l->n++];
	a->spec = xstrdup(mb->mb_addr_spec);
	a->name = NULL;
	if (mb->mb_display_name != NULL && *mb->mb_display_name != '\0')
		a->name = rfc2047_decode(mb->mb_display_name,
		    strlen(mb->mb_display_name));
	return (0);
}

static int
mime_addr_group(struct mime_addr_list *l, struct mailimf_group *g, char **err)
{
	clistiter *it;

	if (g->grp_mb_list == NULL)
		return (0);
	for (it = clist_begin(g->grp_mb_list->mb_list); it != NULL;
	     it = clist_next(it)) {
		if (mime_addr_add(l, clist_content(it), err) != 0)
			return (-1);
	}
	return (0);
}

int
mime_addr_parse(const char *s, size_t len, struct mime_addr **out, size_t *n,
    char **err)
{
	struct mailimf_address_list *al = NULL;
	struct mailimf_address	    *ad;
	struct mime_addr_list	     l = { NULL, 0 };
	clistiter		    *it;
	size_t			     idx = 0, i;
	int			     r, rc = 0;

	*out = NULL;
	*n = 0;
	*err = NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '\0' || s[i] == '\r' || s[i] == '\n') {
			*err = xstrdup("a line break or NUL in the addresses");
			return (-1);
		}
	}
	for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == len)
		return (0);
	r = mailimf_address_list_parse(s, len, &idx, &al);
	if (r != MAILIMF_NO_ERROR) {
		*err = xasprintf("cannot read the addresses at \"%.*s\"",
		    (int)(len - i > 40 ? 40 : len - i), s + i);
		return (-1);
	}
	/* A trailing comma is harmless; anything else was not read. */
	for (i = idx; i < len && strchr(" \t,", s[i]) != NULL; i++)
		;
	if (i != len) {
		*err = xasprintf("cannot read the addresses at \"%.*s\"",
		    (int)(len - i > 40 ? 40 : len - i), s + i);
		rc = -1;
	}
	for (it = clist_begin(al->ad_list); rc == 0 && it != NULL;
	     it = clist_next(it)) {
		ad = clist_content(it);
		if (ad->ad_type == MAILIMF_ADDRESS_MAILBOX)
			rc = mime_addr_add(&l, ad->ad_data.ad_mailbox, err);
		else
			rc = mime_addr_group(&l, ad->ad_data.ad_group, err);
	}
	mailimf_address_list_free(al);
	if (rc != 0) {
		mime_addr_free(l.a, l.n);
		return (-1);
	}
	*out = l.a;
	*n = l.n;
	return (0);
}

void
mime_addr_free(struct mime_addr *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].spec);
	}
	free(a);
}

int
mime_addr_same(const char *a, const char *b)
{
	const char *at = strrchr(a, '@'), *bt = strrchr(b, '@');

	if (at == NULL || bt == NULL)
		return (strcasecmp(a, b) == 0);
	/*
	 * The local part is the receiving system's to interpret, but no
	 * system in use tells Alice from alice: a reply to all that kept
	 * the user's own address for a difference of case would be wrong.
	 */
	return (at - a == bt - b && strncasecmp(a, b, at - a) == 0 &&
	    strcasecmp(at, bt) == 0);
}

/*
 * Mailcap files (RFC 1524): which program shows a type.  Only the view
 * command and the flags tern acts on are kept.
 */
#ifndef TERN_MAILCAP_H
#define TERN_MAILCAP_H

#include <stddef.h>

struct mailcap_entry {
	char *type; /* "image/png"; a star for the subtype: the whole type */
	char *view; /* the command, unexpanded */
	char *test; /* test=: the entry holds only if it exits 0; or NULL */
	int   flags;
#define MAILCAP_NEEDSTERMINAL 0x1
#define MAILCAP_COPIOUSOUTPUT 0x2
};

struct mailcap {
	struct mailcap_entry *entries;
	size_t		      n;
};

void mailcap_init(struct mailcap *);
void mailcap_free(struct mailcap *);
/* Add the entries of a file's text, in order; bad lines are skipped. */
void mailcap_parse(struct mailcap *, const char *, size_t);
/* Add a file's entries; -1 if it cannot be read. */
int mailcap_load(struct mailcap *, const char *);
/* $MAILCAPS (a list split at ':'), else ~/.mailcap then /etc/mailcap. */
void mailcap_load_default(struct mailcap *);
/* Whether an entry's type covers this type (case ignored). */
int mailcap_matches(const struct mailcap_entry *, const char *);
/* Whether a type may reach a shell as %t: only [A-Za-z0-9.+/-]. */
int mailcap_type_ok(const char *);
/*
 * The first entry for the type whose test passes, or NULL.  A test is run
 * with sh -c; one that needs the file (%s) is not run, and its entry is
 * passed over.
 */
const struct mailcap_entry *mailcap_find(const struct mailcap *, const char *);
/*
 * The command to run: %s becomes the path, quoted for sh; %t the type,
 * which must pass mailcap_type_ok; %% and \% a percent sign.  Without %s
 * the file is given on the standard input.  %{name} would put a
 * parameter from the message into the command: refused.  NULL when
 * refused.
 */
char *mailcap_expand(const char *, const char *type, const char *path);
/* s quoted for sh, in single quotes. */
char *mailcap_shquote(const char *);

#endif

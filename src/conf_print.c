/*
 * conf_print.c owns what tern --check-config shows of a configuration:
 * each account, every setting's value in effect (the defaults included),
 * the screen's settings and colours, and the key bindings the file
 * changes.  It must never show a password or a token, nor run or show a
 * command that gives one: that a password-command is there is all it
 * says of it.
 */
#include <stdlib.h>
#include <string.h>

#include "conf_print.h"
#include "xmalloc.h"

typedef void conf_printer(FILE *, const struct conf *);

static void conf_print_accounts(FILE *, const struct conf *);
static void conf_print_keys(FILE *, const struct conf *);
static void conf_print_looks(FILE *, const struct conf *);

/* One printer a part of the file, in the order shown. */
static conf_printer *const conf_printers[] = {
	conf_print_looks,
	conf_print_accounts,
	conf_print_keys,
};

static const char *
conf_print_yes(int v)
{
	return (v ? "yes" : "no");
}

/* A setting with no value: what tern does instead. */
static char *
conf_print_or(const char *v, const char *instead)
{
	return (v != NULL ? xstrdup(v) : xasprintf("(%s)", instead));
}

static const char *
conf_print_auth(enum auth_mech m)
{
	switch (m) {
	case AUTH_PLAIN:
		return ("plain");
	case AUTH_LOGIN:
		return ("login");
	case AUTH_XOAUTH2:
		return ("xoauth2");
	case AUTH_OAUTHBEARER:
		return ("oauthbearer");
	case AUTH_AUTO:
		break;
	}
	return ("(chosen from what the server offers)");
}

static const char *
conf_print_tls(enum tls_mode t)
{
	switch (t) {
	case TLS_IMPLICIT:
		return ("TLS from the first byte");
	case TLS_STARTTLS:
		return ("STARTTLS, required");
	case TLS_NONE:
		break;
	}
	return ("no TLS (loopback only)");
}

char *
conf_print_value(const struct account *a, const char *name)
{
	char sort[32];

	if (strcmp(name, "imap") == 0)
		return (xasprintf("%s://%s@%s:%s",
		    a->tls == TLS_IMPLICIT ? "imaps" : "imap", a->user, a->host,
		    a->port));
	/* Commands are not run here, and not shown: one may hold a secret. */
	if (strcmp(name, "password-command") == 0)
		return (xstrdup(a->password_command != NULL ?
			"(given; not run by --check-config)" :
			"(none: tern asks for the password)"));
	if (strcmp(name, "oauth2-token-command") == 0)
		return (xstrdup(a->oauth2_token_command != NULL ?
			"(given; not run by --check-config)" :
			"(none)"));
	if (strcmp(name, "auth") == 0)
		return (xstrdup(conf_print_auth(a->auth)));
	if (strcmp(name, "ca-file") == 0)
		return (conf_print_or(a->ca_file, "the system's CA store"));
	if (strcmp(name, "certificate-fingerprint") == 0)
		return (a->fingerprint != NULL ?
			xasprintf("sha256:%s", a->fingerprint) :
			xstrdup("(none: the certificate is verified)"));
	if (strcmp(name, "tls-server-name") == 0)
		return (conf_print_or(a->tls_server_name, "the URL's host"));
	if (strcmp(name, "tls") == 0)
		return (a->tls == TLS_NONE ? xstrdup("none") :
					     xasprintf("(as the URL says: %s)",
						 conf_print_tls(a->tls)));
	if (strcmp(name, "timeout") == 0)
		return (xasprintf("%d", a->timeout));
	if (strcmp(name, "poll-interval") == 0)
		return (xasprintf("%d", a->poll_interval));
	if (strcmp(name, "folder-refresh") == 0)
		return (xasprintf("%d", a->folder_refresh));
	if (strcmp(name, "new-mail-bell") == 0)
		return (xstrdup(conf_print_yes(a->new_mail_bell)));
	if (strcmp(name, "subscribed-only") == 0)
		return (xstrdup(a->subscribed_only < 0 ?
			"auto" :
			conf_print_yes(a->subscribed_only)));
	if (strcmp(name, "delete") == 0)
		return (xstrdup(a->delete_to_trash ? "trash" : "flag"));
	if (strcmp(name, "sort") == 0)
		return (xstrdup(sort_name(&a->sort, sort, sizeof sort)));
	if (strcmp(name, "save-dir") == 0)
		return (conf_print_or(a->save_dir, "~/Downloads, else ~"));
	if (strcmp(name, "html-filter") == 0)
		return (conf_print_or(a->html_filter,
		    "w3m, else lynx, else the built-in renderer"));
	if (strcmp(name, "from") == 0)
		return (conf_print_or(a->from, "the IMAP user, as an address"));
	if (strcmp(name, "alternates") == 0)
		return (conf_print_or(a->alternates, "(none)"));
	if (strcmp(name, "attribution") == 0)
		return (conf_print_or(a->attribution, "On %d, %n wrote:"));
	if (strcmp(name, "smtp") == 0)
		return (a->smtp_host == NULL ?
			xstrdup("(none: mail cannot be sent)") :
			xasprintf("%s://%s@%s:%s",
			    a->smtp_tls == TLS_IMPLICIT ? "smtps" : "smtp",
			    a->smtp_user, a->smtp_host, a->smtp_port));
	if (strcmp(name, "smtp-password-command") == 0)
		return (xstrdup(a->smtp_password_command != NULL ?
			"(given; not run by --check-config)" :
			"(none: the IMAP password)"));
	if (strcmp(name, "smtp-auth") == 0)
		return (xstrdup(conf_print_auth(a->smtp_auth)));
	if (strcmp(name, "smtp-certificate-fingerprint") == 0)
		return (a->smtp_fingerprint != NULL ?
			xasprintf("sha256:%s", a->smtp_fingerprint) :
			xstrdup("(none: the certificate is verified)"));
	if (strcmp(name, "sent") == 0)
		return (conf_print_or(a->sent, "the \\Sent folder, else Sent"));
	if (strcmp(name, "drafts") == 0)
		return (conf_print_or(a->drafts,
		    "the \\Drafts folder, else Drafts"));
	return (NULL);
}

static void
conf_print_accounts(FILE *f, const struct conf *conf)
{
	const char *const *names = conf_setting_names();
	struct account	  *a;
	size_t		   i, j;
	char		  *v;

	for (i = 0; i < conf->naccounts; i++) {
		a = conf->accounts[i];
		fprintf(f, "account \"%s\"%s: user %s on %s port %s, %s\n",
		    a->name, i == 0 ? " (the default)" : "", a->user, a->host,
		    a->port, conf_print_tls(a->tls));
		for (j = 0; names[j] != NULL; j++) {
			/* The settings of the file are not an account's. */
			if ((v = conf_print_value(a, names[j])) == NULL)
				continue;
			fprintf(f, "\t%s = %s\n", names[j], v);
			free(v);
		}
	}
}

/* The screen's settings and [colors], in the file's own syntax. */
static void
conf_print_looks(FILE *f, const struct conf *conf)
{
	fprintf(f, "screen:\n");
	looks_dump(&conf->looks, f);
	colors_dump(&conf->looks.colors, f);
}

static void
conf_print_keys(FILE *f, const struct conf *conf)
{
	fprintf(f, "keys: keys-preset = %s; the [keys] sections change:\n",
	    keymap_preset_name(conf->keys.preset));
	keymap_dump(&conf->keys, f, 1);
	fprintf(f, "(tern --dump-keys prints every binding)\n");
}

void
conf_print(FILE *f, const struct conf *conf)
{
	size_t i;

	for (i = 0; i < sizeof conf_printers / sizeof conf_printers[0]; i++)
		conf_printers[i](f, conf);
}

/*
 * The configuration file and the accounts in it.  INI-like:
 *
 *	[account "home"]
 *	imap = imaps://alice@mail.example.org
 *	password-command = pass show mail/home
 *	ca-file = /etc/ssl/my-ca.pem
 *
 * Errors name the file and the line ("FILE:LINE: message").
 */
#ifndef TERN_CONF_H
#define TERN_CONF_H

#include <stddef.h>

#include "sort.h"

enum tls_mode {
	TLS_IMPLICIT, /* imaps://, port 993 */
	TLS_STARTTLS, /* imap://, port 143, STARTTLS required */
	TLS_NONE,     /* imap:// with tls = none: loopback only */
};

struct account {
	char	     *name;
	char	     *user;
	char	     *host;
	char	     *port; /* a string, as getaddrinfo wants it */
	enum tls_mode tls;
	char	     *password_command;
	char	     *ca_file;
	char	     *fingerprint;    /* pinned SHA-256: 64 lowercase hex */
	int	      timeout;	      /* seconds for one command */
	int	      poll_interval;  /* seconds between NOOPs without IDLE */
	int	      folder_refresh; /* seconds between STATUS rounds; 0 off */
	int	      new_mail_bell;
	int	      subscribed_only; /* -1: if the server has subscriptions */
	int	      delete_to_trash; /* d moves to Trash (delete = trash) */
	struct sort_order sort;	       /* of the message list */
};

struct conf {
	struct account **accounts;
	size_t		 naccounts;
};

void conf_init(struct conf *);
void conf_free(struct conf *);

/* Parse a whole file; on error return -1 and set *err (caller frees). */
int conf_load(struct conf *, const char *path, char **err);
/* Parse a buffer; name is the file name errors report. */
int conf_parse(struct conf *, const char *name, const char *, size_t,
    char **err);
/* The default path: $XDG_CONFIG_HOME/tern/config or ~/.config/tern/config. */
char *conf_default_path(void);
/* The account named, or the first if name is NULL; NULL if none. */
struct account *conf_find(struct conf *, const char *name);
/* Every setting's name, NULL-terminated, for help and documentation. */
const char *const *conf_setting_names(void);
/* The help text of a setting, or NULL if there is no such setting. */
const char *conf_setting_help(const char *);

struct account *account_new(const char *name);
void		account_free(struct account *);
/*
 * Set user, host, port and TLS mode from imaps://USER@HOST[:PORT] or
 * imap://USER@HOST[:PORT].  USER may be percent-encoded (%40 for '@').
 * Return -1 with *err set on a bad URL.
 */
int account_set_url(struct account *, const char *, char **err);

#endif

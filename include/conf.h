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

/* How to log in; AUTH_AUTO picks from the capabilities (imap.c). */
enum auth_mech {
	AUTH_AUTO,
	AUTH_PLAIN,	  /* AUTHENTICATE PLAIN */
	AUTH_LOGIN,	  /* the LOGIN command */
	AUTH_XOAUTH2,	  /* AUTHENTICATE XOAUTH2, with a token */
	AUTH_OAUTHBEARER, /* AUTHENTICATE OAUTHBEARER (RFC 7628) */
};

struct account {
	char	      *name;
	char	      *user;
	char	      *host;
	char	      *port; /* a string, as getaddrinfo wants it */
	enum tls_mode  tls;
	char	      *password_command;
	char	      *oauth2_token_command; /* run at each login */
	enum auth_mech auth;
	char	      *ca_file;
	char	      *fingerprint;	/* pinned SHA-256: 64 lowercase hex */
	char	      *tls_server_name; /* verified and sent in SNI, or NULL */
	int	       timeout;		/* seconds for one command */
	int	       poll_interval;	/* seconds between NOOPs without IDLE */
	int folder_refresh;  /* seconds between STATUS rounds; 0 off */
	int subscribed_only; /* -1: if the server has subscriptions */
	int delete_to_trash; /* d moves to Trash (delete = trash) */
	int new_mail_bell;
	struct sort_order sort; /* of the message list */
	char *save_dir;		/* offered by the save prompt; NULL: default */
	char *html_filter;	/* NULL: w3m, lynx, the built-in */
	/* Submission (smtp.c); smtp_host NULL: no smtp setting. */
	char	      *smtp_user;
	char	      *smtp_host;
	char	      *smtp_port;
	enum tls_mode  smtp_tls;	      /* TLS_IMPLICIT or TLS_STARTTLS */
	char	      *smtp_password_command; /* NULL: the IMAP password */
	enum auth_mech smtp_auth;
	char	      *smtp_fingerprint; /* pinned SHA-256 of the SMTP server */
	char	      *sent;		 /* folder names as typed, or NULL */
	char	      *drafts;
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
/*
 * The same for smtps://USER@HOST[:PORT] (implicit TLS, 465) or
 * smtp://USER@HOST[:PORT] (STARTTLS required, 587).
 */
int account_set_smtp_url(struct account *, const char *, char **err);

#endif

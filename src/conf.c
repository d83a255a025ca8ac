/*
 * conf.c owns the configuration file: reading it, the table of settings
 * with their help text, and the checks that turn a mistake into an error
 * naming the file and the line.  It must never connect, run a command or
 * print: a password-command is stored here and run elsewhere, and errors go
 * back to the caller as strings.
 *
 * Syntax: "[account NAME]" or "[account "NAME"]" opens a section; then
 * "key = value" lines.  Blanks around keys and values are trimmed; a value
 * in double quotes keeps its blanks and may use \" and \\ inside.  A line
 * whose first non-blank character is '#' or ';' is a comment; there are no
 * comments after a value, since a password-command may hold '#'.
 * "[keys]" and "[keys.SCREEN]" hold "KEY = ACTION" lines, which keymap.c
 * checks and applies; "[colors]" the colours (looks.c).  The settings of
 * the whole file (keys-preset, and the screen's, looks.c's) come before
 * the first section.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "decode.h"
#include "looks.h"
#include "strbuf.h"
#include "xmalloc.h"

/* A configuration is a few lines; a huge file is a mistake. */
#define CONF_MAX_SIZE (1024 * 1024)

#define CONF_TIMEOUT_MAX 3600
#define CONF_REFRESH_MAX 86400

/* State while one section is read: [account], [keys], [colors], the top. */
struct conf_section {
	struct conf    *conf;
	int		started; /* a section has begun: no more top settings */
	int		keys;	 /* in [keys] or [keys.SCREEN] */
	enum context	keys_ctx;
	unsigned int	top_seen; /* bit per conf_top_settings entry */
	struct account *account;
	int		colors;	  /* in [colors] */
	size_t		line;	  /* of the section header */
	size_t		lineno;	  /* of the setting being read */
	size_t		tls_line; /* of "tls = none", or 0 */
	int		has_imap;
	int		shared; /* the file is readable by group or others */
	unsigned int	seen;	/* bit per conf_settings entry */
};

struct conf_setting {
	const char *name;
	int (*set)(struct conf_section *, const char *, char **);
	const char *help;
};

static int conf_set_imap(struct conf_section *, const char *, char **);
static int conf_set_password_command(struct conf_section *, const char *,
    char **);
static int conf_set_oauth2_token_command(struct conf_section *, const char *,
    char **);
static int conf_set_auth(struct conf_section *, const char *, char **);
static int conf_set_ca_file(struct conf_section *, const char *, char **);
static int conf_set_fingerprint(struct conf_section *, const char *, char **);
static int conf_set_tls_server_name(struct conf_section *, const char *,
    char **);
static int conf_set_tls(struct conf_section *, const char *, char **);
static int conf_set_timeout(struct conf_section *, const char *, char **);
static int conf_set_poll_interval(struct conf_section *, const char *, char **);
static int conf_set_folder_refresh(struct conf_section *, const char *,
    char **);
static int conf_set_new_mail_bell(struct conf_section *, const char *, char **);
static int conf_set_subscribed_only(struct conf_section *, const char *,
    char **);
static int conf_set_delete(struct conf_section *, const char *, char **);
static int conf_set_sort(struct conf_section *, const char *, char **);
static int conf_set_from(struct conf_section *, const char *, char **);
static int conf_set_alternates(struct conf_section *, const char *, char **);
static int conf_set_attribution(struct conf_section *, const char *, char **);
static int conf_set_save_dir(struct conf_section *, const char *, char **);
static int conf_set_html_filter(struct conf_section *, const char *, char **);
static int conf_set_smtp(struct conf_section *, const char *, char **);
static int conf_set_smtp_password_command(struct conf_section *, const char *,
    char **);
static int conf_set_smtp_auth(struct conf_section *, const char *, char **);
static int conf_set_smtp_fingerprint(struct conf_section *, const char *,
    char **);
static int conf_set_sent(struct conf_section *, const char *, char **);
static int conf_set_drafts(struct conf_section *, const char *, char **);
static int conf_set_keys_preset(struct conf_section *, const char *, char **);

/* The settings of the whole file, before the first section. */
static const struct conf_setting conf_top_settings[] = {
	{ "keys-preset", conf_set_keys_preset,
	    "The key bindings the [keys] sections start from: default, vi "
	    "(h and l in and out of the panes, C-d and C-u half a screen) or "
	    "mutt (mutt's keys where tern has the action)." },
};
#define CONF_NTOP (sizeof conf_top_settings / sizeof conf_top_settings[0])

static const struct conf_setting conf_settings[] = {
	{ "imap", conf_set_imap,
	    "Server and user: imaps://USER@HOST[:PORT] (TLS, port 993) or "
	    "imap://USER@HOST[:PORT] (STARTTLS required, port 143). Required." },
	{ "password-command", conf_set_password_command,
	    "Shell command whose first line of output is the password." },
	{ "oauth2-token-command", conf_set_oauth2_token_command,
	    "Shell command whose first line of output is an OAuth 2.0 access "
	    "token; run at each login, and once more if the server refuses "
	    "the token." },
	{ "auth", conf_set_auth,
	    "How to log in: plain, login, xoauth2 or oauthbearer (default: "
	    "chosen from what the server offers)." },
	{ "ca-file", conf_set_ca_file,
	    "PEM file of CA certificates to trust instead of the system store." },
	{ "certificate-fingerprint", conf_set_fingerprint,
	    "Pin the server certificate: sha256: followed by its SHA-256 "
	    "fingerprint in hex, with or without colons." },
	{ "tls-server-name", conf_set_tls_server_name,
	    "Host name the certificate must be for, and sent in SNI, when it "
	    "is not the URL's host (a tunnel to the server, say)." },
	{ "tls", conf_set_tls,
	    "Only \"none\": no TLS at all, with an imap:// URL on a loopback "
	    "host." },
	{ "timeout", conf_set_timeout,
	    "Seconds to wait for the server before giving up, 1 to 3600 "
	    "(default 30)." },
	{ "poll-interval", conf_set_poll_interval,
	    "Seconds between checks for news on a server without IDLE, 1 to "
	    "3600 (default 60)." },
	{ "folder-refresh", conf_set_folder_refresh,
	    "Seconds between updates of every folder's counts, 0 (never) to "
	    "86400 (default 120)." },
	{ "new-mail-bell", conf_set_new_mail_bell,
	    "yes: ring the terminal bell when new mail arrives (default no)." },
	{ "subscribed-only", conf_set_subscribed_only,
	    "yes: the folder pane shows the subscribed folders only; no: every "
	    "folder; auto (the default): yes when the server has "
	    "subscriptions." },
	{ "delete", conf_set_delete,
	    "What d does: flag (the default) marks the message deleted, for $ "
	    "to expunge; trash moves it to the Trash folder, and marks it "
	    "deleted only in Trash." },
	{ "sort", conf_set_sort,
	    "Order of the message list: date (newest sent first, the "
	    "default) or arrival (newest received first); reverse-date and "
	    "reverse-arrival put the oldest on top." },
	{ "from", conf_set_from,
	    "The From of the mail written, as \"Name <address>\" (default: "
	    "the IMAP user name if it is an address, else user@host)." },
	{ "alternates", conf_set_alternates,
	    "The user's other addresses, left out of a reply to all: blank "
	    "separated, with shell patterns (*@example.org), in any case." },
	{ "attribution", conf_set_attribution,
	    "The line above a quote in a reply: %n the sender's name, %a "
	    "address, %d the date (default \"On %d, %n wrote:\")." },
	{ "save-dir", conf_set_save_dir,
	    "Directory the save prompt offers for attachments; ~/ is the home "
	    "directory (default ~/Downloads if it exists, else ~)." },
	{ "html-filter", conf_set_html_filter,
	    "Shell command that turns HTML on its stdin into text on its "
	    "stdout, for mail with no plain text part (default: w3m, else "
	    "lynx, else the built-in renderer)." },
	{ "smtp", conf_set_smtp,
	    "Submission server and user: smtps://USER@HOST[:PORT] (TLS, port "
	    "465) or smtp://USER@HOST[:PORT] (STARTTLS required, port 587)." },
	{ "smtp-password-command", conf_set_smtp_password_command,
	    "Shell command whose first line of output is the SMTP password "
	    "(default: the IMAP password)." },
	{ "smtp-auth", conf_set_smtp_auth,
	    "How to log in to the SMTP server: plain, login, xoauth2 or "
	    "oauthbearer (default: chosen from what the server offers)." },
	{ "smtp-certificate-fingerprint", conf_set_smtp_fingerprint,
	    "Pin the SMTP server certificate, as certificate-fingerprint does "
	    "for IMAP." },
	{ "sent", conf_set_sent,
	    "Folder for copies of sent mail, before the one with the \\Sent "
	    "role (default: that one, else Sent)." },
	{ "drafts", conf_set_drafts,
	    "Folder for drafts and unsent mail, before the one with the "
	    "\\Drafts role (default: that one, else Drafts)." },
};
#define CONF_NSETTINGS (sizeof conf_settings / sizeof conf_settings[0])

void
conf_init(struct conf *conf)
{
	conf->accounts = NULL;
	conf->naccounts = 0;
	keymap_init(&conf->keys, KEYS_DEFAULT);
	looks_init(&conf->looks);
}

/* Leaves nothing allocated, not even the default keys. */
void
conf_free(struct conf *conf)
{
	size_t i;

	for (i = 0; i < conf->naccounts; i++)
		account_free(conf->accounts[i]);
	free(conf->accounts);
	conf->accounts = NULL;
	conf->naccounts = 0;
	keymap_free(&conf->keys);
	looks_free(&conf->looks);
}

/* The entry of a setting of an account (top 0) or of the file (top 1). */
static const struct conf_setting *
conf_setting_find(const char *name, size_t len, int top)
{
	const struct conf_setting *t = top ? conf_top_settings : conf_settings;
	size_t			   i, n = top ? CONF_NTOP : CONF_NSETTINGS;

	for (i = 0; i < n; i++) {
		if (strlen(t[i].name) == len &&
		    strncmp(t[i].name, name, len) == 0)
			return (&t[i]);
	}
	return (NULL);
}

const char *const *
conf_setting_names(void)
{
	static const char *names[CONF_NTOP + CONF_NSETTINGS + 1];
	size_t		   i;

	for (i = 0; i < CONF_NSETTINGS; i++)
		names[i] = conf_settings[i].name;
	for (i = 0; i < CONF_NTOP; i++)
		names[CONF_NSETTINGS + i] = conf_top_settings[i].name;
	names[CONF_NSETTINGS + i] = NULL;
	return (names);
}

const char *
conf_setting_help(const char *name)
{
	const struct conf_setting *set;

	if ((set = conf_setting_find(name, strlen(name), 1)) == NULL &&
	    (set = conf_setting_find(name, strlen(name), 0)) == NULL)
		return (NULL);
	return (set->help);
}

static int
conf_set_imap(struct conf_section *sec, const char *value, char **err)
{
	if (account_set_url(sec->account, value, err) != 0)
		return (-1);
	sec->has_imap = 1;
	return (0);
}

static int
conf_set_password_command(struct conf_section *sec, const char *value,
    char **err)
{
	free(sec->account->password_command);
	sec->account->password_command = xstrdup(value);
	return (0);
}

static int
conf_set_oauth2_token_command(struct conf_section *sec, const char *value,
    char **err)
{
	free(sec->account->oauth2_token_command);
	sec->account->oauth2_token_command = xstrdup(value);
	return (0);
}

static const struct {
	const char    *name;
	enum auth_mech mech;
} conf_auths[] = {
	{ "plain", AUTH_PLAIN },
	{ "login", AUTH_LOGIN },
	{ "xoauth2", AUTH_XOAUTH2 },
	{ "oauthbearer", AUTH_OAUTHBEARER },
};

static int
conf_auth(enum auth_mech *mech, const char *name, const char *value, char **err)
{
	size_t i;

	for (i = 0; i < sizeof conf_auths / sizeof conf_auths[0]; i++) {
		if (strcmp(conf_auths[i].name, value) == 0) {
			*mech = conf_auths[i].mech;
			return (0);
		}
	}
	*err = xasprintf("%s must be plain, login, xoauth2 or oauthbearer",
	    name);
	return (-1);
}

static int
conf_set_auth(struct conf_section *sec, const char *value, char **err)
{
	return (conf_auth(&sec->account->auth, "auth", value, err));
}

static int
conf_set_smtp_auth(struct conf_section *sec, const char *value, char **err)
{
	return (conf_auth(&sec->account->smtp_auth, "smtp-auth", value, err));
}

static int
conf_set_smtp(struct conf_section *sec, const char *value, char **err)
{
	return (account_set_smtp_url(sec->account, value, err));
}

static int
conf_set_smtp_password_command(struct conf_section *sec, const char *value,
    char **err)
{
	free(sec->account->smtp_password_command);
	sec->account->smtp_password_command = xstrdup(value);
	return (0);
}

/*
 * One line: a setting that goes into a header or a text, or a folder name
 * (checked against the folder list when used: the server knows which
 * exist).
 */
static int
conf_set_line(char **dst, const char *name, const char *value, char **err)
{
	const char *p;

	for (p = value; *p != '\0'; p++) {
		if ((unsigned char)*p < ' ' || *p == 0x7f) {
			*err = xasprintf("%s holds a control character", name);
			return (-1);
		}
	}
	free(*dst);
	*dst = xstrdup(value);
	return (0);
}

static int
conf_set_sent(struct conf_section *sec, const char *value, char **err)
{
	return (conf_set_line(&sec->account->sent, "sent", value, err));
}

static int
conf_set_drafts(struct conf_section *sec, const char *value, char **err)
{
	return (conf_set_line(&sec->account->drafts, "drafts", value, err));
}

static int
conf_set_ca_file(struct conf_section *sec, const char *value, char **err)
{
	free(sec->account->ca_file);
	sec->account->ca_file = xstrdup(value);
	return (0);
}

static int
conf_set_from(struct conf_section *sec, const char *value, char **err)
{
	return (conf_set_line(&sec->account->from, "from", value, err));
}

static int
conf_set_alternates(struct conf_section *sec, const char *value, char **err)
{
	return (
	    conf_set_line(&sec->account->alternates, "alternates", value, err));
}

static int
conf_set_attribution(struct conf_section *sec, const char *value, char **err)
{
	return (conf_set_line(&sec->account->attribution, "attribution", value,
	    err));
}

static int
conf_set_save_dir(struct conf_section *sec, const char *value, char **err)
{
	if (*value == '\0') {
		*err = xstrdup("save-dir is empty");
		return (-1);
	}
	free(sec->account->save_dir);
	sec->account->save_dir = xstrdup(value);
	return (0);
}

/* Stored as 64 lowercase hex digits, the form tls.c compares against. */
static int
conf_fingerprint(char **dst, const char *name, const char *value, char **err)
{
	char	    hex[65];
	const char *p;
	size_t	    n = 0;

	if (strncasecmp(value, "sha256:", 7) != 0)
		goto bad;
	for (p = value + 7; *p != '\0'; p++) {
		if (*p == ':') {
			/* Only between two byte pairs. */
			if (n == 0 || n % 2 != 0 || p[-1] == ':' ||
			    p[1] == '\0')
				goto bad;
			continue;
		}
		if (n == 64 || decode_hex_digit(*p) < 0)
			goto bad;
		hex[n++] = (char)(*p | 0x20);
	}
	if (n != 64)
		goto bad;
	hex[n] = '\0';
	free(*dst);
	*dst = xstrdup(hex);
	return (0);

bad:
	*err = xasprintf("%s must be sha256: followed by 64 hex digits", name);
	return (-1);
}

static int
conf_set_fingerprint(struct conf_section *sec, const char *value, char **err)
{
	return (conf_fingerprint(&sec->account->fingerprint,
	    "certificate-fingerprint", value, err));
}

static int
conf_set_smtp_fingerprint(struct conf_section *sec, const char *value,
    char **err)
{
	return (conf_fingerprint(&sec->account->smtp_fingerprint,
	    "smtp-certificate-fingerprint", value, err));
}

/*
 * A DNS name: it goes to OpenSSL's host check and out in the ClientHello,
 * so letters, digits, '-' and '.' only.
 */
static int
conf_set_tls_server_name(struct conf_section *sec, const char *value,
    char **err)
{
	const char *p;

	for (p = value; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			break;
	}
	if (p == value || *p != '\0' || strlen(value) > 253) {
		*err = xstrdup("tls-server-name must be a host name (letters, "
			       "digits, '-' and '.')");
		return (-1);
	}
	free(sec->account->tls_server_name);
	sec->account->tls_server_name = xstrdup(value);
	return (0);
}

static int
conf_set_tls(struct conf_section *sec, const char *value, char **err)
{
	if (strcmp(value, "none") != 0) {
		*err = xstrdup("tls can only be 'none' (the URL scheme "
			       "chooses TLS)");
		return (-1);
	}
	/* Checked against the URL when the section ends. */
	sec->tls_line = sec->lineno;
	return (0);
}

/* Whole seconds from min to max, for the settings that take a time. */
static int
conf_seconds(const char *name, const char *value, int min, int max, int *out,
    char **err)
{
	const char *p;
	long	    t = 0;

	for (p = value; *p >= '0' && *p <= '9' && t <= max; p++)
		t = t * 10 + (*p - '0');
	if (p == value || *p != '\0' || t < min || t > max) {
		*err = xasprintf("%s must be whole seconds from %d to %d", name,
		    min, max);
		return (-1);
	}
	*out = (int)t;
	return (0);
}

static int
conf_set_timeout(struct conf_section *sec, const char *value, char **err)
{
	return (conf_seconds("timeout", value, 1, CONF_TIMEOUT_MAX,
	    &sec->account->timeout, err));
}

static int
conf_set_poll_interval(struct conf_section *sec, const char *value, char **err)
{
	return (conf_seconds("poll-interval", value, 1, CONF_TIMEOUT_MAX,
	    &sec->account->poll_interval, err));
}

static int
conf_set_folder_refresh(struct conf_section *sec, const char *value, char **err)
{
	return (conf_seconds("folder-refresh", value, 0, CONF_REFRESH_MAX,
	    &sec->account->folder_refresh, err));
}

static int
conf_set_new_mail_bell(struct conf_section *sec, const char *value, char **err)
{
	if (strcmp(value, "yes") == 0)
		sec->account->new_mail_bell = 1;
	else if (strcmp(value, "no") == 0)
		sec->account->new_mail_bell = 0;
	else {
		*err = xstrdup("new-mail-bell must be yes or no");
		return (-1);
	}
	return (0);
}

static int
conf_set_delete(struct conf_section *sec, const char *value, char **err)
{
	if (strcmp(value, "trash") == 0)
		sec->account->delete_to_trash = 1;
	else if (strcmp(value, "flag") == 0)
		sec->account->delete_to_trash = 0;
	else {
		*err = xstrdup("delete must be flag or trash");
		return (-1);
	}
	return (0);
}

static int
conf_set_subscribed_only(struct conf_section *sec, const char *value,
    char **err)
{
	if (strcmp(value, "yes") == 0)
		sec->account->subscribed_only = 1;
	else if (strcmp(value, "no") == 0)
		sec->account->subscribed_only = 0;
	else if (strcmp(value, "auto") == 0)
		sec->account->subscribed_only = -1;
	else {
		*err = xstrdup("subscribed-only must be yes, no or auto");
		return (-1);
	}
	return (0);
}

static int
conf_set_sort(struct conf_section *sec, const char *value, char **err)
{
	if (sort_parse(value, &sec->account->sort) != 0) {
		*err = xstrdup("sort must be date, arrival, threads, from, "
			       "subject or size, or one of them after "
			       "reverse-");
		return (-1);
	}
	return (0);
}

static int
conf_set_html_filter(struct conf_section *sec, const char *value, char **err)
{
	free(sec->account->html_filter);
	sec->account->html_filter = xstrdup(value);
	return (0);
}

static int
conf_set_keys_preset(struct conf_section *sec, const char *value, char **err)
{
	enum keys_preset p;

	if (keymap_preset_parse(value, &p) != 0) {
		*err = xstrdup("keys-preset must be default, vi or mutt");
		return (-1);
	}
	/* Before any [keys] section: nothing of the user's is lost. */
	keymap_free(&sec->conf->keys);
	keymap_init(&sec->conf->keys, p);
	return (0);
}

static int
conf_is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

/* Trim blanks from both ends of s[0..*len) and return the new start. */
static const char *
conf_trim(const char *s, size_t *len)
{
	while (*len > 0 && conf_is_blank(*s)) {
		s++;
		(*len)--;
	}
	while (*len > 0 && conf_is_blank(s[*len - 1]))
		(*len)--;
	return (s);
}

/*
 * Unquote "..." that fills all of s[0..len): \" and \\ are the only escapes;
 * any other backslash stays, for Windows-style paths in commands.  NULL if
 * the quotes are not closed at the end.
 */
static char *
conf_unquote(const char *s, size_t len)
{
	struct strbuf sb;
	size_t	      i;

	strbuf_init(&sb);
	for (i = 1; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len &&
		    (s[i + 1] == '"' || s[i + 1] == '\\')) {
			strbuf_addc(&sb, s[++i]);
			continue;
		}
		if (s[i] == '"')
			break;
		strbuf_addc(&sb, s[i]);
	}
	if (i != len - 1) {
		strbuf_free(&sb);
		return (NULL);
	}
	return (strbuf_detach(&sb, NULL));
}

static struct account *
conf_find_n(struct conf *conf, const char *name)
{
	size_t i;

	for (i = 0; i < conf->naccounts; i++) {
		if (strcmp(conf->accounts[i]->name, name) == 0)
			return (conf->accounts[i]);
	}
	return (NULL);
}

struct account *
conf_find(struct conf *conf, const char *name)
{
	if (conf->naccounts == 0)
		return (NULL);
	if (name == NULL)
		return (conf->accounts[0]);
	return (conf_find_n(conf, name));
}

/* Checks that need the whole section; the account is in conf already. */
static char *
conf_section_end(struct conf_section *sec, const char *file)
{
	struct account *a = sec->account;

	if (a == NULL)
		return (NULL);
	if (!sec->has_imap)
		return (xasprintf("%s:%zu: account '%s' has no imap setting",
		    file, sec->line, a->name));
	if (a->oauth2_token_command != NULL && a->password_command != NULL)
		return (xasprintf("%s:%zu: account '%s' has both "
				  "password-command and oauth2-token-command",
		    file, sec->line, a->name));
	if ((a->auth == AUTH_XOAUTH2 || a->auth == AUTH_OAUTHBEARER) !=
		(a->oauth2_token_command != NULL) &&
	    a->auth != AUTH_AUTO)
		return (xasprintf("%s:%zu: account '%s': auth = xoauth2 and "
				  "oauthbearer need oauth2-token-command, and "
				  "plain and login a password",
		    file, sec->line, a->name));
	if (sec->tls_line != 0) {
		if (a->tls != TLS_STARTTLS)
			return (xasprintf("%s:%zu: tls = none needs an "
					  "imap:// URL, not imaps://",
			    file, sec->tls_line));
		a->tls = TLS_NONE;
	}
	return (NULL);
}

/*
 * Parse "[account NAME]"; return the name or NULL with *reason set.  For
 * "[colors]" the name is "".
 */
static char *
conf_section_name(const char *s, size_t len, char **reason)
{
	const char *word;
	size_t	    i, wlen;
	char	   *name;

	/* s[0] is '[' */
	if (s[len - 1] != ']') {
		*reason = xstrdup("expected '[account \"NAME\"]'");
		return (NULL);
	}
	len -= 2;
	s = conf_trim(s + 1, &len);
	for (i = 0; i < len && !conf_is_blank(s[i]); i++)
		/* nothing */;
	if (i == len && i == 6 && strncmp(s, "colors", 6) == 0)
		return (xstrdup(""));
	if (i != 7 || strncmp(s, "account", 7) != 0) {
		*reason = xasprintf("unknown section '%.*s'", (int)i, s);
		return (NULL);
	}
	wlen = len - i;
	word = conf_trim(s + i, &wlen);
	if (wlen > 0 && word[0] == '"') {
		if ((name = conf_unquote(word, wlen)) == NULL) {
			*reason = xstrdup("expected '[account \"NAME\"]'");
			return (NULL);
		}
	} else {
		for (i = 0; i < wlen; i++) {
			if (conf_is_blank(word[i]) || word[i] == '"') {
				*reason = xstrdup(
				    "expected '[account "
				    "\"NAME\"]' (quote a name with spaces)");
				return (NULL);
			}
		}
		name = xstrndup(word, wlen);
	}
	if (*name == '\0') {
		free(name);
		*reason = xstrdup("empty account name");
		return (NULL);
	}
	/* The name becomes the cache's file name. */
	if (strchr(name, '/') != NULL || name[0] == '.') {
		free(name);
		*reason = xstrdup("an account name may not hold '/' or start "
				  "with '.'");
		return (NULL);
	}
	return (name);
}

/* The value of name as the line gives it, or NULL with *reason set. */
static char *
conf_value(const char *name, const char *val, size_t vlen, char **reason)
{
	char *value;

	if (vlen > 0 && val[0] == '"') {
		if ((value = conf_unquote(val, vlen)) == NULL) {
			*reason = xasprintf("unterminated quotes in value of "
					    "'%s'",
			    name);
			return (NULL);
		}
	} else
		value = xstrndup(val, vlen);
	if (*value == '\0') {
		free(value);
		*reason = xasprintf("empty value for '%s'", name);
		return (NULL);
	}
	return (value);
}

/*
 * A line of [colors], or of the top of the file (before any section):
 * the screen's settings, looks.c's.
 */
static char *
conf_parse_looks(struct conf_section *sec, const char *key, const char *val,
    size_t vlen)
{
	char  *value, *reason = NULL;
	int    known = 1, r;
	size_t i;

	if ((value = conf_value(key, val, vlen, &reason)) == NULL)
		return (reason);
	if (sec->colors)
		r = colors_set(&sec->conf->looks.colors, key, value, &reason);
	else
		r = looks_set(&sec->conf->looks, key, value, &known, &reason);
	free(value);
	if (known)
		return (r != 0 ? reason : NULL);
	for (i = 0; i < CONF_NSETTINGS; i++) {
		if (strcmp(conf_settings[i].name, key) == 0)
			return (xasprintf("setting '%s' outside an [account] "
					  "section",
			    key));
	}
	return (xasprintf("unknown setting '%s'", key));
}

static char *
conf_parse_setting(struct conf_section *sec, const char *s, size_t len)
{
	const struct conf_setting *set;
	const char		  *eq, *key, *val;
	size_t			   klen, vlen, i;
	unsigned int		  *seen;
	char			  *value, *name, *reason = NULL;
	int			   r;

	if ((eq = memchr(s, '=', len)) == NULL)
		return (xstrdup("expected 'key = value'"));
	klen = (size_t)(eq - s);
	key = conf_trim(s, &klen);
	vlen = len - (size_t)(eq - s) - 1;
	val = conf_trim(eq + 1, &vlen);
	if (klen == 0)
		return (xstrdup("expected 'key = value'"));
	/*
	 * Not a setting: a password in a file outlives its use and gets
	 * copied with the file.  Say so rather than "unknown setting", and,
	 * as ssh does for its keys, say how to close a file others can read.
	 */
	if (klen == 8 && strncmp(key, "password", 8) == 0)
		return (xasprintf("tern reads no password from its "
				  "configuration: give it with "
				  "password-command%s",
		    sec->shared ? "; this file is readable by others, so "
				  "chmod 600 it and change the password" :
				  ""));
	/* [colors], and the top of the file but for keys-preset: looks.c's. */
	if (sec->account == NULL &&
	    (sec->colors || conf_setting_find(key, klen, 1) == NULL)) {
		name = xstrndup(key, klen);
		reason = conf_parse_looks(sec, name, val, vlen);
		free(name);
		return (reason);
	}
	if ((set = conf_setting_find(key, klen, 0)) != NULL) {
		i = (size_t)(set - conf_settings);
		seen = &sec->seen;
	} else if ((set = conf_setting_find(key, klen, 1)) != NULL) {
		i = (size_t)(set - conf_top_settings);
		if (sec->started)
			return (xasprintf("setting '%s' must come before the "
					  "first section",
			    set->name));
		seen = &sec->top_seen;
	} else {
		name = xstrndup(key, klen);
		reason = xasprintf("unknown setting '%s'%s", name,
		    looks_setting_help(name) != NULL ?
			" in an [account] section (it goes at the top of the "
			"file, before any section)" :
			"");
		free(name);
		return (reason);
	}
	if (*seen & (1U << i))
		return (xasprintf("setting '%s' given twice", set->name));
	*seen |= 1U << i;
	if ((value = conf_value(set->name, val, vlen, &reason)) == NULL)
		return (reason);
	r = set->set(sec, value, &reason);
	free(value);
	if (r != 0)
		return (reason);
	return (NULL);
}

/*
 * "[keys]" or "[keys.SCREEN]": 1 with *ctx set (CTX_ANY for [keys]), 0 for
 * a section of another kind, -1 with *reason set for an unknown screen.
 */
static int
conf_keys_section(const char *s, size_t len, enum context *ctx, char **reason)
{
	/* s[0] is '[' */
	if (s[len - 1] != ']')
		return (0);
	len -= 2;
	s = conf_trim(s + 1, &len);
	if (len == 4 && strncmp(s, "keys", 4) == 0) {
		*ctx = CTX_ANY;
		return (1);
	}
	if (len < 5 || strncmp(s, "keys.", 5) != 0)
		return (0);
	if (keymap_context_parse(s + 5, len - 5, ctx) != 0) {
		*reason = xasprintf("unknown section '%.*s' (the screens are "
				    "folders, index, pager, help, failed and "
				    "attachments)",
		    (int)len, s);
		return (-1);
	}
	return (1);
}

/* "KEY = ACTION"; the last '=' splits, so that "= = first" binds '='. */
static char *
conf_parse_key(struct conf_section *sec, const char *s, size_t len)
{
	const char *key, *action;
	size_t	    klen, alen;
	char	   *reason = NULL;

	for (klen = len; klen > 0 && s[klen - 1] != '='; klen--)
		;
	if (klen == 0)
		return (xstrdup("expected 'KEY = ACTION'"));
	alen = len - klen;
	action = conf_trim(s + klen, &alen);
	klen--;
	key = conf_trim(s, &klen);
	if (klen == 0 || alen == 0)
		return (xstrdup("expected 'KEY = ACTION'"));
	if (keymap_bind(&sec->conf->keys, sec->keys_ctx, key, klen, action,
		alen, &reason) != 0)
		return (reason);
	return (NULL);
}

/* A new section: the state of the one before goes, but not the file's. */
static void
conf_section_begin(struct conf_section *sec, size_t lineno)
{
	struct conf_section next;

	memset(&next, 0, sizeof next);
	next.conf = sec->conf;
	next.shared = sec->shared;
	next.started = 1;
	next.line = lineno;
	*sec = next;
}

/* shared: the file is readable by group or others. */
static int
conf_parse_file(struct conf *conf, const char *file, const char *buf,
    size_t len, int shared, char **err)
{
	struct conf_section sec;
	const char	   *s, *nl;
	size_t		    off = 0, lineno = 0, n;
	char		   *reason = NULL, *name;
	int		    r;

	memset(&sec, 0, sizeof sec);
	sec.conf = conf;
	sec.shared = shared;
	*err = NULL;
	while (off < len) {
		lineno++;
		s = buf + off;
		if ((nl = memchr(s, '\n', len - off)) != NULL) {
			n = (size_t)(nl - s);
			off += n + 1;
		} else {
			n = len - off;
			off = len;
		}
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n) != NULL) {
			reason = xstrdup("NUL byte in line");
			break;
		}
		s = conf_trim(s, &n);
		if (n == 0 || s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '[') {
			if ((*err = conf_section_end(&sec, file)) != NULL)
				break;
			conf_section_begin(&sec, lineno);
			if ((r = conf_keys_section(s, n, &sec.keys_ctx,
				 &reason)) < 0)
				break;
			if (r > 0) {
				sec.keys = 1;
				continue;
			}
			if ((name = conf_section_name(s, n, &reason)) == NULL)
				break;
			if (*name == '\0') {
				free(name);
				sec.colors = 1;
				continue;
			}
			if (conf_find_n(conf, name) != NULL) {
				reason = xasprintf("duplicate account '%s'",
				    name);
				free(name);
				break;
			}
			sec.account = account_new(name);
			free(name);
			conf->accounts = xreallocarray(conf->accounts,
			    conf->naccounts + 1, sizeof *conf->accounts);
			conf->accounts[conf->naccounts++] = sec.account;
			continue;
		}
		sec.lineno = lineno;
		if ((reason = sec.keys ?
			    conf_parse_key(&sec, s, n) :
			    conf_parse_setting(&sec, s, n)) != NULL)
			break;
	}
	if (reason != NULL)
		*err = xasprintf("%s:%zu: %s", file, lineno, reason);
	else if (*err == NULL)
		*err = conf_section_end(&sec, file);
	free(reason);
	if (*err != NULL) {
		conf_free(conf);
		return (-1);
	}
	return (0);
}

int
conf_parse(struct conf *conf, const char *file, const char *buf, size_t len,
    char **err)
{
	return (conf_parse_file(conf, file, buf, len, 0, err));
}

int
conf_load(struct conf *conf, const char *path, char **err)
{
	struct strbuf sb;
	struct stat   st;
	FILE	     *f;
	char	      buf[8192];
	size_t	      n;
	int	      r;

	if ((f = fopen(path, "r")) == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(fileno(f), &st) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		fclose(f);
		return (-1);
	}
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		strbuf_add(&sb, buf, n);
		if (sb.len > CONF_MAX_SIZE) {
			*err = xasprintf("%s: file too large", path);
			goto fail;
		}
	}
	if (ferror(f)) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	r = conf_parse_file(conf, path, sb.buf != NULL ? sb.buf : "", sb.len,
	    (st.st_mode & (S_IRGRP | S_IROTH)) != 0, err);
	/* It may hold a password someone put there against the advice. */
	if (sb.buf != NULL)
		explicit_bzero(sb.buf, sb.len);
	explicit_bzero(buf, sizeof buf);
	strbuf_free(&sb);
	return (r);

fail:
	fclose(f);
	if (sb.buf != NULL)
		explicit_bzero(sb.buf, sb.len);
	strbuf_free(&sb);
	return (-1);
}

char *
conf_default_path(void)
{
	const char    *dir;
	struct passwd *pw;

	/* The XDG spec says a relative value is to be ignored. */
	if ((dir = getenv("XDG_CONFIG_HOME")) != NULL && dir[0] == '/')
		return (xasprintf("%s/tern/config", dir));
	if ((dir = getenv("HOME")) == NULL || dir[0] == '\0') {
		if ((pw = getpwuid(getuid())) == NULL)
			return (NULL);
		dir = pw->pw_dir;
	}
	return (xasprintf("%s/.config/tern/config", dir));
}

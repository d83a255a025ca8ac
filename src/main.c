/*
 * main.c owns start-up and exit: the command line, the configuration, the
 * account, the password-command, and the exit status.  Everything after
 * start-up belongs to app.c.  It must never print a password.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app.h"
#include "conf.h"
#include "conf_print.h"
#include "keymap.h"
#include "log.h"
#include "secret.h"
#include "tls.h"
#include "ui.h"
#include "xmalloc.h"

static const char main_usage[] =
    "usage: tern [-hV] [-a account] [-c file] [-d logfile] [--ca-file file]\n"
    "            [--dump-keys] [imaps://user@host[:port]] [mailto:...]\n"
    "       tern --check-config [-a account] [-c file | file]\n"
    "\n"
    "  -a, --account NAME   open this account of the configuration first\n"
    "                       (default: the first; every account starts)\n"
    "  -c, --config FILE    read this configuration file (default:\n"
    "                       $XDG_CONFIG_HOME/tern/config)\n"
    "  -d, --debug FILE     write a debug log to FILE (never passwords)\n"
    "      --ca-file FILE   trust the CA certificates in FILE\n"
    "      --check-config   check the configuration, print what it sets\n"
    "                       (never a password; no command is run), and exit\n"
    "      --dump-keys      print the key bindings in effect, as [keys]\n"
    "                       sections of a configuration, and exit\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "In the message list, o chooses the order (date, arrival, threads, from,\n"
    "subject, size, capital for reverse), / searches the folder on the server\n"
    "(from:alice unread since:2024-01-01, see SEARCHING in tern(1)) and Esc\n"
    "shows every message again; --dump-keys lists every key.  A [keys]\n"
    "section of the configuration binds keys (x = toggle-read, <C-d> = none),\n"
    "[keys.index], [keys.pager], [keys.folders] those of one screen, and\n"
    "keys-preset = vi or mutt starts from other keys; see tern.conf(5).\n"
    "\n"
    "Each account of the configuration is a tree of its own in the folder\n"
    "pane; the keys 1 to 9 open the INBOX of the first to ninth account.\n"
    "\n"
    "With a URL and no configuration, tern connects to that server and asks\n"
    "for the password. imaps:// is TLS on port 993; imap:// is port 143 with\n"
    "STARTTLS, required. See tern(1) and tern.conf(5).\n"
    "\n"
    "In the pager, v lists the message's parts: s saves one (the setting\n"
    "save-dir is the directory offered), Enter opens it with its viewer\n"
    "from ~/.mailcap, /etc/mailcap or $MAILCAPS.\n"
    "\n"
    "m writes a message, r replies, R replies to all, f forwards, W forwards\n"
    "as an attachment, in $VISUAL, else $EDITOR, else vi; then y sends, P\n"
    "postpones to Drafts (p resumes), a attaches a file, e edits again, q\n"
    "abandons.  With a mailto: URL (RFC 6068) tern starts writing to it,\n"
    "and ends when the message is done with.\n"
    "\n"
    "The configuration also sets the colours ([colors]), the columns of the\n"
    "list (index-format), its dates (date-format = relative) and the mouse\n"
    "(mouse = yes); see tern.conf(5).\n";

enum {
	OPT_CA_FILE = 256,
	OPT_DUMP_KEYS,
	OPT_CHECK_CONFIG,
};

static const struct option main_options[] = {
	{ "account", required_argument, NULL, 'a' },
	{ "config", required_argument, NULL, 'c' },
	{ "debug", required_argument, NULL, 'd' },
	{ "ca-file", required_argument, NULL, OPT_CA_FILE },
	{ "check-config", no_argument, NULL, OPT_CHECK_CONFIG },
	{ "dump-keys", no_argument, NULL, OPT_DUMP_KEYS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/*
 * The password lives in memory while tern runs: no core file may hold
 * it, and no other process of the user may read it by ptrace.
 */
static void
main_no_core(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static void __attribute__((noreturn)) main_fail(char *msg)
{
	fprintf(stderr, "tern: %s\n", msg);
	free(msg);
	exit(1);
}

/*
 * --check-config: the file is read as for a start, and what it sets is
 * printed; nothing is connected to and no command is run.
 */
static int
main_check_config(const char *path, const char *account_name)
{
	struct conf conf;
	char	   *p, *err = NULL;

	if ((p = path != NULL ? xstrdup(path) : conf_default_path()) == NULL)
		main_fail(xstrdup("no configuration file: give one"));
	conf_init(&conf);
	if (conf_load(&conf, p, &err) != 0)
		main_fail(err);
	if (conf.naccounts == 0)
		err = xasprintf("%s: the configuration has no account", p);
	else if (account_name != NULL && conf_find(&conf, account_name) == NULL)
		err = xasprintf("%s: no account named %s", p, account_name);
	if (err != NULL)
		main_fail(err);
	printf("%s: valid\n", p);
	conf_print(stdout, &conf);
	free(p);
	conf_free(&conf);
	return (0);
}

/* The TLS contexts are made while the cache opens and the login waits. */
static void
main_prepare_tls(struct app *app)
{
	const char **files;
	size_t	     i, n = 0;

	files = xreallocarray(NULL, app->nsessions + 1, sizeof *files);
	for (i = 0; i < app->nsessions; i++)
		if (app->sessions[i]->account->tls != TLS_NONE)
			files[n++] = app->sessions[i]->account->ca_file;
	tls_prepare(files, n);
	free(files);
}

int
main(int argc, char **argv)
{
	struct conf	conf;
	struct app	app;
	struct account *account = NULL, *url_account = NULL;
	struct session *s;
	const char     *account_name = NULL, *config = NULL, *ca_file = NULL;
	const char     *mailto = NULL;
	char	       *path, *err = NULL;
	size_t		i;
	int		c, status, explicit_config;
	int		dump_keys = 0, check_config = 0;

	main_no_core();
	setlocale(LC_ALL, "");
	while ((c = getopt_long(argc, argv, "a:c:d:hV", main_options, NULL)) !=
	    -1) {
		switch (c) {
		case 'a':
			account_name = optarg;
			break;
		case 'c':
			config = optarg;
			break;
		case 'd':
			log_open(optarg);
			break;
		case OPT_CA_FILE:
			ca_file = optarg;
			break;
		case OPT_DUMP_KEYS:
			dump_keys = 1;
			break;
		case OPT_CHECK_CONFIG:
			check_config = 1;
			break;
		case 'h':
			fputs(main_usage, stdout);
			return (0);
		case 'V':
			printf("tern %s\n", TERN_VERSION);
			return (0);
		default:
			fputs(main_usage, stderr);
			return (1);
		}
	}
	argc -= optind;
	argv += optind;
	/* The system's mailto handler: the URL and, maybe, an account URL. */
	if (argc >= 1 && strncasecmp(argv[argc - 1], "mailto:", 7) == 0) {
		mailto = argv[argc - 1];
		argc--;
	}
	if (argc > 1 || (check_config && argc == 1 && config != NULL)) {
		fputs(main_usage, stderr);
		return (1);
	}
	if (check_config)
		return (main_check_config(argc == 1 ? argv[0] : config,
		    account_name));

	conf_init(&conf);
	if (argc == 1 && dump_keys) {
		/* A URL on the command line: no configuration, no [keys]. */
		keymap_dump(&conf.keys, stdout, 0);
		conf_free(&conf);
		return (0);
	}
	if (argc == 1) {
		/* A URL on the command line needs no configuration. */
		url_account = account_new("default");
		if (account_set_url(url_account, argv[0], &err) != 0)
			main_fail(err);
		/* Names the cache file: one per user and server. */
		free(url_account->name);
		url_account->name = xasprintf("%s@%s", url_account->user,
		    url_account->host);
		account = url_account;
	} else {
		explicit_config = config != NULL;
		path = explicit_config ? xstrdup(config) : conf_default_path();
		/* Without a file the keys are the defaults. */
		if (dump_keys &&
		    (path == NULL ||
			(!explicit_config && access(path, F_OK) != 0))) {
			free(path);
			path = NULL;
		} else if (path == NULL ||
		    (!explicit_config && access(path, F_OK) != 0))
			main_fail(xstrdup(
			    "no account: give a URL such as "
			    "imaps://user@host, or write a configuration "
			    "(see tern.conf(5))"));
		if (path != NULL && conf_load(&conf, path, &err) != 0)
			main_fail(err);
		free(path);
		if (dump_keys) {
			keymap_dump(&conf.keys, stdout, 0);
			conf_free(&conf);
			return (0);
		}
		if ((account = conf_find(&conf, account_name)) == NULL)
			main_fail(account_name != NULL ?
				xasprintf("no account named %s", account_name) :
				xstrdup("the configuration has no account"));
	}
	memset(&app, 0, sizeof app);
	/*
	 * Every account starts, in the order of the configuration; the
	 * chosen one (-a, else the first) is the one opened first.
	 */
	if (url_account != NULL)
		app_add_account(&app, url_account);
	for (i = 0; i < conf.naccounts; i++) {
		s = app_add_account(&app, conf.accounts[i]);
		if (conf.accounts[i] == account)
			app.cur = s;
	}
	for (i = 0; i < app.nsessions; i++) {
		if (ca_file != NULL) {
			free(app.sessions[i]->account->ca_file);
			app.sessions[i]->account->ca_file = xstrdup(ca_file);
		}
	}
	main_prepare_tls(&app);
	app.keys = &conf.keys;
	ui_set_looks(&conf.looks);
	if (mailto != NULL && actions_compose_mailto(&app, mailto, &err) != 0)
		main_fail(err);
	/* The connections are made while the password-commands run. */
	app_begin(&app);
	for (i = 0; i < app.nsessions; i++) {
		s = app.sessions[i];
		if (s->account->password_command != NULL &&
		    (s->password = secret_command(s->account->password_command,
			 "password-command", &err)) == NULL) {
			/* A worker may be in a TLS handshake: no waiting. */
			fprintf(stderr, "tern: %s%s\n", app_prefix(&app, s),
			    err);
			_exit(1);
		}
	}

	log_debug("tern %s starting for %s@%s", TERN_VERSION, account->user,
	    account->host);
	status = app_run(&app);
	if (app.exit_text != NULL) {
		fprintf(stderr, "tern: %s\n", app.exit_text);
		free(app.exit_text);
	}
	if (url_account != NULL)
		account_free(url_account);
	conf_free(&conf);
	tls_end();
	log_close();
	return (status);
}

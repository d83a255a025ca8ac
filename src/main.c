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
#include <unistd.h>

#include "app.h"
#include "conf.h"
#include "keymap.h"
#include "log.h"
#include "secret.h"
#include "xmalloc.h"

static const char main_usage[] =
    "usage: tern [-hV] [-a account] [-c file] [-d logfile] [--ca-file file]\n"
    "            [--dump-keys] [imaps://user@host[:port]]\n"
    "\n"
    "  -a, --account NAME   open this account of the configuration first\n"
    "                       (default: the first; every account starts)\n"
    "  -c, --config FILE    read this configuration file (default:\n"
    "                       $XDG_CONFIG_HOME/tern/config)\n"
    "  -d, --debug FILE     write a debug log to FILE (never passwords)\n"
    "      --ca-file FILE   trust the CA certificates in FILE\n"
    "      --dump-keys      print the key bindings and exit\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "In the message list, o chooses the order (date, arrival, threads, from,\n"
    "subject, size, capital for reverse), / searches the folder on the server\n"
    "(from:alice unread since:2024-01-01, see SEARCHING in tern(1)) and Esc\n"
    "shows every message again; --dump-keys lists every key.\n"
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
    "from ~/.mailcap, /etc/mailcap or $MAILCAPS.\n";

enum {
	OPT_CA_FILE = 256,
	OPT_DUMP_KEYS,
};

static const struct option main_options[] = {
	{ "account", required_argument, NULL, 'a' },
	{ "config", required_argument, NULL, 'c' },
	{ "debug", required_argument, NULL, 'd' },
	{ "ca-file", required_argument, NULL, OPT_CA_FILE },
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

int
main(int argc, char **argv)
{
	struct conf	conf;
	struct app	app;
	struct account *account = NULL, *url_account = NULL;
	struct session *s;
	const char     *account_name = NULL, *config = NULL, *ca_file = NULL;
	char	       *path, *err = NULL;
	size_t		i;
	int		c, status, explicit_config;

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
			keymap_dump(stdout);
			return (0);
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
	if (argc > 1) {
		fputs(main_usage, stderr);
		return (1);
	}

	conf_init(&conf);
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
		if (path == NULL ||
		    (!explicit_config && access(path, F_OK) != 0))
			main_fail(xstrdup(
			    "no account: give a URL such as "
			    "imaps://user@host, or write a configuration "
			    "(see tern.conf(5))"));
		if (conf_load(&conf, path, &err) != 0)
			main_fail(err);
		free(path);
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
	log_close();
	return (status);
}

/*
 * Unit tests for conf.c and account.c: the configuration file, its errors,
 * imap URLs, and the manual page against the table of settings.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf.h"
#include "conf_print.h"

#define FP_HEX                             \
	"00112233445566778899aabbccddeeff" \
	"00112233445566778899aabbccddeeff"

/* Parse text that must be accepted. */
static void
test_conf_ok(struct conf *conf, const char *text)
{
	char *err = NULL;

	conf_init(conf);
	if (conf_parse(conf, "test.conf", text, strlen(text), &err) != 0)
		fail_msg("unexpected error: %s", err);
	assert_null(err);
}

/* Parse text that must be refused with exactly this message. */
static void
test_conf_error(const char *text, const char *want)
{
	struct conf conf;
	char	   *err = NULL;

	conf_init(&conf);
	assert_int_equal(conf_parse(&conf, "test.conf", text, strlen(text),
			     &err),
	    -1);
	assert_non_null(err);
	assert_string_equal(err, want);
	/* A failed parse leaves nothing behind. */
	assert_int_equal(conf.naccounts, 0);
	assert_null(conf.accounts);
	free(err);
}

static void
test_conf_example(void **state)
{
	struct conf	conf;
	struct account *a;

	test_conf_ok(&conf,
	    "# mail at home\n"
	    "[account \"home\"]\n"
	    "imap = imaps://alice@mail.example.org\n"
	    "password-command = pass show mail/home\n"
	    "ca-file = /etc/ssl/my-ca.pem\n"
	    "\n"
	    "[account work]\n"
	    "\timap=imap://bob%40corp@[::1]:1143/\n"
	    "  ; a comment\n"
	    "  timeout   =   120  \n"
	    "  tls = none\n");
	assert_int_equal(conf.naccounts, 2);
	a = conf.accounts[0];
	assert_string_equal(a->name, "home");
	assert_string_equal(a->user, "alice");
	assert_string_equal(a->host, "mail.example.org");
	assert_string_equal(a->port, "993");
	assert_int_equal(a->tls, TLS_IMPLICIT);
	assert_string_equal(a->password_command, "pass show mail/home");
	assert_string_equal(a->ca_file, "/etc/ssl/my-ca.pem");
	assert_null(a->fingerprint);
	assert_int_equal(a->timeout, 30);
	a = conf.accounts[1];
	assert_string_equal(a->name, "work");
	assert_string_equal(a->user, "bob@corp");
	assert_string_equal(a->host, "::1");
	assert_string_equal(a->port, "1143");
	assert_int_equal(a->tls, TLS_NONE);
	assert_null(a->password_command);
	assert_null(a->ca_file);
	assert_int_equal(a->timeout, 120);

	assert_ptr_equal(conf_find(&conf, NULL), conf.accounts[0]);
	assert_ptr_equal(conf_find(&conf, "work"), conf.accounts[1]);
	assert_null(conf_find(&conf, "play"));
	conf_free(&conf);
	assert_int_equal(conf.naccounts, 0);
	assert_null(conf_find(&conf, NULL));
}

static void
test_conf_syntax(void **state)
{
	struct conf conf;

	/* CRLF, no newline at the end, a quoted name with a space. */
	test_conf_ok(&conf,
	    "\r\n[account \"my mail\"]\r\n"
	    "imap = imaps://a@h\r\n"
	    "password-command = \"  echo \\\"a\\\\b\\\" # x  \"");
	assert_int_equal(conf.naccounts, 1);
	assert_string_equal(conf.accounts[0]->name, "my mail");
	assert_string_equal(conf.accounts[0]->password_command,
	    "  echo \"a\\b\" # x  ");
	conf_free(&conf);

	/* Other backslashes stay; '#' after a value is part of it. */
	test_conf_ok(&conf,
	    "  [ account  x ]  \n"
	    "imap = imaps://a@h\n"
	    "password-command = \"C:\\pw\\n\"\n"
	    "ca-file = /etc/ca#1.pem # not a comment\n");
	assert_string_equal(conf.accounts[0]->name, "x");
	assert_string_equal(conf.accounts[0]->password_command, "C:\\pw\\n");
	assert_string_equal(conf.accounts[0]->ca_file,
	    "/etc/ca#1.pem # not a comment");
	conf_free(&conf);

	/* An empty file, and one with only comments, has no account. */
	test_conf_ok(&conf, "");
	assert_int_equal(conf.naccounts, 0);
	conf_free(&conf);
	test_conf_ok(&conf, "# nothing\n  ; here\n\n");
	assert_int_equal(conf.naccounts, 0);
	conf_free(&conf);
}

static void
test_conf_errors(void **state)
{
	test_conf_error("[account a]\nimap = imaps://u@h\nfoo = bar\n",
	    "test.conf:3: unknown setting 'foo'");
	test_conf_error("[account a]\nimap = imaps://u@h\njust words\n",
	    "test.conf:3: expected 'key = value'");
	test_conf_error("[account a]\n = value\n",
	    "test.conf:2: expected 'key = value'");
	test_conf_error("# top\nimap = imaps://u@h\n",
	    "test.conf:2: setting 'imap' outside an [account] section");
	test_conf_error("[general]\n",
	    "test.conf:1: unknown section 'general'");
	test_conf_error("[account \"a\"\n",
	    "test.conf:1: expected '[account \"NAME\"]'");
	test_conf_error("[account]\n", "test.conf:1: empty account name");
	test_conf_error("[account \"\"]\n", "test.conf:1: empty account name");
	test_conf_error("[account a b]\n",
	    "test.conf:1: expected '[account \"NAME\"]' "
	    "(quote a name with spaces)");
	test_conf_error("[account ../x]\n",
	    "test.conf:1: an account name may not hold '/' or start with '.'");
	test_conf_error("[account a]\nimap = imaps://u@h\n\n"
			"[account a]\nimap = imaps://u@h\n",
	    "test.conf:4: duplicate account 'a'");
	test_conf_error("[account a]\nimap =\n",
	    "test.conf:2: empty value for 'imap'");
	test_conf_error("[account a]\nimap = \"\"\n",
	    "test.conf:2: empty value for 'imap'");
	test_conf_error("[account a]\nca-file = \"/x\n",
	    "test.conf:2: unterminated quotes in value of 'ca-file'");
	test_conf_error("[account a]\nca-file = \"/x\" y\n",
	    "test.conf:2: unterminated quotes in value of 'ca-file'");
	test_conf_error("[account a]\nimap = imaps://u@h\nimap = imaps://u@h\n",
	    "test.conf:3: setting 'imap' given twice");
	test_conf_error("[account a]\nimap = pop3://u@h\n",
	    "test.conf:2: bad URL: unknown scheme (imaps:// or imap://)");
	test_conf_error("[account a]\nimap = imaps://h\n",
	    "test.conf:2: bad URL: no user in URL (imaps://USER@HOST)");
	test_conf_error("[account a]\nimap = imaps://u@h\nim\0ap = x\n",
	    "test.conf:3: expected 'key = value'");
}

static void
test_conf_error_nul(void **state)
{
	static const char text[] = "[account a]\nimap = imaps://u@h\0x\n";
	struct conf	  conf;
	char		 *err = NULL;

	conf_init(&conf);
	assert_int_equal(conf_parse(&conf, "f", text, sizeof text - 1, &err),
	    -1);
	assert_string_equal(err, "f:2: NUL byte in line");
	free(err);
}

static void
test_conf_no_imap(void **state)
{
	test_conf_error("[account a]\npassword-command = x\n",
	    "test.conf:1: account 'a' has no imap setting");
	/* Found when the next section starts, named at its own header. */
	test_conf_error("\n[account a]\n\n[account b]\nimap = imaps://u@h\n",
	    "test.conf:2: account 'a' has no imap setting");
	test_conf_error("[account a]\nimap = imaps://u@h\n[account b]\n",
	    "test.conf:3: account 'b' has no imap setting");
}

static void
test_conf_fingerprint(void **state)
{
	static const char *good[] = {
		"sha256:" FP_HEX,
		"SHA256:"
		"00112233445566778899AABBCCDDEEFF"
		"00112233445566778899AABBCCDDEEFF",
		"sha256:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:"
		"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
	};
	static const char *bad[] = {
		FP_HEX,
		"sha1:" FP_HEX,
		"sha256:" FP_HEX "00",
		"sha256:00112233",
		"sha256:0:0112233445566778899aabbccddeeff"
		"00112233445566778899aabbccddeeff",
		"sha256::00112233445566778899aabbccddeeff"
		"00112233445566778899aabbccddeeff",
		"sha256:00::112233445566778899aabbccddeeff"
		"00112233445566778899aabbccddeeff",
		"sha256:" FP_HEX ":",
		"sha256:g0112233445566778899aabbccddeeff"
		"00112233445566778899aabbccddeeff",
	};
	struct conf conf;
	char	   *text;
	size_t	    i;

	for (i = 0; i < sizeof good / sizeof *good; i++) {
		text = NULL;
		if (asprintf(&text,
			"[account a]\nimap = imaps://u@h\n"
			"certificate-fingerprint = %s\n",
			good[i]) == -1)
			fail();
		test_conf_ok(&conf, text);
		assert_string_equal(conf.accounts[0]->fingerprint, FP_HEX);
		conf_free(&conf);
		free(text);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		text = NULL;
		if (asprintf(&text,
			"[account a]\nimap = imaps://u@h\n"
			"certificate-fingerprint = %s\n",
			bad[i]) == -1)
			fail();
		test_conf_error(text,
		    "test.conf:3: certificate-fingerprint "
		    "must be sha256: followed by 64 hex digits");
		free(text);
	}
}

static void
test_conf_tls_server_name(void **state)
{
	struct conf conf;

	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@127.0.0.1:9993\n"
	    "tls-server-name = mail.example.org\n");
	assert_string_equal(conf.accounts[0]->tls_server_name,
	    "mail.example.org");
	assert_string_equal(conf.accounts[0]->host, "127.0.0.1");
	conf_free(&conf);
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\n");
	assert_null(conf.accounts[0]->tls_server_name);
	conf_free(&conf);
	/* It goes out in the ClientHello: nothing but a host name. */
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"tls-server-name = a b\n",
	    "test.conf:3: tls-server-name must be a host name (letters, "
	    "digits, '-' and '.')");
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"tls-server-name = \"x\\\\y\"\n",
	    "test.conf:3: tls-server-name must be a host name (letters, "
	    "digits, '-' and '.')");
}

static void
test_conf_auth(void **state)
{
	struct conf conf;

	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\n"
	    "oauth2-token-command = oauth2 get u\n"
	    "auth = oauthbearer\n");
	assert_string_equal(conf.accounts[0]->oauth2_token_command,
	    "oauth2 get u");
	assert_null(conf.accounts[0]->password_command);
	assert_int_equal(conf.accounts[0]->auth, AUTH_OAUTHBEARER);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\n"
	    "oauth2-token-command = t\n");
	assert_int_equal(conf.accounts[0]->auth, AUTH_AUTO);
	conf_free(&conf);
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\nauth = login\n");
	assert_int_equal(conf.accounts[0]->auth, AUTH_LOGIN);
	conf_free(&conf);
	test_conf_error("[account a]\nimap = imaps://u@h\nauth = cram-md5\n",
	    "test.conf:3: auth must be plain, login, xoauth2 or oauthbearer");
	test_conf_error("[account a]\nimap = imaps://u@h\nauth = xoauth2\n",
	    "test.conf:1: account 'a': auth = xoauth2 and oauthbearer need "
	    "oauth2-token-command, and plain and login a password");
	test_conf_error("[account a]\nimap = imaps://u@h\nauth = plain\n"
			"oauth2-token-command = t\n",
	    "test.conf:1: account 'a': auth = xoauth2 and oauthbearer need "
	    "oauth2-token-command, and plain and login a password");
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"password-command = p\noauth2-token-command = t\n",
	    "test.conf:1: account 'a' has both password-command and "
	    "oauth2-token-command");
}

static void
test_conf_tls(void **state)
{
	struct conf conf;

	/* tls may come before imap. */
	test_conf_ok(&conf, "[account a]\ntls = none\nimap = imap://u@h\n");
	assert_int_equal(conf.accounts[0]->tls, TLS_NONE);
	assert_string_equal(conf.accounts[0]->port, "143");
	conf_free(&conf);
	test_conf_ok(&conf, "[account a]\nimap = imap://u@h\n");
	assert_int_equal(conf.accounts[0]->tls, TLS_STARTTLS);
	conf_free(&conf);

	test_conf_error("[account a]\nimap = imaps://u@h\ntls = none\n",
	    "test.conf:3: tls = none needs an imap:// URL, not imaps://");
	test_conf_error("[account a]\ntls = none\nimap = imaps://u@h\n"
			"[account b]\nimap = imaps://u@h\n",
	    "test.conf:2: tls = none needs an imap:// URL, not imaps://");
	test_conf_error("[account a]\nimap = imap://u@h\ntls = starttls\n",
	    "test.conf:3: tls can only be 'none' (the URL scheme chooses "
	    "TLS)");
	test_conf_error("[account a]\nimap = imap://u@h\ntls = NONE\n",
	    "test.conf:3: tls can only be 'none' (the URL scheme chooses "
	    "TLS)");
}

static void
test_conf_timeout(void **state)
{
	static const char *bad[] = {
		"0",
		"3601",
		"-5",
		"10s",
		"1.5",
		"99999999999999999999",
		"+7",
	};
	struct conf conf;
	char	   *text;
	size_t	    i;

	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\ntimeout = 1\n");
	assert_int_equal(conf.accounts[0]->timeout, 1);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\ntimeout = \"3600\"\n");
	assert_int_equal(conf.accounts[0]->timeout, 3600);
	conf_free(&conf);
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		text = NULL;
		if (asprintf(&text,
			"[account a]\nimap = imaps://u@h\n"
			"timeout = %s\n",
			bad[i]) == -1)
			fail();
		test_conf_error(text,
		    "test.conf:3: timeout must be whole "
		    "seconds from 1 to 3600");
		free(text);
	}
}

static void
test_conf_live_settings(void **state)
{
	struct conf conf;

	(void)state;
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\n");
	assert_int_equal(conf.accounts[0]->poll_interval, 60);
	assert_int_equal(conf.accounts[0]->folder_refresh, 120);
	assert_int_equal(conf.accounts[0]->new_mail_bell, 0);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\npoll-interval = 5\n"
	    "folder-refresh = 0\nnew-mail-bell = yes\n");
	assert_int_equal(conf.accounts[0]->poll_interval, 5);
	assert_int_equal(conf.accounts[0]->folder_refresh, 0);
	assert_int_equal(conf.accounts[0]->new_mail_bell, 1);
	conf_free(&conf);
	test_conf_error("[account a]\nimap = imaps://u@h\npoll-interval = 0\n",
	    "test.conf:3: poll-interval must be whole seconds from 1 to "
	    "3600");
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"folder-refresh = 86401\n",
	    "test.conf:3: folder-refresh must be whole seconds from 0 to "
	    "86400");
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"folder-refresh = 2m\n",
	    "test.conf:3: folder-refresh must be whole seconds from 0 to "
	    "86400");
	test_conf_error("[account a]\nimap = imaps://u@h\nnew-mail-bell = on\n",
	    "test.conf:3: new-mail-bell must be yes or no");
}

/* The settings of writing mail: any text on one line. */
static void
test_conf_writing(void **state)
{
	struct conf conf;

	(void)state;
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\n");
	assert_null(conf.accounts[0]->from);
	assert_null(conf.accounts[0]->alternates);
	assert_null(conf.accounts[0]->attribution);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\n"
	    "from = Al B <al@example.org>\n"
	    "alternates = al@work.example *@home.example\n"
	    "attribution = %n wrote:\n");
	assert_string_equal(conf.accounts[0]->from, "Al B <al@example.org>");
	assert_string_equal(conf.accounts[0]->alternates,
	    "al@work.example *@home.example");
	assert_string_equal(conf.accounts[0]->attribution, "%n wrote:");
	conf_free(&conf);
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"from = \"a@b\tc\"\n",
	    "test.conf:3: from holds a control character");
}

static void
test_conf_subscribed_only(void **state)
{
	struct conf conf;

	(void)state;
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\n");
	assert_int_equal(conf.accounts[0]->subscribed_only, -1);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\nsubscribed-only = no\n");
	assert_int_equal(conf.accounts[0]->subscribed_only, 0);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\nsubscribed-only = yes\n");
	assert_int_equal(conf.accounts[0]->subscribed_only, 1);
	conf_free(&conf);
	test_conf_error("[account a]\nimap = imaps://u@h\n"
			"subscribed-only = all\n",
	    "test.conf:3: subscribed-only must be yes, no or auto");
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\n");
	assert_int_equal(conf.accounts[0]->delete_to_trash, 0);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\ndelete = trash\n");
	assert_int_equal(conf.accounts[0]->delete_to_trash, 1);
	conf_free(&conf);
	test_conf_error("[account a]\nimap = imaps://u@h\ndelete = yes\n",
	    "test.conf:3: delete must be flag or trash");
}

static void
test_conf_sort(void **state)
{
	struct conf conf;

	(void)state;
	test_conf_ok(&conf, "[account a]\nimap = imaps://u@h\n");
	assert_int_equal(conf.accounts[0]->sort.key, SORT_DATE);
	assert_int_equal(conf.accounts[0]->sort.reverse, 0);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\nsort = reverse-arrival\n");
	assert_int_equal(conf.accounts[0]->sort.key, SORT_ARRIVAL);
	assert_int_equal(conf.accounts[0]->sort.reverse, 1);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\nsort = threads\n");
	assert_int_equal(conf.accounts[0]->sort.key, SORT_THREAD);
	assert_int_equal(conf.accounts[0]->sort.reverse, 0);
	conf_free(&conf);
	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://u@h\nsort = reverse-subject\n");
	assert_int_equal(conf.accounts[0]->sort.key, SORT_SUBJECT);
	assert_int_equal(conf.accounts[0]->sort.reverse, 1);
	conf_free(&conf);
	test_conf_error("[account a]\nimap = imaps://u@h\n\nsort = sender\n",
	    "test.conf:4: sort must be date, arrival, threads, from, "
	    "subject or size, or one of them after reverse-");
	test_conf_error("[account a]\nimap = imaps://u@h\nsort = reverse-\n",
	    "test.conf:3: sort must be date, arrival, threads, from, "
	    "subject or size, or one of them after reverse-");
}

/* Set a URL that must be accepted and check what it gave. */
static void
test_conf_url_ok(const char *url, const char *user, const char *host,
    const char *port, enum tls_mode tls)
{
	struct account *a;
	char	       *err = NULL;

	a = account_new("t");
	if (account_set_url(a, url, &err) != 0)
		fail_msg("%s: %s", url, err);
	assert_string_equal(a->user, user);
	assert_string_equal(a->host, host);
	assert_string_equal(a->port, port);
	assert_int_equal(a->tls, tls);
	account_free(a);
}

static void
test_conf_url_error(const char *url, const char *want)
{
	struct account *a;
	char	       *err = NULL;

	a = account_new("t");
	assert_int_equal(account_set_url(a, url, &err), -1);
	assert_non_null(err);
	assert_string_equal(err, want);
	/* A refused URL leaves the account as it was. */
	assert_null(a->user);
	assert_null(a->host);
	free(err);
	account_free(a);
}

static void
test_conf_account_url(void **state)
{
	test_conf_url_ok("imaps://alice@mail.example.org", "alice",
	    "mail.example.org", "993", TLS_IMPLICIT);
	test_conf_url_ok("imap://alice@mail.example.org", "alice",
	    "mail.example.org", "143", TLS_STARTTLS);
	test_conf_url_ok("IMAPS://alice@h:10993/", "alice", "h", "10993",
	    TLS_IMPLICIT);
	test_conf_url_ok("imaps://a%40b.org@h", "a@b.org", "h", "993",
	    TLS_IMPLICIT);
	test_conf_url_ok("imaps://a@b.org@h", "a@b.org", "h", "993",
	    TLS_IMPLICIT);
	test_conf_url_ok("imaps://u@[::1]:1993", "u", "::1", "1993",
	    TLS_IMPLICIT);
	test_conf_url_ok("imaps://u@[2001:db8::1]", "u", "2001:db8::1", "993",
	    TLS_IMPLICIT);
	test_conf_url_ok("imaps://u@127.0.0.1:1", "u", "127.0.0.1", "1",
	    TLS_IMPLICIT);
	test_conf_url_ok("imaps://u@h:65535", "u", "h", "65535", TLS_IMPLICIT);
	test_conf_url_ok("imaps://u@h:0993", "u", "h", "993", TLS_IMPLICIT);
}

static void
test_conf_account_url_errors(void **state)
{
	test_conf_url_error("pop3://u@h",
	    "bad URL: unknown scheme (imaps:// or imap://)");
	test_conf_url_error("u@h",
	    "bad URL: unknown scheme (imaps:// or "
	    "imap://)");
	test_conf_url_error("imaps://h",
	    "bad URL: no user in URL (imaps://USER@HOST)");
	test_conf_url_error("imaps://@h",
	    "bad URL: no user in URL (imaps://USER@HOST)");
	test_conf_url_error("imaps://u@", "bad URL: empty host");
	test_conf_url_error("imaps://u@:993", "bad URL: empty host");
	test_conf_url_error("imaps://u@[]:993", "bad URL: empty host");
	test_conf_url_error("imaps://u@h:0",
	    "bad URL: bad port '0' "
	    "(1 to 65535)");
	test_conf_url_error("imaps://u@h:65536",
	    "bad URL: bad port '65536' "
	    "(1 to 65535)");
	test_conf_url_error("imaps://u@h:",
	    "bad URL: bad port '' "
	    "(1 to 65535)");
	test_conf_url_error("imaps://u@h:99a",
	    "bad URL: bad port '99a' "
	    "(1 to 65535)");
	test_conf_url_error("imaps://u@h:99999999999999999999",
	    "bad URL: bad port '99999999999999999999' (1 to 65535)");
	test_conf_url_error("imaps://u@h\r\nA1 LOGOUT",
	    "bad URL: control character or space in URL");
	test_conf_url_error("imaps://u ser@h",
	    "bad URL: control character or space in URL");
	test_conf_url_error("imaps://u%0d%0a@h",
	    "bad URL: control character or space in user");
	test_conf_url_error("imaps://u%00@h",
	    "bad URL: control character or space in user");
	test_conf_url_error("imaps://u%4@h",
	    "bad URL: bad percent-encoding in user");
	test_conf_url_error("imaps://u%zz@h",
	    "bad URL: bad percent-encoding in user");
	test_conf_url_error("imaps://u@h/INBOX",
	    "bad URL: a path is not "
	    "allowed");
	test_conf_url_error("imaps://u@[::1",
	    "bad URL: missing ']' after "
	    "IPv6 address");
	test_conf_url_error("imaps://u@[::1]x",
	    "bad URL: unexpected text "
	    "after ']'");
	test_conf_url_error("imaps://u@[h.org]", "bad URL: bad IPv6 address");
	test_conf_url_error("imaps://u@h]", "bad URL: bad character in host");
}

static void
test_conf_account_new(void **state)
{
	struct account *a;
	char	       *err = NULL;

	a = account_new("x");
	assert_string_equal(a->name, "x");
	assert_int_equal(a->timeout, 30);
	assert_null(a->password_command);
	assert_null(a->ca_file);
	assert_null(a->fingerprint);
	/* Setting a second URL replaces the first. */
	assert_int_equal(account_set_url(a, "imaps://u@h", &err), 0);
	assert_int_equal(account_set_url(a, "imap://v@g:2", &err), 0);
	assert_string_equal(a->user, "v");
	assert_string_equal(a->host, "g");
	assert_string_equal(a->port, "2");
	assert_int_equal(a->tls, TLS_STARTTLS);
	account_free(a);
	account_free(NULL);
}

static void
test_conf_load(void **state)
{
	struct conf conf;
	char	    path[] = "/tmp/tern-test-conf.XXXXXX";
	char	   *err = NULL, *want;
	const char *text = "[account a]\nimap = imaps://u@h\n"
			   "[account b]\nimap = imaps://v@h\nbad\n";
	int	    fd;

	conf_init(&conf);
	assert_int_equal(conf_load(&conf, "/nonexistent/tern/config", &err),
	    -1);
	assert_string_equal(err,
	    "/nonexistent/tern/config: "
	    "No such file or directory");
	free(err);
	err = NULL;

	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	assert_int_equal(conf_load(&conf, path, &err), -1);
	want = NULL;
	if (asprintf(&want, "%s:5: expected 'key = value'", path) == -1)
		fail();
	assert_string_equal(err, want);
	free(want);
	free(err);
	err = NULL;

	/* Cut the bad line off and load again. */
	assert_int_equal(truncate(path, (off_t)(strlen(text) - 4)), 0);
	assert_int_equal(conf_load(&conf, path, &err), 0);
	assert_int_equal(conf.naccounts, 2);
	assert_string_equal(conf_find(&conf, "b")->user, "v");
	conf_free(&conf);
	unlink(path);
}

/* Load text from a file of this mode; return the error (NULL if none). */
static char *
test_conf_load_mode(const char *text, mode_t mode, char **path)
{
	struct conf conf;
	char	   *err = NULL;
	int	    fd;

	*path = strdup("/tmp/tern-test-conf.XXXXXX");
	assert_non_null(*path);
	fd = mkstemp(*path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
	conf_init(&conf);
	if (conf_load(&conf, *path, &err) == 0)
		conf_free(&conf);
	unlink(*path);
	return (err);
}

/*
 * A literal password is refused, without quoting it; in a file others can
 * read, the message also says to chmod 600 it and change the password.
 */
static void
test_conf_password(void **state)
{
	const char *text = "[account a]\nimap = imaps://u@h\n"
			   "password = hunter2\n";
	char	   *err, *path, *want;

	err = test_conf_load_mode(text, 0644, &path);
	assert_non_null(err);
	want = NULL;
	if (asprintf(&want,
		"%s:3: tern reads no password from its configuration: "
		"give it with password-command; this file is readable by "
		"others, so chmod 600 it and change the password",
		path) == -1)
		fail();
	assert_string_equal(err, want);
	assert_null(strstr(err, "hunter2"));
	free(want);
	free(err);
	free(path);

	err = test_conf_load_mode(text, 0640, &path);
	assert_non_null(err);
	assert_non_null(strstr(err, "chmod 600"));
	free(err);
	free(path);

	err = test_conf_load_mode(text, 0600, &path);
	assert_non_null(err);
	want = NULL;
	if (asprintf(&want,
		"%s:3: tern reads no password from its configuration: "
		"give it with password-command",
		path) == -1)
		fail();
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(path);

	/* Without one, a file others can read is fine: it holds no secret. */
	err = test_conf_load_mode("[account a]\nimap = imaps://u@h\n"
				  "password-command = pass show mail\n",
	    0644, &path);
	assert_null(err);
	free(path);
}

static void
test_conf_default_path(void **state)
{
	char *old_xdg, *old_home, *p;

	old_xdg = getenv("XDG_CONFIG_HOME");
	old_xdg = old_xdg != NULL ? strdup(old_xdg) : NULL;
	old_home = getenv("HOME");
	old_home = old_home != NULL ? strdup(old_home) : NULL;

	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("HOME", "/home/alice", 1);
	p = conf_default_path();
	assert_string_equal(p, "/xdg/tern/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = conf_default_path();
	assert_string_equal(p, "/home/alice/.config/tern/config");
	free(p);
	/* A relative XDG_CONFIG_HOME is ignored, as the XDG spec says. */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	p = conf_default_path();
	assert_string_equal(p, "/home/alice/.config/tern/config");
	free(p);

	if (old_xdg != NULL)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	free(old_xdg);
	free(old_home);
}

/* The submission settings: URL defaults, the folders, the checks. */
static void
test_conf_smtp(void **state)
{
	struct conf	conf;
	struct account *a;

	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://al@imap.example.org\n"
	    "smtp = smtp://al%40example.org@smtp.example.org\n"
	    "smtp-auth = login\nsent = Sent Items\ndrafts = INBOX/Drafts\n"
	    "smtp-password-command = pass smtp\n"
	    "smtp-certificate-fingerprint = sha256:" FP_HEX "\n");
	a = conf.accounts[0];
	assert_string_equal(a->smtp_user, "al@example.org");
	assert_string_equal(a->smtp_host, "smtp.example.org");
	assert_string_equal(a->smtp_port, "587");
	assert_int_equal(a->smtp_tls, TLS_STARTTLS);
	assert_int_equal(a->smtp_auth, AUTH_LOGIN);
	assert_int_equal(a->auth, AUTH_AUTO);
	assert_string_equal(a->sent, "Sent Items");
	assert_string_equal(a->drafts, "INBOX/Drafts");
	assert_string_equal(a->smtp_password_command, "pass smtp");
	assert_string_equal(a->smtp_fingerprint, FP_HEX);
	assert_null(a->fingerprint);
	conf_free(&conf);

	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://al@imap.example.org\n"
	    "smtp = smtps://al@smtp.example.org\n");
	a = conf.accounts[0];
	assert_string_equal(a->smtp_port, "465");
	assert_int_equal(a->smtp_tls, TLS_IMPLICIT);
	assert_null(a->sent);
	conf_free(&conf);

	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://al@imap.example.org\n");
	assert_null(conf.accounts[0]->smtp_host);
	conf_free(&conf);

	test_conf_error("[account a]\nsmtp = imaps://al@smtp.example.org\n",
	    "test.conf:2: bad URL: unknown scheme (smtps:// or smtp://)");
	test_conf_error("[account a]\nsmtp = smtps://smtp.example.org\n",
	    "test.conf:2: bad URL: no user in URL (smtps://USER@HOST)");
	test_conf_error("[account a]\nsmtp-auth = cram-md5\n",
	    "test.conf:2: smtp-auth must be plain, login, xoauth2 or "
	    "oauthbearer");
	test_conf_error("[account a]\nsent =\n",
	    "test.conf:2: empty value for 'sent'");
	test_conf_error("[account a]\ndrafts = \"a\tb\"\n",
	    "test.conf:2: drafts holds a control character");
}

static void
test_conf_settings_table(void **state)
{
	const char *const *names;
	size_t		   n;

	names = conf_setting_names();
	for (n = 0; names[n] != NULL; n++) {
		assert_non_null(conf_setting_help(names[n]));
		assert_true(strlen(conf_setting_help(names[n])) > 10);
	}
	/* The accounts' settings, then keys-preset. */
	assert_int_equal(n, 27);
	assert_string_equal(names[0], "imap");
	assert_null(conf_setting_help("no-such-setting"));
}

/* [keys] sections: bindings, the preset first, errors with the line. */
static void
test_conf_keys(void **state)
{
	struct conf conf;

	test_conf_ok(&conf,
	    "# before any section\n"
	    "keys-preset = vi\n"
	    "[keys.index]\n"
	    "x = toggle-read\n"
	    "  N   =   none  \n"
	    "[account a]\n"
	    "imap = imaps://a@h\n"
	    "[keys]\n"
	    "x = help\n"
	    "<C-d> = none\n"
	    "= = first\n"
	    "\"#\" = help\n"
	    "[ keys.pager ]\n"
	    "<F5> = find\n");
	assert_int_equal(conf.naccounts, 1);
	assert_int_equal(conf.keys.preset, KEYS_VI);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_INDEX, 'x'),
	    ACT_TOGGLE_READ);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_PAGER, 'x'), ACT_HELP);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_INDEX, 'N'), ACT_NONE);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_INDEX, 'h'), ACT_FOCUS);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_PAGER, KEYC_CTRL('d')),
	    ACT_NONE);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_HELP, '='), ACT_FIRST);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_HELP, '#'), ACT_HELP);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_PAGER, KEYC_F(5)),
	    ACT_FIND);
	conf_free(&conf);

	/* Without a [keys] section, the defaults. */
	test_conf_ok(&conf, "[account a]\nimap = imaps://a@h\n");
	assert_int_equal(conf.keys.preset, KEYS_DEFAULT);
	assert_int_equal(keymap_lookup(&conf.keys, CTX_INDEX, 'N'),
	    ACT_TOGGLE_READ);
	conf_free(&conf);

	test_conf_error("[keys.index]\n<Foo> = help\n",
	    "test.conf:2: unknown key name '<Foo>' (a character, or a name "
	    "such as <Enter>, <C-d> or <F5>)");
	test_conf_error("[keys.index]\nab = help\n",
	    "test.conf:2: unknown key name 'ab' (a character, or a name "
	    "such as <Enter>, <C-d> or <F5>)");
	test_conf_error("[keys]\n\nx = frobnicate\n",
	    "test.conf:3: unknown action 'frobnicate'");
	test_conf_error("[keys.pager]\nx = delete-folder\n",
	    "test.conf:2: action 'delete-folder' does not exist in "
	    "[keys.pager] (only in: folders)");
	test_conf_error("[keys.index]\nx = help\n[keys.index]\nx = next\n",
	    "test.conf:4: key 'x' bound twice in [keys.index]");
	test_conf_error("[keys]\nx = help\nx = next\n",
	    "test.conf:3: key 'x' bound twice in [keys]");
	test_conf_error("[keys.index]\nx help\n",
	    "test.conf:2: expected 'KEY = ACTION'");
	test_conf_error("[keys.index]\nx =\n",
	    "test.conf:2: expected 'KEY = ACTION'");
	test_conf_error("[keys.inbox]\n",
	    "test.conf:1: unknown section 'keys.inbox' (the screens are "
	    "folders, index, pager, help, failed and attachments)");
	test_conf_error("[keys]\nkeys-preset = vi\n",
	    "test.conf:2: unknown key name 'keys-preset' (a character, or a "
	    "name such as <Enter>, <C-d> or <F5>)");
	test_conf_error("[account a]\nimap = imaps://a@h\nkeys-preset = vi\n",
	    "test.conf:3: setting 'keys-preset' must come before the first "
	    "section");
	test_conf_error("keys-preset = emacs\n",
	    "test.conf:1: keys-preset must be default, vi or mutt");
	test_conf_error("keys-preset = vi\nkeys-preset = vi\n",
	    "test.conf:2: setting 'keys-preset' given twice");
	test_conf_error("imap = imaps://a@h\n",
	    "test.conf:1: setting 'imap' outside an [account] section");
}

/* --check-config shows a value for every setting of an account. */
static void
test_conf_print(void **state)
{
	const char *const *names = conf_setting_names();
	struct conf	   conf;
	char		  *v, *out = NULL;
	size_t		   i, len = 0;
	FILE		  *f;

	test_conf_ok(&conf,
	    "[account a]\nimap = imaps://bob@h:1993\n"
	    "password-command = echo s3cret\n"
	    "[keys.index]\nx = toggle-read\n");
	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(names[i], "keys-preset") == 0)
			continue;
		if ((v = conf_print_value(conf.accounts[0], names[i])) == NULL)
			fail_msg("--check-config shows no value for %s",
			    names[i]);
		free(v);
	}
	f = open_memstream(&out, &len);
	assert_non_null(f);
	conf_print(f, &conf);
	fclose(f);
	assert_non_null(strstr(out, "imap = imaps://bob@h:1993\n"));
	assert_non_null(strstr(out, "timeout = 30\n"));
	assert_non_null(strstr(out, "[keys.index]\nx = toggle-read\n"));
	/* Neither the command nor what it would print. */
	assert_null(strstr(out, "s3cret"));
	assert_null(strstr(out, "echo"));
	free(out);
	conf_free(&conf);
}

/* Every setting in the table is documented in tern.conf(5). */
static void
test_conf_man_page(void **state)
{
	const char *const *names;
	const char	  *srcdir;
	char		  *path = NULL, *page, *line, *want;
	FILE		  *f;
	size_t		   len = 0, n = 0, i;
	ssize_t		   r;
	int		   found, missing = 0;

	if ((srcdir = getenv("TERN_SRCDIR")) == NULL || *srcdir == '\0')
		skip();
	if (asprintf(&path, "%s/man/tern.conf.5", srcdir) == -1)
		fail();
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		skip();
	page = NULL;
	line = NULL;
	while ((r = getline(&line, &len, f)) != -1) {
		page = realloc(page, n + (size_t)r + 1);
		assert_non_null(page);
		memcpy(page + n, line, (size_t)r);
		n += (size_t)r;
		page[n] = '\0';
	}
	free(line);
	fclose(f);
	if (n == 0) {
		free(page);
		skip();
	}

	names = conf_setting_names();
	for (i = 0; names[i] != NULL; i++) {
		want = NULL;
		if (asprintf(&want, "Ic %s", names[i]) == -1)
			fail();
		/* "Ic imap" must not be satisfied by "Ic imap-foo". */
		found = 0;
		for (line = strstr(page, want); line != NULL;
		     line = strstr(line + 1, want)) {
			r = (ssize_t)strlen(want);
			if (line[r] == '\0' || line[r] == ' ' ||
			    line[r] == '\n' || line[r] == '\t') {
				found = 1;
				break;
			}
		}
		if (!found) {
			print_error("tern.conf.5 has no \"%s\"\n", want);
			missing++;
		}
		free(want);
	}
	free(page);
	assert_int_equal(missing, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_example),
		cmocka_unit_test(test_conf_syntax),
		cmocka_unit_test(test_conf_errors),
		cmocka_unit_test(test_conf_error_nul),
		cmocka_unit_test(test_conf_no_imap),
		cmocka_unit_test(test_conf_fingerprint),
		cmocka_unit_test(test_conf_tls),
		cmocka_unit_test(test_conf_tls_server_name),
		cmocka_unit_test(test_conf_auth),
		cmocka_unit_test(test_conf_timeout),
		cmocka_unit_test(test_conf_account_url),
		cmocka_unit_test(test_conf_account_url_errors),
		cmocka_unit_test(test_conf_account_new),
		cmocka_unit_test(test_conf_load),
		cmocka_unit_test(test_conf_password),
		cmocka_unit_test(test_conf_live_settings),
		cmocka_unit_test(test_conf_subscribed_only),
		cmocka_unit_test(test_conf_sort),
		cmocka_unit_test(test_conf_writing),
		cmocka_unit_test(test_conf_default_path),
		cmocka_unit_test(test_conf_smtp),
		cmocka_unit_test(test_conf_settings_table),
		cmocka_unit_test(test_conf_man_page),
		cmocka_unit_test(test_conf_keys),
		cmocka_unit_test(test_conf_print),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}

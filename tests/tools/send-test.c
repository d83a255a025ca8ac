/*
 * send-test drives the worker's sending side without the screen, for the
 * integration tests: it reads the configuration, starts the account's
 * worker, logs in, hands it one REQ_SEND or REQ_POSTPONE built from a
 * file, and prints every event on stdout, one a line.  It must never be
 * installed, and never print the password it was given.
 *
 *	send-test -c CONFIG [-a ACCOUNT] [-p PASSWORD] [-d LOG] [-n]
 *	    [-P] [-f FROM] [-r RCPT]... [-A FOLDER:UIDVALIDITY:UID]
 *	    [-D FOLDER:UIDVALIDITY:UID] [-W TEXT] [FILE]
 *
 * -n expects the login to fail (the IMAP server is away) and goes on; -P
 * postpones instead of sending; -A and -D name the replied message and
 * the draft resumed; -W waits, after the answer (or the login, with no
 * FILE), for an event whose text holds TEXT.  The exit status is 0 when
 * the answer said ok (and -W's text came), 1 otherwise.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "outgoing.h"
#include "worker.h"
#include "xmalloc.h"

#define SEND_TEST_SECONDS 60

static const char *send_test_names[] = {
	[EV_STATE] = "state",
	[EV_NOTICE] = "notice",
	[EV_LOGIN_NEEDED] = "login-needed",
	[EV_CONNECTED] = "connected",
	[EV_AUTH_FAILED] = "auth-failed",
	[EV_CERT_FAILED] = "cert-failed",
	[EV_REFUSED] = "refused",
	[EV_DISCONNECTED] = "disconnected",
	[EV_DONE] = "done",
	[EV_SENT] = "sent",
	[EV_LOGGED_OUT] = "logged-out",
};

static void
send_test_usage(void)
{
	fprintf(stderr, "usage: send-test -c CONFIG [-a ACCOUNT] [-p PASSWORD] "
			"[-d LOG] [-n] [-P] [-f FROM] [-r RCPT]... "
			"[-A F:V:U] [-D F:V:U] [-W TEXT] [FILE]\n");
	exit(2);
}

static char *
send_test_read(const char *path, size_t *len)
{
	FILE  *f;
	char  *buf = NULL;
	size_t n = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		fatal("%s", path);
	for (;;) {
		buf = xrealloc(buf, n + 65536 + 1);
		got = fread(buf + n, 1, 65536, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return (buf);
}

/* FOLDER:UIDVALIDITY:UID, the folder being all before the last two. */
static void
send_test_ref(const char *arg, char **folder, uint32_t *v, uint32_t *u)
{
	const char *p, *q;

	if ((q = strrchr(arg, ':')) == NULL || q == arg)
		send_test_usage();
	for (p = q - 1; p > arg && *p != ':'; p--)
		;
	if (p == arg)
		send_test_usage();
	*folder = xstrndup(arg, (size_t)(p - arg));
	*v = (uint32_t)strtoul(p + 1, NULL, 10);
	*u = (uint32_t)strtoul(q + 1, NULL, 10);
}

/*
 * Print events until one answers (type, id) or, with want, one holds that
 * text; the answer's ok, or -1 at the deadline.
 */
static int
send_test_wait(struct worker *w, enum event_type type, unsigned int id,
    const char *want)
{
	struct pollfd pfd;
	struct event *ev;
	time_t	      end = time(NULL) + SEND_TEST_SECONDS;
	int	      rc = -1;

	pfd.fd = worker_fd(w);
	pfd.events = POLLIN;
	while (rc == -1 && time(NULL) < end) {
		if (poll(&pfd, 1, 1000) == -1 && errno != EINTR)
			fatal("poll");
		while ((ev = worker_event(w)) != NULL) {
			const char *name = NULL;

			if ((size_t)ev->type <
			    sizeof send_test_names / sizeof send_test_names[0])
				name = send_test_names[ev->type];
			if (name != NULL)
				printf("%s ok=%d: %s\n", name, ev->ok,
				    ev->text != NULL ? ev->text : "");
			fflush(stdout);
			if (want != NULL) {
				if (ev->text != NULL &&
				    strstr(ev->text, want) != NULL)
					rc = 1;
			} else if (ev->type == type &&
			    (type != EV_DONE || ev->id == id))
				rc = ev->type == EV_CONNECTED ? 1 :
				    ev->type == EV_DISCONNECTED ? 0 :
								  ev->ok;
			else if (type == EV_CONNECTED &&
			    (ev->type == EV_AUTH_FAILED ||
				ev->type == EV_CERT_FAILED ||
				ev->type == EV_REFUSED ||
				ev->type == EV_DISCONNECTED))
				rc = 0;
			event_free(ev);
			if (rc != -1)
				break;
		}
	}
	return (rc);
}

int
main(int argc, char **argv)
{
	struct conf	 conf;
	struct account	*a;
	struct worker	*w;
	struct request	*req;
	struct outgoing *o;
	const char	*config = NULL, *name = NULL, *password = NULL;
	const char	*want = NULL;
	char		*err = NULL;
	int		 ch, offline = 0, postpone = 0, rc = 1;

	o = xcalloc(1, sizeof *o);
	while ((ch = getopt(argc, argv, "A:a:c:D:d:f:nPp:r:W:")) != -1) {
		switch (ch) {
		case 'A':
			send_test_ref(optarg, &o->answered_folder,
			    &o->answered_uidvalidity, &o->answered_uid);
			break;
		case 'a':
			name = optarg;
			break;
		case 'c':
			config = optarg;
			break;
		case 'D':
			send_test_ref(optarg, &o->draft_folder,
			    &o->draft_uidvalidity, &o->draft_uid);
			break;
		case 'd':
			log_open(optarg);
			break;
		case 'f':
			free(o->from);
			o->from = xstrdup(optarg);
			break;
		case 'n':
			offline = 1;
			break;
		case 'P':
			postpone = 1;
			break;
		case 'p':
			password = optarg;
			break;
		case 'r':
			o->rcpts = xreallocarray(o->rcpts, o->nrcpts + 1,
			    sizeof *o->rcpts);
			o->rcpts[o->nrcpts++] = xstrdup(optarg);
			break;
		case 'W':
			want = optarg;
			break;
		default:
			send_test_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (config == NULL || argc > 1)
		send_test_usage();
	conf_init(&conf);
	if (conf_load(&conf, config, &err) != 0) {
		fprintf(stderr, "send-test: %s\n", err);
		return (2);
	}
	if ((a = conf_find(&conf, name)) == NULL) {
		fprintf(stderr, "send-test: no such account\n");
		return (2);
	}
	w = worker_start(a);
	req = request_new(REQ_LOGIN);
	if (password != NULL)
		req->password = xstrdup(password);
	worker_send(w, req);
	/* Offline: the login fails, and the worker keeps trying. */
	if (send_test_wait(w, offline ? EV_DISCONNECTED : EV_CONNECTED, 0,
		NULL) != (offline ? 0 : 1))
		goto out;
	if (argc == 1) {
		o->data = send_test_read(argv[0], &o->len);
		req = request_new(postpone ? REQ_POSTPONE : REQ_SEND);
		req->id = 42;
		req->outgoing = o;
		o = NULL;
		worker_send(w, req);
		rc = send_test_wait(w, postpone ? EV_DONE : EV_SENT, 42,
			 NULL) == 1 ?
		    0 :
		    1;
	} else
		rc = 0;
	if (rc == 0 && want != NULL)
		rc = send_test_wait(w, EV_DONE, 0, want) == 1 ? 0 : 1;
out:
	outgoing_free(o);
	worker_stop(w);
	conf_free(&conf);
	log_close();
	return (rc);
}

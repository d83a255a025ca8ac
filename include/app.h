/*
 * The UI thread's state: the accounts (each with its worker and folder
 * tree), the open folder, what the screens show and what is waiting for
 * the server.  Only
 * the UI thread touches it.  Handlers change it and set dirty; the screen
 * is drawn from it once per turn of the loop.
 */
#ifndef TERN_APP_H
#define TERN_APP_H

#include <stddef.h>
#include <stdint.h>

#include "draft.h"
#include "draft_file.h"
#include "folders.h"
#include "keymap.h"
#include "mailbox.h"
#include "prompt.h"
#include "worker.h"

struct account;
struct journal;
struct xfer;

enum focus {
	FOCUS_FOLDERS,
	FOCUS_INDEX,
};

enum app_screen {
	SCREEN_MAIN,
	SCREEN_PAGER,
	SCREEN_HELP,
	SCREEN_FAILED,
	SCREEN_ATTACH,	/* the parts of the message in the pager */
	SCREEN_COMPOSE, /* a message being written, after the editor */
};

/* A change sent to the server and not yet answered. */
struct pending {
	struct session	 *sess; /* whose server and journal */
	unsigned int	  id;
	int64_t		  jid; /* its journal entry, or -1 */
	enum request_type type;
	char		 *folder; /* wire name of the folder it is in */
	char		 *target; /* wire name: COPY, MOVE */
	uint32_t	 *uids;
	uint32_t	 *old_flags; /* STORE: to put back on failure */
	size_t		  n;
	struct message	 *removed; /* MOVE, EXPUNGE: rows taken out */
	size_t		  nremoved;
	char		 *done_text; /* said on the OK, or NULL */
	struct pending	 *next;
};

struct pager {
	uint32_t uid;
	int	 loading;
	char   **lines; /* sanitized, one per text line */
	size_t	 nlines;
	size_t	 top;
	char	*find;	    /* the last text searched for, or NULL */
	long	 find_line; /* the line of the match shown, or -1 */
	/* h: the header lines not shown now (all of them, or the few) */
	char **alt;
	size_t nalt;
	int    all_headers;
	int    want_headers; /* asked the server for them */
	char  *text;	     /* the text part, sanitized, for a quote */
	char  *pipe_cmd;     /* |: waiting for the message to pipe to it */
};

/* The attachment screen: the parts of the message last opened. */
struct attach_list {
	uint32_t	  uid; /* whose parts; 0: none known */
	struct mime_part *parts;
	size_t		  nparts;
	size_t		  cursor;
	/* A save waiting for "replace?": the part and the file there. */
	struct mime_part ask_part;
	uint32_t	 ask_uid;
	char		*ask_path;
};

/* The message being written (actions_compose.c). */
#define COMPOSE_RESUME -1
struct compose {
	int		  active;
	struct draft	  draft;
	struct draft_file file;	      /* the editor's, while active */
	char		 *error;      /* why it cannot be sent, or NULL */
	size_t		  cursor;     /* on the attachments */
	enum app_screen	  back;	      /* the screen to go back to */
	int		  start;      /* mailto: the editor once curses is up */
	int		  quit_after; /* mailto: tern ends with the message */
	/* r R f W: the original asked for (REQ_SOURCE), 0: none. */
	int	 want; /* the kind (enum reply_kind) + 1, or COMPOSE_RESUME */
	uint32_t want_uid;
	char	*want_folder;
	/* A reply: the message to mark \Answered once sent. */
	char	*answered_folder;
	uint32_t answered_uidvalidity, answered_uid;
	/* Resumed from Drafts: the draft to remove once sent or kept. */
	char	*draft_folder;
	uint32_t draft_uidvalidity, draft_uid;
	/* The last REQ_SEND or REQ_POSTPONE (0: none), and mailto's end. */
	unsigned int answer_id;
};

/*
 * One account as the UI thread sees it: its worker, connection, journal,
 * folder tree and quota.  Each is independent of the others: a login
 * prompt, a refused certificate or a dead server is its own.
 */
struct session {
	struct account *account;
	size_t		index;	  /* in app->sessions, config order */
	char	       *password; /* from password-command, then freed */
	struct worker  *worker;
	int		connected;
	int		ever_connected;
	int		cache_shown; /* offline at start: the cache is up */
	int		previewed;   /* the cache was asked before the login */
	int		want_password; /* waits for the password prompt */
	int		given_up;      /* refused, or its prompt cancelled */
	int		events_left;   /* its queue was not emptied */
	struct journal *journal;       /* NULL: the cache file is unusable */

	struct folders folders;
	int	       folders_loaded;
	long	       folder_cursor; /* in the view; -1: the account's row */
	int	       collapsed;     /* the pane hides its folders */
	/* A LIST coming in, shown once it is whole. */
	struct folders folders_next;
	char	      *ns_prefix; /* personal namespace, wire; or NULL */
	char	       ns_delim;
	int	       subscribed_only;	      /* what the pane shows now */
	int	       subscribed_chosen;     /* by the key, over the setting */
	int	       folders_subscriptions; /* the server has some */
	char	      *folder_goto; /* put the cursor on it once listed */
	/* The folder change sent and not yet answered (id 0: none). */
	struct {
		unsigned int	  id;
		enum request_type type;
		char		 *name;	  /* UTF-8, as shown */
		char		 *to;	  /* RENAME, CREATE: the new name */
		char		 *reopen; /* the open folder's name after */
	} folder_op;

	char *netstate; /* what the worker says it is doing */
	int   quota;	/* percent of the quota used, -1: none known */
};

struct app {
	/* Every account of the configuration, in its order. */
	struct session **sessions;
	size_t		 nsessions;
	struct session	*cur;	     /* the open folder's account */
	struct session	*pane;	     /* the account under the pane's cursor */
	size_t		 folder_top; /* the pane's first row shown */

	struct mailbox	  mbox;
	struct sort_order sort; /* of every list: the setting, or t's choice */
	char	    *mbox_wire; /* the open folder, as the server names it */
	int	     mbox_loading;
	uint32_t     mbox_exists;
	size_t	     index_cursor;
	uint32_t     restore_uid; /* put the cursor here when it arrives */
	int	     index_moved; /* the user moved the cursor since opening */
	size_t	     index_top;
	int	     mbox_unsorted; /* sort it locally once all is in */
	char	    *search;	/* the query the list is limited to, or NULL */
	unsigned int search_id; /* the search asked last: only it counts */
	int	     ready_logged;   /* the "index ready" log line is out */
	int	     threads_logged; /* and "index in threads" */
	double	     longest_turn;   /* seconds, since the folder opened */

	enum focus	   focus;
	enum app_screen	   screen;
	struct pager	   pager;
	struct attach_list attach;
	struct compose	   compose;
	size_t		   help_top;
	char		 **failed_lines; /* SCREEN_FAILED, sanitized */
	size_t		   nfailed_lines;
	size_t		   failed_top;
	struct prompt	   prompt;

	char *message; /* the message line */
	int   message_error;

	struct pending *pending;
	unsigned int	next_id;

	int		page_rows; /* rows of the list, set by the UI */
	int		dirty;
	int		redraw_all;
	int		quit;
	int		exit_status;
	char	       *exit_text;   /* printed on stderr after curses ends */
	int		sigfd;	     /* signals, as bytes (signal.c) */
	int		begun;	     /* app_begin ran */
	struct session *prompt_sess; /* whose password the prompt asks */
	struct xfer    *xfers;	     /* moves to other accounts under way */

	/* The configuration's: the defaults, the preset, the [keys]. */
	const struct keymap *keys;
};

/* app.c */
/* A session for the account; the first one added is opened first. */
struct session *app_add_account(struct app *, struct account *);
/*
 * Start the worker and what needs no password: the cached INBOX, and the
 * connection, made while main runs the password-command.  app_run calls it
 * if main did not.
 */
void app_begin(struct app *);
int  app_run(struct app *);
void app_message(struct app *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void app_open_folder(struct app *, const char *);
/* Open a folder of that account, which becomes the current one. */
void app_open_folder_in(struct app *, struct session *, const char *);
/* To the open folder's account; app_send_to: to that one's. */
void app_send(struct app *, struct request *);
void app_send_to(struct session *, struct request *);
/* "NAME: " before a message about an account, if there are several. */
const char *app_prefix(struct app *, struct session *);
void	    app_pending_add(struct app *, struct pending *);
/*
 * Journal a change, remember it as pending, and send it: to the account
 * p->sess names, or, NULL, the open folder's.
 */
void app_send_change(struct app *, struct pending *, struct request *);
void app_show_failed(struct app *);
void app_clear_failed(struct app *);
/* t: threads, or back to the order of the setting. */
void app_toggle_threads(struct app *);
void app_fold(struct app *, int);
/* o then a key: d a t f s z for an order, capital for its reverse. */
void app_sort_key(struct app *, int);
/* /: limit the list to what the server finds; an empty query clears. */
void app_search(struct app *, const char *);
/* Esc: every message again, the cursor on its message. */
void app_search_clear(struct app *);

/* actions_folders.c: the folder pane's changes to the folders. */
void actions_folders_run(struct app *, enum action);
void actions_folders_prompt_done(struct app *, enum prompt_kind, const char *);
/* EV_FOLDER, EV_STATUS, EV_FOLDERS_DONE, and EV_DONE of a folder change. */
void actions_folders_event(struct app *, struct session *, struct event *);
void actions_folders_free(struct session *);

/*
 * actions_accounts.c: the folder pane over every account.  With several,
 * each has a row of its own above its tree; the pane's cursor is a row
 * of one account (app->pane): its folder_cursor, -1 on that row.
 */
size_t app_pane_rows(struct app *);
size_t app_pane_cursor(struct app *);
/* The account and folder (NULL: the account's row) at a row of the pane. */
struct session *app_pane_at(struct app *, size_t, struct folder **);
void		app_pane_set(struct app *, size_t);
/* The folder under the pane's cursor, or NULL. */
struct folder *app_pane_folder(struct app *);
/* Space on an account's row: hide its folders, or show them again. */
void app_pane_collapse(struct app *, struct session *);
/* 1-9: the INBOX of the Nth account, opened. */
void actions_accounts_jump(struct app *, size_t);

/*
 * actions_xfer.c: s and C to "ACCOUNT/folder" of another account.  start
 * returns 0 if the name is not of another account; event returns 1 if
 * the event was a transfer's (and is dealt with).
 */
int  actions_xfer_start(struct app *, enum request_type, const char *);
int  actions_xfer_event(struct app *, struct session *, struct event *);
void actions_xfer_free(struct app *);

/* actions.c */
void	     actions_run(struct app *, enum action);
void	     actions_prompt_done(struct app *, enum prompt_kind, const char *);
enum context actions_context(const struct app *);
/* Ask for a message's header, or the whole message: EV_SOURCE. */
void actions_source(struct app *, uint32_t, int);
/* EV_SOURCE: the header for h, or the message for |. */
void	       actions_source_done(struct app *, struct event *);
struct msgrow *actions_current(struct app *);

/* actions_compose.c: m r R f W, the compose screen's keys. */
void actions_compose_run(struct app *, enum action);
void actions_compose_prompt_done(struct app *, enum prompt_kind, const char *);
/* EV_SOURCE: 1 if it was the original of a reply or forward. */
int actions_compose_source(struct app *, struct event *);
/* EV_SENT, or EV_DONE of a postpone: 1 if it was one. */
int actions_compose_answer(struct app *, struct event *);
/* tern mailto:...: start in compose; -1 and *err for a bad URL. */
int actions_compose_mailto(struct app *, const char *, char **);
/* After the screen is up: the editor of a mailto: draft. */
void actions_compose_start(struct app *);
void actions_compose_free(struct app *);
/* actions_mouse.c: KEYC_MOUSE, what ui_mouse says it was. */
void actions_mouse(struct app *);

/* actions_attach.c */
/* v: the parts of the message in the pager. */
void actions_attach_open(struct app *);
void actions_attach_save(struct app *);
void actions_attach_view(struct app *);
void actions_attach_prompt_done(struct app *, enum prompt_kind, const char *);
/* EV_BODY: its parts become the list; EV_SAVED, EV_VIEW: the outcome. */
void actions_attach_parts(struct app *, struct event *);
void actions_attach_event(struct app *, struct event *);
void actions_attach_free(struct app *);

#endif

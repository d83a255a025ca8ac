/*
 * The worker thread of one account and the messages it exchanges with the UI
 * thread.  Requests go in through worker_send; events come out of
 * worker_event after a byte on worker_fd wakes poll().  Every request and
 * every event is an owned struct: the receiver frees it.
 *
 * The worker never prompts and never touches the screen: whatever needs the
 * user (a password, a certificate failure) comes back as an event, and the
 * UI answers with a new request.
 */
#ifndef TERN_WORKER_H
#define TERN_WORKER_H

#include <stddef.h>
#include <stdint.h>

#include "message.h"
#include "mime_parts.h"
#include "sort.h"

struct account;
struct outgoing;
struct worker;

enum request_type {
	REQ_CONNECT, /* connect; log in too if password is set; with preview,
		      * only connect, and silently: a REQ_LOGIN follows */
	REQ_LOGIN,   /* password: log in (connecting if needed) */
	REQ_LIST,    /* LIST the folders, STATUS each */
	REQ_SELECT,  /* folder, sort: select, fetch every header */
	REQ_FETCH,   /* folder, uids: these rows' headers, before the rest */
	REQ_ORDER,   /* folder, sort: the list in another order */
	REQ_SEARCH,  /* folder, query: UID SEARCH (query.h) */
	REQ_STATUS,  /* folder: STATUS for its counts */
	REQ_BODY,    /* folder, uid: fetch the text part shown */
	REQ_STORE,   /* folder, uids, add, remove: flags */
	REQ_COPY,    /* folder, uids, target */
	REQ_MOVE,    /* folder, uids, target */
	REQ_EXPUNGE, /* folder, uids (UID EXPUNGE of those only) */
	REQ_SAVE,    /* folder, uid, part, path, replace: write a part */
	REQ_VIEW,    /* folder, uid, part: a temporary file and its viewer */
	REQ_SOURCE,  /* folder, uid, whole: the raw header, or message */
	/* The folders themselves: done, then LIST again, then EV_DONE. */
	REQ_CREATE,	   /* folder: the new folder's wire name */
	REQ_RENAME,	   /* folder, target */
	REQ_DELETE_FOLDER, /* folder */
	REQ_SUBSCRIBE,	   /* folder */
	REQ_UNSUBSCRIBE,   /* folder */
	REQ_LOGOUT,	   /* log out and end the thread */
	/*
	 * outgoing: SMTP, then APPEND to Sent (\Seen), \Answered on the
	 * original, the old draft removed; if SMTP fails, APPEND to Drafts
	 * (\Draft \Seen) instead; with the IMAP server away too, kept in
	 * the cache and put in Drafts at the next login.  EV_SENT answers.
	 */
	REQ_SEND,
	/*
	 * outgoing: APPEND to Drafts (\Draft \Seen), the old draft removed;
	 * kept in the cache while offline.  EV_DONE answers.
	 */
	REQ_POSTPONE,
	/*
	 * folder (target), data of datalen bytes, add (MSG_* flags),
	 * message_id (or NULL): a message of another account put here.
	 * Not appended again if the folder has its Message-ID already (an
	 * earlier try whose answer was lost).  EV_DONE answers; its text is
	 * set on an OK when the message was there already.
	 */
	REQ_APPEND,
};

struct request {
	enum request_type type;
	unsigned int	  id;	  /* echoed in the answering event */
	char		 *folder; /* wire name */
	char		 *target; /* wire name */
	char		 *password;
	uint32_t	 *uids;
	size_t		  nuids;
	uint32_t	  add; /* MSG_* flags */
	uint32_t	  remove;
	/* Changes: the UIDs are of this UIDVALIDITY (0: whatever it is). */
	uint32_t uidvalidity;
	/* COPY, MOVE: each UID's Message-ID (or NULL), to find it again. */
	char **message_ids;
	/*
	 * The change may have been made already (sent before a crash or a
	 * lost connection): look before doing it again.
	 */
	int		  replay;
	struct sort_order sort; /* SELECT: the order of the list */
	/* SELECT before logging in: show what the cache has, if anything. */
	int preview;
	/* SAVE, VIEW: the part; SAVE: where, and whether to replace it. */
	struct mime_part part;
	char		*path;
	int		 replace;
	char		*query; /* SEARCH: as typed */
	int whole; /* SOURCE: the whole message, not just its header */
	/* CREATE: subscribe to it; RENAME: the subscription moves along. */
	int		 subscribe;
	struct outgoing *outgoing; /* SEND, POSTPONE: owned, freed with it */
	char		*data;	   /* APPEND: the message, owned */
	size_t		 datalen;
	char		*message_id; /* APPEND: to look for first */
};

enum event_type {
	EV_STATE,	 /* text: what the network is doing */
	EV_NOTICE,	 /* text: something the user must be told */
	EV_LOGIN_NEEDED, /* connected and verified: ask for the password */
	EV_CONNECTED,	 /* logged in */
	EV_AUTH_FAILED,	 /* text: the server's answer */
	EV_CERT_FAILED,	 /* host, text (reason), fingerprint */
	EV_REFUSED,	 /* host, text: tern will not log in there */
	EV_DISCONNECTED, /* text: why; the session is gone */
	EV_FOLDER,	 /* folder (wire), delim, flags: one LIST row */
	EV_FOLDERS_DONE, /* end of the LIST; text, delim: the personal
			  * namespace's prefix and delimiter (NULL, 0: none);
			  * flags EVF_SUBSCRIPTIONS, EVF_CACHED */
	EV_STATUS,	 /* folder, messages, unseen */
	EV_SELECTED,	 /* folder, uidvalidity, exists; flags EVF_CACHED */
	EV_ORDER,	 /* folder, uids: every row, top first */
	EV_SEARCH,	 /* id, folder, text (the query), uids: its matches */
	EV_HEADERS,	 /* folder, msgs, n: a chunk; flags EVF_NEW */
	EV_HEADERS_DONE, /* folder */
	EV_EXPUNGED,	 /* folder, uids: gone from the server */
	EV_FLAGS,	 /* folder, msgs (uid and flags only): changed */
	EV_BODY,	 /* folder, uid, text (UTF-8, unsanitized), hdrs */
	EV_DONE,	 /* id, ok, text: a request is over */
	EV_SAVED,	 /* ok, text; with EVF_EXISTS: path, parts (the one) */
	EV_VIEW,	 /* path: the temporary file, text: the command */
	EV_QUOTA,	 /* text (resource), messages (usage), unseen (limit) */
	EV_LOGGED_OUT,	 /* the thread is about to end */
	EV_SOURCE, /* folder, uid, text of textlen bytes (raw); EVF_WHOLE */
	/*
	 * id, ok (1: sent), text: one line for the status bar ("Sent; copy
	 * in Sent", "Not sent: 550 5.1.1 ...; kept in Drafts").
	 */
	EV_SENT,
};

/* event.flags */
#define EVF_CACHED 0x1	   /* EV_SELECTED: from the cache, not the server */
#define EVF_NEW 0x2	   /* EV_HEADERS: mail that just arrived */
#define EVF_UNSORTED 0x4   /* EV_ORDER: arrival order, the server cannot sort */
#define EVF_EXISTS 0x8	   /* EV_SAVED: the file is there; nothing written */
#define EVF_TERMINAL 0x10  /* EV_VIEW: the viewer needs the terminal */
#define EVF_COPIOUS 0x20   /* EV_VIEW: the viewer prints; wait for a key */
#define EVF_WHOLE 0x40	   /* EV_SOURCE: the whole message, not the header */
#define EVF_NOSELECT 0x1   /* EV_FOLDER: cannot hold messages */
#define EVF_SUBSCRIBED 0x8 /* EV_FOLDER: in LSUB */
/* EV_FOLDER: its SPECIAL-USE role (enum special_use) in bits 8 to 11. */
#define EVF_ROLE(role) ((int)(role) << 8)
#define EVF_ROLE_OF(flags) (((flags) >> 8) & 0xf)
#define EVF_SUBSCRIPTIONS 0x10 /* EV_FOLDERS_DONE: LSUB was not empty */

struct event {
	enum event_type type;
	unsigned int	id;
	int		ok;
	char	       *text;
	size_t		textlen; /* EV_SOURCE: text may hold NULs */
	char	       *host;
	char	       *fingerprint;
	char	       *folder;
	char		delim;
	int		flags;
	uint32_t	uidvalidity;
	uint32_t	messages;
	uint32_t	unseen;
	uint32_t	uid;
	struct message *msgs;
	size_t		n;
	uint32_t       *uids;
	size_t		nuids;
	uint32_t *tree; /* EV_ORDER in threads: tree bits a row, or NULL */
	/* EV_BODY: the pager's header fields, each NULL when absent */
	char *from, *to, *cc, *date, *subject;
	/* EV_BODY: every part of the message (none from the cache) */
	struct mime_part *parts;
	size_t		  nparts;
	char		 *path; /* EV_SAVED, EV_VIEW */
};

struct worker *worker_start(struct account *);
/* Ask the worker to log out, wait for it and free it. */
void worker_stop(struct worker *);
void worker_send(struct worker *, struct request *);
int  worker_fd(struct worker *);
/* The next event, or NULL; drains the wake-up pipe. */
struct event *worker_event(struct worker *);

struct request *request_new(enum request_type);
void		request_free(struct request *);
struct event   *event_new(enum event_type);
void		event_free(struct event *);

#endif

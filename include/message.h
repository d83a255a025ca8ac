/*
 * One row of the message list, and the flags tern tracks.  Owned copies of
 * display strings only: no libetpan structure outlives the fetch that made it.
 */
#ifndef TERN_MESSAGE_H
#define TERN_MESSAGE_H

#include <stdint.h>
#include <time.h>

struct message {
	uint32_t uid;
	uint32_t size;
	time_t	 date;
	uint32_t flags;
#define MSG_SEEN 0x1
#define MSG_ANSWERED 0x2
#define MSG_FLAGGED 0x4
#define MSG_DELETED 0x8
#define MSG_DRAFT 0x10
#define MSG_SERVER_FLAGS 0x1f /* the ones the server knows about */
#define MSG_PENDING 0x100     /* a change is sent and not yet confirmed */
#define MSG_STALE 0x200	      /* not yet seen again in a refresh */
#define MSG_UNLOADED 0x400    /* a placeholder: headers not fetched yet */
#define MSG_WANTED 0x800      /* a placeholder the UI asked for */
#define MSG_GONE 0x1000	      /* expunged, about to leave the list */
	char *from;	      /* display name, else address; UTF-8 */
	char *to;	  /* the first recipient as from is, and "+N" more */
	char *subject;	  /* RFC 2047 decoded, UTF-8 */
	char *message_id; /* as sent, or NULL: finds it after a move */
	char *refs;	  /* the ids of its parents, "<a> <b>", or NULL: for the
		       cache's threads; the list does not keep them */
	char *from_key;	  /* the From mailbox's local part, for sort */
};

void message_clear(struct message *);
void message_copy(struct message *, const struct message *);

#endif

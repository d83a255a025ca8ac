/*
 * The worker's side of attachments: a REQ_SAVE or REQ_VIEW answered with
 * one event.  Runs on the worker thread only.
 */
#ifndef TERN_WORKER_ATTACH_H
#define TERN_WORKER_ATTACH_H

struct imap;
struct imap_error;
struct request;

/*
 * Fetch the part, decode it and write it (SAVE: where asked; VIEW: a
 * temporary file, with the mailcap command for it).  The event says how it
 * went; NULL when the server failed, with err set.
 */
struct event *worker_attach(struct imap *, struct request *,
    struct imap_error *);

#endif

/*
 * Signals as bytes on a pipe, so that the event loop sees them in poll()
 * instead of having work done inside a handler.
 */
#ifndef TERN_SIGNAL_PIPE_H
#define TERN_SIGNAL_PIPE_H

/* Install handlers for SIGWINCH, SIGTERM, SIGINT, SIGHUP; ignore SIGPIPE. */
int signal_init(void);
/* The next signal that arrived, or 0. */
int signal_next(void);

#endif

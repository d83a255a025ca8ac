/*
 * imap_append.c owns APPEND: a message's bytes put into a folder with its
 * flags, and the UID the server gave it (UIDPLUS).  It is general on
 * purpose (sent copies, drafts, moves between accounts), so it knows
 * nothing of why.  It must never send a folder name holding CR or LF.
 */
#include <stdlib.h>
#include <string.h>

#include "imap_private.h"
#include "log.h"
#include "xmalloc.h"

int
imap_append(struct imap *im, const char *wire, uint32_t flags, const char *data,
    size_t len, uint32_t *uidvalidity, uint32_t *uid, struct imap_error *err)
{
	struct mailimap_flag_list *fl;
	uint32_t		   v = 0, u = 0;
	int			   r;

	if (uidvalidity != NULL)
		*uidvalidity = 0;
	if (uid != NULL)
		*uid = 0;
	if (im->session == NULL)
		return (imap_error(err, IMAP_ERR_SESSION,
		    xstrdup("not connected")));
	if (imap_check_string(wire, err) != 0)
		return (-1);
	fl = imap_flags_to_list(flags);
	/*
	 * libetpan sends the message as a synchronizing literal and waits
	 * for the "+": one round trip more than LITERAL+ would take, and
	 * what every server accepts.
	 */
	if (imap_has_capability(im, "UIDPLUS"))
		r = mailimap_uidplus_append(im->session, wire, fl, NULL, data,
		    len, &v, &u);
	else
		r = mailimap_append(im->session, wire, fl, NULL, data, len);
	mailimap_flag_list_free(fl);
	if (im->selected != NULL)
		imap_sync_collect(im);
	if (r != MAILIMAP_NO_ERROR)
		return (imap_fail(im, r, "APPEND", err));
	log_debug("appended %zu bytes to %s (uid %u)", len, wire, u);
	if (uidvalidity != NULL)
		*uidvalidity = v;
	if (uid != NULL)
		*uid = u;
	return (0);
}

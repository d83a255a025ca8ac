/*
 * The roles a folder can have (SPECIAL-USE, RFC 6154), in the order the
 * folder pane shows them after INBOX.  Shared by the IMAP layer, which
 * reads them from LIST, and the folder tree, which shows them.
 */
#ifndef TERN_SPECIAL_USE_H
#define TERN_SPECIAL_USE_H

enum special_use {
	SPECIAL_NONE,
	SPECIAL_DRAFTS,
	SPECIAL_SENT,
	SPECIAL_ARCHIVE,
	SPECIAL_JUNK,
	SPECIAL_TRASH,
};

#endif

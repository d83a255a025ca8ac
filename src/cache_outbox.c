/*
 * cache_outbox.c owns the outbox table of the cache file: messages that
 * wait for the IMAP server (see cache_outbox.h).  It opens the file for
 * each call, since it is used only when a send or a postpone could not
 * reach the server and at the login after.  It must never store a
 * password or a token, and never drop a row the server has not taken.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache_db.h"
#include "cache_outbox.h"
#include "log.h"
#include "outgoing.h"
#include "xmalloc.h"

static void
cache_outbox_text(sqlite3_stmt *st, int col, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, col);
}

int
cache_outbox_put(const char *path, int role, uint32_t flags,
    const struct outgoing *o, char **err)
{
	sqlite3	     *db;
	sqlite3_stmt *st;
	int	      rc = -1;

	if ((db = cache_db_open(path, err)) == NULL)
		return (-1);
	if (sqlite3_prepare_v2(db,
		"INSERT INTO outbox (role, flags, data, answered_folder, "
		"answered_uidvalidity, answered_uid, draft_folder, "
		"draft_uidvalidity, draft_uid, created) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		-1, &st, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		cache_db_close(db);
		return (-1);
	}
	sqlite3_bind_int(st, 1, role);
	sqlite3_bind_int64(st, 2, flags);
	sqlite3_bind_blob64(st, 3, o->data, o->len, SQLITE_STATIC);
	cache_outbox_text(st, 4, o->answered_folder);
	sqlite3_bind_int64(st, 5, o->answered_uidvalidity);
	sqlite3_bind_int64(st, 6, o->answered_uid);
	cache_outbox_text(st, 7, o->draft_folder);
	sqlite3_bind_int64(st, 8, o->draft_uidvalidity);
	sqlite3_bind_int64(st, 9, o->draft_uid);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)time(NULL));
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
	else
		*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	cache_db_close(db);
	return (rc);
}

static char *
cache_outbox_column(sqlite3_stmt *st, int col)
{
	const unsigned char *s;

	if ((s = sqlite3_column_text(st, col)) == NULL)
		return (NULL);
	return (xstrdup((const char *)s));
}

size_t
cache_outbox_list(const char *path, struct outbox_item **out)
{
	struct outbox_item *items = NULL, *it;
	struct outgoing	   *o;
	sqlite3		   *db;
	sqlite3_stmt	   *st;
	const void	   *blob;
	size_t		    n = 0;
	char		   *err = NULL;

	*out = NULL;
	if ((db = cache_db_open(path, &err)) == NULL) {
		log_debug("outbox: %s", err);
		free(err);
		return (0);
	}
	if (sqlite3_prepare_v2(db,
		"SELECT id, role, flags, data, answered_folder, "
		"answered_uidvalidity, answered_uid, draft_folder, "
		"draft_uidvalidity, draft_uid FROM outbox ORDER BY id",
		-1, &st, NULL) != SQLITE_OK) {
		log_debug("outbox: %s", sqlite3_errmsg(db));
		cache_db_close(db);
		return (0);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		items = xreallocarray(items, n + 1, sizeof *items);
		it = &items[n++];
		it->id = (long)sqlite3_column_int64(st, 0);
		it->role = sqlite3_column_int(st, 1);
		it->flags = (uint32_t)sqlite3_column_int64(st, 2);
		it->out = o = xcalloc(1, sizeof *o);
		o->len = (size_t)sqlite3_column_bytes(st, 3);
		blob = sqlite3_column_blob(st, 3);
		o->data = xmalloc(o->len + 1);
		if (o->len > 0)
			memcpy(o->data, blob, o->len);
		o->data[o->len] = '\0';
		o->answered_folder = cache_outbox_column(st, 4);
		o->answered_uidvalidity = (uint32_t)sqlite3_column_int64(st, 5);
		o->answered_uid = (uint32_t)sqlite3_column_int64(st, 6);
		o->draft_folder = cache_outbox_column(st, 7);
		o->draft_uidvalidity = (uint32_t)sqlite3_column_int64(st, 8);
		o->draft_uid = (uint32_t)sqlite3_column_int64(st, 9);
	}
	sqlite3_finalize(st);
	cache_db_close(db);
	*out = items;
	return (n);
}

int
cache_outbox_remove(const char *path, long id)
{
	sqlite3	     *db;
	sqlite3_stmt *st;
	char	     *err = NULL;
	int	      rc = -1;

	if ((db = cache_db_open(path, &err)) == NULL) {
		log_debug("outbox: %s", err);
		free(err);
		return (-1);
	}
	if (sqlite3_prepare_v2(db, "DELETE FROM outbox WHERE id = ?", -1, &st,
		NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
		sqlite3_finalize(st);
	}
	if (rc != 0)
		log_debug("outbox: %s", sqlite3_errmsg(db));
	cache_db_close(db);
	return (rc);
}

void
cache_outbox_free(struct outbox_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		outgoing_free(items[i].out);
	free(items);
}

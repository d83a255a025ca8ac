/*
 * cache.c owns the folders, messages and bodies tables of the cache file
 * (cache_db.c makes them).  It is the worker's: it writes what the server
 * answered, one transaction per chunk, and reads it back when the server
 * cannot be reached.  A failing write is logged and otherwise ignored: the
 * cache can always be fetched again, so it must never stop the user.
 */
#include <sqlite3.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "cache_db.h"
#include "cache_writer.h"
#include "log.h"
#include "sort.h"
#include "thread.h"
#include "xmalloc.h"

struct cache {
	sqlite3		    *db;
	sqlite3_stmt	    *put; /* cache_put's, prepared once: the fill's */
	struct cache_writer *writer; /* writes cache_put's rows, or NULL */
};

struct cache *
cache_open_direct(const char *path, char **err)
{
	struct cache *c;
	sqlite3	     *db;

	if ((db = cache_db_open(path, err)) == NULL)
		return (NULL);
	c = xcalloc(1, sizeof *c);
	c->db = db;
	return (c);
}

struct cache *
cache_open(const char *path, char **err)
{
	struct cache *c;

	if ((c = cache_open_direct(path, err)) != NULL)
		c->writer = cache_writer_start(path);
	return (c);
}

void
cache_close(struct cache *c)
{
	if (c == NULL)
		return;
	if (c->writer != NULL)
		cache_writer_stop(c->writer);
	sqlite3_finalize(c->put);
	cache_db_close(c->db);
	free(c);
}

/*
 * Every statement but cache_put's starts here: rows handed to the writer
 * are committed first, so that nothing read or changed here comes before
 * them (a flag, an expunge, the modseq that says the cache is whole).
 */
static sqlite3_stmt *
cache_prepare(struct cache *c, const char *sql)
{
	sqlite3_stmt *st;

	if (c->writer != NULL)
		cache_writer_wait(c->writer);

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_debug("cache: %s: %s", sqlite3_errmsg(c->db), sql);
		return (NULL);
	}
	return (st);
}

/* Step a statement that returns no rows, then finalize it. */
static void
cache_run(struct cache *c, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		log_debug("cache: %s", sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
}

/* Step a statement that is used again, and make it ready for that. */
static void
cache_step(struct cache *c, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		log_debug("cache: %s", sqlite3_errmsg(c->db));
	sqlite3_reset(st);
}

static char *
cache_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return (s != NULL ? xstrdup((const char *)s) : NULL);
}

void
cache_folders_replace(struct cache *c, const struct cache_folder *list,
    size_t n)
{
	sqlite3_stmt *st, *listed;
	char	      delim[2] = { 0, 0 };
	size_t	      i;

	if (c == NULL)
		return;
	/* Folders gone from the server go, and their mail with them. */
	cache_db_exec(c->db,
	    "CREATE TEMP TABLE IF NOT EXISTS listed (name "
	    "TEXT PRIMARY KEY)");
	st = cache_prepare(c,
	    "INSERT INTO folders (name, uidvalidity, delim, noselect)"
	    " VALUES (?, 0, ?, ?) ON CONFLICT (name) DO UPDATE SET"
	    " delim = excluded.delim, noselect = excluded.noselect");
	listed = cache_prepare(c, "INSERT OR IGNORE INTO listed VALUES (?)");
	if (st == NULL || listed == NULL)
		goto out;
	cache_db_exec(c->db, "BEGIN; DELETE FROM listed");
	for (i = 0; i < n; i++) {
		delim[0] = list[i].delim;
		sqlite3_bind_text(st, 1, list[i].wire, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, delim, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, list[i].noselect);
		cache_step(c, st);
		sqlite3_bind_text(listed, 1, list[i].wire, -1, SQLITE_STATIC);
		cache_step(c, listed);
	}
	cache_db_exec(c->db,
	    "DELETE FROM messages WHERE folder NOT IN (SELECT name FROM "
	    "listed);"
	    "DELETE FROM bodies WHERE folder NOT IN (SELECT name FROM listed);"
	    "DELETE FROM threads WHERE folder NOT IN (SELECT name FROM "
	    "listed);"
	    "DELETE FROM folders WHERE name NOT IN (SELECT name FROM listed);"
	    "COMMIT");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(listed);
}

void
cache_folder_counts(struct cache *c, const char *folder, uint32_t messages,
    uint32_t unseen)
{
	sqlite3_stmt *st;

	if (c == NULL ||
	    (st = cache_prepare(c,
		 "UPDATE folders SET messages = ?, unseen = ?"
		 " WHERE name = ?")) == NULL)
		return;
	sqlite3_bind_int64(st, 1, messages);
	sqlite3_bind_int64(st, 2, unseen);
	sqlite3_bind_text(st, 3, folder, -1, SQLITE_STATIC);
	cache_run(c, st);
}

size_t
cache_folders(struct cache *c, struct cache_folder **out)
{
	struct cache_folder *list = NULL, *f;
	sqlite3_stmt	    *st;
	const char	    *d;
	size_t		     n = 0;

	*out = NULL;
	if (c == NULL ||
	    (st = cache_prepare(c,
		 "SELECT name, delim, noselect, messages, unseen"
		 " FROM folders ORDER BY name")) == NULL)
		return (0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = xreallocarray(list, n + 1, sizeof *list);
		f = &list[n++];
		f->wire = cache_text(st, 0);
		d = (const char *)sqlite3_column_text(st, 1);
		f->delim = d != NULL ? d[0] : '\0';
		f->noselect = sqlite3_column_int(st, 2);
		f->messages = (uint32_t)sqlite3_column_int64(st, 3);
		f->unseen = (uint32_t)sqlite3_column_int64(st, 4);
		if (f->wire == NULL)
			f->wire = xstrdup("INBOX");
	}
	sqlite3_finalize(st);
	*out = list;
	return (n);
}

void
cache_folders_free(struct cache_folder *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].wire);
	free(list);
}

/* One number of a folder's row (a query with one "?"), 0 if none. */
static uint64_t
cache_folder_number(struct cache *c, const char *sql, const char *folder)
{
	sqlite3_stmt *st;
	uint64_t      v = 0;

	if (c == NULL || (st = cache_prepare(c, sql)) == NULL)
		return (0);
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}

uint32_t
cache_uidvalidity(struct cache *c, const char *folder)
{
	return ((uint32_t)cache_folder_number(c,
	    "SELECT uidvalidity FROM folders WHERE name = ?", folder));
}

uint64_t
cache_modseq(struct cache *c, const char *folder)
{
	return (cache_folder_number(c,
	    "SELECT highestmodseq FROM folders WHERE name = ?", folder));
}

void
cache_set_modseq(struct cache *c, const char *folder, uint64_t modseq)
{
	sqlite3_stmt *st;

	if (c == NULL ||
	    (st = cache_prepare(c,
		 "UPDATE folders SET highestmodseq = ? WHERE "
		 "name = ?")) == NULL)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)modseq);
	sqlite3_bind_text(st, 2, folder, -1, SQLITE_STATIC);
	cache_run(c, st);
}

/* Run statements whose one "?" is the folder. */
static void
cache_run_for(struct cache *c, const char *const *sql, size_t n,
    const char *folder)
{
	sqlite3_stmt *st;
	size_t	      i;

	for (i = 0; i < n; i++) {
		if ((st = cache_prepare(c, sql[i])) == NULL)
			continue;
		sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
		cache_run(c, st);
	}
}

static void
cache_drop_folder(struct cache *c, const char *folder)
{
	static const char *const sql[] = {
		"DELETE FROM messages WHERE folder = ?",
		"DELETE FROM bodies WHERE folder = ?",
		"DELETE FROM threads WHERE folder = ?",
	};

	cache_run_for(c, sql, sizeof sql / sizeof sql[0], folder);
}

int
cache_select(struct cache *c, const char *folder, uint32_t uidvalidity)
{
	sqlite3_stmt *st;
	uint32_t      old;
	int	      changed;

	if (c == NULL)
		return (0);
	old = cache_uidvalidity(c, folder);
	/* Rows kept under another UIDVALIDITY name other messages. */
	changed = old != 0 && old != uidvalidity;
	cache_db_exec(c->db, "BEGIN");
	if (old != uidvalidity)
		cache_drop_folder(c, folder);
	if ((st = cache_prepare(c,
		 "INSERT INTO folders (name, uidvalidity) VALUES (?, ?)"
		 " ON CONFLICT (name) DO UPDATE SET"
		 " uidvalidity = excluded.uidvalidity,"
		 " highestmodseq = CASE WHEN uidvalidity ="
		 " excluded.uidvalidity THEN highestmodseq ELSE 0 END")) !=
	    NULL) {
		sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, uidvalidity);
		cache_run(c, st);
	}
	cache_db_exec(c->db, "COMMIT");
	return (changed);
}

void
cache_put(struct cache *c, const char *folder, const struct message *msgs,
    size_t n)
{
	sqlite3_stmt *st;
	size_t	      i;

	if (c == NULL)
		return;
	if (c->writer != NULL) {
		cache_writer_put(c->writer, folder, msgs, n);
		return;
	}
	if (c->put == NULL &&
	    (c->put = cache_prepare(c,
		 "INSERT OR REPLACE INTO messages (folder, uid, flags, date,"
		 " size, sender, subject, message_id, refs, from_key,"
		 " recipient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) ==
		NULL)
		return;
	st = c->put;
	cache_db_exec(c->db, "BEGIN");
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, msgs[i].uid);
		sqlite3_bind_int64(st, 3, msgs[i].flags & MSG_SERVER_FLAGS);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)msgs[i].date);
		sqlite3_bind_int64(st, 5, msgs[i].size);
		sqlite3_bind_text(st, 6, msgs[i].from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, msgs[i].subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, msgs[i].message_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, msgs[i].refs, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 10, msgs[i].from_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, msgs[i].to, -1, SQLITE_STATIC);
		cache_step(c, st);
	}
	cache_db_exec(c->db, "COMMIT");
	sqlite3_clear_bindings(st);
}

void
cache_set_flags(struct cache *c, const char *folder, const struct message *msgs,
    size_t n)
{
	sqlite3_stmt *st;
	size_t	      i;

	if (c == NULL ||
	    (st = cache_prepare(c,
		 "UPDATE messages SET flags = ? WHERE folder = ?"
		 " AND uid = ?")) == NULL)
		return;
	cache_db_exec(c->db, "BEGIN");
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, msgs[i].flags & MSG_SERVER_FLAGS);
		sqlite3_bind_text(st, 2, folder, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, msgs[i].uid);
		cache_step(c, st);
	}
	cache_db_exec(c->db, "COMMIT");
	sqlite3_finalize(st);
}

void
cache_change_flags(struct cache *c, const char *folder, const uint32_t *uids,
    size_t n, uint32_t add, uint32_t remove)
{
	sqlite3_stmt *st;
	size_t	      i;

	if (c == NULL ||
	    (st = cache_prepare(c,
		 "UPDATE messages SET flags = (flags | ?) & ~?"
		 " WHERE folder = ? AND uid = ?")) == NULL)
		return;
	cache_db_exec(c->db, "BEGIN");
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, add);
		sqlite3_bind_int64(st, 2, remove);
		sqlite3_bind_text(st, 3, folder, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, uids[i]);
		cache_step(c, st);
	}
	cache_db_exec(c->db, "COMMIT");
	sqlite3_finalize(st);
}

void
cache_remove(struct cache *c, const char *folder, const uint32_t *uids,
    size_t n)
{
	sqlite3_stmt *m, *b;
	size_t	      i;

	if (c == NULL)
		return;
	m = cache_prepare(c,
	    "DELETE FROM messages WHERE folder = ? AND uid = ?");
	b = cache_prepare(c, "DELETE FROM bodies WHERE folder = ? AND uid = ?");
	if (m == NULL || b == NULL) {
		sqlite3_finalize(m);
		sqlite3_finalize(b);
		return;
	}
	cache_db_exec(c->db, "BEGIN");
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(m, 1, folder, -1, SQLITE_STATIC);
		sqlite3_bind_int64(m, 2, uids[i]);
		cache_step(c, m);
		sqlite3_bind_text(b, 1, folder, -1, SQLITE_STATIC);
		sqlite3_bind_int64(b, 2, uids[i]);
		cache_step(c, b);
	}
	cache_db_exec(c->db, "COMMIT");
	sqlite3_finalize(m);
	sqlite3_finalize(b);
}

struct cache_order_row {
	struct sort_item item; /* its strings are the row's */
	uint32_t	 flags;
};

static const struct sort_order *cache_sort_order;

static int
cache_order_cmp(const void *a, const void *b)
{
	const struct cache_order_row *x = a, *y = b;

	return (sort_cmp(cache_sort_order, &x->item, &y->item));
}

/* A string column, only when the order needs it. */
static const char *
cache_order_text(sqlite3_stmt *st, int col, int want)
{
	const unsigned char *t;

	if (!want || (t = sqlite3_column_text(st, col)) == NULL)
		return (NULL);
	return (xstrdup((const char *)t));
}

size_t
cache_order(struct cache *c, const char *folder, const struct sort_order *so,
    uint32_t **uids, uint32_t **flags)
{
	struct cache_order_row *rows = NULL;
	sqlite3_stmt	       *st;
	size_t			n = 0, cap = 0, i;

	*uids = *flags = NULL;
	if (c == NULL ||
	    (st = cache_prepare(c,
		 "SELECT uid, flags, date, size, from_key, subject"
		 " FROM messages WHERE folder = ?")) == NULL)
		return (0);
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			rows = xreallocarray(rows, cap, sizeof *rows);
		}
		rows[n].item.uid = (uint32_t)sqlite3_column_int64(st, 0);
		rows[n].flags = (uint32_t)sqlite3_column_int64(st, 1) &
		    MSG_SERVER_FLAGS;
		rows[n].item.date = sqlite3_column_int64(st, 2);
		rows[n].item.size = (uint32_t)sqlite3_column_int64(st, 3);
		rows[n].item.from_key = cache_order_text(st, 4,
		    so->key == SORT_FROM);
		rows[n++].item.subject = cache_order_text(st, 5,
		    so->key == SORT_SUBJECT);
	}
	sqlite3_finalize(st);
	/* Only the worker thread sorts here. */
	cache_sort_order = so;
	if (n > 0)
		qsort(rows, n, sizeof *rows, cache_order_cmp);
	*uids = xreallocarray(NULL, n + 1, sizeof **uids);
	*flags = xreallocarray(NULL, n + 1, sizeof **flags);
	for (i = 0; i < n; i++) {
		(*uids)[i] = rows[i].item.uid;
		(*flags)[i] = rows[i].flags;
		free((char *)rows[i].item.from_key);
		free((char *)rows[i].item.subject);
	}
	free(rows);
	return (n);
}

size_t
cache_rows(struct cache *c, const char *folder, const uint32_t *uids, size_t n,
    struct message **out)
{
	struct message *m;
	sqlite3_stmt   *st;
	size_t		i, k = 0;

	*out = NULL;
	if (c == NULL || n == 0 ||
	    (st = cache_prepare(c,
		 "SELECT flags, date, size, sender, subject, message_id,"
		 " from_key, recipient FROM messages"
		 " WHERE folder = ? AND uid = ?")) == NULL)
		return (0);
	*out = xreallocarray(NULL, n, sizeof **out);
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 2, uids[i]);
		if (sqlite3_step(st) == SQLITE_ROW) {
			m = &(*out)[k++];
			memset(m, 0, sizeof *m);
			m->uid = uids[i];
			m->flags = (uint32_t)sqlite3_column_int64(st, 0) &
			    MSG_SERVER_FLAGS;
			m->date = (time_t)sqlite3_column_int64(st, 1);
			m->size = (uint32_t)sqlite3_column_int64(st, 2);
			m->from = cache_text(st, 3);
			m->subject = cache_text(st, 4);
			m->message_id = cache_text(st, 5);
			m->from_key = cache_text(st, 6);
			m->to = cache_text(st, 7);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (k);
}

void
cache_body_put(struct cache *c, const char *folder, uint32_t uid,
    const struct cache_body *b)
{
	sqlite3_stmt *st;

	if (c == NULL || b->text == NULL ||
	    (st = cache_prepare(c,
		 "INSERT OR REPLACE INTO bodies (folder, uid, sender,"
		 " recipients, cc, date, subject, text)"
		 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) == NULL)
		return;
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uid);
	sqlite3_bind_text(st, 3, b->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, b->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, b->cc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, b->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, b->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, b->text, -1, SQLITE_STATIC);
	cache_run(c, st);
}

void
cache_put_threads(struct cache *c, const char *folder, uint32_t uidvalidity,
    const uint32_t *uids, const uint32_t *tree, size_t n)
{
	sqlite3_stmt *st;
	uint32_t     *rows;
	size_t	      i;

	if (c == NULL || n > INT_MAX / 8 ||
	    (st = cache_prepare(c,
		 "INSERT OR REPLACE INTO threads (folder, uidvalidity, rows)"
		 " VALUES (?, ?, ?)")) == NULL)
		return;
	rows = xreallocarray(NULL, 2 * n + 1, sizeof *rows);
	for (i = 0; i < n; i++) {
		rows[2 * i] = uids[i];
		rows[2 * i + 1] = tree[i];
	}
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uidvalidity);
	sqlite3_bind_blob(st, 3, rows, (int)(8 * n), SQLITE_STATIC);
	cache_run(c, st);
	free(rows);
}

size_t
cache_threads(struct cache *c, const char *folder, uint32_t uidvalidity,
    uint32_t **uids, uint32_t **tree)
{
	sqlite3_stmt   *st;
	const uint32_t *rows;
	size_t		i, n = 0;

	*uids = *tree = NULL;
	if (c == NULL ||
	    (st = cache_prepare(c,
		 "SELECT rows FROM threads WHERE folder = ? AND"
		 " uidvalidity = ?")) == NULL)
		return (0);
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uidvalidity);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (rows = sqlite3_column_blob(st, 0)) != NULL) {
		n = (size_t)sqlite3_column_bytes(st, 0) / 8;
		*uids = xreallocarray(NULL, n + 1, sizeof **uids);
		*tree = xreallocarray(NULL, n + 1, sizeof **tree);
		for (i = 0; i < n; i++) {
			memcpy(&(*uids)[i], (const char *)rows + 8 * i, 4);
			memcpy(&(*tree)[i], (const char *)rows + 8 * i + 4, 4);
		}
	}
	sqlite3_finalize(st);
	return (n);
}

void
cache_thread_build(struct cache *c, const char *folder, const uint32_t *uids,
    size_t n, int oldest_first, struct thread_order *out)
{
	struct thread_msg *msgs;
	sqlite3_stmt	  *st;
	uint32_t	  *asc, uid, *hit;
	size_t		   i;

	asc = xmemdup(uids, (n + 1) * sizeof *asc);
	qsort(asc, n, sizeof *asc, sort_uid_asc);
	msgs = xcalloc(n + 1, sizeof *msgs);
	for (i = 0; i < n; i++)
		msgs[i].uid = asc[i];
	/* A row not cached yet is a thread of its own until it is. */
	if (c != NULL &&
	    (st = cache_prepare(c,
		 "SELECT uid, date, message_id, refs FROM messages"
		 " WHERE folder = ?")) != NULL) {
		sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			uid = (uint32_t)sqlite3_column_int64(st, 0);
			if ((hit = bsearch(&uid, asc, n, sizeof *asc,
				 sort_uid_asc)) == NULL)
				continue;
			i = (size_t)(hit - asc);
			msgs[i].date = sqlite3_column_int64(st, 1);
			msgs[i].msgid = cache_text(st, 2);
			msgs[i].refs = cache_text(st, 3);
		}
		sqlite3_finalize(st);
	}
	thread_build(msgs, n, oldest_first, out);
	for (i = 0; i < n; i++) {
		free((char *)msgs[i].msgid);
		free((char *)msgs[i].refs);
	}
	free(msgs);
	free(asc);
}

int
cache_body_get(struct cache *c, const char *folder, uint32_t uid,
    struct cache_body *b)
{
	sqlite3_stmt *st;
	int	      rc = -1;

	memset(b, 0, sizeof *b);
	if (c == NULL ||
	    (st = cache_prepare(c,
		 "SELECT sender, recipients, cc, date, subject,"
		 " text FROM bodies WHERE folder = ? AND uid = "
		 "?")) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		b->from = cache_text(st, 0);
		b->to = cache_text(st, 1);
		b->cc = cache_text(st, 2);
		b->date = cache_text(st, 3);
		b->subject = cache_text(st, 4);
		b->text = cache_text(st, 5);
		rc = b->text != NULL ? 0 : -1;
	}
	sqlite3_finalize(st);
	if (rc != 0)
		cache_body_clear(b);
	return (rc);
}

void
cache_body_clear(struct cache_body *b)
{
	free(b->text);
	free(b->from);
	free(b->to);
	free(b->cc);
	free(b->date);
	free(b->subject);
	memset(b, 0, sizeof *b);
}

/*
 * journal.c owns the journal table of the cache file.  It runs on the UI
 * thread, at the key press: a change must be on disk before anything else
 * can happen to it, and the worker may be busy for seconds.  A commit is a
 * write into the WAL, with no fsync (see cache_db.c), so it costs about as
 * much as drawing a row.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cache_db.h"
#include "journal.h"
#include "log.h"
#include "strbuf.h"
#include "xmalloc.h"

struct journal {
	sqlite3 *db;
};

static const char *journal_ops[] = {
	[JOURNAL_STORE] = "store",
	[JOURNAL_COPY] = "copy",
	[JOURNAL_MOVE] = "move",
	[JOURNAL_EXPUNGE] = "expunge",
};

const char *
journal_op_name(enum journal_op op)
{
	return (journal_ops[op]);
}

static int
journal_op_parse(const char *s, enum journal_op *op)
{
	size_t i;

	for (i = 0; i < sizeof journal_ops / sizeof journal_ops[0]; i++) {
		if (strcmp(s, journal_ops[i]) == 0) {
			*op = (enum journal_op)i;
			return (0);
		}
	}
	return (-1);
}

struct journal *
journal_open(const char *path, char **err)
{
	struct journal *j;
	sqlite3	       *db;

	if ((db = cache_db_open(path, err)) == NULL)
		return (NULL);
	j = xcalloc(1, sizeof *j);
	j->db = db;
	return (j);
}

void
journal_close(struct journal *j)
{
	if (j == NULL)
		return;
	cache_db_close(j->db);
	free(j);
}

/* "1,2,3": the UIDs as written in the table. */
char *
journal_uids_format(const uint32_t *uids, size_t n)
{
	struct strbuf sb;
	size_t	      i;

	strbuf_init(&sb);
	for (i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%u", i > 0 ? "," : "", uids[i]);
	return (strbuf_detach(&sb, NULL));
}

int
journal_uids_parse(const char *s, uint32_t **uids, size_t *n)
{
	unsigned long v;
	char	     *end;

	*uids = NULL;
	*n = 0;
	while (*s != '\0') {
		if (*s < '0' || *s > '9')
			goto bad;
		v = strtoul(s, &end, 10);
		if (v == 0 || v > UINT32_MAX || (*end != ',' && *end != '\0'))
			goto bad;
		*uids = xreallocarray(*uids, *n + 1, sizeof **uids);
		(*uids)[(*n)++] = (uint32_t)v;
		s = *end == ',' ? end + 1 : end;
	}
	if (*n > 0)
		return (0);
bad:
	FREE(uids);
	*n = 0;
	return (-1);
}

/* Message-IDs one a line; an absent one is an empty line. */
static char *
journal_ids_format(char *const *ids, size_t n)
{
	struct strbuf sb;
	size_t	      i;

	if (ids == NULL)
		return (NULL);
	strbuf_init(&sb);
	for (i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i > 0 ? "\n" : "",
		    ids[i] != NULL ? ids[i] : "");
	return (strbuf_detach(&sb, NULL));
}

static char **
journal_ids_parse(const char *s, size_t n)
{
	char	  **ids;
	size_t	    i;
	const char *nl;

	ids = xcalloc(n, sizeof *ids);
	for (i = 0; i < n && s != NULL; i++) {
		nl = strchr(s, '\n');
		if ((nl != NULL ? (size_t)(nl - s) : strlen(s)) > 0)
			ids[i] = nl != NULL ? xstrndup(s, (size_t)(nl - s)) :
					      xstrdup(s);
		s = nl != NULL ? nl + 1 : NULL;
	}
	return (ids);
}

int64_t
journal_add(struct journal *j, const struct journal_entry *e)
{
	sqlite3_stmt *st;
	char	     *uids, *ids;
	int64_t	      id = -1;

	if (sqlite3_prepare_v2(j->db,
		"INSERT INTO journal (op, folder, uidvalidity, target, uids,"
		" message_ids, add_flags, remove_flags, created)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		-1, &st, NULL) != SQLITE_OK) {
		log_debug("journal: %s", sqlite3_errmsg(j->db));
		return (-1);
	}
	uids = journal_uids_format(e->uids, e->nuids);
	ids = journal_ids_format(e->message_ids, e->nuids);
	sqlite3_bind_text(st, 1, journal_op_name(e->op), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, e->uidvalidity);
	sqlite3_bind_text(st, 4, e->target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, uids, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, ids, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, e->add);
	sqlite3_bind_int64(st, 8, e->remove);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)time(NULL));
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(j->db);
	else
		log_debug("journal: %s", sqlite3_errmsg(j->db));
	sqlite3_finalize(st);
	free(uids);
	free(ids);
	return (id);
}

static int
journal_update(struct journal *j, const char *sql, int64_t id, const char *text)
{
	sqlite3_stmt *st;
	int	      rc;

	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_debug("journal: %s", sqlite3_errmsg(j->db));
		return (-1);
	}
	sqlite3_bind_int64(st, 1, id);
	if (text != NULL)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc != 0)
		log_debug("journal: %s", sqlite3_errmsg(j->db));
	sqlite3_finalize(st);
	return (rc);
}

int
journal_done(struct journal *j, int64_t id)
{
	return (
	    journal_update(j, "DELETE FROM journal WHERE id = ?", id, NULL));
}

int
journal_fail(struct journal *j, int64_t id, const char *text)
{
	return (journal_update(j,
	    "UPDATE journal SET state = 'failed', error = ?2 WHERE id = ?1", id,
	    text != NULL ? text : "refused by the server"));
}

int
journal_clear_failed(struct journal *j)
{
	return (
	    cache_db_exec(j->db, "DELETE FROM journal WHERE state = 'failed'"));
}

static char *
journal_column(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return (s != NULL ? xstrdup((const char *)s) : NULL);
}

char *
journal_message_id(struct journal *j, const char *folder, uint32_t uid)
{
	sqlite3_stmt *st;
	char	     *id = NULL;

	if (j == NULL ||
	    sqlite3_prepare_v2(j->db,
		"SELECT message_id FROM messages WHERE folder = ? AND uid = ?",
		-1, &st, NULL) != SQLITE_OK)
		return (NULL);
	sqlite3_bind_text(st, 1, folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uid);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		id = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return (id);
}

size_t
journal_load(struct journal *j, int failed, struct journal_entry **out)
{
	struct journal_entry *list = NULL, e;
	sqlite3_stmt	     *st;
	size_t		      n = 0;
	const char	     *op, *uids;

	*out = NULL;
	if (sqlite3_prepare_v2(j->db,
		"SELECT id, op, folder, uidvalidity, target, uids, message_ids,"
		" add_flags, remove_flags, error, created FROM journal"
		" WHERE state = ? ORDER BY id",
		-1, &st, NULL) != SQLITE_OK) {
		log_debug("journal: %s", sqlite3_errmsg(j->db));
		return (0);
	}
	sqlite3_bind_text(st, 1, failed ? "failed" : "pending", -1,
	    SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		e.id = sqlite3_column_int64(st, 0);
		op = (const char *)sqlite3_column_text(st, 1);
		uids = (const char *)sqlite3_column_text(st, 5);
		/* A row this version cannot read is left for a newer one. */
		if (op == NULL || journal_op_parse(op, &e.op) != 0 ||
		    uids == NULL ||
		    journal_uids_parse(uids, &e.uids, &e.nuids) != 0) {
			log_debug("journal: entry %lld unreadable",
			    (long long)e.id);
			continue;
		}
		e.folder = journal_column(st, 2);
		e.uidvalidity = (uint32_t)sqlite3_column_int64(st, 3);
		e.target = journal_column(st, 4);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			e.message_ids =
			    journal_ids_parse((const char *)
						  sqlite3_column_text(st, 6),
				e.nuids);
		e.add = (uint32_t)sqlite3_column_int64(st, 7);
		e.remove = (uint32_t)sqlite3_column_int64(st, 8);
		e.error = journal_column(st, 9);
		e.created = (time_t)sqlite3_column_int64(st, 10);
		if (e.folder == NULL)
			e.folder = xstrdup("INBOX");
		list = xreallocarray(list, n + 1, sizeof *list);
		list[n++] = e;
	}
	sqlite3_finalize(st);
	*out = list;
	return (n);
}

void
journal_entry_clear(struct journal_entry *e)
{
	size_t i;

	free(e->folder);
	free(e->target);
	free(e->uids);
	if (e->message_ids != NULL)
		for (i = 0; i < e->nuids; i++)
			free(e->message_ids[i]);
	free(e->message_ids);
	free(e->error);
	memset(e, 0, sizeof *e);
}

void
journal_entries_free(struct journal_entry *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		journal_entry_clear(&list[i]);
	free(list);
}

/*
 * cache_db.c owns the cache file itself: where it lives, its permissions,
 * its pragmas and its schema.  The schema is the same for both users of
 * the file so that either may be first to create it.
 */
#include <errno.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_db.h"
#include "log.h"
#include "xmalloc.h"

/* Bumped when a table changes; an older file is dropped and made again. */
#define CACHE_DB_VERSION 6

static const char cache_db_schema[] =
    "CREATE TABLE IF NOT EXISTS folders ("
    " name TEXT PRIMARY KEY," /* wire name */
    " uidvalidity INTEGER NOT NULL,"
    " highestmodseq INTEGER NOT NULL DEFAULT 0," /* rows are as of it */
    " delim TEXT,"
    " noselect INTEGER NOT NULL DEFAULT 0,"
    " messages INTEGER NOT NULL DEFAULT 0,"
    " unseen INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS messages ("
    " folder TEXT NOT NULL,"
    " uid INTEGER NOT NULL,"
    " flags INTEGER NOT NULL,"
    " date INTEGER NOT NULL,"
    " size INTEGER NOT NULL,"
    " sender TEXT,"
    " recipient TEXT," /* the list's To: the first, "+N" more */
    " subject TEXT,"
    " message_id TEXT,"
    " refs TEXT,"     /* its parents' ids, for threads made locally */
    " from_key TEXT," /* the From mailbox's local part, to sort by */
    " PRIMARY KEY (folder, uid)) WITHOUT ROWID;"
    /* The last thread order of a folder: (uid, tree bits) uint32 pairs. */
    "CREATE TABLE IF NOT EXISTS threads ("
    " folder TEXT PRIMARY KEY,"
    " uidvalidity INTEGER NOT NULL,"
    " rows BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS bodies ("
    " folder TEXT NOT NULL,"
    " uid INTEGER NOT NULL,"
    " sender TEXT, recipients TEXT, cc TEXT, date TEXT, subject TEXT,"
    " text TEXT NOT NULL,"
    " PRIMARY KEY (folder, uid)) WITHOUT ROWID;"
    /*
     * A change the user made, from the key press until the server said
     * OK; state 'failed' keeps the ones the server refused, with its text.
     */
    "CREATE TABLE IF NOT EXISTS journal ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " op TEXT NOT NULL,"
    " folder TEXT NOT NULL,"
    " uidvalidity INTEGER NOT NULL,"
    " target TEXT,"
    " uids TEXT NOT NULL,"
    " message_ids TEXT,"
    " add_flags INTEGER NOT NULL DEFAULT 0,"
    " remove_flags INTEGER NOT NULL DEFAULT 0,"
    " state TEXT NOT NULL DEFAULT 'pending',"
    " error TEXT,"
    " created INTEGER NOT NULL);"
    /*
     * Mail that could not reach the IMAP server (cache_outbox.c): a copy
     * for Sent or a draft, put there at the next login.  Never dropped
     * with the cache: it may be the only copy.
     */
    "CREATE TABLE IF NOT EXISTS outbox ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " role INTEGER NOT NULL," /* enum special_use: Sent or Drafts */
    " flags INTEGER NOT NULL,"
    " data BLOB NOT NULL,"
    " answered_folder TEXT,"
    " answered_uidvalidity INTEGER NOT NULL DEFAULT 0,"
    " answered_uid INTEGER NOT NULL DEFAULT 0,"
    " draft_folder TEXT,"
    " draft_uidvalidity INTEGER NOT NULL DEFAULT 0,"
    " draft_uid INTEGER NOT NULL DEFAULT 0,"
    " created INTEGER NOT NULL);";

char *
cache_db_path(const char *account)
{
	const char    *dir;
	struct passwd *pw;
	char	      *name, *p, *path;

	/* The name becomes one file name: no directories, no dot files. */
	name = xstrdup(account);
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || (p == name && *p == '.'))
			*p = '_';
	if ((dir = getenv("XDG_CACHE_HOME")) != NULL && dir[0] == '/')
		path = xasprintf("%s/tern/%s.db", dir, name);
	else {
		if ((dir = getenv("HOME")) == NULL || dir[0] == '\0') {
			pw = getpwuid(getuid());
			dir = pw != NULL ? pw->pw_dir : "/";
		}
		path = xasprintf("%s/.cache/tern/%s.db", dir, name);
	}
	free(name);
	return (path);
}

/* mkdir -p for the directories above path; the last one private. */
static int
cache_db_mkdirs(const char *path)
{
	char *dir, *p;
	int   rc = 0;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) != NULL)
		*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(dir, 0700) == -1 && errno != EEXIST)
		rc = -1;
	free(dir);
	return (rc);
}

int
cache_db_exec(struct sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return (0);
	log_debug("cache: %s", msg != NULL ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return (-1);
}

static int
cache_db_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int	      v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (v);
}

sqlite3 *
cache_db_open(const char *path, char **err)
{
	sqlite3 *db = NULL;
	int	 v;
	mode_t	 old;

	if (cache_db_mkdirs(path) != 0) {
		*err = xasprintf("%s: cannot make the directory: %s", path,
		    strerror(errno));
		return (NULL);
	}
	/* Mail is private: the file is the user's alone. */
	old = umask(077);
	v = sqlite3_open_v2(path, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	umask(old);
	if (v != SQLITE_OK) {
		*err = xasprintf("%s: %s", path,
		    db != NULL ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return (NULL);
	}
	/*
	 * WAL with synchronous=NORMAL: a commit survives the process being
	 * killed (it is in the log before the call returns), and costs no
	 * fsync; only a power cut may lose the last commits.
	 */
	sqlite3_busy_timeout(db, 5000);
	if (cache_db_exec(db, "PRAGMA journal_mode=WAL") != 0 ||
	    cache_db_exec(db, "PRAGMA synchronous=NORMAL") != 0)
		goto fail;
	/*
	 * Rows are written and read nearly in UID order: a small page cache
	 * does as well as the default 2 MiB, which would be the memory of
	 * 15,000 list rows.
	 */
	cache_db_exec(db, "PRAGMA cache_size=-512");
	v = cache_db_version(db);
	if (v != 0 && v != CACHE_DB_VERSION) {
		/* Another layout: the cache is only a cache, the journal not. */
		log_debug("cache: version %d, making it again", v);
		if (cache_db_exec(db,
			"DROP TABLE IF EXISTS folders;"
			"DROP TABLE IF EXISTS messages;"
			"DROP TABLE IF EXISTS bodies;"
			"DROP TABLE IF EXISTS threads;") != 0)
			goto fail;
	}
	if (cache_db_exec(db, cache_db_schema) != 0)
		goto fail;
	if (v != CACHE_DB_VERSION) {
		char *sql;

		sql = xasprintf("PRAGMA user_version=%d", CACHE_DB_VERSION);
		v = cache_db_exec(db, sql);
		free(sql);
		if (v != 0)
			goto fail;
	}
	return (db);

fail:
	*err = xasprintf("%s: %s", path, sqlite3_errmsg(db));
	sqlite3_close(db);
	return (NULL);
}

void
cache_db_close(struct sqlite3 *db)
{
	if (db != NULL)
		sqlite3_close(db);
}

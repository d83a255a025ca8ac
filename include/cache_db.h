/*
 * The account's SQLite file, $XDG_CACHE_HOME/tern/NAME.db: the header and
 * body cache (cache.c, the worker's) and the journal of changes not yet
 * confirmed by the server (journal.c, the UI thread's).  Each thread opens
 * its own connection; WAL lets them work side by side.
 */
#ifndef TERN_CACHE_DB_H
#define TERN_CACHE_DB_H

struct sqlite3;

/* The file for an account name, under $XDG_CACHE_HOME or ~/.cache. */
char *cache_db_path(const char *account);
/*
 * Open (making the directory, the file and the tables if missing).  NULL
 * with *err set (the caller frees it) when the file cannot be used.
 */
struct sqlite3 *cache_db_open(const char *path, char **err);
void		cache_db_close(struct sqlite3 *);
/* Run SQL that returns no rows; 0, or -1 after logging why. */
int cache_db_exec(struct sqlite3 *, const char *sql);

#endif

/*
 * actions_accounts.c owns the folder pane as a list over every account:
 * which account and folder a row of the pane is, where the cursor is, an
 * account's tree hidden or shown, and 1-9.  With one account the pane is
 * that account's tree alone, as it always was.  Nothing here draws, talks
 * to a worker other than through app.c, or changes an account's folders.
 */
#include "app.h"
#include "conf.h"

/* Whether each account has a row of its own above its folders. */
static int
actions_accounts_headers(struct app *app)
{
	return (app->nsessions > 1);
}

/* The rows an account takes in the pane, its own row included. */
static size_t
actions_accounts_rows(struct app *app, struct session *s)
{
	size_t n = actions_accounts_headers(app) ? 1 : 0;

	if (!s->collapsed || !actions_accounts_headers(app))
		n += s->folders.nview;
	return (n);
}

size_t
app_pane_rows(struct app *app)
{
	size_t i, n = 0;

	for (i = 0; i < app->nsessions; i++)
		n += actions_accounts_rows(app, app->sessions[i]);
	return (n);
}

struct session *
app_pane_at(struct app *app, size_t row, struct folder **f)
{
	struct session *s;
	size_t		i, n;

	*f = NULL;
	for (i = 0; i < app->nsessions; i++) {
		s = app->sessions[i];
		n = actions_accounts_rows(app, s);
		if (row >= n) {
			row -= n;
			continue;
		}
		if (actions_accounts_headers(app)) {
			if (row == 0)
				return (s);
			row--;
		}
		*f = folders_at(&s->folders, row);
		return (s);
	}
	return (NULL);
}

size_t
app_pane_cursor(struct app *app)
{
	struct session *s = app->pane;
	size_t		i, row = 0;

	for (i = 0; i < s->index; i++)
		row += actions_accounts_rows(app, app->sessions[i]);
	if (!actions_accounts_headers(app))
		return (row +
		    (s->folder_cursor > 0 ? (size_t)s->folder_cursor : 0));
	/* Hidden folders: the cursor is on the account's own row. */
	if (s->collapsed || s->folder_cursor < 0)
		return (row);
	return (row + 1 + (size_t)s->folder_cursor);
}

void
app_pane_set(struct app *app, size_t row)
{
	struct session *s;
	struct folder  *f;
	size_t		i, first = 0;

	if ((s = app_pane_at(app, row, &f)) == NULL)
		return;
	for (i = 0; i < s->index; i++)
		first += actions_accounts_rows(app, app->sessions[i]);
	app->pane = s;
	if (f == NULL)
		s->folder_cursor = actions_accounts_headers(app) ? -1 : 0;
	else
		s->folder_cursor = (long)(row - first) -
		    (actions_accounts_headers(app) ? 1 : 0);
}

struct folder *
app_pane_folder(struct app *app)
{
	struct session *s = app->pane;

	if (s->folder_cursor < 0 ||
	    (s->collapsed && actions_accounts_headers(app)))
		return (NULL);
	return (folders_at(&s->folders, (size_t)s->folder_cursor));
}

void
app_pane_collapse(struct app *app, struct session *s)
{
	if (!actions_accounts_headers(app))
		return;
	s->collapsed = !s->collapsed;
	/* The cursor inside what goes away goes to the account's row. */
	if (s->collapsed)
		s->folder_cursor = -1;
}

/*
 * The Nth account's INBOX, opened, with the pane's cursor on it: the key
 * is a way to read that account's new mail, which lands in its INBOX.
 */
void
actions_accounts_jump(struct app *app, size_t n)
{
	struct session *s;
	long		i;

	if (n >= app->nsessions) {
		app_message(app, 1, "No account %zu", n + 1);
		return;
	}
	s = app->sessions[n];
	s->collapsed = 0;
	i = folders_view_find(&s->folders, "INBOX");
	s->folder_cursor = i >= 0 ? i : 0;
	app->pane = s;
	app_open_folder_in(app, s, "INBOX");
	app->focus = FOCUS_INDEX;
}

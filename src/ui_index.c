/*
 * ui_index.c draws the message list: one row a message, flags, date,
 * sender, subject and size, the cursor row highlighted.  It reads the
 * model; it only keeps its own scroll position in view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "thread.h"
#include "ui_curses.h"
#include "xmalloc.h"

static void
ui_index_date(time_t t, char *buf, size_t len)
{
	struct tm tm, now_tm;
	time_t	  now = time(NULL);

	if (t == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	localtime_r(&t, &tm);
	localtime_r(&now, &now_tm);
	if (tm.tm_year == now_tm.tm_year && tm.tm_yday == now_tm.tm_yday)
		strftime(buf, len, "%H:%M", &tm);
	else if (tm.tm_year == now_tm.tm_year)
		strftime(buf, len, "%b %d", &tm);
	else
		strftime(buf, len, "%Y-%m-%d", &tm);
}

void
ui_size(uint32_t size, char *buf, size_t len)
{
	if (size < 1000)
		snprintf(buf, len, "%u", size);
	else if (size < 10 * 1024)
		snprintf(buf, len, "%.1fK", size / 1024.0);
	else if (size < 1024 * 1024)
		snprintf(buf, len, "%uK", (size + 512) / 1024);
	else if (size < 10 * 1024 * 1024)
		snprintf(buf, len, "%.1fM", size / 1048576.0);
	else
		snprintf(buf, len, "%uM", (size + 524288) / 1048576);
}

static void
ui_index_row(struct app *app, const struct msgrow *m, int y, int x, int w,
    attr_t attr)
{
	char   flags[5], date[16], size[16], tree[160];
	int    fromw, sizew = 6, subw, col, used;
	size_t hidden;

	flags[0] = !(m->flags & MSG_SEEN) ? 'N' :
	    (m->flags & MSG_ANSWERED)	  ? 'r' :
					    ' ';
	flags[1] = (m->flags & MSG_FLAGGED) ? 'F' : ' ';
	flags[2] = (m->flags & MSG_DELETED) ? 'D' : ' ';
	flags[3] = (m->flags & MSG_PENDING) ? '*' : ' ';
	flags[4] = '\0';
	ui_index_date(m->date, date, sizeof date);
	ui_size(m->size, size, sizeof size);

	fromw = w / 4 > 20 ? 20 : w / 4;
	col = x;
	col += ui_put(y, col, 5, flags, attr) > 0 ? 5 : 5;
	ui_put(y, col, 11, date, attr);
	col += 11;
	ui_put(y, col, fromw + 1, mailbox_from(&app->mbox, m), attr);
	col += fromw + 1;
	subw = x + w - col - sizew;
	/*
	 * In threads, the tree lines take the start of the subject; a
	 * folded thread says how many rows it hides.
	 */
	if ((hidden = mailbox_folded_rows(&app->mbox, m->uid)) > 0)
		snprintf(tree, sizeof tree, "[+%zu] ", hidden);
	if ((hidden > 0 ||
		thread_prefix(mailbox_tree(&app->mbox, m), tree, sizeof tree) >
		    0) &&
	    subw > 0) {
		used = ui_put(y, col, subw, tree, attr);
		ui_put(y, col + used, subw - used,
		    mailbox_subject(&app->mbox, m), attr);
	} else
		ui_put(y, col, subw, mailbox_subject(&app->mbox, m), attr);
	col += subw > 0 ? subw : 0;
	/* Right-aligned size. */
	if (col + sizew <= x + w) {
		char buf[32];

		snprintf(buf, sizeof buf, "%*s", sizew, size);
		ui_put(y, col, sizew, buf, attr);
	}
}

void
ui_index_draw(struct app *app, int y, int x, int w, int h)
{
	const struct msgrow *m;
	size_t		     i;
	attr_t		     attr;
	int		     r;

	if (app->mbox.n == 0) {
		ui_put(y, x, w,
		    app->mbox_loading ? " Loading..." : " No messages",
		    A_NORMAL);
		return;
	}
	if (app->index_cursor >= app->mbox.n)
		app->index_cursor = app->mbox.n - 1;
	if (app->index_cursor < app->index_top)
		app->index_top = app->index_cursor;
	if (app->index_cursor >= app->index_top + (size_t)h)
		app->index_top = app->index_cursor - (size_t)h + 1;

	for (r = 0, i = app->index_top; r < h && i < app->mbox.n; r++, i++) {
		m = mailbox_row(&app->mbox, i);
		attr = A_NORMAL;
		if (!(m->flags & (MSG_SEEN | MSG_UNLOADED)))
			attr |= A_BOLD;
		if (i == app->index_cursor)
			attr = app->focus == FOCUS_INDEX ? A_REVERSE :
							   A_UNDERLINE;
		if (m->flags & MSG_UNLOADED)
			/* Its headers are on the way (app.c asked for them). */
			ui_put(y + r, x, w, "     ...", attr);
		else
			ui_index_row(app, m, y + r, x, w, attr);
	}
}

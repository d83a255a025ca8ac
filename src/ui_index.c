/*
 * ui_index.c draws the message list: one row a message, its columns as
 * index-format says (flags, date, sender, subject, size by default), the
 * cursor row highlighted.  It reads the model; it only keeps its own
 * scroll position in view, and formats only the rows it draws.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date_format.h"
#include "thread.h"
#include "ui_curses.h"
#include "xmalloc.h"

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

/* The text of each field of a row, into bufs where it is made. */
static void
ui_index_texts(struct app *app, const struct index_format *fmt,
    const struct msgrow *m, time_t now, const char **text, char (*bufs)[64],
    char *tree, size_t treelen)
{
	const struct ifmt_field *f;
	char			*flags;
	size_t			 i, hidden;

	for (i = 0; i < fmt->n; i++) {
		f = &fmt->fields[i];
		text[i] = bufs[i];
		switch (f->kind) {
		case IFMT_TEXT:
			text[i] = f->text;
			break;
		case IFMT_FLAGS:
			flags = bufs[i];
			flags[0] = !(m->flags & MSG_SEEN) ? 'N' :
			    (m->flags & MSG_ANSWERED)	  ? 'r' :
							    ' ';
			flags[1] = (m->flags & MSG_FLAGGED) ? 'F' : ' ';
			flags[2] = (m->flags & MSG_DELETED) ? 'D' : ' ';
			flags[3] = (m->flags & MSG_PENDING) ? '*' : ' ';
			flags[4] = '\0';
			break;
		case IFMT_DATE:
			date_format(f->text != NULL ? f->text :
						      ui_date_format(),
			    (time_t)m->date, now, bufs[i], sizeof bufs[i]);
			break;
		case IFMT_FROM:
			text[i] = mailbox_from(&app->mbox, m);
			break;
		case IFMT_TO:
			text[i] = mailbox_to(&app->mbox, m);
			break;
		case IFMT_SUBJECT:
			text[i] = mailbox_subject(&app->mbox, m);
			break;
		case IFMT_TREE:
			text[i] = tree;
			break;
		case IFMT_SIZE:
			ui_size(m->size, bufs[i], sizeof bufs[i]);
			break;
		case IFMT_FOLDER:
			text[i] = app->mbox.name != NULL ? app->mbox.name : "";
			break;
		}
	}
	/*
	 * In threads, the tree lines take the start of the subject (or
	 * their own %T); a folded thread says how many rows it hides.
	 */
	if ((hidden = mailbox_folded_rows(&app->mbox, m->uid)) > 0)
		snprintf(tree, treelen, "[+%zu] ", hidden);
	else if (thread_prefix(mailbox_tree(&app->mbox, m), tree, treelen) == 0)
		tree[0] = '\0';
}

static void
ui_index_row(struct app *app, const struct index_format *fmt, time_t now,
    const struct msgrow *m, int y, int x, int w, attr_t attr, int cursor)
{
	const struct ifmt_field *f;
	const char		*text[INDEX_FORMAT_MAX];
	char			 bufs[INDEX_FORMAT_MAX][64], tree[160];
	int			 cols[INDEX_FORMAT_MAX];
	int			 col = x, c, tw, used;
	attr_t			 tattr;
	size_t			 i;

	ui_index_texts(app, fmt, m, now, text, bufs, tree, sizeof tree);
	for (i = 0; i < fmt->n; i++) {
		f = &fmt->fields[i];
		cols[i] = 0;
		/* Only a field of its own width needs measuring. */
		if (!f->fill && f->width == 0) {
			cols[i] = ui_width(text[i]);
			if (f->kind == IFMT_SUBJECT && !fmt->has_tree)
				cols[i] += ui_width(tree);
		}
	}
	index_format_layout(fmt, w, cols);
	tattr = cursor ? attr : ui_attr_add(attr, COLOR_TREE);
	for (i = 0; i < fmt->n && col < x + w; i++) {
		f = &fmt->fields[i];
		c = cols[i] < x + w - col ? cols[i] : x + w - col;
		if (c <= 0)
			continue;
		used = 0;
		if (f->kind == IFMT_TREE) {
			ui_put(y, col, c, tree, tattr);
		} else if (f->kind == IFMT_SUBJECT && !fmt->has_tree) {
			if (*tree != '\0')
				used = ui_put(y, col, c, tree, tattr);
			ui_put(y, col + used, c - used, text[i], attr);
		} else if (!f->left && (tw = ui_width(text[i])) < c) {
			/* Right-aligned, as printf without '-'. */
			ui_put(y, col, c - tw, "", attr);
			ui_put(y, col + c - tw, tw, text[i], attr);
		} else
			ui_put(y, col, c, text[i], attr);
		col += c;
	}
	if (col < x + w)
		ui_put(y, col, x + w - col, "", attr);
}

void
ui_index_draw(struct app *app, int y, int x, int w, int h)
{
	const struct index_format *fmt = ui_index_format();
	const struct msgrow	  *m;
	size_t			   i;
	attr_t			   attr;
	time_t			   now = time(NULL);
	int			   r, cursor;

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
		/* The most telling last: its colour wins. */
		if (!(m->flags & (MSG_SEEN | MSG_UNLOADED)))
			attr = ui_attr_add(attr, COLOR_UNREAD);
		if (m->flags & MSG_FLAGGED)
			attr = ui_attr_add(attr, COLOR_FLAGGED);
		if (m->flags & MSG_DELETED)
			attr = ui_attr_add(attr, COLOR_DELETED);
		if ((cursor = i == app->index_cursor))
			attr = ui_attr(app->focus == FOCUS_INDEX ?
				COLOR_SELECTED :
				COLOR_SELECTED_UNFOCUSED);
		if (m->flags & MSG_UNLOADED)
			/* Its headers are on the way (app.c asked for them). */
			ui_put(y + r, x, w, "     ...", attr);
		else
			ui_index_row(app, fmt, now, m, y + r, x, w, attr,
			    cursor);
	}
}

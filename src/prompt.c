/*
 * prompt.c owns line editing at a prompt.  A secret line (a password) is
 * zeroed when the prompt closes; it is never copied anywhere else here.
 */
#include <stdlib.h>
#include <string.h>

#include "folders.h"
#include "keymap.h"
#include "prompt.h"
#include "xmalloc.h"

void
prompt_open(struct prompt *p, enum prompt_kind kind, const char *label,
    int flags)
{
	prompt_close(p);
	p->kind = kind;
	p->label = xstrdup(label);
	p->secret = kind == PROMPT_PASSWORD;
	p->yesno = kind == PROMPT_EXPUNGE || kind == PROMPT_REPLACE ||
	    kind == PROMPT_DELETE_FOLDER || kind == PROMPT_ABORT;
	(void)flags;
}

void
prompt_close(struct prompt *p)
{
	if (p->line.buf != NULL)
		memset(p->line.buf, 0, p->line.size);
	strbuf_free(&p->line);
	FREE(&p->label);
	FREE(&p->complete_base);
	p->complete_next = 0;
	p->kind = PROMPT_NONE;
}

void
prompt_set_line(struct prompt *p, const char *text)
{
	p->line.len = 0;
	strbuf_adds(&p->line, text);
}

static void
prompt_backspace(struct prompt *p)
{
	/* Remove one whole UTF-8 character. */
	while (p->line.len > 0) {
		p->line.len--;
		if (((unsigned char)p->line.buf[p->line.len] & 0xc0) != 0x80)
			break;
	}
	p->line.buf[p->line.len] = '\0';
}

static void
prompt_complete(struct prompt *p, struct folders *fs)
{
	struct folder *f;
	const char    *match;

	if (fs == NULL)
		return;
	if (p->complete_base == NULL) {
		p->complete_base = xstrdup(p->line.len > 0 ? p->line.buf : "");
		p->complete_next = 0;
	}
	/* The jump completes fuzzily, best first; the others by prefix. */
	if (p->kind == PROMPT_JUMP)
		match = (f = folders_fuzzy(fs, p->complete_base,
			     p->complete_next++)) != NULL ?
		    f->name :
		    NULL;
	else
		match = folders_complete(fs, p->complete_base,
		    p->complete_next++);
	if (match == NULL) {
		/* Past the last match: back to what was typed. */
		p->complete_next = 0;
		match = p->complete_base;
	}
	prompt_set_line(p, match);
}

enum prompt_result
prompt_key(struct prompt *p, int key, struct folders *fs)
{
	if (key == KEYC_ESC || key == KEYC_CTRL('g'))
		return (PROMPT_CANCELLED);
	if (p->yesno) {
		if (key == 'y' || key == 'Y') {
			strbuf_adds(&p->line, "y");
			return (PROMPT_DONE);
		}
		if (key == 'n' || key == 'N' || key == 'q')
			return (PROMPT_CANCELLED);
		return (PROMPT_EDITING);
	}
	if (key == KEYC_ENTER || key == '\n')
		return (PROMPT_DONE);
	if (key == KEYC_TAB) {
		prompt_complete(p, fs);
		return (PROMPT_EDITING);
	}
	FREE(&p->complete_base);
	if (key == KEYC_BACKSPACE || key == 0x7f || key == KEYC_CTRL('h')) {
		prompt_backspace(p);
		return (PROMPT_EDITING);
	}
	if (key == KEYC_CTRL('u')) {
		if (p->line.buf != NULL)
			memset(p->line.buf, 0, p->line.len);
		p->line.len = 0;
		return (PROMPT_EDITING);
	}
	if (key >= 0x20 && key <= 0x10ffff && key != 0x7f &&
	    !(key >= 0x80 && key < 0xa0)) {
		if (p->line.len < 4096)
			strbuf_add_utf8(&p->line, (unsigned int)key);
	}
	return (PROMPT_EDITING);
}

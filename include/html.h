/*
 * HTML to plain text, built in: what the pager shows of HTML-only mail when
 * no html-filter command is there or it failed.
 */
#ifndef TERN_HTML_H
#define TERN_HTML_H

#include <stddef.h>

/*
 * Render UTF-8 HTML as text: scripts, styles and titles dropped, blocks and
 * <br> as line breaks, list items as "* ", entities decoded, a link's
 * target after its text as "<URL>".  Never NULL; ends with a newline
 * unless empty.
 */
char *html_to_text(const char *, size_t);

/*
 * Render with the command cmd (its stdin the HTML, its stdout the text),
 * killed after timeout_ms.  cmd NULL or "" tries w3m, then lynx.  Falls
 * back to html_to_text; *note (if not NULL) then gets why, for the user
 * (caller frees), else NULL.  Never NULL.
 */
char *html_render(const char *cmd, const char *, size_t, int timeout_ms,
    char **note);

#endif

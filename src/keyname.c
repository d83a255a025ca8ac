/*
 * keyname.c owns the names of keys: parsing "<C-d>" into a key code and
 * writing a code back as the one name that parses into it, so that
 * --dump-keys can be read back.  It must never know curses' key codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keyname.h"
#include "sanitize.h"
#include "strbuf.h"

static const struct {
	const char *name;
	int	    key;
} keyname_names[] = {
	/* The first name of a key is the one tern writes. */
	{ "Enter", KEYC_ENTER },
	{ "Tab", KEYC_TAB },
	{ "Esc", KEYC_ESC },
	{ "Space", ' ' },
	{ "Backspace", KEYC_BACKSPACE },
	{ "Delete", KEYC_DC },
	{ "Up", KEYC_UP },
	{ "Down", KEYC_DOWN },
	{ "Left", KEYC_LEFT },
	{ "Right", KEYC_RIGHT },
	{ "PageUp", KEYC_PGUP },
	{ "PageDown", KEYC_PGDN },
	{ "Home", KEYC_HOME },
	{ "End", KEYC_END },
	/* What other programs call them. */
	{ "Return", KEYC_ENTER },
	{ "CR", KEYC_ENTER },
	{ "Escape", KEYC_ESC },
	{ "BS", KEYC_BACKSPACE },
	{ "Del", KEYC_DC },
	{ "PgUp", KEYC_PGUP },
	{ "PgDn", KEYC_PGDN },
};
#define KEYNAME_NNAMES (sizeof keyname_names / sizeof keyname_names[0])

/*
 * One character filling s[0..len), as a code point; -1 if it is not valid
 * UTF-8 or is a blank or a control character (those have names).
 */
static int
keyname_utf8(const char *s, size_t len)
{
	unsigned int c;

	if (len == 0 || sanitize_utf8_decode(s, len, &c) != len)
		return (-1);
	if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return (-1);
	return ((int)c);
}

/* "<C-x>": Control and a letter, as the terminal sends it. */
static int
keyname_ctrl(const char *s, size_t len)
{
	char c;

	if (len != 3 || (s[0] != 'C' && s[0] != 'c') || s[1] != '-')
		return (-1);
	c = s[2];
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (c < 'a' || c > 'z')
		return (-1);
	/* The terminal sends these as the keys they are named after. */
	if (c == 'i')
		return (KEYC_TAB);
	if (c == 'm' || c == 'j')
		return (KEYC_ENTER);
	if (c == 'h')
		return (KEYC_BACKSPACE);
	return (KEYC_CTRL(c));
}

int
keyname_parse(const char *s, size_t len, int *key)
{
	size_t i;
	int    k, n;

	if (len >= 3 && s[0] == '"' && s[len - 1] == '"')
		return ((*key = keyname_utf8(s + 1, len - 2)) < 0 ? -1 : 0);
	if (len < 3 || s[0] != '<' || s[len - 1] != '>')
		return ((*key = keyname_utf8(s, len)) < 0 ? -1 : 0);
	s++;
	len -= 2;
	for (i = 0; i < KEYNAME_NNAMES; i++) {
		if (strlen(keyname_names[i].name) == len &&
		    strncasecmp(keyname_names[i].name, s, len) == 0) {
			*key = keyname_names[i].key;
			return (0);
		}
	}
	if ((k = keyname_ctrl(s, len)) >= 0) {
		*key = k;
		return (0);
	}
	if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3 &&
	    s[1] >= '1' && s[1] <= '9') {
		n = s[1] - '0';
		if (len == 3) {
			if (s[2] < '0' || s[2] > '9')
				return (-1);
			n = n * 10 + (s[2] - '0');
		}
		if (n > 12)
			return (-1);
		*key = KEYC_F(n);
		return (0);
	}
	return (-1);
}

void
keyname_format(int key, int config, char buf[KEYNAME_MAX])
{
	const char   *open = config ? "<" : "", *close = config ? ">" : "";
	struct strbuf sb;
	size_t	      i;
	char	     *u;

	for (i = 0; i < KEYNAME_NNAMES; i++) {
		if (keyname_names[i].key == key) {
			snprintf(buf, KEYNAME_MAX, "%s%s%s", open,
			    keyname_names[i].name, close);
			return;
		}
	}
	if (key >= KEYC_CTRL('a') && key <= KEYC_CTRL('z')) {
		snprintf(buf, KEYNAME_MAX, "%sC-%c%s", open, key + 'a' - 1,
		    close);
		return;
	}
	if (key >= KEYC_F(1) && key <= KEYC_F(12)) {
		snprintf(buf, KEYNAME_MAX, "%sF%d%s", open, key - KEYC_F0,
		    close);
		return;
	}
	/* Anything else is a character: UTF-8. */
	strbuf_init(&sb);
	strbuf_add_utf8(&sb, (unsigned int)key);
	u = strbuf_detach(&sb, NULL);
	/*
	 * At the start of a line these would be a comment or a section:
	 * quoted, they are keys.
	 */
	if (config && (key == '#' || key == ';' || key == '['))
		snprintf(buf, KEYNAME_MAX, "\"%s\"", u);
	else
		snprintf(buf, KEYNAME_MAX, "%s", u);
	free(u);
}

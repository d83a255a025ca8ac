/*
 * Unit tests for html.c and html_filter.c: the built-in rendering of HTML
 * mail as text, and the filter command with its pipe and its timeout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "html.h"

static void
test_html_check(const char *in, const char *want)
{
	char *out;

	out = html_to_text(in, strlen(in));
	assert_string_equal(out, want);
	free(out);
}

static void
test_html_blocks(void **state)
{
	test_html_check("", "");
	test_html_check("plain", "plain\n");
	test_html_check("<p>one</p><p>two</p>", "one\n\ntwo\n");
	test_html_check("a<br>b<br/>c<BR >", "a\nb\nc\n");
	test_html_check("a<br><br>b", "a\n\nb\n");
	test_html_check("<div>a</div><div>b</div>", "a\nb\n");
	test_html_check("<h1>Title</h1>text", "Title\n\ntext\n");
	test_html_check("<table><tr><td>a</td><td>b</td></tr>"
			"<tr><td>c</td></tr></table>",
	    "a b\nc\n");
	test_html_check("<ul><li>one</li><li>two</ul>after",
	    "* one\n* two\nafter\n");
}

static void
test_html_blanks(void **state)
{
	test_html_check("  a \n\t b   c  ", "a b c\n");
	test_html_check("<p>\n  para\n  graph\n</p>", "para graph\n");
	test_html_check("x<pre>  a\n   b</pre>y", "x\n\n  a\n   b\n\ny\n");
	test_html_check("<b>bold</b> <i>it</i>", "bold it\n");
}

static void
test_html_dropped(void **state)
{
	test_html_check("<html><head><title>T</title>"
			"<style>p { color: red }</style></head>"
			"<body><script>alert('<p>x</p>')</script>"
			"text</body></html>",
	    "text\n");
	test_html_check("a<!-- <p>hidden</p> -->b", "ab\n");
	test_html_check("<!DOCTYPE html><?xml version=\"1.0\"?>a", "a\n");
	/* Unclosed: the rest is dropped, nothing read past the end. */
	test_html_check("a<script>b", "a\n");
	test_html_check("a<!-- b", "a\n");
	test_html_check("a<p class=\"x>", "a\n");
}

static void
test_html_entities(void **state)
{
	test_html_check("a &amp; b &lt;c&gt; &quot;d&quot;",
	    "a & b <c> \"d\"\n");
	test_html_check("&#233;&#xE9;&#XE9;", "\xc3\xa9\xc3\xa9\xc3\xa9\n");
	test_html_check("&#128512;", "\xf0\x9f\x98\x80\n");
	test_html_check("&mdash;&euro;&nbsp;x", "\xe2\x80\x94\xe2\x82\xac x\n");
	/* Nothing to show as itself: U+FFFD. */
	test_html_check("&#0;&#xd800;&#x110000;",
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n");
	/* Not entities: kept as they are. */
	test_html_check("AT&T &nosuch; & x &#;", "AT&T &nosuch; & x &#;\n");
	test_html_check("a < b", "a < b\n");
}

static void
test_html_links(void **state)
{
	test_html_check("see <a href=\"https://example.org/a?b=1&amp;c=2\">"
			"the site</a>.",
	    "see the site <https://example.org/a?b=1&c=2>.\n");
	test_html_check("<a href='https://x.org/'>https://x.org/</a>",
	    "https://x.org/\n");
	test_html_check("<a href=mailto:a@b.org>a@b.org</a>", "a@b.org\n");
	test_html_check("<a href=\"#top\">top</a>", "top\n");
	test_html_check("<a href=\"javascript:x()\">go</a>", "go\n");
	test_html_check("<a href=\"https://x.org/\"><img src=\"i.png\"></a>",
	    "<https://x.org/>\n");
	test_html_check("<img src=\"logo.png\" alt=\"Logo\"> text",
	    "[Logo] text\n");
	test_html_check("<a name=\"x\">anchor</a> here", "anchor here\n");
}

static void
test_html_filter_command(void **state)
{
	char *out, *note;

	out = html_render("tr a-z A-Z", "<p>hi</p>", 9, 5000, &note);
	assert_string_equal(out, "<P>HI</P>");
	assert_null(note);
	free(out);
	/* The HTML is the command's stdin, never its command line. */
	out = html_render("wc -c | tr -d ' '", "<p>hi</p>", 9, 5000, &note);
	assert_string_equal(out, "9\n");
	free(out);
}

static void
test_html_filter_fallback(void **state)
{
	char	       *out, *note;
	struct timespec t0, t1;
	long		ms;

	out = html_render("exit 3", "<p>hi</p>", 9, 5000, &note);
	assert_string_equal(out, "hi\n");
	assert_non_null(note);
	assert_non_null(strstr(note, "failed"));
	free(note);
	free(out);

	out = html_render("/no/such/filter", "<p>hi</p>", 9, 5000, &note);
	assert_string_equal(out, "hi\n");
	assert_non_null(strstr(note, "not found"));
	free(note);
	free(out);

	/* Killed at the deadline, with what its shell started. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	out = html_render("sleep 30; cat", "<p>hi</p>", 9, 300, &note);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms < 3000);
	assert_string_equal(out, "hi\n");
	assert_non_null(strstr(note, "timed out"));
	free(note);
	free(out);
}

/* A filter that reads nothing must not hang on a full pipe. */
static void
test_html_filter_big(void **state)
{
	char  *in, *out, *note;
	size_t len = 1024 * 1024;

	in = malloc(len);
	memset(in, 'x', len);
	out = html_render("echo done", in, len, 5000, &note);
	assert_string_equal(out, "done\n");
	assert_null(note);
	free(out);
	out = html_render("cat", in, len, 5000, &note);
	assert_int_equal(strlen(out), len);
	free(out);
	free(in);
}

static void
test_html_sigpipe(int sig)
{
	(void)sig;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_blocks),
		cmocka_unit_test(test_html_blanks),
		cmocka_unit_test(test_html_dropped),
		cmocka_unit_test(test_html_entities),
		cmocka_unit_test(test_html_links),
		cmocka_unit_test(test_html_filter_command),
		cmocka_unit_test(test_html_filter_fallback),
		cmocka_unit_test(test_html_filter_big),
	};

	/* As tern does (signal.c): a filter that quits early is EPIPE. */
	signal(SIGPIPE, test_html_sigpipe);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}

/*
 * The reference imap_fetch_parse is held to: the same bytes through
 * libetpan's parser and imap_message_from, as the fill read them before
 * it had a parser of its own.  For test_fetch_parse and fuzz_fetch_parse.
 */
#ifndef TERN_FETCH_REF_H
#define TERN_FETCH_REF_H

#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/imap_private.h"
#include "stream.h"

/*
 * libetpan's parser leaks what it read before some errors (an astring in
 * a BODYSTRUCTURE cut short): those are not tern's leaks to report.
 */
#if defined(__SANITIZE_ADDRESS__)
#define FETCH_REF_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FETCH_REF_ASAN 1
#endif
#endif
#ifdef FETCH_REF_ASAN
#include <sanitizer/lsan_interface.h>
#define FETCH_REF_LIBETPAN_BEGIN() __lsan_disable()
#define FETCH_REF_LIBETPAN_END() __lsan_enable()
#else
#define FETCH_REF_LIBETPAN_BEGIN()
#define FETCH_REF_LIBETPAN_END()
#endif

/* Longer inputs would not fit in the socket at once. */
#define FETCH_REF_MAX 100000

/*
 * 0 with the row and its sequence number if libetpan reads buf as one
 * FETCH response, then a tagged OK that follows it here; -1 if not.
 */
static int
fetch_ref_parse(const char *buf, size_t len, uint32_t *seq, struct message *m)
{
	static const struct imap_keep keep = { NULL, NULL, NULL };
	static const char	      done[] = "1 OK done\r\n";
	struct mailimap_msg_att	     *att;
	struct imap		      im;
	clist			     *l;
	long			      tag;
	int			      sv[2], state, r = -1;

	memset(m, 0, sizeof *m);
	if (len > FETCH_REF_MAX || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return (-1);
	if (write(sv[0], buf, len) != (ssize_t)len ||
	    write(sv[0], done, sizeof done - 1) != (ssize_t)sizeof done - 1)
		abort();
	close(sv[0]);
	memset(&im, 0, sizeof im);
	FETCH_REF_LIBETPAN_BEGIN();
	if ((im.session = mailimap_new(0, NULL)) == NULL)
		abort();
	/* tern's stream: libetpan's own loops on a literal cut short. */
	if ((im.session->imap_stream =
		    mailstream_new(stream_low_plain(sv[1], 5), 8192)) == NULL)
		abort();
	if (imap_read_any(&im, &keep, &tag, &state) == MAILIMAP_NO_ERROR &&
	    tag == 1 && state == MAILIMAP_RESP_COND_STATE_OK &&
	    (l = im.session->imap_response_info->rsp_fetch_list) != NULL &&
	    clist_count(l) == 1) {
		att = clist_content(clist_begin(l));
		FETCH_REF_LIBETPAN_END();
		imap_message_from(att, m);
		FETCH_REF_LIBETPAN_BEGIN();
		*seq = att->att_number;
		r = 0;
	}
	/* Closed first: mailimap_free would say LOGOUT to it. */
	mailstream_close(im.session->imap_stream);
	im.session->imap_stream = NULL;
	mailimap_free(im.session);
	FETCH_REF_LIBETPAN_END();
	return (r);
}

static int
fetch_ref_same_str(const char *a, const char *b)
{
	return (a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0);
}

/* 1 if two rows say the same. */
static int
fetch_ref_same(const struct message *a, const struct message *b)
{
	return (a->uid == b->uid && a->size == b->size &&
	    a->date == b->date && a->flags == b->flags &&
	    fetch_ref_same_str(a->from, b->from) &&
	    fetch_ref_same_str(a->to, b->to) &&
	    fetch_ref_same_str(a->subject, b->subject) &&
	    fetch_ref_same_str(a->message_id, b->message_id) &&
	    fetch_ref_same_str(a->refs, b->refs) &&
	    fetch_ref_same_str(a->from_key, b->from_key));
}

#endif

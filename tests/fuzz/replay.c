/*
 * replay.c is the main() of a fuzz target when the build has no libFuzzer
 * (gcc, or clang without --enable-fuzzing): it feeds the target every file
 * of the corpus directories named on the command line, then a fixed number
 * of deterministic mutations of them, so that a plain sanitizer build runs
 * the same targets.  It takes the options libFuzzer takes that it can use
 * (-runs=N, -seed=N, -dict=FILE, -max_len=N, -artifact_prefix=PATH) and
 * ignores the others, so that tests/run calls both kinds the same way.  It
 * must never write to the corpus.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

struct bytes {
	uint8_t *p;
	size_t	 len;
};

struct set {
	struct bytes *v;
	size_t	      n;
};

/*
 * Each input is written here before it runs, and the file removed when
 * all ran: whatever kills the process (a sanitizer, abort(), a signal),
 * the input that did is left behind.
 */
static char replay_artifact[4096] = "crash-replay";

static uint64_t replay_state = 0x9e3779b97f4a7c15ULL;
/* Bytes that mean something to one parser or another. */
static const char replay_bytes[] = "\0\r\n\"\\(){}[]=?~%+-_ \t\x1b\x7f"
				   "\x80\xc3\xff"
				   "0";

static void
replay_run(const uint8_t *p, size_t len)
{
	static int fd = -1;

	if (fd == -1)
		fd = open(replay_artifact, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || ftruncate(fd, 0) != 0 ||
	    pwrite(fd, p, len, 0) != (ssize_t)len) {
		fprintf(stderr, "%s: %s\n", replay_artifact, strerror(errno));
		exit(1);
	}
	LLVMFuzzerTestOneInput(p, len);
}

static uint64_t
replay_rand(uint64_t n)
{
	replay_state ^= replay_state << 13;
	replay_state ^= replay_state >> 7;
	replay_state ^= replay_state << 17;
	return (n == 0 ? 0 : replay_state % n);
}

static void
set_add(struct set *s, uint8_t *p, size_t len)
{
	if ((s->v = realloc(s->v, (s->n + 1) * sizeof *s->v)) == NULL)
		abort();
	s->v[s->n].p = p;
	s->v[s->n].len = len;
	s->n++;
}

static void
set_free(struct set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].p);
	free(s->v);
}

static int
read_file(const char *path, struct set *s)
{
	FILE	*f;
	uint8_t *p;
	size_t	 len = 0, n;
	uint8_t	 buf[4096];

	if ((f = fopen(path, "rb")) == NULL)
		return (-1);
	/* Never a null pointer, not even for an empty file: UBSan minds. */
	if ((p = malloc(1)) == NULL)
		abort();
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if ((p = realloc(p, len + n)) == NULL)
			abort();
		memcpy(p + len, buf, n);
		len += n;
	}
	fclose(f);
	set_add(s, p, len);
	return (0);
}

static int
cmp_names(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Every file of a directory, in name order so that runs repeat. */
static int
read_dir(const char *dir, struct set *s)
{
	DIR	      *d;
	struct dirent *e;
	char	     **names = NULL, *path;
	size_t	       n = 0, i;
	int	       rc = 0;

	if ((d = opendir(dir)) == NULL)
		return (read_file(dir, s));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((names = realloc(names, (n + 1) * sizeof *names)) == NULL ||
		    (names[n++] = strdup(e->d_name)) == NULL)
			abort();
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		if ((path = malloc(strlen(dir) + strlen(names[i]) + 2)) == NULL)
			abort();
		sprintf(path, "%s/%s", dir, names[i]);
		if (read_file(path, s) != 0)
			rc = -1;
		free(path);
		free(names[i]);
	}
	free(names);
	return (rc);
}

/* A libFuzzer dictionary: one "token" a line, with \xNN, \\ and \". */
static void
read_dict(const char *path, struct set *s)
{
	FILE	*f;
	char	 line[1024], *q;
	uint8_t *tok;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if ((q = strchr(line, '"')) == NULL || line[0] == '#')
			continue;
		if ((tok = malloc(strlen(q))) == NULL)
			abort();
		for (n = 0, q++; *q != '\0' && *q != '"'; q++) {
			if (*q == '\\' && q[1] == 'x' && q[2] != '\0' &&
			    q[3] != '\0') {
				char hex[3] = { q[2], q[3], '\0' };

				tok[n++] = (uint8_t)strtoul(hex, NULL, 16);
				q += 3;
			} else if (*q == '\\' && q[1] != '\0')
				tok[n++] = *++q;
			else
				tok[n++] = *q;
		}
		set_add(s, tok, n);
	}
	fclose(f);
}

/* Replace [at, at + del) of b with ins. */
static void
splice_in(struct bytes *b, size_t at, size_t del, const uint8_t *ins,
    size_t nins)
{
	uint8_t *p;

	if ((p = malloc(b->len - del + nins + 1)) == NULL)
		abort();
	memcpy(p, b->p, at);
	if (nins > 0)
		memcpy(p + at, ins, nins);
	memcpy(p + at + nins, b->p + at + del, b->len - at - del);
	free(b->p);
	b->p = p;
	b->len = b->len - del + nins;
}

static void
mutate(struct bytes *b, const struct set *corpus, const struct set *dict)
{
	const struct bytes *o;
	uint8_t		    c;
	size_t		    at, n;

	at = replay_rand(b->len + 1);
	switch (replay_rand(8)) {
	case 0: /* flip a bit */
		if (b->len > 0)
			b->p[at % b->len] ^= 1 << replay_rand(8);
		break;
	case 1: /* any byte */
		c = replay_rand(256);
		splice_in(b, at, 0, &c, 1);
		break;
	case 2: /* an interesting byte */
		c = replay_bytes[replay_rand(sizeof replay_bytes - 1)];
		splice_in(b, at, 0, &c, 1);
		break;
	case 3: /* drop some bytes */
		n = replay_rand(b->len - at + 1);
		splice_in(b, at, n > 16 ? 16 : n, NULL, 0);
		break;
	case 4: /* repeat some bytes */
		n = replay_rand(b->len - at + 1);
		n = n > 64 ? 64 : n;
		{
			uint8_t *dup = malloc(n + 1);

			if (dup == NULL)
				abort();
			memcpy(dup, b->p + at, n);
			splice_in(b, at, 0, dup, n);
			free(dup);
		}
		break;
	case 5: /* a piece of another input */
		o = &corpus->v[replay_rand(corpus->n)];
		n = replay_rand(o->len + 1);
		splice_in(b, at, 0, o->p + (o->len - n), n > 128 ? 128 : n);
		break;
	case 6: /* a dictionary token */
		if (dict->n > 0) {
			o = &dict->v[replay_rand(dict->n)];
			splice_in(b, at, 0, o->p, o->len);
		}
		break;
	default: /* cut short */
		b->len = at;
		break;
	}
}

int
main(int argc, char **argv)
{
	struct set   corpus = { NULL, 0 }, dict = { NULL, 0 };
	struct bytes b;
	long	     runs = 4000, i, k, max_len = 4096;
	int	     a;

	for (a = 1; a < argc; a++) {
		if (strncmp(argv[a], "-runs=", 6) == 0)
			runs = strtol(argv[a] + 6, NULL, 10);
		else if (strncmp(argv[a], "-seed=", 6) == 0)
			replay_state ^= strtoull(argv[a] + 6, NULL, 10);
		else if (strncmp(argv[a], "-max_len=", 9) == 0)
			max_len = strtol(argv[a] + 9, NULL, 10);
		else if (strncmp(argv[a], "-artifact_prefix=", 17) == 0)
			snprintf(replay_artifact, sizeof replay_artifact,
			    "%scrash-replay", argv[a] + 17);
		else if (strncmp(argv[a], "-dict=", 6) == 0)
			read_dict(argv[a] + 6, &dict);
		else if (argv[a][0] != '-' && read_dir(argv[a], &corpus) != 0) {
			fprintf(stderr, "%s: %s\n", argv[a], strerror(errno));
			return (1);
		}
	}
	for (i = 0; i < (long)corpus.n; i++)
		replay_run(corpus.v[i].p, corpus.v[i].len);
	if (corpus.n == 0) {
		if ((b.p = malloc(1)) == NULL)
			abort();
		set_add(&corpus, b.p, 0);
	}
	for (i = 0; i < runs; i++) {
		const struct bytes *o = &corpus.v[replay_rand(corpus.n)];

		if ((b.p = malloc(o->len + 1)) == NULL)
			abort();
		memcpy(b.p, o->p, o->len);
		b.len = o->len;
		for (k = 1 + replay_rand(6); k > 0; k--)
			mutate(&b, &corpus, &dict);
		if ((long)b.len > max_len)
			b.len = max_len;
		replay_run(b.p, b.len);
		free(b.p);
	}
	unlink(replay_artifact);
	printf("replayed the corpus and %ld mutations of it\n", runs);
	set_free(&corpus);
	set_free(&dict);
	return (0);
}

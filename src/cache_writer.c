/*
 * cache_writer.c owns the thread that writes fetched list rows into the
 * cache file, one transaction per chunk, on a connection of its own
 * (WAL lets the worker's connection read meanwhile).  The worker parses
 * the next chunk of the fill while this one is written: on 100,000
 * messages the INSERTs are a sixth of the worker's work.  It must never
 * hold more than a few chunks (their rows are copied), never write a
 * row after the worker has gone on to read or change the cache (cache.c
 * waits for it first), and never touch anything but the messages table.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "cache_writer.h"
#include "log.h"
#include "xmalloc.h"

/* Chunks handed over and not yet written: a few, to bound the memory. */
#define CACHE_WRITER_MAX 4

struct cache_job {
	struct cache_job *next;
	char		 *folder;
	struct message	 *msgs; /* their strings point into text */
	size_t		  n;
	char		 *text;
};

struct cache_writer {
	struct cache	 *cache; /* its own, whose writes go at once */
	pthread_t	  thread;
	pthread_mutex_t	  lock;
	pthread_cond_t	  work; /* a job came, or stop */
	pthread_cond_t	  done; /* a job was written */
	struct cache_job *head, *tail;
	size_t		  pending; /* jobs queued or being written */
	int		  stop;
};

static void *
cache_writer_main(void *arg)
{
	struct cache_writer *cw = arg;
	struct cache_job    *job;

	for (;;) {
		pthread_mutex_lock(&cw->lock);
		while (cw->head == NULL && !cw->stop)
			pthread_cond_wait(&cw->work, &cw->lock);
		job = cw->head;
		pthread_mutex_unlock(&cw->lock);
		if (job == NULL)
			break;
		cache_put(cw->cache, job->folder, job->msgs, job->n);
		pthread_mutex_lock(&cw->lock);
		if ((cw->head = job->next) == NULL)
			cw->tail = NULL;
		cw->pending--;
		pthread_cond_broadcast(&cw->done);
		pthread_mutex_unlock(&cw->lock);
		free(job->folder);
		free(job->msgs);
		free(job->text);
		free(job);
	}
	return (NULL);
}

struct cache_writer *
cache_writer_start(const char *path)
{
	struct cache_writer *cw;
	char		    *err = NULL;

	cw = xcalloc(1, sizeof *cw);
	if ((cw->cache = cache_open_direct(path, &err)) == NULL) {
		log_debug("cache writer: %s", err);
		free(err);
		free(cw);
		return (NULL);
	}
	pthread_mutex_init(&cw->lock, NULL);
	pthread_cond_init(&cw->work, NULL);
	pthread_cond_init(&cw->done, NULL);
	if (pthread_create(&cw->thread, NULL, cache_writer_main, cw) != 0) {
		log_debug("cache writer: no thread");
		cache_close(cw->cache);
		pthread_cond_destroy(&cw->done);
		pthread_cond_destroy(&cw->work);
		pthread_mutex_destroy(&cw->lock);
		free(cw);
		return (NULL);
	}
	return (cw);
}

/* A string of a row into the job's text at *at, or NULL as it was. */
static char *
cache_writer_copy(const char *s, char *text, size_t *at)
{
	size_t len;

	if (s == NULL)
		return (NULL);
	len = strlen(s) + 1;
	memcpy(text + *at, s, len);
	*at += len;
	return (text + *at - len);
}

void
cache_writer_put(struct cache_writer *cw, const char *folder,
    const struct message *msgs, size_t n)
{
	struct cache_job     *job;
	struct message	     *m;
	const struct message *src;
	size_t		      i, size = 1, at = 0;

	job = xcalloc(1, sizeof *job);
	job->folder = xstrdup(folder);
	job->n = n;
	job->msgs = xreallocarray(NULL, n + 1, sizeof *job->msgs);
	/* One block for every string of the chunk: two allocations, not 6n. */
	for (i = 0; i < n; i++) {
		src = &msgs[i];
		size += (src->from != NULL ? strlen(src->from) + 1 : 0) +
		    (src->to != NULL ? strlen(src->to) + 1 : 0) +
		    (src->subject != NULL ? strlen(src->subject) + 1 : 0) +
		    (src->message_id != NULL ? strlen(src->message_id) + 1 :
					       0) +
		    (src->refs != NULL ? strlen(src->refs) + 1 : 0) +
		    (src->from_key != NULL ? strlen(src->from_key) + 1 : 0);
	}
	job->text = xmalloc(size);
	for (i = 0; i < n; i++) {
		job->msgs[i] = msgs[i];
		m = &job->msgs[i];
		m->from = cache_writer_copy(msgs[i].from, job->text, &at);
		m->to = cache_writer_copy(msgs[i].to, job->text, &at);
		m->subject = cache_writer_copy(msgs[i].subject, job->text, &at);
		m->message_id = cache_writer_copy(msgs[i].message_id, job->text,
		    &at);
		m->refs = cache_writer_copy(msgs[i].refs, job->text, &at);
		m->from_key = cache_writer_copy(msgs[i].from_key, job->text,
		    &at);
	}
	pthread_mutex_lock(&cw->lock);
	while (cw->pending >= CACHE_WRITER_MAX)
		pthread_cond_wait(&cw->done, &cw->lock);
	if (cw->tail != NULL)
		cw->tail->next = job;
	else
		cw->head = job;
	cw->tail = job;
	cw->pending++;
	pthread_cond_signal(&cw->work);
	pthread_mutex_unlock(&cw->lock);
}

void
cache_writer_wait(struct cache_writer *cw)
{
	pthread_mutex_lock(&cw->lock);
	while (cw->pending > 0)
		pthread_cond_wait(&cw->done, &cw->lock);
	pthread_mutex_unlock(&cw->lock);
}

void
cache_writer_stop(struct cache_writer *cw)
{
	pthread_mutex_lock(&cw->lock);
	cw->stop = 1;
	pthread_cond_signal(&cw->work);
	pthread_mutex_unlock(&cw->lock);
	pthread_join(cw->thread, NULL);
	cache_close(cw->cache);
	pthread_cond_destroy(&cw->done);
	pthread_cond_destroy(&cw->work);
	pthread_mutex_destroy(&cw->lock);
	free(cw);
}

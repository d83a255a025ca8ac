/*
 * queue.c owns the FIFO the UI and worker threads hand each other work
 * through.  It holds pointers and never looks inside them.
 */
#include <pthread.h>
#include <stdlib.h>

#include "queue.h"
#include "xmalloc.h"

struct queue_item {
	void		  *data;
	struct queue_item *next;
};

void
queue_init(struct queue *q)
{
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->cond, NULL);
	q->head = q->tail = NULL;
}

void
queue_destroy(struct queue *q, void (*free_item)(void *))
{
	void *p;

	while ((p = queue_pop(q)) != NULL)
		free_item(p);
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
}

void
queue_push(struct queue *q, void *data)
{
	struct queue_item *it;

	it = xmalloc(sizeof *it);
	it->data = data;
	it->next = NULL;
	pthread_mutex_lock(&q->lock);
	if (q->tail != NULL)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	pthread_cond_signal(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

static void *
queue_take(struct queue *q)
{
	struct queue_item *it;
	void		  *data;

	if ((it = q->head) == NULL)
		return (NULL);
	if ((q->head = it->next) == NULL)
		q->tail = NULL;
	data = it->data;
	free(it);
	return (data);
}

void *
queue_pop(struct queue *q)
{
	void *data;

	pthread_mutex_lock(&q->lock);
	data = queue_take(q);
	pthread_mutex_unlock(&q->lock);
	return (data);
}

void *
queue_wait(struct queue *q)
{
	void *data;

	pthread_mutex_lock(&q->lock);
	while (q->head == NULL)
		pthread_cond_wait(&q->cond, &q->lock);
	data = queue_take(q);
	pthread_mutex_unlock(&q->lock);
	return (data);
}

int
queue_empty(struct queue *q)
{
	int empty;

	pthread_mutex_lock(&q->lock);
	empty = q->head == NULL;
	pthread_mutex_unlock(&q->lock);
	return (empty);
}

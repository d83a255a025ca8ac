/*
 * A thread-safe FIFO of owned pointers.  The worker's requests and events
 * travel through these; whoever pops an item owns it.
 */
#ifndef TERN_QUEUE_H
#define TERN_QUEUE_H

#include <pthread.h>

struct queue_item;

struct queue {
	pthread_mutex_t	   lock;
	pthread_cond_t	   cond;
	struct queue_item *head;
	struct queue_item *tail;
};

void queue_init(struct queue *);
/* Free the queue; items still in it are passed to free_item. */
void queue_destroy(struct queue *, void (*)(void *));
void queue_push(struct queue *, void *);
/* The oldest item, or NULL if the queue is empty. */
void *queue_pop(struct queue *);
int   queue_empty(struct queue *);
/* Wait until there is an item. */
void *queue_wait(struct queue *);

#endif

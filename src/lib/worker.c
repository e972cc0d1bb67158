/* worker.c - one helper thread; see worker.h. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "buf.h"
#include "worker.h"

struct cd_worker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	void (*fn)(void *arg);		/* the job in hand, or NULL */
	void *arg;
	bool quit;
};

/* The thread: take jobs until told to quit. */
static void *loop(void *arg)
{
	struct cd_worker *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->fn && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->fn)
			break;
		pthread_mutex_unlock(&w->mu);
		w->fn(w->arg);
		pthread_mutex_lock(&w->mu);
		w->fn = NULL;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct cd_worker *cd_worker_new(void)
{
	struct cd_worker *w = cd_xcalloc(1, sizeof(*w));

	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->th, NULL, loop, w) != 0) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return NULL;
	}
	return w;
}

void cd_worker_free(struct cd_worker *w)
{
	if (!w)
		return;
	cd_worker_wait(w);
	pthread_mutex_lock(&w->mu);
	w->quit = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

void cd_worker_run(struct cd_worker *w, void (*fn)(void *arg), void *arg)
{
	if (!w) {
		fn(arg);
		return;
	}
	pthread_mutex_lock(&w->mu);
	w->fn = fn;
	w->arg = arg;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void cd_worker_wait(struct cd_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	while (w->fn)
		pthread_cond_wait(&w->cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

/*
 * test_worker.c - unit tests of worker.h: a job runs beside the caller
 * and is done when cd_worker_wait returns; jobs run one after another on
 * one worker; without a worker (NULL) a job runs at once.
 */
#include <stddef.h>
#include <stdint.h>

#include "unit.h"
#include "worker.h"

/* A job: add up the numbers lo..hi-1 into sum. */
struct job {
	uint64_t lo, hi, sum;
};

static void add_up(void *arg)
{
	struct job *j = arg;
	uint64_t i;

	j->sum = 0;
	for (i = j->lo; i < j->hi; i++)
		j->sum += i;
}

int main(void)
{
	struct cd_worker *w = cd_worker_new();
	struct job a, b;
	int round, ok = 1;

	CHECK(w != NULL);
	/* Half the sum in the worker, half here, many times over. */
	for (round = 0; round < 500; round++) {
		uint64_t n = 1000 + (uint64_t)round * 37;

		a = (struct job){ 0, n / 2, 1 };
		b = (struct job){ n / 2, n, 1 };
		cd_worker_run(w, add_up, &b);
		add_up(&a);
		cd_worker_wait(w);
		ok &= a.sum + b.sum == n * (n - 1) / 2;
	}
	CHECK(ok);
	/* Waiting with no job in hand returns at once; freeing waits for
	 * the job in hand. */
	cd_worker_wait(w);
	b = (struct job){ 0, 100000, 1 };
	cd_worker_run(w, add_up, &b);
	cd_worker_free(w);
	CHECK(b.sum == (uint64_t)100000 * 99999 / 2);
	/* No worker: the job is done by the time cd_worker_run returns. */
	a = (struct job){ 0, 10, 1 };
	cd_worker_run(NULL, add_up, &a);
	CHECK(a.sum == 45);
	cd_worker_wait(NULL);
	cd_worker_free(NULL);
	return UNIT_END();
}

/*
 * worker.h - one helper thread that runs a job beside the caller.
 *
 * copydesk-group's last steps (sorting buckets of keys, comparing
 * candidate pairs) run after its input has ended, when the program that
 * fed it has exited and a second core is free.  A job handed to the
 * worker runs while the caller does its own share; cd_worker_wait()
 * returns once the job is done.  One job at a time; the job must not
 * touch what the caller touches meanwhile.  Without a worker (NULL: no
 * thread could be made) cd_worker_run() runs the job at once, so callers
 * need no second path.  The order of the results never depends on the
 * thread: callers split work into fixed parts and join them in order.
 */
#ifndef CD_WORKER_H
#define CD_WORKER_H

struct cd_worker;

/* A new worker thread, or NULL when none can be made. */
struct cd_worker *cd_worker_new(void);
/* Wait for the job in hand, end the thread and free w (NULL: nothing). */
void cd_worker_free(struct cd_worker *w);

/* Run fn(arg) in the worker (w NULL: here, now).  The job before must
 * have been waited for. */
void cd_worker_run(struct cd_worker *w, void (*fn)(void *arg), void *arg);
/* Wait until the job run last is done (w NULL: it is). */
void cd_worker_wait(struct cd_worker *w);

#endif

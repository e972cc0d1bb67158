/*
 * test_json_once.c - json.c's byte tables are filled once whichever
 * thread parses first: two threads meet the first parse of a process (in
 * each of many forked children) and both must accept records that use
 * every short escape.  A lost race shows rarely here; under
 * -fsanitize=thread an unguarded fill is reported every time.
 */
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"
#include "unit.h"

#define CHILDREN 64

static pthread_barrier_t start;
static const char line[] =
	"{\"id\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\",\"n\":12,"
	"\"words\":[\"plain text here\",\"\\u00e9t\\u00e9\"]}";

static void *parse_one(void *arg)
{
	struct cd_rec r;
	struct cd_jerr err = { 0 };
	int *ok = arg;

	cd_rec_init(&r);
	pthread_barrier_wait(&start);
	*ok = cd_rec_parse(&r, line, strlen(line), &err) == 0;
	cd_rec_release(&r);
	return NULL;
}

/* One child: two threads parse at once, the process's first parses. */
static int child(void)
{
	pthread_t t;
	int a = 0, b = 0;

	pthread_barrier_init(&start, NULL, 2);
	if (pthread_create(&t, NULL, parse_one, &a) != 0)
		return 2;
	parse_one(&b);
	pthread_join(t, NULL);
	return a && b ? 0 : 1;
}

int main(void)
{
	int i, bad = 0, st;
	pid_t pid;

	for (i = 0; i < CHILDREN; i++) {
		pid = fork();
		if (pid == 0)
			_exit(child());
		if (pid < 0 || waitpid(pid, &st, 0) != pid ||
		    !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	CHECK(bad == 0);
	CHECK(child() == 0);
	return UNIT_END();
}

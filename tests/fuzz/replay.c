/*
 * replay.c - run a libFuzzer target without libFuzzer: feed it every file
 * named on the command line and every regular file inside the named
 * directories (not recursive), in sorted order, as zstd's
 * regression_driver does.  `make fuzz-replay` links it with each
 * tests/fuzz/fuzz_*.c and the library so the corpora are regression tests
 * under the sanitizers of `make check`.
 *
 * Exit status: 0 when every input ran (a crash aborts the process), 1
 * when an input could not be read or nothing was found.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the whole file at path into a malloc'd buffer; NULL on error. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t cap = 0, n = 0, k;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			uint8_t *q;

			cap = cap ? cap * 2 : 4096;
			if (!(q = realloc(p, cap))) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = q;
		}
		k = fread(p + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (ferror(f)) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*size = n;
	return p;
}

/* Run the target on one file; returns 0 or -1. */
static int run_file(const char *path)
{
	size_t size = 0;
	uint8_t *data = slurp(path, &size);
	uint8_t *copy;

	if (!data) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* An exact-size copy lets ASan see reads past the end. */
	copy = malloc(size ? size : 1);
	if (!copy) {
		free(data);
		return -1;
	}
	memcpy(copy, data, size);
	LLVMFuzzerTestOneInput(copy, size);
	free(copy);
	free(data);
	return 0;
}

/* Order for scandir: plain byte order, so runs are reproducible. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Run every regular file in dir; returns the number run, or -1. */
static int run_dir(const char *dir)
{
	struct dirent **ents;
	int n, i, ran = 0, bad = 0;

	if ((n = scandir(dir, &ents, NULL, by_name)) < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(path) != 0)
				bad = 1;
			else
				ran++;
		}
		free(ents[i]);
	}
	free(ents);
	return bad ? -1 : ran;
}

int main(int argc, char **argv)
{
	int i, total = 0, bad = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		int n;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
			continue;
		}
		n = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i]) + 1;
		if (n < 0)
			bad = 1;
		else
			total += n;
	}
	printf("%s: %d inputs replayed\n", argv[0], total);
	return bad || total == 0;
}

/* crossing_main.c: what this machine charges for data that one CPU writes
 * and the other reads, the pattern of a training step shared by two
 * threads (bench/crossing runs it; bench/README.md, "Threads, session 8").
 *
 * Two threads each own half of a buffer of 2 x KB kilobytes. A round is:
 * both write their own half, wait for each other, both read (their own
 * half, or the whole buffer), wait again. What a round's write takes is
 * the figure: when the other thread read that half in the round before,
 * every line written must first be taken back from the other CPU's cache.
 * The modes:
 *   alone   each reads only its own half (nothing crosses: the baseline)
 *   shared  each reads the whole buffer (the step's pattern)
 *   stream  as shared, the writes non-temporal (to memory, past the caches)
 * and the round trip of one cache line between the two threads. Every mode
 * runs ROUNDS rounds, TRIES times, interleaved; the median and the range
 * of the tries are printed. `crossing --round-trip` prints only the round
 * trip (the median of three, in nanoseconds). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <emmintrin.h>
#define HAVE_STREAM 1
#endif

enum { ALONE, SHARED, STREAM, NMODES };
static const char *const mode_name[NMODES] = { "alone", "shared", "stream" };

typedef struct {
	float *buf;
	size_t half;             /* floats per thread */
	int mode, rounds;
	_Alignas(64) atomic_int arrived;
	double write_s[2], read_s[2];
	volatile float sink[2];
} bench;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	_mm_pause();
#endif
}

/* Both threads wait here for the k-th time. */
static void meet(bench *b, int k)
{
	atomic_fetch_add(&b->arrived, 1);
	while (atomic_load(&b->arrived) < 2 * k)
		relax();
}

static void write_half(bench *b, float *p, float v)
{
#ifdef HAVE_STREAM
	if (b->mode == STREAM) {
		__m128i x = _mm_castps_si128(_mm_set1_ps(v));

		for (size_t i = 0; i < b->half; i += 4)
			_mm_stream_si128((__m128i *)(void *)(p + i), x);
		_mm_sfence();
		return;
	}
#endif
	for (size_t i = 0; i < b->half; i++)
		p[i] = v;
}

static float sum(const float *p, size_t n)
{
	float s[16] = { 0 };

	for (size_t i = 0; i < n; i += 16)
		for (int k = 0; k < 16; k++)
			s[k] += p[i + (size_t)k];
	for (int k = 1; k < 16; k++)
		s[0] += s[k];
	return s[0];
}

typedef struct {
	bench *b;
	int who;
} member;

static void *run(void *arg)
{
	member *m = arg;
	bench *b = m->b;
	float *mine = b->buf + (size_t)m->who * b->half;
	int k = 0;

	for (int r = 0; r < b->rounds; r++) {
		double t0 = now();

		write_half(b, mine, (float)r);
		b->write_s[m->who] += now() - t0;
		meet(b, ++k);
		t0 = now();
		b->sink[m->who] = b->mode == ALONE ? sum(mine, b->half) : sum(b->buf, 2 * b->half);
		b->read_s[m->who] += now() - t0;
		meet(b, ++k);
	}
	return NULL;
}

/* One try of a mode: microseconds a round's write and read took (thread 0). */
static int try_mode(float *buf, size_t half, int mode, int rounds, double *w_us, double *r_us)
{
	bench *b = aligned_alloc(64, sizeof(bench));
	member m[2];
	pthread_t t;

	if (!b)
		return -1;
	memset(b, 0, sizeof(*b));
	b->buf = buf;
	b->half = half;
	b->mode = mode;
	b->rounds = rounds;
	atomic_init(&b->arrived, 0);
	m[0] = (member){ b, 0 };
	m[1] = (member){ b, 1 };
	if (pthread_create(&t, NULL, run, &m[1]) != 0) {
		free(b);
		return -1;
	}
	run(&m[0]);
	pthread_join(t, NULL);
	*w_us = b->write_s[0] / rounds * 1e6;
	*r_us = b->read_s[0] / rounds * 1e6;
	free(b);
	return 0;
}

/* The round trip of one line between two threads, in nanoseconds. */
static _Alignas(64) atomic_int ball;
enum { BOUNCES = 200000 };

static void *bounce(void *arg)
{
	(void)arg;
	for (int i = 0; i < BOUNCES; i++) {
		while (atomic_load(&ball) != 2 * i + 1)
			relax();
		atomic_store(&ball, 2 * i + 2);
	}
	return NULL;
}

static double round_trip_ns(void)
{
	pthread_t t;
	double t0;

	atomic_store(&ball, 0);
	if (pthread_create(&t, NULL, bounce, NULL) != 0)
		return -1;
	t0 = now();
	for (int i = 0; i < BOUNCES; i++) {
		atomic_store(&ball, 2 * i + 1);
		while (atomic_load(&ball) != 2 * i + 2)
			relax();
	}
	t0 = now() - t0;
	pthread_join(t, NULL);
	return t0 / BOUNCES * 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void report(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), by_value);
	printf("  %-28s median %8.1f   range %8.1f to %8.1f\n", what, v[n / 2], v[0], v[n - 1]);
}

/* The median of three round trips alone, in whole nanoseconds: the
 * figure bench/threads records beside each run. */
static int print_round_trip(void)
{
	double rt[3];

	for (int i = 0; i < 3; i++)
		if ((rt[i] = round_trip_ns()) < 0) {
			fprintf(stderr, "crossing: no second thread\n");
			return 1;
		}
	qsort(rt, 3, sizeof(double), by_value);
	printf("%.0f\n", rt[1]);
	return 0;
}

int main(int argc, char **argv)
{
	int kb = argc > 1 ? atoi(argv[1]) : 100, tries = argc > 2 ? atoi(argv[2]) : 7;
	int rounds = 2000;
	size_t half = (size_t)kb * 1024 / sizeof(float) / 16 * 16;
	float *buf;
	double w[NMODES][64], r[NMODES][64], rt[64];

	if (argc == 2 && strcmp(argv[1], "--round-trip") == 0)
		return print_round_trip();
	if (kb < 1 || tries < 1 || tries > 64) {
		fprintf(stderr, "usage: crossing [KB per thread, 1 or more] [TRIES, 1 to 64]\n");
		return 2;
	}
	buf = aligned_alloc(64, 2 * half * sizeof(float));
	if (!buf) {
		fprintf(stderr, "crossing: out of memory\n");
		return 1;
	}
	memset(buf, 0, 2 * half * sizeof(float));
	for (int i = 0; i < tries; i++) {
		for (int mode = 0; mode < NMODES; mode++)
			if (try_mode(buf, half, mode, rounds, &w[mode][i], &r[mode][i]) != 0) {
				fprintf(stderr, "crossing: no second thread\n");
				return 1;
			}
		rt[i] = round_trip_ns();
	}
	printf("%d KB written by each of 2 threads a round, %d rounds, %d tries (microseconds a round):\n",
	       kb, rounds, tries);
	for (int mode = 0; mode < NMODES; mode++) {
		char what[64];

		snprintf(what, sizeof(what), "%s: write own half", mode_name[mode]);
		report(what, w[mode], tries);
		snprintf(what, sizeof(what), "%s: read %s", mode_name[mode],
		         mode == ALONE ? "own half" : "both halves");
		report(what, r[mode], tries);
	}
	printf("one cache line's round trip between the threads (nanoseconds):\n");
	report("round trip", rt, tries);
	free(buf);
	return 0;
}

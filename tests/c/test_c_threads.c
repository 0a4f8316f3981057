/* tests/c/test_c_threads.c — 8 threads at once on ONE shared framework and ONE shared calendar.
 *
 * Every thread runs the same mix of calls (batch calendar arithmetic, deadlines, the report JSON,
 * units, errors) and compares each result with the one computed before the threads started, so a
 * data race shows up as a wrong answer here, and as a report under ThreadSanitizer (the tsan preset).
 * The per-thread error record is checked too: each thread provokes its own error and must read back
 * its own message, whatever the other threads do meanwhile. Usage: test_c_threads [iterations] */
#include <da06/c/da06.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define N 2000

static da06_framework *fw;
static da06_calendar *cal;
static int32_t from[N], to[N], nd[N];
static int32_t want_between[N], want_add[N];
static char *want_report;
static size_t want_report_len;
static int iterations = 20;

struct job {
  int id;
  int failures;
};

static void *work(void *arg) {
  struct job *job = (struct job *)arg;
  int32_t *out = (int32_t *)malloc(N * sizeof(int32_t));
  int it;
  if (!out) {
    job->failures++;
    return NULL;
  }
  for (it = 0; it < iterations; ++it) {
    int i;
    char *report = NULL;
    size_t len = 0;
    da06_deadline d;
    const char *text = "Trong năm 2024 và thực hiện thường xuyên";
    const da06_units *units = NULL;
    int32_t bad = DA06_NO_DATE;
    uint8_t w;
    char expect[64];

    if (da06_calendar_workdays_between(cal, from, to, N, out) != DA06_OK) job->failures++;
    for (i = 0; i < N; ++i)
      if (out[i] != want_between[i]) job->failures++;
    if (da06_calendar_add_workdays(cal, from, nd, N, out) != DA06_OK) job->failures++;
    for (i = 0; i < N; ++i)
      if (out[i] != want_add[i]) job->failures++;

    if (da06_deadline_parse(text, strlen(text), &d) != DA06_OK || d.recurrence != DA06_RECUR_CONTINUOUS)
      job->failures++;

    if (it % 5 == 0) {
      if (da06_report_json(fw, DA06_NO_DATE, &report, &len) != DA06_OK || len != want_report_len ||
          memcmp(report, want_report, len) != 0)
        job->failures++;
      da06_string_free(report);
    }
    if (da06_framework_units(fw, &units) != DA06_OK || units == NULL) job->failures++;

    /* this thread's own error, with a message only it produces */
    if (da06_date_from_ymd(2000 + job->id, 2, 30, &bad) != DA06_EINVAL) job->failures++;
    sprintf(expect, "does not exist in %d-02", 2000 + job->id);
    if (strstr(da06_error_last()->message, expect) == NULL) job->failures++;
    if (da06_calendar_is_workday(cal, &bad, 1, &w) != DA06_ERANGE || da06_error_last()->index != 0) job->failures++;
  }
  free(out);
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t th[THREADS];
  struct job jobs[THREADS];
  int i, failures = 0;
  int32_t base;
  if (argc > 1) iterations = atoi(argv[1]);
  if (da06_framework_default(&fw) != DA06_OK || da06_calendar_vn_public(&cal) != DA06_OK) {
    fprintf(stderr, "setup: %s\n", da06_error_last()->message);
    return 1;
  }
  da06_date_from_ymd(2023, 1, 1, &base);
  srand(6);
  for (i = 0; i < N; ++i) {
    from[i] = base + rand() % 1500;
    to[i] = base + rand() % 1500;
    nd[i] = rand() % 60 - 20;
  }
  if (da06_calendar_workdays_between(cal, from, to, N, want_between) != DA06_OK ||
      da06_calendar_add_workdays(cal, from, nd, N, want_add) != DA06_OK ||
      da06_report_json(fw, DA06_NO_DATE, &want_report, &want_report_len) != DA06_OK) {
    fprintf(stderr, "setup: %s\n", da06_error_last()->message);
    return 1;
  }
  /* the framework's units are built lazily: let the threads race to build them */
  for (i = 0; i < THREADS; ++i) {
    jobs[i].id = i;
    jobs[i].failures = 0;
    if (pthread_create(&th[i], NULL, work, &jobs[i]) != 0) {
      fprintf(stderr, "pthread_create failed\n");
      return 1;
    }
  }
  for (i = 0; i < THREADS; ++i) {
    pthread_join(th[i], NULL);
    failures += jobs[i].failures;
  }
  da06_string_free(want_report);
  da06_framework_free(fw);
  da06_calendar_free(cal);
  printf("%d threads x %d iterations: %d mismatches\n", THREADS, iterations, failures);
  return failures == 0 ? 0 : 1;
}

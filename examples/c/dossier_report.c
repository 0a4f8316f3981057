/* examples/c/dossier_report.c — da06 from plain C99: a dossier's due date, a free-text deadline,
 * the Đề án 06 report as JSON, and error handling.
 *
 *   cc -std=c99 dossier_report.c $(pkg-config --cflags --libs da06-c) -o dossier_report
 *
 * Exits 0 when every result is the expected one (the test suite runs it against the installed
 * library), 1 otherwise. */
#include <da06/c/da06.h>

#include <stdio.h>
#include <string.h>

/* Prints the thread's last error and returns 1: `if (rc) return fail("where");`. */
static int fail(const char *where) {
  const da06_error *e = da06_error_last();
  fprintf(stderr, "%s: %s (%s)\n", where, e->message, da06_status_name(e->code));
  if (e->line > 0) fprintf(stderr, "  at %s:%d:%d %s\n", e->file, e->line, e->column, e->path);
  return 1;
}

int main(void) {
  da06_calendar *cal = NULL;
  da06_framework *fw = NULL;
  da06_deadline deadline;
  int32_t received, due, bad_date;
  char iso[11], *report = NULL;
  size_t report_len = 0, tasks = 0;
  const char *text = "Trong năm 2024 và thực hiện thường xuyên";
  int status = 0;

  if (da06_version_number() != DA06_VERSION_NUMBER)
    fprintf(stderr, "warning: header %s, library %s\n", DA06_VERSION_STRING, da06_version());

  /* 1. A dossier received on Friday 26/4/2024 at 10:00, processing time 3 working days. */
  if (da06_calendar_vietnam_public(&cal) != DA06_OK) return fail("calendar");
  if (da06_date_from_ymd(2024, 4, 26, &received) != DA06_OK) return fail("date");
  if (da06_dossier_due(cal, received, 10 * 60, 3, NULL, NULL, &due) != DA06_OK) return fail("dossier_due");
  da06_date_format_iso(due, iso, sizeof iso);
  printf("dossier received 2024-04-26 10:00, 3 working days: due %s\n", iso);
  /* 29/4 swapped off, 30/4 and 1/5 holidays; 2/5, 3/5 and the make-up Saturday 4/5 */
  if (strcmp(iso, "2024-05-04") != 0) status = 1;

  /* 2. A deadline as the plans print it. */
  if (da06_deadline_parse(text, strlen(text), &deadline) != DA06_OK) return fail("deadline");
  if (deadline.due != DA06_NO_DATE) {
    da06_date_format_iso(deadline.due, iso, sizeof iso);
    printf("\"%s\": due %s, %s\n", text, iso, deadline.recurrence != DA06_RECUR_NONE ? "recurring" : "once");
  }
  if (deadline.due == DA06_NO_DATE || strcmp(iso, "2024-12-31") != 0 || deadline.recurrence != DA06_RECUR_CONTINUOUS)
    status = 1;

  /* 3. The embedded Thanh Hóa H1/2024 framework and its report (the JSON of `da06 report --json`). */
  if (da06_framework_default(&fw) != DA06_OK) return fail("framework");
  if (da06_framework_task_count(fw, &tasks) != DA06_OK) return fail("task_count");
  if (da06_report_json(fw, DA06_NO_DATE, &report, &report_len) != DA06_OK) return fail("report");
  printf("framework: %lu tasks; report JSON: %lu bytes\n", (unsigned long)tasks, (unsigned long)report_len);
  if (tasks != 72 || report_len == 0 || report[0] != '{') status = 1;
  da06_string_free(report);

  /* 4. Errors are values: an invalid date is refused, never wrapped, and explained. */
  if (da06_date_from_ymd(2024, 2, 30, &bad_date) == DA06_OK) status = 1;
  printf("2024-02-30: %s: %s\n", da06_status_name(da06_error_last()->code), da06_error_last()->message);
  if (da06_error_last()->code != DA06_EINVAL) status = 1;
  if (da06_calendar_is_workday(NULL, &received, 1, NULL) != DA06_EINVAL) status = 1;

  da06_framework_free(fw);
  da06_calendar_free(cal);
  printf(status == 0 ? "ok\n" : "UNEXPECTED RESULT\n");
  return status;
}

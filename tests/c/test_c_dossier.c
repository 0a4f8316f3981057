/* tests/c/test_c_dossier.c — the dossier batch functions of the C ABI from C99: local and UTC seconds,
 * working days and hours, statuses, bad rows reported with their index and field, NULLs, options.
 * Prints one line per failed check and a closing "N passed, N failed". */
#include <da06/c/da06.h>

#include <stdio.h>
#include <string.h>

static int passed = 0, failed = 0;

#define CHECK(cond)                                                                            \
  do {                                                                                         \
    if (cond) {                                                                                \
      ++passed;                                                                                \
    } else {                                                                                   \
      ++failed;                                                                                \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s %s\n", __FILE__, __LINE__, #cond, \
              da06_status_name(da06_error_last()->code), da06_error_last()->message);          \
    }                                                                                          \
  } while (0)

/* Local seconds of a date and a time of day. */
static int64_t at(int y, int m, int d, int hh, int mm) {
  int32_t day = 0;
  if (da06_date_from_ymd(y, m, d, &day) != DA06_OK) return DA06_NO_TIME;
  return (int64_t)day * 86400 + hh * 3600 + mm * 60;
}

static int32_t day_of(int y, int m, int d) {
  int32_t day = 0;
  da06_date_from_ymd(y, m, d, &day);
  return day;
}

int main(void) {
  da06_calendar *cal = NULL;
  da06_dossier_engine *eng = NULL, *utc = NULL;
  da06_dossier_engine_options opts;
  int64_t rec[4], due_at[4], bad = -1, fin[4];
  int32_t lim[4] = {5, 5, -1, 4}, due_day[4];
  uint8_t unit[4] = {DA06_WORKING_DAYS, DA06_WORKING_DAYS, DA06_WORKING_DAYS, DA06_WORKING_HOURS}, state[4];

  CHECK(da06_calendar_vn_public(&cal) == DA06_OK);
  CHECK(da06_dossier_engine_new(&eng, cal, NULL) == DA06_OK && eng != NULL);

  rec[0] = at(2024, 4, 26, 10, 0);  /* Fri 26/4 10:00: due Tue 7/5 */
  rec[1] = at(2024, 4, 26, 16, 30); /* after the 15:00 cut-off: due Wed 8/5 */
  rec[2] = at(2024, 4, 26, 10, 0);  /* a negative limit: a bad row */
  rec[3] = at(2024, 4, 26, 16, 0);  /* 4 working hours: 1 h on Friday, 3 h on Thu 2/5 → 10:30 */
  CHECK(da06_dossier_due_batch(due_at, due_day, &bad, eng, rec, lim, unit, DA06_WORKING_DAYS, NULL, NULL, 4,
                               DA06_NO_TIME) == DA06_EDATA);
  CHECK(bad == 1);
  CHECK(da06_error_last()->index == 2);
  CHECK(strcmp(da06_error_last()->field, "time_limit") == 0);
  CHECK(due_day[0] == day_of(2024, 5, 7));
  CHECK(due_day[1] == day_of(2024, 5, 8));
  CHECK(due_at[2] == DA06_NO_TIME);
  CHECK(due_at[3] == at(2024, 5, 2, 10, 30));

  lim[2] = 5;
  CHECK(da06_dossier_due_batch(due_at, NULL, NULL, eng, rec, lim, unit, DA06_WORKING_DAYS, NULL, NULL, 4, DA06_NO_TIME) ==
        DA06_OK);
  CHECK(da06_error_last()->code == DA06_OK);

  fin[0] = at(2024, 5, 7, 16, 0);  /* on the due day */
  fin[1] = at(2024, 5, 6, 9, 0);   /* before */
  fin[2] = DA06_NO_TIME;           /* open */
  fin[3] = at(2024, 5, 2, 11, 0);  /* after 10:30 */
  CHECK(da06_dossier_status_batch(state, &bad, eng, rec, lim, unit, DA06_WORKING_DAYS, NULL, fin, NULL, NULL, NULL, 4,
                                  at(2024, 5, 20, 0, 0)) == DA06_OK);
  CHECK(bad == 0);
  CHECK(state[0] == DA06_STATE_ON_TIME);
  CHECK(state[1] == DA06_STATE_EARLY);
  CHECK(state[2] == DA06_STATE_OPEN_LATE);
  CHECK(state[3] == DA06_STATE_LATE);

  /* UTC input: 09:30Z is 16:30 in Vietnam, after the cut-off */
  CHECK(da06_dossier_engine_options_init(&opts, DA06_DOSSIER_ENGINE_OPTIONS_VERSION) == DA06_OK);
  CHECK(opts.cutoff_seconds == 54000 && opts.apply_cutoff == 1 && opts.utc_input == 0);
  opts.utc_input = 1;
  CHECK(da06_dossier_engine_new(&utc, cal, &opts) == DA06_OK);
  rec[0] = at(2024, 4, 26, 9, 30);
  CHECK(da06_dossier_due_batch(due_at, due_day, NULL, utc, rec, lim, NULL, DA06_WORKING_DAYS, NULL, NULL, 1,
                               DA06_NO_TIME) == DA06_OK);
  CHECK(due_day[0] == day_of(2024, 5, 8));
  CHECK(due_at[0] == at(2024, 5, 8, 23, 59) + 59 - 7 * 3600);
  da06_dossier_engine_free(utc);
  utc = NULL;

  /* errors: NULLs, bad options */
  CHECK(da06_dossier_due_batch(due_at, NULL, NULL, NULL, rec, lim, NULL, 0, NULL, NULL, 1, DA06_NO_TIME) == DA06_EINVAL);
  CHECK(da06_dossier_due_batch(due_at, NULL, NULL, eng, NULL, lim, NULL, 0, NULL, NULL, 1, DA06_NO_TIME) == DA06_EINVAL);
  CHECK(da06_dossier_due_batch(NULL, NULL, NULL, eng, NULL, NULL, NULL, 0, NULL, NULL, 0, DA06_NO_TIME) == DA06_OK);
  CHECK(da06_dossier_due_batch(due_at, NULL, NULL, eng, rec, lim, NULL, 7, NULL, NULL, 1, DA06_NO_TIME) == DA06_EINVAL);
  opts.version = 0;
  CHECK(da06_dossier_engine_new(&utc, cal, &opts) == DA06_EINVAL);
  CHECK(utc == NULL);
  {
    int32_t hours[2] = {17 * 3600, 8 * 3600}; /* closes before it opens */
    da06_dossier_engine *e2 = NULL;
    da06_dossier_engine_options o = DA06_DOSSIER_ENGINE_OPTIONS_INIT;
    o.office_hours = hours;
    o.office_hours_count = 1;
    CHECK(da06_dossier_engine_new(&e2, cal, &o) == DA06_EINVAL);
    CHECK(strstr(da06_error_last()->message, "office hours") != NULL);
    da06_dossier_engine_free(e2);
  }
  da06_dossier_engine_free(NULL);
  da06_dossier_engine_free(eng);
  da06_calendar_free(cal);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

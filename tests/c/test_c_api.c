/* tests/c/test_c_api.c — the C ABI from C99: results, errors, NULLs, ownership, options.
 * Compiled with -std=c99 -Wall -Wextra -pedantic -Werror. Usage: test_c_api SOURCE_DIR
 * Prints one line per failed check and a closing "N passed, N failed". */
#include <da06/c/da06.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0, failed = 0;
static const char *source_dir = ".";

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
#define CHECK_OK(call) CHECK((call) == DA06_OK)
#define CHECK_RC(call, rc) CHECK((call) == (rc))

static int32_t ymd(int y, int m, int d) {
  int32_t out = DA06_NO_DATE;
  if (da06_date_from_ymd(y, m, d, &out) != DA06_OK) {
    fprintf(stderr, "bad test date %d-%d-%d\n", y, m, d);
    exit(2);
  }
  return out;
}

static int32_t iso(const char *s) {
  int32_t out = DA06_NO_DATE;
  if (da06_date_parse_iso(s, strlen(s), &out) != DA06_OK) {
    fprintf(stderr, "bad test date %s\n", s);
    exit(2);
  }
  return out;
}

static void test_version(void) {
  CHECK(strcmp(da06_version(), DA06_VERSION_STRING) == 0);
  CHECK(da06_version_number() == DA06_VERSION_NUMBER);
  CHECK(strcmp(da06_status_name(DA06_EINVAL), "DA06_EINVAL") == 0);
  CHECK(strcmp(da06_status_name(12345), "DA06_E?") == 0);
}

static void test_dates(void) {
  int32_t d = 0, y = 0, m = 0, dd = 0;
  char buf[11];
  CHECK_OK(da06_date_from_ymd(1970, 1, 1, &d));
  CHECK(d == 0);
  CHECK_OK(da06_date_from_ymd(2024, 4, 26, &d));
  CHECK(d == 19839);
  CHECK(da06_error_last()->code == DA06_OK);
  CHECK_OK(da06_date_to_ymd(19839, &y, &m, &dd));
  CHECK(y == 2024 && m == 4 && dd == 26);
  CHECK_OK(da06_date_from_ymd(1899, 12, 31, &d));
  CHECK(d == -25568);
  CHECK_OK(da06_date_format_iso(d, buf, sizeof buf));
  CHECK(strcmp(buf, "1899-12-31") == 0);

  /* invalid dates are errors, never wrapped */
  d = 777;
  CHECK_RC(da06_date_from_ymd(2024, 2, 30, &d), DA06_EINVAL);
  CHECK(d == 777);
  CHECK(da06_error_last()->code == DA06_EINVAL);
  CHECK(strstr(da06_error_last()->message, "day 30 does not exist in 2024-02") != NULL);
  CHECK_RC(da06_date_from_ymd(2023, 2, 29, &d), DA06_EINVAL);
  CHECK_RC(da06_date_from_ymd(2024, 13, 1, &d), DA06_EINVAL);
  CHECK_RC(da06_date_from_ymd(2024, 0, 1, &d), DA06_EINVAL);
  CHECK_RC(da06_date_from_ymd(70000, 1, 1, &d), DA06_ERANGE);
  CHECK_RC(da06_date_from_ymd(-1, 1, 1, &d), DA06_ERANGE);
  CHECK_RC(da06_date_to_ymd(DA06_NO_DATE, &y, &m, &dd), DA06_ERANGE);
  CHECK_RC(da06_date_to_ymd(INT32_MAX, &y, &m, &dd), DA06_ERANGE);
  CHECK_RC(da06_date_parse_iso("2024-4-26", 9, &d), DA06_EPARSE);
  CHECK_RC(da06_date_parse_iso("2024-02-30", 10, &d), DA06_EINVAL);
  CHECK_RC(da06_date_format_iso(0, buf, 10), DA06_EINVAL);

  /* NULL where a pointer is required */
  CHECK_RC(da06_date_from_ymd(2024, 1, 1, NULL), DA06_EINVAL);
  CHECK(strstr(da06_error_last()->message, "out_days is NULL") != NULL);
  CHECK_RC(da06_date_to_ymd(0, NULL, &m, &dd), DA06_EINVAL);
  CHECK_RC(da06_date_parse_iso(NULL, 10, &d), DA06_EINVAL);

  /* a success resets the record */
  CHECK_OK(da06_date_from_ymd(2024, 1, 1, &d));
  CHECK(da06_error_last()->code == DA06_OK);
  CHECK(da06_error_last()->index == -1);
}

static void test_calendar(void) {
  da06_calendar *cal = NULL, *stat = NULL, *cal27 = NULL, *bad = NULL;
  int32_t from[3], to[3], out[3], nd[3];
  uint8_t w[3];
  const char *sched =
      "{\"year\": 2027, \"tet\": {\"from\": \"2027-02-05\", \"to\": \"2027-02-14\"}, \"swaps\": []}";
  const char *bad_sched = "{\"year\": 2027, \"tet\": {\"from\": \"2027-02-30\", \"to\": \"2027-03-01\"}}";

  CHECK_OK(da06_calendar_vn_public(&cal));
  CHECK(cal != NULL);
  CHECK_OK(da06_calendar_vn_statutory(&stat));
  {
    int prov = -1;
    CHECK_OK(da06_calendar_is_provisional(&prov, cal, 2024));
    CHECK(prov == 0); /* 2024's official schedule is built in */
    CHECK_OK(da06_calendar_is_provisional(&prov, cal, 2027));
    CHECK(prov == 1); /* none published yet: the statutory rules stand in */
    CHECK_OK(da06_calendar_is_provisional(&prov, stat, 2027));
    CHECK(prov == 0);
    CHECK_RC(da06_calendar_is_provisional(&prov, cal, 2200), DA06_ERANGE);
    CHECK_RC(da06_calendar_is_provisional(NULL, cal, 2024), DA06_EINVAL);
  }

  from[0] = ymd(2024, 1, 1);
  to[0] = ymd(2024, 12, 31);
  from[1] = ymd(2024, 5, 4); /* make-up Saturday: one working day */
  to[1] = ymd(2024, 5, 4);
  from[2] = to[0];
  to[2] = from[0]; /* reversed: negated */
  CHECK_OK(da06_calendar_workdays_between(cal, from, to, 3, out));
  CHECK(out[0] == 251);
  CHECK(out[1] == 1);
  CHECK(out[2] == -251);
  CHECK_OK(da06_calendar_workdays_between(stat, from, to, 2, out));
  CHECK(out[1] == 0); /* statutory-only: a plain Saturday */

  CHECK_OK(da06_calendar_busday_count(cal, from, to, 1, out));
  CHECK(out[0] == 250); /* [2024-01-01, 2024-12-31): 31/12 is a Tuesday */

  /* The canonical names (the C++ ones) give the same answers as the deprecated and numpy names. */
  {
    da06_calendar *pub = NULL;
    int32_t again[3];
    CHECK_OK(da06_calendar_vietnam_public(&pub));
    CHECK_OK(da06_calendar_count_workdays_closed(pub, from, to, 3, again));
    CHECK(again[0] == 251 && again[1] == 1 && again[2] == -251);
    CHECK_OK(da06_calendar_count_workdays_half_open(pub, from, to, 1, again));
    CHECK(again[0] == 250);
    CHECK_RC(da06_calendar_count_workdays_closed(pub, from, NULL, 3, again), DA06_EINVAL);
    CHECK(strstr(da06_error_last()->message, "da06_calendar_count_workdays_closed: to is NULL") != NULL);
    da06_calendar_free(pub);
    CHECK_OK(da06_calendar_vietnam_statutory(&pub));
    CHECK_OK(da06_calendar_count_workdays_closed(pub, from, to, 2, again));
    CHECK(again[1] == 0);
    da06_calendar_free(pub);
  }

  from[0] = ymd(2024, 4, 26);
  nd[0] = 3;
  from[1] = ymd(2024, 4, 27);
  nd[1] = 0; /* rolls forward: Sat 27/4 → Sun → 29/4 off → 30/4, 1/5 holidays → Thu 2/5 */
  from[2] = ymd(2024, 5, 2);
  nd[2] = -1;
  CHECK_OK(da06_calendar_add_workdays(cal, from, nd, 3, out));
  CHECK(out[0] == iso("2024-05-04"));
  CHECK(out[1] == iso("2024-05-02"));
  CHECK(out[2] == iso("2024-04-26"));

  from[0] = iso("2024-04-30");
  from[1] = iso("2024-05-04");
  from[2] = iso("2024-05-05");
  CHECK_OK(da06_calendar_is_workday(cal, from, 3, w));
  CHECK(w[0] == 0 && w[1] == 1 && w[2] == 0);

  CHECK_OK(da06_calendar_roll(cal, from, 3, DA06_ROLL_PRECEDING, out));
  CHECK(out[0] == iso("2024-04-26") && out[1] == from[1] && out[2] == from[1]);
  CHECK_RC(da06_calendar_roll(cal, from, 3, 7, out), DA06_EINVAL);

  /* n == 0 with NULL arrays is fine; NULL with n > 0 is not */
  CHECK_OK(da06_calendar_is_workday(cal, NULL, 0, NULL));
  CHECK_RC(da06_calendar_is_workday(cal, NULL, 3, w), DA06_EINVAL);
  CHECK_RC(da06_calendar_is_workday(NULL, from, 3, w), DA06_EINVAL);
  CHECK(strstr(da06_error_last()->message, "cal is NULL") != NULL);
  CHECK_RC(da06_calendar_workdays_between(cal, from, NULL, 3, out), DA06_EINVAL);

  /* out of range: the failing element is named by index */
  from[0] = iso("2024-01-01"); /* Tết Dương lịch */
  from[1] = iso("2024-01-02");
  from[2] = iso("1899-12-31");
  CHECK_RC(da06_calendar_is_workday(cal, from, 3, w), DA06_ERANGE);
  CHECK(da06_error_last()->index == 2);
  CHECK(strstr(da06_error_last()->message, "element 2") != NULL);
  CHECK(w[0] == 0 && w[1] == 1); /* the elements before it are written */
  to[0] = to[1] = to[2] = iso("2024-01-05");
  from[1] = DA06_NO_DATE;
  CHECK_RC(da06_calendar_workdays_between(cal, from, to, 3, out), DA06_ERANGE);
  CHECK(da06_error_last()->index == 1);
  from[0] = iso("2199-12-30");
  nd[0] = 5;
  CHECK_RC(da06_calendar_add_workdays(cal, from, nd, 1, out), DA06_ERANGE);
  CHECK(da06_error_last()->index == 0);

  /* derived calendars; the base is unchanged */
  CHECK_OK(da06_calendar_add_schedule_json(&cal27, cal, sched, strlen(sched)));
  from[0] = iso("2027-02-12"); /* a Friday after the statutory Tết days: off only in the schedule */
  CHECK_OK(da06_calendar_is_workday(cal27, from, 1, w));
  CHECK(w[0] == 0);
  CHECK_OK(da06_calendar_is_workday(cal, from, 1, w));
  CHECK(w[0] == 1);
  CHECK_RC(da06_calendar_add_schedule_json(&bad, cal, "{\"year\": 2027,", 14), DA06_EPARSE);
  CHECK(bad == NULL);
  CHECK_RC(da06_calendar_add_schedule_json(&bad, cal, bad_sched, strlen(bad_sched)), DA06_EDATA);
  CHECK(strstr(da06_error_last()->path, "tet") != NULL);
  CHECK(bad == NULL);

  {
    char *json = NULL;
    size_t len = 0;
    CHECK_OK(da06_calendar_holidays_json(cal, 2024, &json, &len));
    CHECK(json != NULL && len == strlen(json));
    CHECK(json && strstr(json, "\"date\":\"2024-05-04\"") != NULL);
    CHECK(json && strstr(json, "\"makeup_workday\"") != NULL);
    da06_string_free(json);
    CHECK_RC(da06_calendar_holidays_json(cal, 1800, &json, &len), DA06_ERANGE);
    CHECK(json == NULL);
  }

  da06_calendar_free(cal27);
  da06_calendar_free(stat);
  da06_calendar_free(cal);
  da06_calendar_free(NULL);
}

static void test_lunar_limits_periods(void) {
  da06_calendar *cal = NULL;
  int32_t ld = 0, lm = 0, ly = 0, d = 0, e = 0, nominal = 0, received = 0;
  int leap = -1, status = -1;
  da06_period p;
  da06_dossier_options opts = DA06_DOSSIER_OPTIONS_INIT;
  char *code = NULL;

  CHECK_OK(da06_calendar_vn_public(&cal));
  CHECK_OK(da06_lunar_from_solar(iso("2006-09-12"), &ld, &lm, &ly, &leap));
  CHECK(ld == 20 && lm == 7 && ly == 2006 && leap == 1);
  CHECK_OK(da06_lunar_to_solar(10, 3, 2025, 0, &d));
  CHECK(d == iso("2025-04-07"));
  CHECK_RC(da06_lunar_to_solar(10, 3, 2025, 1, &d), DA06_EINVAL); /* 2025 has no leap 3rd month */
  CHECK_OK(da06_lunar_tet(2025, &d));
  CHECK(d == iso("2025-01-29"));
  CHECK_RC(da06_lunar_from_solar(iso("1899-12-31"), &ld, &lm, &ly, &leap), DA06_ERANGE);
  CHECK_RC(da06_lunar_from_solar(0, &ld, &lm, NULL, &leap), DA06_EINVAL);

  CHECK_OK(da06_time_limit(cal, iso("2024-04-27"), 3, DA06_UNIT_DAY, &nominal, &e));
  CHECK(nominal == iso("2024-04-30") && e == iso("2024-05-02"));
  CHECK_RC(da06_time_limit(cal, iso("2024-04-27"), 3, 9, &nominal, &e), DA06_EINVAL);

  CHECK_OK(da06_dossier_due(cal, iso("2024-04-26"), 10 * 60, 3, NULL, &received, &d));
  CHECK(received == iso("2024-04-26") && d == iso("2024-05-04"));
  CHECK_OK(da06_dossier_due(cal, iso("2024-04-26"), 16 * 60, 3, &opts, &received, &d));
  CHECK(received > iso("2024-04-26")); /* after the 15:00 cut-off */
  opts.apply_cutoff = 0;
  CHECK_OK(da06_dossier_due(cal, iso("2024-04-26"), 16 * 60, 3, &opts, NULL, &d));
  CHECK(d == iso("2024-05-04"));
  CHECK_RC(da06_dossier_due(cal, iso("2024-04-26"), 24 * 60, 3, NULL, NULL, &d), DA06_EINVAL);
  opts.version = 0;
  CHECK_RC(da06_dossier_due(cal, iso("2024-04-26"), 600, 3, &opts, NULL, &d), DA06_EINVAL);
  opts.version = DA06_DOSSIER_OPTIONS_VERSION + 1;
  CHECK_RC(da06_dossier_due(cal, iso("2024-04-26"), 600, 3, &opts, NULL, &d), DA06_EINVAL);
  CHECK(strstr(da06_error_last()->message, "version") != NULL);
  CHECK_OK(da06_dossier_options_init(&opts, DA06_DOSSIER_OPTIONS_VERSION));
  CHECK(opts.version == 1 && opts.cutoff_hour == 15 && opts.apply_cutoff == 1);
  CHECK_RC(da06_dossier_options_init(&opts, 0), DA06_EINVAL);

  CHECK_OK(da06_dossier_status_of(cal, iso("2024-05-03"), iso("2024-05-06"), &status, &d));
  CHECK(status == DA06_DOSSIER_LATE && d == 2); /* Sat 4/5 (make-up) and Mon 6/5 */

  CHECK_OK(da06_period_parse("Quý II/2024", strlen("Quý II/2024"), 0, &p));
  CHECK(p.kind == DA06_PERIOD_QUARTER && p.year == 2024 && p.index == 2);
  CHECK_OK(da06_period_code(&p, &code, NULL));
  CHECK(code && strcmp(code, "2024-Q2") == 0);
  da06_string_free(code);
  CHECK_OK(da06_period_cutoff_window(&p, &d, &e));
  CHECK(d == iso("2024-03-15") && e == iso("2024-06-14"));
  CHECK_OK(da06_period_window(&p, &d, &e));
  CHECK(d == iso("2024-04-01") && e == iso("2024-06-30"));
  CHECK_OK(da06_period_submission_deadline(cal, &p, 3, &d));
  CHECK(d == iso("2024-06-19"));
  CHECK_OK(da06_period_parse("9 tháng đầu năm", strlen("9 tháng đầu năm"), 2024, &p));
  CHECK(p.kind == DA06_PERIOD_NINE_MONTHS && p.year == 2024);
  CHECK_RC(da06_period_parse("9 tháng đầu năm", strlen("9 tháng đầu năm"), 0, &p), DA06_EPARSE);
  CHECK_RC(da06_period_parse("Quý V/2024", strlen("Quý V/2024"), 0, &p), DA06_EPARSE);
  CHECK(da06_error_last()->column > 0);
  p.kind = DA06_PERIOD_QUARTER;
  p.index = 5;
  CHECK_RC(da06_period_code(&p, &code, NULL), DA06_EINVAL);
  CHECK(code == NULL);
  da06_calendar_free(cal);
}

static void test_deadlines(void) {
  da06_deadline d;
  da06_deadline_options o = DA06_DEADLINE_OPTIONS_INIT;
  const char *t1 = "Quý IV/2024";
  const char *t2 = "Trong năm 2024 và thực hiện thường xuyên";
  const char *t3 = "Khi có yêu cầu của Chính phủ, Bộ Công an";
  const char *t4 = "Quý II";
  char *json = NULL;

  CHECK_OK(da06_deadline_parse(t1, strlen(t1), &d));
  CHECK(d.due == iso("2024-12-31") && d.recurrence == 0 && d.kind == DA06_DEADLINE_PERIOD);
  CHECK(d.period.kind == DA06_PERIOD_QUARTER && d.period.year == 2024 && d.period.index == 4);
  CHECK_OK(da06_deadline_parse(t2, strlen(t2), &d));
  CHECK(d.kind == DA06_DEADLINE_MIXED && d.due == iso("2024-12-31") && d.start == iso("2024-01-01"));
  CHECK(d.recurrence == DA06_RECUR_CONTINUOUS);
  CHECK_OK(da06_deadline_parse(t3, strlen(t3), &d));
  CHECK(d.kind == DA06_DEADLINE_CONDITIONAL && d.due == DA06_NO_DATE && d.condition == DA06_COND_ON_REQUEST);
  CHECK_OK(da06_deadline_parse(t4, strlen(t4), &d));
  CHECK(d.kind == DA06_DEADLINE_UNKNOWN && d.due == DA06_NO_DATE && d.period.kind == -1);
  o.reference_year = 2024;
  CHECK_OK(da06_deadline_parse_ex(t4, strlen(t4), &o, &d));
  CHECK(d.due == iso("2024-06-30"));
  CHECK_OK(da06_deadline_parse("", 0, &d));
  CHECK(d.kind == DA06_DEADLINE_UNKNOWN);
  CHECK_OK(da06_deadline_parse(NULL, 0, &d));
  CHECK_RC(da06_deadline_parse(NULL, 3, &d), DA06_EINVAL);
  CHECK_RC(da06_deadline_parse(t1, strlen(t1), NULL), DA06_EINVAL);
  /* text that is not UTF-8 is a located error, never a crash nor an internal error */
  CHECK_RC(da06_deadline_parse("Qu\xff II/2024", 12, &d), DA06_EPARSE);
  CHECK(da06_error_last()->column == 3);
  CHECK_RC(da06_deadline_parse_json("Qu\xff II/2024", 12, NULL, &json, NULL), DA06_EPARSE);
  CHECK(json == NULL);
  CHECK_OK(da06_deadline_parse_json(t2, strlen(t2), NULL, &json, NULL));
  CHECK(json && strstr(json, "\"due\":\"2024-12-31\"") != NULL && strstr(json, "\"recurrence\":\"continuous\"") != NULL);
  da06_string_free(json);
  o.version = 99;
  CHECK_RC(da06_deadline_parse_ex(t4, strlen(t4), &o, &d), DA06_EINVAL);
  CHECK_OK(da06_deadline_options_init(&o, 1));
  CHECK(o.reference_year == 0);
}

static void test_numbers(void) {
  char *s = NULL;
  size_t len = 0;
  int64_t v = 0;
  int dec = -1;
  CHECK_OK(da06_format_vn_integer(1714, &s, &len));
  CHECK(s && strcmp(s, "1.714") == 0 && len == 5);
  da06_string_free(s);
  CHECK_OK(da06_format_vn_integer(INT64_MIN, &s, NULL));
  CHECK(s && strcmp(s, "-9.223.372.036.854.775.808") == 0);
  da06_string_free(s);
  CHECK_OK(da06_format_percent(990, 1714, 100, 1, DA06_ROUND_HALF_UP, &s, NULL));
  CHECK(s && strcmp(s, "57,8%") == 0);
  da06_string_free(s);
  CHECK_RC(da06_format_percent(1, 0, 100, 1, DA06_ROUND_HALF_UP, &s, NULL), DA06_EINVAL);
  CHECK(s == NULL);
  CHECK_RC(da06_format_percent(1, 2, 100, 1, 42, &s, NULL), DA06_EINVAL);
  CHECK_OK(da06_format_vn_decimal("78.25", 5, 1, DA06_ROUND_HALF_UP, &s, NULL));
  CHECK(s && strcmp(s, "78,3") == 0);
  da06_string_free(s);
  CHECK_OK(da06_format_vn_decimal("78.25", 5, 1, DA06_ROUND_HALF_EVEN, &s, NULL));
  CHECK(s && strcmp(s, "78,2") == 0);
  da06_string_free(s);
  CHECK_RC(da06_format_vn_decimal("78,25", 5, 1, DA06_ROUND_HALF_UP, &s, NULL), DA06_EPARSE);
  CHECK_OK(da06_parse_vn_integer("1.109.666", 9, &v));
  CHECK(v == 1109666);
  CHECK_RC(da06_parse_vn_integer("1.71", 4, &v), DA06_EPARSE);
  CHECK(da06_error_last()->column == 5); /* the text ends where a third digit is expected */
  CHECK_RC(da06_parse_vn_integer("99.999.999.999.999.999.999", 26, &v), DA06_ERANGE);
  CHECK_OK(da06_parse_vn_number("98,74%", 6, &s, &len, &dec));
  CHECK(s && strcmp(s, "98.74") == 0 && dec == 2);
  da06_string_free(s);
  CHECK_OK(da06_parse_vn_number("9,293 tỷ đồng", strlen("9,293 tỷ đồng"), &s, NULL, NULL));
  CHECK(s && strcmp(s, "9.293") == 0);
  da06_string_free(s);
}

static void test_framework(void) {
  da06_framework *fw = NULL, *bad = NULL;
  size_t n = 0, i = 0;
  const char *text = NULL;
  size_t len = 0;
  int32_t num = 0, d = 0;
  char path[4096];
  char *json = NULL;
  int rc;

  CHECK_OK(da06_framework_default(&fw));
  CHECK_OK(da06_framework_task_count(fw, &n));
  CHECK(n == 72);
  CHECK_OK(da06_framework_task_text(fw, 0, DA06_TASK_TITLE, &text, &len));
  CHECK(text != NULL && len > 0 && strlen(text) == len);
  CHECK_OK(da06_framework_task_number(fw, 0, &num));
  CHECK(num == 1);
  CHECK_OK(da06_framework_task_text(fw, 71, DA06_TASK_ID, &text, &len));
  {
    char id[64];
    size_t k = len < sizeof id - 1 ? len : sizeof id - 1;
    memcpy(id, text, k);
    id[k] = '\0';
    CHECK_OK(da06_framework_task_find(fw, id, strlen(id), &i));
    CHECK(i == 71);
  }
  CHECK_RC(da06_framework_task_find(fw, "nope", 4, &i), DA06_ENOTFOUND);
  CHECK_RC(da06_framework_task_text(fw, 72, DA06_TASK_ID, &text, &len), DA06_ENOTFOUND);
  CHECK_RC(da06_framework_task_text(fw, 0, 99, &text, &len), DA06_EINVAL);
  CHECK_OK(da06_framework_indicator_count(fw, &n));
  CHECK(n > 0);
  CHECK_OK(da06_framework_indicator_text(fw, 0, DA06_IND_KIND, &text, NULL));
  CHECK(text != NULL && strlen(text) > 0);
  CHECK_OK(da06_framework_target_count(fw, &n));
  CHECK(n > 0);
  CHECK_OK(da06_framework_target_text(fw, 0, DA06_TARGET_COMPARATOR, &text, NULL));
  CHECK(text != NULL && strlen(text) > 0);
  CHECK_OK(da06_framework_text(fw, DA06_FW_PERIOD_CODE, &text, NULL));
  CHECK(strcmp(text, "2024-S1") == 0);
  CHECK_OK(da06_framework_report_date(fw, &d));
  CHECK(d == iso("2024-06-28"));

  CHECK_OK(da06_report_json(fw, DA06_NO_DATE, &json, &len));
  CHECK(json != NULL && json[0] == '{' && strlen(json) == len);
  da06_string_free(json);
  CHECK_RC(da06_report_json(fw, -1000000 /* about 768 BCE: outside 1400..9999 */, &json, &len), DA06_ERANGE);
  CHECK(json == NULL);

  /* the summary's charts: an SVG element, "" when there is nothing to draw, EINVAL for an unknown name */
  CHECK_OK(da06_report_chart_svg(&json, &len, fw, DA06_NO_DATE, "status_by_group"));
  CHECK(json != NULL && strncmp(json, "<svg xmlns=", 11) == 0 && strlen(json) == len);
  CHECK(strstr(json, "<script") == NULL);
  da06_string_free(json);
  CHECK_OK(da06_report_chart_svg(&json, &len, fw, DA06_NO_DATE, "index"));
  CHECK(json != NULL && len == 0 && json[0] == '\0');
  da06_string_free(json);
  CHECK_RC(da06_report_chart_svg(&json, &len, fw, DA06_NO_DATE, "pie"), DA06_EINVAL);
  CHECK(json == NULL);
  CHECK_RC(da06_report_chart_svg(&json, &len, fw, DA06_NO_DATE, NULL), DA06_EINVAL);

  rc = da06_audit_json(fw, &json, &len);
  CHECK(rc == DA06_OK);
  CHECK(json != NULL && json[0] == '{');
  da06_string_free(json);

  /* load errors are located */
  CHECK_RC(da06_framework_load_file(&bad, "/nonexistent/da06.json"), DA06_EIO);
  CHECK(bad == NULL);
  snprintf(path, sizeof path, "%s/tests/data/bad/feb30.json", source_dir);
  CHECK_RC(da06_framework_load_file(&bad, path), DA06_EDATA);
  CHECK(bad == NULL);
  CHECK(da06_error_last()->line == 5);
  CHECK(da06_error_last()->column > 50); /* at the date text */
  CHECK(strcmp(da06_error_last()->path, "$.observations[0].as_of") == 0);
  CHECK(strstr(da06_error_last()->file, "feb30.json") != NULL);
  snprintf(path, sizeof path, "%s/examples/data/minimal.json", source_dir);
  CHECK_OK(da06_framework_load_file(&bad, path));
  da06_framework_free(bad);
  bad = NULL;
  CHECK_RC(da06_framework_load_json(&bad, "{", 1, "mem.json"), DA06_EDATA);
  CHECK(strcmp(da06_error_last()->file, "mem.json") == 0);
  CHECK_RC(da06_framework_load_file(&bad, NULL), DA06_EINVAL);
  CHECK_RC(da06_framework_task_count(NULL, &n), DA06_EINVAL);
  CHECK_RC(da06_report_json(NULL, DA06_NO_DATE, &json, NULL), DA06_EINVAL);
  CHECK_RC(da06_report_json(fw, DA06_NO_DATE, NULL, NULL), DA06_EINVAL);

  da06_framework_free(fw);
  da06_framework_free(NULL);
}

static void test_units_aggregate(void) {
  da06_framework *fw = NULL;
  const da06_units *units = NULL, *again = NULL;
  da06_units *loaded = NULL;
  da06_aggregate_result *res = NULL;
  size_t n = 0, g = 0;
  int32_t province = -1, any = -1;
  const char *text = NULL;

  CHECK_OK(da06_framework_default(&fw));
  CHECK_OK(da06_framework_units(fw, &units));
  CHECK_OK(da06_framework_units(fw, &again));
  CHECK(units != NULL && units == again);
  CHECK_OK(da06_units_count(units, &n));
  CHECK(n > 1);
  if (n > 1) {
    int32_t u[2], ind[2] = {0, 0}, per[2] = {0, 0}, anc[2];
    int64_t num[2] = {3, 4}, den[2] = {10, 10}, onum[4], oden[4], rows[4];
    int32_t ounit[4];
    double ratio[4];
    CHECK_OK(da06_units_text(units, 0, DA06_UNIT_LEVEL, &text, NULL));
    /* two rows of the last unit, rolled up to the province */
    u[0] = u[1] = (int32_t)(n - 1);
    CHECK_OK(da06_units_ancestor(units, u, 2, "province", iso("2024-06-30"), anc));
    province = anc[0];
    CHECK(province >= 0);
    CHECK_OK(da06_aggregate(units, u, ind, per, num, den, 2, "province", iso("2024-06-30"), &res));
    CHECK_OK(da06_aggregate_result_size(res, &g));
    CHECK(g == 1);
    CHECK_OK(da06_aggregate_result_columns(res, ounit, NULL, NULL, onum, oden, rows, ratio));
    CHECK(ounit[0] == province && onum[0] == 7 && oden[0] == 20 && rows[0] == 2);
    CHECK(fabs(ratio[0] - 0.35) < 1e-12);
    da06_aggregate_result_free(res);
    res = NULL;
    num[1] = -1; /* a negative count is refused, naming the row */
    CHECK_RC(da06_aggregate(units, u, ind, per, num, den, 2, "province", iso("2024-06-30"), &res), DA06_EINVAL);
    CHECK(da06_error_last()->index == 1);
    CHECK(res == NULL);
    CHECK_RC(da06_aggregate(units, u, ind, per, num, den, 2, "planet", iso("2024-06-30"), &res), DA06_EINVAL);
    /* da06_units_aggregate: *out first, the level as a da06_level */
    num[1] = 4;
    CHECK_OK(da06_units_aggregate(&res, units, u, ind, per, num, den, 2, DA06_LEVEL_PROVINCE, iso("2024-06-30")));
    CHECK_OK(da06_aggregate_result_size(res, &g));
    CHECK(g == 1);
    CHECK_OK(da06_aggregate_result_columns(res, ounit, NULL, NULL, onum, oden, rows, ratio));
    CHECK(ounit[0] == province && onum[0] == 7 && oden[0] == 20 && rows[0] == 2);
    da06_aggregate_result_free(res);
    res = NULL;
    CHECK_RC(da06_units_aggregate(&res, units, u, ind, per, num, den, 2, 7, iso("2024-06-30")), DA06_EINVAL);
    CHECK(res == NULL);
    CHECK_RC(da06_units_aggregate(&res, units, u, ind, per, num, den, 2, -1, iso("2024-06-30")), DA06_EINVAL);
    CHECK_OK(da06_units_text(units, n - 1, DA06_UNIT_ID, &text, NULL));
    CHECK_OK(da06_units_find(units, text, strlen(text), &any));
    CHECK(any == (int32_t)(n - 1));
    CHECK_RC(da06_units_find(units, "no-such-unit", 12, &any), DA06_ENOTFOUND);
  }
  CHECK_RC(da06_units_load_file(&loaded, "/nonexistent/units.csv"), DA06_EIO);
  CHECK(loaded == NULL);
  da06_units_free(NULL);
  da06_aggregate_result_free(NULL);
  da06_framework_free(fw);
}

int main(int argc, char **argv) {
  if (argc > 1) source_dir = argv[1];
  test_version();
  test_dates();
  test_calendar();
  test_lunar_limits_periods();
  test_deadlines();
  test_numbers();
  test_framework();
  test_units_aggregate();
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

/* da06/c/da06.h — the stable C ABI of da06 (libda06): calendar, deadlines, framework, report.
 *
 * C99, usable from C++, and from any FFI (Java/JNA, .NET P/Invoke, PHP FFI, Python ctypes).
 * Full reference with an example per function: docs/c-api.md. What may change: docs/api-stability.md.
 *
 * Conventions (the same for every function below; each doc comment states only its exceptions):
 *
 *   Errors     Every function that can fail returns an int status: DA06_OK (0) or a negative
 *              da06_status code. On failure da06_error_last() describes it (message, and file,
 *              line, column, JSON path, field and batch index when known). Every call that
 *              returns a status first resets the record to DA06_OK, so after a success
 *              da06_error_last()->code == DA06_OK. Output parameters are written only on
 *              success, unless a function says otherwise (batches: see "Batches"); handle
 *              and string outputs (`T **out`) are set to NULL on failure, so freeing them
 *              unconditionally is safe.
 *   NULL       A NULL where a pointer is required returns DA06_EINVAL; it never crashes.
 *              Every *_free(NULL) is a harmless no-op.
 *   Exceptions No C++ exception ever leaves the library: each function is an exception firewall.
 *   Ownership  Handles (da06_calendar, da06_framework, da06_units, da06_aggregate_result) are
 *              allocated by the library and freed with their own *_free. Strings the library
 *              returns through `char **out` are NUL-terminated UTF-8, their length (in bytes,
 *              without the NUL) is given too, and they are freed with da06_string_free.
 *              Strings returned through `const char **out` are borrowed: they live as long as
 *              the handle they came from and must not be freed.
 *   Strings in Input text is UTF-8 with an explicit length in bytes (it need not be
 *              NUL-terminated and may contain no NUL). Text that is not UTF-8, or holds a
 *              NUL, is DA06_EPARSE with the byte's column; a document (framework or
 *              schedule JSON) reports it by line and column. File paths are NUL-terminated.
 *   Dates      A date is an int32_t number of days since 1970-01-01 (numpy datetime64[D],
 *              Java LocalDate.toEpochDay(), .NET DateOnly.DayNumber - 719162).
 *              DA06_NO_DATE (INT32_MIN) means "no date". Calendar functions support
 *              1900-01-01 .. 2199-12-31; outside that they return DA06_ERANGE, never wrap.
 *   Batches    Hot paths take arrays: input pointers plus one length n, and caller-allocated
 *              output arrays of length n. n == 0 is valid (array pointers may then be NULL).
 *              On an error in element i, da06_error_last()->index is i, the outputs before i
 *              are written and the rest are unspecified.
 *   Threads    Handles are immutable after creation: any number of threads may use one
 *              calendar, framework or units handle at the same time without locks. A handle
 *              must not be freed while another thread uses it. The error record is per thread.
 *   Options    Option structs start with `unsigned version`. Initialise them with their _INIT
 *              macro or *_options_init(); the library accepts 0 < version <= the version it was
 *              built with, and reads only the fields of that version.
 */
#ifndef DA06_C_DA06_H
#define DA06_C_DA06_H

#include <stddef.h>
#include <stdint.h>

/* --- export ----------------------------------------------------------------------------------- */

/* DA06_API marks the exported functions. Define DA06_STATIC before including this header when
 * linking the static library (libda06_c.a) on Windows; elsewhere it is harmless. */
#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(DA06_STATIC)
#    define DA06_API
#  elif defined(DA06_C_BUILDING)
#    define DA06_API __declspec(dllexport)
#  else
#    define DA06_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define DA06_API __attribute__((visibility("default")))
#else
#  define DA06_API
#endif

#if defined(__GNUC__) && !defined(DA06_C_BUILDING)
#  define DA06_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#  define DA06_DEPRECATED(msg)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* --- version ---------------------------------------------------------------------------------- */

/* The version of the headers (the project version). Identical to da06/version.hpp. */
#define DA06_VERSION_MAJOR 0
#define DA06_VERSION_MINOR 1
#define DA06_VERSION_PATCH 0
#define DA06_VERSION_NUMBER (DA06_VERSION_MAJOR * 10000 + DA06_VERSION_MINOR * 100 + DA06_VERSION_PATCH)
#define DA06_VERSION_STRING "0.1.0"

/* The ABI generation of this header: the N of the SONAME libda06.so.N. It changes only when a
 * release breaks binary compatibility (docs/api-stability.md), independently of the version. */
#define DA06_ABI_VERSION 1

/* The library's version text, "0.1.0". Never NULL, static storage. Thread-safe, cannot fail.
 * Compare with DA06_VERSION_STRING to detect a header/library mismatch:
 *     if (da06_version_number() != DA06_VERSION_NUMBER) warn("da06 header/library mismatch"); */
DA06_API const char *da06_version(void);
/* The library's DA06_VERSION_NUMBER (major * 10000 + minor * 100 + patch). Thread-safe. */
DA06_API int da06_version_number(void);

/* --- errors ----------------------------------------------------------------------------------- */

/* Status codes. Every failing function returns one of the negative values. New codes may be
 * added in a minor release; treat an unknown negative code like DA06_EINTERNAL. */
typedef enum da06_status {
  DA06_OK = 0,
  DA06_EINVAL = -1,    /* an invalid argument: NULL pointer, bad enum value, bad option version */
  DA06_ERANGE = -2,    /* a value outside the supported range (a date outside 1900..2199, overflow) */
  DA06_EPARSE = -3,    /* text that does not follow its grammar (JSON syntax, a date, a period code) */
  DA06_EDATA = -4,     /* well-formed input whose content is wrong (a framework file with errors) */
  DA06_EIO = -5,       /* a file that cannot be read */
  DA06_ENOMEM = -6,    /* out of memory */
  DA06_ENOTFOUND = -7, /* no such id or index */
  DA06_ENOTIMPL = -8,  /* not implemented in this build */
  DA06_EINTERNAL = -99 /* a bug: an unexpected internal error (please report it) */
} da06_status;

/* The last error of the calling thread. Owned by the library (thread-local storage); valid until
 * the next da06 call on the same thread. All pointers are non-NULL ("" when unknown); numbers are
 * 0 (line, column) or -1 (index) when unknown. New fields may be appended in a minor release
 * (the caller never allocates this struct). */
typedef struct da06_error {
  int code;             /* a da06_status; DA06_OK when the last call succeeded */
  const char *message;  /* English, UTF-8; the full message including the location */
  const char *file;     /* the file or buffer name the error is about ("<string>" for buffers) */
  int line;             /* 1-based line in `file` */
  int column;           /* 1-based byte column in `file` (or in the text argument) */
  const char *path;     /* a JSON path such as "$.tasks[3].deadline_text" */
  const char *field;    /* the field the message is about, e.g. "denominator" */
  int64_t index;        /* the batch element that failed, -1 when not a batch error */
} da06_error;

/* The calling thread's last error. Never NULL, never fails, thread-safe (each thread has its own
 * record). Does not reset the record.
 *     if (da06_calendar_vietnam_public(&cal) != DA06_OK) fprintf(stderr, "%s\n", da06_error_last()->message); */
DA06_API const da06_error *da06_error_last(void);

/* A static English name of a status code: "DA06_EINVAL". Never NULL ("DA06_E?" for an unknown
 * code). Thread-safe, does not touch the error record. */
DA06_API const char *da06_status_name(int code);

/* Frees a string returned by the library through `char **out`. NULL is a no-op. Thread-safe. */
DA06_API void da06_string_free(char *s);

/* --- dates ------------------------------------------------------------------------------------ */

/* "No date": an optional date that is absent. */
#define DA06_NO_DATE INT32_MIN

/* Days since 1970-01-01 of a Gregorian date. Accepts 1400-01-01 .. 9999-12-31; an invalid date
 * (2024-02-30, month 13) is DA06_EINVAL and a year outside 1400..9999 DA06_ERANGE — nothing wraps.
 *     int32_t d; da06_date_from_ymd(2024, 4, 26, &d);   // d == 19839 */
DA06_API int da06_date_from_ymd(int32_t year, int32_t month, int32_t day, int32_t *out_days);

/* The Gregorian year, month (1..12) and day (1..31) of a day number. DA06_ERANGE outside
 * 1400-01-01 .. 9999-12-31 (and for DA06_NO_DATE). Every output pointer is required. */
DA06_API int da06_date_to_ymd(int32_t days, int32_t *year, int32_t *month, int32_t *day);

/* Parses an ISO date "YYYY-MM-DD" (exactly 10 bytes). DA06_EPARSE for other text, DA06_EINVAL
 * for a date that does not exist. */
DA06_API int da06_date_parse_iso(const char *text, size_t len, int32_t *out_days);

/* Writes "YYYY-MM-DD" and a NUL into buf, which must hold at least 11 bytes (DA06_EINVAL if
 * buf_size < 11). DA06_ERANGE outside 1400..9999. */
DA06_API int da06_date_format_iso(int32_t days, char *buf, size_t buf_size);

/* --- calendar --------------------------------------------------------------------------------- */

/* An immutable working-day calendar (Vietnamese public sector). Thread-safe to share. */
typedef struct da06_calendar da06_calendar;

/* The public-sector calendar: the statutory holidays (Labour Code art. 112) plus the official
 * yearly schedules (Tết breaks, swapped days, make-up Saturdays). Free with da06_calendar_free.
 * Cheap: every handle shares one table. */
DA06_API int da06_calendar_vietnam_public(da06_calendar **out);

/* The statutory rules only, without the yearly schedules (no swaps, no make-up Saturdays). */
DA06_API int da06_calendar_vietnam_statutory(da06_calendar **out);

/* Deprecated names of da06_calendar_vietnam_public and da06_calendar_vietnam_statutory (the same
 * functions; kept while libda06.so.1 lasts, docs/api-stability.md). */
DA06_API int da06_calendar_vn_public(da06_calendar **out);
DA06_API int da06_calendar_vn_statutory(da06_calendar **out);

/* A new calendar: `base` plus the schedules and/or rules of a JSON document (one schedule object,
 * an array of them, or {"rules": [...], "schedules": [...]}; see docs/calendar.md). `base` is
 * unchanged. DA06_EPARSE / DA06_EDATA with the JSON path and field in da06_error_last(). */
DA06_API int da06_calendar_add_schedule_json(da06_calendar **out, const da06_calendar *base, const char *json,
                                             size_t len);

/* Frees a calendar. NULL is a no-op. Other handles (copies, derived calendars) stay valid. */
DA06_API void da06_calendar_free(da06_calendar *cal);

/* *out = 1 when results in `year` are provisional: the calendar follows official yearly schedules
 * but has none for `year`, so its days off come from the statutory rules alone until a schedule is
 * published (da06_calendar_vietnam_public in 2027 and later today); 0 otherwise (always 0 for
 * da06_calendar_vietnam_statutory). A year outside 1900..2199 is DA06_ERANGE. */
DA06_API int da06_calendar_is_provisional(int *out, const da06_calendar *cal, int32_t year);

/* out[i] = 1 when days[i] is a working day, else 0. Batch (see "Batches"). */
DA06_API int da06_calendar_is_workday(const da06_calendar *cal, const int32_t *days, size_t n, uint8_t *out);

/* Closed interval: out[i] = the number of working days d with from[i] <= d <= to[i].
 * When from[i] > to[i], out[i] = -(working days d with to[i] <= d <= from[i]).
 *     int32_t a, b, n; da06_date_from_ymd(2024,1,1,&a); da06_date_from_ymd(2024,12,31,&b);
 *     da06_calendar_count_workdays_closed(cal, &a, &b, 1, &n);   // n == 251 */
DA06_API int da06_calendar_count_workdays_closed(const da06_calendar *cal, const int32_t *from, const int32_t *to,
                                                 size_t n, int32_t *out);

/* Half-open interval, exactly numpy.busday_count: working days d with begin[i] <= d < end[i].
 * When begin[i] > end[i] the result is negative and, like numpy, counts begin and not end:
 * -(working days d with end[i] < d <= begin[i]). */
DA06_API int da06_calendar_count_workdays_half_open(const da06_calendar *cal, const int32_t *begin,
                                                    const int32_t *end, size_t n, int32_t *out);

/* da06_calendar_busday_count: the same as da06_calendar_count_workdays_half_open, under numpy's name
 * (kept). da06_calendar_workdays_between: the deprecated name of da06_calendar_count_workdays_closed. */
DA06_API int da06_calendar_busday_count(const da06_calendar *cal, const int32_t *begin, const int32_t *end,
                                        size_t n, int32_t *out);
DA06_API int da06_calendar_workdays_between(const da06_calendar *cal, const int32_t *from, const int32_t *to,
                                            size_t n, int32_t *out);

/* out[i] = the n_days[i]-th working day after from[i] (from[i] itself not counted); n_days[i] = 0
 * rolls forward (the first working day >= from[i]); n_days[i] < 0 counts backwards.
 * DA06_ERANGE when a result would leave 1900..2199. */
DA06_API int da06_calendar_add_workdays(const da06_calendar *cal, const int32_t *from, const int32_t *n_days,
                                        size_t n, int32_t *out);

/* How da06_calendar_roll moves a day that is not a working day. */
typedef enum da06_roll {
  DA06_ROLL_FOLLOWING = 0,          /* the first working day >= d */
  DA06_ROLL_PRECEDING = 1,          /* the last working day <= d */
  DA06_ROLL_MODIFIED_FOLLOWING = 2  /* following, unless that leaves d's month; then preceding */
} da06_roll;

/* out[i] = days[i] rolled to a working day by `convention` (a da06_roll). Batch. */
DA06_API int da06_calendar_roll(const da06_calendar *cal, const int32_t *days, size_t n, int convention,
                                int32_t *out);

/* The holidays of a year as a JSON array, sorted by date:
 *   [{"date": "2024-04-18", "name": "Giỗ Tổ Hùng Vương", "kind": "statutory", "day_off": true}, ...]
 * kinds: statutory, compensatory, swap_day_off, makeup_workday (day_off false), schedule_extra.
 * Free *out with da06_string_free. DA06_ERANGE outside 1900..2199. out_len may be NULL. */
DA06_API int da06_calendar_holidays_json(const da06_calendar *cal, int32_t year, char **out, size_t *out_len);

/* --- lunar calendar (âm lịch, UTC+7) ---------------------------------------------------------- */

/* The Vietnamese lunar date of a solar day: day 1..30, month 1..12, lunar year (the solar year
 * of that year's Tết), leap = 1 in an intercalary month. Supports 1900-01-01 .. 2199-12-31.
 *     da06_lunar_from_solar(days_of_2006_09_12, &d, &m, &y, &leap);   // 20, 7, 2006, 1 */
DA06_API int da06_lunar_from_solar(int32_t days, int32_t *lunar_day, int32_t *lunar_month, int32_t *lunar_year,
                                   int *leap);

/* The solar day of a lunar date. DA06_EINVAL when that lunar date does not exist (day 30 of a
 * 29-day month, leap for a month that is not leap), DA06_ERANGE outside lunar years 1899..2199. */
DA06_API int da06_lunar_to_solar(int32_t lunar_day, int32_t lunar_month, int32_t lunar_year, int leap,
                                 int32_t *out_days);

/* Tết Nguyên Đán (1/1 lunar) of a solar year 1900..2199. */
DA06_API int da06_lunar_tet(int32_t year, int32_t *out_days);

/* --- time limits and dossiers (Bộ luật Dân sự 2015 art. 144-148; Nghị định 61/2018) ----------- */

/* Units of a time limit. */
typedef enum da06_time_unit {
  DA06_UNIT_DAY = 0,
  DA06_UNIT_WEEK = 1,
  DA06_UNIT_MONTH = 2,
  DA06_UNIT_YEAR = 3
} da06_time_unit;

/* The end of a time limit of `count` `unit`s (a da06_time_unit) starting after event_day (not
 * counted). *out_nominal_end is the Gregorian last day; *out_end is that day rolled forward to a
 * working day of `cal` (art. 148). out_nominal_end may be NULL.
 *     27/4/2024 + 3 days: nominal 30/4 (holiday) → end 2/5/2024 */
DA06_API int da06_time_limit(const da06_calendar *cal, int32_t event_day, int32_t count, int unit,
                             int32_t *out_nominal_end, int32_t *out_end);

#define DA06_DOSSIER_OPTIONS_VERSION 1
/* Options of da06_dossier_due. */
typedef struct da06_dossier_options {
  unsigned version;   /* DA06_DOSSIER_OPTIONS_VERSION */
  int cutoff_hour;    /* a dossier received strictly after cutoff_hour:cutoff_minute counts as */
  int cutoff_minute;  /* received the next working day (default 15:00) */
  int apply_cutoff;   /* 0: ignore the cut-off time (default 1) */
} da06_dossier_options;
#define DA06_DOSSIER_OPTIONS_INIT {DA06_DOSSIER_OPTIONS_VERSION, 15, 0, 1}

/* Fills *opts with the defaults of `version` (0 < version <= DA06_DOSSIER_OPTIONS_VERSION). */
DA06_API int da06_dossier_options_init(da06_dossier_options *opts, unsigned version);

/* The promised return date (ngày hẹn trả) of a dossier received on `received_day` at
 * `received_minute` minutes after local midnight (0..1439), with a processing time of
 * `working_days` (>= 0) working days counted from the working day after the (effective) receipt
 * day. `opts` may be NULL (defaults). *out_received (may be NULL) is the working day the dossier
 * counts as received on.
 *     received Fri 26/4/2024 10:00, 3 working days → due Sat 4/5/2024 (a make-up Saturday) */
DA06_API int da06_dossier_due(const da06_calendar *cal, int32_t received_day, int32_t received_minute,
                              int32_t working_days, const da06_dossier_options *opts, int32_t *out_received,
                              int32_t *out_due);

/* Outcome of a dossier against its promised date. */
typedef enum da06_dossier_status {
  DA06_DOSSIER_EARLY = 0,   /* trước hạn */
  DA06_DOSSIER_ON_TIME = 1, /* đúng hạn */
  DA06_DOSSIER_LATE = 2     /* quá hạn */
} da06_dossier_status;

/* Compares the return day with the promised day. *out_status is a da06_dossier_status;
 * *out_working_days (may be NULL) is how many working days early or late (0 when on time). */
DA06_API int da06_dossier_status_of(const da06_calendar *cal, int32_t promised, int32_t returned, int *out_status,
                                    int32_t *out_working_days);

/* --- reporting periods ------------------------------------------------------------------------ */

typedef enum da06_period_kind {
  DA06_PERIOD_YEAR = 0,        /* "2024" */
  DA06_PERIOD_HALF_YEAR = 1,   /* "2024-S1" */
  DA06_PERIOD_NINE_MONTHS = 2, /* "2024-9M" */
  DA06_PERIOD_QUARTER = 3,     /* "2024-Q2" */
  DA06_PERIOD_MONTH = 4        /* "2024-M06" */
} da06_period_kind;

/* A reporting period: kind (a da06_period_kind), year, and 1-based index within the year
 * (1 for a year and nine months, 1-2 halves, 1-4 quarters, 1-12 months). A plain value. */
typedef struct da06_period {
  int kind;
  int32_t year;
  int32_t index;
} da06_period;

/* Parses a period code ("2024-Q2") or a Vietnamese phrase ("Quý II/2024", "6 tháng đầu năm 2024",
 * "tháng 5/2024"). A phrase without a year uses default_year (0 = none: then DA06_EPARSE).
 * DA06_EPARSE with the 1-based byte column in da06_error_last()->column. */
DA06_API int da06_period_parse(const char *text, size_t len, int32_t default_year, da06_period *out);

/* The period's code ("2024-Q2"); free *out with da06_string_free. out_len may be NULL.
 * DA06_EINVAL for a period that does not exist (bad kind or index). */
DA06_API int da06_period_code(const da06_period *period, char **out, size_t *out_len);

/* The calendar days of the period, closed: [*first, *last]. */
DA06_API int da06_period_window(const da06_period *period, int32_t *first, int32_t *last);

/* The data cut-off window of Nghị định 09/2019, art. 12, closed: 2024-Q2 → [15/3, 14/6/2024]. */
DA06_API int da06_period_cutoff_window(const da06_period *period, int32_t *first, int32_t *last);

/* The report due day: the cut-off window's last day plus n_working_days (>= 0) working days. */
DA06_API int da06_period_submission_deadline(const da06_calendar *cal, const da06_period *period,
                                             int32_t n_working_days, int32_t *out_days);

/* --- deadlines ("Thời gian hoàn thành") ------------------------------------------------------- */

typedef enum da06_deadline_kind {
  DA06_DEADLINE_DATE = 0,        /* an explicit day: "trước ngày 30/6/2024" */
  DA06_DEADLINE_PERIOD = 1,      /* a period or span: "Quý IV/2024" */
  DA06_DEADLINE_CONTINUOUS = 2,  /* recurring work only: "Thường xuyên" */
  DA06_DEADLINE_CONDITIONAL = 3, /* a condition only: "Khi có yêu cầu của ..." */
  DA06_DEADLINE_MIXED = 4,       /* two or more of the above */
  DA06_DEADLINE_UNKNOWN = 5      /* not understood: nothing is guessed */
} da06_deadline_kind;

typedef enum da06_recurrence {
  DA06_RECUR_NONE = 0,
  DA06_RECUR_CONTINUOUS = 1, /* "Thường xuyên" */
  DA06_RECUR_MONTHLY = 2,    /* "Hằng tháng" */
  DA06_RECUR_QUARTERLY = 3,  /* "Hằng quý" */
  DA06_RECUR_YEARLY = 4      /* "Hằng năm" */
} da06_recurrence;

typedef enum da06_condition {
  DA06_COND_NONE = 0,
  DA06_COND_ON_REQUEST = 1,  /* "Khi có yêu cầu của ..." */
  DA06_COND_ON_GUIDANCE = 2, /* "Theo hướng dẫn của ..." */
  DA06_COND_PER_ROADMAP = 3, /* "Theo lộ trình của ..." */
  DA06_COND_ON_EVENT = 4     /* "Khi có phát sinh": done when a case arises */
} da06_condition;

/* A free-text deadline read into structure. Caller-allocated; its layout is frozen for ABI 1
 * (new information comes through new functions, e.g. da06_deadline_parse_json). */
typedef struct da06_deadline {
  int32_t due;           /* the last day (included), DA06_NO_DATE when none */
  int32_t start;         /* the first day when the text implies one, else DA06_NO_DATE */
  int kind;              /* a da06_deadline_kind */
  int recurrence;        /* a da06_recurrence; 0 = not recurring */
  int condition;         /* a da06_condition */
  int strictly_before;   /* 1 for "trước ngày X": due is X, a strict reading ends the day before */
  int tentative;         /* 1 for "dự kiến" */
  int aspirational;      /* 1 for "phấn đấu" */
  da06_period period;    /* the single period the dates came from; period.kind == -1 when none */
  int32_t threshold_count; /* how many targets ("đạt từ 70% trở lên") the text states */
} da06_deadline;

#define DA06_DEADLINE_OPTIONS_VERSION 1
/* Options of da06_deadline_parse_ex. */
typedef struct da06_deadline_options {
  unsigned version;        /* DA06_DEADLINE_OPTIONS_VERSION */
  int32_t reference_year;  /* the plan's year, for texts without one ("Quý II"); 0 = none */
} da06_deadline_options;
#define DA06_DEADLINE_OPTIONS_INIT {DA06_DEADLINE_OPTIONS_VERSION, 0}

/* Fills *opts with the defaults of `version` (0 < version <= DA06_DEADLINE_OPTIONS_VERSION). */
DA06_API int da06_deadline_options_init(da06_deadline_options *opts, unsigned version);

/* Reads a Vietnamese deadline text. Text that is not understood is not an error: it returns
 * DA06_OK with out->kind == DA06_DEADLINE_UNKNOWN and out->due == DA06_NO_DATE (never a guess).
 * out->recurrence != 0 when the work recurs. Errors: DA06_EINVAL (NULL text with len > 0, NULL out).
 *     da06_deadline d; da06_deadline_parse("Quý IV/2024", strlen("Quý IV/2024"), &d);  // d.due = 2024-12-31 */
DA06_API int da06_deadline_parse(const char *text, size_t len, da06_deadline *out);

/* da06_deadline_parse with options (opts may be NULL). */
DA06_API int da06_deadline_parse_ex(const char *text, size_t len, const da06_deadline_options *opts,
                                    da06_deadline *out);

/* Everything the parser found, as compact JSON: the document of `da06 deadline parse --json`
 * ({"text", "kind", "due", "start", "period", "strictly_before", "recurrence", "recurring_day",
 * "condition", "authority", "reference", "tentative", "aspirational", "thresholds": [...],
 * "phases": [...], "notes": [...],
 * "matched": [...], "diagnostics": [...], "description"}). Dates are ISO text or null; absent texts
 * are null. opts may be NULL. Free *out with da06_string_free; out_len may be NULL. */
DA06_API int da06_deadline_parse_json(const char *text, size_t len, const da06_deadline_options *opts, char **out,
                                      size_t *out_len);

/* --- Vietnamese numbers ----------------------------------------------------------------------- */

/* Rounding modes, named as in Python's decimal module. */
typedef enum da06_rounding {
  DA06_ROUND_HALF_UP = 0,       /* ties away from zero: what the reports use */
  DA06_ROUND_HALF_EVEN = 1,
  DA06_ROUND_HALF_DOWN = 2,
  DA06_ROUND_FLOOR = 3,
  DA06_ROUND_CEILING = 4,
  DA06_ROUND_TOWARD_ZERO = 5,
  DA06_ROUND_AWAY_FROM_ZERO = 6
} da06_rounding;

/* An integer with '.' thousands separators: 1714 → "1.714", -2573 → "-2.573".
 * Free *out with da06_string_free; out_len may be NULL. */
DA06_API int da06_format_vn_integer(int64_t value, char **out, size_t *out_len);

/* factor × numerator ÷ denominator rounded once to `decimals` (0..20) with `rounding` (a
 * da06_rounding), with a decimal comma and '%': (990, 1714, 100, 1, HALF_UP) → "57,8%".
 * DA06_EINVAL for a zero denominator. */
DA06_API int da06_format_percent(int64_t numerator, int64_t denominator, int64_t factor, int decimals,
                                 int rounding, char **out, size_t *out_len);

/* A plain exact decimal ("9.293", "-12") rounded to `decimals` and printed the Vietnamese way:
 * ("78.25", 1, HALF_UP) → "78,3"; ("1714", 0) → "1.714". DA06_EPARSE for text that is not a
 * plain decimal. */
DA06_API int da06_format_vn_decimal(const char *decimal, size_t len, int decimals, int rounding, char **out,
                                    size_t *out_len);

/* Parses a Vietnamese integer ("1.109.666", "2573", "-03"). DA06_EPARSE (column set) for other
 * text, including decimals and units; DA06_ERANGE beyond int64. Never guesses: "1.71" is an error. */
DA06_API int da06_parse_vn_integer(const char *text, size_t len, int64_t *out);

/* Parses any Vietnamese number ("98,74%", "9,293 tỷ đồng", "1.714") into its exact value as a
 * plain decimal string ("98.74", "9.293", "1714"; percentages stay in percent units, money in the
 * printed unit). *out_decimals (may be NULL) is the number of digits printed after ','.
 * Free *out with da06_string_free. */
DA06_API int da06_parse_vn_number(const char *text, size_t len, char **out, size_t *out_len, int *out_decimals);

/* --- framework -------------------------------------------------------------------------------- */

/* An immutable, loaded Đề án 06 framework (tasks, indicators, observations, targets, units). */
typedef struct da06_framework da06_framework;

/* The dataset compiled into the library: Thanh Hóa, H1/2024 (Báo cáo 137/BC-UBND). Parsed once
 * per process and shared; each call returns a new handle to free with da06_framework_free. */
DA06_API int da06_framework_default(da06_framework **out);

/* Loads a framework file (JSON with comments, docs/data-format.md). A file with any error is
 * DA06_EDATA, and da06_error_last() locates the first error (file, line, column, path, field;
 * the message counts the others); an unreadable file is DA06_EIO. Use `da06 validate` for the list. */
DA06_API int da06_framework_load_file(da06_framework **out, const char *path);

/* Same, from a buffer; `name` (NUL-terminated, may be NULL → "<string>") is used in locations. */
DA06_API int da06_framework_load_json(da06_framework **out, const char *json, size_t len, const char *name);

/* Frees a framework handle. NULL is a no-op. Borrowed strings from it become invalid. */
DA06_API void da06_framework_free(da06_framework *fw);

/* Text fields of the framework itself. */
typedef enum da06_framework_field {
  DA06_FW_ID = 0,
  DA06_FW_TITLE = 1,
  DA06_FW_PROVINCE = 2,
  DA06_FW_PERIOD_CODE = 3,   /* "2024-S1" */
  DA06_FW_PERIOD_TEXT = 4,   /* "06 tháng đầu năm 2024" */
  DA06_FW_REPORT_NUMBER = 5, /* "137/BC-UBND" */
  DA06_FW_REPORT_TITLE = 6,
  DA06_FW_PLAN_NUMBER = 7,
  DA06_FW_PLAN_TITLE = 8
} da06_framework_field;

/* A borrowed text field (UTF-8, NUL-terminated, *out_len bytes; "" when empty). Valid while fw
 * lives. out_len may be NULL. DA06_EINVAL for an unknown field. */
DA06_API int da06_framework_text(const da06_framework *fw, int field, const char **out, size_t *out_len);

/* The report's date, DA06_NO_DATE when the file has none. */
DA06_API int da06_framework_report_date(const da06_framework *fw, int32_t *out_days);

/* Number of tasks (nhiệm vụ): 72 for the embedded dataset. */
DA06_API int da06_framework_task_count(const da06_framework *fw, size_t *out);

/* Text fields of a task (verbatim from the plan). */
typedef enum da06_task_field {
  DA06_TASK_ID = 0,
  DA06_TASK_GROUP = 1,          /* the task group id */
  DA06_TASK_TITLE = 2,
  DA06_TASK_LEAD = 3,           /* lead units, ';'-separated as printed */
  DA06_TASK_COORDINATING = 4,
  DA06_TASK_DEADLINE_TEXT = 5,  /* feed to da06_deadline_parse */
  DA06_TASK_PROGRESS_TEXT = 6,
  DA06_TASK_UTILITY_GROUP = 7
} da06_task_field;

/* A borrowed text field of task i (0 <= i < task count; else DA06_ENOTFOUND). */
DA06_API int da06_framework_task_text(const da06_framework *fw, size_t i, int field, const char **out,
                                      size_t *out_len);
/* The task's number as printed in the plan (1-based). */
DA06_API int da06_framework_task_number(const da06_framework *fw, size_t i, int32_t *out);
/* The index of the task with this id; DA06_ENOTFOUND when there is none. */
DA06_API int da06_framework_task_find(const da06_framework *fw, const char *id, size_t len, size_t *out_index);

/* Number of indicators. */
DA06_API int da06_framework_indicator_count(const da06_framework *fw, size_t *out);

/* Text fields of an indicator; enumerations come as their data-format names. */
typedef enum da06_indicator_field {
  DA06_IND_ID = 0,
  DA06_IND_NAME = 1,
  DA06_IND_UNIT = 2,
  DA06_IND_KIND = 3,          /* "ratio", "count", "money", "rank", "boolean", "value" */
  DA06_IND_DIRECTION = 4,     /* "higher", "lower", "none" */
  DA06_IND_AGGREGATION = 5,   /* "ratio_of_sums", "sum", "min", "max", "none" */
  DA06_IND_ROUNDING = 6,      /* a da06_rounding name, "half_up" */
  DA06_IND_UTILITY_GROUP = 7
} da06_indicator_field;

/* A borrowed text field of indicator i. */
DA06_API int da06_framework_indicator_text(const da06_framework *fw, size_t i, int field, const char **out,
                                           size_t *out_len);
/* The display factor (100 for a percentage) and decimals of indicator i. Either may be NULL. */
DA06_API int da06_framework_indicator_format(const da06_framework *fw, size_t i, int64_t *factor, int *decimals);
/* The index of the indicator with this id; DA06_ENOTFOUND when there is none. */
DA06_API int da06_framework_indicator_find(const da06_framework *fw, const char *id, size_t len,
                                           size_t *out_index);

/* Number of targets. */
DA06_API int da06_framework_target_count(const da06_framework *fw, size_t *out);

/* Text fields of a target. */
typedef enum da06_target_field {
  DA06_TARGET_ID = 0,
  DA06_TARGET_INDICATOR = 1,   /* indicator id */
  DA06_TARGET_TASK = 2,        /* task id, may be "" */
  DA06_TARGET_COMPARATOR = 3,  /* ">=", "<=", "=", ">", "<", "top" */
  DA06_TARGET_THRESHOLD = 4,   /* exact decimal in display units: "90" for 90 % */
  DA06_TARGET_SCOPE_UNIT = 5,  /* unit id, may be "" */
  DA06_TARGET_PUBLISHED = 6,   /* the text as printed */
  DA06_TARGET_NOTE = 7
} da06_target_field;

/* A borrowed text field of target i. */
DA06_API int da06_framework_target_text(const da06_framework *fw, size_t i, int field, const char **out,
                                        size_t *out_len);
/* The effective day and deadline of target i (DA06_NO_DATE when absent). Either may be NULL. */
DA06_API int da06_framework_target_dates(const da06_framework *fw, size_t i, int32_t *effective, int32_t *deadline);

/* The framework's report as JSON, byte-identical to `da06 report --json [--as-of DATE]` (without
 * the final newline the CLI prints). as_of == DA06_NO_DATE uses the report's own date.
 * Free *out with da06_string_free; out_len may be NULL. */
DA06_API int da06_report_json(const da06_framework *fw, int32_t as_of, char **out, size_t *out_len);

/* One chart of the report's summary as an SVG element (UTF-8, no script, nothing to fetch), the same
 * text as `da06 report --chart NAME`: chart is "headline", "status_by_group", "target_gaps" or "index".
 * *out is "" (length 0) when the chart has nothing to draw (no date, no tasks, no target with data).
 * DA06_EINVAL for an unknown chart name. Free *out with da06_string_free; out_len may be NULL. */
DA06_API int da06_report_chart_svg(char **out, size_t *out_len, const da06_framework *fw, int32_t as_of,
                                   const char *chart);

/* The framework's audit findings as JSON, byte-identical to `da06 audit --json` (without the
 * final newline). Free *out with da06_string_free; out_len may be NULL. */
DA06_API int da06_audit_json(const da06_framework *fw, char **out, size_t *out_len);

/* What changed from report `earlier` to report `later` as JSON, byte-identical to
 * `da06 diff EARLIER LATER --json [--as-of DATE] [--mapping MAP.csv]` (without the final newline).
 * as_of == DA06_NO_DATE uses the later report's date. mapping_csv (NULL: none) is the text of a reform
 * mapping table `old_id,new_id,share` (docs/series.md); a bad table is DA06_EDATA with the located
 * error. Both reports need a report date, the later one after the earlier. Free *out with
 * da06_string_free; out_len may be NULL. */
DA06_API int da06_series_diff_json(char **out, size_t *out_len, const da06_framework *earlier,
                                   const da06_framework *later, int32_t as_of, const char *mapping_csv);

/* --- units and aggregation -------------------------------------------------------------------- */

/* An immutable, dated hierarchy of organisational units (nation, province, district, commune,
 * village). Units are addressed by a dense index 0 .. count-1 (file order). Every query takes a
 * date, because the tree changes over time (the 2025 reform ended every district on 2025-06-30). */
typedef struct da06_units da06_units;

/* Administrative levels, from the top (the C++ da06::Level). */
typedef enum da06_level {
  DA06_LEVEL_NATION = 0,
  DA06_LEVEL_PROVINCE = 1,
  DA06_LEVEL_DISTRICT = 2,
  DA06_LEVEL_COMMUNE = 3,
  DA06_LEVEL_VILLAGE = 4
} da06_level;

/* Loads units from a file: CSV with the header `id,parent,level,valid_from,valid_to`, or JSON (a
 * framework file's `units`, or a bare array of units). A file with any invalid unit is DA06_EDATA
 * and da06_error_last() locates the first error (the message counts the others); an unreadable
 * file is DA06_EIO. Free with da06_units_free. */
DA06_API int da06_units_load_file(da06_units **out, const char *path);

/* The units of a framework, borrowed: valid while fw lives; never free them. Built on the first
 * call (thread-safe: concurrent first calls build it once). */
DA06_API int da06_framework_units(const da06_framework *fw, const da06_units **out);

/* Frees units from da06_units_load_file. NULL is a no-op. Never pass borrowed units. */
DA06_API void da06_units_free(da06_units *units);

/* Number of units; unit indices are 0 .. count-1. */
DA06_API int da06_units_count(const da06_units *units, size_t *out);

/* Text fields of a unit. */
typedef enum da06_unit_field {
  DA06_UNIT_ID = 0,
  DA06_UNIT_NAME = 1,
  DA06_UNIT_LEVEL = 2, /* "nation", "province", "district", "commune", "village" */
  DA06_UNIT_KIND = 3   /* "tỉnh", "huyện", "xã", "phường", ... */
} da06_unit_field;

/* A borrowed text field of unit i (DA06_ENOTFOUND when i >= count). */
DA06_API int da06_units_text(const da06_units *units, size_t i, int field, const char **out, size_t *out_len);

/* The index of the unit with this id; DA06_ENOTFOUND when there is none. */
DA06_API int da06_units_find(const da06_units *units, const char *id, size_t len, int32_t *out_index);

/* Batch: out[i] = the index of unit[i]'s ancestor at `level` ("province", ...) on day as_of (the
 * unit itself when it is at that level), or -1 when it has none then (a district in 2026). */
DA06_API int da06_units_ancestor(const da06_units *units, const int32_t *unit, size_t n, const char *level,
                                 int32_t as_of, int32_t *out);

/* The result of an aggregation: one group per (ancestor unit, indicator, period) with at least one
 * row, ordered by unit index, then indicator, then period. Immutable. */
typedef struct da06_aggregate_result da06_aggregate_result;

/* Rolls observations up the hierarchy. Row i is (unit[i] a unit index, indicator[i] and period[i]
 * dense codes 0..k-1 of the caller's choosing, numerator[i] >= 0, denominator[i] >= 0). Each row
 * goes to its unit's ancestor at `to_level` (a da06_level) on day as_of; numerators and denominators are summed
 * separately and exactly (the ratio of sums, never an average of percentages). The arrays are
 * read, not kept. A bad row (negative code or count, unit index out of range) is DA06_EINVAL with
 * da06_error_last()->index = that row. Rows of units without an ancestor at the level on as_of are
 * not lost: they are listed by da06_aggregate_result_dropped. Free *out with da06_aggregate_result_free. */
DA06_API int da06_units_aggregate(da06_aggregate_result **out, const da06_units *units, const int32_t *unit,
                                  const int32_t *indicator, const int32_t *period, const int64_t *numerator,
                                  const int64_t *denominator, size_t n, int to_level, int32_t as_of);

/* Deprecated form of da06_units_aggregate: the level as text ("province") and *out last. */
DA06_API int da06_aggregate(const da06_units *units, const int32_t *unit, const int32_t *indicator,
                            const int32_t *period, const int64_t *numerator, const int64_t *denominator, size_t n,
                            const char *to_level, int32_t as_of, da06_aggregate_result **out);

/* Number of groups of a result. */
DA06_API int da06_aggregate_result_size(const da06_aggregate_result *res, size_t *out);

/* Copies the result's columns into caller-allocated arrays of da06_aggregate_result_size() elements:
 * the ancestor unit index, indicator and period codes, Σnumerator, Σdenominator, the number of rows
 * summed, and Σnumerator/Σdenominator as the nearest double (NaN when Σdenominator is 0; for plots
 * only: the exact value is the two sums). Any pointer may be NULL to skip that column.
 * DA06_ERANGE when numerator or denominator is asked for and a sum does not fit in int64
 * (then use da06_aggregate_result_sums_text). */
DA06_API int da06_aggregate_result_columns(const da06_aggregate_result *res, int32_t *unit, int32_t *indicator,
                                           int32_t *period, int64_t *numerator, int64_t *denominator, int64_t *rows,
                                           double *ratio);

/* The exact sums of group g as decimal integer text (any size). Free both with da06_string_free;
 * the lengths may be NULL. */
DA06_API int da06_aggregate_result_sums_text(const da06_aggregate_result *res, size_t g, char **numerator,
                                             size_t *numerator_len, char **denominator, size_t *denominator_len);

/* Why a unit's rows were not aggregated. */
typedef enum da06_ancestor_status {
  DA06_ANCESTOR_FOUND = 0,
  DA06_ANCESTOR_UNIT_NOT_VALID = 1,   /* the unit does not exist on the date */
  DA06_ANCESTOR_LEVEL_ABOVE = 2,      /* the unit is above the level */
  DA06_ANCESTOR_NO_PARENT = 3,        /* the chain ends before the level */
  DA06_ANCESTOR_PARENT_NOT_VALID = 4, /* a parent does not exist on the date */
  DA06_ANCESTOR_SKIPPED_LEVEL = 5     /* the chain jumps over the level */
} da06_ancestor_status;

/* Number of units whose rows could not be placed under an ancestor. */
DA06_API int da06_aggregate_result_dropped_count(const da06_aggregate_result *res, size_t *out);

/* Dropped unit i: its index, the reason (a da06_ancestor_status), and how many rows it had.
 * Any output may be NULL. */
DA06_API int da06_aggregate_result_dropped(const da06_aggregate_result *res, size_t i, int32_t *unit, int *reason,
                                           int64_t *rows);

/* Frees a result. NULL is a no-op. */
DA06_API void da06_aggregate_result_free(da06_aggregate_result *res);

/* --- dossiers in batches ---------------------------------------------------------------------- */

/* Times of dossiers are int64_t seconds since 1970-01-01 00:00 in Vietnam's civil time (a naive
 * numpy datetime64[s] of local times; Asia/Ho_Chi_Minh is UTC+07:00), or UTC epoch seconds when the
 * engine's options say utc_input = 1. DA06_NO_TIME (INT64_MIN, numpy's NaT) means "no time". */
#define DA06_NO_TIME INT64_MIN

/* What a processing time counts. */
typedef enum da06_limit_unit {
  DA06_WORKING_DAYS = 0,  /* counted from the working day after the (effective) receipt day */
  DA06_WORKING_HOURS = 1  /* office hours from the receipt (or the next opening) */
} da06_limit_unit;

/* Status of a dossier as of a moment. */
typedef enum da06_dossier_state {
  DA06_STATE_EARLY = 0,     /* finished before the due day (trước hạn) */
  DA06_STATE_ON_TIME = 1,   /* finished on the due day, by the due moment (đúng hạn) */
  DA06_STATE_LATE = 2,      /* finished after the due moment (quá hạn) */
  DA06_STATE_OPEN = 3,      /* not finished, not past due */
  DA06_STATE_OPEN_LATE = 4, /* not finished, past due */
  DA06_STATE_INVALID = 255  /* a bad row, or received after the moment */
} da06_dossier_state;

#define DA06_DOSSIER_ENGINE_OPTIONS_VERSION 1
/* Options of da06_dossier_engine_new. */
typedef struct da06_dossier_engine_options {
  unsigned version;                     /* DA06_DOSSIER_ENGINE_OPTIONS_VERSION */
  int32_t cutoff_seconds;               /* intake cut-off, seconds after midnight (default 54000 = 15:00) */
  int apply_cutoff;                     /* 0: no cut-off (default 1) */
  int cutoff_in_working_hours;          /* 1: the cut-off applies to limits in hours too (default 0) */
  int deduct_pauses;                    /* 1: supplementation pauses do not count (default 1) */
  int repeated_supplementation_is_late; /* 1: more than one supplementation request = late (default 0) */
  int utc_input;                        /* 1: input and output times are UTC epoch seconds (default 0) */
  const int32_t *office_hours;          /* office_hours_count (open, close) pairs in seconds after midnight; */
  size_t office_hours_count;            /* NULL/0: 07:30-11:30 and 13:00-17:00 */
} da06_dossier_engine_options;
#define DA06_DOSSIER_ENGINE_OPTIONS_INIT {DA06_DOSSIER_ENGINE_OPTIONS_VERSION, 54000, 1, 0, 1, 0, 0, NULL, 0}

/* Fills *opts with the defaults of `version`. */
DA06_API int da06_dossier_engine_options_init(da06_dossier_engine_options *opts, unsigned version);

/* An immutable engine over a calendar: it indexes the calendar's working days once (about a
 * millisecond); then every row costs O(1). Share it between threads freely. */
typedef struct da06_dossier_engine da06_dossier_engine;

/* A new engine. `opts` may be NULL (defaults). Bad office hours or cut-off: DA06_EINVAL. */
DA06_API int da06_dossier_engine_new(da06_dossier_engine **out, const da06_calendar *cal,
                                     const da06_dossier_engine_options *opts);
/* Frees an engine. NULL is a no-op. */
DA06_API void da06_dossier_engine_free(da06_dossier_engine *engine);

/* Due moments of n dossiers: out_due_at[i] (the moment the limit ends: 23:59:59 of the due day for
 * working days) and out_due_day[i] (days since 1970-01-01; may be NULL). received_at and time_limit
 * are required; limit_unit (da06_limit_unit per row; NULL: every row `default_unit`), pause_start
 * and pause_end (a supplementation pause; DA06_NO_TIME in pause_end: still paused at `as_of`) may be
 * NULL. Bad rows do not stop the batch: their outputs are DA06_NO_TIME / INT32_MIN, *out_bad_rows
 * (may be NULL) counts them, and the function returns DA06_EDATA with da06_error_last() naming the
 * first bad row (index, field); every output is written. Otherwise DA06_OK.
 *     received Fri 26/4/2024 16:30 local, 5 working days -> due day 2024-05-08 (after the 15:00 cut-off) */
DA06_API int da06_dossier_due_batch(int64_t *out_due_at, int32_t *out_due_day, int64_t *out_bad_rows,
                                    const da06_dossier_engine *engine, const int64_t *received_at,
                                    const int32_t *time_limit, const uint8_t *limit_unit, int default_unit,
                                    const int64_t *pause_start, const int64_t *pause_end, size_t n, int64_t as_of);

/* Status (da06_dossier_state) of n dossiers as of `as_of`. finished_at (DA06_NO_TIME: open), due_at
 * (a recorded promised day, compared by day), the pauses and supplement_requests may be NULL. A
 * dossier finished after as_of is open. Bad rows: as da06_dossier_due_batch (state DA06_STATE_INVALID). */
DA06_API int da06_dossier_status_batch(uint8_t *out_state, int64_t *out_bad_rows, const da06_dossier_engine *engine,
                                       const int64_t *received_at, const int32_t *time_limit,
                                       const uint8_t *limit_unit, int default_unit, const int64_t *due_at,
                                       const int64_t *finished_at, const int64_t *pause_start,
                                       const int64_t *pause_end, const int32_t *supplement_requests, size_t n,
                                       int64_t as_of);

#ifdef __cplusplus
}
#endif

#endif /* DA06_C_DA06_H */

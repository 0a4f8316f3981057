// da06/status.hpp — each task's status as of a date, from its deadline and its progress text, with the deciding phrases.
//
// The progress column of Appendix I ("Đánh giá tiến độ: Đã và đang thực hiện thường xuyên …") is read
// with a small table of phrase rules (docs/task-status.md), accent-insensitively; the deadline column
// is read by `parse_deadline`. Nothing is guessed: a progress text that matches no rule is `unknown`.
//
//   auto fw  = da06::default_framework();
//   auto cal = da06::Calendar::vietnam_public();
//   auto rep = da06::task_status_report(fw, boost::gregorian::date(2024, 6, 28), cal);
//   for (const da06::TaskStatus& s : rep.tasks)
//     std::cout << s.task << ' ' << da06::to_string(s.status) << ' ' << s.reason << '\n';
//   // T02 overdue "Đang thực hiện": under way; due 2024-03-31 ("Quý I/2024"), rolled to 2024-04-01; passed, 61 working days late
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "da06/calendar.hpp"
#include "da06/deadline.hpp"
#include "da06/model.hpp"

namespace da06 {
inline namespace v1 {

/// A task's status as of a date. Values added after the first eight are appended, so that no value
/// ever changes its number; `status_display_order` gives the order to show them in.
enum class Status : std::uint8_t {
  done,             ///< the text says the work is complete ("Đã hoàn thành", "Đã thực hiện")
  done_maintained,  ///< recurring work that is being done ("Đã và đang thực hiện thường xuyên", …)
  in_progress,      ///< being done, and its due date (if any) is more than `due_soon_workdays` away
  due_soon,         ///< being done or not started, due within `due_soon_workdays` working days
  overdue,          ///< being done or not started, and the (rolled) due date has passed
  waiting,          ///< waits on central guidance, ministries or a request ("đang chờ Bộ triển khai")
  not_started,      ///< "Chưa thực hiện" with no reason given, not yet due soon
  unknown,          ///< the progress text gives no basis; nothing is guessed
  done_late,        ///< the text says the work was completed after its deadline ("Đã hoàn thành quá hạn")
  blank,            ///< the progress cell is empty (an empty cell says nothing; it is not `unknown` text)
};
inline constexpr std::size_t status_count = 10;

/// The statuses in display order: done, done_maintained, done_late, in_progress, due_soon, overdue,
/// waiting, not_started, unknown, blank.
inline constexpr std::array<Status, status_count> status_display_order = {
    Status::done,    Status::done_maintained, Status::done_late,   Status::in_progress, Status::due_soon,
    Status::overdue, Status::waiting,         Status::not_started, Status::unknown,     Status::blank};

/// "done", "done_maintained", "in_progress", "due_soon", "overdue", "waiting", "not_started", "unknown",
/// "done_late", "blank".
std::string_view to_string(Status s) noexcept;
/// The inverse of to_string; nullopt for anything else.
std::optional<Status> parse_status(std::string_view s) noexcept;

/// A phrase that decided a status, as a byte span [begin, end) of one of the task's text fields.
struct DecidingPhrase {
  std::string field;  ///< "progress_text" or "deadline_text"
  std::string role;   ///< progress: the rule id ("waiting", "done_maintained", "regular", …);
                      ///< deadline: the Match field ("due", "due,start", "recurrence", "condition")
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;   ///< the original bytes [begin, end)
  bool operator==(const DecidingPhrase&) const = default;
};

/// How to classify.
struct StatusOptions {
  /// `due_soon` when 0 ≤ working days left ≤ this. Must be ≥ 0.
  int due_soon_workdays = 10;
  /// Roll a due date that is not a working day to the next working day (Bộ luật Dân sự 2015, Điều 148;
  /// docs/DOMAIN.md §4). With false the due date is compared as printed.
  bool roll_due_to_workday = true;
  /// The year for deadline texts without one ("Quý II"). `classify_tasks` fills it from the
  /// framework (period code, else plan date, else report date) when it is empty.
  std::optional<int> reference_year;
};

/// One task's status and why.
struct TaskStatus {
  std::string task;   ///< Task id, e.g. "T02"
  int number = 0;     ///< the row number as printed
  std::string group;  ///< TaskGroup id
  Status status = Status::unknown;
  Deadline deadline;  ///< the parsed deadline text
  std::optional<Date> due;            ///< the deadline's last day as parsed
  std::optional<Date> effective_due;  ///< `due`, rolled to a working day when the options say so
  std::optional<Date> start;
  Recurrence recurrence = Recurrence::none;
  /// Working days d with as_of < d ≤ effective_due (≥ 0), or −(working days d with
  /// effective_due < d ≤ as_of) when the due date has passed (≤ 0; 0 only on a non-working as-of
  /// day right after the due date). Empty without a due date.
  std::optional<int> workdays_left;
  bool past_due = false;           ///< effective_due < as_of
  bool past_due_not_done = false;  ///< past_due and the text says the work is not done (open, waiting, not started)
  std::vector<DecidingPhrase> deciding_phrases;
  std::string reason;  ///< one line, English with the Vietnamese phrases quoted
};

/// Counts per task group.
struct GroupStatusCounts {
  std::string group;  ///< TaskGroup id ("" for tasks whose group is missing from the framework)
  std::string number;  ///< Roman numeral as printed
  std::string title;
  int total = 0;
  std::array<int, status_count> by_status{};  ///< indexed by Status
};

/// A count the report claims about its tasks beside ours. Never forced to agree.
struct ClaimComparison {
  std::string claim;      ///< Claim id
  std::string status;     ///< the claim's status ("done_and_maintained", "waiting_for_ministries", "planned")
  std::string published;  ///< the report's words
  std::int64_t claimed = 0;
  std::vector<Status> statuses;     ///< ours that the claim maps to; empty when the claim's status has no mapping
  std::optional<std::int64_t> ours;        ///< Σ of those statuses; empty when unmapped
  std::optional<std::int64_t> difference;  ///< ours − claimed
};

/// Totals of a classification.
struct StatusSummary {
  Date as_of;
  int due_soon_workdays = 10;
  int total = 0;
  std::array<int, status_count> by_status{};  ///< indexed by Status
  std::vector<GroupStatusCounts> by_group;      ///< in the framework's group order
  std::vector<ClaimComparison> claims;          ///< every Claim whose subject is "tasks"
  std::vector<std::string> past_due_not_done;   ///< task ids, in task order
  std::vector<std::string> overdue;             ///< task ids with status overdue

  int count(Status s) const { return by_status[static_cast<std::size_t>(s)]; }
};

/// Everything `da06 tasks` prints.
struct StatusReport {
  std::vector<TaskStatus> tasks;
  StatusSummary summary;
  /// The years whose working days these results counted on without an official schedule
  /// (`Calendar::is_provisional`): a published schedule may still move a day off, and with it a
  /// working-day count or a rolled due date. Ascending; empty when every count is final.
  std::vector<int> provisional_years;
};

/// Classifies one task. `opts.reference_year` is used as is (nothing is read from a framework).
///
///     da06::Task t; t.id = "X"; t.deadline_text = "Quý I/2024"; t.progress_text = "Đang thực hiện.";
///     classify_task(t, date(2024, 6, 28), cal, {}).status   // Status::overdue
TaskStatus classify_task(const Task& task, Date as_of, const Calendar& calendar, const StatusOptions& opts = {});

/// Classifies every task of the framework, in task order.
std::vector<TaskStatus> classify_tasks(const Framework& fw, Date as_of, const Calendar& calendar,
                                       const StatusOptions& opts = {});

/// Counts by status and group, the report's own task claims beside ours, and the flagged tasks.
StatusSummary summarize_status(const Framework& fw, const std::vector<TaskStatus>& statuses, Date as_of,
                               const StatusOptions& opts = {});

/// classify_tasks + summarize_status.
StatusReport task_status_report(const Framework& fw, Date as_of, const Calendar& calendar,
                                const StatusOptions& opts = {});

/// The reference year `classify_tasks` uses: the period code's year, else the plan's date, else the
/// report's date; empty when the framework has none of them.
std::optional<int> reference_year_of(const Framework& fw);
std::optional<int> reference_year_of(const FrameworkData& fw);  ///< the same, on the records alone

namespace detail {
/// The progress reading alone (exposed for tests): which rule matched, and where.
struct ProgressReading {
  enum class Kind : std::uint8_t { none, waiting, done_maintained, regular, ongoing, open, done, not_started, done_late };
  Kind kind = Kind::none;
  std::string rule;                  ///< the rule id, e.g. "waiting.cho"
  std::size_t begin = 0, end = 0;    ///< the phrase's bytes in the text
  std::string waiting_on;            ///< for waiting: what the text says it waits on, verbatim
  /// For waiting: the first other status phrase of the clause, if any ("Đã hoàn thành 25/25 …;
  /// … chưa triển khai do chờ …" → "Đã hoàn thành"), reported as context, not as the decision.
  std::string also_rule;
  std::size_t also_begin = 0, also_end = 0;
};
ProgressReading read_progress(std::string_view progress_text);
std::string_view to_string(ProgressReading::Kind k) noexcept;
}  // namespace detail

}  // namespace v1
}  // namespace da06

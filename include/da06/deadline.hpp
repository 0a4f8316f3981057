// da06/deadline.hpp — free-text Vietnamese deadlines ("Thời gian hoàn thành") read into structured values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "da06/model.hpp"
#include "da06/period.hpp"

namespace da06 {
inline namespace v1 {

/// How often the work repeats.
enum class Recurrence : std::uint8_t {
  none,
  continuous,  ///< "Thường xuyên", "Thực hiện thường xuyên"
  monthly,     ///< "Hằng tháng" / "Hàng tháng"
  quarterly,   ///< "Hằng quý"
  yearly,      ///< "Hằng năm"
};

/// What the work waits for.
enum class Condition : std::uint8_t {
  none,
  on_request,   ///< "Khi có yêu cầu của …", "Khi có chỉ đạo của …", "Theo yêu cầu của …"
  on_guidance,  ///< "Theo hướng dẫn của …", "Theo chỉ đạo của …", "Sau khi có hướng dẫn của …"
  per_roadmap,  ///< "Theo lộ trình của …", "Theo tiến độ, lộ trình của …", "Theo kế hoạch của …"
  on_event,     ///< "Khi có phát sinh", "Khi phát sinh", "Khi cần thiết": work done when a case arises
};

/// The overall shape of a deadline.
enum class DeadlineKind : std::uint8_t {
  date,         ///< an explicit day: "trước ngày 30/6/2024", "23/2/2024"
  period,       ///< a period or span: "Quý IV/2024", "Trong năm 2024 và 2025", "Từ Quý IV/2024"
  continuous,   ///< recurring work only: "Thường xuyên", "Hằng tháng"
  conditional,  ///< a condition only: "Khi có yêu cầu của …", "Theo lộ trình của …"
  mixed,        ///< two or more of {date or period, recurrence, condition}
  unknown,      ///< not understood: kept verbatim, nothing guessed, see `diagnostics`
};

/// Administrative level a target applies to ("cấp tỉnh", "cấp huyện", "cấp xã").
// Levels are da06::Level (model.hpp): a threshold names province, district or commune.

/// How a threshold compares.
enum class ThresholdComparator : std::uint8_t {
  at_least,  ///< "từ 70% trở lên", "tối thiểu 90%", "ít nhất", "trên"… (≥)
  at_most,   ///< "tối đa", "không quá", "dưới", "trở xuống" (≤)
  reach,     ///< a bare "100%", "đạt 90%": the report names no comparator (conventionally ≥)
  top,       ///< a rank: "đứng ở top 15/63 tỉnh" — rank ≤ value (out of `out_of`)
};

/// A staged or level-specific target found in the deadline text.
///
///     "Đạt từ 70% trở lên từ quý II/2024" → {value "70", unit "%", at_least, from 2024-Q2}
///     "Năm 2024: cấp tỉnh và huyện 100%"  → {value "100", unit "%", reach, within 2024, {province, district}}
///     "… năm 2024 đứng ở top 15/63 tỉnh"  → {value "15", unit "rank", top, out_of "63", within 2024}
struct Threshold {
  std::string value;              ///< exact decimal with '.' as separator: "70", "42.5"
  std::string unit;               ///< "%" or "rank"
  ThresholdComparator comparator = ThresholdComparator::reach;
  std::string out_of;             ///< for a rank: the number of competitors ("63"); else empty
  std::optional<Period> from;     ///< applies from this period on ("từ quý III năm 2024")
  std::optional<boost::gregorian::date> from_date;  ///< applies from this day on ("từ ngày 1/7/2024")
  std::optional<Period> within;   ///< applies within this period ("Năm 2024: …")
  std::vector<Level> levels;      ///< empty = every level / not stated
  std::string subject;            ///< what is measured, when the text names it ("Điểm đánh giá …")
  std::size_t offset = 0;         ///< byte span of the threshold in `Deadline::text`
  std::size_t length = 0;
};

/// A later step the text names beside its deadline, led by another verb than "hoàn thành":
///
///     "hoàn thành trong tháng 12 năm 2025, triển khai thực hiện trong năm 2026"
///       → due 2025-12-31 (the completion), phase {"triển khai thực hiện trong năm 2026", 2026-01-01, 2026-12-31}
struct Phase {
  std::string text;                              ///< the phrase, verbatim (HTML tags dropped)
  std::optional<boost::gregorian::date> start;   ///< its first day, when the phrase implies one
  std::optional<boost::gregorian::date> due;     ///< its last day
  std::size_t offset = 0;                        ///< byte span of the phrase in `Deadline::text`
  std::size_t length = 0;
};

/// Which phrase of the text decided which field, for explanations.
///
///     {"due", 0, 16, "Trong năm 2024"}: bytes [0, 16) of the text set `due` (and `start`).
struct Match {
  std::string field;    ///< "due", "start", "due,start", "recurrence", "condition", "authority", "tentative",
                        ///< "aspirational", "threshold", "subject", "reference", "note", "filler", "phase"
  std::size_t offset;   ///< byte offset in `Deadline::text`
  std::size_t length;   ///< bytes
  std::string phrase;   ///< the original text of the span
};

/// What a free-text deadline says. See docs/deadlines.md for the grammar.
///
///     auto d = da06::parse_deadline("Trong năm 2024 và thực hiện thường xuyên");
///     d.kind        // DeadlineKind::mixed
///     *d.due        // 2024-12-31
///     *d.start      // 2024-01-01
///     d.recurrence  // Recurrence::continuous
struct Deadline {
  using Kind = DeadlineKind;

  std::string text;  ///< the original text, verbatim

  std::optional<boost::gregorian::date> due;    ///< the last day (included); a period's last calendar day
  std::optional<boost::gregorian::date> start;  ///< the first day, when the text implies one ("Trong …", "Từ …")
  std::optional<Period> period;  ///< the single period the dates came from ("Quý IV/2024" → 2024-Q4)
  bool strictly_before = false;  ///< "trước ngày 30/6/2024": due is the named day; a strict reading
                                 ///< ends the day before. The flag keeps that choice visible.
  Recurrence recurrence = Recurrence::none;
  /// The day of each month the recurring work is due ("trước ngày 20 hằng tháng" → 20, with
  /// `strictly_before`); empty when the text names none.
  std::optional<int> recurring_day;
  Condition condition = Condition::none;
  std::string authority;   ///< the body named by the condition: "Bộ Giáo dục và Đào tạo"
  std::string reference;   ///< a document the condition points to: "Kế hoạch số 296/KH-UBND ngày 13/12/2023"
  bool tentative = false;     ///< "dự kiến"
  bool aspirational = false;  ///< "phấn đấu" (and the seed's typos "phần đầu", "phản đầu")
  std::vector<Threshold> thresholds;
  std::vector<Phase> phases;       ///< later steps beside the deadline (see Phase); `due` is the completion
  std::vector<std::string> notes;  ///< text kept but not structured, e.g. a ratio's definition "(tỷ lệ …)"
  Kind kind = Kind::unknown;
  std::vector<Match> matched;            ///< the phrases that decided the fields
  std::vector<std::string> diagnostics;  ///< why the text is unknown, or what was assumed

  bool known() const noexcept { return kind != Kind::unknown; }
};

/// What a deadline text may need from outside.
struct DeadlineContext {
  /// The plan's year, used for texts without a year ("Quý II", "tháng 5", "9 tháng đầu năm").
  /// Without it such texts are `unknown`. A diagnostic records each use.
  std::optional<int> reference_year;
};

/// Reads a free-text deadline. Never throws for bad text: what cannot be understood comes back
/// with `kind == DeadlineKind::unknown`, no dates, and a diagnostic naming the byte where reading
/// stopped. Never guesses a date.
///
///     parse_deadline("Quý IV/2024").due                          // 2024-12-31
///     parse_deadline("Khi có yêu cầu của Chính phủ, Bộ Công an") // conditional, on_request, "Chính phủ, Bộ Công an"
///     parse_deadline("Quý II", {.reference_year = 2024}).due     // 2024-06-30
Deadline parse_deadline(std::string_view text, const DeadlineContext& ctx = {});

std::string_view to_string(Recurrence r) noexcept;    ///< "none", "continuous", "monthly", "quarterly", "yearly"
std::string_view to_string(Condition c) noexcept;     ///< "none", "on_request", "on_guidance", "per_roadmap", "on_event"
std::string_view to_string(DeadlineKind k) noexcept;  ///< "date", "period", "continuous", "conditional", "mixed", "unknown"
std::string_view to_string(ThresholdComparator c) noexcept;    ///< "at_least", "at_most", "reach", "top"

/// A one-line English explanation: "due 2024-12-31 (from 2024-01-01), continuous [mixed]".
std::string describe(const Deadline& d);

}  // namespace v1
}  // namespace da06

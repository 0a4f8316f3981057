// da06/report_charts.hpp — the summary's charts as inline SVG: no JavaScript, no fonts or images to
// fetch, every chart with a <title> and <desc> (its alt text) and a data label on every bar. They are
// drawn from a ReportSummary only (report_summary.hpp); nothing is recomputed.
//
//   da06::Report r = da06::build_report(da06::default_framework(), std::nullopt, da06::Calendar::vietnam_public());
//   std::string svg = da06::summary_chart_svg(r.summary, da06::SummaryChart::status_by_group);
//   // "<svg xmlns=… role=\"img\" aria-labelledby=…><title>Tình trạng nhiệm vụ theo nhóm</title>…</svg>"
//
// Marks a test or a stylesheet can rely on: each bar is a <rect class="bar" data-label="…"
// data-value="…">; each stacked segment a <rect class="bar segment" data-label="GROUP" data-status="…"
// data-value="N">; each data label a <text class="value">. Text is XML-escaped and clipped on code-point
// boundaries without separating a letter from its combining marks ("…" then ends it; the full text is
// in the bar's <title>).
#pragma once

#include "report_summary.hpp"

#include <string>
#include <string_view>

namespace da06 {
inline namespace v1 {

/// Which chart of the summary.
enum class SummaryChart {
  headline,         ///< one bar per headline status (headline_counts): the task counts
  target_gaps,      ///< one bar per target with a value: its gap, by unit (each unit its own scale)
  status_by_group,  ///< one stacked bar per task group: its tasks by status
  index,            ///< one bar per QĐ 766 index group: points of the maximum
};
std::string_view to_string(SummaryChart c) noexcept;  ///< "headline", "target_gaps", "status_by_group", "index"
std::optional<SummaryChart> parse_summary_chart(std::string_view s) noexcept;

/// The chart as one <svg> element (UTF-8), or "" when it has nothing to draw: no status (no date or no
/// tasks), no target with a value, no index. `summary_chart_note` then says why in one line.
std::string summary_chart_svg(const ReportSummary& summary, SummaryChart chart);

/// The one line shown instead of a chart that has nothing to draw ("" when the chart is drawn), e.g.
/// "Khung chỉ tiêu không có chỉ tiêu nào có số liệu để so sánh." for a framework without targets.
std::string summary_chart_note(const ReportSummary& summary, SummaryChart chart);

/// The number of bars `summary_chart_svg` draws (segments for status_by_group): what a test counts.
std::size_t summary_chart_bars(const ReportSummary& summary, SummaryChart chart);

/// The chart's title (Vietnamese), the caption a document places under it.
std::string_view summary_chart_title(SummaryChart chart) noexcept;

/// The fill colour of a status in every chart ("#2e7d32" for done), so tables and legends can match.
std::string_view status_color(Status s) noexcept;

}  // namespace v1
}  // namespace da06

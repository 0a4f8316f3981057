// Tests for da06/report_summary.hpp and da06/report_charts.hpp: the summary against independent counts
// (the status engine's task list, a brute-force working-day count, the framework's targets), its JSON
// shape, and the SVG charts (bars counted, text escaped, Vietnamese clipped whole, nothing to fetch).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "da06/io.hpp"
#include "da06/json.hpp"
#include "da06/report.hpp"
#include "da06/report_charts.hpp"

#include <map>
#include <string>

using boost::gregorian::date;
using da06::ReportSummary;
using da06::Status;
using da06::SummaryChart;

namespace {

const da06::Calendar& cal() {
  static const da06::Calendar c = da06::Calendar::vietnam_public();
  return c;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

/// Working days d with from < d ≤ to, one day at a time.
int workdays_after(date from, date to) {
  int n = 0;
  for (date d = from + boost::gregorian::days(1); d <= to; d += boost::gregorian::days(1)) n += cal().is_workday(d);
  return n;
}

da06::Framework small_framework(const std::string& group_title) {
  da06::FrameworkData d;
  d.id = "synthetic-test";
  d.title = "Synthetic";
  d.period.code = "2024-H1";
  d.task_groups.push_back({});
  d.task_groups[0].id = "G1";
  d.task_groups[0].number = "I";
  d.task_groups[0].title = group_title;
  d.task_groups[0].declared_count = 2;
  for (int i = 1; i <= 2; ++i) {
    da06::Task t;
    t.id = "T" + std::to_string(i);
    t.number = i;
    t.group = "G1";
    t.title = "Nhiệm vụ " + std::to_string(i);
    t.lead = "Sở <A> & \"B\"";
    t.deadline_text = i == 1 ? "Tháng 3/2024" : "Quý IV/2024";
    t.progress_text = "Đang thực hiện";
    d.tasks.push_back(t);
  }
  return da06::Framework(std::move(d));
}

}  // namespace

TEST_CASE("report summary: the seed's counts, late tasks and targets agree with the engines") {
  const da06::Framework fw = da06::default_framework();
  const da06::Report r = da06::build_report(fw, std::nullopt, cal());
  const ReportSummary& s = r.summary;
  REQUIRE(s.has_status);
  REQUIRE(s.as_of == date(2024, 6, 28));
  CHECK(s.total_tasks == static_cast<int>(fw.tasks().size()));
  // by_status: the status engine's task list counted one by one
  std::array<int, da06::status_count> oracle{};
  for (const da06::TaskStatus& t : r.task_status->tasks) ++oracle[static_cast<std::size_t>(t.status)];
  CHECK(s.by_status == oracle);
  // overdue: every overdue task, with its working days late counted day by day
  std::size_t overdue = 0;
  for (const da06::TaskStatus& t : r.task_status->tasks) overdue += t.status == Status::overdue;
  REQUIRE(s.overdue.size() == overdue);
  REQUIRE(!s.overdue.empty());
  for (const da06::SummaryTask& t : s.overdue) {
    const da06::Task* task = fw.find_task(t.task);
    REQUIRE(task);
    CHECK(t.lead == task->lead);
    CHECK(t.deadline_text == task->deadline_text);
    REQUIRE(t.effective_due);
    CHECK(t.workdays_late == workdays_after(*t.effective_due, *s.as_of));
    CHECK(t.workdays_late > 0);
    CHECK_FALSE(t.workdays_left);
  }
  for (const da06::SummaryTask& t : s.due_soon) {
    REQUIRE(t.workdays_left);
    CHECK(*t.workdays_left == workdays_after(*s.as_of, *t.effective_due));
  }
  // the claims: the report's 54 done-and-maintained and 18 waiting beside ours
  std::map<std::string, std::int64_t> claimed;
  for (const da06::ClaimComparison& c : s.claims) claimed[c.claim] = c.claimed;
  CHECK(claimed["C-done"] == 54);
  CHECK(claimed["C-waiting"] == 18);
  for (const da06::ClaimComparison& c : s.claims)
    if (c.ours) CHECK(*c.difference == *c.ours - c.claimed);
  // by group: the group totals add up to the total, and each group's counts to its total
  int sum = 0;
  for (const da06::GroupStatusCounts& g : s.by_group) {
    int k = 0;
    for (int n : g.by_status) k += n;
    CHECK(k == g.total);
    sum += g.total;
  }
  CHECK(sum == s.total_tasks);
  // targets: one per framework target, the counts of met / not met / no data
  REQUIRE(s.has_targets);
  CHECK(s.targets.size() == fw.targets().size());
  int met = 0, not_met = 0, none = 0;
  for (const da06::SummaryTarget& t : s.targets) {
    met += t.status == da06::TargetStatus::met;
    not_met += t.status == da06::TargetStatus::not_met;
    none += t.status == da06::TargetStatus::no_data;
    if (t.status != da06::TargetStatus::no_data && t.value && t.gap) CHECK(t.gap_display.size() > 0);
  }
  CHECK(met == s.targets_met);
  CHECK(not_met == s.targets_not_met);
  CHECK(none == s.targets_no_data);
  CHECK(s.audit_findings == r.audit.findings.size());
  CHECK(s.audit.error + s.audit.warning + s.audit.info == s.audit_findings);
  CHECK_FALSE(s.index);
}

TEST_CASE("report summary: JSON is the report's first member and carries every list") {
  const da06::Report r = da06::build_report(da06::default_framework(), std::nullopt, cal());
  const auto j = nlohmann::ordered_json::parse(da06::to_json(r));
  CHECK(j.begin().key() == "summary");
  const auto& s = j["summary"];
  CHECK(s["tasks"]["total"] == 72);
  CHECK(s["tasks"]["overdue"].size() == r.summary.overdue.size());
  CHECK(s["tasks"]["overdue"][0]["task"] == r.summary.overdue[0].task);
  CHECK(s["tasks"]["overdue"][0]["workdays_late"] == r.summary.overdue[0].workdays_late);
  CHECK(s["targets"]["list"].size() == r.summary.targets.size());
  CHECK(s["audit"]["findings"] == r.audit.findings.size());
  CHECK(s["index"].is_null());
  CHECK(da06::to_json(r.summary) == s.dump(2));
}

TEST_CASE("report summary: no date gives no status and no targets, and the charts say so") {
  da06::FrameworkData d;
  d.id = "empty";
  const da06::Report r = da06::build_report(da06::Framework(std::move(d)), std::nullopt, cal());
  CHECK_FALSE(r.summary.has_status);
  CHECK_FALSE(r.summary.has_targets);
  for (SummaryChart c : {SummaryChart::headline, SummaryChart::status_by_group, SummaryChart::target_gaps, SummaryChart::index}) {
    CHECK(da06::summary_chart_svg(r.summary, c).empty());
    CHECK_FALSE(da06::summary_chart_note(r.summary, c).empty());
  }
}

TEST_CASE("report charts: bars counted, data labels present, no script, no external reference") {
  const da06::Report r = da06::build_report(da06::default_framework(), std::nullopt, cal());
  for (SummaryChart c : {SummaryChart::headline, SummaryChart::status_by_group, SummaryChart::target_gaps}) {
    const std::string svg = da06::summary_chart_svg(r.summary, c);
    INFO(da06::to_string(c));
    REQUIRE(!svg.empty());
    CHECK(count(svg, "class=\"bar") == da06::summary_chart_bars(r.summary, c));
    CHECK(count(svg, "<title id=") == 1);
    CHECK(count(svg, "<desc id=") == 1);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find("url(") == std::string::npos);
    CHECK(da06::summary_chart_note(r.summary, c).empty());
  }
  const std::string head = da06::summary_chart_svg(r.summary, SummaryChart::headline);
  CHECK(head.find("data-label=\"Quá hạn\" data-status=\"overdue\" data-value=\"" +
                  std::to_string(r.summary.overdue.size()) + "\"") != std::string::npos);
  // the stacked bars: one segment per non-zero (group, status)
  std::size_t segments = 0;
  for (const auto& g : r.summary.by_group)
    for (int n : g.by_status) segments += n > 0;
  CHECK(da06::summary_chart_bars(r.summary, SummaryChart::status_by_group) == segments);
  // targets: only those with a value are drawn
  std::size_t with_gap = 0;
  for (const auto& t : r.summary.targets) with_gap += t.status != da06::TargetStatus::no_data && t.gap.has_value();
  CHECK(da06::summary_chart_bars(r.summary, SummaryChart::target_gaps) == with_gap);
}

TEST_CASE("report charts: markup in the data is escaped, decomposed Vietnamese is clipped whole") {
  // "Nhóm" with a decomposed "ó" (o + U+0301), a long title, and markup characters
  const std::string nfd = "Nho\xCC\x81m <b>&</b> \"x\" 'y' ";
  std::string title = nfd;
  while (title.size() < 200) title += "nhiệm vụ dài ";
  const da06::Report r = da06::build_report(small_framework(title), date(2024, 6, 28), cal());
  const std::string svg = da06::summary_chart_svg(r.summary, SummaryChart::status_by_group);
  REQUIRE(!svg.empty());
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot; &#39;y&#39;") != std::string::npos);
  CHECK(svg.find("…") != std::string::npos);
  CHECK(svg.find("Nho\xCC\x81m") != std::string::npos);
  // the overdue task (Tháng 3/2024) and the one in progress (Quý IV/2024)
  CHECK(r.summary.overdue.size() == 1);
  CHECK(r.summary.overdue[0].lead == "Sở <A> & \"B\"");
  // a framework without targets: no target chart, one line instead
  CHECK(da06::summary_chart_svg(r.summary, SummaryChart::target_gaps).empty());
  CHECK(da06::summary_chart_note(r.summary, SummaryChart::target_gaps).find("không có chỉ tiêu") != std::string::npos);
}

// Series: reports in order, tasks matched across reports (number, text, pins, splits, the threshold),
// observations merged or revised, diffs and pace. The full oracle of the synthetic follow-ups is
// checked from Python (tests/python/test_series.py) against tests/data/series/expected_changes.json.
#include <da06/error.hpp>
#include <da06/io.hpp>
#include <da06/series.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using da06::Date;

namespace {

da06::Task task(const std::string& id, int number, const std::string& group, const std::string& title,
                const std::string& progress = "Đang thực hiện.", const std::string& deadline = "Năm 2030") {
  da06::Task t;
  t.id = id;
  t.number = number;
  t.group = group;
  t.title = title;
  t.lead = "Sở Thông tin và Truyền thông";
  t.progress_text = progress;
  t.deadline_text = deadline;
  return t;
}

da06::Observation ratio(const std::string& id, const std::string& unit, const std::string& period, std::int64_t n,
                        std::int64_t d) {
  da06::Observation o;
  o.id = id;
  o.indicator = "rate";
  o.unit = unit;
  o.period = period;
  o.numerator = n;
  o.denominator = d;
  return o;
}

da06::FrameworkData base(const std::string& id, Date date) {
  da06::FrameworkData d;
  d.id = id;
  d.report.date = date;
  da06::Indicator ind;
  ind.id = "rate";
  ind.factor = 100;
  ind.decimals = 2;
  d.indicators.push_back(ind);
  da06::OrgUnit p;
  p.id = "P";
  p.level = da06::Level::province;
  d.units.push_back(p);
  return d;
}

const char* kA = "Triển khai ứng dụng chữ ký số trên điện thoại di động cho người dân";
const char* kB = "Rà soát, chuẩn hóa dữ liệu hộ tịch đã số hóa trên địa bàn tỉnh";
const char* kC = "Tuyên truyền, phổ biến tới người dân về dịch vụ công trực tuyến toàn trình";

}  // namespace

TEST_CASE("series: task similarity is 1 for the same text and low for unrelated tasks") {
  auto a = task("X", 1, "G", kA), b = task("Y", 2, "G", kA), c = task("Z", 3, "G", kB);
  CHECK(da06::task_similarity(a, b) == doctest::Approx(1.0));
  CHECK(da06::task_similarity(a, c) < 0.3);
}

TEST_CASE("series: an unchanged list is matched by number; a renumbered one by text") {
  auto A = base("a", Date(2024, 6, 28));
  A.tasks = {task("T1", 1, "G", kA), task("T2", 2, "G", kB), task("T3", 3, "G", kC)};
  SUBCASE("unchanged") {
    auto B = base("b", Date(2024, 12, 10));
    B.tasks = A.tasks;
    auto m = da06::match_tasks(da06::Framework(A), da06::Framework(B));
    REQUIRE(m.matches.size() == 3);
    for (const auto& x : m.matches) {
      CHECK(x.method == da06::MatchMethod::number);
      CHECK(x.old_task == x.new_task);
    }
    CHECK(m.dropped.empty());
    CHECK(m.added.empty());
  }
  SUBCASE("first task dropped, the rest renumbered, a new one at the end") {
    auto B = base("b", Date(2024, 12, 10));
    B.tasks = {task("T1", 1, "G", kB), task("T2", 2, "G", kC), task("T3", 3, "G", "Một nhiệm vụ hoàn toàn mới khác hẳn")};
    auto m = da06::match_tasks(da06::Framework(A), da06::Framework(B));
    REQUIRE(m.matches.size() == 2);
    CHECK(m.matches[0].old_task == "T2");
    CHECK(m.matches[0].new_task == "T1");
    CHECK(m.matches[0].method == da06::MatchMethod::text);
    CHECK(m.matches[1].old_task == "T3");
    CHECK(m.matches[1].new_task == "T2");
    REQUIRE(m.dropped.size() == 1);
    CHECK(m.dropped[0].task == "T1");
    CHECK(m.dropped[0].best_score < 0.7);  // reported with its best candidate, never matched
    REQUIRE(m.added.size() == 1);
    CHECK(m.added[0].task == "T3");
  }
}

TEST_CASE("series: a split task is found; pins win over text; the threshold is honoured") {
  auto A = base("a", Date(2024, 6, 28));
  A.tasks = {task("T1", 1, "G", std::string(kA) + " và " + kB)};
  auto B = base("b", Date(2024, 12, 10));
  B.tasks = {task("T1", 1, "G", kA), task("T2", 2, "G", kB)};
  auto m = da06::match_tasks(da06::Framework(A), da06::Framework(B));
  REQUIRE(m.matches.size() == 2);
  for (const auto& x : m.matches) {
    CHECK(x.old_task == "T1");
    CHECK(x.method == da06::MatchMethod::split);
    CHECK(x.confidence >= 0.8);
  }
  CHECK(m.added.empty());

  da06::SeriesOptions pin;
  pin.pins = {{"T1", "T2"}};
  auto p = da06::match_tasks(da06::Framework(A), da06::Framework(B), pin);
  REQUIRE(!p.matches.empty());
  CHECK(std::any_of(p.matches.begin(), p.matches.end(), [](const da06::TaskMatch& x) {
    return x.old_task == "T1" && x.new_task == "T2" && x.method == da06::MatchMethod::pinned;
  }));

  // Unrelated texts are never matched, whatever the threshold short of 0.
  auto C = base("c", Date(2024, 12, 10));
  C.tasks = {task("T1", 1, "H", kC)};
  auto u = da06::match_tasks(da06::Framework(A), da06::Framework(C));
  CHECK(u.matches.empty());
  CHECK(u.dropped.size() == 1);
  CHECK(u.added.size() == 1);
}

TEST_CASE("series: repeated figures are one observation, another value is a revision") {
  auto A = base("a", Date(2024, 6, 28));
  A.observations = {ratio("O1", "P", "2024-S1", 990, 1714), ratio("O1b", "P", "2024-S1", 990, 1714)};
  auto B = base("b", Date(2024, 12, 10));
  B.observations = {ratio("X1", "P", "2024-S1", 990, 1714), ratio("X2", "P", "2024-S2", 1500, 2000)};
  auto C = base("c", Date(2025, 6, 20));
  C.observations = {ratio("Y1", "P", "2024-S1", 995, 1714)};
  da06::Series s({da06::Framework(A), da06::Framework(B), da06::Framework(C)});
  // O1, O1b, X1: one figure; X2; Y1 revises it.
  REQUIRE(s.observations().size() == 3);
  CHECK(s.observations()[0].printed_in.size() == 3);
  CHECK(s.observations()[0].superseded);
  REQUIRE(s.revisions().size() == 1);
  CHECK(s.revisions()[0].old_value == "990/1714");
  CHECK(s.revisions()[0].new_value == "995/1714");
  CHECK(s.revisions()[0].old_report == 1);  // last printed in report b
  CHECK(s.revisions()[0].new_report == 2);
  // The merged framework of report b holds two observations; of report c, the revision and X2.
  CHECK(s.merged(1).observations().size() == 2);
  auto mc = s.merged(2).observations();
  REQUIRE(mc.size() == 2);
  CHECK(std::any_of(mc.begin(), mc.end(), [](const da06::Observation& o) { return o.numerator == 995; }));

  auto d = s.diff(0, 1);
  CHECK(d.duplicates == 1);  // X1 repeats O1 (O1b inside report a is not a repetition by b)
  CHECK(d.revisions.empty());
  REQUIRE(d.indicators.size() == 1);
  CHECK(d.indicators[0].movement == da06::Movement::up);
  CHECK(d.indicators[0].numerator_change->str() == "510");
  CHECK(d.indicators[0].denominator_change->str() == "286");
  // 1500/2000 − 990/1714 in points, exactly.
  CHECK(d.indicators[0].change == da06::Ratio(150000, 2000) - da06::Ratio(99000, 1714));
}

TEST_CASE("series: reports must be dated and in order") {
  auto A = base("a", Date(2024, 12, 10));
  auto B = base("b", Date(2024, 6, 28));
  CHECK_THROWS_AS(da06::Series({da06::Framework(A), da06::Framework(B)}), da06::InvalidArgument);
  auto C = base("c", Date(2024, 6, 28));
  C.report.date.reset();
  CHECK_THROWS_WITH_AS(da06::Series({da06::Framework(C)}), doctest::Contains("has no report date"), da06::InvalidArgument);
}

TEST_CASE("series: units merged under the reform are followed into the new unit") {
  auto A = base("a", Date(2024, 12, 10));
  da06::OrgUnit x;
  x.level = da06::Level::commune;
  x.valid_to = Date(2025, 6, 30);
  x.parents = {{"P", std::nullopt, Date(2025, 6, 30)}};
  x.id = "X";
  A.units.push_back(x);
  x.id = "Y";
  A.units.push_back(x);
  A.observations = {ratio("OX", "X", "2024-S2", 50, 80), ratio("OY", "Y", "2024-S2", 30, 40)};
  auto B = base("b", Date(2025, 7, 10));
  B.units = A.units;
  da06::OrgUnit n;
  n.id = "N";
  n.level = da06::Level::commune;
  n.valid_from = Date(2025, 7, 1);
  n.parents = {{"P", Date(2025, 7, 1), std::nullopt}};
  B.units.push_back(n);
  B.observations = {ratio("ON", "N", "2025-S1", 100, 120)};
  da06::SeriesOptions opt;
  opt.mapping = da06::UnitMapping({{"X", "N", da06::Decimal(1), {}}, {"Y", "N", da06::Decimal(1), {}}});
  auto d = da06::diff_reports(da06::Framework(A), da06::Framework(B), std::nullopt, opt);
  REQUIRE(d.indicators.size() == 1);
  CHECK(d.indicators[0].unit == "N");
  CHECK(d.indicators[0].followed_from == std::vector<std::string>{"X", "Y"});
  CHECK(d.indicators[0].old_value == da06::Ratio(8000, 120));
  REQUIRE(d.units_left.size() == 2);
  CHECK(d.units_left[0].successors == std::vector<std::string>{"N"});
  CHECK(d.units_left[0].reason == "ended 2025-06-30");
  REQUIRE(d.units_entered.size() == 1);
  CHECK(d.units_entered[0].unit == "N");
  // Without the mapping the figures are not compared (nothing says where X and Y went).
  auto plain = da06::diff_reports(da06::Framework(A), da06::Framework(B));
  CHECK(plain.indicators.empty());
  CHECK(plain.units_left[0].successors.empty());
}

TEST_CASE("series: the seed and its synthetic follow-up") {
  auto h2 = da06::load_framework_file("tests/data/series/synthetic_2024h2.json");
  REQUIRE(h2.ok());
  da06::Series s({da06::default_framework(), h2.framework});
  auto d = s.diff(0, 1);
  CHECK(d.new_as_of == Date(2024, 12, 10));
  CHECK(d.tasks.added.size() == 1);
  CHECK(d.tasks.dropped.size() == 1);
  CHECK(d.renumbered.size() == 3);
  CHECK(d.revisions.size() == 1);
  // Every target with two or more points gets a pace class.
  for (const auto& p : s.pace())
    if (p.evaluation.pace.points.size() >= 2) CHECK(p.evaluation.pace.cls != da06::PaceClass::insufficient_data);
  CHECK(da06::to_json(d).find("\"renumbered\"") != std::string::npos);
}

TEST_CASE("series: a printed change is checked against the earlier report's figure for its period") {
  auto A = base("a", Date(2024, 6, 28));
  A.observations = {ratio("O1", "P", "2024-S1", 990, 1714)};
  auto B = base("b", Date(2024, 12, 10));
  auto agree = ratio("X1", "P", "2024-S2", 1500, 2000);
  agree.change = da06::Change{"2024-S1", 510, "numerator", "Tăng 510"};
  auto wrong = ratio("X2", "P", "2024-S2", 1500, 2000);
  wrong.unit = "P";
  wrong.change = da06::Change{"2024-S1", 290, "denominator", "Tăng 290"};
  auto unknown = ratio("X3", "P", "2024-S2", 1500, 2000);
  unknown.change = da06::Change{"2023-M12", 1, "numerator", "Tăng 1"};  // no 2023-M12 figure in A: not checked
  B.observations = {agree, wrong, unknown};
  auto checks = da06::check_changes(da06::Framework(A), da06::Framework(B));
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].observation == "X1");
  CHECK(checks[0].agrees);
  CHECK(checks[0].implied == "990");
  CHECK(checks[1].observation == "X2");
  CHECK_FALSE(checks[1].agrees);
  CHECK(checks[1].implied == "1710");
  CHECK(checks[1].earlier_value == "1714");
  CHECK(checks[1].revised_to.empty());
}

// The audit: each check fires exactly when it should, and the seed's findings are a human-verified set.
#include <da06/audit.hpp>
#include <da06/io.hpp>
#include <da06/json.hpp>
#include <da06/sdmx.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#ifndef DA06_SOURCE_DIR
#define DA06_SOURCE_DIR "."
#endif

namespace {

using da06::AuditCheck;
using da06::AuditSeverity;
using da06::Finding;

/// A framework from the given JSON arrays (each a JSON array text, may be empty).
da06::Framework fixture(const std::string& indicators, const std::string& observations,
                        const std::string& more = "") {
  std::string text = R"({"format": "da06-framework", "format_version": 1, "id": "fx",
    "plan": {"id": "P", "number": "43/KH-UBND", "date": "2024-02-16"},
    "report": {"id": "R", "number": "1/BC", "date": "2024-06-28"},
    "sources": [{"id": "seed", "title": "t", "file": "f", "lines": 1000}],
    "units": [{"id": "TH", "name": "Tỉnh", "level": "province"},
              {"id": "D1", "name": "Huyện", "level": "district", "parents": [{"parent": "TH"}]}],
    "indicators": [)" + indicators + R"(],
    "observations": [)" + observations + "]" + (more.empty() ? "" : ", " + more) + "}";
  da06::LoadResult r = da06::load_framework_json(text, "<fixture>");
  for (const auto& d : r.diagnostics) MESSAGE(d.to_string());
  REQUIRE(r.ok());
  return r.framework;
}

const char* kRate = R"({"id": "rate", "name": "r", "kind": "ratio", "unit": "hồ sơ", "factor": 100, "decimals": 1})";
const char* kCount = R"({"id": "cnt", "name": "c", "kind": "count", "unit": "hồ sơ"})";

std::string obs(const std::string& id, const std::string& fields, int line = 10) {
  return R"({"id": ")" + id + R"(", "unit": "TH", "period": "2024-S1", )" + fields +
         R"(, "source": {"document": "seed", "line": )" + std::to_string(line) + R"(, "quote": "q"}})";
}

std::vector<Finding> of_check(const std::vector<Finding>& fs, AuditCheck c) {
  std::vector<Finding> out;
  for (const auto& f : fs)
    if (f.check == c) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("printed percentage: checked at the printed precision, half_up boundary") {
  // 1155/2000 = 57,75% exactly: half_up prints 57,8%.
  auto ok = fixture(kRate, obs("O1", R"("indicator": "rate", "numerator": 1155, "denominator": 2000, "published_value": "57,8%")"));
  CHECK(da06::audit(ok).empty());
  // "57,7%" is what half_down or truncation would give: a finding, but a warning.
  auto low = fixture(kRate, obs("O1", R"("indicator": "rate", "numerator": 1155, "denominator": 2000, "published_value": "57,7%")"));
  auto fs = da06::audit(low);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "printed_percentage/O1");
  CHECK(fs[0].severity == AuditSeverity::warning);
  CHECK(fs[0].value("computed")->value == "57.8");
  CHECK(fs[0].value("matches_rounding")->value == "half_down");
  CHECK(fs[0].value("exact")->value == "57.75");
  // Two decimals printed: checked with two decimals, whatever the indicator's own decimals (1).
  auto two = fixture(kRate, obs("O1", R"("indicator": "rate", "numerator": 3183845, "denominator": 3224669, "published_value": "98,74%")", 176));
  fs = da06::audit(two);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].severity == AuditSeverity::error);
  CHECK(fs[0].value("computed")->value == "98.73");
  CHECK(fs[0].value("exact")->value == "45483500/460667");
  CHECK(fs[0].source.line == 176);
  CHECK(fs[0].message.find("98,734009…%") != std::string::npos);
  auto two_ok = fixture(kRate, obs("O1", R"("indicator": "rate", "numerator": 3183845, "denominator": 3224669, "published_value": "98,73%")"));
  CHECK(da06::audit(two_ok).empty());
  // A percentage only inside the published text is checked too.
  auto text = fixture(kRate, obs("O1", R"J("indicator": "rate", "numerator": 990, "denominator": 1714, "published": "990/1.714 (đạt 57,9%)")J"));
  fs = da06::audit(text);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].value("printed")->value == "57.9");
  CHECK(fs[0].severity == AuditSeverity::error);
  auto text_ok = fixture(kRate, obs("O1", R"J("indicator": "rate", "numerator": 990, "denominator": 1714, "published": "990/1.714 (đạt 57,8%)")J"));
  CHECK(da06::audit(text_ok).empty());
}

TEST_CASE("printed percentage of a count against its denominator_ref") {
  std::string inds = std::string(kCount) + R"(, {"id": "pop", "name": "p", "kind": "count", "unit": "người"})";
  auto base = [&](const std::string& pv, std::int64_t v) {
    return fixture(inds, obs("TOT", R"("indicator": "pop", "value": 255441)") + "," +
                             obs("ACC", R"("indicator": "cnt", "value": )" + std::to_string(v) +
                                            R"(, "denominator_ref": "TOT", "published_value": ")" + pv + "\""));
  };
  CHECK(da06::audit(base("10,39%", 26541)).empty());
  auto fs = da06::audit(base("10,40%", 26541));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "printed_percentage/ACC");
  CHECK(fs[0].records == std::vector<std::string>{"ACC", "TOT"});
  // Larger than its whole: 100% printed, 101,3% computed.
  fs = da06::audit(base("100%", 258800));
  CHECK(of_check(fs, AuditCheck::numerator_exceeds_denominator).size() == 1);
  CHECK(of_check(fs, AuditCheck::printed_percentage).size() == 1);
}

TEST_CASE("numerator above denominator and percentages over 100") {
  // The loader refuses numerator > denominator for ratio indicators, so the check is for other kinds
  // and for frameworks built in code.
  da06::FrameworkData d = fixture(kRate, obs("O1", R"("indicator": "rate", "numerator": 5, "denominator": 10)")).data();
  CHECK(da06::audit(da06::Framework(d)).empty());
  d.observations[0].numerator = 11;
  auto fs = da06::audit(da06::Framework(d));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == AuditCheck::numerator_exceeds_denominator);
  CHECK(fs[0].value("percent")->value == "110");
  // Printed over 100 % for a share.
  auto over = fixture(kRate, obs("O1", R"("indicator": "rate", "value": "101", "published_value": "101%")"));
  fs = da06::audit(over);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == AuditCheck::percentage_over_100);
  CHECK(fs[0].severity == AuditSeverity::error);
  auto hundred = fixture(kRate, obs("O1", R"("indicator": "rate", "value": "100", "published_value": "100,00%")"));
  CHECK(da06::audit(hundred).empty());
}

TEST_CASE("totals: counts, qualifiers, and money in different units") {
  std::string inds = R"({"id": "ty", "name": "a", "kind": "money", "unit": "tỷ đồng"},
                        {"id": "ty2", "name": "a", "kind": "money", "unit": "tỷ đồng"},
                        {"id": "ty3", "name": "a", "kind": "money", "unit": "tỷ đồng"},
                        {"id": "ty4", "name": "a", "kind": "money", "unit": "tỷ đồng"},
                        {"id": "tr", "name": "b", "kind": "money", "unit": "triệu đồng"},
                        {"id": "usd", "name": "c", "kind": "money", "unit": "USD"})";
  auto money = [&](const std::string& part_trieu, const std::string& extra = "") {
    return fixture(inds,
                   obs("T", R"("indicator": "ty", "value": "9.293")") + "," + obs("A", R"("indicator": "ty2", "value": "5.736")") +
                       "," + obs("B", R"("indicator": "ty3", "value": "1.337")") + "," +
                       obs("C", R"("indicator": "tr", "value": )" + part_trieu) + "," +
                       obs("D", R"("indicator": "ty4", "value": "2.1")") + extra,
                   R"("totals": [{"id": "TOT", "total": "T", "parts": ["A", "B", "C", "D"]}])");
  };
  CHECK(da06::audit(money("120")).empty());  // 9,293 tỷ = 5,736 + 1,337 + 0,120 + 2,1
  auto fs = da06::audit(money("121"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "total/TOT");
  CHECK(fs[0].value("unit")->value == "triệu đồng");
  CHECK(fs[0].value("total")->value == "9293");
  CHECK(fs[0].value("parts_sum")->value == "9294");
  CHECK(fs[0].value("difference")->value == "-1");
  // A unit that is not tỷ/triệu/đồng: said, not guessed.
  auto odd = fixture(inds, obs("T", R"("indicator": "ty", "value": "1")") + "," + obs("A", R"("indicator": "usd", "value": "1")"),
                     R"("totals": [{"id": "TOT", "total": "T", "parts": ["A"]}])");
  fs = da06::audit(odd);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].severity == AuditSeverity::warning);
  CHECK(fs[0].message.find("cannot reconcile") != std::string::npos);
  // "không quá 59,581" (at_most) cannot make up 60,367; it can make up 59.
  auto capped = [&](const std::string& total) {
    return fixture(inds, obs("T", R"("indicator": "ty", "value": ")" + total + "\"") + "," +
                             obs("A", R"("indicator": "ty2", "value": "59.581", "qualifier": "at_most")"),
                   R"("totals": [{"id": "TOT", "total": "T", "parts": ["A"]}])");
  };
  fs = da06::audit(capped("60.367"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].value("parts_sum_max")->value == "59.581");
  CHECK(da06::audit(capped("59")).empty());
  // quantity / total_quantity / part_quantities: 1.714 = 724/1.714 + 990/1.714 (numerators).
  std::string rate = std::string(kRate) + R"(, {"id": "n", "name": "n", "kind": "count", "unit": "hồ sơ"},
                                            {"id": "rate2", "name": "r2", "kind": "ratio", "unit": "hồ sơ"})";
  auto parts = [&](int a) {
    return fixture(rate, obs("T", R"("indicator": "n", "value": 1714)") + "," +
                             obs("P", R"("indicator": "rate", "numerator": )" + std::to_string(a) + R"(, "denominator": 1714)") +
                             "," + obs("F", R"("indicator": "rate2", "numerator": 990, "denominator": 1714)"),
                   R"("totals": [{"id": "TOT", "total": "T", "parts": ["P", "F"], "total_quantity": "value",
                                  "part_quantities": ["numerator", "numerator"]}])");
  };
  CHECK(da06::audit(parts(724)).empty());
  CHECK(of_check(da06::audit(parts(725)), AuditCheck::total).size() == 1);
}

TEST_CASE("group headers against rows, claims against the data") {
  auto fw = [](int declared, int claimed) {
    return fixture("", "",
                   R"("task_groups": [{"id": "G1", "number": "I", "title": "t", "declared_count": )" + std::to_string(declared) +
                       R"J(, "published": "t (03 nhiệm vụ)", "source": {"document": "seed", "line": 5, "quote": "q"}}],
                       "tasks": [{"id": "T1", "number": 1, "group": "G1", "title": "a"},
                                 {"id": "T2", "number": 2, "group": "G1", "title": "b"},
                                 {"id": "T3", "number": 3, "group": "G1", "title": "c"}],
                       "claims": [{"id": "C1", "subject": "tasks", "status": "planned", "count": )J" +
                       std::to_string(claimed) + R"(, "published": "tổng số 3 nhiệm vụ"},
                                  {"id": "C2", "subject": "tasks", "status": "finished", "count": 2},
                                  {"id": "C3", "subject": "tasks", "status": "blocked", "count": 1}])");
  };
  // (The built-in classifier maps only the statuses it knows, "done…" and "waiting…"; these are not.)
  CHECK(da06::audit(fw(3, 3)).empty());
  auto fs = da06::audit(fw(4, 3));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "group_count/G1");
  CHECK(fs[0].value("rows")->value == "3");
  fs = da06::audit(fw(3, 72));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "claim/C1");
  CHECK(fs[0].value("actual")->value == "3");
  // Claimed statuses adding up to more than the tasks planned.
  fs = da06::audit(fw(3, 2));
  CHECK(of_check(fs, AuditCheck::claim).size() == 2);  // 2 ≠ 3 rows, and 2 + 1 > 2
  // Claims of completion against task states (the status.hpp hook, fed by a classifier).
  da06::AuditOptions opt;
  opt.task_status_counts = [](const da06::Framework&, da06::Date) {
    return da06::TaskStatusCounts{{"finished", 1}, {"blocked", 1}};
  };
  fs = da06::audit(fw(3, 3), opt);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "claim_status/C2");
  CHECK(fs[0].value("classified")->value == "1");
  opt.task_status_counts = [](const da06::Framework&, da06::Date) {
    return da06::TaskStatusCounts{{"finished", 2}, {"blocked", 1}};
  };
  CHECK(da06::audit(fw(3, 3), opt).empty());
}

TEST_CASE("change lines against the values they relate") {
  auto fw = [](int delta, const std::string& earlier) {
    return fixture(kRate, obs("NOW", R"("indicator": "rate", "numerator": 20651, "denominator": 20723,
                              "change": {"against": "2023-M12", "delta": )" + std::to_string(delta) +
                                         R"(, "of": "numerator", "published": "Tăng hồ sơ"})") +
                              (earlier.empty() ? "" : ",") + earlier);
  };
  CHECK(da06::audit(fw(17034, "")).empty());
  auto fs = da06::audit(fw(20652, ""));  // earlier = −1
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "change/NOW");
  CHECK(fs[0].value("implied_earlier")->value == "-1");
  std::string prev = R"({"id": "DEC", "indicator": "rate", "unit": "TH", "period": "2023-M12", "numerator": 3617, "denominator": 4000})";
  CHECK(da06::audit(fw(17034, prev)).empty());  // 20651 − 17034 = 3617
  fs = da06::audit(fw(17000, prev));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].value("earlier")->value == "3617");
  CHECK(fs[0].value("implied_earlier")->value == "3651");
}

TEST_CASE("one figure printed twice with different values") {
  auto fw = [](const std::string& v2) {
    return fixture(kCount, obs("A", R"("indicator": "cnt", "value": 5)") + "," + obs("B", R"("indicator": "cnt", "value": )" + v2, 20));
  };
  CHECK(da06::audit(fw("5")).empty());
  auto fs = da06::audit(fw("6"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "conflicting_figures/A");
  CHECK(fs[0].records == std::vector<std::string>{"A", "B"});
  CHECK(fs[0].related.at(0).line == 20);
}

TEST_CASE("a percentage and the count left out of it (\"còn N\")") {
  std::string inds = R"({"id": "mob", "name": "m", "kind": "ratio", "unit": "thôn", "decimals": 2},
                        {"id": "bb", "name": "b", "kind": "ratio", "unit": "thôn", "decimals": 2},
                        {"id": "nomob", "name": "x", "kind": "count", "unit": "thôn"},
                        {"id": "nobb", "name": "y", "kind": "count", "unit": "thôn"})";
  auto fw = [&](const std::string& second) {
    return fixture(inds, obs("M", R"("indicator": "mob", "value": "99.95", "published_value": "99,95%")", 186) + "," +
                             obs("MR", R"("indicator": "nomob", "value": 2, "published": "còn 2 thôn lõm sóng")", 186) + "," +
                             obs("B", R"("indicator": "bb", "value": ")" + second + R"(", "published_value": ")" + second.substr(0, 2) + "," +
                                          second.substr(3) + R"(%")", 186) + "," +
                             obs("BR", R"("indicator": "nobb", "value": 11, "published": "còn 11 thôn chưa có")", 186));
  };
  auto fs = da06::audit(fw("99.65"));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "remainder/M");
  CHECK(fs[0].value("M.total_min")->value == "3637");
  CHECK(fs[0].value("M.total_max")->value == "4444");
  CHECK(fs[0].value("B.total_min")->value == "3099");
  CHECK(fs[0].value("B.total_max")->value == "3188");
  CHECK(da06::audit(fw("99.75")).empty());  // 4.353 villages fit both
}

TEST_CASE("the plan cited with another date") {
  std::string claims = R"("claims": [{"id": "C", "subject": "x", "count": 1,
      "source": {"document": "seed", "line": 17, "quote": "Kế hoạch số 43/KH-UBND ngày 16/02/2023 về"}}])";
  auto fs = da06::audit(fixture("", "", claims));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "plan_reference/plan/17");
  CHECK(fs[0].severity == AuditSeverity::warning);
  CHECK(fs[0].value("cited")->value == "2023-02-16");
  std::string same = R"("claims": [{"id": "C", "subject": "x", "count": 1,
      "source": {"document": "seed", "line": 17, "quote": "Kế hoạch số 43/KH-UBND ngày 16/02/2024 về"}}])";
  CHECK(da06::audit(fixture("", "", same)).empty());
}

TEST_CASE("validation rules: per unit, period and service; importance; missing values; levels") {
  std::string inds = R"({"id": "online", "name": "o", "kind": "count", "unit": "hồ sơ"},
                        {"id": "all", "name": "a", "kind": "count", "unit": "hồ sơ"})";
  auto o = [](const std::string& id, const std::string& ind, const std::string& unit, const std::string& svc, int v) {
    return R"({"id": ")" + id + R"(", "indicator": ")" + ind + R"(", "unit": ")" + unit +
           R"(", "period": "2024-S1", "service": ")" + svc + R"(", "value": )" + std::to_string(v) + "}";
  };
  std::string services = R"("services": [{"id": "S1", "name": "a"}, {"id": "S2", "name": "b"}, {"id": "S3", "name": "c"}])";
  std::string data = o("O1", "online", "TH", "S1", 5) + "," + o("A1", "all", "TH", "S1", 10) + "," +
                     o("O2", "online", "TH", "S2", 12) + "," + o("A2", "all", "TH", "S2", 10) + "," +
                     o("O3", "online", "TH", "S3", 1) + "," + o("O4", "online", "D1", "S2", 9) + "," +
                     o("A4", "all", "D1", "S2", 8);
  auto rule = [](const std::string& extra) {
    return R"("validation_rules": [{"id": "R1", "name": "online ≤ total",
      "left": {"terms": [{"indicator": "online"}]}, "operator": "<=", "right": {"terms": [{"indicator": "all"}]})" +
           extra + "}]";
  };
  auto fw = fixture(inds, data, services + "," + rule(R"(, "importance": "high")"));
  auto fs = da06::audit(fw);
  std::set<std::string> ids;
  for (const auto& f : fs) ids.insert(f.id);
  // S2 fails in TH (12 > 10) and D1 (9 > 8); S1 passes; S3 has no total: skipped (skip_if_any_missing).
  CHECK(ids == std::set<std::string>{"validation_rule/R1/TH/2024-S1/S2", "validation_rule/R1/D1/2024-S1/S2"});
  for (const auto& f : fs) CHECK(f.severity == AuditSeverity::error);
  // never_skip: the missing total of S3 counts as 0, so 1 <= 0 fails; low importance is info.
  fs = da06::audit(fixture(inds, data, services + "," + rule(R"(, "importance": "low", "missing_value_policy": "never_skip")")));
  CHECK(fs.size() == 3);
  for (const auto& f : fs) CHECK(f.severity == AuditSeverity::info);
  // levels: only districts.
  fs = da06::audit(fixture(inds, data, services + "," + rule(R"(, "levels": ["district"])")));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "validation_rule/R1/D1/2024-S1/S2");
  CHECK(fs[0].severity == AuditSeverity::warning);  // medium (the default)
  CHECK(fs[0].value("left")->value == "9");
  CHECK(fs[0].value("right")->value == "8");
  // Extra rules given at audit time.
  da06::ValidationRule r;
  r.id = "X";
  r.left.terms.push_back({"online", "value", "", 1});
  r.op = da06::Comparator::le;
  r.right.constant = "10";
  da06::AuditOptions opt;
  opt.extra_rules.push_back(r);
  fs = da06::audit(fixture(inds, data, services), opt);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].id == "validation_rule/X/TH/2024-S1/S2");
  // A rule built in code with a constant that is not a number is an error naming the rule, not a 0.
  opt.extra_rules.back().right.constant = "1O";
  CHECK_THROWS_WITH_AS(da06::audit(fixture(inds, data, services), opt),
                       doctest::Contains("validation rule 'X': constant:"), da06::DataError);
  try {
    da06::audit(fixture(inds, data, services), opt);
  } catch (const da06::DataError& e) {
    CHECK(e.where().field == "constant");
  }
}

TEST_CASE("a framework built in code: a value the loader refuses is an error naming its record") {
  auto fw = fixture(std::string(kRate) + "," + kCount,
                    obs("O1", R"("indicator": "rate", "numerator": 1155, "denominator": 2000, "published_value": "57,8%")"));
  da06::FrameworkData d = fw.data();
  d.indicators[0].rounding = "nearest";
  CHECK_THROWS_WITH_AS(da06::audit(da06::Framework(d)), doctest::Contains("indicator 'rate': rounding:"), da06::DataError);
  d = fw.data();
  d.observations[0].numerator.reset();
  d.observations[0].denominator.reset();
  d.observations[0].indicator = "cnt";
  d.observations[0].value = da06::DecimalText{"12,5"};
  d.observations.push_back(d.observations[0]);
  d.observations.back().id = "O2";
  CHECK_THROWS_WITH_AS(da06::audit(da06::Framework(d)), doctest::Contains("observation 'O1': value:"), da06::DataError);
}

TEST_CASE("the embedded seed: exactly the human-verified findings") {
  std::ifstream in(DA06_SOURCE_DIR "/tests/data/seed_audit_expected.tsv");
  REQUIRE(in.good());
  std::map<std::string, std::vector<std::string>> expected;
  std::set<std::string> optional;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    REQUIRE(cols.size() == 5);
    if (cols[0][0] == '?') {  // disputed: may or may not be reported (see the reason)
      cols[0].erase(0, 1);
      optional.insert(cols[0]);
    }
    expected[cols[0]] = cols;
  }
  REQUIRE(expected.size() >= 7);
  auto fs = da06::audit(da06::default_framework());
  std::set<std::string> got;
  for (const auto& f : fs) {
    got.insert(f.id);
    auto it = expected.find(f.id);
    if (it == expected.end()) {
      FAIL_CHECK("unexpected finding (false positive?): " << f.id << " line " << f.source.line << ": " << f.message);
      continue;
    }
    CHECK(std::string(da06::to_string(f.check)) == it->second[1]);
    CHECK(std::string(da06::to_string(f.severity)) == it->second[2]);
    CHECK(std::to_string(f.source.line) == it->second[3]);
    CHECK(!f.source.quote.empty());
  }
  for (const auto& [id, cols] : expected)
    if (!got.count(id) && !optional.count(id)) FAIL_CHECK("lost finding: " << id << " (" << cols[4] << ")");
}

TEST_CASE("audit JSON") {
  auto fw = da06::default_framework();
  std::string j = da06::audit_json(fw);
  auto doc = nlohmann::json::parse(j);
  da06::AuditReport r = da06::audit_report(fw);
  CHECK(doc["framework"] == "thanhhoa-2024h1");
  CHECK(r.framework == "thanhhoa-2024h1");
  CHECK(doc["findings"].size() == r.findings.size());
  CHECK(r.findings == da06::audit(fw));
  std::size_t n[3] = {0, 0, 0};
  for (const auto& f : r.findings) ++n[static_cast<int>(f.severity)];
  CHECK(r.counts == da06::AuditCounts{n[0], n[1], n[2]});
  CHECK(r.counts.of(AuditSeverity::warning) == n[1]);
  CHECK(doc["counts"]["error"] == n[0]);
  CHECK(doc["counts"]["warning"] == n[1]);
  CHECK(doc["counts"]["info"] == n[2]);
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    const auto& jf = doc["findings"][i];
    CHECK(jf["id"] == f.id);
    CHECK(jf["check"] == std::string(da06::to_string(f.check)));
    CHECK(jf["values"].size() == f.values.size());
    for (const auto& v : f.values) CHECK(jf["values"][v.name] == v.value);
    CHECK(jf["records"].get<std::vector<std::string>>() == f.records);
    CHECK(jf["source"]["line"] == f.source.line);
    CHECK(jf["related"].size() == f.related.size());
  }
  CHECK(j == da06::to_json(r));
  CHECK(nlohmann::json::parse(da06::to_json(r, -1)) == doc);
}

TEST_CASE("every check has one name, and the names are those of docs/audit.md") {
  std::set<std::string> names;
  for (int c = 0; c <= static_cast<int>(AuditCheck::validation_rule); ++c) {
    std::string name(da06::to_string(static_cast<AuditCheck>(c)));
    CHECK(name != "?");
    CHECK(names.insert(name).second);
  }
  CHECK(names.size() == 12);
  // docs/audit.md's table of checks, between "## The checks" and the first "###": one row
  // "| `name` | family | … |" per check.
  std::ifstream in(DA06_SOURCE_DIR "/docs/audit.md");
  REQUIRE(in.good());
  std::set<std::string> documented;
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line == "## The checks") in_table = true;
    else if (in_table && line.rfind("###", 0) == 0) break;
    else if (in_table && line.rfind("| `", 0) == 0) documented.insert(line.substr(3, line.find('`', 3) - 3));
  }
  for (const auto& n : names) CHECK_MESSAGE(documented.count(n), n << " is missing from docs/audit.md's table of checks");
  for (const auto& n : documented) CHECK_MESSAGE(names.count(n), n << " in docs/audit.md is not a check");
}

TEST_CASE("SDMX-CSV: header, RFC 4180 quoting, derived rows, audit flags") {
  CHECK(da06::csv_field("plain") == "plain");
  CHECK(da06::csv_field("a, b") == "\"a, b\"");
  CHECK(da06::csv_field("Dự án \"X\"") == "\"Dự án \"\"X\"\"\"");
  CHECK(da06::csv_field("a\nb") == "\"a\nb\"");
  std::string csv = da06::sdmx_csv(da06::default_framework());
  CHECK(csv.rfind("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,", 0) == 0);
  CHECK(csv.find("\r\n") != std::string::npos);
  CHECK(csv.find("error:printed_percentage/N-bhxh-data") != std::string::npos);
  CHECK(csv.find("O-S3-02-online@2023-M12") != std::string::npos);
  auto fw = fixture(kRate, obs("O1", R"("indicator": "rate", "numerator": 1155, "denominator": 2000, "published": "a, \"b\"")"));
  std::string one = da06::sdmx_csv(fw);
  CHECK(one.find(",57.8,1,A,,1155,2000,\"a, \"\"b\"\"\",,,10\r\n") != std::string::npos);
}

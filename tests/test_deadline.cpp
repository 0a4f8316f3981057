// Tests for da06/deadline.hpp: the seed's deadline texts against a human-labelled table, user variants, garbage.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "da06/deadline.hpp"
#include "da06/json.hpp"
#include "seed_report.hpp"

#ifndef DA06_SOURCE_DIR
#error "DA06_SOURCE_DIR must name the source tree"
#endif

using boost::gregorian::date;
using da06::ThresholdComparator;
using da06::Condition;
using da06::Deadline;
using da06::DeadlineKind;
using da06::Level;
using da06::Recurrence;
using da06::parse_deadline;

namespace {

std::string iso(const std::optional<date>& d) {
  if (!d) return "";
  char buf[32];
  const auto ymd = d->year_month_day();
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(ymd.year), int(ymd.month), int(ymd.day));
  return buf;
}

// The compact threshold form used in tests/data/seed_deadlines.tsv:
// "<comparator> <value><unit>[/<out_of>] [<levels>] [from <code|date>] [in <code>]", joined by " | ".
std::string thresholds_text(const Deadline& d) {
  std::string s;
  for (const auto& th : d.thresholds) {
    if (!s.empty()) s += " | ";
    s += std::string(da06::to_string(th.comparator)) + " " + th.value + (th.unit == "%" ? "%" : "");
    if (!th.out_of.empty()) s += "/" + th.out_of;
    if (!th.levels.empty()) {
      s += " [";
      for (std::size_t k = 0; k < th.levels.size(); ++k) {
        if (k) s += ',';
        s += da06::to_string(th.levels[k]);
      }
      s += "]";
    }
    if (th.from) s += " from " + th.from->code();
    if (th.from_date) s += " from " + iso(th.from_date);
    if (th.within) s += " in " + th.within->code();
  }
  return s;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (;;) {
    const std::size_t e = line.find('\t', b);
    out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool has_match(const Deadline& d, const std::string& field, const std::string& phrase) {
  for (const auto& m : d.matched)
    if (m.field == field && m.phrase == phrase && d.text.substr(m.offset, m.length).find(phrase.substr(0, 1)) == 0)
      return true;
  return false;
}

void check_unknown(const std::string& text, const da06::DeadlineContext& ctx = {}) {
  CAPTURE(text);
  const Deadline d = parse_deadline(text, ctx);
  CHECK(d.kind == DeadlineKind::unknown);
  CHECK_FALSE(d.known());
  CHECK_FALSE(d.due.has_value());
  CHECK_FALSE(d.start.has_value());
  CHECK(d.recurrence == Recurrence::none);
  CHECK(d.condition == Condition::none);
  CHECK(d.thresholds.empty());
  CHECK_FALSE(d.diagnostics.empty());
  CHECK(d.text == text);
}

}  // namespace

TEST_CASE("every seed deadline text matches the human-labelled table") {
  const std::string tsv_path = std::string(DA06_SOURCE_DIR) + "/tests/data/seed_deadlines.tsv";
  std::ifstream f(tsv_path);
  REQUIRE_MESSAGE(f.good(), "cannot open ", tsv_path);

  std::string line;
  std::vector<std::string> header;
  int appendix1 = 0, appendix2 = 0;
  std::map<std::string, int> kinds;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto col = split_tabs(line);
    if (header.empty()) {
      header = col;
      REQUIRE(header.size() == 12);
      CHECK(header[0] == "text");
      CHECK(header[8] == "kind");
      continue;
    }
    REQUIRE(col.size() == 12);
    const std::string& text = col[0];
    const std::string& source = col[11];
    CAPTURE(source);
    CAPTURE(text);
    (source.rfind("I.", 0) == 0 ? appendix1 : appendix2) += 1;

    const Deadline d = parse_deadline(text);
    CHECK(d.text == text);
    CHECK(iso(d.due) == col[1]);
    CHECK(iso(d.start) == col[2]);
    CHECK(da06::to_string(d.recurrence) == col[3]);
    CHECK(da06::to_string(d.condition) == col[4]);
    CHECK(d.authority == col[5]);
    CHECK(d.tentative == (col[6] == "1"));
    CHECK(d.aspirational == (col[7] == "1"));
    CHECK(da06::to_string(d.kind) == col[8]);
    CHECK(thresholds_text(d) == col[9]);
    CHECK(d.reference == col[10]);
    if (d.kind == DeadlineKind::unknown) CHECK_FALSE(d.diagnostics.empty());
    ++kinds[std::string(da06::to_string(d.kind))];
  }
  CHECK(appendix1 == 72);
  CHECK(appendix2 == 14);
  MESSAGE("seed kinds: period=", kinds["period"], " continuous=", kinds["continuous"], " mixed=", kinds["mixed"],
          " conditional=", kinds["conditional"], " date=", kinds["date"], " unknown=", kinds["unknown"]);
}

TEST_CASE("every text of the deadline table is verbatim in the seed") {
  const auto seed = da06_test::seed_text();
  if (!seed) return;
  std::ifstream f(std::string(DA06_SOURCE_DIR) + "/tests/data/seed_deadlines.tsv");
  REQUIRE(f.good());
  std::string line;
  bool header = true;
  int checked = 0;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const std::vector<std::string> col = split_tabs(line);
    REQUIRE(col.size() == 12);
    CAPTURE(col[11]);
    CAPTURE(col[0]);
    if (col[0].empty()) continue;
    CHECK_MESSAGE(seed->find("\t" + col[0] + "\t") != std::string::npos, "text not in the seed");
    ++checked;
  }
  CHECK(checked == 85);  // 72 + 14 rows, one of them with an empty deadline cell
}

TEST_CASE("the importer's deadline texts (HTML stripped) read as the labelled seed texts") {
  // data/thanhhoa_2024h1.json is written by the importer from the same seed; its texts lose the
  // seed's HTML tags. Each must read exactly as its tagged twin in the oracle table.
  const std::string json_path = std::string(DA06_SOURCE_DIR) + "/data/thanhhoa_2024h1.json";
  const std::string json_text = read_file(json_path);
  REQUIRE_MESSAGE(!json_text.empty(), "cannot read ", json_path);
  std::map<std::string, std::string> by_stripped;  // text without tags and outer spaces -> oracle text
  {
    std::ifstream f(std::string(DA06_SOURCE_DIR) + "/tests/data/seed_deadlines.tsv");
    std::string line;
    bool header = true;
    while (std::getline(f, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (header) {
        header = false;
        continue;
      }
      const std::string text = split_tabs(line)[0];
      std::string plain;
      for (std::size_t k = 0; k < text.size(); ++k) {
        if (text[k] == '<') {
          const std::size_t e = text.find('>', k);
          if (e != std::string::npos) {
            k = e;
            continue;
          }
        }
        plain += text[k];
      }
      by_stripped[plain] = text;
    }
  }
  const auto doc = nlohmann::json::parse(json_text);
  int checked = 0;
  for (const char* key : {"tasks", "resolution_tasks"}) {
    if (!doc.contains(key)) continue;
    for (const auto& task : doc[key]) {
      if (!task.contains("deadline_text") || !task["deadline_text"].is_string()) continue;
      const std::string text = task["deadline_text"].get<std::string>();
      CAPTURE(text);
      const auto it = by_stripped.find(text);
      CHECK_MESSAGE(it != by_stripped.end(), "importer text not in the oracle table (modulo HTML tags)");
      if (it == by_stripped.end()) continue;
      const Deadline a = parse_deadline(text), b = parse_deadline(it->second);
      CHECK(iso(a.due) == iso(b.due));
      CHECK(iso(a.start) == iso(b.start));
      CHECK(a.kind == b.kind);
      CHECK(a.recurrence == b.recurrence);
      CHECK(a.condition == b.condition);
      CHECK(a.authority == b.authority);
      CHECK(a.tentative == b.tentative);
      CHECK(a.aspirational == b.aspirational);
      CHECK(thresholds_text(a) == thresholds_text(b));
      ++checked;
    }
  }
  CHECK(checked == 86);
}

TEST_CASE("quarters: Roman or Arabic, '/' or 'năm', case and spaces") {
  for (const char* text : {"Quý II/2024", "Quý 2/2024", "quý II năm 2024", "quý 2 năm 2024", "QUÝ II/2024", "  Quý   II  /  2024 ",
                           "Quý II / năm 2024", "Quy 2 nam 2024", "Quý\xC2\xA0II/2024", "Quy\xCC\x81 II/2024"}) {
    CAPTURE(std::string(text));
    const Deadline d = parse_deadline(text);
    CHECK(d.kind == DeadlineKind::period);
    CHECK(iso(d.due) == "2024-06-30");
    CHECK_FALSE(d.start.has_value());
    REQUIRE(d.period.has_value());
    CHECK(d.period->code() == "2024-Q2");
  }
  CHECK(iso(parse_deadline("Quý IV năm 2024").due) == "2024-12-31");
  CHECK(iso(parse_deadline("Quý 1/2025").due) == "2025-03-31");
}

TEST_CASE("lead words: Trong, Hoàn thành trong, Chậm nhất, trước ngày, ngày") {
  Deadline d = parse_deadline("Trong quý III/2024");
  CHECK(iso(d.start) == "2024-07-01");
  CHECK(iso(d.due) == "2024-09-30");
  CHECK(d.kind == DeadlineKind::period);

  d = parse_deadline("Hoàn thành trong quý III/2024");
  CHECK(iso(d.start) == "2024-07-01");
  CHECK(iso(d.due) == "2024-09-30");

  d = parse_deadline("Chậm nhất quý III/2024");
  CHECK(iso(d.due) == "2024-09-30");
  CHECK_FALSE(d.start.has_value());

  d = parse_deadline("Chậm nhất ngày 15/7/2024");
  CHECK(iso(d.due) == "2024-07-15");
  CHECK(d.kind == DeadlineKind::date);

  d = parse_deadline("trước ngày 30/6/2024");
  CHECK(iso(d.due) == "2024-06-30");
  CHECK(d.strictly_before);
  CHECK(d.kind == DeadlineKind::date);

  d = parse_deadline("ngày 15/7/2024");
  CHECK(iso(d.due) == "2024-07-15");
  CHECK_FALSE(d.strictly_before);
  CHECK(d.kind == DeadlineKind::date);

  d = parse_deadline("Ngày 15 tháng 7 năm 2024");
  CHECK(iso(d.due) == "2024-07-15");

  d = parse_deadline("Hạn chót: quý III/2024");
  CHECK(iso(d.due) == "2024-09-30");

  d = parse_deadline("Trước ngày 23/02/2024.");
  CHECK(iso(d.due) == "2024-02-23");

  d = parse_deadline("Trong năm 2024");
  CHECK(iso(d.start) == "2024-01-01");
  CHECK(iso(d.due) == "2024-12-31");
  REQUIRE(d.period.has_value());
  CHECK(d.period->code() == "2024");

  d = parse_deadline("Năm 2024");
  CHECK(iso(d.due) == "2024-12-31");
  CHECK_FALSE(d.start.has_value());  // no "Trong": the text does not say when the work starts
}

TEST_CASE("multi-year spans") {
  for (const char* text : {"Trong năm 2024 và 2025", "Giai đoạn 2024 – 2025", "Giai đoạn 2024-2025", "Năm 2024 - 2025",
                           "Từ năm 2024 đến năm 2025", "Trong năm 2024 và năm 2025"}) {
    CAPTURE(std::string(text));
    const Deadline d = parse_deadline(text);
    CHECK(d.kind == DeadlineKind::period);
    CHECK(iso(d.start) == "2024-01-01");
    CHECK(iso(d.due) == "2025-12-31");
    CHECK_FALSE(d.period.has_value());
  }
  check_unknown("Năm 2025 - 2024");  // a backwards span is not read as anything
}

TEST_CASE("recurrence") {
  Deadline d = parse_deadline("Trong năm 2024 và thực hiện thường xuyên");
  CHECK(d.kind == DeadlineKind::mixed);
  CHECK(iso(d.due) == "2024-12-31");
  CHECK(iso(d.start) == "2024-01-01");
  CHECK(d.recurrence == Recurrence::continuous);
  CHECK(has_match(d, "due,start", "Trong năm 2024"));
  CHECK(has_match(d, "recurrence", "thực hiện thường xuyên"));

  d = parse_deadline("Thường xuyên");
  CHECK(d.kind == DeadlineKind::continuous);
  CHECK(d.recurrence == Recurrence::continuous);
  CHECK_FALSE(d.due.has_value());

  CHECK(parse_deadline("Hằng tháng").recurrence == Recurrence::monthly);
  CHECK(parse_deadline("Hàng tháng").recurrence == Recurrence::monthly);
  CHECK(parse_deadline("Định kỳ hằng tháng").recurrence == Recurrence::monthly);
  CHECK(parse_deadline("Hằng quý").recurrence == Recurrence::quarterly);
  CHECK(parse_deadline("Hằng năm").recurrence == Recurrence::yearly);
  CHECK(parse_deadline("Hàng năm").kind == DeadlineKind::continuous);
  check_unknown("Hằng tháng và hằng quý");  // two different recurrences: not choosing
}

TEST_CASE("conditions and authorities") {
  Deadline d = parse_deadline("Khi có yêu cầu của Bộ Công an");
  CHECK(d.kind == DeadlineKind::conditional);
  CHECK(d.condition == Condition::on_request);
  CHECK(d.authority == "Bộ Công an");
  CHECK(has_match(d, "authority", "Bộ Công an"));

  d = parse_deadline("Khi có chỉ đạo của UBND tỉnh");
  CHECK(d.condition == Condition::on_request);
  CHECK(d.authority == "UBND tỉnh");

  d = parse_deadline("Theo lộ trình của Bộ Thông tin và Truyền thông");
  CHECK(d.condition == Condition::per_roadmap);
  CHECK(d.authority == "Bộ Thông tin và Truyền thông");

  d = parse_deadline("Theo hướng dẫn của Bộ Tư pháp");
  CHECK(d.condition == Condition::on_guidance);
  CHECK(d.authority == "Bộ Tư pháp");

  d = parse_deadline("Sau khi có hướng dẫn của Bộ Kế hoạch và Đầu tư");
  CHECK(d.condition == Condition::on_guidance);
  CHECK(d.authority == "Bộ Kế hoạch và Đầu tư");
  CHECK(d.reference.empty());  // "Kế hoạch" inside a ministry's name is not a document

  d = parse_deadline("Khi có yêu cầu");
  CHECK(d.condition == Condition::on_request);
  CHECK(d.authority.empty());

  d = parse_deadline("Tháng 5/2024 (Theo chỉ đạo của bộ, ngành Trung ương)");
  CHECK(d.kind == DeadlineKind::mixed);
  CHECK(iso(d.due) == "2024-05-31");
  CHECK(d.condition == Condition::on_guidance);
  CHECK(d.authority == "bộ, ngành Trung ương");

  d = parse_deadline("Theo lộ trình của Bộ Công an và thực hiện thường xuyên");
  CHECK(d.authority == "Bộ Công an");  // the authority stops where a new clause starts
  CHECK(d.recurrence == Recurrence::continuous);
  CHECK(d.kind == DeadlineKind::mixed);
}

TEST_CASE("half-years, nine months and the context year") {
  Deadline d = parse_deadline("6 tháng đầu năm 2024");
  CHECK(iso(d.due) == "2024-06-30");
  CHECK(d.period->code() == "2024-S1");
  d = parse_deadline("6 tháng cuối năm 2024");
  CHECK(iso(d.due) == "2024-12-31");
  CHECK(d.period->code() == "2024-S2");
  d = parse_deadline("Trong 6 tháng đầu năm 2024");
  CHECK(iso(d.start) == "2024-01-01");

  d = parse_deadline("9 tháng đầu năm", {2024});
  CHECK(iso(d.due) == "2024-09-30");
  CHECK(d.period->code() == "2024-9M");
  CHECK_FALSE(d.diagnostics.empty());  // says the year came from the context
  check_unknown("9 tháng đầu năm");    // no context year: nothing guessed

  d = parse_deadline("Quý II", {2024});
  CHECK(iso(d.due) == "2024-06-30");
  d = parse_deadline("tháng 5", {2024});
  CHECK(iso(d.due) == "2024-05-31");
  d = parse_deadline("ngày 23/2", {2024});
  CHECK(iso(d.due) == "2024-02-23");
  check_unknown("Quý II");
  // An explicit year beats the context.
  CHECK(iso(parse_deadline("Quý II/2025", {2024}).due) == "2025-06-30");
}

TEST_CASE("named points and ranges (Bộ luật Dân sự 2015, Điều 146)") {
  CHECK(iso(parse_deadline("Cuối năm 2024").due) == "2024-12-31");
  CHECK(iso(parse_deadline("giữa năm 2024").due) == "2024-06-30");
  CHECK(iso(parse_deadline("đầu tháng 7/2024").due) == "2024-07-01");
  CHECK(iso(parse_deadline("giữa tháng 2/2024").due) == "2024-02-15");
  CHECK(iso(parse_deadline("cuối tháng 2/2024").due) == "2024-02-29");
  CHECK(parse_deadline("Cuối quý III/2024").kind == DeadlineKind::date);

  Deadline d = parse_deadline("Từ tháng 7/2024 đến tháng 12/2024");
  CHECK(iso(d.start) == "2024-07-01");
  CHECK(iso(d.due) == "2024-12-31");
  d = parse_deadline("Từ Quý IV/2024");
  CHECK(iso(d.start) == "2024-10-01");
  CHECK_FALSE(d.due.has_value());
  CHECK(d.kind == DeadlineKind::period);
}

TEST_CASE("staged and level-specific targets") {
  Deadline d = parse_deadline("Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024");
  REQUIRE(d.thresholds.size() == 2);
  CHECK(d.thresholds[0].value == "70");
  CHECK(d.thresholds[0].unit == "%");
  CHECK(d.thresholds[0].comparator == ThresholdComparator::at_least);
  CHECK(d.thresholds[0].from->code() == "2024-Q2");
  CHECK(d.thresholds[1].value == "90");
  CHECK(d.thresholds[1].from->code() == "2024-Q3");
  CHECK(d.text.substr(d.thresholds[0].offset, d.thresholds[0].length) == "Đạt từ 70% trở lên từ quý II/2024");
  CHECK_FALSE(d.due.has_value());
  CHECK(iso(d.start) == "2024-04-01");

  d = parse_deadline("Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90%");
  CHECK(iso(d.due) == "2024-12-31");
  REQUIRE(d.thresholds.size() == 2);
  CHECK(d.thresholds[0].levels == std::vector<Level>{Level::province, Level::district});
  CHECK(d.thresholds[0].value == "100");
  CHECK(d.thresholds[0].comparator == ThresholdComparator::reach);
  CHECK(d.thresholds[0].within->code() == "2024");
  CHECK(d.thresholds[1].levels == std::vector<Level>{Level::commune});
  CHECK(d.thresholds[1].value == "90");
  CHECK(d.thresholds[1].within->code() == "2024");

  d = parse_deadline("Năm 2024: đạt tối thiểu 42,5%");
  REQUIRE(d.thresholds.size() == 1);
  CHECK(d.thresholds[0].value == "42.5");  // exact decimal, '.' separator
  CHECK(d.thresholds[0].comparator == ThresholdComparator::at_least);

  d = parse_deadline("Quý IV/2024: tối đa 5%");
  REQUIRE(d.thresholds.size() == 1);
  CHECK(d.thresholds[0].comparator == ThresholdComparator::at_most);
  CHECK(d.thresholds[0].within->code() == "2024-Q4");

  d = parse_deadline("Từ ngày 1/7/2024 đạt 100%");
  CHECK(iso(d.start) == "2024-07-01");

  check_unknown("Đạt 90%");  // a target with no time at all is not a deadline
}

TEST_CASE("modifiers: dự kiến, phấn đấu and its typos") {
  for (const char* text : {"Phấn đấu hoàn thành trong năm 2024", "phần đầu hoàn thành trong năm 2024",
                           "Phản đầu hoàn thành trong năm 2024"}) {
    CAPTURE(std::string(text));
    const Deadline d = parse_deadline(text);
    CHECK(d.aspirational);
    CHECK_FALSE(d.tentative);
    CHECK(iso(d.due) == "2024-12-31");
  }
  const Deadline d = parse_deadline("Dự kiến quý III/2024");
  CHECK(d.tentative);
  CHECK(iso(d.due) == "2024-09-30");
  CHECK(has_match(d, "tentative", "Dự kiến"));
}

TEST_CASE("garbage is unknown with a diagnostic, never a guessed date") {
  check_unknown("");
  check_unknown("   ");
  check_unknown("abc");
  check_unknown("Sớm nhất có thể");
  check_unknown("Quý V/2024");
  check_unknown("tháng 13/2024");
  check_unknown("ngày 31/2/2024");
  check_unknown("Quý I/2024 hoặc quý II/2024");
  check_unknown("Quý I/2024 và quý II/2024");  // two deadlines: not choosing
  check_unknown("Năm 2024 xyz");               // a known part does not excuse an unknown one
  check_unknown("2024");
  check_unknown("15/63");
  check_unknown("Thực hiện");
  check_unknown("\xff\xfe\xfd");
  check_unknown(std::string("Quý II/2024") + std::string(1, '\0'));
  check_unknown("<p></p>");

  const Deadline d = parse_deadline("ngày 31/2/2024");
  bool says_invalid = false;
  for (const auto& msg : d.diagnostics) says_invalid |= msg.find("not a valid date") != std::string::npos;
  CHECK(says_invalid);

  const Deadline e = parse_deadline("Năm 2024 xyz");
  bool names_column = false;
  for (const auto& msg : e.diagnostics) names_column |= msg.find("\"xyz\" at byte 11") != std::string::npos;
  CHECK(names_column);
}

TEST_CASE("long inputs stay linear") {
  // Nested lists once made authority_end call itself for every comma (exponential time).
  std::string text = "Theo lộ trình của Bộ A";
  for (int k = 0; k < 300; ++k) text += ", theo hướng dẫn của Bộ B";
  const Deadline d = parse_deadline(text);
  CHECK(d.condition == Condition::per_roadmap);
  CHECK(d.authority == "Bộ A");
  std::string junk;
  for (int k = 0; k < 2000; ++k) junk += "năm 2024 ";
  check_unknown(junk);  // two thousand deadlines: not choosing
}

TEST_CASE("describe gives a one-line explanation") {
  CHECK(da06::describe(parse_deadline("Trong năm 2024 và thực hiện thường xuyên")) ==
        "due 2024-12-31, from 2024-01-01, continuous [mixed]");
  CHECK(da06::describe(parse_deadline("abc")).rfind("unknown", 0) == 0);
}

TEST_CASE("phrases real reports write: spans of months, recurring days, phases, events, lead verbs") {
  // "Quý IV năm 2025 và duy trì thường xuyên": a period, then maintained work
  Deadline d = parse_deadline("Quý IV năm 2025 và duy trì thường xuyên");
  CHECK(d.kind == DeadlineKind::mixed);
  CHECK(iso(d.due) == "2025-12-31");
  CHECK(d.recurrence == Recurrence::continuous);
  CHECK(has_match(d, "recurrence", "duy trì thường xuyên"));

  // a span of months of one year
  d = parse_deadline("Tháng 10-11/2025");
  CHECK(d.kind == DeadlineKind::period);
  CHECK(iso(d.start) == "2025-10-01");
  CHECK(iso(d.due) == "2025-11-30");
  CHECK_FALSE(d.period.has_value());  // two months are not one period
  d = parse_deadline("Từ tháng 10 đến tháng 12 năm 2025");
  CHECK(iso(d.start) == "2025-10-01");
  CHECK(iso(d.due) == "2025-12-31");
  check_unknown("Tháng 11-10/2025");  // a backwards span is not read
  check_unknown("Tháng 10-13/2025");

  // a day of every month
  d = parse_deadline("trước ngày 20 hằng tháng");
  CHECK(d.kind == DeadlineKind::continuous);
  CHECK(d.recurrence == Recurrence::monthly);
  REQUIRE(d.recurring_day.has_value());
  CHECK(*d.recurring_day == 20);
  CHECK(d.strictly_before);
  CHECK_FALSE(d.due.has_value());
  d = parse_deadline("Ngày 25 hàng tháng");
  CHECK(*d.recurring_day == 25);
  CHECK_FALSE(d.strictly_before);
  check_unknown("trước ngày 32 hằng tháng");

  // "trong ngày …": that day
  d = parse_deadline("trong ngày 20 tháng 11 năm 2025");
  CHECK(d.kind == DeadlineKind::date);
  CHECK(iso(d.due) == "2025-11-20");

  // a report due on a day, then monthly; the leading "báo cáo kết quả" is a verb phrase, not a date
  d = parse_deadline("Báo cáo kết quả trước ngày 20 tháng 11 năm 2025 và hàng tháng");
  CHECK(d.kind == DeadlineKind::mixed);
  CHECK(iso(d.due) == "2025-11-20");
  CHECK(d.strictly_before);
  CHECK(d.recurrence == Recurrence::monthly);
  CHECK_FALSE(d.recurring_day.has_value());  // the day of later months is not printed: not guessed

  d = parse_deadline("Hằng năm.");
  CHECK(d.kind == DeadlineKind::continuous);
  CHECK(d.recurrence == Recurrence::yearly);

  d = parse_deadline("Khi có phát sinh.");
  CHECK(d.kind == DeadlineKind::conditional);
  CHECK(d.condition == Condition::on_event);
  CHECK(d.authority.empty());
  CHECK(parse_deadline("Khi phát sinh").condition == Condition::on_event);
  CHECK(parse_deadline("Khi cần thiết").condition == Condition::on_event);
  CHECK(std::string(da06::to_string(Condition::on_event)) == "on_event");

  d = parse_deadline("Năm 2025 - 2026");
  CHECK(iso(d.start) == "2025-01-01");
  CHECK(iso(d.due) == "2026-12-31");
  d = parse_deadline("Giai đoạn 2028-2030");
  CHECK(iso(d.start) == "2028-01-01");
  CHECK(iso(d.due) == "2030-12-31");

  // a completion and a later phase: the completion is the deadline, the phase keeps its dates
  d = parse_deadline("hoàn thành trong tháng 12 năm 2025, triển khai thực hiện trong năm 2026");
  CHECK(d.kind == DeadlineKind::period);
  CHECK(iso(d.due) == "2025-12-31");
  REQUIRE(d.phases.size() == 1);
  CHECK(d.phases[0].text == "triển khai thực hiện trong năm 2026");
  CHECK(iso(d.phases[0].start) == "2026-01-01");
  CHECK(iso(d.phases[0].due) == "2026-12-31");
  CHECK(d.text.substr(d.phases[0].offset, d.phases[0].length) == d.phases[0].text);
  CHECK(has_match(d, "phase", "triển khai thực hiện trong năm 2026"));
  // without a completion verb, two time clauses stay ambiguous
  check_unknown("trong tháng 12 năm 2025, trong năm 2026");
  check_unknown("Quý I/2024 và quý II/2024");

  // a bare day in a deadline column
  d = parse_deadline("31/10/2025");
  CHECK(d.kind == DeadlineKind::date);
  CHECK(iso(d.due) == "2025-10-31");

  // lead verbs
  d = parse_deadline("Bắt đầu triển khai từ năm 2026");
  CHECK(iso(d.start) == "2026-01-01");
  CHECK_FALSE(d.due.has_value());
  CHECK(d.kind == DeadlineKind::period);
  d = parse_deadline("Triển khai đảm bảo theo lộ trình, hướng dẫn của Bộ, ngành.");
  CHECK(d.kind == DeadlineKind::conditional);
  CHECK(d.condition == Condition::per_roadmap);
  CHECK(d.authority == "Bộ, ngành");
  // fillers alone are still not a deadline
  check_unknown("Triển khai");
  check_unknown("Báo cáo kết quả");

  // the JSON document carries the new fields
  const auto j = nlohmann::json::parse(da06::to_json(parse_deadline("trước ngày 20 hằng tháng")));
  CHECK(j["recurring_day"] == 20);
  CHECK(j["phases"].is_array());
}

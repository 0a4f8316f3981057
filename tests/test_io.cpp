// The loader, the writer and the embedded dataset.
#include <da06/io.hpp>

#include <doctest/doctest.h>

#include "seed_report.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == '\t') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// "\xe1" escapes in the expectation file -> bytes.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() + 0 && s[i + 1] == 'x') {
      out += static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Independent oracle for positions: a plain text search, line = 1 + newlines before, column in code points.
void position_of(const std::string& text, std::size_t off, int& line, int& col) {
  line = 1;
  col = 1;
  for (std::size_t i = 0; i < off; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
}

const std::string kDir = DA06_SOURCE_DIR "/tests/data/bad/";

}  // namespace

TEST_CASE("bad-input catalogue: every file gives a located error at the offending text") {
  std::ifstream in(kDir + "expected.tsv");
  REQUIRE(in);
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split_tabs(line);
    REQUIRE(cols.size() == 3);
    const std::string file = kDir + cols[0];
    std::string marker = unescape(cols[1]);
    int nth = 1;
    if (auto h = marker.rfind('#'); h != std::string::npos && h + 1 < marker.size() && std::isdigit(static_cast<unsigned char>(marker[h + 1]))) {
      nth = std::stoi(marker.substr(h + 1));
      marker.resize(h);
    }
    CAPTURE(cols[0]);
    CAPTURE(cols[2]);
    const std::string text = slurp(file);
    std::size_t off = 0;
    if (!marker.empty()) {
      off = std::string::npos;
      std::size_t from = 0;
      for (int k = 0; k < nth; ++k) {
        off = text.find(marker, from);
        REQUIRE(off != std::string::npos);
        from = off + 1;
      }
    }
    int want_line, want_col;
    position_of(text, off, want_line, want_col);

    da06::LoadResult r = da06::load_framework_file(file);
    CHECK_FALSE(r.ok());
    const da06::Diagnostic* hit = nullptr;
    for (const auto& d : r.diagnostics)
      if (d.severity == da06::Severity::error && d.message.find(cols[2]) != std::string::npos &&
          d.where.line == want_line && d.where.column == want_col)
        hit = &d;
    std::string all;
    for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
    CAPTURE(all);
    CAPTURE(want_line);
    CAPTURE(want_col);
    CHECK(hit != nullptr);
    if (hit) CHECK(hit->where.file == file);
    ++cases;
  }
  CHECK(cases >= 11);
}

TEST_CASE("a rejected record is named; every valid record is kept") {
  da06::LoadResult r = da06::load_framework_file(kDir + "zero_denominator.json");
  REQUIRE(r.error_count() == 1);
  CHECK(r.diagnostics[0].message.find("observation 'O1' rejected") != std::string::npos);
  CHECK(r.diagnostics[0].where.path == "$.observations[0].denominator");
  CHECK(r.diagnostics[0].where.field == "denominator");
  REQUIRE(r.framework.observations().size() == 1);
  CHECK(r.framework.observations()[0].id == "O2");
  CHECK(r.framework.indicators().size() == 2);

  da06::LoadResult d = da06::load_framework_file(kDir + "dangling_reference.json");
  REQUIRE(d.framework.tasks().size() == 1);
  CHECK(d.framework.tasks()[0].id == "T01");
}

TEST_CASE("long ids and references are quoted as bounded excerpts in every message") {
  // 5 000-byte references (indicator, unit, source document) and a 5 000-byte id of a rejected record:
  // each message names them by a 40-character excerpt and their length, never whole.
  const std::string x(5000, 'X'), d(5000, 'D'), t(5000, 'T');
  const std::string text = R"({"format": "da06-framework", "format_version": 1, "id": "t",
    "units": [{"id": "VN", "name": "VN", "level": "nation"}],
    "indicators": [{"id": "I", "name": "I", "kind": "count"}],
    "observations": [{"id": "o1", "indicator": ")" + x + R"(", "unit": "VN", "period": "2024", "value": 1},
                     {"id": "o2", "indicator": "I", "unit": "VN", "period": "2024", "value": 1,
                      "source": {"document": ")" + d + R"("}}],
    "tasks": [{"id": ")" + t + R"(", "title": "t"}]})";
  da06::LoadResult r = da06::load_framework_json(text, "long.json");
  std::string all;
  for (const auto& e : r.diagnostics) all += e.to_string() + "\n";
  INFO(all);
  REQUIRE(r.error_count() == 3);
  for (const auto& e : r.diagnostics) CHECK(e.to_string().size() < 300);
  CHECK(all.find("indicator \"" + x.substr(0, 40) + "… (5000 bytes)\" does not exist (observation 'o1' rejected)") !=
        std::string::npos);
  CHECK(all.find("source document \"" + d.substr(0, 40) + "… (5000 bytes)\" is not in \"sources\"") != std::string::npos);
  CHECK(all.find("(task '" + t.substr(0, 40) + "… (5000 bytes)' rejected)") != std::string::npos);
}

TEST_CASE("integers past int64 are rejected, never wrapped or rounded") {
  da06::LoadResult r = da06::load_framework_file(kDir + "beyond_int64.json");
  CHECK(r.error_count() == 2);
  CHECK(r.framework.observations().empty());
}

TEST_CASE("unknown keys warn but do not reject") {
  const char* text = R"({"format": "da06-framework", "format_version": 1,
    "tasks": [{"id": "T01", "number": 1, "title": "x", "colour": "red"}]})";
  da06::LoadResult r = da06::load_framework_json(text, "mem.json");
  CHECK(r.ok());
  REQUIRE(r.warning_count() == 1);
  CHECK(r.diagnostics[0].where.path == "$.tasks[0].colour");
  CHECK(r.diagnostics[0].where.line == 2);
  CHECK(r.framework.tasks().size() == 1);
}

TEST_CASE("a deadline text the parser cannot read warns at its field; the task is kept") {
  const char* text = R"({"format": "da06-framework", "format_version": 1,
    "tasks": [{"id": "T01", "number": 1, "title": "x", "deadline_text": "Quý IV/2024"},
              {"id": "T02", "number": 2, "title": "y", "deadline_text": "Sau khi xong việc kia"},
              {"id": "T03", "number": 3, "title": "z", "deadline_text": "Quý II"},
              {"id": "T04", "number": 4, "title": "w", "deadline_text": "  "}]})";
  da06::LoadResult r = da06::load_framework_json(text, "mem.json");
  CHECK(r.ok());
  // "Quý II" has no year, and this file names none (no period code, no document dates): unread too.
  REQUIRE(r.warning_count() == 2);
  CHECK(r.diagnostics[0].where.path == "$.tasks[1].deadline_text");
  CHECK(r.diagnostics[0].where.line == 3);
  CHECK(r.diagnostics[0].message.find("\"Sau khi xong việc kia\"") != std::string::npos);
  CHECK(r.diagnostics[0].message.find("'T02'") != std::string::npos);
  CHECK(r.diagnostics[1].where.path == "$.tasks[2].deadline_text");
  CHECK(r.framework.tasks().size() == 4);

  // With the plan's period the year is known, and "Quý II" is read.
  std::string with_year(text);
  with_year.insert(with_year.find("\"tasks\""), R"("period": {"code": "2024-S1"}, )");
  da06::LoadResult y = da06::load_framework_json(with_year, "mem.json");
  REQUIRE(y.warning_count() == 1);
  CHECK(y.diagnostics[0].where.path == "$.tasks[1].deadline_text");
}

TEST_CASE("floats are refused where exact numbers are required") {
  const char* text = R"({"format": "da06-framework", "format_version": 1,
    "indicators": [{"id": "r", "name": "x", "kind": "ratio"}],
    "units": [{"id": "TH", "name": "x", "level": "province"}],
    "targets": [{"id": "t", "indicator": "r", "comparator": ">=", "threshold": 90.5}],
    "observations": [{"id": "o", "indicator": "r", "unit": "TH", "period": "2024", "numerator": 1.5, "denominator": 2}]})";
  da06::LoadResult r = da06::load_framework_json(text);
  CHECK(r.error_count() == 2);
  CHECK(r.framework.targets().empty());
  CHECK(r.framework.observations().empty());
}

TEST_CASE("comments are allowed; format and version are checked") {
  da06::LoadResult ok = da06::load_framework_json("// hello\n{\"format\": \"da06-framework\", /* v1 */ \"format_version\": 1}");
  CHECK(ok.ok());
  da06::LoadResult bad = da06::load_framework_json("{\"format\": \"other\", \"format_version\": 2}");
  CHECK(bad.error_count() == 2);
}

TEST_CASE("strict loading throws LoadError with every diagnostic") {
  CHECK_THROWS_AS(da06::read_framework_file(kDir + "feb30.json"), da06::LoadError);
  try {
    da06::read_framework_file(kDir + "wrong_type.json");
  } catch (const da06::LoadError& e) {
    CHECK(e.diagnostics().size() == 1);
    CHECK(std::string(e.what()).find("wrong_type.json:3:") != std::string::npos);
  }
  CHECK_THROWS_AS(da06::read_framework_file(kDir + "no-such-file.json"), da06::LoadError);
}

TEST_CASE("write then load gives an equal framework (example file)") {
  da06::Framework a = da06::read_framework_file(DA06_SOURCE_DIR "/examples/data/minimal.json");
  std::string text = da06::write_framework_json(a);
  da06::LoadResult b = da06::load_framework_json(text, "written.json");
  REQUIRE(b.ok());
  CHECK(b.diagnostics.empty());
  CHECK(a.data() == b.framework.data());
  // And a second write is byte-identical (the writer is deterministic).
  CHECK(da06::write_framework_json(b.framework) == text);
}

TEST_CASE("write then load gives an equal framework (embedded dataset)") {
  da06::Framework a = da06::default_framework();
  da06::LoadResult b = da06::load_framework_json(da06::write_framework_json(a), "written.json");
  REQUIRE(b.ok());
  CHECK(a.data() == b.framework.data());
}

TEST_CASE("the embedded dataset loads without errors or warnings") {
  da06::LoadResult r = da06::load_framework_json(da06::default_dataset_json(), "embedded");
  std::string all;
  for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
  CAPTURE(all);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("embedded dataset: 72 tasks, group counts equal the declared ones") {
  da06::Framework fw = da06::default_framework();
  REQUIRE(fw.tasks().size() == 72);
  std::set<int> numbers;
  for (const auto& t : fw.tasks()) numbers.insert(t.number);
  CHECK(numbers.size() == 72);
  CHECK(*numbers.begin() == 1);
  CHECK(*numbers.rbegin() == 72);
  REQUIRE(fw.task_groups().size() == 10);
  const int declared[] = {3, 29, 5, 5, 14, 4, 4, 2, 2, 4};
  for (std::size_t i = 0; i < 10; ++i) {
    CAPTURE(fw.task_groups()[i].id);
    CHECK(fw.task_groups()[i].declared_count == declared[i]);
    CHECK(fw.task_count_in_group(fw.task_groups()[i].id) == declared[i]);
  }
}

TEST_CASE("embedded dataset: every record's quote is verbatim on its line of the seed") {
  const auto seed = da06_test::seed_text();
  if (!seed) return;
  std::vector<std::string> lines;
  std::istringstream seed_lines(*seed);
  for (std::string l; std::getline(seed_lines, l);) lines.push_back(l);
  da06::Framework fw = da06::default_framework();
  const auto& d = fw.data();
  int checked = 0;
  auto check = [&](const std::string& id, const da06::SourceRef& s, const std::string& published) {
    if (s.document != "seed") return;
    CAPTURE(id);
    REQUIRE(s.line >= 1);
    REQUIRE(static_cast<std::size_t>(s.line) <= lines.size());
    CHECK_FALSE(s.quote.empty());
    CHECK(lines[static_cast<std::size_t>(s.line) - 1].find(s.quote) != std::string::npos);
    if (!published.empty() && s.appendix.empty()) CHECK(s.quote.find(published) != std::string::npos);
    ++checked;
  };
  for (const auto& o : d.observations) check(o.id, o.source, o.published);
  for (const auto& t : d.tasks) check(t.id, t.source, "");
  for (const auto& t : d.targets) check(t.id, t.source, "");
  for (const auto& t : d.totals) check(t.id, t.source, "");
  CHECK(checked > 150);
}

TEST_CASE("empty ids and enums are errors, not defaults; small integers are range-checked") {
  const char* text = R"({"format": "da06-framework", "format_version": 1,
    "units": [{"id": "", "name": "x", "level": "province"}, {"id": "A", "name": "x", "level": ""}],
    "indicators": [{"id": "i", "name": "x", "kind": ""}],
    "task_groups": [{"id": "G", "title": "x", "declared_count": 99999999999}],
    "tasks": [{"id": "T", "number": 4294967297, "title": "x"}]})";
  da06::LoadResult r = da06::load_framework_json(text);
  CHECK(r.error_count() == 5);
  CHECK(r.framework.units().empty());
  CHECK(r.framework.indicators().empty());
  CHECK(r.framework.task_groups().empty());
  CHECK(r.framework.tasks().empty());
}

TEST_CASE("validation rules load, reject bad operators and dangling indicators, and round-trip") {
  const char* text = R"({"format": "da06-framework", "format_version": 1,
    "indicators": [{"id": "r", "name": "x", "kind": "ratio"}],
    "validation_rules": [
      {"id": "V1", "name": "online <= all", "left": {"terms": [{"indicator": "r", "quantity": "numerator"}]},
       "operator": "<=", "right": {"terms": [{"indicator": "r", "quantity": "denominator"}]},
       "importance": "high", "missing_value_policy": "never_skip", "levels": ["province", "district"]},
      {"id": "V2", "left": {"constant": "1"}, "operator": "top", "right": {"constant": "2"}},
      {"id": "V3", "left": {"terms": [{"indicator": "nope"}]}, "operator": "=", "right": {"constant": "0"}}
    ]})";
  da06::LoadResult r = da06::load_framework_json(text);
  CHECK(r.error_count() == 2);
  REQUIRE(r.framework.data().validation_rules.size() == 1);
  const auto& v = r.framework.data().validation_rules[0];
  CHECK(v.op == da06::Comparator::le);
  CHECK(v.importance == da06::Importance::high);
  CHECK(v.missing_value == da06::MissingValuePolicy::never_skip);
  CHECK(v.levels.size() == 2);
  da06::LoadResult again = da06::load_framework_json(da06::write_framework_json(r.framework));
  REQUIRE(again.ok());
  CHECK(again.framework.data() == r.framework.data());
}

TEST_CASE("imported records: task attributes, table and paragraph sources, observation candidates round-trip") {
  const char* text = R"JSON({"format": "da06-framework", "format_version": 1,
    "sources": [{"id": "doc", "file": "kh.docx"}],
    "tasks": [
      {"id": "T1", "number": 1, "title": "Xây dựng",
       "attributes": {"Người đứng đầu chịu trách nhiệm": "Cục trưởng", "Nguồn kinh phí": "Ngân sách"},
       "source": {"document": "doc", "table": "2", "row": "1", "paragraph": 14, "quote": "Xây dựng"}},
      {"id": "T2", "number": 2, "title": "x", "attributes": {"Sản phẩm": 3}},
      {"id": "T3", "number": 3, "title": "y", "attributes": ["a"]},
      {"id": "T4", "number": 4, "title": "z", "attributes": {"": "empty name"}}],
    "observations": [],
    "observation_candidates": [
      {"id": "OC1", "kind": "ratio", "numerator": 990, "denominator": 1714, "published": "990/1.714",
       "sentence": "+ Dịch vụ công trực tuyến toàn trình: 990/1.714 (đạt 57,8%)", "review": "pending",
       "source": {"document": "doc", "line": 94, "quote": "990/1.714"}},
      {"id": "OC2", "kind": "change", "value": "-3", "unit": "hồ sơ", "against": "tháng 12/2023", "published": "Giảm 3 hồ sơ"},
      {"id": "OC3", "kind": "guess", "value": "1"},
      {"id": "OC4", "kind": "ratio", "numerator": 5},
      {"id": "OC5", "kind": "percent", "value": 57.8},
      {"id": "OC6", "kind": "count", "value": "12", "review": "maybe"},
      {"id": "OC7", "kind": "count", "value": "12", "review": "accepted", "observation": "O-none"}]})JSON";
  da06::LoadResult r = da06::load_framework_json(text, "imported.json");
  CHECK(r.error_count() == 8);  // T2, T3, T4, OC3, OC4, OC5 (float), OC6, OC7 (dangling observation)
  REQUIRE(r.framework.tasks().size() == 1);
  const da06::Task& t = r.framework.tasks()[0];
  CHECK(t.attributes.size() == 2);
  CHECK(t.attributes.at("Nguồn kinh phí") == "Ngân sách");
  CHECK(t.source.table == "2");
  CHECK(t.source.paragraph == 14);
  REQUIRE(r.framework.observation_candidates().size() == 2);
  const auto& c = r.framework.observation_candidates()[0];
  CHECK(c.kind == da06::CandidateKind::ratio);
  CHECK(*c.numerator == 990);
  CHECK(c.review == da06::Review::pending);
  CHECK(r.framework.observation_candidates()[1].value == "-3");
  CHECK(r.framework.observation_candidates()[1].review == da06::Review::pending);  // the default
  bool named = false;
  for (const auto& d : r.diagnostics)
    if (d.message.find("observation candidate 'OC3' rejected") != std::string::npos) named = true;
  CHECK(named);
  // the writer keeps every field; loading it again gives an equal framework
  const std::string written = da06::write_framework_json(r.framework);
  CHECK(written.find("\"observation_candidates\"") != std::string::npos);
  CHECK(written.find("\"attributes\"") != std::string::npos);
  da06::LoadResult again = da06::load_framework_json(written, "written.json");
  REQUIRE(again.ok());
  CHECK(again.diagnostics.empty());
  CHECK(again.framework.data() == r.framework.data());
  // a framework without them writes neither key (the embedded dataset's file is unchanged)
  const std::string plain = da06::write_framework_json(da06::default_framework());
  CHECK(plain.find("observation_candidates") == std::string::npos);
  CHECK(plain.find("\"attributes\"") == std::string::npos);
}

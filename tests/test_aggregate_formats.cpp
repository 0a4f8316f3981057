// The CSV formats of aggregation (units, counts, mapping) on their one table reader: columns by name,
// one message for a bad header, Excel's habits on a Vietnamese locale detected and said, extra columns
// kept or reported, every problem located FILE:LINE:COL: field: message.
#include <da06/aggregate.hpp>
#include <da06/hierarchy.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

std::string all_of(const std::vector<da06::Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.to_string() + "\n";
  return s;
}

}  // namespace

TEST_CASE("units CSV: columns by name in any order; name and kind read; other columns kept as attributes") {
  const char* csv =
      "level,id,name,code,parent,valid_to\n"
      "nation,VN,Việt Nam,VN,,\n"
      "province,TH,Thanh Hóa,38,VN,\n"
      "district,BS,Bỉm Sơn,380,TH,2025-06-30\n";
  auto r = da06::load_hierarchy_csv(csv, "u.csv");
  INFO(all_of(r.diagnostics));
  CHECK(r.diagnostics.empty());
  const auto& h = r.hierarchy;
  REQUIRE(h.size() == 3);
  CHECK(h.name(*h.find("TH")) == "Thanh Hóa");
  CHECK(h.id(1) == "TH");
  REQUIRE(h.attribute(*h.find("BS"), "code"));
  CHECK(*h.attribute(*h.find("BS"), "code") == "380");
  CHECK_FALSE(h.attribute(0, "population"));
  CHECK(h.attributes().names == std::vector<std::string>{"code"});
  CHECK(h.ancestor_at_level(*h.find("BS"), da06::Level::province, da06::Date(2025, 6, 30)) == *h.find("TH"));
  CHECK(h.ancestor_at_level(*h.find("BS"), da06::Level::province, da06::Date(2025, 7, 1)) == -1);
  // Without a name column the name is the id; a rejected unit's attributes go with it.
  auto s = da06::load_hierarchy_csv("id,parent,level,code\nP,,province,1\nX,P,distrikt,2\nC,P,commune,3\n", "s.csv");
  REQUIRE(s.hierarchy.size() == 2);
  CHECK(s.hierarchy.name(0) == "P");
  CHECK(*s.hierarchy.attribute(1, "code") == "3");
}

TEST_CASE("CSV header: missing, repeated and misspelt columns are one message each, never one per row") {
  std::string rows;
  for (int i = 0; i < 5000; ++i) {
    rows += 'C';
    rows += std::to_string(i);
    rows += ",P,commune\n";
  }
  auto missing = da06::load_hierarchy_csv("id,parent\n" + rows, "m.csv");
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].to_string() ==
        "m.csv:1:1: header: the header has no column \"level\" (required: id, parent, level; found: id, parent). "
        "The file is not read.");
  auto twice = da06::load_counts_csv("unit,indicator,period,numerator,denominator,unit\nA,x,2024,1,2,B\n", "t.csv");
  REQUIRE(twice.diagnostics.size() == 1);
  CHECK(twice.diagnostics[0].to_string() ==
        "t.csv:1:45: header: the header names the column \"unit\" twice (columns 1 and 6); the file is not read");
  CHECK(twice.rows.empty());
  auto two_missing = da06::load_counts_csv("unit,indicator,period,num,den\nA,x,2024,1,2\n", "n.csv");
  REQUIRE(two_missing.diagnostics.size() == 1);
  CHECK(two_missing.diagnostics[0].message.rfind("the header has no column \"numerator\" or \"denominator\"", 0) == 0);
  // An optional column misspelt would silently be empty: a warning says so, the rest is read.
  auto typo = da06::load_hierarchy_csv("id,parent,level,valid_too\nP,,province,2025-06-30\n", "v.csv");
  REQUIRE(typo.diagnostics.size() == 1);
  CHECK(typo.diagnostics[0].to_string() ==
        "v.csv:1:17: header: warning: is the column \"valid_too\" meant to be \"valid_to\"? It is read as an extra "
        "column, and \"valid_to\" as absent");
  CHECK(typo.hierarchy.size() == 1);
  auto empty = da06::load_mapping_csv("", "e.csv");
  REQUIRE(empty.diagnostics.size() == 1);
  CHECK(empty.diagnostics[0].to_string() == "e.csv:1:1: empty file (expected a header with the columns old_id, new_id, share)");
}

TEST_CASE("CSV rows: short rows are errors at their end, long rows one warning, columns count characters") {
  auto t = da06::load_counts_csv(
      "unit,indicator,period,numerator,denominator\n"
      "Xã Đông,x,2024,1\n"          // 4 fields: located after "1", in characters (not bytes)
      "A,x,2024,1,2,extra\n"        // more fields than the header: warning
      "A,x,2025,1,2,\n"             // a trailing empty field: nothing to say
      "A,x,2026,1,2,more\n",
      "r.csv");
  std::string all = all_of(t.diagnostics);
  INFO(all);
  CHECK(t.rows.size() == 3);
  REQUIRE(t.diagnostics.size() == 2);
  CHECK(t.diagnostics[0].to_string() == "r.csv:2:17: denominator: row has 4 fields, expected 5 (row skipped)");
  CHECK(t.diagnostics[1].to_string() ==
        "r.csv:3:14: warning: 2 row(s) have more fields than the header's 5 (the first here); the extra fields are ignored");
}

TEST_CASE("CSV from Excel on a Vietnamese locale: ';' separators, a byte-order mark and 1.004 are read and said") {
  const std::string bom = "\xEF\xBB\xBF";
  auto t = da06::load_counts_csv(bom + "unit;indicator;period;numerator;denominator\n"
                                       "A;x;2024;1.004;12.345.678\n"
                                       "A;y;2024;999;1.000\n"
                                       "A;z;2024;1,5;2\n",  // a decimal comma is not a count
                                 "vn.csv");
  std::string all = all_of(t.diagnostics);
  INFO(all);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].numerator == 1004);
  CHECK(t.rows[0].denominator == 12345678);
  CHECK(t.rows[1].denominator == 1000);
  CHECK(all.find("vn.csv:1:1: warning: a UTF-8 byte-order mark (as Excel writes one) was skipped") != std::string::npos);
  CHECK(all.find("vn.csv:1:1: header: warning: fields are separated by ';'") != std::string::npos);
  CHECK(all.find("vn.csv:2:10: numerator: warning: numbers written with '.' between thousands, as Vietnamese Excel "
                 "writes them, are read as whole counts: \"1.004\" is 1004 (3 numbers in the file)") != std::string::npos);
  CHECK(all.find("vn.csv:4:10: numerator: \"1,5\" is not an integer (unexpected ',') (row skipped)") != std::string::npos);
  CHECK(t.diagnostics.size() == 4);
  // What is not thousands grouping stays an error: 1.5, 1.0045, .004, 1..004.
  for (const char* bad : {"1.5", "1.0045", ".004", "1..004", "1234.567"}) {
    auto b = da06::load_counts_csv(std::string("unit,indicator,period,numerator,denominator\nA,x,2024,") + bad + ",2\n", "b.csv");
    CHECK_MESSAGE(b.rows.empty(), bad);
  }
  // A ';' file whose header has no ';'-separated required columns is not taken for one.
  auto plain = da06::load_counts_csv("unit,indicator,period,numerator,denominator\nA;B,x,2024,1,2\n", "p.csv");
  CHECK(plain.rows.size() == 1);
  CHECK(plain.rows[0].unit == "A;B");
  // Units and mapping files from the same Excel.
  auto u = da06::load_hierarchy_csv(bom + "id;parent;level;name\nTH;;province;Thanh Hóa\n", "u.csv");
  REQUIRE(u.hierarchy.size() == 1);
  CHECK(u.hierarchy.name(0) == "Thanh Hóa");
  CHECK(u.ok());
  auto m = da06::load_mapping_csv("old_id;new_id;share\nX;N1;0,25\nX;N2;0,75\n", "m.csv");
  INFO(all_of(m.diagnostics));
  CHECK(m.ok());
  REQUIRE(m.mapping.targets("X"));
  CHECK(m.mapping.targets("X")->at(0).share.identical(da06::Ratio(1, 4)));
  CHECK(all_of(m.diagnostics).find("m.csv:2:6: share: warning: shares written with a decimal comma (\"0,25\")") !=
        std::string::npos);
}

TEST_CASE("CSV: columns the counts and mapping formats do not use are reported once, not silently dropped") {
  auto t = da06::load_counts_csv("unit,indicator,note,period,numerator,denominator\nA,x,hello,2024-Q1,1,2\nA,x,,2024-Q2,1,2\n", "c.csv");
  CHECK(t.rows.size() == 2);
  CHECK(t.rows[1].period == "2024-Q2");
  REQUIRE(t.diagnostics.size() == 1);
  CHECK(t.diagnostics[0].to_string() == "c.csv:1:16: header: warning: column(s) note are not counts columns and are ignored");
  auto m = da06::load_mapping_csv("share,new_id,old_id,source\n1,N,O,decree\n", "m.csv");
  CHECK(m.ok());
  CHECK(m.mapping.targets("O"));
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].severity == da06::Severity::warning);
}

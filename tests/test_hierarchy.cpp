// Hierarchy: effective dates across the 2025 reform, ancestor queries and maps, loaders with located errors.
#include <da06/hierarchy.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

using da06::Date;
using da06::Level;

namespace {

// A small synthetic province before and after 01/07/2025: districts D1, D2 end on 2025-06-30; old
// communes C1, C2 (under D1) and C3 (under D2) end with them; new communes N1, N2 start on 2025-07-01
// directly under the province. One commune (M) lives across the reform and changes parent.
const char* kCsv =
    "id,parent,level,valid_from,valid_to\n"
    "VN,,nation,,\n"
    "P,VN,province,,\n"
    "D1,P,district,,2025-06-30\n"
    "D2,P,district,,2025-06-30\n"
    "C1,D1,commune,,2025-06-30\n"
    "C2,D1,commune,,2025-06-30\n"
    "C3,D2,commune,,2025-06-30\n"
    "N1,P,commune,2025-07-01,\n"
    "N2,P,commune,2025-07-01,\n";

const Date d2024(2024, 6, 30), d2026(2026, 1, 1), last(2025, 6, 30), first(2025, 7, 1);

}  // namespace

TEST_CASE("hierarchy: ancestors respect effective dates across the 2025 reform") {
  auto r = da06::load_hierarchy_csv(kCsv, "units.csv");
  REQUIRE(r.ok());
  const auto& h = r.hierarchy;
  REQUIRE(h.size() == 9);
  auto id = [&](const char* s) { return *h.find(s); };
  CHECK(h.ancestor_at_level(id("C1"), Level::province, d2024) == id("P"));
  CHECK(h.ancestor_at_level(id("C1"), Level::district, d2024) == id("D1"));
  CHECK(h.ancestor_at_level(id("C1"), Level::province, last) == id("P"));   // closed interval: last day counts
  CHECK(h.ancestor_at_level(id("C1"), Level::province, first) == -1);       // the next day it does not
  CHECK(h.ancestor_lookup(id("C1"), Level::province, d2026).status == da06::AncestorStatus::unit_not_valid);
  CHECK(h.ancestor_at_level(id("N1"), Level::province, d2026) == id("P"));
  CHECK(h.ancestor_lookup(id("N1"), Level::province, d2024).status == da06::AncestorStatus::unit_not_valid);
  // After the reform there is no district level: a commune skips it.
  CHECK(h.ancestor_lookup(id("N1"), Level::district, d2026).status == da06::AncestorStatus::skipped_level);
  CHECK(h.ancestor_lookup(id("P"), Level::commune, d2026).status == da06::AncestorStatus::level_above);
  CHECK(h.ancestor_at_level(id("P"), Level::province, d2026) == id("P"));  // itself
  CHECK(h.ancestor_lookup(id("VN"), Level::province, d2026).status == da06::AncestorStatus::level_above);

  CHECK(h.children(id("P"), d2024) == std::vector<int32_t>{id("D1"), id("D2")});
  CHECK(h.children(id("P"), d2026) == std::vector<int32_t>{id("N1"), id("N2")});
  CHECK(h.children(id("D1"), d2024) == std::vector<int32_t>{id("C1"), id("C2")});
  CHECK(h.children(id("D1"), d2026).empty());
  CHECK(h.units_at_level(Level::district, d2026).empty());
  CHECK(h.units_at_level(Level::commune, d2024).size() == 3);
  CHECK(h.valid_on(id("D2"), d2024));
  CHECK_FALSE(h.valid_on(id("D2"), d2026));

  auto m24 = h.ancestor_map(Level::province, d2024);
  auto m26 = h.ancestor_map(Level::province, d2026);
  REQUIRE(m24.size() == h.size());
  for (int32_t i = 0; i < static_cast<int32_t>(h.size()); ++i) {
    CHECK(m24[i] == h.ancestor_at_level(i, Level::province, d2024));
    CHECK(m26[i] == h.ancestor_at_level(i, Level::province, d2026));
  }
  CHECK(m24[id("C3")] == id("P"));
  CHECK(m26[id("C3")] == -1);
  CHECK(m26[id("N2")] == id("P"));
}

TEST_CASE("hierarchy: a unit whose parent changes on a date (JSON dated links)") {
  const char* json = R"([
    {"id": "P", "name": "P", "level": "province"},
    {"id": "D", "name": "D", "level": "district", "valid_to": "2025-06-30", "parents": [{"parent": "P", "to": "2025-06-30"}]},
    {"id": "M", "name": "M", "level": "commune",
     "parents": [{"parent": "D", "to": "2025-06-30"}, {"parent": "P", "from": "2025-07-01"}]}
  ])";
  auto r = da06::load_hierarchy_json(json, "units.json");
  REQUIRE(r.ok());
  const auto& h = r.hierarchy;
  int32_t m = *h.find("M"), d = *h.find("D"), p = *h.find("P");
  CHECK(h.parent_at(m, d2024) == d);
  CHECK(h.parent_at(m, d2026) == p);
  CHECK(h.ancestor_at_level(m, Level::district, d2024) == d);
  CHECK(h.ancestor_at_level(m, Level::province, d2024) == p);
  CHECK(h.ancestor_at_level(m, Level::province, d2026) == p);
  CHECK(h.children(p, d2026) == std::vector<int32_t>{m});
}

TEST_CASE("hierarchy: a framework's units and the embedded dataset") {
  // The strict constructor from OrgUnits.
  da06::OrgUnit vn{"VN", "Việt Nam", Level::nation, "", {}, {}, {}};
  da06::OrgUnit th{"TH", "Thanh Hóa", Level::province, "tỉnh", {}, {}, {{"VN", {}, {}}}};
  da06::Hierarchy h({vn, th});
  CHECK(h.ancestor_at_level(*h.find("TH"), Level::nation, d2026) == *h.find("VN"));
  da06::OrgUnit bad{"X", "x", Level::commune, "", {}, {}, {{"NOPE", {}, {}}}};
  CHECK_THROWS_AS(da06::Hierarchy({vn, bad}), da06::LoadError);
}

TEST_CASE("hierarchy: dangling parents, cycles and level order are rejected and named; the rest is kept") {
  const char* csv =
      "id,parent,level,valid_from,valid_to\n"
      "P,,province,,\n"
      "A,GHOST,district,,\n"          // line 3: dangling
      "B,A,commune,,\n"               // line 4: parent rejected
      "X,Y,district,,\n"              // line 5: cycle X -> Y -> X
      "Y,X,district,,\n"              // line 6
      "Z,Z,commune,,\n"               // line 7: own parent
      "Q,C,district,,\n"              // line 8: parent below
      "C,P,commune,,\n"               // line 9: fine
      "P,,province,,\n";              // line 10: duplicate
  auto r = da06::load_hierarchy_csv(csv, "u.csv");
  CHECK_FALSE(r.ok());
  const auto& h = r.hierarchy;
  CHECK(h.size() == 2);
  CHECK(h.find("P"));
  CHECK(h.find("C"));
  std::string all;
  for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  CHECK(all.find("u.csv:3:3: parent: parent unit \"GHOST\" does not exist (unit 'A' rejected)") != std::string::npos);
  CHECK(all.find("u.csv:4:3: parent: parent unit \"A\" was rejected (unit 'B' rejected)") != std::string::npos);
  CHECK(all.find("cycle: X → Y → X") != std::string::npos);
  CHECK(all.find("u.csv:7:3: parent: unit is its own parent") != std::string::npos);
  CHECK(all.find("u.csv:8:5: level: parent \"C\" (commune) is not above a district (unit 'Q' rejected)") != std::string::npos);
  CHECK(all.find("u.csv:10:1: id: duplicate id 'P'") != std::string::npos);
  CHECK(r.error_count() == 6);  // the cycle X → Y → X is one message that rejects both
}

TEST_CASE("hierarchy: a long cycle is reported once, with a bounded path, in linear time") {
  const int n = 100000;
  std::string csv = "id,parent,level,valid_from,valid_to\n";
  for (int i = 0; i < n; ++i) {
    csv += 'U';
    csv += std::to_string(i);
    csv += ",U";
    csv += std::to_string((i + 1) % n);
    csv += ",commune,,\n";
  }
  auto r = da06::load_hierarchy_csv(csv, "c.csv");
  REQUIRE(r.diagnostics.size() == 1);
  const std::string m = r.diagnostics[0].to_string();
  CHECK(m.size() < 400);
  CHECK(m.find("parent links form a cycle: U0 → U1 → U2 → U3 → U4 → U5 → … → U99999 → U0 (100000 units)") != std::string::npos);
  CHECK(r.hierarchy.size() == 0);
}

TEST_CASE("hierarchy CSV: a field after a quoted line break is located on its own line (found by fuzz_units_csv)") {
  // Line 3 starts a record whose quoted id holds a line break; its parent field is on line 4, column 8.
  const char* csv =
      "id,parent,level,valid_from,valid_to\n"
      "P,,province,,\n"
      "\"A\n"
      "b\",GHOST,district,,\n"
      "\"C\n"
      "\"\n";  // line 5: a record of one field, ended on line 6
  auto r = da06::load_hierarchy_csv(csv, "u.csv");
  std::string all;
  for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  CHECK(all.find("u.csv:4:4: parent: parent unit \"GHOST\" does not exist") != std::string::npos);
  CHECK(all.find("u.csv:6:2: parent: row has 1 fields, expected 5") != std::string::npos);
  CHECK(r.hierarchy.size() == 1);
}

TEST_CASE("hierarchy CSV: bad rows are located FILE:LINE:COL: field and skipped") {
  const char* csv =
      "id,parent,level,valid_from,valid_to\n"
      "P,,province,,\n"
      "A,P,distrikt,,\n"                   // line 3 col 5: level
      "B,P,district,2024-02-30,\n"         // line 4 col 14: date does not exist
      "C,P,district,,30/06/2025\n"         // line 5 col 15: not ISO
      "D,P,district\n"                     // line 6: too few fields
      "E,P,district,2025-07-01,2025-06-30\n"  // line 7: to before from
      "\"F,1\",P,district,,\n";            // line 8: quoted id with a comma, fine
  auto r = da06::load_hierarchy_csv(csv, "u.csv");
  std::string all;
  for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  CHECK(all.find("u.csv:3:5: level: unknown level \"distrikt\"") != std::string::npos);
  CHECK(all.find("u.csv:4:14: valid_from: \"2024-02-30\" is not a valid date: day 30 does not exist in 2024-02 (which has 29 days)") != std::string::npos);
  CHECK(all.find("u.csv:5:15: valid_to: \"30/06/2025\" is not a valid date: expected a date as YYYY-MM-DD") != std::string::npos);
  CHECK(all.find("u.csv:6:13: valid_from: row has 3 fields, expected 5") != std::string::npos);
  CHECK(all.find("u.csv:7:25: valid_to: valid_to is before valid_from") != std::string::npos);
  CHECK(r.diagnostics.size() == 5);
  CHECK(r.hierarchy.size() == 2);
  CHECK(r.hierarchy.find("F,1"));

  // A header without a required column: one message for the file (never one per row), pointing at the
  // column that looks like a typo of it; no row is read.
  auto bad_header = da06::load_hierarchy_csv("id,parent,lvl,valid_from,valid_to\nP,,province,,\nD,P,district,,\n", "h.csv");
  REQUIRE(bad_header.diagnostics.size() == 1);
  CHECK(bad_header.diagnostics[0].to_string() ==
        "h.csv:1:11: header: the header has no column \"level\" (required: id, parent, level; found: id, parent, lvl, "
        "valid_from, valid_to); is \"lvl\" meant to be \"level\"? The file is not read.");
  CHECK(bad_header.hierarchy.size() == 0);
  auto unterminated = da06::load_hierarchy_csv("id,parent,level,valid_from,valid_to\nP,,province,,\n\"Q,P,district,,\n", "q.csv");
  CHECK(unterminated.hierarchy.size() == 1);
  REQUIRE(unterminated.diagnostics.size() == 1);
  CHECK(unterminated.diagnostics[0].to_string().rfind("q.csv:3:1: unterminated quoted field", 0) == 0);
}

TEST_CASE("hierarchy JSON: a bare array keeps exact lines and columns") {
  const char* json = "[{\"id\": \"P\", \"name\": \"P\", \"level\": \"province\"},\n"
                     " {\"id\": \"A\", \"name\": \"A\", \"level\": \"county\"}]";
  auto r = da06::load_hierarchy_json(json, "u.json");
  CHECK(r.hierarchy.size() == 1);
  REQUIRE(r.error_count() >= 1);
  CHECK(r.diagnostics[0].where.file == "u.json");
  CHECK(r.diagnostics[0].where.line == 2);
  CHECK(r.diagnostics[0].to_string() ==
        "u.json:2:36: $[1].level: \"county\" is not one of: nation, province, district, commune, village (unit 'A' rejected)");
  auto first_line = da06::load_hierarchy_json("[{\"id\": \"P\", \"name\": \"P\", \"level\": 7}]", "v.json");
  REQUIRE(first_line.error_count() >= 1);
  CHECK(first_line.diagnostics[0].where.line == 1);
  CHECK(first_line.diagnostics[0].where.column == 36);  // the 7, as in the user's text
  CHECK(first_line.diagnostics[0].where.path == "$[0].level");
  // Units located from the reading pass itself: after a byte-order mark, and after letters of two and
  // three bytes on the same line, the column still counts code points (Python's str.index + 1: 55, 3).
  auto bom = da06::load_hierarchy_json(
      "\xEF\xBB\xBF[{\"id\": \"VN\", \"name\": \"Việt Nam\", \"level\": \"nation\"}, {\"id\": \"VN\", \"name\": \"Đ\", "
      "\"level\": \"province\"},\n  {\"id\": \"TH\", \"name\": \"Thanh Hóa\", \"level\": \"province\", "
      "\"parents\": [{\"parent\": \"XX\"}]}]",
      "b.json");
  REQUIRE(bom.diagnostics.size() == 2);
  CHECK(bom.diagnostics[0].to_string().rfind("b.json:1:55: $[1]: duplicate id 'VN' (first at b.json:1:2: $[0])", 0) == 0);
  CHECK(bom.diagnostics[1].to_string() == "b.json:2:3: $[2]: parent unit \"XX\" does not exist (unit 'TH' rejected)");
}

TEST_CASE("hierarchy JSON: a framework's units are read, its other sections are not; build errors are located") {
  const char* json =
      "{\"format\": \"da06-framework\", \"format_version\": 1,\n"
      " \"observations\": [{\"id\": 5}],\n"  // not a units matter: not read here
      " \"units\": [{\"id\": \"P\", \"name\": \"Tỉnh P\", \"level\": \"province\"},\n"
      "           {\"id\": \"C\", \"name\": \"Xã C\", \"level\": \"commune\", \"parents\": [{\"parent\": \"GHOST\"}]},\n"
      "           {\"id\": \"P\", \"name\": \"again\", \"level\": \"province\"}]}\n";
  auto r = da06::load_hierarchy_json(json, "f.json");
  std::string all;
  for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  REQUIRE(r.diagnostics.size() == 2);  // the dangling parent and the duplicate, each once
  CHECK(r.diagnostics[0].to_string() == "f.json:4:12: $.units[1]: parent unit \"GHOST\" does not exist (unit 'C' rejected)");
  CHECK(r.diagnostics[1].to_string().rfind("f.json:5:12: $.units[2]: duplicate id 'P' (first at f.json:3:12: $.units[0])", 0) == 0);
  REQUIRE(r.hierarchy.size() == 1);
  CHECK(r.hierarchy.name(0) == "Tỉnh P");
  auto not_units = da06::load_hierarchy_json("{\"format\": \"other\", \"format_version\": 1}", "o.json");
  REQUIRE(not_units.diagnostics.size() == 1);
  CHECK(not_units.diagnostics[0].to_string() == "o.json:1:12: $.format: \"format\" must be \"da06-framework\", not \"other\"");
  auto scalar = da06::load_hierarchy_json("42", "s.json");
  REQUIRE(scalar.diagnostics.size() == 1);
  CHECK(scalar.diagnostics[0].message.rfind("the top level must be an array of units or a framework object", 0) == 0);
}

TEST_CASE("hierarchy JSON: overlapping parent links, against a brute force over every pair") {
  // Random links over a few days (touching ends included, open ends often): the unit is rejected
  // exactly when some pair overlaps, and the pair named does overlap.
  std::mt19937_64 rng(766);
  auto day = [](int d) {
    char b[16];
    std::snprintf(b, sizeof b, "2024-01-%02d", d);
    return std::string(b);
  };
  for (int trial = 0; trial < 3000; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 6);
    std::vector<std::optional<int>> from(n), to(n);
    std::string links;
    for (int k = 0; k < n; ++k) {
      if (rng() % 4) from[k] = 1 + static_cast<int>(rng() % 9);
      if (rng() % 4) to[k] = 1 + static_cast<int>(rng() % 9);
      if (from[k] && to[k] && *to[k] < *from[k]) std::swap(from[k], to[k]);
      links += std::string(k ? ", " : "") + "{\"parent\": \"VN\"" + (from[k] ? ", \"from\": \"" + day(*from[k]) + "\"" : "") +
               (to[k] ? ", \"to\": \"" + day(*to[k]) + "\"" : "") + "}";
    }
    auto overlap = [&](int a, int b) {
      const bool disjoint = (to[a] && from[b] && *to[a] < *from[b]) || (to[b] && from[a] && *to[b] < *from[a]);
      return !disjoint;
    };
    bool any = false;
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b) any = any || overlap(a, b);
    const std::string json = "[{\"id\": \"VN\", \"name\": \"VN\", \"level\": \"nation\"}, {\"id\": \"P\", \"name\": \"P\", "
                             "\"level\": \"province\", \"parents\": [" + links + "]}]";
    auto r = da06::load_hierarchy_json(json, "o.json");
    INFO(json);
    CHECK(r.hierarchy.size() == (any ? 1U : 2U));
    int a = -1, b = -1;
    for (const auto& d : r.diagnostics)
      if (std::sscanf(d.message.c_str(), "parent links %d and %d overlap in time", &a, &b) == 2) break;
    CHECK((a >= 0) == any);
    if (a >= 0) {
      REQUIRE((a < b && b < n));
      CHECK(overlap(a, b));
    }
  }
  // Thousands of links, all overlapping: one message, not one per pair (12 497 500 of them).
  std::string many;
  for (int k = 0; k < 5000; ++k) many += std::string(k ? ", " : "") + "{\"parent\": \"VN\", \"from\": \"2000-01-01\"}";
  auto big = da06::load_hierarchy_json("[{\"id\": \"VN\", \"name\": \"VN\", \"level\": \"nation\"}, {\"id\": \"P\", \"name\": \"P\", "
                                       "\"level\": \"province\", \"parents\": [" + many + "]}]",
                                       "m.json");
  CHECK(big.diagnostics.size() == 1);
}

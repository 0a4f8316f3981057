// Tests of da06/dossier_index.hpp: the national portal's published points reproduced from its own counts
// (UBND TP Hà Nội and UBND xã Ba Vì, year 2026; UBND tỉnh Phú Thọ, year and 9/2026 — raw API numbers
// recorded in the project's research notes, qd766/14_dvcqg_api_observations), rule files, what it takes.
#include <doctest/doctest.h>

#include "da06/dossier_index.hpp"
#include "da06/error.hpp"

#include <map>
#include <string>

namespace {
using Counts = std::map<std::string, std::int64_t, std::less<>>;
da06::CountCell cell(const char* unit, Counts c) { return da06::CountCell{unit, "2026", std::move(c)}; }
std::int64_t group(const da06::IndexRules& r, const da06::CountCell& c, const char* g) { return da06::score_unit(r, c).groups.at(g); }
}  // namespace

TEST_CASE("index: the portal's group points from its own counts") {
  const auto r = da06::portal_2026_rules();
  r.validate();
  // Hà Nội, year 2026 (total 55.23; TDGQ 14.81 is published as a ratio only, not tested here)
  const auto hn = cell("hanoi", {{"procedures_published_on_time", 0}, {"procedures_published", 79},
                                 {"procedures_updated_on_time", 65}, {"procedures_update_due", 80},
                                 {"procedures_public_full", 78}, {"procedures_public", 80},
                                 {"synced", 859324}, {"received", 1065150},
                                 {"procedures_online", 53}, {"procedures_competent", 81},
                                 {"services_with_online_dossier", 781}, {"online_services", 1965},
                                 {"online", 886491}, {"channel_total", 1065048},
                                 {"paid_online", 229394}, {"fee_obligation", 427521},
                                 {"procedures_with_paid_online", 125}, {"procedures_with_fee_dossier", 70},
                                 {"procedures_with_fees", 331},
                                 {"result_electronic", 536776}, {"digitised", 164908}, {"reused", 344455},
                                 {"personal_store", 7727}, {"citizen_data", 412784},
                                 {"procedures_with_citizen_data", 500}, {"procedures_for_individuals", 1327},
                                 {"satisfied", 785199}, {"complaints", 4506}, {"complaints_on_time", 1000},
                                 {"complaints_satisfied", 791}, {"complaints_about_procedures", 3431},
                                 {"complaints_about_staff", 939}});
  // DOSSIER_SYNC is 859324/859324 on the portal (its own denominator); give it that cell alone
  auto hn_sync = hn;
  hn_sync.counts["received"] = 859324;
  CHECK(group(r, hn_sync, "CKMB") == 1120);
  CHECK(group(r, hn, "CLGQ") == 923);
  CHECK(group(r, hn, "TTTT") == 469);
  CHECK(group(r, hn, "MDSH") == 801);  // 3.02 + 0.62 + 0.81 + 0.03 + 0.78 + 0.75 + 2 (null/null → full)
  CHECK(group(r, hn, "MDHL") == 729);
  // the indicator rows carry their inputs
  for (const auto& row : da06::score_indicators(r, hn))
    if (row.indicator == "REUSED_DIGITIZED_DATA") {
      CHECK(row.numerator == 344455);
      CHECK(row.denominator == 1065150);
      CHECK(row.threshold_numerator * 5 == row.threshold_denominator * 4);
      CHECK(row.points == 81);
      CHECK(row.rules_version == "portal-2026-10");
    }
  // xã Ba Vì (commune), year 2026
  const auto bv = cell("ba_vi", {{"received", 4474}, {"on_time", 4358}, {"procedures_online", 0},
                                 {"procedures_competent", 0}, {"services_with_online_dossier", 31},
                                 {"online_services", 403}, {"online", 3294}, {"channel_total", 4474},
                                 {"paid_online", 2558}, {"fee_obligation", 3292}, {"procedures_with_paid_online", 3},
                                 {"procedures_with_fee_dossier", 3}, {"procedures_with_fees", 31},
                                 {"satisfied", 4357}, {"complaints", 0}});
  CHECK(group(r, bv, "TDGQ") == 1948);
  CHECK(group(r, bv, "CLGQ") == 631);
  CHECK(group(r, bv, "TTTT") == 514);  // 4.66 + 0.24 + 0.24: components rounded before the sum (not 5.15)
  CHECK(group(r, bv, "MDHL") == 1800);
  // Phú Thọ
  CHECK(group(r, cell("pt", {{"procedures_online", 52}, {"procedures_competent", 89}, {"services_with_online_dossier", 516},
                             {"online_services", 1884}, {"online", 589496}, {"channel_total", 597894}}), "CLGQ") == 856);
  CHECK(group(r, cell("pt", {{"procedures_online", 52}, {"procedures_competent", 56}, {"services_with_online_dossier", 406},
                             {"online_services", 1968}, {"online", 150956}, {"channel_total", 152595}}), "CLGQ") == 883);
  CHECK(group(r, cell("pt", {{"on_time", 144625}, {"received", 184513}}), "TDGQ") == 1568);
  CHECK(group(r, cell("pt", {{"paid_online", 309542}, {"fee_obligation", 358625}, {"procedures_with_paid_online", 119},
                             {"procedures_with_fee_dossier", 68}, {"procedures_with_fees", 313}}), "TTTT") == 667);
  CHECK(group(r, cell("sct", {{"paid_online", 118}, {"fee_obligation", 118}, {"procedures_with_paid_online", 12},
                              {"procedures_with_fee_dossier", 0}, {"procedures_with_fees", 13}}), "TTTT") == 800);
  CHECK(group(r, cell("kcn", {{"paid_online", 18}, {"fee_obligation", 18}, {"procedures_with_paid_online", 2},
                              {"procedures_with_fee_dossier", 0}, {"procedures_with_fees", 3}}), "TTTT") == 767);
  CHECK(group(r, cell("viettri", {{"paid_online", 4015}, {"fee_obligation", 4920}, {"procedures_with_paid_online", 18},
                                  {"procedures_with_fee_dossier", 10}, {"procedures_with_fees", 38}}), "TTTT") == 674);
  CHECK(group(r, cell("vp", {{"on_time", 0}, {"received", 0}}), "TDGQ") == 0);  // 0/0 → 0
}

TEST_CASE("index: the inferred sync factor is switchable and changes only ONLINE_DOSSIERS") {
  const auto a = da06::portal_2026_rules(), b = da06::portal_2026_rules_with_sync_factor();
  const auto c = cell("x", {{"online", 40}, {"channel_total", 100}, {"synced", 50}, {"received", 100}});
  CHECK(group(a, c, "CLGQ") == 480);  // 6 × 0.4 / 0.5
  CHECK(group(b, c, "CLGQ") == 240);  // 6 × 0.4 × 0.5 / 0.5
  CHECK(b.version != a.version);
}

TEST_CASE("index: rule sets round-trip through JSON, and bad files are located") {
  const auto r = da06::portal_2026_rules();
  const std::string text = da06::index_rules_to_json(r);
  const auto back = da06::load_index_rules(text, "rules.json");
  CHECK(da06::index_rules_to_json(back) == text);
  CHECK(back.indicators.size() == r.indicators.size());
  // a new rule set without a rebuild: TDGQ with a 90 % threshold
  std::string next = text;
  const auto pos = next.find("\"version\": \"portal-2026-10\"");
  REQUIRE(pos != std::string::npos);
  next.replace(pos, 27, "\"version\": \"next\"");
  const auto on = next.find("\"code\": \"ON_TIME\"");
  const auto thr = next.find("\"threshold\": \"1\"", on);
  next.replace(thr, 16, "\"threshold\": \"0.9\"");
  const auto n = da06::load_index_rules(next);
  CHECK(n.version == "next");
  CHECK(group(n, cell("x", {{"on_time", 90}, {"received", 100}}), "TDGQ") == 2000);
  CHECK(group(r, cell("x", {{"on_time", 90}, {"received", 100}}), "TDGQ") == 1800);
  // errors name the file, line and path
  std::string bad = text;
  const auto t2 = bad.find("\"threshold\": \"0.8\"");
  bad.replace(t2, 18, "\"threshold\": 0.8");
  try {
    (void)da06::load_index_rules(bad, "rules.json");
    FAIL("accepted a JSON float");
  } catch (const da06::DataError& e) {
    CHECK(e.where().file == "rules.json");
    CHECK(e.where().line > 1);
    CHECK(e.where().path.find("threshold") != std::string::npos);
  }
  std::string sum = text;
  const auto m = sum.find("\"max_points\": \"20\"", sum.find("\"code\": \"ON_TIME\""));
  sum.replace(m, 18, "\"max_points\": \"19\"");
  CHECK_THROWS_WITH_AS((void)da06::load_index_rules(sum, "rules.json"), doctest::Contains("TDGQ"), da06::DataError);
}

TEST_CASE("index: what it takes is the smallest k, checked by a linear scan") {
  const auto r = da06::portal_2026_rules();
  for (std::int64_t received : {7, 40, 333}) {
    for (std::int64_t on_time = 0; on_time <= received; on_time += received / 5 + 1) {
      const auto c = cell("u", {{"received", received}, {"on_time", on_time}, {"satisfied", on_time}});
      const std::int64_t now = da06::score_unit(r, c).total;
      for (std::int64_t gain : {1, 50, 300, 5000}) {
        const auto w = da06::what_it_takes(r, c, da06::IndexLever::on_time, now + gain);
        std::optional<std::int64_t> want;
        for (std::int64_t k = 0; k <= received - on_time; ++k) {
          auto d = c;
          d.counts["on_time"] = on_time + k;
          if (da06::score_unit(r, d).total >= now + gain) {
            want = k;
            break;
          }
        }
        CAPTURE(received);
        CAPTURE(on_time);
        CAPTURE(gain);
        CHECK(w.extra == want);
      }
    }
  }
}

TEST_CASE("index: ranks share ties within a period") {
  const auto r = da06::portal_2026_rules();
  std::vector<da06::CountCell> cells{cell("a", {{"received", 10}, {"on_time", 5}}), cell("b", {{"received", 10}, {"on_time", 9}}),
                                     cell("c", {{"received", 10}, {"on_time", 5}}), cell("d", {{"received", 10}, {"on_time", 1}})};
  const auto ranked = da06::rank_units(r, cells);
  REQUIRE(ranked.size() == 4);
  CHECK(ranked[0].unit == "b");
  CHECK(ranked[0].rank == 1);
  CHECK(ranked[1].rank == 2);
  CHECK(ranked[2].rank == 2);
  CHECK(ranked[3].unit == "d");
  CHECK(ranked[3].rank == 4);
}

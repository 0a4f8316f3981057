// Tests of da06/dossier.hpp and da06/dossier_counts.hpp: batch due moments, statuses, counts.
// Oracles: da06::dossier_due (the single-dossier path of time_limits.cpp), a minute-by-minute walk of the
// office hours, and counts written out by hand.
#include <doctest/doctest.h>

#include "da06/calendar.hpp"
#include "da06/dossier.hpp"
#include "da06/dossier_counts.hpp"
#include "da06/error.hpp"
#include "da06/time_limits.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <random>
#include <vector>

using boost::gregorian::date;
using da06::DossierState;
using da06::kNoTime;
using da06::LocalSeconds;

namespace {
LocalSeconds at(date d, int h, int m = 0, int s = 0) { return da06::local_seconds(d, h * 3600 + m * 60 + s); }
std::int32_t day_of(date d) { return static_cast<std::int32_t>((d - date(1970, 1, 1)).days()); }
}  // namespace

TEST_CASE("dossier engine: working days equal the single-dossier dossier_due, times of day kept") {
  const auto cal = da06::Calendar::vietnam_public();
  const da06::DossierEngine eng(cal);
  CHECK(eng.due(at(date(2024, 4, 26), 16, 30), 5, da06::LimitUnit::working_days).due_day == date(2024, 5, 8));
  CHECK(eng.due(at(date(2024, 4, 26), 15, 0, 0), 5, da06::LimitUnit::working_days).due_day == date(2024, 5, 7));
  CHECK(eng.due(at(date(2024, 4, 26), 15, 0, 1), 5, da06::LimitUnit::working_days).due_day == date(2024, 5, 8));
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> day(0, 3000), sec(0, 86399), nd(0, 40);
  std::vector<LocalSeconds> rec(3000);
  std::vector<std::int32_t> lim(rec.size());
  for (std::size_t k = 0; k < rec.size(); ++k) {
    rec[k] = da06::local_seconds(date(2020, 1, 1) + boost::gregorian::days(day(rng)), sec(rng));
    lim[k] = nd(rng);
  }
  da06::DossierColumns c;
  c.n = rec.size();
  c.received_at = rec.data();
  c.time_limit = lim.data();
  std::vector<LocalSeconds> due_at(c.n);
  std::vector<std::int32_t> due_day(c.n), rec_day(c.n);
  da06::RowErrors errors;
  eng.due(c, kNoTime, due_at.data(), due_day.data(), rec_day.data(), errors);
  CHECK(errors.count == 0);
  for (std::size_t k = 0; k < c.n; ++k) {
    const date d = da06::local_date(rec[k]);
    const auto tod = rec[k] - da06::local_seconds(d);
    const auto want = da06::dossier_due(boost::posix_time::ptime(d, boost::posix_time::seconds(tod)), lim[k], cal);
    CAPTURE(k);
    REQUIRE(due_day[k] == day_of(want.due));
    REQUIRE(rec_day[k] == day_of(want.received));
    REQUIRE(due_at[k] == da06::local_seconds(want.due, 86399));
  }
}

TEST_CASE("dossier engine: working hours against a minute-by-minute walk of the office hours") {
  const auto cal = da06::Calendar::vietnam_public();
  const da06::DossierEngine eng(cal);
  // Fri 26/4/2024 16:00 + 4 h: 1 h on Friday (to 17:00), then 29/4–1/5 off, 3 h on Thu 2/5 → 10:30.
  CHECK(eng.due(at(date(2024, 4, 26), 16), 4, da06::LimitUnit::working_hours).due_at == at(date(2024, 5, 2), 10, 30));
  // 11:00 + 1 h: 30 min before lunch, 30 min after → 13:30 (the same day).
  CHECK(eng.due(at(date(2024, 6, 3), 11), 1, da06::LimitUnit::working_hours).due_at == at(date(2024, 6, 3), 13, 30));
  // exactly 8 h from the opening ends at the closing, not the next morning
  CHECK(eng.due(at(date(2024, 6, 3), 7, 30), 8, da06::LimitUnit::working_hours).due_at == at(date(2024, 6, 3), 17));
  // received at 06:00: counting starts at 07:30
  CHECK(eng.due(at(date(2024, 6, 3), 6), 2, da06::LimitUnit::working_hours).due_at == at(date(2024, 6, 3), 9, 30));
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> day(0, 700), minute(0, 1439), nh(0, 30);
  auto in_office = [](int m) { return (m >= 450 && m < 690) || (m >= 780 && m < 1020); };
  for (int t = 0; t < 300; ++t) {
    const date d = date(2023, 1, 1) + boost::gregorian::days(day(rng));
    const int m0 = minute(rng), h = nh(rng);
    const auto got = eng.due(at(d, m0 / 60, m0 % 60), h, da06::LimitUnit::working_hours);
    // walk minutes: each office minute on a working day consumes one
    date cur = d;
    int m = m0, left = h * 60;
    LocalSeconds want = kNoTime;
    if (left == 0) {
      while (!(cal.is_workday(cur) && in_office(m))) {
        if (++m == 1440) m = 0, cur += boost::gregorian::days(1);
      }
      want = at(cur, m / 60, m % 60);
    }
    while (left > 0) {
      if (cal.is_workday(cur) && in_office(m) && --left == 0) want = at(cur, m / 60, m % 60) + 60;
      if (++m == 1440) m = 0, cur += boost::gregorian::days(1);
    }
    CAPTURE(d);
    CAPTURE(m0);
    CAPTURE(h);
    REQUIRE(got.due_at == want);
  }
}

TEST_CASE("dossier engine: supplementation pauses add their working days; statuses as of a moment") {
  const auto cal = da06::Calendar::vietnam_public();
  const da06::DossierEngine eng(cal);
  // received Mon 3/6/2024 09:00, 5 days → due Mon 10/6; paused Tue 4/6 → Thu 6/6 (2 working days) → Wed 12/6
  std::vector<LocalSeconds> rec{at(date(2024, 6, 3), 9), at(date(2024, 6, 3), 9), at(date(2024, 6, 3), 9),
                                at(date(2024, 6, 3), 9), at(date(2024, 6, 3), 9), kNoTime, at(date(2024, 6, 3), 9)};
  std::vector<std::int32_t> lim{5, 5, 5, 5, 5, 5, -1};
  std::vector<LocalSeconds> ps{at(date(2024, 6, 4), 10), kNoTime, kNoTime, kNoTime, kNoTime, kNoTime, kNoTime};
  std::vector<LocalSeconds> pe{at(date(2024, 6, 6), 16), kNoTime, kNoTime, kNoTime, kNoTime, kNoTime, kNoTime};
  std::vector<LocalSeconds> fin{at(date(2024, 6, 12), 16), at(date(2024, 6, 7), 8), at(date(2024, 6, 10), 16),
                                at(date(2024, 6, 11), 8), kNoTime, kNoTime, kNoTime};
  da06::DossierColumns c;
  c.n = rec.size();
  c.received_at = rec.data();
  c.time_limit = lim.data();
  c.pause_start = ps.data();
  c.pause_end = pe.data();
  c.finished_at = fin.data();
  std::vector<std::uint8_t> st(c.n);
  std::vector<LocalSeconds> due(c.n);
  da06::RowErrors errors;
  eng.status(c, at(date(2024, 6, 11), 12), st.data(), due.data(), errors);
  CHECK(due[0] == da06::local_seconds(date(2024, 6, 12), 86399));
  CHECK(static_cast<DossierState>(st[0]) == DossierState::open);  // finished after the as-of moment
  CHECK(static_cast<DossierState>(st[1]) == DossierState::early);
  CHECK(static_cast<DossierState>(st[2]) == DossierState::on_time);
  CHECK(static_cast<DossierState>(st[3]) == DossierState::late);
  CHECK(static_cast<DossierState>(st[4]) == DossierState::open_late);
  CHECK(static_cast<DossierState>(st[5]) == DossierState::invalid);
  CHECK(static_cast<DossierState>(st[6]) == DossierState::invalid);
  REQUIRE(errors.count == 2);
  CHECK(errors.first[0].row == 5);
  CHECK(errors.first[0].field == "received_at");
  CHECK(errors.first[1].row == 6);
  CHECK(errors.first[1].field == "time_limit");
  // later: the first dossier is finished on its extended due day
  errors = {};
  eng.status(c, at(date(2024, 6, 30), 0), st.data(), nullptr, errors);
  CHECK(static_cast<DossierState>(st[0]) == DossierState::on_time);
  // without the deduction it is late
  da06::DossierRules plain;
  plain.deduct_pauses = false;
  errors = {};
  da06::DossierEngine(cal, plain).status(c, at(date(2024, 6, 30), 0), st.data(), nullptr, errors);
  CHECK(static_cast<DossierState>(st[0]) == DossierState::late);
}

TEST_CASE("dossier engine: a pause that ended before the receipt counts nothing, in days and in hours") {
  const da06::DossierEngine eng(da06::Calendar::vietnam_public());
  // received Wed 10/4/2024 07:45; a supplementation from 4/4 10:00 to 5/4 09:00, before the receipt
  for (const auto unit : {da06::LimitUnit::working_days, da06::LimitUnit::working_hours}) {
    const std::int32_t limit = unit == da06::LimitUnit::working_hours ? 8 : 3;
    std::vector<LocalSeconds> rec{at(date(2024, 4, 10), 7, 45)}, ps{at(date(2024, 4, 4), 10)}, pe{at(date(2024, 4, 5), 9)};
    std::vector<std::int32_t> lim{limit};
    std::vector<std::uint8_t> u{static_cast<std::uint8_t>(unit)};
    da06::DossierColumns c;
    c.n = 1;
    c.received_at = rec.data();
    c.time_limit = lim.data();
    c.limit_unit = u.data();
    c.pause_start = ps.data();
    c.pause_end = pe.data();
    LocalSeconds due = 0;
    da06::RowErrors errors;
    eng.due(c, kNoTime, &due, nullptr, nullptr, errors);
    CHECK(errors.count == 0);
    CHECK(due == eng.due(rec[0], limit, unit).due_at);  // the same as with no pause at all
    CHECK(due >= rec[0]);
  }
}

TEST_CASE("dossier counts: the portal's cohort per unit and month, partitions add up exactly") {
  const da06::DossierEngine eng(da06::Calendar::vietnam_public());
  // unit 0: two dossiers in 2024-06 (one late), one in 2024-07; unit 1: one in 2024-06, open past due at month end.
  std::vector<LocalSeconds> rec{at(date(2024, 6, 3), 9), at(date(2024, 6, 3), 9), at(date(2024, 7, 1), 9),
                                at(date(2024, 6, 25), 9)};
  std::vector<std::int32_t> lim{5, 5, 5, 1};
  std::vector<LocalSeconds> fin{at(date(2024, 6, 5), 9), at(date(2024, 6, 20), 9), kNoTime, kNoTime};
  std::vector<std::int32_t> unit{0, 0, 0, 1}, proc{0, 1, 0, 0};
  std::vector<std::uint8_t> channel{2, 1, 2, 3}, fee{1, 1, 0, 0}, paid{1, 0, 0, 0};
  da06::DossierTable t;
  t.rows.n = rec.size();
  t.rows.received_at = rec.data();
  t.rows.time_limit = lim.data();
  t.rows.finished_at = fin.data();
  t.unit = unit.data();
  t.n_units = 2;
  t.procedure = proc.data();
  t.n_procedures = 2;
  t.channel = channel.data();
  t.fee_obligation = fee.data();
  t.paid_online = paid.data();
  const da06::DossierCounts all = da06::count_dossiers(eng, t);
  REQUIRE(all.cells() == 3);
  auto col = [&](const char* name) {
    for (std::size_t k = 0; k < all.counters.size(); ++k)
      if (all.counters[k] == name) return k;
    return std::size_t(999);
  };
  CHECK(da06::period_label(da06::IndexPeriod::month, all.period[0]) == "2024-06");
  CHECK(all.at(0, col("received")) == 2);
  CHECK(all.at(0, col("on_time")) == 1);
  CHECK(all.at(0, col("online")) == 1);
  CHECK(all.at(0, col("fee_obligation")) == 2);
  CHECK(all.at(0, col("paid_online")) == 1);
  CHECK(all.at(0, col("services_with_online_dossier")) == 1);
  CHECK(all.at(0, col("procedures_with_fee_dossier")) == 2);
  CHECK(all.at(1, col("on_time")) == 0);   // July: open, due 8/7, judged at 31/7 → overdue
  CHECK(all.at(2, col("on_time")) == 0);   // unit 1: due 26/6, open at 30/6 → overdue
  CHECK(all.at(2, col("channel_total")) == 1);
  // as of 2/7/2024 every cell is judged then; the July dossier is open and within its limit
  da06::CountOptions early;
  early.as_of = at(date(2024, 7, 2), 0);
  const auto e = da06::count_dossiers(eng, t, early);
  CHECK(e.at(1, col("on_time")) == 1);
  // two halves merged equal the whole
  da06::DossierTable a = t, b = t;
  a.rows.n = 2;
  b.rows.n = 2;
  b.rows.received_at += 2;
  b.rows.time_limit += 2;
  b.rows.finished_at += 2;
  b.unit += 2;
  b.procedure += 2;
  b.channel += 2;
  b.fee_obligation += 2;
  b.paid_online += 2;
  da06::DossierCounts m = da06::count_dossiers(eng, a);
  m.merge(da06::count_dossiers(eng, b));
  CHECK(m.unit == all.unit);
  CHECK(m.period == all.period);
  CHECK(m.values == all.values);
}

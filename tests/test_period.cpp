// Tests for da06/period.hpp: codes, previous/next, calendar and cut-off windows, Vietnamese phrases.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "da06/calendar.hpp"
#include "da06/error.hpp"
#include "da06/period.hpp"

using boost::gregorian::date;
using da06::ClosedDateRange;
using da06::Period;
using da06::PeriodKind;

namespace {

std::vector<Period> all_periods_of(int year) {
  std::vector<Period> v;
  v.push_back(Period::annual(year));
  for (int h = 1; h <= 2; ++h) v.push_back(Period::half_year(year, h));
  v.push_back(Period::nine_months(year));
  for (int q = 1; q <= 4; ++q) v.push_back(Period::quarterly(year, q));
  for (int m = 1; m <= 12; ++m) v.push_back(Period::monthly(year, m));
  return v;
}

}  // namespace

TEST_CASE("period codes are the documented strings") {
  CHECK(Period::annual(2024).code() == "2024");
  CHECK(Period::half_year(2024, 1).code() == "2024-S1");
  CHECK(Period::half_year(2024, 2).code() == "2024-S2");
  CHECK(Period::nine_months(2024).code() == "2024-9M");
  CHECK(Period::quarterly(2024, 2).code() == "2024-Q2");
  CHECK(Period::monthly(2024, 6).code() == "2024-M06");
  CHECK(Period::monthly(2024, 12).code() == "2024-M12");
}

TEST_CASE("every period code round-trips") {
  for (int y : {Period::min_year, 1999, 2023, 2024, 2025, Period::max_year}) {
    for (const Period& p : all_periods_of(y)) {
      CAPTURE(p.code());
      const Period back = Period::parse_code(p.code());
      CHECK(back == p);
      CHECK(back.kind() == p.kind());
      CHECK(back.year() == y);
      CHECK(back.index() == p.index());
    }
  }
  CHECK(Period::parse_code("2024-M06") == Period::monthly(2024, 6));
  CHECK(Period::parse_code("2024-9M").kind() == PeriodKind::nine_months);
}

TEST_CASE("bad period codes raise ParseError at the right byte") {
  struct Bad {
    const char* code;
    int column;
  };
  for (const Bad& b : {Bad{"", 1}, Bad{"24-Q1", 1}, Bad{"2024Q1", 5}, Bad{"2024-Q5", 7}, Bad{"2024-Q0", 7},
                       Bad{"2024-S3", 7}, Bad{"2024-M6", 7}, Bad{"2024-M13", 7}, Bad{"2024-M00", 7}, Bad{"2024-m06", 6},
                       Bad{"2024-9m", 6}, Bad{"2024-", 6}, Bad{"2024-Q12", 7}, Bad{"0999", 1}}) {
    CAPTURE(std::string(b.code));
    try {
      (void)Period::parse_code(b.code);
      FAIL("no exception for ", b.code);
    } catch (const da06::ParseError& e) {
      CHECK(e.where().column == b.column);
      CHECK(std::string(e.what()).find(b.code) != std::string::npos);
    }
  }
}

TEST_CASE("the Period constructor checks index and year") {
  CHECK_THROWS_AS(Period(PeriodKind::quarter, 2024, 5), da06::InvalidArgument);
  CHECK_THROWS_AS(Period(PeriodKind::month, 2024, 0), da06::InvalidArgument);
  CHECK_THROWS_AS(Period(PeriodKind::half_year, 2024, 3), da06::InvalidArgument);
  CHECK_THROWS_AS(Period(PeriodKind::year, 2024, 2), da06::InvalidArgument);
  CHECK_THROWS_AS(Period::annual(Period::min_year - 1), da06::RangeError);
  CHECK_THROWS_AS(Period::annual(Period::max_year + 1), da06::RangeError);
}

TEST_CASE("previous and next cross year boundaries") {
  CHECK(Period::quarterly(2024, 1).previous() == Period::quarterly(2023, 4));
  CHECK(Period::quarterly(2023, 4).next() == Period::quarterly(2024, 1));
  CHECK(Period::monthly(2024, 1).previous() == Period::monthly(2023, 12));
  CHECK(Period::monthly(2023, 12).next() == Period::monthly(2024, 1));
  CHECK(Period::half_year(2024, 1).previous() == Period::half_year(2023, 2));
  CHECK(Period::half_year(2024, 2).next() == Period::half_year(2025, 1));
  CHECK(Period::nine_months(2024).next() == Period::nine_months(2025));
  CHECK(Period::nine_months(2024).previous() == Period::nine_months(2023));
  CHECK(Period::annual(2024).previous() == Period::annual(2023));
  CHECK(Period::quarterly(2024, 2).next() == Period::quarterly(2024, 3));
  CHECK(Period::monthly(2024, 6).previous().code() == "2024-M05");
  for (const Period& p : all_periods_of(2024)) {
    CAPTURE(p.code());
    CHECK(p.next().previous() == p);
    CHECK(p.previous().next() == p);
    CHECK(p.next().calendar_window().first > p.calendar_window().last);
  }
  CHECK_THROWS_AS(Period::annual(Period::max_year).next(), da06::RangeError);
  CHECK_THROWS_AS(Period::monthly(Period::min_year, 1).previous(), da06::RangeError);
}

TEST_CASE("calendar windows are closed and cover the period's days") {
  CHECK(Period::quarterly(2024, 2).calendar_window() == ClosedDateRange{date(2024, 4, 1), date(2024, 6, 30)});
  CHECK(Period::monthly(2024, 2).calendar_window() == ClosedDateRange{date(2024, 2, 1), date(2024, 2, 29)});
  CHECK(Period::monthly(2023, 2).calendar_window() == ClosedDateRange{date(2023, 2, 1), date(2023, 2, 28)});
  CHECK(Period::half_year(2024, 2).calendar_window() == ClosedDateRange{date(2024, 7, 1), date(2024, 12, 31)});
  CHECK(Period::nine_months(2024).calendar_window() == ClosedDateRange{date(2024, 1, 1), date(2024, 9, 30)});
  CHECK(Period::annual(2024).calendar_window().days() == 366);
  CHECK(Period::annual(2023).calendar_window().days() == 365);
  const ClosedDateRange q2 = Period::quarterly(2024, 2).calendar_window();
  CHECK(q2.contains(date(2024, 4, 1)));
  CHECK(q2.contains(date(2024, 6, 30)));
  CHECK_FALSE(q2.contains(date(2024, 7, 1)));
  CHECK_FALSE(q2.contains(date(2024, 3, 31)));
  CHECK(q2.days() == 91);
  // The months of a year tile it exactly.
  long total = 0;
  for (int m = 1; m <= 12; ++m) total += Period::monthly(2024, m).calendar_window().days();
  CHECK(total == 366);
}

TEST_CASE("cut-off windows follow Nghị định 09/2019 Art. 12 (DOMAIN.md §5)") {
  struct Row {
    const char* code;
    date first;
    date last;
  };
  // The table of DOMAIN.md §5, written out for 2024.
  const Row table[] = {
      {"2024-M06", date(2024, 5, 15), date(2024, 6, 14)},   // monthly: 15th of previous month → 14th
      {"2024-M01", date(2023, 12, 15), date(2024, 1, 14)},  // across the year boundary
      {"2024-M03", date(2024, 2, 15), date(2024, 3, 14)},
      {"2024-Q1", date(2023, 12, 15), date(2024, 3, 14)},
      {"2024-Q2", date(2024, 3, 15), date(2024, 6, 14)},
      {"2024-Q3", date(2024, 6, 15), date(2024, 9, 14)},
      {"2024-Q4", date(2024, 9, 15), date(2024, 12, 14)},
      {"2024-S1", date(2023, 12, 15), date(2024, 6, 14)},
      {"2024-S2", date(2024, 6, 15), date(2024, 12, 14)},
      {"2024-9M", date(2023, 12, 15), date(2024, 9, 14)},
      {"2024", date(2023, 12, 15), date(2024, 12, 14)},
  };
  for (const Row& r : table) {
    CAPTURE(r.code);
    const ClosedDateRange w = Period::parse_code(r.code).cutoff_window();
    CHECK(w.first == r.first);
    CHECK(w.last == r.last);
  }
  // Consecutive windows of one kind tile time without gap or overlap (not 9M: those overlap by design).
  for (const Period& p : all_periods_of(2024)) {
    if (p.kind() == PeriodKind::nine_months) continue;
    CAPTURE(p.code());
    CHECK(p.next().cutoff_window().first == p.cutoff_window().last + boost::gregorian::days(1));
  }
}

TEST_CASE("parse_period reads the Vietnamese phrases") {
  CHECK(da06::parse_period("6 tháng đầu năm 2024") == Period::half_year(2024, 1));
  CHECK(da06::parse_period("06 tháng đầu năm 2024") == Period::half_year(2024, 1));
  CHECK(da06::parse_period("6 tháng cuối năm 2024") == Period::half_year(2024, 2));
  CHECK(da06::parse_period("Quý II/2024") == Period::quarterly(2024, 2));
  CHECK(da06::parse_period("quý 2 năm 2024") == Period::quarterly(2024, 2));
  CHECK(da06::parse_period("Quý I năm 2024") == Period::quarterly(2024, 1));
  CHECK(da06::parse_period("QUÝ IV/2023") == Period::quarterly(2023, 4));
  CHECK(da06::parse_period("tháng 12 năm 2023") == Period::monthly(2023, 12));
  CHECK(da06::parse_period("tháng 5/2024") == Period::monthly(2024, 5));
  CHECK(da06::parse_period("Tháng 05/2024") == Period::monthly(2024, 5));
  CHECK(da06::parse_period("9 tháng đầu năm 2024") == Period::nine_months(2024));
  CHECK(da06::parse_period("năm 2024") == Period::annual(2024));
  CHECK(da06::parse_period("NĂM 2024") == Period::annual(2024));
  CHECK(da06::parse_period("  Quý   III  /  2024  ") == Period::quarterly(2024, 3));
  CHECK(da06::parse_period("quy 3 nam 2024") == Period::quarterly(2024, 3));  // typed without diacritics
  CHECK(da06::parse_period("2024-Q2") == Period::quarterly(2024, 2));         // a code is accepted too
  // Decomposed (NFD) input: "Quý" as Q-u-y + U+0301.
  CHECK(da06::parse_period("Quy\xCC\x81 II/2024") == Period::quarterly(2024, 2));
  // No year: default_year or failure.
  CHECK(da06::parse_period("9 tháng đầu năm", 2024) == Period::nine_months(2024));
  CHECK(da06::parse_period("Quý II", 2025) == Period::quarterly(2025, 2));
  CHECK(da06::parse_period("Quý II/2024", 2025) == Period::quarterly(2024, 2));  // an explicit year wins
  CHECK_THROWS_AS(da06::parse_period("9 tháng đầu năm"), da06::ParseError);
}

TEST_CASE("parse_period rejects what it cannot read, naming text and column") {
  for (const char* bad : {"", "   ", "Quý V/2024", "Quý 0/2024", "tháng 13/2024", "tháng 0/2024", "abc", "4 tháng đầu năm 2024",
                          "9 tháng cuối năm 2024", "Quý II/24", "năm", "2024-Q5", "\xff\xfe"}) {
    CAPTURE(std::string(bad));
    CHECK_THROWS_AS(da06::parse_period(bad), da06::ParseError);
  }
  try {
    (void)da06::parse_period("Quý II/2024 xyz");
    FAIL("no exception");
  } catch (const da06::ParseError& e) {
    CHECK(e.where().column == 14);  // "xyz" starts at byte 14 (1-based): "Quý" is 4 bytes
    CHECK(std::string(e.what()).find("Quý II/2024 xyz") != std::string::npos);
  }
  try {
    (void)da06::parse_period("6 tháng đầu năm");
    FAIL("no exception");
  } catch (const da06::ParseError& e) {
    CHECK(std::string(e.what()).find("no year") != std::string::npos);
  }
}

TEST_CASE("submission_deadline: cut-off end plus N working days, rolled") {
  const auto cal = da06::Calendar::vietnam_public();
  // Q2/2024: cut-off ends Fri 14/6/2024; +3 working days → Wed 19/6.
  CHECK(da06::submission_deadline(Period::quarterly(2024, 2), 3, cal) == date(2024, 6, 19));
  // Q1/2024: cut-off ends Thu 14/3/2024; +1 → Fri 15/3.
  CHECK(da06::submission_deadline(Period::quarterly(2024, 1), 1, cal) == date(2024, 3, 15));
  // April 2024: cut-off ends Sun 14/4; Thu 18/4 is Giỗ Tổ Hùng Vương.
  CHECK(da06::submission_deadline(Period::monthly(2024, 4), 0, cal) == date(2024, 4, 15));  // rolled
  CHECK(da06::submission_deadline(Period::monthly(2024, 4), 3, cal) == date(2024, 4, 17));
  CHECK(da06::submission_deadline(Period::monthly(2024, 4), 4, cal) == date(2024, 4, 19));
  // February 2024: cut-off ends Wed 14/2, the last day of the Tết break (8–14/2).
  CHECK(da06::submission_deadline(Period::monthly(2024, 2), 0, cal) == date(2024, 2, 15));
  CHECK(da06::submission_deadline(Period::monthly(2024, 2), 2, cal) == date(2024, 2, 16));
  // A working day stays put with 0.
  CHECK(da06::submission_deadline(Period::quarterly(2024, 2), 0, cal) == date(2024, 6, 14));
  CHECK_THROWS_AS(da06::submission_deadline(Period::quarterly(2024, 2), -1, cal), da06::InvalidArgument);
}

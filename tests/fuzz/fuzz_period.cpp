// libFuzzer target: period codes (`Period::parse_code`) and Vietnamese period phrases (`parse_period`).
//
// Properties, whatever the bytes:
//   * both return a period or throw a da06::Error located on line 1 at a column inside the text
//     (any other exception aborts the run);
//   * a code that parses is canonical: `parse_code(t).code() == t` (the grammar is exact);
//   * a phrase that parses gives a period whose code parses back to it;
//   * every period returned has windows that make sense: the calendar window lies in its year, the
//     cut-off window ends inside the calendar window, next() and previous() undo each other;
//   * generated round trip: a period built from the first bytes, printed in one of the phrase forms
//     the docs list ("Quý II/2024", "tháng 5 năm 2024", "6 tháng đầu năm 2024", ...), parses back to itself.
#include <da06/error.hpp>
#include <da06/period.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

void check_error(const da06::Error& e, std::string_view text) {
  const da06::Location& w = e.where();
  FUZZ_CHECK(w.line == 1, "not on line 1: " + da06_fuzz::describe(w, e.message()));
  FUZZ_CHECK(w.column >= 1 && static_cast<std::size_t>(w.column) <= text.size() + 1,
             "column outside the text: " + da06_fuzz::describe(w, e.message()));
  da06_fuzz::check_message(w, e.message());
}

void check_period(const da06::Period& p) {
  FUZZ_CHECK(p.year() >= da06::Period::min_year && p.year() <= da06::Period::max_year, "year out of range: " + p.code());
  FUZZ_CHECK(da06::Period::parse_code(p.code()) == p, "code does not parse back: " + p.code());
  const da06::ClosedDateRange cw = p.calendar_window(), co = p.cutoff_window();
  FUZZ_CHECK(cw.first <= cw.last && cw.first.year() == p.year() && cw.last.year() == p.year(),
             "calendar window outside its year: " + p.code());
  FUZZ_CHECK(co.first <= co.last && co.first < cw.first && co.last >= cw.first && co.last <= cw.last,
             "cut-off window not ending inside the period: " + p.code());
  if (p.year() < da06::Period::max_year) FUZZ_CHECK(p.next().previous() == p, "next().previous() != p: " + p.code());
  if (p.year() > da06::Period::min_year) FUZZ_CHECK(p.previous().next() == p, "previous().next() != p: " + p.code());
}

const char* const kRoman[] = {"I", "II", "III", "IV"};

// A phrase for p in the form picked by `form`, or nullopt when that form does not exist for its kind.
std::optional<std::string> phrase(const da06::Period& p, unsigned form) {
  const std::string y = std::to_string(p.year());
  const bool long_form = form & 1;  // "… năm 2024" instead of "…/2024"
  const bool lower = form & 2;
  switch (p.kind()) {
    case da06::PeriodKind::year: return std::string(lower ? "năm " : "Năm ") + y;
    case da06::PeriodKind::half_year: return std::string(p.index() == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + y;
    case da06::PeriodKind::nine_months: return "9 tháng đầu năm " + y;
    case da06::PeriodKind::quarter: {
      std::string q = (form & 4) ? std::to_string(p.index()) : kRoman[p.index() - 1];
      return std::string(lower ? "quý " : "Quý ") + q + (long_form ? " năm " : "/") + y;
    }
    case da06::PeriodKind::month:
      return std::string(lower ? "tháng " : "Tháng ") + std::to_string(p.index()) + (long_form ? " năm " : "/") + y;
  }
  return std::nullopt;
}

void generated_round_trip(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return;
  static const da06::PeriodKind kinds[] = {da06::PeriodKind::year, da06::PeriodKind::half_year,
                                           da06::PeriodKind::nine_months, da06::PeriodKind::quarter,
                                           da06::PeriodKind::month};
  static const int max_index[] = {1, 2, 1, 4, 12};
  const unsigned k = data[0] % 5;
  const int year = 1900 + (data[1] | (data[2] << 8)) % 400;
  const int index = 1 + data[3] % max_index[k];
  const da06::Period p(kinds[k], year, index);
  const auto text = phrase(p, data[0] / 5);
  if (!text) return;
  try {
    FUZZ_CHECK(da06::parse_period(*text) == p, "\"" + *text + "\" parses to another period than " + p.code());
  } catch (const da06::Error& e) {
    FUZZ_CHECK(false, "\"" + *text + "\" (" + p.code() + ") does not parse: " + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const da06::Period p = da06::Period::parse_code(text);
    FUZZ_CHECK(p.code() == text, "an accepted code is not canonical: \"" + std::string(text.substr(0, 40)) + "\" → " + p.code());
    check_period(p);
  } catch (const da06::Error& e) {
    check_error(e, text);
  }
  const std::optional<int> default_year = size > 0 && (data[0] & 1) ? std::optional<int>(1900 + data[0]) : std::nullopt;
  try {
    const da06::Period p = da06::parse_period(text, default_year);
    check_period(p);
  } catch (const da06::Error& e) {
    check_error(e, text);
  }
  generated_round_trip(data, size);
  return 0;
}

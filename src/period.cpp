// Reporting periods: codes, calendar and cut-off windows, Vietnamese period phrases.
#include "da06/period.hpp"

#include "format/text.hpp"
#include "period_phrase.hpp"
#include "vi_text.hpp"

#include <array>
#include <charconv>

#include "da06/error.hpp"

namespace da06 {
inline namespace v1 {

namespace bg = boost::gregorian;

namespace {

int max_index(PeriodKind k) {
  switch (k) {
    case PeriodKind::year: return 1;
    case PeriodKind::half_year: return 2;
    case PeriodKind::nine_months: return 1;
    case PeriodKind::quarter: return 4;
    case PeriodKind::month: return 12;
  }
  return 0;
}

// First and last calendar month (1-12) of a period.
std::pair<int, int> month_span(PeriodKind k, int index) {
  switch (k) {
    case PeriodKind::year: return {1, 12};
    case PeriodKind::half_year: return {index == 1 ? 1 : 7, index == 1 ? 6 : 12};
    case PeriodKind::nine_months: return {1, 9};
    case PeriodKind::quarter: return {3 * index - 2, 3 * index};
    case PeriodKind::month: return {index, index};
  }
  return {1, 12};
}

bg::date last_day_of_month(int y, int m) {
  return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                  bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                           static_cast<unsigned short>(m)));
}

bg::date ymd(int y, int m, int d) {
  return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

[[noreturn]] void code_error(std::string_view code, std::size_t byte, const std::string& why) {
  Location where;
  where.file = "<string>";
  where.line = 1;
  where.column = static_cast<int>(byte) + 1;
  where.field = "period";
  throw ParseError("invalid period code " + ::da06::v1::detail::quoted_excerpt(code) + ": " + why, where);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {  // s is all digits and short
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::string_view to_string(PeriodKind k) noexcept {
  switch (k) {
    case PeriodKind::year: return "year";
    case PeriodKind::half_year: return "half_year";
    case PeriodKind::nine_months: return "nine_months";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::month: return "month";
  }
  return "?";
}

Period::Period(PeriodKind kind, int year, int index) : kind_(kind), year_(year), index_(index) {
  const int mx = max_index(kind);
  if (mx == 0) throw InvalidArgument("Period: unknown period kind");
  if (index < 1 || index > mx)
    throw InvalidArgument("Period: index " + std::to_string(index) + " is outside 1.." + std::to_string(mx) +
                          " for a " + std::string(to_string(kind)));
  if (year < min_year || year > max_year)
    throw RangeError("Period: year " + std::to_string(year) + " is outside " + std::to_string(min_year) + ".." +
                     std::to_string(max_year));
}

Period Period::parse_code(std::string_view code) {
  if (code.size() < 4 || !all_digits(code.substr(0, 4))) code_error(code, 0, "expected a 4-digit year");
  const int y = to_int(code.substr(0, 4));
  if (y < min_year || y > max_year) code_error(code, 0, "year outside " + std::to_string(min_year) + ".." +
                                                            std::to_string(max_year));
  if (code.size() == 4) return annual(y);
  if (code[4] != '-') code_error(code, 4, "expected '-' after the year");
  const std::string_view rest = code.substr(5);
  if (rest == "9M") return nine_months(y);
  if (rest.empty()) code_error(code, 5, "missing period after '-'");
  const char tag = rest[0];
  const std::string_view num = rest.substr(1);
  if (tag == 'S' || tag == 'Q') {
    if (num.size() != 1 || !all_digits(num)) code_error(code, 6, "expected one digit after '" + std::string(1, tag) + "'");
    const int i = to_int(num);
    if (tag == 'S' && (i < 1 || i > 2)) code_error(code, 6, "half-year must be S1 or S2");
    if (tag == 'Q' && (i < 1 || i > 4)) code_error(code, 6, "quarter must be Q1..Q4");
    return tag == 'S' ? half_year(y, i) : quarterly(y, i);
  }
  if (tag == 'M') {
    if (num.size() != 2 || !all_digits(num)) code_error(code, 6, "expected two digits after 'M' (M01..M12)");
    const int m = to_int(num);
    if (m < 1 || m > 12) code_error(code, 6, "month must be M01..M12");
    return monthly(y, m);
  }
  code_error(code, 5, "expected S1, S2, 9M, Q1..Q4 or M01..M12");
}

std::string Period::code() const {
  std::string s = std::to_string(year_);
  switch (kind_) {
    case PeriodKind::year: break;
    case PeriodKind::half_year: s += "-S" + std::to_string(index_); break;
    case PeriodKind::nine_months: s += "-9M"; break;
    case PeriodKind::quarter: s += "-Q" + std::to_string(index_); break;
    case PeriodKind::month:
      s += index_ < 10 ? "-M0" : "-M";
      s += std::to_string(index_);
      break;
  }
  return s;
}

Period Period::previous() const {
  if (index_ > 1) return Period(kind_, year_, index_ - 1);
  if (year_ <= min_year) throw RangeError("Period::previous: " + code() + " is the first supported period");
  return Period(kind_, year_ - 1, max_index(kind_));
}

Period Period::next() const {
  if (index_ < max_index(kind_)) return Period(kind_, year_, index_ + 1);
  if (year_ >= max_year) throw RangeError("Period::next: " + code() + " is the last supported period");
  return Period(kind_, year_ + 1, 1);
}

ClosedDateRange Period::calendar_window() const {
  const auto [m1, m2] = month_span(kind_, index_);
  return {ymd(year_, m1, 1), last_day_of_month(year_, m2)};
}

ClosedDateRange Period::cutoff_window() const {
  // Nghị định 09/2019/NĐ-CP, Điều 12: from the 15th of the month before the first month of the
  // period to the 14th of the period's last month. The 9-month window (15/12 → 14/9) follows the
  // same rule; it is a provincial addition, not in the decree.
  const auto [m1, m2] = month_span(kind_, index_);
  const bg::date start = m1 == 1 ? ymd(year_ - 1, 12, 15) : ymd(year_, m1 - 1, 15);
  return {start, ymd(year_, m2, 14)};
}

// ---------------------------------------------------------------------------
// Vietnamese period phrases (the tokens: vi_text.hpp).

namespace detail {

namespace {

bool is_word(const std::vector<Token>& t, std::size_t i, std::string_view w) {
  return i < t.size() && t[i].type == Token::Type::word && t[i].text == w;
}
bool is_punct(const std::vector<Token>& t, std::size_t i, char c) {
  return i < t.size() && t[i].type == Token::Type::punct && t[i].text.size() == 1 && t[i].text[0] == c;
}
// A 4-digit year in range.
std::optional<int> year_at(const std::vector<Token>& t, std::size_t i) {
  if (i >= t.size() || t[i].type != Token::Type::number || t[i].text.size() != 4) return std::nullopt;
  const int y = std::stoi(t[i].text);
  if (y < Period::min_year || y > Period::max_year) return std::nullopt;
  return y;
}
// A plain small number (1-2 digits, leading zero allowed: "06").
std::optional<int> plain_number(const std::vector<Token>& t, std::size_t i) {
  if (i >= t.size() || t[i].type != Token::Type::number || t[i].text.size() > 2) return std::nullopt;
  return std::stoi(t[i].text);
}

// After a period head, the year part: "/2024", "/ 2024", "-2024", "năm 2024", "/năm 2024".
// Returns the year and the index past it, or nullopt.
std::optional<std::pair<int, std::size_t>> year_suffix(const std::vector<Token>& t, std::size_t i) {
  if (is_punct(t, i, '/') || is_punct(t, i, '-')) {
    if (auto y = year_at(t, i + 1)) return std::pair{*y, i + 2};
    if (is_word(t, i + 1, "nam"))
      if (auto y = year_at(t, i + 2)) return std::pair{*y, i + 3};
    return std::nullopt;
  }
  if (is_word(t, i, "nam"))
    if (auto y = year_at(t, i + 1)) return std::pair{*y, i + 2};
  return std::nullopt;
}

}  // namespace

std::optional<PeriodPhrase> match_period_phrase(const std::vector<Token>& t, std::size_t i,
                                                std::optional<int> default_year) {
  if (i >= t.size()) return std::nullopt;
  auto finish = [&](PeriodKind kind, int index, std::size_t after_head) -> std::optional<PeriodPhrase> {
    if (auto ys = year_suffix(t, after_head)) return PeriodPhrase{Period(kind, ys->first, index), ys->second, false};
    // No year: only when the phrase does not look like it tried to give one ("quý II/" + junk).
    if (!default_year || *default_year < Period::min_year || *default_year > Period::max_year) return std::nullopt;
    if (is_punct(t, after_head, '/')) return std::nullopt;
    return PeriodPhrase{Period(kind, *default_year, index), after_head, true};
  };

  // "quý II/2024", "quý 2 năm 2024", "quý IV"
  if (is_word(t, i, "quy") && i + 1 < t.size()) {
    const int q = small_numeral(t[i + 1]);
    if (q >= 1 && q <= 4) return finish(PeriodKind::quarter, q, i + 2);
    return std::nullopt;
  }
  // "tháng 5/2024", "tháng 12 năm 2023", "tháng 05"
  if (is_word(t, i, "thang")) {
    const auto m = plain_number(t, i + 1);
    if (m && *m >= 1 && *m <= 12) {
      // "tháng 5/6/2024" is not a month phrase (a day/month inside it); leave it to date parsers.
      if (is_punct(t, i + 2, '/') && plain_number(t, i + 3) && !year_at(t, i + 3)) return std::nullopt;
      return finish(PeriodKind::month, *m, i + 2);
    }
    return std::nullopt;
  }
  // "6 tháng đầu năm 2024", "06 tháng cuối năm", "9 tháng đầu năm", "3 tháng đầu năm"
  if (auto n = plain_number(t, i); n && is_word(t, i + 1, "thang") && (is_word(t, i + 2, "dau") || is_word(t, i + 2, "cuoi")) &&
                                   is_word(t, i + 3, "nam")) {
    const bool first = is_word(t, i + 2, "dau");
    PeriodKind kind;
    int index;
    if (*n == 6) {
      kind = PeriodKind::half_year;
      index = first ? 1 : 2;
    } else if (*n == 9 && first) {
      kind = PeriodKind::nine_months;
      index = 1;
    } else if (*n == 3) {
      kind = PeriodKind::quarter;
      index = first ? 1 : 4;
    } else {
      return std::nullopt;
    }
    // "năm" is the head's last word; the year follows it directly.
    if (auto y = year_at(t, i + 4)) return PeriodPhrase{Period(kind, *y, index), i + 5, false};
    if (is_punct(t, i + 4, '/'))
      if (auto y = year_at(t, i + 5)) return PeriodPhrase{Period(kind, *y, index), i + 6, false};
    if (!default_year || *default_year < Period::min_year || *default_year > Period::max_year) return std::nullopt;
    return PeriodPhrase{Period(kind, *default_year, index), i + 4, true};
  }
  // "nửa đầu năm 2024" / "nửa cuối năm 2024"
  if (is_word(t, i, "nua") && (is_word(t, i + 1, "dau") || is_word(t, i + 1, "cuoi")) && is_word(t, i + 2, "nam")) {
    const int h = is_word(t, i + 1, "dau") ? 1 : 2;
    if (auto y = year_at(t, i + 3)) return PeriodPhrase{Period::half_year(*y, h), i + 4, false};
    if (!default_year || *default_year < Period::min_year || *default_year > Period::max_year) return std::nullopt;
    return PeriodPhrase{Period::half_year(*default_year, h), i + 3, true};
  }
  // "năm 2024"
  if (is_word(t, i, "nam"))
    if (auto y = year_at(t, i + 1)) return PeriodPhrase{Period::annual(*y), i + 2, false};
  return std::nullopt;
}

}  // namespace detail

Period parse_period(std::string_view text, std::optional<int> default_year) {
  auto fail = [&](std::size_t byte, const std::string& why) -> Period {
    Location where;
    where.file = "<string>";
    where.line = 1;
    where.column = static_cast<int>(byte) + 1;
    where.field = "period";
    std::string msg = "cannot read period ";
    msg.append(::da06::v1::detail::quoted_excerpt(text, 80)).append(" at byte ").append(std::to_string(byte + 1));
    msg.append(": ").append(why);
    throw ParseError(std::move(msg), where);
  };
  const auto tokens = detail::tokenize_vi(text);
  if (tokens.empty()) return fail(0, "empty text");

  // An exact code ("2024-Q2") is accepted as well.
  {
    std::size_t b = tokens.front().begin, e = tokens.back().end;
    const std::string_view trimmed = text.substr(b, e - b);
    if (trimmed.size() >= 4 && trimmed.size() <= 8 && trimmed[0] >= '0' && trimmed[0] <= '9') {
      try {
        return Period::parse_code(trimmed);
      } catch (const ParseError&) {
        // fall through to the phrase grammar, which reports the failure
      }
    }
  }
  auto m = detail::match_period_phrase(tokens, 0, default_year);
  if (!m) {
    // Without a default year, say so when the phrase would have matched with one.
    if (!default_year && detail::match_period_phrase(tokens, 0, 2000))
      return fail(tokens.front().begin, "the phrase has no year and no default year was given");
    return fail(tokens.front().begin, "not a period phrase (expected e.g. \"Quý II/2024\", \"tháng 5/2024\", "
                                      "\"6 tháng đầu năm 2024\", \"năm 2024\")");
  }
  if (m->end != tokens.size()) return fail(tokens[m->end].begin, "unexpected text after the period");
  return m->period;
}

}  // namespace v1
}  // namespace da06

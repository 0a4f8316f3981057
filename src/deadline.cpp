// Free-text Vietnamese deadlines: a small hand-written matcher over folded tokens.
//
// The text is folded (lower case, no diacritics, HTML tags skipped; see detail::tokenize_vi) and
// read left to right as a sequence of clauses: time ("Trong năm 2024"), recurrence ("thường
// xuyên"), condition ("Theo lộ trình của …"), modifiers ("dự kiến", "phấn đấu"), thresholds
// ("đạt 90% trở lên từ quý III/2024") and a few fillers ("thực hiện", "hoàn thành"). A token no
// clause accepts makes the whole deadline `unknown`: nothing is guessed. docs/deadlines.md lists
// the grammar.
#include "da06/deadline.hpp"

#include "period_phrase.hpp"
#include "vi_text.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <sstream>

namespace da06 {
inline namespace v1 {

namespace bg = boost::gregorian;
using detail::Token;

namespace {

using Toks = std::vector<Token>;

// A time expression: a single window (period, day) or a span of years.
struct TimeHit {
  ClosedDateRange range;
  std::optional<Period> period;  // when the window is exactly one period
  bool is_day = false;           // an explicit day ("ngày 30/6/2024", "cuối năm 2024")
  bool multi = false;            // a span of several periods ("năm 2024 và 2025")
  bool year_from_ctx = false;
  std::size_t end = 0;
};

// A time clause: lead words + a time expression (+ "đến" + a second one).
struct TimeClause {
  TimeHit a;
  std::optional<TimeHit> b;  // "từ A đến B"
  bool within = false;       // "trong", "giai đoạn"
  bool from = false;         // "từ"
  bool before = false;       // "trước"
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct RecurrenceHit {
  Recurrence r;
  std::size_t end;
  std::optional<int> day{};  // "trước ngày 20 hằng tháng": 20
  bool before = false;     // … with "trước"
};

struct ConditionHit {
  Condition c = Condition::none;
  std::size_t auth_begin, auth_end;  // tokens of the authority / reference tail, may be empty
  std::size_t end;
};

struct ThresholdHit {
  Threshold th;
  std::optional<TimeHit> from;
  std::optional<TimeHit> within;
  std::size_t end;
};

bool valid_ymd(int y, int m, int d) {
  if (y < Period::min_year || y > Period::max_year || m < 1 || m > 12 || d < 1) return false;
  return d <= bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
}

bg::date make_date(int y, int m, int d) {
  return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

class Reader {
 public:
  Reader(std::string_view text, const DeadlineContext& ctx, Deadline& out)
      : text_(text), ctx_(ctx), d_(out), t_(detail::tokenize_vi(text)) {}

  void run();

 private:
  // ---- token tests -----------------------------------------------------------------------------
  bool w(std::size_t i, std::string_view word) const {
    return i < t_.size() && t_[i].type == Token::Type::word && t_[i].text == word;
  }
  // A sequence of words ("khi co" = {"khi","co"}); returns the index past it or 0.
  std::size_t seq(std::size_t i, std::initializer_list<std::string_view> words) const {
    for (auto word : words) {
      if (!w(i, word)) return 0;
      ++i;
    }
    return i;
  }
  bool p(std::size_t i, char c) const {
    return i < t_.size() && t_[i].type == Token::Type::punct && t_[i].text[0] == c;
  }
  bool num(std::size_t i) const { return i < t_.size() && t_[i].type == Token::Type::number; }
  std::optional<int> small(std::size_t i, std::size_t max_digits = 2) const {
    if (!num(i) || t_[i].text.size() > max_digits) return std::nullopt;
    return std::stoi(t_[i].text);
  }
  std::optional<int> year(std::size_t i) const {
    if (!num(i) || t_[i].text.size() != 4) return std::nullopt;
    const int y = std::stoi(t_[i].text);
    if (y < Period::min_year || y > Period::max_year) return std::nullopt;
    return y;
  }
  bool adjacent(std::size_t i) const { return i > 0 && i < t_.size() && t_[i].begin == t_[i - 1].end; }

  // The original text of tokens [b, e): HTML tags dropped, runs of spaces folded into one.
  std::string original(std::size_t b, std::size_t e) const {
    std::string s;
    for (std::size_t k = b; k < e && k < t_.size(); ++k) {
      if (k > b && t_[k].begin > t_[k - 1].end) {
        const std::string_view gap = text_.substr(t_[k - 1].end, t_[k].begin - t_[k - 1].end);
        if (gap.find_first_of(" \t\r\n") != std::string_view::npos || gap.find("\xC2\xA0") != std::string_view::npos ||
            gap.find("&nbsp;") != std::string_view::npos)
          s += ' ';
      }
      s.append(text_.substr(t_[k].begin, t_[k].end - t_[k].begin));
    }
    return s;
  }
  void record(std::string field, std::size_t b, std::size_t e) {
    if (b >= e || e > t_.size()) return;
    const std::size_t off = t_[b].begin;
    d_.matched.push_back(Match{std::move(field), off, t_[e - 1].end - off, original(b, e)});
  }
  std::string at_byte(std::size_t tok) const {
    return tok < t_.size() ? std::to_string(t_[tok].begin + 1) : std::to_string(text_.size() + 1);
  }

  // ---- matchers (pure: they read tokens, never change the result) -------------------------------
  std::optional<TimeHit> match_day(std::size_t i) const;
  std::optional<TimeHit> match_time(std::size_t i) const;
  std::optional<TimeClause> match_time_clause(std::size_t i) const;
  std::optional<RecurrenceHit> match_recurrence(std::size_t i) const;
  std::optional<ConditionHit> match_condition(std::size_t i) const;
  std::optional<ThresholdHit> match_threshold(std::size_t i) const;
  std::size_t match_modifier(std::size_t i, bool& tentative) const;
  std::size_t match_filler(std::size_t i) const;
  std::size_t match_note(std::size_t i) const;
  std::size_t authority_end(std::size_t i) const;
  bool starts_clause(std::size_t i) const;

  // ---- appliers ---------------------------------------------------------------------------------
  void apply_time(const TimeClause& c);
  bool segment_has(std::size_t end, std::initializer_list<std::string_view> words) const;
  void apply_condition(const ConditionHit& c);
  void apply_threshold(ThresholdHit h, std::size_t begin);
  void finish();

  std::string_view text_;
  const DeadlineContext& ctx_;
  Deadline& d_;
  Toks t_;

  bool have_time_ = false;
  bool time_is_completion_ = false;  // the deadline's clause is led by "hoàn thành"
  std::size_t segment_begin_ = 0;     // first token after the last separator
  bool due_is_day_ = false;
  bool failed_ = false;
  bool anything_ = false;          // a clause other than fillers/separators was read
  bool subject_searched_ = false;  // the look-ahead for a "subject … threshold" ran (at most once)
  std::size_t last_time_end_ = static_cast<std::size_t>(-1);
  std::optional<Period> last_time_period_;
  std::optional<Period> header_within_;  // "Năm 2024: …" applies to every threshold after the ':'
  std::string pending_subject_;
  std::vector<std::string> bad_dates_;  // "31/2/2024": reported when the text ends up unknown
};

// "ngày 30/6/2024", "30-6-2024", "30.6.2024", "ngày 15 tháng 7 năm 2024", "ngày 23/2" (context year).
std::optional<TimeHit> Reader::match_day(std::size_t i) const {
  std::size_t k = i;
  const bool ngay = w(k, "ngay");
  if (ngay) ++k;
  const auto dd = small(k);
  if (!dd) return std::nullopt;
  int y = 0, m = 0;
  std::size_t end = 0;
  bool from_ctx = false;
  if ((p(k + 1, '/') || p(k + 1, '-') || p(k + 1, '.')) && small(k + 2)) {
    const char sep = t_[k + 1].text[0];
    m = *small(k + 2);
    if (p(k + 3, sep) && year(k + 4)) {
      y = *year(k + 4);
      end = k + 5;
    } else if (ngay && !(p(k + 3, sep) && num(k + 4)) && sep == '/' && ctx_.reference_year) {
      y = *ctx_.reference_year;
      end = k + 3;
      from_ctx = true;
    } else {
      return std::nullopt;
    }
  } else if (ngay && w(k + 1, "thang") && small(k + 2)) {
    m = *small(k + 2);
    if (w(k + 3, "nam") && year(k + 4)) {
      y = *year(k + 4);
      end = k + 5;
    } else if (ctx_.reference_year) {
      y = *ctx_.reference_year;
      end = k + 3;
      from_ctx = true;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!valid_ymd(y, m, *dd)) return std::nullopt;
  TimeHit h;
  h.range = {make_date(y, m, *dd), make_date(y, m, *dd)};
  h.is_day = true;
  h.year_from_ctx = from_ctx;
  h.end = end;
  return h;
}

std::optional<TimeHit> Reader::match_time(std::size_t i) const {
  if (i >= t_.size()) return std::nullopt;
  if (auto day = match_day(i)) return day;

  // Named points (Bộ luật Dân sự 2015, Điều 146): đầu / giữa / cuối + năm, tháng, quý.
  if (w(i, "dau") || w(i, "giua") || w(i, "cuoi")) {
    const std::string& which = t_[i].text;
    if (auto ph = detail::match_period_phrase(t_, i + 1, ctx_.reference_year)) {
      const auto win = ph->period.calendar_window();
      bg::date day;
      if (which == "dau") {
        day = win.first;
      } else if (which == "cuoi") {
        day = win.last;
      } else {  // giữa năm = 30/6, giữa tháng = 15; giữa quý has no legal meaning
        if (ph->period.kind() == PeriodKind::year) day = make_date(ph->period.year(), 6, 30);
        else if (ph->period.kind() == PeriodKind::month) day = make_date(ph->period.year(), ph->period.index(), 15);
        else return std::nullopt;
      }
      TimeHit h;
      h.range = {day, day};
      h.is_day = true;
      h.year_from_ctx = ph->year_from_default;
      h.end = ph->end;
      return h;
    }
    return std::nullopt;
  }

  // Spans of years: "năm 2024 và 2025", "năm 2024 - 2025", "từ năm 2024 đến năm 2025", "2024 – 2025".
  {
    std::size_t k = i;
    if (w(k, "nam")) ++k;
    if (auto y1 = year(k)) {
      std::size_t k2 = k + 1;
      bool joined = false;
      if (w(k2, "va") || p(k2, '-') || w(k2, "den")) {
        ++k2;
        joined = true;
        if (w(k2, "het")) ++k2;
        if (w(k2, "nam")) ++k2;
      }
      if (joined)
        if (auto y2 = year(k2); y2 && *y2 > *y1 && !p(k2 + 1, '/')) {
          TimeHit h;
          h.range = {make_date(*y1, 1, 1), make_date(*y2, 12, 31)};
          h.multi = true;
          h.end = k2 + 1;
          return h;
        }
    }
  }

  // A span of months of one year: "Tháng 10-11/2025", "tháng 10 đến tháng 12 năm 2025".
  {
    std::size_t k = i;
    const bool thang = w(k, "thang");
    if (thang) ++k;
    if (auto m1 = small(k); thang && m1 && *m1 >= 1 && *m1 <= 12 && (p(k + 1, '-') || w(k + 1, "den") || w(k + 1, "va"))) {
      std::size_t k2 = k + 2;
      if (w(k2, "thang")) ++k2;
      if (auto m2 = small(k2); m2 && *m2 > *m1 && *m2 <= 12) {
        std::optional<int> y;
        std::size_t end = 0;
        if (p(k2 + 1, '/') && year(k2 + 2) && !p(k2 + 3, '/')) {
          y = year(k2 + 2);
          end = k2 + 3;
        } else if (w(k2 + 1, "nam") && year(k2 + 2)) {
          y = year(k2 + 2);
          end = k2 + 3;
        }
        if (y) {
          TimeHit h;
          h.range = {make_date(*y, *m1, 1), Period::monthly(*y, *m2).calendar_window().last};
          h.multi = true;
          h.end = end;
          return h;
        }
      }
    }
  }

  // A month written as "6/2024" without "tháng".
  if (auto m = small(i); m && *m >= 1 && *m <= 12 && p(i + 1, '/') && year(i + 2) && !p(i + 3, '/')) {
    const Period per = Period::monthly(*year(i + 2), *m);
    TimeHit h;
    h.range = per.calendar_window();
    h.period = per;
    h.end = i + 3;
    return h;
  }

  if (auto ph = detail::match_period_phrase(t_, i, ctx_.reference_year)) {
    TimeHit h;
    h.range = ph->period.calendar_window();
    h.period = ph->period;
    h.year_from_ctx = ph->year_from_default;
    h.end = ph->end;
    return h;
  }
  return std::nullopt;
}

std::optional<TimeClause> Reader::match_time_clause(std::size_t i) const {
  TimeClause c;
  c.begin = i;
  std::size_t k = i;
  for (bool more = true; more && k < t_.size();) {
    if (w(k, "trong") && !w(k + 1, "vong")) {
      c.within = true;
      ++k;
    } else if (std::size_t e = seq(k, {"giai", "doan"})) {
      c.within = true;
      k = e;
    } else if (w(k, "tu")) {
      c.from = true;
      ++k;
    } else if (std::size_t e2 = seq(k, {"ke", "tu"}); e2 || (e2 = seq(k, {"bat", "dau", "tu"})) ||
                                                     (e2 = seq(k, {"bat", "dau", "trien", "khai", "tu"})) ||
                                                     (e2 = seq(k, {"bat", "dau", "thuc", "hien", "tu"}))) {
      c.from = true;
      k = e2;
    } else if (w(k, "truoc")) {
      c.before = true;
      ++k;
    } else if (w(k, "den")) {
      k += w(k + 1, "het") ? 2 : 1;
    } else if (std::size_t e3 = seq(k, {"cham", "nhat"}); e3 || (e3 = seq(k, {"muon", "nhat"})) ||
                                                          (e3 = seq(k, {"han", "chot"})) ||
                                                          (e3 = seq(k, {"hoan", "thanh"}))) {
      k = e3;
      if (w(k, "la")) ++k;
      if (p(k, ':')) ++k;  // "Hạn chót: quý III/2024"
    } else if (w(k, "vao")) {
      ++k;
    } else {
      more = false;
    }
  }
  auto a = match_time(k);
  if (!a) return std::nullopt;
  c.a = *a;
  k = a->end;
  // "từ A đến B", "từ A - B"
  if (c.from && (w(k, "den") || p(k, '-') || w(k, "toi"))) {
    std::size_t k2 = k + 1;
    if (w(k2, "het")) ++k2;
    if (auto b = match_time(k2); b && b->range.last >= a->range.first) {
      c.b = *b;
      k = b->end;
    }
  }
  c.end = k;
  return c;
}

std::optional<RecurrenceHit> Reader::match_recurrence(std::size_t i) const {
  std::size_t k = i;
  // "[trước] ngày 20 hằng tháng": a day of every month.
  {
    std::size_t r = k;
    const bool before = w(r, "truoc");
    if (before) ++r;
    if (w(r, "ngay"))
      if (auto dd = small(r + 1); dd && *dd >= 1 && *dd <= 31 && w(r + 2, "hang") && w(r + 3, "thang"))
        return RecurrenceHit{Recurrence::monthly, r + 4, *dd, before};
  }
  if (std::size_t e = seq(k, {"thuc", "hien"})) k = e;
  else if (std::size_t e2 = seq(k, {"duy", "tri"})) k = e2;  // "và duy trì thường xuyên"
  if (std::size_t e = seq(k, {"dinh", "ky"})) k = e;
  if (std::size_t e = seq(k, {"thuong", "xuyen"})) {
    // "thường xuyên, liên tục"
    if (p(e, ',') && seq(e + 1, {"lien", "tuc"})) e += 3;
    else if (std::size_t e2 = seq(e, {"lien", "tuc"})) e = e2;
    return RecurrenceHit{Recurrence::continuous, e};
  }
  if (std::size_t e = seq(k, {"lien", "tuc"})) return RecurrenceHit{Recurrence::continuous, e};
  if (w(k, "hang")) {
    if (w(k + 1, "thang")) return RecurrenceHit{Recurrence::monthly, k + 2};
    if (w(k + 1, "quy")) return RecurrenceHit{Recurrence::quarterly, k + 2};
    if (w(k + 1, "nam")) return RecurrenceHit{Recurrence::yearly, k + 2};
  }
  return std::nullopt;
}

// Is tokens[i] the start of a document citation ("Kế hoạch số …", "Đề án …")?
std::size_t doc_word(const Toks& t, std::size_t i) {
  static constexpr std::array<std::array<std::string_view, 2>, 12> docs = {{{"ke", "hoach"},
                                                                           {"quyet", "dinh"},
                                                                           {"nghi", "quyet"},
                                                                           {"chi", "thi"},
                                                                           {"cong", "van"},
                                                                           {"thong", "bao"},
                                                                           {"nghi", "dinh"},
                                                                           {"thong", "tu"},
                                                                           {"de", "an"},
                                                                           {"van", "ban"},
                                                                           {"chuong", "trinh"},
                                                                           {"ket", "luan"}}};
  for (const auto& d : docs)
    if (i + 1 < t.size() && t[i].type == Token::Type::word && t[i].text == d[0] && t[i + 1].type == Token::Type::word &&
        t[i + 1].text == d[1])
      return i + 2;
  return 0;
}

// Where the authority that starts at i ends: at ( ) ; a final '.', or a ',' / "và" that starts a new clause.
std::size_t Reader::authority_end(std::size_t i) const {
  std::size_t k = i;
  while (k < t_.size()) {
    if (p(k, '(') || p(k, ')') || p(k, ';') || p(k, ':')) break;
    if (p(k, '.') && (k + 1 == t_.size() || p(k + 1, '(') || p(k + 1, ')') || !adjacent(k + 1))) break;
    if ((p(k, ',') || w(k, "va") || p(k, '-')) && starts_clause(k + 1)) break;
    ++k;
  }
  return k;
}

// Does a new clause start at i? Only the heads of conditions are checked (not their authority,
// which would call authority_end again and make nested lists exponential).
bool Reader::starts_clause(std::size_t i) const {
  bool tent = false;
  if (match_time_clause(i) || match_recurrence(i) || match_modifier(i, tent) != 0) return true;
  std::size_t k = seq(i, {"khi", "co"});
  if (!k) k = seq(i, {"sau", "khi", "co"});
  if (!k) k = seq(i, {"theo"});
  if (!k) return false;
  return seq(k, {"lo", "trinh"}) || seq(k, {"tien", "do"}) || seq(k, {"yeu", "cau"}) || seq(k, {"chi", "dao"}) ||
         seq(k, {"huong", "dan"}) || doc_word(t_, k);
}

std::optional<ConditionHit> Reader::match_condition(std::size_t i) const {
  std::size_t k = i;
  // "Khi có phát sinh", "Khi phát sinh", "Khi cần thiết": work done when a case arises; no authority.
  if (std::size_t e = seq(k, {"khi", "co", "phat", "sinh"}); e || (e = seq(k, {"khi", "phat", "sinh"})) ||
                                                            (e = seq(k, {"khi", "can", "thiet"}))) {
    ConditionHit h;
    h.c = Condition::on_event;
    h.auth_begin = h.auth_end = h.end = e;
    return h;
  }
  bool khi = false;
  if (std::size_t e = seq(k, {"khi", "co"})) {
    khi = true;
    k = e;
  } else if (std::size_t e2 = seq(k, {"sau", "khi", "co"})) {
    khi = true;
    k = e2;
  } else if (w(k, "theo")) {
    ++k;
  } else {
    return std::nullopt;
  }
  // "theo yêu cầu công tác" is a qualifier of recurring work, not a condition.
  if (seq(k, {"yeu", "cau", "cong", "tac"})) return std::nullopt;

  bool roadmap = false, request = false, direction = false, guidance = false;
  std::size_t nouns = 0;
  if (!khi && doc_word(t_, k)) {  // "Theo Kế hoạch số …": the document is the roadmap
    roadmap = true;
    ++nouns;
  }
  for (;;) {
    std::size_t e = 0;
    if ((e = seq(k, {"lo", "trinh"})) || (e = seq(k, {"tien", "do"}))) roadmap = true;
    else if ((e = seq(k, {"yeu", "cau"}))) request = true;
    else if ((e = seq(k, {"chi", "dao"}))) direction = true;
    else if ((e = seq(k, {"huong", "dan"}))) guidance = true;
    else if ((e = seq(k, {"van", "ban"})) && khi) request = true;
    else break;
    ++nouns;
    k = e;
    // modifiers: "lộ trình triển khai", "lộ trình hoàn thành", "hướng dẫn thực hiện"
    for (bool more = true; more;) {
      if (std::size_t m = seq(k, {"trien", "khai"}); m || (m = seq(k, {"hoan", "thanh"})) || (m = seq(k, {"thuc", "hien"})) ||
                                                    (m = seq(k, {"cu", "the"})))
        k = m;
      else
        more = false;
    }
    // list separators: ", " "và" "/"
    if ((p(k, ',') || w(k, "va") || p(k, '/')) &&
        (seq(k + 1, {"lo", "trinh"}) || seq(k + 1, {"tien", "do"}) || seq(k + 1, {"yeu", "cau"}) ||
         seq(k + 1, {"chi", "dao"}) || seq(k + 1, {"huong", "dan"})))
      ++k;
    else
      break;
  }
  if (nouns == 0) return std::nullopt;

  ConditionHit h{};
  if (roadmap) h.c = Condition::per_roadmap;
  else if (request || (khi && direction)) h.c = Condition::on_request;
  else h.c = Condition::on_guidance;
  (void)guidance;

  if (w(k, "cua") || w(k, "do") || w(k, "tu")) ++k;
  h.auth_begin = k;
  h.auth_end = authority_end(k);
  h.end = h.auth_end;
  return h;
}

std::size_t Reader::match_modifier(std::size_t i, bool& tentative) const {
  if (std::size_t e = seq(i, {"du", "kien"})) {
    tentative = true;
    return e;
  }
  // "phấn đấu", and the seed's typos "phần đầu", "phản đầu", "phân đấu": all fold to "phan dau".
  // "phần đầu năm" (the early part of the year) is not one.
  if (std::size_t e = seq(i, {"phan", "dau"}); e && !w(e, "nam") && !w(e, "thang") && !w(e, "quy")) {
    tentative = false;
    return e;
  }
  return 0;
}

std::size_t Reader::match_filler(std::size_t i) const {
  static const std::array<std::initializer_list<std::string_view>, 14> phrases = {{
      {"trong", "cac", "nam", "tiep", "theo"},
      {"cac", "nam", "tiep", "theo"},
      {"theo", "yeu", "cau", "cong", "tac"},
      {"thuc", "hien"},
      {"hoan", "thanh"},
      {"cham", "nhat"},
      {"muon", "nhat"},
      {"tiep", "tuc"},
      {"nhiem", "vu"},
      {"trien", "khai"},
      {"dam", "bao"},
      {"bao", "dam"},
      {"bao", "cao"},
      {"ket", "qua"},
  }};
  for (const auto& ph : phrases)
    if (std::size_t e = seq(i, ph)) return e;
  return 0;
}

// "(tỷ lệ …)": the definition of a ratio target, kept as a note.
std::size_t Reader::match_note(std::size_t i) const {
  if (!p(i, '(') || !seq(i + 1, {"ty", "le"})) return 0;
  std::size_t k = i + 1;
  while (k < t_.size() && !p(k, ')')) ++k;
  return k < t_.size() ? k + 1 : k;
}

std::optional<ThresholdHit> Reader::match_threshold(std::size_t i) const {
  ThresholdHit h;
  std::size_t k = i;

  // Rank: "[đứng ở | xếp | nằm trong | vào] top 15/63 [tỉnh [, thành phố]] [cả nước]"
  {
    std::size_t r = k;
    if (std::size_t e = seq(r, {"dung", "o"}); e || (e = seq(r, {"nam", "trong"})) || (e = seq(r, {"dung"})) ||
                                               (e = seq(r, {"xep"})) || (e = seq(r, {"vao"})) || (e = seq(r, {"thuoc"})))
      r = e;
    if (w(r, "trong")) ++r;
    if (w(r, "top") && num(r + 1) && t_[r + 1].text.size() <= 6) {
      h.th.unit = "rank";
      h.th.comparator = ThresholdComparator::top;
      h.th.value = t_[r + 1].text;
      r += 2;
      if (p(r, '/') && num(r + 1) && t_[r + 1].text.size() <= 6) {
        h.th.out_of = t_[r + 1].text;
        r += 2;
      }
      if (w(r, "tinh")) {
        ++r;
        if (std::size_t e = seq(r, {"thanh", "pho"})) r = e;
        else if (w(r, "thanh")) ++r;
      }
      if (std::size_t e = seq(r, {"ca", "nuoc"})) r = e;
      h.end = r;
      return h;
    }
  }

  // Levels: "cấp tỉnh và huyện", "cấp tỉnh, cấp huyện", "cấp xã"
  if (w(k, "cap")) {
    std::size_t r = k;
    for (;;) {
      std::size_t q = r;
      if (w(q, "cap")) ++q;
      Level l;
      if (w(q, "tinh")) l = Level::province;
      else if (w(q, "huyen")) l = Level::district;
      else if (w(q, "xa")) l = Level::commune;
      else break;
      if (std::find(h.th.levels.begin(), h.th.levels.end(), l) == h.th.levels.end()) h.th.levels.push_back(l);
      r = q + 1;
      if ((w(r, "va") || p(r, ',') || p(r, '/')) && (w(r + 1, "cap") || w(r + 1, "tinh") || w(r + 1, "huyen") || w(r + 1, "xa")))
        ++r;
      else
        break;
    }
    if (h.th.levels.empty()) return std::nullopt;
    k = r;
  }
  const bool dat = w(k, "dat");
  if (dat) ++k;
  bool has_pre = false;
  if (w(k, "tu") && num(k + 1)) {
    h.th.comparator = ThresholdComparator::at_least;
    has_pre = true;
    ++k;
  } else if (std::size_t e = seq(k, {"toi", "thieu"}); e || (e = seq(k, {"it", "nhat"})) ||
                                                      (e = seq(k, {"khong", "duoi"})) ||
                                                      (e = seq(k, {"khong", "thap", "hon"})) || (e = seq(k, {"tren"}))) {
    h.th.comparator = ThresholdComparator::at_least;
    has_pre = true;
    k = e;
  } else if (std::size_t e2 = seq(k, {"toi", "da"}); e2 || (e2 = seq(k, {"khong", "qua"})) ||
                                                    (e2 = seq(k, {"khong", "vuot", "qua"})) || (e2 = seq(k, {"duoi"}))) {
    h.th.comparator = ThresholdComparator::at_most;
    has_pre = true;
    k = e2;
  }
  if (!num(k) || t_[k].text.size() > 12) return std::nullopt;
  std::string value = t_[k].text;
  ++k;
  if ((p(k, ',') || p(k, '.')) && adjacent(k) && num(k + 1) && adjacent(k + 1) && t_[k + 1].text.size() <= 12) {
    value += '.';
    value += t_[k + 1].text;
    k += 2;
  }
  if (!p(k, '%')) return std::nullopt;
  ++k;
  // Canonical exact decimal: no leading zeros in the integer part.
  {
    const std::size_t dot = value.find('.');
    std::size_t lead = 0;
    const std::size_t int_len = dot == std::string::npos ? value.size() : dot;
    while (lead + 1 < int_len && value[lead] == '0') ++lead;
    value.erase(0, lead);
  }
  h.th.value = value;
  h.th.unit = "%";
  if (std::size_t e = seq(k, {"tro", "len"})) {
    h.th.comparator = ThresholdComparator::at_least;
    k = e;
  } else if (std::size_t e2 = seq(k, {"tro", "xuong"})) {
    h.th.comparator = ThresholdComparator::at_most;
    k = e2;
  } else if (!has_pre) {
    h.th.comparator = ThresholdComparator::reach;
  }
  // "từ quý II/2024", "kể từ ngày 1/7/2024", "trong năm 2024"
  std::size_t q = k;
  bool from = false, within = false;
  if (w(q, "tu")) {
    from = true;
    ++q;
  } else if (std::size_t e = seq(q, {"ke", "tu"})) {
    from = true;
    q = e;
  } else if (w(q, "trong") || w(q, "vao")) {
    within = true;
    ++q;
  }
  if (from || within) {
    if (auto t = match_time(q); t && !t->multi) {
      (from ? h.from : h.within) = *t;
      k = t->end;
    }
  }
  h.end = k;
  return h;
}

// ---- appliers -----------------------------------------------------------------------------------

bool Reader::segment_has(std::size_t end, std::initializer_list<std::string_view> words) const {
  for (std::size_t k = segment_begin_; k < end; ++k)
    if (seq(k, words)) return true;
  return false;
}

void Reader::apply_time(const TimeClause& c) {
  const bool completion = segment_has(c.end, {"hoan", "thanh"});
  const bool implementation = !completion && (segment_has(c.begin, {"trien", "khai"}) || segment_has(c.begin, {"thuc", "hien"}));
  if (have_time_ && time_is_completion_ && implementation) {
    // "hoàn thành trong tháng 12 năm 2025, triển khai thực hiện trong năm 2026": the completion is the
    // deadline; the later step is kept as a phase with its own dates.
    Phase ph;
    const TimeHit& a = c.a;
    if (c.within || c.from || a.multi) ph.start = a.range.first;
    if (c.b) ph.due = c.b->range.last;
    else if (!c.from || a.multi) ph.due = a.range.last;
    ph.offset = t_[segment_begin_].begin;
    ph.length = t_[c.end - 1].end - ph.offset;
    ph.text = original(segment_begin_, c.end);
    d_.phases.push_back(std::move(ph));
    record("phase", segment_begin_, c.end);
    return;
  }
  if (have_time_) {
    failed_ = true;
    d_.diagnostics.push_back("more than one deadline in the text (second at byte " + at_byte(c.begin) + ": \"" +
                             original(c.begin, c.end) + "\"); not choosing one");
    return;
  }
  have_time_ = true;
  time_is_completion_ = completion;
  anything_ = true;
  const TimeHit& a = c.a;
  if (a.year_from_ctx || (c.b && c.b->year_from_ctx))
    d_.diagnostics.push_back("the year " + std::to_string(ctx_.reference_year.value_or(0)) +
                             " comes from the context (the text \"" + original(c.begin, c.end) + "\" names none)");
  if (c.from) {
    d_.start = a.range.first;
    if (c.b) {
      d_.due = c.b->range.last;
      due_is_day_ = c.b->is_day;
    } else if (a.multi) {  // "từ năm 2024 đến năm 2025": the span has both ends
      d_.due = a.range.last;
      due_is_day_ = false;
    } else {
      due_is_day_ = a.is_day;
      d_.diagnostics.push_back("open-ended: the text gives a start (\"" + original(c.begin, c.end) + "\") but no last day");
    }
  } else if (c.before) {
    if (a.is_day) {
      d_.due = a.range.last;
      d_.strictly_before = true;
    } else {
      d_.due = a.range.first - bg::days(1);
      d_.diagnostics.push_back("\"trước\" + a period: due is the day before the period starts");
    }
    due_is_day_ = true;
  } else {
    d_.due = a.range.last;
    if (c.within || a.multi) d_.start = a.range.first;
    due_is_day_ = a.is_day;
    if (a.period && !a.is_day) d_.period = a.period;
  }
  last_time_end_ = c.end;
  last_time_period_ = a.multi || c.b || a.is_day ? std::nullopt : a.period;
  record(d_.start && d_.due ? "due,start" : d_.due ? "due" : "start", c.begin, c.end);
}

void Reader::apply_condition(const ConditionHit& c) {
  anything_ = true;
  if (d_.condition != Condition::none) {
    d_.diagnostics.push_back("a second condition at byte " + at_byte(c.auth_begin) +
                             " is not structured; the first one is kept: \"" + original(c.auth_begin, c.end) + "\"");
    d_.notes.push_back(original(c.auth_begin, c.end));
    return;
  }
  d_.condition = c.c;
  // Split the tail into the document cited (if any) and the body that issued it.
  std::size_t b = c.auth_begin, e = c.auth_end;
  std::size_t doc = e;
  for (std::size_t k = b; k < e; ++k)
    if (doc_word(t_, k) && (k == b || w(k - 1, "tai") || w(k - 1, "theo"))) {
      doc = k;
      break;
    }
  std::size_t ab = b, ae = e;
  if (doc < e) {
    if (doc > b) record("condition", b, doc);  // "từng mô hình đã đề ra tại": what the roadmap is of
    d_.reference = original(doc, e);
    record("reference", doc, e);
    ab = ae = e;
    for (std::size_t k = doc; k < e; ++k)
      if (w(k, "cua")) {
        ab = k + 1;
        ae = ab;
        while (ae < e && !w(ae, "ve")) ++ae;
        break;
      }
  }
  // Drop a trailing "đề xuất" / "ban hành" / "phê duyệt" ("Theo lộ trình Bộ Công an đề xuất") and dots.
  for (bool more = true; more && ae > ab;) {
    if (ae - ab >= 2 && (seq(ae - 2, {"de", "xuat"}) || seq(ae - 2, {"ban", "hanh"}) || seq(ae - 2, {"phe", "duyet"})))
      ae -= 2;
    else if (p(ae - 1, '.') || p(ae - 1, ','))
      ae -= 1;
    else
      more = false;
  }
  if (ae > ab) {
    d_.authority = original(ab, ae);
    record("authority", ab, ae);
  }
}

void Reader::apply_threshold(ThresholdHit h, std::size_t begin) {
  anything_ = true;
  if (h.from) {
    if (h.from->is_day) h.th.from_date = h.from->range.first;
    else h.th.from = h.from->period;
  }
  if (h.within && h.within->period) h.th.within = h.within->period;
  if (!h.th.within && !h.th.from && !h.th.from_date) {
    if (header_within_) h.th.within = header_within_;
    else if (last_time_end_ == begin && last_time_period_) h.th.within = last_time_period_;
  }
  if (h.from && h.from->year_from_ctx)
    d_.diagnostics.push_back("the year of a threshold's period comes from the context");
  h.th.subject = std::move(pending_subject_);
  pending_subject_.clear();
  h.th.offset = t_[begin].begin;
  h.th.length = t_[h.end - 1].end - h.th.offset;
  d_.thresholds.push_back(std::move(h.th));
  record("threshold", begin, h.end);
}

void Reader::finish() {
  const bool rec = d_.recurrence != Recurrence::none;
  const bool cond = d_.condition != Condition::none;
  // Staged targets without any date: the first stage's start is the start.
  if (!have_time_ && !d_.thresholds.empty()) {
    std::optional<bg::date> first;
    for (const auto& th : d_.thresholds) {
      std::optional<bg::date> s;
      if (th.from) s = th.from->calendar_window().first;
      else if (th.from_date) s = th.from_date;
      if (s && (!first || *s < *first)) first = s;
    }
    if (first) {
      d_.start = first;
      have_time_ = true;
      d_.diagnostics.push_back("staged targets: no single last day; start is the first stage's start");
    }
  }
  const int parts = int(have_time_) + int(rec) + int(cond);
  if (!failed_ && parts == 0) {
    failed_ = true;
    d_.diagnostics.push_back(t_.empty() ? "empty deadline text"
                                        : "no date, period, recurrence or condition found in the text");
  }
  if (failed_) {
    for (auto& b : bad_dates_) d_.diagnostics.push_back(std::move(b));
    d_.due.reset();
    d_.start.reset();
    d_.period.reset();
    d_.strictly_before = false;
    d_.recurrence = Recurrence::none;
    d_.condition = Condition::none;
    d_.authority.clear();
    d_.reference.clear();
    d_.tentative = false;
    d_.aspirational = false;
    d_.thresholds.clear();
    d_.phases.clear();
    d_.recurring_day.reset();
    d_.notes.clear();
    d_.matched.clear();
    d_.kind = DeadlineKind::unknown;
    return;
  }
  if (parts >= 2) d_.kind = DeadlineKind::mixed;
  else if (have_time_) d_.kind = due_is_day_ ? DeadlineKind::date : DeadlineKind::period;
  else if (rec) d_.kind = DeadlineKind::continuous;
  else d_.kind = DeadlineKind::conditional;
}

void Reader::run() {
  const std::size_t n = t_.size();
  std::size_t i = 0;
  std::size_t bad_begin = n;  // first token of a run of unknown tokens
  auto close_bad = [&](std::size_t end) {
    if (bad_begin < end) {
      failed_ = true;
      d_.diagnostics.push_back("cannot understand \"" + original(bad_begin, end) + "\" at byte " + at_byte(bad_begin));
    }
    bad_begin = n;
  };
  while (i < n) {
    // Notes first: "(tỷ lệ …)".
    if (std::size_t e = match_note(i)) {
      close_bad(i);
      std::size_t ne = e;
      if (p(ne - 1, ')')) --ne;
      d_.notes.push_back(original(i + 1, ne));
      record("note", i + 1, ne);
      i = e;
      continue;
    }
    if (p(i, ',') || p(i, ';') || p(i, '.') || p(i, '(') || p(i, ')') || p(i, '-') || p(i, '+') || w(i, "va")) {
      close_bad(i);
      ++i;
      segment_begin_ = i;
      continue;
    }
    if (p(i, ':')) {
      close_bad(i);
      segment_begin_ = i + 1;
      if (last_time_end_ == i && last_time_period_) header_within_ = last_time_period_;
      ++i;
      continue;
    }
    bool tentative = false;
    if (std::size_t e = match_modifier(i, tentative)) {
      close_bad(i);
      anything_ = true;
      if (tentative) d_.tentative = true;
      else d_.aspirational = true;
      record(tentative ? "tentative" : "aspirational", i, e);
      i = e;
      continue;
    }
    if (auto th = match_threshold(i)) {
      close_bad(i);
      apply_threshold(std::move(*th), i);
      i = th->end;
      continue;
    }
    if (auto tc = match_time_clause(i)) {
      close_bad(i);
      apply_time(*tc);
      i = tc->end;
      continue;
    }
    if (auto r = match_recurrence(i)) {
      close_bad(i);
      anything_ = true;
      if (d_.recurrence != Recurrence::none && d_.recurrence != r->r) {
        failed_ = true;
        d_.diagnostics.push_back("two different recurrences in the text (second at byte " + at_byte(i) + ")");
      }
      d_.recurrence = r->r;
      if (r->day) {
        d_.recurring_day = r->day;
        if (r->before) d_.strictly_before = true;
      }
      record("recurrence", i, r->end);
      i = r->end;
      continue;
    }
    if (auto c = match_condition(i)) {
      close_bad(i);
      apply_condition(*c);
      record("condition", i, c->auth_begin > i ? c->auth_begin : c->end);
      i = c->end;
      continue;
    }
    if (std::size_t e = match_filler(i)) {
      close_bad(i);
      record("filler", i, e);
      i = e;
      continue;
    }
    // A subject before a target: "Điểm đánh giá … năm 2024 đứng ở top 15/63 tỉnh". Only at the very
    // start of the text, and only when a threshold follows; the subject may end in a time clause.
    if (!anything_ && bad_begin == n && !subject_searched_) {
      subject_searched_ = true;
      std::size_t k = i + 1;
      while (k < n && !match_threshold(k)) ++k;
      if (k < n) {
        std::size_t subj_end = k;
        for (std::size_t s = i + 1; s < k; ++s)
          if (auto tc = match_time_clause(s); tc && tc->end == k) {
            subj_end = s;
            break;
          }
        pending_subject_ = original(i, subj_end);
        record("subject", i, subj_end);
        i = subj_end;
        continue;
      }
    }
    // A day-like token that failed only because the date does not exist: say so.
    if (num(i) && i + 4 < n && (p(i + 1, '/') || p(i + 1, '-') || p(i + 1, '.')) && num(i + 2) && num(i + 4))
      bad_dates_.push_back("\"" + original(i, i + 5) + "\" is not a valid date");
    if (bad_begin == n) bad_begin = i;
    ++i;
  }
  close_bad(n);
  finish();
}

std::string iso(const bg::date& d) {
  char buf[32];
  const auto ymd = d.year_month_day();
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(ymd.year), int(ymd.month), int(ymd.day));
  return buf;
}

}  // namespace

Deadline parse_deadline(std::string_view text, const DeadlineContext& ctx) {
  Deadline d;
  d.text = std::string(text);
  Reader r(text, ctx, d);
  r.run();
  return d;
}

std::string_view to_string(Recurrence r) noexcept {
  switch (r) {
    case Recurrence::none: return "none";
    case Recurrence::continuous: return "continuous";
    case Recurrence::monthly: return "monthly";
    case Recurrence::quarterly: return "quarterly";
    case Recurrence::yearly: return "yearly";
  }
  return "?";
}

std::string_view to_string(Condition c) noexcept {
  switch (c) {
    case Condition::none: return "none";
    case Condition::on_request: return "on_request";
    case Condition::on_guidance: return "on_guidance";
    case Condition::per_roadmap: return "per_roadmap";
    case Condition::on_event: return "on_event";
  }
  return "?";
}

std::string_view to_string(DeadlineKind k) noexcept {
  switch (k) {
    case DeadlineKind::date: return "date";
    case DeadlineKind::period: return "period";
    case DeadlineKind::continuous: return "continuous";
    case DeadlineKind::conditional: return "conditional";
    case DeadlineKind::mixed: return "mixed";
    case DeadlineKind::unknown: return "unknown";
  }
  return "?";
}

std::string_view to_string(ThresholdComparator c) noexcept {
  switch (c) {
    case ThresholdComparator::at_least: return "at_least";
    case ThresholdComparator::at_most: return "at_most";
    case ThresholdComparator::reach: return "reach";
    case ThresholdComparator::top: return "top";
  }
  return "?";
}

std::string describe(const Deadline& d) {
  std::ostringstream o;
  if (d.kind == DeadlineKind::unknown) {
    o << "unknown";
    if (!d.diagnostics.empty()) o << " (" << d.diagnostics.front() << ")";
    return o.str();
  }
  const char* sep = "";
  if (d.due) {
    o << (d.tentative ? "expected by " : "due ") << iso(*d.due);
    if (d.strictly_before) o << " (\"before\": strictly, " << iso(*d.due - bg::days(1)) << ")";
    sep = ", ";
  }
  if (d.start) {
    o << sep << (d.due ? "from " : "starting ") << iso(*d.start);
    sep = ", ";
  }
  if (d.recurrence != Recurrence::none) {
    o << sep << to_string(d.recurrence);
    if (d.recurring_day) o << (d.strictly_before ? " before day " : " on day ") << *d.recurring_day;
    sep = ", ";
  }
  if (d.condition != Condition::none) {
    o << sep << to_string(d.condition);
    if (!d.authority.empty()) o << " of " << d.authority;
    if (!d.reference.empty()) o << " (" << d.reference << ")";
    sep = ", ";
  }
  if (d.aspirational) {
    o << sep << "aspirational";
    sep = ", ";
  }
  if (d.tentative && !d.due) {
    o << sep << "tentative";
    sep = ", ";
  }
  for (const auto& ph : d.phases) {
    o << sep << "then";
    if (ph.start) o << " from " << iso(*ph.start);
    if (ph.due) o << " to " << iso(*ph.due);
    sep = ", ";
  }
  for (const auto& th : d.thresholds) {
    o << sep << to_string(th.comparator) << ' ' << th.value << (th.unit == "%" ? "%" : "");
    if (!th.out_of.empty()) o << '/' << th.out_of;
    for (std::size_t k = 0; k < th.levels.size(); ++k) o << (k ? "," : " [") << to_string(th.levels[k]);
    if (!th.levels.empty()) o << ']';
    if (th.from) o << " from " << th.from->code();
    if (th.from_date) o << " from " << iso(*th.from_date);
    if (th.within) o << " in " << th.within->code();
    sep = ", ";
  }
  o << " [" << to_string(d.kind) << ']';
  return o.str();
}

}  // namespace v1
}  // namespace da06

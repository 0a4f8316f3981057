// calendar.cpp — rule evaluation, schedule JSON, and the precomputed working-day tables.
#include "da06/calendar.hpp"

#include "da06/error.hpp"
#include "da06/lunar.hpp"
#include "calendar_internal.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

// The built-in schedules, compiled from data/holidays/vn_public_schedules.json by cmake/embed.cmake.
extern const unsigned char da06_embedded_vn_schedules[];
extern const std::size_t da06_embedded_vn_schedules_size;

namespace da06 {
inline namespace v1 {

namespace bg = boost::gregorian;

namespace detail {
namespace {

const bg::date kMin(Calendar::first_year, 1, 1);
const bg::date kMax(Calendar::last_year, 12, 31);
const bg::date kEpoch(1970, 1, 1);
const std::int32_t kDays = static_cast<std::int32_t>((kMax - kMin).days()) + 1;
const std::int32_t kEpochIndex = static_cast<std::int32_t>((kEpoch - kMin).days());

constexpr std::uint8_t kOff = 1;
constexpr std::uint8_t kMakeup = 2;

constexpr const char* kNameTet = "Tết Nguyên đán";
constexpr const char* kNameNational = "Quốc khánh";
constexpr const char* kNameComp = "Nghỉ bù";
constexpr const char* kNameSwap = "Hoán đổi ngày làm việc";
constexpr const char* kNameMakeup = "Làm bù";

// 1900-01-01 was a Monday; 0 = Sunday as in boost::gregorian.
inline int weekday_of(std::int32_t idx) { return (idx + 1) % 7; }
inline bool weekend_idx(std::int32_t idx) {
  const int w = weekday_of(idx);
  return w == 0 || w == 6;
}
inline std::int32_t index_of(bg::date d) { return static_cast<std::int32_t>((d - kMin).days()); }
inline bg::date date_of(std::int32_t idx) { return kMin + bg::days(idx); }

std::string iso(bg::date d) { return bg::to_iso_extended_string(d); }

[[noreturn]] void range_error(const std::string& what) { throw RangeError(what); }

std::int32_t checked_index(bg::date d, const char* fn) {
  if (d.is_special()) throw InvalidArgument(std::string(fn) + ": the date is not a valid date");
  if (d < kMin || d > kMax)
    range_error(std::string(fn) + ": " + iso(d) + " is outside the calendar's range 1900-01-01..2199-12-31");
  return index_of(d);
}

// --- rule evaluation -----------------------------------------------------------------------

struct Occurrence {
  std::int32_t idx;     // day index
  std::int16_t year;    // the solar year whose anchor produced it
  std::uint16_t rule;   // index into rules
};
using Occurrences = std::vector<Occurrence>;

std::shared_ptr<const Occurrences> evaluate_rules(const std::vector<HolidayRule>& rules) {
  auto out = std::make_shared<Occurrences>();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const HolidayRule& rule = rules[r];
    for (int y = Calendar::first_year; y <= Calendar::last_year; ++y) {
      const auto uy = static_cast<unsigned short>(y);
      bg::date anchor;
      switch (rule.basis) {
        case RuleBasis::solar:
        case RuleBasis::adjacent_to_solar:
          if (rule.day > static_cast<int>(bg::gregorian_calendar::end_of_month_day(uy, static_cast<unsigned short>(rule.month))))
            continue;  // 29/2 in a common year: no occurrence that year
          anchor = bg::date(uy, static_cast<unsigned short>(rule.month), static_cast<unsigned short>(rule.day));
          break;
        case RuleBasis::lunar:
          anchor = from_lunar(LunarDate{rule.day, rule.month, y, false});
          break;
      }
      if (rule.effective_from && anchor < *rule.effective_from) continue;
      if (rule.effective_to && anchor > *rule.effective_to) continue;
      auto push = [&](bg::date d) {
        if (d < kMin || d > kMax) return;
        out->push_back({index_of(d), static_cast<std::int16_t>(y), static_cast<std::uint16_t>(r)});
      };
      if (rule.basis == RuleBasis::adjacent_to_solar) {
        const bool before = (rule.before_on_weekdays >> anchor.day_of_week().as_number()) & 1u;
        push(anchor + bg::days(before ? -1 : 1));
      } else {
        for (int k = 0; k < rule.days; ++k) push(anchor + bg::days(rule.first_offset + k));
      }
    }
  }
  return out;
}

}  // namespace

std::string validate_rule(const HolidayRule& r) {
  if (r.id.empty()) return "id: must not be empty";
  if (r.name.empty()) return "name: must not be empty";
  if (r.month < 1 || r.month > 12) return "month: must be 1..12";
  if (r.basis == RuleBasis::lunar) {
    if (r.day < 1 || r.day > 29) return "day: a lunar rule's day must be 1..29 (day 30 does not exist in every month)";
  } else {
    if (r.day < 1 || r.day > static_cast<int>(bg::gregorian_calendar::end_of_month_day(2000, static_cast<unsigned short>(r.month))))
      return "day: no such day in that month";
  }
  if (r.days < 1 || r.days > 31) return "days: must be 1..31";
  if (r.first_offset < -31 || r.first_offset > 31) return "first_offset: must be -31..31";
  if (r.effective_from && r.effective_to && *r.effective_from > *r.effective_to)
    return "effective_to: before effective_from";
  if (!r.schedule_key.empty() && r.schedule_key != "tet" && r.schedule_key != "national_day_adjacent")
    return "schedule_key: must be \"\", \"tet\" or \"national_day_adjacent\"";
  return {};
}

std::string validate_schedule(const YearSchedule& s, std::string* field) {
  auto fail = [&](const char* f, std::string m) {
    *field = f;
    return m;
  };
  if (s.year < Calendar::first_year || s.year > Calendar::last_year) return fail("year", "year outside 1900..2199");
  auto in_year = [&](bg::date d) { return !d.is_special() && d.year() == s.year; };
  auto near_year = [&](bg::date d) { return !d.is_special() && std::abs(static_cast<int>(d.year()) - s.year) <= 1 && d >= kMin && d <= kMax; };
  if (s.tet) {
    if (!in_year(s.tet->first) || !in_year(s.tet->second)) return fail("tet", "the Tết break must lie in the schedule's year");
    if (s.tet->first > s.tet->second) return fail("tet", "\"from\" is after \"to\"");
    if ((s.tet->second - s.tet->first).days() > 31) return fail("tet", "a Tết break longer than 32 days");
  }
  if (s.national_day_adjacent) {
    const bg::date d = *s.national_day_adjacent;
    if (d != bg::date(s.year, 9, 1) && d != bg::date(s.year, 9, 3))
      return fail("national_day_adjacent", "must be " + std::to_string(s.year) + "-09-01 or " + std::to_string(s.year) + "-09-03");
  }
  if (s.compensatory)
    for (bg::date d : *s.compensatory) {
      if (!near_year(d)) return fail("compensatory", iso(d) + " is not near the schedule's year");
      if (d.day_of_week() == 0 || d.day_of_week() == 6) return fail("compensatory", iso(d) + " is a weekend day, not a weekday given off");
    }
  for (const Swap& w : s.swaps) {
    if (!near_year(w.day_off) || !near_year(w.workday)) return fail("swaps", "a swap date is not near the schedule's year");
    if (w.day_off.day_of_week() == 0 || w.day_off.day_of_week() == 6)
      return fail("swaps", "day_off " + iso(w.day_off) + " is a weekend day");
    if (w.workday.day_of_week() != 0 && w.workday.day_of_week() != 6)
      return fail("swaps", "workday " + iso(w.workday) + " is not a Saturday or Sunday");
  }
  for (const ExtraDayOff& e : s.extra_days_off) {
    if (!near_year(e.date)) return fail("extra_days_off", iso(e.date) + " is not near the schedule's year");
    if (e.name.empty()) return fail("extra_days_off", "a name is required");
  }
  return {};
}

}  // namespace detail

// ------------------------------------------------------------------------------------------------

struct Calendar::Impl {
  std::string name;
  std::vector<HolidayRule> rules;
  detail::Compensation compensation;
  std::map<int, YearSchedule> schedules;
  std::shared_ptr<const detail::Occurrences> occurrences;  // depends on `rules` only: shared on with_schedule

  std::vector<std::uint8_t> work;     // kDays: 1 = working day
  std::vector<std::int32_t> prefix;   // kDays + 1: prefix[i] = working days with index < i
  std::vector<std::int32_t> wlist;    // indices of the working days, ascending
  std::vector<Holiday> entries;       // sorted by date
  std::vector<std::uint32_t> year_at; // entries of year y: [year_at[y-1900], year_at[y-1900+1])

  void build();
};

void Calendar::Impl::build() {
  using namespace detail;
  std::vector<std::uint8_t> flags(static_cast<std::size_t>(kDays), 0);
  entries.clear();
  std::vector<std::int32_t> need_comp;
  auto add = [&](std::int32_t idx, std::string nm, HolidayKind kind, std::uint8_t flag) {
    flags[static_cast<std::size_t>(idx)] |= flag;
    entries.push_back(Holiday{date_of(idx), std::move(nm), kind});
  };
  const bool comp_on = compensation.enabled;
  auto compensable = [&](std::int32_t idx, int year) {
    if (!comp_on || !weekend_idx(idx)) return false;
    if (compensation.effective_from && date_of(idx) < *compensation.effective_from) return false;
    auto s = schedules.find(year);
    return !(s != schedules.end() && s->second.compensatory.has_value());
  };

  std::string national_adjacent_name = kNameNational;
  for (const HolidayRule& r : rules)
    if (r.schedule_key == "national_day_adjacent") national_adjacent_name = r.name;

  for (const Occurrence& o : *occurrences) {
    const HolidayRule& r = rules[o.rule];
    if (!r.schedule_key.empty()) {
      auto s = schedules.find(o.year);
      if (s != schedules.end()) {
        if (r.schedule_key == "tet" && s->second.tet) continue;
        if (r.schedule_key == "national_day_adjacent" && s->second.national_day_adjacent) continue;
      }
    }
    add(o.idx, r.name, HolidayKind::statutory, kOff);
    if (r.compensate && compensable(o.idx, o.year)) need_comp.push_back(o.idx);
  }
  for (const auto& [year, s] : schedules) {
    if (s.tet)
      for (bg::date d = s.tet->first; d <= s.tet->second; d += bg::days(1)) add(index_of(d), kNameTet, HolidayKind::statutory, kOff);
    if (s.national_day_adjacent) {
      const std::int32_t i = index_of(*s.national_day_adjacent);
      add(i, national_adjacent_name, HolidayKind::statutory, kOff);
      if (compensable(i, year)) need_comp.push_back(i);
    }
    if (s.compensatory)
      for (bg::date d : *s.compensatory) add(index_of(d), kNameComp, HolidayKind::compensatory, kOff);
    for (const Swap& w : s.swaps) {
      add(index_of(w.day_off), kNameSwap, HolidayKind::swap_day_off, kOff);
      add(index_of(w.workday), kNameMakeup, HolidayKind::makeup_workday, kMakeup);
    }
    for (const ExtraDayOff& e : s.extra_days_off) add(index_of(e.date), e.name, HolidayKind::schedule_extra, kOff);
  }
  // Art. 111(3): a holiday on the weekly rest day gives the next working day off. One per date,
  // in date order, so that two weekend holidays in a row get two consecutive days.
  std::sort(need_comp.begin(), need_comp.end());
  need_comp.erase(std::unique(need_comp.begin(), need_comp.end()), need_comp.end());
  for (std::int32_t i : need_comp) {
    std::int32_t j = i + 1;
    while (j < kDays && (weekend_idx(j) || (flags[static_cast<std::size_t>(j)] & kOff))) ++j;
    if (j < kDays) add(j, kNameComp, HolidayKind::compensatory, kOff);
  }
  for (std::int32_t i = 0; i < kDays; ++i)
    if ((flags[static_cast<std::size_t>(i)] & kOff) && (flags[static_cast<std::size_t>(i)] & kMakeup))
      throw DataError("make-up workday " + iso(date_of(i)) + " is also a day off", Location{"", 0, 0, "", "swaps"});

  work.assign(static_cast<std::size_t>(kDays), 0);
  prefix.assign(static_cast<std::size_t>(kDays) + 1, 0);
  wlist.clear();
  wlist.reserve(static_cast<std::size_t>(kDays) * 5 / 7 + 16);
  for (std::int32_t i = 0; i < kDays; ++i) {
    const std::uint8_t f = flags[static_cast<std::size_t>(i)];
    const bool w = (f & kMakeup) || (!weekend_idx(i) && !(f & kOff));
    work[static_cast<std::size_t>(i)] = w ? 1 : 0;
    prefix[static_cast<std::size_t>(i) + 1] = prefix[static_cast<std::size_t>(i)] + (w ? 1 : 0);
    if (w) wlist.push_back(i);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Holiday& a, const Holiday& b) {
    return a.date < b.date || (a.date == b.date && a.kind < b.kind);
  });
  // The same date can come from two sources (a rule and a schedule listing the same day):
  // keep one entry per (date, name, kind).
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  year_at.assign(static_cast<std::size_t>(last_year - first_year + 2), 0);
  for (int y = first_year; y <= last_year + 1; ++y) {
    auto it = std::lower_bound(entries.begin(), entries.end(), y, [](const Holiday& h, int yy) { return h.date.year() < yy; });
    year_at[static_cast<std::size_t>(y - first_year)] = static_cast<std::uint32_t>(it - entries.begin());
  }
}

// --- construction --------------------------------------------------------------------------------

namespace {

const detail::ScheduleDocument& embedded_document() {
  // Parsed once; immutable afterwards (thread-safe static initialisation).
  static const detail::ScheduleDocument doc = detail::read_schedule_json(
      std::string_view(reinterpret_cast<const char*>(da06_embedded_vn_schedules), da06_embedded_vn_schedules_size),
      "<embedded>/data/holidays/vn_public_schedules.json");
  return doc;
}

std::shared_ptr<const Calendar::Impl> make_impl(std::string name, const detail::ScheduleDocument& doc, bool with_schedules) {
  auto impl = std::make_shared<Calendar::Impl>();
  impl->name = std::move(name);
  impl->rules = doc.rules;
  if (doc.compensation) impl->compensation = *doc.compensation;
  if (with_schedules)
    for (const YearSchedule& s : doc.schedules) impl->schedules[s.year] = s;
  impl->occurrences = detail::evaluate_rules(impl->rules);
  impl->build();
  return impl;
}

}  // namespace

Calendar Calendar::vietnam_public() {
  static const Calendar cal(make_impl("vietnam_public", embedded_document(), true));
  return cal;
}

Calendar Calendar::vietnam_statutory() {
  static const Calendar cal(make_impl("vietnam_statutory", embedded_document(), false));
  return cal;
}

Calendar Calendar::with_schedule(std::string_view json_text) const { return with_schedule(json_text, "<string>"); }

Calendar Calendar::with_schedule(std::string_view json_text, const std::string& file_name, const InputLimits& limits) const {
  detail::ScheduleDocument doc = detail::read_schedule_json(json_text, file_name, limits);
  auto impl = std::make_shared<Impl>(*impl_);  // copies tables too; rebuilt below
  for (YearSchedule& s : doc.schedules) impl->schedules[s.year] = std::move(s);
  if (doc.compensation) impl->compensation = *doc.compensation;
  if (!doc.rules.empty()) {
    for (HolidayRule& r : doc.rules) impl->rules.push_back(std::move(r));
    impl->occurrences = detail::evaluate_rules(impl->rules);
  }
  impl->build();
  return Calendar(std::move(impl));
}

Calendar Calendar::with_schedule(YearSchedule schedule) const {
  std::string field;
  if (std::string e = detail::validate_schedule(schedule, &field); !e.empty())
    throw InvalidArgument("with_schedule: " + field + ": " + e);
  auto impl = std::make_shared<Impl>(*impl_);
  impl->schedules[schedule.year] = std::move(schedule);
  impl->build();
  return Calendar(std::move(impl));
}

Calendar Calendar::with_rule(HolidayRule rule) const {
  if (std::string e = detail::validate_rule(rule); !e.empty()) throw InvalidArgument("with_rule: " + e);
  auto impl = std::make_shared<Impl>(*impl_);
  impl->rules.push_back(std::move(rule));
  impl->occurrences = detail::evaluate_rules(impl->rules);
  impl->build();
  return Calendar(std::move(impl));
}

const std::vector<HolidayRule>& Calendar::rules() const noexcept { return impl_->rules; }

std::optional<YearSchedule> Calendar::schedule(int year) const {
  auto it = impl_->schedules.find(year);
  if (it == impl_->schedules.end()) return std::nullopt;
  return it->second;
}

std::string_view Calendar::name() const noexcept { return impl_->name; }

bool Calendar::is_provisional(int year) const {
  return !impl_->schedules.empty() && impl_->schedules.count(year) == 0;
}

std::vector<int> Calendar::provisional_years(Date first, Date last) const {
  std::vector<int> out;
  if (first.is_special() || last.is_special()) return out;
  if (last < first) std::swap(first, last);
  for (int y = first.year(); y <= static_cast<int>(last.year()); ++y)
    if (is_provisional(y)) out.push_back(y);
  return out;
}

std::vector<int> Calendar::schedule_years() const {
  std::vector<int> ys;
  for (const auto& kv : impl_->schedules) ys.push_back(kv.first);
  return ys;
}

bg::date Calendar::min_date() { return detail::kMin; }
bg::date Calendar::max_date() { return detail::kMax; }

std::string_view to_string(HolidayKind kind) noexcept {
  switch (kind) {
    case HolidayKind::statutory: return "statutory";
    case HolidayKind::compensatory: return "compensatory";
    case HolidayKind::swap_day_off: return "swap_day_off";
    case HolidayKind::makeup_workday: return "makeup_workday";
    case HolidayKind::schedule_extra: return "schedule_extra";
  }
  return "unknown";
}

std::int32_t to_epoch_days(bg::date d) {
  if (d.is_special()) throw InvalidArgument("to_epoch_days: not a valid date");
  return static_cast<std::int32_t>((d - detail::kEpoch).days());
}

bg::date from_epoch_days(std::int32_t days) {
  // boost::gregorian supports 1400-01-01..9999-12-31.
  if (days < -208188 || days > 2932896) throw RangeError("from_epoch_days: " + std::to_string(days) + " is outside 1400..9999");
  return detail::kEpoch + bg::days(days);
}

// --- queries -----------------------------------------------------------------------------------

bool Calendar::is_workday(bg::date d) const {
  return impl_->work[static_cast<std::size_t>(detail::checked_index(d, "is_workday"))] != 0;
}

std::vector<Holiday> Calendar::holidays(int year) const {
  if (year < first_year || year > last_year)
    throw RangeError("holidays: year " + std::to_string(year) + " is outside 1900..2199");
  const auto y = static_cast<std::size_t>(year - first_year);
  return std::vector<Holiday>(impl_->entries.begin() + impl_->year_at[y], impl_->entries.begin() + impl_->year_at[y + 1]);
}

std::vector<Holiday> Calendar::holidays_on(bg::date d) const {
  detail::checked_index(d, "holidays_on");
  auto range = std::equal_range(impl_->entries.begin(), impl_->entries.end(), d, [](const auto& a, const auto& b) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, Holiday>) return a.date < b;
    else return a < b.date;
  });
  return std::vector<Holiday>(range.first, range.second);
}

namespace {
bg::date workday_at(const Calendar::Impl& m, std::int64_t pos, const char* fn, bg::date from) {
  if (pos < 0 || pos >= static_cast<std::int64_t>(m.wlist.size()))
    throw RangeError(std::string(fn) + ": the result for " + detail::iso(from) +
                     " is outside the calendar's range 1900-01-01..2199-12-31");
  return detail::date_of(m.wlist[static_cast<std::size_t>(pos)]);
}
}  // namespace

bg::date Calendar::next_workday(bg::date d) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(d, "next_workday"));
  return workday_at(*impl_, impl_->prefix[i + 1], "next_workday", d);
}

bg::date Calendar::previous_workday(bg::date d) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(d, "previous_workday"));
  return workday_at(*impl_, static_cast<std::int64_t>(impl_->prefix[i]) - 1, "previous_workday", d);
}

bg::date Calendar::add_workdays(bg::date from, int n) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(from, "add_workdays"));
  std::int64_t pos;
  if (n > 0) pos = static_cast<std::int64_t>(impl_->prefix[i + 1]) + n - 1;
  else pos = static_cast<std::int64_t>(impl_->prefix[i]) + n;  // n = 0: first working day ≥ from
  return workday_at(*impl_, pos, "add_workdays", from);
}

int Calendar::count_workdays_closed(bg::date first, bg::date last) const {
  const auto a = static_cast<std::size_t>(detail::checked_index(first, "count_workdays_closed"));
  const auto b = static_cast<std::size_t>(detail::checked_index(last, "count_workdays_closed"));
  const auto& p = impl_->prefix;
  return a <= b ? p[b + 1] - p[a] : p[b] - p[a + 1];
}

int Calendar::count_workdays_half_open(bg::date begin, bg::date end) const {
  const auto a = static_cast<std::size_t>(detail::checked_index(begin, "count_workdays_half_open"));
  const auto b = static_cast<std::size_t>(detail::checked_index(end, "count_workdays_half_open"));
  // numpy.busday_count: the begin is counted and the end is not, in the direction of travel, so
  // for begin > end it is −(working days in (end, begin]).
  const auto& p = impl_->prefix;
  return a <= b ? p[b] - p[a] : p[b + 1] - p[a + 1];
}

bg::date Calendar::roll(bg::date d, RollConvention c) const {
  const auto i = static_cast<std::size_t>(detail::checked_index(d, "roll"));
  if (impl_->work[i]) return d;
  switch (c) {
    case RollConvention::following: return next_workday(d);
    case RollConvention::preceding: return previous_workday(d);
    case RollConvention::modified_following: {
      const bg::date f = next_workday(d);
      return f.month() == d.month() ? f : previous_workday(d);
    }
  }
  throw InvalidArgument("roll: unknown convention");
}

// --- batches: the hot loops. Indices are checked with one unsigned compare per value. -----------

namespace {
// Index of a day number, as unsigned: out-of-range values (negative too) compare ≥ kDays.
// Widened to 64 bits first so INT32_MAX + offset cannot overflow.
inline std::uint64_t batch_index(std::int32_t day) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(day) + detail::kEpochIndex);
}
[[noreturn]] void batch_range_error(const char* fn, std::size_t k, std::int32_t day) {
  throw RangeError(std::string(fn) + ": element " + std::to_string(k) + " (day " + std::to_string(day) +
                   " since 1970-01-01) is outside 1900-01-01..2199-12-31");
}
}  // namespace

void Calendar::is_workday(const std::int32_t* days, std::size_t n, std::uint8_t* out) const {
  const std::uint8_t* w = impl_->work.data();
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto i = batch_index(days[k]);
    if (i >= N) batch_range_error("is_workday", k, days[k]);
    out[k] = w[i];
  }
}

void Calendar::count_workdays_closed(const std::int32_t* first, const std::int32_t* last, std::size_t n,
                                     std::int32_t* out) const {
  const std::int32_t* p = impl_->prefix.data();
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto a = batch_index(first[k]);
    const auto b = batch_index(last[k]);
    if (a >= N || b >= N) batch_range_error("count_workdays_closed", k, a >= N ? first[k] : last[k]);
    const std::uint64_t s = a > b;  // branch-free: a ≤ b → p[b+1] − p[a]; a > b → p[b] − p[a+1]
    out[k] = p[b + 1 - s] - p[a + s];
  }
}

void Calendar::count_workdays_half_open(const std::int32_t* begin, const std::int32_t* end, std::size_t n,
                                        std::int32_t* out) const {
  const std::int32_t* p = impl_->prefix.data();
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto a = batch_index(begin[k]);
    const auto b = batch_index(end[k]);
    if (a >= N || b >= N) batch_range_error("count_workdays_half_open", k, a >= N ? begin[k] : end[k]);
    // Branch-free (random pairs make a <= b unpredictable): s = 1 shifts to (b, a].
    const std::uint64_t s = a > b;
    out[k] = p[b + s] - p[a + s];
  }
}

void Calendar::add_workdays(const std::int32_t* from, const std::int32_t* offsets, std::size_t n,
                            std::int32_t* out) const {
  const std::int32_t* p = impl_->prefix.data();
  const std::int32_t* wl = impl_->wlist.data();
  const auto W = static_cast<std::int64_t>(impl_->wlist.size());
  const auto N = static_cast<std::uint64_t>(detail::kDays);
  for (std::size_t k = 0; k < n; ++k) {
    const auto i = batch_index(from[k]);
    if (i >= N) batch_range_error("add_workdays", k, from[k]);
    const std::int64_t off = offsets[k];
    const std::int64_t pos = off > 0 ? p[i + 1] + off - 1 : p[i] + off;
    if (pos < 0 || pos >= W)
      throw RangeError("add_workdays: element " + std::to_string(k) + ": the result is outside 1900-01-01..2199-12-31");
    out[k] = wl[pos] - detail::kEpochIndex;
  }
}

}  // namespace v1
}  // namespace da06

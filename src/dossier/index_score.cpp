// Scoring the QĐ 766 index exactly: points from counts, group sums, ranks, and "what it takes".
#include "da06/dossier_index.hpp"

#include "da06/error.hpp"
#include "da06/numbers.hpp"

#include <algorithm>

namespace da06 {
inline namespace v1 {

std::int64_t CountCell::get(std::string_view name) const noexcept {
  auto it = counts.find(name);
  return it == counts.end() ? 0 : it->second;
}

std::string_view to_string(IndexLever l) noexcept {
  switch (l) {
    case IndexLever::on_time: return "on_time";
    case IndexLever::online: return "online";
    case IndexLever::paid_online: return "paid_online";
  }
  return "on_time";
}

std::pair<std::string_view, std::string_view> lever_counters(IndexLever l) noexcept {
  switch (l) {
    case IndexLever::on_time: return {"on_time", "received"};
    case IndexLever::online: return {"online", "channel_total"};
    case IndexLever::paid_online: return {"paid_online", "fee_obligation"};
  }
  return {"on_time", "received"};
}

std::int64_t indicator_points(const IndexIndicator& ind, std::int64_t n, std::int64_t d, std::int64_t fn, std::int64_t fd,
                              bool* zero_rule_applied) {
  if (zero_rule_applied) *zero_rule_applied = false;
  if (n < 0 || d < 0 || fn < 0 || fd < 0)
    throw DataError("indicator " + ind.code + ": counts must not be negative (" + std::to_string(n) + "/" + std::to_string(d) + ")");
  if (n > d && d > 0)
    throw DataError("indicator " + ind.code + ": numerator " + std::to_string(n) + " exceeds denominator " + std::to_string(d));
  const bool has_factor = !ind.factor_numerator.empty();
  if (d == 0 || (has_factor && fd == 0)) {
    if (zero_rule_applied) *zero_rule_applied = true;
    return ind.on_zero == ZeroRule::full ? ind.max_points : 0;
  }
  // points = max × min(1, (n/d)·(fn/fd) / (tn/td)), rounded half up: a / b with
  // a = max·n·fn·td, b = d·fd·tn. Realistic magnitudes (max ≤ 1e8, counts ≤ 1e12) fit in 128 bits;
  // any product that would not is done again in BigInt, so no count, however large, wraps.
  __extension__ typedef __int128 I;  // g++ and clang
  const std::int64_t f_num = has_factor ? std::min(fn, fd) : 1, f_den = has_factor ? fd : 1;
  I a = 0, b = 0, cap = 0, twice = 0;
  const bool overflow =
      __builtin_mul_overflow(I(ind.max_points), I(n), &a) || __builtin_mul_overflow(a, I(f_num), &a) ||
      __builtin_mul_overflow(a, I(ind.threshold_denominator), &a) || __builtin_mul_overflow(I(d), I(f_den), &b) ||
      __builtin_mul_overflow(b, I(ind.threshold_numerator), &b) || __builtin_mul_overflow(I(ind.max_points), b, &cap) ||
      __builtin_mul_overflow(a, I(2), &twice) || __builtin_add_overflow(twice, b, &twice);
  if (!overflow) {
    if (a >= cap) return ind.max_points;  // capped at full points
    return static_cast<std::int64_t>(twice / (2 * b));
  }
  const BigInt A = BigInt(ind.max_points) * n * f_num * ind.threshold_denominator;
  const BigInt B = BigInt(d) * f_den * ind.threshold_numerator;
  if (A >= BigInt(ind.max_points) * B) return ind.max_points;
  return static_cast<std::int64_t>((2 * A + B) / (2 * B));  // < max_points: fits
}

std::vector<ScoreRow> score_indicators(const IndexRules& rules, const CountCell& cell) {
  std::vector<ScoreRow> rows;
  rows.reserve(rules.indicators.size());
  for (const IndexIndicator& ind : rules.indicators) {
    ScoreRow r;
    r.unit = cell.unit;
    r.period = cell.period;
    r.group = ind.group;
    r.indicator = ind.code;
    r.numerator = cell.get(ind.numerator);
    r.denominator = cell.get(ind.denominator);
    if (r.denominator > 0) r.ratio = static_cast<double>(r.numerator) / static_cast<double>(r.denominator);
    r.threshold_numerator = ind.threshold_numerator;
    r.threshold_denominator = ind.threshold_denominator;
    if (!ind.factor_numerator.empty()) {
      r.factor_numerator = cell.get(ind.factor_numerator);
      r.factor_denominator = cell.get(ind.factor_denominator);
    }
    try {
      r.points = indicator_points(ind, r.numerator, r.denominator, r.factor_numerator, r.factor_denominator, &r.zero_rule_applied);
    } catch (const DataError& e) {
      Location where;
      where.path = cell.unit + "/" + cell.period;
      where.field = ind.numerator;
      throw DataError(e.message(), where);
    }
    r.max_points = ind.max_points;
    r.rules_version = rules.version;
    rows.push_back(std::move(r));
  }
  return rows;
}

UnitScore score_unit(const IndexRules& rules, const CountCell& cell) {
  UnitScore u;
  u.unit = cell.unit;
  u.period = cell.period;
  for (const auto& g : rules.groups) u.groups[g.code] = 0;
  for (const ScoreRow& r : score_indicators(rules, cell)) {
    u.groups[r.group] += r.points;
    u.total += r.points;
  }
  return u;
}

std::vector<UnitScore> rank_units(const IndexRules& rules, const std::vector<CountCell>& cells) {
  std::vector<UnitScore> out;
  out.reserve(cells.size());
  for (const auto& c : cells) out.push_back(score_unit(rules, c));
  std::stable_sort(out.begin(), out.end(), [](const UnitScore& a, const UnitScore& b) {
    if (a.period != b.period) return a.period < b.period;
    if (a.total != b.total) return a.total > b.total;
    return a.unit < b.unit;
  });
  std::size_t start = 0;  // first row of the current period
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i == 0 || out[i].period != out[i - 1].period) {
      start = i;
      out[i].rank = 1;
    } else {
      out[i].rank = out[i].total == out[i - 1].total ? out[i - 1].rank : static_cast<int>(i - start) + 1;
    }
  }
  return out;
}

WhatItTakes what_it_takes(const IndexRules& rules, const CountCell& cell, IndexLever lever, std::int64_t target_total) {
  // (not a structured binding: clang before 16 cannot capture one in the lambda below)
  const std::pair<std::string_view, std::string_view> counters = lever_counters(lever);
  const std::string_view num = counters.first, den = counters.second;
  WhatItTakes w;
  w.lever = lever;
  w.target_total = target_total;
  w.current_total = score_unit(rules, cell).total;
  w.available = std::max<std::int64_t>(0, cell.get(den) - cell.get(num));
  CountCell c = cell;
  auto total_with = [&](std::int64_t k) {
    c.counts[std::string(num)] = cell.get(num) + k;
    return score_unit(rules, c).total;
  };
  if (w.current_total >= target_total) {
    w.extra = 0;
    w.reached_total = w.current_total;
    return w;
  }
  const std::int64_t best = total_with(w.available);
  if (best < target_total) {
    w.reached_total = best;
    return w;
  }
  // Points are non-decreasing in a numerator (each indicator's exact value is, and rounding half up
  // keeps the order), so the smallest k is found by bisection on [0, available].
  std::int64_t lo = 0, hi = w.available;  // total_with(lo) < target ≤ total_with(hi)
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (total_with(mid) >= target_total ? hi : lo) = mid;
  }
  w.extra = hi;
  w.reached_total = total_with(hi);
  return w;
}

}  // namespace v1
}  // namespace da06

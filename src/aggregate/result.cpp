// AggregateResult: reading a result's groups, exactly (sums beyond int64 are kept in 128 bits).
#include "aggregate_internal.hpp"

namespace da06::inline v1 {

namespace detail {

BigInt big_of(int128 v) {
  bool neg = v < 0;
  uint128 m = neg ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
  BigInt r = BigInt(static_cast<std::uint64_t>(m >> 64));
  r <<= 64;
  r += BigInt(static_cast<std::uint64_t>(m));
  return neg ? BigInt(-r) : r;
}

}  // namespace detail

using detail::big_of;
using detail::fits64;

bool AggregateResult::fits_int64(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g) return fits64(w.num) && fits64(w.den);
  return true;
}

std::int64_t AggregateResult::numerator(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g && !fits64(w.num))
      throw RangeError("Σnumerator " + big_of(w.num).str() + " of group " + std::to_string(g) + " does not fit in int64");
  return num_[g];
}
std::int64_t AggregateResult::denominator(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g && !fits64(w.den))
      throw RangeError("Σdenominator " + big_of(w.den).str() + " of group " + std::to_string(g) + " does not fit in int64");
  return den_[g];
}
BigInt AggregateResult::numerator_big(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g) return big_of(w.num);
  return BigInt(num_[g]);
}
BigInt AggregateResult::denominator_big(std::size_t g) const {
  (void)unit_.at(g);
  for (const auto& w : wide_)
    if (w.group == g) return big_of(w.den);
  return BigInt(den_[g]);
}
Ratio AggregateResult::ratio(std::size_t g) const {
  if (!has_ratio(g))
    throw DataError("group " + std::to_string(g) + " has Σdenominator 0: no ratio");
  if (fits_int64(g)) return Ratio(num_[g], den_[g]);
  return Ratio(numerator_big(g), denominator_big(g));
}
std::optional<Ratio> AggregateResult::gap(std::size_t g) const {
  std::int32_t k = indicator(g);
  if (!has_ratio(g) || k >= static_cast<std::int32_t>(thresholds_.size()) || !thresholds_[k]) return std::nullopt;
  return ratio(g) - thresholds_[k]->value;
}

}  // namespace da06::inline v1

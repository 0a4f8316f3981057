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

AggregateResult::AggregateResult() : p_(std::make_unique<Impl>()) {}
AggregateResult::AggregateResult(const AggregateResult& o) : p_(std::make_unique<Impl>(o.impl())) {}
AggregateResult::AggregateResult(AggregateResult&&) noexcept = default;
AggregateResult& AggregateResult::operator=(const AggregateResult& o) {
  if (this != &o) p_ = std::make_unique<Impl>(o.impl());
  return *this;
}
AggregateResult& AggregateResult::operator=(AggregateResult&&) noexcept = default;
AggregateResult::~AggregateResult() = default;

/// A moved-from result reads as an empty one.
const AggregateResult::Impl& AggregateResult::impl() const noexcept {
  static const Impl empty;
  return p_ ? *p_ : empty;
}

std::size_t AggregateResult::size() const noexcept { return impl().unit_.size(); }
Level AggregateResult::level() const noexcept { return impl().level_; }
Date AggregateResult::as_of() const noexcept { return impl().as_of_; }
std::int32_t AggregateResult::unit(std::size_t g) const { return impl().unit_.at(g); }
std::int32_t AggregateResult::indicator(std::size_t g) const { return impl().indicator_.at(g); }
std::int32_t AggregateResult::period(std::size_t g) const { return impl().period_.at(g); }
std::int64_t AggregateResult::rows(std::size_t g) const { return impl().rows_.at(g); }
bool AggregateResult::overflowed() const noexcept { return !impl().wide_.empty(); }
bool AggregateResult::has_ratio(std::size_t g) const { return impl().status_.at(g) != GroupStatus::no_denominator; }
double AggregateResult::ratio_double(std::size_t g) const { return impl().ratio_d_.at(g); }
double AggregateResult::gap_double(std::size_t g) const { return impl().gap_d_.at(g); }
GroupStatus AggregateResult::status(std::size_t g) const { return impl().status_.at(g); }

const std::int32_t* AggregateResult::units() const noexcept { return impl().unit_.data(); }
const std::int32_t* AggregateResult::indicators() const noexcept { return impl().indicator_.data(); }
const std::int32_t* AggregateResult::periods() const noexcept { return impl().period_.data(); }
const std::int64_t* AggregateResult::numerators() const noexcept { return impl().num_.data(); }
const std::int64_t* AggregateResult::denominators() const noexcept { return impl().den_.data(); }
const std::int64_t* AggregateResult::row_counts() const noexcept { return impl().rows_.data(); }
const double* AggregateResult::ratios() const noexcept { return impl().ratio_d_.data(); }
const double* AggregateResult::gaps() const noexcept { return impl().gap_d_.data(); }
const GroupStatus* AggregateResult::statuses() const noexcept { return impl().status_.data(); }

const std::vector<DroppedUnit>& AggregateResult::dropped_units() const noexcept { return impl().dropped_; }
const std::vector<BadRow>& AggregateResult::bad_rows() const noexcept { return impl().bad_; }
std::size_t AggregateResult::bad_row_count() const noexcept { return impl().bad_count_; }
std::size_t AggregateResult::rows_used() const noexcept { return impl().rows_used_; }
std::size_t AggregateResult::rows_dropped() const noexcept { return impl().rows_dropped_; }

bool AggregateResult::fits_int64(std::size_t g) const {
  const Impl& x = impl();
  (void)x.unit_.at(g);
  for (const auto& w : x.wide_)
    if (w.group == g) return fits64(w.num) && fits64(w.den);
  return true;
}

std::int64_t AggregateResult::numerator(std::size_t g) const {
  const Impl& x = impl();
  (void)x.unit_.at(g);
  for (const auto& w : x.wide_)
    if (w.group == g && !fits64(w.num))
      throw RangeError("Σnumerator " + big_of(w.num).str() + " of group " + std::to_string(g) + " does not fit in int64");
  return x.num_[g];
}
std::int64_t AggregateResult::denominator(std::size_t g) const {
  const Impl& x = impl();
  (void)x.unit_.at(g);
  for (const auto& w : x.wide_)
    if (w.group == g && !fits64(w.den))
      throw RangeError("Σdenominator " + big_of(w.den).str() + " of group " + std::to_string(g) + " does not fit in int64");
  return x.den_[g];
}
BigInt AggregateResult::numerator_big(std::size_t g) const {
  const Impl& x = impl();
  (void)x.unit_.at(g);
  for (const auto& w : x.wide_)
    if (w.group == g) return big_of(w.num);
  return BigInt(x.num_[g]);
}
BigInt AggregateResult::denominator_big(std::size_t g) const {
  const Impl& x = impl();
  (void)x.unit_.at(g);
  for (const auto& w : x.wide_)
    if (w.group == g) return big_of(w.den);
  return BigInt(x.den_[g]);
}
Ratio AggregateResult::ratio(std::size_t g) const {
  if (!has_ratio(g))
    throw DataError("group " + std::to_string(g) + " has Σdenominator 0: no ratio");
  if (fits_int64(g)) return Ratio(impl().num_[g], impl().den_[g]);
  return Ratio(numerator_big(g), denominator_big(g));
}
std::optional<Ratio> AggregateResult::gap(std::size_t g) const {
  const auto& th = impl().thresholds_;
  std::int32_t k = indicator(g);
  if (!has_ratio(g) || k >= static_cast<std::int32_t>(th.size()) || !th[k]) return std::nullopt;
  return ratio(g) - th[k]->value;
}

}  // namespace da06::inline v1

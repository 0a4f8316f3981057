// Restating counts across the 2025 reform: the unit mapping (old → new units with exact shares, checked),
// the exact restatement, and largest-remainder apportionment.
#include "aggregate_internal.hpp"

#include "../format/text.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace da06::inline v1 {

// ---------------------------------------------------------------------------
// The mapping

bool MappingLoad::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; });
}

const std::vector<MappingEntry>& UnitMapping::entries() const noexcept {
  static const std::vector<MappingEntry> none;
  return entries_ ? *entries_ : none;
}

const std::vector<UnitMapping::Target>* UnitMapping::targets(std::string_view old_id) const {
  if (!map_) return nullptr;
  auto it = std::lower_bound(map_->begin(), map_->end(), old_id,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it == map_->end() || it->first != old_id) return nullptr;
  return &it->second;
}

UnitMapping::UnitMapping(std::vector<MappingEntry> entries) {
  MappingLoad r = build_mapping(std::move(entries), "<mapping>");
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  *this = std::move(r.mapping);
}

MappingLoad build_mapping(std::vector<MappingEntry> entries, const std::string& file) {
  MappingLoad out;
  auto loc = [&](const MappingEntry& e, const char* field) {
    const std::string_view f(field);
    Location l = f == "old_id" && e.old_where.line > 0 ? e.old_where
                 : f == "new_id" && e.new_where.line > 0 ? e.new_where
                                                          : e.where;
    if (l.file.empty()) l.file = file;
    if (l.field.empty() || l.field != field) l.field = field;
    l.path = field;
    return l;
  };
  // Group by old id, in table order.
  std::map<std::string, std::vector<std::size_t>> by_old;
  for (std::size_t i = 0; i < entries.size(); ++i) by_old[entries[i].old_id].push_back(i);
  auto kept_map = std::make_shared<std::vector<std::pair<std::string, std::vector<UnitMapping::Target>>>>();
  auto kept_entries = std::make_shared<std::vector<MappingEntry>>();
  for (auto& [old_id, idx] : by_old) {
    bool ok = true;
    Ratio sum;
    std::vector<UnitMapping::Target> ts;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i : idx) {
      const MappingEntry& e = entries[i];
      if (e.old_id.empty() || e.new_id.empty()) {
        out.diagnostics.push_back({Severity::error, loc(e, e.old_id.empty() ? "old_id" : "new_id"), "empty id"});
        ok = false;
        continue;
      }
      Ratio s = (Ratio(e.share.mantissa(), detail::pow10(e.share.scale()))).reduced();
      if (s.sign() <= 0 || s > Ratio(1)) {
        out.diagnostics.push_back({Severity::error, loc(e, "share"),
                                   "share " + e.share.to_string() + " of " + detail::quoted_excerpt(old_id) + " → " +
                                       detail::quoted_excerpt(e.new_id) + " is not in (0, 1]"});
        ok = false;
      }
      auto [it, fresh] = seen.emplace(e.new_id, i);
      if (!fresh) {
        out.diagnostics.push_back({Severity::error, loc(e, "new_id"),
                                   detail::quoted_excerpt(old_id) + " → " + detail::quoted_excerpt(e.new_id) + " appears twice (first at " +
                                       loc(entries[it->second], "new_id").to_string() + ")"});
        ok = false;
      }
      sum += s;
      ts.push_back({e.new_id, s});
    }
    if (ok && sum != Ratio(1)) {
      const MappingEntry& e = entries[idx.front()];
      Decimal shown = sum.round_to(12, Rounding::half_even);
      out.diagnostics.push_back({Severity::error, loc(e, "share"),
                                 "the shares of " + detail::quoted_excerpt(old_id) + " sum to " + sum.reduced().to_string() + " (≈ " +
                                     shown.to_string() + "), not exactly 1"});
      ok = false;
    }
    if (!ok) {
      out.diagnostics.back().message += " (all " + std::to_string(idx.size()) + " entries of " + detail::quoted_excerpt(old_id) + " rejected)";
      continue;
    }
    for (std::size_t i : idx) kept_entries->push_back(entries[i]);
    kept_map->push_back({old_id, std::move(ts)});
  }
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
  out.mapping.map_ = std::move(kept_map);
  out.mapping.entries_ = std::move(kept_entries);
  return out;
}

// ---------------------------------------------------------------------------
// Restating

Ratio RestatedRow::ratio() const {
  if (denominator.is_zero()) throw DataError("restated row " + unit + "/" + indicator + "/" + period + " has denominator 0");
  return (numerator / denominator).reduced();
}

Restated restate(const UnitMapping& m, const std::vector<CountRow>& rows) {
  Restated out;
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<Ratio, Ratio>> acc;
  std::map<std::string, int> unmapped;
  for (const auto& r : rows) {
    const auto* ts = m.targets(r.unit);
    if (!ts) {
      unmapped[r.unit] = 1;
      ++out.unmapped_rows;
      continue;
    }
    for (const auto& t : *ts) {
      auto& cell = acc[{t.new_id, r.indicator, r.period}];
      cell.first += t.share * Ratio(r.numerator);
      cell.second += t.share * Ratio(r.denominator);
    }
  }
  for (auto& [k, v] : acc)
    out.rows.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), v.first.reduced(), v.second.reduced()});
  for (const auto& [u, _] : unmapped) out.unmapped_units.push_back(u);
  return out;
}

std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<Ratio>& shares) {
  if (total < 0) throw InvalidArgument("apportion: negative total " + std::to_string(total));
  Ratio sum;
  for (const auto& s : shares) {
    if (s.sign() < 0) throw InvalidArgument("apportion: negative share " + s.to_string());
    sum += s;
  }
  if (sum != Ratio(1)) throw InvalidArgument("apportion: shares sum to " + sum.reduced().to_string() + ", not 1");
  std::vector<std::int64_t> out(shares.size());
  std::vector<Ratio> rem(shares.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    Ratio exact = shares[i] * Ratio(total);
    BigInt f = exact.floor();
    out[i] = f.convert_to<std::int64_t>();  // 0 <= f <= total
    rem[i] = exact - Ratio(out[i]);
    given += out[i];
  }
  std::vector<std::size_t> order(shares.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
  for (std::size_t j = 0; given < total; ++j, ++given) ++out[order[j]];  // total − given < number of shares
  return out;
}

}  // namespace da06::inline v1

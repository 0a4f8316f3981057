// Counting a dossier table into the QĐ 766 counters per unit and period (da06/dossier_counts.hpp).
//
// One pass over the rows in chunks: the period of each receipt, the status as of the period's end (or
// one moment), then dense per-cell counters. Distinct-procedure counters use a per-cell bit mask of
// procedures (dense when cells × procedures is at most 256 Mi, a hash map otherwise). Large tables are
// split over threads into private tables that are then added, so the result does not depend on the
// thread count.
#include "da06/dossier_counts.hpp"

#include "da06/error.hpp"

#include <algorithm>
#include <array>
#include <thread>
#include <unordered_map>

namespace da06 {
inline namespace v1 {

namespace {

enum Counter : std::size_t {
  kReceived, kOnTime, kCompleted, kOnline, kChannelTotal, kSynced, kResultElectronic, kDigitised, kReused,
  kPersonalStore, kCitizenData, kFeeObligation, kPaidOnline, kSatisfied,
  kProcOnline, kProcFee, kProcPaid, kProcCitizen, kCounterCount
};

// Civil date of a day number (days since 1970-01-01): the classic era-based conversion.
void civil(std::int64_t z, std::int64_t& y, unsigned& m) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

std::int64_t days_from_civil(std::int64_t y, unsigned m) {  // day 1 of month m
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Partial {
  std::vector<std::int64_t> values;                     // cells × kCounterCount
  std::vector<std::uint8_t> proc_dense;                 // cells × n_procedures (bit per procedure counter)
  std::unordered_map<std::uint64_t, std::uint8_t> proc_sparse;
  RowErrors errors;
  std::int64_t rows = 0;
};

}  // namespace

std::string_view to_string(IndexPeriod k) noexcept {
  switch (k) {
    case IndexPeriod::month: return "month";
    case IndexPeriod::quarter: return "quarter";
    case IndexPeriod::year: return "year";
  }
  return "month";
}

std::int32_t period_key(IndexPeriod kind, LocalSeconds t) {
  if (t == kNoTime) throw InvalidArgument("period_key: the time is missing");
  std::int64_t y;
  unsigned m;
  civil(local_day(t), y, m);
  switch (kind) {
    case IndexPeriod::month: return static_cast<std::int32_t>(y * 12 + m - 1);
    case IndexPeriod::quarter: return static_cast<std::int32_t>(y * 4 + (m - 1) / 3);
    case IndexPeriod::year: return static_cast<std::int32_t>(y);
  }
  return 0;
}

std::string period_label(IndexPeriod kind, std::int32_t key) {
  auto pad2 = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  switch (kind) {
    case IndexPeriod::month: return std::to_string(key / 12) + "-" + pad2(key % 12 + 1);
    case IndexPeriod::quarter: return std::to_string(key / 4) + "-Q" + std::to_string(key % 4 + 1);
    case IndexPeriod::year: return std::to_string(key);
  }
  return {};
}

std::pair<LocalSeconds, LocalSeconds> period_bounds(IndexPeriod kind, std::int32_t key) {
  std::int64_t y0, y1;
  unsigned m0, m1;
  switch (kind) {
    case IndexPeriod::month: y0 = key / 12; m0 = static_cast<unsigned>(key % 12 + 1); break;
    case IndexPeriod::quarter: y0 = key / 4; m0 = static_cast<unsigned>(key % 4 * 3 + 1); break;
    default: y0 = key; m0 = 1; break;
  }
  const unsigned len = kind == IndexPeriod::month ? 1 : kind == IndexPeriod::quarter ? 3 : 12;
  y1 = y0 + (m0 - 1 + len) / 12;
  m1 = (m0 - 1 + len) % 12 + 1;
  return {days_from_civil(y0, m0) * kSecondsPerDay, days_from_civil(y1, m1) * kSecondsPerDay};
}

const std::vector<std::string>& dossier_counter_names() {
  static const std::vector<std::string> names = {
      "received",     "on_time",        "completed",      "online",        "channel_total",
      "synced",       "result_electronic", "digitised",   "reused",        "personal_store",
      "citizen_data", "fee_obligation", "paid_online",    "satisfied",     "services_with_online_dossier",
      "procedures_with_fee_dossier", "procedures_with_paid_online", "procedures_with_citizen_data"};
  return names;
}

void DossierCounts::merge(const DossierCounts& o) {
  if (o.period_kind != period_kind || o.counters != counters)
    throw InvalidArgument("DossierCounts::merge: the tables have different period kinds or counters");
  // Merge two sorted (unit, period) lists.
  DossierCounts out;
  out.period_kind = period_kind;
  out.counters = counters;
  const std::size_t w = counters.size();
  std::size_t i = 0, j = 0;
  auto take = [&](const DossierCounts& t, std::size_t c) {
    out.unit.push_back(t.unit[c]);
    out.period.push_back(t.period[c]);
    out.values.insert(out.values.end(), t.values.begin() + static_cast<std::ptrdiff_t>(c * w),
                      t.values.begin() + static_cast<std::ptrdiff_t>((c + 1) * w));
  };
  while (i < cells() || j < o.cells()) {
    if (j >= o.cells() || (i < cells() && std::pair(unit[i], period[i]) < std::pair(o.unit[j], o.period[j]))) {
      take(*this, i++);
    } else if (i >= cells() || std::pair(o.unit[j], o.period[j]) < std::pair(unit[i], period[i])) {
      take(o, j++);
    } else {
      take(*this, i++);
      for (std::size_t k = 0; k < w; ++k) out.values[out.values.size() - w + k] += o.values[j * w + k];
      ++j;
    }
  }
  out.rows_counted = rows_counted + o.rows_counted;
  out.errors = errors;
  for (const auto& e : o.errors.first) out.errors.add(e.row, e.field, e.message);
  out.errors.count = errors.count + o.errors.count;
  *this = std::move(out);
}

DossierCounts count_dossiers(const DossierEngine& engine, const DossierTable& t, const CountOptions& opt) {
  const DossierColumns& c = t.rows;
  if (c.n && (!c.received_at || !c.time_limit || !t.unit))
    throw InvalidArgument("count_dossiers: the received_at, time_limit and unit columns are required");
  if (t.n_units < 0 || t.n_procedures < 0) throw InvalidArgument("count_dossiers: negative n_units or n_procedures");
  DossierCounts out;
  out.period_kind = opt.period;
  out.counters = dossier_counter_names();

  // 1. The range of periods.
  std::int32_t pmin = std::numeric_limits<std::int32_t>::max(), pmax = std::numeric_limits<std::int32_t>::min();
  for (std::size_t k = 0; k < c.n; ++k) {
    const LocalSeconds r = c.received_at[k];
    if (r == kNoTime || r < -2208988800LL || r > 7258118400LL) continue;  // 1900..2200; reported below
    const std::int32_t p = period_key(opt.period, r);
    pmin = std::min(pmin, p);
    pmax = std::max(pmax, p);
  }
  if (pmin > pmax) pmin = pmax = 0;
  const std::int64_t n_periods = static_cast<std::int64_t>(pmax) - pmin + 1;
  const std::int64_t n_cells = static_cast<std::int64_t>(t.n_units) * n_periods;
  const std::int64_t n_proc = t.procedure ? t.n_procedures : 0;
  const bool dense = n_proc > 0 && n_cells * n_proc <= (std::int64_t{1} << 28);

  // 2. Count slices of rows in private tables.
  auto count_slice = [&](std::size_t begin, std::size_t end, Partial& part) {
    part.values.assign(static_cast<std::size_t>(n_cells) * kCounterCount, 0);
    if (dense) part.proc_dense.assign(static_cast<std::size_t>(n_cells * n_proc), 0);
    constexpr std::size_t kChunk = 8192;
    std::vector<LocalSeconds> as_of(kChunk);
    std::vector<std::uint8_t> state(kChunk);
    std::vector<std::int32_t> cell(kChunk);
    for (std::size_t b = begin; b < end; b += kChunk) {
      const std::size_t len = std::min(kChunk, end - b);
      DossierColumns sub = c;
      sub.n = len;
      auto shift = [b](auto* p) { return p ? p + b : p; };
      sub.received_at = shift(c.received_at);
      sub.time_limit = shift(c.time_limit);
      sub.limit_unit = shift(c.limit_unit);
      sub.due_at = shift(c.due_at);
      sub.finished_at = shift(c.finished_at);
      sub.pause_start = shift(c.pause_start);
      sub.pause_end = shift(c.pause_end);
      sub.supplement_requests = shift(c.supplement_requests);
      for (std::size_t k = 0; k < len; ++k) {
        const LocalSeconds r = sub.received_at[k];
        const std::int32_t u = t.unit[b + k];
        cell[k] = -1;
        as_of[k] = kNoTime;
        if (r == kNoTime || r < -2208988800LL || r > 7258118400LL) continue;  // the status pass reports it
        if (u < 0 || u >= t.n_units) continue;
        const std::int32_t p = period_key(opt.period, r);
        cell[k] = static_cast<std::int32_t>(static_cast<std::int64_t>(u) * n_periods + (p - pmin));
        as_of[k] = opt.as_of != kNoTime ? opt.as_of : period_bounds(opt.period, p).second - 1;
      }
      RowErrors errs;
      engine.status(sub, as_of.data(), state.data(), nullptr, errs);
      for (const auto& e : errs.first)  // a row with unit −1 was rejected by its reader already
        if (t.unit[b + static_cast<std::size_t>(e.row)] != -1)
          part.errors.add(e.row + static_cast<std::int64_t>(b), e.field, e.message);
      part.errors.count += errs.count - static_cast<std::int64_t>(errs.first.size());
      for (std::size_t k = 0; k < len; ++k) {
        const std::size_t row = b + k;
        const std::int32_t u = t.unit[row];
        if (u == -1) continue;  // rejected by the reader
        if (u < 0 || u >= t.n_units) {
          part.errors.add(static_cast<std::int64_t>(row), "unit",
                          "unit code " + std::to_string(u) + " is not 0.." + std::to_string(t.n_units - 1));
          continue;
        }
        const auto s = static_cast<DossierState>(state[k]);
        if (s == DossierState::invalid || cell[k] < 0) continue;
        std::int64_t* v = part.values.data() + static_cast<std::size_t>(cell[k]) * kCounterCount;
        const bool on_time = counts_on_time(s);
        const std::uint8_t ch = t.channel ? t.channel[row] : 0;
        auto flag = [row](const std::uint8_t* col) { return col && col[row] != 0; };
        const bool online = ch == static_cast<std::uint8_t>(DossierChannel::online);
        const bool fee = flag(t.fee_obligation), paid = fee && flag(t.paid_online), citizen = flag(t.citizen_data);
        v[kReceived] += 1;
        v[kOnTime] += on_time;
        v[kCompleted] += s == DossierState::early || s == DossierState::on_time || s == DossierState::late;
        v[kOnline] += online;
        v[kChannelTotal] += ch != 0;
        v[kSynced] += flag(t.synced);
        v[kResultElectronic] += flag(t.result_electronic);
        v[kDigitised] += flag(t.digitised);
        v[kReused] += flag(t.reused);
        v[kPersonalStore] += flag(t.personal_store);
        v[kCitizenData] += citizen;
        v[kFeeObligation] += fee;
        v[kPaidOnline] += paid;
        v[kSatisfied] += on_time && !flag(t.dissatisfied);
        ++part.rows;
        if (n_proc > 0) {
          const std::int32_t pr = t.procedure[row];
          if (pr < 0 || pr >= n_proc) continue;
          const std::uint8_t bits = static_cast<std::uint8_t>((online ? 1 : 0) | (fee ? 2 : 0) | (paid ? 4 : 0) | (citizen ? 8 : 0));
          if (!bits) continue;
          const std::uint64_t key = static_cast<std::uint64_t>(cell[k]) * static_cast<std::uint64_t>(n_proc) + static_cast<std::uint64_t>(pr);
          if (dense) part.proc_dense[key] |= bits;
          else part.proc_sparse[key] |= bits;
        }
      }
    }
  };
  const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>(hw, std::max<std::size_t>(1, c.n / (1u << 20)));
  std::vector<Partial> parts(threads);
  std::vector<std::exception_ptr> failures(threads);
  {
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < threads; ++i) {
      const std::size_t begin = c.n * i / threads, end = c.n * (i + 1) / threads;
      auto body = [&, i, begin, end] {
        try {
          count_slice(begin, end, parts[i]);
        } catch (...) {
          failures[i] = std::current_exception();
        }
      };
      if (i + 1 == threads) body();
      else pool.emplace_back(body);
    }
    for (auto& th : pool) th.join();
  }
  for (auto& f : failures)
    if (f) std::rethrow_exception(f);

  // 3. Add the private tables, fold the procedure masks into distinct counts, keep non-empty cells.
  Partial& all = parts[0];
  for (std::size_t i = 1; i < threads; ++i) {
    for (std::size_t k = 0; k < all.values.size(); ++k) all.values[k] += parts[i].values[k];
    if (dense)
      for (std::size_t k = 0; k < all.proc_dense.size(); ++k) all.proc_dense[k] |= parts[i].proc_dense[k];
    for (const auto& [key, bits] : parts[i].proc_sparse) all.proc_sparse[key] |= bits;
    for (const auto& e : parts[i].errors.first) all.errors.add(e.row, e.field, e.message);
    all.errors.count += parts[i].errors.count - static_cast<std::int64_t>(parts[i].errors.first.size());
    all.rows += parts[i].rows;
    parts[i] = Partial{};
  }
  auto fold = [&](std::uint64_t key, std::uint8_t bits) {
    std::int64_t* v = all.values.data() + (key / static_cast<std::uint64_t>(n_proc)) * kCounterCount;
    v[kProcOnline] += (bits & 1) != 0;
    v[kProcFee] += (bits & 2) != 0;
    v[kProcPaid] += (bits & 4) != 0;
    v[kProcCitizen] += (bits & 8) != 0;
  };
  if (dense)
    for (std::size_t k = 0; k < all.proc_dense.size(); ++k) {
      if (all.proc_dense[k]) fold(k, all.proc_dense[k]);
    }
  for (const auto& [key, bits] : all.proc_sparse) fold(key, bits);
  for (std::int64_t cl = 0; cl < n_cells; ++cl) {
    const std::int64_t* v = all.values.data() + static_cast<std::size_t>(cl) * kCounterCount;
    if (v[kReceived] == 0) continue;
    out.unit.push_back(static_cast<std::int32_t>(cl / n_periods));
    out.period.push_back(static_cast<std::int32_t>(pmin + cl % n_periods));
    out.values.insert(out.values.end(), v, v + kCounterCount);
  }
  std::sort(all.errors.first.begin(), all.errors.first.end(), [](const RowError& a, const RowError& b) { return a.row < b.row; });
  out.errors = std::move(all.errors);
  out.rows_counted = all.rows;
  return out;
}

}  // namespace v1
}  // namespace da06

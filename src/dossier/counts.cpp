// Counting a dossier table into the QĐ 766 counters per unit and period (da06/dossier_counts.hpp).
//
// One pass over the rows in chunks: the period of each receipt, the status as of the period's end (or
// one moment), then dense per-cell counters. Distinct-procedure counters use a per-cell bit mask of
// procedures (dense when cells × procedures is at most 256 Mi, a hash map otherwise). Large tables are
// split over threads into private tables that are then added, so the result does not depend on the
// thread count.
#include "da06/dossier_counts.hpp"

#include "da06/error.hpp"
#include "engine_tables.hpp"

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
  auto pad2 = [](int v) {  // v in 1..12
    const char two[2] = {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
    return std::string(two, 2);
  };
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

  // 1. The range of days, then a day → period table and each period's last second.
  std::int64_t dmin = std::numeric_limits<std::int64_t>::max(), dmax = std::numeric_limits<std::int64_t>::min();
  for (std::size_t k = 0; k < c.n; ++k) {
    const LocalSeconds r = c.received_at[k];
    if (r == kNoTime || r < -2208988800LL || r > 7258118400LL) continue;  // 1900..2200; reported below
    const std::int64_t d = local_day(r);
    dmin = std::min(dmin, d);
    dmax = std::max(dmax, d);
  }
  if (dmin > dmax) dmin = dmax = 0;
  const std::int32_t pmin = period_key(opt.period, dmin * kSecondsPerDay);
  const std::int32_t pmax = period_key(opt.period, dmax * kSecondsPerDay);
  const std::int64_t n_periods = static_cast<std::int64_t>(pmax) - pmin + 1;
  std::vector<std::int32_t> period_of_day(static_cast<std::size_t>(dmax - dmin + 1));  // period − pmin
  for (std::int64_t d = dmin; d <= dmax; ++d)
    period_of_day[static_cast<std::size_t>(d - dmin)] = period_key(opt.period, d * kSecondsPerDay) - pmin;
  std::vector<LocalSeconds> period_end(static_cast<std::size_t>(n_periods));
  for (std::int64_t p = 0; p < n_periods; ++p)
    period_end[static_cast<std::size_t>(p)] = period_bounds(opt.period, static_cast<std::int32_t>(pmin + p)).second - 1;
  const std::int64_t n_cells = static_cast<std::int64_t>(t.n_units) * n_periods;
  const std::int64_t n_proc = t.procedure ? t.n_procedures : 0;
  const bool dense = n_proc > 0 && n_cells * n_proc <= (std::int64_t{1} << 28);

  // 2. Count slices of rows in private tables.
  // 2. Count slices of rows in private tables.
  //
  // The fast path (most rows): a limit in working days, no recorded due day, no pause, no repeated
  // supplementation — status and counters in one pass, with the calendar's packed tables (one load for
  // the effective receipt day, one for the due day) and the next rows' cells prefetched. Every other row,
  // and every bad one, is gathered and goes through DossierEngine::status, which reports it.
  const detail::WorkdayTables wt = detail::workday_tables(engine);
  auto count_slice = [&](std::size_t begin, std::size_t end, Partial& part) {
    part.values.assign(static_cast<std::size_t>(n_cells) * kCounterCount, 0);
    if (dense) part.proc_dense.assign(static_cast<std::size_t>(n_cells * n_proc), 0);
    // The per-row counters add into 32-bit cells (half the cache footprint of the random scatter), flushed
    // into the 64-bit totals before any of them could overflow.
    constexpr std::size_t kAcc = 16;  // kProcOnline (14) counters, padded to a power of two
    std::vector<std::uint32_t> acc(static_cast<std::size_t>(n_cells) * kAcc, 0);
    std::size_t since_flush = 0;
    auto flush = [&] {
      for (std::int64_t cl = 0; cl < n_cells; ++cl)
        for (std::size_t j = 0; j < kProcOnline; ++j) {
          part.values[static_cast<std::size_t>(cl) * kCounterCount + j] += acc[static_cast<std::size_t>(cl) * kAcc + j];
          acc[static_cast<std::size_t>(cl) * kAcc + j] = 0;
        }
      since_flush = 0;
    };
    auto flag = [](const std::uint8_t* col, std::size_t row) -> std::uint32_t { return col && col[row] != 0; };
    // Adds one dossier with its state to its cell.
    auto add = [&](std::size_t row, std::int64_t cl, bool on_time, bool completed) {
      std::uint32_t* v = acc.data() + static_cast<std::size_t>(cl) * kAcc;
      const std::uint8_t ch = t.channel ? t.channel[row] : 0;
      const std::uint32_t online = ch == static_cast<std::uint8_t>(DossierChannel::online);
      const std::uint32_t fee = flag(t.fee_obligation, row), paid = fee & flag(t.paid_online, row);
      const std::uint32_t citizen = flag(t.citizen_data, row);
      v[kReceived] += 1;
      v[kOnTime] += on_time;
      v[kCompleted] += completed;
      v[kOnline] += online;
      v[kChannelTotal] += ch != 0;
      v[kSynced] += flag(t.synced, row);
      v[kResultElectronic] += flag(t.result_electronic, row);
      v[kDigitised] += flag(t.digitised, row);
      v[kReused] += flag(t.reused, row);
      v[kPersonalStore] += flag(t.personal_store, row);
      v[kCitizenData] += citizen;
      v[kFeeObligation] += fee;
      v[kPaidOnline] += paid;
      v[kSatisfied] += on_time & (flag(t.dissatisfied, row) ^ 1u);
      ++part.rows;
      if (n_proc > 0) {
        const std::int32_t pr = t.procedure[row];
        if (pr < 0 || pr >= n_proc) return;
        const auto bits = static_cast<std::uint8_t>(online | (fee << 1) | (paid << 2) | (citizen << 3));
        if (!bits) return;
        const std::uint64_t key = static_cast<std::uint64_t>(cl) * static_cast<std::uint64_t>(n_proc) + static_cast<std::uint64_t>(pr);
        if (dense) part.proc_dense[key] |= bits;
        else part.proc_sparse[key] |= bits;
      }
    };
    // the cell of a row, or −1 (a bad receipt or unit, reported by the general path)
    auto cell_of = [&](std::size_t row) -> std::int64_t {
      const LocalSeconds r = c.received_at[row];
      const std::int32_t u = t.unit[row];
      if (r == kNoTime || r < -2208988800LL || r > 7258118400LL || u < 0 || u >= t.n_units) return -1;
      const std::int32_t p = period_of_day[static_cast<std::size_t>(local_day(r) - dmin)];
      return static_cast<std::int64_t>(u) * n_periods + p;
    };
    auto as_of_of = [&](std::int64_t cl) {
      return opt.as_of != kNoTime ? opt.as_of : period_end[static_cast<std::size_t>(cl % n_periods)];
    };

    // 2a. the fast pass
    std::vector<std::uint32_t> slow;  // rows for the general path (offsets from begin)
    const bool repeated_rule = wt.repeated_supplementation_is_late && c.supplement_requests;
    constexpr std::size_t kAhead = 16;
    for (std::size_t row = begin; row < end; ++row) {
      if (row + kAhead < end) {
        const LocalSeconds ra = c.received_at[row + kAhead];
        const std::int32_t ua = t.unit[row + kAhead];
        if (ra >= 0 && ra <= 7258118400LL && ua >= 0 && ua < t.n_units) {
          const std::int64_t da = ra / kSecondsPerDay - dmin;
          if (da >= 0 && da < static_cast<std::int64_t>(period_of_day.size()))
            __builtin_prefetch(acc.data() + (static_cast<std::size_t>(ua) * static_cast<std::size_t>(n_periods) +
                                             static_cast<std::size_t>(period_of_day[static_cast<std::size_t>(da)])) * kAcc, 1);
        }
      }
      const LocalSeconds r = c.received_at[row];
      const std::int32_t u = t.unit[row];
      const std::int64_t lim = c.time_limit[row];
      const LocalSeconds fin = c.finished_at ? c.finished_at[row] : kNoTime;
      const bool simple = r >= 0 && r <= 7258118400LL && u >= 0 && u < t.n_units && lim >= 0 &&
                          (c.limit_unit ? c.limit_unit[row] == 0 : c.default_unit == LimitUnit::working_days) &&
                          (!c.due_at || c.due_at[row] == kNoTime) && (!c.pause_start || c.pause_start[row] == kNoTime) &&
                          (!repeated_rule || c.supplement_requests[row] <= 1) && (fin == kNoTime || fin >= r);
      if (!simple) {
        if (u != -1) slow.push_back(static_cast<std::uint32_t>(row - begin));
        continue;
      }
      const std::int64_t day = r / kSecondsPerDay;
      const std::int64_t i = day - wt.first_day;
      const std::int64_t dr = day - dmin;
      if (i < 0 || i >= wt.days || dr < 0 || dr >= static_cast<std::int64_t>(period_of_day.size())) {
        slow.push_back(static_cast<std::uint32_t>(row - begin));
        continue;
      }
      const std::int32_t p = period_of_day[static_cast<std::size_t>(dr)];
      const std::int64_t cl = static_cast<std::int64_t>(u) * n_periods + p;
      const LocalSeconds as_of = opt.as_of != kNoTime ? opt.as_of : period_end[static_cast<std::size_t>(p)];
      if (r > as_of) continue;  // received after the moment of evaluation: not in the cohort
      const std::int32_t ts = wt.start2[i];
      const std::int64_t pos = (ts >> 1) + ((ts & 1) & static_cast<std::int32_t>(r - day * kSecondsPerDay > wt.cutoff));
      if (pos + lim >= wt.nwork) {
        slow.push_back(static_cast<std::uint32_t>(row - begin));
        continue;
      }
      const LocalSeconds due_at = static_cast<LocalSeconds>(wt.workdays[pos + lim]) * kSecondsPerDay + (kSecondsPerDay - 1);
      const bool finished = fin != kNoTime && fin <= as_of;
      add(row, cl, (finished ? fin : as_of) <= due_at, finished);
      if (++since_flush > (std::size_t{1} << 31)) flush();
    }

    // 2b. the general path for the gathered rows, in chunks
    constexpr std::size_t kChunk = 4096;
    std::vector<LocalSeconds> g_rec(kChunk), g_due(kChunk), g_fin(kChunk), g_ps(kChunk), g_pe(kChunk), as_of(kChunk);
    std::vector<std::int32_t> g_lim(kChunk), g_supp(kChunk);
    std::vector<std::uint8_t> g_unit(kChunk), state(kChunk);
    std::vector<std::int64_t> cell(kChunk);
    for (std::size_t b0 = 0; b0 < slow.size(); b0 += kChunk) {
      const std::size_t len = std::min(kChunk, slow.size() - b0);
      DossierColumns sub;
      sub.n = len;
      sub.default_unit = c.default_unit;
      for (std::size_t k = 0; k < len; ++k) {
        const std::size_t row = begin + slow[b0 + k];
        g_rec[k] = c.received_at[row];
        g_lim[k] = c.time_limit[row];
        if (c.limit_unit) g_unit[k] = c.limit_unit[row];
        g_due[k] = c.due_at ? c.due_at[row] : kNoTime;
        g_fin[k] = c.finished_at ? c.finished_at[row] : kNoTime;
        g_ps[k] = c.pause_start ? c.pause_start[row] : kNoTime;
        g_pe[k] = c.pause_end ? c.pause_end[row] : kNoTime;
        if (c.supplement_requests) g_supp[k] = c.supplement_requests[row];
        cell[k] = cell_of(row);
        as_of[k] = cell[k] >= 0 ? as_of_of(cell[k]) : kNoTime;
      }
      sub.received_at = g_rec.data();
      sub.time_limit = g_lim.data();
      sub.limit_unit = c.limit_unit ? g_unit.data() : nullptr;
      sub.due_at = c.due_at ? g_due.data() : nullptr;
      sub.finished_at = c.finished_at ? g_fin.data() : nullptr;
      sub.pause_start = c.pause_start ? g_ps.data() : nullptr;
      sub.pause_end = c.pause_end ? g_pe.data() : nullptr;
      sub.supplement_requests = c.supplement_requests ? g_supp.data() : nullptr;
      RowErrors errs;
      engine.status(sub, as_of.data(), state.data(), nullptr, errs);
      for (const auto& e : errs.first) part.errors.add(static_cast<std::int64_t>(begin + slow[b0 + static_cast<std::size_t>(e.row)]), e.field, e.message);
      part.errors.count += errs.count - static_cast<std::int64_t>(errs.first.size());
      for (std::size_t k = 0; k < len; ++k) {
        const std::size_t row = begin + slow[b0 + k];
        const std::int32_t u = t.unit[row];
        if (u < 0 || u >= t.n_units) {
          part.errors.add(static_cast<std::int64_t>(row), "unit",
                          "unit code " + std::to_string(u) + " is not 0.." + std::to_string(t.n_units - 1));
          continue;
        }
        const auto st = static_cast<DossierState>(state[k]);
        if (st == DossierState::invalid || cell[k] < 0) continue;
        add(row, cell[k], counts_on_time(st), st == DossierState::early || st == DossierState::on_time || st == DossierState::late);
      }
      since_flush += len;
    }
    flush();
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

// da06/dossier_counts.hpp — counting a dossier table into the QĐ 766 counters per unit and period.
//
// The portal's cohort: the dossiers whose receipt (ngày tiếp nhận) falls in the period (calendar month,
// quarter or year), each judged as of the period's last second — or as of one fixed moment, the
// portal's "real time" for the current period. Every counter of `dossier_counter_names()` is counted
// per (unit, period) in one pass; the counts add across row partitions, so a table split over files or
// machines is counted piece by piece and the pieces summed (`DossierCounts::merge`), then scored.
//
//   da06::DossierTable t;  t.rows.n = n;  t.rows.received_at = rec; t.rows.time_limit = lim; t.unit = units; ...
//   da06::DossierCounts c = da06::count_dossiers(engine, t, {da06::IndexPeriod::month});
#pragma once

#include "da06/dossier.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace da06 {
inline namespace v1 {

/// Calendar periods of the index (the portal's timeType).
enum class IndexPeriod : std::uint8_t { month = 0, quarter = 1, year = 2 };
/// "month", "quarter", "year".
std::string_view to_string(IndexPeriod k) noexcept;
/// The period key of a local time: year·12 + month − 1, year·4 + quarter − 1, or the year.
std::int32_t period_key(IndexPeriod kind, LocalSeconds t);
/// "2026-09", "2026-Q3", "2026".
std::string period_label(IndexPeriod kind, std::int32_t key);
/// The first second of the period and the first second of the next one.
std::pair<LocalSeconds, LocalSeconds> period_bounds(IndexPeriod kind, std::int32_t key);

/// DossierChannel of submission (kênh thực hiện), as the national sync format codes it.
enum class DossierChannel : std::uint8_t { unknown = 0, direct = 1, online = 2, postal = 3 };

/// A dossier table: the columns of `DossierColumns` plus the unit, the procedure and the 0/1 flags of
/// the index. Optional flag columns may be null (never true).
struct DossierTable {
  DossierColumns rows;
  const std::int32_t* unit = nullptr;       ///< required: 0 .. n_units − 1; −1 = a row rejected upstream, skipped
  std::int32_t n_units = 0;
  const std::int32_t* procedure = nullptr;  ///< 0 .. n_procedures − 1, or −1 for unknown
  std::int32_t n_procedures = 0;
  const std::uint8_t* channel = nullptr;    ///< DossierChannel
  const std::uint8_t* synced = nullptr;             ///< synchronised to the national portal
  const std::uint8_t* result_electronic = nullptr;  ///< electronic result issued (kết quả điện tử)
  const std::uint8_t* digitised = nullptr;          ///< components and result digitised
  const std::uint8_t* reused = nullptr;             ///< reuses digitised data
  const std::uint8_t* personal_store = nullptr;     ///< uses the citizen's data store (kho dữ liệu)
  const std::uint8_t* citizen_data = nullptr;       ///< uses the population database (dữ liệu dân cư)
  const std::uint8_t* fee_obligation = nullptr;     ///< has a fee > 0 (nghĩa vụ tài chính)
  const std::uint8_t* paid_online = nullptr;        ///< fee paid online (on the portal or the province's)
  const std::uint8_t* dissatisfied = nullptr;       ///< rated dissatisfied, or a complaint about it
};

struct CountOptions {
  IndexPeriod period = IndexPeriod::month;
  /// kNoTime: each dossier judged as of its period's last second. Otherwise one moment for all, and
  /// dossiers received after it are not counted.
  LocalSeconds as_of = kNoTime;
};

/// Counters per (unit, period): a dense block of `counters.size()` int64 per cell, cells ordered by
/// unit then period; `unit[c]`, `period[c]` name cell c. Only cells with received dossiers are kept.
struct DossierCounts {
  IndexPeriod period_kind = IndexPeriod::month;
  std::vector<std::string> counters;
  std::vector<std::int32_t> unit;
  std::vector<std::int32_t> period;
  std::vector<std::int64_t> values;  ///< cells × counters
  RowErrors errors;
  std::int64_t rows_counted = 0;

  std::size_t cells() const noexcept { return unit.size(); }
  std::int64_t at(std::size_t cell, std::size_t counter) const noexcept { return values[cell * counters.size() + counter]; }
  /// Adds another table's counts (same period kind and counters): the exact combination of partitions.
  void merge(const DossierCounts& other);
};

/// The names of the counters `count_dossiers` produces, in order:
/// received, on_time, completed, online, channel_total, synced, result_electronic, digitised, reused,
/// personal_store, citizen_data, fee_obligation, paid_online, satisfied, procedures_with_online_dossier
/// (= services_with_online_dossier), procedures_with_fee_dossier, procedures_with_paid_online,
/// procedures_with_citizen_data.
const std::vector<std::string>& dossier_counter_names();

/// Counts a dossier table. Bad rows are reported in `errors` (row index and field) and not counted.
DossierCounts count_dossiers(const DossierEngine& engine, const DossierTable& table, const CountOptions& options = {});

}  // namespace v1
}  // namespace da06

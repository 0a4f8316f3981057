// da06/dossier_io.hpp — reading a dossier table from CSV (the schema of docs/dossiers.md).
//
// English or Vietnamese column names (received_at or NgayTiepNhan, ...). Times are ISO: "2024-04-26"
// (a date: received that day, before the cut-off), "2024-04-26T16:30", "2024-04-26 16:30:05",
// optionally with "Z" or "+07:00" (converted to Vietnam time; offsets beyond ±14:00 are refused). A row
// with a bad field is reported as `FILE:LINE:COL: field: message` and not counted; every other row is
// kept. The file as a whole is refused, with one located error, when its text is not UTF-8 (or holds a
// NUL byte, or is UTF-16), when a column is named twice (`unit` and `MaDonVi` count as one name), when
// a required column is missing, or when it is larger than InputLimits::max_bytes.
//
//   da06::DossierFile f = da06::load_dossier_file("hoso.csv");
//   for (const auto& d : f.diagnostics) std::cerr << d.to_string() << "\n";
//   da06::DossierCounts c = da06::count_dossiers(engine, f.table());
#pragma once

#include "da06/dossier.hpp"
#include "da06/dossier_counts.hpp"
#include "da06/io.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

/// A dossier table read from a file: owned columns, the unit and procedure codes, diagnostics.
struct DossierFile {
  std::string file;
  std::vector<std::string> dossier_id;  ///< empty strings when the column is absent
  std::vector<std::int64_t> source_line;
  std::vector<LocalSeconds> received_at, due_at, finished_at, pause_start, pause_end;
  std::vector<std::int32_t> time_limit, supplement_requests, unit, procedure;
  std::vector<std::uint8_t> limit_unit, channel, synced, result_electronic, digitised, reused, personal_store,
      citizen_data, fee_obligation, paid_online, dissatisfied;
  std::vector<std::string> units;       ///< unit code → its text
  std::vector<std::string> procedures;  ///< procedure code → its text
  std::vector<Diagnostic> diagnostics;  ///< every bad field, located
  std::vector<std::string> columns;     ///< the English names of the columns present

  std::size_t size() const noexcept { return received_at.size(); }
  bool has(std::string_view column) const noexcept;
  /// A view of the columns (valid while the DossierFile lives). Rows with errors have unit −1.
  DossierTable table() const;
};

/// Reads a dossier CSV from text; `file` names it in diagnostics.
DossierFile read_dossier_csv(std::string_view text, const std::string& file = "<string>");
/// Reads a dossier CSV file; a missing file is a diagnostic, not an exception.
DossierFile load_dossier_file(const std::string& path);

/// One ISO date or date-time as local seconds ("Z" and "+hh:mm" converted to Vietnam time);
/// nullopt with `error` set when it is not one. An empty text is kNoTime.
std::optional<LocalSeconds> parse_local_time(std::string_view text, std::string& error);

}  // namespace v1
}  // namespace da06

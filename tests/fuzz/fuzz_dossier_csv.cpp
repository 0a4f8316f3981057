// libFuzzer target: the dossier CSV reader (`read_dossier_csv`, English or Vietnamese column names) and
// the due dates and counts computed from what it keeps.
//
// Properties, whatever the bytes:
//   * it returns (never throws); every diagnostic is located inside the input, with a clean message;
//   * every column has one value per data row; a kept row (unit ≥ 0) has a time of receipt, a time
//     limit ≥ 0, flags of 0 or 1, a known channel and limit unit; unit and procedure codes index their
//     lists, whose texts are distinct and non-empty;
//   * a file read with no error keeps one row per data row, each with its unit;
//   * round trip: the kept rows written back as CSV (English names, local times) read again, with no
//     diagnostic, to the same values;
//   * due dates: each kept row the engine accepts is due no earlier than the day it was received;
//     counting keeps every row it does not reject.
#include <da06/calendar.hpp>
#include <da06/dossier.hpp>
#include <da06/dossier_io.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace {

const da06::DossierEngine& engine() {
  static const da06::DossierEngine e(da06::Calendar::vietnam_public());
  return e;
}

/// "YYYY-MM-DDTHH:MM:SS" of a local time; "" for kNoTime.
std::string local_text(da06::LocalSeconds t) {
  if (t == da06::kNoTime) return {};
  const std::int64_t day = da06::local_day(t), s = t - day * da06::kSecondsPerDay;
  char hms[16];
  std::snprintf(hms, sizeof hms, "T%02d:%02d:%02d", static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60),
                static_cast<int>(s % 60));
  return boost::gregorian::to_iso_extended_string(da06::local_date(t)) + hms;
}

constexpr const char* kColumns[] = {"dossier_id", "unit", "procedure", "received_at", "due_at", "finished_at",
                                    "time_limit", "limit_unit", "channel", "supplement_requested_at",
                                    "supplement_completed_at", "supplement_requests", "fee", "paid_online", "synced",
                                    "result_electronic", "reused", "personal_store", "citizen_data",
                                    "components_digitised", "result_digitised", "complained"};

std::string write_kept(const da06::DossierFile& f, std::vector<std::size_t>& kept) {
  std::string out;
  for (const char* c : kColumns) out += std::string(out.empty() ? "" : ",") + c;
  out += "\r\n";
  const char* channels[] = {"", "direct", "online", "postal"};
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (f.unit[k] < 0) continue;
    kept.push_back(k);
    auto b = [&](const std::vector<std::uint8_t>& v) { return std::string(v[k] ? "1" : "0"); };
    const std::string proc = f.procedure[k] < 0 ? "" : f.procedures[static_cast<std::size_t>(f.procedure[k])];
    const std::vector<std::string> cells = {
        f.dossier_id[k], f.units[static_cast<std::size_t>(f.unit[k])], proc, local_text(f.received_at[k]),
        local_text(f.due_at[k]), local_text(f.finished_at[k]), std::to_string(f.time_limit[k]),
        f.limit_unit[k] ? "working_hours" : "working_days", channels[f.channel[k]], local_text(f.pause_start[k]),
        local_text(f.pause_end[k]), std::to_string(f.supplement_requests[k]), b(f.fee_obligation), b(f.paid_online),
        b(f.synced), b(f.result_electronic), b(f.reused), b(f.personal_store), b(f.citizen_data), b(f.digitised),
        b(f.digitised), b(f.dissatisfied)};
    for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + da06_fuzz::csv_field(cells[c]);
    out += "\r\n";
  }
  return out;
}

bool trimmed(const std::string& s) {
  return !s.empty() && s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t';
}

void check_same_row(const da06::DossierFile& a, std::size_t i, const da06::DossierFile& b, std::size_t j) {
  auto name = [](std::int32_t code, const std::vector<std::string>& list) {
    return code < 0 ? std::string() : list.at(static_cast<std::size_t>(code));
  };
  const std::string at = "row on line " + std::to_string(a.source_line[i]);
  FUZZ_CHECK(a.dossier_id[i] == b.dossier_id[j], at + ": dossier_id");
  FUZZ_CHECK(name(a.unit[i], a.units) == name(b.unit[j], b.units), at + ": unit");
  FUZZ_CHECK(name(a.procedure[i], a.procedures) == name(b.procedure[j], b.procedures), at + ": procedure");
  FUZZ_CHECK(a.received_at[i] == b.received_at[j] && a.due_at[i] == b.due_at[j] && a.finished_at[i] == b.finished_at[j] &&
                 a.pause_start[i] == b.pause_start[j] && a.pause_end[i] == b.pause_end[j],
             at + ": a time differs");
  FUZZ_CHECK(a.time_limit[i] == b.time_limit[j] && a.supplement_requests[i] == b.supplement_requests[j] &&
                 a.limit_unit[i] == b.limit_unit[j] && a.channel[i] == b.channel[j],
             at + ": a number or a code differs");
  for (auto col : {&da06::DossierFile::synced, &da06::DossierFile::result_electronic, &da06::DossierFile::digitised,
                   &da06::DossierFile::reused, &da06::DossierFile::personal_store, &da06::DossierFile::citizen_data,
                   &da06::DossierFile::fee_obligation, &da06::DossierFile::paid_online, &da06::DossierFile::dissatisfied})
    FUZZ_CHECK((a.*col)[i] == (b.*col)[j], at + ": a flag differs");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "hoso.csv";
  const da06::DossierFile f = da06::read_dossier_csv(text, file);
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf_cr);
  for (const auto& d : f.diagnostics) da06_fuzz::check_located(d.where, d.message, lines, file);

  const std::size_t n = f.size();
  for (const auto* v : {&f.due_at, &f.finished_at, &f.pause_start, &f.pause_end})
    FUZZ_CHECK(v->size() == n, "a time column of another length");
  for (const auto* v : {&f.time_limit, &f.supplement_requests, &f.unit, &f.procedure})
    FUZZ_CHECK(v->size() == n, "an integer column of another length");
  for (const auto* v : {&f.limit_unit, &f.channel, &f.synced, &f.result_electronic, &f.digitised, &f.reused,
                        &f.personal_store, &f.citizen_data, &f.fee_obligation, &f.paid_online, &f.dissatisfied})
    FUZZ_CHECK(v->size() == n, "a flag column of another length");
  FUZZ_CHECK(f.dossier_id.size() == n && f.source_line.size() == n, "ids or lines of another length");
  std::set<std::string> units(f.units.begin(), f.units.end()), procs(f.procedures.begin(), f.procedures.end());
  FUZZ_CHECK(units.size() == f.units.size() && procs.size() == f.procedures.size(), "a unit or procedure listed twice");
  for (const auto& u : f.units) FUZZ_CHECK(trimmed(u), "an empty or untrimmed unit: '" + u + "'");
  for (const auto& p : f.procedures) FUZZ_CHECK(trimmed(p), "an empty or untrimmed procedure: '" + p + "'");

  std::size_t kept = 0;
  for (std::size_t k = 0; k < n; ++k) {
    FUZZ_CHECK(f.source_line[k] >= 1 && static_cast<std::size_t>(f.source_line[k]) <= lines.size(), "a row off the input");
    FUZZ_CHECK(f.unit[k] >= -1 && f.unit[k] < static_cast<std::int32_t>(f.units.size()), "a unit code out of range");
    FUZZ_CHECK(f.procedure[k] >= -1 && f.procedure[k] < static_cast<std::int32_t>(f.procedures.size()),
               "a procedure code out of range");
    if (f.unit[k] < 0) continue;
    ++kept;
    FUZZ_CHECK(f.received_at[k] != da06::kNoTime, "a kept row without its time of receipt");
    FUZZ_CHECK(f.time_limit[k] >= 0 && f.supplement_requests[k] >= 0, "a negative limit or count kept");
    FUZZ_CHECK(f.limit_unit[k] <= 1 && f.channel[k] <= 3, "an unknown limit unit or channel kept");
    for (const auto* v : {&f.synced, &f.result_electronic, &f.digitised, &f.reused, &f.personal_store, &f.citizen_data,
                          &f.fee_obligation, &f.paid_online, &f.dissatisfied})
      FUZZ_CHECK((*v)[k] <= 1, "a flag other than 0 or 1");
  }
  if (da06_fuzz::error_count(f.diagnostics) == 0) {
    FUZZ_CHECK(n == da06_fuzz::csv_data_rows(text), "a clean file lost rows: " + std::to_string(n) + " of " +
                                                        std::to_string(da06_fuzz::csv_data_rows(text)));
    FUZZ_CHECK(kept == n, "a clean file with a rejected row");
  }
  if (kept == 0) return 0;

  // Round trip.
  std::vector<std::size_t> rows;
  const std::string again = write_kept(f, rows);
  const da06::DossierFile g = da06::read_dossier_csv(again, "again.csv");
  FUZZ_CHECK(g.diagnostics.empty(), "the written rows do not read cleanly: " + g.diagnostics.front().to_string() +
                                        "\n  written: " + again.substr(0, 400));
  FUZZ_CHECK(g.size() == rows.size(), "the written rows read to " + std::to_string(g.size()) + " rows");
  for (std::size_t j = 0; j < rows.size(); ++j) check_same_row(f, rows[j], g, j);

  // Due dates and counts. The engine may reject a row (a date past its calendar's range): that is an
  // error for the row, never an exception.
  const da06::DossierTable t = f.table();
  std::vector<da06::LocalSeconds> due_at(n);
  std::vector<std::int32_t> due_day(n), rec_day(n);
  da06::RowErrors errors;
  errors.limit = 0;
  engine().due(t.rows, da06::kNoTime, due_at.data(), due_day.data(), rec_day.data(), errors);
  for (std::size_t k = 0; k < n; ++k)
    if (due_at[k] != da06::kNoTime && f.due_at[k] == da06::kNoTime)
      FUZZ_CHECK(due_day[k] >= rec_day[k] && rec_day[k] >= da06::local_day(f.received_at[k]),
                 "due before receipt on line " + std::to_string(f.source_line[k]));
  const da06::DossierCounts c = da06::count_dossiers(engine(), t);
  FUZZ_CHECK(c.rows_counted >= 0 && static_cast<std::size_t>(c.rows_counted) <= kept, "more rows counted than kept");
  std::int64_t received = 0;
  for (std::size_t cell = 0; cell < c.cells(); ++cell) received += c.at(cell, 0);
  FUZZ_CHECK(received == c.rows_counted, "Σreceived " + std::to_string(received) + " != rows counted " +
                                             std::to_string(c.rows_counted));
  return 0;
}

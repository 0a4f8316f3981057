// The dossier CSV reader (da06/dossier_io.hpp): named columns, located errors, every valid row kept.
#include "da06/dossier_io.hpp"

#include "csv.hpp"
#include "table.hpp"
#include "text.hpp"

#include "da06/dates.hpp"
#include "da06/input.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace da06 {
inline namespace v1 {

namespace {

// English name ← Vietnamese name (the sync format's field names), both accepted.
const std::map<std::string, std::string, std::less<>>& aliases() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"mahoso", "dossier_id"}, {"madonvi", "unit"}, {"donvixuly", "unit"}, {"matthc", "procedure"},
      {"kenhthuchien", "channel"}, {"mucdodvc", "online_level"}, {"ngaytiepnhan", "received_at"},
      {"ngayhentra", "due_at"}, {"thoihangiaiquyet", "time_limit"}, {"donvitinh", "limit_unit"},
      {"ngayketthucxuly", "finished_at"}, {"ngaytraketqua", "returned_at"}, {"trangthai", "status"},
      {"ngayyeucaubosung", "supplement_requested_at"}, {"ngayhoanthanhbosung", "supplement_completed_at"},
      {"solanyeucaubosung", "supplement_requests"}, {"philephi", "fee"}, {"dathanhtoan", "paid"},
      {"duocthanhtoantructuyen", "paid_online"}, {"dadongbo", "synced"}, {"thanhphansohoa", "components_digitised"},
      {"ketquasohoa", "result_digitised"}, {"ketquadientu", "result_electronic"}, {"taisudungdulieu", "reused"},
      {"duoclaytukhodmqg", "personal_store"}, {"dulieudancu", "citizen_data"}, {"mucdohailong", "rating"},
      {"copakn", "complained"}};
  return m;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<bool> parse_flag(std::string_view s) {
  const std::string t = detail::lower_ascii(s);
  if (t.empty() || t == "0" || t == "false" || t == "no" || t == "khong" || t == "không") return false;
  if (t == "1" || t == "2" || t == "true" || t == "yes" || t == "co" || t == "có") return true;
  return std::nullopt;
}

}  // namespace

std::optional<LocalSeconds> parse_local_time(std::string_view s, std::string& error) {
  s = detail::trim(s);
  if (s.empty()) return kNoTime;
  const std::string_view day_text = s.substr(0, std::min<std::size_t>(10, s.size()));
  std::string why;
  const std::optional<Date> d = parse_iso_date(day_text, &why);
  if (!d) {
    error = detail::quoted_excerpt(s, 40) + ": " + why;
    return std::nullopt;
  }
  std::int64_t secs = 0;
  if (s.size() > 10) {
    if (s[10] != 'T' && s[10] != ' ') {
      error = detail::quoted_excerpt(s, 40) + " is not a date or date-time (YYYY-MM-DD[THH:MM[:SS]][Z|+hh:mm])";
      return std::nullopt;
    }
    std::string_view t = s.substr(11);
    std::int64_t offset = kNoTime;
    if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) {
      offset = 0;
      t.remove_suffix(1);
    } else if (t.size() > 6 && (t[t.size() - 6] == '+' || t[t.size() - 6] == '-') && t[t.size() - 3] == ':') {
      const std::string_view z = t.substr(t.size() - 5);
      if (!digits(z.substr(0, 2)) || !digits(z.substr(3, 2))) {
        error = detail::quoted_excerpt(s, 40) + " has a bad zone offset";
        return std::nullopt;
      }
      const int zh = std::stoi(std::string(z.substr(0, 2))), zm = std::stoi(std::string(z.substr(3, 2)));
      if (zh > 14 || zm > 59 || (zh == 14 && zm > 0)) {
        error = detail::quoted_excerpt(s, 40) + " has a zone offset outside -14:00..+14:00";
        return std::nullopt;
      }
      offset = (zh * 60 + zm) * 60;
      if (t[t.size() - 6] == '-') offset = -offset;
      t.remove_suffix(6);
    }
    // HH:MM[:SS[.fraction]]
    const bool ok = t.size() >= 5 && t[2] == ':' && digits(t.substr(0, 2)) && digits(t.substr(3, 2)) &&
                    (t.size() == 5 || (t.size() >= 8 && t[5] == ':' && digits(t.substr(6, 2)) &&
                                       (t.size() == 8 || (t[8] == '.' && digits(t.substr(9))))));
    if (!ok) {
      error = detail::quoted_excerpt(s, 40) + " is not a date-time (YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+hh:mm])";
      return std::nullopt;
    }
    const int h = std::stoi(std::string(t.substr(0, 2))), mi = std::stoi(std::string(t.substr(3, 2)));
    const int se = t.size() >= 8 ? std::stoi(std::string(t.substr(6, 2))) : 0;
    if (h > 23 || mi > 59 || se > 59) {
      error = detail::quoted_excerpt(s, 40) + " is not a time of day";
      return std::nullopt;
    }
    secs = h * 3600 + mi * 60 + se;
    // a fraction of a second after hh:mm:ss counts: 15:00:00.5 is after 15:00:00 — round up to the next second
    if (t.size() > 9 && t.substr(9).find_first_not_of('0') != std::string_view::npos) secs += 1;
    if (offset != kNoTime) secs += kVietnamUtcOffsetSeconds - offset;
  }
  return local_seconds(*d, secs);
}

bool DossierFile::has(std::string_view column) const noexcept {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

DossierTable DossierFile::table() const {
  DossierTable t;
  auto opt = [&](const auto& v, std::string_view name) { return has(name) ? v.data() : nullptr; };
  t.rows.n = size();
  t.rows.received_at = received_at.data();
  t.rows.time_limit = time_limit.data();
  t.rows.limit_unit = opt(limit_unit, "limit_unit");
  t.rows.due_at = opt(due_at, "due_at");
  t.rows.finished_at = (has("finished_at") || has("returned_at")) ? finished_at.data() : nullptr;
  t.rows.pause_start = opt(pause_start, "supplement_requested_at");
  t.rows.pause_end = opt(pause_end, "supplement_completed_at");
  t.rows.supplement_requests = opt(supplement_requests, "supplement_requests");
  t.unit = unit.data();
  t.n_units = static_cast<std::int32_t>(units.size());
  t.procedure = opt(procedure, "procedure");
  t.n_procedures = static_cast<std::int32_t>(procedures.size());
  t.channel = opt(channel, "channel");
  t.synced = opt(synced, "synced");
  t.result_electronic = opt(result_electronic, "result_electronic");
  t.digitised = (has("components_digitised") && has("result_digitised")) ? digitised.data() : nullptr;
  t.reused = opt(reused, "reused");
  t.personal_store = opt(personal_store, "personal_store");
  t.citizen_data = opt(citizen_data, "citizen_data");
  t.fee_obligation = opt(fee_obligation, "fee");
  t.paid_online = opt(paid_online, "paid_online");
  t.dissatisfied = dissatisfied.data();
  return t;
}

DossierFile read_dossier_csv(std::string_view text, const std::string& file) {
  DossierFile f;
  f.file = file;
  // The text first: invalid UTF-8, a NUL byte or UTF-16 is one located error, and nothing is read.
  if (auto d = detail::csv_text_problem(text, file)) {
    f.diagnostics.push_back(std::move(*d));
    return f;
  }
  detail::CsvReader reader(text);
  detail::CsvRow row;
  try {
    if (!reader.next(row, file)) {
      f.diagnostics.push_back({Severity::error, Location{file, 1, 1, "", ""}, "the file is empty (no header)"});
      return f;
    }
  } catch (const ParseError& e) {
    f.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return f;
  }
  std::vector<std::string> names;
  for (const auto& fld : row.fields) {
    std::string n = detail::lower_ascii(detail::trim(fld.text));
    auto it = aliases().find(n);
    names.push_back(it != aliases().end() ? it->second : n);
  }
  f.columns = names;
  // A column named twice (or by its English and its Vietnamese name: both are compared by the name
  // they stand for) stops the file.
  if (auto d = detail::repeated_column(std::vector<std::string_view>(names.begin(), names.end()), row.fields, file)) {
    f.diagnostics.push_back(std::move(*d));
    return f;
  }
  for (const char* req : {"unit", "received_at", "time_limit"})
    if (!f.has(req)) {
      f.diagnostics.push_back({Severity::error, Location{file, 1, 1, "", req},
                               std::string("the required column \"") + req + "\" is missing"});
    }
  if (!f.diagnostics.empty()) return f;
  std::unordered_map<std::string, std::int32_t> unit_code, proc_code;
  for (;;) {
    try {
      if (!reader.next(row, file)) break;
    } catch (const ParseError& e) {
      f.diagnostics.push_back({Severity::error, e.where(), e.message()});
      break;
    }
    const std::size_t before = f.diagnostics.size();
    auto bad = [&](const detail::CsvField& fld, const std::string& col, std::string message) {
      f.diagnostics.push_back(detail::csv_error(file, fld, col, std::move(message)));
    };
    std::string id;
    LocalSeconds rec = kNoTime, due = kNoTime, fin = kNoTime, ret = kNoTime, ps = kNoTime, pe = kNoTime;
    std::int32_t lim = -1, supp = 0, u = -1, proc = -1;
    std::uint8_t lu = 0, ch = 0, flags[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0}, comp = 0, resd = 0, fee = 0, dis = 0;
    enum { kSynced, kResultElectronic, kReused, kPersonal, kCitizen, kPaidOnline };
    for (std::size_t k = 0; k < row.fields.size() && k < names.size(); ++k) {
      const detail::CsvField& fld = row.fields[k];
      const std::string& col = names[k];
      const std::string_view v = detail::trim(fld.text);
      std::string err;
      auto time = [&](LocalSeconds& out) {
        auto t = parse_local_time(v, err);
        if (!t) bad(fld, col, err);
        else out = *t;
      };
      auto flag = [&](std::uint8_t& out) {
        auto b = parse_flag(v);
        if (!b) bad(fld, col, detail::quoted_excerpt(v, 40) + " is not a yes/no value (0/1, true/false)");
        else out = *b;
      };
      if (col == "dossier_id") id = std::string(v);
      else if (col == "unit") {
        if (v.empty()) bad(fld, col, "the unit is missing");
        else u = unit_code.try_emplace(std::string(v), static_cast<std::int32_t>(unit_code.size())).first->second;
      } else if (col == "procedure") {
        if (!v.empty()) proc = proc_code.try_emplace(std::string(v), static_cast<std::int32_t>(proc_code.size())).first->second;
      } else if (col == "received_at") {
        time(rec);
        if (err.empty() && rec == kNoTime) bad(fld, col, "the time of receipt is missing");
      } else if (col == "due_at") time(due);
      else if (col == "finished_at") time(fin);
      else if (col == "returned_at") time(ret);
      else if (col == "supplement_requested_at") time(ps);
      else if (col == "supplement_completed_at") time(pe);
      else if (col == "time_limit" || col == "supplement_requests") {
        if (v.empty() && col == "supplement_requests") continue;
        if (!digits(v) || v.size() > 6) bad(fld, col, detail::quoted_excerpt(v, 40) + " is not a whole number ≥ 0 (at most 6 digits)");
        else (col == "time_limit" ? lim : supp) = std::stoi(std::string(v));
      } else if (col == "limit_unit") {
        const std::string t = detail::lower_ascii(v);
        if (t.empty() || t == "working_days" || t == "days" || t == "ngày làm việc") lu = 0;
        else if (t == "working_hours" || t == "hours" || t == "giờ làm việc") lu = 1;
        else bad(fld, col, detail::quoted_excerpt(v, 40) + " is not working_days or working_hours");
      } else if (col == "channel") {
        const std::string t = detail::lower_ascii(v);
        if (t.empty()) ch = 0;
        else if (t == "1" || t == "direct" || t == "trực tiếp" || t == "truc_tiep") ch = 1;
        else if (t == "2" || t == "online" || t == "trực tuyến" || t == "truc_tuyen") ch = 2;
        else if (t == "3" || t == "postal" || t == "bưu chính" || t == "buu_chinh") ch = 3;
        else bad(fld, col, detail::quoted_excerpt(v, 40) + " is not a channel (1 direct, 2 online, 3 postal)");
      } else if (col == "fee") {
        if (v.empty()) fee = 0;
        else if (!digits(v)) bad(fld, col, detail::quoted_excerpt(v, 40) + " is not an amount in đồng");
        else fee = v.find_first_not_of('0') != std::string_view::npos;
      } else if (col == "rating") {
        const std::string t = detail::lower_ascii(v);
        const bool low = t == "dissatisfied" || t == "không hài lòng" || t == "khong_hai_long";
        if (low) dis = 1;
        else if (!(t.empty() || t == "satisfied" || t == "neutral" || t == "hài lòng" || t == "bình thường" ||
                   t == "hai_long" || t == "binh_thuong"))
          bad(fld, col, detail::quoted_excerpt(v, 40) + " is not a rating (satisfied, neutral or dissatisfied)");
      } else if (col == "complained") {
        std::uint8_t c = 0;
        flag(c);
        dis |= c;
      } else if (col == "synced") flag(flags[kSynced]);
      else if (col == "result_electronic") flag(flags[kResultElectronic]);
      else if (col == "reused") flag(flags[kReused]);
      else if (col == "personal_store") flag(flags[kPersonal]);
      else if (col == "citizen_data") flag(flags[kCitizen]);
      else if (col == "paid_online") flag(flags[kPaidOnline]);
      else if (col == "components_digitised") flag(comp);
      else if (col == "result_digitised") flag(resd);
    }
    if (row.fields.size() < names.size() && f.diagnostics.size() == before)
      f.diagnostics.push_back({Severity::error, Location{file, row.end_line, row.end_column, names[row.fields.size()], names[row.fields.size()]},
                               "the row has " + std::to_string(row.fields.size()) + " fields, the header " +
                                   std::to_string(names.size())});
    const bool ok = f.diagnostics.size() == before;
    f.dossier_id.push_back(std::move(id));
    f.source_line.push_back(row.line);
    f.received_at.push_back(rec);
    f.due_at.push_back(due);
    f.finished_at.push_back(fin != kNoTime ? fin : ret);
    f.pause_start.push_back(ps);
    f.pause_end.push_back(pe);
    f.time_limit.push_back(lim < 0 ? 0 : lim);
    f.supplement_requests.push_back(supp);
    f.unit.push_back(ok ? u : -1);
    f.procedure.push_back(proc);
    f.limit_unit.push_back(lu);
    f.channel.push_back(ch);
    f.synced.push_back(flags[kSynced]);
    f.result_electronic.push_back(flags[kResultElectronic]);
    f.digitised.push_back(comp && resd);
    f.reused.push_back(flags[kReused]);
    f.personal_store.push_back(flags[kPersonal]);
    f.citizen_data.push_back(flags[kCitizen]);
    f.fee_obligation.push_back(fee);
    f.paid_online.push_back(flags[kPaidOnline]);
    f.dissatisfied.push_back(dis);
  }
  f.units.resize(unit_code.size());
  for (const auto& [k, v] : unit_code) f.units[static_cast<std::size_t>(v)] = k;
  f.procedures.resize(proc_code.size());
  for (const auto& [k, v] : proc_code) f.procedures[static_cast<std::size_t>(v)] = k;
  return f;
}

DossierFile load_dossier_file(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);  // within InputLimits::max_bytes
  } catch (const Error& e) {
    DossierFile f;
    f.file = path;
    f.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return f;
  }
  return read_dossier_csv(text, path);
}

}  // namespace v1
}  // namespace da06

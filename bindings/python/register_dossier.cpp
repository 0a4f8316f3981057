// Dossiers in batches (dossier.hpp, dossier_counts.hpp) and the QĐ 766 index (dossier_index.hpp).
//
// Columns cross as numpy arrays read in place: int64 local seconds (a naive datetime64[s] viewed as
// int64, NaT = INT64_MIN), int32 limits and codes, uint8 flags. py::array_t<..., c_style|forcecast>
// copies only when the caller's dtype or layout differs (the Python layer converts once, up front).
//
// GIL: released while the engine runs. Safe: only the numpy buffers (kept alive by the py::array
// arguments for the duration of the call) and immutable C++ values (DossierEngine, IndexRules) are
// read, and the outputs are arrays allocated before the release.
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/dossier.hpp"
#include "da06/dossier_counts.hpp"
#include "da06/dossier_index.hpp"
#include "da06/dossier_io.hpp"

namespace da06py {
namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using I32 = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using U8 = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

template <class T>
const T* column(const std::optional<py::array_t<T, py::array::c_style | py::array::forcecast>>& a, std::size_t n,
                const char* name) {
  if (!a) return nullptr;
  if (a->ndim() != 1 || static_cast<std::size_t>(a->size()) != n)
    throw da06::InvalidArgument(std::string("dossiers: column ") + name + " has " + std::to_string(a->size()) +
                                " values, expected " + std::to_string(n));
  return a->data();
}

py::list errors_list(const da06::RowErrors& e) {
  py::list out;
  for (const auto& r : e.first) out.append(py::make_tuple(r.row, r.field, r.message));
  return out;
}

struct Cols {
  I64 received;
  I32 limit;
  std::optional<U8> unit;
  std::optional<I64> due, fin, ps, pe;
  std::optional<I32> supp;
  da06::DossierColumns view(std::uint8_t default_unit) const {
    da06::DossierColumns c;
    c.n = static_cast<std::size_t>(received.size());
    c.received_at = received.data();
    c.time_limit = column<std::int32_t>(limit, c.n, "time_limit");
    c.limit_unit = column<std::uint8_t>(unit, c.n, "limit_unit");
    c.default_unit = static_cast<da06::LimitUnit>(default_unit);
    c.due_at = column<std::int64_t>(due, c.n, "due_at");
    c.finished_at = column<std::int64_t>(fin, c.n, "finished_at");
    c.pause_start = column<std::int64_t>(ps, c.n, "supplement_requested_at");
    c.pause_end = column<std::int64_t>(pe, c.n, "supplement_completed_at");
    c.supplement_requests = column<std::int32_t>(supp, c.n, "supplement_requests");
    return c;
  }
};

da06::IndexRules rules_from(const std::string& json, const std::string& file) { return da06::load_index_rules(json, file); }

}  // namespace

void register_dossier(py::module_& m) {
  py::class_<da06::DossierEngine>(m, "DossierEngine")
      .def(py::init([](const da06::Calendar& cal, int cutoff_seconds, bool apply_cutoff, bool cutoff_in_working_hours,
                       const std::vector<std::pair<int, int>>& office_hours, bool deduct_pauses,
                       bool repeated_supplementation_is_late) {
             da06::DossierRules r;
             r.cutoff_seconds = cutoff_seconds;
             r.apply_cutoff = apply_cutoff;
             r.cutoff_in_working_hours = cutoff_in_working_hours;
             r.office_hours.intervals.clear();
             for (auto [a, b] : office_hours) r.office_hours.intervals.push_back({a, b});
             r.deduct_pauses = deduct_pauses;
             r.repeated_supplementation_is_late = repeated_supplementation_is_late;
             return da06::DossierEngine(cal, r);
           }),
           py::arg("calendar"), py::arg("cutoff_seconds") = 15 * 3600, py::arg("apply_cutoff") = true,
           py::arg("cutoff_in_working_hours") = false,
           py::arg("office_hours") = std::vector<std::pair<int, int>>{{27000, 41400}, {46800, 61200}},
           py::arg("deduct_pauses") = true, py::arg("repeated_supplementation_is_late") = false)
      .def(
          "due",
          [](const da06::DossierEngine& e, I64 received, I32 limit, std::uint8_t default_unit, std::optional<U8> unit,
             std::optional<I64> due, std::optional<I64> fin, std::optional<I64> ps, std::optional<I64> pe,
             std::int64_t as_of) {
            Cols cols{std::move(received), std::move(limit), std::move(unit), std::move(due), std::move(fin),
                      std::move(ps), std::move(pe), std::nullopt};
            const da06::DossierColumns c = cols.view(default_unit);
            I64 due_at(static_cast<py::ssize_t>(c.n));
            I32 due_day(static_cast<py::ssize_t>(c.n)), rec_day(static_cast<py::ssize_t>(c.n));
            da06::RowErrors errors;
            {
              py::gil_scoped_release nogil;
              e.due(c, as_of, due_at.mutable_data(), due_day.mutable_data(), rec_day.mutable_data(), errors);
            }
            return py::make_tuple(due_at, due_day, rec_day, errors_list(errors), errors.count);
          },
          py::arg("received_at"), py::arg("time_limit"), py::arg("default_unit") = 0, py::arg("limit_unit") = py::none(),
          py::arg("due_at") = py::none(), py::arg("finished_at") = py::none(), py::arg("pause_start") = py::none(),
          py::arg("pause_end") = py::none(), py::arg("as_of") = da06::kNoTime)
      .def(
          "status",
          [](const da06::DossierEngine& e, I64 received, I32 limit, std::uint8_t default_unit, std::optional<U8> unit,
             std::optional<I64> due, std::optional<I64> fin, std::optional<I64> ps, std::optional<I64> pe,
             std::optional<I32> supp, std::int64_t as_of) {
            Cols cols{std::move(received), std::move(limit), std::move(unit), std::move(due), std::move(fin),
                      std::move(ps), std::move(pe), std::move(supp)};
            const da06::DossierColumns c = cols.view(default_unit);
            U8 state(static_cast<py::ssize_t>(c.n));
            I64 due_at(static_cast<py::ssize_t>(c.n));
            da06::RowErrors errors;
            {
              py::gil_scoped_release nogil;
              e.status(c, as_of, state.mutable_data(), due_at.mutable_data(), errors);
            }
            return py::make_tuple(state, due_at, errors_list(errors), errors.count);
          },
          py::arg("received_at"), py::arg("time_limit"), py::arg("default_unit") = 0, py::arg("limit_unit") = py::none(),
          py::arg("due_at") = py::none(), py::arg("finished_at") = py::none(), py::arg("pause_start") = py::none(),
          py::arg("pause_end") = py::none(), py::arg("supplement_requests") = py::none(), py::arg("as_of") = da06::kNoTime)
      .def(
          "count",
          [](const da06::DossierEngine& e, I64 received, I32 limit, std::uint8_t default_unit, std::optional<U8> unit,
             std::optional<I64> due, std::optional<I64> fin, std::optional<I64> ps, std::optional<I64> pe,
             std::optional<I32> supp, I32 units, std::int32_t n_units, std::optional<I32> procedure,
             std::int32_t n_procedures, const std::map<std::string, U8>& flags, const std::string& period,
             std::int64_t as_of) {
            Cols cols{std::move(received), std::move(limit), std::move(unit), std::move(due), std::move(fin),
                      std::move(ps), std::move(pe), std::move(supp)};
            da06::DossierTable t;
            t.rows = cols.view(default_unit);
            const std::size_t n = t.rows.n;
            std::optional<I32> units_opt(units);
            t.unit = column<std::int32_t>(units_opt, n, "unit");
            t.n_units = n_units;
            t.procedure = column<std::int32_t>(procedure, n, "procedure");
            t.n_procedures = n_procedures;
            for (const auto& [name, arr] : flags) {
              std::optional<U8> a(arr);
              const std::uint8_t* p = column<std::uint8_t>(a, n, name.c_str());
              if (name == "channel") t.channel = p;
              else if (name == "synced") t.synced = p;
              else if (name == "result_electronic") t.result_electronic = p;
              else if (name == "digitised") t.digitised = p;
              else if (name == "reused") t.reused = p;
              else if (name == "personal_store") t.personal_store = p;
              else if (name == "citizen_data") t.citizen_data = p;
              else if (name == "fee_obligation") t.fee_obligation = p;
              else if (name == "paid_online") t.paid_online = p;
              else if (name == "dissatisfied") t.dissatisfied = p;
              else throw da06::InvalidArgument("dossiers: unknown flag column \"" + name + "\"");
            }
            da06::CountOptions opt;
            if (period == "month") opt.period = da06::IndexPeriod::month;
            else if (period == "quarter") opt.period = da06::IndexPeriod::quarter;
            else if (period == "year") opt.period = da06::IndexPeriod::year;
            else throw da06::InvalidArgument("period must be month, quarter or year, got \"" + period + "\"");
            opt.as_of = as_of;
            da06::DossierCounts r;
            {
              py::gil_scoped_release nogil;
              r = da06::count_dossiers(e, t, opt);
            }
            const auto cells = static_cast<py::ssize_t>(r.cells()), w = static_cast<py::ssize_t>(r.counters.size());
            py::array_t<std::int64_t> values({cells, w});
            std::copy(r.values.begin(), r.values.end(), values.mutable_data());
            py::list labels;
            for (std::int32_t p : r.period) labels.append(da06::period_label(opt.period, p));
            return py::make_tuple(r.counters, py::array_t<std::int32_t>(cells, r.unit.data()), labels, values,
                                  errors_list(r.errors), r.errors.count, r.rows_counted);
          },
          py::arg("received_at"), py::arg("time_limit"), py::arg("default_unit"), py::arg("limit_unit"), py::arg("due_at"),
          py::arg("finished_at"), py::arg("pause_start"), py::arg("pause_end"), py::arg("supplement_requests"),
          py::arg("unit"), py::arg("n_units"), py::arg("procedure"), py::arg("n_procedures"), py::arg("flags"),
          py::arg("period"), py::arg("as_of"));

  // The dossier CSV reader (da06/dossier_io.hpp): the same reader as the CLI's. A file that cannot be
  // read at all (no row) raises LoadError with its located diagnostics; otherwise the columns come back
  // with every diagnostic as (line, column, field, text), rows with an error having unit −1.
  m.def(
      "read_dossier_file",
      [](const std::string& path) {
        da06::DossierFile f = da06::load_dossier_file(path);
        if (f.size() == 0 && !f.diagnostics.empty()) throw da06::LoadError(std::move(f.diagnostics));
        auto arr = [](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
          std::copy(v.begin(), v.end(), a.mutable_data());
          return a;
        };
        py::dict cols;
        cols["received_at"] = arr(f.received_at);
        cols["due_at"] = arr(f.due_at);
        cols["finished_at"] = arr(f.finished_at);
        cols["supplement_requested_at"] = arr(f.pause_start);
        cols["supplement_completed_at"] = arr(f.pause_end);
        cols["time_limit"] = arr(f.time_limit);
        cols["supplement_requests"] = arr(f.supplement_requests);
        cols["unit"] = arr(f.unit);
        cols["procedure"] = arr(f.procedure);
        cols["limit_unit"] = arr(f.limit_unit);
        cols["channel"] = arr(f.channel);
        cols["synced"] = arr(f.synced);
        cols["result_electronic"] = arr(f.result_electronic);
        cols["digitised"] = arr(f.digitised);
        cols["reused"] = arr(f.reused);
        cols["personal_store"] = arr(f.personal_store);
        cols["citizen_data"] = arr(f.citizen_data);
        cols["fee_obligation"] = arr(f.fee_obligation);
        cols["paid_online"] = arr(f.paid_online);
        cols["dissatisfied"] = arr(f.dissatisfied);
        cols["source_line"] = arr(f.source_line);
        py::list diags;
        for (const auto& d : f.diagnostics)
          diags.append(py::make_tuple(d.where.line, d.where.column, d.where.field, d.to_string(),
                                      d.severity == da06::Severity::error));
        return py::dict(py::arg("columns") = cols, py::arg("present") = f.columns, py::arg("units") = f.units,
                        py::arg("procedures") = f.procedures, py::arg("dossier_id") = f.dossier_id,
                        py::arg("diagnostics") = diags);
      },
      py::arg("path"));

  py::class_<da06::IndexRules>(m, "IndexRules")
      .def_static("portal_2026", [](bool sync_factor) {
        return sync_factor ? da06::portal_2026_rules_with_sync_factor() : da06::portal_2026_rules();
      }, py::arg("sync_factor") = false)
      .def_static("from_json", &rules_from, py::arg("text"), py::arg("file") = "<string>")
      .def("to_json", &da06::index_rules_to_json)
      .def_property_readonly("version", [](const da06::IndexRules& r) { return r.version; })
      .def_property_readonly("decimals", [](const da06::IndexRules& r) { return r.decimals; })
      .def_property_readonly("groups", [](const da06::IndexRules& r) {
        py::list out;
        for (const auto& g : r.groups) out.append(py::make_tuple(g.code, g.name_vi, g.name_en, g.max_points));
        return out;
      })
      .def_property_readonly("indicators", [](const da06::IndexRules& r) {
        py::list out;
        for (const auto& i : r.indicators)
          out.append(py::dict(py::arg("code") = i.code, py::arg("group") = i.group, py::arg("number") = i.number,
                              py::arg("name_vi") = i.name_vi, py::arg("name_en") = i.name_en,
                              py::arg("numerator") = i.numerator, py::arg("denominator") = i.denominator,
                              py::arg("factor_numerator") = i.factor_numerator,
                              py::arg("factor_denominator") = i.factor_denominator, py::arg("max_points") = i.max_points,
                              py::arg("threshold_numerator") = i.threshold_numerator,
                              py::arg("threshold_denominator") = i.threshold_denominator,
                              py::arg("on_zero") = std::string(da06::to_string(i.on_zero)),
                              py::arg("evidence") = std::string(da06::to_string(i.evidence)), py::arg("note") = i.note));
        return out;
      })
      .def(
          "score_matrix",
          [](const da06::IndexRules& r, const std::vector<std::string>& names, py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> values) {
            if (values.ndim() != 2 || static_cast<std::size_t>(values.shape(1)) != names.size())
              throw da06::InvalidArgument("score_matrix: values must be cells × counters");
            const auto cells = static_cast<std::size_t>(values.shape(0));
            const std::size_t ni = r.indicators.size();
            py::array_t<std::int64_t> points({static_cast<py::ssize_t>(cells), static_cast<py::ssize_t>(ni)});
            py::array_t<bool> zero({static_cast<py::ssize_t>(cells), static_cast<py::ssize_t>(ni)});
            std::vector<std::array<int, 4>> idx(ni);
            auto find = [&](const std::string& name) {
              for (std::size_t k = 0; k < names.size(); ++k)
                if (names[k] == name) return static_cast<int>(k);
              return -1;
            };
            for (std::size_t i = 0; i < ni; ++i) {
              const auto& ind = r.indicators[i];
              idx[i] = {find(ind.numerator), find(ind.denominator), ind.factor_numerator.empty() ? -1 : find(ind.factor_numerator),
                        ind.factor_denominator.empty() ? -1 : find(ind.factor_denominator)};
            }
            const std::int64_t* v = values.data();
            std::int64_t* p = points.mutable_data();
            bool* z = zero.mutable_data();
            const std::size_t w = names.size();
            for (std::size_t c = 0; c < cells; ++c)
              for (std::size_t i = 0; i < ni; ++i) {
                auto get = [&](int k) { return k < 0 ? std::int64_t{0} : v[c * w + static_cast<std::size_t>(k)]; };
                bool applied = false;
                try {
                  p[c * ni + i] = da06::indicator_points(r.indicators[i], get(idx[i][0]), get(idx[i][1]), get(idx[i][2]),
                                                         get(idx[i][3]), &applied);
                } catch (const da06::DataError& e) {
                  da06::Location where;
                  where.path = "cell " + std::to_string(c);
                  where.field = r.indicators[i].numerator;
                  throw da06::DataError(e.message(), where);
                }
                z[c * ni + i] = applied;
              }
            return py::make_tuple(points, zero);
          },
          py::arg("names"), py::arg("values"))
      .def(
          "what_it_takes",
          [](const da06::IndexRules& r, const std::map<std::string, std::int64_t>& counts, const std::string& lever,
             std::int64_t target) {
            da06::CountCell cell;
            for (const auto& [k, v] : counts) cell.counts[k] = v;
            da06::IndexLever l;
            if (lever == "on_time") l = da06::IndexLever::on_time;
            else if (lever == "online") l = da06::IndexLever::online;
            else if (lever == "paid_online") l = da06::IndexLever::paid_online;
            else throw da06::InvalidArgument("lever must be on_time, online or paid_online, got \"" + lever + "\"");
            const da06::WhatItTakes w = da06::what_it_takes(r, cell, l, target);
            return py::dict(py::arg("lever") = lever, py::arg("current_total") = w.current_total,
                            py::arg("target_total") = w.target_total,
                            py::arg("extra") = w.extra ? py::object(py::int_(*w.extra)) : py::object(py::none()),
                            py::arg("available") = w.available, py::arg("reached_total") = w.reached_total);
          },
          py::arg("counts"), py::arg("lever"), py::arg("target_total"));
}

}  // namespace da06py

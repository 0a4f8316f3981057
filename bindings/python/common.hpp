// bindings/python/common.hpp — what every register_<area>.cpp shares: the date caster and the registry.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include <datetime.h>  // CPython's datetime C API

#include <optional>
#include <string>

#include "da06/error.hpp"

namespace py = pybind11;

namespace pybind11::detail {
/// boost::gregorian::date <-> datetime.date. Loads a datetime.date (a datetime's date part) or an
/// ISO "YYYY-MM-DD" string; numpy/pandas scalars are turned into datetime.date by the Python layer.
/// A year outside boost's 1400..9999 raises da06.RangeError rather than a bare TypeError.
template <>
struct type_caster<boost::gregorian::date> {
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    if (!src) return false;
    if (!PyDateTimeAPI) { PyDateTime_IMPORT; }
    if (PyDate_Check(src.ptr())) {
      int y = PyDateTime_GET_YEAR(src.ptr()), m = PyDateTime_GET_MONTH(src.ptr()), d = PyDateTime_GET_DAY(src.ptr());
      value = make(y, m, d, std::to_string(y));
      return true;
    }
    if (PyUnicode_Check(src.ptr())) {
      std::string s = src.cast<std::string>();
      int y = 0, m = 0, d = 0;
      char tail = 0;
      if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s[4] != '-' || s[7] != '-')
        throw da06::ParseError("expected an ISO date \"YYYY-MM-DD\", got \"" + s.substr(0, 40) + "\"");
      value = make(y, m, d, s);
      return true;
    }
    return false;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    if (!PyDateTimeAPI) { PyDateTime_IMPORT; }
    if (d.is_special()) return none().release();
    auto ymd = d.year_month_day();
    return PyDate_FromDate(ymd.year, ymd.month, ymd.day);
  }

 private:
  static boost::gregorian::date make(int y, int m, int d, const std::string& text) {
    if (y < 1400 || y > 9999) throw da06::RangeError("date " + text + " is outside the years 1400..9999");
    try {
      return boost::gregorian::date(y, m, d);
    } catch (const std::exception&) {
      throw da06::ParseError("not a valid date: " + text);
    }
  }
};
}  // namespace pybind11::detail

namespace da06py {
void register_errors(py::module_& m);
void register_model(py::module_& m);
void register_io(py::module_& m);
void register_numbers(py::module_& m);
void register_lunar(py::module_& m);
void register_calendar(py::module_& m);
void register_time_limits(py::module_& m);
void register_period(py::module_& m);
void register_deadline(py::module_& m);
void register_report(py::module_& m);
void register_report_summary(py::module_& m);
void register_status(py::module_& m);
void register_analysis(py::module_& m);
void register_audit(py::module_& m);
void register_hierarchy(py::module_& m);
void register_aggregate(py::module_& m);
void register_series(py::module_& m);
void register_dossier(py::module_& m);
void register_arrow(py::module_& m);

inline std::string iso(const boost::gregorian::date& d) { return boost::gregorian::to_iso_extended_string(d); }
inline std::optional<std::string> iso(const std::optional<boost::gregorian::date>& d) {
  if (!d) return std::nullopt;
  return iso(*d);
}
}  // namespace da06py

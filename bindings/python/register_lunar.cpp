// The Vietnamese lunisolar calendar (UTC+7 by default).
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/calendar.hpp"
#include "da06/lunar.hpp"

#include <vector>

namespace da06py {

void register_lunar(py::module_& m) {
  m.def(
      "to_lunar",
      [](const boost::gregorian::date& d, double tz) {
        da06::LunarDate l = da06::to_lunar(d, tz);
        return py::make_tuple(l.day, l.month, l.year, l.leap);
      },
      py::arg("date"), py::arg("tz_hours") = 7.0);
  m.def(
      "from_lunar",
      [](int day, int month, int year, bool leap, double tz) {
        return da06::from_lunar(da06::LunarDate{day, month, year, leap}, tz);
      },
      py::arg("day"), py::arg("month"), py::arg("year"), py::arg("leap") = false, py::arg("tz_hours") = 7.0);
  m.def("tet", &da06::tet, py::arg("year"));
  m.def("lunar_leap_month", &da06::lunar_leap_month, py::arg("lunar_year"), py::arg("tz_hours") = 7.0);
  m.def("lunar_month_length", &da06::lunar_month_length, py::arg("month"), py::arg("lunar_year"),
        py::arg("leap") = false, py::arg("tz_hours") = 7.0);
  // Batch: int64 days since 1970-01-01 (a datetime64[D] array viewed as int64, no copy) ->
  // four int arrays. Chunked through a small date buffer; the GIL is released because only the
  // numpy buffers (kept alive by the py::array_t arguments) and immutable month tables are read.
  m.def(
      "to_lunar_days",
      [](py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> days, double tz) {
        const auto n = static_cast<std::size_t>(days.size());
        py::array_t<std::int32_t> day(n), month(n), year(n);
        py::array_t<bool> leap(n);
        const std::int64_t* in = days.data();
        std::int32_t *pd = day.mutable_data(), *pm = month.mutable_data(), *py_ = year.mutable_data();
        bool* pl = leap.mutable_data();
        {
          py::gil_scoped_release nogil;
          constexpr std::size_t chunk = 1024;
          std::vector<boost::gregorian::date> buf(chunk);
          std::vector<da06::LunarDate> out(chunk, da06::LunarDate{1, 1, 2000, false});
          for (std::size_t i = 0; i < n; i += chunk) {
            std::size_t k = std::min(chunk, n - i);
            for (std::size_t j = 0; j < k; ++j) {
              std::int64_t v = in[i + j];
              if (v < -25567 || v > 84005)  // 1900-01-01 .. 2199-12-31
                throw da06::RangeError("element " + std::to_string(i + j) + " is outside 1900-01-01..2199-12-31");
              buf[j] = da06::from_epoch_days(static_cast<std::int32_t>(v));
            }
            da06::to_lunar(std::span<const boost::gregorian::date>(buf.data(), k),
                           std::span<da06::LunarDate>(out.data(), k), tz);
            for (std::size_t j = 0; j < k; ++j) {
              pd[i + j] = out[j].day;
              pm[i + j] = out[j].month;
              py_[i + j] = out[j].year;
              pl[i + j] = out[j].leap;
            }
          }
        }
        return py::make_tuple(day, month, year, leap);
      },
      py::arg("days"), py::arg("tz_hours") = 7.0);
}

}  // namespace da06py

// The working-day calendar: scalar queries, and batch queries over numpy arrays without copies.
//
// Arrays: Python passes datetime64[D] arrays viewed as int64 (days since 1970-01-01; a view, no
// copy), received here as py::array_t<int64_t, c_style | forcecast>, which is also no copy for a
// C-contiguous int64 array. The C++ batch API takes int32 days. Rather than narrowing the whole
// array into an int32 temporary (a full copy: 4 bytes per element, and a second pass over memory),
// each call is fed chunk-wise through fixed 2,048-element int32 stack buffers that stay in L1:
// the narrowing is checked (every day must lie in 1900-01-01..2199-12-31, NaT included in the
// check) and the extra memory is 8–16 KiB whatever n is. bench/bench_python_calendar.py measures
// the cost against the raw C++ batch call (see docs/python.md).
//
// Broadcasting: each operand has length n or 1 (a scalar); the Python layer handles other shapes.
//
// GIL: released around the chunk loops. That is safe because the loops read and write only the
// numpy buffers, which the py::array_t arguments and results keep alive for the whole call, and
// the Calendar, which is immutable (shared_ptr<const Impl>). No Python object is touched until the
// GIL is re-acquired; a C++ exception unwinds through gil_scoped_release, which re-acquires first.
#include "common.hpp"

#include <pybind11/numpy.h>

#include "da06/calendar.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

namespace da06py {
namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
constexpr std::size_t kChunk = 2048;
constexpr std::int64_t kMinDay = -25567;  // 1900-01-01
constexpr std::int64_t kMaxDay = 84005;   // 2199-12-31
constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

// The common length of operands of length n or 1 (a length-1 operand repeats).
std::size_t common_length(std::initializer_list<std::size_t> sizes) {
  std::size_t n = 1;
  for (auto s : sizes)
    if (s != 1) {
      if (n != 1 && s != n) throw da06::InvalidArgument("operands have different lengths");
      n = s;
    }
  for (auto s : sizes)
    if (s == 0) return 0;
  return n;
}

// Checked narrowing of in[i0 .. i0+k) (or the scalar in[0]) into buf. Written as a min/max reduction
// and a plain narrowing copy, two loops the compiler vectorises; the element-wise scan that names the
// bad element only runs when the chunk has one.
void stage_days(const std::int64_t* in, std::size_t size, std::size_t i0, std::size_t k, std::int32_t* buf) {
  if (size == 1) {
    std::int64_t v = in[0];
    if (v < kMinDay || v > kMaxDay) {
      if (v == kNaT) throw da06::RangeError("element 0 is NaT (not a date)");
      throw da06::RangeError("element 0 (" + std::to_string(v) + " days since 1970-01-01) is outside 1900-01-01..2199-12-31");
    }
    std::fill_n(buf, k, static_cast<std::int32_t>(v));
    return;
  }
  const std::int64_t* src = in + i0;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  for (std::size_t j = 0; j < k; ++j) {
    lo = std::min(lo, src[j]);
    hi = std::max(hi, src[j]);
  }
  if (lo < kMinDay || hi > kMaxDay) [[unlikely]] {
    for (std::size_t j = 0; j < k; ++j) {
      std::int64_t v = src[j];
      if (v >= kMinDay && v <= kMaxDay) continue;
      if (v == kNaT) throw da06::RangeError("element " + std::to_string(i0 + j) + " is NaT (not a date)");
      throw da06::RangeError("element " + std::to_string(i0 + j) + " (" + std::to_string(v) +
                             " days since 1970-01-01) is outside 1900-01-01..2199-12-31");
    }
  }
  for (std::size_t j = 0; j < k; ++j) buf[j] = static_cast<std::int32_t>(src[j]);
}

void stage_offsets(const std::int64_t* in, std::size_t size, std::size_t i0, std::size_t k, std::int32_t* buf) {
  for (std::size_t j = 0; j < k; ++j) {
    std::int64_t v = size == 1 ? in[0] : in[i0 + j];
    if (v < -200000 || v > 200000) [[unlikely]]  // more than the calendar's whole range of days
      throw da06::RangeError("offset " + std::to_string(v) + " at element " + std::to_string(size == 1 ? 0 : i0 + j) +
                             " leaves 1900..2199");
    buf[j] = static_cast<std::int32_t>(v);
  }
}

py::array_t<bool> batch_is_workday(const da06::Calendar& cal, const I64& days) {
  const std::size_t n = static_cast<std::size_t>(days.size());
  py::array_t<bool> out(static_cast<py::ssize_t>(n));
  const std::int64_t* in = days.data();
  // numpy's bool is one byte holding 0 or 1: the uint8 output of the C++ batch call fits it as is.
  auto* o = reinterpret_cast<std::uint8_t*>(out.mutable_data());
  {
    py::gil_scoped_release nogil;  // see the file comment
    std::array<std::int32_t, kChunk> a;
    for (std::size_t i = 0; i < n; i += kChunk) {
      std::size_t k = std::min(kChunk, n - i);
      stage_days(in, n, i, k, a.data());
      cal.is_workday(a.data(), k, o + i);
    }
  }
  return out;
}

/// The one chunked driver of the binary batch calls: broadcast the two int64 inputs, narrow each chunk
/// into int32 stack buffers with `stage_b` for the second input (checked), run `kernel` on the chunk with
/// the GIL released, and widen the results into the int64 output.
template <class StageB, class Kernel>
py::array_t<std::int64_t> chunked_binary(const I64& first, const I64& second, StageB stage_b, Kernel kernel) {
  const std::size_t na = static_cast<std::size_t>(first.size()), nb = static_cast<std::size_t>(second.size());
  const std::size_t n = common_length({na, nb});
  py::array_t<std::int64_t> out(static_cast<py::ssize_t>(n));
  const std::int64_t *pa = first.data(), *pb = second.data();
  std::int64_t* o = out.mutable_data();
  {
    py::gil_scoped_release nogil;  // see the file comment
    std::array<std::int32_t, kChunk> a, b, r;
    for (std::size_t i = 0; i < n; i += kChunk) {
      std::size_t k = std::min(kChunk, n - i);
      stage_days(pa, na, i, k, a.data());
      stage_b(pb, nb, i, k, b.data());
      kernel(a.data(), b.data(), k, r.data(), i);
      std::copy_n(r.data(), k, o + i);  // widen to int64 while the chunk is in L1
    }
  }
  return out;
}

template <bool Closed>
py::array_t<std::int64_t> batch_count(const da06::Calendar& cal, const I64& first, const I64& last) {
  return chunked_binary(first, last, stage_days,
                        [&](const std::int32_t* a, const std::int32_t* b, std::size_t k, std::int32_t* r, std::size_t) {
                          if constexpr (Closed) cal.count_workdays_closed(a, b, k, r);
                          else cal.count_workdays_half_open(a, b, k, r);
                        });
}

py::array_t<std::int64_t> batch_add(const da06::Calendar& cal, const I64& from, const I64& offsets) {
  return chunked_binary(
      from, offsets, stage_offsets,
      [&](const std::int32_t* a, const std::int32_t* b, std::size_t k, std::int32_t* r, std::size_t i) {
        try {
          cal.add_workdays(a, b, k, r);
        } catch (const da06::RangeError&) {
          // The C++ message names the index inside this chunk; find the element to name it globally.
          for (std::size_t j = 0; j < k; ++j) {
            try {
              (void)cal.add_workdays(da06::from_epoch_days(a[j]), b[j]);
            } catch (const da06::RangeError& e) {
              throw da06::RangeError("element " + std::to_string(i + j) + ": " + e.message(), e.where());
            }
          }
          throw;
        }
      });
}

py::list holidays_list(const std::vector<da06::Holiday>& hs) {
  py::list out;
  for (const auto& h : hs) out.append(py::make_tuple(h.date, h.name, std::string(da06::to_string(h.kind))));
  return out;
}

da06::RollConvention roll_convention(const std::string& s) {
  if (s == "following") return da06::RollConvention::following;
  if (s == "preceding") return da06::RollConvention::preceding;
  if (s == "modified_following") return da06::RollConvention::modified_following;
  throw da06::InvalidArgument("roll convention must be following, preceding or modified_following, got \"" + s + "\"");
}

}  // namespace

void register_calendar(py::module_& m) {
  using da06::Calendar;
  using Date = boost::gregorian::date;
  py::class_<Calendar>(m, "Calendar", "An immutable working-day calendar (see da06.Calendar).")
      .def_static("vietnam_public", &Calendar::vietnam_public)
      .def_static("vietnam_statutory", &Calendar::vietnam_statutory)
      .def(
          "with_schedule",
          [](const Calendar& c, const std::string& json) {
            py::gil_scoped_release nogil;  // parsing a C++ string copy; the calendar is immutable
            return c.with_schedule(json);
          },
          py::arg("json"))
      .def("schedule_years", &Calendar::schedule_years)
      .def("is_provisional", &Calendar::is_provisional, py::arg("year"))
      .def("provisional_years", &Calendar::provisional_years, py::arg("first"), py::arg("last"))
      .def("rule_names", [](const Calendar& c) {
        std::vector<std::pair<std::string, std::string>> r;
        for (const auto& x : c.rules()) r.emplace_back(x.id, x.name);
        return r;
      })
      .def("is_workday", py::overload_cast<Date>(&Calendar::is_workday, py::const_), py::arg("date"))
      .def("holidays", [](const Calendar& c, int year) { return holidays_list(c.holidays(year)); }, py::arg("year"))
      .def("holidays_on", [](const Calendar& c, Date d) { return holidays_list(c.holidays_on(d)); }, py::arg("date"))
      .def("next_workday", &Calendar::next_workday, py::arg("date"))
      .def("previous_workday", &Calendar::previous_workday, py::arg("date"))
      .def("add_workdays", py::overload_cast<Date, int>(&Calendar::add_workdays, py::const_), py::arg("date"),
           py::arg("n"))
      .def("count_workdays_closed", py::overload_cast<Date, Date>(&Calendar::count_workdays_closed, py::const_),
           py::arg("first"), py::arg("last"))
      .def("count_workdays_half_open", py::overload_cast<Date, Date>(&Calendar::count_workdays_half_open, py::const_),
           py::arg("begin"), py::arg("end"))
      .def("roll", [](const Calendar& c, Date d, const std::string& conv) { return c.roll(d, roll_convention(conv)); },
           py::arg("date"), py::arg("convention") = "following")
      .def("is_workday_days", &batch_is_workday, py::arg("days"))
      .def("count_closed_days", &batch_count<true>, py::arg("first"), py::arg("last"))
      .def("count_half_open_days", &batch_count<false>, py::arg("begin"), py::arg("end"))
      .def("add_workdays_days", &batch_add, py::arg("days"), py::arg("offsets"))
      // The same batch calls on int32 day arrays straight into the C++ API (no staging): what the
      // benchmark compares the int64 path with. Lengths must be equal.
      .def("_count_closed_int32",
           [](const Calendar& c, py::array_t<std::int32_t, py::array::c_style> a,
              py::array_t<std::int32_t, py::array::c_style> b) {
             if (a.size() != b.size()) throw da06::InvalidArgument("operands have different lengths");
             py::array_t<std::int32_t> out(a.size());
             const std::int32_t *pa = a.data(), *pb = b.data();
             std::int32_t* o = out.mutable_data();
             std::size_t n = static_cast<std::size_t>(a.size());
             {
               py::gil_scoped_release nogil;  // see the file comment
               c.count_workdays_closed(pa, pb, n, o);
             }
             return out;
           });
}

}  // namespace da06py

// Exact numbers: rounding with named modes and Vietnamese number text. Values cross as decimal
// strings / Python ints (arbitrary size), never through double.
#include "common.hpp"

#include "da06/numbers.hpp"

namespace da06py {
namespace {
da06::BigInt big(const std::string& digits) {
  // Python's str(int): optional '-', then digits without leading zeros -- cpp_int's string
  // constructor would read a leading 0 as octal, so parse through Decimal instead.
  return da06::Decimal::parse(digits).mantissa();
}
da06::VnStyle style(int decimals, bool percent, bool grouped) {
  da06::VnStyle st;
  st.decimals = decimals;
  st.grouped = grouped;
  if (percent) st.suffix = da06::VnSuffix::percent;
  return st;
}
}  // namespace

void register_numbers(py::module_& m) {
  m.def(
      "format_decimal",
      [](const std::string& text, std::optional<int> decimals, const std::string& rounding, bool percent, bool grouped) {
        da06::Decimal v = da06::Decimal::parse(text);
        int d = decimals.value_or(v.scale());
        da06::Decimal r = v.round_to(d, da06::parse_rounding(rounding));
        return da06::format(da06::VnNumber(r, style(d, percent, grouped)));
      },
      py::arg("text"), py::arg("decimals"), py::arg("rounding") = "half_up", py::arg("percent") = false,
      py::arg("grouped") = true, "A plain decimal string rounded once and printed the Vietnamese way.");
  m.def(
      "format_ratio",
      [](const std::string& num, const std::string& den, int decimals, const std::string& rounding, bool percent,
         bool grouped, std::int64_t factor) {
        da06::Ratio q(big(num), big(den));
        da06::Decimal r = q.scaled(factor).round_to(decimals, da06::parse_rounding(rounding));
        return da06::format(da06::VnNumber(r, style(decimals, percent, grouped)));
      },
      py::arg("numerator"), py::arg("denominator"), py::arg("decimals"), py::arg("rounding") = "half_up",
      py::arg("percent") = true, py::arg("grouped") = true, py::arg("factor") = 100);
  m.def(
      "round_ratio",
      [](const std::string& num, const std::string& den, int decimals, const std::string& rounding) {
        return da06::Ratio(big(num), big(den)).round_to(decimals, da06::parse_rounding(rounding)).to_string();
      },
      py::arg("numerator"), py::arg("denominator"), py::arg("decimals"), py::arg("rounding") = "half_up",
      "numerator/denominator rounded to `decimals` with a named mode, as plain decimal text.");
  m.def(
      "parse_vn_number",
      [](const std::string& text) {
        da06::VnNumber n = da06::parse_vn_number(text);
        std::string suffix(da06::to_string(n.style().suffix));
        if (!suffix.empty() && suffix[0] == ' ') suffix.erase(0, 1);
        return py::make_tuple(n.value().to_string(), n.style().decimals, suffix);
      },
      py::arg("text"), "(plain decimal text, printed decimals, unit suffix) of \"1.714\", \"42,2%\", \"9,293 tỷ đồng\".");
  m.def("rounding_modes", [] {
    std::vector<std::string> r;
    for (int i = 0; i <= static_cast<int>(da06::Rounding::away_from_zero); ++i)
      r.emplace_back(da06::to_string(static_cast<da06::Rounding>(i)));
    return r;
  });
}

}  // namespace da06py

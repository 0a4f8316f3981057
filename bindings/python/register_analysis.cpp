// Indicators, targets, gaps and pace as of a date: the JSON of analysis.hpp's indicators_json.
#include "common.hpp"

#include <nlohmann/json.hpp>

#include "da06/analysis.hpp"

namespace da06py {

void register_analysis(py::module_& m) {
  m.def(
      "indicators_json",
      [](const da06::Framework& fw, boost::gregorian::date as_of, const da06::Calendar& cal, const std::string& method,
         double half_life_years, bool use_derived) {
        da06::AnalysisOptions opt;
        if (method == "unsd") opt.pace = da06::PaceOptions::unsd();
        else if (method != "open_sdg")
          throw da06::InvalidArgument("pace method must be open_sdg or unsd, got \"" + method + "\"");
        opt.pace.half_life_years = half_life_years;
        opt.use_derived = use_derived;
        std::string out;
        {
          py::gil_scoped_release nogil;  // reads only the immutable framework and calendar
          out = da06::indicators_json(fw, as_of, cal, opt).dump();
        }
        return out;
      },
      py::arg("framework"), py::arg("as_of"), py::arg("calendar"), py::arg("method") = "open_sdg",
      py::arg("half_life_years") = 1.0, py::arg("use_derived") = true);
}

}  // namespace da06py

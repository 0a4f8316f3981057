// Indicators, targets, gaps and pace as of a date: the typed results of analysis.hpp. Exact values
// (Ratio, Decimal, BigInt) come to Python as fractions.Fraction and int; the Python layer builds its
// DataFrames from these objects (the JSON form is to_json, for the CLI and the C ABI).
#include "common.hpp"

#include "da06/analysis.hpp"

#include <pybind11/stl.h>

namespace da06py {

namespace {

py::object fraction(const da06::Ratio& r) {
  static py::object cls = py::module_::import("fractions").attr("Fraction");
  da06::Ratio x = r.reduced();
  return cls(py::int_(py::str(x.numerator_big().str())), py::int_(py::str(x.denominator_big().str())));
}
py::object opt_fraction(const std::optional<da06::Ratio>& r) { return r ? fraction(*r) : py::none(); }
py::object decimal_fraction(const da06::Decimal& d) {
  static py::object cls = py::module_::import("fractions").attr("Fraction");
  return cls(py::str(d.to_string()));
}

}  // namespace

void register_analysis(py::module_& m) {
  using namespace da06;
  py::class_<PacePoint>(m, "PacePoint")
      .def_readonly("observation", &PacePoint::observation)
      .def_readonly("date", &PacePoint::date)
      .def_readonly("t", &PacePoint::t)
      .def_readonly("y", &PacePoint::y)
      .def_readonly("weight", &PacePoint::weight);
  py::class_<LinearFit>(m, "LinearFit")
      .def_readonly("intercept", &LinearFit::intercept)
      .def_readonly("slope", &LinearFit::slope);
  py::class_<Pace>(m, "Pace")
      .def_property_readonly("cls", [](const Pace& p) { return std::string(to_string(p.cls)); })
      .def_readonly("reason", &Pace::reason)
      .def_property_readonly("method", [](const Pace& p) { return std::string(to_string(p.method)); })
      .def_readonly("half_life_years", &Pace::half_life_years)
      .def_readonly("days_per_year", &Pace::days_per_year)
      .def_readonly("points", &Pace::points)
      .def_readonly("base_date", &Pace::base_date)
      .def_readonly("current_date", &Pace::current_date)
      .def_readonly("target_date", &Pace::target_date)
      .def_readonly("base_value", &Pace::base_value)
      .def_readonly("current_value", &Pace::current_value)
      .def_readonly("target_value", &Pace::target_value)
      .def_readonly("direction", &Pace::direction)
      .def_readonly("observed_rate_per_year", &Pace::observed_rate_per_year)
      .def_readonly("required_rate_per_year", &Pace::required_rate_per_year)
      .def_readonly("ratio", &Pace::ratio)
      .def_readonly("fit", &Pace::fit)
      .def_readonly("projected_at_deadline", &Pace::projected_at_deadline)
      .def_readonly("projected_attainment", &Pace::projected_attainment)
      .def_readonly("projection_note", &Pace::projection_note);
  py::class_<Needed>(m, "Needed")
      .def_property_readonly("count", [](const Needed& n) -> py::object {
        return n.count ? py::object(py::int_(py::str(n.count->str()))) : py::none();
      })
      .def_readonly("computable", &Needed::computable)
      .def_readonly("reachable", &Needed::reachable)
      .def_property_readonly("action", [](const Needed& n) { return std::string(to_string(n.action)); })
      .def_readonly("explanation", &Needed::explanation);
  py::class_<TargetEvaluation>(m, "TargetEvaluation")
      .def_readonly("target", &TargetEvaluation::target)
      .def_readonly("indicator", &TargetEvaluation::indicator)
      .def_readonly("task", &TargetEvaluation::task)
      .def_readonly("published", &TargetEvaluation::published)
      .def_readonly("as_of", &TargetEvaluation::as_of)
      .def_property_readonly("comparator", [](const TargetEvaluation& e) { return std::string(to_string(e.comparator)); })
      .def_property_readonly("threshold", [](const TargetEvaluation& e) { return e.threshold.threshold.to_string(); })
      .def_property_readonly("threshold_value", [](const TargetEvaluation& e) { return decimal_fraction(e.threshold.threshold); })
      .def_property_readonly("threshold_at_deadline", [](const TargetEvaluation& e) { return e.threshold_at_deadline.to_string(); })
      .def_readonly("of", &TargetEvaluation::of)
      .def_readonly("effective", &TargetEvaluation::effective)
      .def_readonly("deadline", &TargetEvaluation::deadline)
      .def_readonly("in_force", &TargetEvaluation::in_force)
      .def_readonly("scope_unit", &TargetEvaluation::scope_unit)
      .def_readonly("matched_unit", &TargetEvaluation::matched_unit)
      .def_property_readonly("status", [](const TargetEvaluation& e) { return std::string(to_string(e.status)); })
      .def_readonly("reason", &TargetEvaluation::reason)
      .def_property_readonly("observation", [](const TargetEvaluation& e) -> py::object {
        return e.current ? py::cast(*e.current) : py::none();
      })
      .def_readonly("current_date", &TargetEvaluation::current_date)
      .def_property_readonly("value", [](const TargetEvaluation& e) { return opt_fraction(e.value); })
      .def_readonly("value_display", &TargetEvaluation::value_display)
      .def_property_readonly("gap", [](const TargetEvaluation& e) { return opt_fraction(e.gap); })
      .def_readonly("gap_display", &TargetEvaluation::gap_display)
      .def_readonly("gap_unit", &TargetEvaluation::gap_unit)
      .def_property_readonly("attainment", [](const TargetEvaluation& e) { return opt_fraction(e.attainment); })
      .def_readonly("needed", &TargetEvaluation::needed)
      .def_property_readonly("denominator", [](const TargetEvaluation& e) -> py::object {
        return e.denominator ? py::object(py::str(std::string(to_string(*e.denominator)))) : py::none();
      })
      .def_readonly("workdays_left", &TargetEvaluation::workdays_left)
      .def_readonly("pace", &TargetEvaluation::pace)
      .def_readonly("notes", &TargetEvaluation::notes);
  py::class_<IndicatorsSummary>(m, "IndicatorsSummary")
      .def_readonly("observations", &IndicatorsSummary::observations)
      .def_readonly("derived_observations", &IndicatorsSummary::derived_observations)
      .def_readonly("targets", &IndicatorsSummary::targets)
      .def_readonly("met", &IndicatorsSummary::met)
      .def_readonly("not_met", &IndicatorsSummary::not_met)
      .def_readonly("no_data", &IndicatorsSummary::no_data)
      .def_property_readonly("pace", [](const IndicatorsSummary& s) {
        py::dict d;
        for (std::size_t i = 0; i < s.pace.size(); ++i) d[py::str(std::string(to_string(static_cast<PaceClass>(i))))] = s.pace[i];
        return d;
      });
  py::class_<IndicatorsReport>(m, "IndicatorsReport")
      .def_readonly("as_of", &IndicatorsReport::as_of)
      .def_readonly("calendar", &IndicatorsReport::calendar)
      .def_readonly("summary", &IndicatorsReport::summary)
      .def_readonly("problems", &IndicatorsReport::problems)
      .def_readonly("targets", &IndicatorsReport::targets)
      .def_readonly("provisional_years", &IndicatorsReport::provisional_years);
  m.def(
      "indicators_report",
      [](const Framework& fw, boost::gregorian::date as_of, const Calendar& cal, const std::string& method,
         double half_life_years, bool use_derived) {
        AnalysisOptions opt;
        if (method == "unsd") opt.pace = PaceOptions::unsd();
        else if (method != "open_sdg") throw InvalidArgument("pace method must be open_sdg or unsd, got \"" + method + "\"");
        opt.pace.half_life_years = half_life_years;
        opt.use_derived = use_derived;
        py::gil_scoped_release nogil;  // reads only the immutable framework and calendar
        return indicators_report(fw, as_of, cal, opt);
      },
      py::arg("framework"), py::arg("as_of"), py::arg("calendar"), py::arg("method") = "open_sdg",
      py::arg("half_life_years") = 1.0, py::arg("use_derived") = true);
}

}  // namespace da06py

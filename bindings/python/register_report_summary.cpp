// The report's summary (report_summary.hpp) and its SVG charts (report_charts.hpp) as bound structs:
// the Python report formats read these fields, never a JSON text. Exact values come as
// fractions.Fraction and int, dates as datetime.date, enums as their snake_case names.
#include "common.hpp"

#include "da06/calendar.hpp"
#include "da06/json.hpp"
#include "da06/report.hpp"
#include "da06/report_charts.hpp"

#include <pybind11/stl.h>

namespace da06py {

namespace {

py::object fraction(const da06::Ratio& r) {
  static py::object cls = py::module_::import("fractions").attr("Fraction");
  da06::Ratio x = r.reduced();
  return cls(py::int_(py::str(x.numerator_big().str())), py::int_(py::str(x.denominator_big().str())));
}
py::object opt_fraction(const std::optional<da06::Ratio>& r) { return r ? fraction(*r) : py::none(); }

py::dict status_counts(const std::array<int, da06::status_count>& a) {
  py::dict d;  // in display order
  for (da06::Status st : da06::status_display_order)
    d[py::str(std::string(da06::to_string(st)))] = a[static_cast<std::size_t>(st)];
  return d;
}

da06::SummaryChart chart_of(const std::string& name) {
  if (auto c = da06::parse_summary_chart(name)) return *c;
  throw da06::InvalidArgument("unknown summary chart \"" + name +
                              "\": expected headline, target_gaps, status_by_group or index");
}

}  // namespace

void register_report_summary(py::module_& m) {
  using namespace da06;
  py::class_<SummaryTask>(m, "SummaryTask", "A late or due-soon task as the summary lists it.")
      .def_readonly("task", &SummaryTask::task)
      .def_readonly("number", &SummaryTask::number)
      .def_readonly("group", &SummaryTask::group)
      .def_readonly("group_number", &SummaryTask::group_number)
      .def_readonly("title", &SummaryTask::title)
      .def_readonly("lead", &SummaryTask::lead)
      .def_readonly("deadline_text", &SummaryTask::deadline_text)
      .def_property_readonly("status", [](const SummaryTask& t) { return std::string(to_string(t.status)); })
      .def_readonly("due", &SummaryTask::due)
      .def_readonly("effective_due", &SummaryTask::effective_due)
      .def_readonly("workdays_late", &SummaryTask::workdays_late)
      .def_readonly("workdays_left", &SummaryTask::workdays_left);
  py::class_<SummaryTarget>(m, "SummaryTarget", "One target as the summary shows it.")
      .def_readonly("target", &SummaryTarget::target)
      .def_readonly("indicator", &SummaryTarget::indicator)
      .def_readonly("indicator_name", &SummaryTarget::indicator_name)
      .def_readonly("task", &SummaryTarget::task)
      .def_readonly("unit", &SummaryTarget::unit)
      .def_readonly("percent", &SummaryTarget::percent)
      .def_property_readonly("status", [](const SummaryTarget& t) { return std::string(to_string(t.status)); })
      .def_property_readonly("comparator", [](const SummaryTarget& t) { return std::string(to_string(t.comparator)); })
      .def_property_readonly("threshold", [](const SummaryTarget& t) {
        static py::object cls = py::module_::import("fractions").attr("Fraction");
        return cls(py::str(t.threshold.to_string()));
      })
      .def_readonly("threshold_display", &SummaryTarget::threshold_display)
      .def_property_readonly("value", [](const SummaryTarget& t) { return opt_fraction(t.value); })
      .def_property_readonly("gap", [](const SummaryTarget& t) { return opt_fraction(t.gap); })
      .def_readonly("value_display", &SummaryTarget::value_display)
      .def_readonly("gap_display", &SummaryTarget::gap_display)
      .def_readonly("gap_unit", &SummaryTarget::gap_unit)
      .def_property_readonly("needed", [](const SummaryTarget& t) -> py::object {
        return t.needed ? py::object(py::int_(py::str(t.needed->str()))) : py::object(py::none());
      })
      .def_property_readonly("needed_action", [](const SummaryTarget& t) { return std::string(to_string(t.needed_action)); })
      .def_readonly("needed_display", &SummaryTarget::needed_display)
      .def_readonly("deadline", &SummaryTarget::deadline)
      .def_readonly("workdays_left", &SummaryTarget::workdays_left)
      .def_property_readonly("pace", [](const SummaryTarget& t) { return std::string(to_string(t.pace)); });
  py::class_<SummaryIndexGroup>(m, "SummaryIndexGroup")
      .def_readonly("code", &SummaryIndexGroup::code)
      .def_readonly("name_vi", &SummaryIndexGroup::name_vi)
      .def_readonly("points", &SummaryIndexGroup::points)
      .def_readonly("max_points", &SummaryIndexGroup::max_points);
  py::class_<SummaryIndex>(m, "SummaryIndex")
      .def_readonly("unit", &SummaryIndex::unit)
      .def_readonly("period", &SummaryIndex::period)
      .def_readonly("rules_version", &SummaryIndex::rules_version)
      .def_readonly("decimals", &SummaryIndex::decimals)
      .def_readonly("groups", &SummaryIndex::groups)
      .def_readonly("total", &SummaryIndex::total)
      .def_readonly("max_total", &SummaryIndex::max_total)
      .def_readonly("rank", &SummaryIndex::rank);
  py::class_<ReportSummary>(m, "ReportSummary", "The one-screen summary a report opens with.")
      .def_readonly("as_of", &ReportSummary::as_of)
      .def_readonly("has_status", &ReportSummary::has_status)
      .def_readonly("total_tasks", &ReportSummary::total_tasks)
      .def_property_readonly("by_status", [](const ReportSummary& s) { return status_counts(s.by_status); })
      .def_readonly("claims", &ReportSummary::claims)
      .def_readonly("overdue", &ReportSummary::overdue)
      .def_readonly("due_soon", &ReportSummary::due_soon)
      .def_readonly("past_due_open", &ReportSummary::past_due_open)
      .def_readonly("by_group", &ReportSummary::by_group)
      .def_readonly("has_targets", &ReportSummary::has_targets)
      .def_readonly("targets", &ReportSummary::targets)
      .def_readonly("targets_met", &ReportSummary::targets_met)
      .def_readonly("targets_not_met", &ReportSummary::targets_not_met)
      .def_readonly("targets_no_data", &ReportSummary::targets_no_data)
      .def_property_readonly("audit_counts", [](const ReportSummary& s) {
        py::dict d;
        d["error"] = s.audit.error;
        d["warning"] = s.audit.warning;
        d["info"] = s.audit.info;
        return d;
      })
      .def_readonly("audit_findings", &ReportSummary::audit_findings)
      .def_readonly("index", &ReportSummary::index)
      .def_property_readonly("headline", [](const ReportSummary& s) {
        std::vector<std::pair<std::string, int>> out;
        for (const auto& [st, n] : headline_counts(s)) out.emplace_back(std::string(to_string(st)), n);
        return out;
      }, "[(status, count)] in display order: done, in_progress, due_soon, overdue, waiting always, others when non-zero.")
      .def("to_json", [](const ReportSummary& s) { return to_json(s); });

  m.def("report_summary", [](const Framework& fw, std::optional<Date> as_of) {
        py::gil_scoped_release nogil;  // reads only the immutable framework and the built-in calendar
        return build_report(fw, as_of, Calendar::vietnam_public()).summary;
      }, py::arg("framework"), py::arg("as_of") = py::none(),
      "The summary of build_report(framework, as_of, vietnam_public calendar).");
  m.def("summary_with_index", [](ReportSummary s, const IndexRules& rules, const std::string& unit,
                                 const std::string& period, const std::map<std::string, std::int64_t>& groups,
                                 std::int64_t total, int rank) {
        UnitScore u;
        u.unit = unit;
        u.period = period;
        u.groups = groups;
        u.total = total;
        u.rank = rank;
        return with_index(std::move(s), rules, u);
      }, py::arg("summary"), py::arg("rules"), py::arg("unit"), py::arg("period"), py::arg("groups"),
      py::arg("total"), py::arg("rank") = 0,
      "The summary with the QĐ 766 score of one unit (group code → points in 10^-decimals).");
  m.def("summary_chart_svg", [](const ReportSummary& s, const std::string& chart) {
        return summary_chart_svg(s, chart_of(chart));
      }, py::arg("summary"), py::arg("chart"), "The chart as one inline <svg> element, or \"\" when it has nothing to draw.");
  m.def("summary_chart_note", [](const ReportSummary& s, const std::string& chart) {
        return summary_chart_note(s, chart_of(chart));
      }, py::arg("summary"), py::arg("chart"));
  m.def("summary_chart_bars", [](const ReportSummary& s, const std::string& chart) {
        return summary_chart_bars(s, chart_of(chart));
      }, py::arg("summary"), py::arg("chart"));
  m.def("summary_chart_title", [](const std::string& chart) { return std::string(summary_chart_title(chart_of(chart))); },
        py::arg("chart"));
  m.def("status_label_vi", [](const std::string& s) {
        auto st = parse_status(s);
        if (!st) throw InvalidArgument("unknown status \"" + s + "\"");
        return std::string(status_label_vi(*st));
      }, py::arg("status"));
  m.def("status_color", [](const std::string& s) {
        auto st = parse_status(s);
        if (!st) throw InvalidArgument("unknown status \"" + s + "\"");
        return std::string(status_color(*st));
      }, py::arg("status"));
  m.def("pace_label_vi", [](const std::string& s) {
        for (PaceClass c : {PaceClass::achieved, PaceClass::on_track, PaceClass::acceleration_needed,
                            PaceClass::limited_progress, PaceClass::deterioration, PaceClass::insufficient_data})
          if (to_string(c) == s) return std::string(pace_label_vi(c));
        throw InvalidArgument("unknown pace class \"" + s + "\"");
      }, py::arg("pace"));
}

}  // namespace da06py

// A series of reports: the typed results of series.hpp (task matches, the diff, pace over the series).
// Exact values come to Python as fractions.Fraction and int; the Python layer (python/da06/series.py)
// builds its DataFrames from these objects. The JSON form is to_json, for the CLI.
#include "common.hpp"

#include "da06/aggregate.hpp"
#include "da06/series.hpp"

#include <pybind11/stl.h>

namespace da06py {

namespace {

py::object fraction(const da06::Ratio& r) {
  static py::object cls = py::module_::import("fractions").attr("Fraction");
  da06::Ratio x = r.reduced();
  return cls(py::int_(py::str(x.numerator_big().str())), py::int_(py::str(x.denominator_big().str())));
}
py::object opt_int(const std::optional<da06::BigInt>& v) { return v ? py::object(py::int_(py::str(v->str()))) : py::none(); }

}  // namespace

void register_series(py::module_& m) {
  using namespace da06;
  py::class_<TaskMatch>(m, "TaskMatch")
      .def_readonly("old_task", &TaskMatch::old_task)
      .def_readonly("new_task", &TaskMatch::new_task)
      .def_readonly("old_number", &TaskMatch::old_number)
      .def_readonly("new_number", &TaskMatch::new_number)
      .def_readonly("old_group", &TaskMatch::old_group)
      .def_readonly("new_group", &TaskMatch::new_group)
      .def_property_readonly("method", [](const TaskMatch& x) { return std::string(to_string(x.method)); })
      .def_readonly("confidence", &TaskMatch::confidence);
  py::class_<UnmatchedTask>(m, "UnmatchedTask")
      .def_readonly("task", &UnmatchedTask::task)
      .def_readonly("number", &UnmatchedTask::number)
      .def_readonly("title", &UnmatchedTask::title)
      .def_readonly("best_candidate", &UnmatchedTask::best_candidate)
      .def_readonly("best_score", &UnmatchedTask::best_score);
  py::class_<TaskMatching>(m, "TaskMatching")
      .def_readonly("matches", &TaskMatching::matches)
      .def_readonly("dropped", &TaskMatching::dropped)
      .def_readonly("added", &TaskMatching::added);
  py::class_<TaskChange>(m, "TaskChange")
      .def_readonly("old_task", &TaskChange::old_task)
      .def_readonly("new_task", &TaskChange::new_task)
      .def_readonly("title", &TaskChange::title)
      .def_property_readonly("old_status", [](const TaskChange& c) { return std::string(to_string(c.old_status)); })
      .def_property_readonly("new_status", [](const TaskChange& c) { return std::string(to_string(c.new_status)); })
      .def_readonly("old_due", &TaskChange::old_due)
      .def_readonly("new_due", &TaskChange::new_due);
  py::class_<IndicatorMove>(m, "IndicatorMove")
      .def_readonly("indicator", &IndicatorMove::indicator)
      .def_readonly("unit", &IndicatorMove::unit)
      .def_readonly("service", &IndicatorMove::service)
      .def_readonly("followed_from", &IndicatorMove::followed_from)
      .def_readonly("old_observations", &IndicatorMove::old_observations)
      .def_readonly("new_observation", &IndicatorMove::new_observation)
      .def_readonly("old_date", &IndicatorMove::old_date)
      .def_readonly("new_date", &IndicatorMove::new_date)
      .def_property_readonly("old_value", [](const IndicatorMove& x) { return fraction(x.old_value); })
      .def_property_readonly("new_value", [](const IndicatorMove& x) { return fraction(x.new_value); })
      .def_property_readonly("change", [](const IndicatorMove& x) { return fraction(x.change); })
      .def_readonly("percentage_points", &IndicatorMove::percentage_points)
      .def_property_readonly("numerator_change", [](const IndicatorMove& x) { return opt_int(x.numerator_change); })
      .def_property_readonly("denominator_change", [](const IndicatorMove& x) { return opt_int(x.denominator_change); })
      .def_readonly("old_display", &IndicatorMove::old_display)
      .def_readonly("new_display", &IndicatorMove::new_display)
      .def_property_readonly("movement", [](const IndicatorMove& x) { return std::string(to_string(x.movement)); });
  py::class_<ObservationKey>(m, "ObservationKey")
      .def_readonly("indicator", &ObservationKey::indicator)
      .def_readonly("unit", &ObservationKey::unit)
      .def_readonly("service", &ObservationKey::service)
      .def_readonly("when", &ObservationKey::when);
  py::class_<Revision>(m, "Revision")
      .def_readonly("key", &Revision::key)
      .def_readonly("old_report", &Revision::old_report)
      .def_readonly("new_report", &Revision::new_report)
      .def_readonly("old_observation", &Revision::old_observation)
      .def_readonly("new_observation", &Revision::new_observation)
      .def_readonly("old_value", &Revision::old_value)
      .def_readonly("new_value", &Revision::new_value)
      .def_readonly("same_report", &Revision::same_report);
  py::class_<TargetChange>(m, "TargetChange")
      .def_readonly("target", &TargetChange::target)
      .def_readonly("indicator", &TargetChange::indicator)
      .def_property_readonly("shift", [](const TargetChange& c) { return std::string(to_string(c.shift)); })
      .def_property_readonly("old_status", [](const TargetChange& c) { return std::string(to_string(c.old_status)); })
      .def_property_readonly("new_status", [](const TargetChange& c) { return std::string(to_string(c.new_status)); })
      .def_readonly("old_value", &TargetChange::old_value)
      .def_readonly("new_value", &TargetChange::new_value)
      .def_readonly("deadline", &TargetChange::deadline);
  py::class_<UnitChange>(m, "UnitChange")
      .def_readonly("unit", &UnitChange::unit)
      .def_readonly("name", &UnitChange::name)
      .def_property_readonly("level", [](const UnitChange& u) { return std::string(to_string(u.level)); })
      .def_readonly("reason", &UnitChange::reason)
      .def_readonly("successors", &UnitChange::successors);
  py::class_<ChangeCheck>(m, "ChangeCheck")
      .def_readonly("observation", &ChangeCheck::observation)
      .def_readonly("published", &ChangeCheck::published)
      .def_readonly("against", &ChangeCheck::against)
      .def_readonly("of", &ChangeCheck::of)
      .def_readonly("delta", &ChangeCheck::delta)
      .def_readonly("implied", &ChangeCheck::implied)
      .def_readonly("earlier_observation", &ChangeCheck::earlier_observation)
      .def_readonly("earlier_value", &ChangeCheck::earlier_value)
      .def_readonly("agrees", &ChangeCheck::agrees)
      .def_readonly("revised_to", &ChangeCheck::revised_to);
  py::class_<SeriesDiff>(m, "SeriesDiff")
      .def_readonly("old_report", &SeriesDiff::old_report)
      .def_readonly("new_report", &SeriesDiff::new_report)
      .def_readonly("old_as_of", &SeriesDiff::old_as_of)
      .def_readonly("new_as_of", &SeriesDiff::new_as_of)
      .def_readonly("tasks", &SeriesDiff::tasks)
      .def_readonly("renumbered", &SeriesDiff::renumbered)
      .def_readonly("newly_done", &SeriesDiff::newly_done)
      .def_readonly("newly_overdue", &SeriesDiff::newly_overdue)
      .def_readonly("newly_waiting", &SeriesDiff::newly_waiting)
      .def_readonly("deadline_moved", &SeriesDiff::deadline_moved)
      .def_readonly("indicators", &SeriesDiff::indicators)
      .def_readonly("revisions", &SeriesDiff::revisions)
      .def_readonly("duplicates", &SeriesDiff::duplicates)
      .def_readonly("targets_newly_met", &SeriesDiff::targets_newly_met)
      .def_readonly("targets_newly_missed", &SeriesDiff::targets_newly_missed)
      .def_readonly("units_entered", &SeriesDiff::units_entered)
      .def_readonly("units_left", &SeriesDiff::units_left)
      .def_readonly("change_checks", &SeriesDiff::change_checks)
      .def("to_json", [](const SeriesDiff& d) { return to_json(d); });
  py::class_<PacePointSource>(m, "PacePointSource")
      .def_readonly("report", &PacePointSource::report)
      .def_readonly("observation", &PacePointSource::observation)
      .def_readonly("date", &PacePointSource::date);
  py::class_<SeriesTargetPace>(m, "SeriesTargetPace")
      .def_readonly("evaluation", &SeriesTargetPace::evaluation)
      .def_readonly("sources", &SeriesTargetPace::sources)
      .def_readonly("needed_per_month", &SeriesTargetPace::needed_per_month);
  py::class_<SeriesObservation>(m, "SeriesObservation")
      .def_readonly("observation", &SeriesObservation::observation)
      .def_readonly("key", &SeriesObservation::key)
      .def_readonly("reference_date", &SeriesObservation::reference_date)
      .def_readonly("printed_in", &SeriesObservation::printed_in)
      .def_readonly("superseded", &SeriesObservation::superseded);

  py::class_<Series>(m, "Series")
      .def(py::init([](std::vector<Framework> reports, std::optional<std::string> mapping_csv, const std::string& mapping_file,
                       std::vector<std::pair<std::string, std::string>> pins, double match_threshold, double part_threshold,
                       const Calendar& calendar) {
             SeriesOptions o;
             if (!(match_threshold > 0 && match_threshold <= 1))
               throw InvalidArgument("match_threshold must be in (0, 1], got " + std::to_string(match_threshold));
             if (!(part_threshold > 0 && part_threshold <= 1))
               throw InvalidArgument("part_threshold must be in (0, 1], got " + std::to_string(part_threshold));
             o.match_threshold = match_threshold;
             o.part_threshold = part_threshold;
             for (auto& [a, b] : pins) o.pins.push_back(TaskPin{a, b});
             if (mapping_csv) {
               MappingLoad ml = load_mapping_csv(*mapping_csv, mapping_file);
               if (!ml.ok()) throw LoadError(ml.diagnostics);
               o.mapping = ml.mapping;
             }
             return Series(std::move(reports), std::move(o), calendar);
           }),
           py::arg("reports"), py::arg("mapping_csv") = py::none(), py::arg("mapping_file") = "<mapping>",
           py::arg("pins") = std::vector<std::pair<std::string, std::string>>{}, py::arg("match_threshold") = 0.7,
           py::arg("part_threshold") = 0.8, py::arg("calendar") = Calendar::vietnam_public())
      .def("__len__", &Series::size)
      .def("report", &Series::report, py::arg("index"))
      .def("date", &Series::date, py::arg("index"))
      .def("observations", &Series::observations)
      .def("revisions", &Series::revisions)
      .def("merged", &Series::merged, py::arg("index"))
      .def("diff", &Series::diff, py::arg("a"), py::arg("b"), py::arg("as_of") = py::none())
      .def("pace", &Series::pace, py::arg("as_of") = py::none())
      .def("pace_json", [](const Series& s, std::optional<Date> as_of) { return to_json(s.pace(as_of)); },
           py::arg("as_of") = py::none());
  m.def("task_similarity", &task_similarity, py::arg("a"), py::arg("b"));
}

}  // namespace da06py

// The framework model: an immutable Framework and read-only records (Task, Indicator, Target, ...).
// Enumerations cross as their to_string() names, so that DataFrame columns are plain strings.
#include "common.hpp"

#include "da06/model.hpp"

#include <string>
#include <vector>

namespace da06py {
namespace {

template <class E>
std::string s(E e) {
  return std::string(da06::to_string(e));
}

py::object observation_value(const da06::Observation& o) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return py::none();
        else if constexpr (std::is_same_v<T, da06::DecimalText>)
          return py::module_::import("decimal").attr("Decimal")(v.text);
        else return py::cast(v);
      },
      o.value);
}

std::vector<std::string> levels(const std::vector<da06::Level>& ls) {
  std::vector<std::string> r;
  for (auto l : ls) r.push_back(s(l));
  return r;
}

}  // namespace

void register_model(py::module_& m) {
  using namespace da06;
  py::class_<SourceRef>(m, "SourceRef", "Where a record was printed in its source document.")
      .def_readonly("document", &SourceRef::document)
      .def_readonly("section", &SourceRef::section)
      .def_readonly("appendix", &SourceRef::appendix)
      .def_readonly("row", &SourceRef::row)
      .def_readonly("line", &SourceRef::line)
      .def_readonly("quote", &SourceRef::quote)
      .def_readonly("table", &SourceRef::table)
      .def_readonly("paragraph", &SourceRef::paragraph)
      .def("__repr__", [](const SourceRef& r) {
        return "SourceRef(document='" + r.document + "', appendix='" + r.appendix + "', row='" + r.row +
               "', line=" + std::to_string(r.line) + ")";
      });

  py::class_<TaskGroup>(m, "TaskGroup", "A task group header of Appendix I.")
      .def_readonly("id", &TaskGroup::id)
      .def_readonly("number", &TaskGroup::number)
      .def_readonly("title", &TaskGroup::title)
      .def_readonly("declared_count", &TaskGroup::declared_count)
      .def_readonly("published", &TaskGroup::published)
      .def_readonly("source", &TaskGroup::source);

  py::class_<Task>(m, "Task", "A task (nhiệm vụ) of the plan, every column verbatim.")
      .def_readonly("id", &Task::id)
      .def_readonly("number", &Task::number)
      .def_readonly("group", &Task::group)
      .def_readonly("title", &Task::title)
      .def_readonly("lead", &Task::lead)
      .def_readonly("coordinating", &Task::coordinating)
      .def_readonly("deadline_text", &Task::deadline_text)
      .def_readonly("progress_text", &Task::progress_text)
      .def_readonly("indicators", &Task::indicators)
      .def_readonly("utility_group", &Task::utility_group)
      .def_readonly("attributes", &Task::attributes)
      .def_readonly("source", &Task::source)
      .def("lead_units", &Task::lead_units)
      .def("coordinating_units", &Task::coordinating_units)
      .def("__repr__", [](const Task& t) { return "Task(id='" + t.id + "', number=" + std::to_string(t.number) + ")"; });

  py::class_<Indicator>(m, "Indicator", "An indicator definition: display = factor × numerator ÷ denominator.")
      .def_readonly("id", &Indicator::id)
      .def_readonly("name", &Indicator::name)
      .def_property_readonly("kind", [](const Indicator& i) { return s(i.kind); })
      .def_readonly("unit", &Indicator::unit)
      .def_property_readonly("direction", [](const Indicator& i) { return s(i.direction); })
      .def_readonly("factor", &Indicator::factor)
      .def_readonly("decimals", &Indicator::decimals)
      .def_readonly("rounding", &Indicator::rounding)
      .def_property_readonly("aggregation", [](const Indicator& i) { return s(i.aggregation); })
      .def_property_readonly("temporal", [](const Indicator& i) { return s(i.temporal); })
      .def_property_readonly("denominator", [](const Indicator& i) { return s(i.denominator); })
      .def_readonly("utility_group", &Indicator::utility_group)
      .def("__repr__", [](const Indicator& i) { return "Indicator(id='" + i.id + "')"; });

  py::class_<Observation>(m, "Observation", "One published figure with its exact numbers and printed text.")
      .def_readonly("id", &Observation::id)
      .def_readonly("indicator", &Observation::indicator)
      .def_readonly("unit", &Observation::unit)
      .def_readonly("period", &Observation::period)
      .def_readonly("as_of", &Observation::as_of)
      .def_readonly("service", &Observation::service)
      .def_readonly("numerator", &Observation::numerator)
      .def_readonly("denominator", &Observation::denominator)
      .def_property_readonly("value", &observation_value)
      .def_readonly("of", &Observation::of)
      .def_readonly("published", &Observation::published)
      .def_readonly("published_value", &Observation::published_value)
      .def_readonly("qualifier", &Observation::qualifier)
      .def_readonly("note", &Observation::note)
      .def_readonly("source", &Observation::source)
      .def("is_ratio", &Observation::is_ratio)
      .def("__repr__", [](const Observation& o) { return "Observation(id='" + o.id + "')"; });

  py::class_<Target>(m, "Target", "A target: comparator and threshold (exact decimal text), scope and dates.")
      .def_readonly("id", &Target::id)
      .def_readonly("indicator", &Target::indicator)
      .def_readonly("task", &Target::task)
      .def_property_readonly("comparator", [](const Target& t) { return s(t.comparator); })
      .def_readonly("threshold", &Target::threshold)
      .def_readonly("of", &Target::of)
      .def_property_readonly("scope_unit", [](const Target& t) { return t.scope.unit; })
      .def_property_readonly("scope_levels", [](const Target& t) { return levels(t.scope.levels); })
      .def_readonly("effective", &Target::effective)
      .def_readonly("deadline", &Target::deadline)
      .def_property_readonly("milestones", [](const Target& t) {
        std::vector<std::pair<std::optional<Date>, std::string>> r;
        for (const auto& ms : t.milestones) r.emplace_back(ms.from, ms.threshold);
        return r;
      })
      .def_readonly("published", &Target::published)
      .def_readonly("note", &Target::note)
      .def_readonly("source", &Target::source)
      .def("__repr__", [](const Target& t) { return "Target(id='" + t.id + "')"; });

  py::class_<ObservationCandidate>(m, "ObservationCandidate",
                                   "A figure of a document's prose kept for review; never used as data.")
      .def_readonly("id", &ObservationCandidate::id)
      .def_property_readonly("kind", [](const ObservationCandidate& k) { return s(k.kind); })
      .def_readonly("numerator", &ObservationCandidate::numerator)
      .def_readonly("denominator", &ObservationCandidate::denominator)
      .def_readonly("value", &ObservationCandidate::value)
      .def_readonly("unit", &ObservationCandidate::unit)
      .def_readonly("against", &ObservationCandidate::against)
      .def_readonly("published", &ObservationCandidate::published)
      .def_readonly("sentence", &ObservationCandidate::sentence)
      .def_property_readonly("review", [](const ObservationCandidate& k) { return s(k.review); })
      .def_readonly("observation", &ObservationCandidate::observation)
      .def_readonly("note", &ObservationCandidate::note)
      .def_readonly("source", &ObservationCandidate::source)
      .def("__repr__", [](const ObservationCandidate& k) {
        return "ObservationCandidate(id='" + k.id + "', published='" + k.published + "')";
      });

  py::class_<OrgUnit>(m, "OrgUnit", "An organisational unit with effective dates (closed intervals).")
      .def_readonly("id", &OrgUnit::id)
      .def_readonly("name", &OrgUnit::name)
      .def_property_readonly("level", [](const OrgUnit& u) { return s(u.level); })
      .def_readonly("kind", &OrgUnit::kind)
      .def_readonly("valid_from", &OrgUnit::valid_from)
      .def_readonly("valid_to", &OrgUnit::valid_to)
      .def_property_readonly("parents", [](const OrgUnit& u) {
        std::vector<std::tuple<std::string, std::optional<Date>, std::optional<Date>>> r;
        for (const auto& p : u.parents) r.emplace_back(p.parent, p.from, p.to);
        return r;
      })
      .def("valid_on", &OrgUnit::valid_on)
      .def("__repr__", [](const OrgUnit& u) { return "OrgUnit(id='" + u.id + "', level='" + s(u.level) + "')"; });

  // The Framework is immutable and shares its data (shared_ptr<const>): the list accessors copy
  // records into Python objects, which is fine for the sizes a framework has (hundreds of rows).
  py::class_<Framework>(m, "Framework", "An immutable Đề án 06 framework (use da06.load / da06.load_default).")
      .def_property_readonly("id", &Framework::id)
      .def_property_readonly("title", &Framework::title)
      .def_property_readonly("province", [](const Framework& f) { return f.data().province; })
      .def_property_readonly("plan_number", [](const Framework& f) { return f.data().plan.number; })
      .def_property_readonly("plan_date", [](const Framework& f) { return f.data().plan.date; })
      .def_property_readonly("report_number", [](const Framework& f) { return f.data().report.number; })
      .def_property_readonly("report_date", [](const Framework& f) { return f.data().report.date; })
      .def_property_readonly("report_title", [](const Framework& f) { return f.data().report.title; })
      .def_property_readonly("period_code", [](const Framework& f) { return f.data().period.code; })
      .def_property_readonly("period_text", [](const Framework& f) { return f.data().period.text; })
      .def("tasks", &Framework::tasks)
      .def("task_groups", &Framework::task_groups)
      .def("indicators", &Framework::indicators)
      .def("observations", &Framework::observations)
      .def("targets", &Framework::targets)
      .def("units", &Framework::units)
      .def("observation_candidates", &Framework::observation_candidates)
      .def("__eq__", [](const Framework& a, const Framework& b) { return a == b; })
      .def("__repr__", [](const Framework& f) {
        return "<da06.Framework '" + f.id() + "': " + std::to_string(f.tasks().size()) + " tasks, " +
               std::to_string(f.indicators().size()) + " indicators, " + std::to_string(f.observations().size()) +
               " observations>";
      });
}

}  // namespace da06py

// Task status as of a date: the typed results of status.hpp (the Python layer builds its DataFrame
// from these; the JSON form is to_json, for the CLI and the C ABI).
#include "common.hpp"

#include "da06/status.hpp"

#include <pybind11/stl.h>

namespace da06py {

namespace {
py::dict counts(const std::array<int, da06::status_count>& a) {
  py::dict d;
  for (std::size_t i = 0; i < da06::status_count; ++i)
    d[py::str(std::string(da06::to_string(static_cast<da06::Status>(i))))] = a[i];
  return d;
}
}  // namespace

void register_status(py::module_& m) {
  using namespace da06;
  m.def("status_names", [] {
    std::vector<std::string> out;
    for (Status st : status_display_order) out.emplace_back(to_string(st));
    return out;
  }, "Every task status name, in display order (da06::status_display_order).");
  py::class_<DecidingPhrase>(m, "DecidingPhrase")
      .def_readonly("field", &DecidingPhrase::field)
      .def_readonly("role", &DecidingPhrase::role)
      .def_readonly("begin", &DecidingPhrase::begin)
      .def_readonly("end", &DecidingPhrase::end)
      .def_readonly("text", &DecidingPhrase::text);
  py::class_<TaskStatus>(m, "TaskStatus")
      .def_readonly("task", &TaskStatus::task)
      .def_readonly("number", &TaskStatus::number)
      .def_readonly("group", &TaskStatus::group)
      .def_property_readonly("status", [](const TaskStatus& s) { return std::string(to_string(s.status)); })
      .def_readonly("due", &TaskStatus::due)
      .def_readonly("effective_due", &TaskStatus::effective_due)
      .def_readonly("start", &TaskStatus::start)
      .def_property_readonly("recurrence", [](const TaskStatus& s) { return std::string(to_string(s.recurrence)); })
      .def_readonly("workdays_left", &TaskStatus::workdays_left)
      .def_readonly("past_due", &TaskStatus::past_due)
      .def_readonly("past_due_not_done", &TaskStatus::past_due_not_done)
      .def_readonly("deciding_phrases", &TaskStatus::deciding_phrases)
      .def_readonly("reason", &TaskStatus::reason);
  py::class_<GroupStatusCounts>(m, "GroupStatusCounts")
      .def_readonly("group", &GroupStatusCounts::group)
      .def_readonly("number", &GroupStatusCounts::number)
      .def_readonly("title", &GroupStatusCounts::title)
      .def_readonly("total", &GroupStatusCounts::total)
      .def_property_readonly("by_status", [](const GroupStatusCounts& g) { return counts(g.by_status); });
  py::class_<ClaimComparison>(m, "ClaimComparison")
      .def_readonly("claim", &ClaimComparison::claim)
      .def_readonly("status", &ClaimComparison::status)
      .def_readonly("published", &ClaimComparison::published)
      .def_readonly("claimed", &ClaimComparison::claimed)
      .def_property_readonly("statuses", [](const ClaimComparison& c) {
        std::vector<std::string> out;
        for (Status s : c.statuses) out.emplace_back(to_string(s));
        return out;
      })
      .def_readonly("ours", &ClaimComparison::ours)
      .def_readonly("difference", &ClaimComparison::difference);
  py::class_<StatusSummary>(m, "StatusSummary")
      .def_readonly("as_of", &StatusSummary::as_of)
      .def_readonly("due_soon_workdays", &StatusSummary::due_soon_workdays)
      .def_readonly("total", &StatusSummary::total)
      .def_property_readonly("by_status", [](const StatusSummary& s) { return counts(s.by_status); })
      .def_readonly("by_group", &StatusSummary::by_group)
      .def_readonly("claims", &StatusSummary::claims)
      .def_readonly("past_due_not_done", &StatusSummary::past_due_not_done)
      .def_readonly("overdue", &StatusSummary::overdue);
  py::class_<StatusReport>(m, "StatusReport")
      .def_readonly("tasks", &StatusReport::tasks)
      .def_readonly("summary", &StatusReport::summary)
      .def_readonly("provisional_years", &StatusReport::provisional_years);
  m.def(
      "task_status_report",
      [](const Framework& fw, boost::gregorian::date as_of, const Calendar& cal, int due_soon_workdays,
         bool roll_due_to_workday) {
        StatusOptions opt;
        opt.due_soon_workdays = due_soon_workdays;
        opt.roll_due_to_workday = roll_due_to_workday;
        py::gil_scoped_release nogil;  // reads only the immutable framework and calendar
        return task_status_report(fw, as_of, cal, opt);
      },
      py::arg("framework"), py::arg("as_of"), py::arg("calendar"), py::arg("due_soon_workdays") = 10,
      py::arg("roll_due_to_workday") = true);
}

}  // namespace da06py

// Task status as of a date: the JSON document shared with `da06 tasks --json` (status.hpp's to_json).
#include "common.hpp"

#include <nlohmann/json.hpp>

#include "da06/status.hpp"

namespace da06py {

void register_status(py::module_& m) {
  m.def(
      "task_status_json",
      [](const da06::Framework& fw, boost::gregorian::date as_of, const da06::Calendar& cal, int due_soon_workdays,
         bool roll_due_to_workday) {
        da06::StatusOptions opt;
        opt.due_soon_workdays = due_soon_workdays;
        opt.roll_due_to_workday = roll_due_to_workday;
        std::string out;
        {
          py::gil_scoped_release nogil;  // reads only the immutable framework and calendar
          out = da06::to_json(da06::task_status_report(fw, as_of, cal, opt)).dump();
        }
        return out;
      },
      py::arg("framework"), py::arg("as_of"), py::arg("calendar"), py::arg("due_soon_workdays") = 10,
      py::arg("roll_due_to_workday") = true);
}

}  // namespace da06py

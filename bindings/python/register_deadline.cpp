// Free-text Vietnamese deadlines read into structured values.
#include "common.hpp"

#include "da06/deadline.hpp"

namespace da06py {
namespace {
template <class E>
std::optional<std::string> none_if_none(E e, E none) {
  if (e == none) return std::nullopt;
  return std::string(da06::to_string(e));
}
}  // namespace

void register_deadline(py::module_& m) {
  using namespace da06;
  py::class_<Threshold>(m, "Threshold", "A staged or level-specific target found in a deadline text.")
      .def_readonly("value", &Threshold::value)
      .def_readonly("unit", &Threshold::unit)
      .def_property_readonly("comparator", [](const Threshold& t) { return std::string(to_string(t.comparator)); })
      .def_readonly("out_of", &Threshold::out_of)
      .def_property_readonly("from_period",
                             [](const Threshold& t) -> std::optional<std::string> {
                               if (!t.from) return std::nullopt;
                               return t.from->code();
                             })
      .def_readonly("from_date", &Threshold::from_date)
      .def_property_readonly("within",
                             [](const Threshold& t) -> std::optional<std::string> {
                               if (!t.within) return std::nullopt;
                               return t.within->code();
                             })
      .def_property_readonly("levels",
                             [](const Threshold& t) {
                               std::vector<std::string> r;
                               for (auto l : t.levels) r.emplace_back(to_string(l));
                               return r;
                             })
      .def_readonly("subject", &Threshold::subject)
      .def_readonly("offset", &Threshold::offset)
      .def_readonly("length", &Threshold::length)
      .def("__repr__", [](const Threshold& t) {
        return "Threshold(" + std::string(to_string(t.comparator)) + " " + t.value + t.unit + ")";
      });

  py::class_<Match>(m, "Match", "Which phrase of the text decided which field (byte offsets in the UTF-8 text).")
      .def_readonly("field", &Match::field)
      .def_readonly("offset", &Match::offset)
      .def_readonly("length", &Match::length)
      .def_readonly("phrase", &Match::phrase)
      .def("__repr__", [](const Match& x) { return "Match(" + x.field + ": '" + x.phrase + "')"; });

  py::class_<Phase>(m, "Phase", "A later step a deadline text names beside its completion date.")
      .def_readonly("text", &Phase::text)
      .def_readonly("start", &Phase::start)
      .def_readonly("due", &Phase::due)
      .def_readonly("offset", &Phase::offset)
      .def_readonly("length", &Phase::length)
      .def("__repr__", [](const Phase& x) { return "Phase('" + x.text + "')"; });

  py::class_<Deadline>(m, "Deadline", "What a free-text deadline says (da06.parse_deadline).")
      .def_readonly("text", &Deadline::text)
      .def_readonly("due", &Deadline::due)
      .def_readonly("start", &Deadline::start)
      .def_property_readonly("period",
                             [](const Deadline& d) -> std::optional<std::string> {
                               if (!d.period) return std::nullopt;
                               return d.period->code();
                             })
      .def_readonly("strictly_before", &Deadline::strictly_before)
      .def_property_readonly("recurring", [](const Deadline& d) { return d.recurrence != Recurrence::none; })
      .def_property_readonly("recurrence", [](const Deadline& d) { return none_if_none(d.recurrence, Recurrence::none); })
      .def_readonly("recurring_day", &Deadline::recurring_day)
      .def_property_readonly("condition", [](const Deadline& d) { return none_if_none(d.condition, Condition::none); })
      .def_readonly("authority", &Deadline::authority)
      .def_readonly("reference", &Deadline::reference)
      .def_readonly("tentative", &Deadline::tentative)
      .def_readonly("aspirational", &Deadline::aspirational)
      .def_readonly("thresholds", &Deadline::thresholds)
      .def_readonly("phases", &Deadline::phases)
      .def_readonly("notes", &Deadline::notes)
      .def_property_readonly("kind", [](const Deadline& d) { return std::string(to_string(d.kind)); })
      .def_readonly("matched", &Deadline::matched)
      .def_readonly("diagnostics", &Deadline::diagnostics)
      .def_property_readonly("known", &Deadline::known)
      .def("describe", [](const Deadline& d) { return da06::describe(d); })
      .def("__repr__", [](const Deadline& d) { return "<Deadline " + da06::describe(d) + ">"; });

  m.def(
      "parse_deadline",
      [](const std::string& text, std::optional<int> year) {
        DeadlineContext ctx;
        ctx.reference_year = year;
        return parse_deadline(text, ctx);
      },
      py::arg("text"), py::arg("reference_year") = py::none());
}

}  // namespace da06py

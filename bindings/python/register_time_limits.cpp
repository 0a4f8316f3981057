// Time limits of the Civil Code 2015 (Điều 144–148) and dossier due dates (Nghị định 61/2018, 107/2021).
#include "common.hpp"

#include "da06/time_limits.hpp"


namespace da06py {
namespace {
da06::TimeUnit unit(const std::string& s) {
  if (s == "day" || s == "days") return da06::TimeUnit::day;
  if (s == "week" || s == "weeks") return da06::TimeUnit::week;
  if (s == "month" || s == "months") return da06::TimeUnit::month;
  if (s == "year" || s == "years") return da06::TimeUnit::year;
  throw da06::InvalidArgument("time unit must be day, week, month or year, got \"" + s + "\"");
}
}  // namespace

void register_time_limits(py::module_& m) {
  using Date = boost::gregorian::date;
  m.def("add_months", &da06::add_months, py::arg("event_day"), py::arg("n"));
  m.def("add_years", &da06::add_years, py::arg("event_day"), py::arg("n"));
  m.def(
      "time_limit",
      [](Date event_day, int count, const std::string& u, const da06::Calendar& cal) {
        da06::TimeLimit t = da06::time_limit(event_day, da06::Duration{count, unit(u)}, cal);
        return py::make_tuple(t.event_day, t.nominal_end, t.end);
      },
      py::arg("event_day"), py::arg("count"), py::arg("unit"), py::arg("calendar"));
  m.def(
      "named_point",
      [](const std::string& text, int year, int month) {
        auto p = da06::parse_named_point(text);
        if (!p) throw da06::ParseError("not a named point (đầu/giữa/cuối tháng, đầu/giữa/cuối năm): \"" + text + "\"");
        return da06::named_point(*p, year, month);
      },
      py::arg("text"), py::arg("year"), py::arg("month") = 1);
  m.def(
      "dossier_due",
      [](Date day, int hour, int minute, int working_days, const da06::Calendar& cal, int cutoff_hour,
         int cutoff_minute, bool apply_cutoff, int second, int microsecond) {
        // Every part of the time of day counts: 15:00:01 is after a 15:00 cut-off.
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || microsecond < 0 ||
            microsecond > 999999)
          throw da06::InvalidArgument("dossier_due: the time of receipt is not a time of day");
        boost::posix_time::ptime at(day, boost::posix_time::hours(hour) + boost::posix_time::minutes(minute) +
                                             boost::posix_time::seconds(second) +
                                             boost::posix_time::microseconds(microsecond));
        da06::DossierOptions opt;
        opt.cutoff_hour = cutoff_hour;
        opt.cutoff_minute = cutoff_minute;
        opt.apply_cutoff = apply_cutoff;
        da06::DossierDue d = da06::dossier_due(at, working_days, cal, opt);
        return py::make_tuple(d.received, d.due);
      },
      py::arg("day"), py::arg("hour"), py::arg("minute"), py::arg("working_days"), py::arg("calendar"),
      py::arg("cutoff_hour") = 15, py::arg("cutoff_minute") = 0, py::arg("apply_cutoff") = true,
      py::arg("second") = 0, py::arg("microsecond") = 0);
  m.def(
      "dossier_status",
      [](Date promised, Date returned, const da06::Calendar& cal) {
        da06::DossierOutcome o = da06::dossier_status(promised, returned, cal);
        return py::make_tuple(std::string(da06::to_string(o.status)), std::string(da06::to_vietnamese(o.status)),
                              o.working_days, o.calendar_days);
      },
      py::arg("promised"), py::arg("returned"), py::arg("calendar"));
}

}  // namespace da06py

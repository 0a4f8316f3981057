// JSON of a parsed deadline (deadline.hpp): the document of `da06 deadline parse --json` and of the
// C ABI's da06_deadline_parse_json.
#include "writer.hpp"

#include "da06/deadline.hpp"
#include "da06/json.hpp"

namespace da06::inline v1::detail::json {

ojson value(const Deadline& d) {
  ojson j;
  j["text"] = d.text;
  j["kind"] = std::string(to_string(d.kind));
  j["due"] = date(d.due);
  j["start"] = date(d.start);
  j["period"] = d.period ? ojson(d.period->code()) : ojson(nullptr);
  j["strictly_before"] = d.strictly_before;
  j["recurrence"] = std::string(to_string(d.recurrence));
  j["recurring_day"] = d.recurring_day ? ojson(*d.recurring_day) : ojson(nullptr);
  j["condition"] = std::string(to_string(d.condition));
  j["authority"] = text_or_null(d.authority);
  j["reference"] = text_or_null(d.reference);
  j["tentative"] = d.tentative;
  j["aspirational"] = d.aspirational;
  ojson ths = ojson::array();
  for (const Threshold& t : d.thresholds) {
    ojson levels = ojson::array();
    for (Level l : t.levels) levels.push_back(std::string(to_string(l)));
    ths.push_back({{"value", t.value},
                   {"unit", t.unit},
                   {"comparator", std::string(to_string(t.comparator))},
                   {"out_of", text_or_null(t.out_of)},
                   {"from", t.from ? ojson(t.from->code()) : ojson(nullptr)},
                   {"from_date", date(t.from_date)},
                   {"within", t.within ? ojson(t.within->code()) : ojson(nullptr)},
                   {"levels", levels},
                   {"subject", text_or_null(t.subject)},
                   {"offset", t.offset},
                   {"length", t.length}});
  }
  j["thresholds"] = ths;
  ojson phases = ojson::array();
  for (const Phase& ph : d.phases)
    phases.push_back({{"text", ph.text},
                      {"start", date(ph.start)},
                      {"due", date(ph.due)},
                      {"offset", ph.offset},
                      {"length", ph.length}});
  j["phases"] = phases;
  j["notes"] = d.notes;
  ojson matched = ojson::array();
  for (const Match& m : d.matched)
    matched.push_back({{"field", m.field}, {"offset", m.offset}, {"length", m.length}, {"phrase", m.phrase}});
  j["matched"] = matched;
  j["diagnostics"] = d.diagnostics;
  j["description"] = describe(d);
  return j;
}

}  // namespace da06::inline v1::detail::json

namespace da06::inline v1 {
std::string to_json(const Deadline& d, int indent) { return detail::json::value(d).dump(indent); }
}  // namespace da06::inline v1

// The framework file writer: load_framework_json(write_framework_json(fw)) == fw.
#include "da06/io.hpp"

#include <nlohmann/json.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace da06 {
inline namespace v1 {

namespace {
using ojson = nlohmann::ordered_json;

void put(ojson& j, const char* k, const std::string& v) {
  if (!v.empty()) j[k] = v;
}
void put(ojson& j, const char* k, const std::optional<Date>& d) {
  if (d) j[k] = boost::gregorian::to_iso_extended_string(*d);
}
ojson source_json(const SourceRef& s) {
  ojson j = ojson::object();
  put(j, "document", s.document);
  put(j, "section", s.section);
  put(j, "appendix", s.appendix);
  put(j, "row", s.row);
  if (s.line) j["line"] = s.line;
  put(j, "quote", s.quote);
  return j;
}
void put_source(ojson& j, const SourceRef& s) {
  if (!(s == SourceRef{})) j["source"] = source_json(s);
}
}  // namespace

std::string write_framework_json(const Framework& f) {
  const FrameworkData& d = f.data();
  ojson j;
  j["format"] = "da06-framework";
  j["format_version"] = 1;
  put(j, "id", d.id);
  put(j, "title", d.title);
  put(j, "province", d.province);
  auto doc = [](const DocumentRef& r) {
    ojson o = ojson::object();
    put(o, "id", r.id);
    put(o, "number", r.number);
    put(o, "date", r.date);
    put(o, "title", r.title);
    put(o, "issuer", r.issuer);
    put(o, "note", r.note);
    put_source(o, r.source);
    return o;
  };
  if (!(d.plan == DocumentRef{})) j["plan"] = doc(d.plan);
  if (!(d.report == DocumentRef{})) j["report"] = doc(d.report);
  if (!(d.period == PeriodRef{})) {
    ojson p = ojson::object();
    put(p, "code", d.period.code);
    put(p, "text", d.period.text);
    j["period"] = p;
  }
  auto arr = [&](const char* key, const auto& v, auto&& fn) {
    ojson a = ojson::array();
    for (const auto& r : v) a.push_back(fn(r));
    j[key] = std::move(a);
  };
  arr("sources", d.sources, [](const SourceDocument& s) {
    ojson o;
    o["id"] = s.id;
    put(o, "title", s.title);
    put(o, "file", s.file);
    put(o, "sha256", s.sha256);
    if (s.lines) o["lines"] = s.lines;
    return o;
  });
  arr("utility_groups", d.utility_groups, [](const UtilityGroup& g) {
    ojson o;
    o["id"] = g.id;
    o["number"] = g.number;
    o["name"] = g.name;
    put(o, "note", g.note);
    put_source(o, g.source);
    return o;
  });
  arr("task_groups", d.task_groups, [](const TaskGroup& g) {
    ojson o;
    o["id"] = g.id;
    put(o, "number", g.number);
    o["title"] = g.title;
    o["declared_count"] = g.declared_count;
    put(o, "published", g.published);
    put_source(o, g.source);
    return o;
  });
  arr("tasks", d.tasks, [](const Task& t) {
    ojson o;
    o["id"] = t.id;
    o["number"] = t.number;
    put(o, "group", t.group);
    o["title"] = t.title;
    put(o, "lead", t.lead);
    put(o, "coordinating", t.coordinating);
    put(o, "deadline_text", t.deadline_text);
    put(o, "progress_text", t.progress_text);
    if (!t.indicators.empty()) o["indicators"] = t.indicators;
    put(o, "utility_group", t.utility_group);
    put_source(o, t.source);
    return o;
  });
  arr("resolution_tasks", d.resolution_tasks, [](const ResolutionTask& t) {
    ojson o;
    o["id"] = t.id;
    put(o, "section", t.section);
    put(o, "number", t.number);
    put(o, "lead", t.lead);
    o["title"] = t.title;
    put(o, "coordinating", t.coordinating);
    put(o, "directive", t.directive);
    put(o, "deadline_text", t.deadline_text);
    put(o, "done_text", t.done_text);
    put(o, "not_done_text", t.not_done_text);
    put(o, "reason", t.reason);
    put_source(o, t.source);
    return o;
  });
  arr("services", d.services, [](const Service& s) {
    ojson o;
    o["id"] = s.id;
    put(o, "appendix", s.appendix);
    put(o, "number", s.number);
    o["name"] = s.name;
    put(o, "department", s.department);
    put(o, "parent", s.parent);
    put(o, "note", s.note);
    put_source(o, s.source);
    return o;
  });
  arr("units", d.units, [](const OrgUnit& u) {
    ojson o;
    o["id"] = u.id;
    o["name"] = u.name;
    o["level"] = std::string(to_string(u.level));
    put(o, "kind", u.kind);
    put(o, "valid_from", u.valid_from);
    put(o, "valid_to", u.valid_to);
    if (!u.parents.empty()) {
      ojson ps = ojson::array();
      for (const auto& p : u.parents) {
        ojson l;
        l["parent"] = p.parent;
        put(l, "from", p.from);
        put(l, "to", p.to);
        ps.push_back(l);
      }
      o["parents"] = ps;
    }
    return o;
  });
  arr("indicators", d.indicators, [](const Indicator& i) {
    ojson o;
    o["id"] = i.id;
    o["name"] = i.name;
    o["kind"] = std::string(to_string(i.kind));
    put(o, "unit", i.unit);
    o["direction"] = std::string(to_string(i.direction));
    o["factor"] = i.factor;
    o["decimals"] = i.decimals;
    o["rounding"] = i.rounding;
    o["aggregation"] = std::string(to_string(i.aggregation));
    o["temporal"] = std::string(to_string(i.temporal));
    o["denominator"] = std::string(to_string(i.denominator));
    put(o, "utility_group", i.utility_group);
    return o;
  });
  arr("observations", d.observations, [](const Observation& b) {
    ojson o;
    o["id"] = b.id;
    o["indicator"] = b.indicator;
    o["unit"] = b.unit;
    put(o, "period", b.period);
    put(o, "as_of", b.as_of);
    put(o, "service", b.service);
    if (b.numerator) o["numerator"] = *b.numerator;
    if (b.denominator) o["denominator"] = *b.denominator;
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, bool>) o["value"] = v;
          else if constexpr (std::is_same_v<V, DecimalText>) o["value"] = v.text;
        },
        b.value);
    if (b.of) o["of"] = *b.of;
    put(o, "published", b.published);
    put(o, "published_value", b.published_value);
    put(o, "qualifier", b.qualifier);
    put(o, "note", b.note);
    put(o, "denominator_ref", b.denominator_ref);
    if (b.change) {
      ojson c;
      put(c, "against", b.change->against);
      c["delta"] = b.change->delta;
      put(c, "of", b.change->of);
      put(c, "published", b.change->published);
      o["change"] = c;
    }
    put_source(o, b.source);
    return o;
  });
  arr("totals", d.totals, [](const Total& t) {
    ojson o;
    o["id"] = t.id;
    o["total"] = t.total;
    o["parts"] = t.parts;
    o["quantity"] = t.quantity;
    put(o, "total_quantity", t.total_quantity);
    if (!t.part_quantities.empty()) o["part_quantities"] = t.part_quantities;
    put(o, "note", t.note);
    put_source(o, t.source);
    return o;
  });
  arr("targets", d.targets, [](const Target& t) {
    ojson o;
    o["id"] = t.id;
    o["indicator"] = t.indicator;
    put(o, "task", t.task);
    o["comparator"] = std::string(to_string(t.comparator));
    o["threshold"] = t.threshold;
    if (t.of) o["of"] = *t.of;
    if (!(t.scope == TargetScope{})) {
      ojson s = ojson::object();
      put(s, "unit", t.scope.unit);
      if (!t.scope.levels.empty()) {
        ojson ls = ojson::array();
        for (Level l : t.scope.levels) ls.push_back(std::string(to_string(l)));
        s["levels"] = ls;
      }
      o["scope"] = s;
    }
    put(o, "effective", t.effective);
    put(o, "deadline", t.deadline);
    if (!t.milestones.empty()) {
      ojson ms = ojson::array();
      for (const auto& m : t.milestones) {
        ojson x;
        put(x, "from", m.from);
        x["threshold"] = m.threshold;
        ms.push_back(x);
      }
      o["milestones"] = ms;
    }
    put(o, "published", t.published);
    put(o, "note", t.note);
    put_source(o, t.source);
    return o;
  });
  arr("claims", d.claims, [](const Claim& c) {
    ojson o;
    o["id"] = c.id;
    put(o, "subject", c.subject);
    put(o, "status", c.status);
    o["count"] = c.count;
    put(o, "published", c.published);
    put_source(o, c.source);
    return o;
  });
  arr("gaps", d.gaps, [](const Gap& g) {
    ojson o;
    o["id"] = g.id;
    put(o, "appendix", g.appendix);
    put(o, "rows", g.rows);
    put(o, "note", g.note);
    put_source(o, g.source);
    return o;
  });
  auto side_json = [](const RuleSide& side) {
    ojson o = ojson::object();
    ojson ts = ojson::array();
    for (const auto& t : side.terms) {
      ojson x;
      x["indicator"] = t.indicator;
      x["quantity"] = t.quantity;
      put(x, "service", t.service);
      if (t.coefficient != 1) x["coefficient"] = t.coefficient;
      ts.push_back(x);
    }
    if (!side.terms.empty()) o["terms"] = ts;
    put(o, "constant", side.constant);
    return o;
  };
  if (!d.validation_rules.empty())
    arr("validation_rules", d.validation_rules, [&](const ValidationRule& r) {
      ojson o;
      o["id"] = r.id;
      put(o, "name", r.name);
      put(o, "description", r.description);
      o["left"] = side_json(r.left);
      o["operator"] = std::string(to_string(r.op));
      o["right"] = side_json(r.right);
      o["importance"] = std::string(to_string(r.importance));
      o["missing_value_policy"] = std::string(to_string(r.missing_value));
      if (!r.levels.empty()) {
        ojson ls = ojson::array();
        for (Level l : r.levels) ls.push_back(std::string(to_string(l)));
        o["levels"] = ls;
      }
      put_source(o, r.source);
      return o;
    });
  return j.dump(1, ' ', false) + "\n";
}

}  // namespace v1
}  // namespace da06

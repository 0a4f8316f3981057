// The framework file reader: every record checked on its own, then cross-checked (see
// docs/data-format.md). Diagnostics are located at the end, in one more pass over the text.
#include "framework_reader.hpp"

#include <algorithm>

extern const unsigned char da06_embedded_default_dataset[];
extern const std::size_t da06_embedded_default_dataset_size;

namespace da06::inline v1::detail::framework_format {

namespace {

const std::initializer_list<std::pair<const char*, Level>> kLevels = {
    {"nation", Level::nation}, {"province", Level::province}, {"district", Level::district},
    {"commune", Level::commune}, {"village", Level::village}};

OrgUnit read_unit(Obj& o) {
  OrgUnit u;
  u.id = o.id();
  u.name = o.str("name", true);
  u.level = o.choice("level", Level::province, kLevels);
  if (!o.get("level")) o.missing("level");
  u.kind = o.str("kind");
  u.valid_from = o.date("valid_from");
  u.valid_to = o.date("valid_to");
  if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from) o.fail("valid_to", "valid_to is before valid_from");
  if (const json* ps = o.array("parents")) {
    for (std::size_t i = 0; i < ps->size(); ++i) {
      std::string path = ::da06::v1::detail::child_path(o.field_path("parents"), i);
      if (!(*ps)[i].is_object()) {
        o.ctx().error(path, "parents", "a parent link must be an object");
        o.ok = false;
        continue;
      }
      Obj p(o.ctx(), (*ps)[i], path, "");
      ParentLink link;
      link.parent = p.id("parent");
      link.from = p.date("from");
      link.to = p.date("to");
      if (link.from && link.to && *link.to < *link.from) p.fail("to", "\"to\" is before \"from\"");
      p.finish();
      if (!p.ok) o.ok = false;
      u.parents.push_back(std::move(link));
    }
    for (std::size_t a = 0; a < u.parents.size(); ++a)
      for (std::size_t b = a + 1; b < u.parents.size(); ++b) {
        const auto &x = u.parents[a], &y = u.parents[b];
        bool disjoint = (x.to && y.from && *x.to < *y.from) || (y.to && x.from && *y.to < *x.from);
        if (!disjoint) o.fail("parents", "parent links " + std::to_string(a) + " and " + std::to_string(b) + " overlap in time");
      }
  }
  return u;
}

Indicator read_indicator(Obj& o) {
  Indicator i;
  i.id = o.id();
  i.name = o.str("name", true);
  i.kind = o.choice("kind", IndicatorKind::ratio,
                    {{"ratio", IndicatorKind::ratio}, {"count", IndicatorKind::count}, {"money", IndicatorKind::money},
                     {"rank", IndicatorKind::rank}, {"boolean", IndicatorKind::boolean}, {"value", IndicatorKind::value}});
  if (!o.get("kind")) o.missing("kind");
  i.unit = o.str("unit");
  i.direction = o.choice("direction", Direction::higher,
                         {{"higher", Direction::higher}, {"lower", Direction::lower}, {"none", Direction::none}});
  if (auto f = o.integer("factor")) {
    if (*f <= 0) o.fail("factor", "factor must be positive");
    else i.factor = *f;
  } else {
    i.factor = i.kind == IndicatorKind::ratio ? 100 : 1;
  }
  if (auto d = o.small_int("decimals", false, 0, 12)) i.decimals = *d;
  std::string r = o.str("rounding");
  static const char* modes[] = {"half_up", "half_even", "half_down", "floor", "ceiling", "toward_zero", "away_from_zero"};
  if (!r.empty()) {
    if (std::find(std::begin(modes), std::end(modes), r) == std::end(modes))
      o.fail("rounding", "\"" + r + "\" is not a rounding mode (half_up, half_even, half_down, floor, ceiling, toward_zero, away_from_zero)");
    else i.rounding = r;
  }
  i.aggregation = o.choice("aggregation", i.kind == IndicatorKind::ratio ? Aggregation::ratio_of_sums : Aggregation::sum,
                           {{"ratio_of_sums", Aggregation::ratio_of_sums}, {"sum", Aggregation::sum},
                            {"min", Aggregation::min}, {"max", Aggregation::max}, {"none", Aggregation::none}});
  i.temporal = o.choice("temporal", Temporal::stock, {{"stock", Temporal::stock}, {"flow", Temporal::flow}});
  i.denominator = o.choice("denominator", DenominatorBehaviour::grows,
                           {{"grows", DenominatorBehaviour::grows}, {"fixed", DenominatorBehaviour::fixed}});
  i.utility_group = o.str("utility_group");
  return i;
}

Observation read_observation(Obj& o) {
  Observation b;
  b.id = o.id();
  b.indicator = o.id("indicator");
  b.unit = o.id("unit");
  b.period = o.period_code("period");
  b.as_of = o.date("as_of");
  if (o.ok && b.period.empty() && !b.as_of) o.fail("", "an observation needs \"period\" or \"as_of\"");
  b.service = o.str("service");
  b.numerator = o.integer("numerator");
  b.denominator = o.integer("denominator");
  if (const json* v = o.get("value")) {
    if (v->is_boolean()) b.value = v->get<bool>();
    else if (v->is_number_integer() || v->is_number_float()) {
      if (auto n = o.integer("value")) b.value = *n;
    } else if (v->is_string()) {
      std::string s = o.decimal("value");
      if (!s.empty()) b.value = DecimalText{s};
    } else {
      o.fail("value", "\"value\" must be an integer, an exact decimal string or a boolean, not " + std::string(type_name(*v)));
    }
  }
  b.of = o.integer("of");
  b.published = o.str("published");
  b.published_value = o.str("published_value");
  b.qualifier = o.str("qualifier");
  b.note = o.str("note");
  b.denominator_ref = o.str("denominator_ref");
  if (const json* cj = o.object("change")) {
    Obj c(o.ctx(), *cj, o.field_path("change"), "");
    Change ch;
    ch.against = c.period_code("against");
    if (auto d = c.integer("delta", true)) ch.delta = *d;
    ch.of = c.str("of");
    if (!ch.of.empty() && ch.of != "numerator" && ch.of != "denominator" && ch.of != "value")
      c.fail("of", "\"of\" must be numerator, denominator or value");
    ch.published = c.str("published");
    c.finish();
    if (!c.ok) o.ok = false;
    b.change = ch;
  }
  b.source = read_source(o);
  // Arithmetic that can be checked without the indicator:
  if (o.ok && b.numerator.has_value() != b.denominator.has_value())
    o.fail(b.numerator ? "denominator" : "numerator", "a ratio needs both \"numerator\" and \"denominator\"");
  if (b.denominator && *b.denominator == 0) o.fail("denominator", "denominator of 0");
  if (b.denominator && *b.denominator < 0) o.fail("denominator", "negative denominator " + std::to_string(*b.denominator));
  if (b.numerator && *b.numerator < 0) o.fail("numerator", "negative count " + std::to_string(*b.numerator));
  if (b.of && *b.of <= 0) o.fail("of", "\"of\" must be positive");
  return b;
}

Target read_target(Obj& o) {
  Target t;
  t.id = o.id();
  t.indicator = o.id("indicator");
  t.task = o.str("task");
  std::string cmp = o.str("comparator", true);
  if (o.get("comparator") && o.get("comparator")->is_string()) {
    if (auto c = parse_comparator(cmp)) t.comparator = *c;
    else o.fail("comparator", "\"" + cmp + "\" is not a comparator (>=, <=, =, >, <, top)");
  }
  t.threshold = o.decimal("threshold", true);
  t.of = o.integer("of");
  if (t.of && *t.of <= 0) o.fail("of", "\"of\" must be positive");
  if (const json* sj = o.object("scope")) {
    Obj s(o.ctx(), *sj, o.field_path("scope"), "");
    t.scope.unit = s.str("unit");
    for (const auto& l : s.strings("levels")) {
      if (auto lv = parse_level(l)) t.scope.levels.push_back(*lv);
      else s.fail("levels", "\"" + l + "\" is not a level (nation, province, district, commune, village)");
    }
    s.finish();
    if (!s.ok) o.ok = false;
  }
  t.effective = o.date("effective");
  t.deadline = o.date("deadline");
  if (const json* ms = o.array("milestones")) {
    for (std::size_t i = 0; i < ms->size(); ++i) {
      std::string path = ::da06::v1::detail::child_path(o.field_path("milestones"), i);
      if (!(*ms)[i].is_object()) {
        o.ctx().error(path, "milestones", "a milestone must be an object");
        o.ok = false;
        continue;
      }
      Obj m(o.ctx(), (*ms)[i], path, "");
      Milestone mi;
      mi.from = m.date("from");
      mi.threshold = m.decimal("threshold", true);
      m.finish();
      if (!m.ok) o.ok = false;
      t.milestones.push_back(mi);
    }
  }
  t.published = o.str("published");
  t.note = o.str("note");
  t.source = read_source(o);
  return t;
}

RuleSide read_rule_side(Obj& parent, const char* key) {
  RuleSide side;
  const json* j = parent.object(key);
  if (!j) {
    parent.missing(key);
    return side;
  }
  Obj o(parent.ctx(), *j, parent.field_path(key), "");
  if (const json* ts = o.array("terms")) {
    for (std::size_t i = 0; i < ts->size(); ++i) {
      std::string path = ::da06::v1::detail::child_path(o.field_path("terms"), i);
      if (!(*ts)[i].is_object()) {
        o.ctx().error(path, "terms", "a term must be an object");
        o.ok = false;
        continue;
      }
      Obj t(o.ctx(), (*ts)[i], path, "");
      RuleTerm term;
      term.indicator = t.id("indicator");
      term.quantity = t.str("quantity");
      if (term.quantity.empty()) term.quantity = "value";
      if (term.quantity != "value" && term.quantity != "numerator" && term.quantity != "denominator")
        t.fail("quantity", "\"quantity\" must be value, numerator or denominator");
      term.service = t.str("service");
      if (auto c = t.integer("coefficient")) term.coefficient = *c;
      t.finish();
      if (!t.ok) o.ok = false;
      side.terms.push_back(std::move(term));
    }
  }
  side.constant = o.decimal("constant");
  if (side.terms.empty() && side.constant.empty() && o.ok) o.fail("", "a rule side needs terms or a constant");
  o.finish();
  if (!o.ok) parent.ok = false;
  return side;
}

ValidationRule read_rule(Obj& o) {
  ValidationRule r;
  r.id = o.id();
  r.name = o.str("name");
  r.description = o.str("description");
  r.left = read_rule_side(o, "left");
  std::string op = o.str("operator", true);
  if (o.get("operator") && o.get("operator")->is_string()) {
    auto c = parse_comparator(op);
    if (!c || *c == Comparator::top) o.fail("operator", "\"" + op + "\" is not a rule operator (>=, <=, =, >, <)");
    else r.op = *c;
  }
  r.right = read_rule_side(o, "right");
  r.importance = o.choice("importance", Importance::medium,
                          {{"high", Importance::high}, {"medium", Importance::medium}, {"low", Importance::low}});
  r.missing_value = o.choice("missing_value_policy", MissingValuePolicy::skip_if_any_missing,
                             {{"skip_if_any_missing", MissingValuePolicy::skip_if_any_missing},
                              {"skip_if_all_missing", MissingValuePolicy::skip_if_all_missing},
                              {"never_skip", MissingValuePolicy::never_skip}});
  for (const auto& l : o.strings("levels")) {
    if (auto lv = parse_level(l)) r.levels.push_back(*lv);
    else o.fail("levels", "\"" + l + "\" is not a level (nation, province, district, commune, village)");
  }
  r.source = read_source(o);
  return r;
}

}  // namespace

FrameworkData read_framework(Ctx& c, const json& root) {
  FrameworkData fw;
  if (!root.is_object()) {
    c.error("$", "", std::string("the top level must be an object, not ") + type_name(root));
    return fw;
  }
  Obj top(c, root, "$", "");
  std::string format = top.str("format");
  if (format.empty() && !top.get("format")) c.error("$", "format", "missing \"format\": \"da06-framework\"");
  else if (format != "da06-framework") c.error("$.format", "format", "\"format\" must be \"da06-framework\", not \"" + format + "\"");
  if (auto v = top.integer("format_version")) {
    if (*v != 1) c.error("$.format_version", "format_version", "unsupported format_version " + std::to_string(*v) + " (this library reads 1)");
  } else if (!top.get("format_version")) {
    c.error("$", "format_version", "missing \"format_version\": 1");
  }
  fw.id = top.str("id");
  fw.title = top.str("title");
  fw.province = top.str("province");
  auto docref = [&](const char* key) {
    DocumentRef d;
    if (const json* j = top.object(key)) {
      Obj o(c, *j, top.field_path(key), "");
      d.id = o.str("id");
      d.number = o.str("number");
      d.title = o.str("title");
      d.issuer = o.str("issuer");
      d.date = o.date("date");
      d.note = o.str("note");
      d.source = read_source(o);
      o.finish();
    }
    return d;
  };
  fw.plan = docref("plan");
  fw.report = docref("report");
  if (const json* j = top.object("period")) {
    Obj o(c, *j, top.field_path("period"), "");
    fw.period.code = o.period_code("code");
    fw.period.text = o.str("text");
    o.finish();
  }

  fw.sources = read_array<SourceDocument>(c, top, "sources", "source", [](Obj& o) {
    SourceDocument s;
    s.id = o.id();
    s.title = o.str("title");
    s.file = o.str("file");
    s.sha256 = o.str("sha256");
    if (auto l = o.small_int("lines", false, 0, 100000000)) s.lines = *l;
    return s;
  });
  fw.utility_groups = read_array<UtilityGroup>(c, top, "utility_groups", "utility group", [](Obj& o) {
    UtilityGroup g;
    g.id = o.id();
    if (auto n = o.small_int("number", false, 0, 1000000)) g.number = *n;
    g.name = o.str("name", true);
    g.note = o.str("note");
    g.source = read_source(o);
    return g;
  });
  fw.task_groups = read_array<TaskGroup>(c, top, "task_groups", "task group", [](Obj& o) {
    TaskGroup g;
    g.id = o.id();
    g.number = o.str("number");
    g.title = o.str("title", true);
    if (auto n = o.small_int("declared_count", false, 0, 100000000)) g.declared_count = *n;
    g.published = o.str("published");
    g.source = read_source(o);
    return g;
  });
  fw.tasks = read_array<Task>(c, top, "tasks", "task", [](Obj& o) {
    Task t;
    t.id = o.id();
    if (auto n = o.small_int("number", true, 0, 100000000)) t.number = *n;
    t.group = o.str("group");
    t.title = o.str("title", true);
    t.lead = o.str("lead");
    t.coordinating = o.str("coordinating");
    t.deadline_text = o.str("deadline_text");
    t.progress_text = o.str("progress_text");
    t.indicators = o.strings("indicators");
    t.utility_group = o.str("utility_group");
    t.source = read_source(o);
    return t;
  });
  fw.resolution_tasks = read_array<ResolutionTask>(c, top, "resolution_tasks", "resolution task", [](Obj& o) {
    ResolutionTask t;
    t.id = o.id();
    t.section = o.str("section");
    t.number = o.str("number");
    t.lead = o.str("lead");
    t.title = o.str("title", true);
    t.coordinating = o.str("coordinating");
    t.directive = o.str("directive");
    t.deadline_text = o.str("deadline_text");
    t.done_text = o.str("done_text");
    t.not_done_text = o.str("not_done_text");
    t.reason = o.str("reason");
    t.source = read_source(o);
    return t;
  });
  fw.services = read_array<Service>(c, top, "services", "service", [](Obj& o) {
    Service s;
    s.id = o.id();
    s.appendix = o.str("appendix");
    s.number = o.str("number");
    s.name = o.str("name", true);
    s.department = o.str("department");
    s.parent = o.str("parent");
    s.note = o.str("note");
    s.source = read_source(o);
    return s;
  });
  fw.units = read_array<OrgUnit>(c, top, "units", "unit", read_unit);
  fw.indicators = read_array<Indicator>(c, top, "indicators", "indicator", read_indicator);
  fw.observations = read_array<Observation>(c, top, "observations", "observation", read_observation);
  fw.totals = read_array<Total>(c, top, "totals", "total", [](Obj& o) {
    Total t;
    t.id = o.id();
    t.total = o.id("total");
    t.parts = o.strings("parts");
    if (t.parts.empty() && o.ok) o.fail("parts", "a total needs at least one part");
    auto quantity_ok = [](const std::string& q) { return q == "value" || q == "numerator" || q == "denominator"; };
    t.quantity = o.str("quantity");
    if (t.quantity.empty()) t.quantity = "value";
    if (!quantity_ok(t.quantity)) o.fail("quantity", "\"quantity\" must be value, numerator or denominator");
    t.total_quantity = o.str("total_quantity");
    if (!t.total_quantity.empty() && !quantity_ok(t.total_quantity))
      o.fail("total_quantity", "\"total_quantity\" must be value, numerator or denominator");
    t.part_quantities = o.strings("part_quantities");
    if (!t.part_quantities.empty() && t.part_quantities.size() != t.parts.size())
      o.fail("part_quantities", "\"part_quantities\" must have one entry per part");
    for (const auto& q : t.part_quantities)
      if (!quantity_ok(q)) o.fail("part_quantities", "\"" + q + "\" must be value, numerator or denominator");
    t.note = o.str("note");
    t.source = read_source(o);
    return t;
  });
  fw.targets = read_array<Target>(c, top, "targets", "target", read_target);
  fw.claims = read_array<Claim>(c, top, "claims", "claim", [](Obj& o) {
    Claim cl;
    cl.id = o.id();
    cl.subject = o.str("subject");
    cl.status = o.str("status");
    if (auto n = o.integer("count", true)) {
      if (*n < 0) o.fail("count", "negative count " + std::to_string(*n));
      else cl.count = *n;
    }
    cl.published = o.str("published");
    cl.source = read_source(o);
    return cl;
  });
  fw.gaps = read_array<Gap>(c, top, "gaps", "gap", [](Obj& o) {
    Gap g;
    g.id = o.id();
    g.appendix = o.str("appendix");
    g.rows = o.str("rows");
    g.note = o.str("note");
    g.source = read_source(o);
    return g;
  });
  fw.validation_rules = read_array<ValidationRule>(c, top, "validation_rules", "validation rule", read_rule);
  top.finish();
  return fw;
}

}  // namespace da06::detail::framework_format

namespace da06 {
inline namespace v1 {

using detail::framework_format::Ctx;
using detail::framework_format::cross_check;
using detail::framework_format::read_framework;

std::size_t LoadResult::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}
std::size_t LoadResult::warning_count() const { return diagnostics.size() - error_count(); }

namespace {
/// Gives every diagnostic that has a JSON path but no line its line and column: one pass over the
/// text for all of them, then one pass over their lines.
void locate_diagnostics(std::string_view body, const ::da06::v1::detail::LineIndex& lines,
                        std::vector<Diagnostic>& diags) {
  std::vector<std::size_t> which;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < diags.size(); ++i)
    if (diags[i].where.line == 0 && !diags[i].where.path.empty()) {
      which.push_back(i);
      paths.push_back(diags[i].where.path);
    }
  if (which.empty()) return;
  std::vector<std::size_t> offsets = ::da06::v1::detail::locate_json_paths(body, paths);
  auto lc = lines.locate_all(offsets);
  for (std::size_t k = 0; k < which.size(); ++k) {
    diags[which[k]].where.line = lc[k].first;
    diags[which[k]].where.column = lc[k].second;
  }
}
}  // namespace

LoadResult load_framework_json(std::string_view text, std::string_view file_name, const InputLimits& limits) {
  LoadResult result;
  std::string file(file_name);
  if (text.size() > limits.max_bytes) {
    result.diagnostics.push_back({Severity::error, Location{file, 0, 0, "", ""},
                                  "the input is larger than the limit of " + std::to_string(limits.max_bytes) +
                                      " bytes (InputLimits::max_bytes)"});
    return result;
  }
  // A UTF-8 byte-order mark is allowed and skipped; columns on line 1 start after it.
  const std::size_t skipped = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::string_view body = text.substr(skipped);
  ::da06::v1::detail::LineIndex lines(body);
  ::da06::v1::detail::JsonDoc doc;
  try {
    doc = ::da06::v1::detail::parse_json_with_positions(body, file, lines, limits);
  } catch (const ParseError& e) {
    result.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return result;
  }
  Ctx c{file, doc, result.diagnostics};
  for (const auto& p : doc.problems) {
    Location l;
    l.file = file;
    l.path = p.path;
    lines.locate(p.offset, l.line, l.column);
    result.diagnostics.push_back({Severity::error, l, p.message});
  }
  FrameworkData data = read_framework(c, doc.root);
  if (doc.root.is_object()) cross_check(c, doc.root, data);
  locate_diagnostics(body, lines, result.diagnostics);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  result.framework = Framework(std::move(data));
  return result;
}

LoadResult load_framework_file(const std::string& path, const InputLimits& limits) {
  std::string text;
  try {
    text = ::da06::v1::detail::read_file(path, limits);
  } catch (const DataError& e) {
    LoadResult r;
    r.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return r;
  }
  return load_framework_json(text, path, limits);
}

Framework read_framework_file(const std::string& path) {
  LoadResult r = load_framework_file(path);
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  return r.framework;
}

std::string_view default_dataset_json() {
  return {reinterpret_cast<const char*>(da06_embedded_default_dataset), da06_embedded_default_dataset_size};
}

Framework default_framework() {
  static const Framework fw = [] {
    LoadResult r = load_framework_json(default_dataset_json(), "<embedded:thanhhoa_2024h1.json>");
    if (!r.ok()) throw LoadError(std::move(r.diagnostics));  // a build defect; the tests catch it
    return r.framework;
  }();
  return fw;
}

}  // namespace v1
}  // namespace da06

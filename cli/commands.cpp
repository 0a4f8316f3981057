// The CLI commands. Every number printed comes from the library with its declared rounding.
#include "commands.hpp"

#include "../src/format/text.hpp"

#include <da06/numbers.hpp>
#include <da06/report.hpp>
#include <da06/report_charts.hpp>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <iostream>
#include <set>
#include <sstream>

namespace da06::cli {

using ojson = nlohmann::ordered_json;

Args::Args(int argc, char** argv) {
  static const std::set<std::string> takes_value = {"--data",  "--as-of",     "--profile", "--template", "--out",      "--format",
                                                      "--units", "--to-level", "--schedule", "--cutoff-hour", "--due-soon", "--year",
                                                      "--rules", "--period", "--chart", "--mapping", "--pin", "--threshold"};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (auto [why, at] = detail::check_text(a); !why.empty())
      throw UsageError("argument " + std::to_string(i) + " (byte " + std::to_string(at + 1) + "): " + why);
    if (a == "--max-input-bytes" || a.rfind("--max-input-bytes=", 0) == 0) {
      std::string v = a.size() > 17 ? a.substr(18) : (i + 1 < argc ? argv[++i] : "");
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n == 0)
        throw UsageError("--max-input-bytes: \"" + v + "\" is not a positive number of bytes");
      limits.max_bytes = n;
      continue;
    }
    if (a.rfind("--", 0) == 0 && a.size() > 2) {
      auto eq = a.find('=');
      if (eq != std::string::npos) {
        options[a.substr(0, eq)] = a.substr(eq + 1);
      } else if (takes_value.count(a)) {
        if (i + 1 >= argc) throw UsageError(a + " needs a value");
        options[a] = argv[++i];
      } else {
        options[a] = "";
      }
    } else {
      positional.push_back(a);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

void Args::allow(std::initializer_list<const char*> names) const {
  for (const auto& [k, v] : options) {
    bool ok = false;
    for (const char* n : names) ok = ok || k == n;
    if (!ok) throw UsageError("unknown option " + k);
  }
}

std::vector<Command>& command_table() {
  static std::vector<Command> table;  // filled by static Registrars before main()
  return table;
}

std::optional<Date> date_option(const Args& args, const std::string& name) {
  auto s = args.value(name);
  if (!s) return std::nullopt;
  bool shape = s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-';
  if (shape) {
    try {
      return boost::gregorian::from_simple_string(*s);
    } catch (const std::exception&) {
    }
  }
  throw UsageError(name + ": \"" + *s + "\" is not a date (YYYY-MM-DD)");
}

void print_json_text(const std::string& dumped) { std::cout << dumped << "\n"; }

Framework load_data(const Args& args) {
  if (auto path = args.value("--data")) {
    LoadResult r = load_framework_file(*path, args.limits);
    for (const auto& d : r.diagnostics)
      if (d.severity == Severity::warning) std::cerr << d.to_string() << "\n";
    if (!r.ok()) throw LoadError(std::move(r.diagnostics));
    return r.framework;
  }
  return default_framework();
}

namespace {

std::string iso(const std::optional<Date>& d) { return d ? boost::gregorian::to_iso_extended_string(*d) : ""; }

/// Clip to `n` code points (UTF-8 aware), adding "…".
std::string clip(const std::string& s, std::size_t n) {
  std::size_t cps = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == n) return s.substr(0, i) + "…";
      ++cps;
    }
  }
  return s;
}

ojson source_json(const SourceRef& s) {
  ojson j = ojson::object();
  j["document"] = s.document;
  if (!s.section.empty()) j["section"] = s.section;
  if (!s.appendix.empty()) j["appendix"] = s.appendix;
  if (!s.row.empty()) j["row"] = s.row;
  if (s.line) j["line"] = s.line;
  if (!s.quote.empty()) j["quote"] = s.quote;
  return j;
}

std::string source_text(const SourceRef& s) {
  std::string out = s.document.empty() ? "?" : s.document;
  if (!s.appendix.empty()) out += " Phụ lục " + s.appendix;
  else if (!s.section.empty()) out += " §" + s.section;
  if (!s.row.empty()) out += " row " + s.row;
  if (s.line) out += " line " + std::to_string(s.line);
  return out;
}

/// The observation's exact value, formatted with the indicator's decimals and rounding.
std::string computed_text(const Observation& o, const Indicator* ind) {
  Rounding mode = ind ? parse_rounding(ind->rounding) : Rounding::half_up;
  int decimals = ind ? ind->decimals : 0;
  std::int64_t factor = ind ? ind->factor : 1;
  if (o.is_ratio()) {
    Ratio r(*o.numerator, *o.denominator);
    if (factor == 100) return format_percent(r, decimals, mode);
    return format_vn_decimal(r.scaled(factor).round_to(decimals, mode), decimals, mode);
  }
  if (auto v = std::get_if<std::int64_t>(&o.value)) {
    std::string s = format_vn_integer(*v);
    if (o.of) s += "/" + format_vn_integer(*o.of);
    return s;
  }
  if (auto v = std::get_if<DecimalText>(&o.value)) {
    std::string s = format_vn_decimal(Decimal::parse(v->text));
    if (ind && ind->factor == 100) s += "%";
    return s;
  }
  if (auto v = std::get_if<bool>(&o.value)) return *v ? "có" : "không";
  return "";
}

ojson observation_json(const Observation& o, const Indicator* ind) {
  ojson j;
  j["id"] = o.id;
  j["indicator"] = o.indicator;
  j["unit"] = o.unit;
  j["period"] = o.period.empty() ? ojson(nullptr) : ojson(o.period);
  j["as_of"] = o.as_of ? ojson(iso(o.as_of)) : ojson(nullptr);
  j["service"] = o.service.empty() ? ojson(nullptr) : ojson(o.service);
  j["numerator"] = o.numerator ? ojson(*o.numerator) : ojson(nullptr);
  j["denominator"] = o.denominator ? ojson(*o.denominator) : ojson(nullptr);
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) j["value"] = nullptr;
        else if constexpr (std::is_same_v<V, DecimalText>) j["value"] = v.text;
        else j["value"] = v;
      },
      o.value);
  j["of"] = o.of ? ojson(*o.of) : ojson(nullptr);
  j["computed"] = computed_text(o, ind);
  j["published"] = o.published;
  j["published_value"] = o.published_value.empty() ? ojson(nullptr) : ojson(o.published_value);
  if (o.change) {
    j["change"] = {{"against", o.change->against}, {"delta", o.change->delta}, {"of", o.change->of},
                   {"published", o.change->published}};
  } else {
    j["change"] = nullptr;
  }
  j["source"] = source_json(o.source);
  return j;
}

void print_json(const ojson& j) { std::cout << j.dump(2) << "\n"; }

}  // namespace

int cmd_validate(const Args& args) {
  args.allow({"--json"});
  if (args.positional.size() != 2) throw UsageError("usage: da06 validate PATH");
  LoadResult r = load_framework_file(args.positional[1], args.limits);
  if (args.flag("--json")) {
    ojson j;
    j["file"] = args.positional[1];
    j["valid"] = r.ok();
    j["errors"] = r.error_count();
    j["warnings"] = r.warning_count();
    ojson ds = ojson::array();
    for (const auto& d : r.diagnostics)
      ds.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"},
                    {"file", d.where.file},
                    {"line", d.where.line},
                    {"column", d.where.column},
                    {"path", d.where.path},
                    {"field", d.where.field},
                    {"message", d.message}});
    j["diagnostics"] = ds;
    print_json(j);
  } else {
    for (const auto& d : r.diagnostics) std::cout << d.to_string() << "\n";
    if (r.ok()) {
      const auto& f = r.framework.data();
      std::cerr << args.positional[1] << ": valid (" << f.tasks.size() << " tasks, " << f.indicators.size()
                << " indicators, " << f.observations.size() << " observations, " << r.warning_count()
                << " warnings)\n";
    }
  }
  return r.ok() ? 0 : 1;
}

namespace {

int show_tasks(const Args& args) {
  Framework fw = load_data(args);
  const auto& d = fw.data();
  if (args.flag("--json")) {
    ojson j;
    j["framework"] = d.id;
    ojson groups = ojson::array();
    for (const auto& g : d.task_groups) {
      int actual = fw.task_count_in_group(g.id);
      groups.push_back({{"id", g.id}, {"number", g.number}, {"title", g.title}, {"declared_count", g.declared_count},
                        {"actual_count", actual}, {"matches", actual == g.declared_count}});
    }
    ojson tasks = ojson::array();
    for (const auto& t : d.tasks) {
      ojson o;
      o["id"] = t.id;
      o["number"] = t.number;
      o["group"] = t.group;
      o["title"] = t.title;
      o["lead"] = t.lead;
      o["lead_units"] = t.lead_units();
      o["coordinating"] = t.coordinating;
      o["coordinating_units"] = t.coordinating_units();
      o["deadline_text"] = t.deadline_text;
      o["progress_text"] = t.progress_text;
      o["indicators"] = t.indicators;
      o["source"] = source_json(t.source);
      tasks.push_back(std::move(o));
    }
    j["task_count"] = d.tasks.size();
    j["groups"] = std::move(groups);
    j["tasks"] = std::move(tasks);
    print_json(j);
    return 0;
  }
  std::cout << d.title << "\n" << d.tasks.size() << " tasks in " << d.task_groups.size() << " groups\n";
  for (const auto& g : d.task_groups) {
    int actual = fw.task_count_in_group(g.id);
    std::cout << "\n" << g.number << ". " << g.title << "  [declared " << g.declared_count << ", actual " << actual
              << (actual == g.declared_count ? "" : "  ≠ DIFFERENT") << "]\n";
    for (const auto& t : d.tasks) {
      if (t.group != g.id) continue;
      std::cout << "  " << t.number << ". " << clip(t.title, 90) << "\n"
                << "      chủ trì: " << clip(t.lead, 70) << "\n"
                << "      thời hạn: " << clip(t.deadline_text, 70) << "\n";
    }
  }
  return 0;
}

int show_indicators(const Args& args) {
  Framework fw = load_data(args);
  const auto& d = fw.data();
  if (args.flag("--json")) {
    ojson j;
    j["framework"] = d.id;
    ojson inds = ojson::array();
    for (const auto& i : d.indicators)
      inds.push_back({{"id", i.id}, {"name", i.name}, {"kind", to_string(i.kind)}, {"unit", i.unit},
                      {"direction", to_string(i.direction)}, {"factor", i.factor}, {"decimals", i.decimals},
                      {"rounding", i.rounding}, {"aggregation", to_string(i.aggregation)},
                      {"temporal", to_string(i.temporal)}, {"denominator", to_string(i.denominator)}});
    ojson obs = ojson::array();
    for (const auto& o : d.observations) obs.push_back(observation_json(o, fw.find_indicator(o.indicator)));
    j["indicators"] = std::move(inds);
    j["observations"] = std::move(obs);
    print_json(j);
    return 0;
  }
  std::cout << d.observations.size() << " observations of " << d.indicators.size() << " indicators\n";
  std::string current;
  for (const auto& o : d.observations) {
    const Indicator* ind = fw.find_indicator(o.indicator);
    if (o.indicator != current) {
      current = o.indicator;
      std::cout << "\n" << (ind ? ind->name : o.indicator) << "  (" << o.indicator << ")\n";
    }
    std::cout << "  " << o.id;
    if (o.is_ratio()) std::cout << "  " << format_vn_integer(*o.numerator) << "/" << format_vn_integer(*o.denominator);
    std::cout << "  = " << computed_text(o, ind) << "   printed: \"" << clip(o.published, 60) << "\"   ["
              << source_text(o.source) << "]\n";
  }
  return 0;
}

}  // namespace

int cmd_show(const Args& args) {
  args.allow({"--data", "--json"});
  if (args.positional.size() != 2) throw UsageError("usage: da06 show tasks|indicators [--data PATH] [--json]");
  if (args.positional[1] == "tasks") return show_tasks(args);
  if (args.positional[1] == "indicators") return show_indicators(args);
  throw UsageError("unknown 'show' topic '" + args.positional[1] + "' (tasks, indicators)");
}

int cmd_report(const Args& args) {
  args.allow({"--data", "--as-of", "--json", "--chart"});
  std::optional<SummaryChart> chart;
  if (auto c = args.value("--chart")) {
    chart = parse_summary_chart(*c);
    if (!chart) throw UsageError("unknown chart '" + *c + "' (headline, status_by_group, target_gaps, index)");
  }
  Framework fw = load_data(args);
  std::optional<Date> as_of = date_option(args, "--as-of");
  if (chart) {
    const Report r = build_report(fw, as_of, Calendar::vietnam_public());
    const std::string svg = summary_chart_svg(r.summary, *chart);
    if (svg.empty()) {
      std::cerr << "da06 report --chart " << to_string(*chart) << ": " << summary_chart_note(r.summary, *chart) << "\n";
      return 1;
    }
    std::cout << svg << "\n";
  } else if (args.flag("--json")) std::cout << report_json(fw, as_of) << "\n";
  else std::cout << report_text(fw, as_of);
  return 0;
}

}  // namespace da06::cli

namespace da06::cli {
namespace {
int cmd_schema(const Args& args) {
  args.allow({});
  if (args.positional.size() != 1) throw UsageError("usage: da06 schema");
  std::cout << framework_schema_json();
  return 0;
}
const Registrar reg_schema{{"schema", cmd_schema, "da06 schema",
                            "the JSON Schema of framework files (data/schema/framework.schema.json)"}};
}  // namespace
}  // namespace da06::cli

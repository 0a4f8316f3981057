// The field tables of the framework file format (see framework_fields.hpp). Each table lists a
// record's fields in the order the writer emits them; its `finish` checks what involves several
// fields. Messages are those of docs/data-format.md.
#include "framework_fields.hpp"

#include "da06/numbers.hpp"
#include "da06/period.hpp"

#include <algorithm>
#include <numeric>

namespace da06::inline v1::detail::framework_format {

namespace {

using namespace records;
using E = Emit;

// --- field kinds of this format ----------------------------------------------------------------

/// A reporting period code ("2024-S1", "2024-Q2", "2024-M05", "2024", "2024-9M"); anything else is an
/// error (an unknown code would silently match no target).
template <class R>
Field<R> period_code(std::string key, std::string R::*m) {
  Field<R> f = text<R>(key, m);
  f.scalar = [key, m](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto t = text_of(key, v, fr);
    if (!t || t->empty()) return;
    try {
      (void)Period::parse_code(*t);
    } catch (const ParseError& e) {
      fr.fail(key, e.message() + " (codes: YYYY, YYYY-S1/S2, YYYY-9M, YYYY-Q1..Q4, YYYY-M01..M12)");
      return;
    }
    r.*m = std::move(*t);
  };
  f.schema = [] { return schema_ref("period_code"); };
  return f;
}

/// Administrative levels as an array of names.
template <class R>
class LevelsFrame final : public Frame {
 public:
  LevelsFrame(std::string path, std::vector<Level>& out, RecordFrame<R>& owner)
      : Frame(std::move(path)), out_(out), owner_(owner) {
    is_array_ = true;
  }
  void scalar(Scalar v) override {
    const std::string path = child();
    next();
    if (v.type != Scalar::Type::string) {
      owner_.fail_nested(path, "levels", "must be a string", true);
      return;
    }
    if (auto l = parse_level(v.text)) out_.push_back(*l);
    else owner_.fail("levels", quoted_excerpt(v.text) + " is not a level (nation, province, district, commune, village)");
  }
  std::unique_ptr<Frame> open(bool) override {
    owner_.fail_nested(child(), "levels", "must be a string", true);
    next();
    return std::make_unique<SkipFrame>();
  }

 private:
  std::vector<Level>& out_;
  RecordFrame<R>& owner_;
};

template <class R>
Field<R> levels(std::string key, std::vector<Level> R::*m) {
  Field<R> f;
  f.key = key;
  f.scalar = [key](R&, Scalar&, RecordFrame<R>& fr) { fr.fail(key, quoted_key(key) + " must be an array of strings"); };
  f.open = [key, m](R& r, bool is_object, RecordFrame<R>& fr) -> std::unique_ptr<Frame> {
    if (is_object) {
      fr.fail(key, quoted_key(key) + " must be an array of strings");
      return std::make_unique<SkipFrame>();
    }
    (r.*m).clear();
    return std::make_unique<LevelsFrame<R>>(child_path(fr.path(), key), r.*m, fr);
  };
  f.write = [key, m](const R& r, ojson& j) {
    if ((r.*m).empty()) return;
    ojson a = ojson::array();
    for (Level l : r.*m) a.push_back(std::string(to_string(l)));
    j[key] = std::move(a);
  };
  f.schema = [] { return ojson{{"type", ojson::array({"array", "null"})}, {"items", schema_ref("level")}}; };
  return f;
}

/// An object whose values are strings, kept by name ("attributes": {"Người đứng đầu chịu trách nhiệm": "…"}).
template <class R>
class StringMapFrame final : public Frame {
 public:
  StringMapFrame(std::string path, std::string key, std::map<std::string, std::string>& out, RecordFrame<R>& owner)
      : Frame(std::move(path)), key_name_(std::move(key)), out_(out), owner_(owner) {}
  void key(std::string k) override {
    if (k.empty()) owner_.fail_nested(child_path(path_, k), key_name_, "a name must not be empty", true);
    else if (out_.count(k)) owner_.fail_nested(child_path(path_, k), key_name_, "duplicate key " + quoted_excerpt(k), true);
    key_ = std::move(k);
  }
  void scalar(Scalar v) override {
    if (v.type == Scalar::Type::null) return;
    if (v.type != Scalar::Type::string) {
      owner_.fail_nested(child(), key_name_,
                         "the value of " + quoted_excerpt(key_) + " must be a string, not " + type_name(v.type), true);
      return;
    }
    if (!key_.empty()) out_[key_] = std::move(v.text);
  }
  std::unique_ptr<Frame> open(bool is_object) override {
    owner_.fail_nested(child(), key_name_,
                       "the value of " + quoted_excerpt(key_) + " must be a string, not " + object_name(is_object), true);
    return std::make_unique<SkipFrame>();
  }

 private:
  std::string key_name_;
  std::map<std::string, std::string>& out_;
  RecordFrame<R>& owner_;
};

template <class R>
Field<R> string_map(std::string key, std::map<std::string, std::string> R::*m, std::string doc = {}) {
  Field<R> f;
  f.key = key;
  f.scalar = [key](R&, Scalar& v, RecordFrame<R>& fr) {
    fr.fail(key, quoted_key(key) + " must be an object, not " + type_name(v.type));
  };
  f.open = [key, m](R& r, bool is_object, RecordFrame<R>& fr) -> std::unique_ptr<Frame> {
    if (!is_object) {
      fr.fail(key, quoted_key(key) + " must be an object, not an array");
      return std::make_unique<SkipFrame>();
    }
    (r.*m).clear();
    return std::make_unique<StringMapFrame<R>>(child_path(fr.path(), key), key, r.*m, fr);
  };
  f.write = [key, m](const R& r, ojson& j) {
    if ((r.*m).empty()) return;
    ojson o = ojson::object();
    for (const auto& [k, v] : r.*m) o[k] = v;
    j[key] = std::move(o);
  };
  f.schema = [] {
    return ojson{{"type", ojson::array({"object", "null"})},
                 {"propertyNames", {{"minLength", 1}}},
                 {"additionalProperties", {{"type", "string"}}}};
  };
  f.description = std::move(doc);
  return f;
}

/// The record's `source` (written when it is not empty).
template <class R>
Field<R> source() {
  return object<R, SourceRef>("source", &R::source, source_ref_table(), false, E::if_set);
}

/// A comparator written as its symbol; `rule` refuses "top" (a rule operator).
template <class R>
Field<R> comparator(std::string key, Comparator R::*m, bool rule) {
  Field<R> f;
  f.key = key;
  f.required = true;
  f.scalar = [key, m, rule](R& r, Scalar& v, RecordFrame<R>& fr) {
    auto t = text_of(key, v, fr);
    if (!t) return;
    auto c = parse_comparator(*t);
    if (!c || (rule && *c == Comparator::top))
      fr.fail(key, quoted_excerpt(*t) + (rule ? " is not a rule operator (>=, <=, =, >, <)"
                                              : " is not a comparator (>=, <=, =, >, <, top)"));
    else r.*m = *c;
  };
  f.open = no_container<R>("a string");
  f.write = [key, m](const R& r, ojson& j) { j[key] = std::string(to_string(r.*m)); };
  f.schema = [rule] {
    return rule ? ojson{{"enum", {">=", "<=", "=", ">", "<"}}} : ojson{{"enum", {">=", "<=", "=", ">", "<", "top"}}};
  };
  return f;
}

bool rounding_mode(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(Rounding::away_from_zero); ++k)
    if (to_string(static_cast<Rounding>(k)) == name) return true;
  return false;
}

bool quantity_ok(const std::string& q) { return q == "value" || q == "numerator" || q == "denominator"; }

template <class T>
std::vector<std::pair<std::string, T>> names_of(std::initializer_list<T> values) {
  std::vector<std::pair<std::string, T>> out;
  for (T v : values) out.emplace_back(std::string(to_string(v)), v);
  return out;
}

const auto kLevels = names_of({Level::nation, Level::province, Level::district, Level::commune, Level::village});

// --- a top-level array -------------------------------------------------------------------------

/// A top-level array of records: each valid one is kept; every element's id and index are recorded.
template <class S>
Field<FrameworkData> section(std::string key, std::vector<S> FrameworkData::*m, const Table<S>& table, std::string what,
                             Emit emit = E::always) {
  Field<FrameworkData> f;
  f.key = key;
  f.scalar = [key](FrameworkData&, Scalar& v, RecordFrame<FrameworkData>& fr) {
    fr.sink().error(child_path(fr.path(), key), key, quoted_key(key) + " must be an array, not " + type_name(v.type));
  };
  f.open = [key, m, &table, what](FrameworkData& d, bool is_object,
                                   RecordFrame<FrameworkData>& fr) -> std::unique_ptr<Frame> {
    if (is_object) {
      fr.sink().error(child_path(fr.path(), key), key, quoted_key(key) + " must be an array, not an object");
      return std::make_unique<SkipFrame>();
    }
    auto* ids = static_cast<SectionIds*>(fr.context());
    auto* list = ids ? &ids->by_section[key] : nullptr;
    (d.*m).clear();
    Sink& sink = fr.sink();
    return std::make_unique<RecordArrayFrame<S>>(
        child_path(fr.path(), key), table, sink, what,
        [&sink, what](const std::string& path, const char* type) {
          sink.error(path, "", what + " must be an object, not " + type + " (" + what + " rejected)");
        },
        [&d, m, list](S&& s, bool ok, const std::string& name, std::size_t index, std::size_t) {
          if (list && !name.empty()) list->emplace_back(name, index);
          if (ok) (d.*m).push_back(std::move(s));
        });
  };
  f.write = [key, m, &table, emit](const FrameworkData& d, ojson& j) {
    if (emit == E::if_set && (d.*m).empty()) return;
    ojson a = ojson::array();
    for (const auto& s : d.*m) a.push_back(write_record(table, s));
    j[key] = std::move(a);
  };
  f.schema = [&table] { return ojson{{"type", ojson::array({"array", "null"})}, {"items", schema_ref(table.name)}}; };
  return f;
}

}  // namespace

// --- the tables --------------------------------------------------------------------------------

const Table<SourceRef>& source_ref_table() {
  static const Table<SourceRef> t{"source_ref",
                                  {text<SourceRef>("document", &SourceRef::document),
                                   text<SourceRef>("section", &SourceRef::section),
                                   text<SourceRef>("appendix", &SourceRef::appendix),
                                   text<SourceRef>("row", &SourceRef::row),
                                   integer<SourceRef>("line", &SourceRef::line, 1, 100000000, false, E::if_set),
                                   text<SourceRef>("quote", &SourceRef::quote),
                                   text<SourceRef>("table", &SourceRef::table),
                                   integer<SourceRef>("paragraph", &SourceRef::paragraph, 1, 100000000, false, E::if_set)},
                                  {},
                                  "Where a record was printed in its source document."};
  return t;
}

const Table<DocumentRef>& document_ref_table() {
  static const Table<DocumentRef> t{"document_ref",
                                    {text<DocumentRef>("id", &DocumentRef::id),
                                     text<DocumentRef>("number", &DocumentRef::number),
                                     date<DocumentRef>("date", &DocumentRef::date),
                                     text<DocumentRef>("title", &DocumentRef::title),
                                     text<DocumentRef>("issuer", &DocumentRef::issuer),
                                     text<DocumentRef>("note", &DocumentRef::note), source<DocumentRef>()},
                                    {},
                                    "A plan or a report."};
  return t;
}

const Table<PeriodRef>& period_ref_table() {
  static const Table<PeriodRef> t{"period_ref",
                                  {period_code<PeriodRef>("code", &PeriodRef::code), text<PeriodRef>("text", &PeriodRef::text)},
                                  {},
                                  "The reporting period: its code and its text as printed."};
  return t;
}

const Table<SourceDocument>& source_document_table() {
  static const Table<SourceDocument> t{
      "source_document",
      {id<SourceDocument>("id", &SourceDocument::id), text<SourceDocument>("title", &SourceDocument::title),
       text<SourceDocument>("file", &SourceDocument::file), text<SourceDocument>("sha256", &SourceDocument::sha256),
       integer<SourceDocument>("lines", &SourceDocument::lines, 0, 100000000, false, E::if_set)},
      {},
      "A source document the dataset was digitized from."};
  return t;
}

const Table<UtilityGroup>& utility_group_table() {
  static const Table<UtilityGroup> t{
      "utility_group",
      {id<UtilityGroup>("id", &UtilityGroup::id), integer<UtilityGroup>("number", &UtilityGroup::number, 0, 1000000),
       text<UtilityGroup>("name", &UtilityGroup::name, true, E::always), text<UtilityGroup>("note", &UtilityGroup::note),
       source<UtilityGroup>()},
      {},
      "One of the five utility groups."};
  return t;
}

const Table<TaskGroup>& task_group_table() {
  static const Table<TaskGroup> t{
      "task_group",
      {id<TaskGroup>("id", &TaskGroup::id), text<TaskGroup>("number", &TaskGroup::number),
       text<TaskGroup>("title", &TaskGroup::title, true, E::always),
       integer<TaskGroup>("declared_count", &TaskGroup::declared_count, 0, 100000000),
       text<TaskGroup>("published", &TaskGroup::published), source<TaskGroup>()},
      {},
      "A task group header, with the count it declares."};
  return t;
}

const Table<Task>& task_table() {
  static const Table<Task> t{
      "task",
      {id<Task>("id", &Task::id), integer<Task>("number", &Task::number, 0, 100000000, true),
       text<Task>("group", &Task::group), text<Task>("title", &Task::title, true, E::always),
       text<Task>("lead", &Task::lead), text<Task>("coordinating", &Task::coordinating),
       text<Task>("deadline_text", &Task::deadline_text), text<Task>("progress_text", &Task::progress_text),
       strings<Task>("indicators", &Task::indicators), text<Task>("utility_group", &Task::utility_group),
       string_map<Task>("attributes", &Task::attributes), source<Task>()},
      {},
      "A task of the plan, every column verbatim."};
  return t;
}

const Table<ResolutionTask>& resolution_task_table() {
  using T = ResolutionTask;
  static const Table<T> t{"resolution_task",
                          {id<T>("id", &T::id), text<T>("section", &T::section), text<T>("number", &T::number),
                           text<T>("lead", &T::lead), text<T>("title", &T::title, true, E::always),
                           text<T>("coordinating", &T::coordinating), text<T>("directive", &T::directive),
                           text<T>("deadline_text", &T::deadline_text), text<T>("done_text", &T::done_text),
                           text<T>("not_done_text", &T::not_done_text), text<T>("reason", &T::reason), source<T>()},
                          {},
                          "A row of Appendix II (the tasks of a government resolution)."};
  return t;
}

const Table<Service>& service_table() {
  static const Table<Service> t{
      "service",
      {id<Service>("id", &Service::id), text<Service>("appendix", &Service::appendix),
       text<Service>("number", &Service::number), text<Service>("name", &Service::name, true, E::always),
       text<Service>("department", &Service::department), text<Service>("parent", &Service::parent),
       text<Service>("note", &Service::note), source<Service>()},
      {},
      "A public-service row of Appendix III or IV."};
  return t;
}

const Table<ParentLink>& parent_link_table() {
  static const Table<ParentLink> t{
      "parent_link",
      {id<ParentLink>("parent", &ParentLink::parent), date<ParentLink>("from", &ParentLink::from),
       date<ParentLink>("to", &ParentLink::to)},
      [](ParentLink& l, RecordFrame<ParentLink>& fr) {
        if (l.from && l.to && *l.to < *l.from) fr.fail("to", "\"to\" is before \"from\"");
      },
      "A dated link to a parent unit; both ends are included."};
  return t;
}

const Table<OrgUnit>& unit_table() {
  static const Table<OrgUnit> t{
      "unit",
      {id<OrgUnit>("id", &OrgUnit::id), text<OrgUnit>("name", &OrgUnit::name, true, E::always),
       choice<OrgUnit, Level>("level", &OrgUnit::level, kLevels, true), text<OrgUnit>("kind", &OrgUnit::kind),
       date<OrgUnit>("valid_from", &OrgUnit::valid_from), date<OrgUnit>("valid_to", &OrgUnit::valid_to),
       objects<OrgUnit, ParentLink>("parents", &OrgUnit::parents, parent_link_table(), "a parent link must be an object")},
      [](OrgUnit& u, RecordFrame<OrgUnit>& fr) {
        if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from) fr.fail("valid_to", "valid_to is before valid_from");
        // Links overlap unless one ends before the other starts (both ends included). Sorted by
        // start (an open start first), a link overlaps an earlier one exactly when it starts on or
        // before the latest end so far (an open end is the latest): O(n log n), and the first
        // overlap found is reported (the unit is rejected; thousands of links would otherwise give
        // millions of pairs).
        const auto& links = u.parents;
        std::vector<std::size_t> order(links.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return links[a].from < links[b].from;  // std::nullopt is less than any date
        });
        for (std::size_t k = 1, latest = order.empty() ? 0 : order[0]; k < order.size(); ++k) {
          const ParentLink &l = links[latest], &y = links[order[k]];  // l: the link seen so far that ends last
          if (!l.to || !y.from || !(*l.to < *y.from)) {
            fr.fail("parents", "parent links " + std::to_string(std::min(latest, order[k])) + " and " +
                                   std::to_string(std::max(latest, order[k])) + " overlap in time");
            break;
          }
          if (!y.to || *l.to < *y.to) latest = order[k];
        }
      },
      "An organisational unit with effective dates."};
  return t;
}

const Table<Indicator>& indicator_table() {
  using I = Indicator;
  static const Table<I> t = [] {
    Table<I> tab{"indicator",
                 {id<I>("id", &I::id), text<I>("name", &I::name, true, E::always),
                  choice<I, IndicatorKind>("kind", &I::kind,
                                           names_of({IndicatorKind::ratio, IndicatorKind::count, IndicatorKind::money,
                                                     IndicatorKind::rank, IndicatorKind::boolean, IndicatorKind::value}),
                                           true),
                  text<I>("unit", &I::unit),
                  choice<I, Direction>("direction", &I::direction, names_of({Direction::higher, Direction::lower, Direction::none})),
                  integer<I>("factor", &I::factor, std::numeric_limits<std::int64_t>::min(),
                             std::numeric_limits<std::int64_t>::max()),
                  integer<I>("decimals", &I::decimals, 0, 12), text<I>("rounding", &I::rounding, false, E::always),
                  choice<I, Aggregation>("aggregation", &I::aggregation,
                                         names_of({Aggregation::ratio_of_sums, Aggregation::sum, Aggregation::min,
                                                   Aggregation::max, Aggregation::none})),
                  choice<I, Temporal>("temporal", &I::temporal, names_of({Temporal::stock, Temporal::flow})),
                  choice<I, DenominatorBehaviour>("denominator", &I::denominator,
                                                  names_of({DenominatorBehaviour::grows, DenominatorBehaviour::fixed})),
                  text<I>("utility_group", &I::utility_group)},
                 [](I& i, RecordFrame<I>& fr) {
                   if (!fr.has("factor")) i.factor = i.kind == IndicatorKind::ratio ? 100 : 1;
                   else if (i.factor <= 0) fr.fail("factor", "factor must be positive");
                   if (!fr.has("aggregation")) i.aggregation = i.kind == IndicatorKind::ratio ? Aggregation::ratio_of_sums : Aggregation::sum;
                   if (i.rounding.empty()) i.rounding = "half_up";
                   else if (!rounding_mode(i.rounding))
                     fr.fail("rounding", quoted_excerpt(i.rounding) +
                                             " is not a rounding mode (half_up, half_even, half_down, floor, ceiling, "
                                             "toward_zero, away_from_zero)");
                 },
                 "An indicator definition: display = factor × numerator ÷ denominator."};
    for (auto& f : tab.fields)
      if (f.key == "factor") f.schema = [] { return ojson{{"type", "integer"}, {"minimum", 1}}; };
    return tab;
  }();
  return t;
}

const Table<Change>& change_table() {
  static const Table<Change> t{
      "change",
      {period_code<Change>("against", &Change::against), integer<Change>("delta", &Change::delta,
                                                                          std::numeric_limits<std::int64_t>::min(),
                                                                          std::numeric_limits<std::int64_t>::max(), true),
       text<Change>("of", &Change::of), text<Change>("published", &Change::published)},
      [](Change& c, RecordFrame<Change>& fr) {
        if (!c.of.empty() && !quantity_ok(c.of)) fr.fail("of", "\"of\" must be numerator, denominator or value");
      },
      "A printed change against an earlier period (current − earlier)."};
  return t;
}

namespace {

/// Observation::value: an integer, an exact decimal string or a boolean.
Field<Observation> observation_value() {
  Field<Observation> f;
  f.key = "value";
  f.scalar = [](Observation& o, Scalar& v, RecordFrame<Observation>& fr) {
    switch (v.type) {
      case Scalar::Type::boolean: o.value = v.boolean; break;
      case Scalar::Type::integer:
      case Scalar::Type::big_integer:
      case Scalar::Type::floating:
        if (auto n = integer_of(std::string("value"), v, fr)) o.value = *n;
        break;
      case Scalar::Type::string:
        if (plain_decimal(v.text)) o.value = DecimalText{std::move(v.text)};
        else fr.fail("value", quoted_excerpt(v.text) + " is not a plain decimal such as \"99.95\"");
        break;
      case Scalar::Type::null: break;
    }
  };
  f.open = no_container<Observation>("an integer, an exact decimal string or a boolean");
  f.write = [](const Observation& b, ojson& j) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, bool>) j["value"] = v;
          else if constexpr (std::is_same_v<V, DecimalText>) j["value"] = v.text;
        },
        b.value);
  };
  f.schema = [] { return schema_ref("observation_value"); };
  return f;
}

/// Observation::change: an optional object.
Field<Observation> observation_change() {
  Field<Observation> f;
  f.key = "change";
  f.scalar = [](Observation&, Scalar& v, RecordFrame<Observation>& fr) {
    fr.fail("change", std::string("\"change\" must be an object, not ") + type_name(v.type));
  };
  f.open = [](Observation& o, bool is_object, RecordFrame<Observation>& fr) -> std::unique_ptr<Frame> {
    if (!is_object) {
      fr.fail("change", "\"change\" must be an object, not an array");
      return std::make_unique<SkipFrame>();
    }
    return std::make_unique<RecordFrame<Change>>(child_path(fr.path(), "change"), change_table(), fr.sink(), std::string(),
                                                 [&o, &fr](Change&& c, bool ok, const std::string&) {
                                                   o.change = std::move(c);
                                                   if (!ok) fr.reject();
                                                 });
  };
  f.write = [](const Observation& b, ojson& j) {
    if (b.change) j["change"] = write_record(change_table(), *b.change);
  };
  f.schema = [] { return schema_ref("change"); };
  return f;
}

std::string positive_of(std::int64_t n) { return n <= 0 ? "\"of\" must be positive" : std::string(); }

}  // namespace

const Table<Observation>& observation_table() {
  using O = Observation;
  static const Table<O> t{
      "observation",
      {id<O>("id", &O::id), id<O>("indicator", &O::indicator), id<O>("unit", &O::unit), period_code<O>("period", &O::period),
       date<O>("as_of", &O::as_of), text<O>("service", &O::service), optional_integer<O>("numerator", &O::numerator),
       optional_integer<O>("denominator", &O::denominator), observation_value(), optional_integer<O>("of", &O::of),
       text<O>("published", &O::published), text<O>("published_value", &O::published_value),
       text<O>("qualifier", &O::qualifier), text<O>("note", &O::note), text<O>("denominator_ref", &O::denominator_ref),
       observation_change(), source<O>()},
      [](O& b, RecordFrame<O>& fr) {
        if (fr.ok() && b.period.empty() && !b.as_of) fr.fail("", "an observation needs \"period\" or \"as_of\"");
        if (fr.ok() && b.numerator.has_value() != b.denominator.has_value())
          fr.fail(b.numerator ? "denominator" : "numerator", "a ratio needs both \"numerator\" and \"denominator\"");
        if (b.denominator && *b.denominator == 0) fr.fail("denominator", "denominator of 0");
        if (b.denominator && *b.denominator < 0) fr.fail("denominator", "negative denominator " + std::to_string(*b.denominator));
        if (b.numerator && *b.numerator < 0) fr.fail("numerator", "negative count " + std::to_string(*b.numerator));
        if (b.of && *b.of <= 0) fr.fail("of", positive_of(*b.of));
      },
      "One published figure: its exact numbers, its printed text and where it was printed."};
  return t;
}

const Table<Total>& total_table() {
  using T = Total;
  static const Table<T> t{
      "total",
      {id<T>("id", &T::id), id<T>("total", &T::total), strings<T>("parts", &T::parts, {}, E::always),
       text<T>("quantity", &T::quantity, false, E::always), text<T>("total_quantity", &T::total_quantity),
       strings<T>("part_quantities", &T::part_quantities), text<T>("note", &T::note), source<T>()},
      [](T& x, RecordFrame<T>& fr) {
        if (x.parts.empty() && fr.ok()) fr.fail("parts", "a total needs at least one part");
        if (x.quantity.empty()) x.quantity = "value";
        if (!quantity_ok(x.quantity)) fr.fail("quantity", "\"quantity\" must be value, numerator or denominator");
        if (!x.total_quantity.empty() && !quantity_ok(x.total_quantity))
          fr.fail("total_quantity", "\"total_quantity\" must be value, numerator or denominator");
        if (!x.part_quantities.empty() && x.part_quantities.size() != x.parts.size())
          fr.fail("part_quantities", "\"part_quantities\" must have one entry per part");
        for (const auto& q : x.part_quantities)
          if (!quantity_ok(q)) fr.fail("part_quantities", quoted_excerpt(q) + " must be value, numerator or denominator");
      },
      "A declared total and the observations that are its parts."};
  return t;
}

const Table<TargetScope>& target_scope_table() {
  static const Table<TargetScope> t{"target_scope",
                                    {text<TargetScope>("unit", &TargetScope::unit), levels<TargetScope>("levels", &TargetScope::levels)},
                                    {},
                                    "Whom a target applies to: a unit, or levels."};
  return t;
}

const Table<Milestone>& milestone_table() {
  static const Table<Milestone> t{"milestone",
                                  {date<Milestone>("from", &Milestone::from),
                                   decimal<Milestone>("threshold", &Milestone::threshold, true, E::always)},
                                  {},
                                  "A staged threshold in force from a date."};
  return t;
}

const Table<Target>& target_table() {
  using T = Target;
  static const Table<T> t{
      "target",
      {id<T>("id", &T::id), id<T>("indicator", &T::indicator), text<T>("task", &T::task),
       comparator<T>("comparator", &T::comparator, false), decimal<T>("threshold", &T::threshold, true, E::always),
       optional_integer<T>("of", &T::of, positive_of),
       object<T, TargetScope>("scope", &T::scope, target_scope_table(), false, E::if_set), date<T>("effective", &T::effective),
       date<T>("deadline", &T::deadline),
       objects<T, Milestone>("milestones", &T::milestones, milestone_table(), "a milestone must be an object"),
       text<T>("published", &T::published), text<T>("note", &T::note), source<T>()},
      {},
      "A target: comparator and threshold, scope, dates and staged milestones."};
  return t;
}

const Table<Claim>& claim_table() {
  static const Table<Claim> t{
      "claim",
      {id<Claim>("id", &Claim::id), text<Claim>("subject", &Claim::subject), text<Claim>("status", &Claim::status),
       integer<Claim>("count", &Claim::count, std::numeric_limits<std::int64_t>::min(),
                      std::numeric_limits<std::int64_t>::max(), true),
       text<Claim>("published", &Claim::published), source<Claim>()},
      [](Claim& c, RecordFrame<Claim>& fr) {
        if (c.count < 0) {
          fr.fail("count", "negative count " + std::to_string(c.count));
          c.count = 0;
        }
      },
      "A count the report claims about itself."};
  return t;
}

const Table<Gap>& gap_table() {
  static const Table<Gap> t{"gap",
                            {id<Gap>("id", &Gap::id), text<Gap>("appendix", &Gap::appendix), text<Gap>("rows", &Gap::rows),
                             text<Gap>("note", &Gap::note), source<Gap>()},
                            {},
                            "A place where the source lost content."};
  return t;
}

const Table<ObservationCandidate>& observation_candidate_table() {
  using K = ObservationCandidate;
  static const Table<K> t{
      "observation_candidate",
      {id<K>("id", &K::id),
       choice<K, CandidateKind>("kind", &K::kind,
                                {{"ratio", CandidateKind::ratio},
                                 {"percent", CandidateKind::percent},
                                 {"count", CandidateKind::count},
                                 {"change", CandidateKind::change}},
                                true),
       optional_integer<K>("numerator", &K::numerator), optional_integer<K>("denominator", &K::denominator),
       decimal<K>("value", &K::value), text<K>("unit", &K::unit), text<K>("against", &K::against),
       text<K>("published", &K::published), text<K>("sentence", &K::sentence),
       choice<K, Review>("review", &K::review,
                         {{"pending", Review::pending}, {"accepted", Review::accepted}, {"rejected", Review::rejected}}),
       text<K>("observation", &K::observation), text<K>("note", &K::note), source<K>()},
      [](K& k, RecordFrame<K>& fr) {
        if (fr.ok() && k.numerator.has_value() != k.denominator.has_value())
          fr.fail(k.numerator ? "denominator" : "numerator", "a ratio needs both \"numerator\" and \"denominator\"");
        if (k.denominator && *k.denominator <= 0) fr.fail("denominator", "the denominator must be positive");
        if (k.numerator && *k.numerator < 0) fr.fail("numerator", "negative count " + std::to_string(*k.numerator));
      },
      "A figure of a document's prose found by an importer, kept for review; never used as data."};
  return t;
}

const Table<RuleTerm>& rule_term_table() {
  static const Table<RuleTerm> t = [] {
    Table<RuleTerm> tab{"rule_term",
                        {id<RuleTerm>("indicator", &RuleTerm::indicator),
                         text<RuleTerm>("quantity", &RuleTerm::quantity, false, E::always),
                         text<RuleTerm>("service", &RuleTerm::service),
                         integer<RuleTerm>("coefficient", &RuleTerm::coefficient, std::numeric_limits<std::int64_t>::min(),
                                           std::numeric_limits<std::int64_t>::max())},
                        [](RuleTerm& x, RecordFrame<RuleTerm>& fr) {
                          if (x.quantity.empty()) x.quantity = "value";
                          if (!quantity_ok(x.quantity)) fr.fail("quantity", "\"quantity\" must be value, numerator or denominator");
                        },
                        "coefficient × quantity(indicator [, service])."};
    for (auto& f : tab.fields)
      if (f.key == "coefficient")
        f.write = [](const RuleTerm& x, ojson& j) {
          if (x.coefficient != 1) j["coefficient"] = x.coefficient;
        };
    return tab;
  }();
  return t;
}

const Table<RuleSide>& rule_side_table() {
  static const Table<RuleSide> t{
      "rule_side",
      {objects<RuleSide, RuleTerm>("terms", &RuleSide::terms, rule_term_table(), "a term must be an object"),
       decimal<RuleSide>("constant", &RuleSide::constant)},
      [](RuleSide& s, RecordFrame<RuleSide>& fr) {
        if (s.terms.empty() && s.constant.empty() && fr.ok()) fr.fail("", "a rule side needs terms or a constant");
      },
      "A side of a rule: Σ terms + constant."};
  return t;
}

const Table<ValidationRule>& validation_rule_table() {
  using V = ValidationRule;
  static const Table<V> t{
      "validation_rule",
      {id<V>("id", &V::id), text<V>("name", &V::name), text<V>("description", &V::description),
       object<V, RuleSide>("left", &V::left, rule_side_table(), true), comparator<V>("operator", &V::op, true),
       object<V, RuleSide>("right", &V::right, rule_side_table(), true),
       choice<V, Importance>("importance", &V::importance, names_of({Importance::high, Importance::medium, Importance::low})),
       choice<V, MissingValuePolicy>("missing_value_policy", &V::missing_value,
                                     names_of({MissingValuePolicy::skip_if_any_missing,
                                               MissingValuePolicy::skip_if_all_missing, MissingValuePolicy::never_skip})),
       levels<V>("levels", &V::levels), source<V>()},
      {},
      "A DHIS2-style validation rule: left operator right, per unit and period."};
  return t;
}

const std::vector<std::pair<std::string, std::string>>& sections() {
  static const std::vector<std::pair<std::string, std::string>> s = {
      {"sources", "source"},       {"utility_groups", "utility group"},
      {"task_groups", "task group"}, {"tasks", "task"},
      {"resolution_tasks", "resolution task"}, {"services", "service"},
      {"units", "unit"},           {"indicators", "indicator"},
      {"observations", "observation"}, {"totals", "total"},
      {"targets", "target"},       {"claims", "claim"},
      {"gaps", "gap"},             {"validation_rules", "validation rule"},
      {"observation_candidates", "observation candidate"}};
  return s;
}

const Table<FrameworkData>& framework_table() {
  using F = FrameworkData;
  static const Table<F> t = [] {
    Table<F> tab{"framework",
                 {},
                 [](F&, RecordFrame<F>& fr) {
                   if (!fr.has("format")) fr.sink().error("$", "format", "missing \"format\": \"da06-framework\"");
                   if (!fr.has("format_version")) fr.sink().error("$", "format_version", "missing \"format_version\": 1");
                 },
                 "One Đề án 06 plan and the figures a report published about it."};
    Field<F> format;
    format.key = "format";
    format.scalar = [](F&, Scalar& v, RecordFrame<F>& fr) {
      std::string s = v.type == Scalar::Type::string ? v.text : std::string();
      if (v.type != Scalar::Type::string) {
        fr.sink().error("$.format", "format", std::string("\"format\" must be a string, not ") + type_name(v.type));
      } else if (s != "da06-framework") {
        fr.sink().error("$.format", "format", "\"format\" must be \"da06-framework\", not " + quoted_excerpt(s));
      }
    };
    format.open = [](F&, bool is_object, RecordFrame<F>& fr) -> std::unique_ptr<Frame> {
      fr.sink().error("$.format", "format", std::string("\"format\" must be a string, not ") + object_name(is_object));
      return std::make_unique<SkipFrame>();
    };
    format.write = [](const F&, ojson& j) { j["format"] = "da06-framework"; };
    format.schema = [] { return ojson{{"const", "da06-framework"}}; };
    Field<F> version;
    version.key = "format_version";
    version.scalar = [](F&, Scalar& v, RecordFrame<F>& fr) {
      if (v.type != Scalar::Type::integer) {
        fr.sink().error("$.format_version", "format_version",
                        std::string("\"format_version\" must be an integer, not ") + type_name(v.type));
      } else if (v.integer != 1) {
        fr.sink().error("$.format_version", "format_version",
                        "unsupported format_version " + std::to_string(v.integer) + " (this library reads 1)");
      }
    };
    version.open = [](F&, bool is_object, RecordFrame<F>& fr) -> std::unique_ptr<Frame> {
      fr.sink().error("$.format_version", "format_version",
                      std::string("\"format_version\" must be an integer, not ") + object_name(is_object));
      return std::make_unique<SkipFrame>();
    };
    version.write = [](const F&, ojson& j) { j["format_version"] = 1; };
    version.schema = [] { return ojson{{"type", "integer"}, {"const", 1}}; };
    tab.fields = {format,
                  version,
                  text<F>("id", &F::id),
                  text<F>("title", &F::title),
                  text<F>("province", &F::province),
                  object<F, DocumentRef>("plan", &F::plan, document_ref_table(), false, E::if_set),
                  object<F, DocumentRef>("report", &F::report, document_ref_table(), false, E::if_set),
                  object<F, PeriodRef>("period", &F::period, period_ref_table(), false, E::if_set),
                  section("sources", &F::sources, source_document_table(), "source"),
                  section("utility_groups", &F::utility_groups, utility_group_table(), "utility group"),
                  section("task_groups", &F::task_groups, task_group_table(), "task group"),
                  section("tasks", &F::tasks, task_table(), "task"),
                  section("resolution_tasks", &F::resolution_tasks, resolution_task_table(), "resolution task"),
                  section("services", &F::services, service_table(), "service"),
                  section("units", &F::units, unit_table(), "unit"),
                  section("indicators", &F::indicators, indicator_table(), "indicator"),
                  section("observations", &F::observations, observation_table(), "observation"),
                  section("totals", &F::totals, total_table(), "total"),
                  section("targets", &F::targets, target_table(), "target"),
                  section("claims", &F::claims, claim_table(), "claim"),
                  section("gaps", &F::gaps, gap_table(), "gap"),
                  section("validation_rules", &F::validation_rules, validation_rule_table(), "validation rule", E::if_set),
                  section("observation_candidates", &F::observation_candidates, observation_candidate_table(),
                          "observation candidate", E::if_set)};
    return tab;
  }();
  return t;
}

}  // namespace da06::inline v1::detail::framework_format

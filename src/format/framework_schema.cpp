// The JSON Schema of the framework file format, generated from the reader's field tables
// (framework_fields.cpp) and the annotations in data/schema/annotations.json (descriptions and
// the rules a table does not state). data/schema/framework.schema.json is its output; a test
// checks that the two agree, so a field added to a table is in the schema at once.
#include "da06/io.hpp"

#include "framework_fields.hpp"

extern const unsigned char da06_embedded_schema_annotations[];
extern const std::size_t da06_embedded_schema_annotations_size;

namespace da06 {
inline namespace v1 {

namespace {

using detail::records::ojson;
namespace ff = detail::framework_format;

/// A record type's $defs entry: its properties and required fields from the table, merged with its
/// annotation (which may replace a property's generated schema, add required fields and rules).
template <class R>
ojson record_schema(const detail::records::Table<R>& table, const ojson& ann) {
  ojson def = ojson::object();
  if (ann.contains("description")) def["description"] = ann["description"];
  def["type"] = ann.contains("type") ? ann["type"] : ojson("object");
  ojson required = ojson::array();
  for (const auto& f : table.fields)
    if (f.required) required.push_back(f.key);
  if (ann.contains("required"))
    for (const auto& k : ann["required"])
      if (std::find(required.begin(), required.end(), k) == required.end()) required.push_back(k);
  if (!required.empty()) def["required"] = required;
  def["additionalProperties"] = false;
  ojson props = ojson::object();
  const ojson none = ojson::object();
  const ojson& given = ann.contains("properties") ? ann["properties"] : none;
  for (const auto& f : table.fields) {
    if (given.contains(f.key)) {
      props[f.key] = given[f.key];
    } else {
      ojson p = f.schema();
      if (!f.description.empty()) p["description"] = f.description;
      props[f.key] = std::move(p);
    }
  }
  for (auto it = given.begin(); it != given.end(); ++it)
    if (!props.contains(it.key()))
      throw InvalidArgument("schema annotations: " + table.name + "." + it.key() + " is not a field of the table");
  def["properties"] = std::move(props);
  for (auto it = ann.begin(); it != ann.end(); ++it)
    if (!def.contains(it.key())) def[it.key()] = it.value();  // allOf, anyOf, if/then: rules across fields
  return def;
}

}  // namespace

std::string framework_schema_json() {
  const ojson ann = ojson::parse(std::string_view(reinterpret_cast<const char*>(da06_embedded_schema_annotations),
                                                  da06_embedded_schema_annotations_size));
  const ojson& rec = ann["records"];
  ojson schema = ann["root"];
  ojson top = record_schema(ff::framework_table(), rec["framework"]);
  for (const char* k : {"type", "required", "additionalProperties", "properties"})
    if (top.contains(k)) schema[k] = top[k];
  ojson defs = ann["base"];
  auto add = [&](const auto& table) { defs[table.name] = record_schema(table, rec.contains(table.name) ? rec[table.name] : ojson::object()); };
  add(ff::source_ref_table());
  add(ff::document_ref_table());
  add(ff::period_ref_table());
  add(ff::source_document_table());
  add(ff::utility_group_table());
  add(ff::task_group_table());
  add(ff::task_table());
  add(ff::resolution_task_table());
  add(ff::service_table());
  add(ff::parent_link_table());
  add(ff::unit_table());
  add(ff::indicator_table());
  add(ff::change_table());
  add(ff::observation_table());
  add(ff::total_table());
  add(ff::target_scope_table());
  add(ff::milestone_table());
  add(ff::target_table());
  add(ff::claim_table());
  add(ff::gap_table());
  add(ff::rule_term_table());
  add(ff::rule_side_table());
  add(ff::validation_rule_table());
  add(ff::observation_candidate_table());
  schema["$defs"] = std::move(defs);
  return schema.dump(1, ' ', false) + "\n";
}

}  // namespace v1
}  // namespace da06

// Internal: the one place where da06's typed results become JSON documents.
//
// Every engine returns typed structs declared in its public header; the faces (CLI, C ABI, Python,
// files) turn them into JSON here and nowhere else. Each result type has one writer,
// `ojson value(const T&)`, in src/json/<area>.cpp; the public `to_json(const T&)` functions
// (da06/json.hpp) dump these. Documents compose writers (the report's JSON holds the status
// writer's output); no module reads another module's JSON.
//
// Shapes are stable: field names are English snake_case, dates are "YYYY-MM-DD", an absent value is
// null (results) or left out (framework files), exact numbers are strings or integers, never doubles
// standing for exact values. docs/cli.md documents each document.
#pragma once

#include "da06/dates.hpp"
#include "da06/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace da06::inline v1::detail::json {

using ojson = nlohmann::ordered_json;

/// "YYYY-MM-DD", or null.
ojson date(const std::optional<Date>& d);
/// The string, or null when it is empty.
ojson text_or_null(const std::string& s);

/// A source reference inside a result: {document, section?, appendix?, row?, line (null when unknown),
/// quote, table?, paragraph?}. Empty section, appendix, row, table and paragraph are left out.
ojson source(const SourceRef& s);
/// A source reference inside a framework file: every empty field is left out.
ojson source_in_file(const SourceRef& s);

/// The document as text: 2-space indent, UTF-8 kept as is (the form every face prints).
std::string dump(const ojson& j);

}  // namespace da06::inline v1::detail::json

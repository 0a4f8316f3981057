// da06/report.hpp — the main job: a framework's report as of a date, as JSON or readable text.
//
//   std::cout << da06::report_text(da06::default_framework(), std::nullopt);   // as of the report's date
//   std::string j = da06::report_json(fw, da06::Date(2024, 6, 28));            // == `da06 report --json --as-of 2024-06-28`
#pragma once

#include "model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace da06 {
inline namespace v1 {

/// The date a report is evaluated at when none is given: the report's date, else the last day of
/// its period, else none (then the report has no task status and no indicator sections).
std::optional<Date> default_as_of(const Framework& fw);

/// The report as a JSON document (the shape of `da06 report --json`, documented in docs/cli.md).
/// `as_of` defaults to `default_as_of(fw)`.
nlohmann::ordered_json report_document(const Framework& fw, std::optional<Date> as_of);
/// `report_document(...).dump(2)`: byte-identical to `da06 report --json` and to the C ABI's da06_report_json.
std::string report_json(const Framework& fw, std::optional<Date> as_of);
/// The readable report printed by `da06 report`.
std::string report_text(const Framework& fw, std::optional<Date> as_of);

}  // namespace v1
}  // namespace da06

// da06/json.hpp — the JSON form of da06's results, as the CLI's --json, the C ABI and Python give them.
//
// One `to_json` per result type, each the same document every face prints (2-space indent, UTF-8).
// The engines return typed structs; only these functions (implemented in src/json/, with
// nlohmann/json kept out of every public header) turn them into JSON.
//
//   std::cout << da06::to_json(da06::task_status_report(fw, as_of, cal)) << '\n';   // == da06 tasks --json
#pragma once

#include <string>

namespace da06 {
inline namespace v1 {

class Framework;

// --- the audit (da06/audit.hpp) ------------------------------------------------------------------
struct AuditReport;
/// `{framework, counts: {error, warning, info}, findings: [{id, check, severity, message, published,
/// values: {name: exact text}, records, source, related}]}` (docs/audit.md).
///   da06::to_json(da06::audit_report(fw))   // == `da06 audit --json` == da06_audit_json
std::string to_json(const AuditReport& report);
/// `to_json(audit_report(fw))`: byte-identical to `da06 audit --json` and to the C ABI's da06_audit_json.
std::string audit_json(const Framework& fw);

}  // namespace v1
}  // namespace da06

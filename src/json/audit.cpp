// The audit as JSON: the document of `da06 audit --json`, da06_audit_json and the report's audit section.
#include "audit.hpp"

#include "da06/json.hpp"

namespace da06::inline v1 {

namespace detail::json {

ojson value(const Finding& f) {
  ojson j;
  j["id"] = f.id;
  j["check"] = std::string(to_string(f.check));
  j["severity"] = std::string(to_string(f.severity));
  j["message"] = f.message;
  j["published"] = f.published;
  ojson v = ojson::object();
  for (const auto& x : f.values) v[x.name] = x.value;
  j["values"] = std::move(v);
  j["records"] = f.records;
  j["source"] = source(f.source);
  ojson rel = ojson::array();
  for (const auto& s : f.related) rel.push_back(source(s));
  j["related"] = std::move(rel);
  return j;
}

ojson value(const AuditCounts& c) { return {{"error", c.error}, {"warning", c.warning}, {"info", c.info}}; }

ojson value(const AuditReport& r) {
  ojson j;
  j["framework"] = r.framework;
  j["counts"] = value(r.counts);
  ojson arr = ojson::array();
  for (const auto& f : r.findings) arr.push_back(value(f));
  j["findings"] = std::move(arr);
  return j;
}

}  // namespace detail::json

std::string to_json(const AuditReport& report, int indent) { return detail::json::value(report).dump(indent); }

std::string audit_json(const Framework& fw) { return to_json(audit_report(fw)); }

}  // namespace da06::inline v1

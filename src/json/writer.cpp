// Internal: the shared JSON writers (see writer.hpp).
#include "writer.hpp"

namespace da06::inline v1::detail::json {

ojson date(const std::optional<Date>& d) { return d ? ojson(format_iso_date(*d)) : ojson(nullptr); }

ojson text_or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

ojson source(const SourceRef& s) {
  ojson j;
  j["document"] = s.document;
  if (!s.section.empty()) j["section"] = s.section;
  if (!s.appendix.empty()) j["appendix"] = s.appendix;
  if (!s.row.empty()) j["row"] = s.row;
  j["line"] = s.line > 0 ? ojson(s.line) : ojson(nullptr);
  j["quote"] = s.quote;
  if (!s.table.empty()) j["table"] = s.table;
  if (s.paragraph) j["paragraph"] = s.paragraph;
  return j;
}

ojson source_in_file(const SourceRef& s) {
  ojson j = ojson::object();
  if (!s.document.empty()) j["document"] = s.document;
  if (!s.section.empty()) j["section"] = s.section;
  if (!s.appendix.empty()) j["appendix"] = s.appendix;
  if (!s.row.empty()) j["row"] = s.row;
  if (s.line) j["line"] = s.line;
  if (!s.quote.empty()) j["quote"] = s.quote;
  if (!s.table.empty()) j["table"] = s.table;
  if (s.paragraph) j["paragraph"] = s.paragraph;
  return j;
}

std::string dump(const ojson& j) { return j.dump(2); }

}  // namespace da06::inline v1::detail::json

// Internal: the audit's JSON writers (see writer.hpp), for documents that embed the audit (the report).
#pragma once

#include "writer.hpp"

#include "da06/audit.hpp"

namespace da06::inline v1::detail::json {

/// {id, check, severity, message, published, values: {name: exact text}, records, source, related}
ojson value(const Finding& f);
/// {error, warning, info}
ojson value(const AuditCounts& c);
/// {framework, counts, findings}
ojson value(const AuditReport& r);

}  // namespace da06::inline v1::detail::json

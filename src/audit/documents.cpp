// The audit's documents and dates: the plan's (or the report's) number cited with another date than
// the one the framework records (docs/audit.md).
#include "audit_internal.hpp"

#include "da06/dates.hpp"

#include <set>
#include <utility>

namespace da06::inline v1::detail::audit {

namespace {

/// "ngày 16/02/2023" or "ngày 28 tháng 6 năm 2024" at the start of `s` (after spaces).
std::optional<Date> cited_date(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  static constexpr std::string_view ngay = "ngày ", thang = " tháng ", nam = " năm ";
  if (s.substr(i, ngay.size()) != ngay) return std::nullopt;
  i += ngay.size();
  auto num = [&](int& out) {
    std::size_t b = i;
    out = 0;
    while (i < s.size() && detail::is_digit(s[i]) && i - b < 4) out = out * 10 + (s[i++] - '0');
    return i > b;
  };
  int dd = 0, mm = 0, yy = 0;
  if (!num(dd)) return std::nullopt;
  if (i < s.size() && s[i] == '/') {
    ++i;
    if (!num(mm) || i >= s.size() || s[i] != '/') return std::nullopt;
    ++i;
    if (!num(yy)) return std::nullopt;
  } else {
    if (s.substr(i, thang.size()) != thang) return std::nullopt;
    i += thang.size();
    if (!num(mm) || s.substr(i, nam.size()) != nam) return std::nullopt;
    i += nam.size();
    if (!num(yy)) return std::nullopt;
  }
  try {
    return Date(static_cast<unsigned short>(yy), static_cast<unsigned short>(mm), static_cast<unsigned short>(dd));
  } catch (const std::exception&) {
    return std::nullopt;  // "ngày 31/02/2024" names no day: not a date the check can compare
  }
}

/// Every record's source reference, in the framework's order.
std::vector<const SourceRef*> every_source(const FrameworkData& d) {
  std::vector<const SourceRef*> refs{&d.plan.source, &d.report.source};
  auto push = [&](const auto& records) {
    for (const auto& x : records) refs.push_back(&x.source);
  };
  push(d.utility_groups);
  push(d.task_groups);
  push(d.tasks);
  push(d.resolution_tasks);
  push(d.services);
  push(d.observations);
  push(d.totals);
  push(d.targets);
  push(d.claims);
  push(d.gaps);
  return refs;
}

void check_document(Auditor& a, const DocumentRef& p, const char* what, const std::vector<const SourceRef*>& refs) {
  if (p.number.empty() || !p.date) return;
  std::set<std::pair<std::string, int>> seen;
  for (const SourceRef* s : refs) {
    if (s->quote.empty()) continue;
    for (std::size_t at = s->quote.find(p.number); at != std::string::npos; at = s->quote.find(p.number, at + 1)) {
      auto cd = cited_date(std::string_view(s->quote).substr(at + p.number.size()));
      if (!cd || *cd == *p.date) continue;
      if (!seen.insert({s->document, s->line}).second) continue;
      Finding f;
      f.id = std::string("plan_reference/") + what + "/" + std::to_string(s->line);
      f.check = AuditCheck::plan_reference;
      f.severity = AuditSeverity::warning;
      f.message = std::string("the ") + what + " " + p.number + " is cited as dated " + format_iso_date(*cd) +
                  "; the framework dates it " + format_iso_date(*p.date);
      f.published = s->quote;
      f.values = {{"cited", format_iso_date(*cd)}, {"recorded", format_iso_date(*p.date)}};
      f.records = {p.id};
      f.source = *s;
      if (p.source.line) f.related.push_back(p.source);
      a.add(std::move(f));
    }
  }
}

}  // namespace

void check_plan_references(Auditor& a) {
  std::vector<const SourceRef*> refs = every_source(a.d);
  check_document(a, a.d.plan, "plan", refs);
  check_document(a, a.d.report, "report", refs);
}

}  // namespace da06::inline v1::detail::audit

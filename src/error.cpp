// Diagnostics and the strict loaders' exception (see da06/error.hpp).
#include "da06/error.hpp"

#include <algorithm>

namespace da06 {
inline namespace v1 {

std::string Diagnostic::to_string() const {
  std::string s = where.to_string();
  s += ": ";
  if (severity == Severity::warning) s += "warning: ";
  return s + message;
}

namespace {
std::string summarize(const std::vector<Diagnostic>& ds) {
  std::string s;
  std::size_t n = 0;
  for (const auto& d : ds)
    if (d.severity == Severity::error) {
      if (n++ < 5) {
        if (!s.empty()) s += '\n';
        s += d.to_string();
      }
    }
  if (n > 5) s += "\n... and " + std::to_string(n - 5) + " more errors";
  return s.empty() ? "no errors" : s;
}
}  // namespace

namespace {
Location first_error(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == Severity::error) return d.where;
  return {};
}
}  // namespace

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : DataError(Verbatim{}, summarize(diagnostics), first_error(diagnostics)),  // each line is already located
      diagnostics_(std::move(diagnostics)) {}

}  // namespace v1
}  // namespace da06

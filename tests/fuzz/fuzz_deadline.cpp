// libFuzzer target for the deadline and period-phrase readers: arbitrary bytes must never crash,
// hang or hit UB. parse_deadline never throws for bad text; parse_period and Period::parse_code
// may throw da06::Error (ParseError), which is fine. Any other exception aborts the run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "da06/deadline.hpp"
#include "da06/error.hpp"
#include "da06/period.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // The first byte, when present, also selects a context year (or none) so both paths are fuzzed.
  da06::DeadlineContext ctx;
  if (size > 0 && (data[0] & 1)) ctx.reference_year = 2000 + (data[0] >> 1);
  const da06::Deadline d = da06::parse_deadline(text, ctx);

  // Invariants of every result.
  if (d.text != text) std::abort();
  if (d.kind == da06::DeadlineKind::unknown) {
    if (d.due || d.start || d.diagnostics.empty() || !d.thresholds.empty()) std::abort();
  } else {
    if (d.due && d.start && *d.start > *d.due) std::abort();
  }
  for (const auto& m : d.matched)
    if (m.offset > text.size() || m.length > text.size() - m.offset) std::abort();
  for (const auto& th : d.thresholds)
    if (th.offset > text.size() || th.length > text.size() - th.offset || th.value.empty()) std::abort();
  (void)da06::describe(d);

  try {
    const da06::Period p = da06::parse_period(text, (size & 1) ? std::optional<int>(2024) : std::nullopt);
    if (da06::Period::parse_code(p.code()) != p) std::abort();
    (void)p.cutoff_window();
    (void)p.calendar_window();
  } catch (const da06::Error&) {
  }
  try {
    (void)da06::Period::parse_code(text);
  } catch (const da06::Error&) {
  }
  return 0;
}

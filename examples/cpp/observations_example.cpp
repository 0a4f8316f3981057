// observations_example — the README's example: every ratio of the embedded dataset, exact and as printed.
// The README shows this file from its first #include (tests/python/test_docs.py checks it); ctest builds and runs it.

#include <da06/io.hpp>
#include <da06/numbers.hpp>
#include <iostream>

int main() {
  da06::Framework fw = da06::default_framework();          // Thanh Hóa, H1/2024
  for (const da06::Observation& o : fw.observations())
    if (o.is_ratio())
      std::cout << o.id << ": " << da06::format_vn_ratio(da06::Ratio(*o.numerator, *o.denominator)) << " = "
                << da06::format_percent(da06::Ratio(*o.numerator, *o.denominator), 2) << "  (printed: "
                << o.published << ", line " << o.source.line << ")\n";
}

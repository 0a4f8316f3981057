// analysis_example — docs/analysis.md's example: the targets of the embedded report as of a date, and their JSON.
// docs/analysis.md shows this file from its first #include (tests/python/test_docs.py checks it); ctest builds and runs it.

#include <da06/analysis.hpp>
#include <da06/io.hpp>
#include <da06/json.hpp>

#include <iostream>

int main() {
  const auto fw = da06::default_framework();
  const auto cal = da06::Calendar::vietnam_public();
  for (const da06::TargetEvaluation& e : da06::evaluate_targets(fw, {2024, 6, 28}, cal))
    std::cout << e.target << ' ' << da06::to_string(e.status) << ' ' << e.value_display << '\n';
  const std::string json = da06::to_json(da06::indicators_report(fw, {2024, 6, 28}, cal));  // `da06 indicators --json`
  std::cout << json.size() << " bytes of JSON\n";
}

// task_status_example — docs/task-status.md's example: every task's status as of a date, and the JSON the CLI prints.
// docs/task-status.md shows this file from its first #include (tests/python/test_docs.py checks it); ctest builds and runs it.

#include <da06/io.hpp>
#include <da06/json.hpp>
#include <da06/status.hpp>

#include <iostream>

int main() {
  const auto fw = da06::default_framework();
  const auto cal = da06::Calendar::vietnam_public();
  const da06::StatusReport rep = da06::task_status_report(fw, boost::gregorian::date(2024, 6, 28), cal);
  std::cout << rep.summary.count(da06::Status::waiting) << " waiting\n";  // 17 waiting
  std::cout << da06::to_json(rep) << '\n';                               // what `da06 tasks --json` prints
}

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
}  // namespace v1
}  // namespace da06

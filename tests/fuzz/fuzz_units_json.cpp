// libFuzzer target: the units JSON reader (`load_hierarchy_json`: a bare array of units, or a framework
// file's `units`).
//
// Properties, whatever the bytes:
//   * it returns (never throws); every error is located inside the input (file, line, column);
//   * a unit rejected as a whole (an error at `$[N]` or `$.units[N]` that rejects the unit: the
//     hierarchy's checks) is located at that object's `{` (the reader takes it from its one pass);
//   * the hierarchy holds only valid units (fuzz_hierarchy.hpp);
//   * round trip: the kept units written as a framework file read again, with no diagnostic, to the
//     same units; and the same units as a bare array read to the same units.
#include <da06/hierarchy.hpp>
#include <da06/io.hpp>
#include <da06/model.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_hierarchy.hpp"

namespace {

/// The byte at (line, column) of `body`, columns counting code points; -1 past the text.
int byte_at(std::string_view body, int line, int column) {
  std::size_t i = 0;
  for (int l = 1; l < line; ++l) {
    i = body.find('\n', i);
    if (i == std::string_view::npos) return -1;
    ++i;
  }
  for (int c = 1; c < column && i < body.size(); ++c) {
    ++i;
    while (i < body.size() && (static_cast<unsigned char>(body[i]) & 0xC0) == 0x80) ++i;  // continuation bytes
  }
  return i < body.size() ? static_cast<unsigned char>(body[i]) : -1;
}

/// `$[N]` or `$.units[N]`: the path of a unit object.
bool unit_path(std::string_view p) {
  for (std::string_view head : {std::string_view("$["), std::string_view("$.units[")})
    if (p.substr(0, head.size()) == head && p.size() > head.size() + 1 && p.back() == ']') {
      const std::string_view digits = p.substr(head.size(), p.size() - head.size() - 1);
      return digits.find_first_not_of("0123456789") == std::string_view::npos;
    }
  return false;
}

void check_reads_back(const std::string& text, const char* form, const da06::Hierarchy& h) {
  const da06::HierarchyLoad r = da06::load_hierarchy_json(text, "again.json");
  const std::string first = r.diagnostics.empty() ? std::string() : r.diagnostics.front().to_string();
  FUZZ_CHECK(r.diagnostics.empty(), std::string("the written units (") + form + ") do not load cleanly: " + first);
  FUZZ_CHECK(r.hierarchy.units() == h.units(), std::string("the written units (") + form + ") load to different units");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "units.json";
  const da06::HierarchyLoad r = da06::load_hierarchy_json(text, file);
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf);
  for (const auto& d : r.diagnostics) da06_fuzz::check_located(d.where, d.message, lines, file);
  const std::string_view body = text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
  for (const auto& d : r.diagnostics)
    if (d.severity == da06::Severity::error && unit_path(d.where.path) && d.message.rfind("a unit must be an object", 0) != 0 &&
        d.message.size() >= 9 && d.message.compare(d.message.size() - 9, 9, "rejected)") == 0)
      FUZZ_CHECK(byte_at(body, d.where.line, d.where.column) == '{',
                 "an error about a unit is not located at its '{': " + d.to_string());

  const da06::Hierarchy& h = r.hierarchy;
  da06_fuzz::check_hierarchy(h);
  if (h.size() == 0) return 0;

  da06::FrameworkData fd;
  fd.id = "fuzz";
  fd.units = h.units();
  const std::string framework = da06::write_framework_json(da06::Framework(fd));
  check_reads_back(framework, "a framework", h);
  // The bare array: the framework's "units" member, cut out of the written text.
  const std::size_t key = framework.find("\"units\": [");
  FUZZ_CHECK(key != std::string::npos, "no units array in the written framework");
  std::size_t at = key + 9, depth = 0, end = at;
  bool in_string = false;
  for (; end < framework.size(); ++end) {
    const char c = framework[end];
    if (in_string) {
      if (c == '\\') ++end;
      else if (c == '"') in_string = false;
    } else if (c == '"') in_string = true;
    else if (c == '[' || c == '{') ++depth;
    else if ((c == ']' || c == '}') && --depth == 0) break;
  }
  check_reads_back(framework.substr(at, end + 1 - at), "a bare array", h);
  return 0;
}

// The framework file reader (docs/data-format.md): one pass over the text, straight into typed
// records through the field tables (framework_fields.hpp), then the cross-checks. Diagnostics are
// located at the end, in one more pass over the text for all of them.
#include "framework_reader.hpp"

#include "da06/status.hpp"

#include <algorithm>

extern const unsigned char da06_embedded_default_dataset[];
extern const std::size_t da06_embedded_default_dataset_size;

namespace da06 {
inline namespace v1 {


std::size_t LoadResult::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}
std::size_t LoadResult::warning_count() const { return diagnostics.size() - error_count(); }


LoadResult load_framework_json(std::string_view text, std::string_view file_name, const InputLimits& limits) {
  LoadResult result;
  std::string file(file_name);
  if (text.size() > limits.max_bytes) {
    result.diagnostics.push_back({Severity::error, Location{file, 0, 0, "", ""},
                                  "the input is larger than the limit of " + std::to_string(limits.max_bytes) +
                                      " bytes (InputLimits::max_bytes)"});
    return result;
  }
  // A UTF-8 byte-order mark is allowed and skipped; columns on line 1 start after it.
  const std::size_t skipped = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::string_view body = text.substr(skipped);
  detail::LineIndex lines(body);
  FrameworkData data;
  detail::framework_format::SectionIds ids;
  detail::records::Sink sink(file, result.diagnostics);
  try {
    auto root = std::make_unique<detail::records::RecordFrame<FrameworkData>>(
        "$", detail::framework_format::framework_table(), sink, std::string(),
        [&data](FrameworkData&& d, bool, const std::string&) { data = std::move(d); });
    root->set_context(&ids);
    detail::records::read_events(body, file, lines, limits, std::move(root));
  } catch (const ParseError& e) {
    result.diagnostics.clear();
    result.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return result;
  }
  detail::framework_format::cross_check(sink, ids, data);
  detail::framework_format::warn_unread_deadlines(sink, ids, data, reference_year_of(data));
  detail::records::locate_diagnostics(body, lines, result.diagnostics);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  result.framework = Framework(std::move(data));
  return result;
}

LoadResult load_framework_file(const std::string& path, const InputLimits& limits) {
  std::string text;
  try {
    text = detail::read_file(path, limits);
  } catch (const DataError& e) {
    LoadResult r;
    r.diagnostics.push_back({Severity::error, e.where(), e.message()});
    return r;
  }
  return load_framework_json(text, path, limits);
}

Framework read_framework_file(const std::string& path) {
  LoadResult r = load_framework_file(path);
  if (!r.ok()) throw LoadError(std::move(r.diagnostics));
  return r.framework;
}

std::string_view default_dataset_json() {
  return {reinterpret_cast<const char*>(da06_embedded_default_dataset), da06_embedded_default_dataset_size};
}

Framework default_framework() {
  static const Framework fw = [] {
    LoadResult r = load_framework_json(default_dataset_json(), "<embedded:thanhhoa_2024h1.json>");
    if (!r.ok()) throw LoadError(std::move(r.diagnostics));  // a build defect; the tests catch it
    return r.framework;
  }();
  return fw;
}

}  // namespace v1
}  // namespace da06

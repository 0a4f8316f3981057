// da06/io.hpp — load, validate and write framework files (JSON with comments), and the embedded dataset.
//
//   da06::LoadResult r = da06::load_framework_file("my.json");
//   for (const auto& d : r.diagnostics) std::cerr << d.to_string() << '\n';   // FILE:LINE:COL: $.path: message
//   if (r.ok()) use(r.framework);
//
//   da06::Framework fw = da06::default_framework();   // Thanh Hóa H1/2024, compiled in
#pragma once

#include "error.hpp"
#include "input.hpp"
#include "model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

/// The outcome of a load: the framework built from every valid record, and every diagnostic.
/// A record with an error is left out (and named in its diagnostic); the rest are kept.
struct LoadResult {
  Framework framework;
  std::vector<Diagnostic> diagnostics;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool ok() const { return error_count() == 0; }
};

/// Parse framework JSON from memory. Never throws on bad input: problems become diagnostics.
/// `file_name` is only used in locations.
LoadResult load_framework_json(std::string_view text, std::string_view file_name = "<string>",
                               const InputLimits& limits = {});

/// Read and parse a file. An unreadable file is one error diagnostic.
LoadResult load_framework_file(const std::string& path, const InputLimits& limits = {});

/// Strict variant: returns the framework, or throws LoadError listing every error.
Framework read_framework_file(const std::string& path);

/// The embedded default dataset (Thanh Hóa, H1/2024), parsed once and shared.
Framework default_framework();
/// The embedded dataset's JSON text.
std::string_view default_dataset_json();

/// Serialize a framework to the data format. load(write(fw)) == fw.
std::string write_framework_json(const Framework& fw);

/// The JSON Schema of the data format (data/schema/framework.schema.json, `da06 schema`), generated
/// from the same field tables as the reader and the writer.
std::string framework_schema_json();

}  // namespace v1
}  // namespace da06

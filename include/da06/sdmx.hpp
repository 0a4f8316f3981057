// da06/sdmx.hpp — a framework's observations (and the values its change lines imply) as SDMX-CSV.
//
// SDMX-CSV 2.0 style: one header line, one row per observation, RFC 4180 quoting, CRLF line ends,
// UTF-8 without a byte-order mark. Layout and codes: docs/audit.md ("SDMX-CSV export").
//
//   std::string csv = da06::sdmx_csv(da06::default_framework());   // == `da06 export sdmx`
//   // STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,SERVICE,OBS_ID,UNIT_MEASURE,UNIT_MULT,
//   // OBS_VALUE,DECIMALS,OBS_STATUS,QUALIFIER,NUMERATOR,DENOMINATOR,PUBLISHED,PUBLISHED_VALUE,AUDIT,SOURCE_LINE
#pragma once

#include "model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

struct SdmxOptions {
  /// The STRUCTURE_ID column (an SDMX dataflow reference, AGENCY:ID(VERSION)).
  std::string structure_id = "DA06:DF_DEAN06(1.0)";
  /// Add one row (OBS_STATUS=E) per change line for the earlier value it implies (current − delta).
  bool derived_rows = true;
  /// Run the audit and list, in the AUDIT column, the findings that name each observation.
  bool audit = true;
};

/// The column names, in order.
const std::vector<std::string>& sdmx_columns();

/// One CSV field quoted as RFC 4180 requires: `"a, b"` → `"\"a, b\""`; quotes doubled; plain text unchanged.
std::string csv_field(std::string_view text);

/// The observations of `fw` as SDMX-CSV (header + rows, CRLF).
std::string sdmx_csv(const Framework& fw, const SdmxOptions& options = {});

}  // namespace v1
}  // namespace da06

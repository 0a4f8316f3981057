// Internal: `read_table`, the one reader of a CSV table with a header, under every CSV format of da06
// (units, counts, mapping). It gives each format the same contract:
//
//  * the text is checked first (invalid UTF-8, a NUL byte, UTF-16: one located error, nothing read);
//  * columns are found by name in the header, in any order; a missing column, an empty or repeated
//    header name stops the file with one message (never one per row);
//  * columns the format does not know are kept (the reader gets them by name) and each format says
//    what it does with them;
//  * Excel's habits are detected where unambiguous and said in a warning: a UTF-8 byte-order mark,
//    ';' between fields (Excel on a locale whose decimal separator is ',', such as Vietnamese), and
//    (`read_count`) thousands written "1.004";
//  * a row with fewer fields than the header is an error located at its end (row skipped), one with
//    more a warning; every error is located FILE:LINE:COL: field: message.
#pragma once

#include "csv.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06::inline v1::detail {

/// What a format expects of a table's header.
struct TableSpec {
  std::vector<std::string_view> required;  ///< columns the header must have, by name, in any order
  std::vector<std::string_view> optional;  ///< columns it may have
};

/// The header as found: where each column of the spec is, and the other columns.
struct TableHeader {
  char separator = ',';
  int line = 1;
  std::vector<int> column_of;            ///< spec column k (required, then optional) → field index, or −1
  std::vector<std::string> extra;        ///< names of the columns the spec does not have, header order
  std::vector<std::size_t> extra_index;  ///< their field indices
  std::vector<CsvField> names;           ///< every header field, as read (for locations)
  bool has(std::size_t k) const { return column_of[k] >= 0; }
};

/// One data row with at least as many fields as the header.
struct TableRow {
  const TableHeader* header = nullptr;
  const CsvRow* row = nullptr;
  int line() const { return row->line; }
  /// The cell of spec column k, or nullptr when the header does not have that (optional) column.
  const CsvField* cell(std::size_t k) const {
    const int c = header->column_of[k];
    return c < 0 ? nullptr : &row->fields[static_cast<std::size_t>(c)];
  }
  /// The trimmed text of spec column k ("" when absent).
  std::string_view text(std::size_t k) const;
  /// The cell of extra column j.
  const CsvField& extra(std::size_t j) const { return row->fields[header->extra_index[j]]; }
};

/// Reads `text` as a table of `spec`, calling `on_row` for each data row (in file order). Problems go
/// to `diags`. Returns the header, or nullopt when the table cannot be read at all (bad text, no
/// header, a bad header: one error each). An unterminated quote ends the reading with a located error.
std::optional<TableHeader> read_table(std::string_view text, const std::string& file, const TableSpec& spec,
                                      std::vector<Diagnostic>& diags,
                                      const std::function<void(const TableRow&)>& on_row);

/// A CSV text's own problem (invalid UTF-8, a NUL byte, UTF-16), located, "(file not read)"; or
/// nothing. Every CSV reader checks this before it reads a field.
std::optional<Diagnostic> csv_text_problem(std::string_view text, const std::string& file);

/// The first header name given twice (empty names are not compared), located at its second field
/// (`header: the header names the column "unit" twice (columns 1 and 6); the file is not read`), or
/// nothing. Repeated names stop a file: which of the two would a row's value be? Linear in the names.
std::optional<Diagnostic> repeated_column(const std::vector<std::string_view>& names, const std::vector<CsvField>& fields,
                                          const std::string& file);

/// The header fields as one line for messages: `id, parent, lvl`.
std::string header_list(const std::vector<std::string_view>& names);

/// A count: a decimal integer within int64, also written with '.' between thousands ("1.004",
/// "12.345.678": Vietnamese number text, as Excel on a Vietnamese locale writes it). Counts are whole,
/// so such a number cannot be a decimal fraction: it is read as 1004, and `Thousands` remembers the
/// first one for a single warning per file.
struct Thousands {
  std::size_t count = 0;
  std::optional<Diagnostic> first;
  /// The warning (once), or nothing when no number was written that way.
  void flush(std::vector<Diagnostic>& diags);
};
std::optional<std::int64_t> read_count(const CsvField& f, std::string_view field, const std::string& file,
                                       Thousands& thousands, std::string& error);

}  // namespace da06::inline v1::detail

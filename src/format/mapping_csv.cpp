// The mapping CSV: `old_id,new_id,share` (columns by name, any order), the share of an old unit that
// went to a new one as a plain decimal ("0.25", "1"). In a file whose fields are separated by ';'
// (Excel on a Vietnamese locale) the decimal separator is ',': "0,25" is read as 0.25, and said so.
#include "table.hpp"

#include "da06/aggregate.hpp"

#include <algorithm>

namespace da06::inline v1 {

namespace {
enum Col : std::size_t { kOld, kNew, kShare };
const detail::TableSpec kSpec{{"old_id", "new_id", "share"}, {}};
}  // namespace

MappingLoad load_mapping_csv(std::string_view text, const std::string& file) {
  std::vector<MappingEntry> entries;
  std::vector<Diagnostic> early;
  std::optional<Diagnostic> comma_note;
  auto header = detail::read_table(text, file, kSpec, early, [&](const detail::TableRow& row) {
    MappingEntry e;
    e.old_id = std::string(row.text(kOld));
    e.new_id = std::string(row.text(kNew));
    bool ok = true;
    for (std::size_t c : {kOld, kNew})
      if (row.text(c).empty()) {
        early.push_back(detail::csv_error(file, *row.cell(c), kSpec.required[c],
                                          "empty " + std::string(kSpec.required[c]) + " (row skipped)"));
        ok = false;
      }
    std::string share(row.text(kShare));
    const detail::CsvField& sf = *row.cell(kShare);
    if (row.header->separator == ';' && std::count(share.begin(), share.end(), ',') == 1 &&
        share.find('.') == std::string::npos) {
      std::replace(share.begin(), share.end(), ',', '.');
      if (!comma_note)
        comma_note = Diagnostic{Severity::warning, Location{file, sf.line, sf.column, "share", "share"},
                                "shares written with a decimal comma (" + detail::quoted_excerpt(row.text(kShare), 40) +
                                    ") are read as decimals, as the ';'-separated file implies"};
    }
    try {
      e.share = Decimal::parse(share);
    } catch (const Error&) {
      // The parser's own message quotes the whole text again; ours quotes a bounded excerpt once.
      early.push_back(detail::csv_error(file, sf, "share",
                                        detail::quoted_excerpt(row.text(kShare), 40) +
                                            " is not a plain decimal such as \"0.25\" or \"1\" (row skipped)"));
      ok = false;
    }
    if (!ok) return;
    e.where = Location{file, sf.line, sf.column, "", ""};
    e.old_where = Location{file, row.cell(kOld)->line, row.cell(kOld)->column, "", ""};
    e.new_where = Location{file, row.cell(kNew)->line, row.cell(kNew)->column, "", ""};
    entries.push_back(std::move(e));
  });
  if (comma_note) early.push_back(std::move(*comma_note));
  if (header && !header->extra.empty())
    early.push_back({Severity::warning, Location{file, header->line, header->names[header->extra_index[0]].column, "header", "header"},
                     "column(s) " + detail::header_list({header->extra.begin(), header->extra.end()}) +
                         " are not mapping columns and are ignored"});
  MappingLoad r = build_mapping(std::move(entries), file);
  r.diagnostics.insert(r.diagnostics.begin(), early.begin(), early.end());
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
  return r;
}

}  // namespace da06::inline v1

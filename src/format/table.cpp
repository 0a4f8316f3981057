// read_table: the header by name, Excel's habits detected, rows handed to the format (see table.hpp).
#include "table.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace da06::inline v1::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Levenshtein distance of two short names, case-insensitive (a typo in a header: "valid_too", "Level").
std::size_t distance(std::string_view a0, std::string_view b0) {
  const std::string a = lower(a0), b = lower(b0);
  if (a.size() > 64 || b.size() > 64) return 64;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
bool near(std::string_view written, std::string_view name) {
  return distance(written, name) <= (name.size() <= 4 ? 1u : 2u);
}

std::vector<std::string_view> all_columns(const TableSpec& spec) {
  std::vector<std::string_view> v = spec.required;
  v.insert(v.end(), spec.optional.begin(), spec.optional.end());
  return v;
}

/// How many required columns a header row has.
std::size_t found(const CsvRow& row, const TableSpec& spec) {
  std::size_t n = 0;
  for (auto want : spec.required)
    n += std::any_of(row.fields.begin(), row.fields.end(), [&](const CsvField& f) { return trim(f.text) == want; });
  return n;
}

/// The first record of `text` read with separator `sep` (nullopt when there is none).
std::optional<CsvRow> first_record(std::string_view text, char sep, const std::string& file) {
  CsvReader rd(text, sep);
  CsvRow row;
  if (!rd.next(row, file)) return std::nullopt;
  return row;
}

Location at(const std::string& file, int line, int column, std::string_view field) {
  return Location{file, line, column, std::string(field), std::string(field)};
}

}  // namespace

std::string header_list(const std::vector<std::string_view>& names) {
  // Bounded: the first 20 names, then how many more (a header may have a hundred thousand).
  constexpr std::size_t kShown = 20;
  std::string s;
  for (std::size_t k = 0; k < names.size() && k < kShown; ++k) s += (k == 0 ? "" : ", ") + excerpt(names[k], 40);
  if (names.size() > kShown) s += ", … (" + std::to_string(names.size()) + " columns)";
  return s;
}

std::string_view TableRow::text(std::size_t k) const {
  const CsvField* f = cell(k);
  return f ? trim(f->text) : std::string_view{};
}

void Thousands::flush(std::vector<Diagnostic>& diags) {
  if (!first) return;
  Diagnostic d = *first;
  if (count > 1) d.message += " (" + std::to_string(count) + " numbers in the file)";
  diags.push_back(std::move(d));
  first.reset();
}

std::optional<std::int64_t> read_count(const CsvField& f, std::string_view field, const std::string& file,
                                       Thousands& thousands, std::string& error) {
  const std::string_view s = trim(f.text);
  if (auto v = parse_int64(s, error)) return v;
  // "1.004", "12.345.678": 1 to 3 digits, then groups of exactly 3 after each '.'.
  std::size_t i = s.size() && s[0] == '-' ? 1 : 0, digits = 0, groups = 0;
  bool grouped = true;
  std::string plain(s.substr(0, i));
  for (std::size_t run = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      grouped = grouped && (groups == 0 ? run >= 1 && run <= 3 : run == 3);
      ++groups;
      run = 0;
      if (i == s.size()) break;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') {
      grouped = false;
      break;
    }
    plain += s[i];
    ++run;
    ++digits;
  }
  if (!grouped || groups < 2) return std::nullopt;
  std::string err;
  auto v = parse_int64(plain, err);
  if (!v) {
    error = quoted_excerpt(s, 40) + " does not fit in a signed 64-bit integer";
    return std::nullopt;
  }
  if (!thousands.first) {
    Diagnostic d;
    d.severity = Severity::warning;
    d.where = at(file, f.line, f.column, field);
    d.message = "numbers written with '.' between thousands, as Vietnamese Excel writes them, are read as whole "
                "counts: " + quoted_excerpt(s, 40) + " is " + std::to_string(*v);
    thousands.first = std::move(d);
  }
  ++thousands.count;
  error.clear();
  return v;
}

namespace {
/// The data rows, after the header (part of read_table).
TableHeader read_rows(std::string_view text, const std::string& file, TableHeader h, const CsvRow& head,
                      const std::vector<std::string_view>& written, std::vector<Diagnostic>& diags,
                      const std::function<void(const TableRow&)>& on_row);
}  // namespace

std::optional<Diagnostic> csv_text_problem(std::string_view text, const std::string& file) {
  auto [why, offset] = check_text(text);
  if (why.empty()) return std::nullopt;
  Diagnostic d;
  d.where.file = file;
  csv_position(text, offset, d.where.line, d.where.column);
  d.message = std::move(why) + " (file not read)";
  return d;
}

std::optional<Diagnostic> repeated_column(const std::vector<std::string_view>& names, const std::vector<CsvField>& fields,
                                          const std::string& file) {
  std::unordered_map<std::string_view, std::size_t> first_of;  // a header of 100 000 names stays linear
  for (std::size_t a = 0; a < names.size(); ++a) {
    if (names[a].empty()) continue;
    auto [it, fresh] = first_of.emplace(names[a], a);
    if (fresh) continue;
    return Diagnostic{Severity::error, at(file, fields[a].line, fields[a].column, "header"),
                      "the header names the column " + quoted_excerpt(names[a], 40) + " twice (columns " +
                          std::to_string(it->second + 1) + " and " + std::to_string(a + 1) + "); the file is not read"};
  }
  return std::nullopt;
}

std::optional<TableHeader> read_table(std::string_view text, const std::string& file, const TableSpec& spec,
                                      std::vector<Diagnostic>& diags,
                                      const std::function<void(const TableRow&)>& on_row) {
  // 1. The text itself.
  if (auto d = csv_text_problem(text, file)) {
    diags.push_back(std::move(*d));
    return std::nullopt;
  }
  const std::vector<std::string_view> columns = all_columns(spec);
  const std::string wanted = header_list(spec.required);
  try {
    // 2. The header, and the separator: ',' unless only ';' gives a header with every required column.
    TableHeader h;
    auto comma = first_record(text, ',', file);
    if (!comma) {
      diags.push_back({Severity::error, at(file, 1, 1, ""), "empty file (expected a header with the columns " + wanted + ")"});
      return std::nullopt;
    }
    CsvRow head = std::move(*comma);
    if (found(head, spec) < spec.required.size()) {
      auto semi = first_record(text, ';', file);
      if (semi && found(*semi, spec) == spec.required.size()) {
        head = std::move(*semi);
        h.separator = ';';
      }
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
      diags.push_back({Severity::warning, at(file, 1, 1, ""), "a UTF-8 byte-order mark (as Excel writes one) was skipped"});
    if (h.separator == ';')
      diags.push_back({Severity::warning, at(file, head.line, 1, "header"),
                       "fields are separated by ';' (as Excel writes CSV on a locale whose decimal separator is ',', "
                       "such as Vietnamese); the file is read that way"});
    h.line = head.line;
    h.names = head.fields;
    h.column_of.assign(columns.size(), -1);
    std::vector<std::string_view> written;
    for (const auto& f : head.fields) written.push_back(trim(f.text));
    if (auto d = repeated_column(written, head.fields, file)) {
      diags.push_back(std::move(*d));
      return std::nullopt;
    }
    for (std::size_t c = 0; c < written.size(); ++c) {
      auto k = std::find(columns.begin(), columns.end(), written[c]);
      if (k != columns.end()) {
        h.column_of[static_cast<std::size_t>(k - columns.begin())] = static_cast<int>(c);
      } else if (!written[c].empty()) {
        h.extra.emplace_back(written[c]);
        h.extra_index.push_back(c);
      }
    }
    // A missing required column: one message for the file, naming what the header has, and a column
    // that looks like a typo of it.
    std::vector<std::string_view> missing;
    for (std::size_t k = 0; k < spec.required.size(); ++k)
      if (h.column_of[k] < 0) missing.push_back(spec.required[k]);
    auto typo_of = [&](std::string_view name) -> std::optional<std::size_t> {
      for (std::size_t j = 0; j < h.extra.size(); ++j)
        if (near(h.extra[j], name)) return h.extra_index[j];
      return std::nullopt;
    };
    if (!missing.empty()) {
      std::string names;
      for (std::size_t m = 0; m < missing.size(); ++m)
        names += (m == 0 ? "" : m + 1 == missing.size() ? " or " : ", ") + ("\"" + std::string(missing[m]) + "\"");
      std::string msg = "the header has no column " + names + " (required: " + wanted + "; found: " + header_list(written) + ")";
      int line = head.line, column = 1;
      std::string end = ".";
      for (auto m : missing)
        if (auto c = typo_of(m)) {
          msg += "; is " + quoted_excerpt(written[*c], 40) + " meant to be \"" + std::string(m) + "\"";
          end = "?";
          line = head.fields[*c].line;
          column = head.fields[*c].column;
          break;
        }
      diags.push_back({Severity::error, at(file, line, column, "header"), msg + end + " The file is not read."});
      return std::nullopt;
    }
    // A column that looks like a typo of a missing optional one would silently leave it empty: say so.
    for (std::size_t k = spec.required.size(); k < columns.size(); ++k)
      if (h.column_of[k] < 0)
        if (auto c = typo_of(columns[k]))
          diags.push_back({Severity::warning, at(file, head.fields[*c].line, head.fields[*c].column, "header"),
                           "is the column " + quoted_excerpt(written[*c], 40) + " meant to be \"" +
                               std::string(columns[k]) + "\"? It is read as an extra column, and \"" +
                               std::string(columns[k]) + "\" as absent"});
    // Columns without a name: one warning for all of them, at the first.
    std::size_t unnamed = 0, first_unnamed = 0;
    for (std::size_t c = 0; c < written.size(); ++c)
      if (written[c].empty() && unnamed++ == 0) first_unnamed = c;
    if (unnamed == 1)
      diags.push_back({Severity::warning, at(file, head.fields[first_unnamed].line, head.fields[first_unnamed].column, "header"),
                       "column " + std::to_string(first_unnamed + 1) + " has no name; its cells are ignored"});
    else if (unnamed > 1)
      diags.push_back({Severity::warning, at(file, head.fields[first_unnamed].line, head.fields[first_unnamed].column, "header"),
                       std::to_string(unnamed) + " columns have no name (the first is column " +
                           std::to_string(first_unnamed + 1) + "); their cells are ignored"});

    return read_rows(text, file, std::move(h), head, written, diags, on_row);
  } catch (const ParseError& e) {
    diags.push_back({Severity::error, e.where(), e.message() + " (file not read)"});
    return std::nullopt;
  }
}

namespace {
TableHeader read_rows(std::string_view text, const std::string& file, TableHeader h, const CsvRow& head,
                      const std::vector<std::string_view>& written, std::vector<Diagnostic>& diags,
                      const std::function<void(const TableRow&)>& on_row) {
  try {
    CsvReader rd(text, h.separator);
    CsvRow row;
    rd.next(row, file);  // the header again
    const std::size_t width = head.fields.size();
    std::size_t long_rows = 0;
    int first_long = 0, first_long_column = 0;
    TableRow view;
    view.header = &h;
    view.row = &row;
    while (rd.next(row, file)) {
      if (row.fields.size() < width) {
        const std::string_view field = written[row.fields.size()];
        diags.push_back(csv_error(file, row.end(), field,
                                  "row has " + std::to_string(row.fields.size()) + " fields, expected " +
                                      std::to_string(width) + " (row skipped)"));
        continue;
      }
      if (row.fields.size() > width &&
          std::any_of(row.fields.begin() + static_cast<std::ptrdiff_t>(width), row.fields.end(),
                      [](const CsvField& f) { return !trim(f.text).empty(); })) {
        if (!long_rows++) first_long = row.fields[width].line, first_long_column = row.fields[width].column;
      }
      on_row(view);
    }
    if (long_rows)
      diags.push_back({Severity::warning, at(file, first_long, first_long_column, ""),
                       std::to_string(long_rows) + " row(s) have more fields than the header's " +
                           std::to_string(width) + " (the first here); the extra fields are ignored"});
  } catch (const ParseError& e) {
    diags.push_back({Severity::error, e.where(), e.message() + " (rest of the file skipped)"});
  }
  return h;
}

}  // namespace

}  // namespace da06::inline v1::detail

// The bad-input catalogue (tests/data/bad/catalogue.tsv), C++ face: every row whose faces include
// `cpp` is read with the C++ reader and must give the stated answer. The CLI, C and Python faces of the
// same rows are checked by tests/python/test_bad_input_catalogue.py; docs/reliability.md explains the columns.
#include <doctest/doctest.h>

#include <da06/aggregate.hpp>
#include <da06/calendar.hpp>
#include <da06/dossier_index.hpp>
#include <da06/dossier_io.hpp>
#include <da06/hierarchy.hpp>
#include <da06/io.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string kBad = DA06_SOURCE_DIR "/tests/data/bad/";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Answer {
  int exit = 0;  // 0 accepted, 1 invalid data, 2 usage (InvalidArgument), 70 anything else
  std::vector<da06::Diagnostic> errors;
  std::string detail;
};

template <class F>
Answer catching(F&& f) {
  Answer a;
  try {
    f(a);
  } catch (const da06::InvalidArgument& e) {
    a.exit = 2;
    a.errors.push_back({da06::Severity::error, e.where(), e.what()});
  } catch (const da06::Error& e) {
    a.exit = 1;
    a.errors.push_back({da06::Severity::error, e.where(), e.what()});
  } catch (const std::exception& e) {
    a.exit = 70;
    a.detail = std::string("not a da06 error: ") + e.what();
  }
  return a;
}

void take(Answer& a, const std::vector<da06::Diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == da06::Severity::error) a.errors.push_back(d);
  if (!a.errors.empty()) a.exit = 1;
}

Answer read(const std::string& reader, const std::string& path) {
  return catching([&](Answer& a) {
    if (reader == "framework") take(a, da06::load_framework_file(path).diagnostics);
    else if (reader == "units") take(a, da06::load_hierarchy_file(path).diagnostics);
    else if (reader == "counts") take(a, da06::load_counts_file(path).diagnostics);
    else if (reader == "mapping") take(a, da06::load_mapping_csv(slurp(path), path).diagnostics);
    else if (reader == "schedule") (void)da06::Calendar::vietnam_public().with_schedule(slurp(path));
    else if (reader == "dossiers") take(a, da06::load_dossier_file(path).diagnostics);
    else if (reader == "rules") (void)da06::load_index_rules(slurp(path), path);
    else FAIL("no C++ face for the reader ", reader);
  });
}

// Does the answer match the row? Returns "" when it does, else what differs.
std::string mismatch(const Answer& a, int exit, const std::string& where, const std::string& message) {
  if (a.exit != exit) return "exit " + std::to_string(a.exit) + ", expected " + std::to_string(exit) + " " + a.detail;
  if (exit == 0) return "";
  for (const auto& d : a.errors) {
    bool said = message == "-";
    for (const auto& m : split(message, '|')) said = said || d.to_string().find(m) != std::string::npos;  // "a|b": either
    if (!said) continue;
    if (where == "-") return "";
    if (where[0] == '$') {
      if (d.where.path == where) return "";
    } else {
      const auto lc = split(where, ':');
      if (d.where.line == std::stoi(lc[0]) && d.where.column == std::stoi(lc[1])) return "";
    }
  }
  return "no error with \"" + message + "\" at " + where;
}

}  // namespace

TEST_CASE("bad-input catalogue: the C++ readers") {
  std::ifstream in(kBad + "catalogue.tsv");
  REQUIRE(in);
  std::string line;
  int rows = 0, xfail_rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto c = split(line, '\t');
    REQUIRE(c.size() == 8);
    const auto faces = split(c[3], ',');
    if (std::find(faces.begin(), faces.end(), "cpp") == faces.end()) continue;
    const std::string &name = c[0], &reader = c[1], &input = c[2], &where = c[5], &message = c[6], &xfail = c[7];
    REQUIRE_MESSAGE(input.rfind("gen:", 0) != 0, name, ": generated inputs are for the Python-driven faces");
    const Answer a = read(reader, kBad + input);
    std::string all;
    for (const auto& d : a.errors) all += d.to_string().substr(0, 300) + "\n";
    CAPTURE(name);
    CAPTURE(all);
    const std::string why = mismatch(a, std::stoi(split(c[4], ' ')[0]), where, message);
    // "[py,c] reason" marks only those faces.
    const bool xfails = xfail != "-" && (xfail[0] != '[' || xfail.find("cpp") < xfail.find(']'));
    if (!xfails) {
      CHECK_MESSAGE(a.exit != 70, name, ": ", a.detail);
      CHECK_MESSAGE(why.empty(), name, ": ", why);
    } else {
      CHECK_MESSAGE(!why.empty(), name, " now gives the expected answer: remove its xfail mark (", xfail, ")");
      ++xfail_rows;
    }
    ++rows;
  }
  CHECK(rows >= 60);
  MESSAGE(rows, " catalogue rows read with the C++ readers, ", xfail_rows, " marked xfail");
}

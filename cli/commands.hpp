// Internal to the CLI: argument parsing and the command entry points.
#pragma once

#include <da06/io.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace da06::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `--flag`, `--key value` / `--key=value`, and positionals, in any order.
struct Args {
  Args(int argc, char** argv);
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--data" -> "x.json"; flags map to ""
  bool flag(const std::string& name) const { return options.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  /// Fail on options that the command does not know.
  void allow(std::initializer_list<const char*> names) const;
};

/// --data PATH, or the embedded dataset. Load errors are printed and thrown as LoadError.
Framework load_data(const Args& args);

int usage(std::ostream& os, int code);
int cmd_validate(const Args& args);
int cmd_show(const Args& args);
int cmd_report(const Args& args);

}  // namespace da06::cli

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
  /// Every command's input limits; `--max-input-bytes N` (accepted by every command) sets the size.
  InputLimits limits;
  bool flag(const std::string& name) const { return options.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  /// Fail on options that the command does not know.
  void allow(std::initializer_list<const char*> names) const;
};

/// --data PATH, or the embedded dataset. Load errors are printed and thrown as LoadError.
Framework load_data(const Args& args);

int usage(std::ostream& os, int code);

/// A top-level command. Each cli/cmd_<area>.cpp registers its own with a static Registrar:
///   static const Registrar reg{"audit", cmd_audit, "da06 audit [--data PATH] [--json] [--strict]", "findings"};
struct Command {
  const char* name;
  int (*run)(const Args&);
  const char* synopsis;  ///< one usage line
  const char* summary;   ///< what it does, a few words
};
std::vector<Command>& command_table();
struct Registrar {
  explicit Registrar(Command c) { command_table().push_back(c); }
};

/// ISO date option (e.g. --as-of), or nullopt when absent; a bad date is a UsageError.
std::optional<Date> date_option(const Args& args, const std::string& name);
/// JSON printing shared by the commands (2-space indent, UTF-8).
void print_json_text(const std::string& dumped);
int cmd_validate(const Args& args);
int cmd_show(const Args& args);
int cmd_report(const Args& args);

}  // namespace da06::cli

// The `da06` command-line program: validate, show and report on framework files.
#include "commands.hpp"

#include <da06/version.hpp>

#include <cstring>
#include <string>
#include <iostream>

namespace da06::cli {

int usage(std::ostream& os, int code) {
  os << "da06 " DA06_VERSION_STRING " — Đề án 06 framework, deadlines and exact indicators\n"
        "\n"
        "usage:\n"
        "  da06 validate PATH                      check a framework file; one line per error:\n"
        "                                          FILE:LINE:COL: JSON.PATH: message (exit 1 on errors)\n"
        "  da06 show tasks [--data PATH] [--json]  the tasks, and each group's declared and actual count\n"
        "  da06 show indicators [--data PATH] [--json]\n"
        "                                          every observation: numbers, published text, source\n"
        "  da06 report [--data PATH] [--as-of DATE] [--json]\n"
        "                                          the main job: a summary of the framework\n"
        "  da06 report --chart headline|status_by_group|target_gaps [--data PATH] [--as-of DATE]\n"
        "                                          one chart of the summary as an SVG document\n"
        "  da06 version\n";
  for (const auto& c : command_table()) {
    std::string line = std::string("  ") + c.synopsis;
    os << line;
    if (line.size() < 42) os << std::string(42 - line.size(), ' ');
    else os << "\n" << std::string(42, ' ');
    os << c.summary << "\n";
  }
  os << "\n"
        "Without --data, commands use the embedded dataset (Thanh Hóa, first half of 2024).\n"
        "Dates are ISO YYYY-MM-DD.\n";
  return code;
}

}  // namespace da06::cli

int main(int argc, char** argv) {
  using namespace da06::cli;
  try {
    Args args(argc, argv);
    if (args.positional.empty()) return usage(std::cerr, 2);
    const std::string& cmd = args.positional[0];
    if (cmd == "help" || cmd == "--help" || cmd == "-h") return usage(std::cout, 0);
    if (cmd == "version" || cmd == "--version") {
      std::cout << "da06 " DA06_VERSION_STRING "\n";
      return 0;
    }
    if (cmd == "validate") return cmd_validate(args);
    if (cmd == "show") return cmd_show(args);
    if (cmd == "report") return cmd_report(args);
    for (const auto& c : command_table())
      if (cmd == c.name) return c.run(args);
    std::cerr << "da06: unknown command '" << cmd << "'\n";
    return usage(std::cerr, 2);
  } catch (const UsageError& e) {
    std::cerr << "da06: " << e.what() << "\n";
    return 2;
  } catch (const da06::LoadError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << "\n";
    return 1;
  } catch (const da06::Error& e) {
    std::cerr << "da06: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "da06: internal error: " << e.what() << "\n";
    return 70;
  }
}

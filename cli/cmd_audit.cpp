// `da06 audit` (the report checked against itself) and `da06 export sdmx` (observations as SDMX-CSV).
#include "commands.hpp"

#include <da06/audit.hpp>
#include <da06/json.hpp>
#include <da06/sdmx.hpp>

#include <iostream>

namespace da06::cli {
namespace {

int cmd_audit(const Args& args) {
  args.allow({"--data", "--json", "--strict"});
  if (args.positional.size() > 1) throw UsageError("audit takes no arguments (use --data PATH)");
  Framework fw = load_data(args);
  AuditReport r = audit_report(fw);
  if (args.flag("--json")) {
    // Exactly audit_json(fw), which is also what the C ABI's da06_audit_json returns.
    print_json_text(to_json(r));
  } else {
    for (const Finding& f : r.findings)
      std::cout << "line " << (f.source.line > 0 ? std::to_string(f.source.line) : std::string("?")) << ": "
                << to_string(f.severity) << ": " << to_string(f.check) << ": " << f.message << "\n"
                << "    [" << f.id << "] " << f.published << "\n";
    std::cout << r.findings.size() << " finding" << (r.findings.size() == 1 ? "" : "s") << " (" << r.counts.error
              << " error, " << r.counts.warning << " warning, " << r.counts.info << " info)\n";
  }
  return args.flag("--strict") && r.counts.error > 0 ? 3 : 0;
}

int cmd_export(const Args& args) {
  args.allow({"--data"});
  if (args.positional.size() != 2 || args.positional[1] != "sdmx")
    throw UsageError("usage: da06 export sdmx [--data PATH]");
  Framework fw = load_data(args);
  std::cout << sdmx_csv(fw);
  return 0;
}

const Registrar reg_audit{{"audit", cmd_audit, "da06 audit [--data PATH] [--json] [--strict]",
                           "published figures checked against each other (--strict: exit 3 on errors)"}};
const Registrar reg_export{{"export", cmd_export, "da06 export sdmx [--data PATH]", "observations as SDMX-CSV"}};

}  // namespace
}  // namespace da06::cli

// tests/c/test_cxx_header.cpp — da06.h is usable from C++ (extern "C", no C-only constructs), compiled
// with -Wall -Wextra -pedantic -Werror, alongside the C++ headers that share its version macros.
#include <da06/c/da06.h>
#include <da06/version.hpp>

#include <cstdio>
#include <cstring>

int main() {
  static_assert(DA06_VERSION_NUMBER == da06::version_number, "header versions agree");
  da06_calendar* cal = nullptr;
  int32_t from = 0, n = 3, out = 0;
  da06_dossier_options opts = DA06_DOSSIER_OPTIONS_INIT;
  da06_deadline_options dopts = DA06_DEADLINE_OPTIONS_INIT;
  (void)dopts;
  if (da06_calendar_vn_public(&cal) != DA06_OK) return 1;
  if (da06_date_from_ymd(2024, 4, 26, &from) != DA06_OK) return 1;
  if (da06_calendar_add_workdays(cal, &from, &n, 1, &out) != DA06_OK) return 1;
  char iso[11];
  da06_date_format_iso(out, iso, sizeof iso);
  int32_t due = 0;
  if (da06_dossier_due(cal, from, 600, 3, &opts, nullptr, &due) != DA06_OK || due != out) return 1;
  da06_calendar_free(cal);
  std::printf("%s\n", iso);
  return std::strcmp(iso, "2024-05-04") == 0 ? 0 : 1;
}

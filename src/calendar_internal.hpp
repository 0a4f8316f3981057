// Internal: what calendar.cpp shares with the schedule reader (src/format/schedule_json.cpp) — the
// parts of a schedule document and the rules a rule or a year's schedule must satisfy.
#pragma once

#include "da06/calendar.hpp"
#include "da06/dates.hpp"
#include "da06/input.hpp"

#include <optional>
#include <string>
#include <vector>

namespace da06::inline v1::detail {

/// The compensation rule of a schedule document ("a holiday on a weekend gives the next working day off").
struct Compensation {
  bool enabled = true;
  std::optional<Date> effective_from;
  std::string source;
};

/// A schedule document: vn_public_schedules.json, one year's schedule, or an array of them.
struct ScheduleDocument {
  std::optional<Compensation> compensation;
  std::vector<HolidayRule> rules;
  std::vector<YearSchedule> schedules;
};

/// Why a rule is unusable, as "field: reason", or "" when it is fine.
std::string validate_rule(const HolidayRule& r);
/// Why a year's schedule is unusable (and which field), or "" when it is fine.
std::string validate_schedule(const YearSchedule& s, std::string* field);

/// Reads a schedule document. Throws LoadError carrying every located problem (FILE:LINE:COL:
/// $.path); a document with any error adds nothing.
ScheduleDocument read_schedule_json(std::string_view text, const std::string& file, const InputLimits& limits = {});

}  // namespace da06::inline v1::detail

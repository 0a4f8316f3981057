// Internal: the packed working-day tables of a DossierEngine, for da06's own fused batch kernels
// (count_dossiers). Valid while the engine lives.
#pragma once

#include "da06/dossier.hpp"

#include <cstdint>

namespace da06::detail {

struct WorkdayTables {
  const std::int32_t* start2 = nullptr;    ///< per day: prefix * 2 + is_workday
  const std::int32_t* workdays = nullptr;  ///< day numbers of the working days
  std::int64_t first_day = 0;              ///< day number of start2[0]
  std::int64_t days = 0;
  std::int64_t nwork = 0;
  std::int64_t cutoff = 0;                 ///< seconds after midnight; 86400 when no cut-off applies
  bool repeated_supplementation_is_late = false;
};

WorkdayTables workday_tables(const DossierEngine& engine);

}  // namespace da06::detail

// Internal: the shared state of a Series and the helpers its files share (series.cpp, task_match.cpp,
// diff.cpp, pace.cpp).
#pragma once

#include "da06/series.hpp"

#include <string>
#include <vector>

namespace da06::inline v1 {

struct Series::Impl {
  std::vector<Framework> reports;
  std::vector<Date> dates;
  SeriesOptions options;
  Calendar calendar;
  std::vector<SeriesObservation> observations;
  std::vector<Revision> revisions;
};

namespace detail::series {

/// The exact identity of an observation's figure: "n/d" for a ratio (not reduced), the value's exact
/// decimal (canonical), "true"/"false", "" for none. Two observations with equal text print the same figure.
std::string exact_figure(const Observation& o);

/// The same figure (numerator, denominator, value and rank base compared exactly).
bool same_figure(const Observation& a, const Observation& b);

/// Is the task done in the sense of the diff (done, done_maintained or done_late)?
bool is_done(Status s);

}  // namespace detail::series
}  // namespace da06::inline v1

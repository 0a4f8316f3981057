// da06/da06.hpp — everything: the model, loading, exact numbers, the calendar, deadlines.
#pragma once

#include "version.hpp"
#include "error.hpp"
#include "input.hpp"
#include "dates.hpp"
#include "numbers.hpp"
#include "model.hpp"
#include "io.hpp"
#include "lunar.hpp"
#include "calendar.hpp"
#include "time_limits.hpp"
#include "period.hpp"
#include "deadline.hpp"
#include "status.hpp"
#include "analysis.hpp"
#include "report.hpp"

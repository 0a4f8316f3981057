// Internal: the Vietnamese period phrases inside longer texts (period.cpp), for the deadline reader.
// Not part of the API.
#pragma once

#include "da06/period.hpp"
#include "vi_text.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace da06::inline v1::detail {

/// A period phrase found at tokens[pos, end).
struct PeriodPhrase {
  Period period;
  std::size_t end;         ///< one past the last token used
  bool year_from_default;  ///< the phrase had no year; default_year was used
};

/// Matches one period phrase ("quý II/2024", "6 tháng đầu năm 2024", "tháng 5 năm 2024", "năm 2024")
/// starting exactly at tokens[pos]; std::nullopt if none does. A yearless phrase uses `default_year`
/// and fails without it. Never throws for bad numbers (a month 13 simply does not match).
std::optional<PeriodPhrase> match_period_phrase(const std::vector<Token>& tokens, std::size_t pos,
                                                std::optional<int> default_year);

}  // namespace da06::inline v1::detail

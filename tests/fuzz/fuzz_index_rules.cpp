// libFuzzer target: the QĐ 766 rule-set reader (`load_index_rules`) and the points it scores.
//
// Properties, whatever the bytes:
//   * it returns a rule set or throws a da06::Error located inside the input, with a clean message;
//   * a rule set it returns passes `validate()`;
//   * round trip: `index_rules_to_json` of it reads back to a rule set that writes the same text;
//   * points: for every indicator and counts from tiny to INT64_MAX, `indicator_points` equals
//     ⌊max × min(1, (n/d)·(fn/fd) / threshold) + ½⌋ computed in exact rationals (the zero rule when a
//     denominator is 0), and never exceeds the indicator's maximum.
#include <da06/dossier_index.hpp>
#include <da06/error.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

using Rational = boost::multiprecision::cpp_rational;
using boost::multiprecision::cpp_int;

std::int64_t oracle(const da06::IndexIndicator& ind, std::int64_t n, std::int64_t d, std::int64_t fn, std::int64_t fd) {
  const bool factor = !ind.factor_numerator.empty();
  if (d == 0 || (factor && fd == 0)) return ind.on_zero == da06::ZeroRule::full ? ind.max_points : 0;
  Rational r = Rational(cpp_int(n), cpp_int(d));
  if (factor) r *= Rational(cpp_int(std::min(fn, fd)), cpp_int(fd));
  r /= Rational(cpp_int(ind.threshold_numerator), cpp_int(ind.threshold_denominator));
  if (r > 1) r = 1;
  const Rational x = r * ind.max_points + Rational(1, 2);
  const cpp_int floor = numerator(x) / denominator(x);  // x ≥ 0
  return static_cast<std::int64_t>(floor);
}

void check_points(const da06::IndexRules& rules) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const std::int64_t counts[] = {0, 1, 2, 3, 7, 4358, 4474, 999'999'999'999, 1'000'000'000'000, kMax / 3, kMax - 1, kMax};
  std::size_t checked = 0;
  for (const auto& ind : rules.indicators) {
    if (++checked > 6) break;  // the arithmetic is per indicator: a few suffice, and keep the run fast
    for (std::int64_t d : counts)
      for (std::int64_t n : counts) {
        if (n > d) continue;
        for (std::int64_t fd : {std::int64_t{0}, std::int64_t{5}, kMax})
          for (std::int64_t fn : {std::int64_t{0}, std::int64_t{4}, kMax / 2, kMax}) {
            const std::int64_t got = da06::indicator_points(ind, n, d, fn, fd);
            const std::int64_t want = oracle(ind, n, d, fn, fd);
            FUZZ_CHECK(got == want, "indicator " + ind.code.substr(0, 40) + ": " + std::to_string(n) + "/" +
                                        std::to_string(d) + " × " + std::to_string(fn) + "/" + std::to_string(fd) +
                                        " gives " + std::to_string(got) + ", not " + std::to_string(want));
            FUZZ_CHECK(got >= 0 && got <= ind.max_points, "points outside [0, max]");
          }
      }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "rules.json";
  const auto lines = da06_fuzz::line_lengths(text, da06_fuzz::Breaks::lf);
  da06::IndexRules rules;
  try {
    rules = da06::load_index_rules(text, file);
  } catch (const da06::Error& e) {
    da06_fuzz::check_located(e.where(), e.message(), lines, file);
    return 0;
  }
  try {
    rules.validate();
  } catch (const da06::Error& e) {
    da06_fuzz::fail(__FILE__, __LINE__, "validate()", "a rule set that was read does not validate: " + e.message());
  }
  const std::string json = da06::index_rules_to_json(rules);
  da06::IndexRules again;
  try {
    again = da06::load_index_rules(json, "again.json");
  } catch (const da06::Error& e) {
    da06_fuzz::fail(__FILE__, __LINE__, "load(write(r))", "the written rule set does not read: " + e.where().to_string() +
                                                              ": " + e.message());
  }
  FUZZ_CHECK(da06::index_rules_to_json(again) == json, "the written rule set reads back to a different one");
  FUZZ_CHECK(again.decimals == rules.decimals && again.indicators.size() == rules.indicators.size() &&
                 again.groups.size() == rules.groups.size(),
             "the written rule set reads back with other sizes");
  for (std::size_t k = 0; k < rules.indicators.size(); ++k) {
    const auto &a = rules.indicators[k], &b = again.indicators[k];
    __extension__ typedef __int128 I;
    FUZZ_CHECK(a.max_points == b.max_points && I(a.threshold_numerator) * b.threshold_denominator ==
                                                   I(b.threshold_numerator) * a.threshold_denominator,
               "an indicator's points or threshold changed in the round trip");
  }
  check_points(rules);
  return 0;
}

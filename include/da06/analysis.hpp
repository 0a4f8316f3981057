// da06/analysis.hpp — the analysis engine: exact indicator values and changes, targets and gaps as of a date, pace and projection.
//
// Exact first: values, gaps, attainment and "how many more are needed" are `Ratio`/`BigInt`
// (integer arithmetic only). `double` appears only in the pace statistics (growth rates, the
// weighted least-squares projection), and every input of those is recorded in the result.
// Formulas, conventions and worked examples from the seed: docs/analysis.md.
//
//   auto fw  = da06::default_framework();
//   auto cal = da06::Calendar::vietnam_public();
//   for (const da06::TargetEvaluation& e : da06::evaluate_targets(fw, {2024, 6, 28}, cal))
//     std::cout << e.target << ' ' << da06::to_string(e.status) << '\n';   // "TG-T12-ontime met", …
//
//   // how many more online dossiers lift 4.504/5.530 to 90 % when each new one is also a new dossier:
//   da06::needed_for_ratio(4504, 5530, da06::Comparator::ge, da06::Ratio{9, 10},
//                          da06::DenominatorBehaviour::grows).count;          // 4730
#ifndef DA06_ANALYSIS_HPP
#define DA06_ANALYSIS_HPP

#include "calendar.hpp"
#include "model.hpp"
#include "numbers.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace da06 {
inline namespace v1 {

// ---------------------------------------------------------------------------
// 1. Indicator values and changes

/// The exact value of an observation in display units: `factor × numerator ÷ denominator` for a
/// ratio (not reduced: 990/1.714 at factor 100 is 99000/1714), the integer or exact decimal for a
/// value (a value-only observation of a ratio indicator is a printed percentage, already in display
/// units: "91.31" is 91,31 %). Nothing for a boolean or an empty value.
///   da06::observation_value(*fw.find_observation("N-dvc-full"), *fw.find_indicator("dvc_full_online_rate"))
///       ->round_to(1, da06::Rounding::half_up).to_string();   // "57.8"
std::optional<Ratio> observation_value(const Observation& o, const Indicator& ind);

/// `v` rounded once with the indicator's decimals and named rounding mode.
Decimal rounded_value(const Ratio& v, const Indicator& ind);
/// `v` printed the report's way: "57,8%" for a percentage (factor 100), "1.620.967" for a count.
std::string format_value(const Ratio& v, const Indicator& ind);
/// True when the indicator's display unit is a percentage (a ratio with factor 100); then a
/// difference of two values is in percentage points.
bool is_percentage(const Indicator& ind);

/// The day an observation describes, used to order observations in time and to decide whether it
/// is known "as of" a date: its `as_of` date; else the last day of its period — unless the
/// framework's report date falls inside that period (a report dated 28/06 about the first half
/// year can only count up to 28/06), in which case the report date. Nothing for an unparsable period.
std::optional<Date> reference_date(const Observation& o, const Framework& fw);

/// A change between two observations of one indicator: later − earlier, for each quantity both
/// have. `value` is in display units; `percentage_points` repeats it when the indicator is a percentage.
struct ValueChange {
  std::optional<BigInt> numerator, denominator;
  std::optional<Ratio> value;
  std::optional<Ratio> percentage_points;
};
ValueChange change_between(const Observation& earlier, const Observation& later, const Indicator& ind);

/// The note prefix of a derived observation: "derived_from: O-S3-02-online".
inline constexpr std::string_view kDerivedFromPrefix = "derived_from: ";
/// The id an observation was derived from (its `note` starts with kDerivedFromPrefix), if any.
std::optional<std::string> derived_from(const Observation& o);

/// The earlier observations the printed changes imply ("Tăng 17.034 hồ sơ so với tháng 12 năm
/// 2023" = current − earlier). For each observation with a `change`: a new observation with
/// id `<id>@<against>`, period = change.against, the same indicator, unit, service and source,
/// `published` = the change's text, note = "derived_from: <id>", and only the changed quantity:
/// numerator = current − delta (of = numerator), denominator = current − delta (of = denominator),
/// or value = current − delta (of = value). A change that cannot be applied (the quantity is
/// missing, the result is negative or overflows) is described in `problems` and skipped.
///   // O-S3-02-online: 20.651 online dossiers, "Tăng 17.034" → O-S3-02-online@2023-M12 with numerator 3.617
std::vector<Observation> derive_earlier_observations(const Framework& fw, std::vector<std::string>* problems = nullptr);

// ---------------------------------------------------------------------------
// 2. Targets and gaps

/// The threshold a target sets on a date: the last milestone whose `from` ≤ date, else the base
/// threshold. `milestone` is that milestone's index, −1 for the base threshold.
///   // TG-T32: base 90, milestones 70 from 2024-04-01, 90 from 2024-07-01
///   da06::threshold_on(t, {2024, 6, 28}).threshold.to_string();   // "70"
struct ThresholdInForce {
  Decimal threshold;
  int milestone = -1;
  std::optional<Date> from;
};
ThresholdInForce threshold_on(const Target& t, Date d);

/// Does `value` satisfy `comparator threshold`? Exact. `top` is a rank: value ≤ threshold.
bool satisfies(const Ratio& value, Comparator comparator, const Ratio& threshold);

/// What the needed units are: added to numerator and denominator alike (a new online dossier is
/// a new dossier), added to the numerator only (a fixed population), added to the denominator only
/// (more units outside the numerator lower a ratio), removed from the numerator, added to or taken
/// from a plain value, or places to climb in a ranking.
enum class NeededAction { none, add_both, add_numerator, add_denominator, remove_numerator, add_value, remove_value,
                          gain_places };
std::string_view to_string(NeededAction);

/// How many more units meet a target, computed exactly.
struct Needed {
  std::optional<BigInt> count;  ///< smallest x ≥ 0; empty when not computable or unreachable
  bool computable = false;      ///< false: not enough data (no numerator/denominator, '=' comparator, …)
  bool reachable = true;        ///< false: no x works ("unreachable by adding")
  NeededAction action = NeededAction::none;
  std::string explanation;      ///< the formula with its numbers, or why there is no count
};

/// The smallest x ≥ 0 that makes the ratio n/d meet `comparator t` (t a plain fraction, 0,9 for 90 %):
///   ≥ / > with grows:  (n+x)/(d+x) ≥ t   — unreachable when t ≥ 1 and n < d ("unreachable by adding")
///   ≥ / > with fixed:  (n+x)/d ≥ t       — unreachable when it needs n + x > d
///   ≤ / < with grows:  n/(d+x) ≤ t       — more units outside the numerator; unreachable when t ≤ 0 < n
///   ≤ / < with fixed:  (n−x)/d ≤ t       — units taken from the numerator; unreachable below 0
/// Requires d > 0 and 0 ≤ n. `=` and `top` are not computable.
///   da06::needed_for_ratio(4504, 5530, Comparator::ge, Ratio{9, 10}, DenominatorBehaviour::fixed).count;  // 473
Needed needed_for_ratio(const BigInt& n, const BigInt& d, Comparator comparator, const Ratio& t,
                        DenominatorBehaviour behaviour);
/// For a plain value v (a count, an amount, a rank for `top`): units to add or remove, or places to climb.
Needed needed_for_value(const Ratio& v, Comparator comparator, const Ratio& threshold, IndicatorKind kind);

/// Working days left to a deadline: the public-calendar working days in the closed interval
/// [as_of + 1, deadline] when the deadline is after as_of; when it is not, minus the working days in
/// [deadline + 1, as_of] (0 on the deadline itself, negative once it has passed).
int workdays_left(Date as_of, Date deadline, const Calendar& cal);

enum class TargetStatus { met, not_met, no_data };
std::string_view to_string(TargetStatus);

// ---------------------------------------------------------------------------
// 3. Pace and projection (double: statistics only)

enum class PaceClass { achieved, on_track, acceleration_needed, limited_progress, deterioration, insufficient_data };
std::string_view to_string(PaceClass);

/// Open SDG / Statistics Canada (default): R = s × CAGR_observed ÷ |CAGR_required|, s = +1 when
/// higher is better (≥, >) and −1 when lower is (≤, <, top). UNSD progress chart: r = (projected −
/// base) ÷ (target − base), projected = the weighted least-squares line at the deadline.
enum class PaceMethod { open_sdg, unsd };
std::string_view to_string(PaceMethod);

/// R ≥ on_track → on_track; ≥ acceleration → acceleration_needed; ≥ limited → limited_progress; else deterioration.
struct PaceBands {
  double on_track = 0.95;
  double acceleration = 0.60;
  double limited = 0.0;
};

struct PaceOptions {
  PaceMethod method = PaceMethod::open_sdg;
  PaceBands bands{};
  /// Weight of a point = 0.5^(age ÷ half_life), age = years before the latest point. ≤ 0: equal weights.
  double half_life_years = 1.0;
  double days_per_year = 365.25;
  /// UNSD defaults: r ≥ 0.95 on track, 0.10 ≤ r < 0.95 fair (acceleration needed), 0 ≤ r < 0.10 stagnation.
  static PaceOptions unsd() { return PaceOptions{PaceMethod::unsd, PaceBands{0.95, 0.10, 0.0}, 1.0, 365.25}; }
};

/// One point of a time series: t in years since the first point.
struct PacePoint {
  std::string observation;
  Date date;
  double t = 0;
  double y = 0;
  double weight = 1;
};

/// A weighted least-squares line y = intercept + slope × t.
struct LinearFit {
  double intercept = 0, slope = 0;
};
/// Weighted least squares with Eigen (QR of √W·X): minimises Σ wᵢ (yᵢ − a − b tᵢ)². Needs two
/// distinct t with positive weight; InvalidArgument otherwise.
LinearFit weighted_linear_fit(const std::vector<double>& t, const std::vector<double>& y, const std::vector<double>& w);

/// The class of a progress ratio under the bands.
PaceClass classify(double ratio, const PaceBands& bands);

/// Every input and result of a pace assessment, so that it can be checked by hand.
struct Pace {
  PaceClass cls = PaceClass::insufficient_data;
  std::string reason;
  PaceMethod method = PaceMethod::open_sdg;
  PaceBands bands{};
  double half_life_years = 1.0;
  double days_per_year = 365.25;
  std::vector<PacePoint> points;  ///< oldest first
  std::optional<Date> base_date, current_date, target_date;
  std::optional<double> base_value, current_value, target_value;  ///< display units
  int direction = 1;                                                ///< +1 higher is better, −1 lower is
  std::optional<double> observed_rate_per_year;   ///< (current − base) ÷ years between them
  std::optional<double> required_rate_per_year;   ///< (target − current) ÷ years from current to the deadline
  std::optional<double> cagr_observed, cagr_required;
  std::optional<double> ratio;                    ///< R (Open SDG) or r (UNSD)
  std::optional<LinearFit> fit;                   ///< t in years since base_date
  std::optional<double> projected_at_deadline;
  std::optional<Date> projected_attainment;       ///< when the line reaches the target
  std::string projection_note;
};

/// Assesses a series against a target value to reach by `deadline`; `achieved` is the caller's
/// exact verdict on the current value. Points need not be sorted; t and weight are recomputed.
Pace assess_pace(std::vector<PacePoint> points, Comparator comparator, double target_value, std::optional<Date> deadline,
                 bool achieved, const PaceOptions& options = {});

// ---------------------------------------------------------------------------
// Evaluating every target of a framework

struct AnalysisOptions {
  PaceOptions pace{};
  /// Use the earlier observations that printed changes imply (derive_earlier_observations).
  bool use_derived = true;
};

/// A target evaluated as of a date. The "current value" is the latest observation of the target's
/// indicator and unit whose reference date is ≤ as_of and which has a numeric value; at equal
/// dates a ratio (numerator and denominator) beats a printed value, an unqualified value beats a
/// qualified one ("trên 65%"), an observation beats a derived one, then file order decides.
/// The unit: the scope's unit; for a scope by levels that includes the province level, the
/// province unit (the scope's unit if it is a province, else the framework's province unit).
/// Scopes by levels below the province are not aggregated here: status no_data.
struct TargetEvaluation {
  std::string target, indicator, task, published;
  Date as_of;
  Comparator comparator = Comparator::ge;
  ThresholdInForce threshold;              ///< on as_of
  Decimal threshold_at_deadline;           ///< the one the pace is measured against
  std::optional<std::int64_t> of;
  std::optional<Date> effective, deadline;
  bool in_force = true;                    ///< effective ≤ as_of (or no effective date)
  std::string scope_unit;
  std::vector<Level> scope_levels;
  std::string matched_unit;                ///< empty when no unit could be matched
  TargetStatus status = TargetStatus::no_data;
  std::string reason;                      ///< why no_data, or remarks on the verdict
  std::optional<Observation> current;      ///< the observation used
  std::optional<Date> current_date;
  std::optional<Ratio> value;              ///< display units
  std::string value_display;
  std::optional<Ratio> gap;                ///< value − threshold in force, display units (pp for percentages)
  std::string gap_display;                 ///< the gap signed and rounded as the indicator says: "+1,23", "-8,69"
  std::string gap_unit;                    ///< "pp", "places" or the indicator's unit
  std::optional<Ratio> attainment;         ///< value ÷ threshold in force; empty when the threshold is 0
  Needed needed;
  std::optional<DenominatorBehaviour> denominator;  ///< for ratio indicators
  std::optional<int> workdays_left;
  Pace pace;
  std::vector<std::string> notes;
};

/// The observations the analysis uses: the framework's, plus the derived earlier ones when asked.
std::vector<Observation> analysis_observations(const Framework& fw, bool use_derived = true);

TargetEvaluation evaluate_target(const Framework& fw, const Target& t, Date as_of, const Calendar& cal,
                                 const AnalysisOptions& options = {});
std::vector<TargetEvaluation> evaluate_targets(const Framework& fw, Date as_of, const Calendar& cal,
                                               const AnalysisOptions& options = {});

// ---------------------------------------------------------------------------
// 4. Every target and observation of a framework as of a date (`da06 indicators`)

/// A reduced fraction "p/q" (q ≥ 1), the exact form every JSON result carries.
std::string exact_string(const Ratio& r);

/// An observation as the analysis reads it.
struct ObservationAnalysis {
  Observation observation;                ///< the framework's, or a derived earlier one
  std::optional<Date> reference_date;     ///< reference_date(observation, fw)
  std::optional<Ratio> value;             ///< in display units; empty without a numeric value
  std::optional<std::string> derived_from;
  /// For an observation with a printed change: the derived earlier observation, and the change in
  /// percentage points when both rates are known (else why not).
  std::optional<std::string> earlier_observation;
  std::optional<Ratio> change_pp;
  std::string change_pp_reason;
  std::vector<std::string> current_for_targets;  ///< targets that use it as their current value
};

/// Counts over the evaluations.
struct IndicatorsSummary {
  std::size_t observations = 0, derived_observations = 0, targets = 0;
  int met = 0, not_met = 0, no_data = 0;
  std::array<int, 6> pace{};  ///< by PaceClass
};

/// Everything `da06 indicators` shows: every observation as read, every target evaluated.
struct IndicatorsReport {
  Framework framework;  ///< for the indicators' names, decimals and rounding
  Date as_of;
  std::string calendar;  ///< the calendar's name
  AnalysisOptions options;
  IndicatorsSummary summary;
  std::vector<std::string> problems;  ///< from derive_earlier_observations
  std::vector<ObservationAnalysis> observations;  ///< the framework's, then the derived ones
  std::vector<TargetEvaluation> targets;
  /// The years whose working days (`workdays_left`) were counted without an official schedule
  /// (`Calendar::is_provisional`); ascending, empty when every count is final.
  std::vector<int> provisional_years;
};

/// Evaluates every target and reads every observation as of `as_of` with `cal`.
IndicatorsReport indicators_report(const Framework& fw, Date as_of, const Calendar& cal,
                                   const AnalysisOptions& options = {});

}  // namespace v1
}  // namespace da06

#endif  // DA06_ANALYSIS_HPP

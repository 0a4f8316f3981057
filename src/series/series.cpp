// A series of reports: order checks, observations across reports (one per printing of the same
// figure, revisions kept and flagged), and the merged framework the targets and pace are read on.
#include "series_internal.hpp"

#include "da06/error.hpp"

#include <map>
#include <utility>

namespace da06::inline v1 {

namespace detail::series {

std::string exact_figure(const Observation& o) {
  if (o.is_ratio()) return std::to_string(*o.numerator) + "/" + std::to_string(*o.denominator);
  std::string s;
  if (const auto* i = std::get_if<std::int64_t>(&o.value)) s = std::to_string(*i);
  else if (const auto* d = std::get_if<DecimalText>(&o.value)) {
    try {
      s = Decimal::parse(d->text).to_ratio().reduced().to_string();
    } catch (const Error&) {
      s = d->text;  // the loader checked it; kept verbatim rather than guessed
    }
  } else if (const auto* b = std::get_if<bool>(&o.value)) s = *b ? "true" : "false";
  else if (o.numerator) s = "numerator " + std::to_string(*o.numerator);
  else if (o.denominator) s = "denominator " + std::to_string(*o.denominator);
  if (o.of) s += " of " + std::to_string(*o.of);
  return s;
}

bool same_figure(const Observation& a, const Observation& b) {
  // An integer 90 and a decimal "90" are the same figure: compare the canonical exact text.
  return exact_figure(a) == exact_figure(b);
}

bool is_done(Status s) { return s == Status::done || s == Status::done_maintained || s == Status::done_late; }

}  // namespace detail::series

ObservationKey key_of(const Observation& o) {
  return ObservationKey{o.indicator, o.unit, o.service, o.as_of ? format_iso_date(*o.as_of) : o.period};
}

namespace {

using detail::series::same_figure;

void check_order(const std::vector<Framework>& reports, std::vector<Date>& dates) {
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const Framework& fw = reports[i];
    if (!fw.data().report.date)
      throw InvalidArgument("series: report " + std::to_string(i + 1) + " ('" + fw.id() +
                            "') has no report date ($.report.date); a series orders its reports by it");
    dates.push_back(*fw.data().report.date);
    if (i > 0 && !(dates[i - 1] < dates[i]))
      throw InvalidArgument("series: report " + std::to_string(i + 1) + " ('" + fw.id() + "', " +
                            format_iso_date(dates[i]) + ") is not dated after report " + std::to_string(i) + " ('" +
                            reports[i - 1].id() + "', " + format_iso_date(dates[i - 1]) +
                            "); give the reports oldest first");
  }
}

/// Walks every report's observations in order: a figure already printed with the same value is the
/// same observation; another value for the same key is a revision (or, inside one report, a conflict).
void collect_observations(Series::Impl& s) {
  std::map<ObservationKey, std::vector<std::size_t>> by_key;  // indexes into s.observations
  for (std::size_t r = 0; r < s.reports.size(); ++r) {
    const Framework& fw = s.reports[r];
    for (const Observation& o : fw.observations()) {
      ObservationKey k = key_of(o);
      auto& seen = by_key[k];
      bool merged = false;
      for (std::size_t idx : seen) {
        SeriesObservation& so = s.observations[idx];
        if (!so.superseded && same_figure(so.observation, o)) {
          so.printed_in.emplace_back(r, o.id);
          merged = true;
          break;
        }
      }
      if (merged) continue;
      // A new figure for a key seen before: a revision of every live figure of that key.
      for (std::size_t idx : seen) {
        SeriesObservation& so = s.observations[idx];
        if (so.superseded) continue;
        const auto& [pr, pid] = so.printed_in.back();
        Revision rv{k, pr, r, pid, o.id, detail::series::exact_figure(so.observation),
                    detail::series::exact_figure(o), pr == r};
        s.revisions.push_back(std::move(rv));
        if (pr != r) so.superseded = true;  // a later report replaces it; inside one report both stay
      }
      SeriesObservation so;
      so.observation = o;
      so.key = k;
      so.reference_date = reference_date(o, fw);
      so.printed_in.emplace_back(r, o.id);
      seen.push_back(s.observations.size());
      s.observations.push_back(std::move(so));
    }
  }
}

}  // namespace

Series::Series(std::vector<Framework> reports, SeriesOptions options, Calendar calendar) {
  auto impl = std::make_shared<Impl>(Impl{std::move(reports), {}, std::move(options), std::move(calendar), {}, {}});
  if (impl->reports.empty()) throw InvalidArgument("series: no reports");
  check_order(impl->reports, impl->dates);
  collect_observations(*impl);
  p_ = std::move(impl);
}

std::size_t Series::size() const noexcept { return p_->reports.size(); }

const Framework& Series::report(std::size_t i) const {
  if (i >= p_->reports.size())
    throw InvalidArgument("series: report index " + std::to_string(i) + " out of range (the series has " +
                          std::to_string(p_->reports.size()) + " reports)");
  return p_->reports[i];
}

Date Series::date(std::size_t i) const {
  report(i);
  return p_->dates[i];
}

const SeriesOptions& Series::options() const noexcept { return p_->options; }
const std::vector<SeriesObservation>& Series::observations() const noexcept { return p_->observations; }
const std::vector<Revision>& Series::revisions() const noexcept { return p_->revisions; }

Framework Series::merged(std::size_t i) const {
  report(i);
  FrameworkData d = p_->reports[i].data();
  d.observations.clear();
  // Live figures of reports 0..i: a figure superseded only by a report after i is still live here.
  std::map<ObservationKey, std::size_t> last_report_of_key;
  for (const SeriesObservation& so : p_->observations)
    if (so.printed_in.front().first <= i) {
      auto& lr = last_report_of_key[so.key];
      lr = std::max(lr, so.printed_in.front().first);
    }
  for (const SeriesObservation& so : p_->observations) {
    std::size_t first = so.printed_in.front().first;
    if (first > i) continue;
    // Superseded within 0..i: a later report up to i printed another value for the key.
    if (last_report_of_key[so.key] > first) continue;
    Observation o = so.observation;
    // Dated as its own report dates it (a period inside a report is cut at that report's date).
    if (so.reference_date) {
      o.as_of = so.reference_date;
      o.period.clear();
    }
    const Framework& own = p_->reports[first];
    if (first != i) o.id = own.id() + ":" + o.id;  // ids are unique per report only
    d.observations.push_back(std::move(o));
  }
  // Totals and claims name the report's own observations and wording; they stay as they are.
  return Framework(std::move(d));
}

SeriesDiff diff_reports(const Framework& earlier, const Framework& later, std::optional<Date> as_of,
                        const SeriesOptions& options) {
  return Series({earlier, later}, options).diff(0, 1, as_of);
}

}  // namespace da06::inline v1

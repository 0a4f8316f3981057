// SDMX-CSV export of a framework's observations; layout in docs/audit.md.
#include "da06/sdmx.hpp"

#include "da06/audit.hpp"
#include "da06/numbers.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <map>

namespace da06 {
inline namespace v1 {

const std::vector<std::string>& sdmx_columns() {
  static const std::vector<std::string> cols = {
      "STRUCTURE", "STRUCTURE_ID", "ACTION",    "INDICATOR",   "REF_AREA",  "TIME_PERIOD",     "SERVICE",
      "OBS_ID",    "UNIT_MEASURE", "UNIT_MULT", "OBS_VALUE",   "DECIMALS",  "OBS_STATUS",      "QUALIFIER",
      "NUMERATOR", "DENOMINATOR",  "PUBLISHED", "PUBLISHED_VALUE", "AUDIT", "SOURCE_LINE"};
  return cols;
}

std::string csv_field(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

namespace {

struct Row {
  std::map<std::string, std::string> f;
};

std::string unit_measure(const Indicator* in, std::string* mult) {
  *mult = "";
  if (!in) return "";
  switch (in->kind) {
    case IndicatorKind::ratio: return in->factor == 100 ? "PT" : "RATIO_X" + std::to_string(in->factor);
    case IndicatorKind::money:
      if (in->unit == "tỷ đồng") *mult = "9";
      else if (in->unit == "triệu đồng") *mult = "6";
      else if (in->unit == "đồng") *mult = "0";
      else return in->unit;  // not a Vietnamese money unit: kept as written
      return "VND";
    case IndicatorKind::rank: return "RANK";
    case IndicatorKind::boolean: return "BOOLEAN";
    default: return in->unit;
  }
}

}  // namespace

std::string sdmx_csv(const Framework& fw, const SdmxOptions& options) {
  std::map<std::string, std::vector<std::string>> audit_of;
  if (options.audit)
    for (const Finding& f : audit(fw))
      for (const auto& r : f.records) audit_of[r].push_back(std::string(to_string(f.severity)) + ":" + f.id);

  const auto& cols = sdmx_columns();
  std::string out;
  for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
  out += "\r\n";
  auto emit = [&](const Row& r) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      auto it = r.f.find(cols[i]);
      if (i) out += ',';
      if (it != r.f.end()) out += csv_field(it->second);
    }
    out += "\r\n";
  };

  for (const Observation& o : fw.observations()) {
    const Indicator* in = fw.find_indicator(o.indicator);
    Row r;
    r.f["STRUCTURE"] = "dataflow";
    r.f["STRUCTURE_ID"] = options.structure_id;
    r.f["ACTION"] = "I";
    r.f["INDICATOR"] = o.indicator;
    r.f["REF_AREA"] = o.unit;
    r.f["TIME_PERIOD"] = !o.period.empty() ? o.period : o.as_of ? boost::gregorian::to_iso_extended_string(*o.as_of) : "";
    r.f["SERVICE"] = o.service;
    r.f["OBS_ID"] = o.id;
    std::string mult;
    r.f["UNIT_MEASURE"] = unit_measure(in, &mult);
    r.f["UNIT_MULT"] = mult;
    std::string status = "A";
    if (o.is_ratio()) {
      std::int64_t factor = in ? in->factor : 100;
      int decimals = in ? in->decimals : 0;
      Rounding mode = Rounding::half_up;
      try {
        if (in) mode = parse_rounding(in->rounding);
      } catch (const Error&) {
      }
      r.f["OBS_VALUE"] = Ratio(*o.numerator, *o.denominator).scaled(factor).round_to(decimals, mode).to_string();
      r.f["DECIMALS"] = std::to_string(decimals);
      r.f["NUMERATOR"] = std::to_string(*o.numerator);
      r.f["DENOMINATOR"] = std::to_string(*o.denominator);
    } else if (auto i = std::get_if<std::int64_t>(&o.value)) {
      r.f["OBS_VALUE"] = std::to_string(*i);
    } else if (auto t = std::get_if<DecimalText>(&o.value)) {
      r.f["OBS_VALUE"] = t->text;
    } else if (auto b = std::get_if<bool>(&o.value)) {
      r.f["OBS_VALUE"] = *b ? "1" : "0";
    } else {
      status = "M";
    }
    if (!o.qualifier.empty() && status == "A") status = "E";
    r.f["OBS_STATUS"] = status;
    r.f["QUALIFIER"] = o.qualifier;
    r.f["PUBLISHED"] = o.published;
    r.f["PUBLISHED_VALUE"] = o.published_value;
    std::string audit_text;
    for (const auto& a : audit_of[o.id]) audit_text += (audit_text.empty() ? "" : ";") + a;
    r.f["AUDIT"] = audit_text;
    r.f["SOURCE_LINE"] = o.source.line > 0 ? std::to_string(o.source.line) : "";
    emit(r);

    if (options.derived_rows && o.change) {
      const Change& c = *o.change;
      std::optional<std::int64_t> cur;
      if (c.of == "numerator") cur = o.numerator;
      else if (c.of == "denominator") cur = o.denominator;
      else if (auto i = std::get_if<std::int64_t>(&o.value)) cur = *i;
      if (!cur) continue;
      Row e = r;
      e.f["TIME_PERIOD"] = c.against;
      e.f["OBS_ID"] = o.id + "@" + c.against;
      e.f["OBS_STATUS"] = "E";
      e.f["QUALIFIER"] = "";
      e.f["OBS_VALUE"] = e.f["NUMERATOR"] = e.f["DENOMINATOR"] = e.f["DECIMALS"] = "";
      std::string earlier = std::to_string(*cur - c.delta);
      (c.of == "numerator" ? e.f["NUMERATOR"] : c.of == "denominator" ? e.f["DENOMINATOR"] : e.f["OBS_VALUE"]) = earlier;
      e.f["PUBLISHED"] = c.published;
      e.f["PUBLISHED_VALUE"] = "";
      std::string ca;
      for (const auto& a : audit_of[o.id])
        if (a.find(":change/") != std::string::npos) ca += (ca.empty() ? "" : ";") + a;
      e.f["AUDIT"] = ca;
      emit(e);
    }
  }
  return out;
}

}  // namespace v1
}  // namespace da06

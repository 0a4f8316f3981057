// The audit's figures: an observation's quantities read exactly, and exact numbers written as text.
#include "audit_internal.hpp"

#include <algorithm>

namespace da06::inline v1::detail::audit {

std::string exact_text(const Ratio& r) {
  Ratio red = r.reduced();
  BigInt d = red.denominator_big();
  int twos = 0, fives = 0;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d == 1) return red.round_to((std::max)(twos, fives), Rounding::toward_zero).normalized().to_string();
  return red.to_string();
}

std::string vn_approx(const Ratio& r, int places) {
  Decimal t = r.round_to(places, Rounding::toward_zero);
  bool exact = t.to_ratio() == r;
  Decimal shown = exact ? t.normalized() : t;
  return format_vn_decimal(shown, shown.scale(), Rounding::toward_zero) + (exact ? "" : "…");
}

std::string vn_int(std::int64_t v) { return format_vn_integer(v); }

std::string vn_percent(const Decimal& d) { return format_vn_decimal(d) + "%"; }

std::optional<Ratio> value_of(const Observation& o) {
  if (auto i = std::get_if<std::int64_t>(&o.value)) return Ratio(*i);
  if (auto t = std::get_if<DecimalText>(&o.value)) {
    try {
      return Decimal::parse(t->text).to_ratio();
    } catch (const Error& e) {
      // The loader refuses such a value; a framework built in code may still carry one.
      throw DataError("observation '" + o.id + "': value: " + e.message(), field_location("value"));
    }
  }
  return std::nullopt;
}

std::optional<Ratio> quantity(const Observation& o, std::string_view q) {
  if (q == "numerator") return o.numerator ? std::optional<Ratio>(Ratio(*o.numerator)) : std::nullopt;
  if (q == "denominator") return o.denominator ? std::optional<Ratio>(Ratio(*o.denominator)) : std::nullopt;
  return value_of(o);
}

std::string value_text(const Observation& o) {
  if (o.is_ratio()) return std::to_string(*o.numerator) + "/" + std::to_string(*o.denominator);
  if (auto i = std::get_if<std::int64_t>(&o.value)) return std::to_string(*i);
  if (auto t = std::get_if<DecimalText>(&o.value)) return t->text;
  if (auto b = std::get_if<bool>(&o.value)) return *b ? "true" : "false";
  return "";
}

std::string period_key(const Observation& o) {
  if (!o.period.empty()) return o.period;
  if (o.as_of) return format_iso_date(*o.as_of);
  return "";
}

std::optional<MoneyScale> money_unit(std::string_view unit) {
  for (MoneyScale s : {MoneyScale::ty, MoneyScale::trieu, MoneyScale::dong})
    if (unit == to_string(s)) return s;
  return std::nullopt;
}

Rounding declared_rounding(const Indicator* ind) {
  if (!ind) return Rounding::half_up;
  try {
    return parse_rounding(ind->rounding);
  } catch (const Error& e) {
    // The loader refuses such a name; a framework built in code may still carry one.
    throw DataError("indicator '" + ind->id + "': rounding: " + e.message(), field_location("rounding"));
  }
}

Share share_of(const Framework& fw, const Observation& o) {
  Share s;
  if (o.is_ratio()) {
    s.num = Ratio(*o.numerator);
    s.den = Ratio(*o.denominator);
  } else if (!o.denominator_ref.empty()) {
    s.ref = fw.find_observation(o.denominator_ref);
    s.num = value_of(o);
    if (s.ref) s.den = value_of(*s.ref);
    s.num_name = "value";
    s.den_name = "denominator_ref_value";
  }
  return s;
}

std::vector<std::string> printed_percentages(const Observation& o) {
  std::vector<std::string> out;
  auto add = [&](std::string t) {
    while (!t.empty() && (t.back() == '.' || t.back() == ',')) t.pop_back();
    if (t.empty() || std::find(out.begin(), out.end(), t) != out.end()) return;
    try {
      parse_percent(t);
    } catch (const Error&) {
      return;  // digits before a "%" that do not make a percentage ("1.2.3%"): not a printed percentage
    }
    out.push_back(std::move(t));
  };
  if (!o.published_value.empty()) add(o.published_value);
  const std::string& p = o.published;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '%') continue;
    std::size_t b = i;
    while (b > 0 && (detail::is_digit(p[b - 1]) || p[b - 1] == '.' || p[b - 1] == ',')) --b;
    while (b < i && !detail::is_digit(p[b])) ++b;  // no leading separator
    if (b < i) add(p.substr(b, i - b + 1));
  }
  return out;
}

}  // namespace da06::inline v1::detail::audit

// The report: one document, two renderings (JSON for programs, text for people).
#include "da06/report.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <sstream>

namespace da06 {
inline namespace v1 {

namespace {
using ojson = nlohmann::ordered_json;

std::string iso(const std::optional<Date>& d) { return d ? boost::gregorian::to_iso_extended_string(*d) : ""; }

std::string clip(const std::string& s, std::size_t n) {
  std::size_t cps = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == n) return s.substr(0, i) + "…";
      ++cps;
    }
  return s;
}
}  // namespace

ojson report_document(const Framework& fw, std::optional<Date> as_of) {
  const FrameworkData& d = fw.data();
  if (!as_of) as_of = d.report.date;
  std::size_t ratio_obs = 0;
  for (const auto& o : d.observations) ratio_obs += o.is_ratio();

  ojson j;
  j["framework"] = {{"id", d.id}, {"title", d.title}, {"province", d.province}};
  j["plan"] = {{"number", d.plan.number}, {"date", iso(d.plan.date)}, {"title", d.plan.title}};
  j["report"] = {{"number", d.report.number}, {"date", iso(d.report.date)}, {"issuer", d.report.issuer}};
  j["period"] = {{"code", d.period.code}, {"text", d.period.text}};
  j["as_of"] = as_of ? ojson(iso(as_of)) : ojson(nullptr);
  j["counts"] = {{"tasks", d.tasks.size()},           {"task_groups", d.task_groups.size()},
                 {"resolution_tasks", d.resolution_tasks.size()}, {"services", d.services.size()},
                 {"indicators", d.indicators.size()}, {"observations", d.observations.size()},
                 {"ratio_observations", ratio_obs},   {"totals", d.totals.size()},
                 {"targets", d.targets.size()},       {"units", d.units.size()}};
  ojson groups = ojson::array();
  for (const auto& g : d.task_groups) {
    int actual = fw.task_count_in_group(g.id);
    groups.push_back({{"id", g.id}, {"number", g.number}, {"title", g.title}, {"declared_count", g.declared_count},
                      {"actual_count", actual}, {"matches", actual == g.declared_count}});
  }
  j["task_groups"] = std::move(groups);
  ojson claims = ojson::array();
  for (const auto& c : d.claims)
    claims.push_back({{"id", c.id}, {"subject", c.subject}, {"status", c.status}, {"count", c.count}, {"published", c.published}});
  j["claims"] = std::move(claims);
  ojson gaps = ojson::array();
  for (const auto& g : d.gaps) gaps.push_back({{"id", g.id}, {"appendix", g.appendix}, {"rows", g.rows}, {"note", g.note}});
  j["gaps"] = std::move(gaps);
  return j;
}

std::string report_json(const Framework& fw, std::optional<Date> as_of) { return report_document(fw, as_of).dump(2); }

std::string report_text(const Framework& fw, std::optional<Date> as_of) {
  const FrameworkData& d = fw.data();
  ojson j = report_document(fw, as_of);
  std::ostringstream out;
  out << "BÁO CÁO — " << d.title << "\n";
  if (!d.report.number.empty()) out << "Báo cáo số " << d.report.number << " ngày " << iso(d.report.date) << "\n";
  if (!d.plan.number.empty()) out << "Kế hoạch: " << d.plan.number << " ngày " << iso(d.plan.date) << "\n";
  out << "Kỳ báo cáo: " << d.period.text << " (" << d.period.code << "), as of " << j["as_of"].get<std::string>() << "\n\n";
  out << "Nhiệm vụ: " << d.tasks.size() << " in " << d.task_groups.size() << " groups\n";
  for (const auto& g : j["task_groups"])
    out << "  " << g["number"].get<std::string>() << ". " << clip(g["title"].get<std::string>(), 70) << ": "
        << g["actual_count"].get<int>() << " (declared " << g["declared_count"].get<int>()
        << (g["matches"].get<bool>() ? ")" : ", DIFFERENT)") << "\n";
  if (!d.claims.empty()) {
    out << "\nThe report's own claims:\n";
    for (const auto& c : d.claims) out << "  " << c.published << "\n";
  }
  const auto& c = j["counts"];
  out << "\nChỉ số: " << c["indicators"].get<std::size_t>() << " indicators, " << c["observations"].get<std::size_t>()
      << " observations (" << c["ratio_observations"].get<std::size_t>() << " ratios), " << c["totals"].get<std::size_t>()
      << " declared totals, " << c["targets"].get<std::size_t>() << " targets\n";
  out << "Phụ lục II: " << d.resolution_tasks.size() << " resolution tasks; Phụ lục III/IV: " << d.services.size()
      << " services\n";
  out << "Đơn vị: " << d.units.size() << " units\n";
  for (const auto& g : d.gaps) out << "Gap: Phụ lục " << g.appendix << " rows " << g.rows << " — " << g.note << "\n";
  return out.str();
}

}  // namespace v1
}  // namespace da06

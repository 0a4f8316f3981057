// The report: one document, two renderings (JSON for programs, text for people).
#include "da06/report.hpp"

#include "da06/calendar.hpp"
#include "da06/status.hpp"
#include "da06/analysis.hpp"
#include "da06/audit.hpp"
#include "da06/period.hpp"

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

std::optional<Date> default_as_of(const Framework& fw) {
  const FrameworkData& d = fw.data();
  if (d.report.date) return d.report.date;
  if (!d.period.code.empty()) {
    try {
      return Period::parse_code(d.period.code).calendar_window().last;
    } catch (const Error&) {
    }
  }
  return std::nullopt;
}

ojson report_document(const Framework& fw, std::optional<Date> as_of) {
  const FrameworkData& d = fw.data();
  if (!as_of) as_of = default_as_of(fw);
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

  // Task status as of the date: the summary (with the report's own claims beside ours) and the tasks
  // that need attention: overdue, due soon, and past their deadline while their text says not done.
  if (as_of && !d.tasks.empty()) {
    StatusReport st = task_status_report(fw, *as_of, Calendar::vietnam_public());
    ojson sj = to_json(st);
    ojson attention = ojson::array();
    for (const auto& t : sj["tasks"]) {
      const std::string status = t["status"].get<std::string>();
      if (status == "overdue" || status == "due_soon" || t["past_due_not_done"].get<bool>()) attention.push_back(t);
    }
    j["task_status"] = {{"due_soon_workdays", sj["due_soon_workdays"]}, {"summary", sj["summary"]},
                        {"attention", std::move(attention)}};
  }

  // Indicators against their targets: the full target evaluations (gap, needed count, pace).
  if (as_of) {
    ojson ij = indicators_json(fw, *as_of, Calendar::vietnam_public());
    j["indicators"] = {{"summary", ij["summary"]}, {"targets", ij["targets"]}};
  }

  // The audit of the published figures.
  AuditOptions ao;
  ao.as_of = as_of;
  ojson aj = audit_document(fw, ao);
  j["audit"] = {{"counts", aj["counts"]}, {"findings", aj["findings"]}};
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
  out << "Kỳ báo cáo: " << d.period.text << " (" << d.period.code << "), as of "
      << (j["as_of"].is_string() ? j["as_of"].get<std::string>() : std::string("(no date: give --as-of)")) << "\n\n";
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

  if (j.contains("task_status")) {
    const auto& ts = j["task_status"];
    const auto& sum = ts["summary"];
    out << "\nTình trạng nhiệm vụ (as of " << j["as_of"].get<std::string>() << "):\n";
    for (const auto& [status, n] : sum["by_status"].items())
      if (n.get<int>() > 0) out << "  " << status << ": " << n.get<int>() << "\n";
    if (sum.contains("claims"))
      for (const auto& c : sum["claims"]) {
        out << "  claimed \"" << clip(c.value("published", std::string()), 70) << "\": " << c["claimed"].get<std::int64_t>();
        if (!c["ours"].is_null())
          out << " — ours " << c["ours"].get<std::int64_t>() << " (difference " << c["difference"].get<std::int64_t>() << ")";
        out << "\n";
      }
    if (!ts["attention"].empty()) {
      out << "\nQuá hạn / sắp đến hạn / đã quá thời hạn mà chưa xong:\n";
      for (const auto& t : ts["attention"])
        out << "  " << t["task"].get<std::string>() << " [" << t["status"].get<std::string>() << "] "
            << t["reason"].get<std::string>() << "\n";
    }
  }
  if (j.contains("indicators")) {
    const auto& ind = j["indicators"];
    const auto& sum = ind["summary"];
    out << "\nChỉ tiêu (" << sum["targets"].get<int>() << " targets): met " << sum["met"].get<int>() << ", not met "
        << sum["not_met"].get<int>() << ", no data " << sum["no_data"].get<int>() << "\n";
    for (const auto& t : ind["targets"]) {
      const std::string status = t["status"].get<std::string>();
      if (status == "no_data") continue;
      out << "  " << (status == "met" ? "✓ " : "✗ ") << clip(t.value("indicator_name", t["indicator"].get<std::string>()), 60);
      if (t["value"].is_object()) out << ": " << t["value"]["display"].get<std::string>();
      const auto& tg = t["target"];
      out << " (target " << tg["comparator"].get<std::string>() << " " << tg["threshold"].get<std::string>() << ")";
      if (t["gap"].is_object()) out << ", gap " << t["gap"]["display"].get<std::string>();
      if (!t["needed"].is_null()) out << ", needed " << t["needed"].get<std::int64_t>();
      if (t["pace"].is_object()) out << ", pace " << t["pace"]["class"].get<std::string>();
      out << "\n";
    }
  }
  const auto& audit = j["audit"];
  const auto& ac = audit["counts"];
  out << "\nKiểm tra số liệu (audit): " << ac["error"].get<int>() << " errors, " << ac["warning"].get<int>()
      << " warnings, " << ac["info"].get<int>() << " info\n";
  for (const auto& f : audit["findings"]) {
    out << "  [" << f["severity"].get<std::string>() << "] ";
    if (f.contains("source") && f["source"].contains("line")) out << "line " << f["source"]["line"].get<int>() << ": ";
    out << f["message"].get<std::string>() << "\n";
  }
  return out.str();
}

}  // namespace v1
}  // namespace da06

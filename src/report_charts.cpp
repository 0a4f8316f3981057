// The summary's charts as inline SVG (report_charts.hpp). Each chart is a sequence of named steps:
// rows from the summary, a scale, then the marks. Sizes are in SVG user units (≈ CSS px at 100 %);
// text widths are estimated (no font metrics: the page brings its own fonts), so labels are clipped
// to a code-point budget rather than measured.
#include "da06/report_charts.hpp"

#include "da06/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace da06 {
inline namespace v1 {

namespace {

constexpr int kWidth = 720;       // the viewBox width; the page scales it
constexpr int kLabelWidth = 270;  // left column for row labels
constexpr int kRow = 26;          // row pitch
constexpr int kBar = 18;          // bar thickness
constexpr int kTop = 34;          // room for the heading line
constexpr int kValueRoom = 150;   // right of the bars: the data labels
constexpr const char* kFont = "font-family=\"'Liberation Sans', 'DejaVu Sans', Arial, sans-serif\"";

std::string esc(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default:
        // C0 controls other than tab/newline are not allowed in XML 1.0: drop them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        o += c;
    }
  return o;
}

/// The code point starting at s[i] (s is UTF-8; malformed bytes count as themselves).
char32_t code_point_at(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return b;
  char32_t cp = b & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool combining(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF);
}

/// At most `n` letters (a letter with its combining marks counts once; decomposed Vietnamese stays
/// whole), then "…". Spaces at the cut are trimmed.
std::string clip(std::string_view s, std::size_t n) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    const char32_t cp = code_point_at(s, i, len);
    if (!combining(cp)) {
      if (letters == n) {
        std::string out(s.substr(0, i));
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "…";
      }
      ++letters;
    }
    i += len;
  }
  return std::string(s);
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string count_text(std::int64_t n) { return format_vn_integer(n); }

/// The <svg> opening with its accessible name and description, and the heading line.
void open_svg(std::ostringstream& o, SummaryChart c, int height, const std::string& title, const std::string& desc,
              int width = kWidth) {
  const std::string id = "da06-chart-" + std::string(to_string(c));
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"da06-chart " << id << "\" data-chart=\"" << to_string(c)
    << "\" role=\"img\" viewBox=\"0 0 " << width << ' ' << height << "\" width=\"" << width << "\" height=\""
    << height << "\" aria-labelledby=\"" << id << "-title " << id << "-desc\" " << kFont << " font-size=\"14\">";
  o << "<title id=\"" << id << "-title\">" << esc(title) << "</title>";
  o << "<desc id=\"" << id << "-desc\">" << esc(desc) << "</desc>";
  o << "<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">" << esc(title) << "</text>";
}

std::string status_name(Status s) { return std::string(to_string(s)); }

/// Statuses whose colour is light: their data labels are dark.
bool light(Status s) {
  return s == Status::done_maintained || s == Status::done_late || s == Status::in_progress ||
         s == Status::due_soon || s == Status::unknown || s == Status::blank;
}

// -- headline --------------------------------------------------------------------------------------

std::string headline(const ReportSummary& s) {
  const auto rows = headline_counts(s);
  const int height = kTop + static_cast<int>(rows.size()) * kRow + 8;
  int max = 1;
  for (const auto& [st, n] : rows) max = std::max(max, n);
  std::ostringstream desc;
  desc << "Tổng số " << count_text(s.total_tasks) << " nhiệm vụ: ";
  for (std::size_t i = 0; i < rows.size(); ++i)
    desc << (i ? "; " : "") << status_label_vi(rows[i].first) << " " << count_text(rows[i].second);
  desc << ".";
  std::ostringstream o;
  // narrower than the others: it sits beside its table on a wide screen
  constexpr int width = 600, label_width = 280;
  open_svg(o, SummaryChart::headline, height, std::string(summary_chart_title(SummaryChart::headline)), desc.str(), width);
  const double span = width - label_width - 50;
  int y = kTop;
  for (const auto& [st, n] : rows) {
    const std::string label(status_label_vi(st));
    const double w = span * n / max;
    o << "<g class=\"row\">";
    o << "<text class=\"label\" x=\"" << label_width - 8 << "\" y=\"" << y + kBar - 4
      << "\" text-anchor=\"end\" fill=\"#222\">" << esc(clip(label, 36)) << "</text>";
    o << "<rect class=\"bar\" data-label=\"" << esc(label) << "\" data-status=\"" << status_name(st)
      << "\" data-value=\"" << n << "\" x=\"" << label_width << "\" y=\"" << y << "\" width=\"" << num(w)
      << "\" height=\"" << kBar << "\" fill=\"" << status_color(st) << "\"><title>" << esc(label) << ": "
      << count_text(n) << "</title></rect>";
    o << "<text class=\"value\" x=\"" << num(label_width + w + 6) << "\" y=\"" << y + kBar - 4
      << "\" fill=\"#222\">" << count_text(n) << "</text>";
    o << "</g>";
    y += kRow;
  }
  o << "</svg>";
  return o.str();
}

// -- status by group -------------------------------------------------------------------------------

std::string by_group(const ReportSummary& s) {
  std::vector<Status> present;  // legend: statuses that occur, in display order
  for (Status st : status_display_order)
    for (const GroupStatusCounts& g : s.by_group)
      if (g.by_status[static_cast<std::size_t>(st)] > 0) {
        present.push_back(st);
        break;
      }
  const int legend_rows = static_cast<int>((present.size() + 2) / 3);
  const int legend_h = legend_rows * 20 + 6;
  const int height = kTop + legend_h + static_cast<int>(s.by_group.size()) * kRow + 8;
  int max = 1;
  for (const GroupStatusCounts& g : s.by_group) max = std::max(max, g.total);
  std::ostringstream desc;
  desc << "Nhiệm vụ theo nhóm và tình trạng: ";
  for (std::size_t i = 0; i < s.by_group.size(); ++i) {
    const GroupStatusCounts& g = s.by_group[i];
    desc << (i ? "; " : "") << "nhóm " << g.number << " " << count_text(g.total) << " (";
    bool first = true;
    for (Status st : status_display_order)
      if (int n = g.by_status[static_cast<std::size_t>(st)]) {
        desc << (first ? "" : ", ") << status_label_vi(st) << " " << count_text(n);
        first = false;
      }
    desc << ")";
  }
  desc << ".";
  std::ostringstream o;
  open_svg(o, SummaryChart::status_by_group, height, std::string(summary_chart_title(SummaryChart::status_by_group)),
           desc.str());
  // legend, three to a line
  o << "<g class=\"legend\">";
  for (std::size_t i = 0; i < present.size(); ++i) {
    const int lx = static_cast<int>(i % 3) * 240, ly = kTop + static_cast<int>(i / 3) * 20;
    o << "<rect x=\"" << lx << "\" y=\"" << ly << "\" width=\"12\" height=\"12\" fill=\"" << status_color(present[i])
      << "\"/><text x=\"" << lx + 17 << "\" y=\"" << ly + 11 << "\" fill=\"#222\" font-size=\"12\">"
      << esc(clip(status_label_vi(present[i]), 34)) << "</text>";
  }
  o << "</g>";
  const double span = kWidth - kLabelWidth - 50;
  int y = kTop + legend_h;
  for (const GroupStatusCounts& g : s.by_group) {
    const std::string label = (g.number.empty() ? std::string() : g.number + ". ") + g.title;
    o << "<g class=\"row\" data-label=\"" << esc(label) << "\">";
    o << "<text class=\"label\" x=\"" << kLabelWidth - 8 << "\" y=\"" << y + kBar - 4
      << "\" text-anchor=\"end\" fill=\"#222\"><title>" << esc(label) << "</title>" << esc(clip(label, 36))
      << "</text>";
    double x = kLabelWidth;
    for (Status st : status_display_order) {
      const int n = g.by_status[static_cast<std::size_t>(st)];
      if (n == 0) continue;
      const double w = span * n / max;
      o << "<rect class=\"bar segment\" data-label=\"" << esc(label) << "\" data-status=\"" << status_name(st)
        << "\" data-value=\"" << n << "\" x=\"" << num(x) << "\" y=\"" << y << "\" width=\"" << num(w)
        << "\" height=\"" << kBar << "\" fill=\"" << status_color(st) << "\" stroke=\"#fff\" stroke-width=\"0.5\"><title>"
        << esc(label) << " — " << status_label_vi(st) << ": " << count_text(n) << "</title></rect>";
      // the count inside the segment when it fits (a digit is ≈ 7.5 units wide at this size)
      const std::string t = count_text(n);
      if (w >= 7.5 * static_cast<double>(t.size()) + 4)
        o << "<text class=\"value\" x=\"" << num(x + w / 2) << "\" y=\"" << y + kBar - 5
          << "\" text-anchor=\"middle\" font-size=\"12\" fill=\"" << (light(st) ? "#222" : "#fff")
          << "\">" << t << "</text>";
      x += w;
    }
    o << "<text class=\"value total\" x=\"" << num(x + 6) << "\" y=\"" << y + kBar - 4 << "\" fill=\"#222\">"
      << count_text(g.total) << "</text>";
    o << "</g>";
    y += kRow;
  }
  o << "</svg>";
  return o.str();
}

// -- target gaps -----------------------------------------------------------------------------------

std::string unit_heading(const std::string& gap_unit) {
  if (gap_unit == "pp") return "điểm phần trăm (điểm %)";
  if (gap_unit == "places") return "bậc xếp hạng";
  return gap_unit;
}

std::string gap_label(const SummaryTarget& t) {
  std::string u = t.gap_unit == "pp" ? " điểm %" : t.gap_unit == "places" ? " bậc" : t.gap_unit.empty() ? "" : " " + t.gap_unit;
  std::string s = t.gap_display + u;
  if (!t.needed_display.empty()) s += "; " + t.needed_display;
  return s;
}

std::vector<const SummaryTarget*> charted_targets(const ReportSummary& s) {
  std::vector<const SummaryTarget*> v;
  for (const SummaryTarget& t : s.targets)
    if (t.status != TargetStatus::no_data && t.gap) v.push_back(&t);
  // group by unit (first appearance), keep framework order inside each
  std::vector<std::string> units;
  for (const SummaryTarget* t : v)
    if (std::find(units.begin(), units.end(), t->gap_unit) == units.end()) units.push_back(t->gap_unit);
  std::stable_sort(v.begin(), v.end(), [&](const SummaryTarget* a, const SummaryTarget* b) {
    return std::find(units.begin(), units.end(), a->gap_unit) < std::find(units.begin(), units.end(), b->gap_unit);
  });
  return v;
}

std::string target_gaps(const ReportSummary& s) {
  const auto rows = charted_targets(s);
  std::map<std::string, double> scale;  // gap unit → largest |gap|
  int units = 0;
  for (const SummaryTarget* t : rows) {
    auto [it, fresh] = scale.emplace(t->gap_unit, 0.0);
    units += fresh;
    it->second = std::max(it->second, std::fabs(t->gap->to_double()));
  }
  const int height = kTop + units * 22 + static_cast<int>(rows.size()) * kRow + 8;
  std::ostringstream desc;
  desc << "Khoảng cách đến chỉ tiêu: " << count_text(s.targets_met) << " đạt, " << count_text(s.targets_not_met)
       << " chưa đạt, " << count_text(s.targets_no_data) << " chưa có số liệu. ";
  for (std::size_t i = 0; i < rows.size(); ++i)
    desc << (i ? "; " : "") << rows[i]->indicator_name << " (" << rows[i]->threshold_display << "): "
         << target_status_label_vi(rows[i]->status) << ", " << gap_label(*rows[i]);
  desc << ".";
  std::ostringstream o;
  open_svg(o, SummaryChart::target_gaps, height, std::string(summary_chart_title(SummaryChart::target_gaps)), desc.str());
  // the bars diverge from a zero line in the middle of the plot area
  const double left = kLabelWidth, right = kWidth - kValueRoom;
  const double zero = (left + right) / 2, half = (right - left) / 2 - 4;
  int y = kTop;
  std::string unit;
  bool first = true;
  for (const SummaryTarget* t : rows) {
    if (first || t->gap_unit != unit) {
      unit = t->gap_unit;
      first = false;
      o << "<text class=\"unit\" x=\"0\" y=\"" << y + 15 << "\" font-style=\"italic\" fill=\"#444\">"
        << esc("Chênh lệch tính bằng " + unit_heading(unit)) << "</text>";
      y += 22;
    }
    const double g = t->gap->to_double();
    const double m = scale[unit] > 0 ? scale[unit] : 1.0;
    const double w = std::max(1.0, half * std::fabs(g) / m);
    const double x = g < 0 ? zero - w : zero;
    const bool met = t->status == TargetStatus::met;
    const std::string label = t->indicator_name + " (" + t->threshold_display + ")";
    o << "<g class=\"row\">";
    o << "<text class=\"label\" x=\"" << kLabelWidth - 8 << "\" y=\"" << y + kBar - 4
      << "\" text-anchor=\"end\" fill=\"#222\"><title>" << esc(label) << "</title>" << esc(clip(t->indicator_name, 25))
      << " " << esc(t->threshold_display) << "</text>";
    o << "<line x1=\"" << num(zero) << "\" x2=\"" << num(zero) << "\" y1=\"" << y - 3 << "\" y2=\"" << y + kBar + 3
      << "\" stroke=\"#555\" stroke-width=\"1\"/>";
    o << "<rect class=\"bar\" data-label=\"" << esc(t->indicator_name) << "\" data-target=\"" << esc(t->target)
      << "\" data-status=\"" << to_string(t->status) << "\" data-value=\"" << esc(t->gap_display) << "\" x=\""
      << num(x) << "\" y=\"" << y << "\" width=\"" << num(w) << "\" height=\"" << kBar << "\" fill=\""
      << (met ? "#2e7d32" : "#c62828") << "\"><title>" << esc(label) << ": " << target_status_label_vi(t->status)
      << ", " << esc(gap_label(*t)) << "</title></rect>";
    o << "<text class=\"value\" x=\"" << num(right + 6) << "\" y=\"" << y + kBar - 4 << "\" fill=\""
      << (met ? "#1b5e20" : "#b71c1c") << "\">" << (met ? "✓ " : "✗ ") << esc(gap_label(*t)) << "</text>";
    o << "</g>";
    y += kRow;
  }
  o << "</svg>";
  return o.str();
}

// -- the QĐ 766 index ------------------------------------------------------------------------------

std::string points_text(std::int64_t p, int decimals) { return format_vn_decimal(Decimal(BigInt(p), decimals), decimals); }

std::string index_chart(const ReportSummary& s) {
  const SummaryIndex& ix = *s.index;
  const int height = kTop + static_cast<int>(ix.groups.size()) * kRow + 8;
  std::ostringstream desc;
  desc << "Điểm Bộ chỉ số (QĐ 766) của " << ix.unit << " kỳ " << ix.period << ": " << points_text(ix.total, ix.decimals)
       << "/" << points_text(ix.max_total, ix.decimals) << " điểm. ";
  for (std::size_t i = 0; i < ix.groups.size(); ++i)
    desc << (i ? "; " : "") << ix.groups[i].code << " " << points_text(ix.groups[i].points, ix.decimals) << "/"
         << points_text(ix.groups[i].max_points, ix.decimals);
  desc << ".";
  std::ostringstream o;
  open_svg(o, SummaryChart::index, height, std::string(summary_chart_title(SummaryChart::index)), desc.str());
  const double span = kWidth - kLabelWidth - kValueRoom;
  int y = kTop;
  for (const SummaryIndexGroup& g : ix.groups) {
    const std::string label = g.code + " — " + g.name_vi;
    const double full = g.max_points > 0 ? span : 0;
    const double w = g.max_points > 0 ? span * static_cast<double>(g.points) / static_cast<double>(g.max_points) : 0;
    const std::string v = points_text(g.points, ix.decimals) + "/" + points_text(g.max_points, ix.decimals);
    o << "<g class=\"row\"><text class=\"label\" x=\"" << kLabelWidth - 8 << "\" y=\"" << y + kBar - 4
      << "\" text-anchor=\"end\" fill=\"#222\"><title>" << esc(label) << "</title>" << esc(clip(label, 36)) << "</text>";
    o << "<rect x=\"" << kLabelWidth << "\" y=\"" << y << "\" width=\"" << num(full) << "\" height=\"" << kBar
      << "\" fill=\"#eceff1\"/>";
    o << "<rect class=\"bar\" data-label=\"" << esc(g.code) << "\" data-value=\"" << v << "\" x=\"" << kLabelWidth
      << "\" y=\"" << y << "\" width=\"" << num(w) << "\" height=\"" << kBar << "\" fill=\"#1e88e5\"><title>"
      << esc(label) << ": " << v << "</title></rect>";
    o << "<text class=\"value\" x=\"" << num(kLabelWidth + full + 6) << "\" y=\"" << y + kBar - 4 << "\" fill=\"#222\">"
      << v << "</text></g>";
    y += kRow;
  }
  o << "</svg>";
  return o.str();
}

}  // namespace

std::string_view to_string(SummaryChart c) noexcept {
  switch (c) {
    case SummaryChart::headline: return "headline";
    case SummaryChart::target_gaps: return "target_gaps";
    case SummaryChart::status_by_group: return "status_by_group";
    case SummaryChart::index: return "index";
  }
  return "";
}

std::optional<SummaryChart> parse_summary_chart(std::string_view s) noexcept {
  for (SummaryChart c : {SummaryChart::headline, SummaryChart::target_gaps, SummaryChart::status_by_group, SummaryChart::index})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string_view summary_chart_title(SummaryChart c) noexcept {
  switch (c) {
    case SummaryChart::headline: return "Số nhiệm vụ theo tình trạng";
    case SummaryChart::target_gaps: return "Khoảng cách đến chỉ tiêu";
    case SummaryChart::status_by_group: return "Tình trạng nhiệm vụ theo nhóm";
    case SummaryChart::index: return "Điểm Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766) theo nhóm";
  }
  return "";
}

std::string_view status_color(Status s) noexcept {
  // the palette of da06.plot.STATUS_COLORS (one palette for the SVG and the matplotlib charts)
  switch (s) {
    case Status::done: return "#2e7d32";
    case Status::done_maintained: return "#66bb6a";
    case Status::done_late: return "#9ccc65";
    case Status::in_progress: return "#42a5f5";
    case Status::due_soon: return "#ffb300";
    case Status::overdue: return "#e53935";
    case Status::waiting: return "#8e24aa";
    case Status::not_started: return "#6d4c41";
    case Status::unknown: return "#9e9e9e";
    case Status::blank: return "#e0e0e0";
  }
  return "#9e9e9e";
}

std::size_t summary_chart_bars(const ReportSummary& s, SummaryChart c) {
  switch (c) {
    case SummaryChart::headline: return s.has_status ? headline_counts(s).size() : 0;
    case SummaryChart::target_gaps: return charted_targets(s).size();
    case SummaryChart::status_by_group: {
      std::size_t n = 0;
      if (s.has_status)
        for (const GroupStatusCounts& g : s.by_group)
          for (int k : g.by_status) n += k > 0;
      return n;
    }
    case SummaryChart::index: return s.index ? s.index->groups.size() : 0;
  }
  return 0;
}

std::string summary_chart_note(const ReportSummary& s, SummaryChart c) {
  if (summary_chart_bars(s, c) > 0) return "";
  switch (c) {
    case SummaryChart::headline:
    case SummaryChart::status_by_group:
      return s.has_status ? "Khung chỉ tiêu không có nhiệm vụ nào." : "Chưa có ngày đánh giá hoặc chưa có nhiệm vụ: không có tình trạng nhiệm vụ.";
    case SummaryChart::target_gaps:
      if (!s.has_targets) return "Chưa có ngày đánh giá: không đánh giá chỉ tiêu.";
      if (s.targets.empty()) return "Khung chỉ tiêu không có chỉ tiêu định lượng nào: không có biểu đồ khoảng cách.";
      return "Chưa có chỉ tiêu nào có số liệu để so sánh (" + count_text(s.targets_no_data) + " chỉ tiêu chưa có số liệu).";
    case SummaryChart::index: return "Chưa có dữ liệu hồ sơ: không tính điểm Bộ chỉ số QĐ 766.";
  }
  return "";
}

std::string summary_chart_svg(const ReportSummary& s, SummaryChart c) {
  if (summary_chart_bars(s, c) == 0) return "";
  switch (c) {
    case SummaryChart::headline: return headline(s);
    case SummaryChart::target_gaps: return target_gaps(s);
    case SummaryChart::status_by_group: return by_group(s);
    case SummaryChart::index: return index_chart(s);
  }
  return "";
}

}  // namespace v1
}  // namespace da06

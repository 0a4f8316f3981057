// Tests for da06/status.hpp: the seed's 72 tasks against a human-labelled table, working-day
// boundaries (Tết 2024, the 29/4/2024 swap, weekends), the phrase rules, `unknown`, and the JSON shape.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "da06/json.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "da06/analysis.hpp"
#include "da06/io.hpp"
#include "da06/status.hpp"

#ifndef DA06_SOURCE_DIR
#error "DA06_SOURCE_DIR must name the source tree"
#endif

using boost::gregorian::date;
using da06::Calendar;
using da06::Status;
using da06::StatusOptions;
using da06::Task;
using da06::TaskStatus;

namespace {

const Calendar& cal() {
  static const Calendar c = Calendar::vietnam_public();
  return c;
}

Task make_task(std::string deadline, std::string progress) {
  Task t;
  t.id = std::string{"X"};  // move-assigned: GCC 12 warns (-Wrestrict, falsely) on assigning a 1-char literal here
  t.number = 1;
  t.group = std::string{"G"};
  t.deadline_text = std::move(deadline);
  t.progress_text = std::move(progress);
  return t;
}

TaskStatus classify(const std::string& deadline, const std::string& progress, date as_of, int due_soon = 10,
                    bool roll = true) {
  StatusOptions o;
  o.due_soon_workdays = due_soon;
  o.roll_due_to_workday = roll;
  o.reference_year = 2024;
  return da06::classify_task(make_task(deadline, progress), as_of, cal(), o);
}

struct Label {
  std::string status;
  bool past_due_not_done = false;
  std::string note;
};

std::map<std::string, Label> read_oracle() {
  std::ifstream in(DA06_SOURCE_DIR "/tests/data/seed_task_status.tsv");
  REQUIRE(in.good());
  std::map<std::string, Label> out;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    REQUIRE(cols.size() >= 3);
    out[cols[0]] = Label{cols[1], cols[2] == "1", cols.size() > 3 ? cols[3] : ""};
  }
  return out;
}

}  // namespace

TEST_CASE("status names round-trip") {
  for (std::size_t i = 0; i < da06::status_count; ++i) {
    auto s = static_cast<Status>(i);
    CHECK(da06::parse_status(da06::to_string(s)) == s);
  }
  CHECK_FALSE(da06::parse_status("finished").has_value());
  // the first eight keep their numbers; new states are appended
  CHECK(static_cast<int>(Status::unknown) == 7);
  CHECK(static_cast<int>(Status::done_late) == 8);
  CHECK(static_cast<int>(Status::blank) == 9);
  // the display order names every status once
  std::set<Status> seen(da06::status_display_order.begin(), da06::status_display_order.end());
  CHECK(seen.size() == da06::status_count);
  CHECK(da06::status_display_order[2] == Status::done_late);
}

TEST_CASE("seed: every task against the human-labelled table, as of the report date 2024-06-28") {
  const auto fw = da06::default_framework();
  const auto oracle = read_oracle();
  REQUIRE(oracle.size() == fw.tasks().size());
  REQUIRE(fw.tasks().size() == 72);
  const auto statuses = da06::classify_tasks(fw, date(2024, 6, 28), cal());
  REQUIRE(statuses.size() == 72);
  for (const TaskStatus& s : statuses) {
    auto it = oracle.find(s.task);
    REQUIRE_MESSAGE(it != oracle.end(), s.task);
    INFO(s.task << ": " << s.reason << " | label: " << it->second.note);
    CHECK(da06::to_string(s.status) == it->second.status);
    CHECK(s.past_due_not_done == it->second.past_due_not_done);
    // The classification always names the phrase that decided it, and the spans are honest.
    if (s.status != Status::unknown) CHECK_FALSE(s.deciding_phrases.empty());
    const da06::Task* t = fw.find_task(s.task);
    REQUIRE(t != nullptr);
    for (const auto& p : s.deciding_phrases) {
      const std::string& src = p.field == "progress_text" ? t->progress_text : t->deadline_text;
      REQUIRE(p.begin <= p.end);
      REQUIRE(p.end <= src.size());
      CHECK(src.substr(p.begin, p.end - p.begin) == p.text);
    }
  }
}

TEST_CASE("seed: summary, the report's claims beside ours, and the flagged tasks") {
  const auto fw = da06::default_framework();
  const auto rep = da06::task_status_report(fw, date(2024, 6, 28), cal());
  const auto& sum = rep.summary;
  CHECK(sum.total == 72);
  int total = 0;
  for (int n : sum.by_status) total += n;
  CHECK(total == 72);
  int group_total = 0;
  for (const auto& g : sum.by_group) {
    int n = 0;
    for (int x : g.by_status) n += x;
    CHECK(n == g.total);
    group_total += g.total;
    if (const auto* tg = fw.find_task_group(g.group)) CHECK(g.total == tg->declared_count);
  }
  CHECK(group_total == 72);
  CHECK(sum.by_group.size() == 10);

  CHECK(sum.count(Status::done) == 2);
  CHECK(sum.count(Status::done_maintained) == 36);
  CHECK(sum.count(Status::in_progress) == 15);
  CHECK(sum.count(Status::due_soon) == 1);
  CHECK(sum.count(Status::overdue) == 1);
  CHECK(sum.count(Status::waiting) == 17);
  CHECK(sum.count(Status::unknown) == 0);

  std::map<std::string, da06::ClaimComparison> claims;
  for (const auto& c : sum.claims) claims[c.status] = c;
  REQUIRE(claims.count("done_and_maintained"));
  REQUIRE(claims.count("waiting_for_ministries"));
  const auto& done = claims["done_and_maintained"];
  CHECK(done.claimed == 54);
  CHECK(done.ours == sum.count(Status::done) + sum.count(Status::done_maintained));
  CHECK(done.difference == *done.ours - 54);
  const auto& waiting = claims["waiting_for_ministries"];
  CHECK(waiting.claimed == 18);
  CHECK(waiting.ours == sum.count(Status::waiting));
  CHECK(waiting.difference == -1);
  CHECK(claims["planned"].ours == 72);
  CHECK(claims["planned"].difference == 0);

  CHECK(sum.past_due_not_done == std::vector<std::string>{"T02", "T06"});
  CHECK(sum.overdue == std::vector<std::string>{"T02"});
}

TEST_CASE("seed: the reference year comes from the framework") {
  const auto fw = da06::default_framework();
  CHECK(da06::reference_year_of(fw) == 2024);
  CHECK_FALSE(da06::reference_year_of(da06::Framework{}).has_value());
}

TEST_CASE("seed: T02 in detail") {
  const auto fw = da06::default_framework();
  const auto st = da06::classify_task(*fw.find_task("T02"), date(2024, 6, 28), cal(), {.reference_year = 2024});
  CHECK(st.status == Status::overdue);
  CHECK(st.due == date(2024, 3, 31));
  CHECK(st.effective_due == date(2024, 4, 1));  // Sunday → Monday
  // working days in (2024-04-01, 2024-06-28]
  CHECK(st.workdays_left == -cal().count_workdays_closed(date(2024, 4, 2), date(2024, 6, 28)));
  CHECK(st.workdays_left == -61);
  REQUIRE(st.deciding_phrases.size() == 2);
  CHECK(st.deciding_phrases[0].field == "progress_text");
  CHECK(st.deciding_phrases[0].text == "Đang thực hiện");
  CHECK(st.deciding_phrases[1].field == "deadline_text");
  CHECK(st.deciding_phrases[1].text == "Quý I/2024");
  CHECK(st.deciding_phrases[1].begin == 0);
}

TEST_CASE("seed: T06 waits, part done, past due") {
  const auto fw = da06::default_framework();
  const auto st = da06::classify_task(*fw.find_task("T06"), date(2024, 6, 28), cal(), {.reference_year = 2024});
  CHECK(st.status == Status::waiting);
  CHECK(st.past_due_not_done);
  bool also = false;
  for (const auto& p : st.deciding_phrases) also = also || (p.role == "also:done" && p.text == "Đã hoàn thành");
  CHECK(also);
  // As of 2024-05-31 the same text is waiting but not yet past due.
  const auto early = da06::classify_task(*fw.find_task("T06"), date(2024, 5, 31), cal(), {.reference_year = 2024});
  CHECK(early.status == Status::waiting);
  CHECK_FALSE(early.past_due_not_done);
  CHECK(early.workdays_left == 0);
}

TEST_CASE("working days: the 2024 swap of 29/4 and the make-up Saturday 4/5") {
  REQUIRE_FALSE(cal().is_workday(date(2024, 4, 29)));  // swap day off
  REQUIRE(cal().is_workday(date(2024, 5, 4)));         // make-up Saturday
  const std::string open = "Đang thực hiện";

  // due on the make-up Saturday: a working day, not rolled; 2/5, 3/5, 4/5 are left after Fri 26/4
  auto s = classify("04/5/2024", open, date(2024, 4, 26), 3);
  CHECK(s.effective_due == date(2024, 5, 4));
  CHECK(s.workdays_left == 3);
  CHECK(s.status == Status::due_soon);  // 3 ≤ 3
  CHECK(classify("04/5/2024", open, date(2024, 4, 26), 2).status == Status::in_progress);  // 3 > 2

  // due on the swap day: rolled over 30/4 and 1/5 to Thu 2/5
  s = classify("29/4/2024", open, date(2024, 4, 26), 1);
  CHECK(s.effective_due == date(2024, 5, 2));
  CHECK(s.workdays_left == 1);
  CHECK(s.status == Status::due_soon);
  s = classify("29/4/2024", open, date(2024, 5, 1));  // a holiday, the due date not yet passed
  CHECK(s.workdays_left == 1);
  CHECK_FALSE(s.past_due);
  s = classify("29/4/2024", open, date(2024, 5, 2));  // the due day itself
  CHECK(s.workdays_left == 0);
  CHECK(s.status == Status::due_soon);
  s = classify("29/4/2024", open, date(2024, 5, 3));
  CHECK(s.workdays_left == -1);
  CHECK(s.status == Status::overdue);
  CHECK(s.past_due_not_done);

  // without rolling, the swap day is the due date: past due on 30/4 with no working day elapsed
  s = classify("29/4/2024", open, date(2024, 4, 30), 10, false);
  CHECK(s.effective_due == date(2024, 4, 29));
  CHECK(s.past_due);
  CHECK(s.status == Status::overdue);
  CHECK(s.workdays_left == 0);
}

TEST_CASE("working days: Tết 2024 (8–14/2)") {
  const std::string open = "Đang thực hiện";
  // due inside the break: rolled to Thu 15/2
  auto s = classify("10/02/2024", open, date(2024, 2, 7));
  CHECK(s.effective_due == date(2024, 2, 15));
  CHECK(s.workdays_left == 1);
  s = classify("10/02/2024", open, date(2024, 2, 14));
  CHECK(s.workdays_left == 1);
  CHECK_FALSE(s.past_due);
  // due Wed 7/2, the last working day before Tết: on Thu 15/2 only one working day has passed
  s = classify("07/02/2024", open, date(2024, 2, 15));
  CHECK(s.status == Status::overdue);
  CHECK(s.workdays_left == -1);
  s = classify("07/02/2024", open, date(2024, 2, 13));
  CHECK(s.status == Status::overdue);
  CHECK(s.workdays_left == 0);
  // the due-soon window counts working days only, so it reaches across the break
  const date as_of(2024, 1, 31);
  const int left = cal().count_workdays_closed(date(2024, 2, 1), date(2024, 2, 15));
  CHECK(left == 6);  // 1, 2, 5, 6, 7, 15 February
  CHECK(classify("10/02/2024", open, as_of, 6).status == Status::due_soon);
  CHECK(classify("10/02/2024", open, as_of, 5).status == Status::in_progress);
}

TEST_CASE("working days: a weekend as-of day") {
  // due Fri 28/6; Saturday: past due, no working day late yet; Monday: one
  auto s = classify("28/6/2024", "Chưa thực hiện", date(2024, 6, 29));
  CHECK(s.status == Status::overdue);
  CHECK(s.past_due_not_done);
  CHECK(s.workdays_left == 0);
  s = classify("28/6/2024", "Chưa thực hiện", date(2024, 7, 1));
  CHECK(s.workdays_left == -1);
  s = classify("Quý IV/2024", "Chưa thực hiện", date(2024, 6, 28));
  CHECK(s.status == Status::not_started);
  CHECK_FALSE(s.past_due);
}

TEST_CASE("phrase rules") {
  const date d(2024, 6, 28);
  // done vs done_maintained vs the deadline's recurrence
  CHECK(classify("Quý I/2024", "Đánh giá tiến độ: Đã hoàn thành.", d).status == Status::done);
  CHECK(classify("Thực hiện thường xuyên", "Đã và đang thực hiện thường xuyên", d).status == Status::done_maintained);
  CHECK(classify("Năm 2024", "Đã hoàn thành và thực hiện thường xuyên.", d).status == Status::done_maintained);
  CHECK(classify("Thực hiện thường xuyên", "Đang thực hiện thường xuyên.", d).status == Status::done_maintained);
  CHECK(classify("Năm 2024", "Đang thực hiện thường xuyên.", d).status == Status::in_progress);
  CHECK(classify("Hằng tháng", "Đã và đang thực hiện.", d).status == Status::done_maintained);
  CHECK(classify("Năm 2024", "Đã và đang thực hiện.", d).status == Status::in_progress);
  CHECK(classify("Theo lộ trình của Bộ Công an", "Thực hiện thường xuyên", d).status == Status::done_maintained);
  // waiting, whatever comes first
  CHECK(classify("Năm 2024", "Chưa thực hiện, đang chờ Bộ triển khai.", d).status == Status::waiting);
  CHECK(classify("Năm 2024", "Đã thực hiện bước đầu, hiện đang chờ chỉ đạo của Bộ Công an.", d).status ==
        Status::waiting);
  CHECK(classify("", "Sẽ thực hiện khi có yêu cầu của Chính phủ.", d).status == Status::waiting);
  const auto w = classify("Tháng 5/2024", "Chưa thực hiện do chờ hướng dẫn của Bộ Tư pháp; dự kiến tháng 8.", d);
  CHECK(w.status == Status::waiting);
  CHECK(w.past_due_not_done);
  CHECK(w.reason.find("\"hướng dẫn của Bộ Tư pháp\"") != std::string::npos);
  // "phải chờ" is a dependency, not a wait; "thường xuyên theo yêu cầu" is regular work
  CHECK(classify("Năm 2024", "Nhiệm vụ này phải chờ Bộ ban hành nên đang thực hiện thường xuyên: x", d).status ==
        Status::in_progress);
  CHECK(classify("Thực hiện thường xuyên", "Thực hiện thường xuyên theo yêu cầu.", d).status ==
        Status::done_maintained);
  // accent-insensitive; "cho" without its accent is "for", not "wait", in an accented text
  CHECK(classify("Nam 2024", "danh gia tien do: chua thuc hien, dang cho Bo trien khai", d).status == Status::waiting);
  CHECK(classify("Năm 2024", "Đang cho người dân đăng ký.", d).status == Status::unknown);
  CHECK(classify("Năm 2024", "ĐÃ VÀ ĐANG THỰC HIỆN THƯỜNG XUYÊN", d).status == Status::done_maintained);
  // the assessment clause ends at the first sentence: later words do not decide
  CHECK(classify("Năm 2024", "Đánh giá tiến độ: Đã và đang thực hiện. Trung tâm đã hoàn thành việc kết nối.", d)
            .status == Status::in_progress);
  CHECK(classify("Năm 2024", "Đánh giá tiến độ: Đang thực hiện 307.250 chữ ký. Đã hoàn thành.", d).status ==
        Status::in_progress);
  // the earliest phrase decides, the longest at its position
  const auto e = classify("Năm 2024", "Đánh giá tiến độ: Đang thực hiện - Đã thực hiện rà soát", d);
  CHECK(e.status == Status::in_progress);
  CHECK(e.deciding_phrases.at(0).text == "Đang thực hiện");
}

TEST_CASE("progress phrases real reports write, and the blank cell") {
  const date d(2025, 12, 22);
  // a bare "Chờ …" opens the assessment: waiting
  auto s = classify("Tháng 11/2025", "Chờ hướng dẫn của Bộ Công an", d);
  CHECK(s.status == Status::waiting);
  CHECK(s.reason.find("\"hướng dẫn của Bộ Công an\"") != std::string::npos);
  CHECK(s.past_due_not_done);
  CHECK(classify("Năm 2025", "Đang chờ ý kiến của Bộ Tư pháp.", d).status == Status::waiting);
  // … but only at the start: later in the clause "chờ" without "đang/do" is not read as a wait
  CHECK(classify("Năm 2025", "Đã hoàn thành, chờ nghiệm thu", d).status == Status::done);
  // done late is its own state, never "done"
  s = classify("Tháng 10/2025", "Đã hoàn thành quá hạn", d);
  CHECK(s.status == Status::done_late);
  CHECK_FALSE(s.past_due_not_done);
  CHECK(s.deciding_phrases.at(0).text == "Đã hoàn thành quá hạn");
  CHECK(classify("Tháng 10/2025", "Đã hoàn thành trễ hạn 5 ngày", d).status == Status::done_late);
  CHECK(classify("Tháng 10/2025", "Đã hoàn thành.", d).status == Status::done);
  // "Đang hoàn thành" is work under way; "Chưa hoàn thành" is open work, checked against its date
  CHECK(classify("Tháng 12/2025", "Đang hoàn thành", d).status == Status::due_soon);
  CHECK(classify("Năm 2026", "Đang hoàn thành", d).status == Status::in_progress);
  CHECK(classify("Tháng 10/2025", "Chưa hoàn thành", d).status == Status::overdue);
  CHECK(classify("Năm 2026", "Chưa hoàn thành", d).status == Status::in_progress);
  // a blank cell is its own state, not unknown text
  s = classify("Tháng 10/2025", "  ", d);
  CHECK(s.status == Status::blank);
  CHECK_FALSE(s.past_due_not_done);
  CHECK(classify("Tháng 10/2025", "Xem báo cáo của Sở.", d).status == Status::unknown);
  // the report's "done" claims count done-late tasks too
  CHECK(std::string(da06::to_string(Status::done_late)) == "done_late");
  CHECK(std::string(da06::to_string(Status::blank)) == "blank");
}

TEST_CASE("unknown: the text gives no basis, nothing is guessed") {
  const date d(2024, 6, 28);
  auto s = classify("Quý I/2024", "", d);
  CHECK(s.status == Status::blank);  // an empty cell: its own state
  CHECK(s.deciding_phrases.empty());
  CHECK(s.past_due);                 // the date is known …
  CHECK_FALSE(s.past_due_not_done);  // … but not whether the work is done
  CHECK(classify("Quý I/2024", "Đánh giá tiến độ:", d).status == Status::unknown);
  CHECK(classify("Quý I/2024", "Xem báo cáo chi tiết của Sở.", d).status == Status::unknown);
  CHECK(classify("abc xyz", "Đã hoàn thành", d).status == Status::done);  // an unknown deadline is no obstacle
  s = classify("abc xyz", "Đang thực hiện", d);
  CHECK(s.status == Status::in_progress);
  CHECK_FALSE(s.workdays_left.has_value());
  CHECK_THROWS_AS(classify("Năm 2024", "Đang thực hiện", d, -1), da06::InvalidArgument);
}

TEST_CASE("to_json: one shape for the CLI, the report and the C ABI") {
  const auto fw = da06::default_framework();
  const auto rep = da06::task_status_report(fw, date(2024, 6, 28), cal());
  const auto j = nlohmann::json::parse(da06::to_json(rep));
  CHECK(j["as_of"] == "2024-06-28");
  CHECK(j["due_soon_workdays"] == 10);
  REQUIRE(j["tasks"].size() == 72);
  const auto& t = j["tasks"][1];
  for (const char* k : {"task", "number", "group", "status", "due", "effective_due", "start", "recurrence",
                        "workdays_left", "past_due", "past_due_not_done", "deciding_phrases", "reason"})
    CHECK_MESSAGE(t.contains(k), k);
  CHECK(t["task"] == "T02");
  CHECK(t["due"] == "2024-03-31");
  CHECK(t["workdays_left"] == -61);
  CHECK(t["deciding_phrases"][0]["field"] == "progress_text");
  CHECK(j["tasks"][0]["due"].is_null());
  CHECK(j["summary"]["by_status"]["waiting"] == 17);
  CHECK(j["summary"]["claims"].size() == 3);
  CHECK(j["summary"]["past_due_not_done"].size() == 2);
}

TEST_CASE("working days counted in a year without an official schedule are flagged provisional") {
  // The years with an official schedule, read from the data file itself, not from the calendar.
  std::ifstream in(DA06_SOURCE_DIR "/data/holidays/vn_public_schedules.json");
  REQUIRE(in.good());
  std::set<int> scheduled;
  const nlohmann::json doc = nlohmann::json::parse(in);
  for (const auto& s : doc["schedules"]) scheduled.insert(s["year"].get<int>());
  REQUIRE(scheduled.count(2026) == 1);
  REQUIRE(scheduled.count(2027) == 0);
  REQUIRE(scheduled.count(2028) == 0);

  const char* text = R"({"format": "da06-framework", "format_version": 1, "period": {"code": "2026-S1"},
    "indicators": [{"id": "r", "name": "r", "kind": "ratio", "factor": 100}],
    "targets": [{"id": "G", "indicator": "r", "comparator": ">=", "threshold": "90", "deadline": "2027-12-31"}],
    "tasks": [{"id": "A", "number": 1, "title": "a", "deadline_text": "Quý IV/2026", "progress_text": "Đang thực hiện"},
              {"id": "B", "number": 2, "title": "b", "deadline_text": "Quý I/2027", "progress_text": "Đang thực hiện"},
              {"id": "C", "number": 3, "title": "c", "deadline_text": "Khi có yêu cầu", "progress_text": "Đang thực hiện"}]})";
  da06::LoadResult r = da06::load_framework_json(text, "mem.json");
  REQUIRE(r.ok());
  const auto pub = Calendar::vietnam_public();
  // A is due 2026-12-31 (scheduled), B 2027-03-31: the count from 2026-06-30 runs through 2027.
  auto rep = da06::task_status_report(r.framework, date(2026, 6, 30), pub);
  CHECK(rep.provisional_years == std::vector<int>{2027});
  CHECK(nlohmann::json::parse(da06::to_json(rep))["provisional_years"] == nlohmann::json::array({2027}));
  // As of a date in 2028, B's overdue count runs through 2027 and 2028.
  CHECK(da06::task_status_report(r.framework, date(2028, 2, 1), pub).provisional_years == std::vector<int>{2027, 2028});
  // Without task B every count stays in 2026.
  da06::LoadResult only_a = da06::load_framework_json(
      R"({"format": "da06-framework", "format_version": 1,
          "tasks": [{"id": "A", "number": 1, "title": "a", "deadline_text": "Quý IV/2026", "progress_text": "Đang thực hiện"}]})",
      "mem.json");
  CHECK(da06::task_status_report(only_a.framework, date(2026, 6, 30), pub).provisional_years.empty());
  // The statutory calendar never follows schedules: nothing is provisional.
  CHECK(da06::task_status_report(r.framework, date(2026, 6, 30), Calendar::vietnam_statutory()).provisional_years.empty());
  // The target's working days left run to 2027-12-31.
  auto ind = da06::indicators_report(r.framework, date(2026, 6, 30), pub);
  CHECK(ind.provisional_years == std::vector<int>{2027});
  // The embedded dataset, as of its report date: every count is final.
  const auto seed = da06::default_framework();
  CHECK(da06::task_status_report(seed, date(2024, 6, 28), pub).provisional_years.empty());
  CHECK(da06::indicators_report(seed, date(2024, 6, 28), pub).provisional_years.empty());
}

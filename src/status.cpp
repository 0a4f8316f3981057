// Task status as of a date: progress phrase rules + parsed deadlines + working-day arithmetic.
// The rules are documented, as a table, in docs/task-status.md; keep the two in step.
#include "da06/status.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "da06/error.hpp"
#include "da06/period.hpp"
#include "vi_text.hpp"

namespace da06 {
inline namespace v1 {

namespace {

constexpr std::array<std::string_view, status_count> kStatusNames = {
    "done", "done_maintained", "in_progress", "due_soon", "overdue", "waiting", "not_started", "unknown", "done_late", "blank"};

std::string iso(Date d) { return boost::gregorian::to_iso_extended_string(d); }

// --- a tiny phrase-pattern language over folded tokens ------------------------------------------
//   words separated by spaces, "(a b|c)" alternatives, "[a b]" optional, "CHO" = the verb "chờ".
// Tokens come from detail::tokenize_vi: lower case, no diacritics, punctuation as its own token.

struct Node;
using Seq = std::vector<Node>;
struct Node {
  enum class Kind { word, alt, opt } kind = Kind::word;
  std::string word;
  std::vector<Seq> alts;  // alt: the alternatives; opt: exactly one
};

Seq parse_seq(std::string_view s, std::size_t& i, std::string_view stops) {
  Seq seq;
  while (i < s.size() && stops.find(s[i]) == std::string_view::npos) {
    char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c == '(') {
      ++i;
      Node n;
      n.kind = Node::Kind::alt;
      for (;;) {
        n.alts.push_back(parse_seq(s, i, "|)"));
        if (i >= s.size() || s[i++] == ')') break;
      }
      seq.push_back(std::move(n));
    } else if (c == '[') {
      ++i;
      Node n;
      n.kind = Node::Kind::opt;
      n.alts.push_back(parse_seq(s, i, "]"));
      ++i;
      seq.push_back(std::move(n));
    } else {
      std::size_t j = i;
      while (j < s.size() && std::string_view(" ()[]|").find(s[j]) == std::string_view::npos) ++j;
      Node n;
      n.word = std::string(s.substr(i, j - i));
      seq.push_back(std::move(n));
      i = j;
    }
  }
  return seq;
}

Seq compile(std::string_view pattern) {
  std::size_t i = 0;
  return parse_seq(pattern, i, "");
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct MatchCtx {
  std::string_view text;
  const std::vector<detail::Token>& toks;
  std::size_t limit;  // tokens at or after `limit` are outside the head
  bool ascii_text;
};

// "chờ" (to wait) and "cho" (for) fold to the same token; only the accented form, or any form in
// a text typed without diacritics at all, is the verb.
bool is_wait_verb(const MatchCtx& c, const detail::Token& t) {
  if (t.text != "cho") return false;
  if (c.ascii_text) return true;
  std::string_view orig = c.text.substr(t.begin, t.end - t.begin);
  return orig == "chờ" || orig == "Chờ" || orig == "CHỜ";
}

void match_seq(const MatchCtx& c, const Seq& seq, std::size_t k, std::size_t pos, std::vector<std::size_t>& ends);

void match_node_then(const MatchCtx& c, const Seq& seq, std::size_t k, std::size_t pos,
                     std::vector<std::size_t>& ends) {
  const Node& n = seq[k];
  switch (n.kind) {
    case Node::Kind::word: {
      if (pos >= c.limit) return;
      const auto& t = c.toks[pos];
      bool ok = n.word == "CHO" ? is_wait_verb(c, t) : t.text == n.word;
      if (ok) match_seq(c, seq, k + 1, pos + 1, ends);
      return;
    }
    case Node::Kind::alt:
    case Node::Kind::opt: {
      if (n.kind == Node::Kind::opt) match_seq(c, seq, k + 1, pos, ends);  // skip it
      for (const Seq& alt : n.alts) {
        std::vector<std::size_t> mid;
        match_seq(c, alt, 0, pos, mid);
        for (std::size_t m : mid) match_seq(c, seq, k + 1, m, ends);
      }
      return;
    }
  }
}

void match_seq(const MatchCtx& c, const Seq& seq, std::size_t k, std::size_t pos, std::vector<std::size_t>& ends) {
  if (k == seq.size()) {
    ends.push_back(pos);
    return;
  }
  match_node_then(c, seq, k, pos, ends);
}

/// The longest match of `seq` starting at token `pos` (one past its last token), or 0.
std::size_t longest_at(const MatchCtx& c, const Seq& seq, std::size_t pos) {
  std::vector<std::size_t> ends;
  match_seq(c, seq, 0, pos, ends);
  std::size_t best = 0;
  for (std::size_t e : ends)
    if (e > pos) best = std::max(best, e);
  return best;
}

using Kind = detail::ProgressReading::Kind;

struct Rule {
  const char* id;
  Kind kind;
  const char* pattern;
  const char* object_after;  // waiting rules: the object (what is waited on) starts after this word
  Seq seq;
  bool at_head = false;  // matches only where the assessment starts (a bare "Chờ …")
};

// Waiting rules are searched first over the whole assessment clause: a text that says part of the
// work waits ("… còn lại 08/10 DVC … chưa triển khai do chờ hướng dẫn …") is waiting even if it
// opens with "Đã hoàn thành". Then the earliest phrase of the other rules decides (longest at
// that position). See docs/task-status.md, "Phrase rules".
std::vector<Rule> make_waiting_rules() {
  std::vector<Rule> r = {
      {"waiting.cho", Kind::waiting,
       "[chua (thuc hien|trien khai) [,]] [hien] [van] (dang|do|do dang|con dang) CHO", "cho", {}},
      {"waiting.on_request", Kind::waiting,
       "se (thuc hien|trien khai) khi co (yeu cau|chi dao|huong dan)", "co", {}},
      // "Chờ hướng dẫn của Bộ Công an": the assessment opens with the verb.
      {"waiting.bare", Kind::waiting, "[dang] CHO", "cho", {}, true},
  };
  for (auto& x : r) x.seq = compile(x.pattern);
  return r;
}

std::vector<Rule> make_status_rules() {
  std::vector<Rule> r = {
      {"done_maintained", Kind::done_maintained,
       "da va (dang|tiep tuc) [duoc] (thuc hien|trien khai) thuong xuyen", nullptr, {}},
      {"done_maintained", Kind::done_maintained,
       "da [duoc] (thuc hien|hoan thanh|trien khai) va [tiep tuc] [duoc] thuc hien thuong xuyen", nullptr, {}},
      {"done_maintained", Kind::done_maintained, "da hoan thanh va duy tri [thuong xuyen]", nullptr, {}},
      {"done_late", Kind::done_late,
       "da [duoc] hoan thanh (qua han|tre han|cham (so voi|tien do)|khong dung (han|thoi han|tien do))", nullptr, {}},
      {"regular", Kind::regular, "[dang] [duoc] thuc hien thuong xuyen", nullptr, {}},
      {"ongoing", Kind::ongoing, "da va (dang|tiep tuc) [duoc] (thuc hien|trien khai)", nullptr, {}},
      {"open", Kind::open, "dang [duoc] (thuc hien|trien khai|hoan thanh)", nullptr, {}},
      {"open", Kind::open, "dang trong giai doan", nullptr, {}},
      {"open", Kind::open, "da [duoc] trien khai", nullptr, {}},
      {"open", Kind::open, "da thuc hien buoc dau", nullptr, {}},
      {"open", Kind::open, "chua hoan thanh", nullptr, {}},
      {"done", Kind::done, "da [duoc] (hoan thanh|thuc hien)", nullptr, {}},
      {"not_started", Kind::not_started, "chua (thuc hien|trien khai)", nullptr, {}},
  };
  for (auto& x : r) x.seq = compile(x.pattern);
  return r;
}

const std::vector<Rule>& waiting_rules() {
  static const std::vector<Rule> r = make_waiting_rules();  // immutable after first use
  return r;
}
const std::vector<Rule>& status_rules() {
  static const std::vector<Rule> r = make_status_rules();
  return r;
}

bool is_punct(const detail::Token& t, std::string_view p) {
  return t.type == detail::Token::Type::punct && t.text == p;
}

// Where the assessment clause ends: a full stop that is not inside a number ("307.250"), a colon,
// or a dash/plus with spaces on both sides (a list item, not "UBND-CNTT").
std::size_t clause_end(const std::vector<detail::Token>& toks, std::size_t from) {
  for (std::size_t i = from; i < toks.size(); ++i) {
    const auto& t = toks[i];
    if (t.type != detail::Token::Type::punct) continue;
    const bool prev_adj = i > 0 && toks[i - 1].end == t.begin;
    const bool next_adj = i + 1 < toks.size() && toks[i + 1].begin == t.end;
    if (t.text == ".") {
      const bool in_number = prev_adj && next_adj && toks[i - 1].type == detail::Token::Type::number &&
                             toks[i + 1].type == detail::Token::Type::number;
      if (!in_number && !(i + 1 < toks.size() && is_punct(toks[i + 1], "."))) return i;  // "..." is not an end
    } else if (t.text == ":") {
      if (i != from) return i;
    } else if (t.text == "-" || t.text == "+") {
      if (!prev_adj && !next_adj && i != from) return i;
    }
  }
  return toks.size();
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace

std::string_view to_string(Status s) noexcept {
  auto i = static_cast<std::size_t>(s);
  return i < kStatusNames.size() ? kStatusNames[i] : std::string_view("unknown");
}

std::optional<Status> parse_status(std::string_view s) noexcept {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i)
    if (kStatusNames[i] == s) return static_cast<Status>(i);
  return std::nullopt;
}

namespace detail {

std::string_view to_string(ProgressReading::Kind k) noexcept {
  switch (k) {
    case Kind::none: return "none";
    case Kind::waiting: return "waiting";
    case Kind::done_maintained: return "done_maintained";
    case Kind::regular: return "regular";
    case Kind::ongoing: return "ongoing";
    case Kind::open: return "open";
    case Kind::done: return "done";
    case Kind::not_started: return "not_started";
    case Kind::done_late: return "done_late";
  }
  return "none";
}

ProgressReading read_progress(std::string_view text) {
  ProgressReading out;
  const std::vector<Token> toks = tokenize_vi(text);
  MatchCtx c{text, toks, toks.size(), is_ascii(text)};

  // The assessment starts after the label "Đánh giá tiến độ" (the seed also prints "tiên độ"),
  // else at the start of the text.
  static const Seq label = compile("danh gia tien do [:]");
  std::size_t head = 0;
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (std::size_t e = longest_at(c, label, i)) {
      head = e;
      break;
    }
  const std::size_t end = clause_end(toks, head);
  c.limit = end;
  if (head >= end) return out;

  // The earliest non-waiting phrase, longest at its position; ties go to the rule listed first.
  auto earliest = [&](std::size_t from, std::size_t to, ProgressReading& r) {
    for (std::size_t i = from; i < to; ++i) {
      const Rule* best = nullptr;
      std::size_t best_end = 0;
      for (const Rule& rule : status_rules()) {
        std::size_t e = longest_at(c, rule.seq, i);
        if (e > best_end) {
          best = &rule;
          best_end = e;
        }
      }
      if (best) {
        r.kind = best->kind;
        r.rule = best->id;
        r.begin = toks[i].begin;
        r.end = toks[best_end - 1].end;
        return true;
      }
    }
    return false;
  };

  // 1. waiting, anywhere in the clause
  for (std::size_t i = head; i < end; ++i) {
    for (const Rule& r : waiting_rules()) {
      if (r.at_head && i != head) continue;
      std::size_t e = longest_at(c, r.seq, i);
      if (!e) continue;
      // The phrase runs on to the end of its clause part, so that it names what is waited on.
      std::size_t stop = e;
      while (stop < end && !is_punct(toks[stop], ".") && !is_punct(toks[stop], ";") &&
             !is_punct(toks[stop], ":") && !is_punct(toks[stop], "("))
        ++stop;
      std::size_t obj = e;
      for (std::size_t k = e; k-- > i;)
        if (toks[k].text == r.object_after) {
          obj = k + 1;
          break;
        }
      out.kind = r.kind;
      out.rule = r.id;
      out.begin = toks[i].begin;
      out.end = toks[stop - 1].end;
      if (obj < stop) out.waiting_on = trim(text.substr(toks[obj].begin, toks[stop - 1].end - toks[obj].begin));
      ProgressReading before;
      if (earliest(head, i, before)) {
        out.also_rule = before.rule;
        out.also_begin = before.begin;
        out.also_end = before.end;
      }
      return out;
    }
  }
  // 2. the earliest other phrase
  earliest(head, end, out);
  return out;
}

}  // namespace detail

namespace {

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string plural_days(int n) { return std::to_string(n) + (n == 1 ? " working day" : " working days"); }

const Match* find_match(const Deadline& d, std::string_view field_part) {
  for (const Match& m : d.matched) {
    std::string_view f = m.field;
    // "due,start" counts for "due"
    std::size_t p = 0;
    while (p <= f.size()) {
      std::size_t q = f.find(',', p);
      if (q == std::string_view::npos) q = f.size();
      if (f.substr(p, q - p) == field_part) return &m;
      p = q + 1;
    }
  }
  return nullptr;
}

DecidingPhrase deadline_phrase(const Match& m) {
  return DecidingPhrase{"deadline_text", m.field, m.offset, m.offset + m.length, m.phrase};
}

bool in_calendar_range(Date d) { return d >= Calendar::min_date() && d <= Calendar::max_date(); }

}  // namespace

TaskStatus classify_task(const Task& task, Date as_of, const Calendar& cal, const StatusOptions& opts) {
  if (opts.due_soon_workdays < 0)
    throw InvalidArgument("classify_task: due_soon_workdays must be >= 0, got " + std::to_string(opts.due_soon_workdays));
  TaskStatus s;
  s.task = task.id;
  s.number = task.number;
  s.group = task.group;
  s.deadline = parse_deadline(task.deadline_text, DeadlineContext{opts.reference_year});
  s.due = s.deadline.due;
  s.start = s.deadline.start;
  s.recurrence = s.deadline.recurrence;

  std::string due_note;  // "due 2024-03-31 ("Quý I/2024"), rolled to 2024-04-01"
  if (s.due) {
    if (in_calendar_range(*s.due)) {
      s.effective_due = opts.roll_due_to_workday ? cal.roll(*s.due, RollConvention::following) : *s.due;
      const Date eff = *s.effective_due;
      const boost::gregorian::days one(1);
      if (eff > as_of) s.workdays_left = cal.count_workdays_closed(as_of + one, eff);
      else if (eff == as_of) s.workdays_left = 0;
      else s.workdays_left = -cal.count_workdays_closed(eff + one, as_of);
      s.past_due = eff < as_of;
    } else {
      s.effective_due = s.due;  // outside the calendar: compared as printed, no working-day count
      s.past_due = *s.due < as_of;
    }
    due_note = "due " + iso(*s.due);
    if (const Match* m = find_match(s.deadline, "due")) due_note += " (" + quote(m->phrase) + ")";
    if (s.deadline.tentative) due_note += ", tentative";
    if (s.deadline.aspirational) due_note += ", aspirational";
    if (*s.effective_due != *s.due) due_note += ", rolled to " + iso(*s.effective_due);
  }
  auto days_note = [&]() -> std::string {
    if (!s.workdays_left) return s.past_due ? "passed" : "not passed";
    int n = *s.workdays_left;
    if (s.past_due) return "passed, " + plural_days(-n) + " late";
    return plural_days(n) + " left";
  };

  const detail::ProgressReading pr = detail::read_progress(task.progress_text);
  std::string phrase;
  if (pr.kind != detail::ProgressReading::Kind::none) {
    phrase = task.progress_text.substr(pr.begin, pr.end - pr.begin);
    s.deciding_phrases.push_back(DecidingPhrase{"progress_text", pr.rule, pr.begin, pr.end, phrase});
  }
  auto add_due_phrase = [&]() {
    if (const Match* m = find_match(s.deadline, "due")) s.deciding_phrases.push_back(deadline_phrase(*m));
  };
  // Open work (in progress or not started) is checked against its due date.
  auto time_check = [&](Status base, const std::string& what) {
    s.status = base;
    s.reason = quote(phrase) + ": " + what;
    if (!s.due) {
      s.reason += "; no due date";
      return;
    }
    add_due_phrase();
    if (s.past_due) {
      s.status = Status::overdue;
      s.past_due_not_done = true;
    } else if (s.workdays_left && *s.workdays_left <= opts.due_soon_workdays) {
      s.status = Status::due_soon;
    }
    s.reason += "; " + due_note + "; " + days_note();
  };

  using K = detail::ProgressReading::Kind;
  switch (pr.kind) {
    case K::none:
      if (trim(task.progress_text).empty()) {
        s.status = Status::blank;
        s.reason = "the progress cell is blank; not guessed";
      } else {
        s.status = Status::unknown;
        s.reason = "no progress phrase recognised; not guessed";
      }
      if (s.due) s.reason += " (" + due_note + "; " + days_note() + ")";
      break;
    case K::waiting:
      s.status = Status::waiting;
      s.reason = quote(phrase) + ": waits on " + (pr.waiting_on.empty() ? std::string("a request") : quote(pr.waiting_on));
      if (!pr.also_rule.empty()) {
        std::string also = task.progress_text.substr(pr.also_begin, pr.also_end - pr.also_begin);
        s.deciding_phrases.push_back(DecidingPhrase{"progress_text", "also:" + pr.also_rule, pr.also_begin, pr.also_end, also});
        s.reason += "; the text also says " + quote(also) + " (part of the work)";
      }
      if (s.due) {
        s.past_due_not_done = s.past_due;
        if (s.past_due) add_due_phrase();
        s.reason += "; " + due_note + "; " + days_note();
      }
      break;
    case K::done:
      s.status = Status::done;
      s.reason = quote(phrase) + ": done";
      break;
    case K::done_late:
      s.status = Status::done_late;
      s.reason = quote(phrase) + ": done, after the deadline (the text says so)";
      if (s.due) {
        add_due_phrase();
        s.reason += "; " + due_note;
      }
      break;
    case K::done_maintained:
      s.status = Status::done_maintained;
      s.reason = quote(phrase) + ": done and maintained";
      break;
    case K::regular:
    case K::ongoing: {
      // "(Đang) thực hiện thường xuyên" / "Đã và đang thực hiện": maintained when the deadline itself
      // is recurring (or, for regular work, has no due date); otherwise open work toward the due date.
      const bool recurring = s.recurrence != Recurrence::none;
      const bool maintained = recurring || (pr.kind == K::regular && !s.due);
      if (maintained) {
        s.status = Status::done_maintained;
        if (recurring) {
          if (const Match* m = find_match(s.deadline, "recurrence")) s.deciding_phrases.push_back(deadline_phrase(*m));
          s.reason = quote(phrase) + ": maintained; the deadline is recurring (" +
                     std::string(to_string(s.recurrence)) + ")";
        } else {
          s.reason = quote(phrase) + ": regular work, no due date";
        }
      } else if (pr.kind == K::regular) {
        time_check(Status::in_progress, "regular work toward a one-off deadline");
      } else {
        time_check(Status::in_progress, "under way");
      }
      break;
    }
    case K::open:
      time_check(Status::in_progress, "under way");
      break;
    case K::not_started:
      time_check(Status::not_started, "not started");
      break;
  }
  return s;
}

std::optional<int> reference_year_of(const Framework& fw) { return reference_year_of(fw.data()); }

std::optional<int> reference_year_of(const FrameworkData& d) {
  if (!d.period.code.empty()) {
    try {
      return Period::parse_code(d.period.code).year();
    } catch (const Error&) {
      // a malformed code: fall through to the documents' dates
    }
  }
  if (d.plan.date) return static_cast<int>(d.plan.date->year());
  if (d.report.date) return static_cast<int>(d.report.date->year());
  return std::nullopt;
}

std::vector<TaskStatus> classify_tasks(const Framework& fw, Date as_of, const Calendar& cal, const StatusOptions& opts) {
  StatusOptions o = opts;
  if (!o.reference_year) o.reference_year = reference_year_of(fw);
  std::vector<TaskStatus> out;
  out.reserve(fw.tasks().size());
  for (const Task& t : fw.tasks()) out.push_back(classify_task(t, as_of, cal, o));
  return out;
}

StatusSummary summarize_status(const Framework& fw, const std::vector<TaskStatus>& statuses, Date as_of,
                               const StatusOptions& opts) {
  StatusSummary sum;
  sum.as_of = as_of;
  sum.due_soon_workdays = opts.due_soon_workdays;
  sum.total = static_cast<int>(statuses.size());
  for (const TaskGroup& g : fw.task_groups()) {
    GroupStatusCounts gc;
    gc.group = g.id;
    gc.number = g.number;
    gc.title = g.title;
    sum.by_group.push_back(std::move(gc));
  }
  for (const TaskStatus& s : statuses) {
    const auto i = static_cast<std::size_t>(s.status);
    ++sum.by_status[i];
    auto it = std::find_if(sum.by_group.begin(), sum.by_group.end(),
                           [&](const GroupStatusCounts& g) { return g.group == s.group; });
    if (it == sum.by_group.end()) {  // a group the framework does not declare: kept, not dropped
      GroupStatusCounts gc;
      gc.group = s.group;
      sum.by_group.push_back(std::move(gc));
      it = std::prev(sum.by_group.end());
    }
    ++it->total;
    ++it->by_status[i];
    if (s.past_due_not_done) sum.past_due_not_done.push_back(s.task);
    if (s.status == Status::overdue) sum.overdue.push_back(s.task);
  }
  for (const Claim& c : fw.data().claims) {
    if (c.subject != "tasks") continue;
    ClaimComparison cc;
    cc.claim = c.id;
    cc.status = c.status;
    cc.published = c.published;
    cc.claimed = c.count;
    if (c.status == "done_and_maintained" || c.status == "done") {
      cc.statuses = {Status::done, Status::done_maintained, Status::done_late};
    } else if (c.status.rfind("waiting", 0) == 0) {  // "waiting", "waiting_for_ministries"
      cc.statuses = {Status::waiting};
    } else if (c.status == "planned") {
      for (std::size_t i = 0; i < status_count; ++i) cc.statuses.push_back(static_cast<Status>(i));
    }
    if (!cc.statuses.empty()) {
      std::int64_t n = 0;
      for (Status st : cc.statuses) n += sum.count(st);
      cc.ours = n;
      cc.difference = n - c.count;
    }
    sum.claims.push_back(std::move(cc));
  }
  return sum;
}

StatusReport task_status_report(const Framework& fw, Date as_of, const Calendar& cal, const StatusOptions& opts) {
  StatusReport r;
  r.tasks = classify_tasks(fw, as_of, cal, opts);
  r.summary = summarize_status(fw, r.tasks, as_of, opts);
  std::set<int> years;
  for (const TaskStatus& s : r.tasks) {
    if (!s.due) continue;  // no working days counted
    const Date last = s.effective_due ? std::max(*s.due, *s.effective_due) : *s.due;
    for (int y : cal.provisional_years(std::min(as_of, *s.due), std::max(as_of, last))) years.insert(y);
  }
  r.provisional_years.assign(years.begin(), years.end());
  return r;
}

}  // namespace v1
}  // namespace da06

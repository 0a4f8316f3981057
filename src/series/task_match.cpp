// Tasks across two reports: pins, then by number inside groups whose list is unchanged, then by the
// text of title and lead (word pairs, Dice), then parts of splits and merges. Nothing below the
// threshold is matched; what stays unmatched is listed with its best candidate.
#include "series_internal.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace da06::inline v1 {

std::string_view to_string(MatchMethod m) {
  switch (m) {
    case MatchMethod::number: return "number";
    case MatchMethod::text: return "text";
    case MatchMethod::pinned: return "pinned";
    case MatchMethod::split: return "split";
    case MatchMethod::merged: return "merged";
  }
  return "?";
}

namespace {

/// The words of a text: runs of letters and digits, lower-cased (ASCII, and by a table the Vietnamese
/// capitals that begin a title; other multi-byte letters are kept as they are).
/// Word pairs (bigrams) rather than single syllables: Vietnamese syllables ("dữ", "liệu", "thông")
/// recur across unrelated tasks, pairs of them much less (docs/series.md gives the measured margins).
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) cur.push_back(static_cast<char>(std::tolower(c)));
      else flush();
      ++i;
      continue;
    }
    // A multi-byte UTF-8 character: copied whole.
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    std::string ch(text.substr(i, len));
    static const std::map<std::string, std::string> lower = {
        {"Đ", "đ"}, {"Ư", "ư"}, {"Ơ", "ơ"}, {"Ô", "ô"}, {"Ê", "ê"}, {"Â", "â"}, {"Ă", "ă"}, {"Á", "á"},
        {"À", "à"}, {"Ả", "ả"}, {"Ã", "ã"}, {"Ạ", "ạ"}, {"É", "é"}, {"È", "è"}, {"Í", "í"}, {"Ì", "ì"},
        {"Ó", "ó"}, {"Ò", "ò"}, {"Ú", "ú"}, {"Ù", "ù"}, {"Ý", "ý"}};
    if (auto it = lower.find(ch); it != lower.end()) ch = it->second;
    // Typographic punctuation (quotes, dashes, ellipsis: U+2000..U+206F) separates words.
    if (len == 3 && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80) flush();
    else cur += ch;
    i += len;
  }
  flush();
  return out;
}

using Bag = std::set<std::string>;

Bag pairs_of(const Task& t) {
  Bag b;
  for (const std::string* f : {&t.title, &t.lead}) {
    auto w = words(*f);
    if (w.size() == 1) b.insert(w[0]);
    for (std::size_t i = 0; i + 1 < w.size(); ++i) b.insert(w[i] + ' ' + w[i + 1]);
  }
  return b;
}

std::size_t common(const Bag& a, const Bag& b) {
  std::size_t n = 0;
  for (const auto& x : a) n += b.count(x);
  return n;
}
double dice(const Bag& a, const Bag& b) {
  if (a.empty() && b.empty()) return 1.0;
  return 2.0 * static_cast<double>(common(a, b)) / static_cast<double>(a.size() + b.size());
}
/// The share of `part` found in `whole`.
double containment(const Bag& part, const Bag& whole) {
  return part.empty() ? 0.0 : static_cast<double>(common(part, whole)) / static_cast<double>(part.size());
}

struct Side {
  const std::vector<Task>* tasks;
  std::vector<Bag> bags;
  std::vector<int> match;  // index on the other side, −1 when none
};

TaskMatch make(const Task& o, const Task& n, MatchMethod m, double conf) {
  return TaskMatch{o.id, n.id, o.number, n.number, o.group, n.group, m, conf};
}

}  // namespace

double task_similarity(const Task& a, const Task& b) { return dice(pairs_of(a), pairs_of(b)); }

TaskMatching match_tasks(const Framework& earlier, const Framework& later, const SeriesOptions& opt) {
  const auto& A = earlier.tasks();
  const auto& B = later.tasks();
  Side a{&A, {}, std::vector<int>(A.size(), -1)}, b{&B, {}, std::vector<int>(B.size(), -1)};
  for (const Task& t : A) a.bags.push_back(pairs_of(t));
  for (const Task& t : B) b.bags.push_back(pairs_of(t));
  std::vector<TaskMatch> found;  // one per new task at most, plus split parts
  std::vector<std::tuple<int, int, MatchMethod, double>> links;  // (old, new, method, confidence)
  auto link = [&](int i, int j, MatchMethod m, double c) {
    a.match[static_cast<std::size_t>(i)] = j;
    b.match[static_cast<std::size_t>(j)] = i;
    links.emplace_back(i, j, m, c);
  };

  // 1. Pins.
  for (const TaskPin& p : opt.pins) {
    int i = -1, j = -1;
    for (std::size_t k = 0; k < A.size(); ++k)
      if (A[k].id == p.old_task) i = static_cast<int>(k);
    for (std::size_t k = 0; k < B.size(); ++k)
      if (B[k].id == p.new_task) j = static_cast<int>(k);
    if (i < 0 || j < 0 || a.match[static_cast<std::size_t>(i)] >= 0 || b.match[static_cast<std::size_t>(j)] >= 0) continue;
    link(i, j, MatchMethod::pinned, dice(a.bags[static_cast<std::size_t>(i)], b.bags[static_cast<std::size_t>(j)]));
  }

  // 2. By number, in each group whose list is unchanged: the same numbers, and every pair of the same
  //    number above the threshold (a renumbered list has the same numbers on other tasks).
  std::map<std::string, std::vector<int>> ga, gb;
  for (std::size_t k = 0; k < A.size(); ++k)
    if (a.match[k] < 0) ga[A[k].group].push_back(static_cast<int>(k));
  for (std::size_t k = 0; k < B.size(); ++k)
    if (b.match[k] < 0) gb[B[k].group].push_back(static_cast<int>(k));
  for (const auto& [g, olds] : ga) {
    auto it = gb.find(g);
    if (it == gb.end() || it->second.size() != olds.size()) continue;
    std::map<int, int> ob, nb;  // number → index
    for (int i : olds) ob[A[static_cast<std::size_t>(i)].number] = i;
    for (int j : it->second) nb[B[static_cast<std::size_t>(j)].number] = j;
    if (ob.size() != olds.size() || nb.size() != olds.size()) continue;  // repeated numbers: not a plain list
    bool same = true;
    std::vector<std::tuple<int, int, double>> pairs;
    for (const auto& [num, i] : ob) {
      auto jt = nb.find(num);
      if (jt == nb.end()) {
        same = false;
        break;
      }
      double s = dice(a.bags[static_cast<std::size_t>(i)], b.bags[static_cast<std::size_t>(jt->second)]);
      if (s < opt.match_threshold) {
        same = false;
        break;
      }
      pairs.emplace_back(i, jt->second, s);
    }
    if (!same) continue;
    for (auto [i, j, s] : pairs) link(i, j, MatchMethod::number, s);
  }

  // 3. By text: every remaining pair scored; the best first (ties: same group, then closer numbers,
  //    then list order); a pair is taken when both are still free and it reaches the threshold.
  struct Cand {
    double s;
    bool same_group;
    int dist, i, j;
  };
  std::vector<Cand> cands;
  for (std::size_t i = 0; i < A.size(); ++i) {
    if (a.match[i] >= 0) continue;
    for (std::size_t j = 0; j < B.size(); ++j) {
      if (b.match[j] >= 0) continue;
      double s = dice(a.bags[i], b.bags[j]);
      if (s < opt.match_threshold) continue;
      cands.push_back(Cand{s, A[i].group == B[j].group, std::abs(A[i].number - B[j].number), static_cast<int>(i),
                           static_cast<int>(j)});
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    if (x.s != y.s) return x.s > y.s;
    if (x.same_group != y.same_group) return x.same_group;
    if (x.dist != y.dist) return x.dist < y.dist;
    return std::tie(x.i, x.j) < std::tie(y.i, y.j);
  });
  for (const Cand& c : cands)
    if (a.match[static_cast<std::size_t>(c.i)] < 0 && b.match[static_cast<std::size_t>(c.j)] < 0)
      link(c.i, c.j, MatchMethod::text, c.s);

  // 4. Parts: a free new task that lies inside an old task is a part of its split; a free old task that
  //    lies inside a new one was merged into it. The whole's own match becomes a part too.
  std::vector<std::tuple<int, int, MatchMethod, double>> parts;
  std::set<int> split_olds, merged_news;
  for (std::size_t j = 0; j < B.size(); ++j) {
    if (b.match[j] >= 0) continue;
    double best = 0;
    int bi = -1;
    for (std::size_t i = 0; i < A.size(); ++i) {
      double c = containment(b.bags[j], a.bags[i]);
      if (c > best) best = c, bi = static_cast<int>(i);
    }
    if (bi >= 0 && best >= opt.part_threshold) {
      parts.emplace_back(bi, static_cast<int>(j), MatchMethod::split, best);
      split_olds.insert(bi);
    }
  }
  for (std::size_t i = 0; i < A.size(); ++i) {
    if (a.match[i] >= 0) continue;
    double best = 0;
    int bj = -1;
    for (std::size_t j = 0; j < B.size(); ++j) {
      double c = containment(a.bags[i], b.bags[j]);
      if (c > best) best = c, bj = static_cast<int>(j);
    }
    if (bj >= 0 && best >= opt.part_threshold) {
      parts.emplace_back(static_cast<int>(i), bj, MatchMethod::merged, best);
      merged_news.insert(bj);
    }
  }
  for (auto& [i, j, m, c] : links) {
    if (split_olds.count(i) && m != MatchMethod::pinned) {
      m = MatchMethod::split;
      c = containment(b.bags[static_cast<std::size_t>(j)], a.bags[static_cast<std::size_t>(i)]);
    } else if (merged_news.count(j) && m != MatchMethod::pinned) {
      m = MatchMethod::merged;
      c = containment(a.bags[static_cast<std::size_t>(i)], b.bags[static_cast<std::size_t>(j)]);
    }
  }
  for (auto& [i, j, m, c] : parts) {
    if (m == MatchMethod::split) b.match[static_cast<std::size_t>(j)] = i;
    else a.match[static_cast<std::size_t>(i)] = j;
    links.emplace_back(i, j, m, c);
  }

  TaskMatching out;
  std::stable_sort(links.begin(), links.end(), [](const auto& x, const auto& y) {
    return std::tie(std::get<1>(x), std::get<0>(x)) < std::tie(std::get<1>(y), std::get<0>(y));
  });
  for (const auto& [i, j, m, c] : links)
    out.matches.push_back(make(A[static_cast<std::size_t>(i)], B[static_cast<std::size_t>(j)], m, c));

  auto unmatched = [](const Task& t, const Bag& bag, const std::vector<Task>& other, const std::vector<Bag>& bags) {
    UnmatchedTask u{t.id, t.number, t.title, {}, 0};
    for (std::size_t k = 0; k < other.size(); ++k) {
      double s = dice(bag, bags[k]);
      if (u.best_candidate.empty() || s > u.best_score) u.best_candidate = other[k].id, u.best_score = s;
    }
    return u;
  };
  for (std::size_t i = 0; i < A.size(); ++i)
    if (a.match[i] < 0) out.dropped.push_back(unmatched(A[i], a.bags[i], B, b.bags));
  for (std::size_t j = 0; j < B.size(); ++j)
    if (b.match[j] < 0) out.added.push_back(unmatched(B[j], b.bags[j], A, a.bags));
  return out;
}

}  // namespace da06::inline v1

// Standalone timer for da06's columnar aggregation, driven by bench/bench_aggregate.py.
//
//   bench_aggregate DIR REPEATS
//
// DIR holds units.csv (id,parent,level,valid_from,valid_to) and the raw little-endian arrays written
// by the script: unit.bin, indicator.bin, period.bin (int32), numerator.bin, denominator.bin (int64),
// meta.txt ("n I P"). Only AggregationPlan::run is timed (the plan — the ancestor map — is built once,
// outside, as a batch caller would). A streaming sum over the same 28 bytes per row is timed too, as the
// memory-bandwidth bound, on one thread and on every core. The engine runs with threads = 1 and with the
// default (one per core); both results must be identical. Results are written to DIR/out_*.bin for the script to compare with pandas;
// timings go to stdout as JSON.
#include <da06/aggregate.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

template <class T>
std::vector<T> read_bin(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot open " + path);
  auto size = static_cast<std::size_t>(in.tellg());
  std::vector<T> v(size / sizeof(T));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(size));
  return v;
}

template <class T>
void write_bin(const std::string& path, const T* p, std::size_t n) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(p), static_cast<std::streamsize>(n * sizeof(T)));
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_aggregate DIR REPEATS\n";
    return 2;
  }
  const std::string dir = argv[1];
  const int repeats = std::max(1, std::atoi(argv[2]));
  std::ifstream meta(dir + "/meta.txt");
  std::size_t n = 0;
  std::int32_t I = 0, P = 0;
  meta >> n >> I >> P;

  std::ifstream uf(dir + "/units.csv");
  std::stringstream ss;
  ss << uf.rdbuf();
  da06::HierarchyLoad hl = da06::load_hierarchy_csv(ss.str(), dir + "/units.csv");
  if (!hl.ok()) {
    for (const auto& d : hl.diagnostics) std::cerr << d.to_string() << "\n";
    return 1;
  }
  auto unit = read_bin<std::int32_t>(dir + "/unit.bin");
  auto ind = read_bin<std::int32_t>(dir + "/indicator.bin");
  auto per = read_bin<std::int32_t>(dir + "/period.bin");
  auto num = read_bin<std::int64_t>(dir + "/numerator.bin");
  auto den = read_bin<std::int64_t>(dir + "/denominator.bin");
  if (unit.size() != n || ind.size() != n || per.size() != n || num.size() != n || den.size() != n) {
    std::cerr << "array sizes do not match meta.txt\n";
    return 1;
  }

  da06::AggregationPlan plan(hl.hierarchy, da06::Level::province, da06::Date(2026, 1, 1));
  da06::AggregateOptions opt;
  opt.indicator_count = I;
  opt.period_count = P;
  opt.thresholds.assign(static_cast<std::size_t>(I), da06::IndicatorThreshold::percent("90"));
  da06::ObservationColumns cols{unit.data(), ind.data(), per.data(), num.data(), den.data(), n};

  // The bound: read the same 28 bytes per row once, with the cheapest possible work (sums), on rows [b, e).
  auto stream = [&](std::size_t b, std::size_t e) {
    std::int64_t s_n = 0, s_d = 0;
    std::uint32_t s_u = 0, s_i = 0, s_p = 0;
    for (std::size_t i = b; i < e; ++i) {
      s_u += static_cast<std::uint32_t>(unit[i]);
      s_i += static_cast<std::uint32_t>(ind[i]);
      s_p += static_cast<std::uint32_t>(per[i]);
      s_n += num[i];
      s_d += den[i];
    }
    return s_n + s_d + s_u + s_i + s_p;
  };
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  std::vector<double> agg_ms, agg1_ms, bound_ms, boundmt_ms;
  da06::AggregateResult r, r1;
  std::int64_t sink = 0;
  da06::AggregateOptions opt1 = opt;
  opt1.threads = 1;
  for (int k = 0; k < repeats; ++k) {
    auto t1 = std::chrono::steady_clock::now();
    sink += stream(0, n);
    bound_ms.push_back(ms_since(t1));

    // The same bound over all cores (one contiguous slice each), for the threaded engine.
    t1 = std::chrono::steady_clock::now();
    std::vector<std::int64_t> part(hw);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < hw; ++t) pool.emplace_back([&, t] { part[t] = stream(n * t / hw, n * (t + 1) / hw); });
    part[0] = stream(0, n / hw);
    for (auto& th : pool) th.join();
    boundmt_ms.push_back(ms_since(t1));
    for (auto v : part) sink += v;

    auto t0 = std::chrono::steady_clock::now();
    r1 = plan.run(cols, opt1);
    agg1_ms.push_back(ms_since(t0));

    t0 = std::chrono::steady_clock::now();
    r = plan.run(cols, opt);
    agg_ms.push_back(ms_since(t0));
  }
  bool same = r.size() == r1.size();
  for (std::size_t g = 0; same && g < r.size(); ++g)
    same = r.unit(g) == r1.unit(g) && r.indicator(g) == r1.indicator(g) && r.period(g) == r1.period(g) &&
           r.numerator(g) == r1.numerator(g) && r.denominator(g) == r1.denominator(g) && r.rows(g) == r1.rows(g);
  const std::size_t G = r.size();
  write_bin(dir + "/out_unit.bin", r.units(), G);
  write_bin(dir + "/out_indicator.bin", r.indicators(), G);
  write_bin(dir + "/out_period.bin", r.periods(), G);
  write_bin(dir + "/out_numerator.bin", r.numerators(), G);
  write_bin(dir + "/out_denominator.bin", r.denominators(), G);
  write_bin(dir + "/out_ratio.bin", r.ratios(), G);
  std::vector<std::uint8_t> st(G);
  for (std::size_t g = 0; g < G; ++g) st[g] = static_cast<std::uint8_t>(r.status(g));
  write_bin(dir + "/out_status.bin", st.data(), G);

  auto list = [](const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
  };
  std::cout << "{\"groups\": " << G << ", \"overflowed\": " << (r.overflowed() ? "true" : "false")
            << ", \"rows_used\": " << r.rows_used() << ", \"rows_dropped\": " << r.rows_dropped()
            << ", \"bad_rows\": " << r.bad_row_count() << ", \"threads\": " << hw << ", \"kernel\": \""
            << da06::aggregation_kernel() << "\", \"threaded_equals_single\": " << (same ? "true" : "false")
            << ", \"aggregate_ms\": " << list(agg_ms) << ", \"aggregate_1thread_ms\": " << list(agg1_ms)
            << ", \"bound_ms\": " << list(bound_ms) << ", \"bound_threads_ms\": " << list(boundmt_ms)
            << ", \"checksum\": " << sink << "}\n";
  return 0;
}

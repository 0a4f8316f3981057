// bench_workdays — times Calendar::count_workdays_half_open (batch) on pairs read from a file.
//
// Usage: bench_workdays PAIRS.bin OUT.bin [statutory|public] [repeats]
//   PAIRS.bin: uint64 n (little endian), then int32 begin[n], then int32 end[n] — days since
//              1970-01-01, as numpy datetime64[D]; written by bench/bench_workdays.py.
//   OUT.bin:   int32 count[n] (numpy busday_count semantics, [begin, end)).
// Prints one JSON line: {"n": ..., "best_ns_per_pair": ..., "median_ns_per_pair": ...}.
// Only the counting loop is timed: reading the file and building the calendar are not.
#include "da06/calendar.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_workdays PAIRS.bin OUT.bin [statutory|public] [repeats]\n";
    return 2;
  }
  const std::string profile = argc > 3 ? argv[3] : "statutory";
  const int repeats = argc > 4 ? std::max(1, std::atoi(argv[4])) : 7;
  std::ifstream in(argv[1], std::ios::binary);
  std::uint64_t n = 0;
  if (!in.read(reinterpret_cast<char*>(&n), sizeof n)) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<std::int32_t> begin(n), end(n), out(n);
  in.read(reinterpret_cast<char*>(begin.data()), static_cast<std::streamsize>(n * sizeof(std::int32_t)));
  in.read(reinterpret_cast<char*>(end.data()), static_cast<std::streamsize>(n * sizeof(std::int32_t)));
  if (!in) {
    std::cerr << "short file " << argv[1] << "\n";
    return 1;
  }
  const da06::Calendar cal = profile == "public" ? da06::Calendar::vietnam_public() : da06::Calendar::vietnam_statutory();
  cal.count_workdays_half_open(begin.data(), end.data(), n, out.data());  // warm-up (page in the tables)
  std::vector<double> ns;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    cal.count_workdays_half_open(begin.data(), end.data(), n, out.data());
    const auto t1 = std::chrono::steady_clock::now();
    ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(n ? n : 1));
  }
  std::sort(ns.begin(), ns.end());
  std::ofstream o(argv[2], std::ios::binary);
  o.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(n * sizeof(std::int32_t)));
  if (!o) {
    std::cerr << "cannot write " << argv[2] << "\n";
    return 1;
  }
  std::printf("{\"n\": %llu, \"profile\": \"%s\", \"repeats\": %d, \"best_ns_per_pair\": %.3f, \"median_ns_per_pair\": %.3f}\n",
              static_cast<unsigned long long>(n), profile.c_str(), repeats, ns.front(), ns[ns.size() / 2]);
  return 0;
}

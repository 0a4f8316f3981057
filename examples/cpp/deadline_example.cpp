// Reads the free-text deadlines of a plan and prints what each says, with the phrases that decided it.
//
//   g++ -std=c++20 -I include examples/cpp/deadline_example.cpp src/deadline.cpp src/period.cpp -o deadline_example
//   ./deadline_example                       # the built-in samples
//   ./deadline_example "Quý II" 2024         # one text, with a context year
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian.hpp>  // to_iso_extended_string

#include "da06/deadline.hpp"
#include "da06/period.hpp"

namespace {

std::string iso(boost::gregorian::date d) { return boost::gregorian::to_iso_extended_string(d); }

void show(const std::string& text, const da06::DeadlineContext& ctx) {
  const da06::Deadline d = da06::parse_deadline(text, ctx);
  std::cout << '"' << text << "\"\n  " << da06::describe(d) << '\n';
  for (const auto& m : d.matched) std::cout << "    " << m.field << " <- \"" << m.phrase << "\" @" << m.offset << '\n';
  for (const auto& msg : d.diagnostics) std::cout << "    note: " << msg << '\n';
  if (d.period) {
    const auto cut = d.period->cutoff_window();
    std::cout << "    period " << d.period->code() << ", data cut-off " << iso(cut.first) << " .. " << iso(cut.last) << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  da06::DeadlineContext ctx;
  ctx.reference_year = 2024;  // the plan's year, for texts such as "Quý II"
  if (argc >= 2) {
    if (argc >= 3) ctx.reference_year = std::atoi(argv[2]);
    show(argv[1], ctx);
    return 0;
  }
  const std::vector<std::string> samples = {
      "Trong năm 2024 và thực hiện thường xuyên",
      "Quý IV/2024",
      "Tháng 5/2024 (Theo chỉ đạo của bộ, ngành Trung ương)",
      "Khi có yêu cầu của Chính phủ, Bộ Công an",
      "Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024",
      "Năm 2024: cấp tỉnh và huyện 100%; cấp xã 90%",
      "Giai đoạn 2024 – 2025",
      "trước ngày 30/6/2024",
      "9 tháng đầu năm",
      "Sớm nhất có thể",
  };
  for (const auto& s : samples) show(s, ctx);

  // Period phrases and codes.
  const da06::Period h1 = da06::parse_period("6 tháng đầu năm 2024");
  std::cout << "\n\"6 tháng đầu năm 2024\" = " << h1.code() << ", calendar " << iso(h1.calendar_window().first)
            << " .. " << iso(h1.calendar_window().last) << ", cut-off " << iso(h1.cutoff_window().first) << " .. "
            << iso(h1.cutoff_window().last) << '\n';
  return 0;
}

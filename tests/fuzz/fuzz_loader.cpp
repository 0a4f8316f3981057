// libFuzzer target: the framework JSON loader must never crash, hang or trip a sanitizer,
// whatever the bytes. Bad input is allowed only to become diagnostics.
#include <da06/io.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  da06::LoadResult r = da06::load_framework_json(text, "fuzz.json");
  if (r.ok()) {
    // What loads must also write and load back to the same value.
    std::string again = da06::write_framework_json(r.framework);
    da06::LoadResult r2 = da06::load_framework_json(again, "again.json");
    if (!r2.ok() || !(r2.framework.data() == r.framework.data())) __builtin_trap();
  }
  for (const auto& d : r.diagnostics) (void)d.to_string();
  return 0;
}

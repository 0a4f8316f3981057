// Memory for the aggregation engine's tables and result columns (memory.hpp).
#include "memory.hpp"

#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace da06::inline v1::detail {

namespace {
// From 1 MiB up, memory is mapped in whole, aligned 2 MiB units: transparent huge pages only back
// aligned 2 MiB ranges, so an unaligned mapping would still fault in 4 KiB pages. (1 MiB, not 2: the
// per-cell tables and result columns of a national run are just under 2 MiB each, and from malloc they
// came as 4 KiB pages, faulted in one by one, or as reused heap that calloc must clear.)
constexpr std::size_t kHuge = std::size_t{2} << 20;
constexpr std::size_t kMapFrom = std::size_t{1} << 20;
std::size_t mapped_length(std::size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
}  // namespace

void* big_alloc(std::size_t bytes) {
  if (bytes == 0) return nullptr;
#if defined(__linux__)
  if (bytes >= kMapFrom) {
    const std::size_t len = mapped_length(bytes);
    void* raw = ::mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto r = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t a = (r + kHuge - 1) / kHuge * kHuge;
    if (a > r) ::munmap(raw, a - r);                                             // the unaligned head
    if (r + kHuge > a) ::munmap(reinterpret_cast<void*>(a + len), r + kHuge - a);  // and tail
    void* p = reinterpret_cast<void*>(a);
#ifdef MADV_HUGEPAGE
    ::madvise(p, len, MADV_HUGEPAGE);  // a request: without THP the pages are simply 4 KiB
#endif
    return p;
  }
#endif
  return ::operator new(bytes);
}

void big_free(void* p, std::size_t bytes) noexcept {
  if (!p) return;
#if defined(__linux__)
  if (bytes >= kMapFrom) {
    ::munmap(p, mapped_length(bytes));
    return;
  }
#endif
  ::operator delete(p);
}

void* zero_alloc(std::size_t bytes) {
#if defined(__linux__)
  if (bytes >= kMapFrom) return big_alloc(bytes);  // fresh anonymous pages are zero
#endif
  if (bytes == 0) return nullptr;
  void* p = std::calloc(bytes, 1);
  if (!p) throw std::bad_alloc();
  return p;
}

void zero_free(void* p, std::size_t bytes) noexcept {
#if defined(__linux__)
  if (bytes >= kMapFrom) return big_free(p, bytes);
#endif
  std::free(p);
}

}  // namespace da06::inline v1::detail

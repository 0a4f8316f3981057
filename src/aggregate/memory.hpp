// Internal: memory for the aggregation engine (not installed). Tables and result columns from 1 MiB up
// are mapped straight from the kernel in aligned 2 MiB units with transparent huge pages requested (a
// 2 MiB column faults in once, not 512 times); smaller ones come from operator new / calloc.
#ifndef DA06_SRC_AGGREGATE_MEMORY_HPP
#define DA06_SRC_AGGREGATE_MEMORY_HPP

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace da06 {
inline namespace v1 {
namespace detail {

/// From 1 MiB up, aligned 2 MiB pages mapped from the kernel with transparent huge pages requested;
/// below, operator new. Freed by big_free with the same size.
void* big_alloc(std::size_t bytes);
void big_free(void* p, std::size_t bytes) noexcept;

/// An allocator on big_alloc for the result columns. `resize(n)` default-initializes (no zero fill for
/// plain numbers: the engine writes every element, and a 13 MB result need not be written twice);
/// `resize(n, value)` and `push_back` behave as usual.
template <class T>
struct BigAllocator {
  using value_type = T;
  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  T* allocate(std::size_t n) { return static_cast<T*>(big_alloc(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { big_free(p, n * sizeof(T)); }
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  friend bool operator==(const BigAllocator&, const BigAllocator&) noexcept { return true; }
};
template <class T>
using BigVector = std::vector<T, BigAllocator<T>>;

/// `bytes` zero bytes: large ones from big_alloc, mapped from the kernel and already zero;
/// smaller ones from calloc (which skips the memset for memory fresh from the kernel). Freed by zero_free.
void* zero_alloc(std::size_t bytes);
void zero_free(void* p, std::size_t bytes) noexcept;

/// A zero-filled array for the accumulators, in zero_alloc memory: a 6 MB table costs a few huge-page
/// faults instead of ~1500 small ones, which were a tenth of a 60 ms aggregation.
template <class T>
class ZeroArray {
 public:
  explicit ZeroArray(std::size_t n = 0) : p_(static_cast<T*>(zero_alloc(n * sizeof(T)))), n_(n) {}
  ZeroArray(ZeroArray&& o) noexcept : p_(o.p_), n_(o.n_) { o.p_ = nullptr, o.n_ = 0; }
  ZeroArray& operator=(ZeroArray&& o) noexcept {
    if (this != &o) {
      zero_free(p_, n_ * sizeof(T));
      p_ = o.p_, n_ = o.n_;
      o.p_ = nullptr, o.n_ = 0;
    }
    return *this;
  }
  ZeroArray(const ZeroArray&) = delete;
  ZeroArray& operator=(const ZeroArray&) = delete;
  ~ZeroArray() { zero_free(p_, n_ * sizeof(T)); }
  T* data() noexcept { return p_; }
  const T* data() const noexcept { return p_; }
  std::size_t size() const noexcept { return n_; }
  T& operator[](std::size_t i) noexcept { return p_[i]; }
  const T& operator[](std::size_t i) const noexcept { return p_[i]; }

 private:
  T* p_ = nullptr;
  std::size_t n_ = 0;
};

}  // namespace detail
}  // namespace v1
}  // namespace da06

#endif  // DA06_SRC_AGGREGATE_MEMORY_HPP

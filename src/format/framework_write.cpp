// The framework file writer: load_framework_json(write_framework_json(fw)) == fw. It follows the
// same field tables as the reader (framework_fields.hpp), so every field read is written.
#include "da06/io.hpp"

#include "framework_fields.hpp"

namespace da06 {
inline namespace v1 {

std::string write_framework_json(const Framework& f) {
  const auto j = detail::records::write_record(detail::framework_format::framework_table(), f.data());
  return j.dump(1, ' ', false) + "\n";
}

}  // namespace v1
}  // namespace da06

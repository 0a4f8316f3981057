// Internal: reading typed records straight from a JSON event stream, driven by field tables.
//
// The JSON parser (nlohmann's SAX) pushes events into a stack of frames, one per open object or
// array. A record's frame knows its type's field table (framework_fields.hpp): each key goes to its
// field, which checks the value's type and range and stores it in the record; an unknown key is a
// warning; a record with an error is rejected and named ("(task 'T01' rejected)") when it closes.
// No document tree is built, so memory is that of the records, and time is one pass.
//
// Diagnostics carry the JSON path of the value they are about; their line and column are found at
// the end, in one more pass over the text for all of them (json_doc.hpp: locate_json_paths).
//
// The same field tables drive the writer (framework_write.cpp) and the JSON Schema (framework_schema.cpp).
#pragma once

#include "da06/error.hpp"
#include "json_doc.hpp"
#include "text.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace da06::inline v1::detail::records {

/// One scalar of the document as the parser delivers it.
struct Scalar {
  enum class Type : std::uint8_t { null, boolean, integer, big_integer, floating, string };
  Type type = Type::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  std::string text;  ///< a string's value, or a number's literal (big integers, floats)
};

/// "null", "a boolean", "an integer", "a floating-point number", "a string", "an object", "an array".
const char* type_name(Scalar::Type t);
inline const char* object_name(bool is_object) { return is_object ? "an object" : "an array"; }

/// The column of a diagnostic not yet located that is about a member's key rather than its value.
inline constexpr int kAtKey = -1;

/// Gives every diagnostic that has a JSON path but no line its line and column: one pass over the
/// text for all of them (at the key for Sink::error_at_key, else at the value), then one over their lines.
void locate_diagnostics(std::string_view body, const LineIndex& lines, std::vector<Diagnostic>& diags);

/// Where diagnostics go while reading.
class Sink {
 public:
  Sink(std::string file, std::vector<Diagnostic>& diags) : file_(std::move(file)), diags_(diags) {}
  void error(std::string path, std::string_view field, std::string message) {
    diags_.push_back({Severity::error, Location{file_, 0, 0, std::move(path), std::string(field)}, std::move(message)});
  }
  /// An error about the key of the member at `path` (a duplicate key), located at the key, not its value.
  void error_at_key(std::string path, std::string_view field, std::string message) {
    diags_.push_back({Severity::error, Location{file_, 0, kAtKey, std::move(path), std::string(field)}, std::move(message)});
  }
  void warn(std::string path, std::string_view field, std::string message) {
    diags_.push_back({Severity::warning, Location{file_, 0, 0, std::move(path), std::string(field)}, std::move(message)});
  }
  std::vector<Diagnostic>& diagnostics() { return diags_; }

 private:
  std::string file_;
  std::vector<Diagnostic>& diags_;
};

/// An open object or array. The driver calls `key` (objects), `scalar` for a scalar member or
/// element, `open` for a container member or element (the returned frame reads it), and `close`
/// when the container ends.
class Frame {
 public:
  explicit Frame(std::string path) : path_(std::move(path)) {}
  virtual ~Frame() = default;
  virtual void key(std::string k) { key_ = std::move(k); }
  virtual void scalar(Scalar v) = 0;
  virtual std::unique_ptr<Frame> open(bool is_object) = 0;
  virtual void close() {}
  /// The document itself is a scalar or an array where this (root) frame expected an object.
  virtual void not_an_object(const char* /*type*/) {}
  /// The document is an array: the frame that reads it, or nullptr when this root wants an object.
  virtual std::unique_ptr<Frame> root_array() { return nullptr; }

  const std::string& path() const { return path_; }
  void set_path(std::string p, bool is_array) {
    path_ = std::move(p);
    is_array_ = is_array;
  }
  /// The path of the value being read now: the current key's, or the next element's.
  std::string child() const { return is_array_ ? child_path(path_, index_) : child_path(path_, key_); }
  /// Set by the driver before `open`: the byte offset in the text of the `{` or `[` being opened, so
  /// a reader can locate a record without a second pass over the text.
  void set_opening(std::size_t offset) { opening_ = offset; }

 protected:
  std::string path_;
  std::string key_;
  bool is_array_ = false;
  std::size_t index_ = 0;  // arrays: the index of the next element
  std::size_t opening_ = 0;  // during `open`: the offset of the container's bracket
  void next() { ++index_; }
};

/// Reads and discards a value (an unknown key's container, or a container where none belongs).
class SkipFrame final : public Frame {
 public:
  SkipFrame() : Frame({}) {}
  void scalar(Scalar) override { next(); }
  std::unique_ptr<Frame> open(bool) override {
    next();
    return std::make_unique<SkipFrame>();
  }
};

/// Parses `text` and sends its events to `root`'s frame. Syntax errors, too deep a nesting, and
/// invalid text become ParseError (thrown) with line, column and path.
void read_events(std::string_view text, const std::string& file, const LineIndex& lines, const InputLimits& limits,
                 std::unique_ptr<Frame> root);

}  // namespace da06::inline v1::detail::records

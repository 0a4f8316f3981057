// da06/error.hpp — the exception types of da06; each carries where the bad input was.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace da06 {
inline namespace v1 {

/// Where a piece of input came from. Every field is optional: 0 / empty means unknown.
/// `to_string()` gives the `FILE:LINE:COL: PATH: ` prefix used by `da06 validate`.
struct Location {
  std::string file;   ///< file name as given by the caller ("<embedded>", "<string>" for buffers)
  int line = 0;       ///< 1-based
  int column = 0;     ///< 1-based, in characters (code points), as editors count them
  std::string path;   ///< JSON pointer-like path, e.g. "$.tasks[3].deadline_text"
  std::string field;  ///< the field name the message is about, e.g. "denominator"

  std::string to_string() const {
    std::string s = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
      s += ':' + std::to_string(line);
      if (column > 0) s += ':' + std::to_string(column);
    }
    if (!path.empty()) s += ": " + path;
    return s;
  }
};

/// Base of every da06 exception. `what()` is the full located message; `message()` the bare one.
class Error : public std::runtime_error {
 public:
  Error(std::string message, Location where = {})
      : std::runtime_error(compose(message, where)), message_(std::move(message)), where_(std::move(where)) {}
  const std::string& message() const noexcept { return message_; }
  const Location& where() const noexcept { return where_; }

 protected:
  /// For messages that locate themselves (LoadError's lines): `what()` is `message` as is.
  struct Verbatim {};
  Error(Verbatim, std::string message, Location where)
      : std::runtime_error(message), message_(std::move(message)), where_(std::move(where)) {}

 private:
  static std::string compose(const std::string& m, const Location& w) {
    if (w.file.empty() && w.line == 0 && w.path.empty()) return m;
    return w.to_string() + ": " + m;
  }
  std::string message_;
  Location where_;
};

/// Text that does not follow its grammar (a number, a date, a period, JSON syntax).
class ParseError : public Error { using Error::Error; };
/// Well-formed input whose content is wrong (dangling reference, 0 denominator, ...).
class DataError : public Error {
 public:
  using Error::Error;

 protected:
  using Error::Verbatim;
  DataError(Verbatim v, std::string message, Location where) : Error(v, std::move(message), std::move(where)) {}
};
/// A value outside the range the operation supports (date outside the calendar's years, overflow).
class RangeError : public Error { using Error::Error; };
/// An argument that violates a documented precondition.
class InvalidArgument : public Error { using Error::Error; };

enum class Severity { error, warning };

/// One problem found in an input: where, how bad, and what. Every reader reports with these.
struct Diagnostic {
  Severity severity = Severity::error;
  Location where;
  std::string message;
  /// `FILE:LINE:COL: $.path: message` (warnings add "warning: " before the message).
  std::string to_string() const;
};

/// Thrown by the strict loaders when an input has errors; carries every diagnostic. `where()` is the
/// first error's location; `what()` lists the first errors, each located.
class LoadError : public DataError {
 public:
  LoadError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace v1
}  // namespace da06

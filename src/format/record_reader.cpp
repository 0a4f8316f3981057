// Internal: the event driver of the record reader (see record_reader.hpp).
#include "record_reader.hpp"

#include <nlohmann/json.hpp>

#include <iterator>

namespace da06::inline v1::detail::records {

const char* type_name(Scalar::Type t) {
  switch (t) {
    case Scalar::Type::null: return "null";
    case Scalar::Type::boolean: return "a boolean";
    case Scalar::Type::string: return "a string";
    case Scalar::Type::floating: return "a floating-point number";
    case Scalar::Type::integer:
    case Scalar::Type::big_integer: return "an integer";
  }
  return "?";
}

namespace {


class Driver {
 public:
  using json = nlohmann::json;
  Driver(std::unique_ptr<Frame> root, std::size_t max_depth, const char* base, const char* const* cursor)
      : max_depth_(max_depth), base_(base), cursor_(cursor) {
    root_ = std::move(root);
  }

  bool null() { return scalar({}); }
  bool boolean(bool v) {
    Scalar s;
    s.type = Scalar::Type::boolean;
    s.boolean = v;
    return scalar(std::move(s));
  }
  bool number_integer(json::number_integer_t v) {
    Scalar s;
    s.type = Scalar::Type::integer;
    s.integer = v;
    return scalar(std::move(s));
  }
  bool number_unsigned(json::number_unsigned_t v) {
    Scalar s;
    if (v > static_cast<json::number_unsigned_t>(INT64_MAX)) {
      s.type = Scalar::Type::big_integer;
      s.text = std::to_string(v);
    } else {
      s.type = Scalar::Type::integer;
      s.integer = static_cast<std::int64_t>(v);
    }
    return scalar(std::move(s));
  }
  bool number_float(json::number_float_t v, const std::string& raw) {
    Scalar s;
    s.type = raw.find_first_of(".eE") == std::string::npos ? Scalar::Type::big_integer : Scalar::Type::floating;
    s.floating = v;
    s.text = raw;
    return scalar(std::move(s));
  }
  bool string(std::string& v) {
    Scalar s;
    s.type = Scalar::Type::string;
    s.text = std::move(v);
    return scalar(std::move(s));
  }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    stack_.back()->key(std::move(k));
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    error_offset_ = position == 0 ? 0 : position - 1;
    std::string m = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> the tail;
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'" -> the text after the tag.
    auto pe = m.find("parse error");
    auto p = pe == std::string::npos ? std::string::npos : m.find(": ", pe);
    if (p != std::string::npos) error_message_ = m.substr(p + 2);
    else if (auto tag = m.find("] "); m.rfind("[json.exception", 0) == 0 && tag != std::string::npos) error_message_ = m.substr(tag + 2);
    else error_message_ = m;
    error_path_ = stack_.empty() ? "$" : stack_.back()->child();
    return false;
  }

  std::size_t error_offset_ = 0;
  std::string error_message_, error_path_;
  bool too_deep_ = false;

 private:
  bool scalar(Scalar s) {
    if (stack_.empty()) {
      root_->not_an_object(type_name(s.type));
      return true;
    }
    stack_.back()->scalar(std::move(s));
    return true;
  }
  bool open(bool is_object) {
    if (stack_.size() >= max_depth_) {
      too_deep_ = true;
      error_message_ = "nesting deeper than " + std::to_string(max_depth_) + " levels (InputLimits::max_depth)";
      error_path_ = stack_.back()->child();
      return false;
    }
    if (stack_.empty()) {
      if (!is_object) {
        std::unique_ptr<Frame> f = root_->root_array();
        if (!f) {
          root_->not_an_object("an array");
          f = std::make_unique<SkipFrame>();
        }
        stack_.push_back(std::move(f));
        return true;
      }
      stack_.push_back(std::move(root_));
      return true;
    }
    std::string where = stack_.back()->child();
    // The parser calls start_object/start_array just past the bracket (no token reads ahead of one).
    stack_.back()->set_opening(static_cast<std::size_t>(*cursor_ - base_) - 1);
    std::unique_ptr<Frame> f = stack_.back()->open(is_object);
    if (f->path().empty()) f->set_path(std::move(where), !is_object);  // a skipped value keeps its place for messages
    stack_.push_back(std::move(f));
    return true;
  }
  bool close() {
    std::unique_ptr<Frame> f = std::move(stack_.back());
    stack_.pop_back();
    f->close();
    return true;
  }

  std::unique_ptr<Frame> root_;
  std::vector<std::unique_ptr<Frame>> stack_;
  std::size_t max_depth_;
  const char* base_;
  const char* const* cursor_;
};

}  // namespace

void read_events(std::string_view text, const std::string& file, const LineIndex& lines, const InputLimits& limits,
                 std::unique_ptr<Frame> root) {
  auto fail = [&](std::size_t off, std::string path, std::string msg) {
    Location loc;
    loc.file = file;
    lines.locate(off, loc.line, loc.column);
    loc.path = std::move(path);
    throw ParseError(std::move(msg), std::move(loc));
  };
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    fail(0, "$", text.empty() ? "empty file: expected a JSON object" : "file holds only white space: expected a JSON object");
  if (auto [why, at] = check_text(text); !why.empty()) fail(at, "$", why);
  const char* cursor = text.data();
  Driver d(std::move(root), limits.max_depth, text.data(), &cursor);
  CountingIterator first{text.data(), &cursor}, last{text.data() + text.size(), nullptr};
  bool ok = nlohmann::json::sax_parse(first, last, &d, nlohmann::json::input_format_t::json, /*strict=*/true,
                                      /*ignore_comments=*/true);
  if (!ok) {
    if (d.too_deep_) d.error_offset_ = static_cast<std::size_t>(cursor - text.data()) - 1;
    tidy_parse_error(text, d.error_offset_, d.error_message_);
    fail(d.error_offset_, d.error_path_, d.error_message_);
  }
}

void locate_diagnostics(std::string_view body, const LineIndex& lines, std::vector<Diagnostic>& diags) {
  std::vector<std::size_t> which;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < diags.size(); ++i)
    if (diags[i].where.line == 0 && !diags[i].where.path.empty()) {
      which.push_back(i);
      paths.push_back(diags[i].where.column == kAtKey ? key_path(diags[i].where.path) : diags[i].where.path);
    }
  if (which.empty()) return;
  auto lc = lines.locate_all(locate_json_paths(body, paths));
  for (std::size_t k = 0; k < which.size(); ++k) {
    diags[which[k]].where.line = lc[k].first;
    diags[which[k]].where.column = lc[k].second;
  }
}

}  // namespace da06::inline v1::detail::records

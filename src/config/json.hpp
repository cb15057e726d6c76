// A small JSON reader and writer for the core's documents (the page is built with Emscripten
// and the core depends on nothing but Eigen). Strict RFC 8259: no comments, no trailing
// commas, no NaN; bounded in size and depth so that any byte string is safe to hand in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/text.hpp"
#include "core/result.hpp"

namespace bp {

inline constexpr std::size_t kMaxJsonBytes = kMaxTextBytes;  // the page's one text limit
inline constexpr int kMaxJsonDepth = 64;

struct JsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  double number = 0.0;  // finite; for Number
  std::string text;     // String: the decoded string (UTF-8); Number: the literal as written
  std::vector<JsonValue> items;                           // Array
  std::vector<std::pair<std::string, JsonValue>> fields;  // Object, in order, keys unique
  int line = 0;    // where the value starts in the text, from 1 (0 if built in code)
  int column = 0;  // in bytes, from 1

  static JsonValue null() { return {}; }
  static JsonValue of(bool b);
  static JsonValue of(double v);  // its shortest exact form; null if v is NaN or infinite
  static JsonValue integer(unsigned long long v);  // exact, even beyond 2^53
  static JsonValue integer_signed(long long v);
  static JsonValue of(std::string_view s);
  static JsonValue array();
  static JsonValue object();

  // Object: the field called key, or nullptr.
  const JsonValue* find(std::string_view key) const;
  // Object: appends a field (the caller keeps keys unique). Returns *this.
  JsonValue& add(std::string key, JsonValue value);
  // Array: appends an item. Returns *this.
  JsonValue& push(JsonValue value);

  // "line 3, column 14"
  std::string where() const;
};

// Parses one JSON value (whitespace around it allowed). Errors give the position:
// "line 3, column 14: expected ',' or ']'". Numbers must be finite doubles (1e999 is refused);
// strings must be valid UTF-8 with escapes including \uXXXX surrogate pairs; duplicate object
// keys are refused; nesting deeper than kMaxJsonDepth and text longer than kMaxJsonBytes too.
Result<JsonValue> parse_json(std::string_view text);

// Writes a value: objects one field per line indented by two spaces, arrays of scalars on one
// line, arrays of containers one item per line. Deterministic, so writing what was read
// gives the same text. Ends without a newline.
std::string write_json(const JsonValue& value);

// JSON string literal for s, with quotes and escapes.
std::string json_quote(std::string_view s);

// A streaming writer, for documents built field by field (the page's state() and events):
// commas between elements, strings through json_quote, numbers in their shortest exact form
// (format_number), null for NaN and infinities. Compact: no spaces or newlines.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // inside an object, before each value
  JsonWriter& number(double value);
  JsonWriter& integer(long long value);
  JsonWriter& unsigned_integer(std::uint64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& string(std::string_view text);
  JsonWriter& null();

  const std::string& str() const { return out_; }

 private:
  void before_value();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace bp

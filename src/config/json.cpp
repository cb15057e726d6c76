// The JSON reader (recursive descent, bounded depth) and writer (see json.hpp).
#include "json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "text.hpp"

namespace bp {

JsonValue JsonValue::of(bool b) {
  JsonValue v;
  v.type = Type::Bool;
  v.boolean = b;
  return v;
}

JsonValue JsonValue::of(double x) {
  if (!std::isfinite(x)) return null();  // JSON has no NaN or infinity
  JsonValue v;
  v.type = Type::Number;
  v.number = x;
  v.text = format_number(x);
  return v;
}

JsonValue JsonValue::integer(unsigned long long x) {
  JsonValue v;
  v.type = Type::Number;
  v.number = static_cast<double>(x);
  v.text = std::to_string(x);
  return v;
}

JsonValue JsonValue::integer_signed(long long x) {
  JsonValue v;
  v.type = Type::Number;
  v.number = static_cast<double>(x);
  v.text = std::to_string(x);
  return v;
}

JsonValue JsonValue::of(std::string_view s) {
  JsonValue v;
  v.type = Type::String;
  v.text = std::string(s);
  return v;
}

JsonValue JsonValue::array() {
  JsonValue v;
  v.type = Type::Array;
  return v;
}

JsonValue JsonValue::object() {
  JsonValue v;
  v.type = Type::Object;
  return v;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [k, v] : fields)
    if (k == key) return &v;
  return nullptr;
}

JsonValue& JsonValue::add(std::string key, JsonValue value) {
  fields.emplace_back(std::move(key), std::move(value));
  return *this;
}

JsonValue& JsonValue::push(JsonValue value) {
  items.push_back(std::move(value));
  return *this;
}

std::string JsonValue::where() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<JsonValue> document() {
    JsonValue v;
    skip_space();
    if (!value(v, 1)) return Error{error_};
    skip_space();
    if (i_ != s_.size()) {
      fail("unexpected text after the end of the document");
      return Error{error_};
    }
    return v;
  }

 private:
  bool fail(const std::string& what) {
    // Line and column of i_, counted now (only once, on the error path).
    int line = 1;
    int column = 1;
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_ = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
    return false;
  }

  void skip_space() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++column_;
      } else {
        break;
      }
      ++i_;
    }
  }

  void advance(std::size_t n) {
    i_ += n;
    column_ += static_cast<int>(n);
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return fail("unexpected character");
    advance(word.size());
    return true;
  }

  bool value(JsonValue& v, int depth) {
    v.line = line_;
    v.column = column_;
    if (i_ >= s_.size()) return fail("unexpected end of text: a value is missing");
    const char c = s_[i_];
    switch (c) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"': v.type = JsonValue::Type::String; return string(v.text);
      case 't':
        v.type = JsonValue::Type::Bool;
        v.boolean = true;
        return literal("true");
      case 'f':
        v.type = JsonValue::Type::Bool;
        v.boolean = false;
        return literal("false");
      case 'n': v.type = JsonValue::Type::Null; return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        if (c == 'N' || c == 'I') return fail("NaN and Infinity are not JSON numbers");
        return fail("unexpected character " +
                    quoted(s_.substr(i_, std::max<std::size_t>(1, utf8_length(i_)))));
    }
  }

  bool enter(int depth) {
    if (depth > kMaxJsonDepth)
      return fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return true;
  }

  bool array(JsonValue& v, int depth) {
    if (!enter(depth)) return false;
    v.type = JsonValue::Type::Array;
    advance(1);
    skip_space();
    if (i_ < s_.size() && s_[i_] == ']') {
      advance(1);
      return true;
    }
    while (true) {
      JsonValue item;
      skip_space();
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      skip_space();
      if (i_ >= s_.size()) return fail("unexpected end of text: expected ',' or ']'");
      if (s_[i_] == ']') {
        advance(1);
        return true;
      }
      if (s_[i_] != ',') return fail("expected ',' or ']'");
      advance(1);
    }
  }

  bool object(JsonValue& v, int depth) {
    if (!enter(depth)) return false;
    v.type = JsonValue::Type::Object;
    advance(1);
    skip_space();
    if (i_ < s_.size() && s_[i_] == '}') {
      advance(1);
      return true;
    }
    while (true) {
      skip_space();
      if (i_ >= s_.size()) return fail("unexpected end of text: expected a field name");
      if (s_[i_] != '"') return fail("expected a field name in double quotes");
      const std::size_t key_at = i_;
      std::string key;
      if (!string(key)) return false;
      if (v.find(key) != nullptr) {
        i_ = key_at;
        return fail("field " + quoted(key) + " appears twice");
      }
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':' after the field name");
      advance(1);
      skip_space();
      JsonValue item;
      if (!value(item, depth + 1)) return false;
      v.fields.emplace_back(std::move(key), std::move(item));
      skip_space();
      if (i_ >= s_.size()) return fail("unexpected end of text: expected ',' or '}'");
      if (s_[i_] == '}') {
        advance(1);
        return true;
      }
      if (s_[i_] != ',') return fail("expected ',' or '}'");
      advance(1);
    }
  }

  bool number(JsonValue& v) {
    std::size_t k = i_;
    const auto digit = [&](std::size_t p) { return p < s_.size() && s_[p] >= '0' && s_[p] <= '9'; };
    if (s_[k] == '-') ++k;
    if (!digit(k)) return fail("expected a digit");
    if (s_[k] == '0') {
      ++k;
      if (digit(k)) return fail("numbers must not start with 0");
    } else {
      while (digit(k)) ++k;
    }
    if (k < s_.size() && s_[k] == '.') {
      ++k;
      if (!digit(k)) {
        i_ = k;
        return fail("expected a digit after the decimal point");
      }
      while (digit(k)) ++k;
    }
    if (k < s_.size() && (s_[k] == 'e' || s_[k] == 'E')) {
      ++k;
      if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (!digit(k)) {
        i_ = k;
        return fail("expected a digit in the exponent");
      }
      while (digit(k)) ++k;
    }
    const std::string_view token = s_.substr(i_, k - i_);
    if (token.size() > 400) return fail("number has too many digits");
    const Result<double> x = read_number(token);
    if (!x) return fail(x.error());
    v.type = JsonValue::Type::Number;
    v.number = x.value();
    v.text = std::string(token);
    advance(token.size());
    return true;
  }

  int hex4(std::size_t at) const {
    if (at + 4 > s_.size()) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      const char c = s_[k];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Length of the valid UTF-8 sequence at p (1..4), or 0.
  std::size_t utf8_length(std::size_t p) const {
    const auto b = [&](std::size_t k) {
      return k < s_.size() ? static_cast<unsigned char>(s_[k]) : 0u;
    };
    const unsigned c = b(p);
    const auto cont = [&](std::size_t k) { return (b(k) & 0xC0u) == 0x80u; };
    if (c >= 0xC2 && c <= 0xDF) return cont(p + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(p + 1) || !cont(p + 2)) return 0;
      if (c == 0xE0 && b(p + 1) < 0xA0) return 0;   // overlong
      if (c == 0xED && b(p + 1) >= 0xA0) return 0;  // surrogates
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(p + 1) || !cont(p + 2) || !cont(p + 3)) return 0;
      if (c == 0xF0 && b(p + 1) < 0x90) return 0;   // overlong
      if (c == 0xF4 && b(p + 1) >= 0x90) return 0;  // beyond U+10FFFF
      return 4;
    }
    return 0;
  }

  bool string(std::string& out) {
    advance(1);  // the opening quote
    while (true) {
      if (i_ >= s_.size()) return fail("unexpected end of text inside a string");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        advance(1);
        return true;
      }
      if (c < 0x20) return fail("control character inside a string (write it as an escape)");
      if (c == '\\') {
        if (i_ + 1 >= s_.size()) return fail("unexpected end of text inside a string");
        const char e = s_[i_ + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const int hi = hex4(i_ + 2);
            if (hi < 0) return fail("\\u must be followed by 4 hex digits");
            auto cp = static_cast<std::uint32_t>(hi);
            std::size_t used = 6;
            if (hi >= 0xD800 && hi <= 0xDBFF) {
              const int lo = (i_ + 7 < s_.size() && s_[i_ + 6] == '\\' && s_[i_ + 7] == 'u')
                                 ? hex4(i_ + 8)
                                 : -1;
              if (lo < 0xDC00 || lo > 0xDFFF)
                return fail("\\u escape of a high surrogate must be followed by a low one");
              cp = 0x10000u + ((cp - 0xD800u) << 10) + (static_cast<std::uint32_t>(lo) - 0xDC00u);
              used = 12;
            } else if (hi >= 0xDC00 && hi <= 0xDFFF) {
              return fail("\\u escape of a low surrogate without a high one");
            }
            put_utf8(out, cp);
            advance(used);
            continue;
          }
          default: return fail("unknown escape \\" + std::string(1, e));
        }
        advance(2);
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        advance(1);
        continue;
      }
      const std::size_t len = utf8_length(i_);
      if (len == 0) return fail("invalid UTF-8 inside a string");
      out.append(s_.substr(i_, len));
      advance(len);
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
  std::string error_;
};

bool is_scalar(const JsonValue& v) {
  return v.type != JsonValue::Type::Array && v.type != JsonValue::Type::Object;
}

void write(const JsonValue& v, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent) * 2 + 2, ' ');
  const std::string close_pad(static_cast<std::size_t>(indent) * 2, ' ');
  switch (v.type) {
    case JsonValue::Type::Null: out += "null"; break;
    case JsonValue::Type::Bool: out += v.boolean ? "true" : "false"; break;
    case JsonValue::Type::Number: out += v.text.empty() ? format_number(v.number) : v.text; break;
    case JsonValue::Type::String: out += json_quote(v.text); break;
    case JsonValue::Type::Array: {
      bool flat = true;
      for (const JsonValue& item : v.items) flat = flat && is_scalar(item);
      out += '[';
      for (std::size_t k = 0; k < v.items.size(); ++k) {
        if (k > 0) out += flat ? ", " : ",";
        if (!flat) out += "\n" + pad;
        write(v.items[k], indent + 1, out);
      }
      if (!flat && !v.items.empty()) out += "\n" + close_pad;
      out += ']';
      break;
    }
    case JsonValue::Type::Object: {
      out += '{';
      for (std::size_t k = 0; k < v.fields.size(); ++k) {
        out += k > 0 ? ",\n" : "\n";
        out += pad + json_quote(v.fields[k].first) + ": ";
        write(v.fields[k].second, indent + 1, out);
      }
      if (!v.fields.empty()) out += "\n" + close_pad;
      out += '}';
      break;
    }
  }
}

}  // namespace

Result<JsonValue> parse_json(std::string_view text) {
  if (text.size() > kMaxJsonBytes)
    return Error{"the text is " + describe_bytes(text.size()) + ", more than the " +
                 describe_bytes(kMaxJsonBytes) + " accepted"};
  // A UTF-8 byte order mark, which some editors write at the start of a file (RFC 8259 allows
  // a reader to ignore it).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return Parser(text).document();
}

std::string write_json(const JsonValue& value) {
  std::string out;
  write(value, 0, out);
  return out;
}

std::string json_quote(std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  string(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  if (!std::isfinite(value)) return null();
  before_value();
  out_ += format_number(value);
  return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
  before_value();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t value) {
  before_value();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  before_value();
  out_ += json_quote(text);
  return *this;
}

}  // namespace bp

// Strict number parsing and shortest exact number formatting (see text.hpp).
#include "text.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bp {

std::string format_number(double v) {
  if (v == 0.0) return std::signbit(v) ? "-0" : "0";
  char buf[40];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    const std::optional<double> back = parse_number(buf);
    if (back && *back == v) break;
  }
  // "5e+01" -> "50": whole numbers up to 17 digits without an exponent. More digits of the
  // closest decimal still read back as v.
  if (const char* e = std::strchr(buf, 'e')) {
    const int exponent = std::atoi(e + 1);
    if (exponent > 0 && exponent < 17) {
      std::snprintf(buf, sizeof buf, "%.*g", exponent + 1 > precision ? exponent + 1 : precision,
                    v);
    }
  }
  return buf;
}

std::optional<double> parse_number(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  const auto digit = [&](std::size_t k) { return k < n && text[k] >= '0' && text[k] <= '9'; };
  if (n == 0 || n > 400) return std::nullopt;  // 400: no exact double needs more
  if (text[i] == '-') ++i;
  std::size_t digits = 0;
  while (digit(i)) ++i, ++digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (digit(i)) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digit(i)) return std::nullopt;
    while (digit(i)) ++i;
  }
  if (i != n) return std::nullopt;
  const std::string s(text);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  // ERANGE with a finite result is underflow: strtod's rounding is the right value.
  return v;
}

namespace {

// Whether all of text is a number in JSON's grammar; int_end is set to the end of its integer
// part (sign and digits).
bool is_json_number(std::string_view text, std::size_t& int_end) {
  const std::size_t n = text.size();
  const auto digit = [&](std::size_t k) { return k < n && text[k] >= '0' && text[k] <= '9'; };
  std::size_t i = 0;
  if (i < n && text[i] == '-') ++i;
  if (!digit(i)) return false;
  if (text[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  int_end = i;
  if (i < n && text[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == n;
}

constexpr const char* kNotANumber =
    "is not a number as JSON writes one (like 0.5, 2, -3 or 1e-3: no spaces, '+' in front, hex, "
    "leading zeros, or '.' without digits on both sides)";

}  // namespace

NumberText read_json_number(std::string_view text) {
  std::size_t int_end = 0;
  if (!is_json_number(text, int_end)) return {{}, kNotANumber};
  if (text.size() > 400)
    return {{}, "has more digits than any double needs (at most 400 characters)"};
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return {{}, kNotANumber};
  if (!std::isfinite(v)) return {{}, "is too large for a double (the largest is about 1.8e308)"};
  if (v == 0.0) {
    // Any digit other than 0 before the exponent: the value is not 0 but rounds to it.
    const std::size_t e = s.find_first_of("eE");
    if (s.substr(0, e).find_first_of("123456789") != std::string::npos)
      return {{},
              "underflows: it is too close to 0 for a double and would be read as 0 (the "
              "smallest is about 5e-324)"};
  }
  return {v, ""};
}

WholeText read_json_whole(std::string_view text, std::uint64_t max) {
  const std::string range = "is out of range (0 to " + std::to_string(max) + ")";
  std::size_t int_end = 0;
  if (!is_json_number(text, int_end)) return {{}, kNotANumber};
  if (int_end != text.size())
    return {{}, "is not a whole number (write it with digits only, like 1000)"};
  if (text.front() == '-') {
    if (text.find_first_of("123456789") != std::string_view::npos) return {{}, range};
    return {0, ""};  // -0
  }
  const std::optional<std::uint64_t> v = parse_whole(text, max);
  if (!v) return {{}, range};
  return {v, ""};
}

std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (max - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::string quoted(std::string_view text) {
  std::string out = "'";
  const std::size_t keep = text.size() > 40 ? 37 : text.size();
  for (std::size_t i = 0; i < keep;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
      ++i;
      continue;
    }
    // A whole UTF-8 sequence is kept; a broken one (or one cut by the limit) becomes '?', so
    // that the message itself is always valid UTF-8.
    const std::size_t len = c >= 0xF5 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool whole = len > 0 && i + len <= keep;
    for (std::size_t k = 1; whole && k < len; ++k)
      whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (whole) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  if (keep < text.size()) out += "...";
  return out + "'";
}

}  // namespace bp

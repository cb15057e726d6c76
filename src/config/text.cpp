// Strict number parsing and shortest exact number formatting (see text.hpp).
#include "text.hpp"

#include <algorithm>
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
  int exponent2 = 0;
  if (!std::isfinite(v) || std::fabs(std::frexp(v, &exponent2)) == 0.5) {
    // A power of two (or not a number): its rounding interval is narrower below than above,
    // so fewer digits may read back when more do not. Every precision in turn.
    for (; precision <= 17; ++precision) {
      std::snprintf(buf, sizeof buf, "%.*g", precision, v);
      const std::optional<double> back = parse_number(buf);
      if (back && *back == v) break;
    }
  } else {
    // Otherwise the interval is symmetric, and if p digits read back as v so do p + 1 (the
    // nearest p + 1 digit decimal is at least as close). A computed value needs 15 to 17
    // digits: 15 is tried first, then 16 (17 always reads back); a value that 15 digits
    // already give (typed, round) gets the fewest by bisection below 15. 2 to 5 conversions
    // instead of up to 17: state() writes thousands of numbers, and WebAssembly's printf of a
    // double (long double arithmetic in software) made it most of the page's main thread.
    const auto reads_back = [&](int p) {
      std::snprintf(buf, sizeof buf, "%.*g", p, v);
      return std::strtod(buf, nullptr) == v;
    };
    if (!reads_back(15)) {
      precision = reads_back(16) ? 16 : 17;
      if (precision == 17) std::snprintf(buf, sizeof buf, "%.17g", v);
    } else {
      int lo = 1, hi = 15;  // hi reads back
      while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (reads_back(mid))
          hi = mid;
        else
          lo = mid + 1;
      }
      precision = lo;
      std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    }
  }
  // "5e+01" -> "50": whole numbers up to 17 digits without an exponent. More digits of the
  // closest decimal still read back as v.
  if (const char* e = std::strchr(buf, 'e')) {
    const int exponent = std::atoi(e + 1);
    if (exponent > 0 && exponent < 17) {
      // At most 17 digits (exponent < 17, precision <= 17): the bound also shows the compiler
      // that buf holds them.
      std::snprintf(buf, sizeof buf, "%.*g", std::clamp(std::max(exponent + 1, precision), 1, 17),
                    v);
    }
  }
  return buf;
}

std::string describe_bytes(std::uint64_t bytes) {
  std::string digits = std::to_string(bytes);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  std::string out = digits + (bytes == 1 ? " byte" : " bytes");
  static constexpr const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes >= 1024) {
    double v = static_cast<double>(bytes);
    int u = -1;
    while (v >= 1024 && u < 3) v /= 1024, ++u;
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10 && v != std::floor(v) ? " (%.1f %s)" : " (%.0f %s)", v,
                  units[u]);
    out += buf;
  }
  return out;
}

Result<double> read_number(std::string_view text) {
  const auto not_number = [&] {
    return Error{quoted(text) + " is not a number (write numbers like 2, -0.5 or 1e-3)"};
  };
  std::size_t i = 0;
  const std::size_t n = text.size();
  const auto digit = [&](std::size_t k) { return k < n && text[k] >= '0' && text[k] <= '9'; };
  if (n == 0) return Error{"an empty text is not a number"};
  if (n > 400) return Error{quoted(text) + " has too many digits for a number"};
  if (text[i] == '-') ++i;
  if (!digit(i)) return not_number();
  bool nonzero = false;
  if (text[i] == '0') {
    ++i;
    if (digit(i)) return Error{quoted(text) + " is not a number: it must not start with 0"};
  } else {
    while (digit(i)) nonzero = true, ++i;
  }
  if (i < n && text[i] == '.') {
    ++i;
    if (!digit(i)) return not_number();
    while (digit(i)) nonzero = nonzero || text[i] != '0', ++i;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digit(i)) return not_number();
    while (digit(i)) ++i;
  }
  if (i != n) return not_number();
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return not_number();
  if (!std::isfinite(v)) return Error{quoted(text) + " is too large for a number"};
  if (v == 0.0 && nonzero)
    return Error{quoted(text) + " is too small for a number: it would round to 0 (underflow)"};
  return v;
}

std::optional<double> parse_number(std::string_view text) {
  Result<double> r = read_number(text);
  if (!r) return std::nullopt;
  return r.value();
}

Result<std::uint64_t> read_whole(std::string_view text, std::uint64_t max) {
  if (text.empty()) return Error{"an empty text is not a whole number"};
  const bool digits_only = text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only) {
    if (const Result<double> v = read_number(text); !v) return Error{v.error()};
    return Error{quoted(text) + " is not a whole number from 0 (write it with digits only)"};
  }
  if (text.size() > 1 && text[0] == '0')
    return Error{quoted(text) + " is not a number: it must not start with 0"};
  std::uint64_t v = 0;
  for (char c : text) {
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (max - d) / 10) return Error{quoted(text) + " is more than " + std::to_string(max)};
    v = v * 10 + d;
  }
  return v;
}

std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max) {
  Result<std::uint64_t> r = read_whole(text, max);
  if (!r) return std::nullopt;
  return r.value();
}

namespace {

// The length of the UTF-8 sequence starting at text[i] and its code point, or 0 when the
// bytes there are not one whole, shortest-form sequence.
std::size_t utf8_at(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  const std::size_t len = c >= 0xF5 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || i + len > text.size()) return 0;
  cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool shortest = len == 2 || (len == 3 && cp >= 0x800) || (len == 4 && cp >= 0x10000);
  if (!shortest || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return len;
}

std::string code_point(std::uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

const char* control_name(std::uint32_t cp) {
  switch (cp) {
    case 0x00: return "a NUL character";
    case 0x1A: return "an end-of-file character (Ctrl+Z)";
    case 0x1B: return "an escape character";
    case 0x7F: return "a delete character";
    default: return "a control character";
  }
}

}  // namespace

std::string quoted(std::string_view text) {
  std::string out = "'";
  const std::size_t keep = text.size() > 40 ? 37 : text.size();
  for (std::size_t i = 0; i < keep;) {
    std::uint32_t cp = 0;
    const std::size_t len = utf8_at(text, i, cp);
    if (len == 0 || i + len > keep) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "<0x%02X>", static_cast<unsigned char>(text[i]));
      out += buf;
      ++i;
    } else {
      if (cp >= 0x20 && cp < 0x7F)
        out += static_cast<char>(cp);
      else
        out += "<" + code_point(cp) + ">";
      i += len;
    }
  }
  if (keep < text.size()) out += "...";
  return out + "'";
}

std::string find_binary(std::string_view text) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++line;
      column = 1;
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f') || c == 0x7F) {
      return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
             control_name(c) + " (" + code_point(c) +
             "); this looks like a binary file, not text, so nothing was read";
    }
    if ((c & 0xC0) != 0x80) ++column;  // columns count characters, not UTF-8 bytes
  }
  return {};
}

}  // namespace bp

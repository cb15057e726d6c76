// Numbers as the page writes them for a student to check by hand (see shown.hpp).
#include "shown.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bp::app {
namespace {

constexpr int kMaxDecimals = 15;

bool not_a_number(double v, Shown& s) {
  if (std::isnan(v)) {
    std::snprintf(s.text, sizeof s.text, "NaN");
  } else if (std::isinf(v)) {
    std::snprintf(s.text, sizeof s.text, "%s", v > 0 ? "+inf" : "-inf");
  } else {
    return false;
  }
  s.value = v;
  return true;
}

void read_back(Shown& s) {
  drop_negative_zero(s.text);
  s.value = std::strtod(s.text, nullptr);
}

}  // namespace

void drop_negative_zero(char* text) {
  if (text[0] != '-') return;
  for (const char* p = text + 1; *p && *p != 'e' && *p != 'E'; ++p)
    if (*p >= '1' && *p <= '9') return;
  std::memmove(text, text + 1, std::strlen(text));
}

Shown shown_significant(double v, int digits) {
  Shown s;
  digits = std::clamp(digits, 1, 17);
  if (not_a_number(v, s)) return s;
  if (v == std::round(v) && std::fabs(v) < 1e5) {  // a whole number, every digit: "1", "-3", "0"
    std::snprintf(s.text, sizeof s.text, "%.0f", v);
    read_back(s);
    return s;
  }
  s.rounded = true;
  // The exponent after rounding (0.99995 to 4 digits is 1.000, exponent 0, not -1).
  char e[40];
  std::snprintf(e, sizeof e, "%.*e", digits - 1, v);
  const int exponent = std::atoi(std::strchr(e, 'e') + 1);
  if (exponent < -4 || exponent >= 5) {
    std::snprintf(s.text, sizeof s.text, "%s", e);
    s.decimals = std::max(0, digits - 1 - exponent);
  } else {
    s.decimals = std::max(0, digits - 1 - exponent);
    std::snprintf(s.text, sizeof s.text, "%.*f", s.decimals, v);
  }
  read_back(s);
  return s;
}

Shown shown_fixed(double v, int decimals) {
  Shown s;
  if (not_a_number(v, s)) return s;
  s.rounded = true;
  decimals = std::clamp(decimals, 0, kMaxDecimals);
  if (std::fabs(v) >= 1e5) {
    std::snprintf(s.text, sizeof s.text, "%.2e", v);
    s.decimals = 0;
  } else {
    std::snprintf(s.text, sizeof s.text, "%.*f", decimals, v);
    s.decimals = decimals;
  }
  read_back(s);
  return s;
}

Shown shown_product(const Shown& a, const Shown& b, int digits) {
  return shown_significant(a.value * b.value, digits);
}

Shown shown_difference(const Shown& a, const Shown& b, int digits) {
  return shown_significant(a.value - b.value, digits);
}

Shown shown_sum(const std::vector<Shown>& terms) {
  double sum = 0.0;
  int decimals = 0;
  for (const Shown& t : terms) {
    sum += t.value;
    decimals = std::max(decimals, t.decimals);
  }
  if (!std::isfinite(sum) || decimals > kMaxDecimals || std::fabs(sum) >= 1e5) {
    Shown s = shown_significant(sum, 8);
    return s;
  }
  Shown s;
  s.decimals = decimals;
  std::snprintf(s.text, sizeof s.text, "%.*f", decimals, sum);
  read_back(s);
  return s;
}

std::string unit_label(const Network& net, int l, int j) {
  const std::string n = std::to_string(j + 1);
  if (l == 0) return "x" + n;
  if (l == net.layers()) return net.size(l) == 1 ? "out" : "out" + n;
  return "h" + n;
}

std::string weight_label(const Network& net, WeightRef w) {
  return "W" + std::to_string(w.layer) + "[" + std::to_string(w.row) + "][" +
         std::to_string(w.col) + "]: " + unit_label(net, w.layer - 1, w.row) + " to " +
         unit_label(net, w.layer, w.col);
}

}  // namespace bp::app

// format_number's bisection (issue 16: state() writes thousands of numbers a call) gives the
// same text as trying every precision from 1 up, on values of every kind.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config/text.hpp"
#include "core/rng.hpp"

namespace {

// The definition: the fewest significant digits (1 to 17) whose %g text reads back as v.
std::string shortest_by_scan(double v) {
  char buf[40];
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*g", p, v);
    if (std::strtod(buf, nullptr) == v) return buf;
  }
  return buf;
}

}  // namespace

TEST_CASE("format_number: the fewest digits that read back, as a scan of every precision") {
  bp::Rng rng(16);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    // Computed values (many digits), typed values (few), tiny and huge ones.
    const double scale = std::pow(10.0, rng.uniform(-30, 30));
    double v = rng.uniform(-1, 1) * scale;
    if (i % 3 == 1) v = std::round(v * 1000.0) / 1000.0;
    if (i % 3 == 2) v = static_cast<double>(static_cast<float>(v));
    if (v == 0.0) continue;
    const std::string got = bp::format_number(v);
    std::string want = shortest_by_scan(v);
    // format_number writes whole numbers below 1e17 without an exponent: compare values and
    // lengths of the digits for those, the text for the rest.
    if (want.find('e') != std::string::npos && got.find('e') == std::string::npos) {
      CHECK(std::strtod(got.c_str(), nullptr) == v);
    } else {
      CHECK(got == want);
    }
    ++checked;
  }
  CHECK(checked > 15000);
  CHECK(bp::format_number(0.1) == "0.1");
  CHECK(bp::format_number(0.5) == "0.5");
  CHECK(bp::format_number(1024.0) == "1024");
  CHECK(bp::format_number(-0.0) == "-0");
}

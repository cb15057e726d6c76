// The page's formatting of numbers a student checks by hand (src/app/shown.hpp): the shown
// factors multiply to the shown product, the shown terms add up to the shown sum, and no zero
// is written with a minus sign. "By hand" here means: read the shown text back as a number.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "app/shown.hpp"
#include "core/rng.hpp"

namespace {

double read(const bp::app::Shown& s) {
  return std::strtod(s.text, nullptr);
}

// Half a unit of the last digit shown.
double half_unit(const bp::app::Shown& s) {
  const char* e = std::strchr(s.text, 'e');
  if (!e) return 0.5 * std::pow(10.0, -s.decimals);
  const char* dot = std::strchr(s.text, '.');
  const int mantissa_decimals = dot && dot < e ? static_cast<int>(e - dot - 1) : 0;
  return 0.5 * std::pow(10.0, std::atoi(e + 1) - mantissa_decimals);
}

}  // namespace

TEST_CASE("shown numbers: significant digits, no negative zero") {
  using bp::app::shown_fixed;
  using bp::app::shown_significant;
  CHECK(std::string(shown_significant(0.74449).text) == "0.7445");
  CHECK(std::string(shown_significant(0.024362).text) == "0.02436");
  CHECK(std::string(shown_significant(-12.3456).text) == "-12.35");
  CHECK(std::string(shown_significant(0.99996).text) == "1.000");
  CHECK(std::string(shown_significant(1.2346e-5).text) == "1.235e-05");
  CHECK(std::string(shown_significant(123456.0).text) == "1.235e+05");
  CHECK(std::string(shown_significant(1.0).text) == "1");  // a whole number, not "1.000"
  CHECK(std::string(shown_significant(-3.0, 6).text) == "-3");
  CHECK(std::string(shown_significant(0.0).text) == "0");
  CHECK(std::string(shown_significant(-0.0).text) == "0");
  CHECK(std::string(shown_significant(std::nan("")).text) == "NaN");
  CHECK(std::string(shown_fixed(-0.00001, 4).text) == "0.0000");
  CHECK(std::string(shown_fixed(-0.0, 2).text) == "0.00");
  CHECK(std::string(shown_fixed(-0.00006, 4).text) == "-0.0001");
  CHECK(std::string(shown_fixed(-std::numeric_limits<double>::infinity(), 4).text) == "-inf");
  CHECK(std::string(shown_fixed(-2.5e6, 4).text) == "-2.50e+06");
  CHECK(shown_significant(0.74449).value == doctest::Approx(0.7445).epsilon(1e-15));
  CHECK(shown_significant(1.2346e-5).decimals == 8);
}

TEST_CASE("shown numbers: the arithmetic redone from the shown digits checks out") {
  using namespace bp::app;
  // The case: 0.7445 x 0.0244 was shown as 0.0181 (the full factors' product).
  const Shown a = shown_significant(0.74449), b = shown_significant(0.024362);
  const Shown p = shown_product(a, b);
  CHECK(std::string(p.text) == "0.01814");  // 0.7445 x 0.02436 = 0.01813602
  bp::Rng rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    CAPTURE(trial);
    std::vector<Shown> terms;
    for (int n = 0; n < 4; ++n) {
      const double scale = std::pow(10.0, -6.0 * rng.uniform());
      const Shown x = shown_significant((2 * rng.uniform() - 1) * scale);
      const Shown y = shown_significant((2 * rng.uniform() - 1));
      const Shown xy = shown_product(x, y);
      // By hand: multiply the shown factors, round to the shown digits.
      CHECK(std::fabs(read(x) * read(y) - read(xy)) <= half_unit(xy) * (1 + 1e-9));
      const bool negative_zero = std::string(xy.text).rfind("-0", 0) == 0 && read(xy) == 0.0;
      CHECK_FALSE(negative_zero);
      terms.push_back(xy);
    }
    const Shown sum = shown_sum(terms);
    double by_hand = 0;
    for (const Shown& t : terms) by_hand += read(t);
    CHECK(std::fabs(by_hand - read(sum)) <= 1e-12 * std::max(1.0, std::fabs(by_hand)));
    CHECK(std::string(sum.text) != "-0");
    const Shown w = shown_significant(rng.uniform(), 6), lr = shown_significant(0.5, 6);
    const Shown step = shown_product(lr, sum, 6);
    const Shown updated = shown_difference(w, step, 6);
    CHECK(std::fabs(read(w) - read(step) - read(updated)) <= half_unit(updated) * (1 + 1e-9));
  }
}

TEST_CASE("shown numbers: a sum of terms that cancel is written without a minus sign") {
  using namespace bp::app;
  const Shown s =
      shown_sum({shown_significant(0.1), shown_significant(0.2), shown_significant(-0.3)});
  CHECK(std::string(s.text) == "0.0000");  // 0.1 + 0.2 - 0.3 is 5.6e-17 in doubles
  const Shown t =
      shown_sum({shown_significant(-0.1), shown_significant(-0.2), shown_significant(0.3)});
  CHECK(std::string(t.text) == "0.0000");  // -5.6e-17: never "-0.0000"
}

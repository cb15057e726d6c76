// Numbers as the page writes them for a student to check by hand: a result is worked out from
// the operands as shown (rounded), so the shown factors multiply to the shown product and the
// shown terms add up to the shown sum; and a zero is never written "-0.0000".
#pragma once

#include <string>
#include <vector>

#include "core/network.hpp"

namespace bp::app {

struct Shown {
  double value = 0.0;    // the number the text says (to a double's precision)
  int decimals = 0;      // digits after the decimal point that the text stands for
  bool rounded = false;  // the text is the value rounded (not every digit of it)
  char text[40] = {};
};

// v rounded to `digits` significant digits: "0.7445", "0.01814", "-12.35", "1.000"; below 1e-4
// and from 1e5 on in scientific notation ("1.234e-05"); a whole number below 1e5 as it is ("1",
// "-3", "0" for zero of either sign); "NaN", "+inf", "-inf".
Shown shown_significant(double v, int digits = 4);
// v with a fixed number of decimals ("%.4f"), from 1e5 on "1.23e+05"; a value that rounds to
// zero is written without a minus sign ("0.0000", never "-0.0000").
Shown shown_fixed(double v, int decimals);
// a x b and a - b from the shown values of a and b, rounded to `digits` significant digits.
Shown shown_product(const Shown& a, const Shown& b, int digits = 4);
Shown shown_difference(const Shown& a, const Shown& b, int digits = 4);
// The sum of the shown terms, every digit of it (fixed notation with as many decimals as the
// term with the most), so that it is exactly what adding the shown terms by hand gives; for
// terms too small for 15 decimals, rounded to 8 significant digits instead (rounded is set).
Shown shown_sum(const std::vector<Shown>& terms);

// Removes the minus sign of a number written as zero ("-0.0000" -> "0.0000"), in place.
void drop_negative_zero(char* text);

// The names a student reads in the diagram: "x1", "h3", "out" (or "out2"); unit j of layer l,
// counted from 1 (the indices of W count from 0, as numpy and the link do).
std::string unit_label(const Network& net, int l, int j);
// A weight with its index and the units it joins: "W1[0][2]: x1 to h3".
std::string weight_label(const Network& net, WeightRef w);

}  // namespace bp::app

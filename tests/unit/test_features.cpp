// Input features: the column order, hand-computed values, the set's names and bits, and bad
// input (no feature on, points of the wrong width).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "common.hpp"
#include "core/features.hpp"

using bp::Feature;
using bp::FeatureSet;

using bp_test::contains;

namespace {}  // namespace

TEST_CASE("all seven features of two points, by hand, in the documented column order") {
  bp::Matrix p(2, 2);
  p << 2.0, -3.0,  //
      0.5, 0.0;
  const bp::Matrix f = bp::transform_features(FeatureSet::all(), p).value();
  REQUIRE(f.rows() == 2);
  REQUIRE(f.cols() == 7);
  // x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2
  const double row0[] = {2.0, -3.0, 4.0, 9.0, -6.0, 0.9092974268256817, -0.1411200080598672};
  const double row1[] = {0.5, 0.0, 0.25, 0.0, 0.0, 0.479425538604203, 0.0};
  for (Eigen::Index c = 0; c < 7; ++c) {
    INFO("column " << c);
    CHECK(f(0, c) == doctest::Approx(row0[c]).epsilon(1e-15));
    CHECK(f(1, c) == doctest::Approx(row1[c]).epsilon(1e-15));
  }
}

TEST_CASE("a subset gives only its columns, in enum order whatever order they were set in") {
  bp::Matrix p(3, 2);
  p << 1.0, 2.0, -1.0, 0.5, 3.0, -2.0;
  FeatureSet s = FeatureSet::none();
  s.set(Feature::SinX2).set(Feature::X1Squared).set(Feature::X2);
  CHECK(s.count() == 3);
  CHECK(s.to_string() == "x2,x1^2,sin(x2)");
  CHECK(s.column(Feature::X2) == 0);
  CHECK(s.column(Feature::X1Squared) == 1);
  CHECK(s.column(Feature::SinX2) == 2);
  CHECK(s.column(Feature::X1) == -1);
  const bp::Matrix f = bp::transform_features(s, p).value();
  REQUIRE(f.cols() == 3);
  for (Eigen::Index i = 0; i < 3; ++i) {
    CHECK(f(i, 0) == p(i, 1));
    CHECK(f(i, 1) == p(i, 0) * p(i, 0));
    CHECK(f(i, 2) == doctest::Approx(std::sin(p(i, 1))).epsilon(1e-15));
    for (Feature g : s.list())
      CHECK(f(i, s.column(g)) == doctest::Approx(bp::feature_value(g, p(i, 0), p(i, 1))));
  }
  s.set(Feature::X2, false);
  CHECK(s.to_string() == "x1^2,sin(x2)");
}

TEST_CASE("the default set is x1, x2: the points themselves") {
  const FeatureSet d;
  CHECK(d.to_string() == "x1,x2");
  bp::Matrix p = bp::Matrix::Random(5, 2);
  CHECK(bp::transform_features(d, p).value() == p);
}

TEST_CASE("feature names, parse, bits") {
  for (Feature f : bp::kAllFeatures) CHECK(bp::parse_feature(bp::name(f)) == f);
  CHECK(FeatureSet::parse("x1, sin(x1) ,x1*x2").value().to_string() == "x1,x1*x2,sin(x1)");
  CHECK(FeatureSet::parse(FeatureSet::all().to_string()).value() == FeatureSet::all());
  CHECK(contains(FeatureSet::parse("x1,x3").error(), "unknown input feature 'x3'"));
  CHECK(contains(FeatureSet::parse("x1,x1").error(), "x1 is listed twice"));
  CHECK(contains(FeatureSet::parse("").error(), "unknown input feature ''"));
  CHECK(FeatureSet().bits() == 3u);
  CHECK(FeatureSet::from_bits(FeatureSet::all().bits()).value() == FeatureSet::all());
  CHECK(FeatureSet::from_bits(0x5u).value().to_string() == "x1,x1^2");
  CHECK_FALSE(FeatureSet::from_bits(128u).has_value());
}

TEST_CASE("bad feature input: none on, wrong width") {
  bp::Matrix p = bp::Matrix::Zero(4, 2);
  CHECK(contains(bp::transform_features(FeatureSet::none(), p).error(),
                 "choose at least one input feature"));
  CHECK(contains(bp::transform_features(FeatureSet(), bp::Matrix::Zero(4, 3)).error(),
                 "points must have 2 columns (x1, x2), got 3"));
  bp::MatrixF out;
  CHECK_FALSE(bp::transform_features(FeatureSet::none(), bp::MatrixF::Zero(2, 2), out).ok());
  CHECK(contains(bp::validate(FeatureSet::none()).error(), "at least one"));
}

TEST_CASE("the float transform of a grid equals the double one and reuses its buffer") {
  const bp::MatrixF grid = bp::grid_points(-6, 6, -6, 6, 30, 20).value();
  bp::MatrixF out;
  REQUIRE(bp::transform_features(FeatureSet::all(), grid, out).ok());
  const bp::Matrix expected =
      bp::transform_features(FeatureSet::all(), grid.cast<double>()).value();
  CHECK((out.cast<double>() - expected).cwiseAbs().maxCoeff() < 1e-5);  // float rounding
  const float* buffer = out.data();
  REQUIRE(bp::transform_features(FeatureSet::all(), grid, out).ok());
  CHECK(out.data() == buffer);
}

TEST_CASE("apply_features replaces the inputs and keeps the targets") {
  bp::Dataset d;
  d.X = bp::Matrix::Random(6, 2);
  d.Y = bp::Matrix::Random(6, 1);
  FeatureSet s = FeatureSet::none();
  s.set(Feature::X1X2);
  const bp::Dataset f = bp::apply_features(s, d).value();
  CHECK(f.Y == d.Y);
  REQUIRE(f.X.cols() == 1);
  CHECK((f.X.col(0) - d.X.col(0).cwiseProduct(d.X.col(1))).cwiseAbs().maxCoeff() == 0.0);
}

// The 2-D data set generators and the train/test split: shapes, labels and their balance,
// ranges, the geometry of each set checked point by point against its definition,
// the effect of noise, determinism per seed, and bad options.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"
#include "core/datasets.hpp"

using bp::DataSetKind;

using bp_test::contains;

namespace {

constexpr double kPi = 3.14159265358979323846;

bp::Dataset gen(DataSetKind kind, int points, double noise, std::uint64_t seed) {
  bp::DataSetOptions o;
  o.kind = kind;
  o.points = points;
  o.noise_percent = noise;
  o.seed = seed;
  bp::Result<bp::Dataset> d = bp::generate_dataset(o);
  REQUIRE_MESSAGE(d.ok(), d.error());
  return std::move(d).value();
}

double radius(const bp::Dataset& d, Eigen::Index i) {
  return std::hypot(d.X(i, 0), d.X(i, 1));
}

// The noise-free rule of each classification set, from its description in datasets.hpp:
// does the point (x1, x2) belong where its label says?
bool where_label_says(DataSetKind kind, double x1, double x2, double label) {
  const double r = std::hypot(x1, x2);
  switch (kind) {
    case DataSetKind::Circle: return label == 1.0 ? r <= 2.5 : (r >= 3.5 && r <= 5.0);
    case DataSetKind::Xor:
      return std::min(std::abs(x1), std::abs(x2)) >= 0.3 &&
             std::max(std::abs(x1), std::abs(x2)) <= 5.0 && ((x1 * x2 > 0) == (label == 1.0));
    default: return true;
  }
}

}  // namespace

TEST_CASE("data set kinds have names that parse back, and a suggested output and loss") {
  for (DataSetKind k : bp::kAllDataSetKinds) CHECK(bp::parse_dataset_kind(bp::name(k)) == k);
  CHECK_FALSE(bp::parse_dataset_kind("moons").has_value());
  CHECK(bp::is_classification(DataSetKind::Spiral));
  CHECK_FALSE(bp::is_classification(DataSetKind::Plane));
  CHECK(bp::suggested_output(DataSetKind::Circle) == bp::Activation::Sigmoid);
  CHECK(bp::suggested_loss(DataSetKind::Circle) == bp::Loss::CrossEntropy);
  CHECK(bp::suggested_output(DataSetKind::GaussianBump) == bp::Activation::Tanh);
  CHECK(bp::suggested_loss(DataSetKind::GaussianBump) == bp::Loss::SquaredError);
}

TEST_CASE("every data set: shapes, finite values inside [-6, 6]^2, labels 0/1 balanced") {
  for (DataSetKind k : bp::kAllDataSetKinds)
    for (int n : {2, 7, 500, 2000})
      for (double noise : {0.0, 25.0, 50.0}) {
        INFO(bp::name(k) << " n " << n << " noise " << noise);
        const bp::Dataset d = gen(k, n, noise, 42);
        REQUIRE(d.X.rows() == n);
        REQUIRE(d.X.cols() == 2);
        REQUIRE(d.Y.rows() == n);
        REQUIRE(d.Y.cols() == 1);
        CHECK(bp::validate(d).ok());
        CHECK(d.X.cwiseAbs().maxCoeff() <= bp::kDataExtent);
        if (bp::is_classification(k)) {
          const auto ones = (d.Y.array() == 1.0).count();
          const auto zeros = (d.Y.array() == 0.0).count();
          CHECK(ones + zeros == n);
          CHECK(ones == (n + 1) / 2);  // exactly half (one more 1 when n is odd)
        } else {
          CHECK(d.Y.minCoeff() >= -1.0);
          CHECK(d.Y.maxCoeff() <= 1.0);
        }
      }
}

TEST_CASE("the same seed gives the same points, another seed other points") {
  for (DataSetKind k : bp::kAllDataSetKinds)
    for (double noise : {0.0, 30.0}) {
      INFO(bp::name(k) << " noise " << noise);
      const bp::Dataset a = gen(k, 300, noise, 7), b = gen(k, 300, noise, 7);
      const bp::Dataset c = gen(k, 300, noise, 8);
      CHECK(a.X == b.X);  // bit for bit
      CHECK(a.Y == b.Y);
      // Another seed: (almost) no point in common.
      CHECK((a.X - c.X).cwiseAbs().rowwise().maxCoeff().minCoeff() > 0.0);
    }
  // The noise level changes the points for the same seed.
  CHECK(gen(DataSetKind::Circle, 100, 0, 1).X != gen(DataSetKind::Circle, 100, 10, 1).X);
}

TEST_CASE("without noise every point obeys its set's definition") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    const bp::Dataset circle = gen(DataSetKind::Circle, 1000, 0, seed);
    const bp::Dataset xr = gen(DataSetKind::Xor, 1000, 0, seed);
    for (Eigen::Index i = 0; i < 1000; ++i) {
      CHECK(where_label_says(DataSetKind::Circle, circle.X(i, 0), circle.X(i, 1), circle.Y(i, 0)));
      CHECK(where_label_says(DataSetKind::Xor, xr.X(i, 0), xr.X(i, 1), xr.Y(i, 0)));
    }
    // Xor visits all four quadrants: each holds about a quarter of the points (+-5%).
    std::map<std::pair<bool, bool>, int> quadrants;
    for (Eigen::Index i = 0; i < 1000; ++i) ++quadrants[{xr.X(i, 0) > 0, xr.X(i, 1) > 0}];
    for (const auto& q : quadrants) CHECK(std::abs(q.second - 250) < 50);

    // Spiral: radius 5t and angle 1.75 * 2 pi t (+ pi for class 0), modulo a full turn.
    const bp::Dataset sp = gen(DataSetKind::Spiral, 1000, 0, seed);
    double worst = 0.0;
    for (Eigen::Index i = 0; i < 1000; ++i) {
      const double t = radius(sp, i) / 5.0;
      CHECK(t <= 1.0);
      const double expected = 3.5 * kPi * t + (sp.Y(i, 0) == 1.0 ? 0.0 : kPi);
      const double off = std::remainder(std::atan2(sp.X(i, 1), sp.X(i, 0)) - expected, 2 * kPi);
      worst = std::max(worst, std::abs(off));
    }
    CHECK(worst < 1e-9);

    // Plane and bump: the target is the formula at the point, and the points fill [-5, 5]^2.
    const bp::Dataset pl = gen(DataSetKind::Plane, 1000, 0, seed);
    const bp::Dataset bu = gen(DataSetKind::GaussianBump, 1000, 0, seed);
    for (Eigen::Index i = 0; i < 1000; ++i) {
      CHECK(pl.Y(i, 0) == doctest::Approx((pl.X(i, 0) + pl.X(i, 1)) / 10.0).epsilon(1e-14));
      const double r2 = bu.X(i, 0) * bu.X(i, 0) + bu.X(i, 1) * bu.X(i, 1);
      CHECK(bu.Y(i, 0) == doctest::Approx(2.0 * std::exp(-r2 / 8.0) - 1.0).epsilon(1e-14));
    }
    CHECK(pl.X.cwiseAbs().maxCoeff() <= 5.0);
    CHECK(pl.X.cwiseAbs().maxCoeff() > 4.9);
    CHECK(pl.Y.maxCoeff() > 0.8);
    CHECK(pl.Y.minCoeff() < -0.8);
    CHECK(bu.Y.maxCoeff() > 0.9);
  }
}

TEST_CASE("two gaussians: centres (2, 2) and (-2, -2), spread 0.8 growing to about 2 with noise") {
  for (double noise : {0.0, 50.0}) {
    const bp::Dataset d = gen(DataSetKind::Gaussians, 2000, noise, 5);
    const double sigma = 0.8 + 2.4 * noise / 100.0;
    for (double label : {1.0, 0.0}) {
      double sum[2] = {0, 0}, sq[2] = {0, 0};
      int n = 0;
      for (Eigen::Index i = 0; i < d.size(); ++i)
        if (d.Y(i, 0) == label) {
          ++n;
          for (int c = 0; c < 2; ++c) {
            sum[c] += d.X(i, c);
            sq[c] += d.X(i, c) * d.X(i, c);
          }
        }
      const double centre = label == 1.0 ? 2.0 : -2.0;
      for (int c = 0; c < 2; ++c) {
        const double mean = sum[c] / n;
        const double sd = std::sqrt(sq[c] / n - mean * mean);
        INFO("noise " << noise << " label " << label << " coordinate " << c << " mean " << mean
                      << " sd " << sd);
        // Mean within 4 standard errors (plus the truncation's pull towards 0 at sd 2: the
        // far side is cut at 8 = 4 sd, the near side at 4 = 2 sd, which moves the mean by
        // about 0.1 and the spread by about 12%).
        CHECK(std::abs(mean - centre) < 4 * sigma / std::sqrt(n) + (noise > 0 ? 0.2 : 0.0));
        CHECK(sd == doctest::Approx(sigma).epsilon(noise > 0 ? 0.15 : 0.06));
      }
    }
  }
}

TEST_CASE("noise moves points by at most 2 * noise per coordinate, more noise more overlap") {
  // Same seed: the clean positions differ from the noisy ones only by the jitter, which is
  // drawn after them. Compare how many points break the clean rule.
  int previous = -1;
  for (double noise : {0.0, 10.0, 30.0, 50.0}) {
    const bp::Dataset d = gen(DataSetKind::Circle, 2000, noise, 9);
    int broken = 0;
    for (Eigen::Index i = 0; i < d.size(); ++i) {
      const double r = radius(d, i);
      if (!where_label_says(DataSetKind::Circle, d.X(i, 0), d.X(i, 1), d.Y(i, 0))) ++broken;
      // The jitter is at most 2 * noise in each coordinate, so the radius moves by at most
      // 2 * noise * sqrt(2).
      const double slack = 2.0 * noise / 100.0 * std::sqrt(2.0) + 1e-12;
      if (d.Y(i, 0) == 1.0) CHECK(r <= 2.5 + slack);
      if (d.Y(i, 0) == 0.0) CHECK(r >= 3.5 - slack);
    }
    INFO("noise " << noise << " broken " << broken);
    if (noise == 0.0) CHECK(broken == 0);
    CHECK(broken > previous);
    previous = broken;
  }
  // Regression: the target is that of the clean point, so |y - f(x)| <= |grad f| * jitter.
  const bp::Dataset pl = gen(DataSetKind::Plane, 1000, 50, 3);
  const double gap = ((pl.X.col(0) + pl.X.col(1)) / 10.0 - pl.Y).cwiseAbs().maxCoeff();
  CHECK(gap <= 0.2 + 1e-12);
  CHECK(gap > 0.1);
}

TEST_CASE("bad data set options are refused with a message naming the field") {
  auto err = [](bp::DataSetOptions o) { return bp::generate_dataset(o).error(); };
  bp::DataSetOptions o;
  o.points = 1;
  CHECK(contains(err(o), "number of points must be 2 to 2000, got 1"));
  o.points = 2001;
  CHECK(contains(err(o), "got 2001"));
  o = {};
  for (double bad : {-1.0, 50.5, std::numeric_limits<double>::quiet_NaN()}) {
    o.noise_percent = bad;
    CHECK(contains(err(o), "noise must be a number from 0 to 50"));
  }
  o = {};
  for (double bad : {9.0, 91.0, std::numeric_limits<double>::infinity()}) {
    o.train_percent = bad;
    CHECK(contains(err(o), "training share must be a number from 10 to 90"));
    CHECK(contains(bp::make_dataset(o).error(), "training share"));
  }
  o = {};
  o.kind = static_cast<DataSetKind>(99);
  CHECK(contains(err(o), "not a known kind"));
}

TEST_CASE("the train/test split: sizes, every example exactly once, deterministic per seed") {
  const bp::Dataset all = gen(DataSetKind::Spiral, 500, 20, 4);
  const std::pair<double, Eigen::Index> shares[] = {{10, 50}, {50, 250}, {90, 450}, {33.3, 167}};
  for (const auto& [pct, train_n] : shares) {
    INFO("train " << pct << "%");
    const bp::SplitDataset s = bp::split_dataset(all, pct, 11).value();
    CHECK(s.train.size() == train_n);
    CHECK(s.test.size() == 500 - train_n);
    CHECK(s.train.X.cols() == 2);
    CHECK(s.test.Y.cols() == 1);
    // Every example of the data lands in exactly one part: compare sorted rows.
    std::vector<std::array<double, 3>> rows, parts;
    for (Eigen::Index i = 0; i < all.size(); ++i)
      rows.push_back({all.X(i, 0), all.X(i, 1), all.Y(i, 0)});
    for (const bp::Dataset* p : {&s.train, &s.test})
      for (Eigen::Index i = 0; i < p->size(); ++i)
        parts.push_back({p->X(i, 0), p->X(i, 1), p->Y(i, 0)});
    std::sort(rows.begin(), rows.end());
    std::sort(parts.begin(), parts.end());
    CHECK(rows == parts);
  }
  // Both halves hold both classes in about the generated proportion.
  const bp::SplitDataset s = bp::split_dataset(all, 50, 11).value();
  CHECK(std::abs(s.train.Y.mean() - 0.5) < 0.1);
  CHECK(std::abs(s.test.Y.mean() - 0.5) < 0.1);
  // Same seed same split; another seed another.
  CHECK(bp::split_dataset(all, 50, 11).value().train.X == s.train.X);
  CHECK(bp::split_dataset(all, 50, 12).value().train.X != s.train.X);
  // Small data: both parts keep at least one example when there are two.
  bp::Dataset two;
  two.X = bp::Matrix::Zero(2, 2);
  two.Y = bp::Matrix::Ones(2, 1);
  for (double pct : {10.0, 90.0}) {
    const bp::SplitDataset t = bp::split_dataset(two, pct, 1).value();
    CHECK(t.train.size() == 1);
    CHECK(t.test.size() == 1);
  }
  bp::Dataset one;
  one.X = bp::Matrix::Zero(1, 2);
  one.Y = bp::Matrix::Ones(1, 1);
  const bp::SplitDataset u = bp::split_dataset(one, 50, 1).value();
  CHECK(u.train.size() == 1);
  CHECK(u.test.size() == 0);
  CHECK(u.test.Y.cols() == 1);
  CHECK(contains(bp::split_dataset(bp::Dataset{}, 50, 1).error(), "no examples"));
  CHECK(contains(bp::split_dataset(all, 5, 1).error(), "training share"));
}

TEST_CASE("make_dataset: generate then split, all from the seed") {
  bp::DataSetOptions o;
  o.kind = DataSetKind::Xor;
  o.points = 300;
  o.noise_percent = 10;
  o.train_percent = 70;
  o.seed = 123;
  const bp::SplitDataset a = bp::make_dataset(o).value(), b = bp::make_dataset(o).value();
  CHECK(a.train.size() == 210);
  CHECK(a.test.size() == 90);
  CHECK(a.train.X == b.train.X);
  CHECK(a.test.Y == b.test.Y);
  o.seed = 124;
  CHECK(bp::make_dataset(o).value().train.X != a.train.X);
}

// The 2-D data set generators, written from their descriptions in datasets.hpp, and the
// train/test split. Every random number comes from bp::Rng seeded by the caller.
#include "datasets.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "rng.hpp"

namespace bp {

namespace {

constexpr double kPi = 3.14159265358979323846;

// A standard normal number (Box-Muller; 1 - uniform() is in (0, 1], so the log is finite).
double normal(Rng& rng) {
  const double u1 = 1.0 - rng.uniform();
  const double u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

// A random sign, -1 or +1.
double sign(Rng& rng) {
  return rng.below(2) == 0 ? -1.0 : 1.0;
}

// Fills row i of d: point (x1, x2) moved by up to `jitter` in each coordinate, target y.
void put(Dataset& d, Eigen::Index i, double x1, double x2, double y, double jitter, Rng& rng) {
  d.X(i, 0) = x1 + jitter * rng.uniform(-1.0, 1.0);
  d.X(i, 1) = x2 + jitter * rng.uniform(-1.0, 1.0);
  d.Y(i, 0) = y;
}

}  // namespace

std::string_view name(DataSetKind kind) {
  switch (kind) {
    case DataSetKind::Circle: return "circle";
    case DataSetKind::Xor: return "xor";
    case DataSetKind::Gaussians: return "gaussians";
    case DataSetKind::Spiral: return "spiral";
    case DataSetKind::Plane: return "plane";
    case DataSetKind::GaussianBump: return "gaussian_bump";
  }
  return "unknown";
}

std::optional<DataSetKind> parse_dataset_kind(std::string_view text) {
  for (DataSetKind k : kAllDataSetKinds)
    if (text == name(k)) return k;
  return std::nullopt;
}

bool is_classification(DataSetKind kind) {
  return kind != DataSetKind::Plane && kind != DataSetKind::GaussianBump;
}

Activation suggested_output(DataSetKind kind) {
  return is_classification(kind) ? Activation::Sigmoid : Activation::Tanh;
}

Loss suggested_loss(DataSetKind kind) {
  return is_classification(kind) ? Loss::CrossEntropy : Loss::SquaredError;
}

Status validate(const DataSetOptions& o) {
  if (name(o.kind) == "unknown") return Error{"data set is not a known kind"};
  if (o.points < kMinPoints || o.points > kMaxPoints)
    return Error{"number of points must be " + std::to_string(kMinPoints) + " to " +
                 std::to_string(kMaxPoints) + ", got " + std::to_string(o.points)};
  if (!std::isfinite(o.noise_percent) || o.noise_percent < 0.0 ||
      o.noise_percent > kMaxNoisePercent)
    return Error{"noise must be a number from 0 to 50 (percent)"};
  if (!std::isfinite(o.train_percent) || o.train_percent < kMinTrainPercent ||
      o.train_percent > kMaxTrainPercent)
    return Error{"training share must be a number from 10 to 90 (percent)"};
  return {};
}

Result<Dataset> generate_dataset(const DataSetOptions& o) {
  if (Status s = validate(o); !s) return Error{s.error()};
  Rng rng(o.seed);
  const double noise = o.noise_percent / 100.0;  // 0 .. 0.5
  const double jitter = 2.0 * noise;             // at most 1: points stay inside [-6, 6]^2
  const Eigen::Index n = o.points;
  Dataset d;
  d.X.resize(n, 2);
  d.Y.resize(n, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double label = i % 2 == 0 ? 1.0 : 0.0;
    switch (o.kind) {
      case DataSetKind::Circle: {
        const double r = label == 1.0 ? rng.uniform(0.0, 2.5) : rng.uniform(3.5, 5.0);
        const double angle = rng.uniform(0.0, 2.0 * kPi);
        put(d, i, r * std::cos(angle), r * std::sin(angle), label, jitter, rng);
        break;
      }
      case DataSetKind::Xor: {
        const double s = sign(rng);
        const double x1 = s * rng.uniform(0.3, 5.0);
        const double x2 = (label == 1.0 ? s : -s) * rng.uniform(0.3, 5.0);
        put(d, i, x1, x2, label, jitter, rng);
        break;
      }
      case DataSetKind::Gaussians: {
        // Standard deviation 0.8 without noise up to 2.0 at 50%, truncated to the plane's
        // [-6, 6]^2 by drawing again (rarely needed: 6 is 2 to 5 deviations from a centre).
        const double sigma = 0.8 + 2.4 * noise;
        const double c = label == 1.0 ? 2.0 : -2.0;
        double x1, x2;
        do {
          x1 = c + sigma * normal(rng);
          x2 = c + sigma * normal(rng);
        } while (std::abs(x1) > kDataExtent || std::abs(x2) > kDataExtent);
        d.X(i, 0) = x1;
        d.X(i, 1) = x2;
        d.Y(i, 0) = label;
        break;
      }
      case DataSetKind::Spiral: {
        // A random position t along the arm: radius 5t, angle 1.75 turns times t; the
        // arm of class 0 is the arm of class 1 turned by half a turn.
        const double t = rng.uniform();
        const double angle = 1.75 * 2.0 * kPi * t + (label == 1.0 ? 0.0 : kPi);
        put(d, i, 5.0 * t * std::cos(angle), 5.0 * t * std::sin(angle), label, jitter, rng);
        break;
      }
      case DataSetKind::Plane: {
        const double x1 = rng.uniform(-5.0, 5.0), x2 = rng.uniform(-5.0, 5.0);
        put(d, i, x1, x2, (x1 + x2) / 10.0, jitter, rng);
        break;
      }
      case DataSetKind::GaussianBump: {
        const double x1 = rng.uniform(-5.0, 5.0), x2 = rng.uniform(-5.0, 5.0);
        put(d, i, x1, x2, 2.0 * std::exp(-(x1 * x1 + x2 * x2) / 8.0) - 1.0, jitter, rng);
        break;
      }
    }
  }
  return d;
}

Result<SplitDataset> split_dataset(const Dataset& data, double train_percent, std::uint64_t seed) {
  if (Status s = validate(data); !s) return Error{s.error()};
  if (!std::isfinite(train_percent) || train_percent < kMinTrainPercent ||
      train_percent > kMaxTrainPercent)
    return Error{"training share must be a number from 10 to 90 (percent)"};
  const Eigen::Index n = data.size();
  auto train_n =
      static_cast<Eigen::Index>(std::lround(static_cast<double>(n) * train_percent / 100.0));
  train_n = n >= 2 ? std::clamp<Eigen::Index>(train_n, 1, n - 1) : n;

  // A random order (Fisher-Yates); the first train_n examples of it form the training set.
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  Rng rng(seed);
  for (Eigen::Index i = n - 1; i > 0; --i) {
    const auto j = static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(i + 1)));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
  }
  SplitDataset out;
  auto take = [&](Dataset& part, Eigen::Index from, Eigen::Index count) {
    part.X.resize(count, data.X.cols());
    part.Y.resize(count, data.Y.cols());
    for (Eigen::Index r = 0; r < count; ++r) {
      const Eigen::Index k = order[static_cast<std::size_t>(from + r)];
      part.X.row(r) = data.X.row(k);
      part.Y.row(r) = data.Y.row(k);
    }
  };
  take(out.train, 0, train_n);
  take(out.test, train_n, n - train_n);
  return out;
}

Result<SplitDataset> make_dataset(const DataSetOptions& options) {
  Result<Dataset> all = generate_dataset(options);
  if (!all) return Error{all.error()};
  // A seed of its own for the split, derived from the data's, so that the shuffle does not
  // replay the random numbers the points were drawn with.
  return split_dataset(*all, options.train_percent, options.seed ^ 0x9e3779b97f4a7c15ULL);
}

}  // namespace bp

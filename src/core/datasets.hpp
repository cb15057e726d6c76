// The classic 2-D data sets of TensorFlow Playground (circle, xor, two gaussians, spiral for
// classification; plane and gaussian bump for regression), generated from an explicit seed,
// and the train/test split. Points X are [n x 2] in [-6, 6]^2, targets Y are [n x 1].
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "activation.hpp"
#include "dataset.hpp"
#include "loss.hpp"
#include "result.hpp"

namespace bp {

enum class DataSetKind {
  // Classification: labels 0 and 1, exactly half of each (n odd: one more 1), for a sigmoid
  // output with cross-entropy (or squared error).
  Circle,     // 1 inside radius 2.5, 0 on the ring 3.5..5 around the origin
  Xor,        // 1 where x1 and x2 have the same sign, 0 where they differ; |xi| in 0.3..5
  Gaussians,  // 1 around (2, 2), 0 around (-2, -2); noise widens the spread
  Spiral,     // two interleaved arms of 1.75 turns out to radius 5
  // Regression: targets in [-1, 1], for a tanh (or linear) output with squared error.
  Plane,         // y = (x1 + x2) / 10, x uniform in [-5, 5]^2
  GaussianBump,  // y = 2 exp(-|x|^2 / 8) - 1: 1 at the origin, about -0.91 at radius 5
};

inline constexpr DataSetKind kAllDataSetKinds[] = {
    DataSetKind::Circle, DataSetKind::Xor,   DataSetKind::Gaussians,
    DataSetKind::Spiral, DataSetKind::Plane, DataSetKind::GaussianBump};

// "circle", "xor", "gaussians", "spiral", "plane", "gaussian_bump".
std::string_view name(DataSetKind kind);
std::optional<DataSetKind> parse_dataset_kind(std::string_view text);

bool is_classification(DataSetKind kind);
// The output activation and loss that fit the targets: sigmoid + cross-entropy for the
// classification sets, tanh + squared error for the regression sets.
Activation suggested_output(DataSetKind kind);
Loss suggested_loss(DataSetKind kind);

inline constexpr int kMinPoints = 2;
inline constexpr int kMaxPoints = 2000;
inline constexpr double kMaxNoisePercent = 50.0;
inline constexpr double kMinTrainPercent = 10.0;
inline constexpr double kMaxTrainPercent = 90.0;
// Every generated point lies in [-kDataExtent, kDataExtent]^2, at any noise.
inline constexpr double kDataExtent = 6.0;

struct DataSetOptions {
  DataSetKind kind = DataSetKind::Circle;
  int points = 500;             // kMinPoints..kMaxPoints, train and test together
  double noise_percent = 0.0;   // 0..50. Moves each point by up to 2 * noise in each
                                // coordinate (+-1 at 50%) keeping its label or target;
                                // for Gaussians it widens the spread instead.
  double train_percent = 50.0;  // 10..90: share of the points in the training set
  std::uint64_t seed = 0;       // same seed and options, same points, on every platform
};

// Points within range, noise and train share within range and finite; names the field.
Status validate(const DataSetOptions& options);

struct SplitDataset {
  Dataset train;  // round(points * train_percent / 100) examples, at least 1
  Dataset test;   // the rest, at least 1
};

// All options.points examples, in generation order (labels alternate 1, 0, 1, ... for the
// classification sets).
Result<Dataset> generate_dataset(const DataSetOptions& options);

// A random split of data (any data: generated or read from CSV) into a training set of
// round(n * train_percent / 100) examples, kept within 1..n-1 when n >= 2, and a test set of
// the rest (empty when n = 1). Deterministic per seed. train_percent must be 10..90.
Result<SplitDataset> split_dataset(const Dataset& data, double train_percent, std::uint64_t seed);

// generate_dataset then split_dataset (with a seed derived from options.seed): what
// "Regenerate" does with a new seed.
Result<SplitDataset> make_dataset(const DataSetOptions& options);

}  // namespace bp

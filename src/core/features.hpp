// Input features computed from a 2-D point (x1, x2), as TensorFlow Playground offers them:
// x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2. A FeatureSet says which are on; the transform
// turns points [n x 2] into the network's inputs [n x k], k = number of features on, with the
// columns always in the order of the Feature enum below.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "grid.hpp"
#include "result.hpp"
#include "types.hpp"

namespace bp {

// In column order.
enum class Feature { X1, X2, X1Squared, X2Squared, X1X2, SinX1, SinX2 };

inline constexpr Feature kAllFeatures[] = {Feature::X1,        Feature::X2,   Feature::X1Squared,
                                           Feature::X2Squared, Feature::X1X2, Feature::SinX1,
                                           Feature::SinX2};
inline constexpr int kFeatureCount = 7;

// "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)".
std::string_view name(Feature f);
std::optional<Feature> parse_feature(std::string_view text);

// The value of one feature at (x1, x2).
double feature_value(Feature f, double x1, double x2);

class FeatureSet {
 public:
  // x1 and x2, Playground's default.
  FeatureSet() = default;
  static FeatureSet none() { return FeatureSet(0); }
  static FeatureSet all() { return FeatureSet((1u << kFeatureCount) - 1); }

  bool has(Feature f) const { return (bits_ & bit(f)) != 0; }
  FeatureSet& set(Feature f, bool on = true) {
    bits_ = on ? (bits_ | bit(f)) : (bits_ & ~bit(f));
    return *this;
  }
  // Features on; the network needs this many inputs.
  int count() const;
  // The features on, in column order.
  std::vector<Feature> list() const;
  // Column of feature f in the transform's output, or -1 if f is off.
  int column(Feature f) const;

  // "x1,x2,sin(x1)": the features on, in column order, separated by commas.
  std::string to_string() const;
  // The reverse of to_string (spaces around names allowed, any order, no repeats); at least
  // one feature. The message names the unknown or repeated feature.
  static Result<FeatureSet> parse(std::string_view text);

  // Each feature is one bit, (1 << index in kAllFeatures); for saving settings.
  std::uint32_t bits() const { return bits_; }
  static std::optional<FeatureSet> from_bits(std::uint32_t bits);

  bool operator==(const FeatureSet& o) const { return bits_ == o.bits_; }
  bool operator!=(const FeatureSet& o) const { return bits_ != o.bits_; }

 private:
  explicit FeatureSet(std::uint32_t bits) : bits_(bits) {}
  static std::uint32_t bit(Feature f) { return 1u << static_cast<unsigned>(f); }
  std::uint32_t bits_ = bit(Feature::X1) | bit(Feature::X2);
};

// At least one feature; the message says so otherwise.
Status validate(const FeatureSet& features);

// points [n x 2] -> features [n x k], column c holding the c-th feature of features.list().
// Error if no feature is on or points does not have 2 columns.
Result<Matrix> transform_features(const FeatureSet& features, const Matrix& points);

// The same in single precision into out, which is resized only when its shape changes: for
// the heatmap's grid (grid_points) every frame without allocating.
Status transform_features(const FeatureSet& features, const MatrixF& points, MatrixF& out);

// data with its inputs replaced by their features (targets unchanged). data.X is [n x 2].
Result<Dataset> apply_features(const FeatureSet& features, const Dataset& data);

}  // namespace bp

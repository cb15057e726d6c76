// The input features and their transform, one column per feature that is on.
#include "features.hpp"

#include <cmath>
#include <string>

namespace bp {

std::string_view name(Feature f) {
  switch (f) {
    case Feature::X1: return "x1";
    case Feature::X2: return "x2";
    case Feature::X1Squared: return "x1^2";
    case Feature::X2Squared: return "x2^2";
    case Feature::X1X2: return "x1*x2";
    case Feature::SinX1: return "sin(x1)";
    case Feature::SinX2: return "sin(x2)";
  }
  return "unknown";
}

std::optional<Feature> parse_feature(std::string_view text) {
  for (Feature f : kAllFeatures)
    if (text == name(f)) return f;
  return std::nullopt;
}

double feature_value(Feature f, double x1, double x2) {
  switch (f) {
    case Feature::X1: return x1;
    case Feature::X2: return x2;
    case Feature::X1Squared: return x1 * x1;
    case Feature::X2Squared: return x2 * x2;
    case Feature::X1X2: return x1 * x2;
    case Feature::SinX1: return std::sin(x1);
    case Feature::SinX2: return std::sin(x2);
  }
  return 0.0;
}

int FeatureSet::count() const {
  int n = 0;
  for (Feature f : kAllFeatures) n += has(f) ? 1 : 0;
  return n;
}

std::vector<Feature> FeatureSet::list() const {
  std::vector<Feature> out;
  for (Feature f : kAllFeatures)
    if (has(f)) out.push_back(f);
  return out;
}

int FeatureSet::column(Feature f) const {
  if (!has(f)) return -1;
  int c = 0;
  for (Feature g : kAllFeatures) {
    if (g == f) return c;
    c += has(g) ? 1 : 0;
  }
  return -1;
}

std::string FeatureSet::to_string() const {
  std::string s;
  for (Feature f : list()) {
    if (!s.empty()) s += ',';
    s += name(f);
  }
  return s;
}

Result<FeatureSet> FeatureSet::parse(std::string_view text) {
  FeatureSet set = none();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    const std::optional<Feature> f = parse_feature(item);
    if (!f)
      return Error{"unknown input feature '" + std::string(item.substr(0, 40)) +
                   "'; the features are x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)"};
    if (set.has(*f)) return Error{"input feature " + std::string(name(*f)) + " is listed twice"};
    set.set(*f);
    start = end + 1;
  }
  if (Status s = validate(set); !s) return Error{s.error()};
  return set;
}

std::optional<FeatureSet> FeatureSet::from_bits(std::uint32_t bits) {
  if (bits >= (1u << kFeatureCount)) return std::nullopt;
  return FeatureSet(bits);
}

Status validate(const FeatureSet& features) {
  if (features.count() == 0) return Error{"choose at least one input feature"};
  return {};
}

namespace {

// Writes the features of points [n x 2] into out [n x k], column by column.
template <class M>
void fill(const FeatureSet& features, const M& points, M& out) {
  const auto x1 = points.col(0).array();
  const auto x2 = points.col(1).array();
  Eigen::Index c = 0;
  for (Feature f : kAllFeatures) {
    if (!features.has(f)) continue;
    auto col = out.col(c++).array();
    switch (f) {
      case Feature::X1: col = x1; break;
      case Feature::X2: col = x2; break;
      case Feature::X1Squared: col = x1.square(); break;
      case Feature::X2Squared: col = x2.square(); break;
      case Feature::X1X2: col = x1 * x2; break;
      case Feature::SinX1: col = x1.sin(); break;
      case Feature::SinX2: col = x2.sin(); break;
    }
  }
}

template <class M>
Status check(const FeatureSet& features, const M& points) {
  if (Status s = validate(features); !s) return s;
  if (points.cols() != 2)
    return Error{"points must have 2 columns (x1, x2), got " + std::to_string(points.cols())};
  return {};
}

}  // namespace

Result<Matrix> transform_features(const FeatureSet& features, const Matrix& points) {
  if (Status s = check(features, points); !s) return Error{s.error()};
  Matrix out(points.rows(), features.count());
  fill(features, points, out);
  return out;
}

Status transform_features(const FeatureSet& features, const MatrixF& points, MatrixF& out) {
  if (Status s = check(features, points); !s) return s;
  if (out.rows() != points.rows() || out.cols() != features.count())
    out.resize(points.rows(), features.count());
  fill(features, points, out);
  return {};
}

Result<Dataset> apply_features(const FeatureSet& features, const Dataset& data) {
  Result<Matrix> x = transform_features(features, data.X);
  if (!x) return Error{x.error()};
  return Dataset{std::move(x).value(), data.Y};
}

}  // namespace bp

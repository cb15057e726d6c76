// Squared error and cross-entropy, forward and backward.
#include "loss.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bp {

std::string_view name(Loss loss) {
  switch (loss) {
    case Loss::SquaredError: return "squared_error";
    case Loss::CrossEntropy: return "cross_entropy";
  }
  return "unknown";
}

std::optional<Loss> parse_loss(std::string_view text) {
  if (text == name(Loss::SquaredError)) return Loss::SquaredError;
  if (text == name(Loss::CrossEntropy)) return Loss::CrossEntropy;
  return std::nullopt;
}

double loss_forward(Loss loss, const Matrix& a, const Matrix& y) {
  switch (loss) {
    case Loss::SquaredError: return 0.5 * (y - a).squaredNorm();
    case Loss::CrossEntropy: {
      double sum = 0.0;
      for (Eigen::Index j = 0; j < a.cols(); ++j)
        for (Eigen::Index i = 0; i < a.rows(); ++i) {
          // log(0) is -inf: clamp so a saturated unit gives a large but finite loss.
          const double p = std::clamp(a(i, j), 1e-300, 1.0 - 1e-16);
          sum -= y(i, j) * std::log(p) + (1.0 - y(i, j)) * std::log1p(-p);
        }
      return sum;
    }
  }
  return 0.0;
}

void loss_gradient(Loss loss, const Matrix& a, const Matrix& y, Matrix& da) {
  if (loss == Loss::CrossEntropy) {
    da = ((a.array() - y.array()) /
          (a.array() * (1.0 - a.array())).max(std::numeric_limits<double>::min()))
             .matrix();
  } else {
    da = a - y;
  }
}

void output_delta(Loss loss, Activation output, const Matrix& a, const Matrix& y, const Matrix& da,
                  const Matrix& da_dz, Matrix& delta) {
  if (loss == Loss::CrossEntropy && output == Activation::Sigmoid) {
    delta = a - y;
  } else {
    delta.array() = da.array() * da_dz.array();
  }
}

}  // namespace bp

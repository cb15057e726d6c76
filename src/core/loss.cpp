// Squared error and cross-entropy, forward and backward.
#include "loss.hpp"

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
  return loss_forward_of(loss, a, y);
}

void loss_gradient(Loss loss, const Matrix& a, const Matrix& y, Matrix& da) {
  da.resize(a.rows(), a.cols());
  loss_gradient_into(loss, a, y, da);
}

void output_delta(Loss loss, Activation output, const Matrix& a, const Matrix& y, const Matrix& da,
                  const Matrix& da_dz, Matrix& delta) {
  delta.resize(a.rows(), a.cols());
  output_delta_into(loss, output, a, y, da, da_dz, delta);
}

}  // namespace bp

// L1 and L2 penalties of the weights.
#include "regularization.hpp"

namespace bp {

std::string_view name(Regularization r) {
  switch (r) {
    case Regularization::None: return "none";
    case Regularization::L1: return "l1";
    case Regularization::L2: return "l2";
  }
  return "unknown";
}

std::optional<Regularization> parse_regularization(std::string_view text) {
  for (Regularization r : kAllRegularizations)
    if (text == name(r)) return r;
  return std::nullopt;
}

double regularization_penalty(Regularization r, double rate, const Matrix& w) {
  switch (r) {
    case Regularization::None: return 0.0;
    case Regularization::L1: return rate * w.cwiseAbs().sum();
    case Regularization::L2: return 0.5 * rate * w.squaredNorm();
  }
  return 0.0;
}

}  // namespace bp

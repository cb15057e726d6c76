// L1 and L2 regularization of the weights: the penalty added to the loss and its gradient.
// Only weights are penalized, never biases (as in TensorFlow Playground).
#pragma once

#include <optional>
#include <string_view>

#include "types.hpp"

namespace bp {

enum class Regularization {
  None,
  L1,  // penalty rate * sum |w|,        gradient rate * sign(w) (0 at w = 0)
  L2,  // penalty rate / 2 * sum w^2,    gradient rate * w
};

inline constexpr Regularization kAllRegularizations[] = {Regularization::None, Regularization::L1,
                                                         Regularization::L2};

// The largest regularization rate accepted (Playground's menu stops at 10).
inline constexpr double kMaxRegularizationRate = 10.0;

// "none", "l1", "l2".
std::string_view name(Regularization r);
std::optional<Regularization> parse_regularization(std::string_view text);

// The penalty of one weight matrix W [inputs x outputs] (0 for None).
double regularization_penalty(Regularization r, double rate, const Matrix& w);

// dW += dPenalty/dW, elementwise (nothing for None). W and dW have the same shape; works
// on matrices and maps and allocates nothing.
template <class W, class D>
void add_regularization_gradient(Regularization r, double rate, const W& w, D& dw) {
  switch (r) {
    case Regularization::None: break;
    case Regularization::L1: dw += rate * w.cwiseSign(); break;
    case Regularization::L2: dw += rate * w; break;
  }
}

}  // namespace bp

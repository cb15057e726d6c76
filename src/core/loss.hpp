// Loss functions over a batch, each with its gradient with respect to the output layer.
#pragma once

#include <limits>
#include <optional>
#include <string_view>

#include "activation.hpp"
#include "types.hpp"

namespace bp {

enum class Loss {
  // C = 1/2 sum (y - a)^2 over every example and output, as in the chapter.
  SquaredError,
  // C = -sum [y log a + (1 - y) log(1 - a)]; needs sigmoid outputs and targets in [0, 1].
  CrossEntropy,
};

// "squared_error", "cross_entropy".
std::string_view name(Loss loss);
std::optional<Loss> parse_loss(std::string_view text);

// C for outputs a and targets y, both [examples x outputs].
double loss_forward(Loss loss, const Matrix& a, const Matrix& y);

// The same for any Eigen matrices or maps (cross-entropy clamps a inside (0, 1) so that a
// saturated unit gives a large but finite loss).
template <class A, class Y>
double loss_forward_of(Loss loss, const A& a, const Y& y) {
  if (loss == Loss::SquaredError) return 0.5 * (y - a).squaredNorm();
  const auto p = a.array().max(1e-300).min(1.0 - 1e-16);
  return -(y.array() * p.log() + (1.0 - y.array()) * (-p).log1p()).sum();
}

// dC/da for outputs a and targets y: a - y for squared error, (a - y) / (a (1 - a)) for
// cross-entropy (with a kept inside (0, 1) so that it stays finite).
void loss_gradient(Loss loss, const Matrix& a, const Matrix& y, Matrix& da);

// The output layer's delta, dC/dz_L = dC/da_L * f'(z_L), written into delta. da is dC/da_L,
// da_dz is f'(z_L). For cross-entropy on sigmoid outputs the product simplifies to a - y,
// which is what is computed (it stays exact where a saturates).
void output_delta(Loss loss, Activation output, const Matrix& a, const Matrix& y, const Matrix& da,
                  const Matrix& da_dz, Matrix& delta);

template <class A, class Y, class D>
void loss_gradient_into(Loss loss, const A& a, const Y& y, D& da) {
  if (loss == Loss::CrossEntropy) {
    da = ((a.array() - y.array()) /
          (a.array() * (1.0 - a.array())).max(std::numeric_limits<double>::min()))
             .matrix();
  } else {
    da = a - y;
  }
}

template <class A, class Y, class D, class S, class Delta>
void output_delta_into(Loss loss, Activation output, const A& a, const Y& y, const D& da,
                       const S& da_dz, Delta& delta) {
  if (loss == Loss::CrossEntropy && output == Activation::Sigmoid) {
    delta = a - y;
  } else {
    delta = (da.array() * da_dz.array()).matrix();
  }
}

}  // namespace bp

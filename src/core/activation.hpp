// Activation functions, each as a forward / backward pair applied elementwise.
#pragma once

#include <optional>
#include <string_view>
#include <type_traits>

#include "types.hpp"

namespace bp {

enum class Activation { Sigmoid, Tanh, Relu, Linear };

inline constexpr Activation kAllActivations[] = {Activation::Sigmoid, Activation::Tanh,
                                                 Activation::Relu, Activation::Linear};

// "sigmoid", "tanh", "relu", "linear".
std::string_view name(Activation f);
std::optional<Activation> parse_activation(std::string_view text);

// a = f(z), elementwise. a and z: [examples x units], same shape; a is resized only if needed.
void activation_forward(Activation f, const Matrix& z, Matrix& a);

// The same for any Eigen matrices or maps of the right size (the fixed-size kernels of
// backprop.cpp use it on maps; nothing is resized).
template <class Z, class A>
void activation_forward_into(Activation f, const Z& z, A& a) {
  using S = typename Z::Scalar;  // double, or float for batch evaluation (grid.hpp)
  switch (f) {
    case Activation::Sigmoid: a = (S(1) + (-z.array()).exp()).inverse().matrix(); break;
    case Activation::Tanh:
      if constexpr (std::is_same_v<S, float>) {
        a = z.array().tanh().matrix();  // Eigen's vectorized float tanh
      } else {
        // tanh z = 1 - 2 / (e^2z + 1): Eigen vectorizes exp for doubles but not tanh, and
        // this form is several times faster. It is exact to a few ulp in absolute terms and
        // saturates cleanly (e^2z = inf gives 1, e^2z = 0 gives -1).
        a = (S(1) - S(2) / ((S(2) * z.array()).exp() + S(1))).matrix();
      }
      break;
    case Activation::Relu: a = z.array().max(S(0)).matrix(); break;
    case Activation::Linear: a = z; break;
  }
}

// da_dz = f'(z), elementwise, computed from z and a = f(z) (the sigmoid uses a(1-a),
// as in the chapter). Same shapes as z.
void activation_backward(Activation f, const Matrix& z, const Matrix& a, Matrix& da_dz);

template <class Z, class A, class D>
void activation_backward_into(Activation f, const Z& z, const A& a, D& da_dz) {
  switch (f) {
    case Activation::Sigmoid: da_dz = (a.array() * (1.0 - a.array())).matrix(); break;
    case Activation::Tanh: da_dz = (1.0 - a.array().square()).matrix(); break;
    // The derivative at exactly 0 is taken as 0 (the usual subgradient choice).
    case Activation::Relu: da_dz = (z.array() > 0.0).template cast<double>().matrix(); break;
    case Activation::Linear: da_dz.setOnes(); break;
  }
}

// Scalar versions of the same functions, for labels and for tests.
double activate(Activation f, double z);
double activate_derivative(Activation f, double z);

}  // namespace bp

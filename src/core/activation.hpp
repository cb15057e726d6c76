// Activation functions, each as a forward / backward pair applied elementwise.
#pragma once

#include <optional>
#include <string_view>

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

// da_dz = f'(z), elementwise, computed from z and a = f(z) (the sigmoid uses a(1-a),
// as in the chapter). Same shapes as z.
void activation_backward(Activation f, const Matrix& z, const Matrix& a, Matrix& da_dz);

// Scalar versions of the same functions, for labels and for tests.
double activate(Activation f, double z);
double activate_derivative(Activation f, double z);

}  // namespace bp

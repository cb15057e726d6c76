// Elementwise activations. The sigmoid is the chapter's 1 / (1 + e^-z), computed with one
// division (bp::sigmoid in the header), within a few ulp of numpy's.
#include "activation.hpp"

#include <cmath>

namespace bp {

std::string_view name(Activation f) {
  switch (f) {
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::Relu: return "relu";
    case Activation::Linear: return "linear";
  }
  return "unknown";
}

std::optional<Activation> parse_activation(std::string_view text) {
  for (Activation f : kAllActivations)
    if (name(f) == text) return f;
  return std::nullopt;
}

void activation_forward(Activation f, const Matrix& z, Matrix& a) {
  a.resize(z.rows(), z.cols());  // no-op (no allocation) when the shape already matches
  activation_forward_into(f, z, a);
}

void activation_backward(Activation f, const Matrix& z, const Matrix& a, Matrix& da_dz) {
  da_dz.resize(z.rows(), z.cols());
  activation_backward_into(f, z, a, da_dz);
}

// One function, not a template: the page instantiates the activations for several matrix
// and map types, and each copy of a vectorized loop costs the .wasm bytes.
void tanh_of(const double* z, double* a, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i) a[i] = -2.0 * z[i];  // exact
  Eigen::Map<Eigen::VectorXd> v(a, n);
  sigmoid(v, v);
  for (Eigen::Index i = 0; i < n; ++i) a[i] = 1.0 - 2.0 * a[i];
}

double activate(Activation f, double z) {
  switch (f) {
    case Activation::Sigmoid: {  // the same function as the matrices' (bit for bit)
      Eigen::Matrix<double, 1, 1> in, out;
      in(0) = z;
      sigmoid(in, out);
      return out(0);
    }
    case Activation::Tanh: return std::tanh(z);
    case Activation::Relu: return z > 0.0 ? z : 0.0;
    case Activation::Linear: return z;
  }
  return z;
}

double activate_derivative(Activation f, double z) {
  const double a = activate(f, z);
  switch (f) {
    case Activation::Sigmoid: return a * (1.0 - a);
    case Activation::Tanh: return 1.0 - a * a;
    case Activation::Relu: return z > 0.0 ? 1.0 : 0.0;
    case Activation::Linear: return 1.0;
  }
  return 1.0;
}

}  // namespace bp

// Activation functions, each as a forward / backward pair applied elementwise.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
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

// a = 1 / (1 + e^-z) elementwise for doubles (a may be z), with one division per value
// instead of the two of computing e^-z first: e^-z = 2^k e^r with |r| <= ln2 / 2 and
// e^r = (q + p) / (q - p) (the rational approximation of Cephes' exp, also Eigen's), so
// 1 / (1 + e^-z) = (q - p) / ((q - p) + 2^k (q + p)). The loop has no branches, so GCC (AVX2)
// and clang (wasm SIMD) vectorize it. Within 2 ulp of the exact value (1.3 measured, see
// tests/unit/test_network.cpp); NaN stays NaN;
// |z| > 708 is taken as 708 (the sigmoid is then 1, or 3e-308 for a smaller subnormal).
template <class Z, class A>
void sigmoid(const Z& z, A& a) {
  const auto* in = z.data();
  double* out = a.data();
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    double u = -in[i];
    u = u < -708.0 ? -708.0 : u;  // comparisons, not std::min/max: a NaN passes through
    u = u > 708.0 ? 708.0 : u;
    // k = u / ln 2 rounded to a whole number, by adding 1.5 * 2^52: the sum's last mantissa
    // bits then hold 2^51 + k, so its bits + 1023 shifted up by 52 are those of 2^k.
    const double shifted = u * 1.4426950408889634073599 + 6755399441055744.0;
    const double k = shifted - 6755399441055744.0;
    const double r = (u - k * 6.93145751953125e-1) - k * 1.42860682030941723212e-6;
    const double r2 = r * r;
    const double p = r * ((1.26177193074810590878e-4 * r2 + 3.02994407707441961300e-2) * r2 +
                          9.99999999999999999910e-1);
    const double q = ((3.00198505138664455042e-6 * r2 + 2.52448340349684104192e-3) * r2 +
                      2.27265548208155028766e-1) *
                         r2 +
                     2.00000000000000000009e0;
    std::uint64_t bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 1023) << 52;
    double scale;
    std::memcpy(&scale, &bits, sizeof scale);
    out[i] = (q - p) / ((q - p) + scale * (q + p));
  }
}

// a = tanh z elementwise for doubles (a may be z): tanh z = 1 - 2 / (1 + e^2z) =
// 1 - 2 sigmoid(-2z), through the sigmoid above (one division, no branches): what
// activation_forward_into uses where Eigen has no SIMD backend (WebAssembly), since Eigen's
// exp is one libm call per value there. Exact to a few ulp in absolute terms (as the exp form
// is); saturates cleanly at +-1.
void tanh_of(const double* z, double* a, Eigen::Index n);  // a may be z
template <class Z, class A>
void tanh_of(const Z& z, A& a) {
  tanh_of(z.data(), a.data(), a.size());
}

// a = f(z), elementwise. a and z: [examples x units], same shape; a is resized only if needed.
void activation_forward(Activation f, const Matrix& z, Matrix& a);

// The same for any Eigen matrices or maps of the right size (the fixed-size kernels of
// backprop.cpp use it on maps; nothing is resized).
template <class Z, class A>
void activation_forward_into(Activation f, const Z& z, A& a) {
  using S = typename Z::Scalar;  // double, or float for batch evaluation (grid.hpp)
  switch (f) {
    case Activation::Sigmoid:
      if constexpr (std::is_same_v<S, double>) {
        sigmoid(z, a);
      } else {
        a = (S(1) + (-z.array()).exp()).inverse().matrix();
      }
      break;
    case Activation::Tanh:
      if constexpr (std::is_same_v<S, float>) {
        a = z.array().tanh().matrix();  // Eigen's vectorized float tanh
      } else {
#if defined(EIGEN_VECTORIZE)
        // Where Eigen has SIMD (natively: SSE2, AVX2) its vectorized exp: tanh z =
        // 1 - 2 / (e^2z + 1), exact to a few ulp in absolute terms, saturating cleanly.
        a = (S(1) - S(2) / ((S(2) * z.array()).exp() + S(1))).matrix();
#else
        // Where it has none (WebAssembly) that exp is one libm call per value: the same
        // function through the sigmoid's branch-free loop, which clang vectorizes.
        tanh_of(z, a);
#endif
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

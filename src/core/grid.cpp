// Batch evaluation in single precision. Natively Eigen's vectorized product and tanh (SSE2,
// AVX2). Eigen 3.4 has no WebAssembly SIMD backend, so there its float products and tanh ran
// one number at a time (the 100x100 grid took 9.7x native): where Eigen does not vectorize,
// plain loops that clang vectorizes with WebAssembly SIMD (4 floats per instruction) do the
// work. They run over the points (the rows), never sum across a vector, and the sums keep
// their order.
#include "grid.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "backprop.hpp"

namespace bp {

namespace {

// tanh for floats: Eigen's rational approximation (generic_fast_tanh_float, without FMA),
// within a few ulp; x for |x| < 0.0004; saturates at +-1 beyond +-7.9. NaN stays NaN.
void tanh_f(float* v, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i) {
    const float a = v[i];
    float x = a < -7.90531110763549805f ? -7.90531110763549805f : a;  // NaN passes through
    x = x > 7.90531110763549805f ? 7.90531110763549805f : x;
    const float x2 = x * x;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = x2 * p + -8.60467152213735e-11f;
    p = x2 * p + 5.12229709037114e-08f;
    p = x2 * p + 1.48572235717979e-05f;
    p = x2 * p + 6.37261928875436e-04f;
    p = x2 * p + 4.89352455891786e-03f;
    p = x * p;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = x2 * q + 2.26843463243900e-03f;
    q = x2 * q + 4.89352518554385e-03f;
    const float t = p / q;
    const float m = a < 0.0f ? -a : a;
    v[i] = m < 0.0004f ? a : t;
  }
}

// 1 / (1 + e^-z) for floats: e^u = 2^k e^r, |r| <= ln2 / 2, with Cephes' polynomial for e^r
// (expf's), u clamped to +-87 (where the sigmoid is 1 or 2e-38 in float anyway).
void sigmoid_f(float* v, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i) {
    float u = -v[i];
    u = u < -87.0f ? -87.0f : u;  // comparisons: a NaN passes through
    u = u > 87.0f ? 87.0f : u;
    // k = u / ln 2 rounded, by adding 1.5 * 2^23: the sum's low mantissa bits hold 2^22 + k.
    const float shifted = u * 1.44269504088896341f + 12582912.0f;
    const float k = shifted - 12582912.0f;
    const float r = (u - k * 0.693359375f) - k * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const float er = p * (r * r) + r + 1.0f;
    std::uint32_t bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 127u) << 23;  // 2^22 + k + 127, shifted up: the bits of 2^k
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    v[i] = 1.0f / (1.0f + scale * er);
  }
}

void relu_f(float* v, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i) v[i] = v[i] > 0.0f ? v[i] : 0.0f;
}

// f(z) over n values, in place.
void activate_f(Activation f, float* v, Eigen::Index n) {
  switch (f) {
    case Activation::Sigmoid: sigmoid_f(v, n); break;
    case Activation::Tanh: tanh_f(v, n); break;
    case Activation::Relu: relu_f(v, n); break;
    case Activation::Linear: break;
  }
}

// z = f(a W (+ b)), in blocks of kBlock points (so that the block's inputs and outputs stay
// in the first-level cache), column by column of z: z[:, j] = b_j + sum_k a[:, k] W(k, j),
// the sum in k's order for every point (no reassociation), each step one loop over the
// block's points.
constexpr Eigen::Index kBlock = 256;
void layer(Activation f, const MatrixF& a, const MatrixF& w, const float* bias, MatrixF& z) {
  const Eigen::Index n = a.rows();
  z.resize(n, w.cols());
  for (Eigen::Index r0 = 0; r0 < n; r0 += kBlock) {
    const Eigen::Index m = std::min(kBlock, n - r0);
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      float* __restrict zj = z.col(j).data() + r0;
      const float b = bias ? bias[j] : 0.0f;
      for (Eigen::Index i = 0; i < m; ++i) zj[i] = b;
      for (Eigen::Index k = 0; k < w.rows(); ++k) {
        const float* __restrict ak = a.col(k).data() + r0;
        const float wkj = w(k, j);
        for (Eigen::Index i = 0; i < m; ++i) zj[i] += ak[i] * wkj;
      }
      activate_f(f, zj, m);
    }
  }
}

}  // namespace

Result<MatrixF> grid_points(float x0, float x1, float y0, float y1, int n_x, int n_y) {
  if (n_x < 2 || n_x > 1000 || n_y < 2 || n_y > 1000)
    return Error{"a grid needs 2 to 1000 points in each direction, got " + std::to_string(n_x) +
                 " x " + std::to_string(n_y)};
  if (!(x1 > x0) || !(y1 > y0)) return Error{"a grid needs x0 < x1 and y0 < y1"};
  MatrixF p(static_cast<Eigen::Index>(n_x) * n_y, 2);
  for (int i = 0; i < n_y; ++i)
    for (int j = 0; j < n_x; ++j) {
      const Eigen::Index r = static_cast<Eigen::Index>(i) * n_x + j;
      p(r, 0) = x0 + (x1 - x0) * static_cast<float>(j) / static_cast<float>(n_x - 1);
      p(r, 1) = y0 + (y1 - y0) * static_cast<float>(i) / static_cast<float>(n_y - 1);
    }
  return p;
}

Result<const MatrixF*> BatchEvaluator::evaluate(const Network& net, const MatrixF& x) {
  if (x.cols() != net.inputs())
    return Error{"points have " + std::to_string(x.cols()) + " columns, the network expects " +
                 std::to_string(net.inputs())};
  const auto layers = static_cast<std::size_t>(net.layers());
  a_.resize(layers + 1);
  w_.resize(layers);
  b_.resize(layers);
  a_[0] = x;
  for (int l = 1; l <= net.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    w_[i - 1] = net.W(l).cast<float>();
    if (net.has_biases()) b_[i - 1] = net.b(l).cast<float>();
    if (plain_loops) {
      layer(net.activation(l), a_[i - 1], w_[i - 1], net.has_biases() ? b_[i - 1].data() : nullptr,
            a_[i]);
    } else {
      MatrixF& z = a_[i];  // the activation is applied in place
      layer_forward(net.activation(l), a_[i - 1], w_[i - 1], net.has_biases(), b_[i - 1], z, z);
    }
  }
  return &a_.back();
}

}  // namespace bp

// Evaluating a network over many points at once: the input plane of a decision-boundary
// heatmap, or any other batch. Single precision (plenty for colours, and twice as many
// numbers per SIMD instruction), one matrix product per layer, buffers kept between calls
// so that evaluating the same grid every frame allocates nothing.
#pragma once

#include <vector>

#include "network.hpp"
#include "result.hpp"

namespace bp {

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

// n_x * n_y points of the rectangle [x0, x1] x [y0, y1], row by row from y0: point
// (i, j) (i-th row from the bottom, j-th column from the left) is row i * n_x + j.
// Each of n_x, n_y must be 2 to 1000.
Result<MatrixF> grid_points(float x0, float x1, float y0, float y1, int n_x, int n_y);

class BatchEvaluator {
 public:
  // Runs every row of x ([points x inputs]) through the network. Returns the outputs
  // [points x outputs]; every layer's activations stay available through activations().
  Result<const MatrixF*> evaluate(const Network& net, const MatrixF& x);
  // Which code computes the batch. Where Eigen has SIMD (natively: SSE2, AVX2), its blocked
  // product and vectorized tanh, the faster ones there (measured: 0.074 against 0.104 ms for
  // the 100x100 grid through 2-8-8-1, 0.76 against 1.2 ms through 8 layers of 16). Where it
  // has none (WebAssembly: Eigen 3.4 has no wasm SIMD backend, so its float products and tanh
  // ran one number at a time), plain loops over the points that clang vectorizes with wasm
  // SIMD. Both give the network's outputs to single precision; the tests run both natively.
#if defined(EIGEN_VECTORIZE)
  bool plain_loops = false;
#else
  bool plain_loops = true;
#endif

  // a_l over the last batch, l = 0..L (l = 0 is the input).
  const MatrixF& activations(int l) const {
    return a_[static_cast<std::size_t>(l)];
  }

 private:
  std::vector<MatrixF> a_;
  std::vector<MatrixF> w_;  // float copies of the weights
  std::vector<Eigen::Matrix<float, 1, Eigen::Dynamic>> b_;
};

}  // namespace bp

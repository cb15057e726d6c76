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
  // a_l over the last batch, l = 0..L (l = 0 is the input).
  const MatrixF& activations(int l) const { return a_[static_cast<std::size_t>(l)]; }

 private:
  std::vector<MatrixF> a_;
  std::vector<MatrixF> w_;  // float copies of the weights
  std::vector<Eigen::Matrix<float, 1, Eigen::Dynamic>> b_;
};

}  // namespace bp

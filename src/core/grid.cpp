// Batch evaluation in single precision.
#include "grid.hpp"

#include <string>

#include "backprop.hpp"

namespace bp {

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
    MatrixF& z = a_[i];  // the activation is applied in place
    layer_forward(net.activation(l), a_[i - 1], w_[i - 1], net.has_biases(), b_[i - 1], z, z);
  }
  return &a_.back();
}

}  // namespace bp

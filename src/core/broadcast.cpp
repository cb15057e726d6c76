// numpy's broadcasting rules for 2-D shapes.
#include "broadcast.hpp"

namespace bp {

std::string to_string(Shape s) {
  return "(" + std::to_string(s.rows) + "," + std::to_string(s.cols) + ")";
}

Result<Shape> broadcast_shape(Shape a, Shape b) {
  const auto combine = [](Eigen::Index x, Eigen::Index y) -> Eigen::Index {
    if (x == y || y == 1) return x;
    if (x == 1) return y;
    return -1;
  };
  const Eigen::Index rows = combine(a.rows, b.rows);
  const Eigen::Index cols = combine(a.cols, b.cols);
  if (rows < 0 || cols < 0)
    return Error{"operands could not be broadcast together with shapes " + to_string(a) + " " +
                 to_string(b)};
  return Shape{rows, cols};
}

}  // namespace bp

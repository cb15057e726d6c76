// numpy's broadcasting for 2-D arrays, the one place it is written: two shapes combine
// elementwise when, in each dimension, they are equal or one of them is 1 (that one is
// repeated). The chapter's shape mistake (shape_mistake.hpp) and the exercise's expression
// evaluator (src/exercise) both use it.
#pragma once

#include <string>

#include "result.hpp"
#include "types.hpp"

namespace bp {

struct Shape {
  Eigen::Index rows = 0;
  Eigen::Index cols = 0;
  bool operator==(const Shape& o) const { return rows == o.rows && cols == o.cols; }
  bool operator!=(const Shape& o) const { return !(*this == o); }
};

inline Shape shape_of(const Matrix& m) {
  return {m.rows(), m.cols()};
}

// "(4,1)", as numpy prints a shape.
std::string to_string(Shape s);

// The shape of a elementwise-op b under numpy's rules, or numpy's refusal in our words:
// "operands could not be broadcast together with shapes (4,1) (3,1)".
Result<Shape> broadcast_shape(Shape a, Shape b);

// out = a op b elementwise with numpy's broadcasting; op is applied to two doubles. The
// shapes must broadcast (check with broadcast_shape first). out may not alias a or b.
template <class Op>
void broadcast_into(const Matrix& a, const Matrix& b, Op op, Matrix& out) {
  const Eigen::Index rows = a.rows() == 1 ? b.rows() : a.rows();
  const Eigen::Index cols = a.cols() == 1 ? b.cols() : a.cols();
  out.resize(rows, cols);
  if (a.rows() == b.rows() && a.cols() == b.cols()) {  // same shapes: the common case

    for (Eigen::Index i = 0; i < out.size(); ++i) out.data()[i] = op(a.data()[i], b.data()[i]);
    return;
  }
  const bool ar = a.rows() == 1, ac = a.cols() == 1, br = b.rows() == 1, bc = b.cols() == 1;
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i)
      out(i, j) = op(a(ar ? 0 : i, ac ? 0 : j), b(br ? 0 : i, bc ? 0 : j));
}

}  // namespace bp

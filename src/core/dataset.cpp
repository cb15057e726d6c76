// Dataset validation and the chapter's example data.
#include "dataset.hpp"

#include <string>

namespace bp {

Status validate(const Dataset& data) {
  if (data.X.rows() < 1) return Error{"data has no examples"};
  if (data.X.rows() > kMaxExamples)
    return Error{"data has " + std::to_string(data.X.rows()) + " examples, at most " +
                 std::to_string(kMaxExamples) + " are allowed"};
  if (data.X.cols() < 1) return Error{"inputs have no columns"};
  if (data.Y.cols() < 1) return Error{"targets have no columns"};
  if (data.Y.rows() != data.X.rows())
    return Error{"inputs have " + std::to_string(data.X.rows()) + " rows but targets have " +
                 std::to_string(data.Y.rows())};
  for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
    if (!data.X.row(i).allFinite())
      return Error{"input row " + std::to_string(i + 1) + " contains a NaN or infinite value"};
    if (!data.Y.row(i).allFinite())
      return Error{"target row " + std::to_string(i + 1) + " contains a NaN or infinite value"};
  }
  return {};
}

Dataset concat(const Dataset& a, const Dataset& b) {
  if (b.size() == 0) return a;
  if (a.size() == 0) return b;
  Dataset d;
  d.X.resize(a.X.rows() + b.X.rows(), a.X.cols());
  d.Y.resize(a.Y.rows() + b.Y.rows(), a.Y.cols());
  d.X << a.X, b.X;
  d.Y << a.Y, b.Y;
  return d;
}

Dataset seed_dataset() {
  Dataset d;
  d.X.resize(4, 3);
  d.X << 0, 0, 1,  //
      0, 1, 1,     //
      1, 0, 1,     //
      1, 1, 1;
  d.Y.resize(4, 1);
  d.Y << 0, 1, 1, 0;
  return d;
}

Matrix seed_new_input() {
  Matrix x(1, 3);
  x << 1, 0, 1;
  return x;
}

}  // namespace bp

// Matrix types shared by the core. One row per example, as in the chapter:
// a batch of inputs is [examples x features], a weight matrix is [inputs x outputs].
#pragma once

#include <Eigen/Core>

namespace bp {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;
using RowVector = Eigen::Matrix<double, 1, Eigen::Dynamic>;

}  // namespace bp

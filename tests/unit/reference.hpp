// A plain-loop reference of the forward pass, the loss and backpropagation, written from
// the equations with nested std::vectors and no Eigen, so that the tests compare the core
// against code that shares nothing with it but the names of the activations.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/activation.hpp"
#include "core/loss.hpp"
#include "core/network.hpp"
#include "core/regularization.hpp"

namespace ref {

// |analytic - numeric| / max(|analytic|, |numeric|, floor): relative where a gradient is not
// tiny, absolute (over floor) where it is.
inline double relative_error(double analytic, double numeric, double floor) {
  const double scale = std::max(std::max(std::abs(analytic), std::abs(numeric)), floor);
  return std::abs(analytic - numeric) / scale;
}

// How far backpropagation's gradients are from the differences: the worst relative error
// over the parameters compared, and how many were compared.
struct Agreement {
  double worst = 0.0;
  int count = 0;
};

using Vec = std::vector<double>;
using Mat = std::vector<Vec>;  // row-major: m[row][col]

struct Net {
  std::vector<Mat> W;               // W[l-1]: [size(l-1) x size(l)]
  std::vector<Vec> b;               // b[l-1]: size(l), or empty without biases
  std::vector<bp::Activation> act;  // act[l-1]
};

struct Grads {
  std::vector<Mat> dW;
  std::vector<Vec> db;
  double loss = 0.0;
};

Mat to_mat(const bp::Matrix& m);
Net from_core(const bp::Network& net);

double unit_value(bp::Activation f, double z);
double unit_slope(bp::Activation f, double z);

// Outputs of the last layer for every row of x.
Mat forward(const Net& net, const Mat& x);
double loss(const Net& net, const Mat& x, const Mat& y, bp::Loss loss);
// The weight penalty, summed over every weight by explicit loops (biases excluded):
// rate * sum |w| for L1, rate / 2 * sum w^2 for L2, 0 for None.
double penalty(const Net& net, bp::Regularization r, double rate);
// Gradients of the loss with respect to every weight and bias, by the delta recursion.
Grads backprop(const Net& net, const Mat& x, const Mat& y, bp::Loss loss);
// One gradient descent step.
void step(Net& net, const Mat& x, const Mat& y, bp::Loss loss, double learning_rate);

// Largest |a - b| over all entries (shapes must match).
double max_abs_diff(const Mat& a, const bp::Matrix& b);

}  // namespace ref

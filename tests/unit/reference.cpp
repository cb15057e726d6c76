// The plain-loop reference: every sum is an explicit loop over indices.
#include "reference.hpp"

#include <algorithm>
#include <cmath>

namespace ref {

Mat to_mat(const bp::Matrix& m) {
  Mat out(static_cast<std::size_t>(m.rows()), Vec(static_cast<std::size_t>(m.cols())));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      out[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = m(i, j);
  return out;
}

Net from_core(const bp::Network& net) {
  Net r;
  for (int l = 1; l <= net.layers(); ++l) {
    r.W.push_back(to_mat(net.W(l)));
    Vec b;
    for (Eigen::Index j = 0; j < net.b(l).size(); ++j) b.push_back(net.b(l)(j));
    r.b.push_back(b);
    r.act.push_back(net.activation(l));
  }
  return r;
}

double unit_value(bp::Activation f, double z) {
  switch (f) {
    case bp::Activation::Sigmoid: return 1.0 / (1.0 + std::exp(-z));
    case bp::Activation::Tanh: return std::tanh(z);
    case bp::Activation::Relu: return std::max(z, 0.0);
    case bp::Activation::Linear: return z;
  }
  return z;
}

double unit_slope(bp::Activation f, double z) {
  switch (f) {
    case bp::Activation::Sigmoid: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s);
    }
    case bp::Activation::Tanh: {
      const double t = std::tanh(z);
      return 1.0 - t * t;
    }
    case bp::Activation::Relu: return z > 0.0 ? 1.0 : 0.0;
    case bp::Activation::Linear: return 1.0;
  }
  return 1.0;
}

namespace {

struct Pass {
  std::vector<Mat> a;  // a[0] = x ... a[L]
  std::vector<Mat> z;  // z[0] unused
};

Pass run_forward(const Net& net, const Mat& x) {
  Pass p;
  p.a.push_back(x);
  p.z.push_back({});
  for (std::size_t l = 0; l < net.W.size(); ++l) {
    const Mat& w = net.W[l];
    const Mat& in = p.a.back();
    const std::size_t rows = in.size(), inner = w.size(), cols = w[0].size();
    Mat z(rows, Vec(cols, 0.0)), a(rows, Vec(cols, 0.0));
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) {
        double s = net.b[l].empty() ? 0.0 : net.b[l][j];
        for (std::size_t k = 0; k < inner; ++k) s += in[i][k] * w[k][j];
        z[i][j] = s;
        a[i][j] = unit_value(net.act[l], s);
      }
    p.z.push_back(z);
    p.a.push_back(a);
  }
  return p;
}

double loss_of(const Mat& a, const Mat& y, bp::Loss kind) {
  double c = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[i].size(); ++j) {
      if (kind == bp::Loss::SquaredError) {
        c += 0.5 * (y[i][j] - a[i][j]) * (y[i][j] - a[i][j]);
      } else {
        c -= y[i][j] * std::log(a[i][j]) + (1.0 - y[i][j]) * std::log(1.0 - a[i][j]);
      }
    }
  return c;
}

}  // namespace

Mat forward(const Net& net, const Mat& x) {
  return run_forward(net, x).a.back();
}

double loss(const Net& net, const Mat& x, const Mat& y, bp::Loss kind) {
  return loss_of(forward(net, x), y, kind);
}

double penalty(const Net& net, bp::Regularization r, double rate) {
  double sum = 0.0;
  for (const Mat& w : net.W)
    for (const Vec& row : w)
      for (double v : row) {
        if (r == bp::Regularization::L1) sum += rate * std::abs(v);
        if (r == bp::Regularization::L2) sum += 0.5 * rate * v * v;
      }
  return sum;
}

Grads backprop(const Net& net, const Mat& x, const Mat& y, bp::Loss kind) {
  const Pass p = run_forward(net, x);
  const std::size_t L = net.W.size(), rows = x.size();
  Grads g;
  g.loss = loss_of(p.a[L], y, kind);
  g.dW.resize(L);
  g.db.resize(L);
  Mat delta;  // dC/dz of the current layer
  for (std::size_t l = L; l >= 1; --l) {
    const std::size_t units = p.z[l][0].size();
    Mat d(rows, Vec(units, 0.0));
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < units; ++j) {
        double da;  // dC/da of this unit
        if (l == L) {
          const double a = p.a[L][i][j];
          da = kind == bp::Loss::SquaredError ? a - y[i][j]
                                              : -y[i][j] / a + (1.0 - y[i][j]) / (1.0 - a);
        } else {
          da = 0.0;  // sum over the next layer's units of delta * weight
          for (std::size_t k = 0; k < delta[i].size(); ++k) da += delta[i][k] * net.W[l][j][k];
        }
        d[i][j] = da * unit_slope(net.act[l - 1], p.z[l][i][j]);
      }
    const Mat& prev = p.a[l - 1];
    Mat dw(prev[0].size(), Vec(units, 0.0));
    for (std::size_t k = 0; k < prev[0].size(); ++k)
      for (std::size_t j = 0; j < units; ++j)
        for (std::size_t i = 0; i < rows; ++i) dw[k][j] += prev[i][k] * d[i][j];
    g.dW[l - 1] = dw;
    if (!net.b[l - 1].empty()) {
      Vec db(units, 0.0);
      for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < units; ++j) db[j] += d[i][j];
      g.db[l - 1] = db;
    }
    delta = d;
  }
  return g;
}

void step(Net& net, const Mat& x, const Mat& y, bp::Loss kind, double learning_rate) {
  const Grads g = backprop(net, x, y, kind);
  for (std::size_t l = 0; l < net.W.size(); ++l) {
    for (std::size_t k = 0; k < net.W[l].size(); ++k)
      for (std::size_t j = 0; j < net.W[l][k].size(); ++j)
        net.W[l][k][j] -= learning_rate * g.dW[l][k][j];
    for (std::size_t j = 0; j < net.b[l].size(); ++j) net.b[l][j] -= learning_rate * g.db[l][j];
  }
}

double max_abs_diff(const Mat& a, const bp::Matrix& b) {
  double m = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[i].size(); ++j)
      m = std::max(
          m, std::abs(a[i][j] - b(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))));
  return m;
}

}  // namespace ref

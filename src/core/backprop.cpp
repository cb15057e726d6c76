// Forward pass, loss, backward pass (the delta recursion) and the update.
#include "backprop.hpp"

namespace bp {

void allocate_trace(const Network& net, Eigen::Index m, StepTrace& t) {
  const int L = net.layers();
  const auto count = static_cast<std::size_t>(L + 1);
  t.a.assign(count, Matrix());
  t.z.assign(count, Matrix());
  t.da_dz.assign(count, Matrix());
  t.da.assign(count, Matrix());
  t.delta.assign(count, Matrix());
  t.dW.assign(count, Matrix());
  t.db.assign(count, RowVector());
  t.a[0].resize(m, net.inputs());
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    t.a[i].resize(m, net.size(l));
    t.z[i].resize(m, net.size(l));
    t.da_dz[i].resize(m, net.size(l));
    t.da[i].resize(m, net.size(l));
    t.delta[i].resize(m, net.size(l));
    t.dW[i].resize(net.size(l - 1), net.size(l));
    t.db[i].resize(net.has_biases() ? net.size(l) : 0);
  }
  t.y.resize(m, net.outputs());
  t.loss = 0.0;
}

void forward_layer(const Network& net, int l, StepTrace& t) {
  const auto i = static_cast<std::size_t>(l);
  t.z[i].noalias() = t.a[i - 1] * net.W(l);
  if (net.has_biases()) t.z[i].rowwise() += net.b(l);
  activation_forward(net.activation(l), t.z[i], t.a[i]);
}

void compute_loss(Loss loss, StepTrace& t) {
  t.loss = loss_forward(loss, t.a.back(), t.y);
}

void backward_layer(const Network& net, Loss loss, int l, StepTrace& t) {
  const auto i = static_cast<std::size_t>(l);
  activation_backward(net.activation(l), t.z[i], t.a[i], t.da_dz[i]);
  if (l == net.layers()) {
    loss_gradient(loss, t.a[i], t.y, t.da[i]);
    output_delta(loss, net.activation(l), t.a[i], t.y, t.da[i], t.da_dz[i], t.delta[i]);
  } else {
    t.da[i].noalias() = t.delta[i + 1] * net.W(l + 1).transpose();
    t.delta[i].array() = t.da[i].array() * t.da_dz[i].array();
  }
  t.dW[i].noalias() = t.a[i - 1].transpose() * t.delta[i];
  if (net.has_biases()) t.db[i].noalias() = t.delta[i].colwise().sum();
}

void apply_update(const StepTrace& t, double learning_rate, Network& net) {
  for (int l = 1; l <= net.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    net.W(l) -= learning_rate * t.dW[i];
    if (net.has_biases()) net.b(l) -= learning_rate * t.db[i];
  }
}

namespace {

bool trace_fits(const Network& net, Eigen::Index m, const StepTrace& t) {
  if (t.a.size() != static_cast<std::size_t>(net.layers() + 1) || t.a[0].rows() != m ||
      t.a[0].cols() != net.inputs())
    return false;
  for (int l = 1; l <= net.layers(); ++l) {
    const auto i = static_cast<std::size_t>(l);
    if (t.dW[i].rows() != net.size(l - 1) || t.dW[i].cols() != net.size(l) ||
        t.db[i].size() != (net.has_biases() ? net.size(l) : 0))
      return false;
  }
  return true;
}

}  // namespace

void compute_gradients(const Network& net, Loss loss, const Matrix& x, const Matrix& y,
                       StepTrace& t) {
  if (!trace_fits(net, x.rows(), t)) allocate_trace(net, x.rows(), t);
  t.a[0] = x;
  t.y = y;
  for (int l = 1; l <= net.layers(); ++l) forward_layer(net, l, t);
  compute_loss(loss, t);
  for (int l = net.layers(); l >= 1; --l) backward_layer(net, loss, l, t);
}

StepTrace compute_gradients(const Network& net, Loss loss, const Matrix& x, const Matrix& y) {
  StepTrace t;
  compute_gradients(net, loss, x, y, t);
  return t;
}

std::vector<int> saturated_units(const StepTrace& t, int l, double threshold) {
  std::vector<int> units;
  const auto i = static_cast<std::size_t>(l);
  if (l < 1 || i >= t.da_dz.size()) return units;
  const Matrix& d = t.da_dz[i];
  for (Eigen::Index j = 0; j < d.cols(); ++j)
    if (d.rows() > 0 && d.col(j).cwiseAbs().maxCoeff() < threshold)
      units.push_back(static_cast<int>(j));
  return units;
}

}  // namespace bp

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
  t.penalty = 0.0;
}

namespace {

// The layer computations, written once over Eigen maps of the trace's buffers. With
// Eigen::Dynamic sizes they serve every network; instantiated with the chapter's sizes
// (4 examples, 3-4-1) the compiler sees fixed-size matrices and unrolls everything, which
// makes the chapter's step about three times cheaper (see make bench).
template <int R, int C>
using Out = Eigen::Map<Eigen::Matrix<double, R, C>>;
template <int R, int C>
using In = Eigen::Map<const Eigen::Matrix<double, R, C>>;

template <int R, int C>
Out<R, C> out(Matrix& m) {
  return Out<R, C>(m.data(), m.rows(), m.cols());
}
template <int R, int C>
In<R, C> in(const Matrix& m) {
  return In<R, C>(m.data(), m.rows(), m.cols());
}

// Layer l with M examples, I inputs and O units.
template <int M, int I, int O>
void forward_kernel(const Network& net, int l, StepTrace& t) {
  const auto i = static_cast<std::size_t>(l);
  Out<M, O> z = out<M, O>(t.z[i]);
  Out<M, O> a = out<M, O>(t.a[i]);
  const Eigen::Map<const Eigen::Matrix<double, 1, O>> b(net.b(l).data(), 1, net.size(l));
  layer_forward(net.activation(l), in<M, I>(t.a[i - 1]), in<I, O>(net.W(l)), net.has_biases(), b, z,
                a);
}

// Layer l with M examples, I inputs, O units, and N units in layer l + 1 (unused for l = L).
template <int M, int I, int O, int N>
void backward_kernel(const Network& net, Loss loss, int l, StepTrace& t) {
  const auto i = static_cast<std::size_t>(l);
  const In<M, O> z = in<M, O>(t.z[i]);
  const In<M, O> a = in<M, O>(t.a[i]);
  Out<M, O> da_dz = out<M, O>(t.da_dz[i]);
  Out<M, O> da = out<M, O>(t.da[i]);
  Out<M, O> delta = out<M, O>(t.delta[i]);
  activation_backward_into(net.activation(l), z, a, da_dz);
  if (l == net.layers()) {
    const In<M, O> y = in<M, O>(t.y);
    loss_gradient_into(loss, a, y, da);
    output_delta_into(loss, net.activation(l), a, y, da, da_dz, delta);
  } else {
    da.noalias() = in<M, N>(t.delta[i + 1]) * in<O, N>(net.W(l + 1)).transpose();
    delta = (da.array() * da_dz.array()).matrix();
  }
  out<I, O>(t.dW[i]).noalias() = in<M, I>(t.a[i - 1]).transpose() * delta;
  if (net.has_biases()) t.db[i].noalias() = delta.colwise().sum();
}

// The chapter's shape: 4 examples through 3-4-1.
bool chapter_shape(const Network& net, const StepTrace& t) {
  return net.layers() == 2 && net.size(0) == 3 && net.size(1) == 4 && net.size(2) == 1 &&
         t.a[0].rows() == 4;
}

}  // namespace

void forward_layer(const Network& net, int l, StepTrace& t) {
  if (chapter_shape(net, t)) {
    if (l == 1) return forward_kernel<4, 3, 4>(net, l, t);
    return forward_kernel<4, 4, 1>(net, l, t);
  }
  forward_kernel<Eigen::Dynamic, Eigen::Dynamic, Eigen::Dynamic>(net, l, t);
}

void compute_loss(Loss loss, StepTrace& t) {
  t.loss = loss_forward(loss, t.a.back(), t.y);
}

void compute_penalty(const Network& net, Regularization r, double rate, StepTrace& t) {
  t.penalty = 0.0;
  if (r == Regularization::None) return;
  for (int l = 1; l <= net.layers(); ++l) t.penalty += regularization_penalty(r, rate, net.W(l));
}

void backward_layer(const Network& net, Loss loss, int l, StepTrace& t) {
  if (chapter_shape(net, t)) {
    if (l == 1) return backward_kernel<4, 3, 4, 1>(net, loss, l, t);
    return backward_kernel<4, 4, 1, 1>(net, loss, l, t);
  }
  constexpr int D = Eigen::Dynamic;
  backward_kernel<D, D, D, D>(net, loss, l, t);
}

void regularize_layer(const Network& net, Regularization r, double rate, int l, StepTrace& t) {
  if (r == Regularization::None) return;
  add_regularization_gradient(r, rate, net.W(l), t.dW[static_cast<std::size_t>(l)]);
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
                       StepTrace& t, Regularization r, double rate) {
  if (!trace_fits(net, x.rows(), t)) allocate_trace(net, x.rows(), t);
  t.a[0] = x;
  t.y = y;
  for (int l = 1; l <= net.layers(); ++l) forward_layer(net, l, t);
  compute_loss(loss, t);
  compute_penalty(net, r, rate, t);
  for (int l = net.layers(); l >= 1; --l) {
    backward_layer(net, loss, l, t);
    regularize_layer(net, r, rate, l, t);
  }
}

void compute_outputs(const Network& net, Loss loss, const Matrix& x, const Matrix& y,
                     StepTrace& t) {
  if (!trace_fits(net, x.rows(), t)) allocate_trace(net, x.rows(), t);
  t.a[0] = x;
  t.y = y;
  for (int l = 1; l <= net.layers(); ++l) forward_layer(net, l, t);
  compute_loss(loss, t);
  t.penalty = 0.0;
}

StepTrace compute_gradients(const Network& net, Loss loss, const Matrix& x, const Matrix& y,
                            Regularization r, double rate) {
  StepTrace t;
  compute_gradients(net, loss, x, y, t, r, rate);
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

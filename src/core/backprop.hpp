// The forward and backward passes, layer by layer, on a StepTrace that keeps every
// intermediate value. The Trainer runs them in order; the walkthrough runs them one
// phase at a time; the gradient check runs them once at given weights.
#pragma once

#include <vector>

#include "activation.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "regularization.hpp"
#include "types.hpp"

namespace bp {

// The values one pass computed, numbered by layer as in the chapter (l = 0..L).
// For the 3-4-1 network: a[0] = x, z[1], a[1], z[2], a[2]; delta[2] is the chapter's k2
// and delta[1] its t1; da[1] = k2 W2^T; dW[2] is equation (A), dW[1] equation (B).
struct StepTrace {
  std::vector<Matrix> a;      // a[l]: [batch x size(l)], l = 0..L; a[L] is the output
  std::vector<Matrix> z;      // z[l] = a[l-1] W(l) + b(l), l = 1..L (z[0] is empty)
  std::vector<Matrix> da_dz;  // f'(z[l]), l = 1..L
  std::vector<Matrix> da;     // dC/da[l]: a[L] - y for squared error, delta[l+1] W(l+1)^T below
  std::vector<Matrix> delta;  // dC/dz[l] = dC/da[l] * f'(z[l]), l = 1..L
  std::vector<Matrix> dW;     // dC/dW(l) = a[l-1]^T delta[l] (+ the penalty's gradient), like W(l)
  std::vector<RowVector> db;  // dC/db(l) = column sums of delta[l] (empty without biases)
  Matrix y;                   // the batch's targets, [batch x outputs]
  double loss = 0.0;          // C of this batch at the weights of the forward pass (data term)
  double penalty = 0.0;       // the regularization penalty at those weights (0 without)
};

// Sizes every buffer of trace for a batch of m examples of this network (allocates).
void allocate_trace(const Network& net, Eigen::Index m, StepTrace& trace);

// One layer of the forward pass, the one place it is written:
//   z = a_prev W (+ b), a = f(z)                     [m x n_in][n_in x n_out] = [m x n_out]
// for any Eigen matrices or maps of the right sizes and scalar (the trainer's double maps,
// the batch evaluator's floats); a may be z itself. b is a row vector, added if with_bias.
template <class APrev, class Weights, class Bias, class Z, class A>
void layer_forward(Activation f, const APrev& a_prev, const Weights& W, bool with_bias,
                   const Bias& b, Z& z, A& a) {
  z.noalias() = a_prev * W;
  if (with_bias) z.rowwise() += b;
  activation_forward_into(f, z, a);
}

// z[l] = a[l-1] W(l) (+ b(l)), a[l] = f(z[l]) on the trace's buffers (layer_forward).
void forward_layer(const Network& net, int l, StepTrace& trace);

// trace.loss = C(a[L], y).
void compute_loss(Loss loss, StepTrace& trace);

// trace.penalty = the regularization penalty of every weight matrix (biases are not
// penalized): rate * sum |w| for L1, rate / 2 * sum w^2 for L2, 0 for None.
void compute_penalty(const Network& net, Regularization r, double rate, StepTrace& trace);

// delta[l] and the gradients of layer l, given delta[l+1] (or the loss, for l = L):
//   delta_L = dC/da_L * f'(z_L)                      (the chapter's k2)
//   delta_l = (delta_{l+1} W(l+1)^T) * f'(z_l)       (the chapter's t1)
//   dC/dW(l) = a[l-1]^T delta_l                      (equations (A) and (B))
void backward_layer(const Network& net, Loss loss, int l, StepTrace& trace);

// dW(l) += the penalty's gradient: rate * sign(W(l)) for L1, rate * W(l) for L2, nothing for
// None (db is never touched). Runs after backward_layer(l); allocates nothing.
void regularize_layer(const Network& net, Regularization r, double rate, int l, StepTrace& trace);

// W(l) <- W(l) - learning_rate dC/dW(l) (and the biases) for every layer.
void apply_update(const StepTrace& trace, double learning_rate, Network& net);

// A whole forward and backward pass of x, y at the network's current weights, without
// changing them: the gradient there (allocates). x and y must fit the network. With a
// regularization, trace.penalty and the penalty's share of dW are included.
StepTrace compute_gradients(const Network& net, Loss loss, const Matrix& x, const Matrix& y,
                            Regularization r = Regularization::None, double rate = 0.0);
// The same into an existing trace, which is resized only when the shapes change (so calling
// it every frame on the same network and data allocates nothing).
void compute_gradients(const Network& net, Loss loss, const Matrix& x, const Matrix& y,
                       StepTrace& trace, Regularization r = Regularization::None,
                       double rate = 0.0);

// The forward pass and the loss only (trace.a, trace.z, trace.y, trace.loss; no deltas, no
// gradients, penalty 0): what reading a data set's outputs needs, about a third of the work of
// compute_gradients. The same layer_forward as every other pass, so trace.a.back() equals
// Network::predict(x) bit for bit. Resizes the trace only when the shapes change.
void compute_outputs(const Network& net, Loss loss, const Matrix& x, const Matrix& y,
                     StepTrace& trace);

// Units of layer l (1..L) whose f'(z) is below threshold for every example of the trace:
// they pass almost no gradient back (saturated sigmoid or tanh units, dead relu units).
// Uses da_dz, so the trace's backward pass must have run.
std::vector<int> saturated_units(const StepTrace& trace, int l, double threshold = 0.01);

}  // namespace bp

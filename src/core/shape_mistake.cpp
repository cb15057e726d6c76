// The chapter's shape mistake, reproduced with numpy's broadcasting rules.
#include "shape_mistake.hpp"

#include <cmath>
#include <string>

#include "broadcast.hpp"
#include "trainer.hpp"

namespace bp {
namespace {

Status applicable(const Network& net, Eigen::Index examples) {
  if (net.layers() != 2 || net.outputs() != 1)
    return Error{
        "the chapter's line is written for a network with one hidden layer and one output"};
  // (With one hidden unit or one example numpy would broadcast W2 * k2 too, into yet
  // other shapes; the chapter's case is the equal one.)
  if (net.size(1) != examples)
    return Error{
        "numpy would refuse W2 * k2: operands could not be broadcast together with shapes " +
        to_string(Shape{net.size(1), 1}) + " " + to_string(Shape{examples, 1}) +
        ". It only runs when the hidden layer has as many units as there are examples"};
  return {};
}

}  // namespace

Result<ShapeMistake> shape_mistake(const Network& net, const StepTrace& t) {
  if (t.a.size() != 3 || t.a[0].rows() == 0) return Error{"no step has been computed yet"};
  if (Status s = applicable(net, t.a[0].rows()); !s) return Error{s.error()};
  ShapeMistake m;
  const Matrix& k2 = t.delta[2];
  const auto times = [](double a, double b) { return a * b; };
  broadcast_into(net.W(2), k2, times, m.t2);
  // numpy: s'(z1) [m x h] * t2 [m x 1] repeats t2's column across the h columns.
  broadcast_into(t.da_dz[1], m.t2, times, m.t1);
  m.dW1 = t.a[0].transpose() * m.t1;
  m.k2W2T = k2 * net.W(2).transpose();
  m.t1_right = (m.k2W2T.array() * t.da_dz[1].array()).matrix();
  m.dW1_right = t.a[0].transpose() * m.t1_right;
  return m;
}

Result<MistakeRun> train_with_shape_mistake(const Network& start, const Dataset& data,
                                            double learning_rate, int iterations) {
  if (Status s = applicable(start, data.size()); !s) return Error{s.error()};
  if (iterations < 0 || iterations > 1'000'000) return Error{"iterations must be 0 to 1000000"};
  TrainerOptions o;
  o.learning_rate = learning_rate;
  if (Status s = validate(o); !s) return Error{s.error()};
  if (Status s = validate(data); !s) return Error{s.error()};
  if (data.X.cols() != start.inputs()) return Error{"the data does not fit the network's inputs"};
  // The right forward and backward passes; only dW1 is replaced by the mistaken one.
  MistakeRun run{{}, start, {}};
  StepTrace t;
  allocate_trace(run.network, data.size(), t);
  t.a[0] = data.X;
  t.y = data.Y;
  run.loss.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    forward_layer(run.network, 1, t);
    forward_layer(run.network, 2, t);
    compute_loss(Loss::SquaredError, t);
    backward_layer(run.network, Loss::SquaredError, 2, t);
    backward_layer(run.network, Loss::SquaredError, 1, t);
    run.loss.push_back(t.loss);
    t.dW[1] = shape_mistake(run.network, t).value().dW1;
    apply_update(t, learning_rate, run.network);
    if (!std::isfinite(t.loss) || !run.network.all_finite()) break;
  }
  run.outputs = run.network.predict(data.X).value();
  return run;
}

}  // namespace bp

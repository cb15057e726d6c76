// Central differences of the full-batch loss against backpropagation at the same weights.
#include "gradient_check.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "backprop.hpp"

namespace bp {
namespace {

Status check_inputs(const Network& net, const Dataset& data, double h) {
  if (Status s = validate(data); !s) return s;
  if (data.X.cols() != net.inputs() || data.Y.cols() != net.outputs())
    return Error{"the data does not fit the network's inputs and outputs"};
  if (!(h > 0.0) || !std::isfinite(h)) return Error{"the finite-difference step must be > 0"};
  return {};
}

GradientCheck numeric_check(Network& nudged, const Dataset& data, Loss loss, WeightRef w,
                            double backprop, double h) {
  double& value = nudged.W(w.layer)(w.row, w.col);
  const double keep = value;
  value = keep + h;
  const double up = loss_forward(loss, nudged.predict(data.X).value(), data.Y);
  value = keep - h;
  const double down = loss_forward(loss, nudged.predict(data.X).value(), data.Y);
  value = keep;
  GradientCheck c;
  c.weight = w;
  c.backprop = backprop;
  c.numeric = (up - down) / (2.0 * h);
  c.rel_error = std::abs(c.backprop - c.numeric) /
                std::max({std::abs(c.backprop), std::abs(c.numeric), 1e-12});
  return c;
}

}  // namespace

Result<GradientCheck> check_gradient(const Network& net, const Dataset& data, Loss loss,
                                     WeightRef weight, double h) {
  if (Status s = check_inputs(net, data, h); !s) return Error{s.error()};
  if (Status s = net.check(weight); !s) return Error{s.error()};
  const StepTrace t = compute_gradients(net, loss, data.X, data.Y);
  Network nudged = net;
  return numeric_check(nudged, data, loss, weight,
                       t.dW[static_cast<std::size_t>(weight.layer)](weight.row, weight.col), h);
}

Result<std::vector<GradientCheck>> check_all_gradients(const Network& net, const Dataset& data,
                                                       Loss loss, double h) {
  if (Status s = check_inputs(net, data, h); !s) return Error{s.error()};
  const StepTrace t = compute_gradients(net, loss, data.X, data.Y);
  Network nudged = net;
  std::vector<GradientCheck> out;
  for (int l = 1; l <= net.layers(); ++l)
    for (int r = 0; r < net.W(l).rows(); ++r)
      for (int c = 0; c < net.W(l).cols(); ++c)
        out.push_back(numeric_check(nudged, data, loss, {l, r, c},
                                    t.dW[static_cast<std::size_t>(l)](r, c), h));
  return out;
}

}  // namespace bp

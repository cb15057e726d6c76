// The selected weight's gradient as a sum over the examples, factor by factor.
#include "explain.hpp"

#include <string>

namespace bp {

Status gradient_terms(const Network& net, const StepTrace& t, WeightRef w, double learning_rate,
                      GradientTerms& out) {
  if (Status s = net.check(w); !s) return s;
  const Matrix& W = net.W(w.layer);
  const auto l = static_cast<std::size_t>(w.layer);
  if (t.a.size() != static_cast<std::size_t>(net.layers() + 1) || t.dW[l].rows() != W.rows() ||
      t.dW[l].cols() != W.cols() || t.a[l - 1].cols() != W.rows() || t.delta[l].cols() != W.cols())
    return Error{"the trace does not fit the network"};
  const Eigen::Index m = t.a[0].rows();
  out.weight = w;
  out.terms.resize(static_cast<std::size_t>(m));
  out.sum = 0.0;
  for (Eigen::Index n = 0; n < m; ++n) {
    GradientTerm& g = out.terms[static_cast<std::size_t>(n)];
    g.input = t.a[l - 1](n, w.row);
    g.da = t.da[l](n, w.col);
    g.da_dz = t.da_dz[l](n, w.col);
    g.delta = t.delta[l](n, w.col);
    g.product = g.input * g.delta;
    out.sum += g.product;
  }
  out.backprop = t.dW[l](w.row, w.col);
  out.weight_value = W(w.row, w.col);
  out.learning_rate = learning_rate;
  out.updated = out.weight_value - learning_rate * out.backprop;
  return {};
}

}  // namespace bp

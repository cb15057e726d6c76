// One weight's gradient written out term by term, as the equations panel shows it:
//   dC/dW(l)[i][j] = sum over examples n of a[l-1][n][i] * delta[l][n][j],
//   delta[l][n][j] = dC/da[l][n][j] * f'(z[l][n][j])
// (equation (A) for l = L, (B) for the layer below), with every factor taken from a trace.
#pragma once

#include <vector>

#include "backprop.hpp"
#include "gradient_check.hpp"
#include "network.hpp"
#include "result.hpp"

namespace bp {

// Example n's share of the gradient of W(l)[i][j].
struct GradientTerm {
  double input = 0.0;    // a[l-1][n][i]
  double da = 0.0;       // dC/da[l][n][j]: a_L - y at the output, (delta[l+1] W(l+1)^T)[n][j] below
  double da_dz = 0.0;    // f'(z[l][n][j])
  double delta = 0.0;    // delta[l][n][j] = da * da_dz (the chapter's k2, or t1)
  double product = 0.0;  // input * delta
};

struct GradientTerms {
  WeightRef weight;
  std::vector<GradientTerm> terms;  // one per example (row) of the trace
  double sum = 0.0;                 // of the products, in example order
  double backprop = 0.0;  // the trace's dW(l)[i][j] (a matrix product); equals sum up to rounding
  double weight_value = 0.0;   // W(l)[i][j] of net
  double learning_rate = 0.0;  // as given
  double updated = 0.0;  // weight_value - learning_rate * backprop: the weight after the update
};

// Fills out from a trace whose backward pass has run for layer weight.layer, at net's weights.
// Reuses out's storage (no allocation once it has held as many examples). An error names a
// weight that does not exist or a trace that does not fit the network.
Status gradient_terms(const Network& net, const StepTrace& trace, WeightRef weight,
                      double learning_rate, GradientTerms& out);

}  // namespace bp

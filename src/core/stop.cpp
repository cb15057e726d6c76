// The stop rules' checks and messages.
#include "stop.hpp"

#include <cmath>
#include <cstdio>

namespace bp {

Status validate(const StopRule& rule) {
  if (rule.target_loss) {
    const double t = *rule.target_loss;
    if (!std::isfinite(t)) return Error{"target loss must be a finite number"};
    if (t < 0.0) return Error{"target loss must be 0 or more"};
  }
  if (rule.max_iterations &&
      (*rule.max_iterations < 1 || *rule.max_iterations > kMaxStopIterations))
    return Error{"number of iterations to stop at must be 1 to 1000000000"};
  return {};
}

StopCheck check_stop(const StopRule& rule, long iteration, double loss) {
  StopCheck c;
  if (rule.target_loss && !std::isnan(loss) && loss <= *rule.target_loss) {
    char msg[120];  // %g: what a string stream writes, without its locale code in the page
    std::snprintf(msg, sizeof msg, "stopped at iteration %ld: the loss %g reached the target %g",
                  iteration, loss, *rule.target_loss);
    c.reason = StopReason::TargetLoss;
    c.message = msg;
  } else if (rule.max_iterations && iteration >= *rule.max_iterations) {
    c.reason = StopReason::MaxIterations;
    c.message = "stopped after " + std::to_string(iteration) + " iterations, as asked";
  }
  return c;
}

}  // namespace bp

// Loss and accuracy of a network on a data set.
#include "metrics.hpp"

#include <string>

namespace bp {

namespace {
bool binary_labels(const Matrix& y) {
  return y.cols() == 1 && (y.array() == 0.0 || y.array() == 1.0).all();
}
}  // namespace

bool has_binary_labels(const Dataset& data) {
  return binary_labels(data.Y);
}

Result<Metrics> evaluate(const Network& net, const Dataset& data, Loss loss) {
  Metrics m;
  if (data.X.rows() == 0 && data.Y.rows() == 0) return m;
  if (data.Y.rows() != data.X.rows())
    return Error{"inputs have " + std::to_string(data.X.rows()) + " rows but targets have " +
                 std::to_string(data.Y.rows())};
  if (data.Y.cols() != net.outputs())
    return Error{"data has " + std::to_string(data.Y.cols()) +
                 " target columns but the network has " + std::to_string(net.outputs()) +
                 " outputs"};
  if (!data.Y.allFinite()) return Error{"targets contain a NaN or infinite value"};
  Result<Matrix> a = net.predict(data.X);  // [examples x outputs]
  if (!a) return Error{a.error()};
  return measure(*a, data.Y, loss);
}

Metrics measure(const Matrix& outputs, const Matrix& targets, Loss loss) {
  Metrics m;
  if (targets.rows() == 0 || outputs.rows() != targets.rows() || outputs.cols() != targets.cols())
    return m;
  m.examples = targets.rows();
  m.loss = loss_forward(loss, outputs, targets);
  m.mean_loss = m.loss / static_cast<double>(m.examples);
  if (binary_labels(targets)) {
    const auto correct = ((outputs.array() > 0.5) == (targets.array() > 0.5)).count();
    m.accuracy = static_cast<double>(correct) / static_cast<double>(m.examples);
  }
  return m;
}

}  // namespace bp

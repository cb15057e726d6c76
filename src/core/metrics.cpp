// Loss and accuracy of a network on a data set.
#include "metrics.hpp"

#include <string>

namespace bp {

bool has_binary_labels(const Dataset& data) {
  return data.Y.cols() == 1 && (data.Y.array() == 0.0 || data.Y.array() == 1.0).all();
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
  m.examples = data.size();
  m.loss = loss_forward(loss, *a, data.Y);
  m.mean_loss = m.loss / static_cast<double>(m.examples);
  if (has_binary_labels(data)) {
    const auto correct = ((a->array() > 0.5) == (data.Y.array() > 0.5)).count();
    m.accuracy = static_cast<double>(correct) / static_cast<double>(m.examples);
  }
  return m;
}

}  // namespace bp

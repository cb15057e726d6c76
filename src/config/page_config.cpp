#include "page_config.hpp"

#include "core/metrics.hpp"

namespace bp {

void suit_to_labels(const Dataset& rows, Activation& output, Loss& loss) {
  if (rows.size() > 0 && has_binary_labels(rows)) {
    output = Activation::Sigmoid;
    loss = Loss::CrossEntropy;
    return;
  }
  const bool within = rows.size() == 0 || (rows.Y.minCoeff() >= -1.0 && rows.Y.maxCoeff() <= 1.0);
  output = within ? Activation::Tanh : Activation::Linear;
  loss = Loss::SquaredError;
}

Config page_defaults(const Config& c) {
  Config d;
  if (c.source == DataSource::Chapter) return d;
  d.init = Init::Scaled;
  d.hidden = {4, 4};
  d.activations = {Activation::Tanh, Activation::Tanh};
  d.biases = true;
  d.training.learning_rate = kPlaygroundLearningRate;
  d.view.open = {"setup"};  // the data's settings in view
  if (c.source == DataSource::Generated) {
    d.output = suggested_output(c.data.kind);
    d.training.loss = suggested_loss(c.data.kind);
  } else {
    suit_to_labels(c.rows, d.output, d.training.loss);
  }
  return d;
}

Result<Config> parse_page_query(std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  // The pairs that name the data; if they do not parse, the whole link's error says why.
  std::string data_keys;
  for (std::string_view rest = query; !rest.empty();) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const std::string_view key = pair.substr(0, pair.find('='));
    if (key == "data" || key == "rows") {
      if (!data_keys.empty()) data_keys += '&';
      data_keys += pair;
    }
  }
  Config defaults;
  if (Result<Config> data = parse_query(data_keys); data) defaults = page_defaults(data.value());
  return parse_query(query, defaults);
}

std::string page_query(const Config& c, bool with_weights) {
  return to_query(c, with_weights, page_defaults(c));
}

Result<Config> page_config_from_json(std::string_view text) {
  Result<Config> first = config_from_json(text);
  if (!first || first->source == DataSource::Chapter) return first;
  return config_from_json(text, page_defaults(first.value()));
}

}  // namespace bp

// Config: equality, names, the one validator, and what a Config builds (network, data).
#include "config.hpp"

#include <cmath>
#include <cstring>

#include "csv.hpp"
#include "text.hpp"

namespace bp {
namespace {

template <class M>
bool same_bits(const M& a, const M& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  if (a.size() == 0) return true;
  return std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

bool same(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() == b.has_value() && (!a || same_bits(*a, *b));
}

std::string num(double v) {
  return std::isfinite(v) ? format_number(v) : "not a finite number";
}

std::string idx(const char* field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

bool all_finite(const Matrix& m) {
  return m.allFinite();
}

// Whether list holds name.
template <class List>
bool contains(const List& list, std::string_view name) {
  for (const auto& item : list)
    if (item == name) return true;
  return false;
}

// A list of names (hide, open): each one known and none twice.
Status check_names(const char* key, const std::vector<std::string>& names,
                   bool (*known)(std::string_view), const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!known(names[i]))
      return Error{std::string(key) + ": " + quoted(names[i]) + " is not " + what};
    for (std::size_t j = 0; j < i; ++j)
      if (names[j] == names[i])
        return Error{std::string(key) + ": " + quoted(names[i]) + " is named twice"};
  }
  return {};
}

Status validate_rows(const Config& c) {
  const Dataset& d = c.rows;
  if (c.source != DataSource::Custom) {
    const std::string here =
        c.source == DataSource::Chapter ? "the chapter's" : std::string("generated");
    if (d.X.size() != 0 || d.Y.size() != 0)
      return Error{"rows are only for data=custom (the data here is " + here + ")"};
    if (c.test_rows)
      return Error{"testrows is only for data=custom (the data here is " + here + ")"};
    return {};
  }
  if (d.X.rows() < 1) return Error{"rows: data=custom needs at least 1 row (x1, x2, label)"};
  if (d.X.rows() > kMaxCustomRows)
    return Error{"rows: at most " + std::to_string(kMaxCustomRows) + " rows, not " +
                 std::to_string(d.X.rows())};
  if (d.X.cols() != 2 || d.Y.cols() != 1 || d.Y.rows() != d.X.rows())
    return Error{"rows must each have 3 values: x1, x2, label"};
  for (Eigen::Index r = 0; r < d.X.rows(); ++r) {
    const double v[3] = {d.X(r, 0), d.X(r, 1), d.Y(r, 0)};
    static const char* const kCol[3] = {"x1", "x2", "label"};
    for (int k = 0; k < 3; ++k) {
      if (!std::isfinite(v[k]) || std::fabs(v[k]) > kMaxCustomValue)
        return Error{"rows[" + std::to_string(r) + "] " + kCol[k] + " must be a number from -" +
                     num(kMaxCustomValue) + " to " + num(kMaxCustomValue) + ", not " + num(v[k])};
    }
  }
  if (c.test_rows && (*c.test_rows < 0 || *c.test_rows >= d.X.rows()))
    return Error{"testrows must be 0 to " + std::to_string(d.X.rows() - 1) +
                 " (the last rows are the test set, at least one row trains), not " +
                 std::to_string(*c.test_rows)};
  return {};
}

Status validate_data_options(const Config& c) {
  const DataSetOptions& o = c.data;
  if (name(o.kind) == "unknown") return Error{"data is not a known data set"};
  // Checked whatever the source, so that every form (link, JSON) accepts the same values.
  if (o.points < kMinPoints || o.points > kMaxPoints)
    return Error{"points must be " + std::to_string(kMinPoints) + " to " +
                 std::to_string(kMaxPoints) + ", not " + std::to_string(o.points)};
  if (!std::isfinite(o.noise_percent) || o.noise_percent < 0 || o.noise_percent > kMaxNoisePercent)
    return Error{"noise must be a number from 0 to 50 (percent), not " + num(o.noise_percent)};
  if (!std::isfinite(o.train_percent) || o.train_percent < kMinTrainPercent ||
      o.train_percent > kMaxTrainPercent)
    return Error{"train must be a number from 10 to 90 (percent), not " + num(o.train_percent)};
  return {};
}

}  // namespace

bool operator==(const Config& a, const Config& b) {
  const ViewConfig& u = a.view;
  const ViewConfig& v = b.view;
  // The speed to return to from max, and the kind of a data set not generated, are not
  // part of what a Config describes (a link cannot say them).
  const bool speed_same =
      u.speed_max == v.speed_max && (u.speed_max || same_bits(u.speed, v.speed));
  const bool kind_same = a.data.kind == b.data.kind ||
                         (a.source != DataSource::Generated && b.source != DataSource::Generated);
  const bool view_same = speed_same && kind_same && u.walkthrough == v.walkthrough &&
                         u.autoplay == v.autoplay && u.show_gradients == v.show_gradients &&
                         u.discretize == v.discretize && u.show_test == v.show_test &&
                         u.selected == v.selected && u.tab == v.tab && u.hidden == v.hidden &&
                         u.open == v.open && u.theme == v.theme;
  if (!view_same) return false;
  if (a.weights.size() != b.weights.size() || a.bias_values.size() != b.bias_values.size())
    return false;
  for (std::size_t i = 0; i < a.weights.size(); ++i)
    if (!same_bits(a.weights[i], b.weights[i])) return false;
  for (std::size_t i = 0; i < a.bias_values.size(); ++i)
    if (!same_bits(a.bias_values[i], b.bias_values[i])) return false;
  return a.seed == b.seed && a.init == b.init && a.source == b.source &&
         a.data.points == b.data.points && same_bits(a.data.noise_percent, b.data.noise_percent) &&
         same_bits(a.data.train_percent, b.data.train_percent) && a.data.seed == b.data.seed &&
         a.features == b.features && same_bits(a.rows.X, b.rows.X) &&
         same_bits(a.rows.Y, b.rows.Y) && a.test_rows == b.test_rows && a.hidden == b.hidden &&
         a.activations == b.activations && a.output == b.output && a.biases == b.biases &&
         // training.shuffle_seed is not compared: seed (above) is the one seed (config.hpp)
         same_bits(a.training.learning_rate, b.training.learning_rate) &&
         a.training.batch_size == b.training.batch_size && a.training.loss == b.training.loss &&
         a.training.regularization == b.training.regularization &&
         same_bits(a.training.regularization_rate, b.training.regularization_rate) &&
         same(a.stop.target_loss, b.stop.target_loss) &&
         a.stop.max_iterations == b.stop.max_iterations;
}

std::string_view name(DataSource source) {
  switch (source) {
    case DataSource::Chapter: return "chapter";
    case DataSource::Generated: return "generated";
    case DataSource::Custom: return "custom";
  }
  return "unknown";
}

std::string_view name(Init init) {
  switch (init) {
    case Init::Uniform01: return "uniform01";
    case Init::Scaled: return "scaled";
  }
  return "unknown";
}

std::optional<Init> parse_init(std::string_view text) {
  if (text == "uniform01") return Init::Uniform01;
  if (text == "scaled") return Init::Scaled;
  return std::nullopt;
}

std::string_view name(Theme theme) {
  switch (theme) {
    case Theme::Dark: return "dark";
    case Theme::Light: return "light";
    case Theme::System: return "system";
  }
  return "unknown";
}

std::optional<Theme> parse_theme(std::string_view text) {
  for (Theme t : {Theme::Dark, Theme::Light, Theme::System})
    if (text == name(t)) return t;
  return std::nullopt;
}

bool is_ui_element(std::string_view n) {
  return contains(kUiElements, n);
}

bool is_tab(std::string_view n) {
  return contains(kTabs, n);
}

bool is_section(std::string_view n) {
  return contains(kSections, n);
}

bool is_open(const ViewConfig& view, std::string_view n) {
  return contains(view.open, n);
}

bool is_hidden(const ViewConfig& view, std::string_view n) {
  return contains(view.hidden, n);
}

int input_count(const Config& c) {
  return c.source == DataSource::Chapter ? static_cast<int>(seed_dataset().X.cols())
                                         : c.features.count();
}

NetworkSpec network_spec(const Config& c) {
  NetworkSpec spec;
  spec.sizes.clear();
  spec.sizes.push_back(input_count(c));
  spec.sizes.insert(spec.sizes.end(), c.hidden.begin(), c.hidden.end());
  spec.sizes.push_back(1);
  spec.activations = c.activations;
  spec.activations.push_back(c.output);
  spec.biases = c.biases;
  return spec;
}

TrainerOptions trainer_options(const Config& c) {
  TrainerOptions o = c.training;
  o.shuffle_seed = c.seed;  // training.shuffle_seed is never read: seed is the one seed
  return o;
}

bool weights_finite(const Config& c) {
  for (const Matrix& m : c.weights)
    if (!all_finite(m)) return false;
  for (const RowVector& b : c.bias_values)
    if (!b.allFinite()) return false;
  return true;
}

Status validate(const Config& c) {
  if (name(c.init) == "unknown") return Error{"init must be uniform01 or scaled"};
  if (name(c.source) == "unknown") return Error{"data is not a known data source"};
  if (Status s = validate_data_options(c); !s) return s;
  if (c.features.count() < 1 || !FeatureSet::from_bits(c.features.bits()))
    return Error{"features must name at least one of x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)"};
  if (Status s = validate_rows(c); !s) return s;

  if (c.hidden.size() > static_cast<std::size_t>(kMaxHiddenLayers))
    return Error{"hidden has " + std::to_string(c.hidden.size()) + " layers, at most " +
                 std::to_string(kMaxHiddenLayers)};
  for (std::size_t i = 0; i < c.hidden.size(); ++i)
    if (c.hidden[i] < 1 || c.hidden[i] > kMaxHiddenUnits)
      return Error{idx("hidden", i) + " must be 1 to " + std::to_string(kMaxHiddenUnits) +
                   " units, not " + std::to_string(c.hidden[i])};
  if (c.activations.size() != c.hidden.size())
    return Error{"act has " + std::to_string(c.activations.size()) + " activations for " +
                 std::to_string(c.hidden.size()) + " hidden layers"};
  for (std::size_t i = 0; i < c.activations.size(); ++i)
    if (name(c.activations[i]) == "unknown")
      return Error{idx("act", i) + " is not sigmoid, tanh, relu or linear"};
  if (name(c.output) == "unknown") return Error{"out is not sigmoid, tanh, relu or linear"};

  if (!std::isfinite(c.training.learning_rate) || c.training.learning_rate <= 0 ||
      c.training.learning_rate > kMaxLearningRate)
    return Error{"lr must be a number above 0 and at most 1e6, not " +
                 num(c.training.learning_rate)};
  if (c.training.batch_size < 0 || c.training.batch_size > kMaxPoints)
    return Error{"batch must be 0 (full batch) to " + std::to_string(kMaxPoints) + ", not " +
                 std::to_string(c.training.batch_size)};
  if (name(c.training.loss) == "unknown") return Error{"loss must be se or ce"};
  if (c.training.loss == Loss::CrossEntropy) {
    if (c.output != Activation::Sigmoid)
      return Error{"loss=ce (cross-entropy) needs out=sigmoid, not " + std::string(name(c.output))};
    const bool labels01 = c.source == DataSource::Chapter ||
                          (c.source == DataSource::Generated && is_classification(c.data.kind)) ||
                          (c.source == DataSource::Custom && c.rows.Y.size() > 0 &&
                           (c.rows.Y.array() >= 0.0).all() && (c.rows.Y.array() <= 1.0).all());
    if (!labels01) return Error{"loss=ce (cross-entropy) needs labels between 0 and 1"};
  }
  if (name(c.training.regularization) == "unknown") return Error{"reg must be none, l1 or l2"};
  if (!std::isfinite(c.training.regularization_rate) || c.training.regularization_rate < 0 ||
      c.training.regularization_rate > kMaxRegularizationRate)
    return Error{"regrate must be a number from 0 to 10, not " +
                 num(c.training.regularization_rate)};
  if (c.stop.target_loss && (!std::isfinite(*c.stop.target_loss) || *c.stop.target_loss < 0))
    return Error{"stop_loss must be a number 0 or more, not " + num(*c.stop.target_loss)};
  if (c.stop.max_iterations &&
      (*c.stop.max_iterations < 1 || *c.stop.max_iterations > kMaxStopIterations))
    return Error{"stop_iters must be 1 to 1000000000, not " +
                 std::to_string(*c.stop.max_iterations)};

  const ViewConfig& v = c.view;
  if (!std::isfinite(v.speed) || v.speed < kMinConfigSpeed || v.speed > kMaxConfigSpeed)
    return Error{"speed (iterations per second) must be a number from 1 to 100000, or max, not " +
                 num(v.speed)};
  if (!is_tab(v.tab))
    return Error{"tab must be equations, matrices, gradient_check or shape_mistake, not " +
                 quoted(v.tab)};
  if (Status s = check_names("hide", v.hidden, is_ui_element, "a control or panel of the page"); !s)
    return s;
  if (Status s = check_names("open", v.open, is_section,
                             "a section of the page (setup, share or recursion)");
      !s)
    return s;

  const NetworkSpec spec = network_spec(c);
  const int layers = static_cast<int>(spec.sizes.size()) - 1;
  if (Status s = validate(spec); !s) return s;  // a safety net: the checks above cover it
  const WeightRef w = v.selected;
  if (w.layer < 1 || w.layer > layers || w.row < 0 ||
      w.row >= spec.sizes[static_cast<std::size_t>(w.layer - 1)] || w.col < 0 ||
      w.col >= spec.sizes[static_cast<std::size_t>(w.layer)])
    return Error{"select: W" + std::to_string(w.layer) + "[" + std::to_string(w.row) + "][" +
                 std::to_string(w.col) + "] is not a weight of this network"};

  if (!c.weights.empty()) {
    if (c.weights.size() != static_cast<std::size_t>(layers))
      return Error{"weights: the network has " + std::to_string(layers) + " weight matrices, not " +
                   std::to_string(c.weights.size())};
    for (std::size_t l = 0; l < c.weights.size(); ++l) {
      const Matrix& m = c.weights[l];
      const int rows = spec.sizes[l];
      const int cols = spec.sizes[l + 1];
      if (m.rows() != rows || m.cols() != cols)
        return Error{idx("weights", l) + " (W" + std::to_string(l + 1) + ") must be " +
                     std::to_string(rows) + " x " + std::to_string(cols) + ", not " +
                     std::to_string(m.rows()) + " x " + std::to_string(m.cols())};
      if (!all_finite(m)) return Error{idx("weights", l) + " holds a NaN or infinite value"};
    }
  }
  if (c.diverged && (!c.weights.empty() || !c.bias_values.empty()))
    return Error{"diverged: a run marked as diverged carries no weights or biases"};
  if (!c.bias_values.empty()) {
    if (!c.biases) return Error{"biases are given but the network has none (bias=0)"};
    if (c.bias_values.size() != static_cast<std::size_t>(layers))
      return Error{"biases: the network has " + std::to_string(layers) + " bias vectors, not " +
                   std::to_string(c.bias_values.size())};
    for (std::size_t l = 0; l < c.bias_values.size(); ++l) {
      const RowVector& b = c.bias_values[l];
      const int n = spec.sizes[l + 1];
      if (b.size() != n)
        return Error{idx("biases", l) + " (b" + std::to_string(l + 1) + ") must have " +
                     std::to_string(n) + " values, not " + std::to_string(b.size())};
      if (!b.allFinite()) return Error{idx("biases", l) + " holds a NaN or infinite value"};
    }
  }
  return {};
}

namespace {

Dataset empty_dataset(Eigen::Index inputs) {
  return Dataset{Matrix(0, inputs), Matrix(0, 1)};
}

Result<Dataset> with_features(const FeatureSet& f, const Dataset& points) {
  if (points.size() == 0) return empty_dataset(f.count());
  return apply_features(f, points);
}

}  // namespace

Result<ConfigData> make_data(const Config& c) {
  if (Status s = validate(c); !s) return Error{s.error()};
  ConfigData out;
  if (c.source == DataSource::Chapter) {
    out.train = seed_dataset();
    out.test = empty_dataset(out.train.X.cols());
    out.train_points = empty_dataset(2);
    out.test_points = empty_dataset(2);
    return out;
  }
  SplitDataset split;
  if (c.source == DataSource::Generated) {
    Result<SplitDataset> made = make_dataset(c.data);
    if (!made) return Error{made.error()};
    split = std::move(made.value());
  } else if (c.test_rows) {
    const Eigen::Index test = *c.test_rows;
    const Eigen::Index train = c.rows.size() - test;
    split.train.X = c.rows.X.topRows(train);
    split.train.Y = c.rows.Y.topRows(train);
    split.test.X = c.rows.X.bottomRows(test);
    split.test.Y = c.rows.Y.bottomRows(test);
  } else {
    Result<SplitDataset> made = split_dataset(c.rows, c.data.train_percent, c.data.seed);
    if (!made) return Error{made.error()};
    split = std::move(made.value());
  }
  if (split.test.size() == 0) split.test = empty_dataset(2);
  Result<Dataset> train = with_features(c.features, split.train);
  if (!train) return Error{train.error()};
  Result<Dataset> test = with_features(c.features, split.test);
  if (!test) return Error{test.error()};
  out.train = std::move(train.value());
  out.test = std::move(test.value());
  out.train_points = std::move(split.train);
  out.test_points = std::move(split.test);
  return out;
}

Result<Network> make_network(const Config& c) {
  if (Status s = validate(c); !s) return Error{s.error()};
  const NetworkSpec spec = network_spec(c);
  Rng rng(c.seed);
  Result<Network> net =
      c.weights.empty() ? Network::random(spec, rng, c.init) : Network::create(spec);
  if (!net) return Error{net.error()};
  for (std::size_t l = 0; l < c.weights.size(); ++l)
    if (Status s = net->set_weight(static_cast<int>(l + 1), c.weights[l]); !s)
      return Error{idx("weights", l) + ": " + s.error()};
  for (std::size_t l = 0; l < c.bias_values.size(); ++l)
    if (Status s = net->set_bias(static_cast<int>(l + 1), c.bias_values[l]); !s)
      return Error{idx("biases", l) + ": " + s.error()};
  return net;
}

Result<Config> apply_csv(std::string_view csv, const Config& current) {
  Result<Dataset> rows = read_csv(csv);
  if (!rows) return Error{rows.error()};
  Config c = current;
  if (c.source == DataSource::Chapter) {
    // From 3 inputs to the 2-D features: the chapter's weights no longer fit.
    c.weights.clear();
    c.bias_values.clear();
  }
  c.source = DataSource::Custom;
  c.rows = std::move(rows.value());
  if (Status s = validate(c); !s) return Error{s.error()};
  return c;
}

Result<std::string> data_to_csv(const Dataset& points) {
  return write_csv(points);
}

std::string loss_history_to_csv(const LossHistory& history) {
  std::string out = "iteration,loss\n";
  for (const LossHistory::Point& p : history.points()) {
    out += std::to_string(p.iteration);
    out += ',';
    if (std::isfinite(p.loss)) out += format_number(p.loss);  // empty once training diverged
    out += '\n';
  }
  return out;
}

}  // namespace bp

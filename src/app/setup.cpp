// What is trained: switching between the chapter's table and 2-D points (generated, loaded
// from CSV, or clicked in), the features, the network's shape and the training options;
// and, once per frame for 2-D data, the test set's metrics and the heatmap over the plane.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "config/csv.hpp"
#include "config/page_config.hpp"
#include "state.hpp"

namespace bp::app {
namespace {

// Data without row r.
void remove_row(Dataset& d, Eigen::Index r) {
  const Eigen::Index n = d.size();
  const Eigen::Index after = n - r - 1;
  d.X.middleRows(r, after) = d.X.bottomRows(after).eval();
  d.Y.middleRows(r, after) = d.Y.bottomRows(after).eval();
  d.X.conservativeResize(n - 1, Eigen::NoChange);
  d.Y.conservativeResize(n - 1, Eigen::NoChange);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The features of 2-D points; the empty test set stays empty with the right columns.
Result<Dataset> featured(const FeatureSet& f, const Dataset& points) {
  if (points.size() == 0) {
    Dataset d;
    d.X.resize(0, f.count());
    d.Y.resize(0, 1);
    return d;
  }
  return apply_features(f, points);
}

}  // namespace

Config playground_defaults(const Config& from) {
  Config generated;
  generated.source = DataSource::Generated;
  const Config d = page_defaults(generated);
  Config c = from;
  c.hidden = d.hidden;
  c.activations = d.activations;
  c.biases = d.biases;
  c.init = d.init;
  c.training.learning_rate = d.training.learning_rate;
  c.training.batch_size = d.training.batch_size;
  return c;
}

Config with_data_set(const Config& from, DataSetKind kind) {
  Config c = from.source == DataSource::Chapter ? playground_defaults(from) : from;
  c.source = DataSource::Generated;
  c.data.kind = kind;
  c.output = suggested_output(kind);
  c.training.loss = suggested_loss(kind);
  return c;
}

Config with_chapter_data(const Config& from) {
  const Config chapter;
  Config c = from;
  c.source = DataSource::Chapter;
  c.hidden = chapter.hidden;
  c.activations = chapter.activations;
  c.output = chapter.output;
  c.biases = chapter.biases;
  c.init = chapter.init;
  c.training = chapter.training;
  return c;
}

Status AppState::apply_setup(const Config& next) {
  return apply_setup_with(next, nullptr);
}

Status AppState::apply_setup_with(const Config& next, const SplitDataset* custom) {
  const auto fail = [this](std::string why) -> Status {
    setup_error = why;
    return Error{std::move(why)};
  };
  // The shape.
  const int layers = static_cast<int>(next.hidden.size());
  if (layers > kMaxHiddenLayers)
    return fail("at most " + std::to_string(kMaxHiddenLayers) + " hidden layers, not " +
                std::to_string(layers));
  if (next.activations.size() != next.hidden.size())
    return fail("one activation per hidden layer is needed");
  for (int l = 0; l < layers; ++l) {
    const int n = next.hidden[static_cast<std::size_t>(l)];
    if (n < 1 || n > kMaxHiddenUnits)
      return fail("hidden layer " + std::to_string(l + 1) + " needs 1 to " +
                  std::to_string(kMaxHiddenUnits) + " neurons, not " + std::to_string(n));
  }
  // The data: the chapter's table, or 2-D points split into training and test sets.
  SplitDataset pts;
  Dataset train, test_set;
  if (next.source == DataSource::Chapter) {
    train = seed_dataset();
  } else {
    if (next.source == DataSource::Generated) {
      Result<SplitDataset> made = make_dataset(next.data);
      if (!made) return fail(made.error());
      pts = std::move(made.value());
    } else if (custom) {
      pts = *custom;
    } else if (config.source == DataSource::Custom &&
               next.data.train_percent == config.data.train_percent) {
      pts = points;  // the same points, the same split
    } else {
      const Dataset all = concat(points.train, points.test);
      if (all.size() == 0) return fail("there are no points of your own yet: load a CSV first");
      Result<SplitDataset> split = split_dataset(all, next.data.train_percent, next.data.seed);
      if (!split) return fail(split.error());
      pts = std::move(split.value());
    }
    if (Status s = validate(next.features); !s) return fail(s.error());
    Result<Dataset> tr = featured(next.features, pts.train);
    if (!tr) return fail(tr.error());
    Result<Dataset> te = featured(next.features, pts.test);
    if (!te) return fail(te.error());
    train = std::move(tr.value());
    test_set = std::move(te.value());
  }
  // The network, from the current seed, and its trainer.
  Rng rng(next.seed);
  Result<Network> net = Network::random(network_spec(next), rng, next.init);
  if (!net) return fail(net.error());
  Result<Trainer> made =
      Trainer::create(std::move(net.value()), std::move(train), trainer_options(next));
  if (!made) return fail(made.error());
  switch_to(next, std::move(pts), std::move(test_set), std::move(made.value()));
  return {};
}

void AppState::switch_to(const Config& next, SplitDataset pts, Dataset test_set, Trainer made) {
  pause();
  config = next;
  config.weights.clear();  // the trainer holds them
  config.bias_values.clear();
  config.rows = Dataset{};  // `points` holds them
  config.test_rows.reset();
  edit = config;
  lr_edit = next.training.learning_rate;
  seed_edit = next.seed;
  points = std::move(pts);
  test = std::move(test_set);
  trainer.emplace(std::move(made));
  setup_error.clear();
  data_error.clear();
  lr_error.clear();
  config.view.selected = WeightRef{1, 0, 0};
  example = 0;
  cell_edit.reset();
  weight_edit.reset();
  try_x = Matrix::Zero(1, t().network().size(0));
  if (!two_d()) try_x = seed_new_input();
  heat.valid = false;
  rewound();
}

Status AppState::set_options(const TrainerOptions& options) {
  Config next = config;
  next.training = options;
  // The mini-batch order stays seeded by config.seed, whatever options.shuffle_seed says.
  if (Status s = t().set_options(trainer_options(next)); !s) {
    setup_error = s.error();
    return s;
  }
  config.training = options;
  edit.training = options;
  lr_edit = options.learning_rate;
  setup_error.clear();
  lr_error.clear();
  stall_stopped = false;
  walk_phase.reset();
  evaluate();
  return {};
}

Status AppState::regenerate() {
  Config next = config;
  next.source = DataSource::Generated;
  next.data.seed += 1;
  return apply_setup(next);
}

Status AppState::load_csv(std::string_view text) {
  const auto fail = [this](std::string why) -> Status {
    csv_message = "Not loaded: " + why;
    return Error{std::move(why)};
  };
  Result<Dataset> read = read_csv(text);
  if (!read) return fail(read.error());
  Dataset d = std::move(read.value());
  if (d.size() < kMinPoints || d.size() > kMaxPoints)
    return fail("the page takes " + std::to_string(kMinPoints) + " to " +
                std::to_string(kMaxPoints) + " points, this has " + std::to_string(d.size()));
  // Values are within the one limit of data values (kMaxCustomValue, checked by read_csv), as
  // in a link or a JSON file; points outside the plot's -6 to 6 train but are not drawn.
  // The output and loss that fit the labels: classes 0 and 1, values within -1 to 1, or any.
  Config next = config.source == DataSource::Chapter ? playground_defaults(config) : config;
  next.source = DataSource::Custom;
  suit_to_labels(d, next.output, next.training.loss);
  Result<SplitDataset> split = split_dataset(d, next.data.train_percent, next.data.seed);
  if (!split) return fail(split.error());
  if (Status s = apply_setup_with(next, &split.value()); !s) return fail(s.error());
  csv_message = "Loaded " + std::to_string(d.size()) +
                " points: " + std::to_string(points.train.size()) + " for training, " +
                std::to_string(points.test.size()) + " for testing.";
  return {};
}

Status AppState::add_point(double x1, double x2, double label) {
  const auto fail = [this](std::string why) -> Status {
    data_error = why;
    return Error{std::move(why)};
  };
  if (!two_d()) return fail("points can be added to 2-D data only");
  if (!std::isfinite(x1) || !std::isfinite(x2) || std::fabs(x1) > kDataExtent ||
      std::fabs(x2) > kDataExtent)
    return fail("a point must lie in the plot, -6 to 6 in x1 and x2");
  if (points.train.size() + points.test.size() >= kMaxPoints)
    return fail("the page takes at most " + std::to_string(kMaxPoints) + " points");
  if (!std::isfinite(label)) return fail("the label must be a number");
  Dataset train_pts = points.train;
  const Eigen::Index n = train_pts.size();
  train_pts.X.conservativeResize(n + 1, 2);
  train_pts.Y.conservativeResize(n + 1, 1);
  train_pts.X(n, 0) = x1;
  train_pts.X(n, 1) = x2;
  train_pts.Y(n, 0) = label;
  Result<Dataset> train = featured(config.features, train_pts);
  if (!train) return fail(train.error());
  if (Status s = t().set_data(std::move(train.value())); !s) return fail(s.error());
  points.train = std::move(train_pts);
  config.source = edit.source = DataSource::Custom;
  data_error.clear();
  walk_phase.reset();
  evaluate();
  return {};
}

bool AppState::remove_point_near(double x1, double x2, double radius) {
  if (!two_d()) return false;
  Dataset* best_set = nullptr;
  Eigen::Index best_row = -1;
  double best = radius * radius;
  for (Dataset* d : {&points.train, &points.test})
    for (Eigen::Index r = 0; r < d->size(); ++r) {
      const double dx = d->X(r, 0) - x1, dy = d->X(r, 1) - x2;
      if (dx * dx + dy * dy <= best) {
        best = dx * dx + dy * dy;
        best_set = d;
        best_row = r;
      }
    }
  if (!best_set) return false;
  if (best_set == &points.train && points.train.size() <= 1) {
    data_error = "the last training point cannot be removed";
    return false;
  }
  Dataset pts = *best_set;
  remove_row(pts, best_row);
  Result<Dataset> feats = featured(config.features, pts);
  if (!feats) return false;
  if (best_set == &points.train) {
    if (Status s = t().set_data(std::move(feats.value())); !s) {
      data_error = s.error();
      return false;
    }
  } else {
    test = std::move(feats.value());
  }
  *best_set = std::move(pts);
  example = std::min(example, static_cast<int>(t().data().size()) - 1);
  config.source = edit.source = DataSource::Custom;
  data_error.clear();
  walk_phase.reset();
  evaluate();
  return true;
}

Status AppState::set_weight(WeightRef w, double value) {
  if (!(std::fabs(value) <= kMaxTypedWeight))
    return Error{"a weight must be a number from -1e6 to 1e6, not " + number(value)};
  if (Status s = t().set_weight(w.layer, w.row, w.col, value); !s) return s;
  walk_phase.reset();
  stall_stopped = false;
  evaluate();
  return {};
}

Status AppState::set_bias(int layer, int unit, double value) {
  if (!(std::fabs(value) <= kMaxTypedWeight))
    return Error{"a bias must be a number from -1e6 to 1e6, not " + number(value)};
  if (Status s = t().set_bias(layer, unit, value); !s) return s;
  walk_phase.reset();
  stall_stopped = false;
  evaluate();
  return {};
}

void AppState::evaluate_2d() {
  const Trainer& tr = t();
  const Network& net = tr.network();
  if (test.size() > 0) {
    // Only the outputs are read: a forward pass, no backward one.
    compute_outputs(net, tr.options().loss, test.X, test.Y, test_preview);
    test_metrics = measure(test_preview.a.back(), test.Y, tr.options().loss);
    evaluate_2d_history();
  } else {
    test_metrics = Metrics{};
  }
  // The heatmap's grid, once; its features and the network's values every time.
  constexpr int n = kHeatCells + 1;
  if (heat.points.rows() != n * n) {
    const auto e = static_cast<float>(kDataExtent);
    Result<MatrixF> grid = grid_points(-e, e, -e, e, n, n);
    if (!grid) return;
    heat.points = std::move(grid.value());
  }
  ++heat_evaluations;
  heat.valid = transform_features(config.features, heat.points, heat.inputs) &&
               heat.evaluator.evaluate(net, heat.inputs);
}

void AppState::evaluate_2d_history() {
  if (test.size() == 0) return;
  const auto& hp = test_history.points();
  if (hp.empty() || hp.back().iteration < t().iteration())
    test_history.add(t().iteration(), test_metrics.mean_loss);
}

double AppState::watched_loss() const {
  // The test set's mean loss when there is one (what generalizes), else the training set's.
  return two_d() && test_metrics.examples > 0 ? test_metrics.mean_loss
         : two_d()                            ? train_metrics.mean_loss
                                              : loss;
}

void AppState::check_stop_rules() {
  const StopRule& rule = config.stop;
  if (!training || (!rule.target_loss && !rule.max_iterations)) return;
  const StopCheck c = check_stop(rule, t().iteration(), watched_loss());
  if (c) {
    training = false;
    stop_message = c.message;
  }
}

}  // namespace bp::app

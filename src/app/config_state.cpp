// The page as the core's Config and back: what the link, the JSON file and the scripts' get()
// and set() read and write. The core validates; this maps its fields onto the page's state
// and applies a change with as little disruption as it allows (a new learning rate keeps
// training; new data or a new shape builds a new network).
#include <array>
#include <string>
#include <utility>

#include "state.hpp"

namespace bp::app {
namespace {

constexpr std::array<AppState::Tab, 4> kTabOrder = {
    AppState::Tab::Equations, AppState::Tab::Matrices, AppState::Tab::GradientCheck,
    AppState::Tab::ShapeMistake};  // the order of bp::kTabs

std::string_view tab_name(AppState::Tab tab) {
  for (std::size_t i = 0; i < kTabOrder.size(); ++i)
    if (kTabOrder[i] == tab) return kTabs[i];
  return kTabs[0];
}

AppState::Tab tab_of(std::string_view name) {
  for (std::size_t i = 0; i < kTabs.size(); ++i)
    if (kTabs[i] == name) return kTabOrder[i];
  return AppState::Tab::Equations;
}

// c with the settings that never need a new network (training options, stop rules, view)
// taken from other.
Config with_settings_of(Config c, const Config& other) {
  c.learning_rate = other.learning_rate;
  c.batch_size = other.batch_size;
  c.loss = other.loss;
  c.regularization = other.regularization;
  c.regularization_rate = other.regularization_rate;
  c.stop = other.stop;
  c.view = other.view;
  return c;
}

}  // namespace

bool& AppState::section_open(std::string_view name) {
  if (name == "share") return share_open;
  if (name == "recursion") return recursion_open;
  return setup_open;
}

bool AppState::section_open(std::string_view name) const {
  return const_cast<AppState*>(this)->section_open(name);
}

Config AppState::snapshot() const {
  Config c = config;
  if (config.source == DataSource::Custom) {
    c.rows = concat(points.train, points.test);  // the page's split: test points last
    c.test_rows = static_cast<int>(points.test.size());
  }
  c.stop = {};
  if (stop_at_loss) c.stop.target_loss = stop_loss;
  if (stop_at_iterations) c.stop.max_iterations = stop_iterations;

  c.view.speed = speed;
  c.view.speed_max = speed_max;
  c.view.walkthrough = walkthrough;
  c.view.autoplay = autoplay;
  c.view.show_gradients = show_gradients;
  c.view.discretize = discretize;
  c.view.show_test = show_test;
  c.view.selected = selected;
  c.view.tab = std::string(tab_name(front_tab));
  c.view.hidden = view_hidden.hidden;
  c.view.open.clear();
  for (std::string_view name : kSections)
    if (section_open(name)) c.view.open.emplace_back(name);

  const Network& net = t().network();
  for (int l = 1; l <= net.layers(); ++l) {
    c.weights.push_back(net.W(l));
    if (net.has_biases()) c.bias_values.push_back(net.b(l));
  }
  return c;
}

Status AppState::apply_config(const Config& c) {
  if (Status ok = validate(c); !ok) return ok;
  const Config now = snapshot();
  // A new network only if the data, shape, seed or given weights differ from the current.
  Config same = with_settings_of(now, c);
  if (c.weights.empty()) {
    same.weights.clear();
    same.bias_values.clear();
  }
  const bool rebuild = !(same == c);

  if (rebuild) {
    Result<ConfigData> data = make_data(c);
    if (!data) return Error{data.error()};
    Result<Network> net = make_network(c);
    if (!net) return Error{net.error()};
    Result<Trainer> made = Trainer::create(std::move(net.value()), data->train, trainer_options(c));
    if (!made) return Error{made.error()};
    switch_to(c, SplitDataset{data->train_points, data->test_points}, data->test,
              std::move(made.value()));
  } else if (now.learning_rate != c.learning_rate || now.batch_size != c.batch_size ||
             now.loss != c.loss || now.regularization != c.regularization ||
             now.regularization_rate != c.regularization_rate) {
    if (Status ok = t().set_options(trainer_options(c)); !ok) return ok;
    set_trainer_options(config, trainer_options(c));
    set_trainer_options(edit, trainer_options(c));
    lr_edit = c.learning_rate;
    lr_error.clear();
    setup_error.clear();
    stall_stopped = false;
    walk_phase.reset();
  }

  // What cannot fail: stop rules and the view.
  stop_at_loss = c.stop.target_loss.has_value();
  if (stop_at_loss) stop_loss = *c.stop.target_loss;
  stop_at_iterations = c.stop.max_iterations.has_value();
  if (stop_at_iterations) stop_iterations = *c.stop.max_iterations;
  speed = c.view.speed;
  speed_max = c.view.speed_max;
  if (walkthrough != c.view.walkthrough) set_walkthrough(c.view.walkthrough);
  autoplay = c.view.autoplay;
  show_gradients = c.view.show_gradients;
  discretize = c.view.discretize;
  show_test = c.view.show_test;
  (void)select(c.view.selected);  // validate() checked that it exists
  front_tab = tab_of(c.view.tab);
  open_tab = front_tab;
  view_hidden.hidden = c.view.hidden;
  for (std::string_view name : kSections) section_open(name) = is_open(c.view, name);
  evaluate();
  return {};
}

}  // namespace bp::app

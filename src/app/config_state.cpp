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

constexpr std::array<AppState::Tab, 5> kTabOrder = {
    AppState::Tab::Equations, AppState::Tab::Matrices, AppState::Tab::GradientCheck,
    AppState::Tab::ShapeMistake, AppState::Tab::Exercise};  // the order of bp::kTabs

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
  c.training = other.training;
  c.stop = other.stop;
  c.view = other.view;
  return c;
}

// Whether c's training options (learning rate, batch size, loss, regularization) differ from
// now's.
bool options_differ(const Config& now, const Config& c) {
  Config changed = now;
  changed.training = c.training;
  return changed != now;
}

}  // namespace

void AppState::set_section_open(std::string_view name, bool open) {
  if (open == section_open(name) || !is_section(name)) return;
  std::vector<std::string> now;
  for (std::string_view n : kSections)
    if (n == name ? open : section_open(n)) now.emplace_back(n);
  config.view.open = std::move(now);
}

Config AppState::snapshot() const {
  Config c = config;
  if (config.source == DataSource::Custom) {
    c.rows = concat(points.train, points.test);  // the page's split: test points last
    c.test_rows = static_cast<int>(points.test.size());
  }
  c.view.tab = std::string(tab_name(front_tab));
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
  } else if (options_differ(now, c)) {
    if (Status ok = t().set_options(trainer_options(c)); !ok) return ok;
    config.training = c.training;
    edit.training = c.training;
    lr_edit = c.training.learning_rate;
    lr_error.clear();
    setup_error.clear();
    stall_stopped = false;
    walk_phase.reset();
  }

  // What cannot fail: stop rules and the view (the sections in kSections' order).
  config.stop = c.stop;
  if (c.stop.target_loss) stop_loss = *c.stop.target_loss;
  if (c.stop.max_iterations) stop_iterations = *c.stop.max_iterations;
  // The walkthrough changes through set_walkthrough(), which also pauses and forgets the phase.
  const bool walking = config.view.walkthrough;
  config.view = c.view;
  config.view.walkthrough = walking;
  if (walking != c.view.walkthrough) set_walkthrough(c.view.walkthrough);
  config.view.open.clear();
  for (std::string_view name : kSections) set_section_open(name, is_open(c.view, name));
  (void)select(c.view.selected);  // validate() checked that it exists
  front_tab = tab_of(c.view.tab);
  open_tab = front_tab;
  evaluate();
  return {};
}

}  // namespace bp::app

// The actions of the page, shared by its buttons and its scripting API.
#include "state.hpp"

#include <imgui.h>

#include <string>
#include <utility>

namespace bp::app {

void AppState::track(std::string_view name) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  rects.push_back(WidgetRect{std::string(name), a.x, a.y, b.x - a.x, b.y - a.y});
}

std::optional<WidgetRect> AppState::rect(std::string_view name) const {
  for (const WidgetRect& r : rects)
    if (r.name == name) return r;
  return std::nullopt;
}

void AppState::train() {
  if (!t().diverged()) training = true;
}

void AppState::pause() {
  training = false;
}

long AppState::run(long n) {
  long done = 0;
  Trainer& tr = t();
  while (done < n && !tr.diverged()) {
    tr.step();
    history.add(tr.iteration(), tr.loss());
    ++done;
  }
  if (tr.diverged()) training = false;
  return done;
}

long AppState::step(long n) {
  pause();
  const long done = n > 0 ? run(n) : 0;
  evaluate();
  return done;
}

void AppState::reset() {
  pause();
  ++seed;
  Rng rng(seed);
  Result<Network> net = Network::random(settings.spec, rng);
  if (net) {
    if (Status s = t().set_network(std::move(net.value())); !s) lr_error = s.error();
  }
  rewound();
}

void AppState::restart() {
  pause();
  t().restart();
  rewound();
}

Status AppState::set_learning_rate(double learning_rate) {
  lr_edit = learning_rate;
  Status s = t().set_learning_rate(learning_rate);
  lr_error = s ? std::string{} : s.error();
  return s;
}

Phase AppState::advance_phase() {
  pause();
  Trainer& tr = t();
  if (tr.phases_done() == 0) walk_loss_before = loss;
  const Phase p = tr.advance_phase();
  walk_phase = p;
  if (p.kind == PhaseKind::Update && !tr.diverged()) history.add(tr.iteration(), tr.loss());
  evaluate();
  return p;
}

void AppState::set_walkthrough(bool on) {
  walkthrough = on;
  if (on) pause();
  if (!on) walk_phase.reset();
}

Status AppState::select(WeightRef w) {
  const Network& net = t().network();
  if (w.layer < 1 || w.layer > net.layers())
    return Error{"W" + std::to_string(w.layer) + " does not exist: the network has W1 to W" +
                 std::to_string(net.layers())};
  const Matrix& m = net.W(w.layer);
  if (w.row < 0 || w.row >= m.rows() || w.col < 0 || w.col >= m.cols())
    return Error{"W" + std::to_string(w.layer) + " has no entry [" + std::to_string(w.row) + "][" +
                 std::to_string(w.col) + "]; it is " + std::to_string(m.rows()) + "x" +
                 std::to_string(m.cols()) + " (rows and columns count from 0)"};
  selected = w;
  return {};
}

Status AppState::set_example(int row) {
  const auto n = t().data().size();
  if (row < 0 || row >= n)
    return Error{"there is no example " + std::to_string(row) + ": the data has rows 0 to " +
                 std::to_string(n - 1)};
  example = row;
  return {};
}

void AppState::evaluate() {
  const Trainer& tr = t();
  compute_gradients(tr.network(), tr.options().loss, tr.data().X, tr.data().Y, preview);
  loss = preview.loss;
}

void AppState::rewound() {
  history.clear();
  walk_phase.reset();
  evaluate();
}

std::string AppState::message() const {
  if (t().diverged()) return t().divergence();
  if (!lr_error.empty()) return lr_error;
  return settings_error;
}

}  // namespace bp::app

// The actions of the page, shared by its buttons and its scripting API.
#include "state.hpp"

#include <imgui.h>

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

void AppState::evaluate() {
  outputs = t().outputs();
  loss = loss_forward(t().options().loss, outputs, t().data().Y);
}

void AppState::rewound() {
  history.clear();
  evaluate();
}

std::string AppState::message() const {
  if (t().diverged()) return t().divergence();
  if (!lr_error.empty()) return lr_error;
  return settings_error;
}

}  // namespace bp::app

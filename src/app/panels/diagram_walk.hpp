// What the walkthrough has computed so far and what its last phase touches, shared by the
// network diagram (which highlights and dims) and the walkthrough panel (which explains).
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "../state.hpp"

namespace bp::app::walk {

// Which values of s.shown() belong to the current iteration. Outside the walkthrough, or
// between two iterations, shown() is the preview and everything in it is current.
struct Computed {
  int layers = 0;   // L
  int done = 0;     // phases of the current iteration already run
  bool all = true;  // no iteration under way: every value is current
  bool forward(int l) const { return all || l == 0 || done >= l; }  // z[l], a[l]
  bool loss() const { return all || done >= layers + 1; }
  bool backward(int l) const { return all || done >= 2 * layers + 2 - l; }  // f', delta, dW
};

inline Computed computed(const AppState& s) {
  Computed c;
  c.layers = s.t().network().layers();
  c.done = s.t().phases_done();
  c.all = !(s.config.view.walkthrough && c.done > 0);
  return c;
}

// The phase the walkthrough ran last, if it still describes the trainer: the trainer's last
// phase of the iteration under way, or the Update that completed the last iteration (a
// Step or an edit since then leaves nothing to explain).
inline std::optional<Phase> current_phase(const AppState& s) {
  if (!s.config.view.walkthrough || !s.walk_phase) return std::nullopt;
  const int done = s.t().phases_done();
  if (done > 0) {
    if (s.t().phase(done - 1) == *s.walk_phase) return s.walk_phase;
    return std::nullopt;
  }
  if (s.walk_phase->kind == PhaseKind::Update) return s.walk_phase;
  return std::nullopt;
}

// What the diagram highlights for a phase.
struct Highlight {
  bool active = false;          // a phase is being explained: dim what it does not touch
  int link_layer = -1;          // W(l) whose links light up; 0 means every layer
  int node_layer = -1;          // layer whose nodes light up
  bool link_gradients = false;  // the lit links show dC/dw
  bool node_deltas = false;     // the lit nodes show their delta
};

inline Highlight highlight(const AppState& s) {
  Highlight h;
  const std::optional<Phase> p = current_phase(s);
  if (!p) return h;
  h.active = true;
  switch (p->kind) {
    case PhaseKind::Forward:
      h.link_layer = p->layer;
      h.node_layer = p->layer;
      break;
    case PhaseKind::Loss: h.node_layer = s.t().network().layers(); break;
    case PhaseKind::Backward:
      h.link_layer = p->layer;
      h.node_layer = p->layer;
      h.link_gradients = true;
      h.node_deltas = true;
      break;
    case PhaseKind::Update: h.link_layer = 0; break;
  }
  return h;
}

// "forward 1", "loss", "backward 2", "update": the short names of the progress strip.
inline std::string short_name(Phase p) {
  char buf[32];
  switch (p.kind) {
    case PhaseKind::Forward: std::snprintf(buf, sizeof buf, "forward %d", p.layer); break;
    case PhaseKind::Loss: std::snprintf(buf, sizeof buf, "loss"); break;
    case PhaseKind::Backward: std::snprintf(buf, sizeof buf, "backward %d", p.layer); break;
    case PhaseKind::Update: std::snprintf(buf, sizeof buf, "update"); break;
  }
  return buf;
}

}  // namespace bp::app::walk

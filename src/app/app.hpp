// The page's application: one small state (the trainer and the UI's settings) with an
// init / frame / shutdown lifecycle, drawn with Dear ImGui. No platform calls here: the
// platform layer (src/platform) owns the window, the main loop and the ImGui backends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "settings.hpp"
#include "state.hpp"

namespace bp::app {

class App {
 public:
  // Needs a current ImGui context (fonts are built here, before the renderer uploads them).
  // settings_error, if not empty, says why the link's settings were not used.
  Status init(const Settings& settings, std::string settings_error, float ui_scale);
  // Advances training by the iterations of one frame, then builds this frame's UI.
  // Call between ImGui::NewFrame() and ImGui::Render().
  void frame();
  void shutdown();

  // The same actions as the buttons, for scripts.
  void train();  // start (no-op while diverged)
  void pause();
  long step(long n);  // pause, then n iterations now; returns how many were done
  void reset();       // new random weights from the next seed, iteration 0, paused
  void restart();     // back to this seed's initial weights, iteration 0, paused
  Status set_learning_rate(double learning_rate);
  Status select(WeightRef weight) { return state_.select(weight); }
  Status set_example(int row) { return state_.set_example(row); }
  void set_walkthrough(bool on) { state_.set_walkthrough(on); }
  Phase advance_phase() { return state_.advance_phase(); }
  void set_show_gradients(bool on) { state_.show_gradients = on; }

  // Size of text and widgets; call when the device pixel ratio changes. Rebuilds the
  // font atlas: the renderer must then upload it again (see fonts_rebuilt()).
  void set_ui_scale(float scale);
  float ui_scale() const { return ui_scale_; }
  // True once after the font atlas was rebuilt.
  bool fonts_rebuilt();

  // The state as JSON, for scripts: iteration, loss, inputs, targets, outputs, weights...
  std::string state_json() const;
  // The rect of a named widget in the last frame ("Train", "Pause", "Step", "Reset",
  // "Restart", "Learning rate", "Iterations per frame", "Data table", "W1", "W2"), if it
  // was drawn.
  std::optional<WidgetRect> widget_rect(std::string_view name) const;

  bool training() const { return state_.training; }
  const Trainer& trainer() const { return state_.t(); }

  // --- scripting: window.backprop's get/set, reset(seed), walkthrough(phase) and its events
  // (defined in script.cpp) ---------------------------------------------------------------
  // The settings a script can read and set, as a JSON object: seed, lr, speed (a number or
  // "max"), activations, walkthrough, showGradients, example, selected {layer, row, col}.
  std::string settings_json() const;
  // Applies settings given as "key=value&key=value": the link's keys (parse_settings: seed,
  // lr, speed, activations, ...) and the view's (walkthrough, showGradients = true/false,
  // example = a row from 0, selected = layer,row,col). All are checked before any is applied:
  // on error nothing changes and the message names the field. Only what differs from
  // settings_json() changes, so applying the current settings changes nothing; a new seed or
  // new activations give that seed's initial weights, iteration 0, paused.
  Status apply_settings(std::string_view query);
  // That seed's initial weights, iteration 0, paused; seed as the link writes it ("3").
  Status reset_to_seed(std::string_view seed);
  // Walkthrough on, then runs phases until one of kind target ("forward", "loss",
  // "backward", "update") has run, at most one iteration's worth; "next" runs one phase.
  Result<Phase> walk_to(std::string_view target);

  // What happened since the platform last looked (once per frame), as bits of ScriptEvent.
  enum ScriptEvent : unsigned { kEventStep = 1, kEventDiverged = 2, kEventConverged = 4 };
  // The loss at or below which the page calls the run converged (C over all the data).
  static constexpr double kConvergedLoss = 0.01;
  struct EventWatch {  // what the last poll saw; the platform keeps it
    long iteration = 0;
    bool diverged = false;
    bool converged = false;
  };
  // Step: the iteration count changed (training, step(n), a walkthrough's update, or a
  // rewind to 0). Diverged: training just diverged. Converged: the loss just fell to
  // kConvergedLoss or below after at least one iteration (training goes on).
  unsigned poll_events(EventWatch& watch) const;
  double loss() const { return state_.loss; }
  std::string message() const { return state_.message(); }

 private:
  void build_style_and_fonts();

  AppState state_;
  float ui_scale_ = 1.0f;
  bool fonts_rebuilt_ = false;
};

}  // namespace bp::app

// The page's logic without its drawing: one AppState and what buttons, keys, scripts and
// messages do to it (train, step, reset, get/set, files, the walkthrough, events). No ImGui
// here (target bp_app_logic), so all of it runs and is unit-tested natively; App (app.hpp)
// adds the Dear ImGui panels on top.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "settings.hpp"
#include "state.hpp"

namespace bp::app {

class Session {
 public:
  // Starts on the chapter's run, then moves to config (the link's settings); link_error, if
  // not empty, says why the link's settings were not used (and config is not applied then).
  // A link refused later still leaves a working page. Starts training if the link asked.
  Status start(const Config& config, std::string link_error = {});
  // One frame of dt seconds: the iterations the speed (or a step(n) still running) owes,
  // within the frame budget, then the stop rules (AppState::advance_training).
  void advance(double dt) { state_.advance_training(dt); }
  // The clock the frame budget reads (milliseconds); the page's default is steady_clock_ms.
  void set_clock(Clock clock) { state_.clock = std::move(clock); }

  // The same actions as the buttons, for scripts.
  void train();  // start (no-op while diverged)
  void pause();  // also cancels a step(n) still running over the frames
  // Pause, then n iterations: as many now as the frame budget allows (at least
  // kStepFloorWork of work), the rest over the next frames (steps_left()); returns how many
  // ran now.
  long step(long n);
  long steps_left() const { return state_.steps_left(); }
  // The step(n) runs that ended since the last call (finished, diverged, stopped, cancelled).
  std::vector<AppState::StepRun> take_finished_steps() {
    return std::exchange(state_.steps_finished, {});
  }
  void reset();    // new random weights from the next seed, iteration 0, paused
  void restart();  // back to this seed's initial weights, iteration 0, paused
  Status set_learning_rate(double learning_rate);
  Status select(WeightRef weight) { return state_.select(weight); }
  Status set_example(int row) { return state_.set_example(row); }
  // The same three for scripts, whose arguments arrive as text (a JS number written with
  // String(), or a string): read with the one number syntax (bp::read_number, read_whole),
  // so that select({layer: 1.9}), setExample(2**32+3) and setLearningRate('0x10') are
  // refused with a message naming the argument.
  Status select(std::string_view layer, std::string_view row, std::string_view col);
  Status set_example(std::string_view row);
  Status set_learning_rate(std::string_view learning_rate);
  void set_walkthrough(bool on) { state_.set_walkthrough(on); }
  Phase advance_phase() { return state_.advance_phase(); }
  void set_show_gradients(bool on) { state_.config.view.show_gradients = on; }
  // The text size (AppState::text_size). Scripts give it as text, read with the one number
  // syntax, and a size outside kMinTextSize..kMaxTextSize is refused, naming the range; the
  // A- / A+ buttons and a pinch use the clamping form.
  Status set_text_size(std::string_view size);
  void set_text_size(double size) { state_.set_text_size(size); }
  double text_size() const { return state_.text_size; }
  // A touch screen: controls get at least kTouchTargetCss of height and width.
  void set_touch_ui(bool on) { state_.touch_ui = on; }
  // The WebGL context was lost (training waits) or came back (training resumes if it ran).
  void set_context_lost(bool lost) { state_.set_context_lost(lost); }

  // The rect of a named widget in the last frame ("Train", "Pause", "Step", "Reset",
  // "Restart", "Learning rate", "Iterations per frame", "Data table", "W1", "W2"), if it
  // was drawn.
  std::optional<WidgetRect> widget_rect(std::string_view name) const { return state_.rect(name); }

  bool training() const { return state_.training; }
  const Trainer& trainer() const { return state_.t(); }
  // Everything the panels read and change (for the UI and for tests).
  const AppState& state() const { return state_; }
  AppState& state() { return state_; }

  // --- scripting: window.backprop's get/set, reset(seed), walkthrough(phase) and its events
  // Every setting as a JSON object with the link's names (bp::settings_to_json, listed in
  // docs/format.md): seed, data, hidden, act, lr, speed, walk, select, hide, ...
  std::string settings_json() const;
  // Applies such an object, or part of it ({"lr": 0.5, "hidden": [8, 8]}), on top of the
  // current settings (bp::apply_settings_json). All are checked before any is applied: on
  // error nothing changes and the message names the field. Only what differs changes:
  // options and view keep training going; new data, a new shape or a new seed give new
  // initial weights, iteration 0, paused. From the chapter's data to 2-D data, settings not
  // given take the setup panel's defaults for that data.
  Status apply_settings(std::string_view json);
  // The link (query string, no '?') that opens the page as it is now; weights if asked.
  std::string link(bool with_weights) const;
  // Everything as the JSON document (docs/format.md), weights and custom rows included.
  std::string document() const;
  // A file the student opened or dropped: a JSON document (all or nothing) or CSV rows of
  // x1,x2,label (the student's own points). Returns what happened, for the page to show.
  // A UTF-8 byte order mark is skipped; a NUL or another control character is refused with
  // its line and column (binary content), nothing loaded.
  Status load_file(std::string_view name, std::string_view text);
  // Text over the page's one limit (bp::kMaxTextBytes) is refused before it is copied in:
  // "the file is 2,147,483,648 bytes (2 GiB), more than the 1,048,576 bytes (1 MiB) the page
  // takes in one piece", what being "the file", "the settings", "the pasted text", ...
  static std::string too_large(std::string_view what, std::uint64_t bytes);
  // A file the page did not read (too large): the Save, load and share panel says why.
  Status refuse_file(std::string_view name, const std::string& why);
  // A paste the page did not take (too large, binary): the CSV box says why.
  void refuse_paste(const std::string& why);
  // That seed's initial weights, iteration 0, paused; seed as the link writes it ("3").
  Status reset_to_seed(std::string_view seed);
  // Walkthrough on, then runs phases until one of kind target ("forward", "loss",
  // "backward", "update") has run, at most one iteration's worth; "next" runs one phase.
  Result<Phase> walk_to(std::string_view target);

  // The exercise (exercise_state.hpp): backprop.exercise({z1: ..., t1: ...}) sets blanks, all
  // or nothing; backprop.numpy() is the chapter's program in Python with numpy.
  Status set_exercise(std::string_view json) { return exercise_set_json(state_, json); }
  Result<std::string> numpy() const { return exercise_numpy(state_); }
  Status run_exercise() { return exercise_run(state_); }

  // What happened since the platform last looked (once per frame), as bits of ScriptEvent.
  enum ScriptEvent : unsigned { kEventStep = 1, kEventDiverged = 2, kEventConverged = 4 };
  // The loss at or below which the page calls the run converged, unless the student set a
  // stop loss: C over the chapter's data, or the mean loss of the 2-D test set (training set
  // without one); see AppState::watched_loss().
  static constexpr double kConvergedLoss = 0.01;
  struct EventWatch {  // what the last poll saw; the platform keeps it
    long iteration = 0;
    bool diverged = false;
    bool converged = false;
  };
  // Step: the iteration count changed (training, step(n), a walkthrough's update, or a
  // rewind to 0). Diverged: training just diverged. Converged: the watched loss just fell to
  // the stop loss (if on) or kConvergedLoss, after at least one iteration.
  unsigned poll_events(EventWatch& watch) const;
  // The loss that counts as converged now: the student's stop loss if that rule is on, else
  // kConvergedLoss. The converged event carries it to the host page.
  double converged_loss() const { return state_.config.stop.target_loss.value_or(kConvergedLoss); }
  double loss() const { return state_.loss; }
  std::string message() const { return state_.message(); }

  // What the page asked the browser to do this frame (copy a link, download a file, ask for
  // one); the platform does them after the frame and the list is emptied.
  std::vector<PlatformRequest> take_requests() { return std::exchange(state_.requests, {}); }

 protected:
  AppState state_;
};

}  // namespace bp::app

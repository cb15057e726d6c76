// The page's one small state, shared by the panels (src/app/panels/*.cpp): the trainer and
// what the student is looking at. Panels read it and change it through the actions below
// or their own fields; every number they show comes from the core.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/gradient_check.hpp"
#include "core/history.hpp"
#include "core/result.hpp"
#include "core/trainer.hpp"
#include "settings.hpp"

namespace bp::app {

// Where a named widget was drawn in the last frame, in ImGui's display coordinates
// (the canvas's pixels); the platform converts them for scripts and tests.
struct WidgetRect {
  std::string name;
  float x = 0, y = 0, w = 0, h = 0;
};

// The page's limits for the student's own data (the core accepts far more).
inline constexpr int kMaxRows = 16;
inline constexpr double kMaxDataValue = 1000.0;
// Training stops on its own (once) when hidden units are saturated and the loss has not
// fallen by kStallDrop (relative) over the last kStallIterations iterations.
inline constexpr long kStallIterations = 500;
inline constexpr double kStallDrop = 1e-3;

struct AppState {
  // --- the model ---------------------------------------------------------------------
  Settings settings;
  std::uint64_t seed = 1;          // of the current initial weights; Reset moves to the next
  std::optional<Trainer> trainer;  // set by App::init, never empty afterwards
  LossHistory history{4096};       // loss per iteration (before each update), bounded

  // --- running -------------------------------------------------------------------------
  bool training = false;
  // Speed while training, decoupled from drawing: `speed` iterations per second of wall
  // time (a frame of dt seconds runs speed * dt of them, the fraction carried over), or with
  // speed_max as many as fit in kFrameBudgetMs of each frame.
  double speed = kDefaultSpeed;
  bool speed_max = false;
  double speed_carry = 0.0;   // the part of an iteration owed from earlier frames, in [0, 1)
  long frame_iterations = 0;  // iterations run in the last frame
  // Hidden units of the preview whose derivative is nearly 0 for every example
  // (bp::saturated_units, layers 1..L-1), and whether the loss has stopped falling.
  int saturated_hidden = 0;
  bool stalled = false;
  bool stall_stopped = false;  // training was stopped once for a stall; not again until rewound

  // --- what the student is looking at --------------------------------------------------
  WeightRef selected{1, 0, 0};  // the weight the equations and the gradient check explain
  int example = 0;              // the row of the data the diagram shows
  bool show_gradients = false;  // the diagram's links show dC/dw instead of w
  bool walkthrough = false;     // Step runs one phase of an iteration instead of a whole one
  // A tab of the right-hand column to bring to the front next frame (for instance the
  // equations, after a weight was clicked in the diagram or a matrix).
  enum class Tab { Equations, Matrices, GradientCheck, ShapeMistake };
  std::optional<Tab> open_tab;
  std::optional<Phase> walk_phase;  // the phase the walkthrough ran last (what panels highlight)
  double walk_loss_before = std::numeric_limits<double>::quiet_NaN();  // C before this update

  // --- evaluated once per frame from the current weights (panels read these) -----------
  // The forward and backward pass of all the data at the current weights: outputs, loss,
  // every delta and dC/dW. With full-batch training it is exactly what the next Step
  // computes and applies.
  StepTrace preview;
  double loss = std::numeric_limits<double>::quiet_NaN();  // C over the whole data

  // --- messages for the student ----------------------------------------------------------
  std::string lr_error;        // why the last learning rate was refused
  std::string settings_error;  // why the link's settings were not used
  double lr_edit = 1.0;        // what the learning-rate field shows
  std::uint64_t seed_edit = 1;  // what the seed field shows
  std::string data_error;       // why the last edit of the data was refused

  // --- the panels' own fields (data table, try an input, loss plot, intro) ---------------
  struct CellEdit {
    int row = -1, col = -1;  // col -1 is the target
    double value = 0.0;
  };
  std::optional<CellEdit> cell_edit;  // the table cell being typed into
  Matrix try_x;                       // the input of "Try an input" [1 x inputs]
  bool loss_log = false;              // the loss plot's vertical axis is logarithmic
  std::optional<LossHistory::Point> loss_hover;  // the point the mouse reads on the loss plot
  bool intro_open = true;                        // the first-visit explanation is shown

  // --- the page's own speed (bottom-right overlay) ---------------------------------------
  bool show_perf = true;
  double perf_frame_ms = 0.0;              // smoothed frame time
  double perf_iterations_per_second = 0.0;  // smoothed training speed
  long perf_last_iteration = 0;

  // --- drawing -----------------------------------------------------------------------------
  float scale = 1.0f;             // device pixels per CSS pixel: multiply every size by it
  std::vector<WidgetRect> rects;  // named widgets drawn this frame

  // The outputs a_L of the current weights for every example.
  const Matrix& outputs() const { return preview.a.back(); }
  // What the numeric panels show: the preview, or, while the walkthrough is in the middle
  // of an iteration, the trainer's own trace (filled phase by phase; see t().phases_done()).
  const StepTrace& shown() const {
    return walkthrough && t().phases_done() > 0 ? t().trace() : preview;
  }

  Trainer& t() { return *trainer; }
  const Trainer& t() const { return *trainer; }

  // Records the rect of the last ImGui item under a name, for scripts and tests.
  void track(std::string_view name);
  std::optional<WidgetRect> rect(std::string_view name) const;

  // --- actions: the buttons and the scripting API call these -----------------------------
  void train();  // start (no-op while diverged)
  void pause();
  long step(long n);  // pause, then n iterations now (finishing a walkthrough's iteration)
  void reset();       // new random weights from the next seed, iteration 0, paused
  void restart();     // back to this seed's initial weights, iteration 0, paused
  Status set_learning_rate(double learning_rate);
  void set_seed(std::uint64_t seed);  // that seed's initial weights, iteration 0, paused
  // Runs what a frame of dt seconds owes at the current speed while training (see speed),
  // then refreshes the preview and stops training if hidden units saturated and it stalled.
  void advance_training(double dt);
  // New training data (the table's edits): the page's limits (1 to kMaxRows rows, values
  // finite with |v| <= kMaxDataValue, targets the output activation can reach), then the
  // core's checks. Weights and iteration stay; on error nothing changes and data_error says why.
  Status set_data(Dataset data);
  // Walkthrough: runs the next phase of the current iteration (forward layer by layer, the
  // loss, backward layer by layer, the update) and remembers it for the panels to highlight.
  Phase advance_phase();
  void set_walkthrough(bool on);
  // Picks the weight the equations explain; an error names a weight that does not exist.
  Status select(WeightRef weight);
  // Picks the example (row of the data) the diagram shows.
  Status set_example(int row);
  // Runs n iterations, recording each one's loss in the history.
  long run(long n);
  // Refreshes the preview from the current weights (once per frame, and after actions).
  void evaluate();
  // After the trainer was rewound or replaced: forget the history.
  void rewound();
  // The message to show first: divergence, a refused setting, or nothing.
  std::string message() const;
};

}  // namespace bp::app

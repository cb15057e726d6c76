// The page's one small state, shared by the panels (src/app/panels/*.cpp): the trainer and
// what the student is looking at. Panels read it and change it through the actions below
// or their own fields; every number they show comes from the core.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/page_config.hpp"
#include "core/datasets.hpp"
#include "core/features.hpp"
#include "core/gradient_check.hpp"
#include "core/grid.hpp"
#include "core/history.hpp"
#include "core/metrics.hpp"
#include "core/result.hpp"
#include "core/stop.hpp"
#include "core/trainer.hpp"
#include "exercise_state.hpp"
#include "explain_cache.hpp"
#include "settings.hpp"
#include "theme.hpp"

namespace bp::app {

// Where a named widget was drawn in the last frame, in the UI's display coordinates (the
// canvas's pixels; recorded by ui::track); the platform converts them for scripts and tests.
struct WidgetRect {
  std::string name;
  float x = 0, y = 0, w = 0, h = 0;
  // The rows of the window it is drawn in that are visible (a scrolled column shows only part
  // of its items): clip_top <= clip_bottom when known (ui::track), else not known.
  float clip_top = 0, clip_bottom = -1;
};

// What the page says while the browser has taken its WebGL context away.
inline constexpr const char* kContextLostMessage =
    "The browser took this page's drawing context away (it may have switched graphics chips, "
    "woken from sleep, or needed the GPU for other tabs). Training is paused until it comes "
    "back; the page picks up again by itself, no reload needed.";

// The page's limits for the student's own data (the core accepts far more).
inline constexpr int kMaxRows = 16;
inline constexpr double kMaxDataValue = 1000.0;
inline constexpr double kMaxTypedWeight = 1e6;  // largest |w| or |b| typed into the diagram
// Training stops on its own (once) when hidden units are saturated and the loss has not
// fallen by kStallDrop (relative) over the last kStallIterations iterations.
inline constexpr long kStallIterations = 500;
inline constexpr double kStallDrop = 1e-3;

// What is trained is the run's Config (AppState::config): the data source, the features made
// from the points, the network's shape and the training options. Changing the data source,
// features or shape builds a new network from the current seed; changing the options keeps
// the weights. (DataSource, kMaxHiddenLayers and kMaxHiddenUnits are the config layer's.)

// The shape and options to start 2-D data with (two tanh layers of 4, biases), from a config.
Config playground_defaults(const Config& from);
// from with a generated data set of that kind, its suggested output activation and loss.
Config with_data_set(const Config& from, DataSetKind kind);
// from with the chapter's data, shape, initialization and training options.
Config with_chapter_data(const Config& from);

// The network's picture over the input plane (-kDataExtent..kDataExtent in x1 and x2):
// every unit's activation at the vertices of a kHeatCells x kHeatCells grid, computed by the
// core in one batch (BatchEvaluator) from the current weights, once per frame.
inline constexpr int kHeatCells = 60;
struct Heatmap {
  MatrixF points;  // [(kHeatCells+1)^2 x 2], row i * (kHeatCells+1) + j: x1 = column j
  MatrixF inputs;  // the points' features
  BatchEvaluator evaluator;
  bool valid = false;
  const MatrixF& layer(int l) const { return evaluator.activations(l); }
};

// Something only the browser can do, asked for by a button (see Session::take_requests).
struct PlatformRequest {
  enum class Kind { CopyLink, Download, SavePicture, OpenFile, CopyText };
  Kind kind = Kind::CopyLink;
  std::string name;  // the file's name (Download, SavePicture)
  std::string mime;  // its type (Download)
  std::string
      text;  // the link's query (CopyLink), the file's contents (Download) or the text (CopyText)
};

// Wall time in milliseconds from any fixed origin: what the frame budget (kFrameBudgetMs) is
// measured with. The page uses steady_clock_ms; tests inject a clock of their own (for
// instance one that moves with the trainer's iterations) to run the budget deterministically.
using Clock = std::function<double()>;
double steady_clock_ms();

struct AppState {
  // --- the model ---------------------------------------------------------------------
  // The run's settings: data, features, shape, training options, stop rules and the view
  // (everything of bp::Config but the weights and custom rows, which the trainer and `points`
  // hold; snapshot() adds them). Changed only through the actions below, which keep the trainer
  // in step with it.
  Config config;
  Config edit;  // the setup panel's fields: applied at once or by a button
  // 2-D data: the points (x1, x2) and their targets, split into a training and a test set,
  // and the test set's features (the training set's are the trainer's data).
  SplitDataset points;
  Dataset test;
  StepTrace test_preview;  // the test set through the current weights
  Metrics train_metrics, test_metrics;
  LossHistory test_history{1024};  // the test set's mean loss, once per frame while it changes
  Heatmap heat;
  std::string setup_error;         // why the last change of the setup was refused
  std::optional<Trainer> trainer;  // set by Session::start, never empty afterwards
  LossHistory history{4096};       // loss per iteration (before each update), bounded

  // --- running -------------------------------------------------------------------------
  bool training = false;
  // Speed while training (config.view), decoupled from drawing: speed iterations per second
  // of wall time (a frame of dt seconds runs speed * dt of them, the fraction carried over),
  // or with speed_max as many as fit in kFrameBudgetMs of each frame.
  double speed_carry = 0.0;  // the part of an iteration owed from earlier frames, in [0, 1)
  // The frame budget (kFrameBudgetMs, one rule for training and step(n)), for the last frame:
  long frame_iterations = 0;  // iterations run
  long frame_asked = 0;       // iterations the speed or a step(n) asked for (-1: "max")
  bool frame_cut = false;     // the budget ran out before frame_asked were done
  double frame_train_ms = 0;  // wall time spent training
  double frame_budget_ms = kFrameBudgetMs;  // the training budget the last frame had
  // The app's main-thread time of the last frame besides training (the pictures, the
  // explanations, the UI), as the platform measured it (frame_done; 0 until it does): the
  // training budget is what it leaves of kFrameAppTargetMs (see train_budget_ms).
  double frame_other_ms = 0;
  // The training budget of the next frame: kFrameAppTargetMs - frame_other_ms, within
  // kMinTrainMs..kFrameBudgetMs.
  double train_budget_ms() const;
  // The platform's measurement of the frame just drawn: the app's main-thread time in ms.
  void frame_done(double app_ms);
  Clock clock = steady_clock_ms;  // what the budget reads the time from (empty: steady_clock_ms)
  long frames = 0;                // frames drawn since the page started
  long frames_rested = 0;         // animation frames the platform drew nothing in (a page at rest)
  long frames_unchanged = 0;  // frames run whose picture equalled the canvas's (not drawn again)
  // A numeric speed the device cannot keep up with: frames left to say so (set on every
  // frame the budget cut, so the message does not flicker).
  int speed_limited_frames = 0;
  bool speed_limited() const { return speed_limited_frames > 0; }
  // A step(n) that did not fit in one budget: the rest runs over the next frames (while
  // training is paused) until done, diverged, a stop rule, or a pause()/Pause cancels it.
  struct StepRun {
    long asked = 0;      // n
    long done = 0;       // iterations run so far
    std::string end;     // once finished: "done", "diverged", "stopped" or "cancelled"
    long iteration = 0;  // the trainer's iteration when it finished
  };
  std::optional<StepRun> stepping;
  // The browser took the WebGL context away (a GPU switch, sleep, too many tabs): nothing can
  // be drawn, so training waits (and is picked up again when the context comes back if it
  // was training, or if train() was asked for meanwhile).
  bool context_lost = false;
  bool train_after_context = false;
  void set_context_lost(bool lost);
  std::vector<StepRun> steps_finished;  // runs that ended since the platform last looked
  long steps_left() const { return stepping ? stepping->asked - stepping->done : 0; }
  // Training, or a step(n) still running over frames: iterations run in this frame.
  bool running() const { return training || stepping.has_value(); }
  // Hidden units of the preview whose derivative is nearly 0 for every example
  // (bp::saturated_units, layers 1..L-1), and whether the loss has stopped falling.
  int saturated_hidden = 0;
  bool stalled = false;
  bool stall_stopped = false;  // training was stopped once for a stall; not again until rewound

  // --- what the student is looking at --------------------------------------------------
  bool show_help = false;  // the keyboard shortcuts' panel ('?')
  int example = 0;         // the row of the data the diagram shows
  // A tab of the right-hand column to bring to the front next frame (for instance the
  // equations, after a weight was clicked in the diagram or a matrix).
  enum class Tab { Equations, Matrices, GradientCheck, ShapeMistake, Exercise };
  std::optional<Tab> open_tab;
  // Frames left to scroll the selected weight's worked gradient (Equations tab) into view,
  // after a click on a link or a matrix cell picked it (0: nothing to do). The Equations tab
  // clears it once the explanation is in view; a few frames are allowed because the tab
  // comes to the front a frame after the click.
  int reveal_explanation = 0;
  static constexpr int kRevealFrames = 10;
  std::optional<Phase> walk_phase;  // the phase the walkthrough ran last (what panels highlight)
  double walk_loss_before = std::numeric_limits<double>::quiet_NaN();  // C before this update

  // --- evaluated once per frame from the current weights (panels read these) -----------
  // The forward and backward pass of all the data at the current weights: outputs, loss,
  // every delta and dC/dW. With full-batch training it is exactly what the next Step
  // computes and applies.
  StepTrace preview;
  double loss = std::numeric_limits<double>::quiet_NaN();  // C over the whole data
  ExplainCache explain;  // the equations, gradient check and shape mistake tabs' cache
  // evaluate() recomputes the preview, the metrics, the test set's outputs and the heatmaps
  // only when what they are computed from changed (evaluated_from); paused with nothing
  // edited, a frame redoes none of it. How many times each was computed (for tests and
  // state(); counts, not times):
  long evaluations = 0;       // the preview and the training metrics
  long heat_evaluations = 0;  // the heatmaps (2-D data)
  // While training: frames between evaluations (kEvaluateMsPerFrame), from evaluate_ms, what
  // they take by `clock`; evaluate_age counts the frames since the last one.
  int evaluate_every = 1;
  int evaluate_age = 0;
  double evaluate_ms = 0.0;        // the smaller of the last two evaluations' times
  double evaluate_last_ms = -1.0;  // the last one's (none yet: -1)
  struct EvaluatedFrom {
    bool valid = false;
    long iteration = -1;
    NetworkSpec spec;
    std::vector<Matrix> weights, biases;
    Matrix x, y, test_x, test_y;
    Loss loss = Loss::SquaredError;
    FeatureSet features;
    bool two_d = false;
  } evaluated_from;
  // Whether the network, the data, the loss or the features differ from evaluated_from.
  bool evaluation_stale() const;
  ExerciseView exercise;  // the exercise tab: the student's blanks, checks, last run

  // --- messages for the student ----------------------------------------------------------
  std::string lr_error;         // why the last learning rate was refused
  std::string settings_error;   // why the link's settings were not used
  double lr_edit = 1.0;         // what the learning-rate field shows
  std::uint64_t seed_edit = 1;  // what the seed field shows
  std::string data_error;       // why the last edit of the data was refused
  // What the stop rules' fields show (the rules themselves are config.stop: the loss is the
  // mean test loss, or the training loss without a test set), and why training stopped by
  // itself.
  double stop_loss = 0.05;
  long stop_iterations = 1000;
  std::string stop_message;

  // --- the panels' own fields (data table, try an input, loss plot, intro) ---------------
  struct CellEdit {
    int row = -1, col = -1;  // col -1 is the target
    double value = 0.0;
  };
  std::optional<CellEdit> cell_edit;             // the table cell being typed into
  Matrix try_x;                                  // the input of "Try an input" [1 x inputs]
  bool loss_log = false;                         // the loss plot's vertical axis is logarithmic
  std::optional<LossHistory::Point> loss_hover;  // the point the mouse reads on the loss plot
  double loss_hover_height = 0.0;       // where its marker sits: 0 the plot's bottom, 1 its top
  std::vector<std::string> loss_ticks;  // the loss axis's labels as drawn, bottom to top
  bool intro_open = true;               // the first-visit explanation is shown
  // The data plot: the label a click adds (0/1 for classification, a value for regression), the CSV
  // box.
  double add_label = 1.0;
  std::string csv_text;
  std::string csv_message;
  // A weight or bias being typed into: after a double click on its link or node, or the
  // Equations tab's Edit button (open: the diagram opens its box next frame).
  struct WeightEdit {
    int layer = 1, row = 0, col = 0;  // a bias: row -1, col = unit
    double value = 0.0;
    bool focus = true;
    bool open = false;
  };
  std::optional<WeightEdit> weight_edit;
  std::string weight_error;  // why the typed weight was refused

  // --- the page's own speed (bottom-right overlay) ---------------------------------------
  bool show_perf = true;
  std::string title;           // what the title bar says (the page's name, shortened to fit)
  double perf_frame_ms = 0.0;  // smoothed frame time
  double perf_iterations_per_second = 0.0;  // smoothed training speed
  // Smoothed main-thread times of a frame, as the platform measures them: the app's part
  // (training, heatmaps, building the UI) and the whole (with the WebGL calls that draw it).
  double perf_app_ms = 0.0;
  double perf_work_ms = 0.0;
  long perf_vertices = 0;  // vertices the last frame handed to WebGL (ImGui's draw data)
  long perf_last_iteration = 0;

  // --- drawing -----------------------------------------------------------------------------
  float scale = 1.0f;  // device pixels per CSS pixel: multiply every size by it
  // The student's text size (kMinTextSize..kMaxTextSize, 1: normal), part of `scale` from the
  // next frame on; set_text_size clamps and rounds it to 5 %.
  double text_size = 1.0;
  void set_text_size(double size);
  bool touch_ui = false;          // a touch screen: controls at least kTouchTargetCss in size
  std::vector<WidgetRect> rects;  // named widgets drawn this frame

  // 2-D points (generated or the student's own) rather than the chapter's table.
  bool two_d() const { return config.source != DataSource::Chapter; }
  // The theme the page draws with: the setting's, "system" resolved by the browser's
  // prefers-color-scheme (system_dark, which the platform keeps up to date).
  bool system_dark = true;
  Theme theme() const { return resolve(config.view.theme, system_dark); }
  // The run diverged (the trainer saw a weight or the loss stop being finite, or the loss at
  // the current weights is not finite): no accuracy or output is shown as a number then.
  bool run_diverged() const { return t().diverged() || !std::isfinite(loss); }
  // Whether the targets are classes 0 and 1 (accuracy, discretized heatmap).
  bool classification() const { return train_metrics.accuracy.has_value(); }

  // The outputs a_L of the current weights for every example.
  const Matrix& outputs() const { return preview.a.back(); }
  // What the numeric panels show: the preview, or, while the walkthrough is in the middle
  // of an iteration, the trainer's own trace (filled phase by phase; see t().phases_done()).
  const StepTrace& shown() const {
    return config.view.walkthrough && t().phases_done() > 0 ? t().trace() : preview;
  }

  Trainer& t() { return *trainer; }
  const Trainer& t() const { return *trainer; }

  // The rect a widget of that name was drawn at in the last frame (see rects).
  std::optional<WidgetRect> rect(std::string_view name) const;

  // --- actions: the buttons and the scripting API call these -----------------------------
  void train();  // start (no-op while diverged); cancels a step(n) still running
  void pause();  // also cancels a step(n) still running over the frames
  // The weight delta places after the selected one, in reading order (W1 row by row, then
  // W2, ...), wrapping around at either end: the arrow keys walk through every weight.
  void select_next(int delta);
  // The weight delta rows below the selected one in the same matrix and column, wrapping.
  void select_row(int delta);
  // Pause, then n iterations (finishing a walkthrough's iteration): as many now as the frame
  // budget allows (at least kStepFloorWork of work), the rest over the next frames (see
  // stepping). Returns how many ran now.
  long step(long n);
  void reset();    // new random weights from the next seed, iteration 0, paused
  void restart();  // back to this seed's initial weights, iteration 0, paused
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
  // The one budget rule: runs up to want iterations, the first `floor` of them regardless of
  // time, the rest while kFrameBudgetMs of wall time lasts. out_of_time: the budget, not a
  // divergence or a stop rule, ended it before want.
  struct Budgeted {
    long done = 0;
    bool out_of_time = false;
    double ms = 0;
  };
  Budgeted run_budgeted(long want, long floor);
  // The iterations of kStepFloorWork for the current network and batch (at least 1).
  long step_floor() const;
  // Ends the step(n) running over the frames, if any, for the reason given.
  void end_steps(const char* why);
  // Refreshes the preview from the current weights (once per frame, and after actions).
  void evaluate();
  // After the trainer was rewound or replaced: forget the history.
  void rewound();
  // The message to show first: divergence, a refused setting, or nothing.
  std::string message() const;

  // --- the setup (src/app/setup.cpp) -----------------------------------------------------
  // Builds data, features and network from next (new weights from the current seed) and
  // switches to them; on error nothing changes and setup_error says why.
  Status apply_setup(const Config& next);
  // The same with the student's own points already split (load_csv).
  Status apply_setup_with(const Config& next, const SplitDataset* custom);
  // Switches to a new trainer for next, its points split and its test set (all checked).
  void switch_to(const Config& next, SplitDataset pts, Dataset test_set, Trainer made);
  // Learning rate, batch size, loss and regularization for the same weights.
  Status set_options(const TrainerOptions& options);
  // A new data seed for the generated set (new points, new weights).
  Status regenerate();
  // The student's own points (x1, x2, label) from CSV text: split, then trained on.
  Status load_csv(std::string_view text);
  // Adds a training point, or removes the point nearest (x1, x2) within radius; the
  // weights stay. The data becomes the student's own (source Custom).
  Status add_point(double x1, double x2, double label);
  bool remove_point_near(double x1, double x2, double radius);
  // Types a new weight W(l)[row][col] or bias b(l)[j]; training goes on from there.
  Status set_weight(WeightRef w, double value);
  Status set_bias(int layer, int unit, double value);
  // The network's shape for the current config.
  NetworkSpec spec() const { return network_spec(config); }
  Init init() const { return config.init; }
  // Test metrics, test history and the heatmap from the current weights (2-D data).
  void evaluate_2d();
  // The test set's loss into test_history, once per iteration (part of evaluate_2d).
  void evaluate_2d_history();
  // Stops training if a stop rule the student switched on is met.
  void check_stop_rules();

  // --- the page as the core's Config (src/app/config_state.cpp) --------------------------
  // Everything reproducible about the page now (for the link, the JSON file and get()): config
  // with the current weights and biases, the custom rows and the tab in front.
  Config snapshot() const;
  // Moves the page to c: a new network (c's weights, or drawn from c's seed) only when the
  // data, the shape, the seed or the weights differ from the current ones; otherwise the
  // training options and the view change and training goes on. c is validated first;
  // on error nothing changes.
  Status apply_config(const Config& c);
  // Whether the link hid the control or panel called name (one of bp::kUiElements).
  bool hidden(std::string_view name) const { return is_hidden(config.view, name); }
  // The loss the stop rule and the converged event watch: the test set's mean loss for 2-D
  // data (the training set's without a test set), C for the chapter's.
  double watched_loss() const;
  // Save, load and share (panels/share.cpp): what the browser should do, and what happened.
  std::vector<PlatformRequest> requests;
  bool link_weights = false;  // Copy link includes the weights
  std::string file_message;   // what the last Open, drop or Copy link did
  // Whether the collapsible section called name (one of bp::kSections) is open, and opening
  // or closing it (config.view.open, kept in kSections' order).
  bool section_open(std::string_view name) const { return is_open(config.view, name); }
  void set_section_open(std::string_view name, bool open);
  Tab front_tab = Tab::Equations;  // the explanation tab in front (drawn last frame)
};

}  // namespace bp::app

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
#include "core/trainer.hpp"
#include "settings.hpp"

namespace bp::app {

// Where a named widget was drawn in the last frame, in ImGui's display coordinates
// (the canvas's pixels); the platform converts them for scripts and tests.
struct WidgetRect {
  std::string name;
  float x = 0, y = 0, w = 0, h = 0;
};

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
  void train();        // start (no-op while diverged)
  void pause();
  long step(long n);   // pause, then n iterations now; returns how many were done
  void reset();        // new random weights from the next seed, iteration 0, paused
  void restart();      // back to this seed's initial weights, iteration 0, paused
  Status set_learning_rate(double learning_rate);

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

  bool training() const { return training_; }
  const Trainer& trainer() const { return *trainer_; }

 private:
  void build_style_and_fonts();
  void track(const char* name);
  std::string message() const;
  void draw_controls();
  void draw_status();
  void draw_data_table();
  void draw_weights();
  void record_loss();
  void draw_loss_plot();

  Settings settings_;
  std::uint64_t seed_ = 1;
  std::optional<Trainer> trainer_;
  bool training_ = false;
  int iterations_per_frame_ = 4;
  double lr_edit_ = 1.0;      // what the learning-rate field shows
  std::string lr_error_;      // why the last learning rate was refused
  std::string settings_error_;
  float ui_scale_ = 1.0f;
  bool fonts_rebuilt_ = false;
  std::vector<WidgetRect> rects_;
  // The loss of the current weights, one sample per frame in which the iteration changed.
  std::vector<float> loss_history_;
  std::vector<long> loss_iterations_;  // the iteration of each sample
  long last_plotted_iteration_ = -1;
};

}  // namespace bp::app

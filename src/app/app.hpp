// The page's application: the page's logic (Session) with an init / frame / shutdown
// lifecycle, drawn with Dear ImGui. No platform calls here: the platform layer (src/platform)
// owns the window, the main loop and the ImGui backends.
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include "core/result.hpp"
#include "session.hpp"

namespace bp::app {

// The page: Session (the logic, session.hpp) drawn with Dear ImGui. Every action and script
// call is Session's; App adds the init / frame / shutdown lifecycle and the panels.
class App : public Session {
 public:
  // Needs a current ImGui context (fonts are built here, before the renderer uploads them).
  // Starts on the chapter's run, then moves to config (the link's settings); link_error, if
  // not empty, says why the link's settings were not used (Session::start).
  Status init(const Config& config, std::string link_error, float ui_scale);
  // Advances training by the iterations of one frame, then builds this frame's UI.
  // Call between ImGui::NewFrame() and ImGui::Render().
  void frame();
  // The main-thread time the platform spent on the last frame: in frame() and ImGui::Render()
  // (app_ms), and in all (work_ms, with drawing it).
  void frame_work(double app_ms, double work_ms);
  // The platform drew nothing in this animation frame: the page is at rest (counted).
  void frame_rested() { ++state_.frames_rested; }
  // The platform ran this frame but did not hand it to WebGL: its picture was the same as the
  // one on the canvas (counted).
  void frame_unchanged() { ++state_.frames_unchanged; }
  // The app has follow-up frames to draw without new input (a click's scroll anchoring).
  bool wants_frames() const { return anchor_.frames > 0; }
  void shutdown();

  // Device pixels per CSS pixel; call before every frame. Text and widgets are drawn at
  // that scale times the student's text size (AppState::text_size), with bigger targets on a
  // touch screen (AppState::touch_ui). When any of the three changed, the style is made again
  // and the font atlas rasterised again at the new size (crisp, never magnified): the renderer
  // must then upload it again (see fonts_rebuilt()).
  void set_ui_scale(float device_scale);
  float ui_scale() const { return ui_scale_; }
  // True once after the font atlas was rebuilt.
  bool fonts_rebuilt();

  // The state as JSON, for scripts: iteration, loss, inputs, targets, outputs, weights...
  std::string state_json() const;
  // What the page's text view shows (web/text-view.js), a few KB whatever the data's size:
  // the fields of state() it reads, the first kSummaryRows rows of the data and of the
  // selected weight's terms, and the explanation's text without its table of terms.
  std::string summary_json() const;
  static constexpr int kSummaryRows = 12;

 private:
  void build_style_and_fonts();
  // Draws with the palette of the theme in use (config.view.theme, the system's if "system")
  // from this frame on, if it changed.
  void apply_theme();
  // Called at the end of the page's window: keeps the item a click acted on in place while
  // the layout above it changes (scroll anchoring, app.cpp).
  void keep_anchored(const AppState& st);

 public:
  // While a pinch lasts, each frame before frame(): the point between the fingers (device
  // pixels). The item there stays at that point as the text grows or shrinks around it.
  void hold_in_place(float x, float y);

 private:
  struct Anchor {
    std::string name;        // the tracked item (AppState::rects)
    float content_y = 0.0f;  // its held point, in the page's column (screen y plus the scroll)
    int frames = 0;          // frames left to keep it there
    float fraction = 0.0f;   // the held point: its top (0) to its bottom (1)
    bool held = false;       // held by a pinch (hold_in_place), not by a click
  };
  static constexpr int kAnchorFrames = 30;
  Anchor anchor_;
  std::optional<ImVec2> hold_at_;  // this frame's hold_in_place point

  float device_scale_ = 1.0f;  // device pixels per CSS pixel
  float ui_scale_ = 1.0f;      // device_scale_ times the text size
  bool touch_built_ = false;   // the style has touch-sized targets
  bool fonts_rebuilt_ = false;
  std::optional<Theme> applied_theme_;
};

}  // namespace bp::app

// The page's UI: controls, the data with the live outputs, and the weights, all read from
// the core's Trainer each frame. Every number shown is one the core computed.
#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>
#include <utility>

#include <imgui.h>
#include <imgui_internal.h>

#include "config/json.hpp"
#include "panels.hpp"
#include "ui.hpp"

namespace bp::app {
namespace {

// A tab that can also be brought to the front by a panel (AppState::open_tab); none if the
// link hid it (element: its name in bp::kUiElements).
bool tab(AppState& s, const char* label, std::string_view element,
         std::optional<AppState::Tab> id = std::nullopt) {
  if (s.hidden(element)) return false;
  const bool bring = id && s.open_tab == id;
  if (bring) s.open_tab.reset();
  const bool open = ImGui::BeginTabItem(label, nullptr, bring ? ImGuiTabItemFlags_SetSelected : 0);
  ui::track(s, std::string("tab ") + label);
  if (open) {
    ui::track(s, std::string("front tab ") + label);  // which tab is in front, for tests
    if (id) s.front_tab = *id;
  }
  return open;
}

// The setup, sharing and the diagram (the left column's head).
void draw_setup_and_diagram(AppState& s) {
  draw_setup(s);
  if (!s.hidden("share")) draw_share(s);
  if (!s.hidden("diagram")) draw_diagram(s);
}

// The loss over time and Try an input, as tabs.
void draw_left_tabs(AppState& s) {
  if (s.hidden("loss_plot") && s.hidden("try_input")) return;
  if (ImGui::BeginTabBar("left tabs")) {
    if (tab(s, "Loss over time", "loss_plot")) {
      draw_loss_plot(s);
      ImGui::EndTabItem();
    }
    if (tab(s, "Try an input", "try_input")) {
      draw_try_input(s);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

void draw_data(AppState& s) {
  if (s.hidden("data")) return;
  if (s.two_d())
    draw_data_plot(s);
  else
    draw_data_table(s);
  ImGui::Spacing();
}

// The explanations: equations, matrices, gradient check, the shape mistake.
void draw_right_tabs(AppState& s) {
  if (ImGui::BeginTabBar("right tabs")) {
    if (tab(s, "Equations", "equations", AppState::Tab::Equations)) {
      draw_equations(s);
      ImGui::EndTabItem();
    }
    if (tab(s, "Matrices", "matrices", AppState::Tab::Matrices)) {
      draw_matrices(s);
      ImGui::EndTabItem();
    }
    if (tab(s, "Gradient check", "gradient_check", AppState::Tab::GradientCheck)) {
      draw_gradient_check(s);
      ImGui::EndTabItem();
    }
    if (tab(s, "The shape mistake", "shape_mistake", AppState::Tab::ShapeMistake)) {
      draw_shape_mistake(s);
      ImGui::EndTabItem();
    }
    if (tab(s, "Exercise", "exercise", AppState::Tab::Exercise)) {
      draw_exercise(s);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

constexpr float kFontSize = 16.0f;  // CSS pixels; ImGui's default 13 px is too small to read

// state().selectedGradient, and summary()'s with its first `most` terms: the selected
// weight's gradient as a sum over the examples (null when it has none), termCount terms in all.
void write_selected_gradient(const AppState& st, JsonWriter& j, std::size_t most) {
  const Trainer& t = st.t();
  GradientTerms g;
  j.key("selectedGradient");
  if (!gradient_terms(t.network(), st.shown(), st.config.view.selected, t.options().learning_rate,
                      g)) {
    j.null();
    return;
  }
  j.begin_object();
  j.key("backprop").number(g.backprop);
  j.key("sum").number(g.sum);
  j.key("weight").number(g.weight_value);
  j.key("updated").number(g.updated);
  j.key("termCount").integer(static_cast<long long>(g.terms.size()));
  j.key("terms").begin_array();
  for (std::size_t n = 0; n < g.terms.size() && n < most; ++n) {
    const GradientTerm& term = g.terms[n];
    j.begin_object();
    j.key("input").number(term.input);
    j.key("da").number(term.da);
    j.key("daDz").number(term.da_dz);
    j.key("delta").number(term.delta);
    j.key("product").number(term.product);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

// The equations, gradient check and shape mistake tabs' numbers (issue 3), for tests.
void write_explain_json(const AppState& st, JsonWriter& j) {
  const Trainer& t = st.t();
  write_selected_gradient(st, j, std::numeric_limits<std::size_t>::max());
  const ExplainCache& c = st.explain;
  j.key("gradientCheck").begin_object();
  j.key("computed").boolean(c.checked_at.valid);
  j.key("iteration").integer(c.checked_at.iteration);
  j.key("current").boolean(c.checked_at.matches(t.network(), t.data()));
  j.key("error").string(c.check_error);
  j.key("checks").begin_array();
  for (const GradientCheck& k : c.checks) {
    j.begin_object();
    j.key("layer").integer(k.weight.layer);
    j.key("row").integer(k.weight.row);
    j.key("col").integer(k.weight.col);
    j.key("backprop").number(k.backprop);
    j.key("numeric").number(k.numeric);
    j.key("relError").number(k.rel_error);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  j.key("shapeMistake").begin_object();
  j.key("error").string(c.mistake_ok ? std::string() : c.mistake_error);
  j.key("ran").boolean(c.run_done);
  j.key("runError").string(c.run_error);
  j.key("iterations").integer(c.run_iterations);
  const auto column = [&j](const Matrix& m) {
    j.begin_array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) j.number(m(r, 0));
    j.end_array();
  };
  j.key("mistakeOutputs");
  column(c.mistake_outputs);
  j.key("rightOutputs");
  column(c.right_outputs);
  j.key("mistakeLoss").number(c.mistake_loss.empty() ? std::nan("") : c.mistake_loss.back());
  j.key("rightLoss").number(c.right_loss.empty() ? std::nan("") : c.right_loss.back());
  j.end_object();
}

// What is trained and how well (issue 4): the setup, the 2-D points, train/test metrics.
void write_setup_json(const AppState& st, JsonWriter& j) {
  const Config& u = st.config;
  const Network& net = st.t().network();
  const TrainerOptions& o = st.t().options();
  j.key("setup").begin_object();
  j.key("source").string(u.source == DataSource::Chapter     ? "chapter"
                         : u.source == DataSource::Generated ? "generated"
                                                             : "custom");
  j.key("dataSet").string(name(u.data.kind));
  j.key("noise").number(u.data.noise_percent);
  j.key("trainPercent").number(u.data.train_percent);
  j.key("points").integer(u.data.points);
  j.key("dataSeed").unsigned_integer(u.data.seed);
  j.key("features").string(u.features.to_string());
  j.key("sizes").begin_array();
  for (int l = 0; l <= net.layers(); ++l) j.integer(net.size(l));
  j.end_array();
  j.key("biases").boolean(net.has_biases());
  j.key("loss").string(name(o.loss));
  j.key("batchSize").integer(o.batch_size);
  j.key("regularization").string(name(o.regularization));
  j.key("regularizationRate").number(o.regularization_rate);
  j.key("error").string(st.setup_error);
  j.end_object();
  const bool diverged = st.run_diverged();
  const auto metrics = [&j, diverged](const char* key, const Metrics& m) {
    j.key(key).begin_object();
    j.key("examples").integer(static_cast<long>(m.examples));
    j.key("meanLoss").number(m.mean_loss);
    j.key("accuracy");
    if (m.accuracy && !diverged)
      j.number(*m.accuracy);
    else
      j.null();
    j.end_object();
  };
  metrics("train", st.train_metrics);
  metrics("test", st.test_metrics);
  j.key("biasValues").begin_array();
  for (int l = 1; l <= net.layers(); ++l) {
    j.begin_array();
    if (net.has_biases())
      for (Eigen::Index c = 0; c < net.b(l).size(); ++c) j.number(net.b(l)(c));
    j.end_array();
  }
  j.end_array();
  j.key("trainPoints").integer(static_cast<long>(st.points.train.size()));
  j.key("testPoints").integer(static_cast<long>(st.points.test.size()));
  j.key("heatmap").boolean(st.heat.valid);
  j.key("stopMessage").string(st.stop_message);
  j.key("csvMessage").string(st.csv_message);
  j.key("csvText").string(st.csv_text);  // what the CSV box holds now
  j.key("weightEdit");
  if (st.weight_edit) {
    j.begin_object();
    j.key("layer").integer(st.weight_edit->layer);
    j.key("row").integer(st.weight_edit->row);
    j.key("col").integer(st.weight_edit->col);
    j.end_object();
  } else {
    j.null();
  }
  j.key("weightError").string(st.weight_error);
  j.key("fileMessage").string(st.file_message);
}

}  // namespace

Status App::init(const Config& config, std::string link_error, float ui_scale) {
  if (Status s = start(config, std::move(link_error)); !s) return s;
  ImGui::GetIO().IniFilename = nullptr;  // nothing to save between visits
  // A double click (to type a new weight in the diagram) may be as slow as a desktop's
  // usual half second, not only ImGui's default 0.3 s.
  ImGui::GetIO().MouseDoubleClickTime = 0.5f;
  device_scale_ = ui_scale > 0 ? ui_scale : 1.0f;
  ui_scale_ = device_scale_ * static_cast<float>(state_.text_size);
  touch_built_ = state_.touch_ui;
  state_.scale = ui_scale_;
  build_style_and_fonts();
  fonts_rebuilt_ = false;  // the renderer has not uploaded anything yet
  return {};
}

void App::shutdown() {
  state_.training = false;
  state_.trainer.reset();
  state_.rects.clear();
}

void App::set_ui_scale(float device_scale) {
  if (!(device_scale > 0)) return;
  device_scale_ = device_scale;
  const float scale = device_scale * static_cast<float>(state_.text_size);
  if (scale == ui_scale_ && state_.touch_ui == touch_built_) return;
  ui_scale_ = scale;
  touch_built_ = state_.touch_ui;
  build_style_and_fonts();
}

bool App::fonts_rebuilt() {
  return std::exchange(fonts_rebuilt_, false);
}

void App::build_style_and_fonts() {
  ImGuiStyle style;
  ui::style_colours(style, ui::palette());
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(18, 14);
  style.FramePadding = ImVec2(10, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.CellPadding = ImVec2(10, 4);
  style.ScaleAllSizes(ui_scale_);
  const float font_px = std::round(kFontSize * ui_scale_);
  if (touch_built_) {
    // A finger's target: every frame (button, field, checkbox, slider, tab) at least
    // kTouchTargetCss tall, a one-letter button as wide, and wider scrollbars and grabs.
    const float target = kTouchTargetCss * device_scale_;
    style.FramePadding.y = std::max(style.FramePadding.y, std::ceil((target - font_px) / 2));
    style.FramePadding.x = std::max(style.FramePadding.x, std::ceil((target - 0.6f * font_px) / 2));
    style.ItemSpacing.y = std::max(style.ItemSpacing.y, 10 * ui_scale_);
    style.ScrollbarSize = std::max(style.ScrollbarSize, 18 * device_scale_);
    style.GrabMinSize = std::max(style.GrabMinSize, 24 * device_scale_);
  }
  ImGui::GetStyle() = style;
  applied_theme_.reset();  // the border below is the theme's

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig font;
  font.SizePixels = font_px;
  io.Fonts->AddFontDefault(&font);
  // The data plot's points (ui::disc), at about the size they are drawn (3-5 CSS px and a ring).
  ui::add_disc_sprite(*io.Fonts, 6 * ui_scale_);
  io.Fonts->Build();
  ui::draw_disc_sprite(*io.Fonts);
  fonts_rebuilt_ = true;
}

void App::apply_theme() {
  const Theme theme = state_.theme();
  if (applied_theme_ == theme) return;
  applied_theme_ = theme;
  ui::use_palette(palette_of(theme));
  ImGuiStyle& style = ImGui::GetStyle();
  ui::style_colours(style, ui::palette());
  // Light fields on a light page need an edge to be seen.
  style.FrameBorderSize = theme == Theme::Light ? 1.0f : 0.0f;
}

void App::frame_work(double app_ms, double work_ms) {
  const auto smooth = [](double& average, double value) {  // about the last 10 frames
    average = average == 0.0 ? value : average + 0.1 * (value - average);
  };
  smooth(state_.perf_app_ms, app_ms);
  smooth(state_.perf_work_ms, work_ms);
  if (const ImDrawData* d = ImGui::GetDrawData(); d != nullptr)
    state_.perf_vertices = d->TotalVtxCount;
  state_.frame_done(app_ms);
}

namespace {

// The keyboard, while the canvas has focus and none of its text fields is being edited:
// Space trains or pauses, S steps, R resets, the arrow keys move the selected weight (left
// and right: the next one in reading order; up and down: a row in the same matrix), N runs
// the walkthrough's next phase, ? shows the list. Buttons, touches and scripts call the same
// actions.
constexpr const char* kShortcuts[][2] = {
    {"Space", "Train or pause"},
    {"S", "One step (one iteration, or one phase in the walkthrough)"},
    {"R", "Reset: new random weights"},
    {"N", "Walkthrough: the next phase"},
    {"Left, Right", "The previous or next weight (its gradient is explained)"},
    {"Up, Down", "The weight a row above or below, in the same matrix"},
    {"Tab", "Leave the canvas for the text view with the same controls"},
    {"?", "Show or hide this list"},
};

void keyboard_shortcuts(AppState& st) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || io.KeyCtrl ||
      io.KeyAlt || io.KeySuper)
    return;
  for (const ImWchar c : io.InputQueueCharacters) {
    switch (c) {
      case ' ': st.training ? st.pause() : st.train(); break;
      case 's':
      case 'S':
        if (st.config.view.walkthrough)
          st.advance_phase();
        else
          st.step(1);
        break;
      case 'r':
      case 'R': st.reset(); break;
      case 'n':
      case 'N': st.advance_phase(); break;
      case '?': st.show_help = !st.show_help; break;
      default: break;
    }
  }
  // No key repeat: one press, one move, however long a (slow) frame holds the key down.
  const auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false); };
  const WeightRef before = st.config.view.selected;
  if (pressed(ImGuiKey_RightArrow)) st.select_next(1);
  if (pressed(ImGuiKey_LeftArrow)) st.select_next(-1);
  if (pressed(ImGuiKey_DownArrow)) st.select_row(1);
  if (pressed(ImGuiKey_UpArrow)) st.select_row(-1);
  if (!(st.config.view.selected == before))  // the explanation follows, in view
    st.reveal_explanation = AppState::kRevealFrames;
  if (pressed(ImGuiKey_Escape)) st.show_help = false;
}

void draw_help(AppState& st) {
  if (!st.show_help) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::Begin("Keyboard shortcuts", &st.show_help,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  ui::begin_capture();
  ImGui::TextUnformatted("With the canvas focused (click it, or Shift+Tab from the text view):");
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const auto& [key, what] : kShortcuts) {
      ImGui::TableNextColumn();
      ImGui::TextColored(ui::colour(ui::palette().heading), "%s", key);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(what);
    }
    ImGui::EndTable();
  }
  ui::end_capture("Keyboard shortcuts");
  ui::track(st, "Keyboard shortcuts");
  ImGui::End();
}

}  // namespace

// Scroll anchoring, as browsers do it (CSS overflow-anchor): after a click or a tap, the item
// it acted on stays where it is on the screen for the next few frames, even when the layout
// above it changes. Adding a point in the plot on a phone shows the CSV box in the setup
// section above it, 200 CSS px of text: without this, the plot jumped down and the next tap
// landed beside it. Only the page's own column is moved (the one that scrolls on a phone); a
// scroll the app asked for itself (the explanation brought into view) moves the item and its
// column together, and is left alone. A pinch holds the item between the fingers at that
// point (hold_in_place) while the text grows or shrinks around it.
void App::keep_anchored(const AppState& st) {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  // The point an item is held by, in the column (screen y plus the scroll).
  const auto held_y = [w](const WidgetRect& r, float fraction) {
    return r.y + fraction * r.h + w->Scroll.y;
  };
  if (anchor_.frames > 0) {
    --anchor_.frames;
    if (const std::optional<WidgetRect> r = st.rect(anchor_.name)) {
      const float content_y = held_y(*r, anchor_.fraction);
      if (std::fabs(content_y - anchor_.content_y) >= 1.0f) {
        ImGui::SetScrollY(w->Scroll.y + content_y - anchor_.content_y);
        anchor_.content_y = content_y;
      }
    }
  }
  // The smallest named item at a point: what a click acted on, what a pinch spreads from.
  const auto item_at = [&st](ImVec2 m) {
    const WidgetRect* hit = nullptr;
    for (const WidgetRect& r : st.rects)
      if (m.x >= r.x && m.x < r.x + r.w && m.y >= r.y && m.y < r.y + r.h &&
          (hit == nullptr || r.w * r.h < hit->w * hit->h))
        hit = &r;
    return hit;
  };
  if (hold_at_) {  // a pinch: the item between the fingers, held at that point while it lasts
    if (!anchor_.held)
      if (const WidgetRect* hit = item_at(*hold_at_); hit != nullptr) {
        const float fraction = hit->h > 0 ? (hold_at_->y - hit->y) / hit->h : 0.0f;
        anchor_ = Anchor{hit->name, held_y(*hit, fraction), kAnchorFrames, fraction, true};
      }
    if (anchor_.held) anchor_.frames = kAnchorFrames;
    hold_at_.reset();
    return;
  }
  anchor_.held = false;
  if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
      !ImGui::IsMouseClicked(ImGuiMouseButton_Right))
    return;
  if (const WidgetRect* hit = item_at(ImGui::GetIO().MousePos); hit != nullptr)
    anchor_ = Anchor{hit->name, held_y(*hit, 0.0f), kAnchorFrames, 0.0f, false};
}

void App::hold_in_place(float x, float y) {
  hold_at_ = ImVec2(x, y);
}

void App::frame() {
  AppState& st = state_;
  st.rects.clear();
  ui::new_frame();
  st.scale = ui_scale_;
  apply_theme();
  keyboard_shortcuts(st);
  advance(static_cast<double>(ImGui::GetIO().DeltaTime));
  measure_speed(st, ImGui::GetIO().DeltaTime);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // The page's window paints no background: the platform clears the canvas to the same
  // colour (WindowBg) before drawing. Painted again, it was a second layer over every pixel,
  // blended and textured: in software WebGL (SwiftShader) that was a third of the cost of each
  // frame at 1280x800. Its frame line, which goes with the background, is drawn below.
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;
  // The title bar also holds the speed overlay at its right end: on a narrow page the short
  // title, so that the two never overlap ("###page" keeps the window's id the same).
  const char* title = "Backpropagation, live: watch a small network learn, number by number###page";
  const float overlay =
      ImGui::CalcTextSize("frame 000.0 ms (00 fps)   000000 iterations/s  hide").x;
  if (ImGui::CalcTextSize(title, nullptr, true).x + overlay + 40 * ui_scale_ > vp->WorkSize.x)
    title = "Backpropagation, live###page";
  // A phone: the overlay's short form (perf_overlay.cpp) beside the longest title that fits
  // (a 390 px phone has room for "Backprop, live"), or alone; the page's <title> names it.
  const float short_overlay = ImGui::CalcTextSize("00 fps  000000 it/s  hide").x;
  if (overlay + 80 * ui_scale_ > vp->WorkSize.x)
    for (const char* fits : {title, "Backprop, live###page", "###page"}) {
      title = fits;
      if (ImGui::CalcTextSize(title, nullptr, true).x + short_overlay + 40 * ui_scale_ <=
          vp->WorkSize.x)
        break;
    }
  st.title = std::string_view(title).substr(0, std::string_view(title).find("###"));
  ImGui::Begin(title, nullptr, flags);
  {
    const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRectFullScreen();  // the edge lies outside the window's inner clip rectangle
    draw->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), ImGui::GetColorU32(ImGuiCol_Border),
                  ImGui::GetStyle().WindowRounding, 0, ImGui::GetStyle().WindowBorderSize);
    draw->PopClipRect();
  }
  if (!st.hidden("intro")) draw_intro(st);
  if (!st.settings_error.empty()) {
    const std::string text = "The link's settings were not used: " + st.settings_error;
    ui::error_wrapped(text.c_str());
    ui::track(st, "Link error");
  }
  draw_controls(st);
  draw_status(st);
  // On a wide page the walkthrough's panel heads the right-hand column, so that the top strip
  // stays small and the diagram and the loss curve fit beside it; on a narrow one, here.
  const float k = ui_scale_;
  const bool wide = ImGui::GetContentRegionAvail().x >= 1000 * k;
  if (st.config.view.walkthrough && !wide) draw_walkthrough(st);
  ImGui::Separator();

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (wide && avail.y >= 360 * k) {
    // Two columns that scroll on their own when the window is short.
    const float left = std::floor(avail.x * 0.46f);
    ImGui::BeginChild("left", ImVec2(left, 0));
    draw_setup_and_diagram(st);
    draw_left_tabs(st);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("right", ImVec2(0, 0));
    if (st.config.view.walkthrough) {
      draw_walkthrough(st);
      ImGui::Separator();
    }
    draw_data(st);  // at the top, so the outputs are in view while training
    draw_right_tabs(st);
    ImGui::EndChild();
  } else {
    // Narrow or short window (a phone): one column, in the order a student needs: the
    // controls and status (above), the walkthrough, the diagram, the data with the outputs,
    // the loss, the setup and sharing sections, then the explanations.
    if (st.config.view.walkthrough && wide) draw_walkthrough(st);
    if (!st.hidden("diagram")) draw_diagram(st);
    draw_data(st);
    draw_left_tabs(st);
    draw_setup(st);
    if (!st.hidden("share")) draw_share(st);
    draw_right_tabs(st);
  }
  keep_anchored(st);
  ImGui::End();
  if (!st.hidden("perf")) draw_perf_overlay(st);
  draw_help(st);
  if (const std::optional<ImVec4> tip = ui::tooltip_rect())  // for tests: what it covers
    st.rects.push_back(WidgetRect{"Tooltip", tip->x, tip->y, tip->z, tip->w, 0, -1});
}

std::string App::state_json() const {
  const AppState& st = state_;
  const Trainer& t = st.t();
  const Dataset& d = t.data();
  const Matrix& out = st.outputs();
  const auto column_or_rows = [](JsonWriter& j, const Matrix& m) {
    j.begin_array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      if (m.cols() == 1) {
        j.number(m(r, 0));
        continue;
      }
      j.begin_array();
      for (Eigen::Index c = 0; c < m.cols(); ++c) j.number(m(r, c));
      j.end_array();
    }
    j.end_array();
  };
  const auto rows = [](JsonWriter& j, const Matrix& m) {
    j.begin_array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      j.begin_array();
      for (Eigen::Index c = 0; c < m.cols(); ++c) j.number(m(r, c));
      j.end_array();
    }
    j.end_array();
  };
  JsonWriter j;
  j.begin_object();
  j.key("iteration").integer(t.iteration());
  j.key("loss").number(st.loss);
  j.key("lastStepLoss").number(t.loss());
  j.key("inputs");
  rows(j, d.X);
  j.key("targets");
  column_or_rows(j, d.Y);
  // After divergence no output is a number (null), even one that happens to be finite.
  const bool diverged = st.run_diverged();
  j.key("outputs");
  column_or_rows(j,
                 diverged ? Matrix(Matrix::Constant(out.rows(), out.cols(), std::nan(""))) : out);
  j.key("weights").begin_array();
  for (int l = 1; l <= t.network().layers(); ++l) rows(j, t.network().W(l));
  j.end_array();
  j.key("training").boolean(st.training);
  j.key("diverged").boolean(t.diverged());
  j.key("message").string(st.message());
  // What the last frame showed as text: its tooltip, and the captured panels (ui::captured).
  const auto& text = ui::captured();
  const auto tip = text.find("tooltip");
  j.key("tooltip").string(tip == text.end() ? std::string{} : tip->second);
  // A text field of the canvas has the keyboard: Tab and the arrows stay in the canvas.
  j.key("typing").boolean(ImGui::GetIO().WantTextInput);
  j.key("text").begin_object();
  for (const auto& [name, shown] : text) j.key(name).string(shown);
  j.end_object();
  j.key("learningRate").number(t.options().learning_rate);
  j.key("speed");
  if (st.config.view.speed_max)
    j.string("max");
  else
    j.number(st.config.view.speed);
  j.key("frameIterations").integer(st.frame_iterations);
  // Animation frames since the page started, drawn or at rest (performance: how many of each).
  j.key("frame").integer(st.frames + st.frames_rested);
  j.key("title").string(st.title);
  // The frame budget's rule (settings.hpp) as the last frame applied it.
  j.key("frameBudget").begin_object();
  j.key("ms").number(st.frame_budget_ms);
  j.key("otherMs").number(st.frame_other_ms);
  j.key("iterations").integer(st.frame_iterations);
  j.key("asked");
  if (st.frame_asked < 0)
    j.null();
  else
    j.integer(st.frame_asked);
  j.key("cut").boolean(st.frame_cut);
  j.key("trainMs").number(st.frame_train_ms);
  j.end_object();
  j.key("speedLimited").boolean(st.speed_limited());
  j.key("speedMessage").string(speed_message(st));
  j.key("stepsLeft").integer(st.steps_left());
  j.key("contextLost").boolean(st.context_lost);
  j.key("saturatedHidden").integer(st.saturated_hidden);
  j.key("stalled").boolean(st.stalled);
  j.key("stallStopped").boolean(st.stall_stopped);
  j.key("dataError").string(st.data_error);
  j.key("introOpen").boolean(st.intro_open);
  j.key("logScale").boolean(st.loss_log);
  j.key("lossHover");
  if (st.loss_hover) {
    j.begin_object();
    j.key("iteration").integer(st.loss_hover->iteration);
    j.key("loss").number(st.loss_hover->loss);
    j.key("height").number(st.loss_hover_height);
    j.end_object();
  } else {
    j.null();
  }
  j.key("lossTicks").begin_array();
  for (const std::string& tick : st.loss_ticks) j.string(tick);
  j.end_array();
  j.key("tryOutput");
  if (diverged)
    j.null();
  else if (Result<Matrix> y = t.network().predict(st.try_x); y)
    column_or_rows(j, Matrix(y.value().transpose()));
  else
    j.string(y.error());
  j.key("historyPoints").integer(static_cast<long>(st.history.points().size()));
  j.key("tryInput").begin_array();
  for (Eigen::Index c = 0; c < st.try_x.cols(); ++c) j.number(st.try_x(0, c));
  j.end_array();
  j.key("seed").unsigned_integer(st.config.seed);
  j.key("performance").begin_object();
  j.key("frameMs").number(st.perf_frame_ms);
  j.key("iterationsPerSecond").number(st.perf_iterations_per_second);
  j.key("frameAppMs").number(st.perf_app_ms);
  j.key("frameWorkMs").number(st.perf_work_ms);
  j.key("evaluations").integer(st.evaluations);
  j.key("heatEvaluations").integer(st.heat_evaluations);
  j.key("termTables").integer(st.explain.terms_computed);
  j.key("evaluateEvery").integer(st.evaluate_every);
  j.key("vertices").integer(st.perf_vertices);
  j.key("framesDrawn").integer(st.frames);
  j.key("framesRested").integer(st.frames_rested);
  j.key("framesUnchanged").integer(st.frames_unchanged);
  j.key("evaluateMs").number(st.evaluate_ms);
  j.key("termRowsLaidOut").integer(st.explain.term_rows_laid_out);
  j.key("termTablesEvery").integer(st.explain.terms_every);
  j.key("shown").boolean(st.show_perf);
  j.end_object();
  j.key("selected").begin_object();
  j.key("layer").integer(st.config.view.selected.layer);
  j.key("row").integer(st.config.view.selected.row);
  j.key("col").integer(st.config.view.selected.col);
  j.end_object();
  j.key("example").integer(st.example);
  // The text size the student chose, and the font's size it gives, in CSS pixels.
  j.key("textSize").number(st.text_size);
  j.key("fontSize").number(static_cast<double>(ImGui::GetFontSize() / device_scale_));
  j.key("touchUi").boolean(st.touch_ui);
  j.key("helpShown").boolean(st.show_help);
  j.key("showGradients").boolean(st.config.view.show_gradients);
  j.key("walkthrough").boolean(st.config.view.walkthrough);
  j.key("theme").string(name(st.theme()));  // the one drawn with ("system" resolved)
  j.key("phasesDone").integer(t.phases_done());
  j.key("phaseCount").integer(t.phase_count());
  j.key("phase");
  if (st.walk_phase) {
    j.begin_object();
    j.key("kind").string(name(st.walk_phase->kind));
    j.key("layer").integer(st.walk_phase->layer);
    j.end_object();
  } else {
    j.null();
  }
  j.key("activations").begin_array();
  for (Activation f : t.network().spec().activations) j.string(name(f));
  j.end_array();
  write_explain_json(st, j);
  write_setup_json(st, j);
  j.end_object();
  std::string json = j.str();  // then the exercise's own object (exercise_state.hpp)
  json.pop_back();
  return json + ",\"exercise\":" + exercise_json(st) + "}";
}

std::string App::summary_json() const {
  const AppState& st = state_;
  const Trainer& t = st.t();
  const Dataset& d = t.data();
  const Matrix& out = st.outputs();
  const bool diverged = st.run_diverged();
  const Eigen::Index shown = std::min<Eigen::Index>(d.X.rows(), kSummaryRows);
  // The first rows of m: a number per row when it has one column (as state() writes them).
  const auto first_rows = [shown](JsonWriter& j, const Matrix& m, bool nan) {
    j.begin_array();
    for (Eigen::Index r = 0; r < shown && r < m.rows(); ++r) {
      if (m.cols() != 1) j.begin_array();
      for (Eigen::Index c = 0; c < m.cols(); ++c) j.number(nan ? std::nan("") : m(r, c));
      if (m.cols() != 1) j.end_array();
    }
    j.end_array();
  };
  JsonWriter j;
  j.begin_object();
  j.key("iteration").integer(t.iteration());
  j.key("loss").number(st.loss);
  j.key("training").boolean(st.training);
  j.key("diverged").boolean(t.diverged());
  j.key("message").string(st.message());
  j.key("typing").boolean(ImGui::GetIO().WantTextInput);
  j.key("learningRate").number(t.options().learning_rate);
  j.key("textSize").number(st.text_size);
  j.key("example").integer(st.example);
  j.key("walkthrough").boolean(st.config.view.walkthrough);
  j.key("phasesDone").integer(t.phases_done());
  j.key("phaseCount").integer(t.phase_count());
  j.key("selected").begin_object();
  j.key("layer").integer(st.config.view.selected.layer);
  j.key("row").integer(st.config.view.selected.row);
  j.key("col").integer(st.config.view.selected.col);
  j.end_object();
  j.key("setup").begin_object();
  j.key("sizes").begin_array();
  for (int l = 0; l <= t.network().layers(); ++l) j.integer(t.network().size(l));
  j.end_array();
  j.end_object();
  j.key("examples").integer(static_cast<long long>(d.X.rows()));  // state().inputs.length
  j.key("inputs");
  first_rows(j, d.X, false);
  j.key("targets");
  first_rows(j, d.Y, false);
  j.key("outputs");  // after divergence none is a number, as in state()
  first_rows(j, out, diverged);
  write_selected_gradient(st, j, static_cast<std::size_t>(kSummaryRows));
  // The Weight explanation panel as the last frame captured it, without the lines of its
  // table (one per example, starting with '|'), which the text view leaves out anyway.
  const auto& text = ui::captured();
  j.key("explanation");
  if (const auto e = text.find("Weight explanation"); e != text.end()) {
    std::string kept;
    std::string_view rest = e->second;
    while (!rest.empty()) {
      const std::size_t end = std::min(rest.find('\n'), rest.size());
      const std::string_view line = rest.substr(0, end);
      rest.remove_prefix(std::min(end + 1, rest.size()));
      const std::size_t first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos || line[first] == '|') continue;
      kept.append(line).push_back('\n');
    }
    j.string(kept);
  } else {
    j.null();
  }
  j.end_object();
  return j.str();
}

}  // namespace bp::app

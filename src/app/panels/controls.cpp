// The control bar (Train/Pause, Step, Reset, Restart, seed, learning rate, speed, walkthrough)
// and the status line with what went wrong: divergence, saturated units, a stalled loss.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {
namespace {

// The speed slider runs over log10(iterations per second) from 0 (1/s) to 5 (100000/s);
// its last stretch, past kMaxFrom, means "max": as many as fit in the frame budget.
constexpr float kSliderEnd = 5.6f;
constexpr float kMaxFrom = 5.25f;

// 10^p rounded to two significant digits, so that the slider shows round numbers.
double round_speed(double p) {
  const double v = std::pow(10.0, p);
  const double unit = std::pow(10.0, std::floor(std::log10(v)) - 1.0);
  return std::fmax(kMinSpeed, std::fmin(kMaxSpeed, std::round(v / unit) * unit));
}

// Places the next item of the control bar after the one before (any: one was drawn), on a
// new line if it does not fit; items the link hid leave no gap.
void place(bool& any, float width, float gap) {
  if (any) ui::same_line_if_fits(width, gap);
  any = true;
}

// A label and the next item on one line, the pair moved to a new line if it does not fit.
void labelled(bool& any, const char* label, float item_width, float gap) {
  place(any, ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x + item_width, gap);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(item_width);
}

void tooltip(const char* text) {
  ui::item_tooltip(text);  // not again after a click until the mouse leaves the button
}

// The two ways back from a run gone wrong, side by side.
void way_back(AppState& s) {
  const float k = s.scale;
  if (ImGui::Button("Restart##message")) s.restart();
  ui::track(s, "Restart (message)");
  tooltip("Back to this seed's initial weights, iteration 0, same learning rate");
  ImGui::SameLine(0, 12 * k);
  const double lr = s.t().options().learning_rate;
  char label[96];
  std::snprintf(label, sizeof label, "Restart with learning rate %.6g###lower", lr / 10);
  if (ImGui::Button(label)) {
    if (s.set_learning_rate(lr / 10)) s.restart();
  }
  ui::track(s, "Lower learning rate");
  tooltip("A ten times smaller learning rate, then back to this seed's initial weights");
}

}  // namespace

void draw_controls(AppState& s) {
  const float k = s.scale;
  const float gap = 26 * k;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  // Train, Step, Reset and Restart share one row, narrower on a phone, so that the first
  // screen reaches the diagram.
  const float button =
      std::clamp((ImGui::GetContentRegionAvail().x - 3 * spacing) / 4, 64 * k, 86 * k);
  const bool narrow =
      button < 86 * k;  // a phone: tighter labels, Seed and Learning rate on one row
  if (narrow)
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(4 * k, ImGui::GetStyle().FramePadding.y));
  const bool diverged = s.t().diverged();
  bool any = false;  // something is on the bar already

  ImGui::BeginDisabled(diverged);
  char label[48];
  if (!s.hidden("train")) {
    place(any, button, spacing);
    const bool busy = s.running();  // a step(n) over several frames too
    const char* toggle = busy ? "Pause" : "Train";
    std::snprintf(label, sizeof label, "%s###toggle", toggle);
    if (ImGui::Button(label, ImVec2(button, 0))) busy ? s.pause() : s.train();
    ui::track(s, toggle);
    tooltip(busy ? "Stop after this frame's iterations"
                 : "Run gradient descent at the speed set on the right");
  }
  if (!s.hidden("step")) {
    place(any, button, spacing);
    const char* step = s.config.view.walkthrough ? "Next phase" : "Step";
    std::snprintf(label, sizeof label, "%s###step", step);
    if (ImGui::Button(label, ImVec2(s.config.view.walkthrough ? 0.0f : button, 0))) {
      if (s.config.view.walkthrough)
        (void)s.advance_phase();
      else
        s.step(1);
    }
    ui::track(s, step);
    tooltip(s.config.view.walkthrough
                ? "Run the next phase of this iteration: forward, loss, backward, update"
                : "Pause and run exactly one iteration");
  }
  ImGui::EndDisabled();
  if (!s.hidden("reset")) {
    place(any, button, spacing);
    if (ImGui::Button("Reset", ImVec2(button, 0))) s.reset();
    ui::track(s, "Reset");
    tooltip("New random initial weights (the next seed), iteration 0");
  }
  if (!s.hidden("restart")) {
    place(any, button, spacing);
    if (ImGui::Button("Restart", ImVec2(button, 0))) s.restart();
    ui::track(s, "Restart");
    tooltip("Back to this seed's initial weights, iteration 0");
  }

  if (narrow) ImGui::PopStyleVar();

  if (!s.hidden("seed")) {
    labelled(any, "Seed", (narrow ? 64 : 80) * k, gap);
    const ui::NumberEdit seed =
        ui::input_whole("##seed", s.seed_edit, UINT64_MAX, ImGuiInputTextFlags_EnterReturnsTrue);
    if (seed.changed) s.set_seed(s.seed_edit);
    if (!seed.refused.empty()) s.lr_error = "seed: " + seed.refused;
    ui::track(s, "Seed");
    tooltip("Type a whole number and press Enter: that seed's random initial weights");
  }

  if (!s.hidden("lr")) {
    labelled(any, "Learning rate", (narrow ? 72 : 90) * k, narrow ? 12 * k : gap);
    const ui::NumberEdit lr =
        ui::input_number("##lr", s.lr_edit, ImGuiInputTextFlags_EnterReturnsTrue);
    ui::track(s, "Learning rate");
    if (lr.changed) (void)s.set_learning_rate(s.lr_edit);
    if (!lr.refused.empty()) s.lr_error = "learning rate: " + lr.refused;
    tooltip("The step size of W <- W - learning rate * dC/dW. Type a value and press Enter.");
  }

  if (!s.hidden("speed")) {
    labelled(any, "Speed", 210 * k, gap);
    float pos =
        s.config.view.speed_max ? kSliderEnd : static_cast<float>(std::log10(s.config.view.speed));
    char shown[48];
    if (s.config.view.speed_max)
      std::snprintf(shown, sizeof shown, "max (%.0f ms a frame)", s.frame_budget_ms);
    else
      std::snprintf(shown, sizeof shown, "%.0f per second", s.config.view.speed);
    if (ImGui::SliderFloat("##speed", &pos, 0.0f, kSliderEnd, shown,
                           ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat |
                               ImGuiSliderFlags_AlwaysClamp)) {
      s.config.view.speed_max = pos >= kMaxFrom;
      if (!s.config.view.speed_max)
        s.config.view.speed = round_speed(static_cast<double>(std::fmin(pos, 5.0f)));
    }
    ui::track(s, "Speed");
    tooltip(
        "Iterations per second while training, from 1 to 100000; at the right end, as many "
        "as fit in each frame. Drawing stays at the screen's frame rate either way.");
  }

  if (!s.hidden("walkthrough")) {
    place(any, ImGui::GetFrameHeight() + ImGui::CalcTextSize("Walkthrough").x + 10 * k, gap);
    bool walk = s.config.view.walkthrough;
    if (ImGui::Checkbox("Walkthrough", &walk)) s.set_walkthrough(walk);
    ui::track(s, "Walkthrough mode");
    tooltip(
        "Step runs one phase of an iteration at a time: forward layer by layer, the loss, "
        "backward layer by layer, the update");
  }

  if (!s.lr_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().error));
    ui::wrapped("Learning rate not changed: %s (it stays %.6g).", s.lr_error.c_str(),
                s.t().options().learning_rate);
    ImGui::PopStyleColor();
  }
}

void draw_status(AppState& s) {
  const Trainer& t = s.t();
  const float k = s.scale;
  ImGui::BeginGroup();  // the whole line is "Status"
  ImGui::Text("Iteration %ld", t.iteration());
  // On a narrow page the parts of the line wrap instead of being cut at the edge.
  char loss[96];
  if (s.two_d())
    std::snprintf(loss, sizeof loss, "Training loss %s (mean per point)",
                  ui::format_number(s.train_metrics.mean_loss, 5).text);
  else
    std::snprintf(loss, sizeof loss, "Loss C = %s", ui::format_number(s.loss, 6).text);
  ui::same_line_if_fits(ImGui::CalcTextSize(loss).x, 36 * k);
  ImGui::TextUnformatted(loss);
  const char* what = t.diverged()              ? "diverged: stopped"
                     : s.training              ? "training"
                     : s.stepping              ? "stepping"
                     : !s.stop_message.empty() ? "stopped"
                     : s.stall_stopped         ? "stalled: stopped"
                                               : "paused";
  ui::same_line_if_fits(ImGui::CalcTextSize(what).x, 36 * k);
  ImGui::TextColored(t.diverged() ? ui::colour(ui::palette().error)
                                  : (s.running() ? ui::colour(ui::palette().heading)
                                                 : ui::colour(ui::palette().muted)),
                     "%s", what);
  if (exercise_trains(s)) {
    const char* code = "with your code (Exercise tab)";
    ui::same_line_if_fits(ImGui::CalcTextSize(code).x, 36 * k);
    ImGui::TextColored(ui::colour(ui::palette().heading), "%s", code);
  }
  char info[160];
  if (s.stepping)
    std::snprintf(info, sizeof info, "%ld of %ld iterations still to run (Pause stops them)",
                  s.steps_left(), s.stepping->asked);
  else if (s.training && s.config.view.speed_max)
    std::snprintf(info, sizeof info, "%ld iterations in the last frame", s.frame_iterations);
  else
    std::snprintf(info, sizeof info, "seed %llu, learning rate %.6g",
                  static_cast<unsigned long long>(s.config.seed), t.options().learning_rate);
  ui::same_line_if_fits(ImGui::CalcTextSize(info).x, 36 * k);
  ImGui::TextColored(ui::colour(ui::palette().muted), "%s", info);
  ImGui::EndGroup();
  ui::track(s, "Status");
  ui::keep_clear();  // tooltips stay off the iteration and the loss
  draw_text_size(s);
  if (const std::string limited = speed_message(s); !limited.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().warning));
    ui::wrapped_text(limited);
    ImGui::PopStyleColor();
    ui::track(s, "Speed limited");
  }
  if (s.training && s.evaluate_every > 1) {
    ui::muted(
        "Working out the outputs, the loss and the pictures for every example takes %.0f ms "
        "here, so while training they are updated every %d frames.",
        s.evaluate_ms, s.evaluate_every);
    ui::track(s, "Pictures every few frames");
  }

  if (!s.stop_message.empty() && !s.training) {
    const std::string text = "Stopped by your rule: " + s.stop_message;
    ImGui::TextColored(ui::colour(ui::palette().heading), "%s", text.c_str());
    ui::track(s, "Stop message");
  }
  if (t.diverged()) {
    ui::error_wrapped(t.divergence().c_str());
    ui::muted_wrapped(
        "Why: with steps this large each update overshoots the bottom of the loss and lands "
        "where the slope is steeper still, so the next step is even larger; the weights grow "
        "until the numbers overflow. Nothing can be learned from here: go back to the initial "
        "weights, best with a smaller learning rate.");
    ui::track(s, "Divergence message");
    way_back(s);
    return;
  }
  if (s.saturated_hidden > 0) {
    const bool sigmoid = t.network().spec().activations.front() == Activation::Sigmoid;
    const char* deriv = sigmoid ? "s'(z)" : "f'(z)";
    const int n = s.saturated_hidden;
    char text[512];
    if (s.stalled || s.stall_stopped) {
      std::snprintf(text, sizeof text,
                    "%s%d hidden unit%s saturated: %s derivative %s is nearly 0 for every "
                    "example, so almost no gradient flows back through %s; training has "
                    "stalled (the loss fell by less than %.1f%% over the last %ld iterations). "
                    "Lower the learning rate and Restart.",
                    s.stall_stopped ? "Training stopped. " : "", n, n == 1 ? " is" : "s are",
                    n == 1 ? "its" : "their", deriv, n == 1 ? "it" : "them", kStallDrop * 100,
                    kStallIterations);
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().warning));
      ui::wrapped_text(text);
      ImGui::PopStyleColor();
      ui::track(s, "Saturation message");
      way_back(s);
    } else {
      std::snprintf(text, sizeof text,
                    "Note: %d hidden unit%s saturated right now (%s nearly 0 for every "
                    "example), so little gradient flows back through %s. If the loss stops "
                    "falling, lower the learning rate and Restart.",
                    n, n == 1 ? " is" : "s are", deriv, n == 1 ? "it" : "them");
      ui::muted_wrapped(text);
      ui::track(s, "Saturation note");
    }
  }
}

}  // namespace bp::app

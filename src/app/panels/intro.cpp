// What you are looking at: a few lines for a first visit, folded to one link once read.
#include "../panels.hpp"

#include <string>

#include <imgui.h>

#include "../ui.hpp"
#include "config/version.hpp"

namespace bp::app {

namespace {

// The network's shape in words: "2-4-4-1 (tanh, tanh, sigmoid)".
std::string shape_text(const AppState& s) {
  const NetworkSpec& n = s.t().network().spec();
  std::string text;
  for (std::size_t i = 0; i < n.sizes.size(); ++i)
    text += (i ? "-" : "") + std::to_string(n.sizes[i]);
  text += " (";
  for (std::size_t i = 0; i < n.activations.size(); ++i)
    text += (i ? ", " : "") + std::string(name(n.activations[i]));
  return text + ")";
}

}  // namespace

void draw_intro(AppState& s) {
  const float k = s.scale;
  const std::string shape = shape_text(s);
  if (!s.intro_open) {
    if (ui::small_button(s, "What is this?")) s.intro_open = true;
    ui::track(s, "What is this?");
    ImGui::SameLine(0, 12 * k);
    ImGui::TextColored(ui::colour(ui::palette().muted),
                       "A %s network learning by gradient descent, every number live.",
                       shape.c_str());
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().text));
  // Two lines on a laptop's screen, so that the diagram and the loss curve fit below.
  if (!s.two_d()) {
    ui::wrapped(
        "A small network (%s) learns the data table: output 1 when exactly one of x1 and x2 is "
        "1. Press Train and watch its outputs approach the targets y as the loss C falls; then "
        "Pause and click a line in the diagram to see how that weight's gradient is built.",
        shape.c_str());
  } else {
    ui::wrapped(
        "A %s network learns the points on the plot; the shading behind them is its output over "
        "the plane. Press Train and watch the shading take the shape of the data as the losses "
        "fall; then Pause and click a line in the diagram to see how that weight's gradient is "
        "built.",
        shape.c_str());
  }
  ImGui::PopStyleColor();
  ui::same_line_if_fits(ImGui::CalcTextSize("Got it, hide this").x + 8 * k, 12 * k);
  if (ui::small_button(s, "Got it, hide this")) s.intro_open = false;
  ui::track(s, "Hide intro");
  // About this build: which version a lesson was written for (backprop.get().version too).
  const std::string about = std::string("backprop ") + bp::version();
  ui::same_line_if_fits(ImGui::CalcTextSize(about.c_str()).x, 12 * k);
  ImGui::TextColored(ui::colour(ui::palette().muted), "%s", about.c_str());
  ui::track(s, "Version");
}

}  // namespace bp::app

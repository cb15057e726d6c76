// What you are looking at: a few lines for a first visit, folded to one link once read.
#include "../panels.hpp"

#include <string>

#include <imgui.h>

#include "../ui.hpp"

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
    ImGui::TextColored(ui::kMuted, "A %s network learning by gradient descent, every number live.",
                       shape.c_str());
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.86f, 0.89f, 0.93f, 1.0f));
  if (!s.two_d()) {
    ui::wrapped(
        "A small network (%s) is learning the data table: output 1 when exactly one of the "
        "first two inputs is 1, otherwise 0. Press Train and watch its outputs move toward the "
        "targets y while the loss C falls.",
        shape.c_str());
  } else {
    ui::wrapped(
        "A %s network is learning the points on the plot: the shading behind them is what it "
        "outputs at every place of the plane. Press Train and watch the shading take the "
        "shape of the data while the training and test losses fall.",
        shape.c_str());
  }
  ui::wrapped_text(
      "Then Pause and click a weight (a line in the diagram or a cell of a W in the Matrices "
      "tab): the Equations tab shows how backpropagation builds its gradient dC/dw out of the "
      "numbers on screen.");
  ImGui::PopStyleColor();
  if (ui::small_button(s, "Got it, hide this")) s.intro_open = false;
  ui::track(s, "Hide intro");
}

}  // namespace bp::app

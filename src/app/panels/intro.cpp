// What you are looking at: a few lines for a first visit, folded to one link once read.
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_intro(AppState& s) {
  const float k = s.scale;
  if (!s.intro_open) {
    if (ImGui::SmallButton("What is this?")) s.intro_open = true;
    s.track("What is this?");
    ImGui::SameLine(0, 12 * k);
    ImGui::TextColored(ui::kMuted,
                       "A 3-4-1 sigmoid network learning by gradient descent, every number live.");
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.86f, 0.89f, 0.93f, 1.0f));
  ImGui::TextWrapped(
      "A small network (3 inputs, 4 hidden units, 1 output) is learning the table below: output "
      "1 when exactly one of the first two inputs is 1, otherwise 0. Press Train and watch its "
      "outputs a2 move toward the targets y while the loss C falls.");
  ImGui::TextWrapped(
      "Then Pause and click a weight (a line in the diagram or a cell of W1 or W2): the Equations "
      "tab shows how backpropagation builds its gradient dC/dw out of the numbers on screen.");
  ImGui::PopStyleColor();
  if (ImGui::SmallButton("Got it, hide this")) s.intro_open = false;
  s.track("Hide intro");
}

}  // namespace bp::app

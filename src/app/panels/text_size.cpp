// The text size control (A- / A+): the whole page's text and widgets drawn smaller or larger,
// crisply (App::set_ui_scale rasterises the font again at the new size). A pinch on a touch
// screen and backprop.setTextSize change the same AppState::text_size.
#include <cstdio>

#include <imgui.h>

#include "../panels.hpp"
#include "../ui.hpp"

namespace bp::app {

void draw_text_size(AppState& s) {
  char percent[32];
  std::snprintf(percent, sizeof percent, "Text %.0f %%", s.text_size * 100);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::CalcTextSize("A+").x + 2 * style.FramePadding.x;
  const float width = ImGui::CalcTextSize(percent).x + 2 * (button + style.ItemSpacing.x);
  // At the right end of the line before (the status line) if it fits there, else below it.
  const float right = ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 26 * s.scale + width <= right)
    ImGui::SameLine(right - width);
  ImGui::BeginGroup();
  ui::begin_capture();
  ImGui::BeginDisabled(s.text_size <= kMinTextSize);
  if (ImGui::Button("A-###smaller text")) s.set_text_size(s.text_size - kTextSizeStep);
  ImGui::EndDisabled();
  ui::track(s, "Smaller text");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ui::tooltip("Smaller text and controls (or pinch with two fingers)");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(percent);
  ui::track(s, "Text size");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.text_size >= kMaxTextSize);
  if (ImGui::Button("A+###larger text")) s.set_text_size(s.text_size + kTextSizeStep);
  ImGui::EndDisabled();
  ui::track(s, "Larger text");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ui::tooltip("Larger text and controls (or spread two fingers apart)");
  ui::end_capture("Text size");
  ImGui::EndGroup();
}

}  // namespace bp::app

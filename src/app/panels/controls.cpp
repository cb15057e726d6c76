// The control bar (Train/Pause, Step, Reset, speed, learning rate) and the status line.
#include "../panels.hpp"

#include <cstdio>
#include <string>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_controls(AppState& s) {
  const float k = s.scale;
  const bool diverged = s.t().diverged();
  const char* toggle = s.training ? "Pause" : "Train";
  ImGui::BeginDisabled(diverged);
  char label[32];
  std::snprintf(label, sizeof label, "%s###toggle", toggle);
  if (ImGui::Button(label, ImVec2(90 * k, 0))) s.training ? s.pause() : s.train();
  s.track(toggle);
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(90 * k, 0))) s.step(1);
  s.track("Step");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(90 * k, 0))) s.reset();
  s.track("Reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("New random weights (next seed), iteration 0");

  const float gap = ImGui::GetStyle().ItemSpacing.x;
  ui::same_line_if_fits(ImGui::CalcTextSize("Iterations per frame").x + gap + 170 * k, 30 * k);
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Iterations per frame");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(170 * k);
  ImGui::SliderInt("##speed", &s.iterations_per_frame, 1, kMaxIterationsPerFrame, "%d",
                   ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  s.track("Iterations per frame");
  ImGui::EndGroup();

  ui::same_line_if_fits(ImGui::CalcTextSize("Learning rate").x + gap + 110 * k, 30 * k);
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Learning rate");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * k);
  const bool entered = ImGui::InputDouble(
      "##lr", &s.lr_edit, 0.0, 0.0, "%.6g",
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsScientific);
  s.track("Learning rate");
  if (entered || ImGui::IsItemDeactivatedAfterEdit()) (void)s.set_learning_rate(s.lr_edit);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a value and press Enter");
  ImGui::EndGroup();
  if (!s.lr_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kError);
    ImGui::TextWrapped("Learning rate not changed: %s (it stays %.6g).", s.lr_error.c_str(),
                       s.t().options().learning_rate);
    ImGui::PopStyleColor();
  }
}

void draw_status(AppState& s) {
  const Trainer& t = s.t();
  ImGui::Spacing();
  ImGui::Text("Iteration %ld", t.iteration());
  ImGui::SameLine(0, 40 * s.scale);
  ImGui::Text("Loss C = 1/2 sum (y - a2)^2 = %s", ui::format_number(s.loss, 6).text);
  ImGui::SameLine(0, 40 * s.scale);
  ImGui::TextColored(ui::kMuted, "%s",
                     s.training ? "training..." : (t.diverged() ? "stopped" : "paused"));
  std::string acts;
  for (std::size_t i = 0; i < t.network().spec().activations.size(); ++i)
    acts += (i ? ", " : "") + std::string(name(t.network().spec().activations[i]));
  char info[160];
  std::snprintf(info, sizeof info, "seed %llu, learning rate %.6g, activations %s",
                static_cast<unsigned long long>(s.seed), t.options().learning_rate, acts.c_str());
  ui::same_line_if_fits(ImGui::CalcTextSize(info).x, 40 * s.scale);
  ImGui::TextColored(ui::kMuted, "%s", info);
  if (t.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kError);
    ImGui::TextWrapped("%s", t.divergence().c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button("Restart", ImVec2(90 * s.scale, 0))) s.restart();
    s.track("Restart");
    ImGui::SameLine();
    ImGui::TextColored(ui::kMuted,
                       "back to this seed's initial weights, keeping the learning rate");
  }
  ImGui::Spacing();
}

}  // namespace bp::app

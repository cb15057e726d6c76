// A small overlay in the bottom-right corner with the page's own frame time and training
// speed, so a student or teacher can see how fast it runs; it folds to a button.
#include "../panels.hpp"

#include <cstdio>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void measure_speed(AppState& s, float dt) {
  const long it = s.t().iteration();
  const long done = it >= s.perf_last_iteration ? it - s.perf_last_iteration : 0;
  s.perf_last_iteration = it;
  if (dt <= 0.0f) return;
  // Exponential moving averages over about half a second.
  const double k = std::min(1.0, static_cast<double>(dt) / 0.5);
  s.perf_iterations_per_second +=
      k * (static_cast<double>(done) / static_cast<double>(dt) - s.perf_iterations_per_second);
  s.perf_frame_ms += k * (1000.0 * static_cast<double>(dt) - s.perf_frame_ms);
}

void draw_perf_overlay(AppState& s) {
  const float k = s.scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 corner(vp->WorkPos.x + vp->WorkSize.x - 10 * k,
                      vp->WorkPos.y + vp->WorkSize.y - 10 * k);
  ImGui::SetNextWindowPos(corner, ImGuiCond_Always, ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.85f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoMove;
  if (ImGui::Begin("##performance", nullptr, flags)) {
    if (s.show_perf) {
      const double fps = s.perf_frame_ms > 0 ? 1000.0 / s.perf_frame_ms : 0.0;
      ImGui::TextColored(ui::kMuted, "frame %.1f ms (%.0f fps)   %.0f iterations/s",
                         s.perf_frame_ms, fps, s.perf_iterations_per_second);
      ImGui::SameLine();
      if (ImGui::SmallButton("hide")) s.show_perf = false;
      s.track("Hide speed");
    } else {
      if (ImGui::SmallButton("speed")) s.show_perf = true;
      s.track("Show speed");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the frame time and training speed");
    }
  }
  ImGui::End();
}

}  // namespace bp::app

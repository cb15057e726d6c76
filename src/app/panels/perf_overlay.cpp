// A small overlay in the top-right corner, on the title bar, with the page's own frame time
// and training speed, so a student or teacher can see how fast it runs; it folds to a button.
#include "../panels.hpp"

#include <cstdio>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void measure_speed(AppState& s, float dt) {
  const long it = s.t().iteration();
  const long done = it >= s.perf_last_iteration ? it - s.perf_last_iteration : 0;
  s.perf_last_iteration = it;
  // Paused, the page draws only when something changes (web_main.cpp), so an average would
  // stand still at its last training value: no iterations are being run, and it says 0.
  if (!s.running()) s.perf_iterations_per_second = 0.0;
  if (dt <= 0.0f) return;
  // Exponential moving averages over about half a second.
  const double k = std::min(1.0, static_cast<double>(dt) / 0.5);
  s.perf_iterations_per_second +=
      k * (static_cast<double>(done) / static_cast<double>(dt) - s.perf_iterations_per_second);
  s.perf_frame_ms += k * (1000.0 * static_cast<double>(dt) - s.perf_frame_ms);
}

std::string speed_message(const AppState& s) {
  if (!s.training || !s.speed_limited()) return {};
  char text[200];
  std::snprintf(text, sizeof text,
                "Running as fast as this device allows: %.0f iterations/s of the %.0f asked "
                "(each frame trains for at most %.0f ms, so the page stays responsive)",
                s.perf_iterations_per_second, s.config.view.speed, s.frame_budget_ms);
  return text;
}

void draw_perf_overlay(AppState& s) {
  const float k = s.scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // Inside the main window's title bar, right-aligned: it covers nothing the page draws.
  const ImVec2 corner(vp->WorkPos.x + vp->WorkSize.x - 6 * k, vp->WorkPos.y);
  ImGui::SetNextWindowPos(corner, ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowBgAlpha(0.0f);
  // On a touch screen the title bar is a finger's height, and so is the button in it.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4 * k, s.touch_ui ? 0.0f : 2 * k));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoMove;
  if (ImGui::Begin("##performance", nullptr, flags)) {
    if (s.show_perf) {
      const double fps = s.perf_frame_ms > 0 ? 1000.0 / s.perf_frame_ms : 0.0;
      const bool running = s.running();
      char text[128];
      // Paused, the page draws a frame only when something changes: no frame rate to show.
      if (!running)
        std::snprintf(text, sizeof text, "paused: redrawn only when something changes");
      else
        std::snprintf(text, sizeof text, "frame %.1f ms (%.0f fps)   %.0f iterations/s%s",
                      s.perf_frame_ms, fps, s.perf_iterations_per_second,
                      s.training && s.speed_limited() ? " (device limit)" : "");
      // A narrow page (a phone, a demo in a course page's column): the short form, so that
      // it stays clear of the title's short form beside it (app.cpp) and the hide button
      // stays on the screen.
      if (ImGui::CalcTextSize(text).x + ImGui::CalcTextSize("Backpropagation, live").x + 80 * k >
          vp->WorkSize.x) {
        if (running)
          std::snprintf(text, sizeof text, "%.0f fps  %.0f it/s", fps,
                        s.perf_iterations_per_second);
        else
          std::snprintf(text, sizeof text, "paused");
      }
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(ui::colour(ui::palette().text), "%s", text);
      ImGui::SameLine();
      if (ui::small_button(s, "hide")) s.show_perf = false;
      ui::track(s, "Hide speed");
    } else {
      if (ui::small_button(s, "speed")) s.show_perf = true;
      ui::track(s, "Show speed");
      if (ImGui::IsItemHovered()) ui::tooltip("Show the frame time and training speed");
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

}  // namespace bp::app

// The loss curve: the loss of every iteration (before its update), from the bounded history.
#include "../panels.hpp"

#include <cfloat>
#include <cmath>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {
namespace {

float loss_at(void* data, int i) {
  const auto* points = static_cast<const std::vector<LossHistory::Point>*>(data);
  const double c = (*points)[static_cast<std::size_t>(i)].loss;
  // The plot works in float: what does not fit is drawn as a gap.
  return std::isfinite(c) && c < static_cast<double>(FLT_MAX) ? static_cast<float>(c) : NAN;
}

}  // namespace

void draw_loss_plot(AppState& s) {
  const float k = s.scale;
  const auto& points = s.history.points();
  ui::heading("The loss over time");
  if (points.size() < 2) {
    ui::muted_wrapped("Press Train or Step: the loss C of each iteration is plotted here.");
    return;
  }
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "C = %s", ui::format_number(s.loss, 6).text);
  ImGui::PlotLines("##loss", loss_at, const_cast<std::vector<LossHistory::Point>*>(&points),
                   static_cast<int>(points.size()), 0, overlay, 0.0f, FLT_MAX,
                   ImVec2(ImGui::GetContentRegionAvail().x - 10 * k, 120 * k));
  s.track("Loss plot");
  ImGui::TextColored(ui::kMuted, "Iterations %ld to %ld. The scale starts at 0.",
                     points.front().iteration, points.back().iteration);
}

}  // namespace bp::app

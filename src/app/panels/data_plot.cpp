// The data plot for 2-D data: what the network outputs over the whole input plane as a
// heatmap (the decision boundary of a classifier, the surface of a regression), the training
// and test points on top, and the loss and accuracy of both sets. A click adds a point of
// the chosen label; a right click (or Shift+click) removes the nearest one. The heatmap's
// values are the core's (AppState::heat), evaluated in one batch per frame.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "../ui.hpp"
#include "heat_colours.hpp"

namespace bp::app {
namespace {

void metrics_line(AppState& s) {
  const Metrics& tr = s.train_metrics;
  const Metrics& te = s.test_metrics;
  char buf[200];
  std::snprintf(buf, sizeof buf, "Training loss %s", ui::format_number(tr.mean_loss, 4).text);
  ImGui::TextUnformatted(buf);
  ui::track(s, "Training loss");
  ImGui::SameLine(0, 16 * s.scale);
  if (te.examples > 0)
    std::snprintf(buf, sizeof buf, "Test loss %s", ui::format_number(te.mean_loss, 4).text);
  else
    std::snprintf(buf, sizeof buf, "Test loss: no test points");
  ImGui::TextUnformatted(buf);
  ui::track(s, "Test loss");
  if (tr.accuracy && s.run_diverged()) {
    // Outputs that are not numbers land on one side of 0.5 by accident: no accuracy to show.
    ImGui::SameLine(0, 16 * s.scale);
    ImGui::TextColored(ui::colour(ui::palette().error), "Accuracy: none, the run diverged");
    ui::track(s, "Accuracy");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "The weights stopped being finite numbers, so the outputs mean nothing. Restart, "
          "best with a smaller learning rate.");
  } else if (tr.accuracy) {
    ImGui::SameLine(0, 16 * s.scale);
    if (te.accuracy)
      ImGui::Text("Accuracy %.1f%% / %.1f%%", 100 * *tr.accuracy, 100 * *te.accuracy);
    else
      ImGui::Text("Accuracy %.1f%%", 100 * *tr.accuracy);
    ui::track(s, "Accuracy");
    if (ImGui::IsItemHovered())
      ui::tooltip(
          "Share of points on the right side of the boundary (output above or "
          "below 0.5): training set / test set");
  }
  ImGui::TextColored(ui::colour(ui::palette().muted),
                     "Mean loss per point; %ld training and %ld test points.",
                     static_cast<long>(tr.examples), static_cast<long>(te.examples));
}

}  // namespace

void draw_data_plot(AppState& s) {
  const float k = s.scale;
  ui::heading("The data and what the network makes of it");
  metrics_line(s);

  ImGui::Checkbox("Discretize", &s.config.view.discretize);
  ui::track(s, "Discretize");
  if (ImGui::IsItemHovered())
    ui::tooltip("Colour only by which side of the boundary (0.5, or 0 for tanh) a point is");
  ImGui::SameLine();
  ImGui::Checkbox("Show test points", &s.config.view.show_test);
  ui::track(s, "Show test points");
  ImGui::SameLine(0, 18 * k);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Click adds");
  ImGui::SameLine();
  if (s.classification() || s.t().data().size() == 0) {
    int label = s.add_label >= 0.5 ? 1 : 0;
    ImGui::RadioButton("class 1 (blue)", &label, 1);
    ui::track(s, "Add class 1");
    ui::same_line_if_fits(ui::checkbox_width("class 0 (orange)"), ImGui::GetStyle().ItemSpacing.x);
    ImGui::RadioButton("class 0 (orange)", &label, 0);
    ui::track(s, "Add class 0");
    s.add_label = label;
  } else {
    float v = static_cast<float>(s.add_label);
    ImGui::SetNextItemWidth(120 * k);
    if (ImGui::SliderFloat("##add value", &v, -1.0f, 1.0f, "value %.2f"))
      s.add_label = static_cast<double>(v);
    ui::track(s, "Add value");
  }

  // The square plot.
  const float side = std::clamp(ImGui::GetContentRegionAvail().x - 40 * k, 200 * k, 520 * k);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float left = 26 * k;  // room for the x2 labels
  const ImVec2 a(o.x + left, o.y + 4 * k), b(a.x + side, a.y + side);
  ImGui::InvisibleButton("##data plot", ImVec2(side + left, side + 26 * k),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float e = static_cast<float>(kDataExtent);
  const auto to_screen = [&](double x1, double x2) {
    return ImVec2(a.x + (static_cast<float>(x1) + e) / (2 * e) * side,
                  b.y - (static_cast<float>(x2) + e) / (2 * e) * side);
  };
  ui::track_rect(s, "Data plot", a, ImVec2(a.x + side, a.y + side));

  // The heatmap: each cell coloured by the output at its corners (smooth), or by the class
  // of its centre when discretized.
  const Network& net = s.t().network();
  const int L = net.layers();
  const float cell = side / kHeatCells;
  if (s.heat.valid && !s.hidden("heatmap")) {
    const MatrixF& out = s.heat.layer(L);
    const HeatScale scale = heat_scale(net.activation(L));
    constexpr int n = kHeatCells + 1;
    for (int i = 0; i < kHeatCells; ++i)      // rows, from the bottom (x2 = -6)
      for (int j = 0; j < kHeatCells; ++j) {  // columns, from the left (x1 = -6)
        const ImVec2 p0(a.x + static_cast<float>(j) * cell, b.y - static_cast<float>(i + 1) * cell);
        const ImVec2 p1(p0.x + cell + 0.5f, p0.y + cell + 0.5f);
        const float v00 = out(i * n + j, 0), v01 = out(i * n + j + 1, 0);
        const float v10 = out((i + 1) * n + j, 0), v11 = out((i + 1) * n + j + 1, 0);
        if (s.config.view.discretize) {
          const float mid = (v00 + v01 + v10 + v11) / 4;
          dl->AddRectFilled(p0, p1, heat_colour(scale, mid, true));
        } else {
          // Corners: upper-left, upper-right, bottom-right, bottom-left on the screen.
          dl->AddRectFilledMultiColor(p0, p1, heat_colour(scale, v10), heat_colour(scale, v11),
                                      heat_colour(scale, v01), heat_colour(scale, v00));
        }
      }
  }
  dl->AddRect(a, b, ui::colour32(ui::palette().axis));
  // Axes labels.
  const ImU32 muted = ui::colour32(ui::palette().muted);
  for (int v = -6; v <= 6; v += 3) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%d", v);
    const ImVec2 px = to_screen(v, -kDataExtent);
    const float w = ImGui::CalcTextSize(buf).x;
    dl->AddText(ImVec2(std::clamp(px.x - w / 2, a.x, b.x - w), b.y + 2 * k), muted, buf);
    const ImVec2 py = to_screen(-kDataExtent, v);
    dl->AddText(ImVec2(o.x, std::clamp(py.y - ImGui::GetTextLineHeight() / 2, a.y, b.y)), muted,
                buf);
  }
  dl->AddText(ImVec2(b.x - ImGui::CalcTextSize("x1").x, b.y + 2 * k + ImGui::GetTextLineHeight()),
              muted, "x1");

  // The points: training ones with a white ring, test ones with a dark ring.
  const HeatScale target_scale = heat_scale(net.activation(L));
  const float r = std::max(3.0f * k, std::min(5.0f * k, side / 110));
  const auto draw_points = [&](const Dataset& d, ImU32 ring) {
    for (Eigen::Index p = 0; p < d.size(); ++p) {
      // The ring (1.2 px wide, centred on the edge at r) as a larger disc under the fill: two
      // quads, 8 vertices, where a filled circle and a stroked one took about 60.
      const ImVec2 c = to_screen(d.X(p, 0), d.X(p, 1));
      ui::disc(dl, c, r + 0.6f * k, ring);
      ui::disc(dl, c, r - 0.6f * k,
               heat_colour(target_scale, static_cast<float>(d.Y(p, 0)), true, true));
    }
  };
  dl->PushClipRect(a, b, true);
  draw_points(s.points.train, IM_COL32(255, 255, 255, 230));
  if (s.config.view.show_test) draw_points(s.points.test, IM_COL32(20, 20, 20, 255));
  dl->PopClipRect();

  // Mouse: read the output under it; click to add, right click or Shift+click to remove.
  if (hovered) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const double x1 = static_cast<double>((m.x - a.x) / side * 2 * e - e);
    const double x2 = static_cast<double>((b.y - m.y) / side * 2 * e - e);
    if (std::fabs(x1) <= kDataExtent && std::fabs(x2) <= kDataExtent) {
      const bool remove = ImGui::IsMouseClicked(ImGuiMouseButton_Right) ||
                          (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::GetIO().KeyShift);
      if (remove)
        (void)s.remove_point_near(x1, x2,
                                  static_cast<double>((s.touch_ui ? 16 : 8) * k / side * 2 * e));
      else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        (void)s.add_point(x1, x2, s.add_label);
      Matrix at(1, 2);
      at << x1, x2;
      ui::begin_tooltip();
      ImGui::Text("x1 = %.2f, x2 = %.2f", x1, x2);
      if (Result<Matrix> f = transform_features(s.config.features, at); f)
        if (Result<Matrix> y = net.predict(f.value()); y)
          ImGui::Text("network output %s", ui::format_number(y.value()(0, 0), 4).text);
      ImGui::TextColored(ui::colour(ui::palette().muted), "%s",
                         s.touch_ui
                             ? "Tap: add a point. Hold a finger on one: remove it."
                             : "Click: add a point. Right click or Shift+click: remove one.");
      ui::end_tooltip();
    }
  }
  if (!s.data_error.empty()) ui::error_wrapped(s.data_error.c_str());
  ui::muted_wrapped(
      "Background: the network's output over the plane (blue high, orange low); points: "
      "training (white ring) and test (dark ring) data, coloured by their label.");
}

}  // namespace bp::app

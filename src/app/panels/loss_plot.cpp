// The loss curve: the loss of every iteration (before its update) from the core's bounded
// LossHistory, drawn with ImGui's draw list: axes with ticks, a log-scale option, and a hover
// line that reads the recorded point nearest to the mouse. Cost per frame is bounded by the
// history's capacity, however long training runs.
#include "../panels.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <vector>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {
namespace {

// A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over range.
double nice_step(double range, int ticks) {
  const double raw = range / ticks;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / p;
  return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

// A short label for a tick value.
void tick_label(char* buf, std::size_t n, double v) {
  const double a = std::fabs(v);
  if (v == 0.0)
    std::snprintf(buf, n, "0");
  else if (a >= 1e5 || a < 1e-3)
    std::snprintf(buf, n, "%.0e", v);
  else
    std::snprintf(buf, n, "%g", v);
}

bool usable(double c, bool log) {
  return std::isfinite(c) && (!log || c > 0.0);
}

}  // namespace

void draw_loss_plot(AppState& s) {
  const float k = s.scale;
  const auto& points = s.history.points();
  // The tab says what this is; the one option on a low line, to leave the height to the plot.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 2 * k));
  ImGui::Checkbox("Log scale", &s.loss_log);
  ImGui::PopStyleVar();
  ui::track(s, "Log scale");
  if (ImGui::IsItemHovered())
    ui::tooltip(
        "A logarithmic loss axis shows the slow late progress as clearly as the "
        "fast early drop");
  const bool log = s.loss_log;

  // The ranges of the data (and of the test set's curve, for 2-D data).
  const bool with_test = s.two_d() && s.test.size() > 0;
  const auto& test_points = s.test_history.points();
  double lo = DBL_MAX, hi = -DBL_MAX;
  for (const auto* curve : {&points, &test_points}) {
    if (curve == &test_points && !with_test) continue;
    for (const LossHistory::Point& p : *curve)
      if (usable(p.loss, log)) {
        lo = std::min(lo, p.loss);
        hi = std::max(hi, p.loss);
      }
  }
  s.loss_hover.reset();
  s.loss_ticks.clear();
  if (points.size() < 2 || lo > hi) {
    ui::muted_wrapped("Press Train or Step: the loss C of each iteration will be plotted here.");
    return;
  }
  double y0, y1;  // the vertical axis, in loss (linear) or log10(loss)
  if (log) {
    y0 = std::floor(std::log10(lo));
    y1 = std::max(std::ceil(std::log10(hi)), y0 + 1);
  } else {
    y0 = 0.0;
    y1 = hi > 0 ? hi * 1.05 : 1.0;
  }
  const double x0 = static_cast<double>(points.front().iteration);
  const double x1 = std::max(static_cast<double>(points.back().iteration), x0 + 1);

  // The plot's rect, with room for the tick labels on the left and below.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const float left = ImGui::CalcTextSize("0.0000").x + 8 * k;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x - 6 * k, 200 * k);
  // As tall as the column has room for (so that it shows without scrolling), 100 to 170 px.
  const float room = ImGui::GetContentRegionAvail().y - line - 6 * k - style.ItemSpacing.y;
  const float height = std::clamp(room, 100 * k, 170 * k);
  ImGui::InvisibleButton("##loss plot", ImVec2(width, height + line + 6 * k));
  ui::track(s, "Loss plot");
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 a(origin.x + left, origin.y + line * 0.5f);
  const ImVec2 b(origin.x + width, origin.y + height);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);

  const auto sx = [&](double it) {
    return a.x + static_cast<float>((it - x0) / (x1 - x0)) * (b.x - a.x);
  };
  const auto sy = [&](double c) {
    const double v = log ? std::log10(c) : c;
    const double t = std::clamp((v - y0) / (y1 - y0), -0.01, 1.01);
    return b.y - static_cast<float>(t) * (b.y - a.y);
  };
  const ImU32 text = ui::colour32(ui::palette().muted);
  char buf[32];

  // Horizontal grid and loss labels.
  if (log) {
    const int decades = static_cast<int>(y1 - y0);
    const int every = std::max(1, (decades + 4) / 5);
    for (int e = static_cast<int>(y0); e <= static_cast<int>(y1); e += every) {
      const float y = b.y - static_cast<float>((e - y0) / (y1 - y0)) * (b.y - a.y);
      dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), ui::colour32(ui::palette().grid));
      if (e >= -3 && e <= 3)
        std::snprintf(buf, sizeof buf, "%g", std::pow(10.0, e));
      else
        std::snprintf(buf, sizeof buf, "1e%d", e);
      s.loss_ticks.emplace_back(buf);
      dl->AddText(ImVec2(origin.x, y - line * 0.5f), text, buf);
    }
  } else {
    const double step = nice_step(y1 - y0, 4);
    for (double v = 0.0; v <= y1 + step * 1e-9; v += step) {
      const float y = sy(v);
      dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), ui::colour32(ui::palette().grid));
      tick_label(buf, sizeof buf, v);
      s.loss_ticks.emplace_back(buf);
      dl->AddText(ImVec2(origin.x, y - line * 0.5f), text, buf);
    }
  }
  // Vertical grid and iteration labels.
  {
    const double step = std::max(1.0, nice_step(x1 - x0, 5));
    for (double v = std::ceil(x0 / step) * step; v <= x1; v += step) {
      const float x = sx(v);
      dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), ui::colour32(ui::palette().grid));
      tick_label(buf, sizeof buf, v);
      const float w = ImGui::CalcTextSize(buf).x;
      dl->AddText(ImVec2(std::clamp(x - w / 2, a.x, b.x - w), b.y + 3 * k), text, buf);
    }
  }
  dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, b.y), ui::colour32(ui::palette().axis));
  dl->AddLine(ImVec2(a.x, a.y), ImVec2(a.x, b.y), ui::colour32(ui::palette().axis));

  // The curve; a loss that cannot be drawn (NaN, infinite, or <= 0 on a log axis) is a gap.
  dl->PushClipRect(a, b, true);
  const float thick = 2.0f * k;
  const auto curve = [&](const std::vector<LossHistory::Point>& pts, ImU32 col) {
    for (const LossHistory::Point& p : pts) {
      if (!usable(p.loss, log)) {
        dl->PathStroke(col, 0, thick);
        continue;
      }
      dl->PathLineTo(ImVec2(sx(static_cast<double>(p.iteration)), sy(p.loss)));
    }
    dl->PathStroke(col, 0, thick);
  };
  if (with_test) curve(test_points, ui::colour32(ui::palette().test_curve));
  curve(points, ui::colour32(ui::palette().curve));

  // Hover: the recorded point nearest the mouse.
  if (hovered) {
    const float mx = std::clamp(ImGui::GetIO().MousePos.x, a.x, b.x);
    const double it = x0 + static_cast<double>((mx - a.x) / (b.x - a.x)) * (x1 - x0);
    if (const auto p = s.history.nearest(std::lround(it))) {
      s.loss_hover = *p;
      const float x = sx(static_cast<double>(p->iteration));
      dl->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), ui::colour32(ui::palette().hover), 1.5f * k);
      s.loss_hover_height = 0.0;
      if (usable(p->loss, log)) {
        const float y = sy(p->loss);
        s.loss_hover_height = static_cast<double>((b.y - y) / (b.y - a.y));
        dl->AddCircleFilled(ImVec2(x, y), 4 * k, ui::colour32(ui::palette().hover));
      }
    }
  }
  dl->PopClipRect();
  if (s.loss_hover) {
    ui::begin_tooltip();
    ImGui::Text("iteration %ld: C = %s", s.loss_hover->iteration,
                ui::format_number(s.loss_hover->loss, 6).text);
    ui::track(s, "Loss tooltip");
    ui::end_tooltip();
  }

  char kept[48] = "";
  if (s.history.stride() > 1)
    std::snprintf(kept, sizeof kept, " (one point per %ld iterations kept)", s.history.stride());
  if (s.two_d()) {
    ImGui::TextColored(ui::colour(ui::palette().curve), "Training loss");
    ImGui::SameLine();
    ImGui::TextColored(ui::colour(ui::palette().muted), "(mean per point, each step's batch)");
    if (with_test) {
      ImGui::SameLine();
      ImGui::TextColored(ui::colour(ui::palette().test_curve), "Test loss");
      ImGui::SameLine();
      ImGui::TextColored(ui::colour(ui::palette().muted), "(mean per point)");
    }
  }
  ImGui::TextColored(ui::colour(ui::palette().muted),
                     "Iterations %ld to %ld%s. Hover to read a value. Now %s = %s.",
                     points.front().iteration, points.back().iteration, kept,
                     s.two_d() ? "the training loss" : "C",
                     ui::format_number(s.two_d() ? s.train_metrics.mean_loss : s.loss, 6).text);
}

}  // namespace bp::app

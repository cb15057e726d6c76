// Gradient check: backpropagation's dC/dw beside the slope of the loss measured by nudging
// the weight, for the selected weight and, in a table, for every weight. Computed by the core
// (bp::check_all_gradients) when the weights or the data changed, at most every few frames
// while training, and cached in s.explain.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "../shown.hpp"
#include "../ui.hpp"
#include "explain_ui.hpp"

namespace bp::app {
namespace {

constexpr int kFramesBetweenChecksWhileTraining = 15;

void refresh(AppState& s) {
  ExplainCache& c = s.explain;
  const Trainer& t = s.t();
  ++c.check_age;
  if (c.checked_at.matches(t.network(), t.data())) return;
  if (s.training && c.checked_at.valid && c.check_age < kFramesBetweenChecksWhileTraining) return;
  Result<std::vector<GradientCheck>> r =
      check_all_gradients(t.network(), t.data(), t.options().loss);
  c.check_age = 0;
  c.checked_at.set(t.network(), t.data(), t.iteration());
  if (r) {
    c.checks = std::move(r.value());
    c.check_error.clear();
  } else {
    c.checks.clear();
    c.check_error = r.error();
  }
}

// "1.2e-10"
ui::Formatted sci(double v) {
  ui::Formatted f{};
  std::snprintf(f.text, sizeof f.text, "%.1e", v);
  return f;
}

}  // namespace

void draw_gradient_check(AppState& s) {
  explain::track_column(s);
  refresh(s);
  const ExplainCache& c = s.explain;
  ui::heading("Gradient check: is backpropagation right?");
  ui::muted_wrapped(
      "There is a second way to get dC/dw that needs no calculus at all: nudge the weight up by "
      "a tiny h = 0.00001, run all the data through the network and measure the loss C; nudge it "
      "down by h and measure again. The slope (C(w + h) - C(w - h)) / 2h is the gradient, "
      "accurate to about ten digits. It costs two full forward passes per weight, which is why "
      "real training uses backpropagation, but it is a perfect referee.");
  ui::muted_wrapped(
      "The relative error |backprop - numeric| / max(|backprop|, |numeric|) says how many digits "
      "agree. Around 1e-9 or below, the two differ only by rounding and by the finite step: the "
      "backward pass is right. A mistake in it (a wrong transpose, a missing s') shows up as "
      "1e-2 or worse.");
  if (!c.check_error.empty()) {
    ui::error_wrapped(c.check_error.c_str());
    return;
  }
  const GradientCheck* sel = nullptr;
  const GradientCheck* worst = nullptr;
  for (const GradientCheck& g : c.checks) {
    if (g.weight == s.config.view.selected) sel = &g;
    if (!worst || !(g.rel_error <= worst->rel_error)) worst = &g;
  }
  char buf[160];
  if (sel) {
    ui::heading("The selected weight");
    std::snprintf(buf, sizeof buf, "W_%d[%d][%d]:   backprop %s,   finite difference %s",
                  sel->weight.layer, sel->weight.row, sel->weight.col,
                  ui::format_number(sel->backprop, 10).text,
                  ui::format_number(sel->numeric, 10).text);
    explain::math(buf);
    ImGui::Text("relative error %s", sci(sel->rel_error).text);
    ImGui::SameLine();
    if (sel->rel_error < 1e-6)
      ImGui::TextColored(ui::colour(ui::palette().good), "(they agree)");
    else
      ImGui::TextColored(ui::colour(ui::palette().error), "(they disagree)");
  }

  ui::heading("Every weight");
  ui::muted(
      "At the weights of iteration %ld (recomputed when they change; every %d frames "
      "while training). Click a row to select that weight.",
      c.checked_at.iteration, kFramesBetweenChecksWhileTraining);
  if (worst) {
    std::snprintf(buf, sizeof buf, "Worst relative error: %s at W%d[%d][%d] (highlighted).",
                  sci(worst->rel_error).text, worst->weight.layer, worst->weight.row,
                  worst->weight.col);
    ImGui::TextColored(
        worst->rel_error < 1e-6 ? ui::colour(ui::palette().good) : ui::colour(ui::palette().error),
        "%s", buf);
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  if (ImGui::BeginTable("gradient check", 4, flags)) {
    const float k = s.scale;
    ImGui::TableSetupColumn("weight", ImGuiTableColumnFlags_WidthFixed, 170 * k);
    ImGui::TableSetupColumn("backprop", ImGuiTableColumnFlags_WidthFixed, 150 * k);
    ImGui::TableSetupColumn("finite difference", ImGuiTableColumnFlags_WidthFixed, 150 * k);
    ImGui::TableSetupColumn("relative error", ImGuiTableColumnFlags_WidthFixed, 120 * k);
    ImGui::TableHeadersRow();
    for (const GradientCheck& g : c.checks) {
      ImGui::TableNextRow();
      if (&g == worst)
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ui::colour32(ui::palette().header));
      ImGui::TableNextColumn();
      const std::string label = weight_label(s.t().network(), g.weight);  // "W1[0][0]: x1 to h1"
      if (ImGui::Selectable(label.c_str(), g.weight == s.config.view.selected,
                            ImGuiSelectableFlags_SpanAllColumns))
        (void)s.select(g.weight);
      ImGui::TableNextColumn();
      ui::number_cell(g.backprop, 10);
      ImGui::TableNextColumn();
      ui::number_cell(g.numeric, 10);
      ImGui::TableNextColumn();
      const ui::Formatted e = sci(g.rel_error);
      ImGui::TextColored(g.rel_error < 1e-6 ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                            : ui::colour(ui::palette().error),
                         "%s", e.text);
    }
    ImGui::EndTable();
    ui::track(s, "Gradient check table");
  }
}

}  // namespace bp::app

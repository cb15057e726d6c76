// The chapter's commented-out attempt at the hidden layer's gradient (t2 = W2 * k2, then
// t1 = s'(z1) * t2) as numpy computes it (bp::shape_mistake), beside the right product, and
// what training with it learns (bp::train_with_shape_mistake) next to the right training.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "../ui.hpp"
#include "explain_ui.hpp"

namespace bp::app {
namespace {

constexpr int kRunIterations = 1000;

void refresh(AppState& s) {
  ExplainCache& c = s.explain;
  const Trainer& t = s.t();
  if (c.mistake_at.matches(t.network(), t.data())) return;
  c.mistake_at.set(t.network(), t.data(), t.iteration());
  Result<ShapeMistake> m = shape_mistake(t.network(), s.preview);
  c.mistake_ok = m.ok();
  if (m) {
    c.mistake = std::move(m.value());
    c.mistake_error.clear();
  } else {
    c.mistake_error = m.error();
  }
}

// Both runs from the current initial weights: the right one (the trainer's own step) and the
// one with the mistaken dC/dW1.
void run_both(AppState& s) {
  ExplainCache& c = s.explain;
  const Trainer& t = s.t();
  c.run_done = true;
  c.run_iterations = kRunIterations;
  c.run_learning_rate = t.options().learning_rate;
  Result<MistakeRun> wrong =
      train_with_shape_mistake(t.initial_network(), t.data(), c.run_learning_rate, kRunIterations);
  if (!wrong) {
    c.run_error = wrong.error();
    return;
  }
  TrainerOptions o = t.options();
  o.batch_size = 0;
  Result<Trainer> right = Trainer::create(t.initial_network(), t.data(), o);
  if (!right) {
    c.run_error = right.error();
    return;
  }
  c.run_error.clear();
  c.mistake_loss = std::move(wrong->loss);
  c.mistake_outputs = std::move(wrong->outputs);
  c.right_loss.clear();
  c.right_loss.reserve(kRunIterations);
  for (int i = 0; i < kRunIterations && right->step(); ++i) c.right_loss.push_back(right->loss());
  c.right_outputs = right->outputs();
}

// Both loss curves on a log scale.
void loss_curves(const ExplainCache& c, float width, float height) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), ui::colour32(ui::palette().bar_back));
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (const auto* v : {&c.mistake_loss, &c.right_loss})
    for (double x : *v)
      if (x > 0 && std::isfinite(x)) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
  if (!(hi > lo)) {
    ImGui::Dummy(ImVec2(width, height));
    return;
  }
  const double llo = std::log10(lo), lhi = std::log10(hi);
  const float top = ImGui::GetTextLineHeight() + 4.0f;  // room for the labels
  const float h = height - 2.0f * top;
  const auto draw = [&](const std::vector<double>& v, const ImVec4& col) {
    const std::size_t n = v.size();
    if (n < 2) return;
    ImVec2 prev{};
    const int steps = std::min<int>(static_cast<int>(n), static_cast<int>(width));
    for (int k = 0; k < steps; ++k) {
      const std::size_t i =
          static_cast<std::size_t>(k) * (n - 1) / static_cast<std::size_t>(steps - 1);
      const double y = v[i] > 0 && std::isfinite(v[i]) ? std::log10(v[i]) : llo;
      const ImVec2 q(p.x + width * static_cast<float>(i) / static_cast<float>(n - 1),
                     p.y + top + h * static_cast<float>(1.0 - (y - llo) / (lhi - llo)));
      if (k > 0) dl->AddLine(prev, q, ImGui::GetColorU32(col), 2.0f);
      prev = q;
    }
  };
  draw(c.right_loss, ui::colour(ui::palette().good));
  draw(c.mistake_loss, ui::colour(ui::palette().error));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2g", hi);
  dl->AddText(ImVec2(p.x + 4, p.y + 2), ui::colour32(ui::palette().muted), buf);
  std::snprintf(buf, sizeof buf, "iteration %zu",
                std::max(c.right_loss.size(), c.mistake_loss.size()));
  dl->AddText(ImVec2(p.x + width - ImGui::CalcTextSize(buf).x - 4, p.y + height - top + 2),
              ui::colour32(ui::palette().muted), buf);
  std::snprintf(buf, sizeof buf, "%.2g", lo);
  dl->AddText(ImVec2(p.x + 4, p.y + height - top + 2), ui::colour32(ui::palette().muted), buf);
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

void draw_shape_mistake(AppState& s) {
  explain::track_column(s);
  refresh(s);
  ExplainCache& c = s.explain;
  const Network& net = s.t().network();
  ui::heading("The shape mistake: t2 = W2 * k2");
  ui::muted_wrapped(
      "A first attempt at the hidden layer's gradient, commented out in the chapter, writes "
      "t2 = weight2 * k2 and then t1 = s'(a1) * t2. In numpy, * multiplies entry by entry. "
      "W2 is [4x1], one weight per hidden unit; k2 is [4x1], one value per example. numpy "
      "accepts the product only because this network happens to have 4 hidden units and 4 "
      "examples, and row n of the result pairs hidden unit n's weight with example n's error: "
      "a number with no meaning.");
  if (!c.mistake_ok) {
    ui::heading("What numpy says with the current data");
    ui::error_wrapped(c.mistake_error.c_str());
  } else {
    const ShapeMistake& m = c.mistake;
    explain::GridOptions o;
    o.decimals = 4;
    ui::heading("The attempt, as numpy computes it");
    explain::block(s, "W_2", net.W(2), o, true);
    explain::block(s, "k_2", s.preview.delta[2], o, false);
    explain::block(s, "t_2 = W_2 * k_2", m.t2, o, false);
    ui::muted_wrapped(
        "Next, s'(z1) * t2 multiplies a [4x4] by a [4x1]: numpy repeats the column t2 across the "
        "4 columns, so entry [n][j] uses t2[n], which belongs to hidden unit n, not to unit j.");
    explain::GridOptions u;
    u.shade = explain::Shade::Unit;
    u.decimals = 4;
    explain::block(s, "s'(z_1)", s.preview.da_dz[1], u, true);
    explain::block(s, "t_1 (mistake)", m.t1, o, false);
    ui::heading("The right product, equation (B)");
    ui::muted_wrapped(
        "k2 W2^T is [4x1] times [1x4] = [4x4]: entry [n][j] = k2[n] W2[j], example "
        "n's error sent back along hidden unit j's weight.");
    explain::block(s, "k_2 W_2^T", m.k2W2T, o, true);
    explain::block(s, "t_1 = (k_2 W_2^T) (.) s'(z_1)", m.t1_right, o, false);
    ImGui::Spacing();
    explain::math("dC/dW_1 = a_0^T t_1:  same shape, different numbers",
                  ui::colour(ui::palette().heading));
    ui::muted_wrapped("Both give a [3x4] matrix, so nothing complains. Only the values tell.");
    explain::block(s, "dC/dW_1 (mistake)", m.dW1, o, true);
    explain::block(s, "dC/dW_1 (right)", m.dW1_right, o, false);
  }

  ui::heading("Train with it");
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "Runs %d full-batch iterations twice from this seed's initial weights (what "
                "Restart goes back to), at learning rate %s: once with the right dC/dW1 and once "
                "with the mistaken one (dC/dW2 is right in both). It does not change the page's "
                "own training.",
                kRunIterations, ui::format_number(s.t().options().learning_rate, 2).text);
  ui::muted_wrapped(buf);
  if (ImGui::Button("Train with the mistake")) run_both(s);
  ui::track(s, "Train with the mistake");
  if (!c.run_done) return;
  if (!c.run_error.empty()) {
    ui::error_wrapped(c.run_error.c_str());
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  const float k = s.scale;
  if (ImGui::BeginTable("mistake run", 4, flags)) {
    ImGui::TableSetupColumn("example", ImGuiTableColumnFlags_WidthFixed, 80 * k);
    ImGui::TableSetupColumn("target y", ImGuiTableColumnFlags_WidthFixed, 90 * k);
    ImGui::TableSetupColumn("right a2", ImGuiTableColumnFlags_WidthFixed, 110 * k);
    ImGui::TableSetupColumn("mistake a2", ImGuiTableColumnFlags_WidthFixed, 110 * k);
    ImGui::TableHeadersRow();
    const Matrix& y = s.t().data().Y;
    for (Eigen::Index r = 0; r < c.mistake_outputs.rows(); ++r) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%ld", static_cast<long>(r) + 1);  // numbered as in the data table
      ImGui::TableNextColumn();
      ui::number_cell(y(r, 0), 0);
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().good));
      ui::number_cell(c.right_outputs(r, 0), 4);
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().error));
      ui::number_cell(c.mistake_outputs(r, 0), 4);
      ImGui::PopStyleColor();
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ui::colour(ui::palette().heading), "loss C");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    if (!c.right_loss.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().good));
      ui::number_cell(c.right_loss.back(), 4);
      ImGui::PopStyleColor();
    }
    ImGui::TableNextColumn();
    if (!c.mistake_loss.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().error));
      ui::number_cell(c.mistake_loss.back(), 4);
      ImGui::PopStyleColor();
    }
    ImGui::EndTable();
  }
  ui::muted_wrapped(
      "Loss C before the last update of each run (the outputs are after it). With the mistake, "
      "the change made to W1 points in a direction that has nothing to do with the loss, so the "
      "network learns much less, or nothing.");
  ImGui::TextColored(ui::colour(ui::palette().good), "right");
  ImGui::SameLine();
  ImGui::TextColored(ui::colour(ui::palette().error), "mistake");
  ImGui::SameLine();
  ImGui::TextColored(ui::colour(ui::palette().muted), "loss per iteration, log scale");
  loss_curves(c, std::min(ImGui::GetContentRegionAvail().x, 460 * k), 140 * k);
  ui::track(s, "Mistake loss curves");
}

}  // namespace bp::app

// The data table: each example's inputs, target, the current output and its error. Inputs and
// targets are edited in place (click a cell, type, Enter); rows are added and removed; every
// change goes through AppState::set_data, which checks it and keeps the weights.
#include "../panels.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {
namespace {

// One editable number: column c of the inputs, or the target when c is -1. The value typed
// is kept in s.cell_edit while the field is active and applied when it is left (Enter,
// Tab or a click elsewhere).
void edit_cell(AppState& s, int r, int c, double value) {
  char name[24];
  if (c >= 0)
    std::snprintf(name, sizeof name, "x%d,%d", r + 1, c + 1);
  else
    std::snprintf(name, sizeof name, "y%d", r + 1);
  ImGui::PushID(name);
  double v = value;
  ImGui::SetNextItemWidth(-FLT_MIN);
  const ui::NumberEdit typed = ui::input_number("##cell", v);
  if (typed.changed) s.cell_edit = AppState::CellEdit{r, c, v};
  ui::track(s, name);
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
    ui::tooltip(c >= 0 ? "Input x%d of example %d: click, type a number, press Enter"
                       : "Target y of example %d: click, type a number, press Enter",
                c >= 0 ? c + 1 : r + 1, r + 1);
  const bool pending = s.cell_edit && s.cell_edit->row == r && s.cell_edit->col == c;
  if (!typed.refused.empty()) {
    // Left with a text that is not a number: named, and nothing typed on the way is applied.
    char cell[48];
    if (c >= 0)
      std::snprintf(cell, sizeof cell, "row %d, x%d: ", r + 1, c + 1);
    else
      std::snprintf(cell, sizeof cell, "row %d, target y: ", r + 1);
    s.data_error = cell + typed.refused;
    if (pending) s.cell_edit.reset();
  } else if (ImGui::IsItemDeactivated() && !pending) {
    s.data_error.clear();  // left without a new value: the data is as shown, nothing is wrong
  } else if (ImGui::IsItemDeactivated()) {
    Dataset d = s.t().data();
    if (c >= 0)
      d.X(r, c) = s.cell_edit->value;
    else
      d.Y(r, 0) = s.cell_edit->value;
    s.cell_edit.reset();
    (void)s.set_data(std::move(d));
  }
  ImGui::PopID();
}

void add_row(AppState& s) {
  Dataset d = s.t().data();
  const Eigen::Index n = d.size();
  d.X.conservativeResize(n + 1, Eigen::NoChange);
  d.Y.conservativeResize(n + 1, Eigen::NoChange);
  d.X.row(n) = d.X.row(n - 1);  // a copy of the last row, to be edited
  d.Y.row(n) = d.Y.row(n - 1);
  (void)s.set_data(std::move(d));
}

void remove_row(AppState& s, Eigen::Index r) {
  const Dataset& d = s.t().data();
  const Eigen::Index n = d.size();
  Dataset out{Matrix(n - 1, d.X.cols()), Matrix(n - 1, d.Y.cols())};
  for (Eigen::Index i = 0, j = 0; i < n; ++i) {
    if (i == r) continue;
    out.X.row(j) = d.X.row(i);
    out.Y.row(j) = d.Y.row(i);
    ++j;
  }
  (void)s.set_data(std::move(out));
}

bool is_chapter_data(const Dataset& d) {
  const Dataset c = seed_dataset();
  return d.X.rows() == c.X.rows() && d.X.cols() == c.X.cols() && d.Y.cols() == c.Y.cols() &&
         d.X == c.X && d.Y == c.Y;
}

}  // namespace

void draw_data_table(AppState& s) {
  const Trainer& t = s.t();
  const Dataset& d = t.data();
  const Matrix& out = s.outputs();
  const float k = s.scale;
  const bool chapter = is_chapter_data(d);
  ui::heading(chapter ? "The data (the chapter's) and what the network outputs now"
                      : "The data (yours) and what the network outputs now");
  ui::muted_wrapped(
      "One example per row: inputs x, target y, the output a2 now and its error. "
      "Click a cell to change it (hover here for more).");
  if (ImGui::IsItemHovered())
    ui::tooltip(
        "x3 is a constant 1 that acts as a bias. The bar shows a2 from 0 to 1 and the target y\n"
        "as a mark across it. Editing keeps the weights: Restart to learn the new data from "
        "scratch.");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  const int x_cols = static_cast<int>(d.X.cols());
  const bool one_output = d.Y.cols() == 1;
  const Eigen::Index rows = d.size();
  Eigen::Index remove = -1;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(5 * k, 3 * k));
  // Compact cells, except on a touch screen, where each field is a finger's height.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(5 * k, s.touch_ui ? ImGui::GetStyle().FramePadding.y : 1 * k));
  if (one_output && ImGui::BeginTable("data", x_cols + 6, flags)) {
    ui::begin_capture();
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 16 * k);
    for (int c = 0; c < x_cols; ++c) {
      char name[16];
      std::snprintf(name, sizeof name, "x%d", c + 1);
      ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, 44 * k);
    }
    ImGui::TableSetupColumn("y", ImGuiTableColumnFlags_WidthFixed, 52 * k);
    ImGui::TableSetupColumn("a2", ImGuiTableColumnFlags_WidthFixed, 60 * k);
    ImGui::TableSetupColumn("a2 - y", ImGuiTableColumnFlags_WidthFixed, 64 * k);
    ImGui::TableSetupColumn("a2 and y", ImGuiTableColumnFlags_WidthFixed, 110 * k);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight());
    ImGui::TableHeadersRow();
    for (Eigen::Index r = 0; r < rows; ++r) {
      const int ri = static_cast<int>(r);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextColored(ui::colour(ui::palette().muted), "%d", ri + 1);
      for (int c = 0; c < x_cols; ++c) {
        ImGui::TableNextColumn();
        edit_cell(s, ri, c, d.X(r, c));
      }
      // After divergence the outputs mean nothing: NaN, never a number that looks real.
      const double y = d.Y(r, 0), a = s.run_diverged() ? std::nan("") : out(r, 0);
      ImGui::TableNextColumn();
      edit_cell(s, ri, -1, y);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::number_cell(a);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::number_cell(a - y);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::output_bar(a, y, 110 * k);
      ImGui::TableNextColumn();
      ImGui::PushID(ri);
      ImGui::BeginDisabled(rows <= 1);
      if (ImGui::Button("x", ImVec2(ImGui::GetFrameHeight(), 0))) remove = r;
      ImGui::EndDisabled();
      char name[24];
      std::snprintf(name, sizeof name, "Remove row %d", ri + 1);
      ui::track(s, name);
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ui::tooltip(rows <= 1 ? "The data needs at least one row" : "Remove row %d", ri + 1);
      ImGui::PopID();
    }
    ImGui::EndTable();
    ui::end_capture("Data table");
    ui::track(s, "Data table");
  }
  ImGui::PopStyleVar(2);
  if (remove >= 0) remove_row(s, remove);
  if (!one_output) ui::muted_wrapped("(This network has several outputs; the table shows one.)");

  if (!s.data_error.empty()) {
    const std::string text = "Not changed: " + s.data_error + ".";
    ui::error_wrapped(text.c_str());
    ui::track(s, "Data error");
  }
  ImGui::BeginDisabled(rows >= kMaxRows);
  if (ImGui::Button("Add row")) add_row(s);
  ImGui::EndDisabled();
  ui::track(s, "Add row");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ui::tooltip(rows >= kMaxRows ? "The page keeps the data to 16 rows"
                                 : "A copy of the last row, to edit");
  ImGui::SameLine();
  ImGui::BeginDisabled(chapter);
  if (ImGui::Button("Back to the chapter's data")) {
    (void)s.set_data(seed_dataset());
  }
  ImGui::EndDisabled();
  ui::track(s, "Chapter's data");
}

}  // namespace bp::app

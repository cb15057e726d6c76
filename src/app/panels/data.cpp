// The data table: each example's inputs, target and the current output.
#include "../panels.hpp"

#include <cstdio>
#include <string>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_data_table(AppState& s) {
  const Trainer& t = s.t();
  const Dataset& d = t.data();
  const Matrix& out = s.outputs();
  const float k = s.scale;
  ui::heading("The data and what the network outputs now");
  ui::muted_wrapped(
      "Each row is one example: input x (its third column is a constant 1, the "
      "chapter's bias), target y, and the output a2 of the current weights.");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  const int x_cols = static_cast<int>(d.X.cols());
  if (ImGui::BeginTable("data", x_cols + 4, flags)) {
    for (int c = 0; c < x_cols; ++c) {
      char name[16];
      std::snprintf(name, sizeof name, "x%d", c + 1);
      ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, 30 * k);
    }
    ImGui::TableSetupColumn("target y", ImGuiTableColumnFlags_WidthFixed, 70 * k);
    ImGui::TableSetupColumn("output a2", ImGuiTableColumnFlags_WidthFixed, 80 * k);
    ImGui::TableSetupColumn("a2 - y", ImGuiTableColumnFlags_WidthFixed, 80 * k);
    ImGui::TableSetupColumn("a2 and y", ImGuiTableColumnFlags_WidthFixed, 170 * k);
    ImGui::TableHeadersRow();
    for (Eigen::Index r = 0; r < d.size(); ++r) {
      ImGui::TableNextRow();
      for (Eigen::Index c = 0; c < d.X.cols(); ++c) {
        ImGui::TableNextColumn();
        ImGui::Text("%g", d.X(r, c));
      }
      const double y = d.Y(r, 0), a = out(r, 0);
      ImGui::TableNextColumn();
      ui::number_cell(y);
      ImGui::TableNextColumn();
      ui::number_cell(a);
      ImGui::TableNextColumn();
      ui::number_cell(a - y);
      ImGui::TableNextColumn();
      ui::output_bar(a, y, 170 * k);
    }
    ImGui::EndTable();
    s.track("Data table");
  }
  ImGui::TextColored(ui::kMuted,
                     "Bars: the output a2 on a scale from 0 to 1; yellow mark: the target y.");
}

}  // namespace bp::app

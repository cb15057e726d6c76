// The weight matrices as numbers, with their shapes.
#include "../panels.hpp"

#include <cstdio>
#include <string>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_matrices(AppState& s) {
  const Network& net = s.t().network();
  const float k = s.scale;
  ui::heading("The weights");
  ui::muted_wrapped(
      "W1 connects the 3 inputs to the 4 hidden units, W2 the hidden units to the "
      "output. Each iteration subtracts the learning rate times dC/dW.");
  for (int l = 1; l <= net.layers(); ++l) {
    const Matrix& w = net.W(l);
    ImGui::Spacing();
    ImGui::Text("W%d  [%ld x %ld]", l, static_cast<long>(w.rows()), static_cast<long>(w.cols()));
    char id[16];
    std::snprintf(id, sizeof id, "W%d", l);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
    if (ImGui::BeginTable(id, static_cast<int>(w.cols()) + 1, flags)) {
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 70 * k);
      for (Eigen::Index c = 0; c < w.cols(); ++c) {
        char name[24];
        std::snprintf(name, sizeof name, l == net.layers() ? "to output" : "to h%ld",
                      static_cast<long>(c + 1));
        ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, 92 * k);
      }
      ImGui::TableHeadersRow();
      for (Eigen::Index r = 0; r < w.rows(); ++r) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ui::kMuted, l == 1 ? "from x%ld" : "from h%ld",
                           static_cast<long>(r + 1));
        for (Eigen::Index c = 0; c < w.cols(); ++c) {
          ImGui::TableNextColumn();
          ui::number_cell(w(r, c));
        }
      }
      ImGui::EndTable();
      s.track(id);
    }
  }
}

}  // namespace bp::app

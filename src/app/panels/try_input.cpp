// Try an input: any input through the current network (the core's Network::predict), beside
// a note on what the network is being trained to do.
#include "../panels.hpp"

#include <cstdio>
#include <string>

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {
namespace {

// The row of the data equal to x, or -1.
Eigen::Index matching_row(const Dataset& d, const Matrix& x) {
  if (x.cols() != d.X.cols()) return -1;
  for (Eigen::Index r = 0; r < d.size(); ++r)
    if (d.X.row(r) == x.row(0)) return r;
  return -1;
}

}  // namespace

void draw_try_input(AppState& s) {
  const float k = s.scale;
  const Trainer& t = s.t();
  const Dataset& d = t.data();
  const Dataset chapter = seed_dataset();
  const bool chapter_data = d.X.rows() == chapter.X.rows() && d.X.cols() == chapter.X.cols() &&
                            d.X == chapter.X && d.Y == chapter.Y;
  ui::heading("Try an input");
  if (chapter_data)
    ui::muted_wrapped(
        "The network is learning the four rows of the table: output 1 when exactly one of x1 "
        "and x2 is 1, and 0 otherwise (x3 is always 1). The chapter asks the trained network "
        "about [1, 0, 1]; a network that has learned answers close to 1. Type any input: the "
        "output beside it comes from the current weights, live while training.");
  else
    ui::muted_wrapped(
        "The network is learning your rows of the table. Type any input, one of the rows or "
        "something between them, to see what the current weights make of it.");

  const int n = static_cast<int>(s.try_x.cols());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("x =");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(static_cast<float>(n) * 80 * k);
  ImGui::InputScalarN("##try", ImGuiDataType_Double, s.try_x.data(), n, nullptr, nullptr, "%g",
                      ImGuiInputTextFlags_CharsScientific);
  ui::track(s, "Try input");
  ImGui::SameLine(0, 20 * k);
  ImGui::AlignTextToFramePadding();
  const Result<Matrix> y = t.network().predict(s.try_x);
  if (s.run_diverged()) {
    ui::error_wrapped(
        "No output: the run diverged, so the weights are no longer numbers "
        "(see the message at the top). Restart with a smaller learning rate.");
    ui::track(s, "Try input output");
  } else if (y) {
    const double a = y.value()(0, 0);
    ImGui::Text("output a2 = %s", ui::format_number(a, 4).text);
    ui::track(s, "Try input output");
    const Eigen::Index r = matching_row(d, s.try_x);
    if (r >= 0) {
      ui::muted("This is example %d of the data; its target is %g.", static_cast<int>(r) + 1,
                d.Y(r, 0));
    } else {
      ui::muted_wrapped("This input is not in the data: the answer is the network's guess.");
    }
  } else {
    const std::string text = "No output: " + y.error();
    ui::error_wrapped(text.c_str());
    ui::track(s, "Try input output");
  }
}

}  // namespace bp::app

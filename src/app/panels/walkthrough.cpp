// The backpropagation walkthrough: which phase of the iteration just ran, what it computed
// (with the live numbers of the selected example), where it stands in the iteration, and
// what comes next. The diagram lights up the same part of the network.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include <imgui.h>

#include "../shown.hpp"
#include "../ui.hpp"
#include "diagram_walk.hpp"

namespace bp::app {
namespace {

// The chapter's name of delta_l for its two-layer network (k2, t1), else "delta<l>".
std::string delta_name(int l, int layers) {
  if (layers == 2) return l == 2 ? "k2" : "t1";
  return "delta" + std::to_string(l);
}

// "s" for the sigmoid as in the chapter, else the activation's name.
std::string act_name(Activation f) {
  return f == Activation::Sigmoid ? "s" : std::string(name(f));
}

// Row r of m as "[0.1234, 0.5678, ...]", at most max_items entries.
std::string row_text(const Matrix& m, Eigen::Index r, int decimals = 4,
                     Eigen::Index max_items = 6) {
  std::string text = "[";
  const Eigen::Index n = std::min(m.cols(), max_items);
  for (Eigen::Index c = 0; c < n; ++c) {
    if (c) text += ", ";
    text += ui::format_number(m(r, c), decimals).text;
  }
  if (m.cols() > n) text += ", ...";
  return text + "]";
}

// Column c of m as a list (for dC/dW of a single output).
std::string col_text(const Matrix& m, Eigen::Index c, int decimals = 5,
                     Eigen::Index max_items = 6) {
  std::string text = "[";
  const Eigen::Index n = std::min(m.rows(), max_items);
  for (Eigen::Index r = 0; r < n; ++r) {
    if (r) text += ", ";
    text += ui::format_number(m(r, c), decimals).text;
  }
  if (m.rows() > n) text += ", ...";
  return text + "]";
}

std::string shape(Eigen::Index rows, Eigen::Index cols) {
  return "[" + std::to_string(rows) + "x" + std::to_string(cols) + "]";
}

std::string long_name(Phase p, int layers) {
  switch (p.kind) {
    case PhaseKind::Forward:
      return "forward through layer " + std::to_string(p.layer) +
             (p.layer == layers ? " (the output)" : "");
    case PhaseKind::Loss: return "the loss";
    case PhaseKind::Backward:
      return "backward through layer " + std::to_string(p.layer) + ": " +
             delta_name(p.layer, layers) + " and dC/dW" + std::to_string(p.layer);
    case PhaseKind::Update: return "the update of every weight";
  }
  return "";
}

// One line of live numbers, indented, in the heading colour.
void numbers(const std::string& text) {
  ImGui::Indent();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().heading));
  ui::wrapped_text(text);
  ImGui::PopStyleColor();
  ImGui::Unindent();
}

void explain(const AppState& s, Phase p, Eigen::Index ex) {
  const Trainer& t = s.t();
  const Network& net = t.network();
  const StepTrace& tr = s.shown();
  const int L = net.layers();
  const Eigen::Index m = tr.a[0].rows();
  const std::string e = "Example " + std::to_string(ex + 1) + ": ";
  const auto a = [](int l) { return "a" + std::to_string(l); };
  const auto z = [](int l) { return "z" + std::to_string(l); };
  const auto W = [](int l) { return "W" + std::to_string(l); };
  char buf[400];
  switch (p.kind) {
    case PhaseKind::Forward: {
      const int l = p.layer;
      const auto i = static_cast<std::size_t>(l);
      const std::string f = act_name(net.activation(l));
      std::snprintf(buf, sizeof buf,
                    "Each unit of layer %d adds up the values of layer %d times the weights of its "
                    "links, for all %ld examples at once (one per row): %s = %s %s, %s%s = %s. "
                    "Then %s squashes each sum: %s = %s(%s).%s",
                    l, l - 1, static_cast<long>(m), z(l).c_str(), a(l - 1).c_str(), W(l).c_str(),
                    shape(m, net.size(l - 1)).c_str(), shape(net.size(l - 1), net.size(l)).c_str(),
                    shape(m, net.size(l)).c_str(),
                    net.activation(l) == Activation::Sigmoid ? "the sigmoid" : f.c_str(),
                    a(l).c_str(), f.c_str(), z(l).c_str(),
                    l == L ? " These are the network's outputs." : "");
      ui::wrapped_text(buf);
      numbers(e + z(l) + " = " + row_text(tr.z[i], ex) + ",  " + a(l) + " = " +
              row_text(tr.a[i], ex));
      break;
    }
    case PhaseKind::Loss: {
      const bool squared = t.options().loss == Loss::SquaredError;
      std::snprintf(buf, sizeof buf,
                    "The outputs are compared with the targets: %s over the %ld examples, the "
                    "number training makes small.",
                    squared ? ("C = 1/2 sum (y - " + a(L) + ")^2").c_str()
                            : ("C = " + std::string(name(t.options().loss)) + " loss").c_str(),
                    static_cast<long>(m));
      ui::wrapped_text(buf);
      numbers("C = " + std::string(ui::format_number(tr.loss, 6).text) + ".   " + e + a(L) + " = " +
              row_text(tr.a.back(), ex) + ", y = " + row_text(tr.y, ex));
      break;
    }
    case PhaseKind::Backward: {
      const int l = p.layer;
      const auto i = static_cast<std::size_t>(l);
      const std::string d = delta_name(l, L), f = act_name(net.activation(l));
      const std::string slope = f + "'(" + z(l) + ")";
      if (l == L) {
        const std::string err =
            t.options().loss == Loss::SquaredError ? "(" + a(L) + " - y)" : "dC/d" + a(L);
        std::snprintf(buf, sizeof buf,
                      "Backward from the output: %s = %s * %s (elementwise, %s%s) says how C "
                      "changes when %s moves. Each link into layer %d gets its gradient, the value "
                      "at its start times %s summed over the examples: dC/d%s = %s^T %s, "
                      "%s^T%s = %s%s.",
                      d.c_str(), err.c_str(), slope.c_str(), shape(m, net.size(l)).c_str(),
                      net.activation(l) == Activation::Sigmoid ? "; s'(z) = a(1 - a)" : "",
                      z(l).c_str(), l, d.c_str(), W(l).c_str(), a(l - 1).c_str(), d.c_str(),
                      shape(m, net.size(l - 1)).c_str(), shape(m, net.size(l)).c_str(),
                      shape(net.size(l - 1), net.size(l)).c_str(), L == 2 ? ": equation (A)" : "");
        ui::wrapped_text(buf);
        numbers(e + err + " = " + row_text(tr.da[i], ex) + ",  " + slope + " = " +
                row_text(tr.da_dz[i], ex) + ",  " + d + " = " + row_text(tr.delta[i], ex, 5));
      } else {
        const std::string up = delta_name(l + 1, L);
        std::snprintf(buf, sizeof buf,
                      "%s travels back along the links of %s: %s %s^T (%s%s = %s) is how C "
                      "depends on each unit of layer %d; times the unit's slope: %s = (%s %s^T) * "
                      "%s. Then dC/d%s = %s^T %s, %s^T%s = %s%s.",
                      up.c_str(), W(l + 1).c_str(), up.c_str(), W(l + 1).c_str(),
                      shape(m, net.size(l + 1)).c_str(),
                      shape(net.size(l + 1), net.size(l)).c_str(), shape(m, net.size(l)).c_str(), l,
                      d.c_str(), up.c_str(), W(l + 1).c_str(), slope.c_str(), W(l).c_str(),
                      a(l - 1).c_str(), d.c_str(), shape(m, net.size(l - 1)).c_str(),
                      shape(m, net.size(l)).c_str(), shape(net.size(l - 1), net.size(l)).c_str(),
                      L == 2 ? ": equation (B)" : "");
        ui::wrapped_text(buf);
        numbers(e + up + " " + W(l + 1) + "^T = " + row_text(tr.da[i], ex) + ",  " + slope + " = " +
                row_text(tr.da_dz[i], ex) + ",  " + d + " = " + row_text(tr.delta[i], ex, 5));
      }
      if (net.size(l) == 1) {
        numbers("dC/d" + W(l) + " = " + col_text(tr.dW[i], 0) + " (the links into the output)");
      } else if (s.config.view.selected.layer == l) {
        const WeightRef w = s.config.view.selected;
        numbers("The selected weight " + weight_label(net, w) +
                ", dC/dw = " + ui::format_number(tr.dW[i](w.row, w.col), 6).text +
                "; every link of " + W(l) + " shows its dC/dw in the diagram now.");
      } else {
        numbers("Every link of " + W(l) +
                " shows its dC/dw in the diagram now; hover one to "
                "read it, click it to see the sum in the Equations tab.");
      }
      break;
    }
    case PhaseKind::Update: {
      const double before = s.walk_loss_before, after = s.loss;
      std::snprintf(buf, sizeof buf,
                    "Every weight steps against its gradient: W <- W - %g dC/dW (%g is the "
                    "learning rate). Iteration %ld is complete.",
                    t.options().learning_rate, t.options().learning_rate, t.iteration());
      ui::wrapped_text(buf);
      std::string line = "Loss before the update " +
                         std::string(ui::format_number(before, 6).text) + ", after " +
                         ui::format_number(after, 6).text;
      if (std::isfinite(before) && std::isfinite(after))
        line += after < before ? "  (lower: the step helped)" : "  (not lower: the step overshot)";
      numbers(line);
      break;
    }
  }
}

// The phases of one iteration as a strip of boxes: done, just run, next, to come.
void progress_strip(AppState& s, const std::optional<Phase>& current) {
  const Trainer& t = s.t();
  const float k = s.scale;
  const int count = t.phase_count();
  const int done = t.phases_done();
  // Between iterations: all done if the walkthrough just finished one, else none.
  const bool finished = done == 0 && current && current->kind == PhaseKind::Update;
  const int next = done;  // index of the phase Next phase will run
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pad(8 * k, 3 * k);
  float total = 0;
  for (int i = 0; i < count; ++i)
    total += ImGui::CalcTextSize(walk::short_name(t.phase(i)).c_str()).x + 2 * pad.x + 4 * k;
  for (int i = 0; i < count; ++i) {
    const Phase p = t.phase(i);
    const std::string label = walk::short_name(p);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    const ImVec2 size(ts.x + 2 * pad.x, ts.y + 2 * pad.y);
    // The whole strip beside the title if it fits there, then box by box.
    ui::same_line_if_fits(i > 0 ? size.x : total, i > 0 ? 4 * k : 24 * k);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool is_done = finished || i < done;
    const bool just_run = current && ((finished && i == count - 1) || (!finished && i == done - 1));
    const bool is_next = !finished && i == next;
    const ImVec2 end(at.x + size.x, at.y + size.y);
    dl->AddRectFilled(at, end,
                      ImGui::GetColorU32(is_done ? ui::colour(ui::palette().phase_done)
                                                 : ui::colour(ui::palette().phase_pending)),
                      4 * k);
    if (just_run)
      dl->AddRect(at, end, ImGui::GetColorU32(ui::colour(ui::palette().just)), 4 * k, 0, 2.5f * k);
    if (is_next) dl->AddRect(at, end, ui::colour32(ui::palette().heading), 4 * k, 0, 1.5f * k);
    dl->AddText(ImVec2(at.x + pad.x, at.y + pad.y),
                ImGui::GetColorU32(is_done || is_next ? ui::colour(ui::palette().text)
                                                      : ui::colour(ui::palette().muted)),
                label.c_str());
    ImGui::Dummy(size);
    ui::keep_clear();
    char name[32];
    std::snprintf(name, sizeof name, "phase %d", i + 1);
    ui::track(s, name);
  }
}

}  // namespace

void draw_walkthrough(AppState& s) {
  const Trainer& t = s.t();
  const int L = t.network().layers();
  const std::optional<Phase> current = walk::current_phase(s);
  const int done = t.phases_done();
  const Eigen::Index rows = s.shown().a[0].rows();
  const Eigen::Index ex = std::clamp<Eigen::Index>(s.example, 0, rows - 1);

  ImGui::BeginGroup();
  ui::begin_capture();
  if (current) {
    const int number = done > 0 ? done : t.phase_count();
    char title[160];
    std::snprintf(title, sizeof title, "Walkthrough, iteration %ld, phase %d of %d: %s",
                  done > 0 ? t.iteration() + 1 : t.iteration(), number, t.phase_count(),
                  long_name(*current, L).c_str());
    ui::heading(title);
    ui::track(s, "Walkthrough headline");
    ui::keep_clear();  // tooltips stay off the headline
  } else {
    char title[120];
    std::snprintf(title, sizeof title, "Walkthrough of iteration %ld, one phase at a time",
                  t.iteration() + 1);
    ui::heading(title);
  }
  progress_strip(s, current);
  if (current) explain(s, *current, ex);
  const Phase next = t.phase(done);
  std::string what_next = "Next: " + long_name(next, L);
  if (current && current->kind == PhaseKind::Update)
    what_next = "Next: iteration " + std::to_string(t.iteration() + 1) + " starts with " +
                long_name(next, L);
  what_next +=
      " (press Next phase in the control bar). Lit in the diagram: what this phase touched; "
      "'?': not computed yet in this iteration.";
  ui::muted_wrapped(what_next.c_str());
  ui::end_capture("Walkthrough panel");
  ImGui::EndGroup();
  ui::track(s, "Walkthrough panel");
}

}  // namespace bp::app

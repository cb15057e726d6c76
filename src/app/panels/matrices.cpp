// The matrices of one iteration as coloured numeric grids, with their shapes and the shapes
// of the products that make them: the forward pass, then the backward pass with dC/dW.
// Clicking a cell of a W or dC/dW selects that weight and opens its equation.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "../ui.hpp"
#include "explain_ui.hpp"

namespace bp::app {
namespace explain {
namespace {

ImVec4 lerp(const ImVec4& a, const ImVec4& b, float t) {
  return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}

float luminance(const ImVec4& c) {
  return 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
}

ImVec4 cell_rgb(double v, Shade shade, double range) {
  if (!std::isfinite(v)) return ui::colour(ui::palette().error);
  if (shade == Shade::Unit)
    return lerp(ui::colour(ui::palette().cell_neutral), ui::colour(ui::palette().good),
                static_cast<float>(std::clamp(v, 0.0, 1.0)));
  const double r = range > 0 && std::isfinite(range) ? range : 1.0;
  const auto t = static_cast<float>(std::clamp(v / r, -1.0, 1.0));
  return lerp(ui::colour(ui::palette().cell_neutral),
              t < 0 ? ui::colour(ui::palette().bar_fill) : ui::colour(ui::palette().negative),
              std::fabs(t) * 0.9f);
}

double max_abs(const Matrix& m) {
  double r = 0.0;
  for (Eigen::Index i = 0; i < m.size(); ++i)
    if (std::isfinite(m.data()[i])) r = std::max(r, std::fabs(m.data()[i]));
  return r;
}

float cell_width(const Matrix& m, const GridOptions& o) {
  float w = ImGui::CalcTextSize("-0.000").x;
  if (!o.pending)
    for (Eigen::Index i = 0; i < m.size(); ++i)
      w = std::max(w, ImGui::CalcTextSize(ui::format_number(m.data()[i], o.decimals).text).x);
  return w + 2.0f * ImGui::GetStyle().CellPadding.x;
}

}  // namespace

ImU32 cell_colour(double v, Shade shade, double range) {
  return ImGui::GetColorU32(cell_rgb(v, shade, range));
}

float grid_width(const Matrix& m, const GridOptions& o) {
  return cell_width(m, o) * static_cast<float>(m.cols());
}

Cell grid(AppState& s, const char* id, const Matrix& m, const GridOptions& o) {
  // Weight matrices have at most kMaxHiddenUnits rows; a matrix of examples (2-D data has
  // hundreds) shows its first rows and says how many more there are.
  const Eigen::Index rows = std::min<Eigen::Index>(m.rows(), kMaxHiddenUnits);
  Cell clicked;
  const float cw = cell_width(m, o);
  float ch = ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().CellPadding.y;
  // Cells a finger taps (a W or dC/dW) are a finger's target tall on a touch screen; they are
  // wider than that already (a number and its padding).
  if (s.touch_ui && o.cell_prefix)
    ch = std::max(ch, kTouchTargetCss * s.scale / static_cast<float>(s.text_size));
  const double range = max_abs(m);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float gap = std::max(1.0f, std::round(s.scale));
  ImGui::PushID(id);
  ImGui::BeginGroup();
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      const ImVec2 p(origin.x + cw * static_cast<float>(c), origin.y + ch * static_cast<float>(r));
      ImGui::SetCursorScreenPos(p);
      const double v = m(r, c);
      char name[48];
      if (o.cell_prefix) {
        std::snprintf(name, sizeof name, "cell %s[%ld][%ld]", o.cell_prefix, static_cast<long>(r),
                      static_cast<long>(c));
        ImGui::PushID(static_cast<int>(r * m.cols() + c));
        if (ImGui::InvisibleButton("cell", ImVec2(cw, ch))) {
          clicked.row = static_cast<int>(r);
          clicked.col = static_cast<int>(c);
        }
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        ui::track(s, name);
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      }
      const ImVec2 q(p.x + cw - gap, p.y + ch - gap);
      ImVec4 bg = o.pending ? ui::colour(ui::palette().cell_neutral) : cell_rgb(v, o.shade, range);
      dl->AddRectFilled(p, q, ImGui::GetColorU32(bg));
      const bool selected = r == o.selected_row && c == o.selected_col;
      if (selected)
        dl->AddRect(ImVec2(p.x - gap, p.y - gap), ImVec2(q.x + gap, q.y + gap),
                    ui::colour32(ui::palette().text), 0.0f, 0, 2.0f * s.scale);
      const char* text = "?";
      ui::Formatted f{};
      if (!o.pending) {
        f = ui::format_number(v, o.decimals);
        text = f.text;
      }
      const ImVec2 ts = ImGui::CalcTextSize(text);
      const ImVec4 fg = o.pending               ? ui::colour(ui::palette().pending)
                        : luminance(bg) > 0.45f ? ImVec4(0.05f, 0.05f, 0.07f, 1.0f)
                                                : ImVec4(0.95f, 0.96f, 0.98f, 1.0f);
      const float tx =
          o.pending ? p.x + (cw - ts.x) / 2 : q.x - ImGui::GetStyle().CellPadding.x - ts.x + gap;
      dl->AddText(ImVec2(tx, p.y + (ch - ts.y) / 2), ImGui::GetColorU32(fg), text);
      // Drawn straight into the draw list, so said to ImGui's log too (ui::begin_capture).
      ImGui::LogText(c + 1 < m.cols() ? "%s " : "%s\n", text);
    }
  }
  const ImVec2 size(cw * static_cast<float>(m.cols()), ch * static_cast<float>(rows));
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
  if (rows < m.rows())
    ImGui::TextColored(ui::colour(ui::palette().muted), "... %ld more rows",
                       static_cast<long>(m.rows() - rows));
  ImGui::EndGroup();
  ImGui::PopID();
  if (o.highlight) {
    const float pad = 3.0f * s.scale;
    dl->AddRect(ImVec2(origin.x - pad, origin.y - pad),
                ImVec2(origin.x + size.x + pad, origin.y + size.y + pad),
                ImGui::GetColorU32(ui::colour(ui::palette().just)), 0.0f, 0, 2.0f * s.scale);
  }
  return clicked;
}

float block_width(const char* title, const Matrix& m, const GridOptions& o) {
  char shape[32];
  std::snprintf(shape, sizeof shape, "[%ldx%ld]", static_cast<long>(m.rows()),
                static_cast<long>(m.cols()));
  const float title_w =
      math_width(title) + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(shape).x;
  return std::max(title_w, grid_width(m, o));
}

void flow(float width) {
  ui::same_line_if_fits(width, ImGui::GetStyle().ItemSpacing.x * 2.5f);
}

Cell block(AppState& s, const char* title, const Matrix& m, const GridOptions& o, bool first) {
  char shape[32];
  std::snprintf(shape, sizeof shape, "[%ldx%ld]", static_cast<long>(m.rows()),
                static_cast<long>(m.cols()));
  if (!first) flow(block_width(title, m, o));
  ImGui::BeginGroup();
  math(title, o.highlight ? ui::colour(ui::palette().just)
              : o.pending ? ui::colour(ui::palette().pending)
                          : ImGui::GetStyleColorVec4(ImGuiCol_Text));
  ImGui::SameLine();
  ImGui::TextColored(ui::colour(ui::palette().muted), "%s", shape);
  const Cell c = grid(s, title, m, o);
  ImGui::EndGroup();
  return c;
}

}  // namespace explain

namespace {

using explain::GridOptions;
using explain::Shade;

// "[4x3]"
struct ShapeText {
  char text[24];
};
ShapeText shape_of(Eigen::Index r, Eigen::Index c) {
  ShapeText t{};
  std::snprintf(t.text, sizeof t.text, "[%ldx%ld]", static_cast<long>(r), static_cast<long>(c));
  return t;
}

// An equation line in markup with the shapes of its product after it.
void product_line(const char* markup, const char* shapes) {
  ImGui::Spacing();
  explain::math(markup, ui::colour(ui::palette().heading));
  ImGui::SameLine();
  explain::math(shapes, ui::colour(ui::palette().muted));
}

// The chapter's names: k2 for delta_2 and t1 for delta_1 in the two-layer network.
void delta_name(int L, int l, char* out, std::size_t n) {
  if (L == 2)
    std::snprintf(out, n, l == 2 ? "k_2" : "t_1");
  else
    std::snprintf(out, n, "\\d_%d", l);
}

// Selects the weight of a clicked W or dC/dW cell and opens its equation.
void select_clicked(AppState& s, int l, explain::Cell c) {
  if (c.row < 0) return;
  if (s.select(WeightRef{l, c.row, c.col})) {
    s.open_tab = AppState::Tab::Equations;
    s.reveal_explanation = AppState::kRevealFrames;  // its worked gradient, scrolled into view
  }
}

}  // namespace

void draw_matrices(AppState& s) {
  explain::track_column(s);
  const Network& net = s.t().network();
  const StepTrace& tr = s.shown();
  const int L = net.layers();
  const char f = net.activation(1) == Activation::Sigmoid ? 's' : 'f';
  ui::heading("The matrices of one iteration");
  ui::muted(
      "Each row of a, z and the deltas is one example. Colours: blue below zero, orange "
      "above, scaled to each matrix's largest size; activations go from %s (0) to green "
      "(1). Click a cell of W or dC/dW to see how its gradient is made.",
      ui::palette().words.neutral);
  if (explain::mid_iteration(s))
    ui::muted_wrapped(
        "Walkthrough: '?' marks what this iteration has not computed yet; a frame what the last "
        "phase computed.");
  char title[48], line[96], shapes[96], dn[16];

  ui::heading("Forward pass");
  for (int l = 1; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    const Matrix& W = net.W(l);
    const Eigen::Index m = tr.a[i].rows();
    if (net.has_biases())
      std::snprintf(line, sizeof line, "z_%d = a_%d W_%d + b_%d,   a_%d = %c(z_%d)", l, l - 1, l, l,
                    l, f, l);
    else
      std::snprintf(line, sizeof line, "z_%d = a_%d W_%d,   a_%d = %c(z_%d)", l, l - 1, l, l, f, l);
    std::snprintf(shapes, sizeof shapes, "%s \u00B7 %s = %s", shape_of(m, W.rows()).text,
                  shape_of(W.rows(), W.cols()).text, shape_of(m, W.cols()).text);
    product_line(line, shapes);
    const bool in_done = l == 1 ? explain::computed(s, PhaseKind::Forward, 1)
                                : explain::computed(s, PhaseKind::Forward, l - 1);
    const bool just = explain::just_computed(s, PhaseKind::Forward, l);
    const bool update = explain::just_computed(s, PhaseKind::Update, 0);
    GridOptions o;
    bool first = true;
    if (l == 1) {
      o.shade = Shade::Signed;
      o.pending = !in_done;
      o.highlight = just;
      explain::block(s, "a_0 = x", tr.a[0], o, first);
      first = false;
    }
    GridOptions wo;
    wo.highlight = just || update;
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "W%d", l);
    wo.cell_prefix = prefix;
    if (s.config.view.selected.layer == l) {
      wo.selected_row = s.config.view.selected.row;
      wo.selected_col = s.config.view.selected.col;
    }
    std::snprintf(title, sizeof title, "W_%d", l);
    // The tracked rect "W<l>" is the grid with its title (tests screenshot it).
    if (!first) explain::flow(explain::block_width(title, W, wo));
    ImGui::BeginGroup();
    ui::begin_capture();
    select_clicked(s, l, explain::block(s, title, W, wo, true));
    ui::end_capture(prefix);
    ImGui::EndGroup();
    ui::track(s, prefix);
    GridOptions zo;
    zo.pending = !explain::computed(s, PhaseKind::Forward, l);
    zo.highlight = just;
    std::snprintf(title, sizeof title, "z_%d", l);
    explain::block(s, title, tr.z[i], zo, false);
    GridOptions ao = zo;
    ao.shade = net.activation(l) == Activation::Sigmoid ? Shade::Unit : Shade::Signed;
    std::snprintf(title, sizeof title, "a_%d", l);
    explain::block(s, title, tr.a[i], ao, false);
    if (l == L) {
      GridOptions yo;
      yo.shade = Shade::Unit;
      yo.highlight = explain::just_computed(s, PhaseKind::Loss, 0);
      explain::block(s, "y (targets)", tr.y, yo, false);
    }
  }

  ui::heading("Backward pass");
  for (int l = L; l >= 1; --l) {
    const auto i = static_cast<std::size_t>(l);
    const Eigen::Index m = tr.a[i].rows();
    const Eigen::Index n = tr.a[i].cols();
    GridOptions o;
    o.pending = !explain::computed(s, PhaseKind::Backward, l);
    o.highlight = explain::just_computed(s, PhaseKind::Backward, l);
    delta_name(L, l, dn, sizeof dn);
    if (l == L) {
      // dC/da_L is a - y for squared error; for cross-entropy it is (a - y) / (a (1 - a)),
      // and with a sigmoid output the product with s'(z_L) = a (1 - a) leaves a - y.
      const bool ce = s.t().options().loss == Loss::CrossEntropy;
      if (ce && net.activation(l) == Activation::Sigmoid)
        std::snprintf(line, sizeof line, "%s = dC/da_%d (.) s'(z_%d) = a_%d - y", dn, l, l, l);
      else
        std::snprintf(line, sizeof line, "%s = dC/da_%d (.) %c'(z_%d)", dn, l, f, l);
      std::snprintf(shapes, sizeof shapes, "%s (.) %s = %s", shape_of(m, n).text,
                    shape_of(m, n).text, shape_of(m, n).text);
      product_line(line, shapes);
      if (ce)
        std::snprintf(title, sizeof title, "dC/da_%d", l);
      else
        std::snprintf(title, sizeof title, "dC/da_%d = a_%d - y", l, l);
    } else {
      char next[16];
      delta_name(L, l + 1, next, sizeof next);
      const Eigen::Index k = tr.a[i + 1].cols();
      std::snprintf(line, sizeof line, "%s = (%s W_%d^T) (.) %c'(z_%d)", dn, next, l + 1, f, l);
      std::snprintf(shapes, sizeof shapes, "%s \u00B7 %s = %s, (.) %s", shape_of(m, k).text,
                    shape_of(k, n).text, shape_of(m, n).text, shape_of(m, n).text);
      product_line(line, shapes);
      std::snprintf(title, sizeof title, "%s W_%d^T", next, l + 1);
    }
    const Eigen::Index p = tr.a[i - 1].cols();
    char dw_line[96], dw_shapes[96];
    std::snprintf(dw_line, sizeof dw_line, "dC/dW_%d = a_%d^T %s", l, l - 1, dn);
    std::snprintf(dw_shapes, sizeof dw_shapes, "%s^T \u00B7 %s = %s", shape_of(m, p).text,
                  shape_of(m, n).text, shape_of(p, n).text);
    product_line(dw_line, dw_shapes);
    explain::block(s, title, tr.da[i], o, true);
    std::snprintf(title, sizeof title, "%c'(z_%d)", f, l);
    GridOptions so = o;
    so.shade = net.activation(l) == Activation::Sigmoid ? Shade::Unit : Shade::Signed;
    explain::block(s, title, tr.da_dz[i], so, false);
    explain::block(s, dn, tr.delta[i], o, false);
    GridOptions go = o;
    go.highlight = o.highlight || explain::just_computed(s, PhaseKind::Update, 0);
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "dW%d", l);
    go.cell_prefix = prefix;
    if (s.config.view.selected.layer == l) {
      go.selected_row = s.config.view.selected.row;
      go.selected_col = s.config.view.selected.col;
    }
    std::snprintf(title, sizeof title, "dC/dW_%d", l);
    select_clicked(s, l, explain::block(s, title, tr.dW[i], go, false));
  }
  ImGui::Spacing();
  std::snprintf(line, sizeof line, "Update, every layer:  W  <-  W - %s \u00B7 dC/dW",
                ui::format_number(s.t().options().learning_rate, 2).text);
  explain::math(line, explain::just_computed(s, PhaseKind::Update, 0)
                          ? ui::colour(ui::palette().just)
                          : ui::colour(ui::palette().heading));
}

}  // namespace bp::app

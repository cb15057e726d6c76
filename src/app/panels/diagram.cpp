// The network diagram: one column of nodes per layer, filled by their activation for the
// selected example, and links coloured and sized by their weight (or by dC/dw). Hovering
// explains a node or a link, clicking a link picks the weight the equations explain, and
// in the walkthrough the part of the network the last phase touched is lit.
#include "../panels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <imgui.h>

#include "../ui.hpp"
#include "diagram_walk.hpp"
#include "heat_colours.hpp"

namespace bp::app {
namespace {

constexpr int kMaxExampleButtons = 12;
constexpr float kLinkReach = 10.0f;    // CSS px: how far off a link's line a click still hits it
constexpr int kMaxTrackedLinks = 300;  // beyond that, tests use the API, not link rects

ImU32 colour(ImVec4 c, float alpha = 1.0f) {
  c.w *= alpha;
  return ImGui::GetColorU32(c);
}

// Whether a node filled with fill (at that opacity, over the palette's node_low) is light
// enough for dark text: WCAG's luminance, above the point where black and white text have the
// same contrast on it.
bool on_light(ImVec4 fill, float alpha) {
  const Rgba shown = over(Rgba{fill.x, fill.y, fill.z, alpha}, ui::palette().node_low);
  return luminance(shown) > 0.18;
}

ImVec4 mix(ImVec4 a, ImVec4 b, float t) {
  return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t,
                a.w + (b.w - a.w) * t);
}

float segment_distance(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) {
  return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

// Where the nodes are, relative to the diagram's top-left corner, and for each link the
// point along it that is farthest from every other link of its layer (where a click or a
// test picks it without doubt). Recomputed only when the shape or the size changes, so
// drawing allocates nothing in the steady state.
struct Geometry {
  std::vector<int> sizes;
  float width = 0, height = 0, scale = 0;
  float radius = 0;
  std::vector<float> x, top, gap;  // per layer: column x, y of unit 0, spacing
  std::vector<int> link_offset;    // per weight layer l: index of link (l, 0, 0)
  std::vector<float> pick_t;       // per link: where along it to click

  ImVec2 node(int l, int j) const {
    const auto i = static_cast<std::size_t>(l);
    return ImVec2(x[i], top[i] + gap[i] * static_cast<float>(j));
  }
  int link(int l, int row, int col) const {
    return link_offset[static_cast<std::size_t>(l)] + row * sizes[static_cast<std::size_t>(l)] +
           col;
  }
};

void layout(Geometry& g, const std::vector<int>& sizes, float width, float height, float k,
            float head) {
  if (g.sizes == sizes && g.width == width && g.height == height && g.scale == k) return;
  g.sizes = sizes;
  g.width = width;
  g.height = height;
  g.scale = k;
  const int layers = static_cast<int>(sizes.size());
  const auto n = sizes.size();
  g.x.assign(n, 0);
  g.top.assign(n, 0);
  g.gap.assign(n, 0);
  const float line = ImGui::GetTextLineHeight();
  const float left = ImGui::CalcTextSize("x10").x + 22 * k;
  const float right = ImGui::CalcTextSize("y = 0.00").x + 30 * k;
  const float span = std::max(width - left - right, 10.0f);
  int widest = 1;
  for (int sz : sizes) widest = std::max(widest, sz);
  // The radius shrinks for tall columns; the labels above nodes need one line of room.
  float radius = 21 * k;
  const float region_top = head + line + 4 * k;
  const float region_bottom = height - 6 * k;
  for (int pass = 0; pass < 2; ++pass) {
    const float h = region_bottom - region_top - 2 * radius;
    const float gap = widest > 1 ? h / static_cast<float>(widest - 1) : h;
    radius = std::clamp(std::min(21 * k, gap * 0.32f), 4 * k, 21 * k);
  }
  g.radius = radius;
  const float first = region_top + radius, last = region_bottom - radius;
  for (int l = 0; l < layers; ++l) {
    const auto i = static_cast<std::size_t>(l);
    const int units = sizes[i];
    g.x[i] = left + (layers > 1 ? span * static_cast<float>(l) / static_cast<float>(layers - 1)
                                : span / 2);
    const float gap =
        units > 1 ? std::min((last - first) / static_cast<float>(units - 1), 70 * k) : 0.0f;
    g.gap[i] = gap;
    g.top[i] = (first + last) / 2 - gap * static_cast<float>(units - 1) / 2;
  }
  // Links and their pick points.
  g.link_offset.assign(n, 0);
  int count = 0;
  for (int l = 1; l < layers; ++l) {
    g.link_offset[static_cast<std::size_t>(l)] = count;
    count += sizes[static_cast<std::size_t>(l - 1)] * sizes[static_cast<std::size_t>(l)];
  }
  g.pick_t.assign(static_cast<std::size_t>(count), 0.5f);
  constexpr int kSamples = 9;
  for (int l = 1; l < layers; ++l) {
    const int rows = sizes[static_cast<std::size_t>(l - 1)];
    const int cols = sizes[static_cast<std::size_t>(l)];
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const ImVec2 a = g.node(l - 1, r), b = g.node(l, c);
        float best = -1, best_t = 0.5f;
        for (int sample = 0; sample < kSamples; ++sample) {
          const float t = 0.22f + 0.56f * static_cast<float>(sample) / (kSamples - 1);
          const ImVec2 p = lerp(a, b, t);
          float nearest = 1e9f;
          for (int r2 = 0; r2 < rows; ++r2)
            for (int c2 = 0; c2 < cols; ++c2)
              if (r2 != r || c2 != c)
                nearest = std::min(nearest, segment_distance(p, g.node(l - 1, r2), g.node(l, c2)));
          if (nearest > best) {
            best = nearest;
            best_t = t;
          }
        }
        g.pick_t[static_cast<std::size_t>(g.link(l, r, c))] = best_t;
      }
  }
}

// "x1", "h3", "out" (or "out2"): the name of unit j of layer l, counted from 1.
void unit_name(char* buf, std::size_t size, int l, int j, int layers, int units) {
  if (l == 0)
    std::snprintf(buf, size, "x%d", j + 1);
  else if (l == layers)
    units == 1 ? std::snprintf(buf, size, "out") : std::snprintf(buf, size, "out%d", j + 1);
  else
    std::snprintf(buf, size, "h%d", j + 1);
}

// A number short enough for the inside of a node, or nothing if it does not fit.
bool short_number(char* buf, std::size_t size, double v, float room) {
  if (!std::isfinite(v)) {
    std::snprintf(buf, size, "%s", std::isnan(v) ? "NaN" : "inf");
    return ImGui::CalcTextSize(buf).x <= room;
  }
  // Whole numbers (the inputs, most targets) without decimals.
  const int most = v == std::round(v) && std::fabs(v) < 1e6 ? 0 : 2;
  for (int decimals = most; decimals >= 0; --decimals) {
    std::snprintf(buf, size, "%.*f", decimals, v);
    if (ImGui::CalcTextSize(buf).x <= room) return true;
  }
  return false;
}

// A label with a dark box behind it, so it stays readable over links.
void boxed_text(ImDrawList* dl, ImVec2 at, const char* text, ImU32 fg, float k) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  dl->AddRectFilled(ImVec2(at.x - 3 * k, at.y - 1 * k),
                    ImVec2(at.x + size.x + 3 * k, at.y + size.y + 1 * k),
                    ui::colour32(ui::palette().label_back), 3 * k);
  ui::draw_text(dl, at, fg, text);
}

void example_selector(AppState& s, Eigen::Index rows) {
  const float k = s.scale;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Example");
  if (rows <= kMaxExampleButtons) {
    for (int r = 0; r < static_cast<int>(rows); ++r) {
      ImGui::SameLine(0, r == 0 ? 8 * k : 4 * k);
      char label[24], name[24];
      std::snprintf(label, sizeof label, "%d##example", r + 1);
      std::snprintf(name, sizeof name, "example %d", r + 1);
      const bool current = r == s.example;
      if (current)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      // A finger's target on a touch screen: as wide as the button is tall.
      const float width = s.touch_ui ? std::max(30 * k, ImGui::GetFrameHeight()) : 30 * k;
      if (ImGui::Button(label, ImVec2(width, 0))) (void)s.set_example(r);
      if (current) ImGui::PopStyleColor();
      ui::track(s, name);
      if (ImGui::IsItemHovered()) ui::tooltip("Show example %d (row %d of the data)", r + 1, r + 1);
    }
  } else {
    ImGui::SameLine();
    auto shown = static_cast<std::uint64_t>(s.example + 1);
    ImGui::SetNextItemWidth(110 * k);
    const ui::NumberEdit typed = ui::input_whole("##example", shown, 1000000);
    if (typed.changed) (void)s.set_example(static_cast<int>(shown) - 1);
    ui::track(s, "example");
  }
}

// The selected example's inputs and target, after the selector.
void example_line(AppState& s, const StepTrace& tr, Eigen::Index ex) {
  std::string text = "x = [";
  char buf[48];
  for (Eigen::Index c = 0; c < tr.a[0].cols(); ++c) {
    std::snprintf(buf, sizeof buf, "%s%g", c ? ", " : "", tr.a[0](ex, c));
    text += buf;
  }
  text += "], y = ";
  for (Eigen::Index c = 0; c < tr.y.cols(); ++c) {
    std::snprintf(buf, sizeof buf, "%s%g", c ? ", " : "", tr.y(ex, c));
    text += buf;
  }
  // Only beside the selector: the nodes show the same inputs and target, and a line of its
  // own would cost the diagram its height on a laptop's screen.
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float gap = 14 * s.scale;
  if (ImGui::GetItemRectMax().x + gap + ImGui::CalcTextSize(text.c_str()).x > right) return;
  ImGui::SameLine(0, gap);
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ui::colour(ui::palette().muted), "%s", text.c_str());
}

// The colour scale of unit j of layer l's map: by its activation, or for an input feature
// by its range over the plane.
HeatScale unit_scale(const AppState& s, int l, int j) {
  return l == 0 ? column_scale(s.heat.layer(0), j) : heat_scale(s.t().network().activation(l));
}

void node_tooltip(AppState& s, const StepTrace& tr, const walk::Computed& done, int l, int j,
                  Eigen::Index ex, bool saturated) {
  const Network& net = s.t().network();
  const int L = net.layers();
  const auto i = static_cast<std::size_t>(l);
  char name[16];
  unit_name(name, sizeof name, l, j, L, net.size(l));
  ui::begin_tooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
  if (l == 0) {
    ImGui::Text("%s: input %d of example %d", name, j + 1, static_cast<int>(ex) + 1);
    ImGui::Text("a0 = x = %s", ui::format_number(tr.a[0](ex, j), 4).text);
    ImGui::TextColored(ui::colour(ui::palette().muted), "Inputs are passed on as they are.");
  } else {
    const char* kind = l == L ? "output" : "hidden";
    ImGui::Text("%s: %s unit %d of layer %d, example %d", name, kind, j + 1, l,
                static_cast<int>(ex) + 1);
    const std::string act(bp::name(net.activation(l)));
    if (done.forward(l)) {
      if (net.has_biases())
        ImGui::Text("z = a%d W%d (column %d) + b%d[%d] = %s", l - 1, l, j + 1, l, j,
                    ui::format_number(tr.z[i](ex, j), 4).text);
      else
        ImGui::Text("z = a%d W%d (column %d) = %s", l - 1, l, j + 1,
                    ui::format_number(tr.z[i](ex, j), 4).text);
      ImGui::Text("a = %s(z) = %s", act.c_str(), ui::format_number(tr.a[i](ex, j), 4).text);
    } else {
      ImGui::TextColored(ui::colour(ui::palette().muted),
                         "z and a: not yet computed in this iteration");
    }
    if (l == L) ImGui::Text("target y = %s", ui::format_number(tr.y(ex, j), 4).text);
    if (done.backward(l)) {
      ImGui::Text("f'(z) = %s", ui::format_number(tr.da_dz[i](ex, j), 4).text);
      ImGui::Text("delta = dC/dz = %s", ui::format_number(tr.delta[i](ex, j), 5).text);
    } else {
      ImGui::TextColored(ui::colour(ui::palette().muted),
                         "f'(z) and delta: not yet computed in this iteration");
    }
    if (saturated) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().saturated));
      ui::wrapped(
          "Saturated: f'(z) is below 0.01 for every example (the %s is flat where this unit "
          "works). The gradient is multiplied by f'(z) on its way back, so this unit and the "
          "weights into it barely learn.",
          act.c_str());
      ImGui::PopStyleColor();
    }
  }
  if (s.two_d() && s.heat.valid && !s.hidden("heatmap")) {
    const float side = 180 * s.scale;
    ImGui::TextColored(ui::colour(ui::palette().muted),
                       "What %s computes over the plane (x1 across, x2 up):", name);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    draw_unit_map(ImGui::GetWindowDrawList(), s.heat.layer(l), j, kHeatCells, unit_scale(s, l, j),
                  p0, side, 1);
    ImGui::Dummy(ImVec2(side, side));
    ui::track(s, "Unit map");
  }
  if (l > 0 && net.has_biases())
    ImGui::TextColored(ui::colour(ui::palette().muted),
                       "Double-click to type a new bias b%d[%d] (now %s).", l, j,
                       ui::format_number(net.b(l)(j), 4).text);
  ImGui::PopTextWrapPos();
  ui::end_tooltip();
}

void link_tooltip(const AppState& s, const StepTrace& tr, const walk::Computed& done, int l, int r,
                  int c) {
  const Network& net = s.t().network();
  const int L = net.layers();
  char from[16], to[16];
  unit_name(from, sizeof from, l - 1, r, L, net.size(l - 1));
  unit_name(to, sizeof to, l, c, L, net.size(l));
  ui::begin_tooltip();
  ImGui::Text("W%d[%d][%d]: the link from %s to %s", l, r, c, from, to);
  ImGui::Text("weight w = %s", ui::format_number(net.W(l)(r, c), 4).text);
  if (done.backward(l))
    ImGui::Text("dC/dw = %s", ui::format_number(tr.dW[static_cast<std::size_t>(l)](r, c), 6).text);
  else
    ImGui::TextColored(ui::colour(ui::palette().muted),
                       "dC/dw: not yet computed in this iteration");
  ImGui::TextColored(ui::colour(ui::palette().muted),
                     "Click: see in the Equations tab how dC/dw is made. Double-click: type a "
                     "new weight.");
  ui::end_tooltip();
}

// The box that opens where a link (or a node, for its bias) was clicked: type a number,
// press Enter; training goes on from the new value.
void weight_popup(AppState& s) {
  if (!ImGui::BeginPopup("Edit weight")) {
    if (s.weight_edit && !ImGui::IsPopupOpen("Edit weight")) s.weight_edit.reset();
    return;
  }
  if (!s.weight_edit) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    s.weight_edit.reset();
    s.weight_error.clear();
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  AppState::WeightEdit& e = *s.weight_edit;
  const bool bias = e.row < 0;
  if (bias)
    ImGui::Text("Bias b%d[%d] of unit %d in layer %d", e.layer, e.col, e.col + 1, e.layer);
  else {
    const Network& net = s.t().network();
    char from[16], to[16];
    unit_name(from, sizeof from, e.layer - 1, e.row, net.layers(), net.size(e.layer - 1));
    unit_name(to, sizeof to, e.layer, e.col, net.layers(), net.size(e.layer));
    ImGui::Text("Weight W%d[%d][%d]: %s to %s", e.layer, e.row, e.col, from, to);
  }
  if (e.focus) {
    ImGui::SetKeyboardFocusHere();
    e.focus = false;
  }
  ImGui::SetNextItemWidth(160 * s.scale);
  const ui::NumberEdit typed =
      ui::input_number("##new weight", e.value, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::track(s, "Weight field");
  ImGui::SameLine();
  const bool set = ImGui::Button("Set");
  ui::track(s, "Set weight");
  if (!typed.refused.empty()) {
    s.weight_error = typed.refused;
  } else if (typed.entered || set) {
    const Status st = bias ? s.set_bias(e.layer, e.col, e.value)
                           : s.set_weight(WeightRef{e.layer, e.row, e.col}, e.value);
    if (st) {
      s.weight_edit.reset();
      s.weight_error.clear();
      ImGui::CloseCurrentPopup();
    } else {
      s.weight_error = st.error();
    }
  }
  if (!s.weight_error.empty()) ui::error_wrapped(s.weight_error.c_str());
  ImGui::TextColored(ui::colour(ui::palette().muted),
                     "Enter sets it; Escape or a click outside cancels.");
  ImGui::EndPopup();
}

}  // namespace

void draw_diagram(AppState& s) {
  static Geometry g;  // reused every frame (see Geometry)
  const float k = s.scale;
  const Trainer& t = s.t();
  const Network& net = t.network();
  const int L = net.layers();
  const StepTrace& tr = s.shown();
  const walk::Computed done = walk::computed(s);
  const walk::Highlight lit = walk::highlight(s);

  ui::heading("The network");

  // --- display controls (the walkthrough is switched on in the control bar) -------------
  // Beside the heading, to leave the page's height to the diagram and the loss curve.
  ImGui::SameLine(0, 24 * k);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
  ImGui::Checkbox("Show gradients", &s.config.view.show_gradients);
  ui::track(s, "Show gradients");
  if (ImGui::IsItemHovered())
    ui::tooltip("Links show dC/dw, the gradient of the loss for each weight, instead of w");

  const Eigen::Index rows = tr.a[0].rows();
  ui::same_line_if_fits(ImGui::CalcTextSize("Example").x + 34 * k * 4, 24 * k);
  example_selector(s, t.data().size());
  const Eigen::Index ex = std::clamp<Eigen::Index>(s.example, 0, rows - 1);
  example_line(s, tr, ex);

  // --- geometry -------------------------------------------------------------------------
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 200 * k);
  int widest = 1;
  for (int l = 0; l <= L; ++l) widest = std::max(widest, net.size(l));
  const float height = std::clamp(static_cast<float>(widest) * 24 * k + 90 * k, 270 * k, 440 * k);
  const float head = ImGui::GetTextLineHeight() + 4 * k;
  layout(g, net.spec().sizes, width, height, k, head);
  const float R = g.radius;
  const auto at = [&](int l, int j) {
    const ImVec2 p = g.node(l, j);
    return ImVec2(origin.x + p.x, origin.y + p.y);
  };

  ImGui::InvisibleButton("diagram", ImVec2(width, height));
  ui::track(s, "Diagram");
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + width, origin.y + height), true);
  ui::begin_capture();  // the labels drawn below, as text: state().text.Diagram
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height),
                    ui::colour32(ui::palette().diagram_back), 6 * k);

  // Column headings, short when the columns are close together.
  for (int l = 0; l <= L; ++l) {
    char label[32];
    if (l == 0)
      std::snprintf(label, sizeof label, "inputs a0");
    else if (l == L)
      std::snprintf(label, sizeof label, "output a%d", l);
    else
      std::snprintf(label, sizeof label, "hidden a%d", l);
    const float colgap = L > 0 ? g.x[1] - g.x[0] : width;
    if (ImGui::CalcTextSize(label).x > colgap - 8 * k) std::snprintf(label, sizeof label, "a%d", l);
    const float w = ImGui::CalcTextSize(label).x;
    ui::draw_text(dl, ImVec2(at(l, 0).x - w / 2, origin.y + 4 * k),
                  colour(ui::colour(ui::palette().heading)), label);
  }

  // What each link shows, and the scale of the gradients.
  double gmax = 0;
  for (int l = 1; l <= L; ++l) {
    if (!done.backward(l)) continue;
    const Matrix& d = tr.dW[static_cast<std::size_t>(l)];
    for (Eigen::Index i = 0; i < d.size(); ++i)
      if (std::isfinite(d.data()[i])) gmax = std::max(gmax, std::fabs(d.data()[i]));
  }
  struct Shown {
    bool known;
    double v;
    float thick, alpha;
  };
  const auto link_value = [&](int l, int r, int c) {
    const bool lit_layer = lit.link_layer == 0 || lit.link_layer == l;
    const bool grad = s.config.view.show_gradients || (lit.link_gradients && lit_layer);
    Shown out{true, 0, 1 * k, 1};
    if (grad) {
      if (!done.backward(l)) return Shown{false, 0, 1 * k, 0.35f};
      out.v = tr.dW[static_cast<std::size_t>(l)](r, c);
      const double rel = gmax > 0 && std::isfinite(out.v) ? std::fabs(out.v) / gmax : 0;
      out.thick = k * (1.0f + 7.0f * static_cast<float>(std::sqrt(rel)));
      out.alpha = 0.25f + 0.75f * static_cast<float>(std::sqrt(rel));
    } else {
      out.v = net.W(l)(r, c);
      const double m = std::isfinite(out.v) ? std::fabs(out.v) : 0;
      out.thick = k * (1.0f + 6.0f * static_cast<float>(m / (m + 2)));
      out.alpha = 0.30f + 0.70f * static_cast<float>(m / (m + 1));
    }
    if (!std::isfinite(out.v)) out.known = false;
    if (lit.active && !lit_layer) out.alpha *= 0.3f;
    return out;
  };

  // Hover: a node first, else the nearest link.
  int hover_node_l = -1, hover_node_j = -1, hover_l = -1, hover_r = -1, hover_c = -1;
  if (hovered) {
    for (int l = 0; l <= L && hover_node_l < 0; ++l)
      for (int j = 0; j < net.size(l); ++j) {
        const ImVec2 p = at(l, j);
        const float dx = mouse.x - p.x, dy = mouse.y - p.y;
        if (dx * dx + dy * dy <= (R + 3 * k) * (R + 3 * k)) {
          hover_node_l = l;
          hover_node_j = j;
          break;
        }
      }
    if (hover_node_l < 0) {
      float best = 1e9f;
      for (int l = 1; l <= L; ++l)
        for (int r = 0; r < net.size(l - 1); ++r)
          for (int c = 0; c < net.size(l); ++c) {
            const float d = segment_distance(mouse, at(l - 1, r), at(l, c));
            // Thin lines are hard to hit: up to kLinkReach px off the line still counts.
            const float reach = std::max(kLinkReach * k, link_value(l, r, c).thick / 2 + 4 * k);
            if (d <= reach && d < best) {
              best = d;
              hover_l = l;
              hover_r = r;
              hover_c = c;
            }
          }
    }
  }
  // A click picks the weight and brings its worked gradient into view; typing a new value
  // is a separate, deliberate act: a double click (or the Equations tab's Edit button).
  const bool twice = clicked && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  if (clicked && hover_l > 0) {
    (void)s.select(WeightRef{hover_l, hover_r, hover_c});
    s.open_tab = AppState::Tab::Equations;
    s.reveal_explanation = AppState::kRevealFrames;
    if (twice) {
      s.weight_edit =
          AppState::WeightEdit{hover_l, hover_r, hover_c, net.W(hover_l)(hover_r, hover_c)};
      s.weight_error.clear();
      ImGui::OpenPopup("Edit weight");
    }
  } else if (twice && hover_node_l > 0 && net.has_biases()) {
    s.weight_edit =
        AppState::WeightEdit{hover_node_l, -1, hover_node_j, net.b(hover_node_l)(hover_node_j)};
    s.weight_error.clear();
    ImGui::OpenPopup("Edit weight");
  } else if (s.weight_edit && s.weight_edit->open) {  // asked for by the Edit button
    s.weight_edit->open = false;
    s.weight_error.clear();
    ImGui::OpenPopup("Edit weight");
  }
  weight_popup(s);

  // --- links: the dimmed and plain ones, then the lit ones, then the selected one --------
  const WeightRef sel = s.config.view.selected;
  for (int pass = 0; pass < 2; ++pass)
    for (int l = 1; l <= L; ++l) {
      const bool lit_layer = lit.active && (lit.link_layer == 0 || lit.link_layer == l);
      if ((pass == 1) != lit_layer) continue;
      for (int r = 0; r < net.size(l - 1); ++r)
        for (int c = 0; c < net.size(l); ++c) {
          const Shown v = link_value(l, r, c);
          const ImVec2 a = at(l - 1, r), b = at(l, c);
          if (lit_layer)
            dl->AddLine(a, b, colour(ui::colour(ui::palette().lit), 0.22f), v.thick + 4 * k);
          if (l == hover_l && r == hover_r && c == hover_c)
            dl->AddLine(a, b, ui::colour32(ui::palette().ring, 0.66f), v.thick + 4 * k);
          const ImVec4 col = !v.known ? ui::colour(ui::palette().unknown)
                                      : (v.v >= 0 ? ui::colour(ui::palette().positive)
                                                  : ui::colour(ui::palette().negative));
          dl->AddLine(a, b, colour(col, v.alpha), v.thick);
        }
    }
  if (sel.layer >= 1 && sel.layer <= L && sel.row < net.size(sel.layer - 1) &&
      sel.col < net.size(sel.layer)) {
    const Shown v = link_value(sel.layer, sel.row, sel.col);
    const ImVec2 a = at(sel.layer - 1, sel.row), b = at(sel.layer, sel.col);
    dl->AddLine(a, b, colour(ui::colour(ui::palette().selected)), v.thick + 4 * k);
    const ImVec4 col = !v.known ? ui::colour(ui::palette().unknown)
                                : (v.v >= 0 ? ui::colour(ui::palette().positive)
                                            : ui::colour(ui::palette().negative));
    dl->AddLine(a, b, colour(col), v.thick);
  }

  // --- nodes ------------------------------------------------------------------------------
  const bool maps = s.two_d() && s.heat.valid && !s.hidden("heatmap");
  const ImU32 text_dark = colour(ImVec4(0.05f, 0.05f, 0.07f, 1.0f));
  const ImU32 text_light = colour(ImVec4(0.95f, 0.96f, 0.98f, 1.0f));
  bool any_saturated = false;
  for (int l = 0; l <= L; ++l) {
    const auto i = static_cast<std::size_t>(l);
    std::vector<int> saturated;
    if (l > 0 && done.backward(l)) saturated = saturated_units(tr, l);
    any_saturated = any_saturated || !saturated.empty();
    const bool lit_nodes = lit.active && lit.node_layer == l;
    const bool dim = lit.active && !lit_nodes && !(lit.link_layer > 0 && l == lit.link_layer - 1) &&
                     lit.link_layer != 0;
    const float alpha = dim ? 0.45f : 1.0f;
    const bool room_for_label = net.size(l) <= 1 || g.gap[i] - 2 * R >= ImGui::GetTextLineHeight();
    for (int j = 0; j < net.size(l); ++j) {
      const ImVec2 p = at(l, j);
      const bool known = done.forward(l);
      const double a = known ? tr.a[i](ex, j) : 0.0;
      const float level =
          known && std::isfinite(a) ? static_cast<float>(std::min(std::fabs(a), 1.0)) : 0.0f;
      const ImVec4 fill =
          mix(ui::colour(ui::palette().node_low),
              a < 0 ? ui::colour(ui::palette().node_negative) : ui::colour(ui::palette().node_high),
              level);
      if (lit_nodes)
        dl->AddCircleFilled(p, R + 6 * k, colour(ui::colour(ui::palette().lit), 0.35f));
      if (maps) {
        // 2-D data: what this unit computes over the whole input plane.
        const ImVec2 p0(p.x - R, p.y - R), p1(p.x + R, p.y + R);
        draw_unit_map(dl, s.heat.layer(l), j, kHeatCells, unit_scale(s, l, j), p0, 2 * R,
                      R >= 12 * k ? 4 : 6);
        dl->AddRect(
            p0, p1,
            colour(lit_nodes ? ui::colour(ui::palette().lit) : ui::colour(ui::palette().node_edge),
                   alpha),
            2 * k, 0, (lit_nodes ? 2.5f : 1.2f) * k);
      } else {
        dl->AddCircleFilled(
            p, R, colour(ui::colour(ui::palette().node_low)));  // opaque under a dimmed fill
        dl->AddCircleFilled(p, R, colour(fill, alpha));
        dl->AddCircle(
            p, R,
            colour(lit_nodes ? ui::colour(ui::palette().lit) : ui::colour(ui::palette().node_edge),
                   alpha),
            0, (lit_nodes ? 2.5f : 1.2f) * k);
      }
      const bool sat = std::find(saturated.begin(), saturated.end(), j) != saturated.end();
      if (sat)
        dl->AddCircle(p, R + 3.5f * k, colour(ui::colour(ui::palette().saturated)), 0, 2.5f * k);
      if (l == hover_node_l && j == hover_node_j)
        dl->AddCircle(p, R + 2 * k, ui::colour32(ui::palette().ring), 0, 2 * k);

      char buf[32];
      if (maps) {
        // The map is the picture; the numbers are in the tooltip.
      } else if (!known) {
        const ImVec2 sz = ImGui::CalcTextSize("?");
        if (R >= 8 * k)
          ui::draw_text(dl, ImVec2(p.x - sz.x / 2, p.y - sz.y / 2),
                        colour(ui::colour(ui::palette().muted)), "?");
      } else if (R >= 12 * k && short_number(buf, sizeof buf, a, 2 * R - 4 * k)) {
        const ImVec2 sz = ImGui::CalcTextSize(buf);
        ui::draw_text(dl, ImVec2(p.x - sz.x / 2, p.y - sz.y / 2),
                      on_light(fill, alpha) ? text_dark : text_light, buf);
      }
      // Names: inputs on the left, others above the node; the target right of outputs.
      char name[16];
      unit_name(name, sizeof name, l, j, L, net.size(l));
      const ImVec2 nsz = ImGui::CalcTextSize(name);
      if (l == 0)
        ui::draw_text(dl, ImVec2(p.x - R - 6 * k - nsz.x, p.y - nsz.y / 2),
                      colour(ui::colour(ui::palette().muted)), name);
      else if (room_for_label)
        ui::draw_text(dl, ImVec2(p.x - nsz.x / 2, p.y - R - nsz.y - 1 * k),
                      colour(ui::colour(ui::palette().muted)), name);
      if (l == L) {
        std::snprintf(buf, sizeof buf, "y = ");
        (void)short_number(buf + 4, sizeof buf - 4, tr.y(ex, j), 1e9f);
        const ImVec2 sz = ImGui::CalcTextSize(buf);
        if (R >= 8 * k || j % 2 == 0)
          ui::draw_text(dl, ImVec2(p.x + R + 11 * k, p.y - sz.y / 2),
                        colour(ui::colour(ui::palette().target)), buf);
      }
      // In a backward phase the lit nodes also show their delta.
      if (lit_nodes && lit.node_deltas && done.backward(l) && R >= 8 * k) {
        std::snprintf(buf, sizeof buf, "delta %s", ui::format_number(tr.delta[i](ex, j), 4).text);
        const ImVec2 spot =
            l == L ? ImVec2(p.x - R, p.y + R + 4 * k) : ImVec2(p.x + R + 6 * k, p.y + R * 0.2f);
        boxed_text(dl, spot, buf, colour(ui::colour(ui::palette().lit)), k);
      }
    }
  }

  // The selected link's value, written where it can be clicked.
  if (sel.layer >= 1 && sel.layer <= L && sel.row < net.size(sel.layer - 1) &&
      sel.col < net.size(sel.layer)) {
    const Shown v = link_value(sel.layer, sel.row, sel.col);
    const float tt = g.pick_t[static_cast<std::size_t>(g.link(sel.layer, sel.row, sel.col))];
    const ImVec2 p = lerp(at(sel.layer - 1, sel.row), at(sel.layer, sel.col), tt);
    char buf[48];
    const bool grad =
        s.config.view.show_gradients || (lit.link_gradients && lit.link_layer == sel.layer);
    if (v.known)
      std::snprintf(buf, sizeof buf, "%s %s", grad ? "dC/dw" : "w",
                    ui::format_number(v.v, grad ? 5 : 3).text);
    else
      std::snprintf(buf, sizeof buf, "dC/dw ?");
    // Centred above the link's pick point, kept clear of the nodes at both ends. Where the
    // columns are close (a phone), that can still cover a node and the value written in it:
    // then the label moves along the link, above or below it, to the first place that covers
    // no node of the two columns it joins.
    const ImVec2 src = at(sel.layer - 1, sel.row), dst = at(sel.layer, sel.col);
    // The label with its name ("w 0.703"), else the number alone where the columns are close.
    const char* number = std::strchr(buf, ' ') != nullptr ? std::strchr(buf, ' ') + 1 : buf;
    ImVec2 size = ImGui::CalcTextSize(buf);
    const auto place = [&](ImVec2 q, bool above, bool between, ImVec2 box) {
      float x0 = q.x - box.x / 2;
      if (between) {
        x0 = std::min(x0, dst.x - R - 8 * k - box.x);
        x0 = std::max(x0, src.x + R + 8 * k);
      }
      return ImVec2(x0, above ? q.y - box.y - 4 * k : q.y + 4 * k);
    };
    const auto covers_a_node = [&](ImVec2 o, ImVec2 box) {
      const float pad = 4 * k;  // the label's box, and a little room
      const ImVec2 lo(o.x - pad, o.y - pad), hi(o.x + box.x + pad, o.y + box.y + pad);
      for (int l = sel.layer - 1; l <= sel.layer; ++l)
        for (int j = 0; j < net.size(l); ++j) {
          const ImVec2 c = at(l, j);  // the nearest point of the box to the circle's centre
          const float dx = std::clamp(c.x, lo.x, hi.x) - c.x;
          const float dy = std::clamp(c.y, lo.y, hi.y) - c.y;
          if (dx * dx + dy * dy < R * R) return true;
        }
      return false;
    };
    ImVec2 spot = place(p, true, true, size);
    const char* shown = buf;
    if (covers_a_node(spot, size)) {
      bool found = false;
      for (const char* text : {static_cast<const char*>(buf), number}) {
        const ImVec2 box = ImGui::CalcTextSize(text);
        for (const float along : {0.5f, 0.4f, 0.6f, 0.3f, 0.7f, 0.2f, 0.8f})
          for (const bool above : {true, false})
            for (const bool between : {true, false}) {
              const ImVec2 o = place(lerp(src, dst, along), above, between, box);
              if (found || covers_a_node(o, box)) continue;
              spot = o;
              size = box;
              shown = text;
              found = true;
            }
        if (found) break;
      }
    }
    boxed_text(dl, spot, shown, colour(ui::colour(ui::palette().selected)), k);
    ui::track_rect(s, "Selected link label", spot, ImVec2(spot.x + size.x, spot.y + size.y));
  }
  ui::end_capture("Diagram");
  dl->PopClipRect();

  // --- tracked points for tests and scripts -------------------------------------------------
  for (int l = 0; l <= L; ++l)
    for (int j = 0; j < net.size(l); ++j) {
      char name[32];
      std::snprintf(name, sizeof name, "node a%d[%d]", l, j);
      const ImVec2 p = at(l, j);
      const float h = std::max(R * 0.6f, 2.0f);
      ui::track_rect(s, name, ImVec2(p.x - h, p.y - h), ImVec2(p.x + h, p.y + h));
    }
  if (static_cast<int>(g.pick_t.size()) <= kMaxTrackedLinks)
    for (int l = 1; l <= L; ++l)
      for (int r = 0; r < net.size(l - 1); ++r)
        for (int c = 0; c < net.size(l); ++c) {
          char name[40];
          std::snprintf(name, sizeof name, "link W%d[%d][%d]", l, r, c);
          const float tt = g.pick_t[static_cast<std::size_t>(g.link(l, r, c))];
          const ImVec2 p = lerp(at(l - 1, r), at(l, c), tt);
          ui::track_rect(s, name, ImVec2(p.x - 1.5f * k, p.y - 1.5f * k),
                         ImVec2(p.x + 1.5f * k, p.y + 1.5f * k));
        }

  // --- tooltips and the legend -------------------------------------------------------------
  if (hover_node_l >= 0) {
    bool sat = false;
    if (hover_node_l > 0 && done.backward(hover_node_l)) {
      const std::vector<int> units = saturated_units(tr, hover_node_l);
      sat = std::find(units.begin(), units.end(), hover_node_j) != units.end();
    }
    node_tooltip(s, tr, done, hover_node_l, hover_node_j, ex, sat);
  } else if (hover_l > 0) {
    link_tooltip(s, tr, done, hover_l, hover_r, hover_c);
  }

  if (s.config.view.show_gradients) {
    ui::muted(
        "Links show dC/dw: blue > 0 (the update lowers w), orange < 0 (it raises w); "
        "thickness relative to the largest |dC/dw| = %s.",
        ui::format_number(gmax, 6).text);
  } else if (lit.link_gradients) {
    ui::muted(
        "The lit links of W%d show dC/dw, just computed (blue > 0, orange < 0, "
        "thickness relative to the largest |dC/dw| so far); the others show w.",
        lit.link_layer);
  } else {
    ui::muted(
        "Links: blue w > 0, orange w < 0, thicker = larger |w|; %s node = larger a. "
        "Hover for numbers. Click a link: its gradient, worked out in Equations; "
        "double-click: type a new weight.",
        ui::palette().words.node_high);
  }
  if (any_saturated) {
    ui::error_wrapped(
        "Red ring: a saturated unit. Its slope f'(z) is below 0.01 for every "
        "example, so almost no gradient flows through it and it barely learns.");
    ui::track(s, "Saturation legend");
  }
}

}  // namespace bp::app

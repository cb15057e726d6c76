// Equations (A) and (B) of backpropagation, then the selected weight's gradient with the
// current numbers in it, example by example, beside the value the core computed, and the
// update it leads to. In the walkthrough, the parts the last phase computed are highlighted
// and the parts not computed yet are marked.
#include "../panels.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>  // GImGui->LogEnabled

#include "../shown.hpp"
#include "../ui.hpp"
#include "diagram_walk.hpp"
#include "explain_ui.hpp"

namespace bp::app {
namespace explain {

// --- the walkthrough's progress ---------------------------------------------------------------

// One formula for what the current iteration has computed: walk::Computed's, which the
// diagram uses too.
bool mid_iteration(const AppState& s) {
  return !walk::computed(s).all;
}

bool computed(const AppState& s, PhaseKind kind, int layer) {
  const walk::Computed c = walk::computed(s);
  switch (kind) {
    case PhaseKind::Forward: return c.forward(layer);
    case PhaseKind::Loss: return c.loss();
    case PhaseKind::Backward: return c.backward(layer);
    case PhaseKind::Update: return c.all;
  }
  return true;
}

bool just_computed(const AppState& s, PhaseKind kind, int layer) {
  if (!s.config.view.walkthrough || !s.walk_phase) return false;
  const Phase& p = *s.walk_phase;
  if (p.kind != kind) return false;
  return kind == PhaseKind::Loss || kind == PhaseKind::Update || p.layer == layer;
}

void track_column(AppState& s) {
  const ImVec2 p = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  s.rects.push_back(WidgetRect{"Explain column", p.x, p.y, size.x, size.y, 0, -1});
}

// --- equations with sub- and superscripts -----------------------------------------------------
namespace {

bool special(const char* p) {
  return ((p[0] == '_' || p[0] == '^') && p[1]) || (p[0] == '(' && p[1] == '.' && p[2] == ')') ||
         (p[0] == '\\' && (p[1] == 'S' || p[1] == 'd'));
}

// Lays out markup at pos; draws it if dl is set. Returns its width.
float layout(const char* s, ImDrawList* dl, ImVec2 pos, ImU32 col) {
  ImFont* font = ImGui::GetFont();
  const float F = ImGui::GetFontSize();
  const float small = std::round(F * 0.72f);
  const float thick = std::max(1.0f, F / 12.0f);
  float x = pos.x;
  const auto text = [&](const char* b, const char* e, float size, float dy) {
    if (b == e) return;
    if (dl) dl->AddText(font, size, ImVec2(x, pos.y + dy), col, b, e);
    x += font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e).x;
  };
  const auto delta = [&](float size, float dy) {
    const float y = pos.y + dy;
    if (dl) {
      dl->AddCircle(ImVec2(x + 0.30f * size, y + 0.64f * size), 0.2f * size, col, 12, thick);
      dl->AddBezierCubic(ImVec2(x + 0.18f * size, y + 0.48f * size),
                         ImVec2(x + 0.05f * size, y + 0.32f * size),
                         ImVec2(x + 0.12f * size, y + 0.16f * size),
                         ImVec2(x + 0.46f * size, y + 0.18f * size), col, thick);
    }
    x += 0.6f * size;
  };
  const char* p = s;
  while (*p) {
    if (p[0] == '(' && p[1] == '.' && p[2] == ')') {
      if (dl) {
        const ImVec2 c(x + 0.5f * F, pos.y + 0.55f * F);
        dl->AddCircle(c, 0.3f * F, col, 16, thick);
        dl->AddCircleFilled(c, std::max(1.2f, 0.07f * F), col, 8);
      }
      x += F;
      p += 3;
    } else if (p[0] == '\\' && p[1] == 'S') {
      if (dl) {
        const float t = pos.y + 0.12f * F, b = pos.y + 0.92f * F, m = pos.y + 0.52f * F;
        const ImVec2 pts[] = {{x + 0.75f * F, t},
                              {x + 0.1f * F, t},
                              {x + 0.45f * F, m},
                              {x + 0.1f * F, b},
                              {x + 0.75f * F, b}};
        dl->AddPolyline(pts, 5, col, 0, thick * 1.3f);
      }
      x += 0.95f * F;
      p += 2;
    } else if (p[0] == '\\' && p[1] == 'd') {
      delta(F, 0.0f);
      p += 2;
    } else if ((p[0] == '_' || p[0] == '^') && p[1]) {
      const float dy = p[0] == '_' ? 0.38f * F : -0.1f * F;
      const char* b = p + 1;
      const char* e = b + 1;
      if (*b == '{') {
        ++b;
        e = std::strchr(b, '}');
        if (!e) e = b + std::strlen(b);
        p = *e ? e + 1 : e;
      } else {
        p = e;
      }
      if (e - b >= 2 && b[0] == '\\' && b[1] == 'd') {  // a delta in a sub/superscript
        delta(small, dy + (F - small) * 0.5f);
        b += 2;
      }
      text(b, e, small, dy + (F - small) * 0.5f);
      x += 0.08f * F;
    } else {
      const char* b = p;
      while (*p && !special(p)) ++p;
      text(b, p, F, 0.0f);
    }
  }
  return x - pos.x;
}

}  // namespace

float math_width(const char* markup) {
  return layout(markup, nullptr, ImVec2(0, 0), 0);
}

// The markup as plain text, for the page's text layer: sub- and superscripts inline
// ("W_{2}" -> "W2", "a^T" -> "aᵀ"), the symbols as Unicode (⊙, Σ, δ).
std::string plain(const char* p) {
  std::string out;
  while (*p) {
    if (p[0] == '(' && p[1] == '.' && p[2] == ')') {
      out += "\u2299";
      p += 3;
    } else if (p[0] == '\\' && (p[1] == 'S' || p[1] == 'd')) {
      out += p[1] == 'S' ? "\u03A3" : "\u03B4";
      p += 2;
    } else if (p[0] == '^' && p[1] == 'T') {
      out += "\u1D40";
      p += 2;
    } else if ((p[0] == '_' || p[0] == '^') && p[1]) {
      if (p[0] == '^') out += '^';
      ++p;
      if (*p == '{') {
        const char* e = std::strchr(p, '}');
        const std::string inner(p + 1, e ? e : p + std::strlen(p));
        out += plain(inner.c_str());
        p = e ? e + 1 : p + std::strlen(p);
      } else {
        out += *p++;
      }
    } else {
      out += *p++;
    }
  }
  return out;
}

void math(const char* markup, const ImVec4& colour) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = layout(markup, ImGui::GetWindowDrawList(), pos, ImGui::GetColorU32(colour));
  ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight() + 0.12f * ImGui::GetFontSize()));
  // Drawn into the draw list, so said to ImGui's log too (ui::begin_capture).
  if (GImGui->LogEnabled) ImGui::LogText(" %s ", plain(markup).c_str());
}

void math(const char* markup) {
  math(markup, ImGui::GetStyleColorVec4(ImGuiCol_Text));
}

}  // namespace explain

namespace {

using explain::computed;
using explain::just_computed;

ImVec4 text_colour() {
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

// The colour of a part of an equation computed by phase (kind, layer).
ImVec4 part_colour(const AppState& s, PhaseKind kind, int layer) {
  if (just_computed(s, kind, layer)) return ui::colour(ui::palette().just);
  if (!computed(s, kind, layer)) return ui::colour(ui::palette().pending);
  return text_colour();
}

// A part of an equation line; the next part continues the line.
void part(const char* markup, const ImVec4& colour) {
  explain::math(markup, colour);
  ImGui::SameLine(0, 0);
}
void end_line(const char* markup = "") {
  explain::math(markup, text_colour());
}

// Where a weight goes from and to, in words.
void describe_unit(const Network& net, int l, int unit, char* out, std::size_t n) {
  if (l == 0)
    std::snprintf(out, n, "input x%d", unit + 1);
  else if (l == net.layers())
    std::snprintf(out, n, net.outputs() == 1 ? "the output" : "output %d", unit + 1);
  else if (net.layers() == 2)
    std::snprintf(out, n, "hidden unit h%d", unit + 1);
  else
    std::snprintf(out, n, "unit %d of hidden layer %d", unit + 1, l);
}

// The two equations of the chapter, coloured by what the walkthrough has computed.
void chapter_equations(const AppState& s, char f) {
  const ImVec4 out = part_colour(s, PhaseKind::Forward, 2);
  const ImVec4 err = just_computed(s, PhaseKind::Loss, 0) ? ui::colour(ui::palette().just) : out;
  char buf[64];
  part("(A)   ", text_colour());
  part("dC/dW_2 = ", part_colour(s, PhaseKind::Backward, 2));
  part("a_1^T ", part_colour(s, PhaseKind::Forward, 1));
  part("[ ", text_colour());
  part("(a_2 - y)", err);
  std::snprintf(buf, sizeof buf, " (.) %c'(z_2)", f);
  part(buf, part_colour(s, PhaseKind::Backward, 2));
  end_line(" ]");

  part("(B)   ", text_colour());
  part("dC/dW_1 = ", part_colour(s, PhaseKind::Backward, 1));
  part("a_0^T ", part_colour(s, PhaseKind::Forward, 1));
  part("[ (", text_colour());
  part("(a_2 - y)", err);
  std::snprintf(buf, sizeof buf, " (.) %c'(z_2)", f);
  part(buf, part_colour(s, PhaseKind::Backward, 2));
  part(") ", text_colour());
  part("W_2^T", text_colour());
  std::snprintf(buf, sizeof buf, " (.) %c'(z_1)", f);
  part(buf, part_colour(s, PhaseKind::Backward, 1));
  end_line(" ]");
  ImGui::Spacing();
  part("with  ", ui::colour(ui::palette().muted));
  std::snprintf(buf, sizeof buf, "k_2 = (a_2 - y) (.) %c'(z_2)", f);
  part(buf, part_colour(s, PhaseKind::Backward, 2));
  part(",   ", ui::colour(ui::palette().muted));
  std::snprintf(buf, sizeof buf, "t_1 = (k_2 W_2^T) (.) %c'(z_1)", f);
  explain::math(buf, part_colour(s, PhaseKind::Backward, 1));
}

void recursion(char f) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "\\d_L = dC/da_L (.) %c'(z_L)", f);
  explain::math(buf);
  std::snprintf(buf, sizeof buf, "\\d_l = (\\d_{l+1} W_{l+1}^T) (.) %c'(z_l),   l = L-1, ..., 1",
                f);
  explain::math(buf);
  explain::math("dC/dW_l = a_{l-1}^T \\d_l");
}

// The picker: one small square per weight, coloured by its value; a click selects it.
void picker(AppState& s) {
  const Network& net = s.t().network();
  // 22 px squares for a mouse; on a touch screen a finger's target (kTouchTargetCss), as far as
  // the widest matrix still fits the column.
  float cell = std::round(22.0f * s.scale);
  if (s.touch_ui) {
    int widest = 1;
    for (int l = 1; l <= net.layers(); ++l)
      widest = std::max(widest, static_cast<int>(net.W(l).cols()));
    const float device = s.scale / static_cast<float>(s.text_size);  // device px per CSS px
    const float fits = (ImGui::GetContentRegionAvail().x - explain::math_width("W_1") -
                        ImGui::GetStyle().ItemSpacing.x) /
                           static_cast<float>(widest) -
                       2.0f * s.scale;
    cell = std::max(cell, std::floor(std::min(kTouchTargetCss * device, fits)));
  }
  const float gap = std::max(1.0f, std::round(2.0f * s.scale));
  ImGui::BeginGroup();
  for (int l = 1; l <= net.layers(); ++l) {
    const Matrix& W = net.W(l);
    const double range = W.cwiseAbs().maxCoeff();
    char label[16];
    std::snprintf(label, sizeof label, "W_%d", l);
    const float w = explain::math_width(label) + static_cast<float>(W.cols()) * (cell + gap) +
                    ImGui::GetStyle().ItemSpacing.x;
    if (l > 1) explain::flow(w);
    ImGui::BeginGroup();
    explain::math(label);
    ImGui::SameLine();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int r = 0; r < W.rows(); ++r)
      for (int c = 0; c < W.cols(); ++c) {
        const ImVec2 p(o.x + static_cast<float>(c) * (cell + gap),
                       o.y + static_cast<float>(r) * (cell + gap));
        ImGui::SetCursorScreenPos(p);
        ImGui::PushID(l * 100000 + r * 300 + c);
        if (ImGui::InvisibleButton("pick", ImVec2(cell, cell))) (void)s.select({l, r, c});
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        char name[40];
        std::snprintf(name, sizeof name, "pick W%d[%d][%d]", l, r, c);
        ui::track(s, name);
        if (hovered) {
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          ui::tooltip("%s = %s", weight_label(net, {l, r, c}).c_str(),
                      ui::format_number(W(r, c), 4).text);
        }
        dl->AddRectFilled(p, ImVec2(p.x + cell, p.y + cell),
                          explain::cell_colour(W(r, c), explain::Shade::Signed, range));
        if (s.config.view.selected == WeightRef{l, r, c})
          dl->AddRect(ImVec2(p.x - gap, p.y - gap), ImVec2(p.x + cell + gap, p.y + cell + gap),
                      ui::colour32(ui::palette().text), 0.0f, 0, 2.0f * s.scale);
      }
    ImGui::SetCursorScreenPos(o);
    ImGui::Dummy(ImVec2(static_cast<float>(W.cols()) * (cell + gap),
                        static_cast<float>(W.rows()) * (cell + gap)));
    ImGui::EndGroup();
  }
  ImGui::EndGroup();
  ui::track(s, "Weight picker");
}

// A number in the current table cell, or '?' if not computed yet; colour by phase.
void value_cell(const Shown& v, bool known, const ImVec4& colour) {
  if (!known) {
    ImGui::TextColored(ui::colour(ui::palette().pending), "?");
    return;
  }
  const float w = ImGui::CalcTextSize(v.text).x;  // right-aligned, as ui::number_cell
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
  ImGui::TextColored(colour, "%s", v.text);
}

void header_cell(const char* markup) {
  ImGui::TableNextColumn();
  explain::math(markup, ui::colour(ui::palette().heading));
}

// While training, the table of gradient terms is made again every this many frames at
// least, more when making it takes long: one frame per kTermsMsPerFrame it took (a table of
// 1800 rows), at most kMostFramesBetweenTerms.
constexpr int kFramesBetweenTermsWhileTraining = 10;
constexpr int kMostFramesBetweenTerms = 60;
constexpr double kTermsMsPerFrame = 1.0;

// The selected weight's gradient as a sum over the examples, with the core's value beside it.
void numbers(AppState& s, char f) {
  const Network& net = s.t().network();
  const StepTrace& tr = s.shown();
  const int L = net.layers();
  const WeightRef w = s.config.view.selected;
  GradientTerms& g = s.explain.terms;
  ExplainCache& cache = s.explain;
  // The terms and their rows change only with the weights, the data, the selected weight, the
  // walkthrough's phase or the learning rate: paused, the same table is drawn again.
  const TermsFrom made_from{
      s.evaluations, s.t().iteration(), s.t().phases_done(), &tr, w, s.t().options().learning_rate};
  // While training the numbers move every frame: the table (5 numbers a row, one row per
  // example, each formatted and read back) is made again every terms_every frames (10 or more,
  // see kTermsMsPerFrame), and says so; paused, stepped or edited, at once.
  ++cache.terms_age;
  const bool fresh =
      !(cache.terms_from == made_from) &&
      (!s.training || cache.terms_from.iteration < 0 || cache.terms_age >= cache.terms_every);
  const Clock& now = s.clock ? s.clock : steady_clock_ms;
  const double made_at = now();
  if (fresh) {
    cache.terms_age = 0;
    cache.terms_from = made_from;
    const Status st = gradient_terms(net, tr, w, s.t().options().learning_rate, g);
    cache.terms_error = st ? std::string{} : st.error();
  }
  if (!cache.terms_error.empty()) {
    ui::error_wrapped(cache.terms_error.c_str());
    return;
  }
  const int l = w.layer, i = w.row, j = w.col;
  char from[48], to[48], buf[400];
  describe_unit(net, l - 1, i, from, sizeof from);
  describe_unit(net, l, j, to, sizeof to);
  const std::string label = weight_label(net, w);  // "W1[0][2]: x1 to h3"
  std::snprintf(buf, sizeof buf, "W_%d[%d][%d]", l, i, j);
  explain::math(buf, ui::colour(ui::palette().just));
  ImGui::SameLine();
  ui::wrapped("connects %s to %s; its value now is %s.", from, to,
              ui::format_number(g.weight_value, 4).text);
  // Typing a new value is its own deliberate act (the diagram's box opens).
  if (!s.hidden("diagram")) {
    if (ui::small_button(s, "Edit this weight")) {
      s.weight_edit = AppState::WeightEdit{l, i, j, g.weight_value};
      s.weight_edit->open = true;
    }
    ui::track(s, "Edit selected weight");
    if (ImGui::IsItemHovered()) ui::tooltip("Type a new value for %s", label.c_str());
  }

  const bool chapter_hidden = l < L && net.size(l + 1) == 1;
  const bool known_in = computed(s, PhaseKind::Forward, std::max(1, l - 1));
  const bool known_back = computed(s, PhaseKind::Backward, l);
  const bool known_next = l == L || computed(s, PhaseKind::Backward, l + 1);
  const ImVec4 c_in = part_colour(s, PhaseKind::Forward, std::max(1, l - 1));
  const ImVec4 c_back = part_colour(s, PhaseKind::Backward, l);
  const ImVec4 c_next = l == L ? c_back : part_colour(s, PhaseKind::Backward, l + 1);
  char dl_name[16];  // delta_l in the chapter's names
  if (L == 2)
    std::snprintf(dl_name, sizeof dl_name, l == 2 ? "k_2" : "t_1");
  else
    std::snprintf(dl_name, sizeof dl_name, "\\d_%d", l);

  ImGui::Spacing();
  std::snprintf(buf, sizeof buf, "dC/dW_%d[%d][%d] = \\S_n a_%d[n][%d] \u00B7 %s[n][%d]", l, i, j,
                l - 1, i, dl_name, j);
  explain::math(buf);
  if (l == L) {
    std::snprintf(buf, sizeof buf, "%s[n][%d] = (a_%d[n][%d] - y[n][%d]) \u00B7 %c'(z_%d[n][%d])",
                  dl_name, j, l, j, j, f, l, j);
  } else if (chapter_hidden) {
    std::snprintf(buf, sizeof buf, "%s[n][%d] = (k_%d[n] \u00B7 W_%d[%d]) \u00B7 %c'(z_%d[n][%d])",
                  dl_name, j, l + 1, l + 1, j, f, l, j);
  } else {
    std::snprintf(buf, sizeof buf,
                  "%s[n][%d] = (\\S_k \\d_%d[n][k] W_%d[%d][k]) \u00B7 %c'(z_%d[n][%d])", dl_name,
                  j, l + 1, l + 1, j, f, l, j);
  }
  explain::math(buf);
  ui::muted(
      "Every row below is one example n (numbered 1 to %zu as in the data table); the "
      "last column is its share of the gradient, and their sum is the gradient. Indices "
      "in brackets count from 0, as numpy and the link do (x1 is row 0 of W1).",
      g.terms.size());
  ui::muted_wrapped(
      "Rounded to 5 significant digits: each product is worked out from the rounded numbers "
      "in its row and the sum adds the rounded terms, so you can check them by hand. The "
      "exact values are below the table.");
  if (s.training)
    ui::muted(
        "While training, these are the numbers of iteration %ld: they are worked out again "
        "every %d frames. Pause to see those of the current iteration.",
        cache.terms_from.iteration, cache.terms_every);

  // The row's numbers as shown, each result worked out from the shown factors (shown.hpp).
  constexpr int kDigits = 5;
  using Row = TermRow;
  std::vector<Row>& rows = cache.term_rows;
  if (fresh) {
    ++cache.terms_computed;
    std::vector<Shown> products;
    rows.clear();
    for (std::size_t n = 0; n < g.terms.size(); ++n) {
      const GradientTerm& t = g.terms[n];
      Row r;
      r.input = shown_significant(t.input, kDigits);
      if (chapter_hidden) {
        r.next = shown_significant(
            tr.delta[static_cast<std::size_t>(l + 1)](static_cast<Eigen::Index>(n), 0));
        r.w_next = shown_significant(net.W(l + 1)(j, 0));
        r.da = shown_product(r.next, r.w_next);
      } else {
        r.da = shown_significant(t.da, kDigits);
      }
      r.da_dz = shown_significant(t.da_dz, kDigits);
      r.delta = shown_product(r.da, r.da_dz, kDigits);
      r.product = shown_product(r.input, r.delta, kDigits);
      products.push_back(r.product);
      rows.push_back(r);
    }
    cache.term_sum = shown_sum(products);
    cache.terms_every =
        static_cast<int>(std::clamp(std::ceil((now() - made_at) / kTermsMsPerFrame),
                                    static_cast<double>(kFramesBetweenTermsWhileTraining),
                                    static_cast<double>(kMostFramesBetweenTerms)));
  }
  const Shown& sum = cache.term_sum;

  const int cols = chapter_hidden ? 8 : 6;
  // On a narrow page (a phone) the table scrolls sideways in a box as wide as the page, so
  // that no column is cut: the box fits every row (a header, the examples, the sum) and a
  // scrollbar under them.
  // Narrow cells, so that 8 columns of 5-digit numbers fit the column of a 1280 px page.
  const ImVec2 cell_padding(5 * s.scale, 3 * s.scale);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float column = ImGui::CalcTextSize("-0.00000").x + 2 * cell_padding.x + 1;
  const float needed =
      ImGui::CalcTextSize("sum").x + 2 * cell_padding.x + static_cast<float>(cols - 1) * column;
  const bool scroll = needed > ImGui::GetContentRegionAvail().x;
  const float row_count = static_cast<float>(rows.size() + 2);
  const ImVec2 box(0, row_count * (ImGui::GetTextLineHeight() + 2 * cell_padding.y) +
                          style.ScrollbarSize + 6 * s.scale);
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_SizingFixedFit |
                                (scroll ? ImGuiTableFlags_ScrollX : ImGuiTableFlags_NoHostExtendX);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, cell_padding);
  const bool table = ImGui::BeginTable("terms", cols, flags, scroll ? box : ImVec2(0, 0));
  ImGui::PopStyleVar();
  if (table) {
    ImGui::TableNextRow();  // not a header row: its width counts when fitting
    header_cell("n");
    std::snprintf(buf, sizeof buf, "a_%d[n][%d]", l - 1, i);
    header_cell(buf);
    if (l == L) {
      std::snprintf(buf, sizeof buf, "a_%d - y", l);
      header_cell(buf);
    } else if (chapter_hidden) {
      std::snprintf(buf, sizeof buf, "k_%d[n]", l + 1);
      header_cell(buf);
      std::snprintf(buf, sizeof buf, "W_%d[%d]", l + 1, j);
      header_cell(buf);
      header_cell("product");
    } else {
      std::snprintf(buf, sizeof buf, "dC/da_%d", l);
      header_cell(buf);
    }
    std::snprintf(buf, sizeof buf, "%c'(z_%d)", f, l);
    header_cell(buf);
    header_cell(dl_name);
    header_cell("a \u00B7 ");
    ImGui::SameLine(0, 0);
    explain::math(dl_name, ui::colour(ui::palette().heading));
    ui::track(s, "Gradient terms last column");  // where it is drawn, in or out of the box
    const auto draw_row = [&](std::size_t n) {
      const Row& r = rows[n];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%zu", n + 1);  // the example's number, as in the data table
      ImGui::TableNextColumn();
      value_cell(r.input, known_in, c_in);
      if (chapter_hidden) {
        ImGui::TableNextColumn();
        value_cell(r.next, known_next, c_next);
        ImGui::TableNextColumn();
        value_cell(r.w_next, true, text_colour());
      }
      ImGui::TableNextColumn();
      value_cell(r.da, known_back, c_back);
      ImGui::TableNextColumn();
      value_cell(r.da_dz, known_back, c_back);
      ImGui::TableNextColumn();
      value_cell(r.delta, known_back, c_back);
      ImGui::TableNextColumn();
      value_cell(r.product, known_back && known_in, c_back);
    };
    // The explanation is captured as text every frame (state().text). When the rows were
    // (re)made, every row is laid out and the text they log is kept; otherwise only the rows
    // in view are laid out (a list clipper), with the log off, and the kept text stands for
    // all of them, so the captured text is the same either way.
    ImGuiContext& gui = *GImGui;
    const bool logging = gui.LogEnabled && gui.LogType == ImGuiLogType_Buffer;
    if (fresh || !cache.term_rows_logged || cache.term_rows_scroll != scroll || !logging) {
      const int start = gui.LogBuffer.size();
      for (std::size_t n = 0; n < rows.size(); ++n) draw_row(n);
      cache.term_rows_laid_out = static_cast<long>(rows.size());
      // The last row ends here, as the clipper ends it, so that its end is in the kept text.
      if (gui.CurrentTable != nullptr && gui.CurrentTable->IsInsideRow)
        ImGui::TableEndRow(gui.CurrentTable);
      cache.term_rows_logged = logging;
      cache.term_rows_scroll = scroll;
      if (logging) cache.term_rows_log.assign(gui.LogBuffer.c_str() + start);
    } else {
      gui.LogEnabled = false;
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(rows.size()));
      cache.term_rows_laid_out = 0;
      while (clipper.Step())
        for (int n = clipper.DisplayStart; n < clipper.DisplayEnd; ++n) {
          draw_row(static_cast<std::size_t>(n));
          ++cache.term_rows_laid_out;
        }
      clipper.End();
      gui.LogEnabled = true;
      gui.LogBuffer.append(cache.term_rows_log.c_str());
      gui.LogLinePosY = -FLT_MAX;  // the next row starts a line of its own, as after the rows
      gui.LogLineFirstItem = false;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ui::colour(ui::palette().heading), "sum");
    for (int c = 1; c < cols - 1; ++c) ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    value_cell(sum, known_back, c_back);
    ImGui::EndTable();
  }
  ui::track(s, "Gradient terms");

  ImGui::Spacing();
  std::snprintf(buf, sizeof buf, "exact sum of the %zu terms:", g.terms.size());
  ImGui::TextUnformatted(buf);
  // On a narrow page (a phone) each part goes to the next line rather than past the edge.
  const float number_width = ImGui::CalcTextSize("-0.0000000000").x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  ui::same_line_if_fits(number_width, spacing);
  if (known_back)
    ImGui::TextColored(c_back, "%.10f", g.sum);
  else
    ImGui::TextColored(ui::colour(ui::palette().pending), "? (not computed yet)");
  std::snprintf(buf, sizeof buf, "the core's dC/dW_%d[%d][%d],", l, i, j);
  explain::math(buf);
  std::snprintf(buf, sizeof buf, "from the matrix product a_%d^T %s:", l - 1, dl_name);
  ui::same_line_if_fits(ImGui::CalcTextSize(buf).x, spacing);
  explain::math(buf);
  ui::same_line_if_fits(number_width, spacing);
  if (known_back) {
    ImGui::TextColored(c_back, "%.10f", g.backprop);
    const double diff = std::fabs(g.sum - g.backprop);
    if (diff <= 1e-12 * std::max(1.0, std::fabs(g.backprop))) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().good));
      ui::wrapped_text("The same number: the equation and the code agree.");
      ImGui::PopStyleColor();
    } else
      ui::error_wrapped("These differ: the sum and the matrix product disagree.");
  } else {
    ImGui::TextColored(ui::colour(ui::palette().pending), "?");
  }
  ui::track(s, "Gradient comparison");

  ImGui::Spacing();
  ui::heading("The update");
  // Worked out from the shown numbers (6 significant digits), like the table above.
  const Shown w_now = shown_significant(g.weight_value, 6);
  const Shown lr = shown_significant(g.learning_rate, 6);
  const Shown grad = shown_significant(g.backprop, 6);
  const Shown step = shown_product(lr, grad, 6);
  const Shown updated = shown_difference(w_now, step, 6);
  std::snprintf(buf, sizeof buf, "new W_%d[%d][%d] = w - %s \u00B7 dC/dw", l, i, j, lr.text);
  explain::math(
      buf, just_computed(s, PhaseKind::Update, 0) ? ui::colour(ui::palette().just) : text_colour());
  if (known_back) {
    std::snprintf(buf, sizeof buf, "= %s - %s \u00B7 (%s) = %s - (%s) = %s", w_now.text, lr.text,
                  grad.text, w_now.text, step.text, updated.text);
    explain::math(buf, text_colour());  // a line of its own: it would not fit beside the first
    ui::track(s, "Weight update");
  }
  if (explain::mid_iteration(s))
    ui::muted_wrapped(
        "The walkthrough applies this in the update phase, at the end of the "
        "iteration.");
  else
    ui::muted_wrapped(
        "The next Step applies exactly this (full batch: the gradient above is "
        "the one the next iteration computes).");
}

// After a click picked a weight (AppState::reveal_explanation): scrolls the column so that
// its explanation, from top to bottom (screen y), is in view, or at least its top part.
void reveal(AppState& s, float top, float bottom) {
  if (s.reveal_explanation <= 0) return;
  --s.reveal_explanation;
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float view_top = window->InnerClipRect.Min.y;
  const float view_bottom =
      std::min(window->InnerClipRect.Max.y,
               ImGui::GetMainViewport()->WorkPos.y + ImGui::GetMainViewport()->WorkSize.y);
  const float pad = ImGui::GetStyle().ItemSpacing.y;
  float by = 0;  // how far to scroll down (negative: up)
  if (top < view_top)
    by = top - view_top - pad;
  else if (bottom > view_bottom)
    by = std::min(bottom - view_bottom + pad, top - view_top - pad);
  if (std::fabs(by) < 1.0f) {
    s.reveal_explanation = 0;  // in view: done
    return;
  }
  ImGui::SetScrollY(ImGui::GetScrollY() + by);
}

}  // namespace

void draw_equations(AppState& s) {
  explain::track_column(s);
  const Network& net = s.t().network();
  const int L = net.layers();
  const char f = net.activation(1) == Activation::Sigmoid ? 's' : 'f';
  ui::heading("How each weight's gradient is made");
  ui::muted_wrapped(
      "Training needs dC/dW: how much the loss C changes when a weight changes a little. "
      "Backpropagation gets it for every weight from numbers the forward pass already has. "
      "Rows of a, z, k and t are examples.");
  explain::math("(.) elementwise product (entry by entry),   ^T transpose,   s'(z) = a(1 - a)",
                ui::colour(ui::palette().muted));
  if (explain::mid_iteration(s)) {
    char buf[128];
    std::snprintf(buf, sizeof buf,
                  "Walkthrough: %d of %d phases of this iteration done. In this colour: what "
                  "the last phase computed. Grey and '?': not computed yet.",
                  s.t().phases_done(), s.t().phase_count());
    ImGui::PushStyleColor(ImGuiCol_Text, ui::colour(ui::palette().just));
    ui::wrapped_text(buf);
    ImGui::PopStyleColor();
  }
  // The equations are lines of math that cannot wrap: on a page narrower than they are (a
  // phone), they scroll sideways in a box as wide as the page, sized from the last frame.
  ImGuiStorage* store = ImGui::GetStateStorage();
  const ImGuiID width_key = ImGui::GetID("equations width");
  const ImGuiID height_key = ImGui::GetID("equations height");
  const float last_width = store->GetFloat(width_key, 0.0f);
  const float last_height = store->GetFloat(height_key, 0.0f);
  const bool boxed = last_height > 0 && last_width > ImGui::GetContentRegionAvail().x;
  if (boxed) {
    // Sideways only: no height to scroll, so an up or down swipe or the wheel moves the page.
    ImGui::SetNextWindowContentSize(ImVec2(0.0f, FLT_MIN));
    ImGui::BeginChild("equations box",
                      ImVec2(0, last_height + ImGui::GetStyle().ScrollbarSize + 4 * s.scale), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
  }
  ImGui::BeginGroup();
  if (L == 2 && net.outputs() == 1) {
    chapter_equations(s, f);
  } else {
    ui::muted_wrapped("For a network of any depth (layers l = 1..L), the delta recursion:");
    recursion(f);
  }
  ImGui::EndGroup();
  ui::track(s, "Equations");
  if (const ImVec2 size = ImGui::GetItemRectSize(); size.x > 0 && size.y > 0) {
    store->SetFloat(width_key, size.x);  // (a box out of view draws nothing: keep the last size)
    store->SetFloat(height_key, size.y);
  }
  if (boxed) {
    ImGui::EndChild();
    ui::track(s, "Equations box");
  }

  ui::heading("Pick a weight");
  ui::muted_wrapped(
      "Click a square (or a link in the diagram, or a cell of W or dC/dW in "
      "Matrices). The framed one is the weight explained below.");
  picker(s);

  ui::begin_capture();
  const float top = ImGui::GetCursorScreenPos().y;
  ui::heading("The selected weight's gradient, with the current numbers");
  numbers(s, f);
  ui::end_capture("Weight explanation");
  reveal(s, top, ImGui::GetCursorScreenPos().y);

  if (L == 2 && net.outputs() == 1) {
    ImGui::Spacing();
    const bool open = ui::section(s, "recursion", "Any number of layers: the delta recursion");
    ui::track(s, "Recursion header");
    if (open) {
      recursion(f);
      ui::muted_wrapped(
          "With L = 2, delta_2 is k_2 and delta_1 is t_1: the recursion gives "
          "(A) and (B).");
    }
  }
}

}  // namespace bp::app

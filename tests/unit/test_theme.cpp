// The page's colours: in both themes, text keeps a contrast of at least 4.5:1 (WCAG 1.4.3) on
// every surface it is drawn on, and lines and marks that carry meaning at least 3:1 (WCAG
// 1.4.11) on theirs. Contrast is computed with WCAG's formula from the palette's numbers, which
// the ImGui style and the panels draw with.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "app/theme.hpp"

namespace {

using bp::app::Palette;
using bp::app::Rgba;

using Named = std::pair<const char*, Rgba Palette::*>;

void check_all(const Palette& p, const std::vector<Named>& fronts, const std::vector<Named>& backs,
               double least) {
  for (const auto& [back_name, back] : backs) {
    const Rgba under = bp::app::over(p.*back, p.window);  // a translucent surface on the window
    for (const auto& [front_name, front] : fronts) {
      const double ratio = bp::app::contrast_ratio(bp::app::over(p.*front, under), under);
      const std::string pair = std::string(front_name) + " on " + back_name;
      INFO(pair << ": " << ratio << ":1");
      CHECK(ratio >= least);
    }
  }
}

}  // namespace

TEST_CASE("theme: WCAG's contrast ratio of known pairs") {
  CHECK(bp::app::contrast_ratio({0, 0, 0, 1}, {1, 1, 1, 1}) == doctest::Approx(21.0));
  CHECK(bp::app::contrast_ratio({1, 1, 1, 1}, {1, 1, 1, 1}) == doctest::Approx(1.0));
  // #767676 on white is the classic 4.54:1.
  const float g = 118.0f / 255.0f;
  CHECK(bp::app::contrast_ratio({g, g, g, 1}, {1, 1, 1, 1}) ==
        doctest::Approx(4.54).epsilon(0.002));
}

TEST_CASE("theme: system follows the browser preference, dark and light are themselves") {
  using bp::Theme;
  CHECK(bp::app::resolve(Theme::System, true) == Theme::Dark);
  CHECK(bp::app::resolve(Theme::System, false) == Theme::Light);
  CHECK(bp::app::resolve(Theme::Light, true) == Theme::Light);
  CHECK(bp::app::resolve(Theme::Dark, false) == Theme::Dark);
  CHECK(bp::app::luminance(bp::app::palette_of(Theme::Light).window) > 0.8);
  CHECK(bp::app::luminance(bp::app::palette_of(Theme::Dark).window) < 0.05);
}

TEST_CASE("theme: text at least 4.5:1 and marks at least 3:1 on their surfaces, in both themes") {
  const std::vector<Named> widget_surfaces = {{"window", &Palette::window},
                                              {"frame", &Palette::frame},
                                              {"frame_hover", &Palette::frame_hover},
                                              {"frame_active", &Palette::frame_active},
                                              {"popup", &Palette::popup},
                                              {"button", &Palette::button},
                                              {"button_hover", &Palette::button_hover},
                                              {"button_active", &Palette::button_active},
                                              {"header", &Palette::header},
                                              {"header_hover", &Palette::header_hover},
                                              {"header_active", &Palette::header_active},
                                              {"tab", &Palette::tab},
                                              {"tab_hover", &Palette::tab_hover},
                                              {"tab_active", &Palette::tab_active},
                                              {"title", &Palette::title},
                                              {"title_active", &Palette::title_active},
                                              {"phase_done", &Palette::phase_done},
                                              {"phase_pending", &Palette::phase_pending},
                                              {"cell_neutral", &Palette::cell_neutral},
                                              {"diagram_back", &Palette::diagram_back},
                                              {"label_back", &Palette::label_back}};
  const std::vector<Named> text_surfaces = {
      {"window", &Palette::window}, {"frame", &Palette::frame}, {"popup", &Palette::popup}};
  const std::vector<Named> coloured_text = {
      {"muted", &Palette::muted},          {"heading", &Palette::heading},
      {"error", &Palette::error},          {"good", &Palette::good},
      {"warning", &Palette::warning},      {"just", &Palette::just},
      {"pending", &Palette::pending},      {"curve", &Palette::curve},
      {"test_curve", &Palette::test_curve}};
  // Labels drawn in the diagram, and the target's value beside an output.
  const std::vector<Named> diagram_text = {{"muted", &Palette::muted},
                                           {"heading", &Palette::heading},
                                           {"target", &Palette::target},
                                           {"saturated", &Palette::saturated}};
  const std::vector<Named> diagram_marks = {{"positive", &Palette::positive},
                                            {"negative", &Palette::negative},
                                            {"lit", &Palette::lit},
                                            {"selected", &Palette::selected},
                                            {"node_edge", &Palette::node_edge},
                                            {"ring", &Palette::ring}};
  const std::vector<Named> plot_marks = {
      {"curve", &Palette::curve}, {"test_curve", &Palette::test_curve},
      {"hover", &Palette::hover}, {"grab", &Palette::grab},
      {"check", &Palette::check}, {"bar_fill", &Palette::bar_fill}};
  for (bp::Theme theme : {bp::Theme::Dark, bp::Theme::Light}) {
    INFO("theme " << std::string(bp::name(theme)));
    const Palette& p = bp::app::palette_of(theme);
    check_all(p, {{"text", &Palette::text}}, widget_surfaces, 4.5);
    check_all(p, coloured_text, text_surfaces, 4.5);
    check_all(p, diagram_text, {{"diagram_back", &Palette::diagram_back}}, 4.5);
    check_all(p, diagram_marks, {{"diagram_back", &Palette::diagram_back}}, 3.0);
    check_all(p, plot_marks, {{"frame", &Palette::frame}}, 3.0);
    check_all(p, {{"bar_fill", &Palette::bar_fill}, {"target", &Palette::target}},
              {{"bar_back", &Palette::bar_back}}, 3.0);
  }
}

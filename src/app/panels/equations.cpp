// Equations (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_equations(AppState& s) {
  (void)s;
  ui::heading("Equations");
  ui::muted_wrapped("Equations (A) and (B).");
}

}  // namespace bp::app

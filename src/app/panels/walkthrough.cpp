// Walkthrough (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_walkthrough(AppState& s) {
  (void)s;
  ui::heading("Walkthrough");
  ui::muted_wrapped("One iteration, phase by phase.");
}

}  // namespace bp::app

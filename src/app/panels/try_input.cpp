// Try an input (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_try_input(AppState& s) {
  (void)s;
  ui::heading("Try an input");
  ui::muted_wrapped("Type an input.");
}

}  // namespace bp::app

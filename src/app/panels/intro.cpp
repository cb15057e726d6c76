// What you are looking at (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_intro(AppState& s) {
  (void)s;
  ui::heading("What you are looking at");
  ui::muted_wrapped("Press Train.");
}

}  // namespace bp::app

// The network (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_diagram(AppState& s) {
  (void)s;
  ui::heading("The network");
  ui::muted_wrapped("The network diagram goes here.");
}

}  // namespace bp::app

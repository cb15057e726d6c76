// The shape mistake (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_shape_mistake(AppState& s) {
  (void)s;
  ui::heading("The shape mistake");
  ui::muted_wrapped("t2 = W2 * k2.");
}

}  // namespace bp::app

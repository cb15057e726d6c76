// Gradient check (to be built for the teaching page).
#include "../panels.hpp"

#include <imgui.h>

#include "../ui.hpp"

namespace bp::app {

void draw_gradient_check(AppState& s) {
  (void)s;
  ui::heading("Gradient check");
  ui::muted_wrapped("Backprop against finite differences.");
}

}  // namespace bp::app

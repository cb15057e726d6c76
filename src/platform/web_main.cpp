// The page's platform layer, the only file that talks to Emscripten, GLFW and WebGL2:
// the window, the main loop, the ImGui backends, the canvas size, and the C functions
// that web/backprop-api.js calls (window.backprop).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // the hovered and active item and window, for touch (see Touch)

#include "app/app.hpp"
#include "app/settings.hpp"
#include "config/config.hpp"
#include "config/json.hpp"
#include "config/page_config.hpp"
#include "config/text.hpp"
#include "config/version.hpp"

// Calls into the page's JavaScript: each calls a Module callback that web/backprop-api.js
// sets, so that the JavaScript itself lives there. (clang-format would break the JS apart.)
// clang-format off
EM_JS(void, bp_js_ready, (), {
  if (Module['onFirstFrame']) Module['onFirstFrame']();
});
EM_JS(void, bp_js_fatal, (const char* message), {
  if (Module['onFatal']) Module['onFatal'](UTF8ToString(message));
});
// ImGui copied text (Ctrl+C in a field): offered to the browser's clipboard, which may
// refuse without a user gesture or permission; the page's own clipboard has it anyway.
EM_JS(void, bp_js_copy, (const char* text), {
  if (Module['copyText']) Module['copyText'](UTF8ToString(text));
});
// Save, load and share (App::take_requests): the browser's side of each request.
EM_JS(void, bp_js_copy_link, (const char* query), {
  if (Module['copyLink']) Module['copyLink'](UTF8ToString(query));
});
EM_JS(void, bp_js_copy_text, (const char* text), {
  if (Module['copyText']) Module['copyText'](UTF8ToString(text));
});
EM_JS(void, bp_js_download, (const char* name, const char* mime, const char* text), {
  if (Module['downloadText']) Module['downloadText'](UTF8ToString(name), UTF8ToString(mime), UTF8ToString(text));
});
// Called right after the frame was drawn, while the WebGL canvas still holds it.
EM_JS(void, bp_js_save_picture, (const char* name), {
  if (Module['savePicture']) Module['savePicture'](UTF8ToString(name));
});
EM_JS(void, bp_js_open_file, (), {
  if (Module['openFile']) Module['openFile']();
});
// The link's query string (without its '?'), copied into the WebAssembly heap by
// web/backprop-api.js (Module['linkText']), which has checked its size; the caller frees it.
// A link too long to take arrives as "" with the reason in *error (also on the heap).
EM_JS(char*, bp_js_link_text, (char** error), {
  const put = (text) => {
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    if (p) stringToUTF8(text, p, size);
    return p;
  };
  const link = Module['linkText'] ? Module['linkText']() : { query: "", error: "" };
  HEAPU32[error >> 2] = link.error ? put(link.error) : 0;
  return put(link.query);
});
// Once per frame, only when something happened: events is a mask of App::ScriptEvent.
EM_JS(void, bp_js_events, (unsigned events, double iteration, double loss, int training, const char* message, double steps_left, double threshold), {
  if (Module['onEvents']) Module['onEvents'](events, iteration, loss, training !== 0, UTF8ToString(message), steps_left, threshold);
});
// A step(n) that ran over several frames ended (end: done, diverged, stopped, cancelled).
EM_JS(void, bp_js_steps_done, (double iteration, double asked, double done, const char* end), {
  if (Module['onStepsDone']) Module['onStepsDone'](iteration, asked, done, UTF8ToString(end));
});
// The WebGL context was lost (1) or restored (0): the page shows or hides the message.
EM_JS(void, bp_js_context_changed, (int lost, const char* message), {
  if (Module['onContextChanged']) Module['onContextChanged'](lost !== 0, UTF8ToString(message));
});
// The size of the drawing buffer the browser really gave the canvas (it may be smaller than
// the canvas's width and height when those exceed what it allows).
EM_JS(void, bp_js_drawing_buffer_size, (int* width, int* height), {
  var gl = Module['canvas'] ? Module['canvas'].getContext('webgl2') : null;
  HEAP32[width >> 2] = gl ? gl.drawingBufferWidth : 0;
  HEAP32[height >> 2] = gl ? gl.drawingBufferHeight : 0;
});
// Emscripten's GLFW turns touches into mouse presses without moving the mouse first (it reads
// no position from a touch event), so a tap pressed where the previous one had been. The
// platform reads touches itself (Touch below): GLFW's touch listeners are taken off the canvas.
EM_JS(void, bp_js_take_touch_from_glfw, (), {
  var canvas = Module['canvas'];
  if (typeof GLFW === 'undefined' || !canvas) return;
  canvas.removeEventListener('touchstart', GLFW.onMouseButtonDown, true);
  canvas.removeEventListener('touchmove', GLFW.onMousemove, true);
  canvas.removeEventListener('touchend', GLFW.onMouseButtonUp, true);
  canvas.removeEventListener('touchcancel', GLFW.onMouseButtonUp, true);
});
// A text or number field of the canvas is being edited after a touch: a real input of the page
// lies over it (x, y, w, h in CSS pixels of the canvas), so that a phone opens its keyboard
// (fresh: another field, whose text is `text`; numeric: the number keypad). shown 0 hides it.
EM_JS(void, bp_js_field, (int shown, double x, double y, double w, double h, const char* text, int numeric, int fresh), {
  if (Module['onField']) Module['onField'](shown !== 0, x, y, w, h, UTF8ToString(text), numeric !== 0, fresh !== 0);
});
// What was typed there was not taken by the field (why, in words).
EM_JS(void, bp_js_field_refused, (const char* why), {
  if (Module['onFieldRefused']) Module['onFieldRefused'](UTF8ToString(why));
});
// The student asked for less motion (prefers-reduced-motion): a swipe stops with the finger.
// The system's colour scheme (for theme=system), from one MediaQueryList kept for the page.
EM_JS(int, bp_js_prefers_dark, (), {
  if (Module.bpDarkQuery === undefined)
    Module.bpDarkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  return Module.bpDarkQuery && Module.bpDarkQuery.matches ? 1 : 0;
});
// The theme the canvas draws with, for the page's CSS around it (style.css: data-theme).
EM_JS(void, bp_js_theme, (const char* name), {
  if (Module['onTheme']) Module['onTheme'](UTF8ToString(name));  // a <backprop-demo> element
  else document.documentElement.dataset.theme = UTF8ToString(name);
});
// The canvas this instance draws into is Module['canvas'] (one per <backprop-demo> element,
// #canvas on the page): the html5 calls below name it "!canvas" (kCanvas), never by an id.
EM_JS(void, bp_js_name_canvas, (), {
  specialHTMLTargets["!canvas"] = Module['canvas'];
});
// Several demos on one page each take keys only while their own canvas has focus: GLFW
// listens on the window, so an element (Module['keysOnCanvas']) moves its listeners there.
EM_JS(void, bp_js_keys_on_canvas, (), {
  var canvas = Module['canvas'];
  if (!Module['keysOnCanvas'] || typeof GLFW === 'undefined' || !canvas) return;
  var keys = [['keydown', GLFW.onKeydown], ['keypress', GLFW.onKeyPress], ['keyup', GLFW.onKeyup]];
  keys.forEach(function(k) {
    window.removeEventListener(k[0], k[1], true);
    canvas.addEventListener(k[0], k[1], true);
  });
});
// Training, or a step(n) over frames, stopped (reason: "paused", "rule", "diverged", or "done"
// for a step(n) that ran all its iterations); the element's stopped event.
EM_JS(void, bp_js_stopped, (double iteration, double loss, const char* reason), {
  if (Module['onStopped']) Module['onStopped'](iteration, loss, UTF8ToString(reason));
});
EM_JS(int, bp_js_reduced_motion, (), {
  return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 1 : 0;
});
// The main pointer is a finger (a phone, a tablet): controls get touch-sized targets.
EM_JS(int, bp_js_coarse_pointer, (), {
  return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0;
});
// Something the student or a script did since the last frame (an input event on the canvas, a
// command that changes the demo): backprop-api.js sets the flag (wake()), and this takes it.
EM_JS(int, bp_js_take_wake, (), {
  var woke = Module['bpWake'] ? 1 : 0;
  Module['bpWake'] = false;
  return woke;
});
// clang-format on

namespace {

constexpr const char* kCanvas = "!canvas";               // Module['canvas'] (bp_js_name_canvas)
constexpr const char* kGlslVersion = "#version 300 es";  // WebGL2's shading language

// Touch as a finger expects it, fed to Dear ImGui 1.86, which has no input queue and reads the
// pointer and its button once per frame, so each step below gets a frame of its own:
//   1. the finger lands: ImGui sees the pointer there with no button down; what is under it
//      is hovered and shows its tooltip, as with a mouse;
//   2. lifted again within a few pixels: the button goes down there in one frame and up in the
//      next: a tap, pressed where the finger is, never where the previous touch was. Held still
//      for kLongPressMs first, it is a long press: it shows the tooltip while held and, when
//      lifted, does what a right click does (removes a point in the data plot), never a click;
//   3. moved further, mostly sideways over an item (a slider, a plot, a text field), or over a
//      scrollbar: the button goes down where the finger landed and the item follows the finger;
//   4. moved further otherwise: the window under the finger scrolls with it, nothing is pressed,
//      and after a flick it glides on, slowing down;
//   5. after a lift the pointer leaves the canvas, so no hover or tooltip stays behind;
//   6. a second finger down while the first is: a pinch. The first finger's gesture ends
//      without a click, and the distance between the two fingers, against the distance when
//      the second landed, scales the text (pinch_ratio(); the platform sets the text size).
// Further fingers are ignored while two are down. A real mouse moving over the canvas gives the
// pointer back to GLFW (mouse_moved).
class Touch {
 public:
  static constexpr double kLongPressMs = 500.0;
  static constexpr float kSlopCss = 8.0f;  // finger travel (CSS px) still counted as a tap

  // Positions in device pixels of the canvas; now in milliseconds.
  void start(long id, ImVec2 at, double now) {
    owns_ = true;
    glide_window_ = 0;  // a new touch stops a gliding scroll
    if (pinch_.on) return;
    if (Gesture* t = live(); t != nullptr) {
      // A second finger: a pinch. The first finger's gesture ends here, clicking nothing
      // (a drag it started is let go), and scrolls no further.
      pinch_ = Pinch{true, t->id, id, t->at, at, distance(t->at, at)};
      t->ended = t->cancelled = true;
      velocity_ = ImVec2(0, 0);
      return;
    }
    if (gestures_.size() >= 4) return;
    Gesture t;
    t.id = id;
    t.start = t.at = at;
    t.since = now;
    gestures_.push_back(t);
    velocity_ = ImVec2(0, 0);
    last_move_ = now;
  }
  void move(long id, ImVec2 at, double now) {
    if (pinch_.on) {
      if (id == pinch_.a) pinch_.at_a = at;
      if (id == pinch_.b) pinch_.at_b = at;
      return;
    }
    Gesture* t = live();
    if (t == nullptr || t->id != id) return;
    const double dt = now - last_move_;
    if (dt > 0) {  // the finger's speed, smoothed over its last moves
      const ImVec2 v((at.x - t->at.x) / static_cast<float>(dt),
                     (at.y - t->at.y) / static_cast<float>(dt));
      const float keep = dt < std::max(100.0, 1.5 * frame_ms_) ? 0.3f : 0.0f;
      velocity_ =
          ImVec2(keep * velocity_.x + (1 - keep) * v.x, keep * velocity_.y + (1 - keep) * v.y);
    }
    last_move_ = now;
    t->at = at;
  }
  void end(long id, ImVec2 at, double now, bool cancelled) {
    if (pinch_.on) {
      if (id == pinch_.a || id == pinch_.b) pinch_.on = false;  // the other finger is ignored
      return;
    }
    Gesture* t = live();
    if (t == nullptr || t->id != id) return;
    // A finger that rested before lifting stops the content; a flick glides on. The browser
    // hands on touch moves once per frame, so a slow frame is not a rest.
    const bool rested = now - last_move_ > std::max(100.0, 1.5 * frame_ms_);
    if (at.x != t->at.x || at.y != t->at.y) move(id, at, now);
    if (rested) velocity_ = ImVec2(0, 0);
    t->ended = true;
    t->lifted = now;
    t->cancelled = cancelled;
  }
  bool owns() const { return owns_; }
  // A finger is down, two pinch, or a flick still glides: the next frame must be drawn.
  bool busy() const { return !gestures_.empty() || pinch_.on || glide_window_ != 0; }
  // While two fingers pinch: their distance now over their distance when the second landed
  // (above 1: spread apart); 0 when there is no pinch.
  float pinch_ratio() const {
    if (!pinch_.on || pinch_.start < 1.0f) return 0.0f;
    return std::max(distance(pinch_.at_a, pinch_.at_b), 1.0f) / pinch_.start;
  }
  // The point between the two fingers (device pixels), while they pinch.
  ImVec2 pinch_centre() const {
    return ImVec2((pinch_.at_a.x + pinch_.at_b.x) / 2, (pinch_.at_a.y + pinch_.at_b.y) / 2);
  }
  // A mouse moved over the canvas (not a touch): the pointer is GLFW's again.
  void mouse_moved() {
    if (gestures_.empty()) owns_ = false;
  }

  // Between the backend's NewFrame (which read GLFW's mouse) and ImGui::NewFrame: sets the
  // pointer and the left button for this frame. px: device pixels per CSS pixel.
  void frame(ImGuiIO& io, double now, float px, bool glide) {
    if (last_frame_ > 0) frame_ms_ = now - last_frame_;
    last_frame_ = now;
    const double dt = std::min(frame_ms_, 100.0);
    if (!owns_) return;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // off the canvas unless a finger is down
    io.MouseDown[0] = io.MouseDown[1] = false;
    if (gestures_.empty()) {
      if (glide && glide_window_ != 0) glide_on(dt, px);
      return;
    }
    const ImGuiContext& g = *GImGui;
    Gesture& t = gestures_.front();
    switch (t.stage) {
      case Stage::Land:
        io.MousePos = t.start;
        t.stage = Stage::Hold;
        break;
      case Stage::Hold: {
        if (t.window == 0) {  // what the Land frame found under the finger
          t.window = g.HoveredWindow ? g.HoveredWindow->ID : 0;
          t.item = g.HoveredId;
        }
        io.MousePos = t.at;
        const ImVec2 d(t.at.x - t.start.x, t.at.y - t.start.y);
        if (d.x * d.x + d.y * d.y > kSlopCss * kSlopCss * px * px) {
          if (drags_item(t, std::fabs(d.x) > std::fabs(d.y))) {
            io.MousePos = t.start;  // pressed where it landed, then dragged
            io.MouseDown[0] = true;
            t.stage = Stage::Drag;
          } else {
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover while the content moves
            t.stage = Stage::Scroll;
            t.scrolled = t.start;
          }
          break;
        }
        // How long the finger was held: until it lifted, however late this frame comes (on a
        // busy machine a quick tap can be read a second later, and is still a tap).
        if ((t.ended ? t.lifted : now) - t.since >= kLongPressMs) t.long_press = true;
        if (t.ended) {
          if (t.cancelled) {
            t.stage = Stage::Lift;  // shown, not clicked
          } else if (t.long_press) {
            io.MouseDown[1] = true;  // a right click here: pressed now, released next frame
            t.stage = Stage::Release;
          } else {
            io.MouseDown[0] = true;  // a tap: pressed here now, released here next frame
            t.stage = Stage::Release;
          }
        }
        break;
      }
      case Stage::Release:
        io.MousePos = t.at;
        t.stage = Stage::Lift;
        break;
      case Stage::Drag:
        io.MousePos = t.at;
        io.MouseDown[0] = !t.ended;
        if (t.ended) t.stage = Stage::Lift;
        break;
      case Stage::Scroll:
        scroll(t.window, ImVec2(t.at.x - t.scrolled.x, t.at.y - t.scrolled.y));
        t.scrolled = t.at;
        if (t.ended) {
          glide_window_ = t.window;
          gestures_.pop_front();
        }
        break;
      case Stage::Lift:  // the frame after the release: pointer off the canvas
        gestures_.pop_front();
        break;
    }
  }

 private:
  enum class Stage { Land, Hold, Release, Drag, Scroll, Lift };
  struct Gesture {
    long id = 0;
    ImVec2 start, at;  // where the finger landed, where it is
    ImVec2 scrolled;   // the finger position already turned into scrolling
    Stage stage = Stage::Land;
    double since = 0;   // when the finger landed
    double lifted = 0;  // when it lifted (once ended)
    bool ended = false, cancelled = false, long_press = false;
    ImGuiID window = 0;  // the window the finger landed on
    ImGuiID item = 0;    // the item it landed on (0: none)
  };

  struct Pinch {
    bool on = false;
    long a = 0, b = 0;  // the two fingers
    ImVec2 at_a, at_b;  // where they are
    float start = 0;    // their distance when the second landed
  };
  static float distance(ImVec2 p, ImVec2 q) { return std::hypot(p.x - q.x, p.y - q.y); }

  // The gesture whose finger is still down, if any.
  Gesture* live() {
    return !gestures_.empty() && !gestures_.back().ended ? &gestures_.back() : nullptr;
  }

  // Whether a finger that moved from where it landed drags the item there (else it scrolls):
  // a scrollbar always; another item when the movement is mostly sideways (a slider, scrubbing
  // along a plot, selecting in a text field); so an up or down swipe scrolls from anywhere.
  static bool drags_item(const Gesture& t, bool sideways) {
    if (t.item == 0) return false;
    if (ImGuiWindow* w = ImGui::FindWindowByID(t.window); w != nullptr)
      if (t.item == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X) ||
          t.item == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y))
        return true;
    return sideways;
  }

  // The window that scrolls along axis when the finger is over `id`: that window or the
  // nearest parent that can scroll that way, as ImGui chooses for the mouse wheel.
  static ImGuiWindow* scroller(ImGuiID id, ImGuiAxis axis) {
    const auto room = [axis](const ImGuiWindow* w) {
      return axis == ImGuiAxis_X ? w->ScrollMax.x : w->ScrollMax.y;
    };
    ImGuiWindow* w = id != 0 ? ImGui::FindWindowByID(id) : nullptr;
    while (w != nullptr && (w->Flags & ImGuiWindowFlags_ChildWindow) &&
           (room(w) <= 0.0f || ((w->Flags & ImGuiWindowFlags_NoScrollWithMouse) &&
                                !(w->Flags & ImGuiWindowFlags_NoMouseInputs))))
      w = w->ParentWindow;
    return w != nullptr && room(w) > 0.0f ? w : nullptr;
  }

  // Moves the content with the finger (by d, device pixels); false once at an end.
  static bool scroll(ImGuiID id, ImVec2 d) {
    bool moved = false;
    if (ImGuiWindow* w = scroller(id, ImGuiAxis_Y); w != nullptr && d.y != 0) {
      const float to = std::clamp(w->Scroll.y - d.y, 0.0f, w->ScrollMax.y);
      moved |= to != w->Scroll.y;
      ImGui::SetScrollY(w, to);
    }
    if (ImGuiWindow* w = scroller(id, ImGuiAxis_X); w != nullptr && d.x != 0) {
      const float to = std::clamp(w->Scroll.x - d.x, 0.0f, w->ScrollMax.x);
      moved |= to != w->Scroll.x;
      ImGui::SetScrollX(w, to);
    }
    return moved;
  }

  // After a flick the content glides on, slowing down (a time constant of 325 ms, as on
  // phones), until it stops or meets an end.
  void glide_on(double dt, float px) {
    const ImVec2 d(velocity_.x * static_cast<float>(dt), velocity_.y * static_cast<float>(dt));
    const float k = static_cast<float>(std::exp(-dt / 325.0));
    velocity_ = ImVec2(velocity_.x * k, velocity_.y * k);
    const float slowest = 0.02f * px;  // device pixels per millisecond
    if (!scroll(glide_window_, d) ||
        (std::fabs(velocity_.x) < slowest && std::fabs(velocity_.y) < slowest))
      glide_window_ = 0;
  }

  std::deque<Gesture> gestures_;  // the finger down now, and taps not yet delivered
  bool owns_ = false;             // the last pointer on the canvas was a finger
  ImVec2 velocity_;               // device pixels per millisecond
  double last_move_ = 0, last_frame_ = 0;
  double frame_ms_ = 16.0;    // the last frame's length
  ImGuiID glide_window_ = 0;  // the window gliding after a flick (0: none)
  Pinch pinch_;               // two fingers down
};

// Typing on a phone: while a text or number field of the canvas is active after a touch, the
// page lays a real input over it (bp_js_field), which opens the phone's keyboard. What is typed
// there comes back here (apply or cancel) and goes into the ImGui field as keys would, one step
// a frame, so the field's own character filter and the app's own checks (on Enter) decide:
//   apply:  select all and type the text; next frame, if the field took every character, Enter
//           (the app applies it as it does for a keyboard); if not, Escape (the field keeps its
//           value) and the page names what was refused;
//   cancel: Escape.
// Multi-line fields keep ImGui's own editing. The number keypad is asked for when the field
// holds a number as it opens.
class Field {
 public:
  void apply(std::string text) {
    text_ = std::move(text);
    step_ = Step::Type;
  }
  void cancel() { step_ = Step::Cancel; }

  // Before ImGui::NewFrame.
  void before_frame(ImGuiIO& io) {
    ImGuiContext& g = *GImGui;
    ImGuiInputTextState& st = g.InputTextState;
    const bool active = id_ != 0 && g.ActiveId == id_ && st.ID == id_;
    const int enter = io.KeyMap[ImGuiKey_Enter];
    const int escape = io.KeyMap[ImGuiKey_Escape];
    const int back = io.KeyMap[ImGuiKey_Backspace];
    switch (step_) {
      case Step::None: break;
      case Step::Type:
        step_ = active ? Step::Check : Step::None;
        if (!active) break;
        st.SelectAll();
        if (text_.empty())
          io.KeysDown[back] = true;  // deletes the selection
        else
          io.AddInputCharactersUTF8(text_.c_str());
        break;
      case Step::Check:
        io.KeysDown[back] = false;
        if (!active) {
          step_ = Step::None;
        } else if (field_text(st) == text_) {
          io.KeysDown[enter] = true;
          step_ = Step::EnterUp;
        } else {
          io.KeysDown[escape] = true;
          step_ = Step::EscapeUp;
          std::string shown = text_.size() > 40 ? text_.substr(0, 40) + "..." : text_;
          const std::string why =
              numeric_ ? "'" + shown +
                             "' is not a number this field can take (digits, '.', 'e', '+' and "
                             "'-'); it keeps its value."
                       : "'" + shown +
                             "' has characters this field does not take; it keeps its "
                             "value.";
          bp_js_field_refused(why.c_str());
        }
        break;
      case Step::EnterUp:
        io.KeysDown[enter] = false;
        step_ = Step::None;
        break;
      case Step::Cancel:
        if (active) io.KeysDown[escape] = true;
        step_ = Step::EscapeUp;
        break;
      case Step::EscapeUp:
        io.KeysDown[escape] = false;
        step_ = Step::None;
        break;
    }
  }

  // After the frame: shows, moves or hides the page's input. touch: the field was reached by a
  // finger; css: CSS pixels per device pixel.
  void after_frame(bool touch, float css) {
    const ImGuiContext& g = *GImGui;
    const ImGuiInputTextState& st = g.InputTextState;
    // (A field's flags are known only inside its InputText call: its state remembers whether it
    // has one line, and its text says whether it holds a number.)
    const bool editing = touch && g.IO.WantTextInput && g.ActiveId != 0 && st.ID == g.ActiveId &&
                         st.Stb.single_line != 0 && g.NavId == g.ActiveId && g.NavWindow != nullptr;
    if (!editing) {
      if (id_ != 0 && step_ == Step::None) {
        bp_js_field(0, 0, 0, 0, 0, "", 0, 0);
        id_ = 0;
      }
      return;
    }
    const ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
    const bool fresh = st.ID != id_;
    if (!fresh && r.Min.x == rect_.Min.x && r.Min.y == rect_.Min.y && r.Max.x == rect_.Max.x &&
        r.Max.y == rect_.Max.y)
      return;
    id_ = st.ID;
    rect_ = r;
    numeric_ = is_number(st.InitialTextA.Data);
    const auto c = [css](float v) { return static_cast<double>(v * css); };
    bp_js_field(1, c(r.Min.x), c(r.Min.y), c(r.GetWidth()), c(r.GetHeight()),
                fresh ? st.InitialTextA.Data : "", numeric_ ? 1 : 0, fresh ? 1 : 0);
  }

 private:
  enum class Step { None, Type, Check, EnterUp, Cancel, EscapeUp };

  // Whether a field's text is a number (then the phone shows its number keypad).
  static bool is_number(const char* text) {
    if (text == nullptr || *text == '\0') return false;
    char* end = nullptr;
    (void)std::strtod(text, &end);
    return end != text && *end == '\0';
  }

  // The field's text now, in UTF-8.
  static std::string field_text(const ImGuiInputTextState& st) {
    std::string out(static_cast<std::size_t>(st.CurLenW) * 4 + 1, '\0');
    const int n = ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), st.TextW.Data,
                                  st.TextW.Data + st.CurLenW);
    out.resize(static_cast<std::size_t>(n));
    return out;
  }

  ImGuiID id_ = 0;  // the field the page's input lies over (0: none)
  ImRect rect_;
  bool numeric_ = false;
  std::string text_;
  Step step_ = Step::None;
};

struct Platform {
  GLFWwindow* window = nullptr;
  bp::app::App app;
  bool first_frame_done = false;
  int width = 0, height = 0;  // canvas backing store, device pixels
  double pixel_ratio = 1.0;   // device pixels per CSS pixel
  std::string out;            // keeps strings returned to JavaScript alive until the next call
  std::string clipboard;      // ImGui's clipboard (see main())
  bp::app::App::EventWatch events;        // what the last frame told the page's scripts
  bool context_lost = false;              // nothing can be drawn until the browser restores it
  int max_width = 0, max_height = 0;      // the largest drawing buffer WebGL allows (0: not asked)
  int asked_width = 0, asked_height = 0;  // CSS size times devicePixelRatio, last frame
  double css_width = 1, css_height = 1;   // the canvas's CSS size, last frame
  Touch touch;
  Field field;
  bool reduced_motion = false;           // prefers-reduced-motion: a swipe does not glide on
  std::optional<bp::Theme> theme_shown;  // the data-theme the page was last given
  double pinch_base = 0;                 // the text size when the pinch began (0: no pinch)
  bool running = false;  // training, or a step(n) going on over frames, at the last frame's end
  int awake = 0;         // frames still to draw after the last input or command (see must_draw)
  bool rested = false;   // the last animation frame drew nothing
  // The fingerprint of the picture on the canvas (picture_of), while it is known to be there:
  // a resize, new fonts or a restored context clear it, and training does not keep it.
  std::optional<std::uint64_t> on_canvas;
};

// Frames run after each input event or command, whatever it changed: what Dear ImGui needs
// to settle (a hover, a popup that opens a frame later, a column that sizes itself, a click's
// scroll anchoring) with room to spare; half a second at 60 fps. Those whose picture is the one
// on the canvas are not handed to WebGL (frame()), so the frames to spare cost little.
constexpr int kAwakeFrames = 30;

Platform* g = nullptr;  // emscripten_set_main_loop's callback takes no argument

// Mixes n bytes into the fingerprint h, eight at a time. Each step is a bijection of h for a
// given word, so two inputs that differ in one word never end with the same fingerprint; any
// other difference has a chance of 2^-64.
std::uint64_t mix(std::uint64_t h, const void* data, std::size_t n) {
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15u;
  const auto* p = static_cast<const unsigned char*>(data);
  const auto step = [&](std::uint64_t word) {
    h = (h ^ word) * k;
    h ^= h >> 29;
  };
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    step(word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  step(tail ^ (static_cast<std::uint64_t>(n) << 56));
  return h;
}

// A fingerprint of what ImGui_ImplOpenGL3_RenderDrawData would draw from this draw data on a
// canvas cleared to `back`: every vertex and index, and every command's clip rectangle,
// texture and range. The same fingerprint is the same picture, as long as the canvas's size
// and the font texture did not change (Platform::on_canvas is cleared when they do).
std::uint64_t picture_of(const ImDrawData& d, const bp::app::Rgba& back) {
  std::uint64_t h = 0;
  const float frame[] = {d.DisplayPos.x,
                         d.DisplayPos.y,
                         d.DisplaySize.x,
                         d.DisplaySize.y,
                         d.FramebufferScale.x,
                         d.FramebufferScale.y,
                         back.r,
                         back.g,
                         back.b,
                         static_cast<float>(d.CmdListsCount)};
  h = mix(h, frame, sizeof frame);
  for (int i = 0; i < d.CmdListsCount; ++i) {
    const ImDrawList& list = *d.CmdLists[i];
    h = mix(h, list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.size_in_bytes()));
    h = mix(h, list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.size_in_bytes()));
    for (const ImDrawCmd& c : list.CmdBuffer) {
      const std::uint64_t fields[] = {reinterpret_cast<std::uintptr_t>(c.TextureId),
                                      reinterpret_cast<std::uintptr_t>(c.UserCallback), c.VtxOffset,
                                      c.IdxOffset, c.ElemCount};
      h = mix(h, &c.ClipRect, sizeof c.ClipRect);
      h = mix(h, fields, sizeof fields);
    }
  }
  return h;
}

// The largest drawing buffer this WebGL context allows: the smaller of its largest
// renderbuffer and viewport (asked once per context; these queries wait for the GPU).
void query_limits() {
  GLint renderbuffer = 0;
  GLint viewport[2] = {0, 0};
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &renderbuffer);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, viewport);
  const auto limit = [](GLint a, GLint b) {
    return std::max(1, std::min(a > 0 ? a : b, b > 0 ? b : a));
  };
  g->max_width = limit(renderbuffer, viewport[0]);
  g->max_height = limit(renderbuffer, viewport[1]);
}

// The canvas's CSS size now, and that size times devicePixelRatio (what fit_canvas asks for).
struct CanvasSize {
  double css_w, css_h;
  int asked_w, asked_h;
};
CanvasSize canvas_size() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  css_w = std::max(css_w, 1.0);
  css_h = std::max(css_h, 1.0);
  const double dpr =
      emscripten_get_device_pixel_ratio() > 0 ? emscripten_get_device_pixel_ratio() : 1.0;
  return {css_w, css_h, static_cast<int>(std::lround(css_w * dpr)),
          static_cast<int>(std::lround(css_h * dpr))};
}

// Keeps the canvas's backing store at its CSS size times devicePixelRatio, so text stays
// sharp on high-density screens, but never larger than WebGL allows: a huge window (4000x3000
// CSS pixels at a ratio of 3) is drawn at the largest size that fits, with the same aspect,
// and the UI is laid out at that scale (device pixels per CSS pixel below the ratio), so the
// page looks the same, only less sharp. Emscripten 3.1.6's GLFW has no notion of this ratio,
// so the canvas is sized here and ImGui is told the size directly (see frame()).
void fit_canvas() {
  const auto [css_w, css_h, asked_w, asked_h] = canvas_size();
  g->css_width = css_w;
  g->css_height = css_h;
  if (asked_w != g->asked_width || asked_h != g->asked_height || g->width == 0) {
    g->asked_width = asked_w;
    g->asked_height = asked_h;
    if (g->max_width == 0) query_limits();
    double k = std::min({1.0, g->max_width / static_cast<double>(asked_w),
                         g->max_height / static_cast<double>(asked_h)});
    int w = std::max(1, static_cast<int>(std::floor(asked_w * k)));
    int h = std::max(1, static_cast<int>(std::floor(asked_h * k)));
    emscripten_set_canvas_element_size(kCanvas, w, h);
    // The browser may allow less still (a limit on the buffer's area): shrink to what it gave.
    int got_w = 0, got_h = 0;
    bp_js_drawing_buffer_size(&got_w, &got_h);
    if (got_w > 0 && got_h > 0 && (got_w < w || got_h < h)) {
      k *= std::min(got_w / static_cast<double>(w), got_h / static_cast<double>(h));
      w = std::max(1, static_cast<int>(std::floor(asked_w * k)));
      h = std::max(1, static_cast<int>(std::floor(asked_h * k)));
      emscripten_set_canvas_element_size(kCanvas, w, h);
    }
    g->width = w;
    g->height = h;
    g->on_canvas.reset();  // a new size clears the drawing buffer
    // Device pixels of the canvas per CSS pixel: the ratio, or less where the size was capped.
    g->pixel_ratio = std::min(w / css_w, h / css_h);
  }
  g->app.set_ui_scale(static_cast<float>(g->pixel_ratio));
  if (g->app.fonts_rebuilt()) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    g->on_canvas.reset();  // the same vertices may now sample other glyphs
  }
}

// The browser took the WebGL context away: nothing is drawn and training waits (the app
// remembers whether it ran). preventDefault (EM_TRUE) tells the browser the page will
// handle a restore.
EM_BOOL on_context_lost(int, const void*, void*) {
  g->context_lost = true;
  g->app.set_context_lost(true);
  bp_js_context_changed(1, g->app.message().c_str());
  return EM_TRUE;
}

// The context is back, empty: every GL object made before is gone. The app's only GL
// objects are Dear ImGui's (its shaders, buffers and the font texture; the heatmaps and
// neuron maps are drawn as ImGui rectangles, no textures), so the renderer starts again.
// A whole Shutdown and Init, not Destroy/CreateDeviceObjects: Dear ImGui 1.86's renderer
// remembers how large its vertex and index buffers were and only grows them, so new, empty
// buffers were written past their end (GL_INVALID_VALUE) and the page stayed blank until a
// frame needed more geometry than any before it. Init starts those sizes at zero.
EM_BOOL on_context_restored(int, const void*, void*) {
  ImGui_ImplOpenGL3_Shutdown();  // forgets the dead handles and the buffer sizes
  ImGui_ImplOpenGL3_Init(kGlslVersion);
  while (glGetError() != GL_NO_ERROR) {
  }  // deleting the dead handles may have set an error; the next frame starts clean
  g->max_width = g->max_height = 0;  // another GPU may allow another size
  g->width = g->height = 0;          // size the canvas again in the next frame
  g->context_lost = false;
  g->app.set_context_lost(false);
  g->awake = kAwakeFrames;  // the new context is blank: draw it, even on a page at rest
  g->on_canvas.reset();
  bp_js_context_changed(0, "");
  return EM_TRUE;
}

// Whether this animation frame is drawn. A page at rest (paused, untouched, no command) draws
// nothing: its last picture stays on the canvas, and the main thread and the GPU are free (an
// idle page drew 60 frames a second before, almost two cores of a laptop in software WebGL).
// Anything that can change the picture draws: input or a command (then kAwakeFrames more),
// training or a step(n) over frames, a text field being edited (its caret blinks), a finger,
// a glide or a pinch, the app's own follow-up (a click's scroll anchoring), a new canvas size
// or device pixel ratio, and the system's colour scheme turning dark or light.
bool must_draw() {
  if (bp_js_take_wake() != 0) g->awake = kAwakeFrames;
  if (g->awake > 0) {
    --g->awake;
    return true;
  }
  if (!g->first_frame_done || g->running || g->app.training() || g->app.steps_left() > 0 ||
      g->app.wants_frames() || g->touch.busy() || ImGui::GetIO().WantTextInput)
    return true;
  if (const CanvasSize now = canvas_size();
      now.asked_w != g->asked_width || now.asked_h != g->asked_height)
    return true;
  return (bp_js_prefers_dark() != 0) != g->app.state().system_dark;
}

void frame() {
  const double start = emscripten_get_now();
  glfwPollEvents();
  if (g->context_lost) return;  // nothing can be drawn; training waits (on_context_lost)
  if (!must_draw()) {
    g->rested = true;
    g->app.frame_rested();
    return;
  }
  // A pinch scales the text size it began with (the style and font follow in fit_canvas).
  if (const float r = g->touch.pinch_ratio(); r > 0) {
    if (g->pinch_base == 0) g->pinch_base = g->app.text_size();
    g->app.set_text_size(g->pinch_base * static_cast<double>(r));
    const ImVec2 centre = g->touch.pinch_centre();
    g->app.hold_in_place(centre.x, centre.y);  // what is between the fingers stays there
  } else {
    g->pinch_base = 0;
  }
  fit_canvas();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // After frames at rest, the backend's time step spans them all: this frame counts as one,
  // so that training started now does not owe the seconds the page rested.
  if (g->rested) ImGui::GetIO().DeltaTime = std::min(ImGui::GetIO().DeltaTime, 1.0f / 60.0f);
  g->rested = false;
  g->touch.frame(ImGui::GetIO(), emscripten_get_now(), static_cast<float>(g->pixel_ratio),
                 !g->reduced_motion);
  g->field.before_frame(ImGui::GetIO());
  // The canvas, the mouse positions GLFW reports and ImGui's display all use device pixels.
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(g->width), static_cast<float>(g->height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui::NewFrame();
  g->app.state().system_dark = bp_js_prefers_dark() != 0;
  g->app.frame();
  const bp::Theme theme = g->app.state().theme();
  if (theme != g->theme_shown) {
    g->theme_shown = theme;
    bp_js_theme(std::string(bp::name(theme)).c_str());
  }
  g->field.after_frame(g->touch.owns(), static_cast<float>(1.0 / g->pixel_ratio));
  ImGui::Render();
  const double app_done = emscripten_get_now();
  using Kind = bp::app::PlatformRequest::Kind;
  const std::vector<bp::app::PlatformRequest> requests = g->app.take_requests();
  const bp::app::Rgba back = bp::app::palette_of(theme).window;
  // A frame whose picture is the one already on the canvas is not drawn again: most frames
  // after an input (kAwakeFrames) and many of a click's look the same, and in software WebGL
  // a frame costs tens of milliseconds of processor time, most of it in the GPU process.
  // Training changes the picture every frame: then nothing is compared. The drawing buffer is
  // kept between frames (preserveDrawingBuffer, web/backprop-api.js), so a picture saved or
  // copied from a frame that was not drawn is the one on the canvas, which is this frame's.
  const bool trains = g->app.training() || g->app.steps_left() > 0;
  std::optional<std::uint64_t> picture;
  if (!trains) picture = picture_of(*ImGui::GetDrawData(), back);
  if (picture && picture == g->on_canvas) {
    g->app.frame_unchanged();
  } else {
    glViewport(0, 0, g->width, g->height);
    glClearColor(back.r, back.g, back.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    g->on_canvas = picture;
  }
  if (!g->first_frame_done) {
    g->first_frame_done = true;
    bp_js_ready();
  }
  for (const bp::app::PlatformRequest& r : requests) {
    switch (r.kind) {
      case Kind::CopyLink: bp_js_copy_link(r.text.c_str()); break;
      case Kind::Download: bp_js_download(r.name.c_str(), r.mime.c_str(), r.text.c_str()); break;
      case Kind::SavePicture: bp_js_save_picture(r.name.c_str()); break;
      case Kind::OpenFile: bp_js_open_file(); break;
      case Kind::CopyText: bp_js_copy_text(r.text.c_str()); break;
    }
  }
  if (const unsigned events = g->app.poll_events(g->events); events != 0) {
    const std::string message = g->app.message();
    bp_js_events(events, static_cast<double>(g->app.trainer().iteration()), g->app.loss(),
                 g->app.training() ? 1 : 0, message.c_str(),
                 static_cast<double>(g->app.steps_left()), g->app.converged_loss());
  }
  std::string step_end;  // how a step(n) over frames ended in this frame, if one did
  for (const bp::app::AppState::StepRun& r : g->app.take_finished_steps()) {
    bp_js_steps_done(static_cast<double>(r.iteration), static_cast<double>(r.asked),
                     static_cast<double>(r.done), r.end.c_str());
    step_end = r.end;
  }
  if (const bool running = g->app.training() || g->app.steps_left() > 0; running != g->running) {
    g->running = running;
    if (!running) {
      const char* reason = g->app.state().run_diverged()          ? "diverged"
                           : !g->app.state().stop_message.empty() ? "rule"
                           : step_end == "done"                   ? "done"
                                                                  : "paused";
      bp_js_stopped(static_cast<double>(g->app.trainer().iteration()), g->app.loss(), reason);
    }
  }
  g->app.frame_work(app_done - start, emscripten_get_now() - start);
}

// The mouse wheel. Emscripten 3.1.6's GLFW hands on the browser's wheel delta unscaled
// (pixels, positive = down), which ImGui reads as hundreds of notches upwards: columns
// jumped to the top. Read the browser's event here instead: notches, positive = up.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  const double unit = e->deltaMode == DOM_DELTA_PIXEL  ? 100.0
                      : e->deltaMode == DOM_DELTA_LINE ? 3.0
                                                       : 1.0;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH -= static_cast<float>(e->deltaX / unit);
  io.MouseWheel -= static_cast<float>(e->deltaY / unit);
  return EM_TRUE;
}

// Touches on the canvas (see Touch). Each callback prevents the browser's own handling (EM_TRUE):
// no page scroll or zoom, and no mouse events made up from the touch afterwards.
EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
  // When the finger moved, not when the page got round to it: the event's time stamp (the
  // clock of emscripten_get_now). A busy page hands on a flick's last move and its lift a
  // frame or two late, and the finger's speed and rest are the finger's, not the page's.
  const double now = e->timestamp > 0 ? e->timestamp : emscripten_get_now();
  const ImVec2 k(static_cast<float>(g->width / g->css_width),
                 static_cast<float>(g->height / g->css_height));
  for (int i = 0; i < e->numTouches; ++i) {
    const EmscriptenTouchPoint& p = e->touches[i];
    if (!p.isChanged) continue;
    const ImVec2 at(static_cast<float>(p.targetX) * k.x, static_cast<float>(p.targetY) * k.y);
    switch (type) {
      case EMSCRIPTEN_EVENT_TOUCHSTART:
        g->app.set_touch_ui(true);  // a touch screen, even where the main pointer is a mouse
        g->touch.start(p.identifier, at, now);
        break;
      case EMSCRIPTEN_EVENT_TOUCHMOVE: g->touch.move(p.identifier, at, now); break;
      case EMSCRIPTEN_EVENT_TOUCHEND: g->touch.end(p.identifier, at, now, false); break;
      default: g->touch.end(p.identifier, at, now, true); break;  // touchcancel
    }
  }
  return EM_TRUE;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent*, void*) {
  g->touch.mouse_moved();
  return EM_FALSE;  // GLFW reads it too
}

// Text from web/backprop-api.js comes through the heap with its length in bytes (never through
// ccall's stack copy, and never cut at a NUL); the script frees it after the call.
std::string_view text(const char* data, std::size_t size) {
  return data ? std::string_view(data, size) : std::string_view{};
}

const char* keep(std::string s) {
  g->out = std::move(s);
  return g->out.c_str();
}

// The link's query without the keys that belong to the page's JavaScript, which reads them
// itself: origins (who may drive the page with postMessage; web/backprop-api.js).
std::string without_page_keys(std::string_view query) {
  std::string kept;
  while (!query.empty()) {
    const std::size_t at = query.find('&');
    const std::string_view pair = query.substr(0, at);
    query = at == std::string_view::npos ? std::string_view{} : query.substr(at + 1);
    if (pair == "origins" || pair.substr(0, 8) == "origins=") continue;
    if (!kept.empty()) kept += '&';
    kept += pair;
  }
  return kept;
}

}  // namespace

// --- called from web/backprop-api.js ---------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE void bp_train() {
  g->app.train();
}
EMSCRIPTEN_KEEPALIVE void bp_pause() {
  g->app.pause();
}
EMSCRIPTEN_KEEPALIVE double bp_step(double n) {
  return static_cast<double>(g->app.step(static_cast<long>(n)));
}
// Iterations of a step(n) still to run over the next frames (0: none).
EMSCRIPTEN_KEEPALIVE double bp_steps_left() {
  return static_cast<double>(g->app.steps_left());
}
EMSCRIPTEN_KEEPALIVE void bp_reset() {
  g->app.reset();
}
EMSCRIPTEN_KEEPALIVE void bp_restart() {
  g->app.restart();
}
// The one limit of text from the page's JavaScript (bp::kMaxTextBytes): it checks sizes
// against this before copying anything in.
EMSCRIPTEN_KEEPALIVE double bp_max_text_bytes() {
  return static_cast<double>(bp::kMaxTextBytes);
}
// The build's version: "0.1.0 (git 1a2b3c4d5e)" (bp::version(); get().version).
EMSCRIPTEN_KEEPALIVE const char* bp_version() {
  return bp::version();
}
// Why a text of that many bytes is refused ("the file is ... bytes, more than ...").
EMSCRIPTEN_KEEPALIVE const char* bp_too_large(const char* what, std::size_t what_size,
                                              double bytes) {
  return keep(bp::app::App::too_large(text(what, what_size), static_cast<std::uint64_t>(bytes)));
}
// A file not read (too large): the page says why; returns why.
EMSCRIPTEN_KEEPALIVE const char* bp_refuse_file(const char* name, std::size_t name_size,
                                                const char* why, std::size_t why_size) {
  return keep(g->app.refuse_file(text(name, name_size), std::string(text(why, why_size))).error());
}
// A paste not taken (too large, binary): the page says why.
EMSCRIPTEN_KEEPALIVE void bp_refuse_paste(const char* why, std::size_t why_size) {
  g->app.refuse_paste(std::string(text(why, why_size)));
}
// Script arguments arrive as text and are read with the one number syntax (App::select etc.).
// Returns "" if the learning rate was taken, otherwise why not.
EMSCRIPTEN_KEEPALIVE const char* bp_set_learning_rate(const char* lr, std::size_t size) {
  const bp::Status s = g->app.set_learning_rate(text(lr, size));
  return keep(s ? std::string{} : s.error());
}
// Picks the weight W<layer>[row][col] (rows and columns from 0); "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_select(const char* layer, std::size_t layer_size,
                                           const char* row, std::size_t row_size, const char* col,
                                           std::size_t col_size) {
  const bp::Status s =
      g->app.select(text(layer, layer_size), text(row, row_size), text(col, col_size));
  return keep(s ? std::string{} : s.error());
}
// Picks the example the diagram shows; "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_set_example(const char* row, std::size_t size) {
  const bp::Status s = g->app.set_example(text(row, size));
  return keep(s ? std::string{} : s.error());
}
EMSCRIPTEN_KEEPALIVE void bp_set_walkthrough(int on) {
  g->app.set_walkthrough(on != 0);
}
EMSCRIPTEN_KEEPALIVE void bp_next_phase() {
  (void)g->app.advance_phase();
}
EMSCRIPTEN_KEEPALIVE void bp_show_gradients(int on) {
  g->app.set_show_gradients(on != 0);
}
// The text size (1: normal; 0.75 to 2.5); "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_set_text_size(const char* size, std::size_t size_bytes) {
  const bp::Status s = g->app.set_text_size(text(size, size_bytes));
  return keep(s ? std::string{} : s.error());
}
// The settings scripts read and set, as JSON (docs/format.md): {seed, data, hidden, lr, ...}.
EMSCRIPTEN_KEEPALIVE const char* bp_get_json() {
  return keep(g->app.settings_json());
}
// Applies a JSON settings object all or nothing; "" or the error naming the field.
EMSCRIPTEN_KEEPALIVE const char* bp_set_json(const char* json, std::size_t size) {
  const bp::Status s = g->app.apply_settings(text(json, size));
  return keep(s ? std::string{} : s.error());
}
// Settings in the link's form ("lr=0.5&hidden=8,8") on top of the current ones, as set() does
// (a <backprop-demo> element's changed attributes): "" or the link's message naming the key.
EMSCRIPTEN_KEEPALIVE const char* bp_set_link(const char* query, std::size_t size) {
  const bp::Result<bp::Config> next =
      bp::parse_query(without_page_keys(text(query, size)), g->app.state().snapshot());
  if (!next) return keep(next.error());
  const bp::Status s = g->app.apply_settings(bp::settings_to_json(next.value()));
  return keep(s ? std::string{} : s.error());
}
// Every setting as a link that does not name it gives it, for the data in use (get()'s names):
// what removing a <backprop-demo> attribute sets that setting back to.
EMSCRIPTEN_KEEPALIVE const char* bp_defaults_json() {
  return keep(bp::settings_to_json(bp::page_defaults(g->app.state().snapshot())));
}
// The link's query string for the page as it is now (with_weights: 0 or 1).
EMSCRIPTEN_KEEPALIVE const char* bp_link(int with_weights) {
  return keep(g->app.link(with_weights != 0));
}
// The JSON document: settings, weights, custom rows.
EMSCRIPTEN_KEEPALIVE const char* bp_document() {
  return keep(g->app.document());
}
// A file the student opened or dropped (JSON document or CSV rows); "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_load_file(const char* name, std::size_t name_size,
                                              const char* data, std::size_t size) {
  const bp::Status s = g->app.load_file(text(name, name_size), text(data, size));
  return keep(s ? std::string{} : s.error());
}
// That seed's initial weights (seed written as in a link); "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_reset_seed(const char* seed, std::size_t size) {
  const bp::Status s = g->app.reset_to_seed(text(seed, size));
  return keep(s ? std::string{} : s.error());
}
// Runs the walkthrough to a phase ("next", "forward", "loss", "backward", "update"):
// {"kind": ..., "layer": ...} of the last phase run, or {"error": "why not"}.
EMSCRIPTEN_KEEPALIVE const char* bp_walkthrough_to(const char* target, std::size_t size) {
  const bp::Result<bp::Phase> p = g->app.walk_to(text(target, size));
  bp::JsonWriter j;
  j.begin_object();
  if (p) {
    j.key("kind").string(bp::name(p->kind));
    j.key("layer").integer(p->layer);
  } else {
    j.key("error").string(p.error());
  }
  j.end_object();
  return keep(j.str());
}
// What the browser pasted (web/backprop-api.js), for ImGui's Ctrl+V in the next frame. ImGui
// reads its clipboard as a C string, so text with a NUL (or another control character) is
// refused with where it is, instead of being cut there.
EMSCRIPTEN_KEEPALIVE void bp_set_clipboard(const char* data, std::size_t size) {
  if (!g) return;
  const std::string_view pasted = text(data, size);
  if (std::string binary = bp::find_binary(pasted); !binary.empty()) {
    g->app.refuse_paste("the pasted text, " + binary);
    return;
  }
  g->clipboard = std::string(pasted);
}
// The page's input over a field (see Field): apply what was typed there, or cancel.
EMSCRIPTEN_KEEPALIVE void bp_field_apply(const char* data, std::size_t size) {
  g->field.apply(std::string(text(data, size)));
}
EMSCRIPTEN_KEEPALIVE void bp_field_cancel() {
  g->field.cancel();
}
// The exercise's blanks from a script, as JSON {"z1": "...", ...}: "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_exercise(const char* json, std::size_t size) {
  const bp::Status s = g->app.set_exercise(text(json, size));
  return keep(s ? std::string{} : s.error());
}
// Runs the student's code (the Run your code button): "" or why not.
EMSCRIPTEN_KEEPALIVE const char* bp_exercise_run() {
  const bp::Status s = g->app.run_exercise();
  return keep(s ? std::string{} : s.error());
}
// The chapter's program in Python with numpy (Copy as numpy), or {"error": ...} as JSON.
EMSCRIPTEN_KEEPALIVE const char* bp_numpy() {
  const bp::Result<std::string> p = g->app.numpy();
  return keep(p ? p.value() : "#error: " + p.error());
}
EMSCRIPTEN_KEEPALIVE const char* bp_state_json() {
  return keep(g->app.state_json());
}
// The few fields the page's text view reads (App::summary_json): a few KB, where state() is
// hundreds of KB with 2000 points.
EMSCRIPTEN_KEEPALIVE const char* bp_summary_json() {
  return keep(g->app.summary_json());
}
// {x, y, w, h} of a named widget in CSS pixels relative to the canvas, or "null"; with
// clipTop and clipBottom, the rows its window shows, where known (a scrolled column).
EMSCRIPTEN_KEEPALIVE const char* bp_widget_rect_json(const char* name, std::size_t size) {
  const auto r = g->app.widget_rect(text(name, size));
  if (!r) return keep("null");
  const double k = 1.0 / g->pixel_ratio;
  char buf[240];
  int n = std::snprintf(buf, sizeof buf, "{\"x\":%.17g,\"y\":%.17g,\"w\":%.17g,\"h\":%.17g",
                        static_cast<double>(r->x) * k, static_cast<double>(r->y) * k,
                        static_cast<double>(r->w) * k, static_cast<double>(r->h) * k);
  if (r->clip_top <= r->clip_bottom)
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n),
                       ",\"clipTop\":%.17g,\"clipBottom\":%.17g",
                       static_cast<double>(r->clip_top) * k,
                       static_cast<double>(r->clip_bottom) * k);
  std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "}");
  return keep(buf);
}

}  // extern "C"

int main() {
  static Platform platform;
  g = &platform;
  bp_js_name_canvas();

  // The link's query string comes from the page's script through the heap (bp_js_link_text).
  bp::Config config;
  std::string link_error;
  {
    char* error = nullptr;
    char* query = bp_js_link_text(&error);
    if (error != nullptr) {
      link_error = error;
    } else if (query != nullptr && *query != '\0') {
      bp::Result<bp::Config> parsed = bp::parse_page_query(without_page_keys(query));
      if (parsed)
        config = std::move(parsed.value());
      else
        link_error = parsed.error();
    }
    std::free(query);
    std::free(error);
  }

  if (!glfwInit()) {
    bp_js_fatal("GLFW could not start in this browser.");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // Dear ImGui draws with blending alone: no depth or stencil buffer, and an opaque canvas
  // (the app paints every pixel). GLFW's defaults asked for all three, buffers a large canvas
  // carried for nothing (48 MB of depth and stencil at 4000x3000).
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  g->window = glfwCreateWindow(1280, 800, "backprop", nullptr, nullptr);
  if (g->window == nullptr) {
    bp_js_fatal(
        "This page needs WebGL 2, which this browser did not provide. "
        "Try a current Chrome, Firefox, Edge or Safari, or enable hardware acceleration.");
    return 1;
  }
  glfwMakeContextCurrent(g->window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  if (bp::Status s = g->app.init(config, link_error, 1.0f); !s) {
    bp_js_fatal(("The network could not be created: " + s.error()).c_str());
    return 1;
  }
  ImGui_ImplGlfw_InitForOpenGL(g->window, true);
  glfwSetScrollCallback(g->window, nullptr);  // the wheel is read by on_wheel
  // Emscripten 3.1.6's GLFW has no clipboard: ImGui's Ctrl+V reads what the browser last
  // pasted (bp_set_clipboard), and its Ctrl+C also offers the text to the browser.
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = [](void*) { return g->clipboard.c_str(); };
  io.SetClipboardTextFn = [](void*, const char* text) {
    g->clipboard = text ? text : "";
    bp_js_copy(g->clipboard.c_str());
  };
  emscripten_set_wheel_callback(kCanvas, nullptr, EM_TRUE, on_wheel);
  bp_js_take_touch_from_glfw();
  bp_js_keys_on_canvas();
  g->reduced_motion = bp_js_reduced_motion() != 0;
  g->app.set_touch_ui(bp_js_coarse_pointer() != 0);
  emscripten_set_touchstart_callback(kCanvas, nullptr, EM_FALSE, on_touch);
  emscripten_set_touchmove_callback(kCanvas, nullptr, EM_FALSE, on_touch);
  emscripten_set_touchend_callback(kCanvas, nullptr, EM_FALSE, on_touch);
  emscripten_set_touchcancel_callback(kCanvas, nullptr, EM_FALSE, on_touch);
  emscripten_set_mousemove_callback(kCanvas, nullptr, EM_FALSE, on_mouse_move);
  emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE, on_context_lost);
  emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_FALSE, on_context_restored);
  ImGui_ImplOpenGL3_Init(kGlslVersion);

  emscripten_set_main_loop(frame, 0, true);  // does not return
  return 0;
}
